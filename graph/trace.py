"""Trace: which central mandate does this task carry out, and through which documents?

The `trace` query returns every implements/basedOn link reachable from the
task's document, and the `evidence` query the reasons of each; here we
pick, for every central document reached, the surest path (one whose least sure
step is stated, before curated, before inferred), the nearest among equals, and
report its steps with their method and quote.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from rdflib import URIRef

import queries
from graph import codes, search
from graph.paths import METHOD_RANK, Step, path_cost, surest_paths
from graph.store import GraphStore
from ontology import CC



class TaskNotFound(LookupError):
    """No task, or more than one, matches what the user typed."""

    def __init__(self, message: str, candidates: list[dict] | None = None):
        super().__init__(message)
        self.candidates = candidates or []


@dataclass
class Mandate:
    iri: str
    number: str | None
    issuer: str | None
    level: str


@dataclass
class Trace:
    task: dict
    chain: list[Step] = field(default_factory=list)
    mandates: list[Mandate] = field(default_factory=list)

    def to_json(self) -> dict:
        return {
            "task": self.task,
            "chain": [s.to_json() for s in self.chain],
            "mandates": [asdict(m) for m in self.mandates],
        }


def find_task(store: GraphStore, query: str) -> str:
    """The IRI of the one task that `query` (an IRI, or words of its text) names.

    Words are looked up in the search index (`graph.search`), without regard to
    diacritics; when no text holds them (a scan garbled a letter), the closest task
    is taken if it is clearly the closest.
    """
    if query.startswith(("http://", "https://")):
        return query
    hits = search.open_index(store).search(query, kind="task", limit=10)
    try:
        return search.clear_match(hits, query, "task").entry.iri
    except search.NoClearMatch as exc:
        raise TaskNotFound(str(exc), [_candidate(h) for h in exc.hits]) from None


def _candidate(hit: search.Hit) -> dict:
    """A task the user may have meant, as the command line lists it."""
    details = hit.entry.details
    return {"task": hit.entry.iri, "text": hit.entry.label, "unit": details.get("unit"),
            "number": details.get("plan"), "section": None}


def trace(store: GraphStore, task_iri: str) -> Trace:
    """The chain from a task up to the central documents it carries out."""
    info = store.select(queries.get("task").text, {"task": URIRef(task_iri)})
    if not info:
        raise TaskNotFound(f"no task with IRI {task_iri}")
    row = info[0]
    document = row["document"]
    result = Trace(
        task={"iri": task_iri, "text": row["text"], "unit": row["unit"], "document": document,
              "document_number": row["number"], "section": row["section"]},
    )
    result.chain.append(
        Step(task_iri, document, str(CC.inDocument), "stated", row["quote"], 1.0,
             target_label=row["number"] or row["docLabel"])
    )
    start = {"start": URIRef(document)}
    links: dict[tuple[str, str], dict] = {}
    # When a document both implements and is based on another, the "implements" link is reported.
    for r in sorted(store.select(queries.get("trace").text, start), key=lambda r: r["property"] != str(CC.implements)):
        links.setdefault((r["from"], r["to"]), r)
    # The reasons of the links, asked for one source document at a time: joined to the path
    # above in one query, the engine looks them up across the whole store (60–300 ms).
    evidence: dict[tuple[str, str, str], list[dict]] = {}
    for source in sorted({source for source, _target in links}):
        for r in store.select(queries.get("evidence").text, {"from": URIRef(source)}):
            evidence.setdefault((r["from"], r["property"], r["to"]), []).append(r)
    steps = {key: _step(r, evidence.get((r["from"], r["property"], r["to"]), [])) for key, r in links.items()}
    by_source: dict[str, list[Step]] = {}
    for (source, _target), step in steps.items():
        by_source.setdefault(source, []).append(step)
    paths = surest_paths(document, lambda node, _path: by_source.get(node, []))
    for target, path in sorted(paths.items(), key=lambda kv: path_cost(kv[1])):
        row = links[(path[-1].source, target)]
        if codes.code(row["toLevel"]) != "central":
            continue
        result.mandates.append(Mandate(target, row["toNumber"], row["toIssuer"], "central"))
        for step in path:
            if step not in result.chain:
                result.chain.append(step)
    return result


def _step(link: dict, evidence: list[dict]) -> Step:
    """A link with its surest evidence (stated before curated before inferred)."""
    best = min(evidence, key=lambda e: METHOD_RANK.get(codes.code(e["method"]), 3), default={})
    return Step(
        link["from"], link["to"], link["property"], codes.code(best.get("method")), best.get("quote"),
        best.get("confidence"), note=best.get("note"), asserted_by=best.get("assertedBy"),
        target_label=link["toNumber"] or link["toLabel"],
    )
