"""Sourcing: the agencies each outlet credits, whom it quotes, and how often each side speaks.

Credits come from page furniture (captions ending "AP", "With Post wires", read by
`read/furniture.py`) and from the story text: a news agency named right after a credit verb
("told AFP", "according to Reuters"). Agencies are a short documented list of wires.
A speaker's side is the country their labels name ("Kremlin spokesman" -> Russia) or the
country they are ("Beijing said" -> China); otherwise the side is left unknown.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import Any

from manysides.compare.labels import Label
from manysides.compare.phrases import country_of
from manysides.compare.quotations import Quotation, inside
from manysides.model import Article

AGENCIES = {
    "AP": "AP", "Associated Press": "AP", "AFP": "AFP", "Agence France-Presse": "AFP",
    "Reuters": "Reuters", "Bloomberg": "Bloomberg", "Xinhua": "Xinhua", "TASS": "TASS",
    "Tass": "TASS", "RIA Novosti": "RIA Novosti", "Interfax": "Interfax", "Ukrinform":
    "Ukrinform", "dpa": "dpa", "DPA": "dpa", "Kyodo": "Kyodo", "Yonhap": "Yonhap", "ANSA": "ANSA",
    "EFE": "EFE", "UPI": "UPI", "PTI": "PTI", "ANI": "ANI", "Anadolu": "Anadolu",
}  # fmt: skip
"""Wire services and news agencies, with their usual short names."""
_CREDIT = re.compile(
    r"(?:told|to|according to|cited by|quoted by|reported by|reports?|reported|via|said|"
    r"news agency|agency|\(|-|–|—)\s*(?:the\s+)?$",
    re.I,
)
_AGENCY = re.compile(
    r"\b(" + "|".join(sorted(map(re.escape, AGENCIES), key=len, reverse=True)) + r")\b"
)


def credits(article: Article, quotations: Sequence[Quotation]) -> list[dict[str, Any]]:
    """Agencies credited by this article: furniture credits first, then in-text credits."""
    found: list[dict[str, Any]] = [
        {"agency": f.credit, "how": f.kind, "span": f.span.to_dict()}
        for f in article.furniture
        if f.credit
    ]
    for match in _AGENCY.finditer(article.text, article.body_start):
        before = article.text[max(0, match.start() - 40) : match.start()]
        if inside(quotations, match.start(), match.end()) or not _CREDIT.search(before):
            continue
        if any(f.span.start <= match.start() < f.span.end for f in article.furniture):
            continue
        span = article.span(match.start(), match.end())
        found.append({"agency": AGENCIES[match.group()], "how": "in text", "span": span.to_dict()})
    return found


def speaker_sides(labels: Sequence[Label]) -> dict[str, str]:
    """Speaker name -> the country most of their labels name ("Kremlin spokesman")."""
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for label in labels:
        words = re.findall(r"[A-Z][\w.-]*", label.span.text)
        for word in [" ".join(p) for p in itertools.pairwise(words)] + words:
            country = country_of(word.removesuffix("'s"))
            if country:
                votes[label.entity][country] += 1
    return {name: counter.most_common(1)[0][0] for name, counter in votes.items()}


def quoted_sources(
    quotations: Sequence[Quotation], sides: dict[str, str]
) -> tuple[list[dict[str, Any]], dict[str, int]]:
    """Who this article quotes (speaker, side, count, quotation spans) and counts per side."""
    by_speaker: dict[str, list[Quotation]] = defaultdict(list)
    for quote in quotations:
        if not quote.scare:
            by_speaker[quote.speaker or "(unattributed)"].append(quote)
    speakers = []
    per_side: Counter[str] = Counter()
    for name, quotes in sorted(by_speaker.items(), key=lambda kv: -len(kv[1])):
        side = sides.get(name) or (_country_in(name) if name != "(unattributed)" else None)
        per_side[side or "unknown"] += len(quotes)
        speakers.append(
            {
                "speaker": name,
                "side": side,
                "count": len(quotes),
                "quotes": [q.span.to_dict() for q in quotes],
            }
        )
    return speakers, dict(per_side.most_common())


def _country_in(name: str) -> str | None:
    """The country a speaker stands for: the name itself ("Kremlin"), else the first country
    word of a role phrase ("A spokesperson for British Prime Minister …", "Russian officials")."""
    found = country_of(name)
    for word in re.findall(r"[A-Z][\w'’-]*", name) if found is None else ():
        found = country_of(word.removesuffix("'s").removesuffix("’s"))
        if found:
            break
    return found
