"""The "Timeline" report section: dated happenings across outlets, in calendar order.

Reads the ``timeline`` section the timeline enricher put in ``comparison.extras``. Each entry
shows its date (ISO value), what happened, which outlets report it, and the cited sentences.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from manysides.model import Comparison
from manysides.render.cite import article_numbers, cite
from manysides.render.sections import Section


def render(comparison: Comparison) -> Section | None:
    """The timeline; None when no article has a resolved date."""
    entries: list[dict[str, Any]] = list(comparison.extras.get("timeline", []))  # type: ignore[call-overload]
    if not entries:
        return None
    html = Markup('<ol class="timeline">{}</ol>').format(
        Markup("").join(_entry_html(e) for e in entries)
    )
    numbers = article_numbers(comparison)
    markdown = "\n".join(_entry_markdown(e, numbers) for e in entries) + "\n"
    terminal = "\n".join(
        f"{e['value']:<23} {e['label']} [{', '.join(e['outlets'])}]" for e in entries
    )
    return Section("timeline", "Timeline", html, markdown, terminal)


def _entry_html(entry: dict[str, Any]) -> Markup:
    citations = Markup("").join(
        Markup('<li><span class="kind">{}</span> {}</li>').format(c["outlet"], c["text"])
        for c in entry["citations"]
    )
    return Markup(
        '<li id="timeline-{}"><b>{}</b> {} <span class="kind">{}</span><ul>{}</ul></li>'
    ).format(entry["id"], entry["value"], entry["label"], ", ".join(entry["outlets"]), citations)


def _entry_markdown(entry: dict[str, Any], numbers: dict[str, int]) -> str:
    lines = [f"- **{entry['value']}** {entry['label']} ({', '.join(entry['outlets'])})"]
    lines.extend(f"  - {c['outlet']}: {c['text']} {cite([c], numbers)}" for c in entry["citations"])
    return "\n".join(lines)
