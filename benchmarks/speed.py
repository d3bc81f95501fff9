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
from manysides.nlp.pipeline import load_pipeline
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


def main() -> None:
    rows = []
    load_nlp, _ = timed(load_pipeline)
    load_embedder, _ = timed(default_embedder)
    rows.append(("load spaCy pipeline", f"{load_nlp:.2f} s"))
    rows.append(("load MiniLM embedder", f"{load_embedder:.2f} s"))
    first, _ = timed(lambda: compare([ROOT / "examples"]))
    rows.append(("compare seeds, first call (caches warm up)", f"{first:.2f} s"))
    warm, _ = timed(lambda: compare([ROOT / "examples"]), repeat=5)
    rows.append(("compare seeds, warm (median of 5)", f"{warm:.2f} s"))
    if NEWS_CLUSTER.is_dir():
        articles = event_articles()
        words = sum(len(a.text.split()) for a in articles)
        ten, comparison = timed(lambda: compare_articles(articles), repeat=3)
        rows.append(
            (
                f"compare {len(articles)} articles of one event ({words} words), warm (median of 3)",
                f"{ten:.2f} s",
            )
        )
        rows.append(
            (
                "  of which fact groups / shared by several",
                f"{len(comparison.facts)} / {sum(1 for f in comparison.facts if f.status != 'one')}",
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
