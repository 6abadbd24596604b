"""``Collection(path)``: the Python face of a store, one method per ``retold`` verb.

    >>> from retold.collection.collection import Collection
    >>> with Collection(memory=True) as c:                 # doctest: +SKIP
    ...     c.ingest(["examples/collection", "examples/seed-pair"])
    ...     c.trace().stories
    ...     [s.size for s in c.stories()]
    5
    [5, 2, 2, 1, 1]

``ingest`` ↔ ``retold ingest``, ``trace`` ↔ ``retold trace``, ``stories`` ↔
``retold stories``, ``story`` ↔ ``retold story ID``, ``quote`` ↔ ``retold quote``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import networkx as nx
import numpy as np

from retold.collection.graph import article_nodes, build_graph, edge_rows, provenance_tree, timeline
from retold.collection.store import AddResult, ArticleRow, IngestReport, Store
from retold.collection.trace import Progress, TraceReport, TraceSettings, trace
from retold.config import Settings
from retold.embed import Encoder, get_encoder
from retold.models import Article
from retold.text.quotes import QuoteSpan, find_quotes

# Cosine between a quote and a stored sentence for a paraphrased or translated
# version to count. Set on the demo collection: the Stam quote (a fragment)
# scores 0.60 / 0.58 / 0.52 / 0.49 against its English, English-rewrite,
# Russian and Arabic sentences (the attribution clause dilutes them), while the
# next sentences of the same articles stay below 0.18.
QUOTE_MIN = 0.4
# Hits at least this close (verbatim is 1.0) are followed into the articles
# linked to theirs; at most FOLLOW_SEEDS of them, to bound the alignments run.
FOLLOW_FROM = 0.8
FOLLOW_SEEDS = 5
# Sentences encoded per batch when quote search fills the sentence-vector cache.
QUOTE_BATCH = 1024


@dataclass(frozen=True, slots=True)
class StorySummary:
    """One row of ``Collection.stories()``."""

    id: str
    size: int
    languages: tuple[str, ...]
    root: str | None
    root_outlet: str | None
    root_title: str | None
    first: datetime | None
    last: datetime | None


@dataclass(frozen=True)
class Story:
    """One story: its articles in timeline order, its provenance graph and tree."""

    id: str
    root: str | None
    articles: list[dict[str, Any]]
    graph: nx.DiGraph
    parent: dict[str, str]

    @property
    def edges(self) -> list[dict[str, Any]]:
        return edge_rows(self.graph)

    def to_dict(self) -> dict[str, Any]:
        """The JSON Lines schema: id, root, articles[], edges[] (fields may be added, never renamed)."""
        keys = ("id", "title", "outlet", "url", "published", "language")
        return {
            "id": self.id,
            "root": self.root,
            "articles": [{k: (a.get(k) or None) for k in keys} for a in self.articles],
            "edges": [
                {
                    "source": e["source"],
                    "target": e["target"],
                    "kind": e["kind"],
                    "confidence": e["confidence"],
                    "directed": e["directed"],
                    "evidence": e["evidence"],
                }
                for e in self.edges
            ],
        }


@dataclass(frozen=True, slots=True)
class QuoteMatch:
    """One version of a quote found in the collection."""

    article_id: str
    sentence: int
    text: str
    similarity: float
    verbatim: bool
    outlet: str | None
    title: str | None
    published: datetime | None
    language: str
    speaker: str | None
    # How it was found: "verbatim" (FTS5 phrase), "similar" (sentence vector),
    # "aligned" (aligned to a close hit in a linked article; similarity is the alignment score).
    found_by: str = "similar"


class Collection:
    """A traced collection of articles in one store file.

    ``Collection(path)``, ``Collection()`` (settings.db_path) or
    ``Collection(memory=True)``; pass ``encoder`` to share a loaded one.

        >>> with Collection(memory=True) as c:
        ...     c.stories()
        []
    """

    def __init__(
        self,
        path: str | Path | None = None,
        *,
        memory: bool = False,
        settings: Settings | None = None,
        encoder: Encoder | None = None,
        create: bool = True,
    ) -> None:
        self.store = Store(path, memory=memory, settings=settings, create=create)
        self._encoder = encoder

    @property
    def encoder(self) -> Encoder:
        if self._encoder is None:
            self._encoder = get_encoder()
        return self._encoder

    def __enter__(self) -> Collection:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.store.close()

    # -- verbs -------------------------------------------------------------------

    def ingest(self, inputs: Iterable[str | Path], **kwargs: Any) -> IngestReport:
        """Read files/dirs/globs into the store (``Store.ingest``)."""
        return self.store.ingest(inputs, **kwargs)

    def add(self, articles: Iterable[Article]) -> AddResult:
        """Store already-built Articles (``Store.add_articles``)."""
        return self.store.add_articles(articles)

    def trace(self, *, settings: TraceSettings | None = None, progress: Progress | None = None) -> TraceReport:
        """Find retellings and group them into stories; only new work on a rerun (see ``trace.trace``)."""
        return trace(self.store, encoder=self.encoder, settings=settings, progress=progress)

    def _rows(self) -> dict[str, ArticleRow]:
        return {r.id: r for r in self.store.list_articles()}

    def stories(self, min_size: int = 1) -> list[StorySummary]:
        """Every story of at least ``min_size`` articles, largest first."""
        rows = self._rows()
        members: dict[str, list[str]] = {}
        for article_id, sid in self.store.story_assignment().items():
            members.setdefault(sid, []).append(article_id)
        out = []
        for sid, root, _created, _updated, size in self.store.story_rows():
            if size < min_size:
                continue
            arts = [rows[i] for i in members.get(sid, []) if i in rows]
            dates = sorted(a.published for a in arts if a.published)
            r = rows.get(root) if root else None
            out.append(
                StorySummary(
                    sid, size, tuple(sorted({a.language for a in arts})), root,
                    r.outlet if r else None, r.title if r else None,
                    dates[0] if dates else None, dates[-1] if dates else None,
                )
            )
        return out

    def story(self, story_id: str) -> Story:
        """One story by id (or unique prefix): articles, provenance graph, tree; NotFound otherwise."""
        ids = self.store.story_members(story_id)
        rows = self._rows()
        sid = self.store.story_assignment()[ids[0]]
        nodes = []
        for i in ids:
            r = rows[i]
            nodes.append({
                "id": i, "title": r.title, "outlet": r.outlet, "url": r.url,
                "published": r.published.isoformat() if r.published else None, "language": r.language,
            })
        g = build_graph(nodes, self.store.iter_pairs(ids))
        root = next((row[1] for row in self.store.story_rows() if row[0] == sid), None)
        g.graph["story"] = sid
        g.graph["root"] = root or ""
        return Story(sid, root, article_nodes(g, timeline(g)), g, provenance_tree(g))

    def quote(self, text: str, limit: int = 20, min_similarity: float = QUOTE_MIN) -> list[QuoteMatch]:
        """Every version of a quote: verbatim (FTS5 phrase) and paraphrased or translated (sentence vectors).

        The first call encodes every stored sentence once and keeps the
        vectors in the store; later calls encode only new sentences.
        """
        found: dict[tuple[str, int], tuple[str, float, str]] = {}
        for hit in self.store.search_sentences(text, limit=limit):
            found[(hit.article_id, hit.index)] = (hit.text, 1.0, "verbatim")
        ids, vectors = self._sentence_vectors()
        if len(ids):
            q = self.encoder.encode([text])[0]
            scores = vectors @ q
            top = np.argsort(-scores)[:limit]
            keep = [int(ids[k]) for k in top if scores[k] >= min_similarity]
            score_of = {int(ids[k]): float(scores[k]) for k in top}
            for rowid, article_id, idx, sentence in self.store.sentences_by_id(keep):
                if (article_id, idx) not in found:
                    found[(article_id, idx)] = (sentence, round(score_of[rowid], 3), "similar")
        self._follow_retellings(found)
        rows = self._rows()
        quotes: dict[str, list[QuoteSpan]] = {}  # one quote finding per article, not per match
        out = []
        for (article_id, idx), (sentence, sim, how) in found.items():
            r = rows[article_id]
            if article_id not in quotes:
                quotes[article_id] = self._quotes(article_id)
            speaker = next((q.speaker for q in quotes[article_id] if idx in q.sentences and q.speaker), None)
            out.append(QuoteMatch(article_id, idx, sentence, sim, how == "verbatim", r.outlet, r.title,
                                  r.published, r.language, speaker, how))
        out.sort(key=lambda m: (-m.similarity, m.published is None, m.published.timestamp() if m.published else 0.0))
        return out[:limit]

    def _follow_retellings(self, found: dict[tuple[str, int], tuple[str, float, str]]) -> None:
        """Add the versions a sentence search misses: sentences aligned to a close hit in its retellings.

        A retold quote is often one clause of a long merged sentence ("... this
        is a very modern pretext, but exit is much more difficult"), too diluted
        for a sentence vector to find, but the alignment of the two articles
        holds it. Its score is the alignment's.
        """
        from retold.compare import align_articles
        from retold.collection.stories import LINK_KINDS

        seeds = sorted((k for k, v in found.items() if v[1] >= FOLLOW_FROM), key=lambda k: -found[k][1])
        for article_id, idx in seeds[:FOLLOW_SEEDS]:
            article = self.store.get_article(article_id)
            for pair in self.store.pairs_of(article_id):
                if pair.kind not in LINK_KINDS:
                    continue
                other_id = pair.b if pair.a == article_id else pair.a
                other = self.store.get_article(other_id)
                for al in align_articles(article, other, self.encoder):
                    if idx in al.a:
                        for j in al.b:
                            found.setdefault((other_id, j), (other.sentences[j].text, round(al.score, 3), "aligned"))

    def _sentence_vectors(self) -> tuple[np.ndarray, np.ndarray]:
        name = self.encoder.name
        while batch := self.store.sentences_without_vectors(name, QUOTE_BATCH):
            self.store.put_sentence_vectors([b[0] for b in batch], self.encoder.encode([b[1] for b in batch]), name)
        return self.store.sentence_vectors(name)

    def _quotes(self, article_id: str) -> list[QuoteSpan]:
        article = self.store.get_article(article_id)
        return find_quotes(article.sentence_texts(), [s.paragraph for s in article.sentences])


def iter_stories(collection: Collection, min_size: int = 1) -> Iterator[Story]:
    """Every story of at least ``min_size`` articles, as full ``Story`` objects."""
    for s in collection.stories(min_size):
        yield collection.story(s.id)
