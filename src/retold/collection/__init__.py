"""A collection of articles: the SQLite store (later: indexes, trace, stories, graph)."""

from __future__ import annotations

from retold.collection.store import AddResult, ArticleRow, IngestReport, SentenceHit, Store

__all__ = ["AddResult", "ArticleRow", "IngestReport", "SentenceHit", "Store"]
