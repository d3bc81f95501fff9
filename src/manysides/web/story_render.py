"""The story page's body, rendered once per comparison and cached as escaped HTML.

Reuses the report renderer (`render.html`'s per-outlet columns: statements colored by status,
entity marks) and every report section (quotes, timeline, conflicts, brief, framing); the
columns escape all article text with markupsafe and the template autoescapes the rest.
"""

from __future__ import annotations

import re
from functools import cache

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from manysides.model import Comparison
from manysides.render.html import article_column
from manysides.render.sections import Section, render_sections

STYLE_BLOCK = re.compile(r"<style>.*?</style>", re.DOTALL)


@cache
def templates() -> Environment:
    """The web templates (autoescaped); built on first use, not at import."""
    return Environment(
        loader=PackageLoader("manysides", "web/templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render_story_fragment(comparison: Comparison) -> str:
    """Columns, entity panel and report sections of one comparison, as an HTML fragment."""
    columns = [article_column(comparison, article) for article in comparison.articles]
    outlets = {a.id: a.outlet for a in comparison.articles}
    entities = [e for e in comparison.entities if len(e.articles) > 1 or len(e.variants) > 1]
    return (
        templates()
        .get_template("story_body.html.j2")
        .render(
            columns=columns,
            counts=comparison.status_counts(),
            entities=entities,
            outlets=outlets,
            sections=[_without_styles(s) for s in render_sections(comparison)],
            rejections=comparison.rejections,
        )
    )


def _without_styles(section: Section) -> Section:
    """The section minus its ``<style>`` blocks: the CSP forbids inline styles, so their rules
    live in ``static/app.css``. (Escaped article text cannot contain a literal ``<style>``.)"""
    html = Markup(STYLE_BLOCK.sub("", str(section.html)))
    return Section(section.id, section.title, html, section.markdown, section.terminal)
