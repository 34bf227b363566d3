"""Impact: when an act changes, which plans, tasks, units and deadlines below it are touched?

The store's documents, tasks, agencies and territories become a networkx graph
(`ImpactGraph`, built once per store state and kept by `impact_graph`). From
the changed item the walk goes *down*: to the documents that implement, are
based on (or, if asked, cite) it, to their tasks, to the tasks derived from
those, to the units assigned to them. A territory that a reorganisation
changed opens the walk at its bodies and at the tasks assigned to them (a body
merged or abolished opens it at itself). Each
item reached comes with its path, every step with its method (stated,
curated, inferred), ranked so that the surest and nearest come first.

What each touched unit must do depends on the kind of change (amended,
replaced, repealed, deadline, reorganised): `Impact.units` says it in plain
words, in Vietnamese and English.
"""

from __future__ import annotations

import gc
from dataclasses import dataclass, field
from functools import lru_cache
from datetime import date

import networkx as nx
from rdflib import URIRef

import queries
from graph import codes, search
from graph.paths import METHOD_RANK, Step, path_cost, surest_paths
from ingest.fold import fold
from ontology import CC

CHANGES = ("amended", "replaced", "repealed", "deadline", "reorganised")
LEVEL_ORDER = {"central": 0, "province": 1, "district": 2, "commune": 3, None: 4}

# The walk, as data: a link property, whether the walk follows it backwards (from the
# object to the subject), and whether it may only open a walk (from a changed territory).
_DOWNSTREAM = tuple((str(p), back) for p, back in (
    (CC.implements, True), (CC.basedOn, True), (CC.hasTask, False), (CC.derivedFrom, True),
    (CC.leadUnit, False), (CC.cooperatingUnit, False), (CC.assignedTo, False),
))
_CITES = ((str(CC.cites), True),)
_OPENING = tuple((str(p), True) for p in (CC.partOf, CC.jurisdiction, CC.assignedTo, CC.issuedBy))
_OPENING_PROPERTIES = {p for p, _back in _OPENING}
# A lead or cooperating unit comes with its cc:assignedTo twin; the walk takes the specific one.
_ASSIGNED = str(CC.assignedTo)
_UNIT_ROLES = (str(CC.leadUnit), str(CC.cooperatingUnit))
_UNIT_PROPERTIES = {_ASSIGNED, *_UNIT_ROLES}
_ISSUED_BY, _JURISDICTION, _DERIVED_FROM, _IN_DOCUMENT = (
    str(p) for p in (CC.issuedBy, CC.jurisdiction, CC.derivedFrom, CC.inDocument))


class TargetNotFound(LookupError):
    """Nothing, or more than one thing, in the store matches what the user typed."""

    def __init__(self, message: str, candidates: list["Node"] | None = None):
        super().__init__(message)
        self.candidates = candidates or []


@dataclass
class Node:
    """A document, task, agency or territory, with what the report shows of it."""

    iri: str
    kind: str
    label: str | None = None
    number: str | None = None
    level: str | None = None
    issuer: str | None = None
    date: str | None = None
    deadline: str | None = None
    text: str | None = None
    section: str | None = None
    unit: str | None = None
    document: str | None = None
    group: bool = False  # "UBND các phường": a group of bodies, not one body
    successors: list[tuple[str, str]] = field(default_factory=list)  # (IRI, label) of a territory's successors

    @property
    def name(self) -> str:
        if self.kind == "task":
            return " ".join((self.text or "").split())
        return self.number or self.label or self.iri.rsplit("/", 1)[-1]


class ImpactGraph:
    """The store's links as a networkx multigraph, edges in the links' own direction."""

    def __init__(self, nodes: dict[str, Node], links: nx.MultiDiGraph):
        self.nodes = nodes
        self.links = links
        # The walk asks, for one node, its links of a few properties in one direction,
        # thousands of times per impact: an index (node, property, backwards) → steps
        # answers that without going through the graph's views each time.
        self._steps: dict[str, dict[tuple[str, bool], list[Step]]] = {}
        # What a report asks of each unit and plan, also indexed once: the tasks a unit holds,
        # the plans it issued, the territories it serves; a plan's issuers.
        self.tasks_held: dict[str, set[str]] = {}
        self.issued: dict[str, list[str]] = {}
        self.issuers: dict[str, list[str]] = {}
        self.jurisdictions: dict[str, list[str]] = {}
        self._successors: dict[str, list[dict[str, str]]] = {}
        for source, target, key, data in links.edges(keys=True, data=True):
            if key in _UNIT_PROPERTIES:
                self.tasks_held.setdefault(target, set()).add(source)
            elif key == _ISSUED_BY:
                self.issued.setdefault(target, []).append(source)
                self.issuers.setdefault(source, []).append(target)
            elif key == _JURISDICTION:
                self.jurisdictions.setdefault(source, []).append(target)
            twin = key == _ASSIGNED and any(links.has_edge(source, target, role) for role in _UNIT_ROLES)
            for here, there, backwards in ((source, target, False), (target, source, True)):
                if twin and not backwards:
                    continue  # walking down to a unit, the lead or cooperating link says it
                self._steps.setdefault(here, {}).setdefault((key, backwards), []).append(
                    Step(here, there, key, data.get("method"), data.get("quote"), data.get("confidence"),
                         note=data.get("note"), target_label=self._label(there), inverse=backwards))
        # In one order whatever order the links were read in: a graph of the whole store and
        # one of a part of it then walk alike, and equally sure paths are chosen alike.
        for by_rule in self._steps.values():
            for steps in by_rule.values():
                steps.sort(key=lambda step: step.target)
        for index in (self.issued, self.issuers, self.jurisdictions):
            for listed in index.values():
                listed.sort()

    @classmethod
    def from_store(cls, store) -> "ImpactGraph":
        nodes = _nodes(store.select(queries.get("impact_nodes").text))
        links = nx.MultiDiGraph()
        links.add_nodes_from(nodes)
        for row in store.select(queries.get("impact_links_from").text):  # unbound: every node's links
            _add_link(links, row)
        return cls(nodes, links)

    @classmethod
    def around(cls, store, start: str, *, include_cites: bool = False) -> "ImpactGraph":
        """The part of the store a change of `start` can reach, read node by node.

        A cold command need not read the whole store for one plan's impact (a minute at
        national scale). Walked nodes come with their links; the plans of walked tasks and
        the bodies the links name come with the links a report reads (a plan's issuer, a
        body's territory); every other end of a link with its facts only. A change that
        reaches most of the store (a central act) is walked on the whole store's graph.
        """
        facts = _NodeFacts(store)
        changed = facts.node(start)
        if changed is not None and changed.kind == "document" and changed.level == "central":
            return impact_graph(store)  # a central act reaches most of the store
        rules = set(_DOWNSTREAM + (_CITES if include_cites else ()))
        opening = set()
        if changed is not None and changed.kind in ("territory", "agency"):
            opening.add(start)
            rules -= {rule for rule in rules if rule[0] in _UNIT_PROPERTIES}  # as `impact` walks it
        walked: dict[str, list[dict]] = {}
        walked_inward: set[str] = set()
        waiting = [start]
        while waiting:
            node = waiting.pop()
            if node in walked:
                continue
            if len(walked) >= _AROUND_LIMIT:
                return impact_graph(store)
            inward = facts.kind(node) in ("document", "task") or node in opening
            walked[node] = facts.links(node, inward=inward)
            if inward:
                walked_inward.add(node)
            for row in walked[node]:
                backwards = row["to"] == node
                there = row["from"] if backwards else row["to"]
                step = (row["property"], backwards)
                if node in opening and step in _OPENING:
                    opening.add(there)
                    if there in walked and there not in walked_inward:
                        del walked[there]  # walked before it opened: its links reaching it are wanted now
                elif step not in rules:
                    continue
                waiting.append(there)
        rows = [row for node_rows in walked.values() for row in node_rows]
        described = {facts.node(n).document for n in walked if facts.kind(n) == "task"}
        described |= {n for row in rows for n in (row["from"], row["to"]) if facts.kind(n) == "agency"}
        described -= {None, *walked}
        for node in sorted(described):
            rows += facts.links(node, inward=False)
        issuers = {row["to"] for row in rows if row["property"] == _ISSUED_BY} - described - set(walked)
        for node in sorted(issuers):
            rows += facts.links(node, inward=False)
        ends = {n for row in rows for n in (row["from"], row["to"])} | set(walked)
        nodes = {n: facts.node(n) for n in sorted(ends) if facts.node(n) is not None}
        links = nx.MultiDiGraph()
        links.add_nodes_from(nodes)
        for row in rows:
            _add_link(links, row)
        return cls(nodes, links)

    def steps_from(self, node: str, rules: tuple[tuple[str, bool], ...]) -> list[Step]:
        """The steps leaving `node` along the given (property, backwards) rules."""
        by_rule = self._steps.get(node)
        if not by_rule:
            return []
        return [step for rule in rules if rule in by_rule for step in by_rule[rule]]

    def _label(self, iri: str) -> str | None:
        node = self.nodes.get(iri)
        return node.name[:80] if node else None


# A walk reaching more nodes than this is left to the whole store's graph (built once).
_AROUND_LIMIT = 20_000


class _NodeFacts:
    """Nodes' facts and links, asked of the store once each."""

    def __init__(self, store):
        self.store = store
        self._nodes: dict[str, Node | None] = {}

    def node(self, iri: str) -> Node | None:
        if iri not in self._nodes:
            rows = self.store.select(queries.get("impact_nodes").text, {"node": URIRef(iri)})
            self._nodes[iri] = _nodes(rows).get(iri)
        return self._nodes[iri]

    def kind(self, iri: str) -> str | None:
        node = self.node(iri)
        return node.kind if node else None

    def links(self, iri: str, *, inward: bool) -> list[dict]:
        """The links leaving the node, and (if `inward`) those reaching it."""
        node = {"node": URIRef(iri)}
        rows = self.store.select(queries.get("impact_links_from").text, node)
        if inward:
            rows += self.store.select(queries.get("impact_links_to").text, node)
        return rows


def _add_link(links: nx.MultiDiGraph, row: dict) -> None:
    """One link, keeping its surest evidence when several sources give it."""
    source, target, key = row["from"], row["to"], row["property"]
    method = codes.code(row["method"]) or "stated"  # structural links (hasTask, partOf) state themselves
    data = {"method": method, "quote": row["quote"], "confidence": row["confidence"], "note": row["note"]}
    if links.has_edge(source, target, key):
        current = links.edges[source, target, key]
        if METHOD_RANK.get(current["method"], 3) <= METHOD_RANK.get(method, 3):
            return
    links.add_edge(source, target, key=key, **data)


def _nodes(rows: list[dict]) -> dict[str, Node]:
    out: dict[str, Node] = {}
    for row in rows:
        iri = row["node"]
        node = out.get(iri)
        if node is None:
            node = out[iri] = Node(iri, row["kind"])
        # An act is both a document and, say, a plan: the first kind seen is kept; facts accumulate.
        for name in ("label", "number", "issuer", "date", "deadline", "text", "section", "unit", "document"):
            if getattr(node, name) is None and row.get(name) is not None:
                setattr(node, name, str(row[name]))
        node.group = node.group or bool(row.get("group"))
        if node.level is None and row["level"]:
            node.level = codes.code(row["level"])
        if row.get("successor") and (row["successor"], row["successorLabel"]) not in node.successors:
            node.successors.append((row["successor"], row["successorLabel"] or row["successor"]))
    return out


# --- finding what the user means -------------------------------------------------


def find_target(store, graph: ImpactGraph | None, text: str, kind: str | None = None) -> Node:
    """The document, task, body or territory that `text` names: an IRI, a number or words,
    looked up in the store's search index (`graph.search`); `kind` (act, task, unit,
    territory) is tried first. Without a `graph`, the node's facts are asked of the store.
    TargetNotFound lists the candidates when none or several match."""
    text = text.strip()
    facts = graph.nodes.get if graph is not None else _NodeFacts(store).node
    if text.startswith(("http://", "https://")) and facts(text) is not None:
        return facts(text)
    index = search.open_index(store)
    hits = [h for h in index.search(text, kind=kind, limit=10) if facts(h.entry.iri) is not None]
    if kind and not hits:
        hits = [h for h in index.search(text, limit=10) if facts(h.entry.iri) is not None]
    try:
        return facts(search.clear_match(hits, text).entry.iri)
    except search.NoClearMatch as exc:
        raise TargetNotFound(str(exc), [facts(h.entry.iri) for h in exc.hits]) from None


# --- the walk ----------------------------------------------------------------------


@dataclass
class Touched:
    """One item the change reaches, with the surest path from the changed item."""

    node: Node
    path: list[Step]

    @property
    def distance(self) -> int:
        return len(self.path)

    @property
    def method(self) -> str:
        worst = max((METHOD_RANK.get(s.method, 3) for s in self.path), default=0)
        return next(m for m, rank in METHOD_RANK.items() if rank == worst) or "unknown"


@dataclass
class UnitReport:
    """What one unit must do: its touched tasks and documents, and the actions in words."""

    touched: Touched
    tasks: list[str] = field(default_factory=list)
    documents: list[str] = field(default_factory=list)
    actions: list[dict[str, str]] = field(default_factory=list)  # {"vi": …, "en": …}
    successors: list[dict[str, str]] = field(default_factory=list)  # bodies taking over after a reorganisation


@dataclass
class Impact:
    changed: Node
    change: str
    by: str | None = None
    to: date | None = None
    as_of: date | None = None
    documents: list[Touched] = field(default_factory=list)
    tasks: list[Touched] = field(default_factory=list)
    units: list[UnitReport] = field(default_factory=list)
    deadline_status: dict[str, str] = field(default_factory=dict)  # task IRI → passed | open | later_than_new

    def to_json(self) -> dict:
        numbers = {t.node.iri: t.node.number for t in self.documents}
        units_of: dict[str, list[str]] = {}
        for u in self.units:
            for task in u.tasks:
                units_of.setdefault(task, []).append(u.touched.node.name)
        return {
            "changed": {"iri": self.changed.iri, "number": self.changed.number, "kind": self.changed.kind,
                        "label": self.changed.name},
            "change": self.change,
            "by": self.by,
            "to": self.to.isoformat() if self.to else None,
            "as_of": self.as_of.isoformat() if self.as_of else None,
            "documents": [
                {"iri": t.node.iri, "number": t.node.number, "issuer": t.node.issuer, "level": t.node.level,
                 "date": t.node.date, "distance": t.distance, "method": t.method, "path": _path_json(t.path)}
                for t in self.documents
            ],
            "tasks": [
                {"iri": t.node.iri, "text": t.node.text, "document": t.node.document,
                 "document_number": numbers.get(t.node.document), "section": t.node.section,
                 "units": units_of.get(t.node.iri, []), "deadline": t.node.deadline,
                 "deadline_status": self.deadline_status.get(t.node.iri), "distance": t.distance,
                 "method": t.method, "path": _path_json(t.path)}
                for t in self.tasks
            ],
            "units": [
                {"iri": u.touched.node.iri, "name": u.touched.node.name, "level": u.touched.node.level,
                 "tasks": u.tasks, "documents": u.documents, "actions": u.actions, "successors": u.successors,
                 "distance": u.touched.distance, "method": u.touched.method, "path": _path_json(u.touched.path)}
                for u in self.units
            ],
        }


def _path_json(path: list[Step]) -> list[dict]:
    return [s.to_json() for s in path]


def impact(
    graph: ImpactGraph,
    changed: Node,
    change: str = "amended",
    *,
    by: str | None = None,
    to: date | None = None,
    as_of: date | None = None,
    include_cites: bool = False,
) -> Impact:
    """Everything below `changed` that the change touches, surest and nearest first."""
    if change not in CHANGES:
        raise ValueError(f"unknown change '{change}'; use one of {', '.join(CHANGES)}")
    if change == "deadline" and to is None:
        raise ValueError("a deadline change needs the new date (--to DATE)")
    if change == "replaced" and not by:
        raise ValueError("a replacement needs the act that replaces (--by ACT)")
    rules = _DOWNSTREAM + (_CITES if include_cites else ())
    if change == "deadline":
        # A moved deadline reaches the duties that carry out the moved task, not its whole plan.
        rules = tuple(r for r in rules if r[0] in (str(CC.hasTask), str(CC.derivedFrom), *_UNIT_PROPERTIES))

    opens = changed.kind in ("territory", "agency")
    if opens:
        # The units touched by a reorganisation are the territory's own bodies (reached by the
        # opening links), not every other body that shares a task with them.
        rules = tuple(r for r in rules if r[0] not in _UNIT_PROPERTIES)

    def steps_from(node: str, path: list[Step]) -> list[Step]:
        if opens and all(_is_opening(s) for s in path):
            if graph.nodes[node].kind == "territory":
                return graph.steps_from(node, _OPENING)  # a territory has nothing downstream itself
            return graph.steps_from(node, _OPENING) + graph.steps_from(node, rules)
        return graph.steps_from(node, rules)

    costs: dict[str, tuple[int, int]] = {}
    reached = surest_paths(changed.iri, steps_from, costs)
    result = Impact(changed, change, by=by, to=to, as_of=as_of or date.today())
    for iri, path in sorted(reached.items(), key=lambda kv: (costs[kv[0]], kv[0])):
        node = graph.nodes.get(iri)
        if node is None:
            continue
        touched = Touched(node, path)
        if node.kind == "document":
            result.documents.append(touched)
        elif node.kind == "task":
            result.tasks.append(touched)
        elif node.kind == "agency":
            result.units.append(UnitReport(touched))
    _add_documents_of_tasks(graph, result)
    _assess_deadlines(graph, result)
    _assign_units(graph, result)
    _write_actions(graph, result)
    return result


def _is_opening(step: Step) -> bool:
    return step.inverse and step.property in _OPENING_PROPERTIES


def _add_documents_of_tasks(graph: ImpactGraph, result: Impact) -> None:
    """A touched task's plan is touched too (for a moved deadline the walk reaches tasks only)."""
    known = {t.node.iri for t in result.documents} | {result.changed.iri}
    for t in list(result.tasks):
        doc = t.node.document
        if doc and doc not in known and doc in graph.nodes:
            step = Step(t.node.iri, doc, _IN_DOCUMENT, "stated", None, 1.0, target_label=graph.nodes[doc].name)
            result.documents.append(Touched(graph.nodes[doc], t.path + [step]))
            known.add(doc)
    result.documents.sort(key=lambda t: (path_cost(t.path), t.node.iri))


def _assess_deadlines(graph: ImpactGraph, result: Impact) -> None:
    """Each touched task's deadline: passed, still open, or later than a moved higher deadline."""
    moved = {result.changed.iri} if result.changed.kind == "task" else set()
    if result.change == "deadline" and result.changed.kind == "document":
        moved = {t.node.iri for t in result.tasks if t.distance == 1}
    for t in result.tasks:
        deadline = _date(t.node.deadline)
        if deadline is None:
            continue
        below_moved = any(s.property == _DERIVED_FROM for s in t.path) or t.node.iri in moved
        if result.change == "deadline" and below_moved and t.node.iri not in moved and deadline > result.to:
            result.deadline_status[t.node.iri] = "later_than_new"
        elif deadline < result.as_of:
            result.deadline_status[t.node.iri] = "passed"
        else:
            result.deadline_status[t.node.iri] = "open"


def _date(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text[:10]) if text else None
    except ValueError:
        return None


def _assign_units(graph: ImpactGraph, result: Impact) -> None:
    """Which touched tasks each unit holds, which touched plans it issued, and who succeeds it."""
    # The bodies that hold the changed task itself are listed with it first.
    documents = {t.node.iri: i for i, t in enumerate(result.documents)}  # the documents' ranking
    order = {t.node.iri: i for i, t in enumerate(result.tasks)}  # the tasks' own ranking
    for report in result.units:
        unit = report.touched.node.iri
        held = graph.tasks_held.get(unit, set())
        report.tasks = sorted((t for t in held if t in order), key=order.__getitem__)
        if result.changed.iri in held and result.changed.kind == "task":
            report.tasks.insert(0, result.changed.iri)
        report.documents.extend(sorted((doc for doc in graph.issued.get(unit, ()) if doc in documents),
                                       key=documents.__getitem__))
        report.successors = successor_bodies(graph, report.touched.node)
    # The issuers of touched plans must revise them even when no task names them.
    known = {r.touched.node.iri for r in result.units}
    for t in result.documents:
        for issuer in graph.issuers.get(t.node.iri, ()):
            if issuer not in known and issuer in graph.nodes:
                step = Step(t.node.iri, issuer, _ISSUED_BY, "stated", None, 1.0, target_label=graph.nodes[issuer].name)
                report = UnitReport(Touched(graph.nodes[issuer], t.path + [step]), documents=[t.node.iri])
                report.successors = successor_bodies(graph, graph.nodes[issuer])
                result.units.append(report)
                known.add(issuer)
    result.units.sort(key=lambda r: (LEVEL_ORDER.get(r.touched.node.level, 4), path_cost(r.touched.path),
                                     r.touched.node.name))


def successor_bodies(graph: ImpactGraph, agency: Node) -> list[dict[str, str]]:
    """The bodies that take over from `agency` when its territory no longer exists (2025 reorganisation)."""
    known = graph._successors.get(agency.iri)
    if known is None:
        known = graph._successors[agency.iri] = _successor_bodies(graph, agency)
    return [dict(s) for s in known]


def _successor_bodies(graph: ImpactGraph, agency: Node) -> list[dict[str, str]]:
    out = []
    if agency.group:
        return out  # its members are listed one by one, each with its own successor
    for territory in graph.jurisdictions.get(agency.iri, ()):
        place = graph.nodes.get(territory)
        if place is None:
            continue
        for successor_iri, successor_label in place.successors:
            if fold(successor_label) == fold(place.label or ""):
                continue  # the same unit under the 2025 codes (Hà Nội stays Hà Nội): nothing to hand over
            out.append({"territory": successor_iri, "territory_name": successor_label,
                        "name": _renamed(agency.label or agency.name, place.label or "", successor_label)})
    return out


def _renamed(body: str, old_place: str, new_place: str) -> str:
    """ "UBND phường Mỗ Lao" with "phường Mỗ Lao" → "phường Hà Đông": "UBND phường Hà Đông"."""
    body_words, place_words = body.split(), old_place.split()
    tail = len(place_words)
    if tail and [fold(w) for w in body_words[-tail:]] == [fold(w) for w in place_words]:
        return " ".join(body_words[:-tail] + new_place.split())
    name_words = place_words[1:]  # without the kind word: "Mỗ Lao" in "UBND P. Mỗ Lao"
    if name_words and [fold(w) for w in body_words[-len(name_words):]] == [fold(w) for w in name_words]:
        return " ".join(body_words[:-len(name_words) - 1] + new_place.split())
    return f"{body} ({new_place})"


def _write_actions(graph: ImpactGraph, result: Impact) -> None:
    """What each unit must do, in words staff act on."""
    changed = result.changed.name
    numbers = {t.node.iri: t.node.name for t in result.documents}
    for report in result.units:
        for doc in report.documents:
            report.actions.append(_document_action(result, numbers.get(doc, doc), changed))
        if result.changed.iri in report.tasks:
            report.actions.append(_changed_task_action(result))
        late = [t for t in report.tasks if result.deadline_status.get(t) == "later_than_new"]
        for task in late:
            node = graph.nodes[task]
            report.actions.append({
                "vi": f"Điều chỉnh thời hạn nhiệm vụ “{_short(node.text)}” ({node.deadline}) không muộn hơn {result.to.isoformat()}",
                "en": f"Move the deadline of “{_short(node.text)}” ({node.deadline}) to no later than {result.to.isoformat()}",
            })
        others = [t for t in report.tasks if t not in late and t != result.changed.iri]
        if others and result.change != "deadline":
            names = "; ".join(_short(graph.nodes[t].text, 60) for t in others[:5]) + (" …" if len(others) > 5 else "")
            report.actions.append({
                "vi": f"Rà soát {len(others)} nhiệm vụ được giao: {names}",
                "en": f"Review the {len(others)} task(s) assigned: {names}",
            })
        if report.successors:
            names = [s["name"] for s in report.successors]
            report.actions.append({
                "vi": f"Địa bàn đã sắp xếp lại: chuyển nhiệm vụ cho {' hoặc '.join(names)} (theo địa bàn mới)",
                "en": f"The territory was reorganised: hand the tasks over to {' or '.join(names)} (by new territory)",
            })


def _changed_task_action(result: Impact) -> dict[str, str]:
    task = _short(result.changed.text, 80)
    if result.change == "deadline":
        return {"vi": f"Thời hạn nhiệm vụ “{task}” đổi thành {result.to.isoformat()}: điều chỉnh kế hoạch thực hiện",
                "en": f"The deadline of “{task}” is now {result.to.isoformat()}: adjust the work plan"}
    if result.change in ("replaced", "repealed"):
        return {"vi": f"Nhiệm vụ “{task}” không còn căn cứ như cũ: rà soát việc thực hiện",
                "en": f"The task “{task}” has lost its former basis: review what is being done"}
    return {"vi": f"Nhiệm vụ “{task}” đã thay đổi: rà soát việc thực hiện",
            "en": f"The task “{task}” has changed: review what is being done"}


def _document_action(result: Impact, number: str, changed: str) -> dict[str, str]:
    if result.change == "replaced":
        return {"vi": f"Cập nhật căn cứ của {number}: thay {changed} bằng {result.by}",
                "en": f"Update the basis of {number}: {changed} is replaced by {result.by}"}
    if result.change == "repealed":
        return {"vi": f"Rà soát {number}: văn bản căn cứ {changed} đã bị bãi bỏ; sửa đổi hoặc bãi bỏ cho phù hợp",
                "en": f"Review {number}: its basis {changed} is repealed; amend or repeal it accordingly"}
    if result.change == "deadline":
        return {"vi": f"Rà soát thời hạn trong {number} theo thời hạn mới {result.to.isoformat()}",
                "en": f"Check the deadlines of {number} against the new deadline {result.to.isoformat()}"}
    if result.change == "reorganised":
        return {"vi": f"Rà soát {number} theo địa giới, tổ chức mới sau sắp xếp",
                "en": f"Review {number} for the new territories and bodies after the reorganisation"}
    return {"vi": f"Rà soát, sửa đổi {number} cho phù hợp với {changed} đã sửa đổi",
            "en": f"Review {number} and revise it to match the amended {changed}"}


@lru_cache(maxsize=65536)  # the same tasks are named again in each unit's actions
def _short(text: str | None, limit: int = 90) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --- one graph per store state ---------------------------------------------------

_CACHE: dict[tuple[int, object], ImpactGraph] = {}


def impact_graph(store) -> ImpactGraph:
    """The store's impact graph, built once per store state (a write makes a new one)."""
    key = (id(store), getattr(store, "generation", None))
    if key[1] is None or key not in _CACHE:
        if _CACHE:
            _CACHE.clear()
            gc.unfreeze()  # the old graph's objects go back to the collector (see below)
        _CACHE[key] = ImpactGraph.from_store(store)
        # The graph holds millions of objects that live as long as it does: left to the
        # collector, each full collection during a walk would scan them all again.
        gc.collect()
        gc.freeze()
    return _CACHE[key]
