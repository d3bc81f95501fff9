"""Hostile text shows as text, parameters cannot inject SQL or paths, the app is read-only."""

from __future__ import annotations

import sqlite3

import pytest
from fastapi.testclient import TestClient

from tests.web.conftest import HOSTILE_OUTLET, ONERROR, SCRIPT


def _page_urls(client: TestClient, story: int) -> list[str]:
    document = client.get(f"/api/v1/stories/{story}").json()
    articles = [f"/articles/{a['id']}" for a in document["articles"]]
    return ["/", "/?q=harbor", f"/stories/{story}", *articles, "/entities/Port%20Example"]


def test_hostile_markup_is_escaped_on_every_page(client: TestClient, hostile_story: int) -> None:
    for url in _page_urls(client, hostile_story):
        html = client.get(url).text
        assert SCRIPT not in html, url
        assert ONERROR not in html, url
        assert "<i>Evil</i>" not in html, url
        assert "<img" not in html, url
    story = client.get(f"/stories/{hostile_story}").text
    assert "&lt;script&gt;alert(" in story
    assert "&lt;i&gt;Evil&lt;/i&gt; Gazette" in story


def test_hostile_text_is_returned_verbatim_as_json(client: TestClient, hostile_story: int) -> None:
    document = client.get(f"/api/v1/stories/{hostile_story}").json()
    assert any(SCRIPT in a["text"] for a in document["articles"])
    assert any(a["outlet"].startswith(HOSTILE_OUTLET) for a in document["articles"])


def test_hostile_query_parameters_are_escaped(client: TestClient) -> None:
    html = client.get(
        "/", params={"q": SCRIPT, "entity": ONERROR, "outlet": '"><svg onload=1>'}
    ).text
    assert SCRIPT not in html and ONERROR not in html and "<svg" not in html
    entity = client.get("/entities/" + "%3Cscript%3Ealert(1)%3C%2Fscript%3E").text
    assert "<script>alert(1)" not in entity


@pytest.mark.parametrize(
    "params",
    [
        {"q": "x' OR 1=1 --"},
        {"q": '"unterminated'},
        {"q": "NEAR( AND OR *"},
        {"outlet": "' OR '1'='1"},
        {"entity": "x') OR 1=1 --"},
        {"q": "'; DROP TABLE articles; --"},
    ],
)
def test_injection_attempts_match_nothing_and_break_nothing(
    client: TestClient, params: dict[str, str]
) -> None:
    response = client.get("/api/v1/stories", params=params)
    assert response.status_code == 200
    assert response.json()["stories"] == []
    assert client.get("/api/v1/search", params={"q": params.get("q", "x'--")}).status_code == 200


def test_store_survives_injection_attempts(client: TestClient, web_db: object) -> None:
    client.get("/api/v1/search", params={"q": "'; DROP TABLE articles; --"})
    with sqlite3.connect(str(web_db)) as db:
        assert db.execute("SELECT count(*) FROM articles").fetchone()[0] == 4


def test_path_traversal_reaches_no_file(client: TestClient) -> None:
    for url in (
        "/static/../../../../etc/passwd",
        "/static/%2e%2e/%2e%2e/etc/passwd",
        "/articles/..%2F..%2Fetc%2Fpasswd",
    ):
        response = client.get(url)
        assert response.status_code in (404, 422), url
        assert "root:" not in response.text


def test_security_headers_are_set(client: TestClient, seed_story: int) -> None:
    for url in ("/", f"/stories/{seed_story}", "/api/v1/stories", "/static/app.css"):
        headers = client.get(url).headers
        csp = headers["content-security-policy"]
        assert "default-src 'none'" in csp and "script-src 'self'" in csp
        assert "unsafe-inline" not in csp
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["x-frame-options"] == "DENY"


def test_requests_read_through_read_only_connections(client: TestClient) -> None:
    reader = client.app.state.web.db.reader()  # type: ignore[attr-defined]
    with pytest.raises(sqlite3.OperationalError):
        reader.execute("DELETE FROM articles")


def test_write_endpoint_refused_unless_enabled(
    client: TestClient, seed_story: int, hostile_story: int
) -> None:
    response = client.post(f"/api/v1/stories/{seed_story}/merge/{hostile_story}")
    assert response.status_code == 403
    assert client.get(f"/api/v1/stories/{hostile_story}").status_code == 200


def test_foreign_host_header_refused_when_serving_loopback(web_db: object) -> None:
    from pathlib import Path

    from manysides.web.app import LOOPBACK_HOSTS, WebSettings, create_app

    app = create_app(WebSettings(Path(str(web_db)), allowed_hosts=LOOPBACK_HOSTS))
    with TestClient(app, base_url="http://127.0.0.1:8000") as local:
        assert local.get("/api/v1/stories").status_code == 200
        assert local.get("/api/v1/stories", headers={"host": "evil.example"}).status_code == 400
