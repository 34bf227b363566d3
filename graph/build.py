"""Extraction → RDF: the one module that writes triples about ingested documents.

Every link the text states (implements, basedOn, cites, assignedTo and its
sub-properties) gets its qualified twin, a `cc:Evidence` with the method
(`cc:stated`), the quote, its character span and the source file, so a trace
can show why each step exists. Super-properties and super-classes are
materialised from the ontology, so plain SPARQL needs no reasoner.

A cited act is described once for all the files that cite it (`stubs`), though
they may print it differently; what each one prints stays on its citation's
evidence (cc:citedNumber, cc:citedType, cc:citedDate, cc:citedIssuer, cc:citedTitle).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from rdflib import RDF, RDFS, XSD, Literal, URIRef
from rdflib.namespace import ORG, PROV

from graph import codes, iris
from ingest import doctypes
from ingest import gazetteer
from ingest.agencies import AgencyRef, issuer_agency, resolve
from ingest.classify import indicators, reform_areas
from ingest.gazetteer import Place
from ingest.issuers import IssuerContext, level_of_issuer
from ingest.model import Extraction, Reference, Task
from ingest.numbers import DocumentNumber, parse_or_none
from graph.entail import entailments
from ontology import CC, ELI

_RELATION = {"implements": CC.implements, "based_on": CC.basedOn}
# A task addressed to a class of bodies ("UBND các phường") is assigned to each member by this rule.
MEMBER_RULE = "member-of-plural-addressee: the gazetteer's units of the class, in the issuer's territory"
MEMBER_CONFIDENCE = 0.9

# The triples build writes: a plain set of (subject, predicate, object) rdflib terms. Nothing
# here queries them, and filling a set costs a fraction of filling an rdflib Graph.
Graph = set


@dataclass(frozen=True)
class Built:
    """The RDF of one source file.

    `own` is what only this file says (its document, links, evidence, tasks, and
    what it prints of the acts it cites) and goes to the file's named graph;
    `shared` describes the agencies and territories many files name and goes to
    the one entities graph, so that a body named by a thousand plans is stored
    once, not a thousand times. The acts it cites are described there from what
    every file citing them prints (`stubs`), not from this file alone.
    """

    document: URIRef
    own: Graph
    shared: Graph
    cited: frozenset[URIRef] = frozenset()  # the acts it names (basis and citations)


def build(extraction: Extraction, *, source: str, content_hash: str | None = None) -> Built:
    """The RDF of one extraction."""
    g = Graph()
    shared = Graph()
    info = extraction.document
    source_ref = URIRef(source)
    doc = iris.document(info.number, info.issuer, doc_type=info.doc_type, title=info.title, date=info.date, where=source)
    _describe_act(g, doc, info.number, info.doc_type, info.issuer, info.date, stub=False, shared=shared)
    _add_literal(g, doc, CC.title, info.title)
    _add_literal(g, doc, CC.place, info.place)
    _add_literal(g, doc, CC.yearInScope, info.year_in_scope, XSD.integer)
    _add_literal(g, doc, CC.signer, info.signer)
    _add_literal(g, doc, CC.signerTitle, info.signer_title)
    _add_literal(g, doc, CC.sourceFile, extraction.file)
    _add_literal(g, doc, CC.contentHash, content_hash)
    for recipient in extraction.recipients:
        g.add((doc, CC.recipient, Literal(recipient)))
    cited = set()
    for ref, prop in [*((r, _RELATION.get(r.relation or "", CC.basedOn)) for r in extraction.basis),
                      *((r, CC.cites) for r in extraction.citations)]:
        target = _reference(shared, ref, source)
        if target == doc:
            continue  # the document named by its own name: no link to itself
        cited.add(target)
        _cited_as(g, _link(g, doc, prop, target, ref.quote, ref.span, source_ref), ref)
    context = IssuerContext.of(info.issuer) if info.issuer else IssuerContext(None, None)
    for position, task in enumerate(extraction.tasks, start=1):
        _task(g, shared, doc, context, task, position, source_ref)
    _materialise(g)
    _materialise(shared)
    return Built(doc, g, shared, frozenset(cited))


def _describe_act(g: Graph, act: URIRef, number, doc_type, issuer, date, *, stub: bool, shared: Graph) -> None:
    kind = doctypes.by_word(doc_type) if doc_type else None
    g.add((act, RDF.type, CC.Plan if kind and kind.is_plan else CC.LegalDocument))
    if number:
        g.add((act, CC.number, Literal(number)))
    if kind is not None:
        g.add((act, CC.docType, CC[kind.onto]))
    if date:
        g.add((act, ELI.date_document, Literal(date, datatype=XSD.date)))
    level = _act_level(number, issuer)
    if level:
        g.add((act, CC.level, codes.concept("Levels", level)))
    if issuer:
        g.add((act, CC.issuedBy, _agency(shared, _issuer(issuer))))
    label = " ".join(x for x in (doc_type, number) if x) or doc_type or "văn bản"
    g.add((act, RDFS.label, Literal(label, lang="vi")))
    if stub:
        g.add((act, CC.stub, Literal(True)))


# One issuer's name, and one act's number, recur in thousands of citations.
@lru_cache(maxsize=8192)
def _issuer(name: str) -> AgencyRef:
    return issuer_agency(name)


@lru_cache(maxsize=8192)
def _act_level(number: str | None, issuer: str | None) -> str | None:
    if number:
        try:
            if DocumentNumber.parse(number).is_central:
                return "central"
        except ValueError:
            pass
    return level_of_issuer(issuer) if issuer else None


def _reference(shared: Graph, ref: Reference, source: str) -> URIRef:
    """A cited act, and the body the citation says issued it (which its description names)."""
    name = " ".join(x for x in (ref.name, ref.title) if x) or None
    if ref.issuer:
        _agency(shared, _issuer(ref.issuer))
    return iris.act(ref.number, ref.issuer, doc_type=ref.doc_type, name=name, date=ref.date, mention=ref.quote,
                    where=source)


_CITED = (("number", CC.citedNumber, None), ("doc_type", CC.citedType, None), ("date", CC.citedDate, XSD.date),
          ("issuer", CC.citedIssuer, None), ("title", CC.citedTitle, None))


def _cited_as(g: Graph, evidence: URIRef, ref: Reference) -> None:
    """What the citation prints of the act, on its evidence: the facts `stubs` chooses among."""
    for field, prop, datatype in _CITED:
        _add_literal(g, evidence, prop, getattr(ref, field), datatype)


@dataclass(frozen=True)
class Citation:
    """What one citing file prints of an act it names (its citation's cc:cited… values)."""

    act: URIRef
    source: str  # the citing file
    number: str | None
    doc_type: str | None  # the kind's Vietnamese name
    date: str | None  # ISO
    issuer: str | None
    title: str | None


def stubs(citations: Iterable[Citation]) -> Graph:
    """One description of each act known only from citations, however differently the files print it.

    Each fact is chosen by the files that print it, each file counted once: the kind its
    number's code says, when it says one (02/2017/TT-VPCP is a Thông tư whatever word a file
    put before it); else, and for the number, issuer and title, what most files print; for
    the date, what most files print of the dates in the number's year (a misprinted year is
    outvoted even when it stands alone). Ties go to the first in sort order (the earliest
    date), so the description depends only on what the citations print, never on the order
    the files were read.
    """
    by_act: dict[URIRef, list[Citation]] = defaultdict(list)
    for citation in citations:
        by_act[citation.act].append(citation)
    g = Graph()
    issuers = Graph()  # the bodies are described by the citing files themselves (`_reference`)
    for act, cited in by_act.items():
        number = _most_printed(cited, "number")
        parsed = parse_or_none(number) if number else None
        year = f"{parsed.year}-" if parsed is not None and parsed.year else ""
        date = _most_printed(cited, "date", lambda d: d.startswith(year)) or _most_printed(cited, "date")
        issuer = _most_printed(cited, "issuer")
        _describe_act(g, act, number, _kind_of(parsed, cited), issuer, date, stub=True, shared=issuers)
        _add_literal(g, act, CC.title, _most_printed(cited, "title"))
    _materialise(g)
    return g


def _kind_of(number: DocumentNumber | None, cited: list[Citation]) -> str | None:
    """The kind's name: the number's, printed as most files name that kind ("Thông báo kết
    luận" is a Thông báo); else the one most files print."""
    kind = number.kind if number is not None else None
    if kind is None:
        return _most_printed(cited, "doc_type")
    same = _most_printed(cited, "doc_type", lambda name: getattr(doctypes.by_name(name), "onto", None) == kind.onto)
    return same or kind.name


def _most_printed(cited: list[Citation], field: str, fits=lambda value: True) -> str | None:
    """The value of `field` that most citing files print, of those that `fit`; the first in
    sort order among equals; None when no file prints one that fits."""
    printed = {(c.source, getattr(c, field)) for c in cited if getattr(c, field)}
    votes = Counter(value for _source, value in printed if fits(value))
    return min(votes, key=lambda value: (-votes[value], value), default=None)


def _agency(g: Graph, ref: AgencyRef) -> URIRef:
    """A body: its label, level, territory, parent body and, for a group, its members."""
    body = iris.agency(ref.name, territory=ref.territory)
    g.add((body, RDF.type, CC.Agency))
    g.add((body, RDFS.label, Literal(ref.name, lang="vi")))
    if ref.level:
        g.add((body, CC.level, codes.concept("Levels", ref.level)))
    if ref.territory is not None:
        g.add((body, CC.jurisdiction, _territory(g, ref.territory)))
    if ref.parent is not None:
        g.add((body, ORG.subOrganizationOf, _agency(g, ref.parent)))
    if ref.group:
        g.add((body, RDF.type, CC.AgencyGroup))
    for member in ref.members:
        g.add((_agency(g, member), CC.memberOf, body))
    return body


def _territory(g: Graph, place: Place) -> URIRef:
    """An administrative unit with its code, the units it is part of and its 2025 successors."""
    node = iris.territory(place)
    if (node, RDF.type, CC.AdministrativeUnit) in g:
        return node
    g.add((node, RDF.type, CC.AdministrativeUnit))
    g.add((node, RDFS.label, Literal(place.full_name, lang="vi")))
    g.add((node, CC.code, Literal(place.code)))
    g.add((node, CC.level, codes.concept("Levels", place.level)))
    parent = gazetteer.parent(place)
    if parent is not None:
        g.add((node, CC.partOf, _territory(g, parent)))
    if not place.since:
        for successor in gazetteer.successors(place):
            g.add((node, CC.successor, _territory(g, successor)))
    return node


def _task(
    g: Graph, shared: Graph, doc: URIRef, context: IssuerContext, task: Task, position: int, source: URIRef
) -> None:
    node = iris.task(doc, position)
    g.add((node, RDF.type, CC.Task))
    g.add((doc, CC.hasTask, node))
    g.add((node, CC.inDocument, doc))
    g.add((node, CC.text, Literal(task.text)))
    g.add((node, RDFS.label, Literal(task.quote, lang="vi")))
    g.add((node, CC.section, Literal(task.section)))
    g.add((node, CC.position, Literal(position)))
    g.add((node, CC.role, codes.concept("Roles", task.role)))
    g.add((node, CC.recurrence, codes.concept("Recurrences", task.recurrence)))
    g.add((node, CC.unitName, Literal(task.unit)))
    g.add((node, CC.requestedNotAssigned, Literal(task.requested_not_assigned)))
    _add_literal(g, node, CC.deadline, task.deadline, XSD.date)
    _add_literal(g, node, CC.schedule, task.schedule)
    _add_literal(g, node, CC.quantity, task.quantity)
    for area in reform_areas(task.text):
        g.add((node, CC.reformArea, CC[area]))
    for indicator in indicators(task.text):
        g.add((node, CC.indicator, CC[indicator]))
    addressee = resolve(task.unit, context)
    unit = _agency(shared, addressee)
    shared.add((unit, CC.unitKind, codes.concept("UnitKinds", task.unit_kind)))
    if task.addressee_is_plural_group:
        shared.add((unit, RDF.type, CC.AgencyGroup))
    unit_property = CC.leadUnit if task.role == "lead" else CC.assignedTo
    _link(g, node, unit_property, unit, task.quote, task.span, source)
    # "UBND các phường": each ward's committee the gazetteer knows is assigned too, by a rule.
    for member in addressee.members:
        link(g, node, CC.assignedTo, iris.agency(member.name, territory=member.territory), method=CC.inferred,
             source=source, quote=task.quote, span=task.span, rule=MEMBER_RULE, confidence=MEMBER_CONFIDENCE)
    for partner in task.cooperating_units:
        _link(g, node, CC.cooperatingUnit, _agency(shared, resolve(partner, context)), task.quote, task.span, source)


def _link(g: Graph, subject: URIRef, prop: URIRef, target: URIRef, quote: str, span, source: URIRef) -> URIRef:
    """A link the text states, and its evidence (returned)."""
    return link(g, subject, prop, target, method=CC.stated, source=source, quote=quote, span=span)


def link(
    g: Graph,
    subject: URIRef,
    prop: URIRef,
    target: URIRef,
    *,
    method: URIRef,
    source: URIRef,
    quote: str | None = None,
    span: tuple[int, int] | None = None,
    note: str | None = None,
    asserted_by: str | None = None,
    rule: str | None = None,
    confidence: float = 1.0,
) -> URIRef:
    """A link and its qualified twin (cc:Evidence, returned): why it exists and who says so."""
    g.add((subject, prop, target))
    ev = iris.evidence(subject, prop, target, method=method, source=source)
    g.add((subject, CC.qualifiedLink, ev))
    g.add((ev, RDF.type, CC.Evidence))
    g.add((ev, CC.property, prop))
    g.add((ev, CC.target, target))
    g.add((ev, CC.method, method))
    g.add((ev, CC.confidence, Literal(_decimal(confidence), datatype=XSD.decimal)))
    g.add((ev, PROV.hadPrimarySource, source))
    if quote is not None:
        g.add((ev, CC.quote, Literal(quote)))
    if span is not None:
        g.add((ev, CC.charStart, Literal(int(span[0]))))
        g.add((ev, CC.charEnd, Literal(int(span[1]))))
    for prop_, value in ((CC.note, note), (CC.assertedBy, asserted_by), (CC.rule, rule)):
        if value:
            g.add((ev, prop_, Literal(value)))
    return ev


def _decimal(value: float) -> str:
    """Two decimals in the store's canonical form ("0.9", "1"), so that writing the same
    confidence again is seen to change nothing."""
    text = f"{value:.2f}".rstrip("0")
    return text[:-1] if text.endswith(".") else text


@dataclass(frozen=True)
class CuratedLink:
    """One line of a curation file: a person asserts (or rejects) a link.

    Subject and target are acts given by number and issuer, or any node by its
    IRI in the number column (a task's IRI, as `cancu trace` prints it).
    """

    subject_number: str | None
    subject_issuer: str | None
    property: str  # implements | based_on | cites
    target_number: str | None
    target_issuer: str | None
    decision: str  # assert | reject
    asserted_by: str
    note: str


CURATED_PROPERTIES = {
    "implements": CC.implements, "based_on": CC.basedOn, "basedOn": CC.basedOn, "cites": CC.cites,
    "derivedFrom": CC.derivedFrom, "derived_from": CC.derivedFrom,
}


def curated(links: list[CuratedLink], *, source: URIRef) -> Graph:
    """The links of a curation file, each with its note and who asserted it.

    A rejected link is kept as evidence marked `cc:rejected`, without the link
    itself, so that inference does not bring it back and staff can see who said no.
    """
    g = Graph()
    for row, c in enumerate(links, start=1):
        try:
            subject = _curated_node(c.subject_number, c.subject_issuer)
            target = _curated_node(c.target_number, c.target_issuer)
        except ValueError as exc:
            raise ValueError(f"row {row}: {exc}") from None
        prop = CURATED_PROPERTIES[c.property]
        link(g, subject, prop, target, method=CC.curated, source=source, note=c.note, asserted_by=c.asserted_by)
        if c.decision == "reject":
            g.discard((subject, prop, target))
            g.add((iris.evidence(subject, prop, target, method=CC.curated, source=source), CC.rejected, Literal(True)))
    return materialise(g)


def _curated_node(number: str | None, issuer: str | None) -> URIRef:
    """The node a curation row names; ValueError when the number names no one act (blank,
    partial, or local without its issuer): such an act is given by its IRI."""
    if number and number.startswith(("http://", "https://")):
        return URIRef(number)
    parsed = parse_or_none(number) if number else None
    if parsed is None or parsed.partial or parsed.serial is None:
        raise ValueError(f"{number or 'a blank number'} is no whole document number; "
                         "give the act's number and issuer, or its IRI (as `cancu search` prints it)")
    if not parsed.is_central and not issuer:
        raise ValueError(f"{number} is a local number, unique only with its issuer; give the issuer too")
    return iris.act(number, issuer)


def inferred(links: list[tuple[URIRef, URIRef, str, float]], *, source: URIRef) -> Graph:
    """Inferred `cc:derivedFrom` links, each with its rule and confidence."""
    g = Graph()
    for task, higher, rule, confidence in links:
        link(g, task, CC.derivedFrom, higher, method=CC.inferred, source=source, rule=rule, confidence=confidence)
    return materialise(g)


def _add_literal(g: Graph, subject: URIRef, prop: URIRef, value, datatype=None) -> None:
    if value is None or value == "":
        return
    if datatype is not None:
        g.add((subject, prop, Literal(value, datatype=datatype)))
    else:
        g.add((subject, prop, Literal(value)))


def _materialise(g: Graph) -> None:
    """Add the super-property and super-class twins the ontology entails."""
    sub_properties, sub_classes = entailments()
    for s, p, o in list(g):
        if p == RDF.type:
            for parent in sub_classes.get(o, ()):
                g.add((s, RDF.type, parent))
        else:
            for parent in sub_properties.get(p, ()):
                g.add((s, parent, o))


def materialise(g: Graph) -> Graph:
    """Public form of the entailment step, for reference and curated data."""
    _materialise(g)
    return g

