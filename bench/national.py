"""How cancu behaves at national scale: ingest, store size, trace and impact latency.

    python3 bench/national.py --scale 0.01 [--compare-rdflib] [--json]

The questions staff will ask at scale (issue 8) are "how long does the whole
country take to ingest", "how big is the store" and "does a trace still
answer at once"; the only honest way to answer them is to push documents
through the real pipeline, so this script

1. generates a synthetic corpus of plans as text documents (bench/corpus.py:
   real provinces, districts and communes, every plan carrying out its
   parent's, every province's carrying out 76/NQ-CP and 23/CT-TTg);
2. ingests them with `graph.pipeline.ingest_files` into a fresh embedded
   store, timed as a whole (documents per second), and checks that the
   pipeline read the tasks and links the generator wrote;
3. times `graph.trace.trace` on random commune tasks and
   `graph.impact.impact` on random province plans (p50/p95), and one cold
   `cancu trace` and `cancu impact` process each;
4. with --compare-rdflib, loads the same quads into rdflib's in-memory
   Dataset and runs the same SPARQL (queries/trace.rq, queries/mandate_tree.rq)
   there and in pyoxigraph, so the speed-up is measured like for like;
5. last, times `cancu ingest` of one amended commune plan into the full
   store (stopped after --reingest-timeout seconds).

Progress goes to stderr. With --json the last line of stdout is one JSON
object (see `Results`); performance is reported, never asserted.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import inspect
import io
import json
import math
import pstats
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

if __package__ in (None, ""):  # run as `python3 bench/national.py`: make `bench` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from rdflib import BNode, Dataset, Literal, URIRef  # noqa: E402

import queries  # noqa: E402
from bench.corpus import CENTRAL_NUMBERS, Corpus, Shape, generate, shape_for_scale  # noqa: E402
from graph import search  # noqa: E402
from graph.impact import impact, impact_graph  # noqa: E402
from graph.pipeline import ingest_files  # noqa: E402
from graph.store import GraphStore  # noqa: E402
from graph.trace import trace  # noqa: E402
from ingest.fold import fold  # noqa: E402

TRACE_SAMPLES = 200
IMPACT_SAMPLES = 20
WARM_UP = 3
CC = "https://w3id.org/cancu/ont#"


@dataclass
class Results:
    """What one run measured; `to_json` is the last line of --json output."""

    scale: float
    commit: str = ""  # the code measured: `git describe --always --dirty`
    docs: int = 0
    provinces: int = 0
    districts: int = 0
    communes: int = 0
    tasks_generated: int = 0
    tasks_extracted: int = 0
    refused: int = 0
    documents_stored: int = 0
    triples: int = 0  # quads in the store: every named graph's triples
    ingest_s: float = 0.0
    ingest_docs_per_s: float = 0.0
    pipeline_workers: str = "single process"
    unlinked_plans: int = 0  # district and commune plans whose parent plan the pipeline did not link
    inferred_links: int = 0  # lower tasks cc:derivedFrom a higher task (graph/infer.py)
    reingest_one_s: float | None = None  # `cancu ingest` of one amended commune plan into the full store
    reingest_changes: int | None = None
    store_mb: float = 0.0  # the store folder once closed
    store_mb_open: float = 0.0  # right after the ingest, write-ahead log included
    rss_mb: float = 0.0  # peak RSS of this process after ingest, trace and impact (before rdflib)
    trace_samples: int = 0
    trace_p50_ms: float = 0.0
    trace_p95_ms: float = 0.0
    trace_reaches_76: float = 0.0  # share of traced commune tasks whose mandates include 76/NQ-CP
    trace_reaches_23: float = 0.0
    cli_trace_s: float | None = None
    cli_impact_s: float | None = None
    impact_graph_build_s: float = 0.0
    impact_samples: int = 0
    impact_p50_ms: float = 0.0
    impact_p95_ms: float = 0.0
    impact_tasks_touched_p50: float = 0.0
    rdflib_load_s: float | None = None
    rdflib_samples: int | None = None
    rdflib_trace_p50_ms: float | None = None
    rdflib_impact_p50_ms: float | None = None
    oxigraph_trace_sparql_p50_ms: float | None = None
    oxigraph_impact_sparql_p50_ms: float | None = None
    trace_speedup_vs_rdflib: float | None = None
    impact_speedup_vs_rdflib: float | None = None
    rdflib_same_answers: bool | None = None
    rss_with_rdflib_mb: float | None = None
    # Issue 10 (search), by `measure_search`.
    search_p50_ms: float | None = None
    search_p95_ms: float | None = None
    search_folded_p50_ms: float | None = None
    search_folded_p95_ms: float | None = None
    search_index_mb: float | None = None
    notes: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        return {k: (round(v, 3) if isinstance(v, float) else v) for k, v in asdict(self).items()}


# --- command line ----------------------------------------------------------------


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=0.01, help="1.0 = the whole country (~10,800 plans)")
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--provinces", type=int, help="override: this many provinces")
    parser.add_argument("--districts", type=int, help="override: at most this many districts per province")
    parser.add_argument("--communes", type=int, help="override: at most this many communes per district")
    parser.add_argument("--store", type=Path, help="store folder (default: a temporary one, removed unless --keep)")
    parser.add_argument("--keep", action="store_true", help="keep the generated documents and the store")
    parser.add_argument("--workers", type=int, help="extraction processes, if the pipeline takes `workers`")
    parser.add_argument("--compare-rdflib", action="store_true", help="run the same SPARQL in rdflib's memory store")
    parser.add_argument("--rdflib-samples", type=int, default=50, help="traces and impacts timed in rdflib (slow)")
    parser.add_argument("--trace-samples", type=int, default=TRACE_SAMPLES)
    parser.add_argument("--impact-samples", type=int, default=IMPACT_SAMPLES)
    parser.add_argument("--no-cli", action="store_true", help="skip the cold `cancu trace` and `cancu impact` processes")
    parser.add_argument("--reingest-timeout", type=float, default=300,
                        help="stop the re-ingest of one amended plan after this many seconds (0: skip it)")
    parser.add_argument("--profile", type=Path, help="write a cProfile of the ingest here (top 15 on stderr)")
    parser.add_argument("--json", action="store_true", help="end stdout with one JSON object")
    return parser.parse_args(argv)


def shape_of(args: argparse.Namespace) -> Shape:
    """The scale's shape, with any per-level override."""
    shape = shape_for_scale(args.scale)
    if args.provinces is None and args.districts is None and args.communes is None:
        return shape
    return Shape(
        provinces=args.provinces or shape.provinces,
        districts=args.districts,
        communes=args.communes,
        fraction=shape.fraction,
    )


def code_version() -> str:
    """The commit measured (with -dirty when the working tree differs), for comparing runs."""
    done = subprocess.run(["git", "describe", "--always", "--dirty"], cwd=Path(__file__).resolve().parent,
                          capture_output=True, text=True)
    return done.stdout.strip() or "unknown"


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# --- measuring -------------------------------------------------------------------


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile: an observed value, so p95 of 20 samples is the 19th slowest."""
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


def timed_ms(run: Callable[[], object]) -> tuple[float, object]:
    start = time.perf_counter()
    value = run()
    return (time.perf_counter() - start) * 1000, value


def folder_mb(path: Path) -> float:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 2**20


def settled_store_mb(path: Path) -> float:
    """The store's size at rest: right after an ingest most of the folder is RocksDB's
    write-ahead log, which the next read-write open turns into compact tables."""
    gc.collect()  # the ingesting store must be closed before it can be opened again
    GraphStore(path)
    gc.collect()
    return folder_mb(path)


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KB on Linux


# --- ingest ----------------------------------------------------------------------


def ingest_corpus(store: GraphStore, files: list[Path], args: argparse.Namespace, results: Results) -> None:
    """Ingest every file through the real pipeline, timed as a whole."""
    extra = {}
    if "workers" in inspect.signature(ingest_files).parameters:
        extra["workers"] = args.workers
        results.pipeline_workers = f"workers={args.workers or 'all cores (pipeline default)'}"
    elif args.workers:
        results.notes.append("--workers ignored: this pipeline has no `workers` parameter")
    done = 0
    started = time.perf_counter()

    def progress(_path: Path) -> None:
        nonlocal done
        done += 1
        if done % 100 == 0 or done == len(files):
            rate = done / (time.perf_counter() - started)
            log(f"  ingested {done}/{len(files)} ({rate:.1f} docs/s, ~{(len(files) - done) / rate:.0f} s left)")

    profiler = cProfile.Profile() if args.profile else None
    if profiler:
        profiler.enable()
    file_results = ingest_files(store, files, progress=progress, **extra)
    results.ingest_s = time.perf_counter() - started
    if profiler:
        profiler.disable()
        profiler.dump_stats(str(args.profile))
        log(top_of_profile(profiler))
    results.docs = len(files)
    results.refused = sum(r.status == "refused" for r in file_results)
    results.ingest_docs_per_s = len(files) / results.ingest_s


def top_of_profile(profiler: cProfile.Profile, lines: int = 15) -> str:
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(lines)
    return out.getvalue()


def check_extraction(store: GraphStore, corpus: Corpus, results: Results) -> None:
    """Did the pipeline read what the generator wrote: one document per plan, every duty a task?"""
    rows = store.select(f"""
        PREFIX cc: <{CC}>
        SELECT (COUNT(DISTINCT ?doc) AS ?docs) (COUNT(DISTINCT ?task) AS ?tasks) WHERE {{
          ?doc cc:contentHash ?hash . OPTIONAL {{ ?doc cc:hasTask ?task }}
        }}""")
    results.documents_stored = rows[0]["docs"]
    results.tasks_extracted = rows[0]["tasks"]
    results.tasks_generated = corpus.tasks
    if results.documents_stored != len(corpus.plans):
        results.notes.append(f"{len(corpus.plans)} plans generated but {results.documents_stored} documents stored")


def check_links(store: GraphStore, results: Results) -> None:
    """Lower plans whose parent plan (also in the store) the pipeline did not link to, and
    how many task-to-task links it inferred.

    The generator writes every parent's number, date and issuer as printed, so an
    unlinked plan is an issuer read wrongly; a few examples go to the notes.
    """
    rows = store.select(f"""
        PREFIX cc: <{CC}>
        SELECT ?doc WHERE {{
          ?doc cc:contentHash ?h ; cc:level ?level .
          FILTER(?level != cc:province)
          FILTER NOT EXISTS {{ ?doc cc:implements ?parent . ?parent cc:contentHash ?parentHash }}
        }} ORDER BY ?doc""")
    documents = sorted({r["doc"] for r in rows})
    results.unlinked_plans = len(documents)
    if documents:
        results.notes.append(f"{len(documents)} plans not linked to their parent plan, e.g. {', '.join(documents[:5])}")
    derived = store.select(f"PREFIX cc: <{CC}> SELECT (COUNT(*) AS ?n) WHERE {{ ?task cc:derivedFrom ?higher }}")
    results.inferred_links = derived[0]["n"]


# --- trace and impact --------------------------------------------------------------


def commune_tasks(store: GraphStore) -> list[str]:
    rows = store.select(f"""
        PREFIX cc: <{CC}>
        SELECT DISTINCT ?task WHERE {{ ?doc cc:contentHash ?h ; cc:level cc:commune ; cc:hasTask ?task }}""")
    return sorted(r["task"] for r in rows)


def province_plans(store: GraphStore) -> list[str]:
    rows = store.select(f"""
        PREFIX cc: <{CC}>
        SELECT DISTINCT ?doc WHERE {{ ?doc cc:contentHash ?h ; cc:level cc:province }}""")
    return sorted(r["doc"] for r in rows)


def sample(items: list[str], count: int, rng: random.Random) -> list[str]:
    return rng.sample(items, min(count, len(items)))


def measure_trace(store: GraphStore, tasks: list[str], results: Results) -> None:
    """Trace each task after a warm-up (the first query pays for opening RocksDB files)."""
    for task in tasks[:WARM_UP]:
        trace(store, task)
    times, reached_76, reached_23 = [], 0, 0
    for task in tasks:
        ms, found = timed_ms(lambda: trace(store, task))
        times.append(ms)
        numbers = {m.number for m in found.mandates}
        reached_76 += CENTRAL_NUMBERS[0] in numbers
        reached_23 += CENTRAL_NUMBERS[1] in numbers
    results.trace_samples = len(tasks)
    results.trace_p50_ms, results.trace_p95_ms = percentile(times, 50), percentile(times, 95)
    results.trace_reaches_76 = reached_76 / len(tasks) if tasks else 0.0
    results.trace_reaches_23 = reached_23 / len(tasks) if tasks else 0.0


def measure_impact(store: GraphStore, plans: list[str], results: Results) -> None:
    """Impact of amending each province plan; the impact graph is built once and timed apart."""
    build_ms, graph = timed_ms(lambda: impact_graph(store))
    results.impact_graph_build_s = build_ms / 1000
    impact(graph, graph.nodes[plans[0]], "amended")  # warm-up
    times, touched = [], []
    for plan in plans:
        ms, found = timed_ms(lambda: impact(graph, graph.nodes[plan], "amended"))
        times.append(ms)
        touched.append(len(found.tasks))
    results.impact_samples = len(plans)
    results.impact_p50_ms, results.impact_p95_ms = percentile(times, 50), percentile(times, 95)
    results.impact_tasks_touched_p50 = percentile(touched, 50)


# --- cold commands, as a user runs them ------------------------------------------------


def timed_cancu(store_path: Path, arguments: list[str], results: Results,
                timeout: float | None = None) -> tuple[float | None, str]:
    """(seconds, stdout) of one cold `cancu …` process, interpreter start and imports included,
    as a user waits for it; (None, "") when it does not finish within `timeout`."""
    program = shutil.which("cancu")
    command = [program] if program else [sys.executable, "-c", "from cancu.cli import main; main()"]
    start = time.perf_counter()
    try:
        done = subprocess.run(command + arguments + ["--store", str(store_path), "--format", "json"],
                              capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        results.notes.append(f"cancu {arguments[0]} did not finish within {timeout:.0f} s (stopped)")
        return None, ""
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        results.notes.append(f"cancu {arguments[0]} exited {done.returncode}: {done.stderr.strip()[-300:]}")
    return elapsed, done.stdout


def measure_reingest(store_path: Path, corpus: Corpus, timeout: float, results: Results) -> None:
    """`cancu ingest` of one commune plan again, with a moved deadline: what amending one plan
    costs once the corpus is in the store (old version kept, changes listed with their impact,
    inferred links refreshed). Run last and in its own process, so that a run too slow to
    wait for is stopped without touching what was measured before."""
    plan = corpus.of_level("commune")[0] if corpus.of_level("commune") else corpus.plans[-1]
    amended = re.sub(r"trước ngày \d\d/\d\d/2025", "trước ngày 31/12/2025", plan.text, count=1)
    plan.file.write_text(amended if amended != plan.text else plan.text + "\n", encoding="utf-8")
    results.reingest_one_s, output = timed_cancu(store_path, ["ingest", str(plan.file)], results, timeout)
    if output:
        results.reingest_changes = sum(len(f["changes"]) for f in json.loads(output)["files"])


# --- rdflib, like for like -----------------------------------------------------------


def rdflib_dataset(store: GraphStore) -> Dataset:
    """The store's quads in rdflib's memory store; its default graph is the union, as in cancu."""
    dataset = Dataset(default_union=True)
    graphs: dict[str, object] = {}
    for quad in store.quads():
        name = quad.graph_name.value
        graph = graphs.get(name) or graphs.setdefault(name, dataset.graph(URIRef(name)))
        graph.add((_rdflib_term(quad.subject), _rdflib_term(quad.predicate), _rdflib_term(quad.object)))
    return dataset


def _rdflib_term(term):
    kind = type(term).__name__
    if kind == "NamedNode":
        return URIRef(term.value)
    if kind == "BlankNode":
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    return Literal(term.value, datatype=URIRef(term.datatype.value) if term.datatype else None)


@dataclass
class SparqlRun:
    """One named query run on many inputs, each input's parameters bound as the query declares them."""

    name: str
    bindings: list[dict[str, URIRef]]
    rdflib_ms: list[float] = field(default_factory=list)
    oxigraph_ms: list[float] = field(default_factory=list)
    same_answers: bool = True

    def time_both(self, dataset: Dataset, store: GraphStore) -> None:
        text = queries.get(self.name).text
        dataset.query(text, initBindings=self.bindings[0])  # warm-up
        for values in self.bindings:
            rdflib_ms, rows = timed_ms(lambda: list(dataset.query(text, initBindings=values)))
            oxigraph_ms, ox_rows = timed_ms(lambda: store.select(text, values))
            self.rdflib_ms.append(rdflib_ms)
            self.oxigraph_ms.append(oxigraph_ms)
            self.same_answers = self.same_answers and len(rows) == len(ox_rows)


def declared_bindings(store: GraphStore, name: str, iri: str) -> dict[str, URIRef]:
    """The parameters the named query declares, for a task or act IRI: trace.rq has taken the
    task itself (?task) and the task's document (?start), mandate_tree.rq the act (?act)."""
    known = {"task": URIRef(iri), "act": URIRef(iri)}
    wanted = [p.name for p in queries.get(name).parameters]
    if "start" in wanted:
        rows = store.select(f"SELECT ?task ?start WHERE {{ ?task <{CC}inDocument> ?start }}", {"task": URIRef(iri)})
        known["start"] = URIRef(rows[0]["start"])
    unknown = [w for w in wanted if w not in known]
    if unknown:
        raise SystemExit(f"queries/{name}.rq takes ?{unknown[0]}, which the benchmark does not know how to bind")
    return {w: known[w] for w in wanted}


def compare_rdflib(store: GraphStore, tasks: list[str], plans: list[str], samples: int, results: Results) -> None:
    """The same trace and mandate-tree SPARQL in rdflib and in pyoxigraph, on the same inputs."""
    log("loading the same quads into rdflib …")
    load_ms, dataset = timed_ms(lambda: rdflib_dataset(store))
    results.rdflib_load_s = load_ms / 1000
    runs = [SparqlRun(name, [declared_bindings(store, name, iri) for iri in inputs[:samples]])
            for name, inputs in (("trace", tasks), ("mandate_tree", plans))]
    for sparql in runs:
        sparql.time_both(dataset, store)
        log(f"  {sparql.name}: {len(sparql.bindings)} queries in rdflib and pyoxigraph")
    trace_run, tree_run = runs
    results.rdflib_samples = len(trace_run.bindings)
    results.rdflib_trace_p50_ms = percentile(trace_run.rdflib_ms, 50)
    results.rdflib_impact_p50_ms = percentile(tree_run.rdflib_ms, 50)
    results.oxigraph_trace_sparql_p50_ms = percentile(trace_run.oxigraph_ms, 50)
    results.oxigraph_impact_sparql_p50_ms = percentile(tree_run.oxigraph_ms, 50)
    results.trace_speedup_vs_rdflib = _ratio(results.rdflib_trace_p50_ms, results.oxigraph_trace_sparql_p50_ms)
    results.impact_speedup_vs_rdflib = _ratio(results.rdflib_impact_p50_ms, results.oxigraph_impact_sparql_p50_ms)
    results.rdflib_same_answers = trace_run.same_answers and tree_run.same_answers
    results.rss_with_rdflib_mb = peak_rss_mb()


def _ratio(slow: float, fast: float) -> float | None:
    return slow / fast if fast else None


# --- search (issue 10) -----------------------------------------------------------------


def measure_search(store: GraphStore, rng: random.Random, results: Results) -> None:
    """Issue 10: search p50/p95 over 100 phrases of generated duties, as written and folded.

    Each phrase is four consecutive words of a task's text, searched among tasks
    once with its diacritics and once without (`ingest.fold.fold`), after a
    warm-up; the index's size on disk is reported beside.
    """
    texts = [r["text"] for r in store.select(queries.get("task_texts").text)]
    if not texts:
        return
    phrases = []
    for text in rng.sample(texts, min(100, len(texts))):
        words = text.split()
        start = rng.randrange(max(1, len(words) - 4))
        phrases.append(" ".join(words[start:start + 4]))
    index = search.open_index(store)
    for phrase in phrases[:5]:
        index.search(phrase, kind="task")
    written = [timed_ms(lambda p=p: index.search(p, kind="task"))[0] for p in phrases]
    folded = [timed_ms(lambda p=p: index.search(fold(p), kind="task"))[0] for p in phrases]
    results.search_p50_ms, results.search_p95_ms = round(percentile(written, 50), 3), round(percentile(written, 95), 3)
    results.search_folded_p50_ms = round(percentile(folded, 50), 3)
    results.search_folded_p95_ms = round(percentile(folded, 95), 3)
    path = search.index_path(store)
    results.search_index_mb = round(path.stat().st_size / 1e6, 3) if path and path.exists() else None


# --- the run ---------------------------------------------------------------------------


def run(args: argparse.Namespace) -> Results:
    """Generate, ingest, query: every number of one run."""
    results = Results(scale=args.scale, commit=code_version())
    rng = random.Random(args.seed)
    if args.store and args.store.exists() and any(args.store.iterdir()):
        raise SystemExit(f"{args.store}: not empty; the benchmark ingests into a fresh store")
    workdir = Path(tempfile.mkdtemp(prefix="cancu-bench-"))
    store_path = args.store or workdir / "store"
    try:
        corpus = write_corpus(args, workdir / "docs", results)
        ingest_and_check(corpus, store_path, args, results)
        # Queries run read-only, as `cancu trace` and `cancu impact` open the store.
        measure_queries(GraphStore(store_path, read_only=True), store_path, rng, args, results)
        if args.reingest_timeout > 0:
            log(f"`cancu ingest` of one amended plan (stopped after {args.reingest_timeout:.0f} s) …")
            measure_reingest(store_path, corpus, args.reingest_timeout, results)
    finally:
        if args.keep:
            log(f"kept: documents in {workdir / 'docs'}, store in {store_path}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    return results


def write_corpus(args: argparse.Namespace, folder: Path, results: Results) -> Corpus:
    log(f"generating the corpus (scale {args.scale}, seed {args.seed}) …")
    corpus = generate(shape_of(args), seed=args.seed)
    corpus.write(folder)
    results.provinces, results.districts, results.communes = (
        len(corpus.of_level(level)) for level in ("province", "district", "commune"))
    log(f"  {len(corpus.plans)} plans ({results.provinces} provinces, {results.districts} districts, "
        f"{results.communes} communes), {corpus.tasks} duties, in {folder}")
    return corpus


def ingest_and_check(corpus: Corpus, store_path: Path, args: argparse.Namespace, results: Results) -> None:
    """Ingest into a fresh store, check what was read, measure the store; the store is closed after."""
    log(f"ingesting into {store_path} …")
    store = GraphStore(store_path)
    ingest_corpus(store, [plan.file for plan in corpus.plans], args, results)
    results.store_mb_open = folder_mb(store_path)
    check_extraction(store, corpus, results)
    check_links(store, results)
    results.triples = store.quad_count()
    del store
    results.store_mb = settled_store_mb(store_path)


def measure_queries(store: GraphStore, store_path: Path, rng: random.Random, args: argparse.Namespace,
                    results: Results) -> None:
    """Trace and impact in-process, then as cold commands, then (if asked) the same SPARQL in rdflib."""
    tasks = sample(commune_tasks(store), args.trace_samples, rng)
    plans = sample(province_plans(store), args.impact_samples, rng)
    log(f"tracing {len(tasks)} commune tasks …")
    measure_trace(store, tasks, results)
    log(f"impact of amending {len(plans)} province plans …")
    measure_impact(store, plans, results)
    measure_search(store, rng, results)
    if not args.no_cli and tasks:
        log("one cold `cancu trace` and one cold `cancu impact` process …")
        results.cli_trace_s, _ = timed_cancu(store_path, ["trace", tasks[0]], results)
        results.cli_impact_s, _ = timed_cancu(store_path, ["impact", plans[0]], results)
    results.rss_mb = peak_rss_mb()
    if args.compare_rdflib:
        compare_rdflib(store, tasks, plans, args.rdflib_samples, results)


def report(results: Results) -> str:
    """The results as aligned lines, for people."""
    data = results.to_json()
    width = max(len(k) for k in data)
    return "\n".join(f"{k:<{width}}  {v}" for k, v in data.items() if v is not None and v != [])


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    results = run(args)
    if args.json:
        log(report(results))
        print(json.dumps(results.to_json(), ensure_ascii=False))
    else:
        print(report(results))


if __name__ == "__main__":
    main()
