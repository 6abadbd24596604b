"""retold: trace how a news story is retold.

>>> import retold
>>> c = retold.compare("examples/seed-pair/tass.txt", "examples/seed-pair/retelling.txt")  # doctest: +SKIP
>>> c.relation.kind, c.relation.source  # doctest: +SKIP
('rewrite', 'a')
"""

from __future__ import annotations

from .collection import Collection, Store, Story
from .compare import compare, compare_articles
from .embed import Encoder, get_encoder
from .errors import (
    EncoderError,
    InputError,
    MalformedRecord,
    NotFound,
    RetoldError,
    StoreError,
    UnreadableInput,
)
from .ingest import FieldMap, Skipped, build_article, load_article, read
from .models import Alignment, Article, Change, Comparison, Quote, Relation, Sentence, Speaker

__version__ = "0.1.0"

__all__ = [
    "Alignment",
    "Article",
    "Change",
    "Collection",
    "Comparison",
    "Encoder",
    "EncoderError",
    "FieldMap",
    "InputError",
    "MalformedRecord",
    "NotFound",
    "Quote",
    "Relation",
    "RetoldError",
    "Sentence",
    "Skipped",
    "Speaker",
    "Store",
    "StoreError",
    "Story",
    "UnreadableInput",
    "build_article",
    "compare",
    "compare_articles",
    "get_encoder",
    "load_article",
    "read",
]
