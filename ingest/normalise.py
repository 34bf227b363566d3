"""Normalise: the text as read → the text every later stage reads, with a map back.

Documents reach cancu from Word, PDF, OCR and crawls of legal-text sites. The same plan can
arrive in Unicode NFD, behind a site's banner, with Markdown bold around every heading and its
lines broken mid-heading ("IV. TỔ CHỨC\\nTHỰC HIỆN", "ỦY BAN NHÂN\\nDÂN"). Each of these is
undone here by one named step, in a fixed order, so that the outline, the header, the
references and the duties are read from one clean text (and its folded view, made once):

>>> [step.name for step in STEPS]
['line_endings', 'nfc', 'invisible', 'site_banner', 'rejoin', 'markdown', 'ocr_junk']

Every step keeps the map back to the source, so a span of the clean text is a span of the text
as read, and quotes stay exact slices of it:

>>> t = normalise("**IV. TỔ CHỨC\\nTHỰC HIỆN**\\n")
>>> t.text
'IV. TỔ CHỨC THỰC HIỆN\\n'
>>> start = t.text.index("THỰC"); t.quote(start, start + 9)
'THỰC HIỆN'
>>> t.source_span(0, 3)
(2, 5)

A step can run alone (`normalise(text, steps=["nfc"])`); `cancu extract --help` lists them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np

from ingest import cues
from ingest.fold import fold, fold_aligned

# (start, end, replacement) on a step's input: what the step changes, nothing else.
Edit = tuple[int, int, str]


@dataclass(frozen=True)
class StepResult:
    edits: list[Edit]
    metadata: dict[str, str] = field(default_factory=dict)  # what a step set aside and kept
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class Step:
    name: str
    summary: str
    run: Callable[[str], StepResult]


@dataclass(frozen=True, eq=False)
class Text:
    """The text as read (`source`), the text as normalised (`text`) and its folded view.

    `folded` has one character for each character of `text` (lower-case ASCII, diacritics
    dropped, "đ" as "d"), so a match on it is a match on `text` at the same offsets.
    `starts[i]`/`ends[i]` is the source range character i of `text` came from.
    """

    source: str
    text: str
    folded: str
    starts: np.ndarray
    ends: np.ndarray
    metadata: dict[str, str]
    warnings: tuple[str, ...]

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """The source span of the normalised span [start, end)."""
        start = max(0, min(start, len(self.text)))
        end = max(start, min(end, len(self.text)))
        if end == start:
            point = int(self.starts[start])
            return point, point
        return int(self.starts[start]), int(self.ends[end - 1])

    def quote(self, start: int, end: int) -> str:
        """The source text behind the normalised span [start, end): what a quote shows."""
        s, e = self.source_span(start, end)
        return self.source[s:e]

    def text_offset(self, source_offset: int) -> int:
        """The first normalised character that comes from at or after a source offset."""
        return int(np.searchsorted(self.starts[:-1], source_offset, side="left"))


def normalise(source: str, steps: Iterable[str] | None = None) -> Text:
    """Run the named steps (all of them by default, always in their fixed order)."""
    wanted = set(steps) if steps is not None else None
    unknown = (wanted or set()) - {s.name for s in STEPS}
    if unknown:
        raise ValueError(f"unknown normalise step(s): {', '.join(sorted(unknown))}; known: {step_names()}")
    n = len(source)
    text = source
    starts = np.arange(n + 1, dtype=np.int64)
    ends = np.append(np.arange(1, n + 1, dtype=np.int64), n)
    metadata: dict[str, str] = {}
    warnings: list[str] = []
    for step in STEPS:
        if wanted is not None and step.name not in wanted:
            continue
        result = step.run(text)
        metadata.update(result.metadata)
        warnings.extend(result.warnings)
        if result.edits:
            text, local_starts, local_ends = _apply(text, result.edits)
            starts, ends = _compose(starts, ends, local_starts, local_ends)
    return Text(source, text, fold_aligned(text), starts, ends, metadata, tuple(warnings))


def step_names() -> str:
    return ", ".join(s.name for s in STEPS)


def _apply(text: str, edits: Sequence[Edit]) -> tuple[str, np.ndarray, np.ndarray]:
    """The edited text and, for each of its characters, the input range it came from."""
    pieces: list[str] = []
    lo: list[np.ndarray] = []
    hi: list[np.ndarray] = []
    pos = 0
    for start, end, replacement in sorted(edits):
        if start < pos:
            continue  # overlapping edits: the first one wins
        if start > pos:
            pieces.append(text[pos:start])
            lo.append(np.arange(pos, start, dtype=np.int64))
            hi.append(np.arange(pos + 1, start + 1, dtype=np.int64))
        if replacement:
            pieces.append(replacement)
            if len(replacement) == end - start:  # a character for a character: keep the offsets exact
                lo.append(np.arange(start, end, dtype=np.int64))
                hi.append(np.arange(start + 1, end + 1, dtype=np.int64))
            else:
                lo.append(np.full(len(replacement), start, dtype=np.int64))
                hi.append(np.full(len(replacement), end, dtype=np.int64))
        pos = end
    if pos < len(text):
        pieces.append(text[pos:])
        lo.append(np.arange(pos, len(text), dtype=np.int64))
        hi.append(np.arange(pos + 1, len(text) + 1, dtype=np.int64))
    new = "".join(pieces)
    # One more entry for the end of the text, so that an empty span at the end maps too.
    lo.append(np.array([len(text)], dtype=np.int64))
    hi.append(np.array([len(text)], dtype=np.int64))
    return new, np.concatenate(lo), np.concatenate(hi)


def _compose(starts: np.ndarray, ends: np.ndarray, local_starts: np.ndarray, local_ends: np.ndarray):
    """Source ranges of the new text, through the previous step's map."""
    new_starts = starts[local_starts]
    covered = local_ends > local_starts
    last = np.where(covered, local_ends - 1, local_starts)
    new_ends = np.where(covered, ends[last], starts[local_starts])
    return new_starts, new_ends


# --- the steps ---------------------------------------------------------------------------


def _line_endings(text: str) -> StepResult:
    """Windows and old Mac line endings become "\\n"."""
    return StepResult([(m.start(), m.end(), "\n") for m in re.finditer(r"\r\n?", text)])


# A base letter followed by combining marks: what NFD (and some editors and crawls) write.
_COMBINING_RUN = re.compile(r"[^\u0300-\u036f\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]?[\u0300-\u036f\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+")


def _nfc(text: str) -> StepResult:
    """Unicode NFC: "e" + U+0302 + U+0301 becomes "ế"; a mark left over is dropped."""
    edits: list[Edit] = []
    for m in _COMBINING_RUN.finditer(text):
        composed = unicodedata.normalize("NFC", m.group())
        composed = "".join(c for c in composed if not unicodedata.combining(c))
        edits.append((m.start(), m.end(), composed))
    return StepResult(edits)


# Characters that print nothing or print as a space: a crawl's NBSP, Word's soft hyphen, a BOM.
_INVISIBLE = re.compile(r"[\u00ad\u200b-\u200d\u2060\ufeff]|[\u00a0\u2000-\u200a\u202f\u205f\u3000\t\f\v]")


def _invisible(text: str) -> StepResult:
    """Zero-width characters and soft hyphens are dropped; odd spaces and tabs become spaces."""
    return StepResult([(m.start(), m.end(), "" if m.group() in "\u00ad\u200b\u200c\u200d\u2060\ufeff" else " ")
                       for m in _INVISIBLE.finditer(text)])


# --- site banners and metadata ------------------------------------------------------------

_METADATA_KEY = re.compile(r"^[*\s]*(" + "|".join(sorted(cues.METADATA_FIELDS, key=len, reverse=True)) + r")\b[\s*]*:?[\s*]*(.*)$")
_PLACEHOLDER_VALUES = ("da biet", "dang cap nhat", "")


@dataclass(frozen=True)
class _Line:
    start: int
    end: int  # without the newline
    text: str

    @property
    def bare(self) -> str:
        """The line without Markdown emphasis and heading marks, for tests on its words."""
        return _EMPHASIS.sub("", self.text).lstrip("# ").strip()


_EMPHASIS = re.compile(r"\*\*|__|(?<!\()\*(?!\))")


def _lines(text: str) -> list[_Line]:
    out, pos = [], 0
    for raw in text.split("\n"):
        out.append(_Line(pos, pos + len(raw), raw))
        pos += len(raw) + 1
    return out


def _folded_line(line: _Line) -> str:
    return " ".join(fold(line.bare).split())


def _site_banner(text: str) -> StepResult:
    """A crawl's banner, the site's metadata block and its trailer are set aside; the
    metadata ("Số hiệu", "Cơ quan ban hành", "Ngày ban hành", "Người ký") is kept for the header."""
    lines = _lines(text)
    edits: list[Edit] = []
    metadata: dict[str, str] = {}
    head = 0
    for i, line in enumerate(lines[:200]):
        if any(_folded_line(line).startswith(cue) for cue in cues.BANNER_END_CUES):
            edits.append((0, line.end + 1, ""))
            head = i + 1
            break
    end_of_metadata = _metadata_block(lines, head, metadata)
    if end_of_metadata > head:
        edits.append((lines[head].start, min(lines[end_of_metadata - 1].end + 1, len(text)), ""))
    trailer = _trailer_start(lines, end_of_metadata)
    if trailer is not None:
        edits.append((lines[trailer].start, len(text), ""))
    return StepResult(edits, metadata)


def _metadata_block(lines: list[_Line], head: int, metadata: dict[str, str]) -> int:
    """Read "Key: value" metadata from the top; the index of the first line after it (head if none).

    The site's table puts the key and its value in two cells of a row ("**Số hiệu:**", "|",
    "631/TB-VPCP", "|", "|" and the next row); another site writes "Số hiệu 25/KH-UBND" on one
    line. A site title may come first. The "|" that opens the document's own header table stays.
    """
    i, last = head, head
    pending: str | None = None  # a key whose value is in the next cell
    after_value = False  # the next "|" closes the row of a value
    seen_key = False
    while i < len(lines) and i < head + 120:
        line = lines[i]
        folded = _folded_line(line)
        bare = line.bare.strip(" |")
        key = _METADATA_KEY.match(folded)
        if key:
            seen_key, after_value = True, False
            name = cues.METADATA_FIELDS[key.group(1)]
            value = bare[len(bare) - len(key.group(2)):].strip(" :*") if key.group(2) else ""
            if value:
                if name and fold_value(value) not in _PLACEHOLDER_VALUES:
                    metadata.setdefault(name, value)
                pending, after_value = None, True
            else:
                pending = name or ""
            last = i + 1
        elif folded in ("|", "||"):
            if after_value or pending is not None or _key_follows(lines, i + 1):
                last = i + 1
            after_value = False
        elif folded in ("", "#"):
            last = i + 1 if seen_key or folded == "#" else last
        elif pending is not None:
            if pending and fold_value(bare) not in _PLACEHOLDER_VALUES:
                metadata.setdefault(pending, bare)
            pending, after_value = None, True
            last = i + 1
        elif not seen_key and i - head <= 3 and _key_follows(lines, i + 1):
            last = i + 1  # the site's own title of the document, just before its metadata
        else:
            break
        i += 1
    return last if seen_key else head


def _key_follows(lines: list[_Line], i: int) -> bool:
    """Whether a metadata key comes in the next few lines, past cell edges and blanks."""
    for line in lines[i:i + 4]:
        folded = _folded_line(line)
        if _METADATA_KEY.match(folded):
            return True
        if folded not in ("", "|", "#"):
            return False
    return False


def fold_value(value: str) -> str:
    return " ".join(fold(value).split()).strip(" .")


def _trailer_start(lines: list[_Line], after: int) -> int | None:
    for i in range(after, len(lines)):
        folded = _folded_line(lines[i])
        if any(folded.startswith(cue) for cue in cues.TRAILER_CUES) and _is_trailer_line(lines[i]):
            # The site repeats its title of the document on the line before its note.
            if i > after and _looks_like_site_title(lines[i - 1]):
                return i - 1
            return i
    return None


def _is_trailer_line(line: _Line) -> bool:
    return not line.text.startswith("|")


def _looks_like_site_title(line: _Line) -> bool:
    bare = line.bare
    return bool(bare) and not bare.startswith("|") and bool(re.search(r"\d+/", bare)) and len(bare) > 30


# --- broken lines --------------------------------------------------------------------------

# A line that opens an outline item never continues the line above: "I.", "1.", "1.2.", "a)",
# "(1)", "- ", "+ ", "• ", "Điều 1.", "Chương II", and the blocks of the closing.
_OPENS_ITEM = re.compile(
    r"^(?:[ivxl]{1,5}\s*[.)]\s|\d{1,2}(?:\.\d{1,2}){0,3}\s*[.)]|\d{1,2}\.\d{1,2}\s|[a-zđ]\s*\)|\(\s*\d{1,2}\s*\)|[-+•–—]\s"
    r"|dieu\s+\d|chuong\s+[ivxl\d]|muc\s+\d|phu\s+luc|noi\s+nhan|kinh\s+gui|kt\s*\.|tm\s*\.|t/m\b|tl\s*\.|q\s*\.|luu\s*:|so\s*:)"
)
_MARKER_ONLY = re.compile(r"(?:[ivxl]{1,5}|\d{1,2}(?:\.\d{1,2}){0,3}|[a-zđ]|\(\s*\d{1,2}\s*\)|dieu(?:\s+\d{1,3})?|chuong\s+[ivxl\d]{1,6})\s*[.):]?\s*")
_ENDS_SENTENCE = re.compile(r"(?:[.;:!?…]|\./\.)\s*$")


def _is_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 3 and all(c.isupper() for c in letters)


def _is_separator(text: str) -> bool:
    """A table's cell or row edge ("|") or a rule under a heading ("-------")."""
    stripped = text.strip()
    return not stripped or set(stripped) <= set("|") or bool(re.fullmatch(r"[-_=*~.]{3,}", stripped))


def _rejoin(text: str) -> StepResult:
    """Lines a crawl or a converter broke inside a sentence or a heading are joined again.

    Two lines are joined when the first does not end a sentence and the second opens no
    outline item. A line in capitals is a heading of its own, unless the break falls inside
    one bold or italic run ("**ỦY BAN NHÂN\\nDÂN**", "**IV. TỔ CHỨC\\nTHỰC HIỆN**") or the line
    above is a numbered heading whose words go on ("IV. TỔ CHỨC\\nTHỰC HIỆN").
    """
    edits: list[Edit] = []
    lines = _lines(text)
    bold = italic = False
    heading_goes_on = False
    for here, following in zip(lines, lines[1:]):
        if _is_separator(here.text):
            bold = italic = heading_goes_on = False
            continue
        bold, italic = _emphasis_after(here.text, bold, italic)
        if _is_separator(following.text):
            continue
        a, b = here.bare, following.bare
        if "|" in a or "|" in b:  # a table row as readers write it ("1 | Rà soát … | Phòng Nội vụ"): whole
            heading_goes_on = False
            continue
        if _joins(a, b, inside_emphasis=bold or italic, heading_goes_on=heading_goes_on):
            edits.append((here.end, here.end + 1, " "))
            heading_goes_on = heading_goes_on or _is_numbered_caps(a)
        else:
            heading_goes_on = False
    return StepResult(edits)


def _emphasis_after(line: str, bold: bool, italic: bool) -> tuple[bool, bool]:
    """Whether a bold or an italic run is still open at the end of the line."""
    bold ^= line.count("**") % 2 == 1
    rest = line.replace("**", "")
    singles = len(re.findall(r"(?<!\()\*(?!\))", rest)) - (1 if re.match(r"\s*\*\s", rest) else 0)
    italic ^= singles % 2 == 1
    return bold, italic


def _is_numbered_caps(line: str) -> bool:
    return _is_caps(line) and bool(re.match(r"[ivxl]{1,5}\s*[.)]\s|\d{1,2}(?:\.\d{1,2})*\s*[.)]\s", fold(line)))


def _joins(a: str, b: str, *, inside_emphasis: bool, heading_goes_on: bool) -> bool:
    if not a or not b:
        return False
    if _MARKER_ONLY.fullmatch(fold(a)):  # "**IV.\nPHÂN CÔNG NHIỆM VỤ**": a marker alone on its line
        return True
    folded_b = fold(b)
    if _OPENS_ITEM.match(folded_b):
        # "… các tổ chức chính trị\\n- xã hội": a name cut at its hyphen, not a dash item.
        # "giai đoạn 2026\n- 2030": a range cut at its hyphen.
        cut_name = bool(re.match(r"[-–—]\s+[a-zđ]", folded_b)) and b.lstrip("-–— ")[:1].islower()
        cut_range = bool(re.match(r"[-–—]\s*\d", folded_b)) and a[-1:].isdigit()
        # "… Dự án tuyến đường bộ cao tốc Hà Nội\n- Hải Phòng": a long wrapped line never opens a list
        # without a colon, so a dash after it is a hyphen in a name.
        cut_long = bool(re.match(r"[-–—]\s+\w", folded_b)) and len(a) >= 60 and not _is_caps(a)
        return (cut_name or cut_range or cut_long) and not _ENDS_SENTENCE.search(a)
    if _ENDS_SENTENCE.search(a):
        return False
    caps_a, caps_b = _is_caps(a), _is_caps(b)
    if caps_a and caps_b:
        return inside_emphasis or heading_goes_on or _is_numbered_caps(a)
    if caps_a or caps_b:
        return inside_emphasis
    return True


# --- Markdown ------------------------------------------------------------------------------

_MARKDOWN = re.compile(
    r"\*\*|__"  # bold
    r"|(?<![(\w])\*(?!\))|(?<=\w)\*(?!\))"  # italic marks (a bullet "* " is kept, "(*)" too)
    r"|^[ \t]*#{1,6}[ \t]*"  # heading marks
    r"|\\(?=[\\`*_{}\[\]()#+\-.!|])",  # backslash escapes
    re.M,
)


def _markdown(text: str) -> StepResult:
    """Markdown bold, italics, heading marks and escapes are dropped (table edges are kept:
    the outline reads them)."""
    edits: list[Edit] = []
    for m in _MARKDOWN.finditer(text):
        if m.group() == "*" and _is_bullet(text, m.start()):
            continue
        edits.append((m.start(), m.end(), ""))
    return StepResult(edits)


def _is_bullet(text: str, i: int) -> bool:
    line_start = text.rfind("\n", 0, i) + 1
    return not text[line_start:i].strip() and text[i + 1:i + 2] == " " and bool(text[i + 2:i + 3].strip())


# A line of OCR debris: no letter or digit, and not a rule or a table edge ("~ ' ,", "¢ .").
_JUNK_LINE = re.compile(r"^[^\w\n|\-_=*~.]*[^\w\s|\-_=*.]+[^\w\n|]*$", re.M)


def _ocr_junk(text: str) -> StepResult:
    """Lines of OCR debris (marks with no letter or digit) are dropped."""
    return StepResult([(m.start(), m.end(), "") for m in _JUNK_LINE.finditer(text) if m.group().strip()])


STEPS: tuple[Step, ...] = (
    Step("line_endings", "Windows and old Mac line endings become a newline", _line_endings),
    Step("nfc", "Unicode NFC: letters and their combining marks composed (NFD text reads the same)", _nfc),
    Step("invisible", "zero-width characters and soft hyphens dropped; NBSP and tabs read as spaces", _invisible),
    Step("site_banner", "a crawl's banner, metadata table and trailer set aside; the metadata kept for the header", _site_banner),
    Step("rejoin", "lines broken inside a sentence or a heading joined again", _rejoin),
    Step("markdown", "Markdown bold, italics, heading marks and escapes dropped; table edges kept", _markdown),
    Step("ocr_junk", "lines of OCR debris (marks with no letter or digit) dropped", _ocr_junk),
)
