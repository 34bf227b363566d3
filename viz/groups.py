"""What each plan holds: its tasks and the units given them.

At city scale the page opens with documents only and unfolds one plan at a
time; these are the nodes a plan unfolds into.  The layout also uses them,
to start tasks under their document.

>>> from types import SimpleNamespace as N
>>> nodes = [N(id="d", kind="document"), N(id="t", kind="task"), N(id="u", kind="agency")]
>>> links = [N(source="d", target="t", relation="hasTask"),
...          N(source="t", target="u", relation="leadUnit")]
>>> plan_members(nodes, links)
{'d': {'tasks': [1], 'units': [2]}}
"""

from __future__ import annotations

from collections import defaultdict
from typing import Protocol, Sequence

DOCUMENT_KINDS = ("document", "stub")
UNIT_KINDS = ("agency", "territory")


class _Node(Protocol):
    id: str
    kind: str


class _Edge(Protocol):
    source: str
    target: str
    relation: str


def tasks_by_plan(nodes: Sequence[_Node], edges: Sequence[_Edge]) -> dict[str, list[str]]:
    """The tasks of each document, in link order (a `hasTask` link or a task's `inDocument`)."""
    kinds = {n.id: n.kind for n in nodes}
    tasks: dict[str, dict[str, None]] = defaultdict(dict)  # dicts as ordered sets
    for e in edges:
        if e.relation == "hasTask" and kinds.get(e.target) == "task":
            plan, task = e.source, e.target
        elif e.relation == "inDocument" and kinds.get(e.source) == "task":
            plan, task = e.target, e.source
        else:
            continue
        if kinds.get(plan) in DOCUMENT_KINDS:
            tasks[plan][task] = None
    return {plan: list(kids) for plan, kids in tasks.items()}


def plan_members(nodes: Sequence[_Node], edges: Sequence[_Edge]) -> dict[str, dict[str, list[int]]]:
    """For each document with tasks, the positions in `nodes` of its tasks and of their units.

    Positions rather than ids keep the page's data small: an IRI is ~80 characters.
    """
    index = {n.id: i for i, n in enumerate(nodes)}
    units = _units_of_tasks(nodes, edges)
    members = {}
    for plan, tasks in tasks_by_plan(nodes, edges).items():
        plan_units = dict.fromkeys(u for t in tasks for u in units.get(t, ()))
        members[plan] = {"tasks": [index[t] for t in tasks], "units": [index[u] for u in plan_units]}
    return members


def _units_of_tasks(nodes: Sequence[_Node], edges: Sequence[_Edge]) -> dict[str, dict[str, None]]:
    kinds = {n.id: n.kind for n in nodes}
    units: dict[str, dict[str, None]] = defaultdict(dict)
    for e in edges:
        for task, other in ((e.source, e.target), (e.target, e.source)):
            if kinds.get(task) == "task" and kinds.get(other) in UNIT_KINDS:
                units[task][other] = None
    return units
