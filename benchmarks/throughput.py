"""Ingest throughput: articles/s end to end, the NLP parse alone, peak memory, and time per
article as the store grows.

    .venv/bin/python benchmarks/throughput.py --real 1000 --grow 10000 --workers 2
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus_data import real_articles, variants
from manysides.corpus.features import ENTITY_CHARS, FeatureSettings
from manysides.corpus.ingest import ingest_articles
from manysides.corpus.store import Store
from manysides.engine.executor import make_executor


def peak_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return round(max(own, kids) / 1024, 1)


def end_to_end(articles: list, workers: int) -> dict[str, float]:
    executor = make_executor(workers)
    with tempfile.TemporaryDirectory() as tmp, Store.open(Path(tmp) / "t.db") as store:
        start = time.perf_counter()
        ingest_articles(store, articles, executor=executor)
        seconds = time.perf_counter() - start
    executor.close()
    return {
        "articles": len(articles),
        "seconds": round(seconds, 1),
        "articles_per_s": round(len(articles) / seconds, 1),
    }


def parse_only(articles: list) -> dict[str, float]:
    from manysides.nlp.pipeline import load_pipeline

    nlp = load_pipeline()
    texts = [a.text for a in articles]
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=32):
        pass
    full = time.perf_counter() - start
    start = time.perf_counter()
    with nlp.select_pipes(enable=["tok2vec", "ner"]):
        for _ in nlp.pipe([t[:ENTITY_CHARS] for t in texts], batch_size=32):
            pass
    lead = time.perf_counter() - start
    return {
        "full_parse_articles_per_s": round(len(texts) / full, 1),
        "ingest_ner_lead_articles_per_s": round(len(texts) / lead, 1),
    }


def growth(articles: list, step: int) -> list[dict[str, float]]:
    """Model-free features (hashing): how time per article moves as the store fills."""
    points = []
    with tempfile.TemporaryDirectory() as tmp, Store.open(Path(tmp) / "g.db") as store:
        for begin in range(0, len(articles), step):
            start = time.perf_counter()
            ingest_articles(
                store,
                articles[begin : begin + step],
                features=FeatureSettings("hashing", "capitalized"),
            )
            ms = (time.perf_counter() - start) * 1000 / step
            points.append({"stored_after": begin + step, "ms_per_article": round(ms, 2)})
            print(points[-1], file=sys.stderr, flush=True)
    return points


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--real", type=int, default=1000)
    parser.add_argument("--grow", type=int, default=10000)
    parser.add_argument("--step", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    base = real_articles()
    corpus = variants(base, max(args.real, args.grow))
    result = {
        "parse": parse_only(base),
        "end_to_end": end_to_end(corpus[: args.real], args.workers),
        "peak_rss_mb_after_end_to_end": peak_mb(),
        "growth_hashing_features": growth(corpus[: args.grow], args.step),
    }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
