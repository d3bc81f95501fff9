"""Extra report sections contributed by later stages, rendered in HTML, Markdown and terminal.

Each entry of ``SECTIONS`` is ``"module:function"``; the function takes the `Comparison` and
returns a `Section` or None (nothing to show). Article text must be escaped in ``html``.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass

from markupsafe import Markup

from manysides.model import Comparison


@dataclass(frozen=True, slots=True)
class Section:
    id: str
    title: str
    html: Markup
    markdown: str
    terminal: str = ""


SectionRenderer = Callable[[Comparison], Section | None]

SECTIONS: list[str] = [
    "manysides.render.section_quotes:render",  # quotes by speaker (issue 4)
    "manysides.render.section_timeline:render",  # dated events across outlets (issue 4)
    "manysides.render.section_conflicts:render",  # where outlets disagree (issue 3)
    "manysides.render.section_conflicts:render_brief",  # brief + omissions (issue 3)
    "manysides.render.section_framing:render",  # framing table, labels, sourcing (issue 6)
]


def render_sections(comparison: Comparison) -> list[Section]:
    found: list[Section] = []
    for name in SECTIONS:
        module, _, function = name.partition(":")
        renderer: SectionRenderer = getattr(importlib.import_module(module), function)
        section = renderer(comparison)
        if section is not None:
            found.append(section)
    return found
