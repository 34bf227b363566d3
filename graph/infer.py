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
    rows = store.select(queries.get("derivation_candidates").text)
    common = _common_words([r["text"] for r in rows] + [r["higherText"] for r in rows])
    best: dict[str, Derivation] = {}
    for row in rows:
        pair = (row["task"], row["higher"])
        if pair in decided:
            continue
        rule = _rule(row["viaBasis"], row["addressed"])
        similarity = fuzz.token_set_ratio(_content(row["text"], common), _content(row["higherText"], common)) / 100
        confidence = round(_BASE[rule] + _SIMILARITY_WEIGHT * similarity, 2)
        if confidence < MIN_CONFIDENCE:
            continue
        current = best.get(row["task"])
        if current is None or confidence > current.confidence:
            best[row["task"]] = Derivation(row["task"], row["higher"], rule, confidence)
    return sorted(best.values(), key=lambda d: d.task)


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
