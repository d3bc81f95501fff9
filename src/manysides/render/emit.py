"""Print a comparison in one format and write the requested report files (atomically).

Shared by `manysides compare` and `manysides story`, so both give the same outputs.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path

from rich.console import Console

from manysides.atomic import write_text_atomic
from manysides.model import Comparison


class Format(StrEnum):
    terminal = "terminal"
    json = "json"
    md = "md"
    html = "html"


def _renderer(output_format: Format) -> Callable[[Comparison], str]:
    from manysides.render.html import render_html
    from manysides.render.json_doc import dumps
    from manysides.render.markdown import render_markdown

    return {Format.json: dumps, Format.md: render_markdown, Format.html: render_html}[output_format]


def emit(
    comparison: Comparison,
    output_format: Format,
    *,
    json_path: Path | None = None,
    md_path: Path | None = None,
    html_path: Path | None = None,
    stderr: Console | None = None,
) -> list[Path]:
    """Write the report files, then print ``output_format`` on stdout; returns the files."""
    written = []
    for path, fmt in ((json_path, Format.json), (md_path, Format.md), (html_path, Format.html)):
        if path is not None:
            written.append(write_text_atomic(path, _renderer(fmt)(comparison)))
    if output_format is Format.terminal:
        from manysides.render.terminal import print_summary

        print_summary(comparison, Console())
    else:
        sys.stdout.write(_renderer(output_format)(comparison))
    for path in written:
        (stderr or Console(stderr=True)).print(f"Report written: {path}", highlight=False)
    return written
