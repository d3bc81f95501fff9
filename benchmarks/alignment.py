"""Fact-alignment quality on the seeds: which combination of signals works, and at what threshold.

Run: .venv/bin/python benchmarks/alignment.py
Gold: tests/data/seed_fact_pairs.json (hand-made). Prints a Markdown table for RESULTS.md.
"""

from __future__ import annotations

import sys
import time
from dataclasses import replace
from pathlib import Path

from manysides.compare.align import AlignmentSettings, align
from manysides.compare.entities import resolve_entities
from manysides.compare.evaluate import PairScore, load_gold, score_alignment
from manysides.compare.run import fact_groups
from manysides.compare.statements import Statement, all_statements
from manysides.model import Article, Comparison
from manysides.nlp.annotate import annotate_articles
from manysides.nlp.embed import CachingEmbedder, HashingEmbedder, MiniLMEmbedder
from manysides.read import read_sources

ROOT = Path(__file__).resolve().parent.parent


def score(
    articles: list[Article],
    statements: list[list[Statement]],
    embedder: CachingEmbedder,
    settings: AlignmentSettings,
    gold: dict[str, object],
) -> PairScore:
    """Align precomputed statements with ``settings`` and score against the gold pairs."""
    groups = align(statements, embedder, settings)
    facts = fact_groups(groups, statements, {a.outlet for a in articles})
    return score_alignment(Comparison(articles, [], facts), gold)


NEWS_CLUSTER = ROOT.parent / "shared/data/giveme5w1h/Giveme5W1H/examples/datasets/news_cluster/data"


def event_pairs(count: int = 8) -> tuple[list[list[Article]], list[list[Article]]]:
    """Article pairs from one news_cluster event, and pairs from two different events."""
    import ast
    import json
    import random

    from manysides.read.jsonfile import article_from_record

    events: dict[int, list[Article]] = {}
    for path in sorted(NEWS_CLUSTER.glob("*.json")):
        record = json.loads(path.read_text("utf-8"))
        cluster = record["newsCluster"]
        cluster = ast.literal_eval(cluster) if isinstance(cluster, str) else cluster
        article = article_from_record(record, path.name)
        events.setdefault(cluster["EventId"], []).append(replace(article, outlet=path.name))
    big = [e for e in sorted(events) if len(events[e]) >= 3]
    random.Random(1).shuffle(big)
    same = [events[e][:2] for e in big[:count]]
    different = [
        [events[a][0], events[b][0]]
        for a, b in zip(big[:count], big[count : 2 * count], strict=False)
    ]
    return same, different


def cross_event_links(settings: AlignmentSettings, embedder: CachingEmbedder) -> None:
    """Linked statement pairs between articles of one event and of different events (all
    wrong): a label-free check that the threshold does not invent shared facts."""
    same, different = event_pairs()
    print(
        "\n| article pairs (news_cluster) | pairs | linked statement pairs | statements (smaller side) |"
    )
    print("|---|---|---|---|")
    for label, pairs in (
        ("same event", same),
        ("different events (every link is wrong)", different),
    ):
        links = statements_total = 0
        for pair in pairs:
            entities, entity_of = resolve_entities(annotated := annotate_articles(pair))
            statements = all_statements(annotated, entity_of, entities)
            groups = align(statements, embedder, settings)
            links += sum(1 for g in groups if len({a for a, _ in g.members}) > 1)
            statements_total += min(len(s) for s in statements)
        print(f"| {label} | {len(pairs)} | {links} | {statements_total} |")


def main() -> None:
    gold = load_gold(ROOT / "tests" / "data" / "seed_fact_pairs.json")
    articles, _ = read_sources([ROOT / "examples"])
    entities, entity_of = resolve_entities(annotated := annotate_articles(articles))
    statements = all_statements(annotated, entity_of, entities)
    default = AlignmentSettings()
    none = {"entities": 0.0, "words": 0.0, "quoted": 0.0, "numbers": 0.0, "dates": 0.0}
    combos = {
        "bag of words (hashing), cosine only": ("hash", replace(default, **none)),
        "MiniLM cosine only": ("minilm", replace(default, **none)),
        "MiniLM + entities": ("minilm", replace(default, **{**none, "entities": default.entities})),
        "MiniLM + content words (IDF)": (
            "minilm",
            replace(default, **{**none, "words": default.words}),
        ),
        "MiniLM + entities + words + quoted phrases": (
            "minilm",
            replace(default, numbers=0, dates=0),
        ),
        "MiniLM + all signals (default)": ("minilm", default),
        "bag of words + all other signals": ("hash", default),
    }
    embedders = {
        "hash": CachingEmbedder(HashingEmbedder()),
        "minilm": CachingEmbedder(MiniLMEmbedder()),
    }
    thresholds = [round(0.40 + 0.02 * i, 2) for i in range(21)]
    print("| signals | P | R | F1 at default threshold | best F1 (threshold) |")
    print("|---|---|---|---|---|")
    started = time.perf_counter()
    for label, (which, settings) in combos.items():
        embedder = embedders[which]
        at_default = score(articles, statements, embedder, settings, gold)
        best = max(
            (score(articles, statements, embedder, replace(settings, threshold=t), gold).f1, t)
            for t in thresholds
        )
        print(
            f"| {label} | {at_default.precision:.2f} | {at_default.recall:.2f} | {at_default.f1:.2f} "
            f"| {best[0]:.2f} ({best[1]:.2f}) |"
        )
    print(
        f"\n(default threshold {default.threshold}; sweep took {time.perf_counter() - started:.0f} s)",
        file=sys.stderr,
    )
    if NEWS_CLUSTER.is_dir():
        cross_event_links(default, embedders["minilm"])


if __name__ == "__main__":
    main()
