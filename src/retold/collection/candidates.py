"""Candidate pairs for trace: which articles are worth comparing, without all pairs.

Four cheap filters feed the scoring:

* exact copies, grouped by a hash of the normalised words (``fingerprints``), are
  linked to one representative and never compared: 50 copies of one wire cost
  no comparison at all instead of 1,225;
* lexical near-duplicates from MinHash (rensa) over word 3-gram shingles,
  with LSH banding;
* partial reuse: articles sharing whole sentences (hashes, one sort);
* semantic and cross-lingual neighbours from document vectors (title and lead
  through the encoder: see ``doc_vectors``) with a faiss top-k search per time
  block (exact up to EXACT_MAX vectors) and a cosine floor.

Lexical evidence alone misses real retellings: the seed pair (a TASS report
and an English retelling of its Arabic rewrite) shares a word 5-gram Jaccard
of only 0.09, but its document vectors are at cosine 0.80.

Pairs whose articles are both dated and further apart than a time window are
dropped (blocking). Everything here takes arrays and strings; only
``doc_vectors`` touches the encoder.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import numpy as np

from retold.collection import hashing
from retold.collection.disjoint import DisjointSets
from retold.collection.store import Outline
from retold.embed import USE_LANGUAGES, Encoder
from retold.models import Article

# Word n-gram length for MinHash shingles. 3-grams, not 5-grams: a rewrite that
# keeps a clause but changes every fifth word still shares 3-grams (the seed
# pair shares 0.09 of its 5-grams and 0.14 of its 3-grams).
SHINGLE = 3
NUM_PERM = 128
# 32 bands of 4 rows: the LSH S-curve crosses 0.5 at Jaccard (1/32)^(1/4) ≈ 0.42.
NUM_BANDS = 32
# Estimated 3-gram Jaccard a lexical candidate must reach (LSH also returns
# pairs below its threshold by chance). Wire copies with a changed lead sit at
# 0.5–0.9; two unrelated articles of the same outlet sharing boilerplate at < 0.1.
LEXICAL_MIN = 0.2
# Document-vector neighbours per article, and the cosine floor. Set on the demo
# collection and BASIL: same-story pairs sit at 0.55–0.95 (seed pair 0.80,
# en→ru translation 0.84), different stories of the same week at 0.15–0.45.
TOP_K = 6
SEMANTIC_MIN = 0.5
# Two articles sharing at least SHARED_MIN whole sentences of SHARED_MIN_WORDS
# words or more are candidates whatever their overall overlap (partial reuse);
# a sentence found in more than SHARED_MAX_ROWS articles is boilerplate.
SHARED_MIN = 2
SHARED_MIN_WORDS = 8
SHARED_MAX_ROWS = 50
# Above this many vectors in one search, faiss's inverted-file index (PROBES
# of its 4·sqrt(n) lists, trained on a seeded sample) replaces the exact one.
EXACT_MAX = 20_000
PROBES = 16
SEED = 42
# Both dated and further apart than this: not compared. A retelling weeks
# later is possible, but a story that old is rarely re-run word for word and
# the window keeps candidate counts linear on long collections.
WINDOW_DAYS = 14
# A wire story re-run by a thousand outlets, each with its own dateline, is a
# thousand near-copies: comparing all their pairs (499,500) took minutes per
# hundred. Near-copies (estimated Jaccard >= NEAR_COPY, within the window)
# of a row with NEAR_COPY_CROWD or more of them are compared with their
# earliest near-copy only; smaller groups keep every pair, so chains among a
# few retellings (who took from whom) are still told apart.
NEAR_COPY = 0.8
NEAR_COPY_CROWD = 8
# Candidate pairs whose MinHash rows are compared at a time (8 MB of rows; bounds memory
# when near-copies fill an LSH bucket: 1,000 of them make 500,000 pairs).
JACCARD_CHUNK = 8_192
# Pair keys gathered across LSH bands before they are deduplicated.
MERGE_AT = 1 << 22
# Sentences that make a document vector: the title and the first sentence (at
# most LEAD_CHARS): a news lead says what the story is. For languages in
# FULL_LANGUAGES each is encoded by the full model and the two averaged; for
# the rest (English, and languages the model lacks) title and lead are one bag
# of pieces (Encoder.encode_bag), some 10x cheaper per article. Measured by
# `python -m bench docvec` (recall@6): BASIL en 0.957 bag vs 0.960 full;
# across languages with the English side as a bag, 0.979-1.000 over the 14
# Tatoeba languages, while bags on both sides fell to 0.86 (ar), 0.94 (ko, pl):
# the other side of a translation keeps the full model. DOC_VECTORS names this
# recipe in the store.
LEAD = 1
SAMPLE = 0
LEAD_CHARS = 300
FULL_LANGUAGES = USE_LANGUAGES - {"en"}
DOC_VECTORS = "title+lead1;bag:en"


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


@dataclass(frozen=True, slots=True)
class Fingerprints:
    """What candidate search keeps of each article: copy key, MinHash, sentence hashes."""

    keys: list[str]
    minhashes: np.ndarray  # one row of num_perm uint32 per article
    sentences: list[np.ndarray]


def fingerprints(
    sentence_texts: Sequence[Sequence[str]], settings: CandidateSettings = CandidateSettings()
) -> Fingerprints:
    """Each article's copy key, MinHash and hashes of its long sentences, from one word split.

    Takes each article's sentence texts (``Article.sentence_texts()``; an
    article without sentences passes its text as one): the sentences cover the
    cleaned text, so the article's words are its sentences' words in order.
    Words are lower-cased runs of word characters of any script, so case,
    spacing and punctuation do not count (``hashing.word_hashes``). An
    article without words gets the copy key "" (no copy of anything).

        >>> p = fingerprints([["The envoy said the troops will leave."], ["THE ENVOY said: the troops will leave"]])
        >>> p.keys[0] == p.keys[1], float((p.minhashes[0] == p.minhashes[1]).mean())
        (True, 1.0)
    """
    from rensa import RMinHash

    n = len(sentence_texts)
    counts = np.fromiter((len(t) for t in sentence_texts), dtype=np.int64, count=n)
    h, sentence = hashing.word_hashes([t for texts in sentence_texts for t in texts])
    article_of_sentence = np.repeat(np.arange(n), counts)
    article = article_of_sentence[sentence]

    # copy key: blake2b over all of an article's word hashes in order (a key
    # links articles as copies without a comparison, so it must not collide
    # on crafted input); an article without words has no key ("")
    cut = np.searchsorted(article, np.arange(n + 1))
    keys = [hashlib.blake2b(h[cut[k] : cut[k + 1]].tobytes(), digest_size=16).hexdigest() if cut[k + 1] > cut[k]
            else "" for k in range(n)]

    tokens, group = hashing.shingle_hashes(h, article, settings.shingle, n)
    offsets = np.r_[0, np.cumsum(np.bincount(group, minlength=n))].astype(np.uint64)
    digests = RMinHash.digest_matrix_from_flat_token_hashes(tokens, offsets, settings.num_perm, SEED)
    matrix = np.asarray(digests.to_rows(), dtype=np.uint32).reshape(n, settings.num_perm)

    # sentences of SHARED_MIN_WORDS words or more, unique per article
    per_sentence = np.bincount(sentence, minlength=int(counts.sum()))
    is_long = per_sentence >= SHARED_MIN_WORDS
    long = np.flatnonzero(is_long)
    keep = np.repeat(is_long, per_sentence)
    sent_hash = hashing.sequence_hashes(h[keep], hashing.run_starts(per_sentence[long]))
    owner = article_of_sentence[long]
    bounds = np.searchsorted(owner, np.arange(n + 1))
    signed = sent_hash.view(np.int64)
    sentences = [np.unique(signed[bounds[k] : bounds[k + 1]]) for k in range(n)]
    return Fingerprints(keys, matrix, sentences)


def minhashes(texts: Sequence[str], settings: CandidateSettings = CandidateSettings()) -> np.ndarray:
    """One MinHash row (rensa's ``RMinHash``, fixed seed) per text, over its word shingles."""
    return fingerprints([[t] for t in texts], settings).minhashes


def time_blocks(
    published: Sequence[datetime | None], days: float | None, rows: Iterable[int] | None = None
) -> list[tuple[list[int], list[int]]]:
    """``(query rows, index rows)`` per time block, so a search is linear in the collection's span.

    Blocks are fixed slices of ``days`` on the calendar (stable across runs); a
    dated row is searched against its own block and both neighbours, which holds
    every partner within ``days``. Undated rows are searched against all rows.
    Without a window there is one block: everything against everything.

        >>> from datetime import UTC, datetime
        >>> d = [datetime(2024, 1, 1), datetime(2024, 1, 2), datetime(2024, 3, 1), None]
        >>> time_blocks(d, 14)
        [([0, 1], [0, 1, 3]), ([2], [2, 3]), ([3], [0, 1, 2, 3])]
    """
    everything = list(range(len(published)))
    query = everything if rows is None else sorted(set(rows))
    if days is None:
        return [(query, everything)] if query else []
    width = days * 86400
    block_of: dict[int, int] = {}
    members: dict[int, list[int]] = {}
    undated: list[int] = []
    for k, when in enumerate(published):
        if when is None:
            undated.append(k)
            continue
        b = int((when.timestamp() if when.tzinfo else when.replace(tzinfo=UTC).timestamp()) // width)
        block_of[k] = b
        members.setdefault(b, []).append(k)
    asked: dict[int, list[int]] = {}
    undated_query = []
    for k in query:
        if k in block_of:
            asked.setdefault(block_of[k], []).append(k)
        else:
            undated_query.append(k)
    out = []
    for b in sorted(asked):
        index = sorted(k for n in (b - 1, b, b + 1) for k in members.get(n, ())) + undated
        out.append((asked[b], sorted(index)))
    if undated_query:
        out.append((undated_query, everything))
    return out


def lexical_pairs(
    digests: np.ndarray,
    query: Iterable[int] | None = None,
    settings: CandidateSettings = CandidateSettings(),
    published: Sequence[datetime | None] | None = None,
) -> list[tuple[int, int, float]]:
    """Near-duplicates by MinHash LSH: ``(i, j, estimated Jaccard)`` for rows ``query`` (default all).

    As tuples; ``lexical_arrays`` gives the same as three arrays (what trace uses).

    The banding is done in numpy: each row's ``num_bands`` band hashes are
    keys, and rows sharing a key in any band are candidates (one sort per time
    block, as in ``shared_sentence_pairs``), kept when their estimated Jaccard
    (the share of equal MinHash values) reaches ``lexical_min``.

        >>> m = minhashes(["the envoy said the troops will leave iraq soon",
        ...                "the envoy said the troops will leave iraq soon, officials added",
        ...                "heavy rain flooded the valley on tuesday night"])
        >>> [(i, j) for i, j, _ in lexical_pairs(m)]
        [(0, 1)]
    """
    i, j, score = lexical_arrays(digests, query, settings, published)
    return [(int(a), int(b), round(float(x), 4)) for a, b, x in zip(i, j, score, strict=True)]


def lexical_arrays(
    digests: np.ndarray,
    query: Iterable[int] | None = None,
    settings: CandidateSettings = CandidateSettings(),
    published: Sequence[datetime | None] | None = None,
) -> PairArrays:
    """``lexical_pairs`` as arrays ``(i, j, estimated Jaccard)``, ``i < j``, sorted by ``(i, j)``."""
    n, perm = digests.shape if digests.ndim == 2 else (0, 0)
    if n < 2:
        return _no_pairs()
    if perm % settings.num_bands:
        raise ValueError(f"num_perm ({perm}) must be a multiple of num_bands ({settings.num_bands})")
    bands = _band_keys(digests, settings.num_bands)
    days = settings.window_days if published is not None else None
    found: list[np.ndarray] = []  # pair keys i * n + j
    held = 0
    for rows, index in time_blocks(published or [None] * n, days, query):
        idx = np.asarray(index, dtype=np.int64)
        wanted = np.zeros(n, dtype=bool)
        wanted[rows] = True
        # one band at a time, deduplicated as they pile up: a pair that shares
        # many bands (near-copies share all 32) is held about once
        for band in bands[idx].T:
            i, j = _key_pairs(band, idx, None, wanted[idx])
            mine = wanted[i] | wanted[j]
            found.append(i[mine] * n + j[mine])
            held += int(mine.sum())
            if held > MERGE_AT:
                found = [_sorted_unique(np.concatenate(found))]
                held = len(found[0])
    pairs = _sorted_unique(np.concatenate(found)) if found else np.zeros(0, dtype=np.int64)
    if not len(pairs):
        return _no_pairs()
    i, j = pairs // n, pairs % n
    jaccard = np.concatenate([(digests[i[c : c + JACCARD_CHUNK]] == digests[j[c : c + JACCARD_CHUNK]]).mean(axis=1)
                              for c in range(0, len(i), JACCARD_CHUNK)])
    ok = jaccard >= settings.lexical_min
    return i[ok], j[ok], jaccard[ok]


# Candidate pairs as arrays: rows i and j (i < j) and a score. A million pairs
# as Python tuples held ~500 MB at 100,000 articles; as arrays, 24 MB.
PairArrays = tuple[np.ndarray, np.ndarray, np.ndarray]


def _no_pairs() -> PairArrays:
    return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float64)


@dataclass(frozen=True, slots=True)
class NearCopies:
    """Crowds of near-copies among candidate rows (see ``near_copies``)."""

    near: dict[int, set[int]]  # row -> its near-copies
    crowded: set[int]  # rows with NEAR_COPY_CROWD or more near-copies
    first: dict[int, int]  # asked row -> its earliest near-copy
    bridges: frozenset[tuple[int, int]] = frozenset()  # (i < j) pairs kept to join parts the first links leave apart

    def redundant(self, i: int, j: int) -> bool:
        """True for near-copies, one of them crowded, where neither is the other's earliest near-copy (nor a bridge)."""
        return ((i in self.crowded or j in self.crowded) and j in self.near.get(i, ())
                and self.first.get(i) != j and self.first.get(j) != i
                and not (self.bridges and (min(i, j), max(i, j)) in self.bridges))  # mostly none: skip the tuple

    def redundant_mask(self, i: np.ndarray, j: np.ndarray, n: int) -> np.ndarray:
        """``redundant`` for arrays of pairs of rows among ``n`` rows (one flag per pair)."""
        out = np.zeros(len(i), dtype=bool)
        if not self.crowded or not len(i):
            return out
        i, j = np.asarray(i, dtype=np.int64), np.asarray(j, dtype=np.int64)  # i * n + j must not overflow
        crowded = np.zeros(n, dtype=bool)
        crowded[list(self.crowded)] = True
        lo, hi = np.minimum(i, j), np.maximum(i, j)
        maybe = crowded[lo] | crowded[hi]
        if not maybe.any():
            return out
        key = lo * n + hi
        near = np.fromiter((a * n + b for a, ns in self.near.items() for b in ns if a < b), dtype=np.int64)
        first = np.full(n, -1, dtype=np.int64)
        first[list(self.first)] = list(self.first.values())
        kept = (first[lo] == hi) | (first[hi] == lo)
        if self.bridges:
            kept |= np.isin(key, np.fromiter((a * n + b for a, b in self.bridges), dtype=np.int64))
        return maybe & ~kept & np.isin(key, near)


def near_copies(
    pairs: Sequence[tuple[int, int, float]],
    published: Sequence[datetime | None],
    settings: CandidateSettings = CandidateSettings(),
    asked: Iterable[int] | None = None,
    parts: Sequence[str | None] | None = None,
) -> NearCopies:
    """The crowds among ``lexical_pairs``: rows with NEAR_COPY_CROWD or more near-copies.

    Near-copies have an estimated Jaccard >= NEAR_COPY and are within the
    window. A pair (from any route) of near-copies with a crowded row in it is
    ``redundant`` unless one row is the other's earliest near-copy (by date,
    then row): every asked row (default all; in an incremental run, the new
    ones: the old have their links already) keeps its link to the copy it most
    likely came from, and crowds cost one comparison a row.

        >>> crowd = near_copies([(i, j, 0.95) for i in range(10) for j in range(i + 1, 10)], [None] * 10)
        >>> kept = [(i, j) for i in range(10) for j in range(i + 1, 10) if not crowd.redundant(i, j)]
        >>> kept == [(0, j) for j in range(1, 10)]
        True
    """
    near: dict[int, set[int]] = {}
    for i, j, score in pairs:
        if score >= NEAR_COPY and within_window(published[i], published[j], settings.window_days):
            near.setdefault(i, set()).add(j)
            near.setdefault(j, set()).add(i)

    def order(r: int) -> tuple[bool, datetime | None, int]:
        when = published[r]
        if when is not None and when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        return (when is None, when, r)  # undated rows last

    rows = set(near) if asked is None else set(asked) & near.keys()
    crowded = {r for r, ns in near.items() if len(ns) >= NEAR_COPY_CROWD}
    first = {r: min(near[r], key=order) for r in rows}
    return NearCopies(near, crowded, first, _bridges(near, rows, crowded, first, order, parts))


def _bridges(near: dict[int, set[int]], rows: set[int], crowded: set[int], first: dict[int, int],
             order: Callable[[int], tuple[bool, datetime | None, int]],
             parts: Sequence[str | None] | None) -> frozenset[tuple[int, int]]:
    """Near-copy pairs (each with an asked row) that join the parts the earliest-neighbour links leave apart."""
    sets: DisjointSets[int] = DisjointSets(near)
    for i in rows - crowded:  # pairs with no crowded row are kept anyway
        for j in near[i]:
            if j not in crowded:
                sets.union(i, j)
    # Rows not asked now were joined by the runs that asked them: their near-copy
    # pairs (when an incremental run sees them) and their stories say how.
    seen: dict[str, int] = {}
    for i, ns in near.items():
        if i in rows:
            continue
        for j in ns:
            if j not in rows:
                sets.union(i, j)
        if parts is not None and (part := parts[i]) is not None:
            sets.union(i, seen.setdefault(part, i))
    for r, f in first.items():
        sets.union(r, f)
    root = {r: sets.find(r) for r in near}  # a snapshot: a mismatch below is checked again by union
    out: set[tuple[int, int]] = set()
    for i in sorted(rows, key=order):
        apart = [j for j in near[i] if root[j] != root[i]]
        for j in sorted(apart, key=order):  # the earliest first: the likelier source
            if sets.union(i, j):
                out.add((min(i, j), max(i, j)))
    return frozenset(out)


def _sorted_unique(x: np.ndarray) -> np.ndarray:
    """``np.unique`` by sorting (numpy 2's hash-based unique took 9 s on 16M pair keys)."""
    x = np.sort(x)
    return x[np.r_[True, x[1:] != x[:-1]]] if len(x) else x


def _band_keys(digests: np.ndarray, bands: int) -> np.ndarray:
    """One int64 key per row and band (the band number mixed in, so bands never share keys)."""
    n, perm = digests.shape
    runs = hashing.sequence_hashes(digests.reshape(-1).astype(np.uint64), np.arange(0, n * perm, perm // bands))
    key = runs.reshape(n, bands) + np.arange(bands, dtype=np.uint64) * np.uint64(0x9E3779B97F4A7C15)
    return hashing.mix(key).view(np.int64)


def shared_sentence_pairs(
    keys: Sequence[np.ndarray],
    query: Iterable[int] | None = None,
    settings: CandidateSettings = CandidateSettings(),
    published: Sequence[datetime | None] | None = None,
) -> list[tuple[int, int, int]]:
    """Pairs of rows that share at least SHARED_MIN whole sentences: ``(i, j, shared)``.

    As tuples; ``shared_sentence_arrays`` gives the same as arrays.

    Partial reuse (six paragraphs of a long report inside a short one) has a
    low overall Jaccard that LSH misses, but its sentences are verbatim. One
    sort over (sentence, row) per time block (``time_blocks``); a sentence in
    more than SHARED_MAX_ROWS articles of a block is boilerplate and ignored.

        >>> k = [np.array([1, 2, 3]), np.array([2, 3, 9]), np.array([3, 7])]
        >>> shared_sentence_pairs(k)
        [(0, 1, 2)]
    """
    i, j, shared = shared_sentence_arrays(keys, query, settings, published)
    return [(int(a), int(b), int(c)) for a, b, c in zip(i, j, shared, strict=True)]


def shared_sentence_arrays(
    keys: Sequence[np.ndarray],
    query: Iterable[int] | None = None,
    settings: CandidateSettings = CandidateSettings(),
    published: Sequence[datetime | None] | None = None,
) -> PairArrays:
    """``shared_sentence_pairs`` as arrays ``(i, j, sentences shared)``, sorted by ``(i, j)``."""
    days = settings.window_days if published is not None else None
    width = max(len(keys), 1)
    found: list[np.ndarray] = []  # pair keys i * width + j
    counted: list[np.ndarray] = []  # sentences each shares, in that block
    for rows, index in time_blocks(published or [None] * len(keys), days, query):
        wanted = np.zeros(len(keys), dtype=bool)
        wanted[rows] = True
        lengths = np.fromiter((len(keys[k]) for k in index), dtype=np.int64, count=len(index))
        flat = np.concatenate([np.asarray(keys[k], dtype=np.int64) for k in index] or [np.zeros(0, dtype=np.int64)])
        owner = np.repeat(np.asarray(index, dtype=np.int64), lengths)
        i, j = _key_pairs(flat, owner, SHARED_MAX_ROWS, wanted[owner])
        mine = wanted[i] | wanted[j]
        pair, n = np.unique(i[mine] * width + j[mine], return_counts=True)
        found.append(pair)
        counted.append(n)
    pair, n = np.concatenate(found or [np.zeros(0, dtype=np.int64)]), np.concatenate(counted or [np.zeros(0, dtype=np.int64)])
    if not len(pair):
        return _no_pairs()
    # Blocks overlap, so a pair can be seen from two: keep one block's count.
    order = np.lexsort((n, pair))
    pair, n = pair[order], n[order]
    last = np.r_[pair[1:] != pair[:-1], True]
    pair, n = pair[last], n[last]
    ok = n >= SHARED_MIN
    return pair[ok] // width, pair[ok] % width, n[ok]


def _key_pairs(
    flat: np.ndarray, owner: np.ndarray, max_group: int | None, wanted: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """``(i, j)`` with ``i < j``, once for every key that rows i and j both hold (``owner[k]`` holds ``flat[k]``).

    A key held by more than ``max_group`` rows (a sentence in 50 articles is
    boilerplate) gives no pairs; with ``wanted`` (a flag per key), only keys
    with at least one wanted holder do.
    """
    if not len(flat):
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    order = np.lexsort((owner, flat))
    flat, owner = flat[order], owner[order]
    starts = np.flatnonzero(np.r_[True, flat[1:] != flat[:-1]])
    sizes = np.diff(np.r_[starts, len(flat)])
    keep = (sizes >= 2) & (sizes <= (len(flat) if max_group is None else max_group))
    if wanted is not None:
        keep &= np.add.reduceat(wanted[order].astype(np.int64), starts) > 0
    out_i, out_j = [np.zeros(0, dtype=np.int64)], [np.zeros(0, dtype=np.int64)]
    for size in np.unique(sizes[keep]):
        members = owner[starts[keep & (sizes == size)][:, None] + np.arange(size)]  # rows sorted per group
        x, y = np.triu_indices(int(size), 1)
        out_i.append(members[:, x].ravel())
        out_j.append(members[:, y].ravel())
    return np.concatenate(out_i), np.concatenate(out_j)


def doc_texts(article: Article | Outline, lead: int = LEAD, sample: int = SAMPLE) -> list[str]:
    """The texts whose mean vector is the article's document vector: title, lead, sample.

        >>> from retold.models import Sentence
        >>> a = Article("x", "A. B.", "A. B.", (Sentence(0, "A.", 0, 2), Sentence(1, "B.", 3, 5)), title="T")
        >>> doc_texts(a)
        ['T', 'A.']
    """
    texts = [article.title[:LEAD_CHARS]] if article.title else []
    sents = article.sentence_texts()
    texts += [t[:LEAD_CHARS] for t in sents[:lead]]
    rest = sents[lead:]
    if rest and sample:
        step = max(1, len(rest) // sample)
        texts += rest[::step][:sample]
    return texts or [article.text[:2000] or " "]


def doc_vector_key(encoder: Encoder) -> str:
    """The name stored document vectors go by: the encoder and the recipe."""
    return f"{encoder.name}/{DOC_VECTORS}"


def doc_vectors(articles: Sequence[Article | Outline], encoder: Encoder) -> np.ndarray:
    """One L2-normalised float32 document vector per article (see FULL_LANGUAGES)."""
    out = np.zeros((len(articles), encoder.dim), dtype=np.float32)
    full = [i for i, a in enumerate(articles) if (a.language or "").lower() in FULL_LANGUAGES]
    bag = sorted(set(range(len(articles))) - set(full))
    if bag:
        out[bag] = encoder.encode_bag([" ".join(doc_texts(articles[i])) for i in bag])
    if full:
        out[full] = full_doc_vectors([articles[i] for i in full], encoder)
    out /= np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-9)
    return out


def full_doc_vectors(articles: Sequence[Article | Outline], encoder: Encoder) -> np.ndarray:
    """Document vectors by the full model, whatever the language: title and lead encoded, averaged."""
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
    published: Sequence[datetime | None] | None = None,
) -> tuple[list[tuple[int, int, float]], dict[int, float]]:
    """Nearest document vectors (inner product): ``(i, j, cosine)`` pairs and each query row's k-th score.

    With ``query`` (the new rows), old rows are also searched against the new
    ones, and a new row enters an old row's neighbours when it beats that
    row's stored k-th score (``kth``): so tracing in two halves finds the pairs
    a one-shot run finds. With ``published``, the search runs per time block.
    ``semantic_arrays`` gives the pairs as arrays.

        >>> v = np.eye(3, dtype=np.float32); v[1] = v[0]
        >>> semantic_pairs(v)[0]
        [(0, 1, 1.0)]
    """
    (i, j, score), kth_out = semantic_arrays(vectors, query, kth, settings, published)
    return [(int(a), int(b), round(float(x), 4)) for a, b, x in zip(i, j, score, strict=True)], kth_out


def semantic_arrays(
    vectors: np.ndarray,
    query: Sequence[int] | None = None,
    kth: np.ndarray | None = None,
    settings: CandidateSettings = CandidateSettings(),
    published: Sequence[datetime | None] | None = None,
) -> tuple[PairArrays, dict[int, float]]:
    """``semantic_pairs`` as arrays ``(i, j, cosine)`` (the best cosine a pair was found with), sorted by ``(i, j)``."""
    n = vectors.shape[0]
    if n < 2:
        return _no_pairs(), {}
    vectors = np.ascontiguousarray(vectors, dtype=np.float32)
    dates = published if published is not None else [None] * n
    days = settings.window_days if published is not None else None
    new = list(range(n)) if query is None else sorted(set(query))
    found: list[PairArrays] = []
    kth_out: dict[int, float] = {}

    def keep(rows: np.ndarray, scores: np.ndarray, partners: np.ndarray, floor: np.ndarray | float) -> None:
        i = np.broadcast_to(rows[:, None], partners.shape)
        x = scores.astype(np.float64)  # compared in float64, as a Python float would be
        ok = (partners >= 0) & (partners != i) & (x >= floor)
        i, j, x = i[ok], partners[ok], x[ok]
        found.append((np.minimum(i, j), np.maximum(i, j), x))

    for rows, index in time_blocks(dates, days, new):
        k = min(settings.top_k + 1, len(index))
        rows_a, scores, partners = _search(vectors, rows, index, k)
        # the k-th score; -1 (anyone may join) when fewer than k came back (an inverted-file search can)
        full = (partners >= 0).all(axis=1) & (len(index) > settings.top_k)
        last = np.where(full, scores[:, -1].astype(np.float64), -1.0)
        kth_out.update(zip(rows_a.tolist(), last.astype(float).tolist()))
        keep(rows_a, scores, partners, settings.semantic_min)
    if query is not None and len(new) < n:
        is_new = np.zeros(n, dtype=bool)
        is_new[new] = True
        old = np.flatnonzero(~is_new).tolist()
        for rows, index in time_blocks(dates, days, old):
            index = [j for j in index if is_new[j]]
            if not index:
                continue
            rows_a, scores, partners = _search(vectors, rows, index, min(settings.top_k, len(index)))
            floor = np.full(len(rows_a), settings.semantic_min)
            if kth is not None:
                stored = kth[rows_a]
                floor = np.where(np.isnan(stored), floor, np.maximum(floor, stored))
            keep(rows_a, scores, partners, floor[:, None])
    i, j, x = (np.concatenate(part) for part in zip(*found, strict=True)) if found else _no_pairs()
    if not len(i):
        return _no_pairs(), kth_out
    key = i * n + j
    order = np.lexsort((x, key))  # by pair, best cosine last
    key, x = key[order], x[order]
    last = np.r_[key[1:] != key[:-1], True]
    return (key[last] // n, key[last] % n, x[last]), kth_out


def _search(
    vectors: np.ndarray, rows: Sequence[int], index: Sequence[int], k: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Top-``k`` of ``index`` rows for each of ``rows``: ``(rows, scores, partner rows)``, -1 where none.

    Exact (faiss flat) up to ``EXACT_MAX`` indexed vectors, where it was the
    fastest; an inverted-file index beyond, so a month of 100,000 articles is
    not 10^10 dot products.
    """
    import faiss

    base = vectors[np.asarray(index, dtype=np.int64)]
    d = vectors.shape[1]
    found: Any
    if len(index) <= EXACT_MAX:
        found = faiss.IndexFlatIP(d)
    else:
        lists = int(4 * np.sqrt(len(index)))
        found = faiss.IndexIVFFlat(faiss.IndexFlatIP(d), d, lists, faiss.METRIC_INNER_PRODUCT)
        sample = np.random.default_rng(SEED).choice(len(index), min(len(index), 40 * lists), replace=False)
        found.train(base[np.sort(sample)])
        found.nprobe = PROBES
    found.add(base)
    rows_a = np.asarray(rows, dtype=np.int64)
    scores, local = found.search(vectors[rows_a], k)
    partners = np.where(local >= 0, np.asarray(index, dtype=np.int64)[np.maximum(local, 0)], -1)
    return rows_a, scores, partners


def within_window(a: datetime | None, b: datetime | None, days: float | None) -> bool:
    """False only when both dates are known and further apart than ``days``.

        >>> from datetime import UTC, datetime
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


def within_window_mask(dates: Sequence[datetime | None], i: np.ndarray, j: np.ndarray, days: float | None) -> np.ndarray:
    """``within_window`` for arrays of row pairs ``(i[k], j[k])`` (seconds since the epoch; undated rows pass)."""
    if days is None or not len(i):
        return np.ones(len(i), dtype=bool)
    naive = {d.tzinfo is None for d in dates if d is not None}
    if len(naive) > 1:  # naive and aware dates mixed: within_window's own rules, pair by pair
        return np.fromiter((within_window(dates[a], dates[b], days) for a, b in zip(i, j, strict=True)),
                           dtype=bool, count=len(i))
    when = np.array([np.nan if d is None else (d.replace(tzinfo=UTC) if d.tzinfo is None else d).timestamp()
                     for d in dates])
    gap = np.abs(when[i] - when[j])
    return np.isnan(gap) | (gap <= days * 86400)
