"""The extracted model: plain dataclasses, the contract between stages.

`Extraction.to_json()` is exactly the shape of `shared/spec/extraction.md`;
`graph.build` turns the same object into RDF, so the JSON a user reads and
the graph they query can never disagree.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

Span = tuple[int, int]

LEVELS = ("central", "province", "district", "commune")
ROLES = ("lead", "cooperate", "execute", "report", "propose")
RECURRENCES = ("none", "monthly", "quarterly", "semiannual", "annual", "periodic")
UNIT_KINDS = (
    "specialised_office",
    "people_committee",
    "public_service_unit",
    "party_body",
    "front_and_mass_org",
    "other",
)


@dataclass
class DocumentInfo:
    number: str | None = None
    doc_type: str | None = None
    issuer: str | None = None
    issuer_level: str | None = None
    place: str | None = None
    date: str | None = None
    year_in_scope: int | None = None
    title: str | None = None
    signer: str | None = None
    signer_title: str | None = None


@dataclass
class Reference:
    """A document named in the text: in the preamble (basis) or elsewhere (citation)."""

    number: str | None
    doc_type: str | None
    issuer: str | None
    date: str | None
    quote: str
    span: Span
    relation: str | None = None  # "implements" | "based_on" for basis, None for citations
    title: str | None = None  # the subject ("về …") when the text gives one
    # What names an unnumbered document ("Luật Đất đai", "Kế hoạch CCHC năm 2024 của …": its
    # folded words between the type word and the issuer or date); with the title, its identity.
    name: str | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "number": self.number,
            "doc_type": self.doc_type,
            "issuer": self.issuer,
            "date": self.date,
        }
        if self.relation:
            out["relation"] = self.relation
        out["quote"] = self.quote
        out["span"] = list(self.span)
        if self.title:
            out["title"] = self.title
        return out


@dataclass
class Task:
    unit: str
    unit_kind: str
    addressee_is_plural_group: bool
    role: str
    cooperating_units: list[str]
    section: str
    quote: str
    span: Span
    text: str  # the whole duty paragraph, for search and similarity
    deadline: str | None = None
    schedule: str | None = None  # a deadline that is not one date, as printed ("trước ngày 25 các tháng 2, 5 và 8")
    recurrence: str = "none"
    quantity: str | None = None
    requested_not_assigned: bool = False

    def to_json(self) -> dict[str, Any]:
        out = asdict(self)
        out["span"] = list(self.span)
        del out["text"]
        return out


@dataclass
class Extraction:
    file: str
    document: DocumentInfo
    basis: list[Reference] = field(default_factory=list)
    citations: list[Reference] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    source_text: str = ""  # the text as read; spans index into it

    def to_json(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "document": asdict(self.document),
            "basis": [r.to_json() for r in self.basis],
            "citations": [r.to_json() for r in self.citations],
            "tasks": [t.to_json() for t in self.tasks],
            "recipients": list(self.recipients),
            "warnings": list(self.warnings),
        }
