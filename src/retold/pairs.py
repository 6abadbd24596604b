"""Many comparisons in one run: ``retold compare --pairs FILE.jsonl``.

Each input line is ``{"id": any, "a": ARTICLE, "b": ARTICLE}`` where ARTICLE
is an object with ``text`` (and optionally ``title``, ``language``,
``outlet``, ``published``, ``url``, ``id``) or a string naming a file
(relative paths are taken from the pairs file's folder). Each output is that
pair's comparison JSON with ``"id"`` echoed. The encoder is loaded once; a
broken line is reported and skipped, and the rest go on.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .compare import compare_articles
from .embed import Encoder, get_encoder, get_precise_encoder
from .errors import InputError, MalformedRecord, RetoldError
from .ingest import build_article, load_article
from .models import Article
from .render.json import comparison_to_dict

_FIELDS = ("title", "language", "outlet", "published", "url", "author")


@dataclass(frozen=True, slots=True)
class PairFailure:
    where: str
    reason: str


def _article(value: Any, where: str, base: Path, side: str) -> Article:
    if isinstance(value, str):
        path = Path(value)
        return load_article(path if path.is_absolute() else base / path)
    if isinstance(value, dict) and isinstance(value.get("text"), str):
        kw = {k: value[k] for k in _FIELDS if value.get(k) is not None}
        if kw.get("language") is None:
            kw.pop("language", None)
        return build_article(value["text"], id=value.get("id"), source=f"{where}:{side}", **kw)
    raise MalformedRecord(where, f'"{side}" must be an object with "text" or a file name')


def compare_pairs(
    path: Path, encoder: Encoder | None = None, precise: bool = False
) -> Iterator[dict[str, Any] | PairFailure]:
    """Yield one comparison dict per good line of ``path`` and a PairFailure per bad one.

    ``precise`` grades each alignment's meaning as ``compare(precise=True)`` does.
    """
    enc = encoder or get_encoder()
    # loaded here, once: a missing or broken e5 model stops the run instead of failing every line
    second = get_precise_encoder().load() if precise else None
    stdin = str(path) == "-"
    base = Path.cwd() if stdin else path.parent
    try:
        # "-": pairs from a pipe, compared as they arrive
        lines: Iterable[str] = sys.stdin if stdin else path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as e:
        raise InputError(str(path), f"cannot read the pairs file: {e}") from e
    for n, line in enumerate(lines, 1):
        where = f"{path}:{n}"
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
            if not isinstance(rec, dict) or "a" not in rec or "b" not in rec:
                raise MalformedRecord(str(path), 'expected an object with "a" and "b"', n)
            a = _article(rec["a"], where, base, "a")
            b = _article(rec["b"], where, base, "b")
            out = {"id": rec.get("id"), **comparison_to_dict(compare_articles(a, b, enc, second))}
        except json.JSONDecodeError as e:
            yield PairFailure(where, f"malformed JSON: {e.msg} (col {e.colno})")
            continue
        except RetoldError as e:
            reason = getattr(e, "reason", str(e))
            named = getattr(e, "where", None)  # the article file that failed, when it was one
            # the location once: a record's own errors already name path:line
            yield PairFailure(where, f"{named}: {reason}" if named and not named.startswith(str(path)) else reason)
            continue
        yield out
