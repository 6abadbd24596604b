"""The store the web tests serve: the seed pair and a hostile HTML retelling, traced once.

``tests/data/web/hostile.html`` retells the TASS report with script in its
text and attributes: ``<script>``, ``onerror=``, ``onload=``, a
``javascript:`` canonical URL and an outlet name that closes an attribute.
Every payload would set ``window.__pwned``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from retold.collection.collection import Collection
from retold.embed import Encoder

TESTS = Path(__file__).resolve().parent
SEED = TESTS.parent / "examples" / "seed-pair"
HOSTILE = TESTS / "data" / "web" / "hostile.html"


@dataclass(frozen=True)
class WebStore:
    path: Path
    story: str
    tass: str
    retelling: str
    hostile: str


def build_store(path: Path, encoder: Encoder) -> WebStore:
    """Ingest and trace the seed pair and the hostile page into ``path``."""
    with Collection(path, encoder=encoder) as c:
        report = c.ingest([SEED, HOSTILE])
        assert report.stored == 3 and not report.skipped, report
        c.trace()
        rows = c.store.list_articles()
        (story,) = c.stories(min_size=2)
    by_source = {Path(r.source or "").name: r.id for r in rows}
    return WebStore(path, story.id, by_source["tass.txt"], by_source["retelling.txt"], by_source["hostile.html"])
