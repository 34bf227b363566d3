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

from rapidfuzz import fuzz
from rdflib import URIRef

import queries
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
    candidates = list(_candidates(store))
    texts = {task: text for pair in candidates for task, text in (pair[0], pair[1])}
    common = _common_words(list(texts.values()))
    content = {task: _content(text, common) for task, text in texts.items()}
    best: dict[str, Derivation] = {}
    for (task, _text), (higher, _higher_text), via_basis, addressed in candidates:
        if (task, higher) in decided:
            continue
        rule = _rule(via_basis, addressed)
        similarity = fuzz.token_set_ratio(content[task], content[higher]) / 100
        confidence = round(_BASE[rule] + _SIMILARITY_WEIGHT * similarity, 2)
        if confidence < MIN_CONFIDENCE:
            continue
        current = best.get(task)
        if current is None or confidence > current.confidence:
            best[task] = Derivation(task, higher, rule, confidence)
    return sorted(best.values(), key=lambda d: d.task)


def _candidates(store: GraphStore):
    """((task, text), (higher task, text), via basis, addressed) for every pair worth comparing.

    A lower task may carry out a task of the plan its own plan implements or is based
    on, or a task addressed to its plan's issuer. The pairs are made here from three
    small answers (tasks, plan pairs, addressees) rather than asked for one by one:
    a national store holds millions of them.
    """
    tasks_of: dict[str, list[tuple[str, str]]] = {}
    for row in store.select(queries.get("task_texts").text):
        tasks_of.setdefault(row["doc"], []).append((row["task"], row["text"]))
    text_of = {task: text for pairs in tasks_of.values() for task, text in pairs}
    addressed = {(r["higher"], r["doc"]) for r in store.select(queries.get("derivation_addressees").text)}
    seen: set[tuple[str, str]] = set()
    for row in store.select(queries.get("derivation_plans").text):
        for task in tasks_of.get(row["doc"], []):
            for higher in tasks_of.get(row["higherDoc"], []):
                if higher[0] != task[0] and (task[0], higher[0]) not in seen:
                    seen.add((task[0], higher[0]))
                    yield task, higher, True, (higher[0], row["doc"]) in addressed
    for higher, doc in sorted(addressed):
        for task in tasks_of.get(doc, []):
            if (task[0], higher) not in seen and higher in text_of:
                seen.add((task[0], higher))
                yield task, (higher, text_of[higher]), False, True


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


def _curated_pairs(store: GraphStore) -> set[tuple[str, str]]:
    """Task pairs a person has decided on (asserted or rejected): inference leaves them alone."""
    return {(r["subject"], r["target"]) for r in store.select(queries.get("curated_decisions").text)}


def as_links(found: list[Derivation]) -> list[tuple[URIRef, URIRef, str, float]]:
    return [(URIRef(d.task), URIRef(d.higher), d.rule, d.confidence) for d in found]
