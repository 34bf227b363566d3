"""The cancu ontology: its shipped files and its closed namespaces.

``cancu.ttl`` (OWL 2) is the source of truth, ``shapes.ttl`` holds the SHACL
shapes for data graphs, and ``terms.py`` is generated from ``cancu.ttl``.

>>> from rdflib.namespace import RDFS
>>> from ontology import CC, load
>>> (CC.Plan, RDFS.subClassOf, CC.LegalDocument) in load()
True
>>> path("shapes.ttl").name
'shapes.ttl'
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import Graph

if TYPE_CHECKING:  # pragma: no cover - for type checkers only
    from .terms import CC, ELI

__all__ = ["CC", "ELI", "load", "path", "shapes"]


def path(name: str) -> Path:
    """Return the path of a file shipped in this package, e.g. ``"cancu.ttl"``.

    Raises FileNotFoundError naming the file if the package has no such file.

    >>> path("cancu.ttl").suffix
    '.ttl'
    """
    resource = files(__name__).joinpath(name)
    if not resource.is_file():
        raise FileNotFoundError(f"ontology/{name}: no such file in the ontology package")
    # Wheels install unzipped, so the resource is a real file on disk.
    return Path(str(resource))


def load() -> Graph:
    """Parse cancu.ttl into a new graph (a fresh one each call: graphs are mutable)."""
    return Graph().parse(path("cancu.ttl"), format="turtle")


def shapes() -> Graph:
    """Parse shapes.ttl, the SHACL shapes for cancu data graphs, into a new graph."""
    return Graph().parse(path("shapes.ttl"), format="turtle")


def __getattr__(name: str):
    """Import CC and ELI lazily from the generated terms.py.

    Lazily, so that ``python -m ontology.generate`` still runs when terms.py is
    missing or broken: that command is how terms.py gets repaired.
    """
    if name in ("CC", "ELI"):
        from . import terms

        return getattr(terms, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
