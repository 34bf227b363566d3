"""Where each node starts on the page.

Levels are horizontal bands, central at the top and commune at the bottom
(`style.LEVEL_ORDER`); inside a band, documents sit on top, their tasks just
under them and agencies and territories below.  The y coordinate is final
(the page pins it); x is only a starting point that the browser's physics
then relaxes, so documents start spread out, tasks start under their
document and agencies start under the tasks they are given.

A node without a level takes one from its links: a task from its document,
an agency or territory from the documents and tasks it is linked to.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Iterable, Protocol

from . import style

NO_LEVEL = "none"
DOC_GAP = 260
TASK_GAP = 210
OTHER_GAP = 170


class _Node(Protocol):
    id: str
    kind: str
    level: str | None


class _Edge(Protocol):
    source: str
    target: str
    relation: str


def band_levels(nodes: Iterable[_Node], edges: Iterable[_Edge]) -> dict[str, str]:
    """The level band of every node: its own level, else one borrowed from its links.

    >>> from types import SimpleNamespace as N
    >>> doc = N(id="d", kind="document", level="commune")
    >>> task = N(id="t", kind="task", level=None)
    >>> unit = N(id="u", kind="agency", level=None)
    >>> links = [N(source="d", target="t", relation="hasTask"),
    ...          N(source="t", target="u", relation="leadUnit")]
    >>> band_levels([doc, task, unit], links)
    {'d': 'commune', 't': 'commune', 'u': 'commune'}
    """
    nodes = list(nodes)
    edges = list(edges)
    levels = {n.id: n.level for n in nodes if n.level in style.LEVEL_ORDER}
    kinds = {n.id: n.kind for n in nodes}
    for e in edges:  # tasks first: agencies may borrow from them
        if e.relation == "hasTask" and e.target not in levels and e.source in levels:
            levels[e.target] = levels[e.source]
        if e.relation == "inDocument" and e.source not in levels and e.target in levels:
            levels[e.source] = levels[e.target]
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for e in edges:
        for me, other in ((e.source, e.target), (e.target, e.source)):
            if me not in levels and kinds.get(me) in ("agency", "territory") and other in levels:
                votes[me][levels[other]] += 1
    for node_id, counter in votes.items():
        best = max(counter.values())
        levels[node_id] = min(
            (lv for lv, c in counter.items() if c == best), key=style.LEVEL_ORDER.index
        )
    return {n.id: levels.get(n.id, NO_LEVEL) for n in nodes}


def band_y(level: str, kind: str) -> int:
    """The fixed y of a node of `kind` in the band of `level`.

    >>> band_y("central", "document"), band_y("province", "task")
    (0, 560)
    """
    row = style.LEVEL_ORDER.index(level) if level in style.LEVEL_ORDER else len(style.LEVEL_ORDER)
    return row * style.ROW_HEIGHT + style.BAND_OFFSETS.get(kind, style.DEFAULT_BAND_OFFSET)


def positions(
    nodes: Iterable[_Node], edges: Iterable[_Edge], levels: dict[str, str]
) -> dict[str, tuple[int, int]]:
    """Starting (x, y) of every node; y is final, x a hint for the physics."""
    nodes = list(nodes)
    edges = list(edges)
    y = {n.id: band_y(levels[n.id], n.kind) for n in nodes}
    x: dict[str, float] = {}
    docs = [n for n in nodes if n.kind in ("document", "stub")]
    for band in _group_by(docs, y).values():
        for i, n in enumerate(band):
            x[n.id] = (i - (len(band) - 1) / 2) * DOC_GAP
    _place_children(nodes, edges, x)
    _place_neighbours(nodes, edges, x)
    for band in _group_by(nodes, y).values():
        gap = {"document": DOC_GAP, "stub": DOC_GAP, "task": TASK_GAP}.get(band[0].kind, OTHER_GAP)
        _spread(band, x, gap)
    return {n.id: (round(x[n.id]), y[n.id]) for n in nodes}


def _group_by(nodes: list[_Node], y: dict[str, int]) -> dict[int, list[_Node]]:
    bands: dict[int, list[_Node]] = defaultdict(list)
    for n in nodes:
        bands[y[n.id]].append(n)
    return bands


def _place_children(nodes: list[_Node], edges: list[_Edge], x: dict[str, float]) -> None:
    """Tasks start under their document, fanned out."""
    kinds = {n.id: n.kind for n in nodes}
    children: dict[str, list[str]] = defaultdict(list)
    for e in edges:
        if e.relation == "hasTask" and kinds.get(e.target) == "task":
            children[e.source].append(e.target)
        elif e.relation == "inDocument" and kinds.get(e.source) == "task":
            children[e.target].append(e.source)
    for parent, kids in children.items():
        if parent not in x:
            continue
        kids = [k for k in dict.fromkeys(kids) if k not in x]
        for i, kid in enumerate(kids):
            x[kid] = x[parent] + (i - (len(kids) - 1) / 2) * TASK_GAP


def _place_neighbours(nodes: list[_Node], edges: list[_Edge], x: dict[str, float]) -> None:
    """Everything else starts at the mean x of its placed neighbours (or at the right)."""
    sums: dict[str, list[float]] = defaultdict(list)
    for e in edges:
        if e.source in x and e.target not in x:
            sums[e.target].append(x[e.source])
        if e.target in x and e.source not in x:
            sums[e.source].append(x[e.target])
    right = max(x.values(), default=0.0)
    for n in nodes:
        if n.id in x:
            continue
        if sums.get(n.id):
            x[n.id] = sum(sums[n.id]) / len(sums[n.id])
        else:
            right += OTHER_GAP
            x[n.id] = right


def _spread(band: list[_Node], x: dict[str, float], gap: float) -> None:
    """Push nodes of one band apart to at least `gap`, keeping order and centre."""
    order = sorted(band, key=lambda n: x[n.id])
    before = sum(x[n.id] for n in order) / len(order)
    for prev, cur in zip(order, order[1:]):
        x[cur.id] = max(x[cur.id], x[prev.id] + gap)
    shift = before - sum(x[n.id] for n in order) / len(order)
    for n in order:
        x[n.id] += shift
