"""The data the page script reads, built from `ViewNode`s and `ViewEdge`s.

Nodes and edges carry codes (kind, level, relation, method) and their
vis-network looks; the words for those codes come once, in both languages
(`style.page_texts`), so that the page can switch language without a reload.
Next to them: the values each filter offers (`facets`), the members of each
plan (`groups.plan_members`) and whether the page opens folded to documents
(`aggregate`, for graphs above `style.AGGREGATE_ABOVE` nodes).
"""

from __future__ import annotations

import logging
from collections import Counter
from typing import TYPE_CHECKING, Any, Iterable

from . import groups, layout, style

if TYPE_CHECKING:
    from . import ViewEdge, ViewNode

log = logging.getLogger(__name__)

UNKNOWN = "none"  # the filter value of a missing level, method or document type


def payload(
    nodes: list[ViewNode],
    edges: list[ViewEdge],
    *,
    lang: str,
    titles: dict[str, str],
    focus: str | None = None,
    aggregate: bool | None = None,
) -> dict[str, Any]:
    """Everything the page shows; `aggregate=None` folds graphs above the threshold."""
    nodes = _unique(nodes)
    known = {n.id for n in nodes}
    kept = [e for e in edges if e.source in known and e.target in known]
    if len(kept) < len(edges):
        log.warning("graph view: %d link(s) to unknown nodes left out", len(edges) - len(kept))
    folded = len(nodes) > style.AGGREGATE_ABOVE if aggregate is None else bool(aggregate)
    levels = layout.band_levels(nodes, kept)
    where = layout.positions(nodes, kept, levels, folded=folded)
    lit = {n.id for n in nodes if n.highlight}
    any_highlight = bool(lit) or any(e.highlight for e in kept)
    return {
        "lang": lang,
        "text": style.page_texts(titles),
        "any_highlight": any_highlight,
        "focus": focus if focus in known else None,
        "aggregate": folded,
        "facets": facets(nodes, kept, levels),
        "plans": groups.plan_members(nodes, kept),
        "nodes": [_node_data(n, levels[n.id], where[n.id], any_highlight) for n in nodes],
        "edges": _bend_parallel([
            _edge_data(i, e, any_highlight, e.highlight or (e.source in lit and e.target in lit))
            for i, e in enumerate(kept)
        ]),
    }


def facets(
    nodes: list[ViewNode], edges: list[ViewEdge], levels: dict[str, str]
) -> dict[str, list[list[Any]]]:
    """The values each filter offers, with how many nodes or links have them, in a stable order.

    >>> from types import SimpleNamespace as N
    >>> doc = N(id="d", kind="document", doc_type=None)
    >>> f = facets([doc], [N(relation="cites", method=None)], {"d": "district"})
    >>> f["level"], f["doc_type"], f["method"]
    ([['district', 1]], [['none', 1]], [['none', 1]])
    """
    documents = [n for n in nodes if n.kind in groups.DOCUMENT_KINDS]
    return {
        "level": _counted((levels[n.id] for n in nodes), (*style.LEVEL_ORDER, layout.NO_LEVEL)),
        "kind": _counted((n.kind for n in nodes), style.KINDS),
        "doc_type": _counted((n.doc_type or UNKNOWN for n in documents), ()),
        "relation": _counted((e.relation for e in edges), tuple(style.RELATION_LABELS["en"])),
        "method": _counted((e.method or UNKNOWN for e in edges), (*style.METHODS, UNKNOWN)),
    }


def _counted(values: Iterable[str], order: tuple[str, ...]) -> list[list[Any]]:
    """[value, count] pairs: the known values in `order`, then the others as first met."""
    counts = Counter(values)
    rank = {v: i for i, v in enumerate(order)}
    first_met = {v: i for i, v in enumerate(counts)}
    ordered = sorted(counts, key=lambda v: (rank.get(v, len(order)), first_met[v]))
    return [[v, counts[v]] for v in ordered]


def _bend_parallel(edges: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Curve the second and later links between the same two nodes apart."""
    seen: dict[frozenset[str], int] = {}
    for e in edges:
        pair = frozenset((e["from"], e["to"]))
        k = seen.get(pair, 0)
        seen[pair] = k + 1
        if k:
            e["vis"]["smooth"] = {"enabled": True, "type": "curvedCW", "roundness": 0.25 * k}
    return edges


def _unique(nodes: list[ViewNode]) -> list[ViewNode]:
    seen: dict[str, ViewNode] = {}
    for n in nodes:
        if n.id in seen:
            log.warning("graph view: node %r given twice; the first is kept", n.id)
            continue
        seen[n.id] = n
    return list(seen.values())


def _node_data(n: ViewNode, band: str, xy: tuple[int, int], any_highlight: bool) -> dict[str, Any]:
    return {
        "id": n.id,
        "label": str(n.label),
        "kind": n.kind,
        "level": n.level if n.level in style.LEVEL_ORDER else None,
        "band": band,
        "doc_type": n.doc_type,
        "words": n.words or "",
        "details": [[str(k), str(v)] for k, v in (n.details or {}).items()],
        "highlight": bool(n.highlight),
        "vis": _node_vis(n, band, xy, dim=any_highlight and not n.highlight),
    }


def _node_vis(n: ViewNode, band: str, xy: tuple[int, int], *, dim: bool) -> dict[str, Any]:
    st = style.KIND_STYLES.get(n.kind, style.DEFAULT_KIND_STYLE)
    fill = {"level": style.LEVEL_COLOURS[band], "tint": style.LEVEL_TINTS[band]}.get(
        str(st["fill"]), st["fill"]
    )
    border = style.HIGHLIGHT_COLOUR if n.highlight else style.LEVEL_COLOURS[band]
    font_colour = str(st["font"]) if st["shape"] in ("box", "ellipse") else "#212121"
    border_width = 6 if n.highlight else 2
    vis: dict[str, Any] = {
        "label": _short(str(n.label)),
        "x": xy[0],
        "y": xy[1],
        "fixed": {"x": False, "y": True},
        "shape": st["shape"],
        "size": 18,
        "borderWidth": border_width,
        # vis-network doubles the border of a selected node, which turns a small lit task black
        "borderWidthSelected": border_width + 1,
        "color": {
            "background": fill,
            "border": border,
            "highlight": {"background": fill, "border": "#000000"},
            "hover": {"background": fill, "border": "#000000"},
        },
        "font": {"color": _alpha(font_colour, 0.35) if dim else font_colour, "size": 14},
        "shapeProperties": {"borderDashes": st["dashes"]},
        "widthConstraint": {"maximum": 200},
    }
    if n.highlight:
        vis["shadow"] = {"enabled": True, "color": style.HIGHLIGHT_COLOUR, "size": 22, "x": 0, "y": 0}
        vis["font"]["size"] = 16
    if dim:
        vis["opacity"] = style.DIM_OPACITY
    return vis


def _edge_data(i: int, e: ViewEdge, any_highlight: bool, lit: bool) -> dict[str, Any]:
    """One link; its label (the relation's name) is set by the page, in the page's language."""
    colour = style.HIGHLIGHT_COLOUR if lit else style.RELATION_COLOURS.get(
        e.relation, style.DEFAULT_RELATION_COLOUR
    )
    dim = any_highlight and not lit
    return {
        "id": f"e{i}",
        "from": e.source,
        "to": e.target,
        "relation": e.relation,
        "method": e.method,
        "quote": e.quote,
        "highlight": bool(e.highlight),
        "vis": {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.6}},
            "dashes": style.METHOD_DASHES.get(e.method or "", style.NO_METHOD_DASHES),
            "width": 4 if lit else 1.5,
            "color": {
                "color": colour,
                "highlight": "#000000",
                "hover": "#000000",
                "opacity": style.DIM_OPACITY if dim else 1.0,
            },
            "font": {
                "size": 11,
                "color": _alpha("#37474f", 0.3) if dim else "#37474f",
                "strokeWidth": 3,
                "strokeColor": "#ffffff",
                "align": "middle",
            },
        },
    }


def _short(label: str) -> str:
    label = " ".join(label.split())
    if len(label) <= style.MAX_LABEL_CHARS:
        return label
    return label[: style.MAX_LABEL_CHARS - 1].rstrip() + "…"


def _alpha(hex_colour: str, alpha: float) -> str:
    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r},{g},{b},{alpha})"
