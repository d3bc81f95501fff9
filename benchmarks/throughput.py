"""Ingest throughput: articles/s end to end with the real models, the NLP parse alone, peak
memory, and time per article as the store grows (1k, 10k, 50k stored articles).

    HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/throughput.py --real 5000 --workers 2 \\
        --grow 1000,10000,50000

The corpus is built from the 479 real articles of ../shared/data (see
`corpus_data.variants`). The growth points use the model-free features (hashing embedder,
capitalized-word entities): the stages whose cost could grow with the store (SQLite, LSH
lookups, clustering) are the same, and filling 50k articles with the real models would take
most of an hour on two cores. The end-to-end run reports its own time per 1,000 articles.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import numpy as np

from corpus_data import real_articles, variants
from manysides.corpus.cluster import Clusterer, ClusterSettings, forget_members
from manysides.corpus.features import FeatureSettings, lead
from manysides.corpus.ingest import ingest_articles
from manysides.corpus.members import MemberIndex
from manysides.corpus.store import Store
from manysides.engine.executor import make_executor
from manysides.model import Article

CHEAP = FeatureSettings("hashing", "capitalized")


def peak_mb() -> dict[str, float]:
    """Peak RSS of this process and of the largest (finished) worker process."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {"main_mb": round(own / 1024, 1), "largest_worker_mb": round(kids / 1024, 1)}


def end_to_end(articles: list[Article], workers: int) -> dict[str, object]:
    """Real models; the clock includes starting the workers and loading the models."""
    marks: list[float] = []
    done = [0]

    def tick(_source: str, _status: str) -> None:
        done[0] += 1
        if done[0] % 1000 == 0:
            marks.append(time.perf_counter())

    start = time.perf_counter()
    executor = make_executor(workers)
    with tempfile.TemporaryDirectory() as tmp, Store.open(Path(tmp) / "t.db") as store:
        ingest_articles(store, articles, executor=executor, progress=tick)
        seconds = time.perf_counter() - start
    executor.close()
    per_k = [round((b - a), 1) for a, b in zip([start, *marks], marks, strict=False)]
    return {
        "articles": len(articles),
        "workers": workers,
        "seconds": round(seconds, 1),
        "articles_per_s": round(len(articles) / seconds, 1),
        "seconds_per_1000_articles": per_k,
    }


def parse_only(articles: list[Article]) -> dict[str, float]:
    """The spaCy cost alone, one process: a full parse vs the NER-only lead ingest runs."""
    from manysides.nlp.pipeline import load_pipeline

    nlp = load_pipeline()
    texts = [a.text for a in articles]
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=32):
        pass
    full = time.perf_counter() - start
    start = time.perf_counter()
    with nlp.select_pipes(enable=["tok2vec", "ner"]):
        for _ in nlp.pipe([lead(a) for a in articles], batch_size=32):
            pass
    ner = time.perf_counter() - start
    return {
        "articles": len(texts),
        "full_parse_articles_per_s": round(len(texts) / full, 1),
        "ingest_ner_on_lead_articles_per_s": round(len(texts) / ner, 1),
    }


def growth(articles: list[Article], points: list[int], probe: int) -> list[dict[str, float]]:
    """Fill the store to each point, then time ingesting the next ``probe`` articles in one
    ingest call: wall clock, and this process's CPU time (all its threads), which a busy
    shared machine inflates far less than the wall clock. The call includes one
    `Clusterer.load` (the clusterer's state read back from the store), a cost per ingest
    call rather than per article; it is also timed alone, and the per-article CPU time is
    given without it. ``rebuild_cpu_s``: the same load without the member index's
    snapshot (the first load after an upgrade, a merge, a split or a recluster), timed in a
    transaction that is rolled back, so the store keeps its snapshot."""
    out = []
    with tempfile.TemporaryDirectory() as tmp, Store.open(Path(tmp) / "g.db") as store:
        stored = 0
        for point in points:
            ingest_articles(store, articles[stored:point], features=CHEAP)
            start, cpu = time.perf_counter(), time.process_time()
            ingest_articles(store, articles[point : point + probe], features=CHEAP)
            ms = (time.perf_counter() - start) * 1000 / probe
            cpu_ms = (time.process_time() - cpu) * 1000 / probe
            stored = point + probe
            load = time.process_time()
            Clusterer.load(store, ClusterSettings())
            load_s = time.process_time() - load
            store.db.execute("BEGIN")
            forget_members(store)
            rebuild = time.process_time()
            Clusterer.load(store, ClusterSettings())
            rebuild_s = time.process_time() - rebuild
            store.db.execute("ROLLBACK")
            out.append(
                {
                    "stored": point,
                    "ms_per_article": round(ms, 2),
                    "cpu_ms_per_article": round(cpu_ms, 2),
                    "load_cpu_s_per_ingest_call": round(load_s, 3),
                    "rebuild_cpu_s": round(rebuild_s, 3),
                    "cpu_ms_per_article_without_load": round(cpu_ms - load_s * 1000 / probe, 2),
                }
            )
            print(out[-1], file=sys.stderr, flush=True)
    return out


def member_search(points: list[int], per_day: int, queries: int = 200) -> list[dict[str, float]]:
    """CPU ms of one nearest-member lookup (`MemberIndex.best_links`) at each store size, in
    a stream whose dates advance ``per_day`` articles a day (random 384-d vectors, stories
    of ~20 members that arrive together, each member keyed by its story's name, one of 20
    frequent words and one of 2,000 rarer ones): the candidate search isolated from SQLite
    and LSH."""
    rng = np.random.default_rng(5)
    settings = ClusterSettings()
    out = []
    for point in points:
        index = MemberIndex()
        vectors = rng.standard_normal((point, 384)).astype(np.float32)
        days = (730000 + np.arange(point) // per_day).astype(np.float64)
        stories = (np.arange(point) + rng.integers(0, 40, point)) // 20
        keys = [
            [f"n:{s}", f"w:c{rng.integers(0, 20)}", f"w:v{rng.integers(0, 2000)}"]
            for s in stories.tolist()
        ]
        index.extend(vectors, stories.astype(np.int64), days, keys)
        probes = rng.standard_normal((queries, 384)).astype(np.float32)
        picks = rng.integers(0, point, queries)
        start = time.process_time()
        for probe, pick in zip(probes, picks.tolist(), strict=True):
            index.best_links(
                probe,
                float(days[-1]),
                keys[pick],
                settings.w_time,
                settings.horizon_days,
                settings.window_days,
            )
        ms = (time.process_time() - start) * 1000 / queries
        out.append(
            {"stored": point, "days": int(point // per_day), "cpu_ms_per_lookup": round(ms, 3)}
        )
        print(out[-1], file=sys.stderr, flush=True)
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--real", type=int, default=5000, help="articles, real models")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--grow", default="1000,10000,50000", help="store sizes to probe")
    parser.add_argument("--probe", type=int, default=500)
    parser.add_argument("--skip", default="", help="comma list of parse,e2e,grow,members to skip")
    parser.add_argument("--per-day", type=int, default=50, help="stream rate for members")
    args = parser.parse_args()
    skip = set(args.skip.split(","))
    points = [int(p) for p in args.grow.split(",") if p]
    base = real_articles()
    corpus = variants(base, max([args.real, *(p + args.probe for p in points)]))
    result: dict[str, object] = {"load_average_start": os.getloadavg()}
    if "e2e" not in skip:
        result["end_to_end"] = end_to_end(corpus[: args.real], args.workers)
        result["peak_rss"] = peak_mb()  # before the parse benchmark loads spaCy here
    if "parse" not in skip:
        result["parse"] = parse_only(base)
    if "grow" not in skip:
        result["growth_model_free_features"] = growth(corpus, points, args.probe)
    if "members" not in skip:
        result["member_search_stream"] = member_search(points, args.per_day)
    result["load_average_end"] = os.getloadavg()
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
