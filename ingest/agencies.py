"""Linking agencies: a unit as a plan names it → the body it is, in the issuer's context.

"Phòng Nội vụ" in Tây Hồ's plan is Phòng Nội vụ quận Tây Hồ, part of UBND quận
Tây Hồ, governing quận Tây Hồ; "UBND các phường" there is a group whose members
are the People's Committees of the district's eight wards (as the gazetteer
knows them); "UBND quận Hà Đông" names its own territory. Plain data out: the
graph stage turns it into `cc:Agency` nodes with `cc:jurisdiction` and
`org:subOrganizationOf`.

>>> from ingest.issuers import IssuerContext
>>> a = resolve("Phòng Nội vụ", IssuerContext.of("UBND quận Tây Hồ"))
>>> a.name, a.territory.full_name, a.parent.name
('Phòng Nội vụ quận Tây Hồ', 'quận Tây Hồ', 'UBND quận Tây Hồ')
>>> len(resolve("UBND các phường", IssuerContext.of("UBND quận Tây Hồ")).members)
8
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest import gazetteer
from ingest.fold import fold
from ingest.gazetteer import Place
from ingest.issuers import IssuerContext, canonical_issuer, level_of_issuer

# The level words a unit name may end with, meaning "of the issuing territory of that kind".
_LEVEL_WORDS = ("thanh pho", "thi xa", "thi tran", "tinh", "huyen", "quan", "phuong", "xa")
# "UBND các phường", "UBND các xã, thị trấn", "Chủ tịch UBND 10 phường": the committees of a class of units.
_COMMITTEE_CLASS = re.compile(
    r"\b(?:ubnd|uy ban nhan dan)\s+(?:cac|\d+)\s+((?:phuong|xa|thi tran|huyen|quan|thi xa|thanh pho)"
    r"(?:\s*,\s*(?:phuong|xa|thi tran|huyen|quan|thi xa|thanh pho))*)"
)
_KIND_OF = {
    "phuong": "phường", "xa": "xã", "thi tran": "thị trấn", "huyen": "huyện", "quan": "quận",
    "thi xa": "thị xã", "thanh pho": "thành phố", "tinh": "tỉnh",
}
_COMMITTEE = re.compile(r"^(?:ubnd|uy ban nhan dan)\b")


@dataclass(frozen=True)
class AgencyRef:
    """A body as cancu knows it: its canonical name, territory, parent body and, for a group, members."""

    name: str
    territory: Place | None = None
    parent: "AgencyRef | None" = None
    level: str | None = None
    members: tuple["AgencyRef", ...] = ()
    group: bool = False


def committee(place: Place) -> AgencyRef:
    """The People's Committee of a territory: "UBND phường Mộ Lao"."""
    return AgencyRef(f"UBND {place.full_name}", place, None, place.level)


def issuer_agency(issuer: str) -> AgencyRef:
    """The issuing body of a document, from its canonical name."""
    context = IssuerContext.of(issuer)
    place = context.place
    if place is not None and _COMMITTEE.match(fold(issuer)):
        return committee(place)
    parent = committee(place) if place is not None else None
    return AgencyRef(issuer, place, parent, level_of_issuer(issuer))


def resolve(unit: str, context: IssuerContext) -> AgencyRef:
    """The body a unit name stands for, read in the context of the document's issuer."""
    folded = fold(unit)
    issuer = issuer_agency(context.issuer) if context.issuer else None
    members = _committees_of_class(folded, context)
    if members or _is_plural(folded):
        return AgencyRef(_qualified(unit, context, issuer), context.place, issuer, _level(context), members, True)
    if _COMMITTEE.match(folded):
        named = canonical_issuer(unit, context)
        place = IssuerContext.of(named).place if named else None
        if place is not None:
            return committee(place)
    own = gazetteer.find_in_text(folded, within=context.province) if context.province else []
    if own and not folded.startswith(("phong", "van phong", "bo phan", "trung tam", "ban ")):
        named = canonical_issuer(unit, context)
        if named:
            return AgencyRef(named, own[-1][2], issuer, level_of_issuer(named))
    return AgencyRef(_qualified(unit, context, issuer), context.place, issuer, _level(context))


def _committees_of_class(folded: str, context: IssuerContext) -> tuple[AgencyRef, ...]:
    """The committees a class names ("UBND các phường" of the district issuing the plan)."""
    m = _COMMITTEE_CLASS.search(folded) or re.search(r"\bcac\s+(xa\s*,\s*thi tran|phuong\s*,\s*xa|phuong|xa)\b", folded)
    if not m or context.place is None:
        return ()
    kinds = {_KIND_OF[k.strip()] for k in re.split(r"\s*,\s*", m.group(1))}
    area = context.place
    children = [c for c in gazetteer.children(area) if c.kind in kinds]
    return tuple(committee(c) for c in children)


def _is_plural(folded: str) -> bool:
    return bool(re.search(r"\b(cac|nhung)\s|\b\d+\s+(phuong|xa|don vi)", folded))


def _level(context: IssuerContext) -> str | None:
    return context.place.level if context.place is not None else (level_of_issuer(context.issuer) if context.issuer else None)


def _qualified(unit: str, context: IssuerContext, issuer: AgencyRef | None) -> str:
    """The unit's name made unique: "Phòng Nội vụ" → "Phòng Nội vụ quận Tây Hồ".

    A name ending with a bare level word ("Văn phòng UBND phường") takes the
    name of the issuer's territory of that level; a unit of a body that is not a
    People's Committee (a Sở's division) is named with that body.
    """
    place = context.place
    if place is None:
        return f"{unit}, {context.issuer}" if context.issuer else unit
    folded = fold(unit)
    party = re.search(r"\b(quan|huyen|thanh|tinh|thi) uy$", folded)
    if party:  # "Ban Tuyên giáo Quận ủy" → "Ban Tuyên giáo Quận ủy Tây Hồ"
        kind = {"quan": "quận", "huyen": "huyện", "thanh": "thành phố", "tinh": "tỉnh", "thi": "thị xã"}[party.group(1)]
        area = _area_of_kind(context, kind)
        return f"{unit} {area.name}" if area is not None else unit
    for level_word in _LEVEL_WORDS:
        if folded.endswith(" " + level_word):
            area = _printed_area(context, _KIND_OF[level_word])
            if area is not None:
                return unit[: len(unit) - len(level_word)] + area
    if issuer is not None and not _COMMITTEE.match(fold(issuer.name)) and issuer.name != f"UBND {place.full_name}":
        return f"{unit}, {issuer.name}"
    return f"{unit} {_printed_area(context, place.kind) or place.full_name}"


def _printed_area(context: IssuerContext, kind: str) -> str | None:
    """The territory of that kind, named as the issuer prints it ("huyện Nam Đông", though the
    gazetteer's current data folds it into Phú Lộc), else as the gazetteer does."""
    issuer = context.issuer or ""
    m = re.match(r"(?:UBND|Ủy ban nhân dân)\s+(.+)$", issuer)
    if m and fold(m.group(1)).startswith(fold(kind) + " "):
        return m.group(1)
    area = _area_of_kind(context, kind)
    return area.full_name if area is not None else None


def _area_of_kind(context: IssuerContext, kind: str) -> Place | None:
    return next((p for p in context.chain() if p.kind == kind), None)
