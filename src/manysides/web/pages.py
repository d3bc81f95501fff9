"""The HTML pages: story list, story, article and entity. Server-rendered, autoescaped.

Pages take the same validated parameters as the API. Article text reaches a page only
through markupsafe's escape (in the report columns and `highlight`) or autoescaping.
"""

from __future__ import annotations

import json
import math
import threading
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import HTMLResponse
from markupsafe import Markup

from manysides.web import views
from manysides.web.api import ArticleId, StoryId, Text
from manysides.web.app import WebState, state
from manysides.web.comparisons import StoryNotFound
from manysides.web.highlight import highlighted, layers
from manysides.web.queries import (
    Sort,
    StoryFilter,
    article_row,
    data_version,
    outlets,
    search,
    story_page,
    story_row,
)
from manysides.web.story_render import templates

router = APIRouter(include_in_schema=False)
App = Annotated[WebState, Depends(state)]
PAGE_SIZE = 50
_outlets_memo: dict[tuple[str, int, int], list[tuple[str, int]]] = {}
_memo_lock = threading.Lock()


def _page(template: str, status: int = 200, **context: Any) -> HTMLResponse:
    html = templates().get_template(template).render(**context)
    return HTMLResponse(html, status_code=status)


def _not_found(message: str) -> HTMLResponse:
    return _page("error.html.j2", 404, title="Not found", message=message)


def _outlet_menu(app: WebState) -> list[tuple[str, int]]:
    """Outlets for the filter menu, recounted only when the store changed."""
    reader = app.db.reader()
    key = (str(app.settings.db), *data_version(reader))
    with _memo_lock:
        if key not in _outlets_memo:
            _outlets_memo.clear()
            _outlets_memo[key] = outlets(reader)
        return _outlets_memo[key]


@router.get("/", response_class=HTMLResponse)
def index(
    request: Request,
    app: App,
    q: Text = None,
    outlet: Text = None,
    entity: Text = None,
    since: date | None = None,
    until: date | None = None,
    sort: Sort = "newest",
    min_articles: Annotated[int, Query(ge=1, le=100_000)] = 1,
    page: Annotated[int, Query(ge=1, le=10_000)] = 1,
) -> HTMLResponse:
    """The story list with its filters; a search also lists the best matching articles."""
    wanted = StoryFilter(
        q or None, outlet or None, entity or None, since, until, min_articles, sort,
        PAGE_SIZE, (page - 1) * PAGE_SIZE,
    )  # fmt: skip
    reader = app.db.reader()
    found = story_page(reader, wanted)
    hits = search(reader, q, 10) if q else []
    return _page(
        "index.html.j2",
        title="Stories",
        filters=wanted,
        page=found,
        hits=[(h, _snippet(h.snippet)) for h in hits],
        outlets=_outlet_menu(app),
        current_page=page,
        pages=max(1, math.ceil(found.total / PAGE_SIZE)),
        query=dict(request.query_params),
    )


def _snippet(text: str) -> Markup:
    """An FTS snippet, escaped, with the matched words (between U+0002 and U+0003) marked."""
    escaped = str(Markup.escape(text))
    return Markup(escaped.replace("\x02", "<mark>").replace("\x03", "</mark>"))


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story(app: App, story_id: StoryId) -> HTMLResponse:
    """One story: outlets side by side and every report section (compared on first view)."""
    row = story_row(app.db.reader(), story_id)
    if row is None:
        return _not_found(f"There is no story {story_id}.")
    try:
        cached = app.cache.get(story_id)
    except StoryNotFound:
        return _not_found(f"There is no story {story_id}.")
    return _page(
        "story.html.j2",
        title=row.title or f"Story {story_id}",
        story=row,
        compared=len(cached.articles),
        body=Markup(cached.page),
    )


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article(app: App, article_id: ArticleId) -> HTMLResponse:
    """An article with every annotation of its story's comparison highlighted."""
    row = article_row(app.db.reader(), article_id)
    if row is None:
        return _not_found(f"There is no article {article_id}.")
    cached = app.cache.get(row.story_id) if row.story_id is not None else None
    annotated = cached is not None and article_id in cached.articles
    document = json.loads(cached.document) if cached and annotated else {}
    return _page(
        "article.html.j2",
        title=row.title,
        article=row,
        annotated=annotated,
        body=highlighted(row.text, layers(document, article_id)),
    )


@router.get("/entities/{name:path}", response_class=HTMLResponse)
def entity(app: App, name: Annotated[str, Path(min_length=1, max_length=200)]) -> HTMLResponse:
    """Stories naming an entity and, where compared, the words each outlet uses for it."""
    found = views.entity_stories(app, name)
    return _page("entity.html.j2", title=name, name=name, stories=found)
