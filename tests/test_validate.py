"""`cancu validate` asks the store one SPARQL query a constraint: it must find what pyshacl
finds on the union of the store's graphs, the way the store was validated before.

A small store, split into graphs as ingest writes them (a file's graph, the shared entities,
the reference acts), is broken in one way at a time, and once in every way at the same time.
"""

from __future__ import annotations

import pytest
from rdflib import RDF, RDFS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import SH
from typer.testing import CliRunner

import ontology
from cancu.cli import app
from graph import iris
from graph.store import GraphStore, ntriples
from graph.validate import ShapeError, checks_of, found_by_pyshacl, validate

C = Namespace("https://w3id.org/cancu/ont#")
ELI = Namespace("http://data.europa.eu/eli/ontology#")
EX = Namespace("https://example.org/")
FILE_GRAPH = URIRef("https://w3id.org/cancu/graph/source/plan41-txt")

PREFIXES = """
@prefix cc:   <https://w3id.org/cancu/ont#> .
@prefix eli:  <http://data.europa.eu/eli/ontology#> .
@prefix org:  <http://www.w3.org/ns/org#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd:  <http://www.w3.org/2001/XMLSchema#> .
@prefix ex:   <https://example.org/> .
"""

# What each graph holds in a store that conforms. The shapes look across graphs: the
# plan's units are typed cc:Agency in the entities graph, the act it implements in the
# reference graph, and one unit is an agency only through an rdfs:subClassOf.
VALID = {
    FILE_GRAPH: """
ex:plan41 a cc:Plan , cc:LegalDocument ;
    cc:number "41/KH-UBND" ; eli:date_document "2025-01-15"^^xsd:date ;
    cc:docType cc:KeHoach ; cc:level cc:district ; cc:stub false ;
    cc:issuedBy ex:ubndTayHo ; cc:implements ex:qd6830 ; cc:qualifiedLink ex:ev1 ;
    cc:hasTask ex:task1 .
ex:ev1 a cc:Evidence ; cc:property cc:implements ; cc:target ex:qd6830 ; cc:method cc:stated ;
    cc:quote "Thực hiện Quyết định số 6830/QĐ-UBND" ; cc:charStart 1 ; cc:charEnd 120 ; cc:confidence 1.0 .
ex:task1 a cc:Task ;
    cc:inDocument ex:plan41 ; cc:section "IV.2" ; cc:position 1 ; cc:text "Phòng Nội vụ chủ trì …" ;
    cc:leadUnit ex:phongNoiVu ; cc:cooperatingUnit ex:hoiDong ;
    cc:assignedTo ex:phongNoiVu , ex:hoiDong ;
    cc:role cc:lead ; cc:recurrence cc:quarterly ; cc:deadline "2025-06-30"^^xsd:date ;
    cc:qualifiedLink ex:ev2 , ex:ev3 .
ex:ev2 a cc:Evidence ; cc:property cc:leadUnit ; cc:target ex:phongNoiVu ; cc:method cc:stated ; cc:confidence 0.9 .
ex:ev3 a cc:Evidence ; cc:property cc:cooperatingUnit ; cc:target ex:hoiDong ; cc:method cc:curated .
""",
    iris.ENTITIES_GRAPH: """
ex:ubndTayHo a cc:Agency , org:Organization ; rdfs:label "UBND quận Tây Hồ"@vi ;
    cc:level cc:district ; cc:unitKind cc:PeopleCommittee ; cc:jurisdiction ex:tayHo .
ex:phongNoiVu a cc:Agency ; rdfs:label "Phòng Nội vụ"@vi ; cc:unitKind cc:SpecialisedOffice ; cc:memberOf ex:phong .
ex:phong a cc:AgencyGroup , cc:Agency ; rdfs:label "Các phòng"@vi .
ex:hoiDong a ex:Council ; rdfs:label "Hội đồng thi đua"@vi .
ex:Council rdfs:subClassOf cc:Agency .
ex:tayHo a cc:AdministrativeUnit ; cc:level cc:district ; cc:code "003" ; cc:partOf ex:haNoi .
ex:haNoi a cc:AdministrativeUnit ; cc:level cc:province .
""",
    iris.REFERENCE_GRAPH: """
ex:qd6830 a cc:LegalDocument ; cc:number "6830/QĐ-UBND" ; cc:level cc:province ; cc:stub true .
""",
}


# (name, what is added to / removed from which graph, the (focus, path, component) reported)
# Each constraint component the shapes use is broken at least once.
BREAKAGES = [
    ("two numbers, in two graphs", [(iris.ENTITIES_GRAPH, "+", (EX.plan41, C.number, Literal("42/KH-UBND")))],
     (EX.plan41, C.number, SH.MaxCountConstraintComponent)),
    ("a date that is text", [(FILE_GRAPH, "=", (EX.plan41, ELI.date_document, Literal("15/01/2025")))],
     (EX.plan41, ELI.date_document, SH.DatatypeConstraintComponent)),
    ("a date that is no day", [(FILE_GRAPH, "=", (EX.plan41, ELI.date_document, Literal("2025-02-30", datatype=XSD.date)))],
     (EX.plan41, ELI.date_document, SH.DatatypeConstraintComponent)),
    ("a level outside its scheme", [(FILE_GRAPH, "=", (EX.plan41, C.level, C.quarterly))],
     (EX.plan41, C.level, SH.InConstraintComponent)),
    ("a document type outside its scheme", [(FILE_GRAPH, "=", (EX.plan41, C.docType, C.lead))],
     (EX.plan41, C.docType, SH.InConstraintComponent)),
    ("a stub flag that is text", [(iris.REFERENCE_GRAPH, "=", (EX.qd6830, C.stub, Literal("yes")))],
     (EX.qd6830, C.stub, SH.DatatypeConstraintComponent)),
    ("an issuer typed nowhere", [(FILE_GRAPH, "=", (EX.plan41, C.issuedBy, EX.nobody))],
     (EX.plan41, C.issuedBy, SH["ClassConstraintComponent"])),
    ("a task that is a text", [(FILE_GRAPH, "+", (EX.plan41, C.hasTask, Literal("task 2")))],
     (EX.plan41, C.hasTask, SH["ClassConstraintComponent"])),
    ("a task without its document", [(FILE_GRAPH, "-", (EX.task1, C.inDocument, EX.plan41))],
     (EX.task1, C.inDocument, SH.MinCountConstraintComponent)),
    ("a task of a subclass, assigned to nobody",
     [(iris.ENTITIES_GRAPH, "+", (EX.Duty, RDFS.subClassOf, C.Task)), (FILE_GRAPH, "+", (EX.duty, RDF.type, EX.Duty))],
     (EX.duty, C.assignedTo, SH.MinCountConstraintComponent)),
    ("a deadline that is no day", [(FILE_GRAPH, "=", (EX.task1, C.deadline, Literal("2025-13-45", datatype=XSD.date)))],
     (EX.task1, C.deadline, SH.DatatypeConstraintComponent)),
    ("a recurrence outside its scheme", [(FILE_GRAPH, "=", (EX.task1, C.recurrence, C.central))],
     (EX.task1, C.recurrence, SH.InConstraintComponent)),
    ("two roles", [(FILE_GRAPH, "+", (EX.task1, C.role, C.cooperate))],
     (EX.task1, C.role, SH.MaxCountConstraintComponent)),
    ("a position that is text", [(FILE_GRAPH, "=", (EX.task1, C.position, Literal("1")))],
     (EX.task1, C.position, SH.DatatypeConstraintComponent)),
    ("an agency without a label", [(iris.ENTITIES_GRAPH, "-", (EX.ubndTayHo, RDFS.label, None))],
     (EX.ubndTayHo, RDFS.label, SH.MinCountConstraintComponent)),
    ("a unit kind outside its scheme", [(iris.ENTITIES_GRAPH, "=", (EX.phongNoiVu, C.unitKind, C.annual))],
     (EX.phongNoiVu, C.unitKind, SH.InConstraintComponent)),
    ("a jurisdiction that is an agency", [(iris.ENTITIES_GRAPH, "=", (EX.ubndTayHo, C.jurisdiction, EX.phongNoiVu))],
     (EX.ubndTayHo, C.jurisdiction, SH["ClassConstraintComponent"])),
    ("a group that is an agency only", [(iris.ENTITIES_GRAPH, "=", (EX.phongNoiVu, C.memberOf, EX.ubndTayHo))],
     (EX.phongNoiVu, C.memberOf, SH["ClassConstraintComponent"])),
    ("a territory part of an agency", [(iris.ENTITIES_GRAPH, "=", (EX.tayHo, C.partOf, EX.ubndTayHo))],
     (EX.tayHo, C.partOf, SH["ClassConstraintComponent"])),
    ("a code that is a number", [(iris.ENTITIES_GRAPH, "=", (EX.tayHo, C.code, Literal(3)))],
     (EX.tayHo, C.code, SH.DatatypeConstraintComponent)),
    ("a property named by text", [(FILE_GRAPH, "=", (EX.ev3, C.property, Literal("cooperatingUnit")))],
     (EX.ev3, C.property, SH.NodeKindConstraintComponent)),
    ("evidence without a target", [(FILE_GRAPH, "-", (EX.ev2, C.target, EX.phongNoiVu))],
     (EX.ev2, C.target, SH.MinCountConstraintComponent)),
    ("a method outside its scheme", [(FILE_GRAPH, "=", (EX.ev2, C.method, C.lead))],
     (EX.ev2, C.method, SH.InConstraintComponent)),
    ("a confidence above one", [(FILE_GRAPH, "=", (EX.ev2, C.confidence, Literal("1.5", datatype=XSD.decimal)))],
     (EX.ev2, C.confidence, SH.MaxInclusiveConstraintComponent)),
    ("a confidence below zero", [(FILE_GRAPH, "=", (EX.ev2, C.confidence, Literal("-0.5", datatype=XSD.decimal)))],
     (EX.ev2, C.confidence, SH.MinInclusiveConstraintComponent)),
    ("a confidence that is text", [(FILE_GRAPH, "=", (EX.ev2, C.confidence, Literal("high")))],
     (EX.ev2, C.confidence, SH.MaxInclusiveConstraintComponent)),
    ("a confidence as a double", [(FILE_GRAPH, "=", (EX.ev2, C.confidence, Literal(0.9)))],
     (EX.ev2, C.confidence, SH.DatatypeConstraintComponent)),
    ("a quote starting before the text", [(FILE_GRAPH, "=", (EX.ev1, C.charStart, Literal(-1)))],
     (EX.ev1, C.charStart, SH.MinInclusiveConstraintComponent)),
    ("a quote ending before it starts", [(FILE_GRAPH, "=", (EX.ev1, C.charStart, Literal(200)))],
     (EX.ev1, C.charStart, SH.LessThanOrEqualsConstraintComponent)),
    ("a link without evidence", [(iris.ENTITIES_GRAPH, "+", (EX.plan41, C.basedOn, EX.qd6830))],
     (EX.plan41, C.basedOn, SH.SPARQLConstraintComponent)),
    ("evidence for another target", [(FILE_GRAPH, "=", (EX.ev1, C.target, EX.somethingElse))],
     (EX.plan41, C.implements, SH.SPARQLConstraintComponent)),
    ("an assignment whose lead has no evidence", [(FILE_GRAPH, "+", (EX.task1, C.assignedTo, EX.ubndTayHo))],
     (EX.task1, C.assignedTo, SH.SPARQLConstraintComponent)),
    ("evidence that is not typed cc:Evidence", [(FILE_GRAPH, "-", (EX.ev2, RDF.type, C.Evidence))],
     (EX.task1, C.leadUnit, SH.SPARQLConstraintComponent)),
]


def _graphs(changes=()) -> dict[URIRef, Graph]:
    graphs = {name: Graph().parse(data=PREFIXES + text, format="turtle") for name, text in VALID.items()}
    for name, how, (s, p, o) in changes:
        if how in "-=":
            graphs[name].remove((s, p, None if how == "=" else o))
        if how in "+=":
            graphs[name].add((s, p, o))
    return graphs


def _store(tmp_path, graphs: dict[URIRef, Graph]) -> GraphStore:
    store = GraphStore(tmp_path / "store")
    for name, graph in graphs.items():
        store.add_ntriples(name, ntriples(graph))
    return store


def _found(report) -> set[tuple[str, str | None, str | None, str]]:
    return {v.key() for v in report.violations}


def test_the_valid_store_conforms_for_both(tmp_path):
    store = _store(tmp_path, _graphs())
    report = validate(store)
    assert report.conforms and report.results == 0 and report.text == ""
    assert found_by_pyshacl(store) == set()


@pytest.mark.parametrize("name, changes, expected", BREAKAGES, ids=[b[0] for b in BREAKAGES])
def test_each_breakage_is_found_as_pyshacl_finds_it(tmp_path, name, changes, expected):
    store = _store(tmp_path, _graphs(changes))
    report = validate(store)
    focus, path, component = expected
    assert not report.conforms
    assert (focus.n3(), str(path), str(component)) in {(f, p, c) for f, p, _v, c in _found(report)}
    assert _found(report) == found_by_pyshacl(store)


def test_every_breakage_at_once_is_found_as_pyshacl_finds_it(tmp_path):
    store = _store(tmp_path, _graphs([change for _name, changes, _expected in BREAKAGES for change in changes]))
    report = validate(store)
    found = _found(report)
    assert found == found_by_pyshacl(store)
    assert report.results == len(found) == len(report.text.splitlines())


def test_the_breakages_cover_every_constraint_component_the_shapes_use():
    used = {check.component for check in checks_of(ontology.shapes())}
    assert used == {str(expected[2]) for _name, _changes, expected in BREAKAGES}


def test_every_constraint_of_the_shapes_becomes_one_query():
    shapes = ontology.shapes()
    constraints = {SH.minCount, SH.maxCount, SH.datatype, SH["in"], SH["class"], SH.nodeKind,
                   SH.minInclusive, SH.maxInclusive, SH.lessThanOrEquals}
    expected = sum(1 for prop in shapes.objects(None, SH.property) for p, _o in shapes.predicate_objects(prop)
                   if p in constraints) + len(list(shapes.objects(None, SH.sparql)))
    assert len(checks_of(shapes)) == expected


UNCHECKED = [
    ("a disjunction", "ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:or ( ex:A ex:B ) ."),
    ("a path of two steps", "ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property [ sh:path ( ex:p ex:q ) ; sh:minCount 1 ] ."),
    ("a nested shape", "ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property [ sh:path ex:p ; sh:node ex:T ] ."),
    ("a property shape with its own target", "ex:S a sh:PropertyShape ; sh:targetClass ex:C ; sh:path ex:p ; sh:minCount 1 ."),
    ("a SPARQL constraint using $PATH",
     'ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:sparql [ sh:select "SELECT $this WHERE { $this $PATH ?v }" ] .'),
]


def _shapes(turtle: str) -> Graph:
    return Graph().parse(data="@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <https://example.org/> .\n"
                         + turtle, format="turtle")


@pytest.mark.parametrize("name, turtle", UNCHECKED, ids=[u[0] for u in UNCHECKED])
def test_a_shape_using_what_is_not_translated_is_refused(name, turtle):
    with pytest.raises(ShapeError):
        checks_of(_shapes(turtle))


def test_a_deactivated_shape_or_constraint_is_not_checked():
    shapes = _shapes("""
        ex:Off a sh:NodeShape ; sh:targetClass ex:C ; sh:deactivated true ; sh:property [ sh:path ex:p ; sh:minCount 1 ] .
        ex:On a sh:NodeShape ; sh:targetClass ex:C ;
            sh:property [ sh:path ex:q ; sh:minCount 1 ] , [ sh:path ex:r ; sh:minCount 1 ; sh:deactivated true ] .
    """)
    assert [(check.shape, check.path) for check in checks_of(shapes)] == [(str(EX.On), str(EX.q))]


def test_progress_is_told_of_each_constraint(tmp_path):
    store = _store(tmp_path, _graphs())
    told = []
    validate(store, progress=lambda done, total: told.append((done, total)))
    total = len(checks_of(ontology.shapes()))
    assert told == [(done, total) for done in range(1, total + 1)]


def test_the_command_lists_each_problem_and_exits_1(tmp_path):
    store = _store(tmp_path, _graphs([BREAKAGES[0][1][0]]))
    store.flush()
    del store  # the command opens the folder itself
    result = CliRunner().invoke(app, ["validate", "--store", str(tmp_path / "store")])
    assert result.exit_code == 1
    assert "<https://example.org/plan41> cc:number: A document has at most one printed number" in result.stdout
    assert "Found: " in result.stdout and "42/KH-UBND" in result.stdout
    assert "1 problem(s)" in result.stderr
