"""Versioned schema: migration N brings a store from ``user_version`` N-1 to N.

Never edit a shipped migration; append a new one. Each runs in one transaction.
"""

from __future__ import annotations

MIGRATIONS: tuple[str, ...] = (
    # 1: articles, full-text search, features, wire copies, stories, corrections
    """
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE articles (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        source TEXT NOT NULL,
        url TEXT,
        outlet TEXT NOT NULL,
        outlet_source TEXT NOT NULL,
        title TEXT NOT NULL,
        published TEXT,
        language TEXT,
        author TEXT,
        body_start INTEGER NOT NULL,
        furniture TEXT NOT NULL,
        text TEXT NOT NULL
    );
    CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles',
        content_rowid='seq');
    CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts(rowid, title, text) VALUES (new.seq, new.title, new.text);
    END;
    CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, text)
        VALUES ('delete', old.seq, old.title, old.text);
    END;
    CREATE TABLE features (
        article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
        embedding BLOB NOT NULL,
        minhash BLOB NOT NULL,
        terms TEXT NOT NULL,
        entities TEXT NOT NULL
    );
    CREATE TABLE lsh_bands (
        band INTEGER NOT NULL,
        key INTEGER NOT NULL,
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE
    );
    CREATE INDEX lsh_bands_lookup ON lsh_bands(band, key);
    CREATE TABLE term_df (term TEXT PRIMARY KEY, df INTEGER NOT NULL) WITHOUT ROWID;
    CREATE TABLE copies (
        article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
        grp TEXT NOT NULL REFERENCES articles(id),
        jaccard REAL NOT NULL
    );
    CREATE INDEX copies_group ON copies(grp);
    CREATE TABLE wire_groups (
        grp TEXT PRIMARY KEY REFERENCES articles(id),
        original TEXT NOT NULL REFERENCES articles(id)
    );
    CREATE TABLE stories (
        id INTEGER PRIMARY KEY,
        size INTEGER NOT NULL,
        first_published TEXT,
        last_published TEXT,
        centroid BLOB NOT NULL,
        terms TEXT NOT NULL,
        entities TEXT NOT NULL
    );
    CREATE TABLE story_articles (
        article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
        story_id INTEGER NOT NULL REFERENCES stories(id)
    );
    CREATE INDEX story_articles_story ON story_articles(story_id);
    CREATE TABLE corrections (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        kind TEXT NOT NULL CHECK (kind IN ('merge', 'split')),
        payload TEXT NOT NULL
    );
    CREATE TABLE ingest_runs (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        started TEXT NOT NULL,
        counts TEXT NOT NULL DEFAULT '{}'
    );
    """,
    # 2: the keys each story member is listed under for the candidate search (NULL: computed
    # from its features when the clusterer loads)
    """
    ALTER TABLE story_articles ADD COLUMN keys TEXT;
    """,
    # 3: a snapshot of the clusterer's member index, so that loading it does not re-read and
    # re-key every member: its rows in arrival order, one segment per flushed batch (story
    # ids int64, day numbers float64, unit vectors float32), and each key's listed stories
    # (int64 story ids, least recently used first). Written with the batch that adds the
    # members; emptied by any correction (the next load rebuilds it from story_articles).
    """
    CREATE TABLE member_segments (
        start INTEGER PRIMARY KEY,
        stories BLOB NOT NULL,
        days BLOB NOT NULL,
        units BLOB NOT NULL
    );
    CREATE TABLE member_postings (key TEXT PRIMARY KEY, stories BLOB NOT NULL) WITHOUT ROWID;
    """,
)
