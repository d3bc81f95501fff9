"""Quality gate: alignment on the seeds' hand-made gold may not drop below the recorded floor.

Measured with benchmarks/alignment.py (see benchmarks/RESULTS.md). Floors only go up.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from manysides.compare.evaluate import load_gold, score_alignment
from tests.conftest import ROOT

pytestmark = pytest.mark.model

PRECISION_FLOOR = 0.95  # measured 1.00 with the same-article rule (benchmarks/RESULTS.md); was 0.93
RECALL_FLOOR = 0.85  # measured 0.87; was 0.80


def test_seed_alignment_quality_floor(seed_comparison: Any) -> None:
    score = score_alignment(
        seed_comparison, load_gold(ROOT / "tests" / "data" / "seed_fact_pairs.json")
    )
    assert score.precision >= PRECISION_FLOOR, score
    assert score.recall >= RECALL_FLOOR, score


def test_copy_of_an_article_aligns_completely(seed_comparison: Any) -> None:
    from manysides.compare.run import compare_articles

    first = seed_comparison.articles[0]
    comparison = compare_articles([first, replace(first, outlet="a copy")])
    assert len({a.id for a in comparison.articles}) == 2
    assert comparison.facts and all(f.status == "all" for f in comparison.facts)
    assert all(len(f.claims) == 2 for f in comparison.facts)
