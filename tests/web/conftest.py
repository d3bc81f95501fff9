"""Web fixtures: a small real store (the two seeds plus two hostile articles), compared once
with the real models, served by TestClient and, for the browser, by uvicorn on 127.0.0.1."""

from __future__ import annotations

import json
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from manysides.corpus.store import Store
from manysides.model import Article
from manysides.read import read_sources
from manysides.web.app import WebSettings, WebState, create_app
from manysides.web.warm import warm_cache
from tests.conftest import SEED_A, SEED_B

SCRIPT = '<script>alert("xss")</script>'
ONERROR = "<img src=x onerror=alert(1)>"
HOSTILE_OUTLET = "<i>Evil</i> Gazette"
HOSTILE = [
    f"Harbor bridge {SCRIPT} reopens after repairs\n\n"
    f"The {ONERROR} harbor bridge in Port Example reopened on Monday after three weeks of"
    " repairs, the city council said. Mayor Ana Lopez told reporters the work cost 4 million"
    " dollars and finished two days early.\n\nTraffic returned to normal by the evening,"
    " according to the transport office.",
    f"Port Example bridge reopens {SCRIPT}\n\n"
    f"The harbor bridge in Port Example reopened on Monday {ONERROR} after three weeks of"
    " repairs, the city council said on Monday. Mayor Ana Lopez said the repairs cost 4"
    " million dollars.\n\nThe transport office said traffic was back to normal by evening.",
]


def _sources(root: Path) -> Path:
    """The seeds with outlet names in their metadata, and two articles full of markup."""
    root.mkdir()
    for seed, outlet in ((SEED_A, "US tabloid"), (SEED_B, "Agency copy")):
        shutil.copy(seed, root / seed.name)
        meta = {"published": "2023-03-17", "language": "en", "outlet": outlet}
        (root / seed.name).with_suffix(".meta.json").write_text(json.dumps(meta), "utf-8")
    for number, text in enumerate(HOSTILE):
        (root / f"hostile{number}.txt").write_text(text, "utf-8")
        meta = {"published": "2024-05-06", "language": "en", "outlet": f"{HOSTILE_OUTLET} {number}"}
        (root / f"hostile{number}.meta.json").write_text(json.dumps(meta), "utf-8")
    return root


def _insert_story(store: Store, story_id: int, articles: list[Article]) -> None:
    """A story row and its members, written directly: the web app only reads these tables."""
    dates = sorted(a.published or "" for a in articles)
    words = {w.strip(".,").lower() for a in articles for w in a.title.split() if w[:1].isupper()}
    store.db.execute(
        "INSERT INTO stories(id, size, first_published, last_published, centroid, terms,"
        " entities) VALUES (?, ?, ?, ?, x'', '{}', ?)",
        (story_id, len(articles), dates[0], dates[-1], json.dumps(dict.fromkeys(words, 1))),
    )
    store.db.executemany(
        "INSERT INTO story_articles(article_id, story_id) VALUES (?, ?)",
        [(a.id, story_id) for a in articles],
    )


@pytest.fixture(scope="session")
def web_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Articles read by the real readers and stored with `Store.insert_article`; the two
    stories are written directly, so these tests do not depend on the clustering."""
    base = tmp_path_factory.mktemp("web")
    path = base / "web.db"
    articles, rejections = read_sources([_sources(base / "sources")])
    assert not rejections and len(articles) == 4
    by_outlet = sorted(articles, key=lambda a: a.outlet)
    with Store.open(path) as store, store.transaction():
        for article in articles:
            store.insert_article(article)
        _insert_story(store, 1, [a for a in by_outlet if "Evil" not in a.outlet])
        _insert_story(store, 2, [a for a in by_outlet if "Evil" in a.outlet])
    return path


@pytest.fixture(scope="session")
def web_app(web_db: Path) -> FastAPI:
    """The app with every story compared once (real models), so tests hit the cache."""
    app = create_app(WebSettings(web_db))
    state: WebState = app.state.web
    warm_cache(state, 20, min_articles=1)
    return app


@pytest.fixture(scope="session")
def client(web_app: FastAPI) -> Iterator[TestClient]:
    with TestClient(web_app) as test_client:
        yield test_client


@pytest.fixture(scope="session")
def seed_story(client: TestClient) -> int:
    stories = client.get("/api/v1/stories", params={"q": "Xi Moscow"}).json()["stories"]
    return int(stories[0]["id"])


@pytest.fixture(scope="session")
def hostile_story(client: TestClient) -> int:
    stories = client.get("/api/v1/stories", params={"q": "harbor bridge"}).json()["stories"]
    return int(stories[0]["id"])


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def live_server(web_app: FastAPI) -> Iterator[str]:
    """The same app under uvicorn on 127.0.0.1 (a real socket for the browser)."""
    import uvicorn

    port = _free_port()
    server = uvicorn.Server(
        uvicorn.Config(web_app, host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "uvicorn did not start within 20 s"
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)
