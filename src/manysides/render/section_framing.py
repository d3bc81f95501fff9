"""The framing section: concept x outlet table (words colored by tone), labels, sourcing.

Reads ``comparison.extras["framing"]`` (from `compare/framing.py`); every article-derived
string is escaped. A term's color is its VADER valence (red negative, green positive); a
quoted term names its speaker; a term in scare quotes is shown in quotes.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from markupsafe import Markup, escape

from manysides.model import Comparison
from manysides.render.sections import Section

MAX_CONCEPTS = 15
MAX_TERMS = 16


def render(comparison: Comparison) -> Section | None:
    framing = comparison.extras.get("framing")
    if not isinstance(framing, dict) or not framing.get("concepts"):
        return None
    outlets = [(o["article"], o["outlet"]) for o in framing["outlets"]]
    concepts = _shown(framing["concepts"])
    html = _html_table(concepts, outlets) + _html_extras(framing)
    markdown = _markdown(concepts, outlets, framing)
    terminal = "\n".join(
        f"{c['name']}: "
        + " | ".join(
            f"{o['outlet']}: " + ", ".join(_plain(t) for t in o["terms"][:4]) for o in c["outlets"]
        )
        for c in concepts[:8]
    )
    return Section("framing", "How each outlet frames it", Markup(html), markdown, terminal)


def _shown(concepts: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Concepts worth a row: named by several outlets or with several distinct terms."""
    rows = [c for c in concepts if len(c["outlets"]) > 1 or c["distinct_terms"] > 1]
    return rows[:MAX_CONCEPTS]


def _tone_class(valence: float) -> str:
    return "neg" if valence <= -1 else "pos" if valence >= 1 else "neu"


def _plain(term: dict[str, Any]) -> str:
    words = f'"{term["term"]}"' if term["scare_quotes"] else term["term"]
    voice = f" ({term['voice']})" if term["quoted"] else ""
    count = f" ×{term['count']}" if term["count"] > 1 else ""
    return f"{words}{count}{voice}"


def _html_term(term: dict[str, Any]) -> str:
    first = term["spans"][0]
    title = f"valence {term['valence']}; {first['article']}:{first['start']}-{first['end']}"
    return (
        f'<span class="term {_tone_class(term["valence"])}" title="{escape(title)}">'
        f"{escape(_plain(term))}</span>"
    )


def _cell(concept: dict[str, Any], article: str) -> dict[str, Any] | None:
    return next((o for o in concept["outlets"] if o["article"] == article), None)


def _html_table(concepts: Sequence[dict[str, Any]], outlets: Sequence[tuple[str, str]]) -> str:
    head = "".join(f"<th>{escape(name)}</th>" for _, name in outlets)
    rows = []
    for concept in concepts:
        cells = []
        for article, _ in outlets:
            cell = _cell(concept, article)
            if cell is None:
                cells.append('<td class="absent">—</td>')
                continue
            terms = ", ".join(_html_term(t) for t in cell["terms"][:MAX_TERMS])
            cells.append(f"<td>{terms}<br><small>tone {cell['tone']}</small></td>")
        rows.append(f"<tr><th>{escape(concept['name'])}</th>{''.join(cells)}</tr>")
    style = (
        "<style>.framing .neg{color:#b00020}.framing .pos{color:#1b7f3b}"
        ".framing td,.framing th{vertical-align:top;padding:4px;border:1px solid #ddd}</style>"
    )
    return (
        f'{style}<table class="framing"><thead><tr><th>concept</th>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def _html_extras(framing: dict[str, Any]) -> str:
    labels = [lab for lab in framing["labels"] if lab["kind"] == "epithet"]
    items = "".join(
        f"<li>{escape(lab['outlet'])}: <b>{escape(lab['span']['text'])}</b> → {escape(lab['entity'])}</li>"
        for lab in labels
    )
    sources = "".join(f"<li>{escape(_sourcing_line(o))}</li>" for o in framing["outlets"])
    return f"<h4>Labels</h4><ul>{items}</ul><h4>Sourcing and tone</h4><ul>{sources}</ul>"


def _sourcing_line(outlet: dict[str, Any]) -> str:
    credits = ", ".join(dict.fromkeys(c["agency"] for c in outlet["credits"])) or "none"
    speakers = ", ".join(f"{s['speaker']} ×{s['count']}" for s in outlet["quoted_sources"][:6])
    sides = ", ".join(f"{k} {v}" for k, v in outlet["quotes_per_side"].items())
    tone = outlet["tone"]
    return (
        f"{outlet['outlet']}: credits {credits}; quotes {speakers or 'nobody'}; per side: "
        f"{sides or '-'}; tone own words {tone['own']}, quotations {tone['quoted']}"
    )


def _markdown(
    concepts: Sequence[dict[str, Any]], outlets: Sequence[tuple[str, str]], framing: dict[str, Any]
) -> str:
    lines = ["| concept | " + " | ".join(name for _, name in outlets) + " |"]
    lines.append("|---" * (len(outlets) + 1) + "|")
    for concept in concepts:
        cells = []
        for article, _ in outlets:
            cell = _cell(concept, article)
            terms = ", ".join(_plain(t) for t in cell["terms"][:MAX_TERMS]) if cell else "—"
            cells.append(terms.replace("|", "\\|"))
        lines.append(f"| {concept['name']} | " + " | ".join(cells) + " |")
    lines.append("")
    for label in (lab for lab in framing["labels"] if lab["kind"] == "epithet"):
        lines.append(f"- {label['outlet']}: **{label['span']['text']}** → {label['entity']}")
    lines.extend(f"- {_sourcing_line(o)}" for o in framing["outlets"])
    return "\n".join(lines)
