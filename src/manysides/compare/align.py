"""Group statements from different outlets that report the same fact.

Score of a statement pair = embedding cosine + weighted overlap of resolved entities (IDF
weighted), numbers and dates. Two statements link when each is the other's best match in
its article and the score clears ``threshold``, or when the score clears ``strong``.
Identical text always links (wire copy). Groups are the connected components of the links,
capped so that one article never contributes more than ``max_per_article`` statements.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from manysides.compare.statements import Statement
from manysides.nlp.embed import Embedder

Matrix = npt.NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class AlignmentSettings:
    """Weights and thresholds; defaults chosen with benchmarks/alignment.py (see RESULTS.md)."""

    embedding: float = 1.0
    entities: float = 0.3
    numbers: float = 0.1
    dates: float = 0.1
    threshold: float = 0.62
    strong: float = 0.85
    max_per_article: int = 3


@dataclass(frozen=True, slots=True)
class Group:
    members: tuple[tuple[int, int], ...]  # (article index, statement index)
    score: float


def align(
    statements: Sequence[Sequence[Statement]],
    embedder: Embedder,
    settings: AlignmentSettings | None = None,
) -> list[Group]:
    """Fact groups over all statements (singletons included), each with its weakest link score."""
    settings = settings or AlignmentSettings()
    flat = [(a, s) for a, items in enumerate(statements) for s in range(len(items))]
    position = {key: n for n, key in enumerate(flat)}
    texts = [statements[a][s].span.text for a, s in flat]
    vectors = embedder.embed(texts).astype(np.float64) if texts else np.zeros((0, 1))
    idf = _entity_idf(statements)
    links: list[tuple[float, int, int]] = []
    for i in range(len(statements)):
        for j in range(i + 1, len(statements)):
            rows = [position[(i, s)] for s in range(len(statements[i]))]
            cols = [position[(j, s)] for s in range(len(statements[j]))]
            if not rows or not cols:
                continue
            scores = pair_scores(
                statements[i], statements[j], vectors[rows] @ vectors[cols].T, idf, settings
            )
            for a, b, score in _links(scores, settings):
                links.append((score, rows[a], cols[b]))
    return _components(flat, links, settings)


def pair_scores(
    left: Sequence[Statement],
    right: Sequence[Statement],
    cosine: Matrix,
    idf: dict[str, float],
    settings: AlignmentSettings,
) -> Matrix:
    """The combined score matrix for two articles' statements."""
    scores = settings.embedding * cosine
    for a, x in enumerate(left):
        for b, y in enumerate(right):
            if _same_text(x.span.text, y.span.text):
                scores[a, b] = 10.0
                continue
            scores[a, b] += settings.entities * _weighted_jaccard(x.entities, y.entities, idf)
            scores[a, b] += settings.numbers * _numbers_shared(x, y)
            scores[a, b] += settings.dates * float(bool(x.dates & y.dates))
    return scores


def _links(scores: Matrix, settings: AlignmentSettings) -> list[tuple[int, int, float]]:
    best_right = scores.argmax(axis=1)
    best_left = scores.argmax(axis=0)
    found = []
    for a, b in zip(*np.nonzero(scores >= settings.threshold), strict=True):
        score = float(scores[a, b])
        mutual = best_right[a] == b and best_left[b] == a
        if mutual or score >= settings.strong:
            found.append((int(a), int(b), score))
    return found


def _components(
    flat: list[tuple[int, int]], links: list[tuple[float, int, int]], settings: AlignmentSettings
) -> list[Group]:
    parent = list(range(len(flat)))
    weakest = [math.inf] * len(flat)
    per_article: list[Counter[int]] = [Counter({flat[n][0]: 1}) for n in range(len(flat))]

    def root(n: int) -> int:
        while parent[n] != n:
            parent[n] = parent[parent[n]]
            n = parent[n]
        return n

    for score, x, y in sorted(links, reverse=True):
        rx, ry = root(x), root(y)
        if rx == ry:
            continue
        merged = per_article[rx] + per_article[ry]
        if max(merged.values()) > settings.max_per_article:
            continue
        parent[ry] = rx
        per_article[rx] = merged
        weakest[rx] = min(weakest[rx], weakest[ry], score)
    members: dict[int, list[tuple[int, int]]] = {}
    for n, key in enumerate(flat):
        members.setdefault(root(n), []).append(key)
    return [
        Group(tuple(sorted(keys)), 1.0 if math.isinf(weakest[r]) else min(weakest[r], 10.0))
        for r, keys in members.items()
    ]


def _entity_idf(statements: Sequence[Sequence[Statement]]) -> dict[str, float]:
    counts: Counter[str] = Counter(e for items in statements for s in items for e in s.entities)
    total = sum(len(items) for items in statements) or 1
    return {entity: math.log(1 + total / count) for entity, count in counts.items()}


def _weighted_jaccard(a: frozenset[str], b: frozenset[str], idf: dict[str, float]) -> float:
    union = a | b
    if not union:
        return 0.0
    return sum(idf.get(e, 1.0) for e in a & b) / sum(idf.get(e, 1.0) for e in union)


def _numbers_shared(x: Statement, y: Statement) -> float:
    values = {v for v, _ in x.numbers}
    return float(any(v in values for v, _ in y.numbers))


_SPACE = re.compile(r"\W+")


def _same_text(a: str, b: str) -> bool:
    return len(a) > 20 and _SPACE.sub(" ", a.lower()).strip() == _SPACE.sub(" ", b.lower()).strip()
