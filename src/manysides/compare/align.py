"""Group statements from different outlets that report the same fact.

Score of a statement pair = embedding cosine + weighted overlap of resolved entities (IDF
weighted), content words, quoted phrases, numbers and dates. Two statements link when each
is (within ``margin``) the other's best match in
its article and the score clears ``threshold``, or when the score clears ``strong``.
Identical text always links (wire copy). Links merge groups strongest first; a merge is
refused when any two statements of different articles in the result would score below
``threshold - cohesion`` (so "denied the claim" and "did not confirm the call" do not chain
into one fact through a third statement), or when one article would contribute more than
``max_per_article`` statements.
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
    entities: float = 0.1
    words: float = 0.3
    quoted: float = 0.2
    numbers: float = 0.1
    dates: float = 0.1
    threshold: float = 0.6
    margin: float = 0.03
    strong: float = 0.85
    cohesion: float = 0.0
    max_per_article: int = 2


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
    idf = _idf(statements)
    links: list[tuple[float, int, int]] = []
    pair_score: dict[tuple[int, int], float] = {}
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
            for a, b in zip(
                *np.nonzero(scores >= settings.threshold - settings.cohesion), strict=True
            ):
                pair_score[(rows[a], cols[b])] = float(scores[a, b])
    return _components(flat, links, pair_score, settings)


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
            scores[a, b] += settings.words * _weighted_jaccard(x.words, y.words, idf)
            scores[a, b] += settings.quoted * _quoted_shared(x.quoted, y.quoted)
            scores[a, b] += settings.numbers * _numbers_shared(x, y)
            scores[a, b] += settings.dates * float(bool(x.dates & y.dates))
    return scores


def _links(scores: Matrix, settings: AlignmentSettings) -> list[tuple[int, int, float]]:
    """Pairs that are (nearly) each other's best match, or that are simply very close."""
    best_right = scores.max(axis=1)
    best_left = scores.max(axis=0)
    found = []
    for a, b in zip(*np.nonzero(scores >= settings.threshold), strict=True):
        score = float(scores[a, b])
        near_best = score >= max(best_right[a], best_left[b]) - settings.margin
        if near_best or score >= settings.strong:
            found.append((int(a), int(b), score))
    return found


def _components(
    flat: list[tuple[int, int]],
    links: list[tuple[float, int, int]],
    pair_score: dict[tuple[int, int], float],
    settings: AlignmentSettings,
) -> list[Group]:
    parent = list(range(len(flat)))
    weakest = [math.inf] * len(flat)
    per_article: list[Counter[int]] = [Counter({flat[n][0]: 1}) for n in range(len(flat))]
    members: dict[int, list[int]] = {n: [n] for n in range(len(flat))}

    def cohesive(left: list[int], right: list[int]) -> bool:
        return all(
            flat[x][0] == flat[y][0] or (min(x, y), max(x, y)) in pair_score
            for x in left
            for y in right
        )

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
        if not cohesive(members[rx], members[ry]):
            continue
        parent[ry] = rx
        per_article[rx] = merged
        members[rx].extend(members.pop(ry))
        weakest[rx] = min(weakest[rx], weakest[ry], score)
    return [
        Group(
            tuple(sorted(flat[n] for n in keys)),
            1.0 if math.isinf(weakest[r]) else min(weakest[r], 10.0),
        )
        for r, keys in members.items()
    ]


def _idf(statements: Sequence[Sequence[Statement]]) -> dict[str, float]:
    """Inverse document frequency of entity ids and content words over all statements."""
    counts: Counter[str] = Counter(
        key for items in statements for s in items for key in s.entities | s.words
    )
    total = sum(len(items) for items in statements) or 1
    return {entity: math.log(1 + total / count) for entity, count in counts.items()}


def _weighted_jaccard(a: frozenset[str], b: frozenset[str], idf: dict[str, float]) -> float:
    union = a | b
    if not union:
        return 0.0
    return sum(idf.get(e, 1.0) for e in a & b) / sum(idf.get(e, 1.0) for e in union)


def _quoted_shared(a: frozenset[str], b: frozenset[str]) -> float:
    return float(any(x in y or y in x for x in a for y in b))


def _numbers_shared(x: Statement, y: Statement) -> float:
    values = {v for v, _ in x.numbers}
    return float(any(v in values for v, _ in y.numbers))


_SPACE = re.compile(r"\W+")


def _same_text(a: str, b: str) -> bool:
    return len(a) > 20 and _SPACE.sub(" ", a.lower()).strip() == _SPACE.sub(" ", b.lower()).strip()
