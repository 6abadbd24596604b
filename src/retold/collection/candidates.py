"""Candidate pairs for trace: which articles are worth comparing, without all pairs.

Three cheap filters feed ``compare_articles``:

* exact copies, grouped by a hash of the normalised text (``text_key``), are
  linked to one representative and never compared: 50 copies of one wire cost
  no comparison at all instead of 1,225;
* lexical near-duplicates from MinHash LSH (rensa) over word 3-gram shingles;
* semantic and cross-lingual neighbours from document vectors (the mean of the
  encoder's vectors for the title, the lead and a sample of sentences) with an
  exact faiss ``IndexFlatIP`` top-k search and a cosine floor.

Lexical evidence alone misses real retellings: the seed pair (a TASS report
and an English retelling of its Arabic rewrite) shares a word 5-gram Jaccard
of only 0.09, but its document vectors are at cosine 0.80.

Pairs whose articles are both dated and further apart than a time window are
dropped (blocking). Everything here takes arrays and strings; only
``doc_vectors`` touches the encoder.

    >>> sorted(shingles("Russia has evidence that the US will leave", 3))[:2]
    ['evidence that the', 'has evidence that']
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import numpy as np

from retold.embed import Encoder
from retold.models import Article

# Word n-gram length for MinHash shingles. 3-grams, not 5-grams: a rewrite that
# keeps a clause but changes every fifth word still shares 3-grams (the seed
# pair shares 0.09 of its 5-grams and 0.14 of its 3-grams).
SHINGLE = 3
NUM_PERM = 128
# 32 bands of 4 rows: the LSH S-curve crosses 0.5 at Jaccard (1/32)^(1/4) ≈ 0.42.
NUM_BANDS = 32
LSH_THRESHOLD = 0.4
# Estimated 3-gram Jaccard a lexical candidate must reach (LSH also returns
# pairs below its threshold by chance). Wire copies with a changed lead sit at
# 0.5–0.9; two unrelated articles of the same outlet sharing boilerplate at < 0.1.
LEXICAL_MIN = 0.2
# Document-vector neighbours per article, and the cosine floor. Set on the demo
# collection and BASIL: same-story pairs sit at 0.55–0.95 (seed pair 0.80,
# en→ru translation 0.84), different stories of the same week at 0.15–0.45.
TOP_K = 10
SEMANTIC_MIN = 0.5
# Both dated and further apart than this: not compared. A retelling weeks
# later is possible, but a story that old is rarely re-run word for word and
# the window keeps candidate counts linear on long collections.
WINDOW_DAYS = 14
# Sentences that make a document vector: title + lead + an even sample.
LEAD = 3
SAMPLE = 3

_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True, slots=True)
class CandidateSettings:
    """The knobs of candidate generation, with their calibrated defaults."""

    shingle: int = SHINGLE
    num_perm: int = NUM_PERM
    num_bands: int = NUM_BANDS
    lexical_min: float = LEXICAL_MIN
    top_k: int = TOP_K
    semantic_min: float = SEMANTIC_MIN
    window_days: float | None = WINDOW_DAYS


@dataclass(slots=True)
class Candidates:
    """Index pairs ``(i, j)`` with ``i < j`` and why each was proposed."""

    pairs: dict[tuple[int, int], set[str]] = field(default_factory=dict)
    blocked: int = 0  # pairs dropped by the time window

    def add(self, i: int, j: int, why: str) -> None:
        if i == j:
            return
        key = (i, j) if i < j else (j, i)
        self.pairs.setdefault(key, set()).add(why)


def words(text: str) -> list[str]:
    """Lower-cased word tokens (any script)."""
    return _WORD.findall(text.lower())


def shingles(text: str, n: int = SHINGLE) -> set[str]:
    """Word ``n``-gram shingles of ``text``; a text shorter than n words is one shingle.

        >>> shingles("Hello, world", 3)
        {'hello world'}
    """
    w = words(text)
    if len(w) < n:
        return {" ".join(w)} if w else set()
    return {" ".join(w[k : k + n]) for k in range(len(w) - n + 1)}


def text_key(text: str) -> str:
    """Hash of the normalised text (case, spacing and punctuation ignored): equal for exact copies.

        >>> text_key("Russia has  evidence.") == text_key("russia has evidence")
        True
    """
    return hashlib.blake2b(" ".join(words(text)).encode(), digest_size=12).hexdigest()


def minhashes(texts: Sequence[str], settings: CandidateSettings = CandidateSettings()) -> list[Any]:
    """One rensa ``RMinHash`` (fixed seed) per text, over its word shingles."""
    from rensa import RMinHash

    sets = [sorted(shingles(t, settings.shingle)) or [""] for t in texts]
    return list(RMinHash.from_token_sets(sets, settings.num_perm, 42)) if sets else []


def lexical_pairs(
    hashes: Sequence[Any],
    query: Iterable[int] | None = None,
    settings: CandidateSettings = CandidateSettings(),
) -> list[tuple[int, int, float]]:
    """Near-duplicates by MinHash LSH: ``(i, j, estimated Jaccard)`` for rows ``query`` (default all).

        >>> m = minhashes(["the envoy said the troops will leave iraq soon",
        ...                "the envoy said the troops will leave iraq soon, officials added",
        ...                "heavy rain flooded the valley on tuesday night"])
        >>> [(i, j) for i, j, _ in lexical_pairs(m)]
        [(0, 1)]
    """
    from rensa import RMinHashLSH

    if len(hashes) < 2:
        return []
    lsh = RMinHashLSH(LSH_THRESHOLD, settings.num_perm, settings.num_bands)
    lsh.insert_many(list(hashes))
    rows = range(len(hashes)) if query is None else sorted(set(query))
    out: dict[tuple[int, int], float] = {}
    for i in rows:
        for j in lsh.query(hashes[i]):
            key = (i, j) if i < j else (j, i)
            if j == i or key in out:
                continue
            jac = float(hashes[i].jaccard(hashes[j]))
            if jac >= settings.lexical_min:
                out[key] = jac
    return [(i, j, round(s, 4)) for (i, j), s in sorted(out.items())]


def doc_texts(article: Article, lead: int = LEAD, sample: int = SAMPLE) -> list[str]:
    """The texts whose mean vector is the article's document vector: title, lead, sample.

        >>> from retold.models import Sentence
        >>> a = Article("x", "A. B.", "A. B.", (Sentence(0, "A.", 0, 2), Sentence(1, "B.", 3, 5)), title="T")
        >>> doc_texts(a)
        ['T', 'A.', 'B.']
    """
    texts = [article.title] if article.title else []
    sents = article.sentence_texts()
    texts += sents[:lead]
    rest = sents[lead:]
    if rest and sample:
        step = max(1, len(rest) // sample)
        texts += rest[::step][:sample]
    return texts or [article.text[:2000] or " "]


def doc_vectors(articles: Sequence[Article], encoder: Encoder) -> np.ndarray:
    """One L2-normalised float32 document vector per article (one encoder call for all)."""
    if not articles:
        return np.zeros((0, encoder.dim), dtype=np.float32)
    texts: list[str] = []
    spans: list[tuple[int, int]] = []
    for a in articles:
        t = doc_texts(a)
        spans.append((len(texts), len(texts) + len(t)))
        texts.extend(t)
    vecs = encoder.encode(texts)
    out = np.stack([vecs[s:e].mean(0) for s, e in spans]).astype(np.float32)
    out /= np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-9)
    return out


def semantic_pairs(
    vectors: np.ndarray,
    query: Sequence[int] | None = None,
    kth: np.ndarray | None = None,
    settings: CandidateSettings = CandidateSettings(),
) -> tuple[list[tuple[int, int, float]], dict[int, float]]:
    """Nearest document vectors (exact inner product): ``(i, j, cosine)`` pairs and each query row's k-th score.

    With ``query`` (the new rows), old rows are also searched against the new
    ones, and a new row enters an old row's neighbours when it beats that
    row's stored k-th score (``kth``): so tracing in two halves finds the pairs
    a one-shot run finds.

        >>> v = np.eye(3, dtype=np.float32); v[1] = v[0]
        >>> semantic_pairs(v)[0]
        [(0, 1, 1.0)]
    """
    import faiss

    n = vectors.shape[0]
    if n < 2:
        return [], {}
    vectors = np.ascontiguousarray(vectors, dtype=np.float32)
    k = min(settings.top_k + 1, n)
    rows = np.arange(n) if query is None else np.asarray(sorted(set(query)), dtype=np.int64)
    index = faiss.IndexFlatIP(vectors.shape[1])
    index.add(vectors)
    out: dict[tuple[int, int], float] = {}
    kth_out: dict[int, float] = {}
    if len(rows):
        scores, neighbours = index.search(vectors[rows], k)
        for i, srow, nrow in zip(rows, scores, neighbours, strict=True):
            kth_out[int(i)] = float(srow[-1])
            for s, j in zip(srow, nrow, strict=True):
                if j >= 0 and j != i and s >= settings.semantic_min:
                    key = (int(min(i, j)), int(max(i, j)))
                    out[key] = max(out.get(key, -1.0), float(s))
    if query is not None and len(rows) and len(rows) < n:
        old = np.setdiff1d(np.arange(n), rows)
        new_index = faiss.IndexFlatIP(vectors.shape[1])
        new_index.add(vectors[rows])
        scores, neighbours = new_index.search(vectors[old], min(settings.top_k, len(rows)))
        for i, srow, nrow in zip(old, scores, neighbours, strict=True):
            floor = settings.semantic_min
            if kth is not None and not np.isnan(kth[i]):
                floor = max(floor, float(kth[i]))
            for s, j in zip(srow, nrow, strict=True):
                if j >= 0 and s >= floor:
                    jj = int(rows[j])
                    key = (int(min(i, jj)), int(max(i, jj)))
                    out[key] = max(out.get(key, -1.0), float(s))
    return [(i, j, round(s, 4)) for (i, j), s in sorted(out.items())], kth_out


def within_window(a: datetime | None, b: datetime | None, days: float | None) -> bool:
    """False only when both dates are known and further apart than ``days``.

        >>> from datetime import datetime
        >>> within_window(datetime(2024, 1, 1), datetime(2024, 3, 1), 14)
        False
        >>> within_window(datetime(2024, 1, 1), None, 14)
        True
    """
    if days is None or a is None or b is None:
        return True
    if (a.tzinfo is None) != (b.tzinfo is None):
        a, b = a.replace(tzinfo=None), b.replace(tzinfo=None)
    return abs((a - b).total_seconds()) <= days * 86400
