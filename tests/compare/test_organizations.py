"""Organizations key with their country folded in: one ministry however an outlet names it,
two countries' ministries kept apart, proper names untouched."""

from __future__ import annotations

import pytest

from manysides.compare.entities import organization_key


@pytest.mark.parametrize(
    ("surface", "before"),
    [
        ("Chinese Foreign Ministry", ""),
        ("The Chinese Foreign Ministry", "said "),
        ("China's foreign ministry", ""),
        ("Foreign Ministry", "a statement from China's "),
        ("foreign ministry", "according to Chinese "),
    ],
)
def test_one_countrys_foreign_ministry_keys_alike(surface: str, before: str) -> None:
    assert organization_key(surface, before) == "china foreign ministry"


def test_two_countries_ministries_differ_and_proper_names_keep_their_key() -> None:
    assert organization_key("Foreign Ministry", "Russia's ") == "russia foreign ministry"
    assert organization_key("Foreign Ministry", "") == "foreign ministry"
    assert organization_key("Xinhua", "China's ") == "xinhua"
    assert organization_key("Kremlin", "the ") == "kremlin"
