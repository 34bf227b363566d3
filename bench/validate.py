"""How long `cancu validate` takes on a store, and what pyshacl (the way it validated before) takes.

    python3 bench/validate.py --store /tmp/real-store
    python3 bench/validate.py --store /tmp/real-store --pyshacl-timeout 180 --json

The store is any store folder (`cancu ingest … --store DIR`, `bench/national.py --keep --store DIR`).
Progress goes to stderr; the last line of stdout is one JSON object with --json.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from graph.store import GraphStore  # noqa: E402
from graph.validate import checks_of, found_by_pyshacl, violations  # noqa: E402

import ontology  # noqa: E402

SLOWEST = 5  # constraints named in the summary
PROGRESS_EVERY = 20  # constraints a progress line


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", type=Path, required=True, help="the store folder to validate")
    parser.add_argument("--pyshacl-timeout", type=float, default=0,
                        help="also run pyshacl on the union of the graphs, stopped after this many seconds (0: not run)")
    parser.add_argument("--json", action="store_true", help="end stdout with one JSON object")
    return parser.parse_args(argv)


def timed_checks(store: GraphStore) -> tuple[float, list[tuple[float, str, int]], set]:
    """(seconds in all, (seconds, constraint, violations) each, the violations' keys)."""
    checks = checks_of(ontology.shapes())
    timings, found = [], set()
    start = time.perf_counter()
    for done, check in enumerate(checks, start=1):
        began = time.perf_counter()
        broken = list(violations(store, check))
        name = f"{check.shape.rsplit('#', 1)[-1]} {check.component.rsplit('#', 1)[-1]} {check.path or ''}".strip()
        timings.append((time.perf_counter() - began, name, len(broken)))
        found.update(v.key() for v in broken)
        if done % PROGRESS_EVERY == 0 or done == len(checks):
            print(f"{done}/{len(checks)} constraints checked", file=sys.stderr, flush=True)
    return time.perf_counter() - start, timings, found


def _pyshacl_found(store_path: str, answer) -> None:
    """pyshacl's seconds and violations, sent from a process of its own (so it can be stopped)."""
    start = time.perf_counter()
    found = found_by_pyshacl(GraphStore(store_path, read_only=True))
    answer.send((time.perf_counter() - start, found))


def pyshacl_run(store: Path, timeout: float) -> tuple[float | None, set | None]:
    """(pyshacl's seconds, what it found), or (None, None) when stopped at `timeout`."""
    receiving, sending = multiprocessing.Pipe(duplex=False)
    process = multiprocessing.get_context("spawn").Process(target=_pyshacl_found, args=(str(store), sending))
    process.start()
    if receiving.poll(timeout):
        seconds, found = receiving.recv()
        process.join()
        return seconds, found
    process.terminate()
    process.join()
    return None, None


def main(argv: list[str] | None = None) -> dict:
    args = parse_args(argv)
    store = GraphStore(args.store, read_only=True)
    results = {"store": str(args.store), "quads": store.quad_count()}
    seconds, timings, found = timed_checks(store)
    results.update(validate_s=round(seconds, 3), constraints=len(timings), violations=len(found),
                   slowest=[{"s": round(s, 3), "constraint": name, "violations": n}
                            for s, name, n in sorted(timings, reverse=True)[:SLOWEST]])
    if args.pyshacl_timeout:
        del store  # the pyshacl process opens the folder itself
        pyshacl_s, pyshacl_found = pyshacl_run(args.store, args.pyshacl_timeout)
        results["pyshacl_s"] = round(pyshacl_s, 3) if pyshacl_s is not None else f"stopped after {args.pyshacl_timeout:g} s"
        if pyshacl_found is not None:
            results["pyshacl_violations"] = len(pyshacl_found)
            results["same_violations"] = found == pyshacl_found
    print(f"{results['quads']:,} quads: {results['constraints']} constraints checked in {results['validate_s']} s, "
          f"{results['violations']} violation(s)", file=sys.stderr)
    for slow in results["slowest"]:
        print(f"  {slow['s']:7.3f} s  {slow['constraint']}", file=sys.stderr)
    if "pyshacl_s" in results:
        print(f"pyshacl: {results['pyshacl_s']}" + (f", same violations: {results['same_violations']}"
                                                     if "same_violations" in results else ""), file=sys.stderr)
    if args.json:
        print(json.dumps(results, ensure_ascii=False))
    return results


if __name__ == "__main__":
    main()
