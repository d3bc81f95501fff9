"""Provenance is sacred: every citation in every output resolves to exactly its text."""

from __future__ import annotations

import re
from typing import Any

import pytest

from manysides.render.html import render_html
from manysides.render.markdown import render_markdown
from tests.conftest import iter_spans

pytestmark = pytest.mark.model


def test_every_json_span_resolves_exactly(seed_document: dict[str, Any]) -> None:
    texts = {a["id"]: a["text"] for a in seed_document["articles"]}
    spans = list(iter_spans(seed_document))
    assert len(spans) > 300
    for span in spans:
        assert texts[span["article"]][span["start"] : span["end"]] == span["text"], span


def test_every_fact_claim_is_a_span_of_its_article(seed_comparison: Any) -> None:
    texts = {a.id: a.text for a in seed_comparison.articles}
    for fact in seed_comparison.facts:
        for claim in fact.claims:
            assert texts[claim.span.article][claim.span.start : claim.span.end] == claim.span.text


def test_markdown_citations_resolve(seed_comparison: Any) -> None:
    """Every section cites the same way, [N:start-end]; a quoted passage followed by one
    citation is exactly the cited text (Markdown escapes aside)."""
    markdown = render_markdown(seed_comparison)
    texts = [a.text for a in seed_comparison.articles]
    cited = re.findall(r"“([^”]+?)” \[(\d+):(\d+)-(\d+)\]", markdown)
    assert len(cited) > sum(len(f.claims) for f in seed_comparison.facts)
    for shown, number, start, end in cited:
        source = texts[int(number) - 1][int(start) : int(end)]
        escaped = source.replace("|", "\\|").replace("*", "\\*").replace("_", "\\_")
        assert shown in (source, escaped), (shown, number, start, end)
    every = re.findall(r"(?<=[\[ ])(\d+):(\d+)-(\d+)(?=[;\]])", markdown)
    assert len(every) > len(cited)
    for number, start, end in every:
        assert 0 <= int(start) < int(end) <= len(texts[int(number) - 1])
    assert not re.search(r"[0-9a-f]{12}:\d+-\d+", markdown)  # no internal article ids


def test_html_claims_show_exactly_their_span(seed_comparison: Any) -> None:
    from lxml import html as lxml_html

    page = lxml_html.fromstring(render_html(seed_comparison))
    shown = {(el.get("data-fact"), el.text_content()) for el in page.xpath("//span[@data-fact]")}
    expected = {(f.id, c.span.text) for f in seed_comparison.facts for c in f.claims}
    assert expected == shown
