"""How well cancu reads documents written by other offices (issue 16).

    python3 bench/extraction.py [--shared ../shared] [--only seeds|dev|real] [--json]

Three measurements, all on `../shared` (public crawls kept outside the repository):

1. the samples (`shared/corpus/seeds`, gold in `shared/gold`) and
2. the development set (`shared/corpus/dev`, gold in `shared/gold/dev`), each scored by
   `shared/tools/score_extraction.py` with `cancu extract` of *this* checkout: F1 of basis,
   citations, tasks and recipients, the share of exact document fields, per document and in
   total, with what was missed;
3. counts over `shared/corpus/real` (hundreds of documents of every kind, no gold): files
   read, crashes, number / issuer / date found, documents with duties (by document type,
   and every Kế hoạch and Chỉ thị of a People's Committee that yields none), warnings by kind.

A rule that lifts one document and drops another is not progress: compare the per-document
lines of two runs. Figures are reported, never asserted (the tests assert the samples).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import re
import subprocess
import sys
import traceback
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as `python3 bench/extraction.py`
    sys.path.insert(0, str(ROOT))

# Kinds of document that assign duties to units when they are issued by a People's Committee.
ASSIGNING_TYPES = ("Kế hoạch", "Chỉ thị")


def score(shared: Path, gold: Path, docs: Path) -> tuple[list[str], dict]:
    """The scorer's per-document lines and its totals, running this checkout's `cancu extract`."""
    command = f"{sys.executable} -m cancu.cli extract {{file}} --format json"
    done = subprocess.run(
        [sys.executable, str(shared / "tools" / "score_extraction.py"), "--gold", str(gold), "--docs", str(docs),
         "--cmd", command, "--json"],
        capture_output=True, text=True, cwd=ROOT, timeout=3600,
    )
    if done.returncode not in (0, 1):
        raise SystemExit(f"the scorer failed: {done.stderr.strip()[-500:]}")
    lines = done.stdout.splitlines()
    totals = next(json.loads(line) for line in reversed(lines) if line.startswith("{"))
    return [line for line in lines if not line.startswith("{")], totals


@dataclass(frozen=True)
class Reading:
    """What one real document gave: enough to count, never the text itself."""

    file: str
    crashed: str | None = None  # the exception, one line
    refused: str | None = None  # an IngestError: the reader said why
    number: bool = False
    issuer: str | None = None
    date: bool = False
    doc_type: str | None = None
    tasks: int = 0
    tasks_with_unit: int = 0
    warnings: tuple[str, ...] = field(default_factory=tuple)


def read_one(path: Path) -> Reading:
    from ingest.errors import IngestError
    from ingest.extract import extract

    try:
        e = extract(path)
    except IngestError as exc:
        return Reading(path.name, refused=exc.reason)
    except Exception as exc:  # a crash is what this count is for
        last = traceback.extract_tb(exc.__traceback__)[-1]
        return Reading(path.name, crashed=f"{type(exc).__name__}: {exc} ({Path(last.filename).name}:{last.lineno})")
    d = e.document
    return Reading(
        path.name,
        number=bool(d.number),
        issuer=d.issuer,
        date=bool(d.date),
        doc_type=d.doc_type,
        tasks=len(e.tasks),
        tasks_with_unit=sum(1 for t in e.tasks if t.unit),
        warnings=tuple(e.warnings),
    )


def warning_kind(text: str) -> str:
    """A warning without its particulars (numbers, quoted words), so that like ones count together."""
    text = re.sub(r"'[^']*'|\"[^\"]*\"|“[^”]*”", "'…'", text)
    text = re.sub(r"\d+", "N", text)
    return text[:90]


def real_counts(folder: Path, jobs: int) -> tuple[dict, list[Reading]]:
    files = sorted(p for p in folder.iterdir() if p.is_file())
    with multiprocessing.get_context("spawn").Pool(jobs) as pool:
        readings = pool.map(read_one, files, chunksize=4)
    read = [r for r in readings if not r.crashed and not r.refused]
    by_type = Counter(r.doc_type or "?" for r in read)
    with_duties = Counter(r.doc_type or "?" for r in read if r.tasks_with_unit)
    assigning = [r for r in read if r.doc_type in ASSIGNING_TYPES and (r.issuer or "").startswith("UBND")]
    counts = {
        "files": len(files),
        "read": len(read),
        "crashed": sum(1 for r in readings if r.crashed),
        "refused": sum(1 for r in readings if r.refused),
        "number": sum(r.number for r in read),
        "issuer": sum(1 for r in read if r.issuer),
        "date": sum(r.date for r in read),
        "doc_type": sum(1 for r in read if r.doc_type),
        "with_duties": sum(1 for r in read if r.tasks_with_unit),
        "tasks": sum(r.tasks for r in read),
        "by_type": dict(by_type.most_common()),
        "with_duties_by_type": dict(with_duties.most_common()),
        "ubnd_plans_and_directives": len(assigning),
        "ubnd_plans_and_directives_with_duties": sum(1 for r in assigning if r.tasks_with_unit),
        "warnings": dict(Counter(warning_kind(w) for r in read for w in r.warnings).most_common(15)),
    }
    return counts, readings


def share(n: int, total: int) -> str:
    return f"{n}/{total} ({100 * n / total:.1f} %)" if total else "0/0"


def print_real(counts: dict, readings: list[Reading], out) -> None:
    n = counts["read"]
    print(f"real: {counts['files']} files, {n} read, {counts['refused']} refused, {counts['crashed']} crashed", file=out)
    for name in ("number", "issuer", "date", "doc_type", "with_duties"):
        print(f"  {name:12} {share(counts[name], n)}", file=out)
    print(f"  tasks        {counts['tasks']}", file=out)
    print("  by type (with duties / read): " + ", ".join(
        f"{t} {counts['with_duties_by_type'].get(t, 0)}/{k}" for t, k in counts["by_type"].items()), file=out)
    print(f"  Kế hoạch and Chỉ thị of a UBND with duties: "
          f"{share(counts['ubnd_plans_and_directives_with_duties'], counts['ubnd_plans_and_directives'])}", file=out)
    for r in readings:
        if r.crashed:
            print(f"    crashed {r.file}: {r.crashed}", file=out)
        elif r.refused:
            print(f"    refused {r.file}: {r.refused}", file=out)
    for r in readings:
        if r.doc_type in ASSIGNING_TYPES and (r.issuer or "").startswith("UBND") and not r.tasks_with_unit:
            print(f"    no duties: {r.file} ({r.doc_type}, {r.issuer})", file=out)
    missing = [r.file for r in readings if not r.crashed and not r.refused and not r.issuer]
    if missing:
        print(f"    no issuer: {', '.join(missing[:20])}{' …' if len(missing) > 20 else ''}", file=out)
    missing = [r.file for r in readings if not r.crashed and not r.refused and not r.number]
    if missing:
        print(f"    no number: {', '.join(missing[:20])}{' …' if len(missing) > 20 else ''}", file=out)
    print("  warnings by kind:", file=out)
    for kind, k in counts["warnings"].items():
        print(f"    {k:4} {kind}", file=out)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared", help="the shared folder (default ../shared)")
    ap.add_argument("--only", choices=("seeds", "dev", "real"), action="append", help="run only these parts")
    ap.add_argument("--jobs", type=int, default=max(1, multiprocessing.cpu_count()), help="processes for the real corpus")
    ap.add_argument("--json", action="store_true", help="the last line of stdout is one JSON object with every figure")
    args = ap.parse_args()
    shared = args.shared.resolve()
    if not (shared / "tools" / "score_extraction.py").exists():
        raise SystemExit(f"{shared}: no shared folder here (give --shared)")
    parts = args.only or ["seeds", "dev", "real"]
    out = sys.stderr if args.json else sys.stdout
    results: dict = {}
    for name, gold, docs in (("seeds", shared / "gold", shared / "corpus" / "seeds"),
                             ("dev", shared / "gold" / "dev", shared / "corpus" / "dev")):
        if name not in parts:
            continue
        lines, totals = score(shared, gold, docs)
        print(f"== {name} ({docs})", file=out)
        for line in lines:
            print("  " + line, file=out)
        results[name] = totals
    if "real" in parts:
        counts, readings = real_counts(shared / "corpus" / "real", args.jobs)
        print("== real", file=out)
        print_real(counts, readings, out)
        results["real"] = counts
    print("== summary", file=out)
    for name in ("seeds", "dev"):
        if name in results:
            t = results[name]
            figures = " ".join(f"{k}={t[k]['f1']}" for k in ("basis", "citations", "tasks", "recipients"))
            print(f"  {name}: F1 {figures} fields={t['document_fields']} errors={t['errors']}", file=out)
    if "real" in results:
        c = results["real"]
        print(f"  real: number {share(c['number'], c['read'])}, issuer {share(c['issuer'], c['read'])}, "
              f"date {share(c['date'], c['read'])}, with duties {share(c['with_duties'], c['read'])}, "
              f"crashed {c['crashed']}", file=out)
    if args.json:
        print(json.dumps(results, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
