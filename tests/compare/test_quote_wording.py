"""Wording differences between two renderings of one quotation, shown as written."""

from __future__ import annotations

from manysides.compare.quotes import wording_differences


def test_a_reworded_passage_is_shown_as_each_outlet_wrote_it() -> None:
    one = "discussed the significance of the principle of territorial integrity."
    other = "discussed the meaning of the principle of territorial integrity."
    assert wording_differences(one, other) == [
        {"this": "significance", "other": "meaning", "kind": "reworded"}
    ]
    one = 'They said: "We are leaving, today." Then they left.'
    other = 'They said: "We are staying, Tuesday." Then they left.'
    (change,) = wording_differences(one, other)
    assert (change["this"], change["other"]) == ("leaving, today", "staying, Tuesday")


def test_words_said_elsewhere_in_the_other_rendering_are_no_difference() -> None:
    """QA: "q13 adds 'sunday'" when q2 also says Sunday, only earlier in the passage."""
    one = "removed from a flight to Sioux Falls on Sunday at Dallas-Fort Worth airport"
    other = "removed on Sunday from a flight to Sioux Falls at Dallas-Fort Worth airport"
    assert wording_differences(one, other) == []
    assert wording_differences(one, other.replace("Sunday", "Monday")) != []
