"""SHACL validation of the store against ontology/shapes.ttl, by the store's own engine.

Each constraint of the shapes becomes one SPARQL SELECT that lists the values breaking it,
asked of the union of every named graph: the data pyshacl was given when it validated an
rdflib copy of the whole store, which took minutes at 100k quads where these queries take
seconds. tests/test_validate.py checks that both find the same violations on stores that
break every constraint of every shape.

Only the parts of SHACL the shapes use are translated (see the tables below); a shape using
any other part is refused with ShapeError rather than checked in part.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SH

import ontology
from graph.store import GraphStore, SelectRows, ox_term


class ShapeError(ValueError):
    """A shape uses a part of SHACL that this translation does not check."""


@dataclass(frozen=True)
class Check:
    """One constraint of one shape, as the query that lists what breaks it.

    The query's rows bind ?this (the focus node) and, for constraints on values, ?value;
    a SPARQL-based constraint may bind ?path too, and its message may name any variable;
    a count binds ?found, the values it counted.
    """

    shape: str  # the node shape's IRI
    component: str  # the SHACL constraint component's IRI
    path: str | None  # the property constrained, None for the focus node itself
    message: str
    query: str


@dataclass(frozen=True)
class Violation:
    """A value (or a focus node, for a count) breaking a constraint; terms in N-Triples form."""

    focus: str
    path: str | None
    value: str | None
    component: str
    shape: str
    message: str
    found: str | None = None  # for a count: the values counted, as text

    def key(self) -> tuple[str, str | None, str | None, str]:
        """What pyshacl's result for the same violation says too (see `found_by_pyshacl`)."""
        return self.focus, self.path, self.value, self.component

    def line(self) -> str:
        where = " ".join(part for part in (self.focus, _short(self.path), self.value) if part)
        found = f" Found: {self.found}." if self.found is not None else ""
        return f"{where}: {self.message}{found} [{_short(self.shape)}, {_short(self.component)}]"


@dataclass(frozen=True)
class Report:
    conforms: bool
    text: str
    results: int
    violations: tuple[Violation, ...]


def validate(store: SelectRows, progress: Callable[[int, int], None] | None = None) -> Report:
    """Does the store conform to the shapes? The report says where it does not.

    `progress(done, total)` is called after each constraint is checked."""
    checks = checks_of(ontology.shapes())
    found: set[Violation] = set()
    for done, check in enumerate(checks, start=1):
        found.update(violations(store, check))
        if progress:
            progress(done, len(checks))
    ordered = tuple(sorted(found, key=lambda v: (v.focus, v.path or "", v.value or "", v.component)))
    return Report(not ordered, "\n".join(v.line() for v in ordered), len(ordered), ordered)


def violations(store: SelectRows, check: Check) -> Iterator[Violation]:
    """What breaks one constraint in the store."""
    solutions = store.raw_query(check.query)
    names = [v.value for v in solutions.variables]
    for row in solutions:
        terms = {name: term for name, term in zip(names, row) if term is not None}
        text = {name: str(term) for name, term in terms.items()}
        path = terms["path"].value if "path" in terms else check.path
        found = terms["found"].value if "found" in terms else None
        yield Violation(text["this"], path, text.get("value"), check.component, check.shape,
                        _filled(check.message, text), found)


def found_by_pyshacl(store: GraphStore) -> set[tuple[str, str | None, str | None, str]]:
    """The keys of the violations pyshacl finds in an rdflib copy of the union of the store's
    graphs: how the store was validated before, kept as the reference the tests and
    bench/validate.py compare `validate` with (minutes at 100k quads)."""
    import pyoxigraph as ox
    import pyshacl

    triples = {ox.Triple(q.subject, q.predicate, q.object) for q in store.quads()}
    union = Graph().parse(data=ox.serialize(list(triples), format=ox.RdfFormat.N_TRIPLES).decode(), format="nt")
    _conforms, results, _text = pyshacl.validate(union, shacl_graph=ontology.shapes(), inference="none")
    found = set()
    for result in results.subjects(RDF.type, SH.ValidationResult):
        path, value = results.value(result, SH.resultPath), results.value(result, SH.value)
        found.add((results.value(result, SH.focusNode).n3(), str(path) if path is not None else None,
                   str(ox_term(value)) if value is not None else None, str(results.value(result, SH.sourceConstraintComponent))))
    return found


def _filled(message: str, terms: dict[str, str]) -> str:
    """A SPARQL-based constraint's message with its {?var} / {$var} placeholders filled in."""
    return re.sub(r"\{[?$](\w+)\}", lambda m: terms.get(m.group(1), m.group(0)), message)


# --- shapes → queries ------------------------------------------------------------------

# Shape properties that say nothing to check.
_ANNOTATIONS = {RDF.type, RDFS.label, RDFS.comment, SH.message, SH.name, SH.description, SH.order, SH.group,
                SH.deactivated}

# How each kind of target selects the focus nodes ({} is the target's term).
_TARGETS = {
    SH.targetClass: "?this rdf:type/rdfs:subClassOf* {} .",
    SH.targetSubjectsOf: "?this {} [] .",
}


def _breaks_class(_shapes: Graph, cls) -> str:
    return f"NOT EXISTS {{ ?value rdf:type/rdfs:subClassOf* {cls.n3()} }}"


# The datatypes whose ill-formed literals ("2024-13-45"^^xsd:date) SPARQL can tell, by a cast
# that fails on them: such a literal does not have its datatype (SHACL, sh:datatype).
_CASTABLE = {XSD.integer, XSD.decimal, XSD.double, XSD.float, XSD.boolean, XSD.date, XSD.dateTime, XSD.time}


def _breaks_datatype(_shapes: Graph, datatype) -> str:
    has_it = f"isLiteral(?value) && datatype(?value) = {datatype.n3()}"
    if datatype in _CASTABLE:
        has_it += f" && COALESCE(isLiteral({datatype.n3()}(?value)), false)"
    return f"!({has_it})"


def _breaks_in(shapes: Graph, head) -> str:
    # sameTerm, not `=`: sh:in asks for one of the very terms listed.
    allowed = list(Collection(shapes, head))
    return "!(" + " || ".join(f"sameTerm(?value, {term.n3()})" for term in allowed) + ")" if allowed else "true"


_NODE_KINDS = {
    SH.IRI: "isIRI(?value)",
    SH.BlankNode: "isBlank(?value)",
    SH.Literal: "isLiteral(?value)",
    SH.BlankNodeOrIRI: "!isLiteral(?value)",
    SH.IRIOrLiteral: "!isBlank(?value)",
    SH.BlankNodeOrLiteral: "!isIRI(?value)",
}


def _breaks_node_kind(_shapes: Graph, kind) -> str:
    if kind not in _NODE_KINDS:
        raise ShapeError(f"{kind.n3()}: not a node kind")
    return f"!({_NODE_KINDS[kind]})"


# Bounds compare as SHACL says, by SPARQL's `<=`: a value that does not compare (an error,
# "high" against 0) breaks them too.
def _breaks_min_inclusive(_shapes: Graph, bound) -> str:
    return f"!COALESCE({bound.n3()} <= ?value, false)"


def _breaks_max_inclusive(_shapes: Graph, bound) -> str:
    return f"!COALESCE(?value <= {bound.n3()}, false)"


# Constraints on each value on its own: the condition a value breaking the constraint meets.
_ON_VALUES = {
    SH["class"]: _breaks_class,
    SH.datatype: _breaks_datatype,
    SH["in"]: _breaks_in,
    SH.nodeKind: _breaks_node_kind,
    SH.minInclusive: _breaks_min_inclusive,
    SH.maxInclusive: _breaks_max_inclusive,
}

# Constraints comparing each value with each value of another property ({} is that property).
_PAIRS = {
    SH.lessThanOrEquals: "?this {} ?other . FILTER (!COALESCE(?value <= ?other, false))",
}

_COMPONENT = {
    SH.minCount: SH.MinCountConstraintComponent,
    SH.maxCount: SH.MaxCountConstraintComponent,
    SH["class"]: SH.ClassConstraintComponent,
    SH.datatype: SH.DatatypeConstraintComponent,
    SH["in"]: SH.InConstraintComponent,
    SH.nodeKind: SH.NodeKindConstraintComponent,
    SH.minInclusive: SH.MinInclusiveConstraintComponent,
    SH.maxInclusive: SH.MaxInclusiveConstraintComponent,
    SH.lessThanOrEquals: SH.LessThanOrEqualsConstraintComponent,
    SH.sparql: SH.SPARQLConstraintComponent,
}

# What a constraint without sh:message says ({} is the constraint's term).
_DEFAULT_MESSAGES = {
    SH.minCount: "Fewer than {} values.",
    SH.maxCount: "More than {} values.",
    SH["class"]: "The value is not an instance of {}.",
    SH.datatype: "The value is not a literal of datatype {}.",
    SH["in"]: "The value is not one of those allowed.",
    SH.nodeKind: "The value is not of node kind {}.",
    SH.minInclusive: "The value is not at least {}.",
    SH.maxInclusive: "The value is not at most {}.",
    SH.lessThanOrEquals: "The value is not at most the value of {}.",
    SH.sparql: "The SPARQL constraint finds a violation.",
}

_PREFIXES = "PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>\nPREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"


def checks_of(shapes: Graph) -> list[Check]:
    """Every constraint of every node shape, as a query; ShapeError if one cannot be checked."""
    with_targets = {s for target in _TARGETS for s in shapes.subjects(target, None)}
    for shape in sorted(with_targets - set(shapes.subjects(RDF.type, SH.NodeShape))):
        raise ShapeError(f"{shape.n3()}: a target on a shape that is not a sh:NodeShape is not checked")
    checks = []
    for shape in sorted(filter(_active(shapes), shapes.subjects(RDF.type, SH.NodeShape)), key=str):
        _refuse_unknown(shapes, shape, set(_TARGETS) | {SH.property, SH.sparql} | set(_ON_VALUES) | set(_PAIRS))
        targets = _targets(shapes, shape)
        if targets is None:
            continue  # no focus nodes: nothing to check
        checks.extend(_value_checks(shapes, shape, shape, None, targets))
        for node in sorted(filter(_active(shapes), shapes.objects(shape, SH.sparql)), key=str):
            checks.append(_sparql_check(shapes, shape, node, targets))
        for prop in sorted(filter(_active(shapes), shapes.objects(shape, SH.property)), key=str):
            checks.extend(_property_checks(shapes, shape, prop, targets))
    return checks


def _active(shapes: Graph) -> Callable[[object], bool]:
    """Is a shape or constraint checked (not sh:deactivated)?"""
    return lambda node: (node, SH.deactivated, Literal(True)) not in shapes


def _refuse_unknown(shapes: Graph, node, known: set) -> None:
    for predicate in sorted(set(shapes.predicates(node, None)) - known - _ANNOTATIONS):
        raise ShapeError(f"{node.n3()}: {predicate.n3(shapes.namespace_manager)} is not checked by cancu validate")


def _targets(shapes: Graph, shape) -> str | None:
    """A group pattern binding ?this to each focus node of the shape (once), None if it has none."""
    patterns = [_TARGETS[kind].format(term.n3())
                for kind in _TARGETS for term in sorted(shapes.objects(shape, kind), key=str)]
    if not patterns:
        return None
    union = " UNION ".join("{ " + p + " }" for p in patterns)
    return "{ SELECT DISTINCT ?this WHERE { " + union + " } }"


def _property_checks(shapes: Graph, shape, prop, targets: str) -> list[Check]:
    _refuse_unknown(shapes, prop, {SH.path, SH.minCount, SH.maxCount} | set(_ON_VALUES) | set(_PAIRS))
    path = shapes.value(prop, SH.path)
    if not isinstance(path, URIRef):
        raise ShapeError(f"{prop.n3()}: only a single property is checked as sh:path, not {path!r}")
    checks = []
    for count in sorted(shapes.objects(prop, SH.minCount)):
        # Zero values are fewer than one: the count looks at every focus node, valued or not.
        query = (f"SELECT ?this {_FOUND} WHERE {{ {targets} OPTIONAL {{ ?this {path.n3()} ?value }} }} "
                 f"GROUP BY ?this HAVING (COUNT(DISTINCT ?value) < {int(count)})")
        checks.append(_check(shapes, shape, prop, SH.minCount, count, path, query))
    for count in sorted(shapes.objects(prop, SH.maxCount)):
        query = (f"SELECT ?this {_FOUND} WHERE {{ {targets} ?this {path.n3()} ?value }} "
                 f"GROUP BY ?this HAVING (COUNT(DISTINCT ?value) > {int(count)})")
        checks.append(_check(shapes, shape, prop, SH.maxCount, count, path, query))
    return checks + _value_checks(shapes, shape, prop, path, targets)


# The values a count counted, for the report: "two dates" says less than which two.
_FOUND = '(GROUP_CONCAT(DISTINCT STR(?value); separator=", ") AS ?found)'


def _value_checks(shapes: Graph, shape, node, path: URIRef | None, targets: str) -> list[Check]:
    """The constraints on each value of `path` (on the focus node itself when None)."""
    values = f"?this {path.n3()} ?value ." if path is not None else "BIND (?this AS ?value)"
    checks = []
    for kind in _ON_VALUES:
        for term in sorted(shapes.objects(node, kind)):
            condition = _ON_VALUES[kind](shapes, term)
            query = f"SELECT DISTINCT ?this ?value WHERE {{ {targets} {values} FILTER ({condition}) }}"
            checks.append(_check(shapes, shape, node, kind, term, path, query))
    for kind, pattern in _PAIRS.items():
        for other in sorted(shapes.objects(node, kind)):
            query = f"SELECT DISTINCT ?this ?value WHERE {{ {targets} {values} {pattern.format(other.n3())} }}"
            checks.append(_check(shapes, shape, node, kind, other, path, query))
    return checks


def _check(shapes: Graph, shape, node, kind, term, path: URIRef | None, query: str) -> Check:
    message = shapes.value(node, SH.message)
    text = str(message) if message is not None else _DEFAULT_MESSAGES[kind].format(term.n3(shapes.namespace_manager))
    return Check(str(shape), str(_COMPONENT[kind]), str(path) if path is not None else None, text, _PREFIXES + query)


def _sparql_check(shapes: Graph, shape, node, targets: str) -> Check:
    """A SPARQL-based constraint, its focus nodes joined in first.

    SHACL pre-binds $this; joining the targets at the head of the query's outer group
    gives the same solutions for the queries SHACL allows there (no VALUES, MINUS or
    sub-query using $this), and lets the engine answer for every focus node at once."""
    _refuse_unknown(shapes, node, {SH.select, SH.prefixes})
    select = str(shapes.value(node, SH.select))
    if re.search(r"\$(?!this\b)\w+", select):
        raise ShapeError(f"{node.n3()}: only $this is pre-bound by cancu validate")
    if not re.match(r"\s*SELECT\s+(DISTINCT\s+|REDUCED\s+)?(\*|[^{]*[?$]this\b)", select, re.IGNORECASE):
        raise ShapeError(f"{node.n3()}: a SPARQL constraint must be a SELECT naming $this")
    head, brace, body = select.partition("{")
    query = _declared_prefixes(shapes, node) + head + brace + " " + targets + " " + body
    message = shapes.value(node, SH.message)
    return Check(str(shape), str(SH.SPARQLConstraintComponent), None,
                 str(message) if message is not None else _DEFAULT_MESSAGES[SH.sparql], query)


def _declared_prefixes(shapes: Graph, node) -> str:
    lines = []
    for source in shapes.objects(node, SH.prefixes):
        for declaration in shapes.objects(source, SH.declare):
            prefix, namespace = shapes.value(declaration, SH.prefix), shapes.value(declaration, SH.namespace)
            lines.append(f"PREFIX {prefix}: <{namespace}>\n")
    return "".join(sorted(lines))


_SHORT = {
    "https://w3id.org/cancu/ont#": "cc:",
    "https://w3id.org/cancu/shapes#": "ccsh:",
    str(SH): "sh:",
    str(RDFS): "rdfs:",
    "http://data.europa.eu/eli/ontology#": "eli:",
}


def _short(iri: str | None) -> str | None:
    """An IRI of the vocabularies a report names, with its usual prefix."""
    if iri is None:
        return None
    for namespace, prefix in _SHORT.items():
        if iri.startswith(namespace):
            return prefix + iri[len(namespace):]
    return f"<{iri}>"
