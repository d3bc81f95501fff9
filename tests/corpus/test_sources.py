"""Feeds, WARC archives and URLs, from fixtures written by the tests (no network)."""

from __future__ import annotations

import io
from pathlib import Path

import httpx

from manysides.corpus.fetch import PoliteClient
from manysides.corpus.ingest import ingest
from manysides.corpus.sources import SourceOptions
from manysides.corpus.store import Store
from manysides.model import Article
from tests.corpus.conftest import FAST


def _html(article: Article) -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in article.text[article.body_start :].split("\n\n"))
    return (
        f"<html><head><title>{article.title}</title></head><body><article>"
        f"<h1>{article.title}</h1>{paragraphs}</article></body></html>"
    )


def _feed(articles: list[Article], full: bool) -> str:
    items = "".join(
        f"<item><title>{a.title}</title><link>https://news.example/{a.id}</link>"
        f"<pubDate>Mon, 06 Nov 2016 10:00:00 GMT</pubDate><description><![CDATA["
        f"{_html(a) if full else a.title}]]></description></item>"
        for a in articles
    )
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Example</title>{items}</channel></rss>'


def test_feed_entries_with_full_content_are_articles(
    store: Store, tmp_path: Path, real_articles: list[Article]
) -> None:
    feed = tmp_path / "world.rss"
    feed.write_text(_feed(real_articles[:3], full=True))
    report = ingest(store, [str(feed)], features=FAST)
    assert report.totals()["accepted"] == 3
    urls = {r[0] for r in store.db.execute("SELECT url FROM articles")}
    assert urls == {f"https://news.example/{a.id}" for a in real_articles[:3]}


def test_summary_only_entries_need_fetch(
    store: Store, tmp_path: Path, real_articles: list[Article]
) -> None:
    feed = tmp_path / "world.rss"
    feed.write_text(_feed(real_articles[:2], full=False))
    report = ingest(store, [str(feed)], features=FAST)
    assert report.totals()["rejected"] == 2
    assert "--fetch" in report.sources[str(feed)].reasons[0]


def test_fetch_follows_feed_links_politely(
    store: Store, tmp_path: Path, real_articles: list[Article]
) -> None:
    pages = {f"/{a.id}": _html(a) for a in real_articles[:2]}
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.headers["user-agent"])
        if request.url.path == "/robots.txt":
            return httpx.Response(200, text="User-agent: *\nDisallow: /private\n")
        if request.url.path == "/feed":
            return httpx.Response(
                200,
                text=_feed(real_articles[:2], full=False),
                headers={"content-type": "application/rss+xml"},
            )
        return httpx.Response(
            200, text=pages[request.url.path], headers={"content-type": "text/html"}
        )

    client = PoliteClient(delay=0.0, transport=httpx.MockTransport(handler))
    report = ingest(
        store,
        ["https://news.example/feed", "https://news.example/private"],
        options=SourceOptions(client),
        features=FAST,
    )
    assert report.totals() == {"accepted": 2, "duplicate": 0, "rejected": 1}
    assert "robots.txt" in report.sources["https://news.example/private"].reasons[0]
    assert all(agent.startswith("manysides/") for agent in seen)


def test_urls_without_fetch_are_rejected_with_the_fix(store: Store) -> None:
    report = ingest(store, ["https://news.example/a"], features=FAST)
    assert "--fetch" in report.sources["https://news.example/a"].reasons[0]


def test_warc_html_responses_are_articles(
    store: Store, tmp_path: Path, real_articles: list[Article]
) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    path = tmp_path / "crawl.warc.gz"
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        for article in real_articles[:3]:
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
            )
            record = writer.create_warc_record(
                f"https://news.example/{article.id}",
                "response",
                payload=io.BytesIO(_html(article).encode()),
                http_headers=headers,
            )
            writer.write_record(record)
    report = ingest(store, [str(path)], features=FAST)
    assert report.totals()["accepted"] == 3
    sources = [r[0] for r in store.db.execute("SELECT source FROM articles")]
    assert all(s.startswith(f"{path}#https://news.example/") for s in sources)


def test_broken_warc_is_a_rejection_not_a_crash(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "bad.warc"
    path.write_bytes(b"not a warc at all")
    report = ingest(store, [str(path)], features=FAST)
    assert report.totals()["accepted"] == 0
