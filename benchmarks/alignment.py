"""Fact-alignment quality on the seeds: which combination of signals works, and at what threshold.

Run: .venv/bin/python benchmarks/alignment.py
Gold: tests/data/seed_fact_pairs.json (hand-made). Prints a Markdown table for RESULTS.md.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import numpy as np

from manysides.compare.align import AlignmentSettings, align
from manysides.compare.entities import resolve_entities
from manysides.compare.evaluate import PairScore, load_gold, score_alignment
from manysides.compare.run import fact_groups
from manysides.compare.statements import Statement, all_statements
from manysides.model import Article, Comparison
from manysides.nlp.annotate import annotate_articles
from manysides.nlp.embed import HashingEmbedder, MiniLMEmbedder, Vectors
from manysides.read import read_sources

ROOT = Path(__file__).resolve().parent.parent


class CachedEmbedder:
    """Embeds each distinct text once across the whole sweep."""

    def __init__(self, inner: HashingEmbedder | MiniLMEmbedder) -> None:
        self.inner = inner
        self.name = inner.name
        self.cache: dict[str, np.ndarray] = {}

    def embed(self, texts: Sequence[str]) -> Vectors:
        missing = [t for t in dict.fromkeys(texts) if t not in self.cache]
        if missing:
            for text, vector in zip(missing, self.inner.embed(missing), strict=True):
                self.cache[text] = vector
        return np.stack([self.cache[t] for t in texts]).astype(np.float32)


def score(
    articles: list[Article],
    statements: list[list[Statement]],
    embedder: CachedEmbedder,
    settings: AlignmentSettings,
    gold: dict[str, object],
) -> PairScore:
    """Align precomputed statements with ``settings`` and score against the gold pairs."""
    groups = align(statements, embedder, settings)
    facts = fact_groups(groups, statements, {a.outlet for a in articles})
    return score_alignment(Comparison(articles, [], facts), gold)


def main() -> None:
    gold = load_gold(ROOT / "tests" / "data" / "seed_fact_pairs.json")
    articles, _ = read_sources([ROOT / "examples"])
    _entities, entity_of = resolve_entities(annotated := annotate_articles(articles))
    statements = all_statements(annotated, entity_of)
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
        "hash": CachedEmbedder(HashingEmbedder()),
        "minilm": CachedEmbedder(MiniLMEmbedder()),
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


if __name__ == "__main__":
    main()
