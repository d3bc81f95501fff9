"""`compare`: sources in, a cited `Comparison` out. Models load once per process."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from manysides.compare.align import AlignmentSettings, Group, align
from manysides.compare.enrich import run_enrichers
from manysides.compare.entities import resolve_entities
from manysides.compare.statements import Statement, all_statements
from manysides.errors import NotEnoughArticlesError
from manysides.model import Article, Claim, Comparison, FactGroup, Rejection, Status
from manysides.nlp.annotate import annotate_articles
from manysides.nlp.embed import Embedder, default_embedder
from manysides.read import read_sources
from manysides.read.build import Metadata, build_article, detect_language

Source = str | Path | Article


def compare(
    sources: Iterable[Source],
    *,
    embedder: Embedder | None = None,
    nlp: Any = None,
    settings: AlignmentSettings | None = None,
    enrichers: list[str] | None = None,
    options: dict[str, Any] | None = None,
) -> Comparison:
    """Read, annotate and compare reports of one event.

    ``sources`` are paths (files or folders), `Article`s, or raw article texts (a string
    with a line break). Raises `NotEnoughArticlesError` when fewer than two are usable.
    ``options`` are passed to the enrichers that take them (``omission_k``).
    """
    articles, rejections = _gather(sources)
    if len(articles) < 2:
        found = "no usable article" if not articles else "only one usable article"
        problems = "".join(f"\n  {r.source}: {r.reason}" for r in rejections)
        raise NotEnoughArticlesError(
            f"a comparison needs at least two articles; found {found}.{problems}"
        )
    return compare_articles(
        articles,
        rejections,
        embedder=embedder,
        nlp=nlp,
        settings=settings,
        enrichers=enrichers,
        options=options,
    )


def compare_articles(
    articles: Sequence[Article],
    rejections: Sequence[Rejection] = (),
    *,
    embedder: Embedder | None = None,
    nlp: Any = None,
    settings: AlignmentSettings | None = None,
    enrichers: list[str] | None = None,
    options: dict[str, Any] | None = None,
) -> Comparison:
    """The comparison of already-read articles (corpus mode calls this for a story).

    ``enrichers`` selects the later stages (quotes, conflicts, framing…) by their entries in
    `manysides.compare.enrich.ENRICHERS`; None runs them all, [] none.
    """
    articles = _unique_ids(articles)
    annotated = annotate_articles(articles, nlp=nlp)
    entities, entity_of = resolve_entities(annotated)
    statements = all_statements(annotated, entity_of, entities)
    groups = align(statements, embedder or default_embedder(), settings)
    facts = fact_groups(groups, statements, {a.outlet for a in articles})
    comparison = Comparison(list(articles), entities, facts, annotated, list(rejections))
    return run_enrichers(comparison, enrichers, options)


def fact_groups(
    groups: Sequence[Group], statements: Sequence[Sequence[Statement]], outlets: set[str]
) -> list[FactGroup]:
    """Fact groups ordered: most widely reported first, then by position in the first article."""
    built: list[tuple[tuple[int, int, int], FactGroup]] = []
    for group in groups:
        claims = tuple(
            Claim(s.span, s.outlet, tuple(sorted(s.entities)), tuple(str(v) for v, _ in s.numbers))
            for s in (statements[a][i] for a, i in group.members)
        )
        group_outlets = tuple(dict.fromkeys(c.outlet for c in claims))
        status: Status = (
            "one"
            if len(group_outlets) == 1
            else "all"
            if set(group_outlets) >= outlets
            else "several"
        )
        first = group.members[0]
        built.append(
            (
                (-len(group_outlets), first[0], first[1]),
                FactGroup("", status, group_outlets, claims, round(group.score, 3)),
            )
        )
    built.sort(key=lambda pair: pair[0])
    return [replace(fact, id=f"f{n}") for n, (_key, fact) in enumerate(built, start=1)]


def _gather(sources: Iterable[Source]) -> tuple[list[Article], list[Rejection]]:
    """Articles in the order given; folders expand in sorted order where they stand."""
    articles: list[Article] = []
    rejections: list[Rejection] = []
    for number, source in enumerate(sources, start=1):
        if isinstance(source, Article):
            articles.append(source)
        elif isinstance(source, str) and "\n" in source:
            articles.append(detect_language(build_article(source, Metadata(), f"text-{number}")))
        else:
            read, rejected = read_sources([source])
            articles.extend(read)
            rejections.extend(rejected)
    return articles, rejections


def _unique_ids(articles: Sequence[Article]) -> list[Article]:
    """Identical texts given twice stay two articles, with distinct ids."""
    seen: dict[str, int] = {}
    unique = []
    for article in articles:
        count = seen.get(article.id, 0)
        seen[article.id] = count + 1
        unique.append(article if count == 0 else _renamed(article, f"{article.id}-{count + 1}"))
    return unique


def _renamed(article: Article, new_id: str) -> Article:
    def move(span: Any) -> Any:
        return replace(span, article=new_id) if span is not None else None

    return replace(
        article,
        id=new_id,
        title_span=move(article.title_span),
        furniture=tuple(replace(f, span=move(f.span)) for f in article.furniture),
    )
