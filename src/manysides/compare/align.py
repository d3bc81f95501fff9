"""Group statements from different outlets that report the same fact.

Score of a statement pair = embedding cosine + weighted overlap of resolved entities (IDF
weighted), content words, quoted phrases, numbers and dates, minus ``other_speaker`` when
both are quotations of different speakers in different words. Two statements link when each
is (within ``margin``) the other's best match in its article and the score clears
``threshold``, or when the score clears ``strong``.
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
from typing import Any

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
    other_speaker: float = 1.0
    """Taken off when two quotations have different speakers and mostly different words:
    Sunak's spokesperson and Wang Wenbin both speak of China's "role" but say different
    things. Near-identical text keeps its score, so a quote given to another speaker is
    still aligned and reported as a speaker conflict."""
    same_words: float = 0.5
    """IDF-weighted share of content words, the people's names left out, from which two
    quotations of different speakers count as the same words."""
    same_article: float = 0.55
    """Two statements of one article join a group only when they are this close to each other:
    "Beijing has yet to confirm the call" sits near "Beijing categorically denies these
    accusations" but has nothing to do with the article's own "a claim Beijing has strongly
    denied", so it must not ride into that group through the other outlet's sentence."""


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
    every = [statements[a][s] for a, s in flat]
    scores = score_matrix(every, embedder, settings)
    starts = np.cumsum([0] + [len(items) for items in statements])
    links: list[tuple[float, int, int]] = []
    pair_score: dict[tuple[int, int], float] = {}
    floor = settings.threshold - settings.cohesion
    for i in range(len(statements)):
        for j in range(i + 1, len(statements)):
            block = scores[starts[i] : starts[i + 1], starts[j] : starts[j + 1]]
            if block.size == 0:
                continue
            for a, b, score in _links(block, settings):
                links.append((score, int(starts[i]) + a, int(starts[j]) + b))
            for a, b in zip(*np.nonzero(block >= floor), strict=True):
                pair_score[(int(starts[i] + a), int(starts[j] + b))] = float(block[a, b])
        own = scores[starts[i] : starts[i + 1], starts[i] : starts[i + 1]]
        for a, b in zip(*np.nonzero(own >= settings.same_article), strict=True):
            if a < b:
                pair_score[(int(starts[i] + a), int(starts[i] + b))] = float(own[a, b])
    return _components(flat, links, pair_score, settings)


def score_matrix(
    statements: Sequence[Statement], embedder: Embedder, settings: AlignmentSettings
) -> Matrix:
    """Combined pair scores of all statements at once (vectorized; same-article cells only
    decide whether two statements of one article may share a group)."""
    if not statements:
        return np.zeros((0, 0))
    vectors = embedder.embed([s.span.text for s in statements]).astype(np.float64)
    scores = settings.embedding * (vectors @ vectors.T)
    idf = _idf(statements)
    scores += settings.entities * _weighted_jaccard([s.entities for s in statements], idf)
    words = _weighted_jaccard([s.words for s in statements], idf)
    scores += settings.words * words
    said = _weighted_jaccard([s.words - s.name_words for s in statements], idf)
    scores -= settings.other_speaker * (_other_speaker(statements) & (said < settings.same_words))
    scores += settings.numbers * _any_shared(
        [frozenset(v for v, _ in s.numbers) for s in statements]
    )
    scores += settings.dates * _any_shared([s.dates for s in statements])
    scores += settings.quoted * _quoted_shared([s.quoted for s in statements])
    keys = [_text_key(s.span.text) for s in statements]
    by_key: dict[str, list[int]] = {}
    for n, key in enumerate(keys):
        if key:
            by_key.setdefault(key, []).append(n)
    for same in by_key.values():
        scores[np.ix_(same, same)] = 10.0  # identical wire text
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
        return all((min(x, y), max(x, y)) in pair_score for x in left for y in right)

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


def _idf(statements: Sequence[Statement]) -> dict[str, float]:
    """Inverse document frequency of entity ids and content words over all statements."""
    counts: Counter[str] = Counter(key for s in statements for key in s.entities | s.words)
    total = len(statements) or 1
    return {key: math.log(1 + total / count) for key, count in counts.items()}


def _incidence(sets: Sequence[frozenset[Any]], keys: Sequence[Any]) -> Matrix:
    """Rows: statements; columns: ``keys``; 1 where the statement has the key."""
    column = {key: n for n, key in enumerate(keys)}
    matrix = np.zeros((len(sets), len(keys)))
    for row, items in enumerate(sets):
        for item in items:
            if item in column:
                matrix[row, column[item]] = 1.0
    return matrix


def _shared_keys(sets: Sequence[frozenset[Any]]) -> list[Any]:
    """Keys held by at least two statements: only these can be shared."""
    counts: Counter[Any] = Counter(item for items in sets for item in items)
    return sorted((k for k, c in counts.items() if c > 1), key=str)


def _weighted_jaccard(sets: Sequence[frozenset[str]], idf: dict[str, float]) -> Matrix:
    """IDF-weighted Jaccard of every pair: shared weight / union weight."""
    keys = _shared_keys(sets)
    weights = np.array([idf.get(k, 1.0) for k in keys])
    incidence = _incidence(sets, keys)
    shared = (incidence * weights) @ incidence.T
    totals = np.array([sum(idf.get(k, 1.0) for k in items) for items in sets])
    union = totals[:, None] + totals[None, :] - shared
    ratio: Matrix = np.divide(shared, union, out=np.zeros_like(shared), where=union > 0)
    return ratio


def _any_shared(sets: Sequence[frozenset[Any]]) -> Matrix:
    incidence = _incidence(sets, _shared_keys(sets))
    return ((incidence @ incidence.T) > 0).astype(np.float64)


def _other_speaker(statements: Sequence[Statement]) -> npt.NDArray[np.bool_]:
    """True where both statements quote a known speaker and the speakers differ."""
    codes: dict[str, int] = {}
    speaker = np.array(
        [codes.setdefault(s.speaker, len(codes)) if s.speaker else -1 for s in statements]
    )
    known = speaker >= 0
    different: npt.NDArray[np.bool_] = (
        known[:, None] & known[None, :] & (speaker[:, None] != speaker[None, :])
    )
    return different


def _quoted_shared(sets: Sequence[frozenset[str]]) -> Matrix:
    """1 where two statements share quoted wording (one phrase inside the other)."""
    matrix = np.zeros((len(sets), len(sets)))
    quoting = [n for n, items in enumerate(sets) if items]
    for x in quoting:
        for y in quoting:
            if x < y and any(p in q or q in p for p in sets[x] for q in sets[y]):
                matrix[x, y] = matrix[y, x] = 1.0
    return matrix


_SPACE = re.compile(r"\W+")


def _text_key(text: str) -> str:
    """Text compared for identity (case and punctuation ignored); empty for short texts."""
    return _SPACE.sub(" ", text.lower()).strip() if len(text) > 20 else ""
