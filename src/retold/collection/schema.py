"""The store's SQL schema, as an ordered list of migrations.

``PRAGMA user_version`` records how many migrations a store has had. Opening a
store applies the missing ones in order, each in its own transaction, so a
crash mid-upgrade leaves the store at the last whole version. To change the
schema, *append* a script to ``MIGRATIONS`` (never edit a released one): the
vector index, candidate pairs / relations and stories each arrive this way.

    >>> import sqlite3
    >>> conn = sqlite3.connect(":memory:", isolation_level=None)
    >>> migrate(conn)
    2
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

from retold.errors import StoreError

# Written to PRAGMA application_id ("rtld") so retold never mistakes another
# program's SQLite file for a store of its own, nor migrates into one.
APPLICATION_ID = 0x72746C64

# The text columns keep what the reader produced; ``content_hash`` is over what
# the publisher published (text + metadata, not the path it was read from), so
# the same article read again from another place is a duplicate, while the same
# wire text run by two outlets stays two articles: that copy is what retold is
# for. ``published`` is ISO-8601 in UTC so string order is time order.
_V1_ARTICLES_SENTENCES_FTS = """
CREATE TABLE articles (
    id           TEXT PRIMARY KEY,
    content_hash TEXT NOT NULL UNIQUE,
    title        TEXT,
    outlet       TEXT,
    url          TEXT,
    author       TEXT,
    published    TEXT,
    language     TEXT NOT NULL,
    text         TEXT NOT NULL,
    original     TEXT,  -- NULL when the same as text (most plain text): half the bytes
    source       TEXT,
    extra        TEXT NOT NULL DEFAULT '{}',
    ingested_at  TEXT NOT NULL
);
CREATE INDEX articles_published ON articles(published);
CREATE INDEX articles_outlet ON articles(outlet);

CREATE TABLE sentences (
    id         INTEGER PRIMARY KEY,  -- rowid, shared with sentences_fts
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    idx        INTEGER NOT NULL,
    text       TEXT NOT NULL,
    start      INTEGER NOT NULL,
    "end"      INTEGER NOT NULL,
    language   TEXT,
    paragraph  INTEGER NOT NULL DEFAULT 0,
    UNIQUE (article_id, idx)
);

-- External-content FTS5 over sentence text, for quote search. unicode61 with
-- remove_diacritics 2 folds case and accents for Latin, Cyrillic and Arabic
-- alike (checked in tests/test_store.py). New sentences are indexed by the
-- writer with one INSERT … SELECT per batch, not by an AFTER INSERT trigger:
-- row-by-row trigger indexing made ingest 5x slower (160k sentences: 6.5 s
-- against 1.4 s). Deletes and edits are rare, so triggers keep those in sync.
CREATE VIRTUAL TABLE sentences_fts USING fts5(
    text,
    content='sentences',
    content_rowid='id',
    tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER sentences_fts_delete AFTER DELETE ON sentences BEGIN
    INSERT INTO sentences_fts(sentences_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;
CREATE TRIGGER sentences_fts_update AFTER UPDATE OF text ON sentences BEGIN
    INSERT INTO sentences_fts(sentences_fts, rowid, text) VALUES ('delete', old.id, old.text);
    INSERT INTO sentences_fts(rowid, text) VALUES (new.id, new.text);
END;
"""

# What ``retold trace`` keeps so that a second run only does new work:
# document vectors (for faiss neighbours; ``kth`` is the article's k-th
# neighbour score when it was last searched, so a later run can tell whether a
# new article would have entered its top k), every compared pair with its
# relation (``a < b``; ``source`` is "a", "b" or NULL), the stories and their
# members, sentence vectors for quote search (filled lazily by ``retold quote``)
# and a key/value trace_state (settings of the last run, timings).
_V2_TRACE = """
CREATE TABLE doc_vectors (
    article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    encoder    TEXT NOT NULL,
    vector     BLOB NOT NULL,      -- float32, L2-normalised
    kth        REAL                -- k-th neighbour score at the last search
);

CREATE TABLE pairs (
    a           TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    b           TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    kind        TEXT NOT NULL,
    source      TEXT CHECK (source IN ('a', 'b')),
    confidence  REAL NOT NULL,
    evidence    TEXT NOT NULL DEFAULT '[]',
    via         TEXT NOT NULL DEFAULT 'compare',  -- compare | content-hash
    compared_at TEXT NOT NULL,
    PRIMARY KEY (a, b),
    CHECK (a < b)
);
CREATE INDEX pairs_b ON pairs(b);

CREATE TABLE stories (
    id         TEXT PRIMARY KEY,
    root       TEXT REFERENCES articles(id) ON DELETE SET NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE story_members (
    article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    story_id   TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE
);
CREATE INDEX story_members_story ON story_members(story_id);

CREATE TABLE sentence_vectors (
    sentence_id INTEGER PRIMARY KEY REFERENCES sentences(id) ON DELETE CASCADE,
    encoder     TEXT NOT NULL,
    vector      BLOB NOT NULL
);

CREATE TABLE trace_state (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
"""

# Migration n (1-based) takes a store from user_version n-1 to n.
MIGRATIONS: tuple[str, ...] = (_V1_ARTICLES_SENTENCES_FTS, _V2_TRACE)


def schema_version(conn: sqlite3.Connection) -> int:
    """The store's ``PRAGMA user_version``: how many migrations it has had."""
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: sqlite3.Connection, migrations: Sequence[str] = MIGRATIONS) -> int:
    """Bring ``conn`` up to ``len(migrations)``; return the version it ends at.

    ``conn`` must be in autocommit mode (``isolation_level=None``): each script
    runs between its own ``BEGIN IMMEDIATE`` and ``COMMIT``, together with the
    ``user_version`` bump, so a failed migration changes nothing.
    """
    version = schema_version(conn)
    latest = len(migrations)
    if version > latest:
        raise StoreError(
            f"this store has schema version {version}, but this retold only knows "
            f"versions up to {latest}: it was written by a newer retold; upgrade retold "
            "(pip install -U retold) or use another --db"
        )
    app_id = int(conn.execute("PRAGMA application_id").fetchone()[0])
    if version == 0 and app_id != APPLICATION_ID:
        tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        if tables:
            raise StoreError(
                "this SQLite file already holds tables that retold did not create; "
                "point --db at a new file or an existing retold store"
            )
    for target in range(version + 1, latest + 1):
        script = migrations[target - 1]
        try:
            # executescript would COMMIT an open transaction first, so the
            # BEGIN/COMMIT pair lives inside the script itself.
            conn.executescript(
                f"BEGIN IMMEDIATE;\n{script}\n"
                f"PRAGMA application_id = {APPLICATION_ID};\n"
                f"PRAGMA user_version = {target};\nCOMMIT;"
            )
        except sqlite3.Error as e:
            if conn.in_transaction:
                conn.rollback()
            raise StoreError(f"migration to schema version {target} failed: {e}") from e
    return latest
