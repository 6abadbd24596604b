"""A collection of articles: the SQLite store, trace (candidates, scoring, stories) and provenance graphs."""

from __future__ import annotations

from retold.collection.collection import Collection, Story, StorySummary
from retold.collection.store import AddResult, ArticleRow, IngestReport, SentenceHit, Store
from retold.collection.trace import TraceReport, TraceSettings

__all__ = [
    "AddResult",
    "ArticleRow",
    "Collection",
    "IngestReport",
    "SentenceHit",
    "Store",
    "Story",
    "StorySummary",
    "TraceReport",
    "TraceSettings",
]
