"""Where each node starts on the page.

Levels are horizontal bands, central at the top and commune at the bottom
(`style.LEVEL_ORDER`); inside a band, documents sit on top, their tasks just
under them and agencies and territories below.  The y coordinate is final
(the page pins it).  x is a starting point that the browser's physics
relaxes on small graphs and the final place on large ones (the page turns
physics off there), so it must already read well: a document starts under
the documents it links to in the bands above, tasks under their document
and agencies under the tasks they are given.

A node without a level takes one from its links: a task from its document,
an agency or territory from the documents and tasks it is linked to.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Iterable, Protocol

from . import groups, style

NO_LEVEL = "none"
BANDS = (*style.LEVEL_ORDER, NO_LEVEL)  # top to bottom
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


def band_y(level: str, kind: str, doc_rows: dict[str, int] | None = None, row: int = 0) -> int:
    """The fixed y of a node of `kind` in the band of `level`.

    A band whose documents take several rows (`doc_rows`, by level) is taller
    by as many rows; `row` is a document's row in its band.

    >>> band_y("central", "document"), band_y("province", "task")
    (0, 560)
    >>> band_y("central", "document", {"central": 3}, row=2), band_y("province", "task", {"central": 3})
    (180, 740)
    """
    doc_rows = doc_rows or {}

    def extra(lv: str) -> int:
        return (doc_rows.get(lv, 1) - 1) * style.DOC_ROW_HEIGHT

    above = BANDS[: BANDS.index(level) if level in BANDS else len(BANDS) - 1]
    top = sum(style.ROW_HEIGHT + extra(lv) for lv in above)
    if kind in groups.DOCUMENT_KINDS:
        return top + row * style.DOC_ROW_HEIGHT
    return top + extra(level) + style.BAND_OFFSETS.get(kind, style.DEFAULT_BAND_OFFSET)


def positions(
    nodes: Iterable[_Node], edges: Iterable[_Edge], levels: dict[str, str], *, folded: bool = False
) -> dict[str, tuple[int, int]]:
    """Starting (x, y) of every node; y is final, x a hint for the physics.

    In a `folded` graph the page shows documents and unfolds a plan or two at
    a time, so tasks and units stay right under their plan instead of being
    spread across the band with every other plan's (which, for a city, puts
    them tens of thousands of pixels away).
    """
    nodes = list(nodes)
    edges = list(edges)
    x: dict[str, float] = {}
    row: dict[str, int] = {}
    doc_rows: dict[str, int] = {}
    docs = [n for n in nodes if n.kind in groups.DOCUMENT_KINDS]
    for level in BANDS:  # top down: each band's documents go under those above
        band = [n for n in docs if levels[n.id] == level]
        if band:
            _place_under_linked(band, edges, x)
            _spread(band, x, DOC_GAP)
            doc_rows[level] = _wrap(band, x, row)
    y = {n.id: band_y(levels[n.id], n.kind, doc_rows, row.get(n.id, 0)) for n in nodes}
    _place_children(nodes, edges, x)
    _place_neighbours(nodes, edges, x)
    if folded:
        return {n.id: (round(x[n.id]), y[n.id]) for n in nodes}
    for band in _group_by(nodes, y).values():
        gap = {"document": DOC_GAP, "stub": DOC_GAP, "task": TASK_GAP}.get(band[0].kind, OTHER_GAP)
        _spread(band, x, gap)
    return {n.id: (round(x[n.id]), y[n.id]) for n in nodes}


def _wrap(band: list[_Node], x: dict[str, float], row: dict[str, int]) -> int:
    """Fold a band of more than `style.MAX_DOCS_PER_ROW` documents into rows; how many rows.

    The documents fill the rows column by column, which keeps their left-to-right
    order: ward plans stay under their district's plan.
    """
    rows = -(-len(band) // style.MAX_DOCS_PER_ROW)
    if rows == 1:
        return 1
    order = sorted(band, key=lambda n: x[n.id])
    centre = sum(x[n.id] for n in band) / len(band)
    columns = -(-len(band) // rows)
    for i, n in enumerate(order):
        column, row[n.id] = divmod(i, rows)
        x[n.id] = centre + (column - (columns - 1) / 2) * DOC_GAP
    return rows


def _group_by(nodes: list[_Node], y: dict[str, int]) -> dict[int, list[_Node]]:
    bands: dict[int, list[_Node]] = defaultdict(list)
    for n in nodes:
        bands[y[n.id]].append(n)
    return bands


def _place_under_linked(band: list[_Node], edges: list[_Edge], x: dict[str, float]) -> None:
    """Documents of one band start at the mean x of the documents above they link to.

    A ward plan then starts under its district's plan, so that a city's
    hundreds of plans do not cross each other's links.  The rest (the top
    band, acts known only from citations) follow on the right in their order.
    """
    ids = {n.id for n in band}
    above: dict[str, list[float]] = defaultdict(list)
    for e in edges:
        for me, other in ((e.source, e.target), (e.target, e.source)):
            if me in ids and other in x:
                above[me].append(x[other])
    placed = [n for n in band if above.get(n.id)]
    for n in placed:
        x[n.id] = sum(above[n.id]) / len(above[n.id])
    right = max((x[n.id] for n in placed), default=-DOC_GAP * (len(band) - 1) / 2 - DOC_GAP)
    for n in band:
        if n.id not in x:
            right += DOC_GAP
            x[n.id] = right


def _place_children(nodes: list[_Node], edges: list[_Edge], x: dict[str, float]) -> None:
    """Tasks start under their document, fanned out."""
    for parent, kids in groups.tasks_by_plan(nodes, edges).items():
        if parent not in x:
            continue
        kids = [k for k in kids if k not in x]
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
