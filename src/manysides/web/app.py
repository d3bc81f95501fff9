"""The ASGI app: pages and the JSON API over one store, read-only unless writes are enabled.

`create_app` builds it from `WebSettings`; `manysides serve` runs it under uvicorn. Swagger's
``/docs`` is off (it loads assets from a CDN); the schema is at ``/openapi.json``.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.middleware.trustedhost import TrustedHostMiddleware

from manysides import __version__
from manysides.errors import ManysidesError
from manysides.web.comparisons import DEFAULT_MAX_COMPARED, Comparer, ComparisonCache
from manysides.web.db import Database
from manysides.web.security import SecurityHeaders

LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "[::1]", "::1")


@dataclass(frozen=True, slots=True)
class WebSettings:
    db: Path
    allow_writes: bool = False
    """Only then do the write endpoints (merge stories) answer; otherwise 403."""
    max_compared: int = DEFAULT_MAX_COMPARED
    allowed_hosts: tuple[str, ...] | None = None
    """Host headers accepted (None: any). Loopback serving sets it against DNS rebinding."""


@dataclass(slots=True)
class WebState:
    settings: WebSettings
    db: Database
    cache: ComparisonCache


def state(request: Request) -> WebState:
    """The app's state, as a FastAPI dependency."""
    found: WebState = request.app.state.web
    return found


def create_app(settings: WebSettings, comparer: Comparer | None = None) -> FastAPI:
    """The app over ``settings.db``; ``comparer`` replaces the NLP comparison (tests)."""
    from manysides.web.api import router as api_router
    from manysides.web.comparisons import default_comparer
    from manysides.web.pages import router as page_router

    db = Database(settings.db)
    app = FastAPI(
        title="manysides",
        version=__version__,
        description="Stories, their cross-outlet comparisons and articles, read-only.",
        docs_url=None,
        redoc_url=None,
    )
    app.state.web = WebState(
        settings, db, ComparisonCache(db, comparer or default_comparer, settings.max_compared)
    )
    app.include_router(api_router)
    app.include_router(page_router)
    app.mount("/static", StaticFiles(directory=str(files("manysides.web") / "static")), "static")
    app.add_exception_handler(ManysidesError, _manysides_error)
    app.add_middleware(SecurityHeaders)
    if settings.allowed_hosts is not None:
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(settings.allowed_hosts))
    return app


async def _manysides_error(request: Request, exc: Exception) -> JSONResponse:
    """A known failure (e.g. a packaged model missing) is a 503 with its message."""
    return JSONResponse({"detail": str(exc)}, status_code=503)
