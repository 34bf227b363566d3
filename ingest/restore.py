"""Diacritics restored to names read from text that lost them (OCR, typing without accents).

The extraction contract asks for canonical names with diacritics even when the
source lost them: "Giao Van phong UBND phudng" is read as "Văn phòng UBND
phường". Restoration is by lexicon, with context: a word takes the spelling of
the most frequent word pair it forms with a neighbour ("truyen thanh" →
"truyền thanh", "Viet Nam" → "Việt Nam"), else its own most frequent spelling;
OCR-garbled words ("phudng") are matched OCR-tolerantly among words of the same
length. The lexicon (ingest/data/lexicon.tsv) is the vocabulary of the genre,
counted from clean administrative texts by `python -m ingest.build_lexicon`.

>>> restore("Van phong UBND phudng")
'Văn phòng UBND phường'
>>> restore("Uy ban MTTQ Viet Nam")
'Ủy ban MTTQ Việt Nam'
>>> restore("Bộ phận Tư pháp")  # a word already spelled with its diacritics is kept
'Bộ phận Tư pháp'
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from ingest.fold import confusable, fold

_TOKEN = re.compile(r"[^\W_]+(?:['`´¢][^\W_]*)?|[^\w\s]+|\s+", re.UNICODE)


@lru_cache(maxsize=1)
def lexicon() -> tuple[dict[str, tuple[str, int]], dict[str, tuple[str, int]], frozenset[str]]:
    """(pairs, words, known spellings): folded form → (most frequent spelling, count)."""
    pairs: dict[str, tuple[str, int]] = {}
    words: dict[str, tuple[str, int]] = {}
    known: set[str] = set()
    text = (resources.files("ingest") / "data" / "lexicon.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        form, count = line.rsplit("\t", 1)
        target = pairs if " " in form else words
        target.setdefault(fold(form), (form, int(count)))
        if " " not in form:
            known.add(form.lower())
    return pairs, words, frozenset(known)


@lru_cache(maxsize=1)
def _name_syllables() -> dict[str, list[str]]:
    text = (resources.files("ingest") / "data" / "names.txt").read_text(encoding="utf-8")
    out: dict[str, list[str]] = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            out.setdefault(fold(line), []).append(line.strip())
    return out


def restore_name(name: str | None) -> str | None:
    """A person's name with its diacritics: "Nguyen Thi Thanh" → "Nguyễn Thị Thanh".

    A syllable written as a real name syllable is kept ("Thanh" is a name, as is "Thành").

    >>> restore_name("Nguyen Thi Thanh")
    'Nguyễn Thị Thanh'
    """
    if not name:
        return name
    syllables = _name_syllables()
    out = []
    for word in name.split():
        options = syllables.get(fold(word), [])
        out.append(word if word in options or not options else options[0])
    return " ".join(out)


def has_diacritics(text: str) -> bool:
    return fold(text) != text.lower()


def restore(text: str | None) -> str | None:
    """`text` with each word spelled as the genre spells it, where the text lost its diacritics."""
    if not text:
        return text
    tokens = _TOKEN.findall(text)
    words = [i for i, t in enumerate(tokens) if t[:1].isalnum()]
    chosen: dict[int, tuple[str, int]] = {}
    for a, b in zip(words, words[1:]):
        if b != a + 2 or not tokens[a + 1].isspace():
            continue
        pair = _pair(tokens[a], tokens[b])
        if pair:
            (first, second), count = pair
            for index, spelled in ((a, first), (b, second)):
                if index not in chosen or chosen[index][1] < count:
                    chosen[index] = (spelled, count)
    out = list(tokens)
    for i in words:
        if _is_spelled(tokens[i]):
            continue
        spelled = chosen[i][0] if i in chosen else _word(tokens[i])
        if spelled:
            out[i] = _keep_case(tokens[i], spelled)
    return "".join(out)


def _is_spelled(word: str) -> bool:
    """A word written with diacritics that the genre knows, or a number or acronym."""
    if word.isdigit() or (word.isupper() and len(word) > 1 and not _garbled(word)):
        return True
    return has_diacritics(word) and not _garbled(word) and word.lower() in lexicon()[2]


def _pair(first: str, second: str) -> tuple[tuple[str, str], int] | None:
    pairs = lexicon()[0]
    key = fold(first) + " " + fold(second)
    found = pairs.get(key)
    if found is None and len(key) >= 5:
        candidates = [v for k, v in _pairs_by_length().get(len(key), ()) if confusable(k, key)]
        found = max(candidates, key=lambda v: v[1]) if candidates else None
    if found is None:
        return None
    spelled, count = found
    a, b = spelled.split(" ", 1)
    return (a, b), count


def _word(word: str) -> str | None:
    words = lexicon()[1]
    key = fold(word)
    if key in words:
        return words[key][0]
    if len(key) >= 3:
        candidates = [v for k, v in _words_by_length().get(len(key), ()) if confusable(k, key)]
        if candidates:
            return max(candidates, key=lambda v: v[1])[0]
    return None


@lru_cache(maxsize=1)
def _pairs_by_length() -> dict[int, list[tuple[str, tuple[str, int]]]]:
    return _by_length(lexicon()[0])


@lru_cache(maxsize=1)
def _words_by_length() -> dict[int, list[tuple[str, tuple[str, int]]]]:
    return _by_length(lexicon()[1])


def _by_length(table: dict[str, tuple[str, int]]) -> dict[int, list[tuple[str, tuple[str, int]]]]:
    index: dict[int, list[tuple[str, tuple[str, int]]]] = {}
    for key, value in table.items():
        index.setdefault(len(key), []).append((key, value))
    return index


def _garbled(word: str) -> bool:
    """OCR debris inside a word: a digit among letters, or a letter Vietnamese does not use."""
    return bool(re.search(r"[^\W\d_]\d|\d[^\W\d_]|[wfjzWFJZ]|[¢@&'`´]", word))


def _keep_case(written: str, spelled: str) -> str:
    if written.isupper() and len(written) > 1:
        return spelled.upper()
    if written[:1].isupper():
        return spelled[:1].upper() + spelled[1:]
    if spelled.isupper():
        return spelled
    return spelled[:1].lower() + spelled[1:]
