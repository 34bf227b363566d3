"""Generate ingest/data/gazetteer.tsv from the `vietnamadminunits` package.

Run ``python -m ingest.build_gazetteer`` after upgrading the package; the
output is deterministic and committed, so that `ingest.gazetteer` never has
to import the package (nor its shapely/geopy dependencies) at run time.

Source, all shipped inside the package (nothing is fetched):

* ``data/dataset.db`` table ``admin_units_legacy``: the 63 provinces,
  their districts and communes as in force just before 2025-07-01 (with the
  2023-2025 mergers already applied, e.g. Quận 3 has 10 wards and Thừa
  Thiên Huế is "Thành phố Huế"), with GSO codes and former names
  (``*Alias`` columns) of merged units;
* table ``admin_units``: the 34 provinces and 3,321 communes from
  2025-07-01 (no district level any more);
* ``data/converter_2025.json``: which old communes went into which new
  ones (a commune split between several new ones lists them all, the
  package's "default" successor first).

The file is a TSV, one unit a line, after ``#`` header lines::

    since  code  level  kind  name  parent  successors  aliases

``since`` is ``-`` for the pre-2025 set and ``2025-07-01`` for the new one
(codes of the two sets overlap: old Phường Hà Cầu and new Phường Hà Đông are
both 09556). ``successors`` are codes in the 2025 set, comma-separated.
``aliases`` are ``|``-separated ``kind:name`` pairs (kind may be empty;
``abbr:`` marks an abbreviation such as "hn"); the package gives former
names without diacritics, so most are folded.

The only hand-written data is `SUPPLEMENT`: former names the package does
not carry at all, each with its reason.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import json
import math
import re
import sqlite3
import sys
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

from ingest.fold import fold

PACKAGE = "vietnamadminunits"
OUT = Path(__file__).parent / "data" / "gazetteer.tsv"
NEW = "2025-07-01"
OLD = "-"

# Former names the package has no trace of (not even folded), needed to read
# plans written before 2025.  (since, code, kind, name, reason)
SUPPLEMENT: list[tuple[str, str, str, str, str]] = [
    (OLD, "46", "tỉnh", "Thừa Thiên Huế",
     "province 46 was tỉnh Thừa Thiên Huế until it became Thành phố Huế on 2025-01-01"),
    (OLD, "482", "huyện", "Nam Đông",
     "accented form of the package's alias 'huyennamdong' (merged into huyện Phú Lộc on 2025-01-01)"),
]

KIND_PREFIXES = [  # prefix of a squeezed alias key -> kind word
    ("thanhpho", "thành phố"), ("thitran", "thị trấn"), ("thixa", "thị xã"),
    ("dackhu", "đặc khu"), ("phuong", "phường"), ("huyen", "huyện"),
    ("quan", "quận"), ("tinh", "tỉnh"), ("xa", "xã"),
    ("district", "quận"), ("ward", "phường"),  # English, HCM numbered units
    ("tp", "thành phố"), ("tx", "thị xã"), ("tt", "thị trấn"),
    ("q", "quận"), ("p", "phường"), ("f", "phường"),  # only before digits
]


def _package_dir() -> Path:
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit(f"{PACKAGE} is not installed: pip install {PACKAGE}")
    return Path(list(spec.submodule_search_locations)[0])


KINDS = ("thành phố", "thị trấn", "thị xã", "đặc khu", "phường", "huyện", "quận", "tỉnh", "xã")


def split_name(full: str) -> tuple[str, str]:
    """'Thành phố Hà Nội' -> ('thành phố', 'Hà Nội'); 'Quận 3' -> ('quận', '3').

    The kind is read from the name, not from the package's *Type columns,
    which disagree with the name for a few units (e.g. 'Phường 5' of quận
    Phú Nhuận typed 'Xã'); the package's *Short columns add suffixes such
    as 'Yên Viên (Thị trấn)' and are not used either.

    >>> split_name("Thị Trấn Năm Căn")
    ('thị trấn', 'Năm Căn')
    """
    full = unicodedata.normalize("NFC", " ".join(full.split()))
    for kind in KINDS:
        if full.lower().startswith(kind + " "):
            return kind, full[len(kind) + 1:]
    raise ValueError(f"no kind word in {full!r}")


def _syllables(name: str) -> list[str]:
    return re.sub(r"['’]", "", fold(name)).replace("-", " ").split()


class Segmenter:
    """Splits a squeezed alias key ('namdong') into known syllables."""

    def __init__(self, names: list[str]):
        self.freq = Counter(s for n in names for s in _syllables(n))
        self.maxlen = max(map(len, self.freq))

    def __call__(self, key: str) -> str | None:
        if key.isdigit():
            return str(int(key))
        n = len(key)
        best: list[tuple[int, float, list[str]] | None] = [None] * (n + 1)
        best[0] = (0, 0.0, [])
        for i in range(n):
            if best[i] is None:
                continue
            count, score, parts = best[i]
            for j in range(i + 1, min(n, i + self.maxlen) + 1):
                syl = key[i:j]
                f = self.freq.get(syl)
                if not f:
                    continue
                cand = (count + 1, score - math.log(f), parts + [syl])
                if best[j] is None or cand[:2] < best[j][:2]:
                    best[j] = cand
        return " ".join(best[n][2]) if best[n] else None


def _aliases(raw: str | None, segment: Segmenter) -> set[tuple[str, str]]:
    """(kind, name) pairs from one of the package's *Alias JSON lists.

    The package writes former names squeezed, mostly folded ('huyennamdong',
    'namdong'), a few with diacritics ('xãbìnhthanhtây'), and the numbered
    wards of Hồ Chí Minh City as 'p3', 'f3', 'ward3'.
    """
    if not raw:
        return set()
    keys = [unicodedata.normalize("NFC", k) for k in json.loads(raw)]
    folded = [fold(k) for k in keys]
    out: set[tuple[str, str]] = set()
    for key, fk in zip(keys, folded):
        prefixed = {p + fk for p, _ in KIND_PREFIXES}
        kind, rest = "", fk
        bare = any(o in prefixed for o in folded)  # the kinded form is there too
        if not bare:
            for prefix, pkind in KIND_PREFIXES:
                tail = fk[len(prefix):]
                if not fk.startswith(prefix) or not tail:
                    continue
                if len(prefix) == 1 and not tail.isdigit():
                    continue
                if tail in folded or tail.isdigit() or segment(tail):
                    kind, rest = pkind, tail
                    break
        name = segment(rest)
        if name is None:
            if not kind:
                if not bare:
                    out.add(("abbr", rest))
                continue
            name = rest
        elif key != fk and len(key) == len(fk):  # put the diacritics back
            start = len(fk) - len(rest)
            accented, i = [], start
            for syl in name.split():
                accented.append(key[i:i + len(syl)].capitalize())
                i += len(syl)
            name = " ".join(accented)
        out.add((kind, name))
    # A bare name that also appears with a kind is redundant; so is a folded
    # form of an accented one.
    kinded = {fold(n) for k, n in out if k not in ("", "abbr")}
    accented = {(k, fold(n)) for k, n in out if fold(n) != n}
    return {(k, n) for k, n in out
            if (k or fold(n) not in kinded) and (fold(n) != n or (k, n) not in accented)}


def build() -> tuple[str, dict[str, int]]:
    pkg = _package_dir()
    version = importlib.metadata.version(PACKAGE)
    db = sqlite3.connect(pkg / "data" / "dataset.db")
    db.row_factory = sqlite3.Row
    legacy = db.execute("SELECT * FROM admin_units_legacy").fetchall()
    modern = db.execute("SELECT * FROM admin_units").fetchall()
    db.close()
    conv = json.loads((pkg / "data" / "converter_2025.json").read_text("utf-8"))

    segment = Segmenter(
        [r["ward"] for r in legacy if r["ward"]] + [r["district"] for r in legacy]
        + [r["province"] for r in legacy] + [r["ward"] for r in modern]
    )

    # rows[(since, code)] = dict
    rows: dict[tuple[str, str], dict] = {}

    def unit(since: str, code: str, level: str, full: str, parent: str) -> dict:
        kind, name = split_name(full)
        return rows.setdefault((since, code), dict(
            code=code, level=level, kind=kind, name=name, parent=parent,
            aliases=set(), succ=[]))

    old_key: dict[str, str] = {}  # 'provincekey_districtkey_wardkey' -> old code
    old_prov_key: dict[str, str] = {}
    for r in legacy:
        pcode, dcode, wcode = r["provinceCode"], r["districtCode"], r["wardCode"]
        unit(OLD, pcode, "province", r["province"], "")["aliases"] |= _aliases(r["provinceAlias"], segment)
        unit(OLD, dcode, "district", r["district"], pcode)["aliases"] |= _aliases(r["districtAlias"], segment)
        if wcode:
            unit(OLD, wcode, "commune", r["ward"], dcode)["aliases"] |= _aliases(r["wardAlias"], segment)
        old_prov_key[r["provinceKey"]] = pcode
        old_key[f"{r['provinceKey']}_{r['districtKey']}_{r['wardKey'] or ''}"] = wcode or dcode

    new_code: dict[tuple[str, str], str] = {}
    new_prov_key: dict[str, str] = {}
    for r in modern:
        pcode, wcode = r["provinceCode"], r["wardCode"]
        unit(NEW, pcode, "province", r["province"], "")["aliases"] |= _aliases(r["provinceAlias"], segment)
        unit(NEW, wcode, "commune", r["ward"], pcode)["aliases"] |= _aliases(r["wardAlias"], segment)
        new_prov_key[r["provinceKey"]] = pcode
        new_code[(r["provinceKey"], r["wardKey"])] = wcode

    # Successors of provinces.
    for nkey, okeys in sorted(conv["DICT_PROVINCE"].items()):
        for okey in okeys:
            rows[(OLD, old_prov_key[okey])]["succ"].append(new_prov_key[nkey])
    # Successors of communes (and of the island districts that have none).
    succ: dict[str, list[str]] = defaultdict(list)
    for nprov, table in sorted(conv["DICT_PROVINCE_WARD_NO_DIVIDED"].items()):
        for nward, okeys in sorted(table.items()):
            for okey in okeys:
                succ[old_key[okey]].append(new_code[(nprov, nward)])
    for nprov, table in sorted(conv["DICT_PROVINCE_WARD_DIVIDED"].items()):
        for okey, news in sorted(table.items()):
            news = sorted(news, key=lambda w: not w["isDefaultNewWard"])
            succ[old_key[okey]].extend(new_code[(nprov, w["newWardKey"])] for w in news)
    for code, codes in succ.items():
        row = rows[(OLD, code)]
        row["succ"] = list(dict.fromkeys(codes))
    # Successors of districts: where their communes went, most first.
    by_district: dict[str, Counter] = defaultdict(Counter)
    for (since, code), row in rows.items():
        if since == OLD and row["level"] == "commune":
            for i, s in enumerate(row["succ"]):
                by_district[row["parent"]][s] += 2 if i == 0 else 1
    for dcode, counts in by_district.items():
        row = rows[(OLD, dcode)]
        if not row["succ"]:
            row["succ"] = [c for c, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]

    for since, code, kind, name, _reason in SUPPLEMENT:
        row = rows[(since, code)]
        row["aliases"] = {(k, n) for k, n in row["aliases"] if n != fold(name)}
        row["aliases"].add((kind, name))

    level_order = {"province": 0, "district": 1, "commune": 2}
    ordered = sorted(rows.items(), key=lambda kv: (kv[0][0] != OLD, level_order[kv[1]["level"]], kv[1]["code"]))
    counts = Counter(f"{since}:{row['level']}" for (since, _), row in ordered)
    lines = [
        "# gazetteer of Vietnamese administrative units, generated by python -m ingest.build_gazetteer",
        f"# source: {PACKAGE} {version} (data/dataset.db tables admin_units_legacy and admin_units; data/converter_2025.json)",
        f"# plus {len(SUPPLEMENT)} hand-written former names (ingest/build_gazetteer.py SUPPLEMENT)",
        "# counts: " + ", ".join(f"{k}={v}" for k, v in sorted(counts.items())),
        "# since\tcode\tlevel\tkind\tname\tparent\tsuccessors\taliases",
    ]
    for (since, _), row in ordered:
        aliases = "|".join(f"{k}:{n}" for k, n in sorted(row["aliases"]))
        fields = [since, row["code"], row["level"], row["kind"], row["name"],
                  row["parent"], ",".join(row["succ"]), aliases]
        assert not any("\t" in f or "\n" in f for f in fields), fields
        lines.append("\t".join(fields))
    return "\n".join(lines) + "\n", dict(counts)


def main(argv: list[str] | None = None) -> int:
    text, counts = build()
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT} ({OUT.stat().st_size:,} bytes): {counts}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
