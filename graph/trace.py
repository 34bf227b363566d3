"""Trace: which central mandate does this task carry out, and through which documents?

The `trace` query returns every implements/basedOn link reachable from the
task's document, each with its evidence; here we pick, for every central
document reached, the surest shortest path (stated before curated before
inferred), and report the steps with their method and quote.
"""

from __future__ import annotations

from collections import deque
from dataclasses import asdict, dataclass, field

from rapidfuzz import fuzz

import queries
from graph.store import GraphStore
from ingest.fold import fold
from ontology import CC

_METHOD_RANK = {"stated": 0, "curated": 1, "inferred": 2, None: 3}
_LEVEL_NAME = {str(CC.central): "central", str(CC.province): "province", str(CC.district): "district", str(CC.commune): "commune"}


class TaskNotFound(LookupError):
    """No task, or more than one, matches what the user typed."""

    def __init__(self, message: str, candidates: list[dict] | None = None):
        super().__init__(message)
        self.candidates = candidates or []


@dataclass
class Step:
    source: str
    target: str
    property: str
    method: str | None
    quote: str | None
    confidence: float | None
    note: str | None = None
    asserted_by: str | None = None
    target_label: str | None = None

    def to_json(self) -> dict:
        out = {
            "from": self.source,
            "to": self.target,
            "property": self.property,
            "method": self.method,
            "quote": self.quote,
            "confidence": self.confidence,
        }
        if self.note:
            out["note"] = self.note
        if self.asserted_by:
            out["asserted_by"] = self.asserted_by
        if self.target_label:
            out["to_label"] = self.target_label
        return out


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
    """The IRI of the one task that `query` (an IRI, or words of its text) names."""
    if query.startswith(("http://", "https://")):
        return query
    rows = store.select(queries.get("tasks").text)
    wanted = " ".join(fold(query).split())
    hits = [r for r in rows if wanted in " ".join(fold(r["text"]).split())]
    if len(hits) == 1:
        return hits[0]["task"]
    if len(hits) > 1:
        raise TaskNotFound(f"{len(hits)} tasks match '{query}'; add words to pick one", hits[:10])
    ranked = sorted(rows, key=lambda r: fuzz.partial_ratio(wanted, fold(r["text"])), reverse=True)[:5]
    raise TaskNotFound(f"no task matches '{query}'", ranked)


def trace(store: GraphStore, task_iri: str) -> Trace:
    """The chain from a task up to the central documents it carries out."""
    info = store.select(queries.get("task").text, {"task": task_iri})
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
    links = _best_links(store.select(queries.get("trace").text, {"task": task_iri}))
    paths, targets = _shortest_paths(document, links)
    seen_steps: set[tuple[str, str]] = set()
    for target, info_row in targets.items():
        if _LEVEL_NAME.get(info_row["toLevel"] or "") != "central":
            continue
        result.mandates.append(
            Mandate(target, info_row["toNumber"], info_row["toIssuer"], "central")
        )
        for step in paths[target]:
            if (step.source, step.target) not in seen_steps:
                seen_steps.add((step.source, step.target))
                result.chain.append(step)
    return result


def _best_links(rows: list[dict]) -> dict[tuple[str, str], dict]:
    """One row per (from, to): the surest evidence of that link."""
    best: dict[tuple[str, str], dict] = {}
    for r in rows:
        r["method"] = r["method"].rsplit("#", 1)[-1] if r["method"] else None
        key = (r["from"], r["to"])
        if key not in best or _METHOD_RANK[r["method"]] < _METHOD_RANK[best[key]["method"]]:
            best[key] = r
    return best


def _shortest_paths(start: str, links: dict[tuple[str, str], dict]):
    """Breadth-first from the task's document: the path of steps to each document reached."""
    out_links: dict[str, list[dict]] = {}
    for (source, _target), row in links.items():
        out_links.setdefault(source, []).append(row)
    for rows in out_links.values():
        rows.sort(key=lambda r: (_METHOD_RANK[r["method"]], r["to"]))
    paths: dict[str, list[Step]] = {start: []}
    targets: dict[str, dict] = {}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for row in out_links.get(node, []):
            target = row["to"]
            if target in paths:
                continue
            step = Step(
                node, target, row["property"], row["method"], row["quote"], row["confidence"],
                note=row["note"], asserted_by=row["assertedBy"], target_label=row["toNumber"] or row["toLabel"],
            )
            paths[target] = paths[node] + [step]
            targets[target] = row
            queue.append(target)
    return paths, targets
