"""What the ontology entails, read once from it: the super-properties and super-classes.

The store holds these twins explicitly (a `cc:leadUnit` triple comes with its
`cc:assignedTo`), so that legal staff's plain SPARQL needs no reasoner.
"""

from __future__ import annotations

from functools import lru_cache

from rdflib import OWL, RDFS, URIRef

import ontology


@lru_cache(maxsize=1)
def entailments() -> tuple[dict[URIRef, tuple[URIRef, ...]], dict[URIRef, tuple[URIRef, ...]]]:
    """(super-properties, super-classes) of every term, transitively."""
    g = ontology.load()
    return _closure(g, RDFS.subPropertyOf), _closure(g, RDFS.subClassOf)


def _closure(g, relation: URIRef) -> dict[URIRef, tuple[URIRef, ...]]:
    direct: dict[URIRef, set[URIRef]] = {}
    for child, parent in g.subject_objects(relation):
        if isinstance(child, URIRef) and isinstance(parent, URIRef) and parent not in (OWL.Thing, child):
            direct.setdefault(child, set()).add(parent)
    closed: dict[URIRef, tuple[URIRef, ...]] = {}
    for start in direct:
        seen: set[URIRef] = set()
        todo = list(direct[start])
        while todo:
            parent = todo.pop()
            if parent not in seen:
                seen.add(parent)
                todo.extend(direct.get(parent, ()))
        closed[start] = tuple(sorted(seen))
    return closed
