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
    # measured 2026-11-23 on this subset: 16 of 16 cases found, no false alarm (P = R = 1.0);
    # the full benchmark (440 cases) is in benchmarks/RESULTS.md
    assert reported and correct / reported >= 0.95
    assert correct / changed >= 0.9
    assert all(tally.correct[kind] >= 1 for kind in tally.changed), dict(tally.correct)
