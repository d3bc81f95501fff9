"""The JSON API under ``/api/v1/``: stories, a story's comparison document, articles, search.

Every parameter is typed and bounded (ids are integers or hex, lengths capped), every query
is parameterized, and a story's document is served as the cached text of
`compare --format json`, byte for byte.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Path, Query
from fastapi.responses import Response
from pydantic import BaseModel

from manysides.web import views
from manysides.web.app import WebState, state
from manysides.web.comparisons import StoryNotFound
from manysides.web.queries import Sort, StoryFilter, article_row, search, story_page

router = APIRouter(prefix="/api/v1", tags=["api"])
StoryId = Annotated[int, Path(ge=1, le=2**62, description="Story id from /api/v1/stories.")]
ArticleId = Annotated[
    str,
    Path(pattern=r"^[0-9a-f]{6,64}(-[0-9]{1,4})?$", description="Article id (hex)."),
]
Text = Annotated[str | None, Query(max_length=200)]
App = Annotated[WebState, Depends(state)]


class StoryOut(BaseModel):
    id: int
    articles: int
    independent_sources: int
    outlets: list[str]
    first_published: str | None
    last_published: str | None
    title: str
    entities: list[str]


class StoryListOut(BaseModel):
    total: int
    limit: int
    offset: int
    stories: list[StoryOut]


class ArticleOut(BaseModel):
    id: str
    outlet: str
    title: str
    published: str | None
    url: str | None
    language: str | None
    story_id: int | None
    text: str


class SearchHitOut(BaseModel):
    article: str
    title: str
    outlet: str
    published: str | None
    story_id: int | None
    snippet: str


class SearchOut(BaseModel):
    query: str
    results: list[SearchHitOut]


class EntityStoryOut(BaseModel):
    story: StoryOut
    names: dict[str, dict[str, int]]
    """outlet -> surface form -> count (empty until the story has been compared)."""


class EntityOut(BaseModel):
    name: str
    stories: list[EntityStoryOut]


@router.get("/stories", response_model=StoryListOut)
def list_stories(
    app: App,
    q: Text = None,
    outlet: Text = None,
    entity: Text = None,
    since: date | None = None,
    until: date | None = None,
    min_articles: Annotated[int, Query(ge=1, le=100_000)] = 1,
    sort: Sort = "newest",
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> StoryListOut:
    """Stories, newest then biggest first (or ``sort=biggest``), filtered."""
    wanted = StoryFilter(q, outlet, entity, since, until, min_articles, sort, limit, offset)
    page = story_page(app.db.reader(), wanted)
    stories = [StoryOut.model_validate(views.story_dict(s)) for s in page.stories]
    return StoryListOut(total=page.total, limit=limit, offset=offset, stories=stories)


@router.get(
    "/stories/{story_id}",
    responses={
        200: {
            "description": "The `compare --format json` document of the story.",
            "content": {"application/json": {"schema": {"type": "object"}}},
        },
        404: {"description": "No such story."},
    },
    response_class=Response,
)
def get_story(app: App, story_id: StoryId) -> Response:
    """The story's comparison document (computed on first request, then cached)."""
    try:
        cached = app.cache.get(story_id)
    except StoryNotFound:
        raise HTTPException(404, f"no story {story_id}") from None
    return Response(cached.document, media_type="application/json")


@router.get("/articles/{article_id}", response_model=ArticleOut, responses={404: {}})
def get_article(app: App, article_id: ArticleId) -> ArticleOut:
    """One stored article: metadata, story and normalized text (the offsets' reference)."""
    row = article_row(app.db.reader(), article_id)
    if row is None:
        raise HTTPException(404, f"no article {article_id}")
    return ArticleOut.model_validate(views.as_dict(row))


@router.get("/search", response_model=SearchOut)
def search_articles(
    app: App,
    q: Annotated[str, Query(min_length=1, max_length=200)],
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
) -> SearchOut:
    """Full-text search over titles and texts: every word must match, best first."""
    hits = search(app.db.reader(), q, limit)
    results = [
        SearchHitOut.model_validate(
            {**views.as_dict(h), "snippet": h.snippet.replace("\x02", "").replace("\x03", "")}
        )
        for h in hits
    ]
    return SearchOut(query=q, results=results)


@router.get("/entities", response_model=EntityOut)
def get_entity(app: App, name: Annotated[str, Query(min_length=1, max_length=200)]) -> EntityOut:
    """Stories naming an entity and how each outlet names it there."""
    found: list[dict[str, Any]] = views.entity_stories(app, name)
    return EntityOut.model_validate({"name": name, "stories": found})


@router.post("/stories/{story_id}/merge/{other_id}", responses={403: {}, 404: {}})
def merge_stories(app: App, story_id: StoryId, other_id: StoryId) -> dict[str, int]:
    """Merge story ``other_id`` into ``story_id``; only with ``serve --allow-writes``."""
    if not app.settings.allow_writes:
        raise HTTPException(403, "read-only: start `manysides serve --allow-writes` to merge")
    if story_id == other_id:
        raise HTTPException(422, "a story cannot be merged into itself")
    from manysides.corpus.store import StoreError
    from manysides.corpus.stories import merge

    with app.db.writer() as store:
        try:
            merge(store, story_id, other_id)
        except StoreError as exc:
            raise HTTPException(404, str(exc)) from None
    return {"story": story_id}
