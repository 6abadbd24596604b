"""Comparison → JSON, following the documented ``retold.comparison/1`` schema.

The schema is a promise to downstream tools: fields may be added, never
renamed or removed. Floats are rounded to 3 decimals so outputs diff cleanly.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from ..models import COMPARISON_SCHEMA, Article, Comparison, QuoteSide

_DECIMALS = 3


def _round(x: float) -> float | None:
    # NaN/inf are not JSON; an undefined statistic is reported as null.
    return round(x, _DECIMALS) if math.isfinite(x) else None


def _score(x: float) -> float:
    # The schema promises a number for scores; a non-finite one carries no
    # evidence either way, so it is reported as 0.0 rather than breaking JSON.
    x = float(x)
    return round(x, _DECIMALS) if math.isfinite(x) else 0.0


def _jsonable(value: Any) -> Any:
    """Make a free-form value (``Comparison.stats``) JSON-safe, floats rounded."""
    if isinstance(value, bool) or value is None or isinstance(value, (int, str)):
        return value
    if isinstance(value, float):
        return _round(value)
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        items = sorted(value, key=repr) if isinstance(value, (set, frozenset)) else value
        return [_jsonable(v) for v in items]
    if hasattr(value, "item"):  # numpy scalars, without importing numpy
        return _jsonable(value.item())
    return str(value)


def sentences_to_json(article: Article) -> list[dict[str, Any]]:
    """The article's sentences as the comparison JSON writes them (also the web API's article)."""
    return [
        {
            "index": s.index,
            "text": s.text,
            "original": article.original[s.start : s.end],  # as published: text is normalised
            "start": s.start,
            "end": s.end,
            "language": s.language,
            "paragraph": s.paragraph,
        }
        for s in article.sentences
    ]


def _article(article: Article) -> dict[str, Any]:
    return {
        "id": article.id,
        "title": article.title,
        "language": article.language,
        "sentences": sentences_to_json(article),
        "outlet": article.outlet,
        "url": article.url,
        "author": article.author,
        "published": article.published.isoformat() if article.published else None,
        "source": article.source,
    }


def _quote_side(side: QuoteSide | None) -> dict[str, Any] | None:
    if side is None:
        return None
    return {"sentence": side.sentence, "text": side.text, "speaker": side.speaker}


def comparison_to_dict(c: Comparison) -> dict[str, Any]:
    """The comparison as plain JSON-ready data (schema ``retold.comparison/1``).

    >>> d = comparison_to_dict(comparison)  # doctest: +SKIP
    >>> d["relation"]["kind"], d["relation"]["source"]  # doctest: +SKIP
    ('rewrite', 'a')
    """
    r = c.relation
    return {
        "schema": COMPARISON_SCHEMA,
        "a": _article(c.a),
        "b": _article(c.b),
        "relation": {
            "kind": r.kind,
            "source": r.source,
            "confidence": _score(r.confidence),
            "evidence": list(r.evidence),
            "via_translation": r.via_translation,
        },
        "alignments": [
            {"a": list(al.a), "b": list(al.b), "score": _score(al.score), "kind": al.kind,
             "similarity": None if al.similarity is None else _score(al.similarity)}
            for al in c.alignments
        ],
        "changes": [
            {
                "kind": ch.kind,
                "category": ch.category,
                "a": list(ch.a),
                "b": list(ch.b),
                "a_text": ch.a_text,
                "b_text": ch.b_text,
                "note": ch.note,
            }
            for ch in c.changes
        ],
        "quotes": [
            {"a": _quote_side(q.a), "b": _quote_side(q.b), "score": _score(q.score)}
            for q in c.quotes
        ],
        "speakers": [{"name": s.name, "variants": list(s.variants)} for s in c.speakers],
        "stats": _jsonable(c.stats),
    }


def comparison_to_json(c: Comparison, indent: int | None = None) -> str:
    """The comparison as a JSON string; non-ASCII text is kept as is.

    >>> print(comparison_to_json(comparison, indent=2))  # doctest: +SKIP
    {
      "schema": "retold.comparison/1",
      ...
    """
    return json.dumps(comparison_to_dict(c), ensure_ascii=False, indent=indent)
