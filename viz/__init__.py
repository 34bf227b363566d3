"""The interactive graph view: one self-contained HTML file.

`render` takes plain data (`ViewNode`, `ViewEdge`) and writes a page that
opens from a shared folder with no network: vis-network (shipped inside the
pyvis package) is inlined, and a Content-Security-Policy forbids every
remote load.  Levels are bands from central (top) to commune (bottom); a
click shows a node's details and the evidence of its links; a search box
matches labels and details with or without diacritics; filters in the side
panel narrow the graph by level, kind, document type, relation, method and
assigned unit; a button switches the page between Vietnamese and English.
A graph of more than `style.AGGREGATE_ABOVE` nodes opens folded to its
documents, each plan unfolding into its tasks and units on demand.

Everything that comes from documents is untrusted.  It reaches the page only
as JSON inside a non-executed ``<script type="application/json">`` block,
with ``<``, ``>`` and ``&`` written as ``\\u003c``-style escapes, and the page
script puts it on screen with ``textContent`` only.  The CSP allows exactly
the two inline scripts the page ships (by hash), so even injected markup
could not run.

>>> import tempfile, pathlib
>>> out = pathlib.Path(tempfile.mkdtemp()) / "view.html"
>>> doc = ViewNode("urn:d", "41/KH-UBND", "document", "commune", {"Số": "41/KH-UBND"},
...                doc_type="Kế hoạch")
>>> render([doc], [], out, title={"vi": "Bản đồ", "en": "Map"}).name
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
from typing import Any, Mapping

import jinja2

from . import style
from .payload import payload

__all__ = ["ViewNode", "ViewEdge", "render", "to_html", "script_json"]

log = logging.getLogger(__name__)

VIS_VERSION = "9.1.2"
DATA_ELEMENT_ID = "cancu-data"


@dataclass
class ViewNode:
    """One node of the view; every string in it is shown as plain text.

    `doc_type` is the Vietnamese name of a document's type ("Kế hoạch",
    "Quyết định"), for the document-type filter. `words`, when given, is the
    node's text folded the way the store's search index folds it (abbreviations
    spelt out both ways), which the page's search box matches besides its own
    folding of the label and details.
    """

    id: str
    label: str
    kind: str
    level: str | None
    details: dict[str, str] = field(default_factory=dict)
    highlight: bool = False
    doc_type: str | None = None
    words: str | None = None


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
    title: str | Mapping[str, str],
    lang: str = "vi",
    focus: str | None = None,
    aggregate: bool | None = None,
) -> Path:
    """Write the view of `nodes` and `edges` to `path` (UTF-8 HTML) and return it.

    `title` is one string, or one per language ({"vi": …, "en": …}) for the
    language switch to change it too.  `lang` ("vi" or "en") is the language
    the page opens in; `focus`, a node id, is selected and zoomed to once the
    layout settles.  `aggregate` opens the page folded to documents (None:
    when there are more than `style.AGGREGATE_ABOVE` nodes).  Edges whose
    ends are not among `nodes` are left out (and logged).
    """
    path = Path(path)
    page = to_html(nodes, edges, title=title, lang=lang, focus=focus, aggregate=aggregate)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(page, encoding="utf-8", newline="\n")
    return path


def to_html(
    nodes: list[ViewNode],
    edges: list[ViewEdge],
    *,
    title: str | Mapping[str, str],
    lang: str = "vi",
    focus: str | None = None,
    aggregate: bool | None = None,
) -> str:
    """The page `render` writes, as a string."""
    if lang not in style.LANGS:
        raise ValueError(f"lang must be one of {list(style.LANGS)}, not {lang!r}")
    titles = _titles(title)
    data = payload(nodes, edges, lang=lang, titles=titles, focus=focus, aggregate=aggregate)
    vis_js = _inline_js(_vis_asset("vis-network.min.js"))
    app_js = _inline_js(_own_asset("app.js"))
    template = _environment().from_string(_own_asset("template.html"))
    return template.render(
        lang=lang,
        title=titles[lang],
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


def _titles(title: str | Mapping[str, str]) -> dict[str, str]:
    """The title in every language: one string serves all of them."""
    if isinstance(title, str):
        return {lang: title for lang in style.LANGS}
    missing = [lang for lang in style.LANGS if lang not in title]
    if missing:
        raise ValueError(f"title has no text for {missing}")
    return {lang: str(title[lang]) for lang in style.LANGS}


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


def _legend(lang: str) -> dict[str, list[dict[str, Any]]]:
    """Legend rows, drawn by the template as small inline SVGs; `key` lets the page relabel them."""
    kinds = []
    for kind in style.KINDS:
        st = style.KIND_STYLES[kind]
        fill = {"level": style.LEVEL_COLOURS["none"], "tint": style.LEVEL_TINTS["none"]}.get(
            str(st["fill"]), st["fill"]
        )
        dash = " ".join(map(str, st["dashes"])) if st["dashes"] else ""
        kinds.append({"key": kind, "label": style.KIND_LABELS[lang][kind], "shape": st["shape"],
                      "fill": fill, "dash": dash})
    levels = [{"key": lv, "label": style.LEVEL_LABELS[lang][lv], "fill": style.LEVEL_COLOURS[lv],
               "tint": style.LEVEL_TINTS[lv]} for lv in style.LEVEL_ORDER]
    methods = []
    for m in style.METHODS:
        dashes = style.METHOD_DASHES[m]
        methods.append({"key": m, "label": style.METHOD_LABELS[lang][m],
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
