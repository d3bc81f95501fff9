"""Quality gates: clustering with the shipped defaults must not regress.

Floors are the B-cubed F1 measured in benchmarks/RESULTS.md minus about 0.01
(news_cluster 0.9534, gold_standard 0.9105). Floors only go up.
"""

from __future__ import annotations

import pytest

from manysides.corpus.evaluate import evaluate_clusters
from tests.corpus.conftest import GOLD, NEWS_CLUSTER

NEWS_CLUSTER_F1_FLOOR = 0.945
GOLD_STANDARD_F1_FLOOR = 0.90


@pytest.mark.model
def test_news_cluster_b_cubed_f1_floor() -> None:
    if not NEWS_CLUSTER.is_dir():
        pytest.skip("../shared/data is not available")
    scores = evaluate_clusters(NEWS_CLUSTER)
    assert scores.articles >= 380
    assert scores.b3_f1 >= NEWS_CLUSTER_F1_FLOOR, scores


@pytest.mark.model
def test_gold_standard_categories_b_cubed_f1_floor() -> None:
    """A second labeled set (12 categories, one unlabeled article ingested but not scored)."""
    if not GOLD.is_dir():
        pytest.skip("../shared/data is not available")
    scores = evaluate_clusters(GOLD)
    assert scores.articles == 95 and scores.gold_events == 12
    assert scores.b3_f1 >= GOLD_STANDARD_F1_FLOOR, scores
