"""The embedded store: articles and their sentences in one SQLite file.

A store is a single file (``./retold.db`` unless told otherwise) in WAL mode,
whose schema is versioned by ``retold.collection.schema``. Ingest is
idempotent and written in whole transactional batches, so an interrupted run
can simply be run again::

    >>> from retold.collection import Store
    >>> with Store(memory=True) as store:
    ...     store.count_articles()
    0

Reading goes through ``get_article`` (full Article with sentences, by id or a
unique id prefix), ``list_articles`` (light rows for tables), ``iter_articles``
(streaming, for trace) and ``search_sentences`` (FTS5 phrase search, for
quotes).
"""

from __future__ import annotations

import hashlib
import itertools
import json
import re
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import numpy as np

from retold.collection.schema import migrate
from retold.config import Settings, load_settings
from retold.errors import NotFound, StoreError
from retold.models import Article, Sentence
from retold.text.normalize import normalize
from retold.text.tokens import CJK_CHAR

if TYPE_CHECKING:
    from retold.ingest import FieldMap, Notice, Skipped

__all__ = ["AddResult", "ArticleRow", "IngestReport", "PairRow", "SentenceHit", "Store"]

# Ids shorter than this are never matched by prefix: with hex ids, 6 characters
# still leave 16.7M values, so a prefix that short is almost surely unique.
MIN_ID_PREFIX = 6
# How many candidates an ambiguous prefix lists before "…".
_AMBIGUOUS_SHOWN = 5
# Seconds a writer waits on another writer (a second ingest into the same file)
# before StoreError("database is locked").
_BUSY_TIMEOUT_MS = 10_000

Match = Literal["phrase", "all", "any"]
# Scripts written without spaces between words (Han, kana, Thai, Lao, Khmer,
# Myanmar): FTS5's unicode61 makes a whole clause of them one token, so a
# query in them is looked up as a substring instead.
_UNSPACED = re.compile(f"[{CJK_CHAR}\u30a0-\u30ff\u0e00-\u0eff\u1780-\u17ff\u1000-\u109f]")
_EDGE_PUNCTUATION = re.compile(r"^[\W_]+|[\W_]+$")
_MAX_TERMS = 32  # SQLite refuses an expression of a thousand terms
# Characters of context either side of a substring match in its snippet.
_SNIPPET_CONTEXT = 30


@dataclass(frozen=True, slots=True)
class AddResult:
    """What ``Store.add_articles`` did: articles newly stored, those already there, and conflicts.

    A conflict is an article whose given id is already stored with other
    content: it is not stored, and ``conflicts`` says where it came from and why.
    """

    stored: int
    duplicates: int
    conflicts: tuple[Skipped, ...] = ()


@dataclass(frozen=True, slots=True)
class IngestReport:
    """What ``Store.ingest`` did; ``skipped`` keeps every reader skip and id conflict with its reason.

    ``warnings`` are about articles stored all the same (an unreadable date):
    the run is still ``ok``.
    """

    read: int
    stored: int
    duplicates: int
    skipped: tuple[Skipped, ...]
    warnings: tuple[Notice, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.skipped


@dataclass(frozen=True, slots=True)
class ArticleRow:
    """One article's metadata without its text, as ``list_articles`` returns it."""

    id: str
    title: str | None
    outlet: str | None
    url: str | None
    author: str | None
    published: datetime | None
    language: str
    source: str | None
    sentences: int
    ingested_at: datetime


@dataclass(frozen=True, slots=True)
class Outline:
    """What trace reads of each article (``iter_outlines``): no offsets, no original text.

    ``text`` is only filled for an article without sentences, whose text then
    stands for them.
    """

    id: str
    title: str | None
    published: datetime | None
    language: str
    sentences: list[str]
    text: str = ""

    def sentence_texts(self) -> list[str]:
        return self.sentences


@dataclass(frozen=True, slots=True)
class PairRow:
    """One compared pair as stored (``a < b``); ``source`` names the side the other derives from."""

    a: str
    b: str
    kind: str
    source: str | None
    confidence: float
    evidence: tuple[str, ...] = ()
    # compare (aligned with sentence vectors) | wording (settled on shared wording alone) | content-hash
    via: str = "compare"


@dataclass(frozen=True, slots=True)
class SentenceHit:
    """A sentence found by ``search_sentences``; lower ``rank`` is better (BM25)."""

    article_id: str
    index: int
    text: str
    snippet: str
    rank: float


_ARTICLE_COLUMNS = (
    "id, content_hash, title, outlet, url, author, published, language, "
    "text, original, source, extra, ingested_at"
)
_INSERT_ARTICLE = f"INSERT INTO articles ({_ARTICLE_COLUMNS}) VALUES ({', '.join('?' * 13)})"
_INSERT_SENTENCE = (
    'INSERT INTO sentences (article_id, idx, text, start, "end", language, paragraph) '
    "VALUES (?, ?, ?, ?, ?, ?, ?)"
)
# One fixed statement whatever the batch size (json_each instead of IN (?, ?, …)),
# so sqlite3's statement cache prepares it once.
_INDEX_NEW_SENTENCES = (
    "INSERT INTO sentences_fts(rowid, text) SELECT id, text FROM sentences WHERE id > ?"
)
_EXISTING = (
    "SELECT id, content_hash FROM articles WHERE id IN (SELECT value FROM json_each(?1)) "
    "UNION SELECT id, content_hash FROM articles "
    "WHERE content_hash IN (SELECT value FROM json_each(?2))"
)
# What a conflict is told apart by: the parts of ``content_hash``, as stored.
_STORED_CONTENT = (
    "SELECT id, text, title, outlet, url, author, published FROM articles "
    "WHERE id IN (SELECT value FROM json_each(?))"
)
_CONTENT_NAMES = ("text", "title", "outlet", "url", "author", "date")
_ARTICLE_FIELDS = (
    "id, title, outlet, url, author, published, language, text, coalesce(original, text), "
    "source, extra"
)
_SELECT_ARTICLE = f"SELECT {_ARTICLE_FIELDS} FROM articles"
_SELECT_SENTENCES = (
    'SELECT article_id, idx, text, start, "end", language, paragraph FROM sentences'
)


class Store:
    """A retold store: ``Store(path)``, ``Store()`` (settings.db_path) or ``Store(memory=True)``.

    Opening creates the file if needed (unless ``create=False``) and applies
    pending schema migrations; a store written by a newer retold raises
    StoreError. Use it as a context manager, or call ``close()``.

        >>> with Store(memory=True) as store:
        ...     store.add_articles([]).stored
        0
    """

    def __init__(
        self,
        path: str | Path | None = None,
        *,
        memory: bool = False,
        settings: Settings | None = None,
        create: bool = True,
    ) -> None:
        self.settings = settings or load_settings()
        self.path: Path | None = None if memory else Path(path or self.settings.db_path)
        if self.path is not None and not create and not self.path.exists():
            raise StoreError(f"no store at {self.path}: run `retold ingest` first, or pass --db")
        try:
            # Autocommit mode: every transaction below is an explicit BEGIN IMMEDIATE.
            self.conn = sqlite3.connect(
                ":memory:" if self.path is None else self.path, isolation_level=None
            )
        except sqlite3.Error as e:
            raise StoreError(f"{self.path}: cannot open the store: {e}") from e
        try:
            self.conn.execute(f"PRAGMA busy_timeout = {_BUSY_TIMEOUT_MS}")
            self.conn.execute("PRAGMA journal_mode = WAL")
            # NORMAL in WAL mode syncs at checkpoints only: a power cut may lose
            # the last commits but never corrupts, and a kill -9 loses nothing.
            self.conn.execute("PRAGMA synchronous = NORMAL")
            self.conn.execute("PRAGMA foreign_keys = ON")
            self.version = migrate(self.conn)
        except StoreError:
            self.conn.close()
            raise
        except sqlite3.DatabaseError as e:
            self.conn.close()
            raise StoreError(f"{self.path}: not a usable retold store: {e}") from e

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<Store {self.path or ':memory:'}>"

    def close(self) -> None:
        """Close the connection (idempotent)."""
        self.conn.close()

    # -- writing ---------------------------------------------------------------

    def add_articles(self, articles: Iterable[Article], batch: int | None = None) -> AddResult:
        """Store ``articles``, skipping those already stored; return the counts.

        An article is a duplicate when its id, or its content hash (text and
        publication metadata, not ``source``), is already in the store or
        earlier in the same call; the first one wins. An article whose id was
        given by its input (not derived from its text) and is already stored
        with another content hash is a conflict: not stored, and reported in
        ``AddResult.conflicts``, since dropping it as a duplicate would lose
        it silently. Each ``batch`` articles (default ``settings.ingest_batch``)
        are one transaction, so a killed run leaves whole batches only and
        rerunning it completes the store.

            >>> from dataclasses import replace
            >>> from retold.models import Article, Sentence
            >>> a = Article(id="a1b2c3d4", text="Hello.", original="Hello.",
            ...             sentences=(Sentence(0, "Hello.", 0, 6),))
            >>> b = replace(a, text="Bye.", original="Bye.", source="b.jsonl:2")
            >>> with Store(memory=True) as store:
            ...     store.add_articles([a, a, b])
            AddResult(stored=1, duplicates=1, conflicts=(Skipped(where='b.jsonl:2', reason="id 'a1b2c3d4' is already stored with different text"),))
        """
        return self._add(articles, batch)

    def _add(
        self, articles: Iterable[Article], batch: int | None, on_written: Callable[[Article, bool], None] | None = None
    ) -> AddResult:
        """``add_articles``; ``on_written(article, newly_stored)`` is called for each article once its batch commits."""
        size = batch or self.settings.ingest_batch
        if size < 1:
            raise ValueError(f"batch must be at least 1, got {size}")
        stored = duplicates = 0
        conflicts: list[Skipped] = []
        it = iter(articles)
        # Sequential on purpose: a writer thread measured slower, not faster
        # (executemany takes the GIL back for every row, so it convoys with a
        # reader busy in Python: 10k articles, 5.9 s threaded vs 4.9 s inline).
        while chunk := list(itertools.islice(it, size)):
            fresh, clashes = self._write_batch(chunk)
            n = sum(fresh)
            stored += n
            duplicates += len(chunk) - n - len(clashes)
            conflicts.extend(clashes)
            if on_written is not None:
                for article, new in zip(chunk, fresh, strict=True):
                    on_written(article, new)
        return AddResult(stored, duplicates, tuple(conflicts))

    def _write_batch(self, chunk: Sequence[Article]) -> tuple[list[bool], list[Skipped]]:
        """Insert the new articles of ``chunk`` in one transaction; return which were new, and the conflicts."""
        from retold.ingest.article import content_id

        now = datetime.now(UTC).isoformat()
        rows = [_article_row(a, now) for a in chunk]
        with self._transaction():
            taken_ids: dict[str, str] = {}  # id -> its content hash
            taken_hashes: set[str] = set()
            ids = json.dumps([r[0] for r in rows])
            hashes = json.dumps([r[1] for r in rows])
            for taken_id, taken_hash in self.conn.execute(_EXISTING, (ids, hashes)):
                taken_ids[taken_id] = taken_hash
                taken_hashes.add(taken_hash)
            new_rows: list[tuple[Any, ...]] = []
            sentence_rows: list[tuple[Any, ...]] = []
            clashes: list[tuple[Article, tuple[Any, ...]]] = []
            fresh = [False] * len(chunk)
            for k, (article, row) in enumerate(zip(chunk, rows, strict=True)):
                held = taken_ids.get(row[0])
                # An id derived from the text (same text, other metadata) stays
                # a duplicate: only a given id can name two different articles.
                if held is not None and held != row[1] and article.id != content_id(article.text):
                    clashes.append((article, row))
                    continue
                if held is not None or row[1] in taken_hashes:
                    continue
                taken_ids[row[0]] = row[1]
                taken_hashes.add(row[1])
                fresh[k] = True
                new_rows.append(row)
                sentence_rows.extend(
                    (article.id, s.index, s.text, s.start, s.end, s.language, s.paragraph)
                    for s in article.sentences
                )
            # Under BEGIN IMMEDIATE nobody else writes, so the sentences this
            # batch adds are exactly those above the current largest id.
            last_id = self.conn.execute("SELECT coalesce(max(id), 0) FROM sentences").fetchone()[0]
            self.conn.executemany(_INSERT_ARTICLE, new_rows)
            self.conn.executemany(_INSERT_SENTENCE, sentence_rows)
            self.conn.execute(_INDEX_NEW_SENTENCES, (last_id,))
            conflicts = self._conflicts(clashes)
        return fresh, conflicts

    def _conflicts(self, clashes: list[tuple[Article, tuple[Any, ...]]]) -> list[Skipped]:
        """One ``Skipped`` per clashing article, naming what differs from the stored one (this batch's included)."""
        from retold.ingest import Skipped

        if not clashes:
            return []
        ids = json.dumps([article.id for article, _ in clashes])
        stored = {r[0]: r[1:] for r in self.conn.execute(_STORED_CONTENT, (ids,))}
        out = []
        for article, row in clashes:
            new = (row[8], *row[2:7])  # text, title, outlet, url, author, published
            differs = [name for name, a, b in zip(_CONTENT_NAMES, stored[article.id], new, strict=True) if a != b]
            what = ", ".join(differs) or "content"
            out.append(Skipped(article.source or article.id, f"id {article.id!r} is already stored with different {what}"))
        return out

    def ingest(
        self,
        inputs: Iterable[str | Path],
        *,
        fields: FieldMap | None = None,
        on_progress: Callable[[int], None] | None = None,
    ) -> IngestReport:
        """Read ``inputs`` (files, dirs, globs, "-") and store every article; ``retold ingest``.

        Unreadable inputs, broken records and records whose id is already
        stored with other content do not stop the run: they come back in
        ``IngestReport.skipped`` with their reason; what was stored but not
        wholly as given (an unreadable date) comes in ``IngestReport.warnings``,
        only for articles this run stored: a re-ingest, all duplicates, is
        quiet. ``on_progress`` is called with the number of records read so far.

            >>> with Store(memory=True) as store:
            ...     report = store.ingest(["examples/seed-pair"])
            >>> report.read, report.stored, report.skipped
            (2, 2, ())
        """
        from retold.ingest import FieldMap, Notice, Skipped, read

        skipped: list[Skipped] = []
        warnings: list[Notice] = []
        waiting: list[Notice] = []  # a Notice comes just before its article
        # The notices of each article until its batch is written, by id(): the
        # entry holds the article, so the id cannot be reused meanwhile.
        held: dict[int, tuple[Article, list[Notice]]] = {}
        count = 0

        def articles() -> Iterator[Article]:
            nonlocal count
            for item in read(inputs, fields=fields or FieldMap(), settings=self.settings, notices=True):
                if isinstance(item, Notice):
                    waiting.append(item)
                    continue
                count += 1
                if isinstance(item, Skipped):
                    skipped.append(item)
                else:
                    if waiting:
                        held[id(item)] = (item, waiting.copy())
                    yield item
                waiting.clear()
                if on_progress is not None:
                    on_progress(count)

        def written(article: Article, stored: bool) -> None:
            _, notices = held.pop(id(article), (article, []))
            if stored:  # a duplicate's warning was given when it was first stored
                warnings.extend(notices)

        result = self._add(articles(), None, written)
        return IngestReport(count, result.stored, result.duplicates, (*skipped, *result.conflicts), tuple(warnings))

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        """BEGIN IMMEDIATE … COMMIT, rolled back on any exception."""
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as e:
            raise StoreError(f"{self.path or ':memory:'}: cannot write: {e}") from e
        try:
            yield
        except sqlite3.OperationalError as e:  # disk full, I/O error, locked
            self.conn.rollback()
            raise StoreError(f"{self.path or ':memory:'}: cannot write: {e}") from e
        except BaseException:
            self.conn.rollback()
            raise
        try:
            self.conn.execute("COMMIT")
        except sqlite3.OperationalError as e:
            self.conn.rollback()
            raise StoreError(f"{self.path or ':memory:'}: cannot commit: {e}") from e

    # -- reading ---------------------------------------------------------------

    def count_articles(self) -> int:
        """How many articles the store holds.

            >>> Store(memory=True).count_articles()
            0
        """
        return int(self.conn.execute("SELECT count(*) FROM articles").fetchone()[0])

    def get_article(self, id: str) -> Article:
        """The full article ``id`` (or the one whose id starts with ``id``, ≥ 6 chars).

        Raises NotFound when nothing matches, or when a prefix matches several
        articles (the message lists them).

            >>> store.get_article("3f9a1c")                    # doctest: +SKIP
            Article(id='3f9a1c…', title='Russian Envoy: …', …)
        """
        row = self.conn.execute(f"{_SELECT_ARTICLE} WHERE id = ?", (id,)).fetchone()
        if row is None:
            row = self._by_prefix(id)
        sentences = self.conn.execute(
            f"{_SELECT_SENTENCES} WHERE article_id = ? ORDER BY idx", (row[0],)
        ).fetchall()
        return _article(row, sentences)

    def _by_prefix(self, prefix: str) -> tuple[Any, ...]:
        where = self.path or ":memory:"
        if len(prefix) < MIN_ID_PREFIX:
            raise NotFound(
                f"no article with id {prefix!r} in {where} "
                f"(ids match by prefix from {MIN_ID_PREFIX} characters)"
            )
        # A range scan on the primary key; U+10FFFF sorts after any id character.
        candidates = [
            r[0]
            for r in self.conn.execute(
                "SELECT id FROM articles WHERE id >= ? AND id < ? ORDER BY id LIMIT ?",
                (prefix, prefix + "\U0010ffff", _AMBIGUOUS_SHOWN + 1),
            )
        ]
        if not candidates:
            raise NotFound(f"no article with id {prefix!r} in {where}")
        if len(candidates) > 1:
            shown = ", ".join(candidates[:_AMBIGUOUS_SHOWN])
            more = ", …" if len(candidates) > _AMBIGUOUS_SHOWN else ""
            raise NotFound(
                f"article id prefix {prefix!r} is ambiguous: it matches {shown}{more}; "
                "give more characters"
            )
        row: tuple[Any, ...] = self.conn.execute(
            f"{_SELECT_ARTICLE} WHERE id = ?", (candidates[0],)
        ).fetchone()
        return row

    def list_articles(
        self,
        outlet: str | None = None,
        language: str | None = None,
        since: date | datetime | None = None,
        until: date | datetime | None = None,
        limit: int | None = None,
    ) -> list[ArticleRow]:
        """Articles' metadata (no text), oldest first, undated last.

        ``since`` / ``until`` are inclusive; a plain date means the whole day
        (UTC), and naive datetimes are taken as UTC. Articles without a
        publication date are left out when either is given.

            >>> Store(memory=True).list_articles(outlet="TASS", since=date(2024, 1, 25))
            []
        """
        clauses: list[str] = []
        params: list[Any] = []
        if outlet is not None:
            clauses.append("outlet = ?")
            params.append(outlet)
        if language is not None:
            clauses.append("language = ?")
            params.append(language)
        if since is not None:
            clauses.append("published >= ?")
            params.append(_iso_utc(_day_start(since)))
        if until is not None:
            if isinstance(until, datetime):
                clauses.append("published <= ?")
                params.append(_iso_utc(until))
            else:
                clauses.append("published < ?")
                params.append(_iso_utc(_day_start(until + timedelta(days=1))))
        where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
        if limit is not None:
            if limit < 0:
                raise ValueError(f"limit must be 0 or more, got {limit}")
            params.append(limit)
        sql = (
            "SELECT id, title, outlet, url, author, published, language, source, "
            "(SELECT count(*) FROM sentences s WHERE s.article_id = a.id), ingested_at "
            f"FROM articles a {where} "
            "ORDER BY published IS NULL, published, a.rowid"
            + (" LIMIT ?" if limit is not None else "")
        )
        return [
            ArticleRow(
                id=r[0],
                title=r[1],
                outlet=r[2],
                url=r[3],
                author=r[4],
                published=_from_iso(r[5]),
                language=r[6],
                source=r[7],
                sentences=r[8],
                ingested_at=datetime.fromisoformat(r[9]),
            )
            for r in self.conn.execute(sql, params)
        ]

    def iter_articles(self, batch: int = 500) -> Iterator[Article]:
        """Every article with its sentences, in ingest order, ``batch`` at a time.

        Memory stays at one batch whatever the store's size; pages are keyed on
        rowid, so articles added meanwhile are picked up, never repeated.

            >>> sum(1 for _ in Store(memory=True).iter_articles())
            0
        """
        for page in self._pages(_ARTICLE_FIELDS, batch):
            ids = json.dumps([r[1] for r in page])
            by_article: dict[str, list[tuple[Any, ...]]] = {}
            for s in self.conn.execute(
                f"{_SELECT_SENTENCES} WHERE article_id IN (SELECT value FROM json_each(?)) "
                "ORDER BY article_id, idx",
                (ids,),
            ):
                by_article.setdefault(s[0], []).append(s)
            for r in page:
                yield _article(r[1:], by_article.get(r[1], []))

    def iter_outlines(self, batch: int = 500) -> Iterator[Outline]:
        """Every article's id, title, date, language and sentence texts, in ingest order.

        Like ``iter_articles`` (same order, one batch in memory) but without
        ``Sentence`` objects, offsets, metadata or the article's text (kept
        only when it has no sentences): building those was a third of trace's
        read stage.

            >>> sum(1 for _ in Store(memory=True).iter_outlines())
            0
        """
        for page in self._pages("id, title, published, language", batch):
            texts: dict[str, list[str]] = {r[1]: [] for r in page}
            for article_id, text in self.conn.execute(
                "SELECT article_id, text FROM sentences WHERE article_id IN (SELECT value FROM json_each(?)) "
                "ORDER BY article_id, idx",
                (json.dumps(list(texts)),),
            ):
                texts[article_id].append(text)
            bare = [i for i, t in texts.items() if not t]
            whole = dict(
                self.conn.execute(
                    "SELECT id, text FROM articles WHERE id IN (SELECT value FROM json_each(?))", (json.dumps(bare),)
                ).fetchall()
            ) if bare else {}
            for _, id_, title, published, language in page:
                yield Outline(id_, title, _from_iso(published), language, texts[id_], whole.get(id_, ""))

    def _pages(self, columns: str, batch: int) -> Iterator[list[tuple[Any, ...]]]:
        """Article rows ``(rowid, columns…)`` in ingest order, ``batch`` at a time.

        Pages are keyed on rowid, so articles added meanwhile are picked up, never repeated.
        """
        if batch < 1:
            raise ValueError(f"batch must be at least 1, got {batch}")
        last = 0
        sql = f"SELECT rowid, {columns} FROM articles WHERE rowid > ? ORDER BY rowid LIMIT ?"
        while page := self.conn.execute(sql, (last, batch)).fetchall():
            last = page[-1][0]
            yield page

    def search_sentences(
        self, query: str, limit: int = 20, *, match: Match = "phrase"
    ) -> list[SentenceHit]:
        """Sentences containing ``query``, best first (FTS5, BM25 rank).

        ``match="phrase"`` (default) finds the words in order, as in a quote;
        ``"all"`` finds sentences with every word, ``"any"`` with any word.
        Case and diacritics are ignored, punctuation too; FTS5 operators in the
        query are taken as plain words. The snippet marks matches with [ ].
        A query in Chinese, Japanese, Thai, Lao, Khmer or Burmese (no spaces
        between words) is found as a substring of the sentences instead.

            >>> store.search_sentences("as far as we know")    # doctest: +SKIP
            [SentenceHit(article_id='…', index=1, text='"As far as we know, …', …)]
        """
        if limit < 1:
            raise ValueError(f"limit must be at least 1, got {limit}")
        if _UNSPACED.search(query):
            return self._search_substrings(query, limit, match)
        expression = fts_query(query, match)
        if expression is None:
            return []
        rows = self.conn.execute(
            "SELECT s.article_id, s.idx, s.text, "
            "snippet(sentences_fts, 0, '[', ']', '…', 16), f.rank "
            "FROM sentences_fts f JOIN sentences s ON s.id = f.rowid "
            "WHERE sentences_fts MATCH ? ORDER BY f.rank LIMIT ?",
            (expression, limit),
        )
        return [SentenceHit(*r) for r in rows]

    def _search_substrings(self, query: str, limit: int, match: Match) -> list[SentenceHit]:
        """``search_sentences`` for a query in a script without spaces: a scan for the text itself.

        The query is normalised as sentences are (full-width commas, quotes), so
        what a user pastes from the page is found. Hits come in ingest order
        (rank 0: no BM25 without tokens); a scan reads every sentence once.
        """
        whole = " ".join(normalize(query)[0].lower().split())
        # quotation marks and punctuation around a term are not searched for, as FTS5 ignores them
        parts = [whole] if match == "phrase" else whole.split()
        terms = list(dict.fromkeys(t for t in (_EDGE_PUNCTUATION.sub("", t) for t in parts) if t))[:_MAX_TERMS]
        if not terms:
            return []
        where = (" AND " if match != "any" else " OR ").join(["instr(lower(text), ?) > 0"] * len(terms))
        rows = self.conn.execute(
            f"SELECT article_id, idx, text FROM sentences WHERE {where} ORDER BY id LIMIT ?", (*terms, limit)
        )
        return [SentenceHit(article_id, idx, text, _substring_snippet(text, terms), 0.0)
                for article_id, idx, text in rows]

    # -- trace: document vectors, compared pairs, stories (schema v2) ----------

    def doc_vectors(self, encoder: str) -> tuple[list[str], np.ndarray, np.ndarray]:
        """Stored document vectors made by ``encoder``: (ids, float32 (n, d), kth scores).

        Rows are copied into one matrix as they are read: fetching every blob
        first and joining them held the vectors three times over (100,000
        articles: ~600 MB for a 205 MB matrix).

            >>> Store(memory=True).doc_vectors("use")[0]
            []
        """
        own = not self.conn.in_transaction
        if own:
            self.conn.execute("BEGIN")  # one snapshot for the count and the rows
        try:
            n, width = self.conn.execute(
                "SELECT count(*), max(length(vector)) FROM doc_vectors WHERE encoder = ?", (encoder,)
            ).fetchone()
            if not n:
                return [], np.zeros((0, 0), dtype=np.float32), np.zeros(0, dtype=np.float32)
            ids: list[str] = []
            matrix = np.zeros((n, width // 4), dtype=np.float32)
            kth = np.full(n, np.nan, dtype=np.float32)
            rows = self.conn.execute(
                "SELECT article_id, vector, kth FROM doc_vectors WHERE encoder = ? ORDER BY rowid", (encoder,)
            )
            for k, (article_id, vector, score) in enumerate(rows):
                if vector is None or len(vector) != width:
                    raise StoreError(f"{self.path or ':memory:'}: the stored document vector of {article_id} "
                                     f"({encoder}) is not {width // 4} floats: run `retold trace` again after "
                                     "deleting the doc_vectors rows of this encoder")
                ids.append(article_id)
                matrix[k] = np.frombuffer(vector, dtype=np.float32)
                if score is not None:
                    kth[k] = score
            return ids, matrix, kth
        finally:
            if own:
                self.conn.execute("COMMIT")

    def doc_vector_ids(self, encoder: str) -> set[str]:
        """Ids of the articles with a document vector made by ``encoder``."""
        return {r[0] for r in self.conn.execute("SELECT article_id FROM doc_vectors WHERE encoder = ?", (encoder,))}

    def put_doc_vectors(self, ids: Sequence[str], vectors: np.ndarray, encoder: str) -> None:
        """Store (or replace) one float32 vector per article id."""
        vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        with self._transaction():
            self.conn.executemany(
                "INSERT OR REPLACE INTO doc_vectors (article_id, encoder, vector, kth) VALUES (?, ?, ?, NULL)",
                [(i, encoder, v.tobytes()) for i, v in zip(ids, vectors, strict=True)],
            )

    def set_kth(self, scores: dict[str, float]) -> None:
        """Record each article's k-th neighbour score from the latest vector search."""
        with self._transaction():
            self.conn.executemany(
                "UPDATE doc_vectors SET kth = ? WHERE article_id = ?",
                [(float(v), k) for k, v in scores.items()],
            )

    def pair_keys(self, *, skip_via: Sequence[str] = ()) -> set[tuple[str, str]]:
        """Every compared pair as ``(a, b)`` with ``a < b``, but those whose ``via`` is in ``skip_via``."""
        rows = self.conn.execute("SELECT a, b, via FROM pairs")
        return {(r[0], r[1]) for r in rows if r[2] not in skip_via}

    def add_pairs(self, pairs: Iterable[PairRow]) -> int:
        """Store compared pairs (replacing an earlier result for the same pair); return how many.

            >>> with Store(memory=True) as store:
            ...     store.add_pairs([])
            0
        """
        now = datetime.now(UTC).isoformat()
        rows = [
            (p.a, p.b, p.kind, p.source, p.confidence, json.dumps(list(p.evidence), ensure_ascii=False), p.via, now)
            for p in pairs
        ]
        with self._transaction():
            self.conn.executemany(
                "INSERT OR REPLACE INTO pairs (a, b, kind, source, confidence, evidence, via, compared_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                rows,
            )
        return len(rows)

    def iter_pairs(self, article_ids: Iterable[str] | None = None) -> list[PairRow]:
        """Compared pairs, all of them or those with both ends in ``article_ids``."""
        sql = "SELECT a, b, kind, source, confidence, evidence, via FROM pairs"
        params: tuple[Any, ...] = ()
        if article_ids is not None:
            sql += (
                " WHERE a IN (SELECT value FROM json_each(?1)) AND b IN (SELECT value FROM json_each(?1))"
            )
            params = (json.dumps(list(article_ids)),)
        return [
            PairRow(r[0], r[1], r[2], r[3], r[4], tuple(json.loads(r[5])), r[6])
            for r in self.conn.execute(sql + " ORDER BY a, b", params)
        ]

    def pairs_of(self, article_id: str) -> list[PairRow]:
        """Compared pairs with ``article_id`` at either end."""
        rows = self.conn.execute(
            "SELECT a, b, kind, source, confidence, evidence, via FROM pairs WHERE a = ?1 "
            "UNION ALL SELECT a, b, kind, source, confidence, evidence, via FROM pairs WHERE b = ?1 ORDER BY a, b",
            (article_id,),
        )
        return [PairRow(r[0], r[1], r[2], r[3], r[4], tuple(json.loads(r[5])), r[6]) for r in rows]

    def story_assignment(self) -> dict[str, str]:
        """article id → story id, for every article already in a story."""
        return dict(self.conn.execute("SELECT article_id, story_id FROM story_members").fetchall())

    def story_created(self) -> dict[str, str]:
        """story id → when it was created (ISO-8601): the older id wins a merge."""
        return dict(self.conn.execute("SELECT id, created_at FROM stories").fetchall())

    def save_stories(self, assignment: dict[str, str], roots: dict[str, str | None]) -> None:
        """Replace story membership with ``assignment`` (article → story), keeping creation times."""
        now = datetime.now(UTC).isoformat()
        with self._transaction():
            self.conn.executemany(
                "INSERT INTO stories (id, root, created_at, updated_at) VALUES (?, ?, ?, ?) "
                "ON CONFLICT(id) DO UPDATE SET root = excluded.root, updated_at = "
                "CASE WHEN stories.root IS excluded.root THEN stories.updated_at ELSE excluded.updated_at END",
                [(sid, root, now, now) for sid, root in roots.items()],
            )
            self.conn.execute("DELETE FROM story_members")
            self.conn.executemany(
                "INSERT INTO story_members (article_id, story_id) VALUES (?, ?)", assignment.items()
            )
            self.conn.execute(
                "DELETE FROM stories WHERE id NOT IN (SELECT DISTINCT story_id FROM story_members)"
            )

    def story_members(self, story_id: str) -> list[str]:
        """The article ids of ``story_id`` (exact id or unique prefix); NotFound otherwise."""
        ids = [r[0] for r in self.conn.execute(
            "SELECT id FROM stories WHERE id = ?1 OR (length(?1) >= ?2 AND id >= ?1 AND id < ?1 || char(1114111)) "
            "LIMIT 3", (story_id, MIN_ID_PREFIX))]
        if not ids and not story_id.startswith("s-"):
            try:
                return self.story_members("s-" + story_id)  # the id as shown without its prefix
            except NotFound as e:
                if "ambiguous" in str(e):
                    raise
        if not ids:
            raise NotFound(f"no story {story_id!r} in {self.path or ':memory:'}: `retold stories` lists them "
                           "(there are none before `retold trace`)")
        if len(ids) > 1 and story_id not in ids:
            raise NotFound(f"story id prefix {story_id!r} is ambiguous ({', '.join(ids)}, …); give more characters")
        sid = story_id if story_id in ids else ids[0]
        return [r[0] for r in self.conn.execute(
            "SELECT article_id FROM story_members WHERE story_id = ? ORDER BY article_id", (sid,))]

    def story_rows(self) -> list[tuple[str, str | None, str, str, int]]:
        """(id, root, created_at, updated_at, size) for every story, largest first."""
        return self.conn.execute(
            "SELECT s.id, s.root, s.created_at, s.updated_at, count(m.article_id) AS n FROM stories s "
            "JOIN story_members m ON m.story_id = s.id GROUP BY s.id ORDER BY n DESC, s.created_at, s.id"
        ).fetchall()

    def get_trace_state(self, key: str) -> Any:
        """A JSON value saved by ``set_trace_state``, or None."""
        row = self.conn.execute("SELECT value FROM trace_state WHERE key = ?", (key,)).fetchone()
        return None if row is None else json.loads(row[0])

    def set_trace_state(self, key: str, value: Any) -> None:
        with self._transaction():
            self.conn.execute(
                "INSERT OR REPLACE INTO trace_state (key, value) VALUES (?, ?)", (key, json.dumps(value))
            )

    def sentences_without_vectors(self, encoder: str, limit: int = 2000) -> list[tuple[int, str]]:
        """(sentence rowid, text) of up to ``limit`` sentences not yet encoded by ``encoder``."""
        return self.conn.execute(
            "SELECT s.id, s.text FROM sentences s LEFT JOIN sentence_vectors v "
            "ON v.sentence_id = s.id AND v.encoder = ? WHERE v.sentence_id IS NULL ORDER BY s.id LIMIT ?",
            (encoder, limit),
        ).fetchall()

    def put_sentence_vectors(self, ids: Sequence[int], vectors: np.ndarray, encoder: str) -> None:
        vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        with self._transaction():
            self.conn.executemany(
                "INSERT OR REPLACE INTO sentence_vectors (sentence_id, encoder, vector) VALUES (?, ?, ?)",
                [(i, encoder, v.tobytes()) for i, v in zip(ids, vectors, strict=True)],
            )

    def sentence_vectors(self, encoder: str) -> tuple[np.ndarray, np.ndarray]:
        """(sentence rowids int64 (n,), float32 (n, d)) of every encoded sentence."""
        rows = self.conn.execute(
            "SELECT sentence_id, vector FROM sentence_vectors WHERE encoder = ? ORDER BY sentence_id",
            (encoder,),
        ).fetchall()
        if not rows:
            return np.zeros(0, dtype=np.int64), np.zeros((0, 0), dtype=np.float32)
        ids = np.array([r[0] for r in rows], dtype=np.int64)
        return ids, np.frombuffer(b"".join(r[1] for r in rows), dtype=np.float32).reshape(len(rows), -1)

    def sentences_by_id(self, ids: Sequence[int]) -> list[tuple[int, str, int, str]]:
        """(rowid, article id, index, text) of the sentences with these rowids."""
        return self.conn.execute(
            "SELECT id, article_id, idx, text FROM sentences WHERE id IN (SELECT value FROM json_each(?))",
            (json.dumps([int(i) for i in ids]),),
        ).fetchall()


def _substring_snippet(text: str, terms: Sequence[str]) -> str:
    """``text`` around its first match of a term, each match of a term marked with [ ], as FTS5's snippet does."""
    folded = text.lower()  # same length as text for the scripts searched this way
    found = [(folded.find(t), t) for t in terms if t in folded]
    if not found or len(folded) != len(text):
        return text
    first = min(i for i, _ in found)
    lo, hi = max(0, first - _SNIPPET_CONTEXT), min(len(text), first + _SNIPPET_CONTEXT + max(len(t) for _, t in found))
    marked = [False] * (hi - lo)
    for t in {t for _, t in found}:
        for m in re.finditer(re.escape(t), folded[lo:hi]):
            marked[m.start() : m.end()] = [True] * len(t)
    out, inside = [], False  # each character marked once: overlapping terms make one [span]
    for k, ch in enumerate(text[lo:hi]):
        if marked[k] != inside:
            out.append("[" if marked[k] else "]")
            inside = marked[k]
        out.append(ch)
    if inside:
        out.append("]")
    return ("…" if lo else "") + "".join(out) + ("…" if hi < len(text) else "")


def fts_query(query: str, match: Match = "phrase") -> str | None:
    """``query`` as a safe FTS5 expression, or None when it has no words.

    Every word is put in double quotes (inner quotes doubled), so AND, NEAR,
    ``*``, ``:`` and parentheses typed by a user are searched as text.

        >>> fts_query('he said "no" AND left')
        '"he said ""no"" AND left"'
        >>> fts_query("Lavrentyev Iraq", "any")
        '"Lavrentyev" OR "Iraq"'
    """
    words = query.split()
    if not words:
        return None
    if match == "phrase":
        return '"' + " ".join(words).replace('"', '""') + '"'
    joiner = " AND " if match == "all" else " OR "
    return joiner.join('"' + w.replace('"', '""') + '"' for w in words)


def content_hash(article: Article) -> str:
    """Hash of what was published: text, title, outlet, url, author, date (not source or id)."""
    key = json.dumps(
        [
            article.text,
            article.title,
            article.outlet,
            article.url,
            article.author,
            _iso_utc(article.published),
        ],
        ensure_ascii=False,
    )
    return hashlib.blake2b(key.encode(), digest_size=16).hexdigest()


def _article_row(a: Article, now: str) -> tuple[Any, ...]:
    return (
        a.id,
        content_hash(a),
        a.title,
        a.outlet,
        a.url,
        a.author,
        _iso_utc(a.published),
        a.language,
        a.text,
        None if a.original == a.text else a.original,
        a.source,
        json.dumps(a.extra, ensure_ascii=False, default=str) if a.extra else "{}",
        now,
    )


def _article(row: Sequence[Any], sentences: Iterable[Sequence[Any]]) -> Article:
    """An Article from a ``_SELECT_ARTICLE`` row and its ``_SELECT_SENTENCES`` rows."""
    return Article(
        id=row[0],
        title=row[1],
        outlet=row[2],
        url=row[3],
        author=row[4],
        published=_from_iso(row[5]),
        language=row[6],
        text=row[7],
        original=row[8],
        source=row[9],
        extra=json.loads(row[10]),
        sentences=tuple(
            Sentence(index=s[1], text=s[2], start=s[3], end=s[4], language=s[5], paragraph=s[6])
            for s in sentences
        ),
    )


def _iso_utc(value: datetime | None) -> str | None:
    """ISO-8601 in UTC; naive datetimes are taken to be UTC already."""
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).isoformat()


def _from_iso(value: str | None) -> datetime | None:
    return None if value is None else datetime.fromisoformat(value)


def _day_start(value: date | datetime) -> datetime:
    if isinstance(value, datetime):
        return value
    return datetime(value.year, value.month, value.day, tzinfo=UTC)
