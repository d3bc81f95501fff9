"""Framing on the seeds: the war concept, Xi–Putin labels, credits, quoted words kept apart."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import iter_spans


def _framing(seed_comparison: Any) -> dict[str, Any]:
    framing: dict[str, Any] = seed_comparison.extras["framing"]
    return framing


def _terms(concept: dict[str, Any]) -> list[dict[str, Any]]:
    return [t for o in concept["outlets"] for t in o["terms"]]


@pytest.mark.model
def test_war_concept_gathers_labels_across_outlets(seed_comparison: Any) -> None:
    framing = _framing(seed_comparison)
    war = next(
        c for c in framing["concepts"] if any(t["term"] == "special operation" for t in _terms(c))
    )
    words = {t["term"].lower() for t in _terms(war)}
    for expected in ("invasion", "war", "special operation", "conflict", "ukrainian crisis"):
        assert expected in words, expected
    assert len(war["outlets"]) == 2


@pytest.mark.model
def test_quoted_label_is_the_speakers_not_the_outlets(seed_comparison: Any) -> None:
    terms = [t for c in _framing(seed_comparison)["concepts"] for t in _terms(c)]
    special = next(t for t in terms if t["term"] == "special operation")
    assert special["quoted"] and special["voice"] == "Dmitry Peskov"
    own_war = [t for t in terms if t["term"] == "war" and not t["quoted"]]
    assert own_war


@pytest.mark.model
def test_xi_putin_labels(seed_comparison: Any) -> None:
    labels = _framing(seed_comparison)["labels"]
    putin = [lab["span"]["text"] for lab in labels if lab["entity"] == "Vladimir Putin"]
    assert any("best friend" in text for text in putin)
    assert any("strategic ally" in text for text in putin)
    assert all(
        lab["kind"] == "epithet" for lab in labels if "strategic ally" in lab["span"]["text"]
    )


@pytest.mark.model
def test_an_apposition_summing_up_the_clause_labels_no_one(seed_comparison: Any) -> None:
    """ "deliver … jets to Ukraine, the first such delivery by a NATO member" says what the
    delivery was, not what Ukraine is; "a major ally of Russia" does label China."""
    labels = {(lab["entity"], lab["span"]["text"]) for lab in _framing(seed_comparison)["labels"]}
    assert not {text for _entity, text in labels if "such delivery" in text}
    assert ("China", "a major ally of Russia") in labels


@pytest.mark.model
def test_credits_ap_afp_and_post_wires(seed_comparison: Any) -> None:
    agencies = {c["agency"] for o in _framing(seed_comparison)["outlets"] for c in o["credits"]}
    assert {"AP", "AFP", "Post wires"} <= agencies
    afp = next(
        c
        for o in _framing(seed_comparison)["outlets"]
        for c in o["credits"]
        if c["agency"] == "AFP"
    )
    assert afp["how"] == "in text"


@pytest.mark.model
def test_sourcing_names_the_speakers_the_quotes_section_names(seed_comparison: Any) -> None:
    """A quoted fragment inside reported speech is its reporter's ("Russian officials"), and a
    spokesperson speaking for Sunak is not Sunak; the side is the role's country."""
    sources = {
        q["speaker"]: q for o in _framing(seed_comparison)["outlets"] for q in o["quoted_sources"]
    }
    assert sources["Russian officials"]["side"] == "Russia"
    spokesperson = sources["A spokesperson for British Prime Minister Rishi Sunak"]
    assert spokesperson["side"] == "United Kingdom" and "Rishi Sunak" not in sources
    assert sources.get("Xi Jinping", {"count": 0})["count"] <= 1  # Xi is quoted once, by AP


@pytest.mark.model
def test_scare_quotes_and_tone_per_outlet(seed_comparison: Any) -> None:
    outlets = _framing(seed_comparison)["outlets"]
    scare = {s["text"] for o in outlets for s in o["scare_quotes"]}
    assert "best friend" in scare
    for outlet in outlets:
        assert -1 <= outlet["tone"]["own"] <= 1
        assert outlet["quoted_sources"]


@pytest.mark.model
def test_every_framing_span_cites_its_article(seed_comparison: Any) -> None:
    texts = {a.id: a.text for a in seed_comparison.articles}
    spans = list(iter_spans(_framing(seed_comparison)))
    assert len(spans) > 100
    for span in spans:
        assert texts[span["article"]][span["start"] : span["end"]] == span["text"]


@pytest.mark.model
def test_framing_section_renders_table(seed_comparison: Any) -> None:
    from manysides.render.section_framing import render

    section = render(seed_comparison)
    assert section is not None
    assert '<table class="framing"' in section.html and "special operation" in section.html
    assert "| concept |" in section.markdown and "Dmitry Peskov" in section.markdown


@pytest.mark.model
def test_terms_keep_their_own_words_only(seed_comparison: Any) -> None:
    """ "Both China and Russia" gives China, not "Both China"; "growing increasingly concerned
    China may send" gives China; his "best friend" keeps both quotation marks."""
    concepts = _framing(seed_comparison)["concepts"]
    terms = {t["term"] for c in concepts for t in _terms(c)}
    assert "Both China" not in terms and "increasingly concerned China" not in terms
    assert "Both sides" in terms  # a quantifier before a common noun is the outlet's word
    assert 'his "best friend"' in terms
    assert all(t.count('"') % 2 == 0 for t in terms), sorted(t for t in terms if '"' in t)
