"""The HTML pages over TestClient: list, story, article, entity, errors."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient


def test_story_list_page_links_stories_with_counts(client: TestClient, seed_story: int) -> None:
    html = client.get("/").text
    assert f'href="/stories/{seed_story}"' in html
    assert "China leader Xi to visit Moscow" in html
    assert "Independent" in html


def test_search_page_lists_matching_articles_with_marks(client: TestClient) -> None:
    html = client.get("/", params={"q": "Kuleba"}).text
    assert "Matching articles" in html
    assert "<mark>Kuleba</mark>" in html


def test_story_page_has_columns_sections_and_entities(client: TestClient, seed_story: int) -> None:
    html = client.get(f"/stories/{seed_story}").text
    assert html.count('class="col"') == 2
    assert 'class="claim all"' in html and "data-fact=" in html
    for section in ("quotes", "timeline", "conflicts", "framing"):
        assert f'id="section-{section}' in html, section
    assert "Dmitry Kuleba" in html and "Dmytro Kuleba" in html
    assert "<script>" not in html.split("</head>")[1]  # no inline script in the body


def test_article_page_highlights_all_annotation_kinds(client: TestClient, seed_story: int) -> None:
    document = client.get(f"/api/v1/stories/{seed_story}").json()
    html = client.get(f"/articles/{document['articles'][0]['id']}").text
    classes = {c for attr in re.findall(r'<span class="([^"]+)"', html) for c in attr.split()}
    assert {"claim", "all", "one", "ent", "quote", "speaker", "date", "headline"} <= classes


def test_entity_page_shows_how_each_outlet_names_it(client: TestClient) -> None:
    html = client.get("/entities/Kyiv").text
    assert "Calls it" in html
    assert "US tabloid" in html and "Agency copy" in html


def test_missing_story_and_article_pages_are_404(client: TestClient) -> None:
    assert client.get("/stories/424242").status_code == 404
    assert client.get("/articles/abcdef012345").status_code == 404
    assert client.get("/stories/nope").status_code == 422
