"""One folding function for every comparison of Vietnamese text.

Source documents arrive with full diacritics, with none (text typed without
an input method), or garbled by OCR ("Quyét dinh s6 6830/QD-UBND cia UBND
thanh phd Ha Noi"). Every matcher in cancu compares *folded* text:
lower-case ASCII, diacritics dropped, "đ" read as "d".

Folding keeps a map back to the source so that a match on folded text gives
an exact span of the original, which is what every extracted fact carries.

>>> fold("Ủy ban nhân dân quận Hà Đông")
'uy ban nhan dan quan ha dong'
>>> f = Folded.of("Thực hiện Quyết định")
>>> f.text
'thuc hien quyet dinh'
>>> f.span(10, 20)
(10, 20)

OCR reads the Vietnamese capital "Đ" as "P" or "B", "ô" as "6", "a" as "4".
`tolerant` turns a folded cue into a regular expression that accepts those
confusions, so one cue table serves clean text and scans alike:

>>> import re
>>> bool(re.fullmatch(tolerant("de nghi"), fold("Pé nghi")))
True
>>> bool(re.fullmatch(tolerant("so"), fold("s6")))
True
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache

# Letters OCR of Vietnamese print confuses, as seen in the scanned seed plan
# (004): "Pang" for "Đảng", "Ha Bong" for "Hà Đông", "s6" for "số", "ndm" and "nim" for "năm",
# "c4c" for "các", "nwée" for "nước", "1am" for "làm", "cia" for "của".
_OCR_CONFUSIONS: dict[str, str] = {
    "d": "dpb",
    "o": "o06ed",
    "a": "a4odi",
    "u": "uwi",
    "i": "i1l",
    "l": "l1i",
    "e": "e&",
    "c": "ce",
}


def _folded_char(ch: str) -> str:
    if ch in "đĐ":
        return "d"
    decomposed = unicodedata.normalize("NFD", ch)
    base = "".join(c for c in decomposed if not unicodedata.combining(c))
    if not base:
        return ""
    if base in "\u00a0\u2009\u202f\t\r\f\v":
        return " "
    if base in "\u2013\u2014\u2012":  # en and em dashes read as hyphens
        return "-"
    return base.lower()


class _FoldTable(dict):
    """`str.translate` table that folds each character the first time it is met.

    Every matcher folds every text, so folding runs over millions of characters;
    a table lookup per character is what makes that cheap.
    """

    def __missing__(self, code: int) -> str:
        folded = self[code] = _folded_char(chr(code))
        return folded


_TABLE = _FoldTable()


def fold_char(ch: str) -> str:
    """The folded form of one character: '' for a combining mark."""
    return _TABLE[ord(ch)]


def fold(text: str | None) -> str:
    """Lower-case ASCII form of `text` for comparison ('' for None)."""
    if not text:
        return ""
    return text.translate(_TABLE)


def fold_aligned(text: str) -> str:
    """`fold(text)` with exactly one character per character of `text`."""
    folded = fold(text)
    return folded if len(folded) == len(text) else "".join(_one(fold_char(c)) for c in text)


def _one(folded: str) -> str:
    # A stray combining mark folds to nothing and a Hangul syllable to several letters: keep
    # one character so that offsets in the folded view are offsets in the text.
    if len(folded) == 1:
        return folded
    return folded[:1] if folded else " "


@dataclass(frozen=True)
class Folded:
    """Folded text with, for each folded character, its index in the source."""

    source: str
    text: str
    index: tuple[int, ...]

    @classmethod
    def of(cls, source: str) -> "Folded":
        table = _TABLE
        pieces = [table[ord(ch)] for ch in source]
        index = [i for i, piece in enumerate(pieces) for _ in piece]
        return cls(source, "".join(pieces), tuple(index))

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Source span of the folded span [start, end)."""
        if start >= len(self.index):
            return (len(self.source), len(self.source))
        src_start = self.index[start]
        src_end = self.index[end - 1] + 1 if end > start else src_start
        return (src_start, src_end)


# Whether the text at hand kept its diacritics (not a scan): then short names are matched letter
# for letter, since OCR's confusions would read "Đối với" as "Đài" and "chia sẻ" as "Sở".
exact_letters: ContextVar[bool] = ContextVar("exact_letters", default=False)


@contextmanager
def letters_as_printed(on: bool = True) -> Iterator[None]:
    """Within the block, `tolerant(cue, exact=None)` matches letters exactly when `on`."""
    token = exact_letters.set(on)
    try:
        yield
    finally:
        exact_letters.reset(token)


@lru_cache(maxsize=4096)
def tolerant(cue: str, exact: bool = False) -> str:
    """A regex (over folded text) for a folded cue, tolerant of OCR confusions.

    The cue may use regex syntax for alternatives and options ("can cu (vao )?ke
    hoach"); each letter becomes the class of letters OCR confuses it with, a
    space matches any run of white space and a hyphen may have spaces around it.

    >>> import re
    >>> bool(re.fullmatch(tolerant("chu tri (phoi hop)?"), "chu  tri "))
    True
    """
    parts: list[str] = []
    escaped = False
    for ch in cue:
        if escaped:
            parts.append("\\" + ch)
            escaped = False
        elif ch == "\\":
            escaped = True
        elif ch == " ":
            parts.append(r"\s+")
        elif ch == "-":
            parts.append(r"\s*-\s*")
        elif ch in _OCR_CONFUSIONS and not exact:
            # OCR sprinkles stray marks inside words: "THU'C" for "THỰC".
            parts.append("[" + re.escape(_OCR_CONFUSIONS[ch]) + "]['`´]?")
        elif ch in "()?|*+{}[]^$.":
            parts.append(ch)
        else:
            parts.append(re.escape(ch))
    return "".join(parts)


def confusable(word: str, text: str) -> bool:
    """Whether folded `text` may be folded `word` misread by OCR, letter for letter.

    The same test as matching `tolerant(word)` for a text as long as the word (where no
    stray mark can have crept in), without building a regex: restoring a scan compares
    each of its words with thousands of lexicon entries.

    >>> confusable("ke hoach", "ke ho4ch"), confusable("ke hoach", "ke hoac")
    (True, False)
    """
    return len(word) == len(text) and all(
        b == a or b in _OCR_CONFUSIONS.get(a, "") or (a.isspace() and b.isspace()) for a, b in zip(word, text)
    )


@lru_cache(maxsize=1024)
def cue_regex(cues: tuple[str, ...], *, at_start: bool = False) -> re.Pattern[str]:
    """One compiled, OCR-tolerant alternation over folded cues, longest first."""
    body = "|".join(f"(?:{tolerant(c)})" for c in sorted(cues, key=len, reverse=True))
    # At the start of a paragraph, OCR debris and list dashes may come first: "__— Căn cứ …", "- Căn cứ …".
    return re.compile((r"^[\s\-–—_•*]*" if at_start else "(?<![a-z])") + f"(?:{body})(?![a-z])")
