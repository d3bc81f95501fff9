"""Readers: text with sidecar/front matter, HTML via trafilatura, JSON/JSONL (news-please)."""

from __future__ import annotations

import json
from pathlib import Path

from manysides.read import read_sources
from tests.conftest import EXAMPLES, SEED_A

DATA = Path(__file__).resolve().parent.parent / "data"


def test_text_headline_is_first_line_after_section_kicker() -> None:
    articles, rejections = read_sources([SEED_A])
    assert rejections == []
    (article,) = articles
    assert article.title == "China leader Xi to visit Moscow in show of support for Putin"
    assert article.title_span is not None and article.title_span.text == article.title
    assert article.furniture[0].kind == "section" and article.furniture[0].span.text == "US News"
    assert article.published == "2023-03-17"  # from the sidecar
    assert article.language == "en"


def test_text_normalization_keeps_offsets_on_stored_text() -> None:
    (article,), _ = read_sources([SEED_A])
    assert "“" not in article.text and "’" not in article.text
    assert "\n\n\n" not in article.text
    for item in article.furniture:
        assert article.text[item.span.start : item.span.end] == item.span.text


def test_front_matter_metadata(tmp_path: Path) -> None:
    body = SEED_A.read_text("utf-8")
    path = tmp_path / "story.md"
    path.write_text(
        "---\noutlet: New York Post\nurl: https://nypost.com/x\npublished: 2023-03-17\n---\n" + body
    )
    (article,), _ = read_sources([path])
    assert (article.outlet, article.outlet_source) == ("New York Post", "metadata")
    assert article.url == "https://nypost.com/x"
    assert not article.text.startswith("---")


def test_html_main_text_and_metadata() -> None:
    (article,), rejections = read_sources([DATA / "xi_visit_page.html"])
    assert rejections == []
    assert (
        article.title
        == "Xi Jinping will visit Russia for the first time since the invasion of Ukraine"
    )
    assert "Slovakia offered Kyiv 13 MiG-29 combat aircraft" in article.text
    assert "cookies" not in article.text and "Celebrity chef" not in article.text
    assert article.published == "2023-03-17"
    assert article.outlet == "Example Wire" and article.outlet_source == "metadata"


def test_newsplease_json_outlet_from_metadata_and_url() -> None:
    (article,), _ = read_sources([DATA / "newsplease_article.json"])
    assert article.outlet == "www.nypost.example"
    assert article.text.startswith(article.title)
    assert article.published == "2023-03-17"


def test_jsonl_bad_line_is_rejected_and_rest_read(tmp_path: Path) -> None:
    record = json.loads((DATA / "newsplease_article.json").read_text("utf-8"))
    other = {**record, "text": record["text"].replace("Xi", "President Xi"), "source_domain": None}
    path = tmp_path / "batch.jsonl"
    path.write_text(json.dumps(record) + "\n{not json\n" + json.dumps(other) + "\n")
    articles, rejections = read_sources([path])
    assert len(articles) == 2
    assert articles[1].outlet_source == "url" and articles[1].outlet == "nypost.example"
    assert len(rejections) == 1 and rejections[0].source.endswith("batch.jsonl:2")


def test_folder_reads_all_and_skips_sidecars() -> None:
    articles, rejections = read_sources([EXAMPLES])
    assert [a.outlet for a in articles] == ["000_7122ce95faa28aea", "002_0bb737b31468a132"]
    assert rejections == []
