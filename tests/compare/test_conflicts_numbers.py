"""Numbers compared token by token in near-identical sentences (real sentences from news
articles, real models): a changed figure is a number conflict whatever it counts, a changed
day of the month stays a date conflict, "N years ago" is a figure."""

from __future__ import annotations

import pytest

from manysides.compare.conflicts import find_conflicts
from manysides.model import Article
from manysides.read.build import Metadata, build_article

pytestmark = pytest.mark.model

TITLE = "Chinese space station to fall to Earth"
FILLER = (
    "Officials said they would keep tracking the station until it re-enters the atmosphere, "
    "and that most of it is expected to burn up on the way down."
)


def _pair(original: str, changed: str) -> list[Article]:
    built = []
    for outlet, sentence in (("original", original), ("copy", changed)):
        meta = Metadata(title=TITLE, outlet=outlet, published="2018-03-30")
        built.append(build_article(f"{TITLE}\n\n{sentence}\n\n{FILLER}", meta, outlet))
    return built


def _conflicts(original: str, changed: str) -> list[tuple[str, bool, set[str]]]:
    from manysides.compare.run import compare_articles

    comparison = compare_articles(_pair(original, changed), enrichers=[])
    found = find_conflicts(comparison)
    texts = {a.id: a.text for a in comparison.articles}
    for conflict in found:
        for side in conflict.sides:
            assert texts[side.span.article][side.span.start : side.span.end] == side.span.text
    return [(c.kind, c.contradiction, set(c.values)) for c in found]


def test_number_without_a_counted_noun_found_token_by_token() -> None:
    sentence = (
        "All we really know is that it's going to come down somewhere between {} degrees "
        "North and 43 degrees South latitude."
    )
    found = _conflicts(sentence.format(43), sentence.format(50))
    assert ("number", True, {"between 43 degrees", "between 50 degrees"}) in found or any(
        kind == "number" and {"43", "50"} <= {v.split()[1] for v in values if " " in v}
        for kind, _c, values in found
    )
    assert all(kind == "number" for kind, _c, _v in found)


def test_number_inside_a_measure_word() -> None:
    sentence = "Timberlake took a dig at the {}'2'' singer's height at the 2007 Golden Globes."
    found = _conflicts(sentence.format(5), sentence.format(12))
    assert [k for k, _c, _v in found] == ["number"]


def test_years_ago_is_a_figure_not_a_date() -> None:
    sentence = "Perhaps their most painful loss came {} years ago when a fan deflected a foul ball."
    found = _conflicts(sentence.format(13), sentence.format(15))
    assert [(k, c) for k, c, _v in found] == [("number", True)]


def test_day_of_month_stays_a_date() -> None:
    sentence = "The station is expected to re-enter the atmosphere on March {}, officials said."
    found = _conflicts(sentence.format(31), sentence.format(28))
    assert [k for k, _c, _v in found] == ["date"]


def test_thousands_with_separators() -> None:
    sentence = "The airline will train all {} employees to counteract implicit bias."
    found = _conflicts(sentence.format("120,000"), sentence.format("120,002"))
    assert [(k, c) for k, c, _v in found] == [("number", True)]


def test_two_lower_bounds_of_a_toll_are_not_a_contradiction() -> None:
    sentence = "At least {} civilians were killed in the blast near the consulate, officials said."
    found = _conflicts(sentence.format("four"), sentence.format("six"))
    numbers = [(kind, contradiction) for kind, contradiction, _v in found if kind == "number"]
    assert numbers and not any(contradiction for _k, contradiction in numbers)


def test_a_date_conflict_says_which_dates_the_words_mean() -> None:
    from manysides.compare.run import compare_articles

    articles = []
    for outlet, verb in (("one", "will fall"), ("other", "fell")):
        text = (
            f"{TITLE}\n\nThe station {verb} into the Pacific on Sunday, officials said.\n\n{FILLER}"
        )
        meta = Metadata(title=TITLE, outlet=outlet, published="2018-03-30")
        articles.append(build_article(text, meta, outlet))
    comparison = compare_articles(articles, enrichers=[])
    dates = [c for c in find_conflicts(comparison) if c.kind == "date"]
    assert (
        dates and "(2018-04-01)" in dates[0].explanation and "(2018-03-25)" in dates[0].explanation
    )


def test_a_number_in_words_equals_its_digits() -> None:
    """ "ten American tourists" and "10 American tourists" agree (QA found "10 vs ten" and
    "two vs 2" reported as contradictions)."""
    original = "A plane carrying 10 American tourists has crashed in the mountains of Costa Rica."
    changed = "A plane carrying ten American tourists has crashed in the mountains of Costa Rica."
    assert _conflicts(original, changed) == []
    assert _conflicts(original, changed.replace("ten", "eleven")) == [
        ("number", True, {"10", "eleven"})
    ]
