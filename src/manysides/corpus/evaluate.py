"""Clustering quality: B-cubed precision/recall/F1 and the adjusted Rand index against gold
event labels, ingesting the labeled articles in publication-date order into a fresh store."""

from __future__ import annotations

import json
import math
import tempfile
from collections import Counter
from collections.abc import Hashable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from manysides.corpus.cluster import ClusterSettings
from manysides.corpus.features import FeatureSettings
from manysides.corpus.ingest import ingest_articles
from manysides.corpus.store import Store
from manysides.engine.executor import Executor
from manysides.errors import InputError, ManysidesError
from manysides.model import Article
from manysides.read.jsonfile import article_from_record

NEWS_CLUSTER = Path("../shared/data/giveme5w1h/Giveme5W1H/examples/datasets/news_cluster/data")


@dataclass(frozen=True, slots=True)
class ClusterScores:
    articles: int
    gold_events: int
    stories: int
    b3_precision: float
    b3_recall: float
    b3_f1: float
    ari: float

    def to_dict(self) -> dict[str, float | int]:
        return {k: round(v, 4) if isinstance(v, float) else v for k, v in asdict(self).items()}


def b_cubed(predicted: Sequence[Hashable], gold: Sequence[Hashable]) -> tuple[float, float, float]:
    """Per-item precision and recall of its cluster against its gold class, averaged."""
    pred_size = Counter(predicted)
    gold_size = Counter(gold)
    both = Counter(zip(predicted, gold, strict=True))
    n = len(gold)
    precision = sum(both[(p, g)] / pred_size[p] for p, g in zip(predicted, gold, strict=True)) / n
    recall = sum(both[(p, g)] / gold_size[g] for p, g in zip(predicted, gold, strict=True)) / n
    return precision, recall, 2 * precision * recall / (precision + recall)


def adjusted_rand(predicted: Sequence[Hashable], gold: Sequence[Hashable]) -> float:
    """Hubert-Arabie ARI from the contingency table."""

    def pairs(k: int) -> float:
        return k * (k - 1) / 2

    index = math.fsum(pairs(c) for c in Counter(zip(predicted, gold, strict=True)).values())
    a = math.fsum(pairs(c) for c in Counter(predicted).values())
    b = math.fsum(pairs(c) for c in Counter(gold).values())
    expected = a * b / pairs(len(gold))
    top = (a + b) / 2
    return 1.0 if top == expected else (index - expected) / (top - expected)


def labeled_articles(folder: Path) -> list[tuple[Article, str | None]]:
    """news-please JSON files with ``newsCluster.EventId`` (or ``category``), in date order.

    An article without a label (gold_standard has one) is still ingested, as it would be in
    a real stream, but not scored (label None)."""
    if not folder.is_dir():
        raise ManysidesError(f"no labeled corpus at {folder}: give the news_cluster data folder")
    found = []
    for path in sorted(folder.glob("*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        label = (record.get("newsCluster") or {}).get("EventId", record.get("category"))
        article = article_from_record(record, str(path))
        found.append((article, None if label is None else str(label)))
    if not any(label for _, label in found):
        raise InputError(str(folder), "no gold labels (newsCluster.EventId or category)")
    found.sort(key=lambda pair: (pair[0].published or "9999", pair[0].source))
    return found


def evaluate_clusters(
    folder: Path,
    *,
    db: Path | None = None,
    features: FeatureSettings | None = None,
    clustering: ClusterSettings | None = None,
    executor: Executor | None = None,
) -> ClusterScores:
    """Ingest the labeled articles in publication order with the given (default) settings."""
    return evaluate_labeled(
        labeled_articles(folder),
        db=db,
        features=features,
        clustering=clustering,
        executor=executor,
    )


def evaluate_labeled(
    labeled: Sequence[tuple[Article, str | None]],
    *,
    db: Path | None = None,
    features: FeatureSettings | None = None,
    clustering: ClusterSettings | None = None,
    executor: Executor | None = None,
) -> ClusterScores:
    """Ingest (article, label) pairs in the given order into a fresh store and score the
    stories against the labels (None: ingested, not scored)."""
    with tempfile.TemporaryDirectory() as scratch:
        store = Store.open(db or Path(scratch) / "eval.db")
        with store:
            ingest_articles(
                store,
                (a for a, _ in labeled),
                features=features,
                clustering=clustering,
                executor=executor,
            )
            story_of = dict(store.db.execute("SELECT article_id, story_id FROM story_articles"))
    gold_of: dict[str, str] = {}
    for article, label in labeled:
        if label is not None:
            gold_of.setdefault(article.id, label)  # identical texts are one stored article
    ids = sorted(gold_of)
    predicted = [story_of[i] for i in ids]
    gold = [gold_of[i] for i in ids]
    p, r, f = b_cubed(predicted, gold)
    return ClusterScores(
        len(ids), len(set(gold)), len(set(predicted)), p, r, f, adjusted_rand(predicted, gold)
    )
