"""Inferred links: which higher-level task does a lower-level task carry out?

A ward's task `cc:derivedFrom` a district's task when the ward's plan implements
(or is based on) the district's plan, or when the district's task is addressed
to the ward's People's Committee, and the two duties say much the same thing.
Each link is `cc:inferred`, with the rule that found it and a confidence, never
presented as stated. People have the last word: a curated rejection removes a
link, a curated assertion makes inference unnecessary.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz
from rapidfuzz.process import cdist
from rdflib import URIRef

import queries
from graph import iris
from graph.store import GraphStore
from ingest.fold import fold

# Rules, as named in the evidence, and the confidence each starts from before text similarity.
RULE_BASIS_AND_ADDRESSEE = "basis+addressee: the plan carries out the higher plan, whose task is addressed to its issuer"
RULE_BASIS = "basis: the plan carries out the higher plan"
RULE_ADDRESSEE = "addressee: the higher task is addressed to the plan's issuer"
_BASE = {RULE_BASIS_AND_ADDRESSEE: 0.3, RULE_BASIS: 0.15, RULE_ADDRESSEE: 0.15}
_SIMILARITY_WEIGHT = 0.6
MIN_CONFIDENCE = 0.65
_COMMON_SHARE = 0.5


@dataclass(frozen=True)
class Derivation:
    """One inferred link: `task` carries out `higher`."""

    task: str
    higher: str
    rule: str
    confidence: float


def derivations(store: GraphStore) -> list[Derivation]:
    """For each lower task, its most likely higher task, if the evidence is strong enough."""
    decided = _curated_pairs(store)
    tasks_of, plan_pairs, addressed = _inputs(store)
    blocks = list(_candidate_blocks(tasks_of, plan_pairs, addressed))
    # Common words are those of the duties compared, not of every duty in the store.
    text_of = {task: text for tasks in tasks_of.values() for task, text in tasks}
    compared = {task for lower, higher, _basis, _addressee in blocks for task in (*lower, *higher)}
    common = _common_words([text_of[task] for task in compared])
    content = {task: _content(text_of[task], common) for task in compared}
    best: dict[str, Derivation] = {}
    for lower, higher, via_basis, addressee in blocks:
        # Every lower task against every higher one at once, on all cores: a national
        # store compares millions of pairs.
        similarity = cdist([content[t] for t in lower], [content[h] for h in higher],
                           scorer=fuzz.token_set_ratio, dtype=np.float64, workers=-1) / 100
        base = np.array([_BASE[_rule(via_basis, a)] for a in addressee])
        confidence = _rounded(base + _SIMILARITY_WEIGHT * similarity)
        for row, task in enumerate(lower):
            for column in _by_confidence(confidence[row]):
                if confidence[row, column] < MIN_CONFIDENCE:
                    break
                if higher[column] == task or (task, higher[column]) in decided:
                    continue
                current = best.get(task)
                if current is None or confidence[row, column] > current.confidence:
                    rule = _rule(via_basis, addressee[column])
                    best[task] = Derivation(task, higher[column], rule, float(confidence[row, column]))
                break
    return sorted(best.values(), key=lambda d: d.task)


# Python's rounding (of the exact binary value), not numpy's (scaled by 100 first): they
# differ at a few boundaries, and 0.65 is one.
_rounded = np.vectorize(lambda value: round(value, 2), otypes=[float])


def _by_confidence(scores: np.ndarray) -> np.ndarray:
    """Column indexes, surest first; among equals, the first one (a stable sort)."""
    return np.argsort(-scores, kind="stable")


def _inputs(store: GraphStore):
    """(tasks of each plan as (task, text), pairs of plans (lower, higher), addressed
    pairs (higher task, lower plan whose issuer it is addressed to)): three small answers
    from which the pairs are made here rather than asked for one by one."""
    texts_of: dict[str, dict[str, str]] = {}
    for row in store.select(queries.get("task_texts").text):
        # A plan read from two files names its tasks twice: each is compared once.
        texts_of.setdefault(row["doc"], {})[row["task"]] = row["text"]
    tasks_of = {doc: list(texts.items()) for doc, texts in texts_of.items()}
    plan_pairs = list(dict.fromkeys((r["doc"], r["higherDoc"]) for r in store.select(queries.get("derivation_plans").text)))
    addressed = {(r["higher"], r["doc"]) for r in store.select(queries.get("derivation_addressees").text)}
    return tasks_of, plan_pairs, addressed


def _candidate_blocks(tasks_of, plan_pairs, addressed):
    """(lower tasks, higher tasks, via basis, addressed for each higher task) for every
    block of pairs worth comparing.

    A lower task may carry out a task of the plan its own plan implements or is based
    on, or a task addressed to its plan's issuer (wherever that task's plan stands).
    """
    plan_of = {task: doc for doc, tasks in tasks_of.items() for task, _text in tasks}
    for doc, higher_doc in plan_pairs:
        lower = [t for t, _text in tasks_of.get(doc, [])]
        higher = [t for t, _text in tasks_of.get(higher_doc, [])]
        if lower and higher:
            yield lower, higher, True, [(h, doc) in addressed for h in higher]
    compared = set(plan_pairs)
    others: dict[str, list[str]] = {}
    for higher, doc in sorted(addressed):
        if higher in plan_of and (doc, plan_of[higher]) not in compared:
            others.setdefault(doc, []).append(higher)
    for doc, higher in others.items():
        lower = [t for t, _text in tasks_of.get(doc, [])]
        if lower:
            yield lower, higher, False, [True] * len(higher)


def _common_words(texts: list[str]) -> frozenset[str]:
    """Words most duties share ("cải cách hành chính", "kế hoạch"): they say nothing about which is which."""
    distinct = set(texts)
    counts: dict[str, int] = {}
    for text in distinct:
        for word in set(fold(text).split()):
            counts[word] = counts.get(word, 0) + 1
    return frozenset(w for w, n in counts.items() if n > _COMMON_SHARE * len(distinct))


def _content(text: str, common: frozenset[str]) -> str:
    return " ".join(w for w in fold(text).split() if w not in common)


def _rule(via_basis: bool, addressed: bool) -> str:
    if via_basis and addressed:
        return RULE_BASIS_AND_ADDRESSEE
    return RULE_BASIS if via_basis else RULE_ADDRESSEE


def stored_derivations(store: GraphStore) -> set[Derivation]:
    """The inferred links the store holds now."""
    rows = store.select(queries.get("inferred_links").text, {"graph": iris.INFERRED_GRAPH})
    return {Derivation(r["task"], r["higher"], r["rule"], r["confidence"]) for r in rows}


def _curated_pairs(store: GraphStore) -> set[tuple[str, str]]:
    """Task pairs a person has decided on (asserted or rejected): inference leaves them alone."""
    return {(r["subject"], r["target"]) for r in store.select(queries.get("curated_decisions").text)}


def as_links(found: list[Derivation]) -> list[tuple[URIRef, URIRef, str, float]]:
    return [(URIRef(d.task), URIRef(d.higher), d.rule, d.confidence) for d in found]
