"""`ingest`: sources in, articles stored with features, wire groups and stories.

Articles are read in input order, featurized in batches by an `Executor`, and committed one
batch per transaction (articles + FTS rows + features + LSH bands + copy groups + stories):
one commit per 32 articles instead of one per article, and the batch is still all or
nothing. A re-run, after success or after kill -9, skips stored ids (content hashes) and
continues from the same state, so the store ends the same as after one uninterrupted run.
"""

from __future__ import annotations

import itertools
import json
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime

import numpy as np

from manysides.corpus import dedup
from manysides.corpus.cluster import Clusterer, ClusterSettings
from manysides.corpus.features import Features, FeatureSettings, featurize
from manysides.corpus.sources import SourceOptions, expand_source
from manysides.corpus.store import Store, StoreError
from manysides.engine.executor import Executor, SerialExecutor
from manysides.errors import InputError
from manysides.model import Article
from manysides.read.build import detect_language

BATCH = 32
Status = str  # "accepted" | "duplicate" | "rejected"
Job = tuple[FeatureSettings, list[tuple[str, Article]]]


@dataclass(slots=True)
class SourceCounts:
    accepted: int = 0
    duplicate: int = 0
    rejected: int = 0
    reasons: list[str] = field(default_factory=list)


@dataclass(slots=True)
class IngestReport:
    """Per-source counts in input order, plus totals; rejections carry their reason."""

    sources: dict[str, SourceCounts] = field(default_factory=dict)

    def count(self, source: str, status: Status, reason: str | None = None) -> None:
        counts = self.sources.setdefault(source, SourceCounts())
        setattr(counts, status, getattr(counts, status) + 1)
        if reason:
            counts.reasons.append(reason)

    def totals(self) -> dict[str, int]:
        return {
            k: sum(getattr(c, k) for c in self.sources.values())
            for k in ("accepted", "duplicate", "rejected")
        }


Progress = Callable[[str, Status], None]


def ingest(
    store: Store,
    sources: Iterable[str],
    *,
    options: SourceOptions | None = None,
    features: FeatureSettings | None = None,
    clustering: ClusterSettings | None = None,
    executor: Executor | None = None,
    progress: Progress | None = None,
) -> IngestReport:
    """Read every source (path, folder, feed, WARC or URL) and store what it holds."""
    report = IngestReport()
    items = ((label, item) for label in sources for item in expand_source(label, options))
    return ingest_items(
        store,
        items,
        report=report,
        features=features,
        clustering=clustering,
        executor=executor,
        progress=progress,
    )


def ingest_articles(
    store: Store, articles: Iterable[Article], source: str = "articles", **kwargs: object
) -> IngestReport:
    """Store already-read articles in the given order (the evaluation uses date order)."""
    items = ((source, a) for a in articles)
    return ingest_items(store, items, report=IngestReport(), **kwargs)  # type: ignore[arg-type]


def ingest_items(
    store: Store,
    items: Iterable[tuple[str, Article | InputError]],
    *,
    report: IngestReport,
    features: FeatureSettings | None = None,
    clustering: ClusterSettings | None = None,
    executor: Executor | None = None,
    progress: Progress | None = None,
) -> IngestReport:
    settings = _check_settings(store, features or FeatureSettings())
    clusterer = Clusterer.load(store, clustering or ClusterSettings())
    runner = executor or SerialExecutor()
    tick = progress or (lambda _source, _status: None)
    run_id = _start_run(store)
    fresh = _fresh(store, items, report, tick)
    for done in runner.map(work, _jobs(fresh, settings)):
        with store.transaction():
            for _label, article, feats in done:
                _commit(store, clusterer, article, feats)
            clusterer.flush(store)
        for label, _article, _feats in done:
            report.count(label, "accepted")
            tick(label, "accepted")
    _finish_run(store, run_id, report)
    return report


def _fresh(
    store: Store,
    items: Iterable[tuple[str, Article | InputError]],
    report: IngestReport,
    tick: Progress,
) -> Iterator[tuple[str, Article]]:
    """Articles not stored yet (and not seen earlier in this run); counts the others."""
    seen: set[str] = set()
    for label, item in items:
        if isinstance(item, InputError):
            report.count(label, "rejected", f"{item.source}: {item.problem}")
            tick(label, "rejected")
        elif item.id in seen or store.has_article(item.id):
            report.count(label, "duplicate")
            tick(label, "duplicate")
        else:
            seen.add(item.id)
            yield label, item


def _jobs(fresh: Iterator[tuple[str, Article]], settings: FeatureSettings) -> Iterator[Job]:
    while batch := list(itertools.islice(fresh, BATCH)):
        yield settings, batch


def work(job: Job) -> list[tuple[str, Article, Features]]:
    """The per-article work of one batch; runs in an executor worker."""
    settings, batch = job
    articles = [detect_language(a) for _, a in batch]
    computed = featurize((settings, articles))
    return [(label, a, f) for (label, _), a, f in zip(batch, articles, computed, strict=True)]


def _commit(store: Store, clusterer: Clusterer, article: Article, feats: Features) -> None:
    """One article and all of its derived rows, inside the batch's transaction."""
    db = store.db
    store.insert_article(article)
    db.execute(
        "INSERT INTO features VALUES (?, ?, ?, ?, ?)",
        (
            article.id,
            np.asarray(feats.embedding, dtype=np.float32).tobytes(),
            np.asarray(feats.minhash, dtype=np.uint64).tobytes(),
            json.dumps(feats.terms, sort_keys=True),
            json.dumps(list(feats.entities)),
        ),
    )
    copied = dedup.record(store, article, feats)
    forced = None
    if copied is not None:
        row = db.execute(
            "SELECT story_id FROM story_articles WHERE article_id = ?", (copied,)
        ).fetchone()
        forced = int(row[0]) if row else None
    clusterer.assign(
        store,
        article.id,
        article.published,
        feats.embedding,
        feats.terms,
        feats.entities,
        forced,
    )


def _check_settings(store: Store, settings: FeatureSettings) -> FeatureSettings:
    """A store's vectors must all come from one model: refuse to mix."""
    wanted = json.dumps({"embedder": settings.embedder, "entities": settings.entities})
    with store.transaction():
        stored = store.get_meta("features")
        if stored is None:
            store.set_meta("features", wanted)
        elif stored != wanted:
            raise StoreError(
                f"{store.path} was built with features {stored}; this ingest asks for {wanted}. "
                "Use the same settings or a new --db."
            )
    return settings


def _start_run(store: Store) -> int:
    with store.transaction() as db:
        cursor = db.execute(
            "INSERT INTO ingest_runs(started) VALUES (?)",
            (datetime.now(UTC).isoformat(timespec="seconds"),),
        )
        return int(cursor.lastrowid or 0)


def _finish_run(store: Store, run_id: int, report: IngestReport) -> None:
    counts = {
        label: Counter({"accepted": c.accepted, "duplicate": c.duplicate, "rejected": c.rejected})
        for label, c in report.sources.items()
    }
    with store.transaction() as db:
        db.execute("UPDATE ingest_runs SET counts = ? WHERE id = ?", (json.dumps(counts), run_id))
