"""Scope differences across the story (elapsed time since one event), roles read from titles
"of" a department and from appositions, and the omissions' k passed from the command line."""

from __future__ import annotations

from typing import Any

import pytest

from manysides.compare.omissions import omission_k
from manysides.compare.roles import compatible, role_at
from manysides.compare.story_conflicts import elapsed_conflicts, elapsed_phrases
from manysides.model import Article, Comparison
from manysides.read.build import Metadata, build_article

# Real sentences: the first two seeds (Reuters / Al Jazeera, 17 March 2023).
SEED_A_SENTENCE = (
    "It will be Xi's first visit to Russia since he won a third term as China's leader, and "
    "also his first meeting with Putin since the start of the Ukraine war, now in its second "
    "year."
)
SEED_B_SENTENCE = (
    "Xi's visit comes just over a year after Russia invaded Ukraine, sparking a war that "
    "isolated Moscow on the international stage."
)


def _article(body: str, outlet: str, published: str = "2023-03-17") -> Article:
    meta = Metadata(title="Xi to visit Moscow", outlet=outlet, published=published)
    return build_article(f"Xi to visit Moscow\n\n{body}", meta, f"{outlet}.txt")


def _story(*articles: Article) -> Comparison:
    return Comparison(list(articles), [], [])


def test_elapsed_time_in_other_words_is_a_scope_difference() -> None:
    a, b = _article(SEED_A_SENTENCE, "reuters"), _article(SEED_B_SENTENCE, "aljazeera")
    found = elapsed_conflicts(_story(a, b))
    assert len(found) == 1
    conflict = found[0]
    assert conflict.kind == "number" and conflict.scope == "scope"
    assert conflict.contradiction is False
    assert "scope, not a contradiction" in conflict.explanation
    assert set(conflict.values) == {"now in its second year", "just over a year after"}
    for side, article in zip(conflict.sides, (a, b), strict=True):
        assert article.text[side.span.start : side.span.end] == side.span.text


def test_elapsed_time_phrases_read_their_event_and_months() -> None:
    (second_year,) = elapsed_phrases(_article(SEED_A_SENTENCE, "reuters"))
    assert (second_year.event, second_year.low, second_year.high) == ("war", 12.0, 24.0)
    (over_a_year,) = elapsed_phrases(_article(SEED_B_SENTENCE, "aljazeera"))
    assert over_a_year.event == "war" and over_a_year.low == 12.0
    assert "ukraine" in second_year.names & over_a_year.names


def test_elapsed_time_of_another_event_or_the_same_words_is_not_compared() -> None:
    other = _article("The vote comes just over a year after the election of Mr Lula.", "x")
    war = _article(SEED_A_SENTENCE, "reuters")
    assert elapsed_conflicts(_story(war, other)) == []
    assert elapsed_conflicts(_story(war, _article(SEED_A_SENTENCE, "copy"))) == []


def test_elapsed_time_that_cannot_both_hold_is_left_to_aligned_claims() -> None:
    later = _article("The talks come two years after Russia invaded Ukraine.", "x")
    assert elapsed_conflicts(_story(_article(SEED_A_SENTENCE, "reuters"), later)) == []


def test_elapsed_time_counts_from_each_publication_day() -> None:
    year_on = _article(
        "The summit comes nearly two years after Russia invaded Ukraine.", "x", "2024-02-01"
    )
    found = elapsed_conflicts(_story(_article(SEED_A_SENTENCE, "reuters"), year_on))
    assert found and not found[0].contradiction


@pytest.mark.parametrize(
    ("text", "name", "phrase"),
    [
        ("Secretary of State John Kerry said", "John Kerry", "Secretary of State"),
        ("the U.S. Secretary of State, John Kerry, said", "John Kerry", "U.S. Secretary of State"),
        ("John Kerry, the secretary of state, said", "John Kerry", "the secretary of state"),
        ("China's foreign minister, Qin Gang, said", "Qin Gang", "China's foreign minister"),
        ("Qin Gang, China's foreign minister, said", "Qin Gang", "China's foreign minister"),
        ("said Minister of Foreign Affairs Wang Yi", "Wang Yi", "Minister of Foreign Affairs"),
    ],
)
def test_roles_read_titles_of_departments_and_appositions(
    text: str, name: str, phrase: str
) -> None:
    start = text.index(name)
    role = role_at(text, start, start + len(name))
    assert role is not None and role.phrase == phrase
    assert text[role.start : role.end].find(name) >= 0


def test_roles_secretary_of_state_and_secretary_are_one_role() -> None:
    text = "Secretary of State John Kerry said. John Kerry, the secretary, said."
    first = role_at(text, 19, 29)
    second = role_at(text, text.rindex("John Kerry"), text.rindex("John Kerry") + 10)
    assert first is not None and second is not None and compatible(first, second)
    leader = role_at("Chinese leader John Kerry", 15, 25)
    assert leader is not None and not compatible(first, leader)


def test_omission_k_option() -> None:
    assert omission_k(None) is None and omission_k({}) is None
    assert omission_k({"omission_k": 3}) == 3
    with pytest.raises(ValueError, match="omission_k"):
        omission_k({"omission_k": 0})


@pytest.mark.model
def test_omission_k_reaches_the_enricher(seed_comparison: Any) -> None:
    from manysides.compare.enrich import run_enrichers

    run_enrichers(seed_comparison, ["manysides.compare.conflicts:enrich"], {"omission_k": 2})
    assert seed_comparison.extras["omissions"] == []  # two outlets: nobody has two others
    run_enrichers(seed_comparison, ["manysides.compare.conflicts:enrich"])
    assert seed_comparison.extras["omissions"]


def test_cli_compare_has_omission_k() -> None:
    from typer.testing import CliRunner

    from manysides.cli import app

    result = CliRunner().invoke(app, ["compare", "--help"])
    assert result.exit_code == 0 and "--omission-k" in result.output


@pytest.mark.model
def test_seed_elapsed_time_is_reported_as_scope(seed_document: dict[str, Any]) -> None:
    scope = [c for c in seed_document["conflicts"] if "second year" in " ".join(c["values"])]
    assert len(scope) == 1
    assert scope[0]["contradiction"] is False and scope[0]["class"] == "scope"
