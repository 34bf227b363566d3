"""Versions of a document: what changed when a file is ingested again, and the old version kept.

When a plan is re-issued or corrected and its file ingested again, staff need
to know what moved: tasks added or removed, a task's unit, deadline,
recurrence or quantity changed, a basis added or dropped. `snapshot` reads
those facts from one file's graph, `differences` compares two snapshots.

The previous version's graph is kept, with a note saying what it was and when
it was replaced, in a second store beside the main one (`<store>/versions`).
It cannot live in the main store: its default graph is the union of all
graphs, and an old version there would answer every query beside the new one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timezone

from rapidfuzz import fuzz
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, XSD

import queries
from graph import codes, iris
from ingest.fold import fold
from ontology import CC

# Fields of a task whose change staff must hear about, as (snapshot field, change name).
TASK_FIELDS = ("unit", "partners", "deadline", "recurrence", "quantity", "schedule")
# Two versions of a task whose texts are this similar (0–100) are one task edited, not two.
_SAME_TASK = 85


@dataclass
class TaskFacts:
    iri: str
    position: int | None
    text: str
    unit: str | None = None
    partners: tuple[str, ...] = ()
    deadline: str | None = None
    recurrence: str | None = None
    quantity: str | None = None
    schedule: str | None = None


@dataclass
class Snapshot:
    """The facts of one file's graph that a new version may change."""

    tasks: list[TaskFacts] = field(default_factory=list)
    basis: dict[tuple[str, str], str] = field(default_factory=dict)  # (property, act IRI) → its number


@dataclass
class Change:
    """One difference between two versions, as `cancu ingest --format json` lists it."""

    kind: str  # task_added | task_removed | task_changed | basis_added | basis_removed
    subject: str  # the task's or the act's IRI
    label: str
    field: str | None = None
    old: object = None
    new: object = None
    impact: dict | None = None

    def to_json(self) -> dict:
        out = {"kind": self.kind, "subject": self.subject, "label": self.label}
        if self.field:
            out.update({"field": self.field, "old": self.old, "new": self.new})
        if self.impact is not None:
            out["impact"] = self.impact
        return out


def snapshot(store, graph_iri: URIRef) -> Snapshot:
    """The tasks and the basis that one file's graph holds."""
    out = Snapshot()
    tasks: dict[str, TaskFacts] = {}
    partners: dict[str, set[str]] = {}
    for row in store.select(queries.get("version_tasks").text, {"graph": graph_iri}):
        facts = tasks.get(row["task"])
        if facts is None:
            facts = tasks[row["task"]] = TaskFacts(
                row["task"], row["position"], " ".join(str(row["text"]).split()), row["unit"],
                deadline=_text(row["deadline"]), recurrence=codes.code(row["recurrence"]),
                quantity=_text(row["quantity"]), schedule=_text(row["schedule"]),
            )
        if row["partner"]:
            partners.setdefault(row["task"], set()).add(row["partner"])
    for task, names in partners.items():
        tasks[task].partners = tuple(sorted(names))
    out.tasks = sorted(tasks.values(), key=lambda t: (t.position is None, t.position or 0, t.iri))
    for row in store.select(queries.get("version_basis").text, {"graph": graph_iri}):
        out.basis[(codes.local_name(row["property"]), row["basis"])] = row["number"] or row["basis"]
    return out


def _text(value) -> str | None:
    return None if value is None else str(value)


def differences(old: Snapshot, new: Snapshot) -> list[Change]:
    """What changed from `old` to `new`: tasks paired by text (exactly, then closely), then basis links."""
    changes: list[Change] = []
    pairs, added, removed = _pair_tasks(old.tasks, new.tasks)
    for before, after in pairs:
        for name in TASK_FIELDS:
            if getattr(before, name) != getattr(after, name):
                old_value, new_value = getattr(before, name), getattr(after, name)
                changes.append(Change("task_changed", after.iri, _short(after.text), name,
                                      _plain(old_value), _plain(new_value)))
        if _words_only(before.text) != _words_only(after.text):  # not when only a date or figure moved
            changes.append(Change("task_changed", after.iri, _short(after.text), "text", before.text, after.text))
    changes += [Change("task_added", t.iri, _short(t.text)) for t in added]
    changes += [Change("task_removed", t.iri, _short(t.text)) for t in removed]
    for key in sorted(new.basis.keys() - old.basis.keys()):
        changes.append(Change("basis_added", key[1], new.basis[key], "property", None, key[0]))
    for key in sorted(old.basis.keys() - new.basis.keys()):
        changes.append(Change("basis_removed", key[1], old.basis[key], "property", key[0], None))
    return changes


def _pair_tasks(old: list[TaskFacts], new: list[TaskFacts]):
    """(pairs of one task in two versions, tasks only in the new, tasks only in the old)."""
    left, right = list(old), list(new)
    pairs = []
    for after in list(right):  # the same text: the same task, wherever it moved
        before = next((b for b in left if fold(b.text) == fold(after.text)), None)
        if before is not None:
            pairs.append((before, after))
            left.remove(before)
            right.remove(after)
    for after in list(right):  # a close text: the same task, edited
        scored = [(fuzz.token_sort_ratio(fold(b.text), fold(after.text)), b) for b in left]
        best = max(scored, key=lambda s: s[0], default=None)
        if best and best[0] >= _SAME_TASK:
            pairs.append((best[1], after))
            left.remove(best[1])
            right.remove(after)
    pairs.sort(key=lambda p: (p[1].position is None, p[1].position or 0))
    return pairs, right, left


def _words_only(text: str) -> str:
    return " ".join(re.sub(r"[\d/.\-*]+", " ", fold(text)).split())


def _plain(value):
    return list(value) if isinstance(value, tuple) else value


def _short(text: str, limit: int = 120) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def version_note(graph_iri: URIRef, version_graph: URIRef, document: URIRef, content_hash: str) -> Graph:
    """What a kept version is: which document, which file's graph, when it was replaced."""
    g = Graph()
    g.add((version_graph, RDF.type, PROV.Entity))
    g.add((version_graph, PROV.specializationOf, document))
    g.add((version_graph, PROV.wasRevisionOf, graph_iri))
    g.add((version_graph, CC.contentHash, Literal(content_hash)))
    g.add((version_graph, PROV.invalidatedAtTime,
           Literal(datetime.now(timezone.utc).replace(microsecond=0).isoformat(), datatype=XSD.dateTime)))
    g.add((version_graph, RDFS.comment,
           Literal("Phiên bản trước của văn bản, được thay khi nạp lại tệp.", lang="vi")))
    g.add((version_graph, RDFS.comment,
           Literal("The document's previous version, replaced when its file was ingested again.", lang="en")))
    return g


def keep_version(store, graph_iri: URIRef, document: URIRef, content_hash: str) -> URIRef | None:
    """Copy a file's current graph into the versions store, with its note; its name, or None
    when the store keeps no versions (a remote SPARQL server)."""
    versions = store.version_store()
    if versions is None:
        return None
    name = iris.version_graph(graph_iri, content_hash)
    versions.copy_in(store.quads(graph_iri), name)
    versions.add_to_graph(name, version_note(graph_iri, name, document, content_hash))
    return name
