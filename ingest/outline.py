"""The outline: the normalised text → the tree of the whole document, which later stages read.

An administrative document has one shape, whoever wrote it: a header (issuing body, national
motto, "Số: …", place and date, often as a two-by-two table), the type word and the title,
a preamble ("Thực hiện …", "Căn cứ …"), a body of sections ("I.", "Điều 1.") and items at
every depth ("1.", "1.1.", "a)", "(1)", "- ", "+ "), tables (a crawl's "|" cells, a reader's
"a | b | c" rows), label blocks ("Đơn vị chủ trì: …"), a closing, the signature, "Nơi nhận",
and appendices (a decision's attached plan, "PHỤ LỤC" tables).

>>> tree = outline("KẾ HOẠCH\\nThực hiện Kế hoạch số 2/KH-UBND.\\nI. NHIỆM VỤ\\n1. Phòng Nội vụ\\n- Rà soát.\\n- Báo cáo.")
>>> print(render(tree, width=60))
document
  title [0:8] KẾ HOẠCH
  preamble [9:41] Thực hiện Kế hoạch số 2/KH-UBND.
  section I [45:53] NHIỆM VỤ
    item 1 [57:69] Phòng Nội vụ
      item - [72:80] Rà soát.
      item - [83:91] Báo cáo.

`cancu extract FILE --outline` prints this tree. Spans index the normalised text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from ingest import cues, doctypes
from ingest.fold import cue_regex, fold, fold_aligned
from ingest.segment import Paragraph, segment

# Kinds of node, from the root down; `item` and `paragraph` nest by their markers.
KINDS = ("document", "header", "title", "preamble", "section", "item", "paragraph", "label",
         "table", "row", "cell", "closing", "signature", "recipients", "appendix")


@dataclass(frozen=True)
class Node:
    """One node of the outline: its kind, marker ("IV", "1.2", "a", "-", "Điều 2"), own text,
    the span of that text, and its children. `paragraph` is the outline paragraph it was read from."""

    kind: str
    marker: str = ""
    text: str = ""
    start: int = 0
    end: int = 0
    children: tuple["Node", ...] = ()
    paragraph: Paragraph | None = None
    label: str | None = None  # for a label line: the role it names ("lead", "cooperate", "time", "unit")

    def walk(self) -> Iterator["Node"]:
        yield self
        for child in self.children:
            yield from child.walk()

    @property
    def last(self) -> int:
        """The end of the node with all its children."""
        return max([self.end, *(c.last for c in self.children)])


@dataclass(frozen=True)
class Outline:
    root: Node
    paragraphs: tuple[Paragraph, ...]  # every paragraph in reading order (table cells' included)


# --- the crawl's "|" tables -----------------------------------------------------------

@dataclass(frozen=True)
class _Cell:
    start: int
    end: int


@dataclass
class _Table:
    start: int
    end: int
    rows: list[list[_Cell]] = field(default_factory=list)


def _line_spans(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for raw in text.split("\n"):
        out.append((pos, pos + len(raw)))
        pos += len(raw) + 1
    return out


def _is_edge(text: str, span: tuple[int, int]) -> bool:
    return text[span[0]:span[1]].strip() == "|"


def _is_blank(text: str, span: tuple[int, int]) -> bool:
    return not text[span[0]:span[1]].strip()


def crawl_tables(text: str) -> list[_Table]:
    """Tables as a crawl writes them: each cell between lines that hold a lone "|", a row
    ending where two such lines meet ("|" then "|"). The first row sets the number of columns;
    a table ends after a row when no new row opens, or at a blank line after an edge."""
    lines = _line_spans(text)
    tables: list[_Table] = []
    i = 0
    while i < len(lines):
        if not _is_edge(text, lines[i]):
            i += 1
            continue
        table, i = _read_table(text, lines, i)
        if table.rows and any(c.end > c.start for row in table.rows for c in row):
            tables.append(table)
    return tables


def _read_table(text: str, lines: list[tuple[int, int]], i: int) -> tuple[_Table, int]:
    table = _Table(lines[i][0], lines[i][1])
    columns: int | None = None
    row: list[_Cell] = []
    cell_start: int | None = None
    cell_end = 0
    i += 1  # past the opening edge
    while i < len(lines):
        span = lines[i]
        if _is_edge(text, span):
            row.append(_Cell(cell_start if cell_start is not None else span[0], cell_end if cell_start is not None else span[0]))
            cell_start = None
            table.end = span[1]
            nxt = i + 1
            opens_row = nxt < len(lines) and _is_edge(text, lines[nxt])
            if opens_row or (columns is not None and len(row) >= columns):
                table.rows.append(row)
                columns = columns or len(row)
                row = []
                if not opens_row:
                    return table, nxt
                i = nxt + 1
                continue
            if nxt >= len(lines) or _is_blank(text, lines[nxt]):
                table.rows.append(row)
                return table, nxt
            i += 1
            continue
        if cell_start is None:
            if _is_blank(text, span):
                i += 1
                continue
            cell_start = span[0]
        if not _is_blank(text, span):
            cell_end = span[1]
        i += 1
    if row:
        table.rows.append(row)
    return table, i


# --- paragraphs of the flow and of the cells --------------------------------------------

def _paragraphs_of(text: str, folded: str, start: int, end: int) -> list[Paragraph]:
    """The outline paragraphs of text[start:end], with spans of the whole text (and their
    folded text sliced from the folded view, never folded again)."""
    out = []
    for p in segment(text[start:end], folded[start:end]):
        out.append(replace(p, start=p.start + start, end=p.end + start, line_start=p.line_start + start))
    return out


# Where the body ends and the closing blocks begin: "Nơi nhận", the signer's title lines.
_SIGNATURE = re.compile(r"^(?:(?:kt|tm|t/m|tl|q|ktl)\s*\.\s*|(?:pho\s+)?(?:chu\s+tich|bo\s+truong|thu\s+truong|giam\s+doc|bi\s+thu|truong\s+ban|chanh\s+van\s+phong|cuc\s+truong|chu\s+nhiem)\b)")


def outline(text: str) -> Node:
    """The tree of a normalised text (see the module's example)."""
    return build(text).root


def build(text: str, folded: str | None = None) -> Outline:
    """The outline of a normalised text; `folded` is its folded view (made here if not given)."""
    folded = folded if folded is not None else fold_aligned(text)
    tables = crawl_tables(text)
    blocks: list[tuple[str, object]] = []  # ("flow", Paragraph) | ("table", (table, [[paragraphs]]))
    pos = 0
    paragraphs: list[Paragraph] = []
    for table in tables:
        for p in _paragraphs_of(text, folded, pos, table.start):
            blocks.append(("flow", p))
            paragraphs.append(p)
        rows = []
        for row in table.rows:
            cells = []
            for cell in row:
                ps = _paragraphs_of(text, folded, cell.start, cell.end)
                paragraphs.extend(ps)
                cells.append((cell, ps))
            rows.append(cells)
        blocks.append(("table", (table, rows)))
        pos = table.end
    for p in _paragraphs_of(text, folded, pos, len(text)):
        blocks.append(("flow", p))
        paragraphs.append(p)
    root = _Assembler(text).assemble(blocks)
    return Outline(root, tuple(paragraphs))


# Rank of an item marker: lower opens a higher level. A number's depth is its dots ("1.2" → 2).
def _rank(p: Paragraph) -> int:
    """Rank of an item marker: lower opens a higher level (an appendix is 1). A number's depth
    is its dots ("1.2" is under "1")."""
    if p.kind == "chapter":
        return 2
    if p.kind in ("roman", "article"):
        return 3
    if p.kind == "number":
        return 4 + p.marker.count(".")
    if p.kind == "paren":
        return 9
    if p.kind == "letter":
        return 10
    if p.kind == "dash":
        return 11 if p.marker != "+" else 12
    return 20


class _Assembler:
    """Paragraphs and tables → the tree, by the parts of a document and the ranks of markers."""

    def __init__(self, text: str):
        self.text = text

    def assemble(self, blocks: list[tuple[str, object]]) -> Node:
        root: list[Node] = []
        stack: list[tuple[int, Node, list[Node]]] = []  # (rank, node, its children so far)
        phase = "head"  # head → title → preamble → body → closing
        seen_type = seen_table = False

        def close_to(rank: int) -> None:
            while stack and stack[-1][0] >= rank:
                r, node, kids = stack.pop()
                done = replace(node, children=tuple(kids))
                (stack[-1][2] if stack else root).append(done)

        def add(node: Node, rank: int | None = None) -> None:
            if rank is None:
                (stack[-1][2] if stack else root).append(node)
            else:
                close_to(rank)
                stack.append((rank, node, []))

        preamble = cue_regex(cues.PREAMBLE_CUES, at_start=True)
        recipients = cue_regex(cues.RECIPIENTS_CUES, at_start=True)
        for kind, block in _inline_tables(blocks):
            if kind == "table":
                table_node = self._table(block) if isinstance(block, tuple) else block
                if phase == "head" and not seen_type:
                    seen_table = True
                    add(replace(table_node, kind="header"))
                elif _is_closing_table(table_node):
                    if phase != "closing":
                        close_to(1)
                    phase = "closing"
                    add(replace(table_node, kind="closing"))
                else:
                    add(table_node)
                continue
            p: Paragraph = block
            if not re.search(r"\w", p.text) and p.kind not in ("chapter", "article", "roman"):
                continue
            folded = p.folded.strip()
            if phase in ("head", "title") and p.kind == "text":
                is_type = bool(doctypes.by_word(p.text.strip())) and len(p.text.split()) <= 4
                if is_type and not seen_type:
                    seen_type, phase = True, "title"
                    add(self._leaf("title", p))
                    continue
                if preamble.match(folded) and not (phase == "title" and _title_like(p)):
                    phase = "preamble"
                    add(self._leaf("preamble", p))
                    continue
                if (phase == "head" and not (seen_table and _is_sentence(p))) or (phase == "title" and _title_like(p)):
                    add(self._leaf("title" if phase == "title" else "header", p))
                    continue
                phase = "body"  # a directive opens with its reasons, right under the title
            if phase == "preamble" and p.kind in ("text", "dash") and not p.text.isupper():
                add(self._leaf("preamble", p))
                if p.text.rstrip().endswith(":"):
                    phase = "body"
                continue
            if phase != "closing" and recipients.match(folded):
                phase = "closing"
                close_to(0)
                add(self._leaf("recipients", p))
                continue
            if phase in ("head", "title", "preamble"):
                phase = "body"
            if phase == "closing" and p.kind == "text" and doctypes.by_word(p.text.strip()) and len(p.text.split()) <= 4:
                # A decision's attached plan, or an appendix: a new part after the signature.
                phase = "body"
                close_to(0)
                add(Node("appendix", "", p.text, p.start, p.end, paragraph=p), 1)
                continue
            if p.kind == "text" and re.match(r"phu\s+luc\b", folded) and len(p.text.split()) <= 6:
                close_to(1)
                phase = "body"
                add(Node("appendix", "PL", p.text, p.start, p.end, paragraph=p), 1)
                continue
            if phase == "body" and p.kind == "text" and _is_closing_paragraph(p):
                # "Trên đây là …", "UBND tỉnh yêu cầu … nghiêm túc triển khai": the section's closing.
                close_to(4)
                add(self._leaf("closing", p))
                continue
            if p.kind == "text" and _SIGNATURE.match(folded) and len(p.text.split()) <= 8:
                if phase != "closing":
                    close_to(1)
                phase = "closing"
                add(self._leaf("signature", p))
                continue
            rank = _rank(p)
            if rank < 20 and not (p.kind == "dash" and label_role(p.text)):
                add(Node(_kind_of(p), _marker_of(p), p.text, p.start, p.end, paragraph=p), rank)
            else:
                add(self._paragraph(p))
        close_to(0)
        return Node("document", children=tuple(root))

    def _leaf(self, kind: str, p: Paragraph) -> Node:
        return Node(kind, p.marker, p.text, p.start, p.end, paragraph=p)

    def _paragraph(self, p: Paragraph) -> Node:
        role = label_role(p.text)
        if role:
            return Node("label", "", p.text, p.start, p.end, paragraph=p, label=role)
        return Node("paragraph", "", p.text, p.start, p.end, paragraph=p)

    def _table(self, block) -> Node:
        table, rows = block
        row_nodes = []
        for cells in rows:
            cell_nodes = []
            for cell, ps in cells:
                kids = tuple(self._cell_child(p) for p in ps)
                text = self.text[cell.start:cell.end]
                cell_nodes.append(Node("cell", "", text, cell.start, cell.end, kids))
            row_nodes.append(Node("row", "", "", cells[0][0].start if cells else table.start,
                                  cells[-1][0].end if cells else table.end, tuple(cell_nodes)))
        return Node("table", "", "", table.start, table.end, tuple(row_nodes))

    def _cell_child(self, p: Paragraph) -> Node:
        if _rank(p) < 20:
            return Node(_kind_of(p), _marker_of(p), p.text, p.start, p.end, paragraph=p)
        return self._paragraph(p)


def _inline_tables(blocks: list[tuple[str, object]]) -> Iterator[tuple[str, object]]:
    """Consecutive "a | b | c" rows (as readers write Word and HTML tables) become one table node."""
    rows: list[Paragraph] = []

    def table() -> tuple[str, Node]:
        kids = tuple(_inline_row(r) for r in rows)
        return "table", Node("table", "", "", rows[0].start, rows[-1].end, kids)

    for kind, block in blocks:
        if kind == "flow" and block.kind == "row":
            rows.append(block)
            continue
        if rows:
            yield table()
            rows = []
        yield kind, block
    if rows:
        yield table()


def _inline_row(p: Paragraph) -> Node:
    from ingest.tables import cells

    kids = tuple(Node("cell", "", c.text, c.start, c.end) for c in cells(p))
    return Node("row", "", p.text, p.start, p.end, kids, paragraph=p)


def _is_closing_table(table: Node) -> bool:
    """The crawl's last table: "Nơi nhận" beside the signature."""
    recipients = cue_regex(cues.RECIPIENTS_CUES, at_start=True)
    for node in table.walk():
        if node.kind in ("paragraph", "item") and node.paragraph is not None:
            folded = node.paragraph.folded.strip()
            if recipients.match(folded) or (_SIGNATURE.match(folded) and len(node.text.split()) <= 8):
                return True
    return False


def _is_closing_paragraph(p: Paragraph) -> bool:
    folded = p.folded
    return bool(cue_regex(cues.CLOSING_CUES, at_start=True).match(folded) or cue_regex(cues.CLOSING_FORMULA_CUES).search(folded))


def _is_sentence(p: Paragraph) -> bool:
    """A letter's first paragraph under its header table: a sentence, not a header line."""
    return len(p.text.split()) > 25 or bool(re.search(r"[.;:]\s*$", p.text)) and len(p.text.split()) > 8


def _title_like(p: Paragraph) -> bool:
    """A short line under the type word can read "Thực hiện Nghị quyết số …" and still be the title."""
    return len(p.text.split()) <= 40 and not p.text.rstrip().endswith((":", ";", "."))


def _kind_of(p: Paragraph) -> str:
    return "section" if p.kind in ("roman", "article", "chapter") else "item"


def _marker_of(p: Paragraph) -> str:
    return p.marker


def label_role(text: str) -> str | None:
    """The role a label line names ("Đơn vị chủ trì: Sở Nội vụ" → "lead"), else None."""
    folded = fold(text).lstrip(" -+*")
    for role, words in cues.LABEL_CUES:
        if cue_regex(words, at_start=True).match(folded):
            return role
    return None


def render(node: Node, width: int = 100, depth: int = 0) -> str:
    """The tree as indented lines: kind, marker, span and the start of the node's text."""
    lines = []
    for child in node.children if depth == 0 and node.kind == "document" else [node]:
        lines.extend(_render(child, width, 1 if node.kind == "document" and depth == 0 else depth))
    return "\n".join(["document", *lines] if node.kind == "document" and depth == 0 else lines)


def _render(node: Node, width: int, depth: int) -> list[str]:
    head = node.kind + (f" {node.marker}" if node.marker else "") + (f" ({node.label})" if node.label else "")
    text = " ".join(node.text.split())
    line = "  " * depth + f"{head} [{node.start}:{node.end}]" + (f" {text}" if text else "")
    out = [line[:width] + ("…" if len(line) > width else "")]
    for child in node.children:
        out.extend(_render(child, width, depth + 1))
    return out
