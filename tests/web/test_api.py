"""The JSON API: listing, filters, the story document, articles, search, entities, schema."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.conftest import iter_spans


def test_story_list_counts_articles_sources_and_outlets(
    client: TestClient, seed_story: int
) -> None:
    body = client.get("/api/v1/stories").json()
    assert body["total"] >= 2
    seed = next(s for s in body["stories"] if s["id"] == seed_story)
    assert seed["articles"] == 2
    assert seed["independent_sources"] == 2
    assert sorted(seed["outlets"]) == ["Agency copy", "US tabloid"]
    assert seed["first_published"] == "2023-03-17"


def test_story_list_is_newest_first_and_sorts_by_size(client: TestClient) -> None:
    newest = client.get("/api/v1/stories").json()["stories"]
    dates = [s["last_published"] or "" for s in newest]
    assert dates == sorted(dates, reverse=True)
    biggest = client.get("/api/v1/stories", params={"sort": "biggest"}).json()["stories"]
    sizes = [s["articles"] for s in biggest]
    assert sizes == sorted(sizes, reverse=True)


def test_story_list_filters_by_outlet_entity_date_and_text(
    client: TestClient, seed_story: int
) -> None:
    def ids(**params: str) -> list[int]:
        return [s["id"] for s in client.get("/api/v1/stories", params=params).json()["stories"]]

    assert ids(outlet="Agency copy") == [seed_story]
    assert seed_story in ids(entity="Moscow")
    assert ids(since="2023-03-17", until="2023-03-17") == [seed_story]
    assert seed_story not in ids(since="2024-01-01")
    assert ids(q="Kremlin") == [seed_story]
    assert ids(q="zzzznotaword") == []


def test_story_document_is_the_compare_json_document(client: TestClient, seed_story: int) -> None:
    response = client.get(f"/api/v1/stories/{seed_story}")
    assert response.status_code == 200
    document = response.json()
    assert document["schema"] == "manysides.comparison/1"
    assert {
        "articles",
        "entities",
        "facts",
        "quotes",
        "timeline",
        "brief",
        "framing",
    } <= document.keys()
    texts = {a["id"]: a["text"] for a in document["articles"]}
    spans = list(iter_spans(document))
    assert spans
    assert all(texts[s["article"]][s["start"] : s["end"]] == s["text"] for s in spans)


def test_story_document_matches_the_store_comparison(client: TestClient, seed_story: int) -> None:
    """The API serves the cached text as stored, byte for byte."""
    state = client.app.state.web  # type: ignore[attr-defined]
    cached = state.cache.get(seed_story)
    assert client.get(f"/api/v1/stories/{seed_story}").text == cached.document


def test_article_endpoint_returns_text_and_story(client: TestClient, seed_story: int) -> None:
    document = client.get(f"/api/v1/stories/{seed_story}").json()
    first = document["articles"][0]
    article = client.get(f"/api/v1/articles/{first['id']}").json()
    assert article["text"] == first["text"]
    assert article["story_id"] == seed_story


def test_search_finds_articles_with_snippets(client: TestClient) -> None:
    results = client.get("/api/v1/search", params={"q": "MiG-29 Slovakia"}).json()["results"]
    assert results and results[0]["outlet"] == "Agency copy"
    assert "\x02" not in results[0]["snippet"]


def test_entity_endpoint_shows_each_outlets_names(client: TestClient) -> None:
    body = client.get("/api/v1/entities", params={"name": "Moscow"}).json()
    names = body["stories"][0]["names"]
    assert set(names) == {"US tabloid", "Agency copy"}


def test_unknown_ids_are_404_and_bad_ids_422(client: TestClient) -> None:
    assert client.get("/api/v1/stories/999999").status_code == 404
    assert client.get("/api/v1/articles/abcdef123456").status_code == 404
    assert client.get("/api/v1/stories/abc").status_code == 422
    assert client.get("/api/v1/stories/0").status_code == 422
    assert client.get("/api/v1/articles/..%2F..%2Fetc%2Fpasswd").status_code in (404, 422)
    assert client.get("/api/v1/stories", params={"limit": 10_000}).status_code == 422


def test_openapi_schema_lists_the_api(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    assert {
        "/api/v1/stories",
        "/api/v1/stories/{story_id}",
        "/api/v1/articles/{article_id}",
        "/api/v1/search",
    } <= set(schema["paths"])
    assert client.get("/docs").status_code == 404  # Swagger UI would load a CDN
