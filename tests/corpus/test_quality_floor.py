"""Quality gate: clustering on news_cluster with the shipped defaults must not regress.

The floor is the B-cubed F1 measured in benchmarks/results/corpus.md (0.931) minus 0.01.
Floors only go up.
"""

from __future__ import annotations

import pytest

from manysides.corpus.evaluate import evaluate_clusters
from tests.corpus.conftest import NEWS_CLUSTER

B3_F1_FLOOR = 0.92


@pytest.mark.model
def test_news_cluster_b_cubed_f1_floor() -> None:
    if not NEWS_CLUSTER.is_dir():
        pytest.skip("../shared/data is not available")
    scores = evaluate_clusters(NEWS_CLUSTER)
    assert scores.articles >= 380
    assert scores.b3_f1 >= B3_F1_FLOOR, scores
