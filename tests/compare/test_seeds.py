"""The product's defining example: the two seed reports of Xi's March 2023 visit to Moscow."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.model


def _fact_with(document: dict[str, Any], *snippets: str) -> dict[str, Any]:
    """The fact group whose claims contain every snippet (each in some claim)."""
    for fact in document["facts"]:
        texts = [c["text"] for c in fact["claims"]]
        if all(any(s in t for t in texts) for s in snippets):
            return fact
    raise AssertionError(f"no fact group holds all of {snippets}")


@pytest.mark.parametrize(
    "snippets",
    [
        ("from Monday to Wednesday", "Monday through Wednesday"),
        ("12-point peace proposal", "12-point position paper"),
        ("Kuleba later tweeted", "Dmitry Kuleba, said the call"),
        ('"no limits" partnership', 'what they call a "no limits" partnership'),
        ("China may send lethal arms", "mulling arms shipments"),
        ("a claim Beijing has strongly denied", "Beijing categorically denies"),
    ],
)
def test_seed_fact_reported_by_all(
    seed_document: dict[str, Any], snippets: tuple[str, ...]
) -> None:
    assert _fact_with(seed_document, *snippets)["status"] == "all"


@pytest.mark.parametrize(
    "snippet",
    [
        "MQ-9 Reaper surveillance drone",
        "A spokesperson for British Prime Minister Rishi Sunak",
        "first batch of four MiG-29 fighter jets",
        "Slovakia offered Kyiv 13 MiG-29",
        "restore relations between Saudi Arabia and Iran",
    ],
)
def test_seed_fact_reported_by_one(seed_document: dict[str, Any], snippet: str) -> None:
    assert _fact_with(seed_document, snippet)["status"] == "one"


def _entity(document: dict[str, Any], name: str) -> dict[str, Any]:
    matches = [e for e in document["entities"] if e["name"] == name]
    assert len(matches) == 1, [e["name"] for e in document["entities"]]
    return matches[0]


def test_kuleba_is_one_entity_with_both_spellings_per_outlet(seed_document: dict[str, Any]) -> None:
    kuleba = _entity(seed_document, "Dmytro Kuleba")
    first, second = (a["id"] for a in seed_document["articles"])
    by_text = {v["text"]: v for v in kuleba["variants"]}
    assert by_text["Dmytro Kuleba"]["articles"] == [first]
    assert by_text["Dmitry Kuleba"]["articles"] == [second]
    assert by_text["Dmitry Kuleba"]["kind"] == "spelling variant"
    assert kuleba["type"] == "PERSON"


def test_kyiv_is_one_place_with_kiev_listed(seed_document: dict[str, Any]) -> None:
    kyiv = _entity(seed_document, "Kyiv")
    by_text = {v["text"]: v for v in kyiv["variants"]}
    second = seed_document["articles"][1]["id"]
    assert set(by_text) == {"Kyiv", "Kiev"}
    assert by_text["Kiev"]["articles"] == [second]
    assert kyiv["type"] == "GPE"


def test_xi_and_qin_forms_resolve_to_one_entity_each(seed_document: dict[str, Any]) -> None:
    xi = {v["text"] for v in _entity(seed_document, "Xi Jinping")["variants"]}
    assert {"Xi", "Xi Jinping", "Chinese President Xi Jinping"} <= xi
    qin = {v["text"] for v in _entity(seed_document, "Qin Gang")["variants"]}
    assert {"Qin", "Qin Gang", "Chinese leader Qin Gang"} <= qin


def test_chinas_foreign_ministry_is_one_speaker_in_both_outlets(
    seed_document: dict[str, Any],
) -> None:
    """'China's foreign ministry said', 'China's Foreign Ministry called' and 'The Chinese
    Foreign Ministry' (two outlets, one tagged without its country) are one speaker."""
    ministry = _entity(seed_document, "Chinese Foreign Ministry")
    quotes = [q for q in seed_document["quotes"] if q["speaker"] == ministry["id"]]
    assert {"China's foreign ministry", "The Chinese Foreign Ministry"} <= {
        q["speaker_text"] for q in quotes
    }
    assert len({q["outlet"] for q in quotes}) == 2


def test_pipeline_slips_are_fixed(seed_document: dict[str, Any]) -> None:
    types = {e["name"]: e["type"] for e in seed_document["entities"]}
    assert types["Kyiv"] == "GPE"
    assert types["Bratislava"] == "GPE"
    assert types["Slovakia"] == "GPE"
    assert types["MiG-29"] == "PRODUCT"


def test_furniture_is_set_aside_and_credits_recorded(seed_document: dict[str, Any]) -> None:
    first, second = seed_document["articles"]
    assert first["credits"] == ["AP", "Post wires"]
    kinds = [f["kind"] for f in second["furniture"]]
    assert kinds.count("also_read") == 3 and kinds.count("subhead") == 2
    claims = [c["text"] for f in seed_document["facts"] for c in f["claims"]]
    assert not any(t.startswith("ALSO READ") or t.endswith(". AP") for t in claims)
    assert first["title"] == "China leader Xi to visit Moscow in show of support for Putin"
    assert first["outlet_source"] == "filename"
