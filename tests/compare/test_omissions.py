"""Omissions: what each outlet leaves out that at least k others report."""

from __future__ import annotations

from typing import Any

import pytest

from manysides.compare.omissions import default_k, find_omissions

pytestmark = pytest.mark.model


def test_omissions_list_facts_only_the_other_seed_reports(seed_comparison: Any) -> None:
    omissions = find_omissions(seed_comparison)
    assert omissions
    facts = {f.id: f for f in seed_comparison.facts}
    for omission in omissions:
        assert omission.outlet not in facts[omission.fact].outlets
        assert len(omission.reported_by) >= 1
    mig = [o for o in omissions if any("MiG-29" in c.span.text for c in o.claims)]
    assert mig and all(o.article != mig[0].claims[0].span.article for o in mig)


def test_omissions_threshold_k(seed_comparison: Any) -> None:
    assert find_omissions(seed_comparison, k=2) == []
    assert default_k(2) == 1 and default_k(11) == 5
