"""The cross-outlet timeline, the publication-date proposal and the report sections."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from manysides.nlp.annotate import annotate_articles
from manysides.read import read_sources
from manysides.render.sections import render_sections
from tests.conftest import EXAMPLES


@pytest.mark.model
def test_timeline_merges_the_visit_across_outlets(seed_document: dict[str, Any]) -> None:
    by_value = {}
    for entry in seed_document["timeline"]:
        by_value.setdefault(entry["value"], []).append(entry)
    (visit,) = by_value["2023-03-20/2023-03-22"]
    assert len(visit["outlets"]) == 2 and len(visit["citations"]) == 2
    assert "2023-03-14" in by_value  # the drone, three days before publication
    firsts = [e["first"] for e in seed_document["timeline"]]
    assert firsts == sorted(firsts)
    texts = {a["id"]: a["text"] for a in seed_document["articles"]}
    for entry in seed_document["timeline"]:
        for c in entry["citations"]:
            assert texts[c["article"]][c["start"] : c["end"]] == c["text"]


@pytest.mark.model
def test_timeline_merges_across_outlets_only(seed_document: dict[str, Any]) -> None:
    """One report's same-day clauses stay separate entries ("the Kremlin said Friday the jets
    would be destroyed" is not the schedule released Friday); the call between the foreign
    ministers is one entry from both outlets."""
    for entry in seed_document["timeline"]:
        articles = [c["article"] for c in entry["citations"]]
        assert len(articles) == len(set(articles)), entry
    (call,) = [e for e in seed_document["timeline"] if e["value"] == "2023-03-16" and
               any("telephone conversation" in c["text"] for c in e["citations"])]  # fmt: skip
    assert len(call["outlets"]) == 2


@pytest.mark.model
def test_timeline_labels_are_the_articles_own_words(seed_document: dict[str, Any]) -> None:
    """A label is a passage of its first citation (or passages joined by an ellipsis), never
    parts glued together ("Xi visited Russia Russia")."""
    labels = []
    for entry in seed_document["timeline"]:
        cited = entry["citations"][0]["text"]
        assert all(piece in cited for piece in entry["label"].split(" … ")), entry
        labels.append(entry["label"])
    assert "Russian troops must withdraw beyond its 1991 borders" in labels
    assert "Xi last visited Russia" in labels
    assert "he planned" not in labels


@pytest.mark.model
def test_a_date_no_clause_claims_is_labelled_by_what_it_dates(
    seed_document: dict[str, Any],
) -> None:
    """Without a clause of its own, a date is shown with the noun it owns or its part of the
    sentence, not the whole sentence (where "this week" would read as Xi's visit)."""
    labels = {entry["value"]: entry["label"] for entry in seed_document["timeline"]}
    assert labels["2023-03-13/2023-03-19"] == "this week's drone debacle"
    assert labels["2022"] == (
        "Putin attended the opening ceremony of the Winter Olympics in Beijing last year"
    )
    assert labels["2023-03-06/2023-03-12"] == "Xi, 69, also facilitated a Chinese-brokered deal"


@pytest.mark.model
def test_publication_proposed_from_the_text_when_unknown(nlp: Any) -> None:
    # imported here: importing manysides.compare.* at collection time shadows the
    # manysides.compare() function that the seed_comparison fixture calls
    from manysides.compare.timeline import propose_publication

    articles, _ = read_sources([EXAMPLES])
    annotated = annotate_articles([replace(a, published=None) for a in articles], nlp)
    proposals = [propose_publication(item) for item in annotated]
    assert [p["weekday"] for p in proposals if p] == ["Friday", "Friday"]
    assert all(p and p["evidence"] for p in proposals)


@pytest.mark.model
def test_report_has_quotes_by_speaker_and_timeline(seed_comparison: Any) -> None:
    sections = {s.id: s for s in render_sections(seed_comparison)}
    quotes, timeline = sections["quotes"], sections["timeline"]
    assert "Dmitry Peskov" in quotes.html and "Wang Wenbin" in quotes.markdown
    assert "2023-03-20/2023-03-22" in timeline.html and "2023-03-14" in timeline.terminal
    assert "<script" not in quotes.html


def test_a_year_merges_across_outlets_only_on_three_shared_words() -> None:
    """Many events of a story share a year: "10 times as many police officers this year" and
    "the police requested it after the Munich Oktoberfest this year" share police and
    Germany, which is enough for a day but not for a year."""
    from manysides.compare.timeline import TimelineEntry, _gist_keys, _same
    from manysides.model import Span, TemporalExpression

    def expression(value: str, granularity: Any) -> TemporalExpression:
        span = Span("b", 0, 9, "this year")
        return TemporalExpression(span, value, granularity, True, "2017-12-29", "past", 0)

    first = _gist_keys("there will be 10 times as many police officers in Berlin")
    second = _gist_keys("the police in Germany requested it after the Oktoberfest")
    assert len(first & second) == 2
    citation = {"article": "a"}
    year = TimelineEntry("2017", "2017-01-01", "2017-12-31", "year", "x", [first], [citation])
    day = TimelineEntry("2017-12-31", "2017-12-31", "2017-12-31", "day", "x", [first], [citation])
    assert not _same(year, expression("2017", "year"), second, "b")
    assert _same(day, expression("2017-12-31", "day"), second, "b")
