"""Ingest speed, end to end: reading + cleaning + storing, plain text and HTML.

Generates ~10,000 plain-text articles and ~2,000 HTML pages (real paragraphs
wrapped in nav, ads, scripts, related links and a footer) from the seed pair,
and from BASIL articles and MSRP sentences when ../shared/data is present,
then times each stage in its own process so peak RSS is that stage's own:

* ``library``: ``Store.ingest`` (read + clean + store), imports excluded;
* ``read only`` / ``store only``: the same work split in two (``read`` into a
  list, then ``Store.add_articles``), to show where the time goes;
* ``cli``: ``retold --db … ingest DIR`` as a user runs it, start-up included.

Goals (the foundation issue): ≥ 5,000 text articles/s and ≥ 500 HTML pages/s.

    python -m bench ingest
    python -m bench.bench_ingest --text 2000 --html 400     # a quicker run
"""

from __future__ import annotations

import argparse
import html
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SHARED_DATA = ROOT.parent / "shared" / "data"

N_TEXT = 10_000
N_HTML = 2_000
SEED = 20240125

OUTLETS = ["TASS", "Reuters", "Al Mayadeen", "Maalouma", "RIA Novosti", "AP", "Fox", "NYT"]


# -- corpus -------------------------------------------------------------------


def sentence_pool() -> list[str]:
    """Real news sentences: the examples, plus BASIL and MSRP when present."""
    pool: list[str] = []
    for path in sorted(EXAMPLES.rglob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            pool.extend(s for s in re.split(r"(?<=[.!?\"”])\s+(?=[A-Z“\"])", line.strip()) if len(s) > 30)
    basil = SHARED_DATA / "basil" / "articles"
    if basil.is_dir():
        for path in sorted(basil.rglob("*.json")):
            doc = json.loads(path.read_text(encoding="utf-8"))
            pool.extend(s.strip() for para in doc["body-paragraphs"] for s in para if len(s) > 30)
    msrp = SHARED_DATA / "msrp" / "msr_paraphrase_train.txt"
    if msrp.is_file():
        for line in msrp.read_text(encoding="utf-8-sig").splitlines()[1:]:
            parts = line.split("\t")
            if len(parts) == 5:
                pool.extend(p for p in parts[3:] if len(p) > 30)
    return list(dict.fromkeys(pool))  # unique, in order


def articles(n: int, pool: list[str], rng: random.Random) -> list[dict[str, str]]:
    """``n`` distinct articles of 3–6 paragraphs of 2–4 sentences drawn from ``pool``."""
    start = datetime(2024, 1, 1, tzinfo=UTC)
    out = []
    for i in range(n):
        paragraphs = [
            " ".join(rng.sample(pool, rng.randint(2, 4))) for _ in range(rng.randint(3, 6))
        ]
        title = rng.choice(pool).split(",")[0][:90].rstrip(" .")
        out.append(
            {
                "title": f"{title} ({i})",  # the number keeps every article distinct
                "outlet": rng.choice(OUTLETS),
                "published": (start + timedelta(minutes=37 * i)).isoformat(),
                "body": "\n\n".join(paragraphs),
            }
        )
    return out


def write_text(docs: list[dict[str, str]], folder: Path) -> None:
    folder.mkdir(parents=True)
    for i, d in enumerate(docs):
        (folder / f"{i:05}.txt").write_text(f"{d['title']}\n\n{d['body']}\n", encoding="utf-8")


_NAV = " ".join(
    f'<li><a href="/section/{s.lower()}">{s}</a></li>'
    for s in (
        "World Politics Business Markets Tech Science Health Sport Football Tennis Culture "
        "Books Film Music Travel Food Opinion Editorials Letters Weather Podcasts Video "
        "Photos Newsletters Subscribe"
    ).split()
)
_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{title} | {outlet}</title>
<meta property="og:site_name" content="{outlet}">
<meta property="og:title" content="{title}">
<meta property="article:published_time" content="{published}">
<link rel="stylesheet" href="/static/main.css">
<script type="application/ld+json">{{"@context":"https://schema.org","@type":"NewsArticle","headline":"{title}","datePublished":"{published}","publisher":{{"@type":"Organization","name":"{outlet}"}}}}</script>
<script>window.dataLayer=window.dataLayer||[];function gtag(){{dataLayer.push(arguments)}}gtag('js',new Date());</script>
<script async src="https://ads.example.com/tag.js"></script>
<style>.ad{{min-height:250px}} .cookie{{position:fixed;bottom:0}}</style>
</head><body>
<div class="cookie">We use cookies to improve your experience. <button>Accept all</button></div>
<header><a class="logo" href="/">{outlet}</a><nav><ul>{nav}</ul></nav>
<form action="/search"><input name="q" placeholder="Search"></form></header>
<div class="ad ad-top">Advertisement <iframe src="https://ads.example.com/slot/728x90"></iframe></div>
<main><article>
<h1>{title}</h1>
<p class="byline">By <a href="/authors/staff">{outlet} staff</a> · <time datetime="{published}">{published}</time></p>
{paragraphs}
</article>
<aside class="related"><h2>Read more</h2><ul>{related}</ul></aside>
<div class="ad ad-inline">Sponsored: You won't believe these 10 tricks <a href="https://ads.example.com/c">Learn more</a></div>
<section class="comments"><h2>Comments (12)</h2><p>Log in to comment.</p></section>
</main>
<footer><ul>{nav}</ul><p>© 2024 {outlet}. All rights reserved. <a href="/privacy">Privacy</a> · <a href="/terms">Terms</a></p></footer>
<script>document.querySelectorAll('.ad').forEach(function(a){{a.dataset.loaded=1}});</script>
</body></html>
"""


def write_html(docs: list[dict[str, str]], folder: Path, rng: random.Random) -> None:
    folder.mkdir(parents=True)
    titles = [d["title"] for d in docs]
    for i, d in enumerate(docs):
        paragraphs = "\n".join(f"<p>{html.escape(p)}</p>" for p in d["body"].split("\n\n"))
        related = "".join(
            f'<li><a href="/news/{j}">{html.escape(titles[j])}</a></li>'
            for j in rng.sample(range(len(docs)), 10)
        )
        page = _PAGE.format(
            title=html.escape(d["title"]),
            outlet=d["outlet"],
            published=d["published"],
            nav=_NAV,
            paragraphs=paragraphs,
            related=related,
        )
        (folder / f"{i:05}.html").write_text(page, encoding="utf-8")


# -- measuring ----------------------------------------------------------------


def _child(args: list[str]) -> dict[str, float]:
    """Run a ``--measure`` child and return the JSON it prints last."""
    proc = subprocess.run(args, capture_output=True, text=True, cwd=ROOT)
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed ({proc.returncode}):\n{proc.stderr[-2000:]}")
    result: dict[str, float] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


def _cli_run(folder: Path, db: Path) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of ``retold --db DB ingest FOLDER``."""
    with tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        proc = subprocess.Popen(
            [sys.executable, "-m", "retold", "--db", str(db), "ingest", str(folder)],
            stdout=subprocess.DEVNULL,
            stderr=err,
            cwd=ROOT,
        )
        # wait4 gives this child's own rusage (ru_maxrss in KiB on Linux).
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - started
        code = os.waitstatus_to_exitcode(status)
        if code not in (0, 1):  # 1: some inputs skipped, still a timing
            err.seek(0)
            raise RuntimeError(f"retold ingest {folder} failed ({code}): {err.read().decode()[-2000:]}")
    return wall, usage.ru_maxrss / 1024


def measure(stage: str, folder: Path, db: Path) -> dict[str, float]:
    """In this process, time ``stage`` over ``folder``: "library" (Store.ingest) or
    "split" (read everything into memory, then add_articles), with this process's peak RSS."""
    import resource

    from retold.collection import Store
    from retold.config import load_settings
    from retold.ingest import Skipped, read

    settings = load_settings()
    result: dict[str, float] = {}
    with Store(db, settings=settings) as store:
        started = time.perf_counter()
        if stage == "library":
            report = store.ingest([folder])
            result["seconds"] = time.perf_counter() - started
            result["articles"] = report.stored
            result["skipped"] = len(report.skipped)
        else:
            items = list(read([folder], settings=settings))
            got = [a for a in items if not isinstance(a, Skipped)]
            result["read_seconds"] = time.perf_counter() - started
            started = time.perf_counter()
            result["articles"] = store.add_articles(got).stored
            result["store_seconds"] = time.perf_counter() - started
            result["skipped"] = len(items) - len(got)
    result["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return result


def run(n_text: int = N_TEXT, n_html: int = N_HTML) -> list[dict[str, object]]:
    """Generate the corpora, time every stage, return one row per (input, stage)."""
    rng = random.Random(SEED)
    pool = sentence_pool()
    rows: list[dict[str, object]] = []
    with tempfile.TemporaryDirectory(prefix="retold-bench-") as tmp:
        base = Path(tmp)
        write_text(articles(n_text, pool, rng), base / "text")
        write_html(articles(n_html, pool, rng), base / "html", rng)
        for kind, folder in (("text", base / "text"), ("html", base / "html")):
            def measured(stage: str) -> dict[str, float]:
                db = base / f"{folder.name}-{stage}.db"
                return _child([sys.executable, "-m", "bench.bench_ingest", "--measure", stage, str(folder), str(db)])

            lib = measured("library")
            rows.append(_row(kind, "library", lib, lib["seconds"]))
            split = measured("split")
            rows.append(_row(kind, "read only", split, split["read_seconds"]))
            rows.append(_row(kind, "store only", split, split["store_seconds"]))
            seconds, peak = _cli_run(folder, base / f"{folder.name}-cli.db")
            cli = {"articles": lib["articles"], "skipped": lib["skipped"], "peak_rss_mb": peak}
            rows.append(_row(kind, "cli", cli, seconds))
    return rows


def _row(kind: str, stage: str, result: dict[str, float], seconds: float) -> dict[str, object]:
    n = int(result["articles"])
    return {
        "input": kind,
        "stage": stage,
        "articles": n,
        "skipped": int(result["skipped"]),
        "seconds": seconds,
        "articles/s": n / seconds if seconds else 0.0,
        "peak RSS MB": float(result["peak_rss_mb"]),
    }


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.bench_ingest", description=__doc__.split("\n")[0])
    parser.add_argument("--measure", nargs=3, metavar=("STAGE", "FOLDER", "DB"), help=argparse.SUPPRESS)
    parser.add_argument("--text", type=int, default=N_TEXT, help="plain-text articles to generate")
    parser.add_argument("--html", type=int, default=N_HTML, help="HTML pages to generate")
    args = parser.parse_args(argv)
    if args.measure:
        stage, folder, db = args.measure
        print(json.dumps(measure(stage, Path(folder), Path(db))))
        return
    from bench.__main__ import table
    from rich.console import Console

    Console().print(table("ingest", run(args.text, args.html)))


if __name__ == "__main__":
    main(sys.argv[1:])
