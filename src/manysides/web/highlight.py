"""An article's text with every annotation of its comparison marked, overlaps included.

Annotations (headline, furniture, statements by status, entities, quotes, speakers, dates)
are spans of the cached JSON document; they overlap freely, so the text is cut at every span
boundary and each piece gets the classes of all spans covering it. Every piece is escaped.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup, escape


@dataclass(frozen=True, slots=True)
class Layer:
    start: int
    end: int
    css: str
    label: str
    fact: str | None = None


def layers(document: dict[str, Any], article_id: str) -> list[Layer]:
    """Every span of ``document`` that points into ``article_id``, with a class and a label."""
    found: list[Layer] = []

    def add(span: dict[str, Any] | None, css: str, label: str, fact: str | None = None) -> None:
        if span and span.get("article") == article_id:
            found.append(Layer(int(span["start"]), int(span["end"]), css, label, fact))

    for article in document.get("articles", []):
        if article["id"] == article_id:
            add(article.get("title_span"), "headline", "headline")
            for item in article.get("furniture", []):
                add(item["span"], "furniture", f"set aside: {item['kind']}")
    for fact in document.get("facts", []):
        for claim in fact["claims"]:
            add(
                claim,
                f"claim {fact['status']}",
                f"{fact['id']}: reported by {fact['status']}",
                fact["id"],
            )
    for entity in document.get("entities", []):
        for variant in entity["variants"]:
            for span in variant["spans"]:
                add(span, "ent", f"{entity['name']} ({entity['type']}, {variant['kind']})")
    for quote in document.get("quotes", []):
        add(quote.get("speaker_span"), "speaker", f"speaker of {quote['id']}")
        for span in quote.get("content", []):
            add(span, "quote", f"{quote['id']}: quoted from {quote.get('speaker_text') or '?'}")
    for item in document.get("dates", []):
        resolved = item.get("value") if item.get("resolved") else "unresolved"
        add(item.get("span"), "date", f"date: {resolved}")
    return found


def highlighted(text: str, spans: list[Layer]) -> Markup:
    """``text`` escaped, cut at span boundaries; pieces carry the classes covering them.

    One sweep over the boundaries, keeping the spans open at each point: linear in pieces.
    """
    valid = [s for s in spans if 0 <= s.start < s.end <= len(text)]
    cuts = sorted({0, len(text), *(s.start for s in valid), *(s.end for s in valid)})
    opening: dict[int, list[Layer]] = {}
    for span in valid:
        opening.setdefault(span.start, []).append(span)
    active: list[Layer] = []
    parts: list[str] = []
    for start, end in itertools.pairwise(cuts):
        active = [s for s in active if s.end > start] + opening.get(start, [])
        piece = str(escape(text[start:end])).replace("\n\n", "<br><br>")
        parts.append(_wrap(piece, active) if active else piece)
    return Markup("".join(parts))


def _wrap(piece: str, covering: list[Layer]) -> str:
    classes = " ".join(sorted({c for s in covering for c in s.css.split()}))
    title = "; ".join(dict.fromkeys(s.label for s in covering))
    fact = next((s.fact for s in covering if s.fact), None)
    data = f' data-fact="{escape(fact)}"' if fact else ""
    return f'<span class="{classes}" title="{escape(title)}"{data}>{piece}</span>'
