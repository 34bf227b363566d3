"""Paths of links with their evidence, and the surest path to every node reached.

Trace walks up from a task to the central acts; impact walks down from a
changed act to the plans, tasks and units below it. Both report, for each node
reached, one path: the surest (one whose least sure step is stated, before
curated, before inferred), and the nearest among equally sure ones.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterable
from dataclasses import dataclass

METHOD_RANK = {"stated": 0, "curated": 1, "inferred": 2, None: 3}


@dataclass
class Step:
    """One link walked: `source` → `target` along `property`, with its surest evidence.

    `inverse` is true when the walk goes against the link's direction (impact walks
    from 6830/QĐ-UBND to 41/KH-UBND along "41/KH-UBND implements 6830/QĐ-UBND").
    """

    source: str
    target: str
    property: str
    method: str | None
    quote: str | None
    confidence: float | None
    note: str | None = None
    asserted_by: str | None = None
    target_label: str | None = None
    inverse: bool = False

    def to_json(self) -> dict:
        out = {
            "from": self.source,
            "to": self.target,
            "property": self.property,
            "method": self.method,
            "quote": self.quote,
            "confidence": self.confidence,
        }
        if self.inverse:
            out["inverse"] = True
        if self.note:
            out["note"] = self.note
        if self.asserted_by:
            out["asserted_by"] = self.asserted_by
        if self.target_label:
            out["to_label"] = self.target_label
        return out


def path_cost(path: list[Step]) -> tuple[int, int]:
    """Surest first, then nearest: the least sure step of a path, then its length."""
    return (max((METHOD_RANK.get(s.method, 3) for s in path), default=0), len(path))


def surest_paths(start: str, steps_from: Callable[[str, list[Step]], Iterable[Step]],
                 costs: dict[str, tuple[int, int]] | None = None) -> dict[str, list[Step]]:
    """For every node reached from `start`, the path of least cost (see `path_cost`);
    each path's cost goes into `costs` when given.

    `steps_from(node, path)` gives the steps leaving `node` when it was reached by
    `path`, so that a walk may allow some links only at its beginning. A path
    never passes a node twice, so cycles of plans end the walk.
    """
    out: dict[str, list[Step]] = {}
    # The cost of a path never decreases as it grows, so the first time a node
    # leaves the queue its path is the cheapest (as in Dijkstra's algorithm). The
    # cost is carried along (least sure rank so far, length) rather than recomputed.
    frontier: list[tuple[int, int, int, str, list[Step]]] = [(0, 0, 0, start, [])]
    counter = 0
    while frontier:
        rank, length, _, node, path = heapq.heappop(frontier)
        if node in out or (node == start and path):
            continue
        if path:
            out[node] = path
            if costs is not None:
                costs[node] = (rank, length)
        for step in steps_from(node, path):
            if step.target not in out and step.target != start:
                counter += 1
                step_rank = METHOD_RANK.get(step.method, 3)
                heapq.heappush(frontier, (rank if rank >= step_rank else step_rank, length + 1, counter,
                                          step.target, path + [step]))
    return out
