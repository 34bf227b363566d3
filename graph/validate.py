"""SHACL validation of the whole store against ontology/shapes.ttl."""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox
import pyshacl
from rdflib import RDF, Graph
from rdflib.namespace import SH

import ontology
from graph.store import GraphStore


@dataclass(frozen=True)
class Report:
    conforms: bool
    text: str
    results: int


def union_graph(store: GraphStore) -> Graph:
    """Every triple of every named graph, once, as an rdflib graph."""
    triples = {ox.Triple(q.subject, q.predicate, q.object) for q in store.quads()}
    data = ox.serialize(list(triples), format=ox.RdfFormat.N_TRIPLES)
    return Graph().parse(data=data.decode("utf-8"), format="nt")


def validate(store: GraphStore) -> Report:
    """Does the store conform to the shapes? The report says where it does not."""
    conforms, results_graph, text = pyshacl.validate(union_graph(store), shacl_graph=ontology.shapes(), inference="none")
    count = len(set(results_graph.subjects(RDF.type, SH.ValidationResult)))
    return Report(bool(conforms), text, count)
