"""`manysides serve`: the web app under uvicorn, on loopback unless told otherwise."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from manysides.cli import app, stderr
from manysides.corpus.store import default_db_path


@app.command()
def serve(
    db: Annotated[
        Path | None,
        typer.Option("--db", help="Store file (default: $MANYSIDES_DB or ./manysides.db)."),
    ] = None,
    host: Annotated[
        str, typer.Option("--host", help="Interface; 127.0.0.1 keeps it on this machine.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535)] = 8000,
    allow_writes: Annotated[
        bool, typer.Option("--allow-writes", help="Enable write endpoints (merge stories).")
    ] = False,
    max_compared: Annotated[
        int, typer.Option("--max-compared", min=2, max=40, help="Columns per story page.")
    ] = 8,
    warm: Annotated[
        int, typer.Option("--warm", min=0, help="Compare the N biggest stories before serving.")
    ] = 0,
) -> None:
    """Browse stories and compare outlets in a browser, with a JSON API under /api/v1/.

    Example: manysides serve --db news.db --port 8000   (then open http://127.0.0.1:8000/)
    """
    import uvicorn

    from manysides.web.app import LOOPBACK_HOSTS, WebSettings, create_app
    from manysides.web.warm import warm_cache

    loopback = host in LOOPBACK_HOSTS
    settings = WebSettings(
        db or default_db_path(),
        allow_writes=allow_writes,
        max_compared=max_compared,
        allowed_hosts=LOOPBACK_HOSTS if loopback else None,
    )
    web = create_app(settings)
    if warm:
        with stderr.status(f"Comparing the {warm} biggest stories…"):
            done = warm_cache(web.state.web, warm)
        stderr.print(f"{done} stories compared and cached", highlight=False)
    if not loopback:
        stderr.print(f"[yellow]serving on {host}: reachable from other machines[/]")
    stderr.print(f"manysides on http://{host}:{port}/ (Ctrl+C stops)", highlight=False)
    uvicorn.run(web, host=host, port=port, log_level="warning", server_header=False)
