"""Numbers with what they count, on the seeds' own sentences."""

from __future__ import annotations

from typing import Any

import pytest

from manysides.nlp.numbers import parse_value

pytestmark = pytest.mark.model


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("13", 13.0),
        ("four", 4.0),
        ("1,200", 1200.0),
        ("$5 billion", 5e9),
        ("tens of billions of dollars", None),
    ],
)
def test_parse_value(text: str, value: float | None) -> None:
    assert parse_value(text) == value


def test_numbers_carry_what_they_count(seed_document: dict[str, Any]) -> None:
    found = {(n["span"]["text"], n["counted"]) for n in seed_document["numbers"]}
    assert ("13", "MiG-29 combat aircraft") in found
    assert ("four", "MiG-29 fighter jets") in found
    assert ("12", "point position paper") in found
    texts = seed_document["articles"]
    by_id = {a["id"]: a["text"] for a in texts}
    for number in seed_document["numbers"]:
        span = number["span"]
        assert by_id[span["article"]][span["start"] : span["end"]] == span["text"]


def test_idioms_and_ages_are_not_counts(seed_document: dict[str, Any]) -> None:
    texts = [n["span"]["text"] for n in seed_document["numbers"]]
    assert "one" not in texts  # "one-on-one meeting"
    dates = [d["span"]["text"] for d in seed_document.get("dates", [])]
    assert "69" not in dates  # "Xi, 69," is an age, not a year
