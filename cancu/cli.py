"""The `cancu` command: a thin layer over the library (ingest, graph, queries, viz).

Exit codes: 0 ok, 1 a result that says no (a task not found), 2 bad input.
"""

from __future__ import annotations

import errno
import io
import json
import logging
import re
import shlex
import sys
from contextlib import contextmanager
from enum import Enum
from importlib import resources
from pathlib import Path
from typing import Optional

import click
import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import Progress
from rich.table import Table
from typer.core import TyperGroup

from cancu.messages import say

out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)


class _OneErrorPath(TyperGroup):
    """Every command runs here: a failure the user can cause (a bad parameter; a store or index
    that is damaged, read-only or on a full disk; an endpoint that refuses) ends as one line and
    exit 2, whichever command met it (see `_user_error`); anything else is a bug, and shows as one."""

    def invoke(self, ctx: click.Context):
        with _notes():
            try:
                return super().invoke(ctx)
            except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException):
                raise
            except Exception as exc:
                message = _user_error(exc)
                if message is None:
                    raise
                _fail(message)


app = typer.Typer(
    cls=_OneErrorPath,
    add_completion=False,
    no_args_is_help=True,
    help="cancu: a knowledge graph of legal basis and responsibilities (căn cứ pháp lý và trách nhiệm).",
)

# A system error on a file or folder the user named (a store, an output file), by errno: the message key.
_PLACE_ERRORS = {
    errno.ENOSPC: "disk_full",
    errno.EDQUOT: "disk_full",
    errno.EROFS: "read_only_place",
    errno.EACCES: "not_permitted",
    errno.EPERM: "not_permitted",
    errno.ENOENT: "no_such_place",
    errno.ENOTDIR: "no_such_place",
    errno.EISDIR: "no_such_place",
}


def _user_error(exc: Exception) -> str | None:
    """The one line for a failure the user can cause; None for one that is a bug."""
    from graph.remote import RemoteError
    from graph.store import BadParameter, StoreError, store_problem
    from ingest.errors import IngestError

    if isinstance(exc, (StoreError, BadParameter, RemoteError, IngestError)):
        return str(exc)
    if isinstance(exc, OSError) and exc.errno in _PLACE_ERRORS:
        text = say(_PLACE_ERRORS[exc.errno], reason=exc.strerror)
        return f"{exc.filename}: {text}" if exc.filename else text
    problem = store_problem(exc) if isinstance(exc, (OSError, RuntimeError)) else None
    return str(problem) if problem is not None else None


class _NoteHandler(logging.Handler):
    def emit(self, record: logging.LogRecord) -> None:
        err.print(f"[yellow]{say('note')}[/yellow] {escape(record.getMessage())}", highlight=False, soft_wrap=True)


@contextmanager
def _notes():
    """What the library notes for the user while a command runs (a damaged search index
    rebuilt), as lines on stderr."""
    handler, logger = _NoteHandler(logging.WARNING), logging.getLogger("graph")
    # rdflib warns of a parameter that is no IRI as it is made; BadParameter says it once, better.
    rdflib_terms = logging.getLogger("rdflib.term")
    level = rdflib_terms.level
    logger.addHandler(handler)
    rdflib_terms.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.removeHandler(handler)
        rdflib_terms.setLevel(level)

DEMO_TASK = "tham mưu UBND phường trong công tác triển khai kế hoạch"

class Format(str, Enum):
    table = "table"
    json = "json"


class TableFormat(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"
    xlsx = "xlsx"


class JsonFormat(str, Enum):
    json = "json"


StoreOption = typer.Option(None, "--store", envvar="CANCU_STORE", help="Folder of the graph store (default ~/.cancu/store).")
EndpointOption = typer.Option(
    None, "--endpoint", envvar="CANCU_ENDPOINT",
    help="A SPARQL 1.1 endpoint to use instead of the store folder (e.g. http://127.0.0.1:7878/query).",
)
FormatOption = typer.Option(Format.table, "--format", "-f", help="table or json.")


def main() -> None:
    # A console that cannot show Vietnamese (a Windows code page, a pipe set to ASCII)
    # gets replacement marks rather than a crash.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    app()


def _fail(message: str, code: int = 2, details: list[str] | None = None) -> None:
    # Escaped: a message quotes what the user gave, and "[/x]" in it is no markup.
    err.print(f"[red]error:[/red] {escape(message)}", highlight=False, soft_wrap=True)
    for line in details or []:
        err.print(f"  {escape(line)}", highlight=False, soft_wrap=True)
    raise typer.Exit(code)


def _print_json(data) -> None:
    """JSON as UTF-8 bytes, whatever the console's encoding."""
    sys.stdout.flush()
    sys.stdout.buffer.write((json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
    sys.stdout.buffer.flush()


def _open_store(store: Optional[Path], *, read_only: bool = False, endpoint: Optional[str] = None):
    """The store folder, or a SPARQL server when an endpoint is given (the same operations)."""
    import os

    from graph.store import GraphStore

    if endpoint:
        from graph.remote import RemoteStore

        return RemoteStore(
            endpoint,
            update_url=os.environ.get("CANCU_UPDATE_ENDPOINT"),
            graph_store_url=os.environ.get("CANCU_GRAPH_STORE"),
            user=os.environ.get("CANCU_ENDPOINT_USER"),
            password=os.environ.get("CANCU_ENDPOINT_PASSWORD"),
            read_only=read_only,
        )
    return GraphStore(store, read_only=read_only)


def _task_or_fail(graph_store, words: str, name: str) -> str:
    """The task `words` (the value of parameter `name`) names; a choice at a terminal when several match."""
    from graph.trace import TaskNotFound, find_task

    try:
        return find_task(graph_store, _iri_or_words(name, words))
    except TaskNotFound as exc:
        candidates = [
            f"{c.get('number') or ''} {c.get('unit') or ''}: {' '.join((c.get('text') or '').split())[:80]} <{c['task']}>"
            for c in exc.candidates
        ]
        chosen = _choose(candidates)
        if chosen is not None:
            return exc.candidates[chosen]["task"]
        _fail(str(exc) + (" — closest tasks:" if candidates else ""), 1, candidates)


def _iri_or_words(name: str, text: str) -> str:
    """`text` as given; BadParameter naming `name` when it begins as an IRI does (http…) but is none."""
    from rdflib import URIRef

    from graph.store import parameter_term

    if text.strip().startswith(("http://", "https://")):
        parameter_term(name, URIRef(text.strip()))
    return text


def _choose(labels: list[str]) -> int | None:
    """At a terminal, the number of the candidate the user picks; None elsewhere (scripts, pipes)."""
    if len(labels) < 2 or not (sys.stdin.isatty() and sys.stdout.isatty()):
        return None
    for i, label in enumerate(labels, start=1):
        out.print(f"  {i}. {label}", highlight=False)
    picked = typer.prompt(say("choose", n=len(labels)), type=int, default=0, show_default=False)
    return picked - 1 if 1 <= picked <= len(labels) else None


def _samples_folder() -> Path:
    return Path(str(resources.files("cancu") / "samples"))


def _normalise_steps_help() -> str:
    from ingest.normalise import STEPS

    return "; ".join(f"{s.name}: {s.summary}" for s in STEPS)


@app.command(epilog="Normalise steps, in order (--steps runs only those named): " + _normalise_steps_help())
def extract(
    file: Path = typer.Argument(..., help="A .txt, .md, .docx, .html, .pdf or image file."),
    format: JsonFormat = typer.Option(JsonFormat.json, "--format", "-f", help="json (the extraction contract)."),
    outline: bool = typer.Option(False, "--outline", help="Print the outline tree of the document instead (kind, marker, span, text)."),
    normalised: bool = typer.Option(False, "--normalised", help="Print the text as normalised, which the outline reads."),
    steps: Optional[str] = typer.Option(None, "--steps", help="With --normalised or --outline: only these normalise steps, comma-separated."),
) -> None:
    """Print what cancu reads from one file, as JSON; touches no store.

    Example: cancu extract plan.txt --format json; cancu extract plan.md --outline
    """
    if outline or normalised:
        from ingest.normalise import normalise
        from ingest.outline import outline as tree_of, render
        from ingest.readers import read_text

        chosen = [s.strip() for s in steps.split(",") if s.strip()] if steps else None
        try:
            clean = normalise(read_text(file), steps=chosen)
        except ValueError as exc:
            _fail(str(exc))
        out.print(clean.text if normalised else render(tree_of(clean.text), width=160), highlight=False, markup=False,
                  soft_wrap=True)
        return
    from ingest.extract import extract as run

    _print_json(run(file).to_json())


@app.command()
def ingest(
    paths: list[Path] = typer.Argument(..., help="Files or folders to ingest (a *.curation.csv among them is a curation file)."),
    curation: list[Path] = typer.Option([], "--curation", help="A CSV of links people assert or reject (see README)."),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", min=1, help="Files read at once (default: one per core)."),
    store: Optional[Path] = StoreOption,
    endpoint: Optional[str] = EndpointOption,
    format: Format = FormatOption,
) -> None:
    """Read documents into the graph store; a changed file replaces its own graph.

    Example: cancu ingest plans/ --curation links.csv --store ./store
    """
    from graph.pipeline import curation_files, files_under
    from ingest.readers import SUPPORTED

    curation = list(curation) + curation_files(paths)
    missing = [p for p in paths if not p.exists()]
    if missing:
        _fail(f"{missing[0]}: no such file or folder")
    files = files_under(paths)
    if not files and not curation:
        _fail(f"no document to ingest in {', '.join(map(str, paths))} (cancu reads {', '.join(SUPPORTED)})")
    graph_store = _open_store(store, endpoint=endpoint)
    results = _ingest_with_progress(graph_store, files, curation, workers=jobs)
    if format == Format.json:
        _print_json({"files": [r.to_json() for r in results]})
    else:
        _print_ingest_summary(results, graph_store)
    if any(r.status == "refused" for r in results):
        raise typer.Exit(2)


def _ingest_with_progress(graph_store, files: list[Path], curation: list[Path] = (), workers: int | None = None):
    from graph.pipeline import ingest_files

    with Progress(console=err, transient=True) as progress:
        bar = progress.add_task("ingest", total=len(files))
        return ingest_files(graph_store, files, progress=lambda _p: progress.advance(bar), curation=list(curation),
                            workers=workers)


def _print_ingest_summary(results, graph_store) -> None:
    counts = {s: sum(r.status == s for r in results) for s in ("new", "changed", "unchanged", "refused")}
    out.print(say("ingested", n=len(results), **counts))
    for r in results:
        if r.status == "refused":
            err.print(f"  [red]{say('refused', error=r.error)}[/red]", highlight=False)
    out.print(say("store_at", path=graph_store.path, quads=graph_store.quad_count()))


@app.command()
def trace(
    task: str = typer.Argument(..., help="A task's IRI, or words of its text (with or without diacritics)."),
    store: Optional[Path] = StoreOption,
    endpoint: Optional[str] = EndpointOption,
    format: Format = FormatOption,
) -> None:
    """The chain from a task up to the central documents it carries out, with evidence.

    Exit 1 when no task (or more than one) matches the words given.

    Example: cancu trace "tham muu UBND phuong trong cong tac trien khai ke hoach"
    """
    from graph.trace import trace as run

    graph_store = _open_store(store, read_only=True, endpoint=endpoint)
    result = run(graph_store, _task_or_fail(graph_store, task, "TASK"))
    if format == Format.json:
        _print_json(result.to_json())
    else:
        print_trace(result)


def print_trace(result) -> None:
    from graph.codes import local_name

    task = result.task
    out.print(f"[bold]{say('trace_of')}[/bold]: {task['document_number'] or ''} {task['section'] or ''} — {task['unit'] or ''}", highlight=False)
    out.print(f"  “{task['text'][:160]}…”", highlight=False)
    table = Table(show_lines=True)
    for key in ("col_step", "col_link", "col_method", "col_evidence"):
        table.add_column(say(key))
    for i, step in enumerate(result.chain, start=1):
        link = f"{local_name(step.property)} → {step.target_label or local_name(step.target)}"
        evidence = step.quote or step.note or ""
        if step.asserted_by:
            evidence += f" ({step.asserted_by})"
        table.add_row(str(i), link, step.method or "?", evidence)
    out.print(table)
    if result.mandates:
        out.print(say("mandates", list=", ".join(m.number or m.iri for m in result.mandates)), highlight=False)
    else:
        out.print(say("no_mandate"))


class Level(str, Enum):
    central = "central"
    province = "province"
    district = "district"
    commune = "commune"


class Kind(str, Enum):
    act = "act"
    task = "task"
    unit = "unit"
    territory = "territory"


@app.command()
def search(
    text: str = typer.Argument(..., help="Words, a name or a document number, with or without diacritics."),
    kind: Optional[Kind] = typer.Option(None, "--kind", help="act, task, unit or territory."),
    level: Optional[Level] = typer.Option(None, "--level", help="central, province, district or commune."),
    limit: int = typer.Option(10, "--limit", "-n", min=1, help="How many results."),
    format: Format = FormatOption,
    store: Optional[Path] = StoreOption,
    endpoint: Optional[str] = EndpointOption,
) -> None:
    """Find documents, tasks, bodies and territories by words or number, ranked, without regard to diacritics.

    Example: cancu search "tuyen truyen cai cach hanh chinh" --kind task
    """
    import time

    from graph import search as lookup

    graph_store = _open_store(store, read_only=True, endpoint=endpoint)
    index = lookup.open_index(graph_store)
    started = time.perf_counter()
    hits = index.search(text, kind=kind.value if kind else None, level=level.value if level else None, limit=limit)
    elapsed_ms = (time.perf_counter() - started) * 1000
    if format == Format.json:
        _print_json({"query": text, "ms": round(elapsed_ms, 2), "results": [h.to_json() for h in hits]})
        return
    if not hits:
        out.print(say("search_none"))
        return
    table = Table(show_lines=True)
    for heading in ("#", "kind", "match", "IRI / details"):
        table.add_column(heading)
    for i, hit in enumerate(hits, start=1):
        entry = hit.entry
        label = _marked(entry.label, text)
        details = " · ".join(f"{k}: {v}" for k, v in entry.details.items() if k in ("plan", "unit", "deadline", "issuer"))
        table.add_row(str(i), entry.kind, label, f"{entry.iri}\n{details}".strip())
    out.print(table)
    err.print(f"{len(hits)} result(s) in {elapsed_ms:.1f} ms", highlight=False)


def _marked(text: str, query: str):
    """`text` with the words of `query` in bold, found without regard to diacritics."""
    from rich.text import Text

    from graph.search import highlighted

    shown = Text(text[:200])
    for start, end in highlighted(text[:200], query):
        shown.stylize("bold reverse", start, end)
    return shown


class ImpactFormat(str, Enum):
    table = "table"
    json = "json"
    md = "md"
    html = "html"
    xlsx = "xlsx"
    csv = "csv"


class Change(str, Enum):
    amended = "amended"
    replaced = "replaced"
    repealed = "repealed"
    deadline = "deadline"
    reorganised = "reorganised"


@app.command()
def impact(
    target: str = typer.Argument(..., help="A document number (6830/QĐ-UBND), words of a task, a territory's name, or an IRI."),
    change: Change = typer.Option(Change.amended, "--change", help="What happens to it."),
    by: Optional[str] = typer.Option(None, "--by", help="For --change replaced: the act that replaces it."),
    to: Optional[str] = typer.Option(None, "--to", help="For --change deadline: the new date (15/03/2024 or 2024-03-15)."),
    as_of: Optional[str] = typer.Option(None, "--as-of", help="The date deadlines are judged against (default today)."),
    cites: bool = typer.Option(False, "--cites", help="Also follow documents that merely cite it."),
    format: ImpactFormat = typer.Option(ImpactFormat.table, "--format", "-f", help="table, json, md, html, xlsx or csv."),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Write the report to this file (needed for xlsx)."),
    lang: str = typer.Option("vi", "--lang", help="Report language: vi or en."),
    store: Optional[Path] = StoreOption,
    endpoint: Optional[str] = EndpointOption,
) -> None:
    """Which downstream documents, tasks, units and deadlines a change touches, and who must act.

    Example: cancu impact "6830/QĐ-UBND" --change replaced --by "125/QĐ-UBND" --format xlsx -o impact.xlsx
    """
    from graph.impact import ImpactGraph
    from graph.impact import impact as run

    if format == ImpactFormat.xlsx and output is None:
        _fail("a spreadsheet needs a file: add -o FILE.xlsx")
    new_date = _date_option("--to", to)
    judged_on = _date_option("--as-of", as_of)
    graph_store = _open_store(store, read_only=True, endpoint=endpoint)
    iri = _target_or_fail(graph_store, None, target, "TARGET", kind="territory" if change == Change.reorganised else None).iri
    graph = ImpactGraph.around(graph_store, iri, include_cites=cites)  # only what the change can reach
    try:
        result = run(graph, graph.nodes[iri], change.value, by=by, to=new_date, as_of=judged_on, include_cites=cites)
    except ValueError as exc:
        _fail(str(exc))
    _write_impact(result, format, output, "en" if lang.startswith("en") else "vi")


def _date_option(name: str, text: Optional[str]):
    """A date typed the Vietnamese way (15/03/2024) or the ISO way (2024-03-15)."""
    from datetime import date

    from ingest.dates import parse_date

    if text is None:
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        iso = parse_date(text)
    if iso is None:
        _fail(f"{name} takes a date such as 15/03/2024 or 2024-03-15, not {text!r}")
    return date.fromisoformat(iso)


def _target_or_fail(graph_store, graph, text: str, name: str, kind: str | None = None):
    """What `text` (the value of parameter `name`) names (see graph.impact.find_target); a choice
    at a terminal when several match."""
    from graph.impact import TargetNotFound, find_target

    try:
        return find_target(graph_store, graph, _iri_or_words(name, text), kind)
    except TargetNotFound as exc:
        labels = [f"{n.kind}: {n.name[:90]} <{n.iri}>" for n in exc.candidates]
        chosen = _choose(labels)
        if chosen is not None:
            return exc.candidates[chosen]
        _fail(str(exc) + (":" if labels else ""), 1, labels)


def _write_impact(result, format: "ImpactFormat", output: Optional[Path], lang: str) -> None:
    from cancu import impact_report as report

    if format == ImpactFormat.xlsx:
        n = report.write_xlsx(result, output, lang)
        out.print(say("rows_written", n=n, path=output), highlight=False)
        return
    if format == ImpactFormat.table and output is None:
        report.print_report(result, out, lang)
        return
    if format == ImpactFormat.json:
        text = json.dumps(result.to_json(), ensure_ascii=False, indent=2) + "\n"
    elif format == ImpactFormat.md:
        text = report.markdown(result, lang)
    elif format == ImpactFormat.csv:
        text = report.csv_report(result, lang)
    elif format == ImpactFormat.html:
        text = report.html_page(result, lang)
    else:
        console = Console(record=True, width=160, file=io.StringIO())
        report.print_report(result, console, lang)
        text = console.export_text()
    if output is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(text.encode("utf-8"))
        sys.stdout.buffer.flush()
    else:
        output.write_text(text, encoding="utf-8")
        out.print(say("report_written", path=output), highlight=False)


@app.command()
def view(
    output: Path = typer.Option(Path("cancu-view.html"), "-o", "--output", help="The HTML file to write."),
    trace_task: Optional[str] = typer.Option(None, "--trace", help="Highlight the trace chain of this task."),
    impact_of: Optional[str] = typer.Option(None, "--impact", help="Highlight what a change of this act (or task) touches."),
    focus: Optional[str] = typer.Option(
        None, "--focus", help="Show one plan with its tasks and units (or one task, or one body): an IRI, a number or words."),
    level: list[Level] = typer.Option([], "--level", help="Show only these levels (repeat: --level district --level commune)."),
    fold: Optional[bool] = typer.Option(
        None, "--fold/--unfold", help="Open with each plan folded (its tasks and units shown on demand); default: when large."),
    lang: str = typer.Option("vi", "--lang", help="vi or en."),
    store: Optional[Path] = StoreOption,
) -> None:
    """Write the interactive graph as one HTML file that opens with no network.

    Example: cancu view -o graph.html --trace "UBND các phường xây dựng"
    """
    from graph.impact import ImpactGraph, impact
    from graph.trace import trace as run
    from graph.view import write_view

    graph_store = _open_store(store, read_only=True)
    chain = run(graph_store, _task_or_fail(graph_store, trace_task, "--trace")) if trace_task else None
    touched = center = None
    if impact_of:
        iri = _target_or_fail(graph_store, None, impact_of, "--impact").iri
        graph = ImpactGraph.around(graph_store, iri)
        touched = impact(graph, graph.nodes[iri])
    if focus:
        center = _target_or_fail(graph_store, None, focus, "--focus").iri
    path = write_view(graph_store, output, trace=chain, impact=touched, focus=center,
                      levels={lv.value for lv in level}, lang=lang, aggregate=fold)
    out.print(say("view_written", path=path.resolve()), highlight=False)


@app.command()
def sparql(
    query: str = typer.Argument(..., help="A SPARQL 1.1 query, or the path of a .rq file."),
    store: Optional[Path] = StoreOption,
    endpoint: Optional[str] = EndpointOption,
    format: TableFormat = typer.Option(TableFormat.table, "--format", "-f", help="table, csv, json (W3C results) or xlsx."),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Write to this file (needed for xlsx)."),
    versions: bool = typer.Option(False, "--versions", help="Query the previous versions kept of re-ingested files instead."),
) -> None:
    """Run any SPARQL 1.1 query against the store (the default graph is the union of all).

    With --versions the query reads the kept previous versions: one named graph per
    version, described by prov:specializationOf (the document) and prov:invalidatedAtTime.

    SELECT prints a table, CSV, the W3C JSON results or a spreadsheet; ASK prints true or
    false; CONSTRUCT and DESCRIBE print N-Triples.

    Example: cancu sparql "SELECT ?n WHERE { ?d <https://w3id.org/cancu/ont#number> ?n }"
    """
    import pyoxigraph as ox

    from graph.store import store_problem

    text = Path(query).read_text(encoding="utf-8") if query.endswith(".rq") and Path(query).exists() else query
    if re.search(r"(?i)\bSERVICE\s*(?:SILENT\s*)?[<?$]", text):
        _fail("federated queries (SERVICE) are not allowed: cancu queries only its own store")
    graph_store = _open_store(store, read_only=True, endpoint=endpoint)
    if versions:
        graph_store = _versions_or_fail(graph_store)
    try:
        results = graph_store.raw_query(text)
    except SyntaxError as exc:
        _fail(f"the query is not valid SPARQL: {exc}")
    except (OSError, RuntimeError) as exc:
        _fail(f"the query failed: {store_problem(exc) or exc}")
    if isinstance(results, ox.QueryBoolean):
        if format == Format.json:
            _print_json({"head": {}, "boolean": bool(results)})
        else:
            out.print(str(bool(results)))
        return
    if isinstance(results, ox.QueryTriples):
        sys.stdout.buffer.write(ox.serialize(results, format=ox.RdfFormat.N_TRIPLES))
        return
    if format == TableFormat.json and output is None:
        sys.stdout.buffer.write(results.serialize(format=ox.QueryResultsFormat.JSON))
        sys.stdout.write("\n")
        return
    names = [v.value for v in results.variables]
    rows = [{n: (row[n].value if row[n] is not None else None) for n in names} for row in results]
    # The user chose these variable names: keep them as the headings.
    _render_rows(rows, names, format.value, output=output, lang=None)


def _versions_or_fail(graph_store):
    from graph.store import StoreError

    try:
        kept = graph_store.version_store()
    except StoreError:
        _fail(f"no previous version is kept in {graph_store.path} yet: none of its files was ingested again")
    if kept is None:
        _fail("previous versions are kept only in a store folder, not on a SPARQL server")
    return kept


def _render_rows(rows: list[dict], columns: list[str], fmt: str, *, output: Optional[Path], lang: str | None = "vi") -> None:
    """Rows in the chosen format; headings in `lang` (None keeps the variable names)."""
    from cancu.output import render

    try:
        render(rows, columns, fmt, lang=lang, path=output, console=out)
    except ValueError as exc:
        _fail(str(exc))
    if output is not None:
        out.print(say("rows_written", n=len(rows), path=output), highlight=False)


@app.command()
def query(
    name: Optional[str] = typer.Argument(None, help="The name of a query (see --list)."),
    param: list[str] = typer.Option([], "--param", "-p", help="KEY=VALUE for a parameter; the example is used when absent."),
    list_queries: bool = typer.Option(False, "--list", help="List the named queries with their descriptions."),
    format: TableFormat = typer.Option(TableFormat.table, "--format", "-f", help="table, csv, json or xlsx."),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Write to this file (needed for xlsx)."),
    lang: str = typer.Option("vi", "--lang", help="Column headings: vi or en."),
    store: Optional[Path] = StoreOption,
    endpoint: Optional[str] = EndpointOption,
) -> None:
    """Run a named query from the library (queries/*.rq), with readable column headings.

    Example: cancu query tasks_of_unit --param unit="Phòng Nội vụ" --format xlsx -o tasks.xlsx
    """
    import queries
    from graph.store import store_problem

    if list_queries:
        _list_queries(format, lang)
        return
    if not name:
        _fail("give a query name, or --list to see them")
    try:
        named = queries.get(name)
        given = dict(_key_value(p) for p in param)
        bindings = queries.bindings(named, given)
    except KeyError as exc:
        _fail(str(exc.args[0]))
    graph_store = _open_store(store, read_only=True, endpoint=endpoint)
    try:
        columns, rows = graph_store.table(named.text, bindings)
    except (SyntaxError, OSError, RuntimeError) as exc:
        _fail(f"query '{name}' failed: {store_problem(exc) or exc}")
    _render_rows(rows, columns, format.value, output=output, lang=lang)


def _key_value(text: str) -> tuple[str, str]:
    key, sep, value = text.partition("=")
    if not sep or not key.strip():
        _fail(f"--param takes KEY=VALUE, not {text!r}")
    return key.strip(), value.strip()


def _list_queries(format: "TableFormat", lang: str) -> None:
    import queries

    listing = []
    for n in queries.names():
        q = queries.get(n)
        listing.append({
            "name": n,
            "description": q.description_vi if lang == "vi" else q.description_en,
            "parameters": [{"name": p.name, "description": p.description, "example": p.example} for p in q.parameters],
        })
    if format == TableFormat.json:
        _print_json(listing)
        return
    table = Table("name", "description", "parameters", show_lines=True)
    for q in listing:
        table.add_row(q["name"], q["description"], "\n".join(f"{p['name']} = {p['example']}" for p in q["parameters"]))
    out.print(table)


class ExportFormat(str, Enum):
    turtle = "turtle"
    nquads = "nquads"
    jsonld = "jsonld"


@app.command()
def export(
    format: ExportFormat = typer.Option(ExportFormat.nquads, "--format", "-f", help="turtle, nquads or jsonld."),
    document: Optional[str] = typer.Option(None, "--document", help="Only the graph of this source file (its name)."),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Write to this file instead of the screen."),
    store: Optional[Path] = StoreOption,
) -> None:
    """Export the whole store (every named graph) or one document's graph.

    N-Quads keeps the named graphs; Turtle and JSON-LD give the triples.

    Example: cancu export --format turtle --document 004_685590da405b82b8.txt -o mo-lao.ttl
    """
    from graph.export import export as run

    graph_store = _open_store(store, read_only=True)
    try:
        data = run(graph_store, format.value, document=document)
    except LookupError as exc:
        _fail(str(exc))
    if output is None:
        sys.stdout.buffer.write(data)
    else:
        output.write_bytes(data)


@app.command()
def validate(store: Optional[Path] = StoreOption) -> None:
    """Check the whole store against the SHACL shapes of the ontology.

    Exit 0 when it conforms, 1 with one line per problem when it does not.

    Example: cancu validate
    """
    from graph.validate import validate as run

    graph_store = _open_store(store, read_only=True)
    with Progress(console=err, transient=True) as progress:
        bar = progress.add_task(say("validating"), total=None)
        report = run(graph_store, progress=lambda done, total: progress.update(bar, completed=done, total=total))
    if report.conforms:
        out.print(say("conforms"))
        return
    out.print(report.text, highlight=False, markup=False)
    err.print(say("not_conforming", n=report.results), highlight=False)
    raise typer.Exit(1)


@app.command()
def serve(
    port: int = typer.Option(7878, "--port", help="The port on 127.0.0.1."),
    timeout: float = typer.Option(30, "--timeout", help="Seconds a query may run before it is stopped."),
    allow_service: list[str] = typer.Option(
        [], "--allow-service", metavar="HOST",
        help="A host that SERVICE (federated) queries may call; repeat for more. None by default: "
             "any web page can make a browser POST a query to 127.0.0.1."),
    concurrent: int = typer.Option(4, "--concurrent", help="Queries that run at the same time."),
    waiting: int = typer.Option(32, "--queue", help="Queries that may wait for a turn; past them the answer is 503."),
    store: Optional[Path] = StoreOption,
) -> None:
    """A read-only SPARQL 1.1 endpoint over the store, with a query page and the named queries as examples.

    Restart it after an ingest: it serves the store as it was when it started.

    Example: cancu serve --port 7878 --timeout 30
    """
    from graph.serve import ServeError, serve as run
    from graph.store import default_store_path

    try:
        server = run(Path(store) if store else default_store_path(), port=port, timeout_s=timeout,
                     max_concurrent=concurrent, max_waiting=waiting, allowed_service_hosts=allow_service)
    except ServeError as exc:
        _fail(str(exc))
    out.print(say("serving", url=server.url, timeout=timeout), highlight=False)
    if allow_service:
        out.print(say("serving_service", hosts=", ".join(allow_service)), highlight=False)
    server.wait()


@app.command()
def demo(
    store: Optional[Path] = StoreOption,
    output: Path = typer.Option(Path("cancu-view.html"), "-o", "--output", help="Where to write the graph view."),
) -> None:
    """Ingest the bundled sample plans, write the graph view and trace a ward task.

    Example: cancu demo
    """
    from graph.pipeline import files_under
    from graph.trace import trace as run
    from graph.view import write_view

    graph_store = _open_store(store)
    out.print(say("demo_ingesting"))
    results = _ingest_with_progress(graph_store, files_under([_samples_folder()]))
    _print_ingest_summary(results, graph_store)
    chain = run(graph_store, _task_or_fail(graph_store, DEMO_TASK, "TASK"))
    path = write_view(graph_store, output, trace=chain)
    out.print(say("view_written", path=path.resolve()), highlight=False)
    out.print()
    out.print(f"[bold]{say('demo_trace')}[/bold]")
    print_trace(chain)
    out.print()
    out.print(say("try_next"))
    store_flag = f" --store {shlex.quote(str(store))}" if store else ""
    for command in (
        f'cancu trace "Chi dao, dinh huong cong tac thong tin tuyen truyen"{store_flag} --format json',
        f'cancu sparql "PREFIX cc: <https://w3id.org/cancu/ont#> SELECT DISTINCT ?number ?implements WHERE {{ ?doc cc:number ?number ; cc:implements/cc:number ?implements }}"{store_flag}',
        f'cancu impact "6830/QĐ-UBND" --change replaced --by "125/QĐ-UBND"{store_flag}',
        f"cancu extract {_samples_folder() / '004_685590da405b82b8.txt'} --format json",
    ):
        out.print(f"  {command}", highlight=False, soft_wrap=True)


if __name__ == "__main__":
    main()
