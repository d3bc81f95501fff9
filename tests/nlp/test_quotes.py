"""Quotes and speakers: the seed quotes with their speakers, split and carried quotations."""

from __future__ import annotations

import sys
from dataclasses import replace
from typing import Any

import pytest

from manysides.model import Article
from manysides.nlp.annotate import annotate_articles
from manysides.nlp.quotes import quoted_segments
from tests.conftest import EXAMPLES, SHARED_DATA


def _by_speaker(document: dict[str, Any], name_part: str) -> list[dict[str, Any]]:
    names = {e["id"]: e["name"] for e in document["entities"]}
    return [
        q
        for q in document["quotes"]
        if name_part in (names.get(q["speaker"]) or q["speaker_text"] or "")
    ]


def _contents(quotes: list[dict[str, Any]]) -> str:
    return " | ".join(span["text"] for q in quotes for span in q["content"])


def test_quoted_segments_exclude_marks_and_run_open_quotes_to_paragraph_end() -> None:
    text = '"We will go," he said, "and stay." "Open to the end'
    segments = [text[s:e] for s, e in quoted_segments(text, 0, len(text))]
    assert segments == ["We will go", "and stay.", "Open to the end"]


@pytest.mark.model
def test_seed_peskov_quotes_resolve_to_one_entity(seed_document: dict[str, Any]) -> None:
    quotes = _by_speaker(seed_document, "Peskov")
    assert {q["speaker"] for q in quotes} and None not in {q["speaker"] for q in quotes}
    assert len({q["speaker"] for q in quotes}) == 1
    text = _contents(quotes)
    for words in ("will be discussed", "An exchange of views", "will be destroyed"):
        assert words in text
    assert all(q["direct"] for q in quotes)


@pytest.mark.model
def test_seed_wang_wenbin_pronoun_and_carried_quote(seed_document: dict[str, Any]) -> None:
    quotes = _by_speaker(seed_document, "Wang Wenbin")
    text = _contents(quotes)
    assert "changes unseen in a century" in text  # '"…," he said.'
    assert "China will uphold its objective" in text  # next paragraph, no cue
    kinds = {q["speaker_kind"] for q in quotes}
    assert {"pronoun", "carried"} <= kinds


@pytest.mark.model
def test_seed_sunak_spokesperson_is_the_speaker_not_sunak(seed_document: dict[str, Any]) -> None:
    quotes = _by_speaker(seed_document, "spokesperson for British Prime Minister Rishi Sunak")
    text = _contents(quotes)
    assert "genuine role in restoring sovereignty" in text  # "the spokesperson told reporters"
    assert "any peace deal which is not predicated" in text  # carried to the next paragraph
    assert all(q["speaker"] is None for q in quotes)  # a spokesperson is not Sunak himself
    names = {e["id"]: e["name"] for e in seed_document["entities"]}
    assert {names.get(q["affiliation"]) for q in quotes} == {"Rishi Sunak"}


@pytest.mark.model
def test_seed_heger_and_chong_quotes(seed_document: dict[str, Any]) -> None:
    heger = _contents(_by_speaker(seed_document, "Heger"))
    assert "We will transfer 13 of our MiG-29 aircraft" in heger
    assert "Our steps are fully aligned" in heger
    chong = _by_speaker(seed_document, "Chong")
    assert chong and "meaningful peacemaker role" in _contents(chong)
    assert all(q["speaker"] is not None for q in chong)


@pytest.mark.model
def test_seed_same_quotation_across_outlets_shows_wording(seed_document: dict[str, Any]) -> None:
    kuleba = _by_speaker(seed_document, "Kuleba")
    linked = [q for q in kuleba if q["same_as"]]
    assert len(linked) == 2
    changes = [c for q in linked for d in q["differences"] for c in d["changes"]]
    assert {"this": "significance", "other": "meaning"} in changes


@pytest.mark.model
def test_quote_spans_cite_the_article_text(seed_document: dict[str, Any]) -> None:
    texts = {a["id"]: a["text"] for a in seed_document["articles"]}
    for quote in seed_document["quotes"]:
        spans = [*quote["content"], quote["cue"], quote["speaker_span"], quote["speaker_ref"]]
        for span in filter(None, spans):
            assert texts[span["article"]][span["start"] : span["end"]] == span["text"]


@pytest.mark.model
def test_split_quote_is_one_quote_with_two_parts(nlp: Any) -> None:
    text = (
        "Split quotes\n\n"
        'Officials met on Tuesday. "The talks went well," Smith said. "We will meet again soon."\n\n'
        '"Nothing was signed," she said, "but we agreed on the next steps."\n'
    )
    article = Article("t1", text, "test", "filename", "Split quotes", "t1")
    article = replace(article, title_span=article.span(0, 12), body_start=14)
    (annotated,) = annotate_articles([article], nlp)
    parts = [[s.text for s in q.content] for q in annotated.quotes]
    assert ["The talks went well", "We will meet again soon."] in parts
    assert ["Nothing was signed", "but we agreed on the next steps."] in parts
    assert all(
        q.speaker_ref is not None and q.speaker_ref.text == "Smith" for q in annotated.quotes
    )


def _benchmark(name: str) -> Any:
    """A benchmark script as a module (benchmarks/ is not a package)."""
    import importlib.util

    path = EXAMPLES.parent / "benchmarks" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(f"bench_{name}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


@pytest.mark.model
@pytest.mark.skipif(not (SHARED_DATA / "polnear").exists(), reason="../shared/data missing")
def test_polnear_floor(nlp: Any) -> None:
    """Quality gate on the first 20 PolNeAR dev articles (measured 2026-11-23 after the
    belief/intention/stance/dash/colon cues: content overlap F1 0.731 (P 0.794), cue F1 0.715,
    speaker accuracy 0.819, attribution-with-speaker F1 0.598); floors sit 0.03 below. The
    content precision floor moved from 0.87 to 0.76 on purpose: recall was the weak side and
    the F1 floors rose (0.60 -> 0.70, cue 0.55 -> 0.68)."""
    result = _benchmark("quotes_polnear").evaluate("dev", 20, nlp)
    assert result["content_overlap"]["f1"] >= 0.70
    assert result["content_overlap"]["p"] >= 0.76
    assert result["cue"]["f1"] >= 0.68
    assert result["speaker_accuracy"] >= 0.78
    assert result["attribution_with_speaker"]["f1"] >= 0.56
