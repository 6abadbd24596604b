"""Trace speed and memory on a generated corpus of real news text, 10k and 100k articles.

The corpus (``corpus``) is built from the 1,228 real articles of BASIL and
PolNeAR in ../shared/data (skipped when absent). Each story is one real
article, stamped with a dateline of its own (so no two stories share a text
hash), plus three retellings by other outlets a few hours later: a paragraph
dropped, two paragraphs swapped, one crediting the first outlet. 75 stories
a day (300 articles a day: a mid-size news collection); the real articles
are reused once the pool is spent, 16 days later, beyond the 14-day window.

The encoder's sentence cache is kept small (2,000 sentences) so the reused
articles are encoded again, as new articles would be. The store is a file
in a temporary folder, as a user's would be.

Reported per size: stage times, candidate generation articles/s (read stage
with document vectors, and the candidate search alone), full trace
articles/s, pairs scored, how many needed sentence vectors, stories against
the generated truth (B-cubed), and peak RSS.

Goals (the trace issue): candidates ≥ 1,000 articles/s, full trace ≥ 150
articles/s, ≤ 2 GB, near-linear from 10k to 100k.

    python -m bench trace                           # 10k and 100k (about 25 minutes)
    python -m bench.bench_trace --sizes 2000        # a quicker run
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data"
BASIL = DATA / "basil" / "articles"
POLNEAR = DATA / "polnear"
SIZES = (10_000, 100_000)
SEED = 20240311
RETELLINGS = 3  # per story
STORIES_PER_DAY = 75
CACHE = 2_000
OUTLETS = ["Northsea Wire", "Daily Brief", "Harbour Times", "Valley Gazette", "Capital Post", "Evening Ledger"]
CITIES = ["WASHINGTON", "NEW YORK", "LONDON", "CHICAGO", "BOSTON", "ATLANTA", "DENVER", "SEATTLE"]


def real_articles() -> list[tuple[str, str, list[str]]]:
    """``(event label, title, paragraphs)`` of every BASIL and PolNeAR article (BASIL's three reports of one event share a label)."""
    out = []
    for p in sorted(BASIL.rglob("*.json")):
        doc = json.loads(p.read_text(encoding="utf-8"))
        paras = [" ".join(x) for x in doc["body-paragraphs"] if x]
        out.append((f"basil:{doc['triplet-uuid']}", doc["title"], paras))
    for p in sorted(POLNEAR.glob("*/text/*.txt")):
        lines = [x.strip() for x in p.read_text(encoding="utf-8").split("\n\n") if x.strip()]
        if len(lines) >= 3:
            out.append((f"polnear:{p.stem}", lines[0], lines[1:]))
    return out


def corpus(n: int) -> Iterator[tuple[object, str]]:
    """``n`` (Article, true story label) pairs, in publication order."""
    from retold.ingest import build_article

    rng = random.Random(SEED)
    pool = real_articles()
    base = datetime(2016, 1, 1, tzinfo=UTC)
    step = timedelta(days=1) / STORIES_PER_DAY
    made = 0
    for k in range(n):
        label, title, paras = pool[k % len(pool)]
        cycle = k // len(pool)
        when = base + k * step
        city, outlet = rng.choice(CITIES), rng.choice(OUTLETS)
        first = f"{city}, {when:%B} {when.day} ({outlet}) - {paras[0]}"
        for r in range(RETELLINGS + 1):
            if made >= n:
                return
            ps = [first, *paras[1:12]]
            teller = outlet
            if r:
                teller = rng.choice([o for o in OUTLETS if o != outlet])
                if len(ps) > 3:
                    del ps[rng.randrange(1, len(ps))]
                    i = rng.randrange(1, len(ps) - 1)
                    ps[i], ps[i + 1] = ps[i + 1], ps[i]
                if r == 1:
                    ps[0] = f"{ps[0]} {outlet} reported."
            article = build_article("\n\n".join(ps), id=f"s{k:06d}-{r}", title=title, outlet=teller,
                                    published=when + timedelta(hours=3 * r), language="en")
            made += 1
            yield article, f"{label}#{cycle}"


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run(sizes: tuple[int, ...] = SIZES) -> list[dict[str, object]]:
    if not BASIL.is_dir() or not POLNEAR.is_dir():
        print(f"bench_trace: {DATA} is incomplete, skipped", file=sys.stderr)
        return []
    from retold.collection.collection import Collection
    from retold.collection.stories import b_cubed
    from retold.embed import Encoder

    rows: list[dict[str, object]] = []
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            truth: dict[str, str] = {}
            with Collection(Path(tmp) / "bench.db", encoder=Encoder(cache_size=CACHE)) as c:
                started = time.perf_counter()
                batch = []
                for article, label in corpus(n):
                    truth[article.id] = label
                    batch.append(article)
                    if len(batch) == 5000:
                        c.add(batch)
                        batch = []
                c.add(batch)
                built = time.perf_counter() - started
                started = time.perf_counter()
                report = c.trace()
                total = time.perf_counter() - started
                stories = c.store.story_assignment()
            p, r, f = b_cubed(stories, truth)
        st = report.stage_seconds
        rows.append({
            "articles": n,
            "build+store s": round(built, 1),
            "read+vectors s": st.get("read", 0.0),
            "candidates s": st.get("candidates", 0.0),
            "scoring s": st.get("compare", 0.0),
            "stories s": st.get("stories", 0.0),
            "candidates art/s": n / max(1e-9, st.get("read", 0.0) + st.get("candidates", 0.0)),
            "search-only art/s": n / max(1e-9, st.get("candidates", 0.0)),
            "trace art/s": n / total,
            "pairs scored": report.compared,
            "with vectors": report.escalated,
            "B-cubed F1": round(f, 3),
            "peak RSS MB": round(_rss_mb()),
        })
    return rows


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    args = parser.parse_args()
    from rich.console import Console

    from bench.__main__ import table

    result = run(tuple(args.sizes))
    if result:
        Console(width=250).print(table("trace", result))
