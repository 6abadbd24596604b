"""Trace speed: candidate generation and the full pipeline on a generated corpus.

The corpus is built from real BASIL articles (../shared/data; skipped when
absent): each BASIL article founds a story and gets retellings (a sentence
dropped, paragraphs reordered, a new outlet and a later time), so trace has
real copies, rewrites and unrelated stories to sort out. Reported per size:
candidate generation (read + candidates stages) articles/s, full trace
articles/s, pairs compared, and peak RSS of the process.

Goals (the trace issue): candidates ≥ 1,000 articles/s, full trace ≥ 150
articles/s, ≤ 2 GB.

    python -m bench trace
    python -m bench.bench_trace --sizes 1000        # a quicker run
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BASIL = ROOT.parent / "shared" / "data" / "basil" / "articles"
SIZES = (10_000,)
SEED = 20240311
RETELLINGS = 3  # per founding article
OUTLETS = ["Northsea Wire", "Daily Brief", "Harbour Times", "Valley Gazette", "Le Matin", "Culture Hebdo"]


def corpus(n: int) -> list:
    """``n`` Articles: BASIL articles and their generated retellings."""
    from retold.ingest import build_article

    rng = random.Random(SEED)
    docs = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(BASIL.rglob("*.json"))]
    out = []
    base = datetime(2015, 1, 1, tzinfo=UTC)
    k = 0
    while len(out) < n:
        doc = docs[k % len(docs)]
        paras = [" ".join(p) for p in doc["body-paragraphs"] if p]
        when = base + timedelta(hours=7 * k)
        for r in range(RETELLINGS + 1):
            if len(out) >= n:
                break
            ps = list(paras)
            if r:
                if len(ps) > 3:
                    del ps[rng.randrange(1, len(ps))]
                    i = rng.randrange(1, len(ps) - 1)
                    ps[i], ps[i + 1] = ps[i + 1], ps[i]
            text = "\n\n".join(ps[:12])
            out.append(build_article(text, id=f"a{k:06d}-{r}", title=doc["title"] if not r else f"{doc['title']} ({r})",
                                     outlet=rng.choice(OUTLETS), published=when + timedelta(hours=r * 3),
                                     language="en"))
        k += 1
    return out


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run(sizes: tuple[int, ...] = SIZES) -> list[dict[str, object]]:
    if not BASIL.is_dir():
        print(f"bench_trace: {BASIL} is absent, skipped", file=sys.stderr)
        return []
    from retold.collection.collection import Collection

    rows: list[dict[str, object]] = []
    for n in sizes:
        articles = corpus(n)
        with Collection(memory=True) as c:
            c.add(articles)
            started = time.perf_counter()
            report = c.trace()
            total = time.perf_counter() - started
        cand_s = report.stage_seconds.get("read", 0) + report.stage_seconds.get("candidates", 0)
        rows.append({
            "articles": n,
            "candidate pairs": report.candidate_pairs,
            "exact copies": report.exact_copies,
            "compared": report.compared,
            "stories": report.stories,
            "candidates art/s": n / cand_s if cand_s else 0.0,
            "  of which vectors s": report.stage_seconds.get("read", 0.0),
            "trace art/s": n / total,
            "trace s": total,
            "peak RSS MB": _rss_mb(),
        })
    return rows


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    args = parser.parse_args()
    from bench.__main__ import table
    from rich.console import Console

    result = run(tuple(args.sizes))
    if result:
        Console().print(table("trace", result))
