"""The named SPARQL queries: one `.rq` file each, loaded by name, parameters bound.

Each file opens with comment lines that describe it:

    # name: trace
    # vi: Chuỗi căn cứ từ một nhiệm vụ lên đến văn bản của Trung ương
    # en: The chain from a task up to the central documents it carries out
    # param task: the task's IRI | https://w3id.org/cancu/id/…/task/1

Parameters are bound as variables (pyoxigraph substitutions), never pasted
into the query text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


@dataclass(frozen=True)
class Parameter:
    name: str
    description: str
    example: str


@dataclass(frozen=True)
class NamedQuery:
    name: str
    description_vi: str
    description_en: str
    parameters: tuple[Parameter, ...]
    text: str


def names() -> list[str]:
    """The names of all shipped queries, sorted."""
    return sorted(p.name[:-3] for p in resources.files(__name__).iterdir() if p.name.endswith(".rq"))


@lru_cache(maxsize=None)
def get(name: str) -> NamedQuery:
    """The query called `name`; KeyError naming the known ones if there is none."""
    path = resources.files(__name__) / f"{name}.rq"
    if not path.is_file():
        raise KeyError(f"no query named '{name}'; known queries: {', '.join(names())}")
    text = path.read_text(encoding="utf-8")
    return _parse(name, text)


def bindings(query: NamedQuery, given: dict[str, str]) -> dict[str, object]:
    """The parameters to bind: those given, else each parameter's example.

    An IRI (http…) is bound as an IRI, anything else as a plain literal; a
    parameter the query does not declare is an error naming the known ones.
    """
    from rdflib import Literal, URIRef

    known = {p.name: p for p in query.parameters}
    unknown = sorted(set(given) - set(known))
    if unknown:
        raise KeyError(f"query '{query.name}' has no parameter '{unknown[0]}'; its parameters: {', '.join(known) or 'none'}")
    values = {name: given.get(name, p.example) for name, p in known.items()}
    return {k: URIRef(v) if v.startswith(("http://", "https://")) else Literal(v) for k, v in values.items()}


def _parse(name: str, text: str) -> NamedQuery:
    header: dict[str, str] = {}
    params: list[Parameter] = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        m = re.match(r"#\s*param\s+(\w+)\s*:\s*(.*?)\s*\|\s*(.*)$", line)
        if m:
            params.append(Parameter(m.group(1), m.group(2), m.group(3).strip()))
            continue
        m = re.match(r"#\s*(\w+)\s*:\s*(.*)$", line)
        if m:
            header[m.group(1)] = m.group(2).strip()
    return NamedQuery(name, header.get("vi", ""), header.get("en", ""), tuple(params), text)
