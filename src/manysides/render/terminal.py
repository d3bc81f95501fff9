"""Terminal summary with rich: what all report, what only one reports, name variants."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from manysides.model import Comparison
from manysides.render.sections import render_sections

STYLE = {"all": "green", "several": "yellow", "one": "cyan"}


def print_summary(comparison: Comparison, console: Console, limit: int = 12) -> None:
    articles = Table(title="Articles", show_lines=False)
    for column in ("#", "outlet", "from", "title", "published"):
        articles.add_column(column)
    index = {a.id: n for n, a in enumerate(comparison.articles, start=1)}
    for article in comparison.articles:
        articles.add_row(
            str(index[article.id]), article.outlet, article.outlet_source,
            article.title[:70], article.published or "unknown",
        )  # fmt: skip
    console.print(articles)
    for status, title in (
        ("all", "Reported by all"),
        ("several", "Reported by several"),
        ("one", "Only one outlet"),
    ):
        facts = [f for f in comparison.facts if f.status == status]
        if not facts:
            continue
        console.print(Text(f"\n{title}: {len(facts)} facts", style=f"bold {STYLE[status]}"))
        for fact in facts[:limit]:
            claim = fact.claims[0]
            cite = ", ".join(
                f"[{index[c.span.article]}:{c.span.start}-{c.span.end}]" for c in fact.claims
            )
            console.print(
                Text(f"  {fact.id} ", style="bold")
                + Text(_short(claim.span.text))
                + Text(f"  {cite}", style="dim")
            )
        if len(facts) > limit:
            console.print(Text(f"  ... {len(facts) - limit} more in the full report", style="dim"))
    variants = [
        e
        for e in comparison.entities
        if len({v.text for v in e.variants}) > 1 and len(e.articles) > 1
    ]
    if variants:
        console.print(Text("\nNamed differently across outlets", style="bold magenta"))
        for entity in variants[:limit]:
            forms = "; ".join(
                f"{v.text} ({','.join(str(index[a]) for a in v.articles)})" for v in entity.variants
            )
            console.print(f"  {entity.name}: {forms}", markup=False, highlight=False)
    for section in render_sections(comparison):
        if section.terminal:
            console.print(Text(f"\n{section.title}", style="bold"))
            lines = section.terminal.rstrip().splitlines()
            console.print("\n".join(lines[:limit]), markup=False, highlight=False)
            if len(lines) > limit:
                console.print(
                    Text(f"  ... {len(lines) - limit} more lines in the full report", style="dim")
                )


def _short(text: str, width: int = 110) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
