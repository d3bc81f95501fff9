"""Story clustering quality with the shipped defaults: B-cubed P/R/F1 and ARI, articles
ingested in publication-date order (news_cluster; gold_standard's 12 categories as a
second, smaller check).

    .venv/bin/python benchmarks/clusters.py
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus_data import GOLD, NEWS_CLUSTER
from manysides.corpus.evaluate import evaluate_clusters


def main() -> None:
    out = {}
    for name, folder in (("news_cluster", NEWS_CLUSTER), ("gold_standard", GOLD)):
        start = time.perf_counter()
        scores = evaluate_clusters(folder).to_dict()
        scores["seconds"] = round(time.perf_counter() - start, 1)
        out[name] = scores
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
