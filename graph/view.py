"""The graph view: the store → plain view data → `viz.render`.

Focus modes narrow the page: a task's trace chain (highlighted on the whole
graph), or the documents and tasks around one node.
"""

from __future__ import annotations

from pathlib import Path

import queries
from graph import codes
from graph.store import GraphStore
from graph.impact import Impact
from graph.paths import Step
from graph.trace import Trace
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
    return ViewNode(row["node"], label, kind, level, {k: str(v) for k, v in details.items() if v})


def write_view(
    store: GraphStore, path: Path, *, trace: Trace | None = None, impact: Impact | None = None, lang: str = "vi"
) -> Path:
    """Write the page; a trace's chain, or the part of the graph an impact touches, is highlighted."""
    nodes, edges = view_data(store)
    title = "cancu — bản đồ căn cứ pháp lý" if lang == "vi" else "cancu — legal basis graph"
    focus = None
    if trace is not None:
        _highlight(nodes, edges, {trace.task["iri"]}, trace.chain)
        focus = trace.task["iri"]
    if impact is not None:
        touched = [*impact.documents, *impact.tasks, *(u.touched for u in impact.units)]
        _highlight(nodes, edges, {impact.changed.iri}, [step for t in touched for step in t.path])
        focus = impact.changed.iri
    return render(nodes, edges, path, title=title, lang=lang, focus=focus)


def _highlight(nodes: list[ViewNode], edges: list[ViewEdge], start: set[str], steps: list[Step]) -> None:
    """Light the nodes and links walked by `steps` (in either direction: impact walks links backwards)."""
    lit = start | {s.source for s in steps} | {s.target for s in steps}
    pairs = {(s.source, s.target) for s in steps} | {(s.target, s.source) for s in steps}
    for n in nodes:
        n.highlight = n.highlight or n.id in lit
    for e in edges:
        e.highlight = e.highlight or (e.source, e.target) in pairs
