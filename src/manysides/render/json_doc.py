"""The JSON document (schema ``manysides.comparison/1``); the Python API returns the same."""

from __future__ import annotations

import json
from typing import Any

from manysides import __version__
from manysides.model import SCHEMA, Article, Comparison, Entity, FactGroup


def comparison_document(comparison: Comparison) -> dict[str, Any]:
    """Everything a reader or script needs, every citation a span into ``articles[].text``."""
    document: dict[str, Any] = {
        "schema": SCHEMA,
        "generator": f"manysides {__version__}",
        "articles": [_article(a) for a in comparison.articles],
        "entities": [_entity(e) for e in comparison.entities],
        "facts": [_fact(f) for f in comparison.facts],
        "numbers": [
            {
                "span": n.span.to_dict(),
                "value": n.value,
                "counted": n.counted,
                "kind": n.kind,
            }
            for item in comparison.annotated
            for n in item.numbers
        ],
        "summary": _summary(comparison),
        "rejected": [{"source": r.source, "reason": r.reason} for r in comparison.rejections],
        "warnings": warnings(comparison),
    }
    document.update(comparison.extras)
    return document


def dumps(comparison: Comparison) -> str:
    return json.dumps(comparison_document(comparison), ensure_ascii=False, indent=2) + "\n"


def _article(article: Article) -> dict[str, Any]:
    return {
        "id": article.id,
        "outlet": article.outlet,
        "outlet_source": article.outlet_source,
        "title": article.title,
        "url": article.url,
        "published": article.published,
        "language": article.language,
        "author": article.author,
        "source": article.source,
        "title_span": article.title_span.to_dict() if article.title_span else None,
        "furniture": [
            {"kind": f.kind, "credit": f.credit, "span": f.span.to_dict()}
            for f in article.furniture
        ],
        "credits": list(article.credits),
        "text": article.text,
    }


def _entity(entity: Entity) -> dict[str, Any]:
    return {
        "id": entity.id,
        "name": entity.name,
        "type": entity.type,
        "articles": list(entity.articles),
        "variants": [
            {
                "text": v.text,
                "kind": v.kind,
                "articles": list(v.articles),
                "count": len(v.spans),
                "spans": [s.to_dict() for s in v.spans],
            }
            for v in entity.variants
        ],
    }


def _fact(fact: FactGroup) -> dict[str, Any]:
    return {
        "id": fact.id,
        "status": fact.status,
        "outlets": list(fact.outlets),
        "score": fact.score,
        "claims": [
            {**c.span.to_dict(), "outlet": c.outlet, "entities": list(c.entities)}
            for c in fact.claims
        ],
    }


def _summary(comparison: Comparison) -> dict[str, Any]:
    counts = comparison.status_counts()
    return {
        "articles": len(comparison.articles),
        "outlets": len({a.outlet for a in comparison.articles}),
        "facts": counts,
        "entities": len(comparison.entities),
        "entities_with_variants": sum(
            1 for e in comparison.entities if len({v.text for v in e.variants}) > 1
        ),
    }


def warnings(comparison: Comparison) -> list[str]:
    """What a reader should know about the limits of this comparison."""
    notes = []
    for article in comparison.articles:
        if article.language and article.language != "en":
            notes.append(
                f"{article.outlet} ({article.source}) is in '{article.language}': the pipeline is "
                "English-only, so its entities and facts are likely incomplete."
            )
    first: dict[str, Article] = {}
    for article in comparison.articles:
        base = article.id.split("-")[0]
        original = first.setdefault(base, article)
        if original is article:
            continue
        if original.source == article.source:
            notes.append(f"{article.source} is given twice: it is compared with itself.")
        else:
            notes.append(
                f"{article.outlet} ({article.source}) has the same text as {original.outlet} "
                f"({original.source}): a wire copy, compared as a second report."
            )
    notes.extend(_unshared(comparison))
    return notes


def _unshared(comparison: Comparison) -> list[str]:
    """Articles that share no statement with any other: probably about another event (a
    search page, another story on the same site), and everything they say shows as theirs
    alone."""
    shared = {c.span.article for f in comparison.facts if f.status != "one" for c in f.claims}
    if not shared:
        return []  # nothing is shared at all: one note would not help
    return [
        f"{a.outlet} ({a.source}) shares no statement with the other reports: it may be about "
        "another event."
        for a in comparison.articles
        if a.id not in shared
    ]
