"""Organizations key with their country folded in: one ministry however an outlet names it,
two countries' ministries kept apart, proper names untouched."""

from __future__ import annotations

from typing import Any

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


@pytest.mark.parametrize(
    ("source", "issuer"),
    [
        ("a schedule released by the Kremlin Friday", "the Kremlin"),
        ("a Chinese foreign ministry statement", "Chinese foreign ministry"),
        ("a statement issued by the White House on Monday", "the White House"),
        ("a report", None),
        ("Reuters", None),
    ],
)
def test_a_document_given_as_source_speaks_for_its_issuer(source: str, issuer: str | None) -> None:
    from manysides.compare.quotes import _issuer

    assert _issuer(source) == issuer


@pytest.mark.model
def test_seed_documents_are_filed_under_their_issuer(seed_document: dict[str, Any]) -> None:
    """ "according to a Chinese foreign ministry statement" is the ministry's word, and "a
    schedule released by the Kremlin Friday" the Kremlin's; the text as written is kept."""
    names = {e["id"]: e["name"] for e in seed_document["entities"]}
    speakers = {q["speaker_text"]: names.get(q["speaker"]) for q in seed_document["quotes"]}
    assert speakers["a Chinese foreign ministry statement"] == "Chinese Foreign Ministry"
    assert speakers["a schedule released by the Kremlin Friday"] == "Kremlin"
