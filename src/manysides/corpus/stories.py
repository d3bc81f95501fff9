"""Stories as users see them, and their corrections: merge, split, re-cluster.

Corrections are stored as article lists (not story ids, which re-clustering renumbers) and
replayed in order after every re-clustering, so a user's judgement outlives the algorithm's.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from typing import Any

import numpy as np

from manysides.corpus.cluster import (
    Clusterer,
    ClusterSettings,
    StoryState,
    forget_members,
    save_story,
    top_entities,
)
from manysides.corpus.store import Store, StoreError
from manysides.model import Article


@dataclass(frozen=True, slots=True)
class StorySummary:
    id: int
    articles: int
    independent: int
    outlets: tuple[str, ...]
    first: str | None
    last: str | None
    title: str
    entities: tuple[str, ...]

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "articles": self.articles,
            "independent_sources": self.independent,
            "outlets": list(self.outlets),
            "first_published": self.first,
            "last_published": self.last,
            "title": self.title,
            "entities": list(self.entities),
        }


def list_stories(store: Store, min_articles: int = 1) -> list[StorySummary]:
    """All stories, largest first; `independent` counts a wire group once (by its original)."""
    rows = store.db.execute(
        "SELECT s.id, s.first_published, s.last_published, s.entities FROM stories s"
        " WHERE s.size >= ? ORDER BY s.size DESC, s.id",
        (min_articles,),
    ).fetchall()
    return [_summary(store, int(r[0]), r[1], r[2], json.loads(r[3])) for r in rows]


def _summary(
    store: Store, sid: int, first: str | None, last: str | None, entities: dict[str, int]
) -> StorySummary:
    members = store.db.execute(
        "SELECT a.id, a.outlet, a.title, coalesce(w.original, a.id) FROM story_articles sa"
        " JOIN articles a ON a.id = sa.article_id LEFT JOIN copies c ON c.article_id = a.id"
        " LEFT JOIN wire_groups w ON w.grp = c.grp WHERE sa.story_id = ? ORDER BY a.seq",
        (sid,),
    ).fetchall()
    outlets = tuple(dict.fromkeys(str(m[1]) for m in members))
    originals = {str(m[3]) for m in members}
    independent_outlets = {
        str(r[0])
        for o in originals
        for r in store.db.execute("SELECT outlet FROM articles WHERE id = ?", (o,))
    }
    top = tuple(name for name, _ in top_entities(Counter(entities), 5))
    return StorySummary(
        sid,
        len(members),
        len(independent_outlets),
        outlets,
        first,
        last,
        str(members[0][2]) if members else "",
        top,
    )


def story_articles(store: Store, story_id: int) -> list[Article]:
    ids = [
        str(r[0])
        for r in store.db.execute(
            "SELECT sa.article_id FROM story_articles sa JOIN articles a ON a.id = sa.article_id"
            " WHERE sa.story_id = ? ORDER BY a.seq",
            (story_id,),
        )
    ]
    if not ids:
        raise StoreError(f"no story {story_id} in {store.path}: see `manysides stories`")
    return [store.article(i) for i in ids]


def merge(store: Store, into: int, other: int) -> None:
    """Put story ``other``'s articles into ``into``; remembered across re-clustering."""
    keep = [a.id for a in story_articles(store, into)]
    move = [a.id for a in story_articles(store, other)]
    with store.transaction() as db:
        db.execute(
            "INSERT INTO corrections(kind, payload) VALUES ('merge', ?)",
            (json.dumps({"into": keep, "from": move}),),
        )
        _apply_merge(store, keep, move)


def split(store: Store, story_id: int, article_ids: list[str]) -> int:
    """Move the given articles of a story into a new story; returns its id."""
    members = {a.id for a in story_articles(store, story_id)}
    if not members:
        raise StoreError(f"no story {story_id}: see `manysides stories`")
    unknown = [a for a in article_ids if a not in members and not store.has_article(a)]
    if unknown:
        raise StoreError(f"no such article: {', '.join(unknown)}")
    missing = [a for a in article_ids if a not in members]
    if missing:
        raise StoreError(f"not in story {story_id}: {', '.join(missing)}")
    if set(article_ids) == members:
        raise StoreError("splitting off every article of a story changes nothing")
    with store.transaction() as db:
        db.execute(
            "INSERT INTO corrections(kind, payload) VALUES ('split', ?)",
            (json.dumps({"articles": article_ids}),),
        )
        return _apply_split(store, article_ids)


def _story_of(store: Store, article_id: str) -> int | None:
    row = store.db.execute(
        "SELECT story_id FROM story_articles WHERE article_id = ?", (article_id,)
    ).fetchone()
    return None if row is None else int(row[0])


def _apply_merge(store: Store, keep: list[str], move: list[str]) -> None:
    target = next((s for s in (_story_of(store, a) for a in keep) if s is not None), None)
    if target is None:
        return
    forget_members(store)  # members change story: the next load rebuilds the index
    sources = {s for s in (_story_of(store, a) for a in move) if s is not None} - {target}
    for sid in sorted(sources):
        store.db.execute("UPDATE story_articles SET story_id = ? WHERE story_id = ?", (target, sid))
        store.db.execute("DELETE FROM stories WHERE id = ?", (sid,))
    rebuild_story(store, target)


def _apply_split(store: Store, article_ids: list[str]) -> int:
    old = {s for s in (_story_of(store, a) for a in article_ids) if s is not None}
    forget_members(store)  # members change story: the next load rebuilds the index
    new_id = int(store.db.execute("SELECT coalesce(max(id), 0) + 1 FROM stories").fetchone()[0])
    dim = len(_vectors(store, article_ids[:1])[0])
    save_story(store, StoryState(new_id, 0, np.zeros(dim, np.float32), {}, Counter(), None, None))
    store.db.executemany(
        "UPDATE story_articles SET story_id = ? WHERE article_id = ?",
        [(new_id, a) for a in article_ids],
    )
    for sid in [*sorted(old), new_id]:
        rebuild_story(store, sid)
    return new_id


def _vectors(store: Store, ids: list[str]) -> list[np.ndarray[Any, np.dtype[np.float32]]]:
    return [
        np.frombuffer(
            store.db.execute(
                "SELECT embedding FROM features WHERE article_id = ?", (i,)
            ).fetchone()[0],
            dtype=np.float32,
        )
        for i in ids
    ]


def rebuild_story(store: Store, story_id: int) -> None:
    """Recompute a story's centroid, terms and entities from its members after a correction."""
    rows = store.db.execute(
        "SELECT f.embedding, f.terms, f.entities, a.published FROM story_articles sa"
        " JOIN features f ON f.article_id = sa.article_id JOIN articles a ON a.id = sa.article_id"
        " WHERE sa.story_id = ? ORDER BY a.seq",
        (story_id,),
    ).fetchall()
    if not rows:
        store.db.execute("DELETE FROM stories WHERE id = ?", (story_id,))
        return
    story = StoryState(
        story_id, 0, np.zeros(len(rows[0][0]) // 4, np.float32), {}, Counter(), None, None
    )
    for embedding, terms, entities, published in rows:
        weights = {t: float(c) for t, c in json.loads(terms).items()}
        norm = sum(w * w for w in weights.values()) ** 0.5 or 1.0
        story.add(
            np.frombuffer(embedding, dtype=np.float32),
            {t: w / norm for t, w in weights.items()},
            {e.lower() for e in json.loads(entities)},
            published[:10] if published else None,
            ClusterSettings().story_terms,
        )
    save_story(store, story)


def recluster(store: Store, settings: ClusterSettings | None = None) -> int:
    """Cluster every stored article again, in ingest order, then replay the corrections."""
    with store.transaction() as db:
        for table in ("story_articles", "stories", "term_df"):
            db.execute(f"DELETE FROM {table}")
        forget_members(store)  # the new clusterer's flush saves the index again
        clusterer = Clusterer(settings or ClusterSettings())
        rows = db.execute(
            "SELECT a.id, a.published, f.embedding, f.terms, f.entities, c.grp FROM articles a"
            " JOIN features f ON f.article_id = a.id LEFT JOIN copies c ON c.article_id = a.id"
            " ORDER BY a.seq"
        ).fetchall()
        first_of_group: dict[str, int] = {}
        for aid, published, embedding, terms, entities, grp in rows:
            forced = first_of_group.get(grp) if grp else None
            sid = clusterer.assign(
                store,
                aid,
                published,
                np.frombuffer(embedding, dtype=np.float32),
                json.loads(terms),
                tuple(json.loads(entities)),
                forced,
            )
            if grp:
                first_of_group.setdefault(grp, sid)
        clusterer.flush(store)
        for kind, payload in db.execute(
            "SELECT kind, payload FROM corrections ORDER BY id"
        ).fetchall():
            data = json.loads(payload)
            if kind == "merge":
                _apply_merge(store, data["into"], data["from"])
            else:
                _apply_split(store, data["articles"])
        return int(db.execute("SELECT count(*) FROM stories").fetchone()[0])
