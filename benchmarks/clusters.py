"""Story clustering quality with the shipped defaults: B-cubed P/R/F1 and ARI on three
labeled sets: news_cluster (69 events, ingested in publication-date order), gold_standard
(12 categories, date order) and NewsWCL50 (10 events x 5 outlets, undated, outlet order).

    HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/clusters.py --workers 2
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus_data import GOLD, NEWS_CLUSTER, newswcl50_articles
from manysides.corpus.evaluate import evaluate_labeled, labeled_articles
from manysides.engine.executor import make_executor


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    executor = make_executor(args.workers)
    out: dict[str, object] = {"load_average_start": os.getloadavg()}
    sets = {
        "news_cluster": lambda: labeled_articles(NEWS_CLUSTER),
        "gold_standard": lambda: labeled_articles(GOLD),
        "newswcl50": newswcl50_articles,
    }
    for name, load in sets.items():
        start = time.perf_counter()
        scores = evaluate_labeled(load(), executor=executor).to_dict()
        scores["seconds"] = round(time.perf_counter() - start, 1)
        out[name] = scores
    executor.close()
    out["load_average_end"] = os.getloadavg()
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
