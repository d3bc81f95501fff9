"""The "Who said what" report section: quotes grouped by speaker, across outlets.

Reads the ``quotes`` section the quotes enricher put in ``comparison.extras``, so the report
shows exactly what the JSON says. Speakers resolved to an entity are grouped under its name;
unresolved ones under the words the article used.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from markupsafe import Markup, escape

from manysides.model import Comparison
from manysides.render.cite import article_numbers, cite
from manysides.render.sections import Section

UNKNOWN = "(source not given)"


def render(comparison: Comparison) -> Section | None:
    """Quotes by speaker, most quoted first; None when no article quotes anyone."""
    every: list[dict[str, Any]] = list(comparison.extras.get("quotes", []))  # type: ignore[call-overload]
    quotes = [q for q in every if q.get("speech", True)]  # beliefs and stances stay in the JSON
    if not quotes:
        return None
    names = {e.id: e.name for e in comparison.entities}
    groups = group_by_speaker(quotes, names)
    html = Markup("").join(_group_html(name, items) for name, items in groups)
    numbers = article_numbers(comparison)
    markdown = "\n".join(_group_markdown(name, items, numbers) for name, items in groups)
    terminal = "\n".join(_group_terminal(name, items) for name, items in groups)
    return Section("quotes", "Who said what", html, markdown, terminal)


def group_by_speaker(
    quotes: list[dict[str, Any]], names: dict[str, str]
) -> list[tuple[str, list[dict[str, Any]]]]:
    """(speaker name, quotes) pairs, speakers with most quotes first."""
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for quote in quotes:
        groups[speaker_name(quote, names)].append(quote)
    return sorted(groups.items(), key=lambda kv: (kv[0] == UNKNOWN, -len(kv[1]), kv[0]))


def speaker_name(quote: dict[str, Any], names: dict[str, str]) -> str:
    if quote.get("speaker") in names:
        return names[quote["speaker"]]
    text = quote.get("speaker_text")
    return str(text) if text else UNKNOWN


def _content(quote: dict[str, Any]) -> str:
    text = " … ".join(str(span["text"]) for span in quote["content"])
    return f"“{text}”" if quote["direct"] else text


def _how(quote: dict[str, Any]) -> str:
    written = quote["speaker_span"]["text"] if quote.get("speaker_span") else ""
    cue = quote["cue"]["text"] if quote.get("cue") else ""
    how = " ".join(part for part in (written, cue) if part)
    links = f" · same quotation as {', '.join(quote['same_as'])}" if quote["same_as"] else ""
    return f"{quote['outlet']}: {how or 'continued quotation'}{links}"


def _differences(quote: dict[str, Any]) -> list[str]:
    found = []
    for difference in quote.get("differences", []):
        other = difference["quote"]
        changes = [_change(c, other) for c in difference["changes"] if c.get("kind") != "extent"]
        longer = any(c.get("kind") == "extent" for c in difference["changes"])
        text = "; ".join(changes[:5]) + (" …" if len(changes) > 5 else "")
        if changes:
            found.append(f"wording vs {other}: {text}")
        elif longer:
            found.append(f"same words as {other}, one quotes a longer passage")
    return found


def _change(change: dict[str, str], other: str) -> str:
    """One wording change, said from this quote's side."""
    if change.get("kind") == "only_this":
        return f"“{change['this']}” not in {other}"
    if change.get("kind") == "only_other":
        return f"{other} adds “{change['other']}”"
    return f"“{change['this']}” vs “{change['other']}”"


def _group_html(name: str, items: list[dict[str, Any]]) -> Markup:
    rows = Markup("").join(
        Markup('<li id="quote-{}">{} <span class="kind">{}</span>{}</li>').format(
            item["id"],
            Markup("<q>{}</q>" if item["direct"] else "<i>{}</i>").format(
                _content(item).strip("“”")
            ),
            _how(item),
            Markup("").join(Markup("<br><small>{}</small>").format(d) for d in _differences(item)),
        )
        for item in items
    )
    return Markup('<div class="speaker"><h3>{}</h3><ul>{}</ul></div>').format(escape(name), rows)


def _group_markdown(name: str, items: list[dict[str, Any]], numbers: dict[str, int]) -> str:
    """Each quote with its id (what "same quotation as q12" points to) and its content cited."""
    lines = [f"### {name}", ""]
    for item in items:
        where = cite(item["content"], numbers)
        lines.append(f"- **{item['id']}** {_content(item)} {where} — {_how(item)}")
        lines.extend(f"  - {d}" for d in _differences(item))
    return "\n".join(lines) + "\n"


def _group_terminal(name: str, items: list[dict[str, Any]]) -> str:
    lines = [name]
    lines.extend(f"  {_content(item)} ({_how(item)})" for item in items)
    return "\n".join(lines)
