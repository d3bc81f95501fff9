"""Floor for the perturbation benchmark on a small fixed subset (real articles, real models).

Floors come from benchmarks/RESULTS.md; they only go up.
"""

from __future__ import annotations

import sys

import pytest

from tests.conftest import ROOT, SHARED_DATA

pytestmark = pytest.mark.model


@pytest.mark.skipif(not SHARED_DATA.exists(), reason="../shared/data is not present")
def test_conflicts_perturbation_floor() -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import perturbations as bench

    articles = bench.load_articles(120)
    cases = bench.make_cases(articles, per_kind=2, seed=11)
    tally = bench.run(cases, articles)
    assert tally.control_contradictions == 0
    reported = sum(tally.reported.values())
    correct = sum(tally.correct.values())
    changed = sum(tally.changed.values())
    assert reported and correct / reported >= 0.9
    assert correct / changed >= 0.7
