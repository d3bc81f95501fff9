"""Date expressions resolved against the publication date, tense-aware, or kept relative."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

import pytest

from manysides.nlp.annotate import annotate_articles
from manysides.nlp.calendar import Tense, resolve_match
from manysides.nlp.dates import (
    clock_times,
    find_expressions,
    publication_anchor,
    with_time_of_day,
)
from manysides.read import read_sources
from tests.conftest import EXAMPLES

FRIDAY = date(2023, 3, 17)


def _resolve(text: str, tense: Tense = None, anchor: date | None = FRIDAY) -> str | None:
    ((kind, match, _span),) = find_expressions(text)
    resolved = resolve_match(kind, match, anchor, tense)
    assert resolved is not None
    return resolved.value


@pytest.mark.parametrize(
    ("text", "tense", "value"),
    [
        ("Monday through Wednesday", "future", "2023-03-20/2023-03-22"),
        ("from Monday to Wednesday", "future", "2023-03-20/2023-03-22"),
        ("three days ago", "past", "2023-03-14"),
        ("next week", "future", "2023-03-20/2023-03-26"),
        ("Thursday", "past", "2023-03-16"),  # "On Thursday, Qin Gang spoke": the past one
        ("Thursday", "future", "2023-03-23"),
        ("Friday", "past", "2023-03-17"),  # "said Friday": the publication day
        ("Monday", "future", "2023-03-20"),
        ("last month", "past", "2023-02"),
        ("Sept. 15, 2022", None, "2022-09-15"),
        ("in 2019", "past", "2019"),
        ("in September", "past", "2022-09"),
        ("last week", "past", "2023-03-06/2023-03-12"),
        ("yesterday", "past", "2023-03-16"),
    ],
)
def test_expressions_resolve_against_publication_date(text: str, tense: Tense, value: str) -> None:
    assert _resolve(text, tense) == value


def test_relative_expression_without_anchor_stays_relative() -> None:
    ((kind, match, _span),) = find_expressions("three days ago")
    resolved = resolve_match(kind, match, None, "past")
    assert resolved is not None and resolved.value is None and resolved.relation == "-3 days"
    assert _resolve("Sept. 15, 2022", anchor=None) == "2022-09-15"  # absolute needs no anchor


def test_bare_numbers_are_not_years_and_anchor_parses() -> None:
    assert find_expressions("Xi, 69, met 2000 troops") == []
    assert find_expressions("USA TODAY, Collin Brennan") == []  # a newspaper's name
    assert [m.group() for _k, m, _s in find_expressions("He spoke today.")] == ["today"]
    assert publication_anchor("2023-03-17T10:00:00") == FRIDAY
    assert publication_anchor("not a date") is None


def _dates(document: dict[str, Any]) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for item in document["dates"]:
        found.setdefault(item["span"]["text"].lower(), set()).add(item["value"])
    return found


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "day", "when"),
    [  # leads of the Croydon tram crash and the Mazar-i-Sharif attack (Giveme5W1H, Nov 2016)
        (
            "when the accident happened at 6.10am on Wednesday.",
            "Wednesday",
            "at 6.10am on Wednesday",
        ),
        ("The Taliban said the bombing late Thursday, which tore", "Thursday", "late Thursday"),
        ("derailed and overturned Wednesday morning in London", "Wednesday", "Wednesday morning"),
        (
            "tipped over at a bend during torrential rain at 6.13am today.",
            "today",
            "at 6.13am today",
        ),
        ("Ten people were injured on Wednesday, 3 of them badly.", "Wednesday", "Wednesday"),
        ("The race on Sunday, Nov. 13, 2016, ended", "Sunday", "Sunday, Nov. 13, 2016"),
    ],
)
def test_day_widens_over_its_time_of_day(text: str, day: str, when: str) -> None:
    start = text.index(day)
    first, last = with_time_of_day(text, start, start + len(day))
    assert text[first:last] == when


def test_clock_times_need_am_pm_or_at() -> None:
    text = (
        "At 00:48 in Cleveland the Cubs won 8-7; a 3.45 rating; it hit at around 11:30pm local time"
    )
    assert [text[a:b] for a, b in clock_times(text)] == ["At 00:48", "at around 11:30pm local time"]


def test_seed_dates(seed_document: dict[str, Any]) -> None:
    found = _dates(seed_document)
    assert found["monday through wednesday"] == {"2023-03-20/2023-03-22"}
    assert found["from monday to wednesday"] == {"2023-03-20/2023-03-22"}
    assert found["three days ago"] == {"2023-03-14"}
    assert found["next week"] == {"2023-03-20/2023-03-26"}
    assert found["thursday"] == {"2023-03-16"}
    texts = {a["id"]: a["text"] for a in seed_document["articles"]}
    for item in seed_document["dates"]:
        span = item["span"]
        assert texts[span["article"]][span["start"] : span["end"]] == span["text"]
        assert item["resolved"] and item["relative_to"] in ("2023-03-17", None)


@pytest.mark.model
def test_seed_without_publication_date_keeps_dates_relative(nlp: Any) -> None:
    articles, _ = read_sources([EXAMPLES])
    undated = [replace(a, published=None) for a in articles]
    annotated = annotate_articles(undated, nlp)
    relative = [d for item in annotated for d in item.dates if d.relation != "absolute"]
    assert relative and all(not d.resolved and d.value is None for d in relative)
    assert any(d.relation == "-3 days" for d in relative)


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "tense"),
    [  # a participle with no auxiliary takes the tense of the clause it depends on
        ("The boy fell into the well while harvesting vegetables on Sunday, media said.", "past"),
        ("Xi will travel to Moscow, meeting Putin on Monday.", "future"),
        ("He is meeting Putin on Monday.", "present"),
    ],
)
def test_a_participle_takes_the_tense_of_its_clause(nlp: Any, text: str, tense: str) -> None:
    from manysides.nlp.dates import verb_tense

    day = text.rindex(" on ") + 4
    assert verb_tense(nlp(text), day) == tense


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "day", "tense"),
    [  # QA: "would begin … Tuesday" resolved to the past Tuesday, "Sunday's incident" to the next
        (
            "Officials said the morgue would begin identifying the victims Tuesday.",
            "Tuesday",
            "future",
        ),
        ("He said he would have resigned on Monday.", "Monday", "past"),
        ("Sunday's incident comes after a series of complaints.", "Sunday", None),
        ("The team said Sunday's game will go ahead.", "Sunday", "future"),
    ],
)
def test_would_is_a_future_and_a_possessive_day_not_a_present(
    nlp: Any, text: str, day: str, tense: str | None
) -> None:
    from manysides.nlp.dates import verb_tense

    assert verb_tense(nlp(text), text.index(day)) == tense
