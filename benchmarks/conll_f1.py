"""CoNLL coreference scores (MUC, B-cubed, CEAF-e and their mean F1) for mention clusterings.

A small re-implementation of the reference scorer's definitions (Pradhan et al. 2014), so the
NewsWCL50 benchmark scores the same-lemma baseline and our grouping with one scorer. Clusters
are sets of hashable mention keys; gold and predicted must cover the same mentions (gold
mentions are given to both systems), singletons included.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass

Cluster = frozenset[Hashable]


@dataclass(frozen=True, slots=True)
class PRF:
    precision: float
    recall: float

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 0.0 if total == 0 else 2 * self.precision * self.recall / total


def _ratio(numerator: float, denominator: float) -> float:
    return 0.0 if denominator == 0 else numerator / denominator


def muc(gold: Sequence[Cluster], predicted: Sequence[Cluster]) -> PRF:
    """Link-based: how many links each side needs to be joined by the other's partition."""

    def recall(key: Sequence[Cluster], response: Sequence[Cluster]) -> float:
        where = {m: i for i, c in enumerate(response) for m in c}
        numerator = denominator = 0
        for cluster in key:
            parts = {where.get(m, ("alone", m)) for m in cluster}
            numerator += len(cluster) - len(parts)
            denominator += len(cluster) - 1
        return _ratio(numerator, denominator)

    return PRF(recall(predicted, gold), recall(gold, predicted))


def b_cubed(gold: Sequence[Cluster], predicted: Sequence[Cluster]) -> PRF:
    """Mention-based: per mention, the overlap of its gold and predicted clusters."""

    def recall(key: Sequence[Cluster], response: Sequence[Cluster]) -> float:
        where = {m: c for c in response for m in c}
        total = sum(len(c) for c in key)
        score = sum(len(c & where.get(m, frozenset({m}))) / len(c) for c in key for m in c)
        return _ratio(score, total)

    return PRF(recall(predicted, gold), recall(gold, predicted))


def ceaf_e(gold: Sequence[Cluster], predicted: Sequence[Cluster]) -> PRF:
    """Entity-based: the best one-to-one alignment of clusters under phi4 similarity."""
    by_mention = {m: j for j, c in enumerate(predicted) for m in c}
    weights: dict[tuple[int, int], float] = {}
    for i, key in enumerate(gold):
        for j in {by_mention[m] for m in key if m in by_mention}:
            response = predicted[j]
            weights[(i, j)] = 2 * len(key & response) / (len(key) + len(response))
    total = _max_assignment(weights)
    return PRF(_ratio(total, len(predicted)), _ratio(total, len(gold)))


def _max_assignment(weights: dict[tuple[int, int], float]) -> float:
    """Maximum-weight bipartite matching, solved per connected component (they are small)."""
    components = _components(weights)
    return sum(_hungarian({k: weights[k] for k in edges}) for edges in components)


def _components(weights: dict[tuple[int, int], float]) -> list[list[tuple[int, int]]]:
    parent: dict[tuple[str, int], tuple[str, int]] = {}

    def find(node: tuple[str, int]) -> tuple[str, int]:
        parent.setdefault(node, node)
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for i, j in weights:
        parent[find(("g", i))] = find(("p", j))
    groups: dict[tuple[str, int], list[tuple[int, int]]] = {}
    for i, j in weights:
        groups.setdefault(find(("g", i)), []).append((i, j))
    return list(groups.values())


def _hungarian(weights: dict[tuple[int, int], float]) -> float:
    """Kuhn–Munkres on a dense square cost matrix (maximization via negated weights)."""
    rows = sorted({i for i, _ in weights})
    cols = sorted({j for _, j in weights})
    n = max(len(rows), len(cols))
    cost = [[0.0] * (n + 1) for _ in range(n + 1)]
    for (i, j), w in weights.items():
        cost[rows.index(i) + 1][cols.index(j) + 1] = -w
    u, v, p, way = [0.0] * (n + 1), [0.0] * (n + 1), [0] * (n + 1), [0] * (n + 1)
    for row in range(1, n + 1):
        p[0], col0 = row, 0
        minv, used = [float("inf")] * (n + 1), [False] * (n + 1)
        while True:
            used[col0] = True
            r0, delta, col1 = p[col0], float("inf"), 0
            for col in range(1, n + 1):
                if not used[col]:
                    current = cost[r0][col] - u[r0] - v[col]
                    if current < minv[col]:
                        minv[col], way[col] = current, col0
                    if minv[col] < delta:
                        delta, col1 = minv[col], col
            for col in range(n + 1):
                if used[col]:
                    u[p[col]] += delta
                    v[col] -= delta
                else:
                    minv[col] -= delta
            col0 = col1
            if p[col0] == 0:
                break
        while col0:
            col1 = way[col0]
            p[col0] = p[col1]
            col0 = col1
    return -sum(cost[p[col]][col] for col in range(1, n + 1) if p[col])


def conll_f1(gold: Sequence[Cluster], predicted: Sequence[Cluster]) -> dict[str, PRF | float]:
    """MUC, B-cubed and CEAF-e, and ``conll``: the mean of their F1 (in percent)."""
    scores: dict[str, PRF | float] = {
        "muc": muc(gold, predicted),
        "b3": b_cubed(gold, predicted),
        "ceaf_e": ceaf_e(gold, predicted),
    }
    scores["conll"] = 100 * sum(s.f1 for s in scores.values() if isinstance(s, PRF)) / 3
    return scores
