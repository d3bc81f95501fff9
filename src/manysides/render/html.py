"""One self-contained HTML report: a column per outlet, statements colored by status,
clicking a statement highlights its counterparts, an entity panel with variants.

All article text goes through `markupsafe.escape`; the template autoescapes the rest.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup, escape

from manysides.model import Article, Comparison
from manysides.render.sections import render_sections


@dataclass(frozen=True, slots=True)
class Mark:
    start: int
    end: int
    css: str
    attrs: dict[str, str]


def render_html(comparison: Comparison) -> str:
    env = Environment(
        loader=PackageLoader("manysides", "render/templates"), autoescape=select_autoescape()
    )
    template = env.get_template("report.html.j2")
    columns = [article_column(comparison, article) for article in comparison.articles]
    sections = render_sections(comparison)
    return template.render(
        comparison=comparison, columns=columns, counts=comparison.status_counts(), sections=sections
    )


def article_column(comparison: Comparison, article: Article) -> dict[str, Any]:
    outer: list[Mark] = []
    for fact in comparison.facts:
        for claim in fact.claims:
            if claim.span.article == article.id:
                outer.append(Mark(claim.span.start, claim.span.end, f"claim {fact.status}",
                                  {"data-fact": fact.id, "title": f"{fact.id}: {fact.status}"}))  # fmt: skip
    for item in article.furniture:
        label = item.kind + (f" (credit: {item.credit})" if item.credit else "")
        outer.append(
            Mark(item.span.start, item.span.end, "furniture", {"title": f"set aside: {label}"})
        )
    if article.title_span:
        span = article.title_span
        outer.append(Mark(span.start, span.end, "headline", {"title": "headline"}))
    inner: list[Mark] = []
    for entity in comparison.entities:
        for variant in entity.variants:
            for span in variant.spans:
                if span.article == article.id:
                    inner.append(Mark(span.start, span.end, "ent", {"data-entity": entity.id, "title": f"{entity.name} ({variant.kind})"}))  # fmt: skip
    body = _marked(article.text, 0, len(article.text), _non_overlapping(outer), inner)
    return {"article": article, "body": body}


def _non_overlapping(marks: list[Mark]) -> list[Mark]:
    kept: list[Mark] = []
    end = -1
    for mark in sorted(marks, key=lambda m: (m.start, -m.end)):
        if mark.start >= end:
            kept.append(mark)
            end = mark.end
    return kept


def _marked(text: str, start: int, end: int, marks: list[Mark], inner: list[Mark]) -> Markup:
    """Escaped ``text[start:end]`` with ``marks`` wrapped as spans (inner marks nested)."""
    parts: list[str] = []
    cursor = start
    for mark in marks:
        if mark.start < cursor or mark.end > end:
            continue
        parts.append(_plain(text, cursor, mark.start, inner))
        attrs = "".join(f' {k}="{escape(v)}"' for k, v in mark.attrs.items())
        content = (
            _plain(text, mark.start, mark.end, inner)
            if inner
            else str(escape(text[mark.start : mark.end]))
        )
        parts.append(f'<span class="{mark.css}"{attrs}>{content}</span>')
        cursor = mark.end
    parts.append(_plain(text, cursor, end, inner))
    return Markup("".join(parts))


def _plain(text: str, start: int, end: int, inner: list[Mark]) -> str:
    inside = [m for m in inner if start <= m.start and m.end <= end]
    if not inside:
        return str(escape(text[start:end])).replace("\n\n", "<br><br>")
    return str(_marked(text, start, end, _non_overlapping(inside), [])).replace("\n\n", "<br><br>")
