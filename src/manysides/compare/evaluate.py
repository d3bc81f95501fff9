"""Score fact alignment against a hand-made gold file of statement pairs (tests/data/).

Gold pairs name statements by a snippet of their text, so the gold survives changes in how
sentences are split. A predicted pair is two claims of different articles in one fact group.
Precision counts predicted pairs that match a 'must' or 'ok' gold pair; recall counts 'must'
pairs found.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from manysides.model import Comparison


@dataclass(frozen=True, slots=True)
class PairScore:
    precision: float
    recall: float
    f1: float
    predicted: int
    correct: int
    must: int
    found: int


def load_gold(path: str | Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(Path(path).read_text("utf-8"))
    return data


def score_alignment(comparison: Comparison, gold: dict[str, Any]) -> PairScore:
    """Pairwise precision/recall of the comparison's fact groups against the gold pairs."""
    by_outlet = {a.outlet: a.id for a in comparison.articles}
    left, right = by_outlet[gold["articles"]["a"]], by_outlet[gold["articles"]["b"]]
    predicted: set[tuple[tuple[int, int], tuple[int, int]]] = set()
    for fact in comparison.facts:
        spans_a = [(c.span.start, c.span.end) for c in fact.claims if c.span.article == left]
        spans_b = [(c.span.start, c.span.end) for c in fact.claims if c.span.article == right]
        predicted.update((a, b) for a in spans_a for b in spans_b)
    texts = {a.id: a.text for a in comparison.articles}
    allowed: set[tuple[tuple[int, int], tuple[int, int]]] = set()
    must: list[tuple[list[tuple[int, int]], list[tuple[int, int]]]] = []
    statements_a = _statement_spans(comparison, left)
    statements_b = _statement_spans(comparison, right)
    for pair in gold["pairs"]:
        hits_a = _containing(texts[left], pair["a"], statements_a)
        hits_b = _containing(texts[right], pair["b"], statements_b)
        allowed.update((a, b) for a in hits_a for b in hits_b)
        if pair["level"] == "must":
            must.append((hits_a, hits_b))
    correct = len(predicted & allowed)
    found = sum(
        1 for hits_a, hits_b in must if any((a, b) in predicted for a in hits_a for b in hits_b)
    )
    precision = correct / len(predicted) if predicted else 1.0
    recall = found / len(must) if must else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return PairScore(precision, recall, f1, len(predicted), correct, len(must), found)


def _statement_spans(comparison: Comparison, article_id: str) -> list[tuple[int, int]]:
    return [
        (c.span.start, c.span.end)
        for fact in comparison.facts
        for c in fact.claims
        if c.span.article == article_id
    ]


def _containing(text: str, snippet: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Statements whose text overlaps the snippet's first occurrence."""
    start = text.find(snippet)
    if start < 0:
        raise ValueError(f"gold snippet not found in the article text: {snippet!r}")
    end = start + len(snippet)
    return [(s, e) for s, e in spans if s < end and start < e]
