"""Report sections for issue 3: where outlets disagree (both sides together), and the brief
with what each outlet leaves out. Reads the ``conflicts``, ``omissions`` and ``brief``
sections the conflicts enricher put in ``comparison.extras``; all article text is escaped.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from markupsafe import Markup

from manysides.model import Comparison
from manysides.render.cite import article_numbers, cite
from manysides.render.sections import Section

CLASS_LABELS = {
    "contradiction": "contradiction",
    "variant": "variant, not a contradiction",
    "scope": "scope difference, not a contradiction",
    "wording": "worded differently",
}
STYLE = Markup(
    "<style>.conflict{border:1px solid #ccc;border-radius:6px;margin:.6em 0;padding:.5em}"
    ".conflict.contradiction{border-left:5px solid #c0392b}"
    ".conflict.other{border-left:5px solid #7f8c8d}"
    ".sides{display:grid;grid-template-columns:repeat(auto-fit,minmax(16em,1fr));gap:.6em}"
    ".side{background:#f7f7f7;padding:.4em;border-radius:4px}.side .outlet{font-weight:bold}"
    ".badge{font-size:.8em;background:#eee;border-radius:3px;padding:0 .3em;margin-right:.3em}"
    ".brief cite{font-size:.8em;color:#555}</style>"
)


def render(comparison: Comparison) -> Section | None:
    """Every conflict with its sides side by side, the differing value marked in context."""
    conflicts: list[dict[str, Any]] = list(comparison.extras.get("conflicts", []))  # type: ignore[call-overload]
    if not conflicts:
        return None
    texts = {a.id: a.text for a in comparison.articles}
    html = STYLE + Markup("").join(_conflict_html(c, texts) for c in conflicts)
    numbers = article_numbers(comparison)
    markdown = "\n".join(_conflict_markdown(c, numbers) for c in conflicts) + "\n"
    terminal = "\n".join(_conflict_terminal(c) for c in conflicts)
    return Section("conflicts", "Where outlets disagree", html, markdown, terminal)


def _label(conflict: dict[str, Any]) -> str:
    return f"{conflict['kind']} · {CLASS_LABELS.get(conflict['class'], conflict['class'])}"


def _conflict_html(conflict: dict[str, Any], texts: dict[str, str]) -> Markup:
    tone = "contradiction" if conflict["contradiction"] else "other"
    sides = Markup("").join(_side_html(side, texts) for side in conflict["claims"])
    return Markup(
        '<div class="conflict {tone}" id="{id}"><div><span class="badge">{label}</span>'
        '{explanation}</div><div class="sides">{sides}</div></div>'
    ).format(
        tone=tone,
        id=conflict["id"],
        label=_label(conflict),
        explanation=conflict["explanation"],
        sides=sides,
    )


def _side_html(side: dict[str, Any], texts: dict[str, str]) -> Markup:
    """The claim's sentence with the differing value marked, so both readings sit together."""
    context = side.get("context") or side
    text = texts.get(side["article"], "")
    start, end = int(context["start"]), int(context["end"])
    s, e = max(start, int(side["start"])), min(end, int(side["end"]))
    if not (start <= s < e <= end):
        s = e = start
    return Markup(
        '<div class="side" data-article="{article}" data-start="{start}" data-end="{end}">'
        '<div class="outlet">{outlet}</div>{before}<mark>{value}</mark>{after}</div>'
    ).format(
        article=side["article"],
        start=side["start"],
        end=side["end"],
        outlet=side["outlet"],
        before=text[start:s],
        value=text[s:e],
        after=text[e:end],
    )


def _conflict_markdown(conflict: dict[str, Any], numbers: dict[str, int]) -> str:
    lines = [f"- **{conflict['id']} {_label(conflict)}** — {conflict['explanation']}"]
    for side in conflict["claims"]:
        lines.append(f"  - {side['outlet']}: “{side['text']}” {cite([side], numbers)}")
    return "\n".join(lines)


def _conflict_terminal(conflict: dict[str, Any]) -> str:
    sides = " | ".join(f"{s['outlet']}: {s['text']}" for s in conflict["claims"])
    return f"[{_label(conflict)}] {conflict['explanation']}\n    {sides}"


BRIEF_TITLES = {
    "story": "The story",
    "one_outlet": "Reported by one outlet only",
    "differ": "Where they differ",
}


def render_brief(comparison: Comparison) -> Section | None:
    """The consolidated brief (cited sentences) and each outlet's omissions."""
    brief: list[dict[str, Any]] = list(comparison.extras.get("brief", []))  # type: ignore[call-overload]
    omissions: list[dict[str, Any]] = list(comparison.extras.get("omissions", []))  # type: ignore[call-overload]
    if not brief and not omissions:
        return None
    parts: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for sentence in brief:
        parts[sentence["section"]].append(sentence)
    numbers = article_numbers(comparison)
    html: list[Markup] = [STYLE]
    markdown: list[str] = []
    terminal: list[str] = []
    for key, title in BRIEF_TITLES.items():
        if not parts[key]:
            continue
        items = Markup("").join(_brief_html(s, numbers) for s in parts[key])
        html.append(Markup('<h3>{}</h3><ul class="brief">{}</ul>').format(title, items))
        markdown += [f"### {title}", "", *(_brief_markdown(s, numbers) for s in parts[key]), ""]
        terminal += [title, *(f"  {s['text']}" for s in parts[key])]
    if omissions:
        html.append(_omissions_html(omissions))
        markdown += ["### Left out, by outlet", "", *_omissions_markdown(omissions, numbers), ""]
    return Section(
        "brief", "Brief", Markup("").join(html), "\n".join(markdown) + "\n", "\n".join(terminal)
    )


def _brief_html(sentence: dict[str, Any], numbers: dict[str, int]) -> Markup:
    cites = Markup("; ").join(
        Markup('<span title="{}: {}">{}</span>').format(
            c["outlet"], c["text"], cite([c], numbers).strip("[]")
        )
        for c in sentence["citations"]
    )
    return Markup("<li>{} <cite>[{}]</cite></li>").format(sentence["text"], cites)


def _brief_markdown(sentence: dict[str, Any], numbers: dict[str, int]) -> str:
    return f"- {sentence['text']} {cite(sentence['citations'], numbers)}"


def _omissions_html(omissions: list[dict[str, Any]]) -> Markup:
    rows = Markup("").join(
        Markup("<li><b>{}</b> leaves out ({} other outlets): {}</li>").format(
            o["outlet"], o["count"], o["claims"][0]["text"]
        )
        for o in omissions
    )
    return Markup("<h3>Left out, by outlet</h3><ul>{}</ul>").format(rows)


def _omissions_markdown(omissions: list[dict[str, Any]], numbers: dict[str, int]) -> list[str]:
    return [
        f"- {o['outlet']} leaves out (reported by {o['count']}): “{o['claims'][0]['text']}” "
        f"{cite(o['claims'][:1], numbers)}"
        for o in omissions
    ]
