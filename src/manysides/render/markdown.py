"""Markdown report: shared facts, single-outlet facts, entities with variants; all cited."""

from __future__ import annotations

from manysides.model import Comparison, Span
from manysides.render.cite import EXPLAINED, article_numbers, cite
from manysides.render.sections import render_sections

STATUS_TITLES = {
    "all": "Reported by all outlets",
    "several": "Reported by several outlets",
    "one": "Reported by one outlet only",
}


def render_markdown(comparison: Comparison) -> str:
    articles = {a.id: a for a in comparison.articles}
    lines = ["# manysides comparison", ""]
    lines += ["| # | outlet | (from) | title | published |", "|---|---|---|---|---|"]
    for number, article in enumerate(comparison.articles, start=1):
        lines.append(
            f"| {number} | {_md(article.outlet)} | {article.outlet_source} | {_md(article.title)} "
            f"| {article.published or 'unknown'} |"
        )
    lines += ["", EXPLAINED]
    index = article_numbers(comparison)
    for status, heading in STATUS_TITLES.items():
        facts = [f for f in comparison.facts if f.status == status]
        if not facts:
            continue
        lines += ["", f"## {heading} ({len(facts)})", ""]
        for fact in facts:
            lines.append(f"- **{fact.id}** ({', '.join(_md(o) for o in fact.outlets)})")
            for claim in fact.claims:
                lines.append(f"  - {_quote(claim.span)} {_cite(claim.span, index)}")
    lines += ["", "## Entities and how each outlet names them", ""]
    for entity in comparison.entities:
        forms = {v.text for v in entity.variants}
        if len(entity.articles) < 2 and len(forms) < 2:
            continue
        parts = []
        for variant in entity.variants:
            outlets = ", ".join(_md(articles[a].outlet) for a in variant.articles)
            parts.append(f'"{_md(variant.text)}" ({variant.kind}; {outlets})')
        lines.append(f"- **{_md(entity.name)}** [{entity.type}]: " + "; ".join(parts))
    for section in render_sections(comparison):
        lines += ["", f"## {section.title}", "", section.markdown.rstrip()]
    if comparison.rejections:
        lines += ["", "## Not used", ""]
        lines += [f"- `{r.source}`: {_md(r.reason)}" for r in comparison.rejections]
    return "\n".join(lines) + "\n"


def _quote(span: Span) -> str:
    return f"“{_md(span.text)}”"


def _cite(span: Span, index: dict[str, int]) -> str:
    return cite([span.to_dict()], index)


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ").replace("*", "\\*").replace("_", "\\_")
