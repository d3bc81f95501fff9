"""Wire-copy detection: synthetic copies of real articles (light edits, truncation, added
boilerplate, new headline) mixed with the real near-copies already in news_cluster.

Truth: a synthetic copy belongs to its original's family; real articles whose bodies (without site
boilerplate, as the detector reads them) have
exact 5-gram Jaccard >= 0.5 are joined into one family too. Recall counts family pairs with
Jaccard >= 0.5 that land in one detected group; precision counts detected pairs that are
in one family.

    .venv/bin/python benchmarks/wirecopies.py --copies 200
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus_data import real_articles
from manysides.corpus.features import FeatureSettings, body, jaccard, shingles, story_body
from manysides.corpus.ingest import ingest_articles
from manysides.corpus.store import Store
from manysides.model import Article
from manysides.read.build import Metadata, build_article

BOILERPLATE = (
    "Copyright 2017 The Associated Press. All rights reserved. This material may not be published."
)


def synthetic_copy(article: Article, kind: str, rng: random.Random, n: int) -> Article:
    sentences = body(article).split(". ")
    if kind == "truncate":
        sentences = sentences[: max(3, int(len(sentences) * 0.7))]
    elif kind == "edit":
        words = ". ".join(sentences).split(" ")
        for i in rng.sample(range(len(words)), max(1, len(words) // 40)):
            words[i] = rng.choice(["said", "reported", "officials", "on", "Tuesday"])
        sentences = [" ".join(words)]
    text = ". ".join(sentences)
    if kind == "boilerplate":
        text = f"{text}\n\n{BOILERPLATE}\n\nRead more: related coverage."
    title = f"UPDATE: {article.title}" if kind in ("headline", "edit") else article.title
    return build_article(
        text,
        Metadata(title=title, outlet=f"copy{n}.example", published=article.published),
        f"copy-{n}",
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--copies", type=int, default=200)
    args = parser.parse_args()
    rng = random.Random(11)
    base = real_articles()
    family = {a.id: a.id for a in base}

    def root(x: str) -> str:
        while family[x] != x:
            x = family[x]
        return x

    sets = {a.id: shingles(story_body(a)) for a in base}
    for a, b in itertools.combinations(base, 2):
        if jaccard(sets[a.id], sets[b.id]) >= 0.5:
            family[root(b.id)] = root(a.id)
    copies = []
    kinds = ["edit", "truncate", "boilerplate", "headline"]
    for n in range(args.copies):
        original = rng.choice(base)
        copy = synthetic_copy(original, kinds[n % 4], rng, n)
        family[copy.id] = root(original.id)
        sets[copy.id] = shingles(story_body(copy))
        copies.append(copy)
    stream = base + copies
    rng.shuffle(stream)
    with tempfile.TemporaryDirectory() as tmp, Store.open(Path(tmp) / "w.db") as store:
        start, cpu = time.perf_counter(), time.process_time()
        ingest_articles(store, stream, features=FeatureSettings("hashing", "capitalized"))
        seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu
        group = dict(store.db.execute("SELECT article_id, grp FROM copies"))
    ids = sorted({a.id for a in stream})
    detected = [
        (a, b)
        for a, b in itertools.combinations(ids, 2)
        if a in group and group.get(a) == group.get(b)
    ]
    truth = [
        (a, b)
        for a, b in itertools.combinations(ids, 2)
        if root(a) == root(b) and jaccard(sets[a], sets[b]) >= 0.5
    ]
    hit = sum(1 for a, b in truth if a in group and group.get(a) == group.get(b))
    correct = sum(1 for a, b in detected if root(a) == root(b))
    print(
        json.dumps(
            {
                "articles": len(ids),
                "synthetic_copies": len(copies),
                "real_pairs_jaccard_ge_0.5": sum(
                    1
                    for a, b in itertools.combinations(base, 2)
                    if jaccard(sets[a.id], sets[b.id]) >= 0.5
                ),
                "truth_pairs": len(truth),
                "detected_pairs": len(detected),
                "recall": round(hit / len(truth), 4),
                "precision": round(correct / max(1, len(detected)), 4),
                "ingest_seconds_hashing_features": round(seconds, 1),
                "ingest_cpu_seconds": round(cpu_seconds, 1),
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
