"""Tests of the cancu ontology (cancu.ttl), its SHACL shapes and terms.py.

The public vocabulary of shared/spec/vocabulary.md is hard-coded below rather
than parsed from the spec: the tests must pass in a clean clone where
../shared is absent. Test IRIs are built with plain rdflib namespaces, not
with the generated CC, so that a stale terms.py cannot hide a missing term.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import ORG, OWL, PROV, RDF, RDFS, SKOS, XSD

import ontology
from ontology import generate

C = Namespace("https://w3id.org/cancu/ont#")
E = Namespace("http://data.europa.eu/eli/ontology#")
SDO = Namespace("https://schema.org/")
SH = Namespace("http://www.w3.org/ns/shacl#")
SHAPES = Namespace("https://w3id.org/cancu/shapes#")
EX = Namespace("https://example.org/")

CLASS, OBJ, DATA = OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty
CONCEPT = SKOS.Concept


@pytest.fixture(scope="module")
def onto() -> Graph:
    """The ontology graph, parsed once for the module."""
    return ontology.load()


# --------------------------------------------------------------------------
# The public vocabulary (vocabulary.md), as data
# --------------------------------------------------------------------------

# (term, the OWL/SKOS type that declares it). Tables "Classes" and
# "Properties", the Level members, and the terms of the "Evidence" section.
SPEC_TERMS = [
    (C.LegalDocument, CLASS),
    (C.Plan, CLASS),
    (C.Task, CLASS),
    (C.Agency, CLASS),
    (C.AdministrativeUnit, CLASS),
    (C.Level, CLASS),
    (C.central, CONCEPT),
    (C.province, CONCEPT),
    (C.district, CONCEPT),
    (C.commune, CONCEPT),
    (C.number, DATA),
    (C.docType, OBJ),
    (E.date_document, DATA),
    (C.issuedBy, OBJ),
    (C.implements, OBJ),
    (C.basedOn, OBJ),
    (C.cites, OBJ),
    (C.hasTask, OBJ),
    (C.inDocument, OBJ),
    (C.assignedTo, OBJ),
    (C.leadUnit, OBJ),
    (C.cooperatingUnit, OBJ),
    (C.deadline, DATA),
    (C.recurrence, OBJ),
    (C.derivedFrom, OBJ),
    (C.jurisdiction, OBJ),
    (ORG.subOrganizationOf, OBJ),
    (C.partOf, OBJ),
    (C.level, OBJ),
    (C.stub, DATA),
    (C.Evidence, CLASS),
    (C.qualifiedLink, OBJ),
    (C.property, OBJ),
    (C.target, OBJ),
    (C.method, OBJ),
    (C.stated, CONCEPT),
    (C.curated, CONCEPT),
    (C.inferred, CONCEPT),
    (C.quote, DATA),
    (C.charStart, DATA),
    (C.charEnd, DATA),
    (C.confidence, DATA),
    (PROV.hadPrimarySource, OBJ),
]

# Axioms the spec states: sub-classes, sub-properties, inverses, domains, ranges.
SPEC_AXIOMS = [
    (C.LegalDocument, RDFS.subClassOf, E.LegalResource),
    (C.Plan, RDFS.subClassOf, C.LegalDocument),
    (C.Agency, RDFS.subClassOf, ORG.Organization),
    (C.Level, RDFS.subClassOf, SKOS.Concept),
    (C.issuedBy, RDFS.subPropertyOf, E.passed_by),
    (C.implements, RDFS.subPropertyOf, E.ensures_implementation_of),
    (C.basedOn, RDFS.subPropertyOf, E.based_on),
    (C.cites, RDFS.subPropertyOf, E.cites),
    (C.leadUnit, RDFS.subPropertyOf, C.assignedTo),
    (C.cooperatingUnit, RDFS.subPropertyOf, C.assignedTo),
    (C.derivedFrom, RDFS.subPropertyOf, PROV.wasDerivedFrom),
    (C.hasTask, OWL.inverseOf, C.inDocument),
    (C.number, RDFS.domain, C.LegalDocument),
    (C.number, RDFS.range, XSD.string),
    (C.docType, RDFS.domain, C.LegalDocument),
    (C.docType, RDFS.range, SKOS.Concept),
    (E.date_document, RDFS.range, XSD.date),
    (C.issuedBy, RDFS.domain, C.LegalDocument),
    (C.issuedBy, RDFS.range, C.Agency),
    (C.implements, RDFS.domain, C.LegalDocument),
    (C.implements, RDFS.range, C.LegalDocument),
    (C.basedOn, RDFS.domain, C.LegalDocument),
    (C.basedOn, RDFS.range, C.LegalDocument),
    (C.cites, RDFS.domain, C.LegalDocument),
    (C.cites, RDFS.range, C.LegalDocument),
    (C.hasTask, RDFS.domain, C.LegalDocument),
    (C.hasTask, RDFS.range, C.Task),
    (C.inDocument, RDFS.domain, C.Task),
    (C.inDocument, RDFS.range, C.LegalDocument),
    (C.assignedTo, RDFS.domain, C.Task),
    (C.assignedTo, RDFS.range, C.Agency),
    (C.leadUnit, RDFS.range, C.Agency),
    (C.cooperatingUnit, RDFS.range, C.Agency),
    (C.deadline, RDFS.domain, C.Task),
    (C.deadline, RDFS.range, XSD.date),
    (C.recurrence, RDFS.domain, C.Task),
    (C.recurrence, RDFS.range, SKOS.Concept),
    (C.derivedFrom, RDFS.domain, C.Task),
    (C.derivedFrom, RDFS.range, C.Task),
    (C.jurisdiction, RDFS.domain, C.Agency),
    (C.jurisdiction, RDFS.range, C.AdministrativeUnit),
    (C.partOf, RDFS.domain, C.AdministrativeUnit),
    (C.partOf, RDFS.range, C.AdministrativeUnit),
    (C.level, RDFS.range, C.Level),
    (C.stub, RDFS.domain, C.LegalDocument),
    (C.stub, RDFS.range, XSD.boolean),
    (C.Levels, RDF.type, SKOS.ConceptScheme),
    # Additions the graph builder is written against (the brief's list).
    (C.AgencyGroup, RDFS.subClassOf, C.Agency),
    (C.Method, RDFS.subClassOf, SKOS.Concept),
    (C.replaces, RDFS.subPropertyOf, E.changes),
    (C.replaces, RDFS.domain, C.LegalDocument),
    (C.replaces, RDFS.range, C.LegalDocument),
    (C.qualifiedLink, RDFS.range, C.Evidence),
    (C.property, RDFS.range, RDF.Property),
    (C.method, RDFS.range, C.Method),
    (C.charStart, RDFS.range, XSD.integer),
    (C.charEnd, RDFS.range, XSD.integer),
    (C.confidence, RDFS.range, XSD.decimal),
    (C.role, RDFS.range, C.Role),
    (C.position, RDFS.range, XSD.integer),
    (C.yearInScope, RDFS.range, XSD.integer),
    (C.requestedNotAssigned, RDFS.range, XSD.boolean),
    (C.unitKind, RDFS.range, C.UnitKind),
    (C.memberOf, RDFS.range, C.AgencyGroup),
    (C.successor, RDFS.domain, C.AdministrativeUnit),
    (C.successor, RDFS.range, C.AdministrativeUnit),
    (C.reformArea, RDFS.range, C.ReformArea),
    (C.indicator, RDFS.range, C.Indicator),
    (C.Task, RDFS.subClassOf, SDO.Action),
]

# Terms the graph builder uses beyond the spec's minimum (exact local names).
BUILDER_TERMS = [
    (C.Method, CLASS), (C.Role, CLASS), (C.Recurrence, CLASS), (C.DocumentType, CLASS),
    (C.UnitKind, CLASS), (C.AgencyGroup, CLASS), (C.ReformArea, CLASS), (C.Indicator, CLASS),
    (C.rule, DATA), (C.assertedBy, DATA), (C.note, DATA),
    (C.text, DATA), (C.section, DATA), (C.role, OBJ), (C.quantity, DATA),
    (C.requestedNotAssigned, DATA), (C.unitName, DATA), (C.position, DATA),
    (C.title, DATA), (C.place, DATA), (C.yearInScope, DATA), (C.signer, DATA),
    (C.signerTitle, DATA), (C.sourceFile, DATA), (C.contentHash, DATA), (C.recipient, DATA),
    (C.replaces, OBJ), (C.unitKind, OBJ), (C.memberOf, OBJ), (C.successor, OBJ),
    (C.code, DATA), (C.reformArea, OBJ), (C.indicator, OBJ),
]

# Code lists: (scheme, class of its members, members).
CODE_LISTS = [
    (C.Levels, C.Level, ["central", "province", "district", "commune"]),
    (C.Methods, C.Method, ["stated", "curated", "inferred"]),
    (C.Roles, C.Role, ["lead", "cooperate", "execute", "report", "propose"]),
    (C.Recurrences, C.Recurrence,
     ["noRecurrence", "monthly", "quarterly", "semiannual", "annual", "periodic"]),
    (C.DocumentTypes, C.DocumentType,
     ["NghiQuyet", "ChiThi", "QuyetDinh", "KeHoach", "NghiDinh", "ThongTu", "ChuongTrinh",
      "KetLuan", "CongVan", "Luat", "DeAn", "QuyTac", "HuongDan", "ThongBao", "BaoCao",
      "QuyDinh", "QuyChe", "PhapLenh", "VanBan"]),
    (C.UnitKinds, C.UnitKind,
     ["SpecialisedOffice", "PeopleCommittee", "PublicServiceUnit", "PartyBody",
      "FrontAndMassOrg", "OtherUnit"]),
    (C.ReformAreas, C.ReformArea,
     ["institutionalReform", "administrativeProcedureReform", "apparatusReform",
      "civilServiceReform", "publicFinanceReform", "digitalGovernment"]),
    (C.Indicators, C.Indicator, ["PARINDEX", "SIPAS", "PAPI", "PCI", "DTI"]),
]

# Document types and the code printed in document numbers.
DOCUMENT_TYPE_CODES = [
    ("NghiQuyet", "NQ"), ("ChiThi", "CT"), ("QuyetDinh", "QĐ"), ("KeHoach", "KH"),
    ("NghiDinh", "NĐ"), ("ThongTu", "TT"), ("ChuongTrinh", "CTr"), ("KetLuan", "KL"),
    ("CongVan", "CV"), ("Luat", "Luật"), ("DeAn", "ĐA"), ("QuyTac", "Quy tắc"),
    ("HuongDan", "HD"), ("ThongBao", "TB"), ("BaoCao", "BC"), ("QuyDinh", "QĐi"),
    ("QuyChe", "QC"), ("PhapLenh", "PL"),
]


def languages(graph: Graph, term: URIRef, predicate: URIRef) -> set[str]:
    """The language tags of the ``predicate`` literals on ``term``."""
    return {o.language for o in graph.objects(term, predicate) if isinstance(o, Literal)} - {None}


def missing_labels(graph: Graph, term: URIRef) -> list[str]:
    """Which of rdfs:label / rdfs:comment in vi / en ``term`` lacks, as 'label@vi'."""
    return [
        f"{name}@{lang}"
        for name, predicate in (("label", RDFS.label), ("comment", RDFS.comment))
        for lang in ("vi", "en")
        if lang not in languages(graph, term, predicate)
    ]


@pytest.mark.parametrize("term, declaring_type", SPEC_TERMS + BUILDER_TERMS, ids=str)
def test_term_declared_and_labelled(onto, term, declaring_type):
    assert (term, RDF.type, declaring_type) in onto, f"{term} is not declared a {declaring_type}"
    assert missing_labels(onto, term) == []


@pytest.mark.parametrize("triple", SPEC_AXIOMS, ids=lambda t: " ".join(x.n3() for x in t))
def test_spec_axiom(onto, triple):
    assert triple in onto


def test_level_domain_is_the_union_of_agency_unit_and_document(onto):
    domain = onto.value(C.level, RDFS.domain)
    members = set(Collection(onto, onto.value(domain, OWL.unionOf)))
    assert members == {C.Agency, C.AdministrativeUnit, C.LegalDocument}


def cc_iris(graph: Graph) -> set[URIRef]:
    """Every IRI in the cc namespace that the graph mentions, in any position."""
    return {n for t in graph for n in t if isinstance(n, URIRef) and n.startswith(str(C))}


def test_every_cc_term_is_labelled_in_vi_and_en(onto):
    gaps = {str(t): missing_labels(onto, t) for t in cc_iris(onto) if missing_labels(onto, t)}
    assert gaps == {}


def test_every_cc_iri_used_is_declared(onto):
    """A misspelt cc IRI in the Turtle would be used but never declared."""
    undeclared = {str(t) for t in cc_iris(onto) if generate.kind_of(onto, t) is None}
    assert undeclared == set()


@pytest.mark.parametrize(
    "scheme, cls, members", CODE_LISTS, ids=lambda x: getattr(x, "fragment", None)
)
def test_code_list(onto, scheme, cls, members):
    assert (scheme, RDF.type, SKOS.ConceptScheme) in onto
    assert (cls, RDFS.subClassOf, SKOS.Concept) in onto
    in_scheme = set(onto.subjects(SKOS.inScheme, scheme))
    assert in_scheme == {C[m] for m in members}
    for member in in_scheme:
        # Typed three ways because the store does not reason (see cancu.ttl).
        for declared_type in (cls, SKOS.Concept, OWL.NamedIndividual):
            assert (member, RDF.type, declared_type) in onto, f"{member} is not a {declared_type}"


@pytest.mark.parametrize("name, code", DOCUMENT_TYPE_CODES)
def test_document_type_notation_and_pref_labels(onto, name, code):
    assert (C[name], SKOS.notation, Literal(code)) in onto
    assert languages(onto, C[name], SKOS.prefLabel) >= {"vi", "en"}


def test_ontology_header(onto):
    header = URIRef("https://w3id.org/cancu/ont")
    assert (header, RDF.type, OWL.Ontology) in onto
    assert onto.value(header, OWL.versionInfo) is not None
    from rdflib.namespace import DCTERMS

    assert languages(onto, header, DCTERMS.title) >= {"vi", "en"}
    assert languages(onto, header, DCTERMS.description) >= {"vi", "en"}


# --------------------------------------------------------------------------
# terms.py: generated, closed, up to date
# --------------------------------------------------------------------------


def test_terms_py_is_up_to_date():
    assert generate.check() == [], "run `python -m ontology.generate`"


def test_check_reports_a_stale_file(tmp_path):
    stale = tmp_path / "terms.py"
    text = generate.generate().replace("    implements: URIRef", "    implemnts: URIRef")
    stale.write_text(text, encoding="utf-8")
    diff = generate.check(stale)
    assert any(line.startswith("-    implemnts") for line in diff)
    assert any(line.startswith("+    implements") for line in diff)


def test_terms_list_every_declared_term(onto):
    declared = {t for t in cc_iris(onto) if generate.kind_of(onto, t)}
    assert set(dir(ontology.CC)) == declared


def test_closed_namespaces_resolve_and_refuse_typos():
    assert ontology.CC.implements == C.implements
    assert ontology.ELI.passed_by == E.passed_by
    with pytest.raises(AttributeError):
        ontology.CC.implemnts  # noqa: B018 - the lookup is the test
    with pytest.raises(AttributeError):
        ontology.ELI.pased_by  # noqa: B018


def test_eli_lists_the_terms_the_ontology_uses():
    expected = {E[name] for name in ("LegalResource", "passed_by", "ensures_implementation_of",
                                     "based_on", "cites", "changes", "date_document")}
    assert set(dir(ontology.ELI)) == expected


@pytest.mark.parametrize("name", ["cancu.ttl", "shapes.ttl"])
def test_pyoxigraph_reads_the_same_triples(name):
    """The store is pyoxigraph: it must read the Turtle exactly as rdflib does."""
    import pyoxigraph

    store = pyoxigraph.Store()
    store.load(path=str(ontology.path(name)), format=pyoxigraph.RdfFormat.TURTLE)
    assert len(store) == len(Graph().parse(ontology.path(name), format="turtle"))


def test_shipped_paths():
    assert ontology.path("cancu.ttl").is_file()
    assert ontology.path("shapes.ttl").is_file()
    with pytest.raises(FileNotFoundError, match="nope.ttl"):
        ontology.path("nope.ttl")


# --------------------------------------------------------------------------
# OWL 2 reasoning: HermiT via owlready2
# --------------------------------------------------------------------------


def java_or_skip() -> str:
    """Return the java executable; without one skip, except in CI where we fail."""
    java = shutil.which("java") or ("/usr/bin/java" if os.path.exists("/usr/bin/java") else None)
    if java:
        return java
    reason = "no Java runtime: HermiT needs one (apt-get install openjdk-17-jre-headless)"
    if os.environ.get("CI") == "true":
        pytest.fail(reason + "; CI=true, so this test may not be skipped")
    pytest.skip(reason)


def run_hermit(graph: Graph, workdir: Path) -> list:
    """Run HermiT on ``graph``; return the unsatisfiable classes.

    Raises owlready2's OwlReadyInconsistentOntologyError if inconsistent.
    owlready2 cannot read Turtle, so the graph goes through N-Triples.
    xsd:date (eli:date_document, cc:deadline) is outside the OWL 2 datatype
    map, hence ignore_unsupported_datatypes: HermiT would refuse it otherwise.
    """
    import owlready2

    owlready2.JAVA_EXE = java_or_skip()
    nt = workdir / "cancu.nt"
    graph.serialize(nt, format="nt", encoding="utf-8")
    world = owlready2.World()
    world.get_ontology(nt.as_uri()).load()
    owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0,
                                   ignore_unsupported_datatypes=True)
    return list(world.inconsistent_classes())


def test_hermit_finds_the_ontology_consistent(onto, tmp_path):
    assert run_hermit(onto, tmp_path) == []


def test_hermit_catches_an_inconsistency(onto, tmp_path):
    """The check above can fail: a task that is also an agency is refused."""
    from owlready2 import OwlReadyInconsistentOntologyError

    broken = Graph() + onto
    broken.add((EX.bothTaskAndAgency, RDF.type, C.Task))
    broken.add((EX.bothTaskAndAgency, RDF.type, C.Agency))
    with pytest.raises(OwlReadyInconsistentOntologyError):
        run_hermit(broken, tmp_path)


# --------------------------------------------------------------------------
# SHACL shapes
# --------------------------------------------------------------------------

# A small data graph as the store holds it: rdf:types and super-properties
# materialised, every link with its qualified cc:Evidence twin.
VALID_DATA = """
@prefix cc:   <https://w3id.org/cancu/ont#> .
@prefix eli:  <http://data.europa.eu/eli/ontology#> .
@prefix org:  <http://www.w3.org/ns/org#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd:  <http://www.w3.org/2001/XMLSchema#> .
@prefix ex:   <https://example.org/> .

ex:plan41 a cc:Plan , cc:LegalDocument ;
    cc:number "41/KH-UBND" ; eli:date_document "2025-01-15"^^xsd:date ;
    cc:docType cc:KeHoach ; cc:level cc:district ; cc:stub false ;
    cc:issuedBy ex:ubndTayHo ;
    cc:implements ex:qd6830 ; eli:ensures_implementation_of ex:qd6830 ;
    cc:qualifiedLink ex:ev1 ;
    cc:hasTask ex:task1 .

ex:ev1 a cc:Evidence ;
    cc:property cc:implements ; cc:target ex:qd6830 ; cc:method cc:stated ;
    cc:quote "Thực hiện Quyết định số 6830/QĐ-UBND ngày 31/12/2024" ;
    cc:charStart 1 ; cc:charEnd 120 ; cc:confidence 1.0 ;
    prov:hadPrimarySource <file:///plans/41.txt> .

ex:qd6830 a cc:LegalDocument ; cc:number "6830/QĐ-UBND" ; cc:level cc:province ; cc:stub true .

ex:task1 a cc:Task ;
    cc:inDocument ex:plan41 ; cc:section "IV.2.đ" ; cc:position 1 ;
    cc:text "Phòng Nội vụ chủ trì, phối hợp với UBND các phường …" ;
    cc:leadUnit ex:phongNoiVu ; cc:cooperatingUnit ex:ubndCacPhuong ;
    cc:assignedTo ex:phongNoiVu , ex:ubndCacPhuong ;
    cc:role cc:lead ; cc:recurrence cc:quarterly ; cc:deadline "2025-06-30"^^xsd:date ;
    cc:qualifiedLink ex:ev2 , ex:ev3 .

ex:ev2 a cc:Evidence ; cc:property cc:leadUnit ; cc:target ex:phongNoiVu ;
    cc:method cc:stated ; cc:confidence 0.9 .
ex:ev3 a cc:Evidence ; cc:property cc:cooperatingUnit ; cc:target ex:ubndCacPhuong ;
    cc:method cc:curated ; cc:assertedBy "legal staff" ; cc:confidence 1.0 .

ex:ubndTayHo a cc:Agency , org:Organization ; rdfs:label "UBND quận Tây Hồ"@vi ;
    cc:level cc:district ; cc:unitKind cc:PeopleCommittee .
ex:phongNoiVu a cc:Agency , org:Organization ; rdfs:label "Phòng Nội vụ quận Tây Hồ"@vi ;
    org:subOrganizationOf ex:ubndTayHo ; cc:unitKind cc:SpecialisedOffice .
ex:ubndCacPhuong a cc:AgencyGroup , cc:Agency , org:Organization ;
    rdfs:label "UBND các phường"@vi .
"""


def valid_data() -> Graph:
    return Graph().parse(data=VALID_DATA, format="turtle")


def validate(data: Graph) -> tuple[bool, Graph]:
    """Validate ``data`` alone (no ontology, no inference) against shapes.ttl."""
    import pyshacl

    conforms, results, _text = pyshacl.validate(
        data, shacl_graph=ontology.shapes(), inference="none"
    )
    return conforms, results


def violations(results: Graph) -> set[tuple]:
    """(focus node, result path) of every validation result."""
    return {
        (results.value(r, SH.focusNode), results.value(r, SH.resultPath))
        for r in results.subjects(RDF.type, SH.ValidationResult)
    }


def test_shapes_parse_and_declare_their_targets():
    shapes = ontology.shapes()
    for shape, cls in [(SHAPES.LegalDocumentShape, C.LegalDocument), (SHAPES.TaskShape, C.Task),
                       (SHAPES.EvidenceShape, C.Evidence), (SHAPES.AgencyShape, C.Agency)]:
        assert (shape, SH.targetClass, cls) in shapes


def test_valid_data_conforms():
    conforms, results = validate(valid_data())
    assert conforms, violations(results)


def _link_without_evidence(g: Graph) -> None:
    g.add((EX.plan41, C.basedOn, EX.nd30))
    g.add((EX.nd30, RDF.type, C.LegalDocument))


def _task_without_document(g: Graph) -> None:
    g.remove((EX.task1, C.inDocument, None))


def _evidence_for_another_target(g: Graph) -> None:
    g.set((EX.ev1, C.target, EX.somethingElse))


def _lead_twin_without_evidence(g: Graph) -> None:
    # A materialised cc:assignedTo whose sub-property triple has no evidence.
    g.add((EX.task1, C.assignedTo, EX.ubndTayHo))


def _method_outside_the_scheme(g: Graph) -> None:
    g.set((EX.ev2, C.method, C.lead))


def _confidence_above_one(g: Graph) -> None:
    g.set((EX.ev2, C.confidence, Literal("1.5", datatype=XSD.decimal)))


def _confidence_as_double(g: Graph) -> None:
    # rdflib's Literal(0.9) is an xsd:double; the ontology says xsd:decimal.
    g.set((EX.ev2, C.confidence, Literal(0.9)))


def _level_outside_the_scheme(g: Graph) -> None:
    g.set((EX.plan41, C.level, C.quarterly))


def _deadline_not_a_date(g: Graph) -> None:
    g.set((EX.task1, C.deadline, Literal("30/6/2025")))


def _agency_without_label(g: Graph) -> None:
    g.remove((EX.ubndTayHo, RDFS.label, None))


def _two_numbers(g: Graph) -> None:
    g.add((EX.plan41, C.number, Literal("42/KH-UBND")))


# (how the valid graph is broken, the (focus, path) that must be reported)
BREAKAGES = [
    (_link_without_evidence, (EX.plan41, C.basedOn)),
    (_task_without_document, (EX.task1, C.inDocument)),
    (_evidence_for_another_target, (EX.plan41, C.implements)),
    (_lead_twin_without_evidence, (EX.task1, C.assignedTo)),
    (_method_outside_the_scheme, (EX.ev2, C.method)),
    (_confidence_above_one, (EX.ev2, C.confidence)),
    (_confidence_as_double, (EX.ev2, C.confidence)),
    (_level_outside_the_scheme, (EX.plan41, C.level)),
    (_deadline_not_a_date, (EX.task1, C.deadline)),
    (_agency_without_label, (EX.ubndTayHo, RDFS.label)),
    (_two_numbers, (EX.plan41, C.number)),
]


@pytest.mark.parametrize(
    "breakage, expected", BREAKAGES, ids=lambda x: getattr(x, "__name__", None)
)
def test_invalid_data_is_reported(breakage, expected):
    data = valid_data()
    breakage(data)
    conforms, results = validate(data)
    assert not conforms
    assert expected in violations(results)


def test_sh_in_lists_match_the_code_lists(onto):
    """Each sh:in list in shapes.ttl is exactly the members of one scheme."""
    shapes = ontology.shapes()
    schemes = {scheme: set(onto.subjects(SKOS.inScheme, scheme)) for scheme, _, _ in CODE_LISTS}
    lists = [set(Collection(shapes, head)) for head in shapes.objects(None, SH["in"])]
    assert lists, "shapes.ttl has no sh:in list"
    for values in lists:
        assert values in schemes.values(), f"sh:in {sorted(values)} is not a whole code list"


def test_evidence_twin_shape_covers_the_spec_properties():
    shapes = ontology.shapes()
    targets = set(shapes.objects(SHAPES.EvidencedLinkShape, SH.targetSubjectsOf))
    assert targets == {C.implements, C.basedOn, C.cites, C.assignedTo, C.leadUnit,
                       C.cooperatingUnit, C.derivedFrom}
