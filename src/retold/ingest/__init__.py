"""Reading news articles: files, directories, globs, stdin; text, HTML, JSONL/CSV, WARC.

>>> from retold.ingest import read, Article
>>> articles = [a for a in read(["examples/"]) if isinstance(a, Article)]  # doctest: +SKIP

``read`` never raises for a bad input: it yields ``Skipped(where, reason)`` and
goes on (and, asked for them, a ``Notice`` about an article it kept, such as
an unreadable date). ``build_article`` turns one text into an ``Article``; ``load_article``
is what ``retold compare A B`` uses for each side.
"""

from __future__ import annotations

from ..models import Article
from .article import build_article, parse_published
from .dispatch import load_article, read
from .files import Notice, Skipped
from .html import parse_html
from .records import FieldMap

__all__ = [
    "Article",
    "FieldMap",
    "Notice",
    "Skipped",
    "build_article",
    "load_article",
    "parse_html",
    "parse_published",
    "read",
]
