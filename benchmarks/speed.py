"""Speed of `compare`: model load, the seeds warm, and 10 articles of one event.

Run: .venv/bin/python benchmarks/speed.py
The 10-article event is the largest event of news_cluster in ../shared/data (skipped when
the data is missing). Prints a Markdown table for RESULTS.md.
"""

from __future__ import annotations

import ast
import json
import platform
import statistics
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from manysides.compare.run import compare, compare_articles
from manysides.model import Article
from manysides.nlp.embed import default_embedder
from manysides.nlp.pipeline import clear_parse_cache, load_pipeline
from manysides.read.jsonfile import article_from_record

ROOT = Path(__file__).resolve().parent.parent
NEWS_CLUSTER = ROOT.parent / "shared/data/giveme5w1h/Giveme5W1H/examples/datasets/news_cluster/data"


def timed(function: Any, repeat: int = 1) -> tuple[float, Any]:
    """Median wall time over ``repeat`` runs, and the last result."""
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def event_articles(size: int = 10) -> list[Article]:
    """``size`` articles of the largest event with distinct outlets, in file order."""
    events: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for path in sorted(NEWS_CLUSTER.glob("*.json")):
        record = json.loads(path.read_text("utf-8"))
        cluster = record["newsCluster"]
        cluster = ast.literal_eval(cluster) if isinstance(cluster, str) else cluster
        events[cluster["EventId"]].append(record)
    biggest = max(events.values(), key=len)
    articles: dict[str, Article] = {}
    for record in biggest:
        article = article_from_record(record, record["filename"])
        articles.setdefault(article.outlet, article)
    return list(articles.values())[:size]


def cold(function: Any) -> Any:
    """Run with the paragraph-parse cache emptied first, so every run parses again."""

    def run() -> Any:
        clear_parse_cache()
        return function()

    return run


def main() -> None:
    rows = []
    load_nlp, _ = timed(load_pipeline)
    load_embedder, _ = timed(default_embedder)
    rows.append(("load spaCy pipeline", f"{load_nlp:.2f} s"))
    rows.append(("load MiniLM embedder", f"{load_embedder:.2f} s"))
    seeds = [ROOT / "examples"]
    first, _ = timed(cold(lambda: compare(seeds)))
    rows.append(("compare seeds, first call, everything (caches warm up)", f"{first:.2f} s"))
    base, _ = timed(cold(lambda: compare(seeds, enrichers=[])), repeat=5)
    rows.append(
        ("compare seeds, warm: read, annotate, entities, alignment (median of 5)", f"{base:.2f} s")
    )
    full, _ = timed(cold(lambda: compare(seeds)), repeat=3)
    rows.append(
        (
            "compare seeds, warm: + quotes, dates, conflicts, brief, framing (median of 3)",
            f"{full:.2f} s",
        )
    )
    if NEWS_CLUSTER.is_dir():
        articles = event_articles()
        words = sum(len(a.text.split()) for a in articles)
        ten, comparison = timed(cold(lambda: compare_articles(articles, enrichers=[])), repeat=3)
        rows.append(
            (
                f"compare {len(articles)} articles of one event ({words} words), base, warm (median of 3)",
                f"{ten:.2f} s",
            )
        )
        everything, comparison = timed(cold(lambda: compare_articles(articles)), repeat=1)
        rows.append(
            (f"compare the same {len(articles)} articles, everything", f"{everything:.2f} s")
        )
        shared = sum(1 for f in comparison.facts if f.status != "one")
        rows.append(
            (
                "  fact groups / reported by two or more outlets",
                f"{len(comparison.facts)} / {shared}",
            )
        )
    print(
        f"Machine: {platform.machine()}, {platform.processor() or 'cpu'}, Python {platform.python_version()}\n"
    )
    print("| step | time |")
    print("|---|---|")
    for step, value in rows:
        print(f"| {step} | {value} |")


if __name__ == "__main__":
    main()
