"""The interactive graph view: one self-contained HTML file.

`render` takes plain data (`ViewNode`, `ViewEdge`) and writes a page that
opens from a shared folder with no network: vis-network (shipped inside the
pyvis package) is inlined, and a Content-Security-Policy forbids every
remote load.  Levels are bands from central (top) to commune (bottom); a
click shows a node's details and the evidence of its links; a search box
matches labels and details with or without diacritics.

Everything that comes from documents is untrusted.  It reaches the page only
as JSON inside a non-executed ``<script type="application/json">`` block,
with ``<``, ``>`` and ``&`` written as ``\\u003c``-style escapes, and the page
script puts it on screen with ``textContent`` only.  The CSP allows exactly
the two inline scripts the page ships (by hash), so even injected markup
could not run.

>>> import tempfile, pathlib
>>> out = pathlib.Path(tempfile.mkdtemp()) / "view.html"
>>> doc = ViewNode("urn:d", "41/KH-UBND", "document", "commune", {"Số": "41/KH-UBND"})
>>> render([doc], [], out, title="Demo").name
'view.html'
"""

from __future__ import annotations

import base64
import hashlib
import json
import logging
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2

from . import layout, style

__all__ = ["ViewNode", "ViewEdge", "render", "to_html", "script_json"]

log = logging.getLogger(__name__)

VIS_VERSION = "9.1.2"
DATA_ELEMENT_ID = "cancu-data"


@dataclass
class ViewNode:
    """One node of the view; every string in it is shown as plain text."""

    id: str
    label: str
    kind: str
    level: str | None
    details: dict[str, str] = field(default_factory=dict)
    highlight: bool = False


@dataclass
class ViewEdge:
    """One link, with the evidence that makes it exist."""

    source: str
    target: str
    relation: str
    method: str | None
    quote: str | None
    highlight: bool = False


def render(
    nodes: list[ViewNode],
    edges: list[ViewEdge],
    path: Path,
    *,
    title: str,
    lang: str = "vi",
    focus: str | None = None,
) -> Path:
    """Write the view of `nodes` and `edges` to `path` (UTF-8 HTML) and return it.

    `lang` is "vi" or "en"; `focus`, a node id, is selected and zoomed to
    once the layout settles.  Edges whose ends are not among `nodes` are
    left out (and logged).
    """
    path = Path(path)
    page = to_html(nodes, edges, title=title, lang=lang, focus=focus)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(page, encoding="utf-8", newline="\n")
    return path


def to_html(
    nodes: list[ViewNode],
    edges: list[ViewEdge],
    *,
    title: str,
    lang: str = "vi",
    focus: str | None = None,
) -> str:
    """The page `render` writes, as a string."""
    if lang not in style.LANGS:
        raise ValueError(f"lang must be one of {list(style.LANGS)}, not {lang!r}")
    data = payload(nodes, edges, lang=lang, focus=focus)
    vis_js = _inline_js(_vis_asset("vis-network.min.js"))
    app_js = _inline_js(_own_asset("app.js"))
    template = _environment().from_string(_own_asset("template.html"))
    return template.render(
        lang=lang,
        title=title,
        ui=style.UI_TEXT[lang],
        legend=_legend(lang),
        css=_own_asset("page.css"),
        vis_js=vis_js,
        app_js=app_js,
        data_json=script_json(data),
        data_id=DATA_ELEMENT_ID,
        csp=_csp(vis_js, app_js),
        any_highlight=data["any_highlight"],
    )


def script_json(data: Any) -> str:
    """JSON that is safe inside a ``<script>`` element: no ``<``, ``>`` or ``&``.

    >>> script_json({"label": "</script><b>&"})
    '{"label":"\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026"}'
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    text = text.encode("utf-8", "replace").decode("utf-8")  # lone surrogates
    return text.translate(_SCRIPT_JSON_ESCAPES)


_SCRIPT_JSON_ESCAPES = str.maketrans(
    {
        "<": "\\u003c",
        ">": "\\u003e",
        "&": "\\u0026",
        "\u2028": "\\u2028",
        "\u2029": "\\u2029",
    }
)


def payload(
    nodes: list[ViewNode], edges: list[ViewEdge], *, lang: str, focus: str | None = None
) -> dict[str, Any]:
    """The data the page script reads: nodes, edges, their vis options and labels."""
    nodes = _unique(nodes)
    known = {n.id for n in nodes}
    kept = [e for e in edges if e.source in known and e.target in known]
    if len(kept) < len(edges):
        log.warning("graph view: %d link(s) to unknown nodes left out", len(edges) - len(kept))
    levels = layout.band_levels(nodes, kept)
    where = layout.positions(nodes, kept, levels)
    lit = {n.id for n in nodes if n.highlight}
    any_highlight = bool(lit) or any(e.highlight for e in kept)
    return {
        "lang": lang,
        "ui": style.UI_TEXT[lang],
        "any_highlight": any_highlight,
        "focus": focus if focus in known else None,
        "nodes": [
            _node_data(n, levels[n.id], where[n.id], lang, any_highlight) for n in nodes
        ],
        "edges": _bend_parallel([
            _edge_data(i, e, lang, any_highlight, e.highlight or (e.source in lit and e.target in lit))
            for i, e in enumerate(kept)
        ]),
    }


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


def _node_data(
    n: ViewNode, band: str, xy: tuple[int, int], lang: str, any_highlight: bool
) -> dict[str, Any]:
    level = n.level if n.level in style.LEVEL_ORDER else None
    return {
        "id": n.id,
        "label": str(n.label),
        "kind": n.kind,
        "kind_label": style.lookup(style.KIND_LABELS, lang, n.kind),
        "level": level,
        "level_label": style.lookup(style.LEVEL_LABELS, lang, level or band),
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
    vis: dict[str, Any] = {
        "label": _short(str(n.label)),
        "x": xy[0],
        "y": xy[1],
        "fixed": {"x": False, "y": True},
        "shape": st["shape"],
        "size": 18,
        "borderWidth": 6 if n.highlight else 2,
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


def _edge_data(i: int, e: ViewEdge, lang: str, any_highlight: bool, lit: bool) -> dict[str, Any]:
    colour = style.HIGHLIGHT_COLOUR if lit else style.RELATION_COLOURS.get(
        e.relation, style.DEFAULT_RELATION_COLOUR
    )
    dim = any_highlight and not lit
    relation_label = style.lookup(style.RELATION_LABELS, lang, e.relation)
    return {
        "id": f"e{i}",
        "from": e.source,
        "to": e.target,
        "relation": e.relation,
        "relation_label": relation_label,
        "method": e.method,
        "method_label": style.lookup(style.METHOD_LABELS, lang, e.method),
        "quote": e.quote,
        "highlight": bool(e.highlight),
        "vis": {
            "label": relation_label,
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


def _legend(lang: str) -> dict[str, list[dict[str, Any]]]:
    """Legend rows, drawn by the template as small inline SVGs."""
    kinds = []
    for kind in style.KINDS:
        st = style.KIND_STYLES[kind]
        fill = {"level": style.LEVEL_COLOURS["none"], "tint": style.LEVEL_TINTS["none"]}.get(
            str(st["fill"]), st["fill"]
        )
        dash = " ".join(map(str, st["dashes"])) if st["dashes"] else ""
        kinds.append({"label": style.KIND_LABELS[lang][kind], "shape": st["shape"],
                      "fill": fill, "dash": dash})
    levels = [{"label": style.LEVEL_LABELS[lang][lv], "fill": style.LEVEL_COLOURS[lv],
               "tint": style.LEVEL_TINTS[lv]} for lv in style.LEVEL_ORDER]
    methods = []
    for m in style.METHODS:
        dashes = style.METHOD_DASHES[m]
        methods.append({"label": style.METHOD_LABELS[lang][m],
                        "dash": " ".join(map(str, dashes)) if dashes else ""})
    return {"kinds": kinds, "levels": levels, "methods": methods}


def _environment() -> jinja2.Environment:
    return jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)


def _own_asset(name: str) -> str:
    return resources.files(__name__).joinpath(name).read_text(encoding="utf-8")


def _vis_asset(name: str) -> str:
    """A vis-network file from the pyvis package (it ships them for offline use)."""
    root = resources.files("pyvis")
    for folder in ("templates/lib", "lib"):
        candidate = root.joinpath(f"{folder}/vis-{VIS_VERSION}/{name}")
        if candidate.is_file():
            return candidate.read_text(encoding="utf-8")
    raise FileNotFoundError(
        f"vis-network {VIS_VERSION} ({name}) not found in the pyvis package at {root}"
    )


def _inline_js(code: str) -> str:
    """Script text that cannot end its <script> element early, with LF newlines.

    Newlines are normalised because browsers do so before hashing for the CSP.
    """
    code = code.replace("\r\n", "\n").replace("\r", "\n")
    code = re.sub(r"</(script)", r"<\\/\1", code, flags=re.IGNORECASE)
    return code.replace("<!--", "<\\!--")


def _csp(*scripts: str) -> str:
    """A policy that allows only these inline scripts and no network at all."""
    hashes = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(s.encode("utf-8")).digest()).decode() + "'"
        for s in scripts
    )
    return (
        "default-src 'none'; "
        f"script-src {hashes}; "
        "style-src 'unsafe-inline'; "
        "img-src data:; font-src data:; "
        "base-uri 'none'; form-action 'none'"
    )
