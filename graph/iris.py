"""The only place where cancu mints IRIs for its data.

Identity rules (deterministic across runs, so re-ingesting changes nothing):
- an act with a number of a central body (…/NQ-CP, …/QĐ-TTg, …-NQ/TW) is known
  by its number alone: the same 76/NQ-CP cited by four plans is one node;
- a local number (…/KH-UBND) is only unique per issuer, so its IRI carries the issuer;
- an act without a whole number (left blank, "Số: /KH-UBND", or unreadable) is known
  by what else identifies it, never by its issuer alone: a law by its name, a plan,
  programme or resolution by its issuer, type and name or subject, each with the date
  when one is printed (doctypes: the kinds whose bare mention names one act). An
  ingested document named so is the act its citations name. A letter, decision or
  notice, whose subject recurs, and any act whose type, issuer or name is not known,
  is told apart by the file it comes from;
- a task is its document's IRI plus its position; an agency is its canonical name.

>>> str(act("76/NQ-CP", "Chính phủ"))
'https://w3id.org/cancu/id/act/76-nq-cp'
>>> str(act("6830/QD-UBND", "UBND thành phố Hà Nội"))
'https://w3id.org/cancu/id/act/ubnd-thanh-pho-ha-noi/6830-qd-ubnd'
>>> act(None, "UBND quận Tây Hồ", doc_type="Kế hoạch", name="CCHC nhà nước năm 2024") == act(
...     None, "UBND quận Tây Hồ", doc_type="Kế hoạch", name="Cải cách hành chính năm 2024")
True
>>> str(agency("Chính phủ"))
'https://w3id.org/cancu/id/agency/chinh-phu'
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlparse

from rdflib import Namespace, URIRef

from ingest import doctypes
from ingest.fold import fold
from ingest.gazetteer import Place
from ingest.numbers import DocumentNumber
from ingest.references import ABBREVIATIONS, NAME_NOISE

ID = Namespace("https://w3id.org/cancu/id/")
GRAPHS = Namespace("https://w3id.org/cancu/graph/")

REFERENCE_GRAPH = GRAPHS["reference"]
ENTITIES_GRAPH = GRAPHS["entities"]  # cited acts and agencies, described once for all files
CURATED_GRAPH = GRAPHS["curated"]
INFERRED_GRAPH = GRAPHS["inferred"]


def slug(text: str) -> str:
    """A readable IRI segment: folded, with anything but letters and digits as '-'.

    >>> slug("UBND phường Mỗ Lao")
    'ubnd-phuong-mo-lao'
    """
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-") or "x"


def digest(*parts: str | None) -> str:
    """A short stable digest of folded parts, for things without a printed identifier."""
    joined = "|".join(" ".join(fold(p or "").split()) for p in parts)
    return hashlib.sha1(joined.encode("utf-8")).hexdigest()[:10]


def act(
    number: str | None,
    issuer: str | None,
    *,
    doc_type: str | None = None,
    name: str | None = None,
    date: str | None = None,
    mention: str | None = None,
    where: str | None = None,
) -> URIRef:
    """The IRI of a legal document, however it is cited.

    `name` is its name or subject as printed ("Luật Đất đai", "CCHC nhà nước năm 2024"),
    None when the text gives none; `date` its date (ISO) when printed; `mention` the
    words that cite it; `where` the file that names it. A local act whose issuer is not
    known cannot be told apart from every other "5/KH-UBND" of the country, nor an act
    named by nothing but its issuer from the issuer's other acts: `where` keeps them apart.
    """
    parsed = _parse(number)
    owner = _owner(issuer, where)
    if _is_whole(parsed):
        if parsed.is_central:
            return ID[f"act/{slug(parsed.key())}"]
        return ID[f"act/{owner}/{slug(parsed.key())}"]
    if parsed is not None and parsed.partial:  # "Chương trình 06 của Quận ủy": its issuer, type and serial
        label = f"{doc_type or 'van-ban'}-{number}"
        return ID[f"act/{owner}/{slug(label)}-{digest(doc_type, name or mention)}"]
    named = _by_name(issuer, doc_type, name, date)
    if named is not None:
        return named
    return ID[f"act/{owner}/{slug(doc_type or 'van-ban')}-{digest(doc_type, date, mention, where)}"]


def document(
    number: str | None, issuer: str | None, *, doc_type: str | None, title: str | None, date: str | None, where: str
) -> URIRef:
    """The IRI of an ingested document: by its number when it has a whole one; else as a
    citation names it (issuer, type, title, date) when those identify it; else by its file.

    The file is its resolved path, not its content, so a changed version keeps its IRI.

    >>> letter = dict(doc_type="Công văn", title="V/v rà soát", date=None)   # two letters, one subject
    >>> document(None, "UBND xã Phú Thượng", **letter, where="file:///a.txt") == document(
    ...     None, "UBND xã Phú Thượng", **letter, where="file:///b.txt")
    False
    """
    if _is_whole(_parse(number)):
        return act(number, issuer, doc_type=doc_type, name=title, date=date, where=where)
    named = _by_name(issuer, doc_type, title, date)
    if named is not None:
        return named
    stem = slug(PurePosixPath(unquote(urlparse(where).path)).stem)
    return ID[f"act/{_owner(issuer, where)}/{slug(doc_type or 'van-ban')}-{stem}-{digest(where)}"]


def subject_key(text: str | None) -> str:
    """The words of a name or subject that identify it: folded, abbreviations spelt out,
    without punctuation and the filler words names are compared without; years are kept
    (the plan of 2024 is not the plan of 2025).

    >>> subject_key("Kế hoạch CCHC nhà nước năm 2024"), subject_key("về việc rà soát, thống kê")
    ('ke hoach cai cach hanh chinh 2024', 'ra soat thong ke')
    """
    words = " ".join(ABBREVIATIONS.get(w.strip(_PUNCTUATION), w) for w in fold(text or "").split())
    words = " ".join(re.findall(r"[a-z0-9]+", words))
    for noise in NAME_NOISE:
        words = re.sub(rf"\b{noise}\b", " ", words)
    return " ".join(words.split())


_PUNCTUATION = ".,;:!?()[]\"'“”‘’«»"


def _by_name(issuer: str | None, doc_type: str | None, name: str | None, date: str | None) -> URIRef | None:
    """The IRI of an act its issuer, type and name identify without a number; None when they do not:
    a kind known by its number alone (a decision, a letter), or no issuer, type or name."""
    kind = doctypes.by_word(doc_type) if doc_type else None
    words = subject_key(name)
    if kind is None or kind.unnumbered == doctypes.NUMBERED or not issuer or not words:
        return None
    return ID[f"act/{slug(issuer)}/{slug(kind.name)}-{digest(kind.name, words, date)}"]


def _owner(issuer: str | None, where: str | None) -> str:
    return slug(issuer) if issuer else f"unknown-{digest(where)}"


def _is_whole(parsed: DocumentNumber | None) -> bool:
    """A number that names one act: its serial printed ("/KH-UBND" left blank names none), not partial."""
    return parsed is not None and not parsed.partial and parsed.serial is not None


def _parse(number: str | None) -> DocumentNumber | None:
    if not number:
        return None
    try:
        return DocumentNumber.parse(number)
    except ValueError:
        return None


def task(document_iri: URIRef, position: int) -> URIRef:
    return URIRef(f"{document_iri}/task/{position}")


def evidence(subject: URIRef, prop: URIRef, target: URIRef, *, method: URIRef, source: URIRef) -> URIRef:
    """The qualified twin of one link as one source gives it (a text states it, a person curates it).

    Stable, so re-ingesting does not duplicate it; distinct per method and
    source, so a stated and a curated reason for the same link stay apart.
    """
    return URIRef(f"{subject}#link-{digest(str(prop), str(target), str(method), str(source))}")


def agency(name: str, *, territory: Place | None = None) -> URIRef:
    """A body, by its canonical name, under the code of the territory it governs (names of
    wards repeat across the country: there are many "Phường 1")."""
    if territory is not None:
        return ID[f"agency/{_code_key(territory)}/{slug(name)}"]
    return ID[f"agency/{slug(name)}"]


def territory(place: Place) -> URIRef:
    """An administrative unit, by its official code (units since the 2025 reorganisation apart)."""
    return ID[f"unit/{_code_key(place)}"]


def _code_key(place: Place) -> str:
    return f"2025/{place.code}" if place.since else place.code


def source_graph(path: str | Path) -> URIRef:
    """The named graph holding everything read from one source file.

    Named after the file and a digest of its full path, so two "kehoach.docx"
    of two folders are two graphs.
    """
    path = Path(path).resolve()
    return GRAPHS[f"source/{slug(path.name)}-{digest(str(path))}"]


def version_graph(graph_iri: URIRef, content_hash: str) -> URIRef:
    """The graph of one kept version of a file: the file's graph and the version's content hash."""
    return URIRef(f"{graph_iri}/version/{content_hash[:16]}")


def curation_graph(path: str | Path) -> URIRef:
    """The named graph of one curation file."""
    path = Path(path).resolve()
    return GRAPHS[f"curated/{slug(path.name)}-{digest(str(path))}"]


def reference_source(name: str) -> URIRef:
    """The IRI of a reference file shipped with cancu (the primary source of curated links)."""
    return ID[f"reference/{name}"]
