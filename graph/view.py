"""The graph view: the store → plain view data → `viz.render`.

Focus modes narrow or light up the page: a task's trace chain and an act's
impact set are highlighted on the whole graph; `--focus` keeps one node and
what is around it (a plan with its tasks and units: a responsibility map);
`--level` keeps some levels only.
"""

from __future__ import annotations

from pathlib import Path

import queries
from graph import codes
from graph.store import GraphStore
from graph.impact import Impact
from graph.paths import Step
from graph.search import searchable
from graph.trace import Trace
from ingest.doctypes import DOC_TYPES
from ontology import CC
from viz import ViewEdge, ViewNode, render

# An agency's link is drawn once: its lead/assigned twin says it all.
_HIDDEN_TWINS = {str(CC.assignedTo)}


def view_data(store: GraphStore) -> tuple[list[ViewNode], list[ViewEdge]]:
    """Every document, task and agency, and the links between them."""
    nodes: dict[str, ViewNode] = {}
    for row in store.select(queries.get("view_nodes").text):
        iri = row["node"]
        if iri in nodes and nodes[iri].kind != "agency":
            continue
        nodes[iri] = _node(row)
    edges: dict[tuple[str, str, str], ViewEdge] = {}
    lead_pairs = set()
    rows = store.select(queries.get("view_links").text)
    for row in rows:
        relation = codes.local_name(row["property"])
        if relation == "leadUnit":
            lead_pairs.add((row["source"], row["target"]))
    for row in rows:
        relation = codes.local_name(row["property"])
        if row["source"] not in nodes or row["target"] not in nodes:
            continue
        if row["property"] in _HIDDEN_TWINS and (row["source"], row["target"]) in lead_pairs:
            continue
        key = (row["source"], row["target"], relation)
        method = codes.code(row["method"])
        if relation == "hasTask":
            method = "stated"  # a task is in its document by the document's own structure
        if key in edges and edges[key].method == "stated":
            continue
        edges[key] = ViewEdge(row["source"], row["target"], relation, method, row["quote"])
    return list(nodes.values()), list(edges.values())


def focus_on(nodes: list[ViewNode], edges: list[ViewEdge], center: str) -> tuple[list[ViewNode], list[ViewEdge]]:
    """`center` and what is around it: its neighbours, and the neighbours of the tasks among them.

    For a plan that is its tasks and their units (a responsibility map) and the acts
    it carries out; for a task, its plan, units and the tasks it derives from or
    that derive from it; for a unit, its tasks and their plans.
    """
    around: dict[str, set[str]] = {}
    for e in edges:
        around.setdefault(e.source, set()).add(e.target)
        around.setdefault(e.target, set()).add(e.source)
    kinds = {n.id: n.kind for n in nodes}
    kept = {center} | around.get(center, set())
    for task in [i for i in kept if kinds.get(i) == "task"]:
        kept |= {i for i in around.get(task, set()) if kinds.get(i) in ("agency", "document", "stub")}
    for n in nodes:
        n.highlight = n.highlight or n.id == center
    return [n for n in nodes if n.id in kept], [e for e in edges if e.source in kept and e.target in kept]


def at_levels(nodes: list[ViewNode], edges: list[ViewEdge], levels: set[str]) -> tuple[list[ViewNode], list[ViewEdge]]:
    """Only the documents of `levels`, their tasks and the units and territories linked to those."""
    kept = {n.id for n in nodes if n.kind in ("document", "stub") and n.level in levels}
    kept |= {e.target for e in edges if e.relation == "hasTask" and e.source in kept}
    kept |= {e.target for e in edges if e.source in kept and e.relation in _UNIT_RELATIONS}
    kept |= {n.id for n in nodes if n.kind not in ("document", "stub", "task") and n.level in levels}
    return [n for n in nodes if n.id in kept], [e for e in edges if e.source in kept and e.target in kept]


_UNIT_RELATIONS = {"leadUnit", "cooperatingUnit", "assignedTo", "issuedBy"}


def _doc_type_name(iri: str | None) -> str | None:
    """ "Kế hoạch" for cc:KeHoach: the shortest name of the kinds filed under that class
    (a Nghị quyết, not a Nghị quyết liên tịch)."""
    local = codes.local_name(iri)
    names = sorted((t.name for t in DOC_TYPES if t.onto == local), key=len) if local else []
    return names[0] if names else None


def _node(row: dict) -> ViewNode:
    kind = row["kind"]
    if kind == "document" and row["stub"]:
        kind = "stub"
    level = codes.code(row["level"])
    if kind == "task":
        label = (row["unit"] or "") + (f" · {row['section']}" if row["section"] else "")
    else:
        label = row["number"] or row["label"] or row["node"].rsplit("/", 1)[-1]
    details = {
        "Số": row["number"],
        "Cơ quan ban hành": row["issuer"],
        "Ngày": row["date"],
        "Trích yếu" if kind != "task" else "Nội dung": row["title"] or row["label"],
        "Mục": row["section"],
        "Đơn vị": row["unit"],
        "Hạn": row["deadline"],
        "Tệp nguồn": row["file"],
    }
    details = {k: str(v) for k, v in details.items() if v}
    words = searchable(" ".join([label, *details.values()]))
    return ViewNode(row["node"], label, kind, level, details, doc_type=_doc_type_name(row.get("docType")), words=words)


def write_view(
    store: GraphStore,
    path: Path,
    *,
    trace: Trace | None = None,
    impact: Impact | None = None,
    focus: str | None = None,
    levels: set[str] | None = None,
    lang: str = "vi",
    aggregate: bool | None = None,
) -> Path:
    """Write the page; a trace's chain, or the part of the graph an impact touches, is highlighted;
    `focus` (a node's IRI) keeps that node and what is around it, `levels` keeps those levels;
    `aggregate` opens the page with plans folded (None: only when the graph is large)."""
    nodes, edges = view_data(store)
    if levels:
        nodes, edges = at_levels(nodes, edges, levels)
    if focus:
        nodes, edges = focus_on(nodes, edges, focus)
    title = {"vi": "cancu — bản đồ căn cứ pháp lý", "en": "cancu — legal basis graph"}
    if trace is not None:
        _highlight(nodes, edges, {trace.task["iri"]}, trace.chain)
        focus = trace.task["iri"]
    if impact is not None:
        touched = [*impact.documents, *impact.tasks, *(u.touched for u in impact.units)]
        _highlight(nodes, edges, {impact.changed.iri}, [step for t in touched for step in t.path])
        focus = impact.changed.iri
    return render(nodes, edges, path, title=title, lang=lang, focus=focus, aggregate=aggregate)


def _highlight(nodes: list[ViewNode], edges: list[ViewEdge], start: set[str], steps: list[Step]) -> None:
    """Light the nodes and links walked by `steps` (in either direction: impact walks links backwards)."""
    lit = start | {s.source for s in steps} | {s.target for s in steps}
    pairs = {(s.source, s.target) for s in steps} | {(s.target, s.source) for s in steps}
    for n in nodes:
        n.highlight = n.highlight or n.id in lit
    for e in edges:
        e.highlight = e.highlight or (e.source, e.target) in pairs
