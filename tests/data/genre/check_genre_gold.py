#!/usr/bin/env python3
"""Check the genre gold files: JSON loads, every span slices to its quote, field sets equal the seed gold's.

Usage: python3 tests/data/genre/check_genre_gold.py [GOLD_DIR]

GOLD_DIR (default: tests/data/gold next to this folder) holds the seed gold files whose field sets
are the reference. Exits 1 and lists every problem when a check fails.
"""
from __future__ import annotations

import json
import re
import sys
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
ENUMS = {
    "issuer_level": {"central", "province", "district", "commune"},
    "relation": {"implements", "based_on"},
    "role": {"lead", "cooperate", "execute", "report", "propose"},
    "recurrence": {"none", "monthly", "quarterly", "semiannual", "annual", "periodic"},
    "unit_kind": {"specialised_office", "people_committee", "public_service_unit", "party_body",
                  "front_and_mass_org", "other"},
}
ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def reference_fields(gold_dir: Path) -> dict[str, set]:
    """Union of the field sets per level over the seed gold files."""
    ref: dict[str, set] = {"top": set(), "document": set(), "basis": set(), "citations": set(), "tasks": set()}
    for path in sorted(gold_dir.glob("*.json")):
        g = json.loads(path.read_text(encoding="utf-8"))
        ref["top"] |= set(g)
        ref["document"] |= set(g["document"])
        for name in ("basis", "citations", "tasks"):
            for item in g[name]:
                ref[name] |= set(item)
    return ref


def check(path: Path, ref: dict[str, set]) -> list[str]:
    problems = []
    try:
        g = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        return [f"{path.name}: does not load: {exc}"]
    src = path.parent / g.get("file", "")
    if not src.is_file():
        return [f"{path.name}: source {g.get('file')!r} missing"]
    raw = src.read_bytes()
    text = raw.decode("utf-8")
    if not 3 * 1024 <= len(raw) <= 12 * 1024:
        problems.append(f"{src.name}: size {len(raw)} bytes outside 3-12 KB")
    if unicodedata.normalize("NFC", text) != text:
        problems.append(f"{src.name}: text is not NFC")
    if set(g) != ref["top"]:
        problems.append(f"{path.name}: top-level fields {sorted(set(g) ^ ref['top'])} differ")
    if set(g["document"]) != ref["document"]:
        problems.append(f"{path.name}: document fields {sorted(set(g['document']) ^ ref['document'])} differ")
    doc = g["document"]
    if doc["issuer_level"] not in ENUMS["issuer_level"]:
        problems.append(f"{path.name}: issuer_level {doc['issuer_level']!r}")
    if doc["date"] is not None and not ISO.match(doc["date"]):
        problems.append(f"{path.name}: document date {doc['date']!r}")
    for name in ("basis", "citations", "tasks"):
        last = -1
        for i, item in enumerate(g[name]):
            where = f"{path.name} {name}[{i}]"
            if set(item) != ref[name]:
                problems.append(f"{where}: fields {sorted(set(item) ^ ref[name])} differ")
                continue
            s, e = item["span"]
            if text[s:e] != item["quote"]:
                problems.append(f"{where}: text[{s}:{e}] = {text[s:e]!r} != quote {item['quote']!r}")
            if s < last:
                problems.append(f"{where}: not in text order")
            last = s
            for key in ("relation", "role", "recurrence", "unit_kind"):
                if key in item and item[key] not in ENUMS[key]:
                    problems.append(f"{where}: {key} {item[key]!r}")
            for key in ("date", "deadline"):
                if item.get(key) is not None and not ISO.match(item[key]):
                    problems.append(f"{where}: {key} {item[key]!r} is not ISO")
    for r in g["recipients"]:
        if not r or r.strip() != r or r.endswith((";", ",")) or r.lower().startswith("lưu"):
            problems.append(f"{path.name}: recipient {r!r}")
    return problems


def main() -> int:
    gold_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE.parent / "gold"
    ref = reference_fields(gold_dir)
    files = sorted(HERE.glob("*.json"))
    problems = [p for path in files for p in check(path, ref)]
    for p in problems:
        print(p)
    n_spans = sum(len(json.loads(f.read_text(encoding="utf-8"))[k]) for f in files
                  for k in ("basis", "citations", "tasks"))
    print(f"{len(files)} gold files, {n_spans} spans checked: {'FAIL' if problems else 'OK'}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
