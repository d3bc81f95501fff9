"""The brief: shared facts first, then single-outlet facts and differences; every sentence's
names, numbers and dates are found in its cited spans."""

from __future__ import annotations

from typing import Any

import pytest

from manysides.compare.brief import facts_in, missing_facts
from manysides.model import Span

pytestmark = pytest.mark.model


def test_brief_every_sentence_is_supported_by_its_citations(
    seed_document: dict[str, Any],
) -> None:
    brief = seed_document["brief"]
    assert brief
    for sentence in brief:
        spans = [Span(c["article"], c["start"], c["end"], c["text"]) for c in sentence["citations"]]
        assert spans, sentence
        assert missing_facts(sentence["text"], spans) == [], sentence["text"]


def test_brief_sections_in_order(seed_document: dict[str, Any]) -> None:
    sections = [s["section"] for s in seed_document["brief"]]
    assert sections[0] == "story"
    assert {"story", "one_outlet", "differ"} <= set(sections)
    rank = {"story": 0, "one_outlet": 1, "differ": 2}
    assert [rank[s] for s in sections] == sorted(rank[s] for s in sections)


def test_brief_check_rejects_facts_missing_from_support() -> None:
    span = Span("a", 0, 38, "Xi will visit Moscow on Monday with 3 aides")
    assert missing_facts("Xi will visit Moscow on Monday.", [span]) == []
    assert missing_facts("Xi will visit Beijing on Tuesday.", [span]) == ["beijing", "tuesday"]
    assert "4" in facts_in("He brought 4 aides.")
