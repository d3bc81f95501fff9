"""Fast checks of the framing pieces that need no model: frame lexicon, country words,
CoNLL scorer, tone lexicon."""

from __future__ import annotations

import pytest
from benchmarks.conll_f1 import b_cubed, conll_f1, muc

from manysides.compare.framelex import family_of
from manysides.compare.phrases import country_of
from manysides.compare.tone import compound, loaded_words, valence


def test_frame_family_by_final_words() -> None:
    assert family_of("the special operation") == "armed conflict"
    assert family_of("Russia's war") == "armed conflict"
    assert family_of("the Ukrainian crisis") == "armed conflict"
    assert family_of("illegal aliens") == family_of("undocumented immigrants") == "migrants"
    assert family_of("a trade war") == "tariffs"
    assert family_of("crisis talks") is None


def test_country_words() -> None:
    assert country_of("Pyongyang") == "North Korea"
    assert country_of("Kremlin") == "Russia"
    assert country_of("American") == "United States"
    assert country_of("North Korean") == "North Korea"
    assert country_of("Chinese") == "China"
    assert country_of("Peskov") is None


def test_conll_scorer_known_values() -> None:
    gold = [frozenset({1, 2, 3}), frozenset({4, 5})]
    same = conll_f1(gold, gold)
    assert same["conll"] == pytest.approx(100.0)
    split = [frozenset({1, 2}), frozenset({3}), frozenset({4, 5})]
    assert muc(gold, split).recall == pytest.approx(2 / 3)
    assert muc(gold, split).precision == pytest.approx(1.0)
    assert b_cubed(gold, split).precision == pytest.approx(1.0)
    assert b_cubed(gold, split).recall == pytest.approx((2 / 3 + 2 / 3 + 1 / 3 + 1 + 1) / 5)


def test_vader_lexicon_ships_offline() -> None:
    assert valence("war") < -2 < 2 < valence("best")
    assert compound("a terrible, brutal war") < 0 < compound("a great friendship")
    words = [w for _, _, w, _ in loaded_words("his best friend in a war")]
    assert words == ["best", "friend", "war"]
