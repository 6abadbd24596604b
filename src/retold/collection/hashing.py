"""Word hashes for a batch of texts, in numpy: what candidate fingerprints are made of.

Splitting 10,000 articles into words with a regex, joining 3-word shingles
and hashing them one string at a time took about 3.5 s, half of trace's read
stage. Here a batch of texts is one array of code points; a lookup table
marks word characters (letters, digits, marks and "_" of every script: the
regex ``\\w`` plus combining marks, which ``\\w`` splits Devanagari and Thai
words at; astral code points are classified per batch, so an emoji is not a
word; each Han ideograph and hiragana is a word of its own, as in
``text.tokens``, since Chinese and Japanese put no spaces between words), and every word's hash is a polynomial over its code points, for
all words at once: ``sum(c_i * P^i)`` over each word's code points, ``i``
its position in the word (one ``reduceat``), then a splitmix64 finaliser.
Sequences of words (shingles, sentences, whole texts) hash the same way over
word hashes. Everything is uint64 with wrap-around, seedless and
deterministic: the same text hashes the same in every run and process.

These are fingerprints for finding candidates, not cryptographic hashes:
polynomial hashes modulo 2^64 can be made to collide by crafted input (the
Thue–Morse construction). A shingle or sentence collision only proposes a
pair that compare then judges; the copy key, which links articles without a
comparison, is blake2b over an article's word hashes (``fingerprints``).

    >>> h, text = word_hashes(["Hello, world!", "WORLD hello"])
    >>> text.tolist(), bool(h[0] == h[3]), bool(h[1] == h[2])
    ([0, 0, 1, 1], True, True)
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache

import numpy as np

from ..text.tokens import CJK_CHAR

__all__ = ["mix", "run_starts", "sequence_hashes", "shingle_hashes", "word_hashes"]

_U64 = np.uint64
_P = 0x100000001B3  # FNV-1a's 64-bit prime: odd, so invertible mod 2^64
_Q = 0x9E3779B97F4A7C15  # the golden-ratio constant, also odd: positions within a sequence
_SEP = "\x00"  # between texts; never a word character
_EMPTY = 0x2545F4914F6CDD1D  # the one shingle of a text without words
_CJK = re.compile(f"[{CJK_CHAR}]")
_ASTRAL_CJK = (0x20000, 0x3134F)  # the ideographs of CJK_CHAR beyond the BMP table


def _is_word_char(c: str) -> bool:
    return c.isalnum() or c == "_" or unicodedata.category(c).startswith("M")


def _is_single(c: int) -> bool:
    """Whether code point ``c`` is a word by itself (``text.tokens``: Han ideographs and hiragana)."""
    return bool(_CJK.fullmatch(chr(c)))


@lru_cache(maxsize=1)
def _single_table() -> np.ndarray:
    return np.fromiter((_is_single(c) for c in range(0x10000)), dtype=bool, count=0x10000)


@lru_cache(maxsize=1)
def _word_table() -> np.ndarray:
    """``table[c]``: whether BMP code point ``c`` is a word character (astral ones are looked up per batch)."""
    return np.fromiter((_is_word_char(chr(c)) for c in range(0x10000)), dtype=bool, count=0x10000)


_power_cache: dict[int, np.ndarray] = {}
# Powers are indexed by position within a word or a run of words, so tables
# this long cover nearly everything; a longer one is made and not kept.
_POWERS_KEPT = 1 << 16


def _powers(base: int, n: int) -> np.ndarray:
    """``base ** k mod 2^64`` for k < n (at least)."""
    have = _power_cache.get(base)
    if have is not None and len(have) >= n:
        return have
    table = np.full(max(n, 1 << 12), base, dtype=_U64)
    table[0] = 1
    np.multiply.accumulate(table, out=table)  # wraps modulo 2^64, as wanted
    if len(table) <= _POWERS_KEPT:
        _power_cache[base] = table
    return table


def _polynomial(values: np.ndarray, starts: np.ndarray, base: int) -> np.ndarray:
    """Per run ``values[starts[k]:starts[k+1]]`` (the runs tile ``values``): sum of ``v_i * base^i``, i from 0 in each run."""
    lengths = np.diff(np.r_[starts, len(values)])
    position = np.arange(len(values)) - np.repeat(starts, lengths)
    return np.add.reduceat(values * _powers(base, int(lengths.max()))[position], starts)


def mix(x: np.ndarray) -> np.ndarray:
    """splitmix64's finaliser: every input bit reaches every output bit."""
    x = x ^ (x >> _U64(30))
    x = x * _U64(0xBF58476D1CE4E5B9)
    x = x ^ (x >> _U64(27))
    x = x * _U64(0x94D049BB133111EB)
    return x ^ (x >> _U64(31))


def word_hashes(texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """Every word's hash (uint64, lower-cased) in order, and the index of the text it is in."""
    if not texts:
        return np.zeros(0, dtype=_U64), np.zeros(0, dtype=np.int64)
    joined = _SEP.join(texts).lower()
    if joined.count(_SEP) != len(texts) - 1:  # a text holds the separator itself (hostile input)
        joined = _SEP.join(t.replace(_SEP, " ") for t in texts).lower()
    cps = np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    is_word = _word_table()[np.minimum(cps, 0xFFFF)]
    astral = np.flatnonzero(cps > 0xFFFF)
    if len(astral):  # emoji are not words, astral CJK letters are: ask Python about the few there are
        codes = np.unique(cps[astral])
        word = np.fromiter((_is_word_char(chr(c)) for c in codes.tolist()), dtype=bool, count=len(codes))
        is_word[astral] = word[np.searchsorted(codes, cps[astral])]
    chars = np.flatnonzero(is_word)
    if not len(chars):
        return np.zeros(0, dtype=_U64), np.zeros(0, dtype=np.int64)
    word_cps = cps[chars]
    single = _single_table()[np.minimum(word_cps, 0xFFFF)] | ((word_cps >= _ASTRAL_CJK[0]) & (word_cps <= _ASTRAL_CJK[1]))
    # a new word: after a gap, and at and after each character that is a word by itself
    starts = np.flatnonzero(np.r_[True, (chars[1:] != chars[:-1] + 1) | single[1:] | single[:-1]])
    h = mix(_polynomial(word_cps.astype(_U64), starts, _P))
    text = np.cumsum(cps == 0)[chars[starts]]  # separators before each word
    return h, text.astype(np.int64)


def run_starts(lengths: np.ndarray) -> np.ndarray:
    """Where each of consecutive runs of these ``lengths`` starts: ``[2, 3, 1]`` → ``[0, 2, 5]``."""
    return np.cumsum(lengths) - lengths


def sequence_hashes(values: np.ndarray, starts: np.ndarray) -> np.ndarray:
    """One hash per run ``values[starts[k]:starts[k+1]]``; the runs (non-empty, in order) must tile ``values``."""
    if not len(starts):
        return np.zeros(0, dtype=_U64)
    return mix(_polynomial(values, starts, _Q))


def shingle_hashes(h: np.ndarray, group: np.ndarray, n: int, groups: int) -> tuple[np.ndarray, np.ndarray]:
    """Hashes of the word ``n``-grams of each group, and the group of each (sorted by group).

    ``group`` (non-decreasing) gives the group of each word hash in ``h``. A
    group shorter than ``n`` words is one shingle of all its words; an empty
    group is one shingle of nothing, so every group has at least one.
    """
    m = len(h)
    k = max(m - n + 1, 0)
    combined = h[:k].copy()
    for step in range(1, n):
        combined = combined * _U64(_Q) + h[step : step + k]
    full = group[:k] == group[n - 1 : n - 1 + k] if k else np.zeros(0, dtype=bool)
    out_h, out_g = [mix(combined[full])], [group[:k][full]]
    counts = np.bincount(group, minlength=groups) if m else np.zeros(groups, dtype=np.int64)
    is_short = (counts > 0) & (counts < n)
    short = np.flatnonzero(is_short)
    if len(short):
        keep = np.repeat(is_short, counts)
        out_h.append(sequence_hashes(h[keep], run_starts(counts[short])))
        out_g.append(short)
    empty = np.flatnonzero(counts == 0)
    if len(empty):
        out_h.append(np.full(len(empty), _EMPTY, dtype=_U64))
        out_g.append(empty)
    g = np.concatenate(out_g)
    order = np.argsort(g, kind="stable")
    return np.concatenate(out_h)[order], g[order]
