"""Export: the store, or one source file's graph, in a standard RDF format."""

from __future__ import annotations

import pyoxigraph as ox

from pathlib import Path

from rdflib import URIRef

from graph import iris
from graph.store import GraphStore

_FORMATS = {"nquads": ox.RdfFormat.N_QUADS, "turtle": ox.RdfFormat.TURTLE, "jsonld": None}


def export(store: GraphStore, fmt: str, *, document: str | None = None) -> bytes:
    """The quads (N-Quads) or triples (Turtle, JSON-LD) of the store or of one source file's graph."""
    graph = _source_graph(store, document) if document else None
    quads = list(store.quads(graph))
    if fmt == "nquads":
        return ox.serialize(quads, format=ox.RdfFormat.N_QUADS)
    triples = {ox.Triple(q.subject, q.predicate, q.object) for q in quads}
    if fmt == "turtle":
        return ox.serialize(sorted(triples, key=str), format=ox.RdfFormat.TURTLE, prefixes=_PREFIXES)
    from rdflib import Graph

    g = Graph().parse(data=ox.serialize(list(triples), format=ox.RdfFormat.N_TRIPLES).decode("utf-8"), format="nt")
    for prefix, iri in _PREFIXES.items():
        g.bind(prefix, iri)
    return g.serialize(format="json-ld").encode("utf-8")


_PREFIXES = {
    "cc": "https://w3id.org/cancu/ont#",
    "id": "https://w3id.org/cancu/id/",
    "eli": "http://data.europa.eu/eli/ontology#",
    "org": "http://www.w3.org/ns/org#",
    "prov": "http://www.w3.org/ns/prov#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}


def _source_graph(store: GraphStore, document: str) -> URIRef:
    """The named graph of the ingested file called `document` (its file name)."""
    prefix = str(iris.GRAPHS[f"source/{iris.slug(Path(document).name)}-"])
    found = [name for name in store.graph_names() if name.startswith(prefix)]
    if not found:
        raise LookupError(f"no ingested file called '{document}'; ingest it first (cancu ingest FILE)")
    if len(found) > 1:
        raise LookupError(f"{len(found)} ingested files are called '{document}' (in different folders)")
    return URIRef(found[0])
