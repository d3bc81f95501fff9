from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from manysides.corpus.dedup import describe_copy
from manysides.corpus.evaluate import adjusted_rand, b_cubed
from manysides.corpus.export import export, rows
from manysides.corpus.ingest import ingest_articles
from manysides.corpus.store import Store, StoreError
from manysides.corpus.stories import list_stories, merge, recluster, split, story_articles
from manysides.model import Article
from manysides.read.build import Metadata, build_article
from tests.corpus.conftest import FAST


def _copy(article: Article, outlet: str) -> Article:
    """A wire copy: new headline, last paragraph cut, a sentence and a boilerplate line added."""
    sentences = article.text[article.body_start :].split(". ")
    text = (
        ". ".join(sentences[:-1])
        + ".\n\nThe agency did not respond to a request for comment.\n\nSign up for our newsletter."
    )
    return build_article(
        text,
        Metadata(title="Rewritten: " + article.title, outlet=outlet, published="2016-11-02"),
        f"{outlet}.json",
    )


def test_wire_copy_is_found_with_original_and_diff(
    store: Store, real_articles: list[Article]
) -> None:
    original = replace(real_articles[0], published="2016-11-01")
    copy = _copy(original, "copycat.example")
    ingest_articles(store, [copy, original, *real_articles[1:6]], features=FAST)
    pairs = rows(store, "copies")
    assert [(p["article"], p["original"]) for p in pairs] == [(copy.id, original.id)]
    diff = describe_copy(original, copy)
    assert diff.added == ["The agency did not respond to a request for comment."]
    assert diff.headline is not None and diff.cut
    story = next(s for s in list_stories(store) if s.articles >= 2)
    assert story.independent == story.articles - 1


def test_pages_sharing_only_site_boilerplate_are_not_copies(
    store: Store, real_articles: list[Article]
) -> None:
    """Two pages of one site whose only text is its template (a messenger appeal, a
    copyright line) are neither copies nor joined into one story through that text."""
    template = (
        "Chat with us in Facebook Messenger. Find out what's happening in the world as it"
        " unfolds.\n\nCopyright 2017 Cable News Network. All rights reserved."
    )
    pages = [
        build_article(template, Metadata(title=title, outlet="cnn.example"), f"{n}.html")
        for n, title in enumerate(["China accused of letting oil into North Korea", "Vegas"])
    ]
    assert [f.kind for f in pages[0].furniture] == ["boilerplate", "boilerplate"]
    ingest_articles(store, [*real_articles[:3], *pages], features=FAST)
    assert rows(store, "copies") == []
    assert (
        store.db.execute(
            "SELECT count(*) FROM lsh_bands WHERE article_id IN (?, ?)", (pages[0].id, pages[1].id)
        ).fetchone()[0]
        == 0
    )


def test_clustering_is_deterministic(tmp_path: Path, real_articles: list[Article]) -> None:
    dumps = []
    for name in ("a.db", "b.db"):
        with Store.open(tmp_path / name) as store:
            ingest_articles(store, real_articles, features=FAST)
            dumps.append(store.db.execute("SELECT * FROM story_articles ORDER BY 1").fetchall())
    assert dumps[0] == dumps[1]


def test_merge_and_split_survive_reclustering(store: Store, real_articles: list[Article]) -> None:
    ingest_articles(store, real_articles, features=FAST)
    ids = [s.id for s in list_stories(store)]
    assert len(ids) >= 3
    merge(store, ids[0], ids[1])
    merged = {a.id for a in story_articles(store, ids[0])}
    big = max(list_stories(store), key=lambda s: s.articles)
    moved = [story_articles(store, big.id)[-1].id]
    split(store, big.id, moved)
    before = {frozenset(a.id for a in story_articles(store, s.id)) for s in list_stories(store)}
    recluster(store)
    after = {frozenset(a.id for a in story_articles(store, s.id)) for s in list_stories(store)}
    assert any(merged - set(moved) <= group for group in after)
    assert frozenset(moved) in after
    assert before == after


def test_split_rejects_articles_of_other_stories(
    store: Store, real_articles: list[Article]
) -> None:
    ingest_articles(store, real_articles[:4], features=FAST)
    with pytest.raises(StoreError, match="no such article: nonexistent"):
        split(store, 1, ["nonexistent"])
    with pytest.raises(StoreError, match="no story 999"):
        split(store, 999, [real_articles[0].id])
    elsewhere = next(
        a.id for a in real_articles[:4] if a.id not in {m.id for m in story_articles(store, 1)}
    )
    with pytest.raises(StoreError, match="not in story 1"):
        split(store, 1, [elsewhere])


def test_exported_articles_carry_id_source_outlet_published_story(
    store: Store, tmp_path: Path, real_articles: list[Article]
) -> None:
    ingest_articles(store, real_articles[:5], features=FAST)
    text = export(store, "articles", "jsonl", None)
    assert text is not None
    first = json.loads(text.splitlines()[0])
    assert {"id", "source", "url", "outlet", "published", "story"} <= first.keys()
    export(store, "articles", "parquet", tmp_path / "a.parquet")
    import pyarrow.parquet as pq

    assert pq.read_table(tmp_path / "a.parquet").num_rows == 5
    assert export(store, "stories", "csv", None)


def test_empty_tables_export_their_header_and_lists_stay_lists(
    store: Store, real_articles: list[Article]
) -> None:
    assert export(store, "copies", "csv", None) == "article,original,jaccard\r\n"
    ingest_articles(store, real_articles[:4], features=FAST)
    jsonl = export(store, "stories", "jsonl", None)
    assert jsonl is not None
    story = json.loads(jsonl.splitlines()[0])
    assert isinstance(story["outlets"], list) and isinstance(story["entities"], list)
    csv_text = export(store, "stories", "csv", None)
    assert csv_text is not None and "; " in csv_text.splitlines()[1]


def test_b_cubed_and_ari_known_values() -> None:
    assert b_cubed([1, 1, 2, 2], ["a", "a", "b", "b"]) == (1.0, 1.0, 1.0)
    p, r, _f = b_cubed([1, 1, 1, 1], ["a", "a", "b", "b"])
    assert (p, r) == (0.5, 1.0)
    assert adjusted_rand([1, 1, 2, 2], ["x", "x", "y", "y"]) == 1.0
    assert adjusted_rand([1, 2, 1, 2], ["x", "x", "y", "y"]) < 0


def test_stories_table_keeps_numbers_and_days_whole_at_80_columns(
    tmp_path: Path, real_articles: list[Article]
) -> None:
    import os
    import subprocess
    import sys

    db = tmp_path / "n.db"
    with Store.open(db) as store:
        ingest_articles(store, real_articles[:6], features=FAST)
        first = list_stories(store)[0]
    binary = Path(sys.executable).parent / "manysides"
    result = subprocess.run(
        [str(binary), "stories", "--db", str(db)],
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "80"},
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert first.first is not None and first.first[:10] in result.stdout
    assert "…" not in result.stdout.split("\n")[1]  # no header cut ("independe…")
