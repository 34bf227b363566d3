"""Vietnamese text in the encodings that came before Unicode, and how to recognise them.

Until the late 2000s Vietnamese offices typed in 8-bit font encodings: TCVN3
(the ABC input method, ".VnTime" fonts) and VNI ("VNI-Times" fonts). A file, a
Word run or a web page in one of them reads, as Latin-1/Windows-1252, as
mojibake such as "KÕ ho¹ch" (TCVN3) or "Keá hoaïch" (VNI) for "Kế hoạch".
`detect` recognises such text and `to_unicode` converts it to Unicode NFC:

>>> detect("KÕ ho¹ch c¶i c¸ch hµnh chÝnh n¨m 2025")
'tcvn3'
>>> to_unicode("KÕ ho¹ch c¶i c¸ch hµnh chÝnh n¨m 2025", "tcvn3")
'Kế hoạch cải cách hành chính năm 2025'
>>> to_unicode("Keá hoaïch caûi caùch haønh chính naêm 2025", "vni")
'Kế hoạch cải cách hành chính năm 2025'

`decode_bytes` decodes a plain-text file: UTF-8 (with or without a byte-order
mark), UTF-16, Windows-1258, TCVN3 or VNI.

Tables. TCVN3 is TCVN 5712:1993, table VN1: the chart is the one of glibc's
TCVN5712-1 converter (`iconv -f TCVN5712-1`; tests check every byte against it
when iconv is there). The ABC fonts (".VnTime") use its lower half, VN3: small
letters with tones only; capitals with tones were typed with the same bytes in
an upper-case font (".VnTimeH"), so a plain-text file loses them (see
`restore_capitals`). VNI is the VNI-Windows chart: a base letter followed by one
mark byte (tone, or a circumflex/breve combined with a tone), with i, ơ, ư, đ
and ỵ as single bytes.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass, field

# TCVN 5712:1993 VN1, byte → character; bytes not listed are ASCII/Latin-1 as they are.
# 0xB0–0xB4 are combining tone marks (grave, hook, tilde, acute, dot below).
TCVN3_CHART: dict[int, str] = {
    0x01: "Ú", 0x02: "Ụ", 0x04: "Ừ", 0x05: "Ử", 0x06: "Ữ", 0x11: "Ứ", 0x12: "Ự", 0x13: "Ỳ",
    0x14: "Ỷ", 0x15: "Ỹ", 0x16: "Ý", 0x17: "Ỵ", 0x80: "À", 0x81: "Ả", 0x82: "Ã", 0x83: "Á",
    0x84: "Ạ", 0x85: "Ặ", 0x86: "Ậ", 0x87: "È", 0x88: "Ẻ", 0x89: "Ẽ", 0x8A: "É", 0x8B: "Ẹ",
    0x8C: "Ệ", 0x8D: "Ì", 0x8E: "Ỉ", 0x8F: "Ĩ", 0x90: "Í", 0x91: "Ị", 0x92: "Ò", 0x93: "Ỏ",
    0x94: "Õ", 0x95: "Ó", 0x96: "Ọ", 0x97: "Ộ", 0x98: "Ờ", 0x99: "Ở", 0x9A: "Ỡ", 0x9B: "Ớ",
    0x9C: "Ợ", 0x9D: "Ù", 0x9E: "Ủ", 0x9F: "Ũ", 0xA1: "Ă", 0xA2: "Â", 0xA3: "Ê", 0xA4: "Ô",
    0xA5: "Ơ", 0xA6: "Ư", 0xA7: "Đ", 0xA8: "ă", 0xA9: "â", 0xAA: "ê", 0xAB: "ô", 0xAC: "ơ",
    0xAD: "ư", 0xAE: "đ", 0xAF: "Ằ", 0xB0: "\u0300", 0xB1: "\u0309", 0xB2: "\u0303", 0xB3: "\u0301",
    0xB4: "\u0323", 0xB5: "à", 0xB6: "ả", 0xB7: "ã", 0xB8: "á", 0xB9: "ạ", 0xBA: "Ẳ", 0xBB: "ằ",
    0xBC: "ẳ", 0xBD: "ẵ", 0xBE: "ắ", 0xBF: "Ẵ", 0xC0: "Ắ", 0xC1: "Ầ", 0xC2: "Ẩ", 0xC3: "Ẫ",
    0xC4: "Ấ", 0xC5: "Ề", 0xC6: "ặ", 0xC7: "ầ", 0xC8: "ẩ", 0xC9: "ẫ", 0xCA: "ấ", 0xCB: "ậ",
    0xCC: "è", 0xCD: "Ể", 0xCE: "ẻ", 0xCF: "ẽ", 0xD0: "é", 0xD1: "ẹ", 0xD2: "ề", 0xD3: "ể",
    0xD4: "ễ", 0xD5: "ế", 0xD6: "ệ", 0xD7: "ì", 0xD8: "ỉ", 0xD9: "Ễ", 0xDA: "Ế", 0xDB: "Ồ",
    0xDC: "ĩ", 0xDD: "í", 0xDE: "ị", 0xDF: "ò", 0xE0: "Ổ", 0xE1: "ỏ", 0xE2: "õ", 0xE3: "ó",
    0xE4: "ọ", 0xE5: "ồ", 0xE6: "ổ", 0xE7: "ỗ", 0xE8: "ố", 0xE9: "ộ", 0xEA: "ờ", 0xEB: "ở",
    0xEC: "ỡ", 0xED: "ớ", 0xEE: "ợ", 0xEF: "ù", 0xF0: "Ỗ", 0xF1: "ủ", 0xF2: "ũ", 0xF3: "ú",
    0xF4: "ụ", 0xF5: "ừ", 0xF6: "ử", 0xF7: "ữ", 0xF8: "ứ", 0xF9: "ự", 0xFA: "ỳ", 0xFB: "ỷ",
    0xFC: "ỹ", 0xFE: "ỵ", 0xFF: "Ố",
}

# VNI-Windows: each accented letter as it is typed, base letter then mark byte(s).
# Capitals use the capital form of the same mark byte ("Ñieàu" / "ÑIEÀU" for Điều / ĐIỀU).
VNI_CHART: dict[str, str] = {
    "á": "aù", "à": "aø", "ả": "aû", "ã": "aõ", "ạ": "aï",
    "ă": "aê", "ắ": "aé", "ằ": "aè", "ẳ": "aú", "ẵ": "aü", "ặ": "aë",
    "â": "aâ", "ấ": "aá", "ầ": "aà", "ẩ": "aå", "ẫ": "aã", "ậ": "aä",
    "é": "eù", "è": "eø", "ẻ": "eû", "ẽ": "eõ", "ẹ": "eï",
    "ê": "eâ", "ế": "eá", "ề": "eà", "ể": "eå", "ễ": "eã", "ệ": "eä",
    "í": "í", "ì": "ì", "ỉ": "æ", "ĩ": "ó", "ị": "ò",
    "ó": "où", "ò": "oø", "ỏ": "oû", "õ": "oõ", "ọ": "oï",
    "ô": "oâ", "ố": "oá", "ồ": "oà", "ổ": "oå", "ỗ": "oã", "ộ": "oä",
    "ơ": "ô", "ớ": "ôù", "ờ": "ôø", "ở": "ôû", "ỡ": "ôõ", "ợ": "ôï",
    "ú": "uù", "ù": "uø", "ủ": "uû", "ũ": "uõ", "ụ": "uï",
    "ư": "ö", "ứ": "öù", "ừ": "öø", "ử": "öû", "ữ": "öõ", "ự": "öï",
    "ý": "yù", "ỳ": "yø", "ỷ": "yû", "ỹ": "yõ", "ỵ": "î",
    "đ": "ñ",
}
VNI_CHART.update({k.upper(): v.upper() for k, v in list(VNI_CHART.items())})

# Windows-1252 punctuation whose bytes are TCVN3 capitals (0x91–0x94 “‘’” are Ị Ò Ỏ Õ,
# 0x85 … is Ặ, 0x95–0x97 •–— are Ó Ọ Ộ). A .VnTime text saved by Windows has smart
# quotes there, so these count as capitals only inside a word (see _tcvn3_char).
_INSIDE_WORD_ONLY = {"‘": 0x91, "’": 0x92, "“": 0x93, "”": 0x94, "…": 0x85}
_AFTER_LETTER_ONLY = {"•": 0x95, "–": 0x96, "—": 0x97}


def _tcvn3_decoding_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for byte, char in TCVN3_CHART.items():
        table[chr(byte)] = char  # the byte read as Latin-1
        try:
            as_cp1252 = bytes([byte]).decode("cp1252")
        except UnicodeDecodeError:
            continue
        if as_cp1252 not in _INSIDE_WORD_ONLY and as_cp1252 not in _AFTER_LETTER_ONLY:
            table[as_cp1252] = char  # the byte read as Windows-1252 (what Word keeps)
    return table


_TCVN3_DECODE = _tcvn3_decoding_table()
_TCVN3_ENCODE = {char: byte for byte, char in TCVN3_CHART.items() if not unicodedata.combining(char)}
_VNI_MARKS = "ùøûõïâêéèúüëáàåãä"


def _vni_decoding_table() -> dict[str, str]:
    table = {typed: char for char, typed in VNI_CHART.items()}
    for typed, char in list(table.items()):
        if len(typed) == 2:  # a capital base with a small mark, or the reverse: same letter
            table.setdefault(typed[0] + typed[1].swapcase(), char)
    table.setdefault("yï", "ỵ")
    table.setdefault("YÏ", "Ỵ")
    return table


_VNI_DECODE = _vni_decoding_table()


def _tcvn3_char(text: str, i: int) -> str:
    ch = text[i]
    if ch in _INSIDE_WORD_ONLY or ch in _AFTER_LETTER_ONLY:
        before = i > 0 and text[i - 1].isalpha()
        after = i + 1 < len(text) and text[i + 1].isalpha()
        inside = before and after if ch in _INSIDE_WORD_ONLY else before
        byte = _INSIDE_WORD_ONLY.get(ch) or _AFTER_LETTER_ONLY[ch]
        return TCVN3_CHART[byte] if inside else ch
    return _TCVN3_DECODE.get(ch, ch)


def tcvn3_to_unicode(text: str, *, capitals: bool = False) -> str:
    """TCVN3 text (read as Latin-1 or Windows-1252) in Unicode NFC.

    `capitals` is for text typed in an upper-case ABC font (".VnTimeH").

    >>> tcvn3_to_unicode("Céng hoµ x· héi chñ nghÜa ViÖt Nam")
    'Cộng hoà xã hội chủ nghĩa Việt Nam'
    >>> tcvn3_to_unicode("kÕ ho¹ch", capitals=True)
    'KẾ HOẠCH'
    """
    out = "".join(_tcvn3_char(text, i) for i in range(len(text)))
    out = unicodedata.normalize("NFC", out)
    return out.upper() if capitals else out


def vni_to_unicode(text: str) -> str:
    """VNI text (read as Latin-1) in Unicode NFC.

    >>> vni_to_unicode("Ñoäc laäp - Töï do - Haïnh phuùc")
    'Độc lập - Tự do - Hạnh phúc'
    """
    out: list[str] = []
    i = 0
    while i < len(text):
        pair = text[i : i + 2]
        if len(pair) == 2 and pair[1] in _VNI_MARKS + _VNI_MARKS.upper() + "ÏY" and pair in _VNI_DECODE:
            out.append(_VNI_DECODE[pair])
            i += 2
            continue
        out.append(_VNI_DECODE.get(text[i], text[i]))
        i += 1
    return unicodedata.normalize("NFC", "".join(out))


def to_unicode(text: str, encoding: str) -> str:
    """Text in a legacy encoding ('tcvn3' or 'vni') in Unicode NFC."""
    if encoding == "tcvn3":
        return tcvn3_to_unicode(text)
    if encoding == "vni":
        return vni_to_unicode(text)
    raise ValueError(f"unknown legacy encoding {encoding!r}; known: tcvn3, vni")


def encode(text: str, encoding: str) -> bytes:
    """Unicode text as the bytes a TCVN3 or VNI file holds (the inverse of `decode_bytes`).

    >>> encode("Kế hoạch", "tcvn3").decode("latin-1"), encode("Kế hoạch", "vni").decode("latin-1")
    ('KÕ ho¹ch', 'Keá hoaïch')
    """
    text = unicodedata.normalize("NFC", text)
    out = bytearray()
    for ch in text:
        if encoding == "tcvn3" and ch in _TCVN3_ENCODE:
            out.append(_TCVN3_ENCODE[ch])
        elif encoding == "vni" and ch in VNI_CHART:
            out.extend(VNI_CHART[ch].encode("latin-1"))
        elif encoding not in ("tcvn3", "vni"):
            raise ValueError(f"unknown legacy encoding {encoding!r}; known: tcvn3, vni")
        else:
            try:
                out.extend(ch.encode("latin-1"))
            except UnicodeEncodeError:
                raise ValueError(f"{ch!r} has no {encoding.upper()} code") from None
    return bytes(out)


# ---------------------------------------------------------------------------
# Recognising Vietnamese: a word is a Vietnamese syllable or it is not.

_INITIALS = "ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnpqrstvx]"
_NUCLEI = sorted(
    "iêu yêu uyê uya uyu uôi ươi ươu oai oay oeo uây ai ao au ay âu ây eo êu ia iê iu oa oă oe "
    "oi ôi ơi ua uâ uê ui uô uơ uy ưa ưi ươ ưu yê oo a ă â e ê i o ô ơ u ư y".split(),
    key=len,
    reverse=True,
)
_SYLLABLE = re.compile(rf"(?:{_INITIALS})?(?:{'|'.join(_NUCLEI)})(?:ch|ng|nh|[cmnpt])?")
_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
_EDGE = re.compile(r"^[\W\d_]+|[\W\d_]+$")


def is_syllable(word: str) -> bool:
    """Whether `word` can be one Vietnamese syllable (at most one tone mark).

    >>> is_syllable("Nghiêng"), is_syllable("hoạch"), is_syllable("hoaïch"), is_syllable("Keá")
    (True, True, False, False)
    """
    decomposed = unicodedata.normalize("NFD", word.lower())
    if sum(c in _TONES for c in decomposed) > 1:
        return False
    base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONES))
    return bool(_SYLLABLE.fullmatch(base))


def _vietnamese_words(text: str) -> int:
    return sum(is_syllable(w) for w in (_EDGE.sub("", t) for t in text.split()) if w)


_CP1252_EXTRA = frozenset(bytes(range(0x80, 0xA0)).decode("cp1252", errors="ignore"))


def _looks_unicode(text: str) -> bool:
    """True when the text has characters no 8-bit legacy text read as Windows-1252 can give."""
    return any(ord(c) > 0xFF and c not in _CP1252_EXTRA for c in text)


def detect(text: str, *, rival: str | None = None) -> str | None:
    """'tcvn3' or 'vni' when `text` is legacy-encoded Vietnamese read as Latin-1; else None.

    Only words with a non-ASCII character are compared: a legacy encoding wins
    when its reading makes clearly more of them Vietnamese syllables than the
    text as it stands (or than `rival`, another reading of the same bytes).

    >>> detect("Ñieàu 1. Keá hoaïch"), detect("Điều 1. Kế hoạch"), detect("Café crème")
    ('vni', None, None)
    """
    if _looks_unicode(text):
        return None
    words = [t for t in text.split() if any(ord(c) > 0x7F for c in t)][:3000]
    if not words:
        return None
    sample = " ".join(words)
    baseline = _vietnamese_words(sample)
    if rival is not None:
        baseline = max(baseline, _vietnamese_words(" ".join(t for t in rival.split() if not t.isascii())))
    scores = {enc: _vietnamese_words(to_unicode(sample, enc)) for enc in ("tcvn3", "vni")}
    best = max(scores, key=lambda enc: scores[enc])
    gain = scores[best] - baseline
    if scores[best] >= 0.6 * len(words) and gain > 0 and gain >= min(3, 0.3 * len(words)):
        return best
    return None


def restore_capitals(text: str) -> tuple[str, int]:
    """Upper-case the toned letters of lines typed in an upper-case .VnTimeH font.

    Such a line reads "KẾ HOẠCH" as "Kế HOạCH": its plain letters are capitals and
    a word of several capitals holds a small toned letter. Returns the text and
    the number of lines changed; lengths are unchanged.

    >>> restore_capitals("Kế HOạCH\\nSố: 41/KH-UBND\\nBộ")
    ('KẾ HOẠCH\\nSố: 41/KH-UBND\\nBộ', 1)
    """
    lines = text.split("\n")
    changed = 0
    for n, line in enumerate(lines):
        ascii_letters = [c for c in line if c.isascii() and c.isalpha()]
        if not ascii_letters or not all(c.isupper() for c in ascii_letters):
            continue
        if any(_typed_in_capitals(w) for w in line.split()):
            lines[n] = line.upper()
            changed += 1
    return "\n".join(lines), changed


def _typed_in_capitals(word: str) -> bool:
    plain = [c for c in word if c.isascii() and c.isalpha()]
    return len(plain) >= 2 and any(not c.isascii() and c.islower() for c in word)


# ---------------------------------------------------------------------------
# Plain-text files


@dataclass
class Decoded:
    """A text file's characters, the encoding they came from, and what the reader should know."""

    text: str
    encoding: str  # utf-8 | utf-16 | cp1258 | tcvn3 | vni | cp1252
    warnings: list[str] = field(default_factory=list)


class NotText(ValueError):
    """The bytes are not text (binary data)."""


_NAMES = {"tcvn3": "TCVN3 (ABC, .VnTime fonts)", "vni": "VNI (VNI-Times fonts)"}
_C1_AS_CP1252 = {
    0x80 + i: c for i, c in enumerate(bytes(range(0x80, 0xA0)).decode("cp1252", errors="replace")) if c != "\ufffd"
}


def bytes_as_chars(data: bytes) -> str:
    """Bytes as an 8-bit legacy text shows them: Windows-1252, Latin-1 where 1252 has no character."""
    return data.decode("latin-1").translate(_C1_AS_CP1252)


def legacy_warning(encoding: str) -> str:
    """The warning a reader gives for text it converted from a legacy encoding."""
    return f"text converted from {_NAMES[encoding]} encoding to Unicode; spans index the converted text"


def decode_bytes(data: bytes) -> Decoded:
    """Decode a plain-text file; raise NotText for binary data.

    >>> decode_bytes("Kế hoạch".encode("utf-8")).encoding
    'utf-8'
    >>> d = decode_bytes(encode("Kế hoạch cải cách hành chính", "vni"))
    >>> d.text, d.encoding
    ('Kế hoạch cải cách hành chính', 'vni')
    """
    if data.startswith(codecs.BOM_UTF8):
        return _legacy_inside(data[3:].decode("utf-8", errors="replace"), "utf-8")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _legacy_inside(data.decode("utf-16", errors="replace"), "utf-16")
    if b"\x00" in data:
        return _utf16_without_bom(data)
    controls = sum(1 for b in data if b < 0x20 and b not in b"\t\n\r\f\v\x1a")
    if controls > 0.05 * len(data):
        raise NotText("binary data, not text")
    try:
        return _legacy_inside(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    return _eight_bit(data)


def _utf16_without_bom(data: bytes) -> Decoded:
    even, odd = data[0::2], data[1::2]
    for codec, zeros in (("utf-16-le", odd), ("utf-16-be", even)):
        if len(data) % 2 == 0 and zeros.count(0) > 0.3 * len(zeros):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                continue
            if _controls(text) <= 0.05 * len(text):
                return _legacy_inside(text, "utf-16")
    raise NotText("binary data, not text (it holds NUL bytes)")


def _controls(text: str) -> int:
    return sum(1 for c in text if unicodedata.category(c) in ("Cc", "Cs", "Co", "Cn") and c not in "\t\n\r\f\v\x1a")


def _legacy_inside(text: str, encoding: str) -> Decoded:
    """Unicode text that may still hold legacy-encoded characters (a .VnTime text saved as UTF-8)."""
    legacy = detect(text)
    if legacy is None:
        return Decoded(text, encoding)
    return _converted(text, legacy, f"; the file was {encoding.upper()} holding {legacy.upper()} characters")


def _converted(chars: str, legacy: str, note: str = "") -> Decoded:
    text = to_unicode(chars, legacy)
    warnings = [legacy_warning(legacy) + note]
    if legacy == "tcvn3":
        text, lines = restore_capitals(text)
        if lines:
            warnings.append(f"capitals typed in the .VnTimeH font restored on {lines} line(s)")
    return Decoded(text, legacy, warnings)


_MIN_ASCII_SHARE = 0.5


def _eight_bit(data: bytes) -> Decoded:
    chars = bytes_as_chars(data)
    try:
        cp1258 = unicodedata.normalize("NFC", data.decode("cp1258"))
    except UnicodeDecodeError:
        cp1258 = None
    legacy = detect(chars, rival=cp1258)
    if legacy is not None:
        return _converted(chars, legacy)
    if cp1258 is None:
        # Vietnamese in any encoding is mostly plain Latin letters; bytes that are mostly not
        # are no text cancu can read, whatever name the file has.
        if sum(1 for b in data if b < 0x80) < _MIN_ASCII_SHARE * len(data):
            raise NotText("not text in any encoding cancu knows (UTF-8, UTF-16, Windows-1258, TCVN3, VNI)")
        return Decoded(chars, "cp1252", ["the text is neither UTF-8 nor Vietnamese in a known encoding: read as Windows-1252"])
    return Decoded(
        cp1258,
        "cp1258",
        ["text decoded from Windows-1258 and normalised to NFC (its tone marks are separate characters); "
         "spans index the normalised text"],
    )
