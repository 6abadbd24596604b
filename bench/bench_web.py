"""Web app speed: story page of 200 articles, pair page, and 50 concurrent clients.

    python -m bench web

``retold serve`` runs in a subprocess on a free loopback port; requests come
from this process over HTTP, so every figure includes the whole server
(routing, store, rendering, HTTP).

The store: one story of 200 articles made from real text — BASIL articles
(../shared/data/basil; the seed pair repeated when absent): a root and 199
retellings, each from an earlier article of the story with a sentence dropped
and two paragraphs swapped, at a later time, by one of 12 outlets in 5
languages. Its provenance edges (a tree plus 40 same-event links) are
written to the store directly, not found by ``retold trace``, so the bench
measures the web app and not trace. Pair pages compare two of these
articles for real (~600-900 words each).

The model is loaded at start-up, before the first request, as `retold serve` does.

Goals (issue #6): story page of 200 articles ≤ 300 ms, pair page ≤ 200 ms,
50 concurrent clients on loopback with no errors (p50/p99 reported).
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BASIL = ROOT.parent / "shared" / "data" / "basil" / "articles"
SEED = ROOT / "examples" / "seed-pair"
SIZE = 200
SAME_EVENT = 40
OUTLETS = ("Northsea Wire", "Daily Brief", "Harbour Times", "Valley Gazette", "Le Matin", "Culture Hebdo",
           "Вести Портал", "الخبر", "Rheinische Nachrichten", "Metro Express", "Coastal Post", "The Ledger")
LANGUAGES = ("en", "en", "en", "ru", "ar", "de", "fr")
KINDS = ("copy", "rewrite", "rewrite", "translation", "partial")
RUNS = 30  # sequential requests per page measure
COLD_PAIRS = 5  # pair pages whose sentences the server has not seen
CLIENTS, PER_CLIENT = 50, 20
SEED_RNG = 20240311


def _basil(n: int) -> list[tuple[list[str], str]]:
    """Up to ``n`` BASIL articles of 10-30 paragraphs: (paragraphs, file name)."""
    out = []
    for path in sorted(BASIL.rglob("*.json")) if BASIL.is_dir() else []:
        doc = json.loads(path.read_text(encoding="utf-8"))
        paras = [" ".join(p) for p in doc["body-paragraphs"] if p]
        if 10 <= len(paras) <= 30:
            out.append((paras[:16], path.name))
            if len(out) == n:
                break
    return out


def _source_paragraphs() -> tuple[list[str], str]:
    found = _basil(1)
    if found:
        return found[0][0], f"BASIL {found[0][1]}"
    paras = [p for p in (SEED / "tass.txt").read_text(encoding="utf-8").split("\n") if p.strip()]
    return paras, "seed pair (TASS)"


def cold_pairs(n: int) -> list[tuple[object, object]]:
    """``n`` (article, retelling) pairs from other BASIL articles: sentences the server has not encoded yet."""
    from retold.ingest import build_article

    out = []
    for k, (paras, name) in enumerate(_basil(n + 1)[1:]):
        retold = paras[:3] + paras[4:]
        retold[1], retold[2] = retold[2], retold[1]
        out.append((build_article("\n\n".join(paras), id=f"c{k}a", outlet="Source Wire", language="en"),
                    build_article("\n\n".join(retold), id=f"c{k}b", outlet="Retold Daily", language="en")))
    return out


def build_store(path: Path) -> tuple[str, list[str], str]:
    """The 200-article story in ``path``; (story id, article ids in time order, text source)."""
    from retold.collection.collection import Collection
    from retold.collection.store import PairRow
    from retold.ingest import build_article

    rng = random.Random(SEED_RNG)
    paras, source = _source_paragraphs()
    start = datetime(2024, 3, 11, 6, 0, tzinfo=UTC)
    articles, versions = [], [paras]
    for k in range(SIZE):
        ps = list(versions[rng.randrange(len(versions))]) if k else list(paras)
        if k and len(ps) > 4:
            del ps[rng.randrange(1, len(ps))]
            i = rng.randrange(1, len(ps) - 1)
            ps[i], ps[i + 1] = ps[i + 1], ps[i]
        versions.append(ps)
        # Spread over three days, with a quiet spell, as a story's coverage is.
        when = start + timedelta(minutes=int(40 * k + (600 if k > 150 else 0) + rng.randrange(30)))
        articles.append(build_article("\n\n".join(ps), id=f"w{k:03d}", title=f"Retelling {k}" if k else "The original",
                                      outlet=OUTLETS[k % len(OUTLETS)], published=when,
                                      language=LANGUAGES[k % len(LANGUAGES)]))
    ids = [a.id for a in articles]
    pairs = []
    for k in range(1, SIZE):
        parent = ids[rng.randrange(k)]
        a, b = sorted((parent, ids[k]))
        pairs.append(PairRow(a, b, rng.choice(KINDS), "a" if a == parent else "b", round(rng.uniform(0.6, 0.99), 3),
                             ("b derives from a", "synthetic edge for the web bench")))
    for _ in range(SAME_EVENT):
        x, y = sorted(rng.sample(ids, 2))
        pairs.append(PairRow(x, y, "same-event", None, round(rng.uniform(0.5, 0.7), 3), ("same subject",)))
    with Collection(path) as c:
        c.add(articles + [x for pair in cold_pairs(COLD_PAIRS) for x in pair])
        c.store.add_pairs({(p.a, p.b): p for p in pairs}.values())
        c.store.save_stories({i: "s-bench00200" for i in ids}, {"s-bench00200": ids[0]})
    return "s-bench00200", ids, source


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _start(db: Path, log: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = _free_port()
    with log.open("wb") as out:
        proc = subprocess.Popen([sys.executable, "-m", "retold", "--db", str(db), "serve", "--port", str(port)],
                                stdout=out, stderr=subprocess.STDOUT, cwd=ROOT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(base + "/api/health", timeout=2):
                return proc, base
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError(f"retold serve did not start: {log.read_text(errors='replace')[-2000:]}")


def _get(base: str, path: str) -> tuple[float, int, int]:
    """Seconds, status, bytes of one GET."""
    started = time.perf_counter()
    with urllib.request.urlopen(base + path, timeout=60) as r:
        body = r.read()
        status = r.status
    return time.perf_counter() - started, status, len(body)


def _pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, max(0, round(q * (len(values) - 1))))]


def _row(measure: str, times: list[float], goal: float | None, note: str, errors: int = 0) -> dict[str, object]:
    p50, p99 = _pct(times, 0.5) * 1000, _pct(times, 0.99) * 1000
    return {
        "measure": measure,
        "requests": len(times),
        "errors": errors,
        "p50 ms": round(p50, 1),
        "p99 ms": round(p99, 1),
        "goal": f"≤ {goal:.0f} ms" if goal else "no errors",
        "met": ("yes" if p50 <= goal else "no") if goal else ("yes" if errors == 0 else "no"),
        "note": note,
    }


async def _clients(base: str, paths: list[str]) -> tuple[list[float], list[str]]:
    import httpx

    times: list[float] = []
    errors: list[str] = []
    limits = httpx.Limits(max_connections=CLIENTS, max_keepalive_connections=CLIENTS)
    async with httpx.AsyncClient(base_url=base, timeout=120, limits=limits) as client:

        async def one_client(k: int) -> None:
            for i in range(PER_CLIENT):
                path = paths[(k + i) % len(paths)]
                started = time.perf_counter()
                try:
                    r = await client.get(path)
                    if r.status_code != 200:
                        errors.append(f"{path}: {r.status_code} {r.text[:200]}")
                except httpx.HTTPError as e:
                    errors.append(f"{path}: {type(e).__name__}: {e}")
                times.append(time.perf_counter() - started)

        await asyncio.gather(*(one_client(k) for k in range(CLIENTS)))
    return times, errors


def run() -> list[dict[str, object]]:
    from urllib.parse import quote

    rows: list[dict[str, object]] = []
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "web.db"
        story, ids, source = build_store(db)
        made = f"{SIZE} articles from {source}, edges written directly"
        log = Path(tmp) / "serve.log"
        proc, base = _start(db, log)
        try:
            story_path = f"/stories/{story}"
            t, status, size = _get(base, story_path)  # the first request opens and warms everything
            assert status == 200 and size > 0
            rows.append(_row("story page, 200 articles", [_get(base, story_path)[0] for _ in range(RUNS)], 300,
                             f"{made}; {size / 1e3:.0f} kB of HTML with the SVG"))
            rows.append(_row("story JSON, 200 articles", [_get(base, "/api" + story_path)[0] for _ in range(RUNS)],
                             300, "/api/stories/ID"))
            rows.append(_row("home page", [_get(base, "/")[0] for _ in range(RUNS)], 300, "story list"))
            cold = [_get(base, f"/pair?a=c{k}a&b=c{k}b")[0] for k in range(COLD_PAIRS) if BASIL.is_dir()]
            if cold:
                rows.append(_row("pair page, new text", cold, 200,
                                 f"compare + render of {len(cold)} BASIL pairs, no sentence seen before"))
            pairs = [f"/pair?a={quote(ids[0])}&b={quote(ids[k])}" for k in range(1, 11)]
            first = [_get(base, p)[0] for p in pairs]
            rows.append(_row("pair page, first view", first, 200,
                             "compare + render of 10 pairs of the story (their sentences recur: encoder cache)"))
            rows.append(_row("pair page, repeat view", [_get(base, pairs[0])[0] for _ in range(RUNS)], 200,
                             "the comparison is cached (articles never change)"))
            mix = [story_path, "/", pairs[0], pairs[1], f"/articles/{ids[7]}", "/api" + story_path,
                   "/api/stories", "/search?q=" + quote(ids[3][:6])]
            started = time.perf_counter()
            times, errors = asyncio.run(_clients(base, mix))
            wall = time.perf_counter() - started
            for line in errors[:5]:
                print(f"bench_web: error: {line}", file=sys.stderr)
            if errors:
                print(log.read_text(errors="replace")[-3000:], file=sys.stderr)
            rows.append(_row(f"{CLIENTS} concurrent clients", times, None,
                             f"{CLIENTS}x{PER_CLIENT} GETs of story/home/pair/article/API/search; "
                             f"{len(times) / wall:.0f} req/s on {os.cpu_count()} cores", len(errors)))
        finally:
            proc.terminate()
            proc.wait(timeout=10)
    return rows


if __name__ == "__main__":
    for row in run():
        print(row)
