"""Matching an extraction against a gold annotation, item by item, as the project's scorer does.

References match by normalised number (unnumbered ones by the similarity of
type, issuer, date and quote); tasks by unit and the start of the quote;
recipients by similarity. The differences are returned for printing.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from ingest.fold import fold


def _norm(value) -> str:
    return " ".join(fold("" if value is None else str(value)).split())


def _similar(a, b) -> float:
    return difflib.SequenceMatcher(None, _norm(a), _norm(b)).ratio()


def _number_key(number) -> str:
    return re.sub(r"[\s.]", "", _norm(number))


@dataclass
class ListScore:
    matched: int = 0
    predicted: int = 0
    gold: int = 0
    misses: list[str] = field(default_factory=list)
    extras: list[str] = field(default_factory=list)

    @property
    def f1(self) -> float:
        p = self.matched / self.predicted if self.predicted else (1.0 if not self.gold else 0.0)
        r = self.matched / self.gold if self.gold else 1.0
        return 2 * p * r / (p + r) if p + r else 0.0


def score_references(gold: list[dict], predicted: list[dict]) -> ListScore:
    pool = list(predicted)
    score = ListScore(predicted=len(predicted), gold=len(gold))
    for item in sorted(gold, key=lambda x: not x.get("number")):
        if item.get("number"):
            key = _number_key(item["number"])
            hit = next((i for i, p in enumerate(pool) if p.get("number") and _number_key(p["number"]) == key), None)
        else:
            label = lambda r: " ".join(_norm(r.get(k)) for k in ("doc_type", "issuer", "date", "quote"))
            scored = [(_similar(label(item), label(p)), i) for i, p in enumerate(pool) if not p.get("number")]
            best = max(scored, default=(0.0, None))
            hit = best[1] if best[0] >= 0.6 else None
        if hit is None:
            score.misses.append(item.get("number") or item.get("quote", "")[:60])
        else:
            pool.pop(hit)
            score.matched += 1
    score.extras = [p.get("number") or p.get("quote", "")[:60] for p in pool]
    return score


def match_tasks(gold: list[dict], predicted: list[dict]) -> tuple[ListScore, list[tuple[dict, dict]]]:
    used: set[int] = set()
    pairs = []
    score = ListScore(predicted=len(predicted), gold=len(gold))
    for g in gold:
        best, best_score = None, 0.0
        for i, p in enumerate(predicted):
            if i in used:
                continue
            unit = _similar(g.get("unit"), p.get("unit"))
            quote = _similar(g.get("quote", "")[:80], p.get("quote", "")[:80])
            if unit >= 0.7 and quote >= 0.5 and unit * 0.5 + quote * 0.5 > best_score:
                best, best_score = i, unit * 0.5 + quote * 0.5
        if best is None:
            score.misses.append(f"{g.get('section')} {g.get('unit')}: {g.get('quote', '')[:50]}")
            continue
        used.add(best)
        score.matched += 1
        pairs.append((g, predicted[best]))
    score.extras = [f"{p.get('section')} {p.get('unit')}: {p.get('quote', '')[:50]}" for i, p in enumerate(predicted) if i not in used]
    return score, pairs


def score_recipients(gold: list[str], predicted: list[str]) -> ListScore:
    used: set[int] = set()
    score = ListScore(predicted=len(predicted), gold=len(gold))
    for g in gold:
        hit = next((i for i, p in enumerate(predicted) if i not in used and _similar(g, p) >= 0.8), None)
        if hit is None:
            score.misses.append(g)
        else:
            used.add(hit)
            score.matched += 1
    score.extras = [p for i, p in enumerate(predicted) if i not in used]
    return score


def same_field(name: str, gold, predicted) -> bool:
    if name == "number":
        return _number_key(gold) == _number_key(predicted)
    return _norm(gold) == _norm(predicted)
