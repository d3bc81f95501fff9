"""Thin command line over the Python API: parse, call one function, map errors to exit codes.

Exit codes: 0 done (possibly with some inputs skipped, listed on stderr); 1 unexpected
error; 2 bad usage; 3 fewer than two usable articles; 4 a packaged model is missing.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from manysides.errors import ManysidesError
from manysides.render.emit import Format, emit

app = typer.Typer(
    name="manysides",
    help="One event, many outlets: what they share, what only some report, how they name it.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
stderr = Console(stderr=True)


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import version

        sys.stdout.write(f"manysides {version('manysides')}\n")
        raise typer.Exit()


@app.callback()
def _root(
    show_version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version."),
    ] = False,
) -> None:
    """manysides: one event, many outlets, every statement cited to its source characters."""


@app.command()
def compare(
    sources: Annotated[
        list[Path], typer.Argument(help="Article files (.txt .md .html .json .jsonl) or folders.")
    ],
    output_format: Annotated[
        Format, typer.Option("--format", "-f", help="What to print on stdout.")
    ] = Format.terminal,
    json_path: Annotated[
        Path | None, typer.Option("--json", help="Also write the JSON document here.")
    ] = None,
    md_path: Annotated[
        Path | None, typer.Option("--md", help="Also write a Markdown report here.")
    ] = None,
    html_path: Annotated[
        Path | None, typer.Option("--html", help="Also write the HTML report here.")
    ] = None,
    omission_k: Annotated[
        int | None,
        typer.Option(
            "--omission-k",
            min=1,
            help="Omissions: facts at least K other outlets report (default: half the others).",
        ),
    ] = None,
) -> None:
    """Compare reports of one event, with every statement cited.

    Example: manysides compare examples/ --html out/report.html --omission-k 2
    """
    from manysides.atomic import check_output_path
    from manysides.compare.run import compare as run_compare
    from manysides.render.json_doc import warnings

    for path in (json_path, md_path, html_path):
        if path is not None:
            check_output_path(path)
    with stderr.status("Reading and analyzing articles…"):
        options = {"omission_k": omission_k} if omission_k is not None else None
        comparison = run_compare(sources, options=options)
    for note in warnings(comparison):
        stderr.print(f"[yellow]note[/] {note}", markup=True, highlight=False)
    for rejection in comparison.rejections:
        stderr.print(
            f"[yellow]skipped[/] {rejection.source}: {rejection.reason}",
            markup=True,
            highlight=False,
        )
    emit(
        comparison,
        output_format,
        json_path=json_path,
        md_path=md_path,
        html_path=html_path,
        stderr=stderr,
    )


COMMAND_MODULES: list[str] = [
    # modules that add commands to `app` when imported, e.g. "manysides.corpus.cli" (issue 5)
    "manysides.corpus.cli",
    "manysides.web.cli",  # `serve` (issue 7)
]


def _load_commands() -> None:
    import importlib

    for module in COMMAND_MODULES:
        importlib.import_module(module)


def main() -> None:
    """Console entry point: known errors become a message and their exit code."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    # trafilatura warns "discarding data: None" for a page without text; the reader already
    # says so in its own words ("skipped …: no article text found in this HTML page")
    logging.getLogger("trafilatura").setLevel(logging.ERROR)
    try:
        _load_commands()
        app()
    except ManysidesError as exc:
        stderr.print(f"[red]error:[/] {exc}", highlight=False)
        sys.exit(exc.exit_code)


if __name__ == "__main__":
    main()
