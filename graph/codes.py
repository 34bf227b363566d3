"""The extraction's codes ("central", "lead", "quarterly", "stated" …) ⇄ the ontology's concepts.

The ontology gives each concept of its code lists (levels, roles, recurrences,
methods, unit kinds) a `skos:notation` equal to the code the extraction uses,
so the mapping is read from the ontology instead of being written out again.

>>> concept("Levels", "central") == CC.central, code(CC.quarterly)
(True, 'quarterly')
>>> local_name("https://w3id.org/cancu/ont#implements")
'implements'
"""

from __future__ import annotations

from functools import lru_cache

from rdflib import SKOS, URIRef

import ontology
from ontology import CC


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[tuple[str, str], URIRef], dict[str, str]]:
    g = ontology.load()
    by_code: dict[tuple[str, str], URIRef] = {}
    by_concept: dict[str, str] = {}
    for concept, notation in g.subject_objects(SKOS.notation):
        for scheme in g.objects(concept, SKOS.inScheme):
            by_code[(local_name(str(scheme)), str(notation))] = URIRef(concept)
        by_concept[str(concept)] = str(notation)
    return by_code, by_concept


def concept(scheme: str, value: str) -> URIRef:
    """The concept of `scheme` (Levels, Roles, Recurrences, Methods, UnitKinds) whose code is `value`."""
    try:
        return _tables()[0][(scheme, value)]
    except KeyError:
        raise KeyError(f"no concept with code {value!r} in cc:{scheme}") from None


def code(iri: str | URIRef | None) -> str | None:
    """The code of a concept IRI ("https://…#central" → "central"); None for None."""
    if iri is None:
        return None
    return _tables()[1].get(str(iri))


def local_name(iri: str | None) -> str | None:
    """The last part of an IRI: what follows '#' or the last '/'."""
    if iri is None:
        return None
    return iri.rsplit("#", 1)[-1] if "#" in iri else iri.rsplit("/", 1)[-1]


__all__ = ["CC", "code", "concept", "local_name"]
