"""The only place where cancu mints IRIs for its data.

Identity rules (deterministic across runs, so re-ingesting changes nothing):
- an act with a number of a central body (…/NQ-CP, …/QĐ-TTg, …-NQ/TW) is known
  by its number alone: the same 76/NQ-CP cited by four plans is one node;
- a local number (…/KH-UBND) is only unique per issuer, so its IRI carries the issuer;
- an act without a number is known by issuer, type and a digest of its name;
- a task is its document's IRI plus its position; an agency is its canonical name.

>>> str(act("76/NQ-CP", "Chính phủ"))
'https://w3id.org/cancu/id/act/76-nq-cp'
>>> str(act("6830/QD-UBND", "UBND thành phố Hà Nội"))
'https://w3id.org/cancu/id/act/ubnd-thanh-pho-ha-noi/6830-qd-ubnd'
>>> str(agency("Chính phủ"))
'https://w3id.org/cancu/id/agency/chinh-phu'
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from rdflib import Namespace, URIRef

from ingest.fold import fold
from ingest.gazetteer import Place
from ingest.numbers import DocumentNumber

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
    where: str | None = None,
) -> URIRef:
    """The IRI of a legal document, however it is cited.

    A local act whose issuer is not known cannot be told apart from every other
    "5/KH-UBND" of the country: `where` (the file that names it) keeps it apart.
    """
    parsed = _parse(number)
    owner = slug(issuer) if issuer else f"unknown-{digest(where)}"
    if parsed is not None and not parsed.partial:
        if parsed.is_central:
            return ID[f"act/{slug(parsed.key())}"]
        return ID[f"act/{owner}/{slug(parsed.key())}"]
    label = f"{doc_type or 'van-ban'}-{number}" if number else (doc_type or "van-ban")
    return ID[f"act/{owner}/{slug(label)}-{digest(doc_type, name)}"]


def _parse(number: str | None) -> DocumentNumber | None:
    if not number:
        return None
    try:
        return DocumentNumber.parse(number)
    except ValueError:
        return None


def document(
    number: str | None, issuer: str | None, *, doc_type: str | None, title: str | None, year: int | None, where: str
) -> URIRef:
    """The IRI of an ingested document: by number when it has one, else by issuer, year and title."""
    if number:
        return act(number, issuer, doc_type=doc_type, name=title, where=where)
    return act(None, issuer, doc_type=doc_type, name=f"{year or ''} {title or ''}", where=where)


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
