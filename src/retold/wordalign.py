"""Words a translation left out, found by aligning the encoder's token rows across languages.

USE sums its tokens' rows into the sentence vector, and it was trained to put
a sentence and its translation together, so a word and its translation get
rows that point the same way ("Regierung" / "government" at 0.82, "Jahr" /
"year" at 0.90). Each word of the translation then chooses the source words it
answers to (a softmax over the source rows, by cosine); a source word that
no word of the translation chooses was most likely not translated ("步步" in
"接收过程步步瓶颈" → "reception process bottlenecked"). How much attention a
word receives, at three temperatures, with its neighbours', its length and
the pair's own similarity, goes into a small logistic model whose weights
``python -m bench.train_wordalign`` fits on the dev half of the WMT23 MQM
omission marks (``wordalign_weights.py``); ``python -m bench wmt`` measures it
on the other half.

Words are the encoder's pieces joined at sentencepiece's word marks, and for
Chinese, which writes no spaces, rjieba's words (欧盟 is one word, not 欧 + 盟,
so a word's second character does not look forgotten because its first took
the attention).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from .embed import Encoder, TokenVectors
from .text.tokens import content_keys
from .wordalign_weights import EXTEND, FEATURE_MEAN, FEATURE_SCALE, INTERCEPT, THRESHOLDS, WEIGHTS

# Softmax temperatures over cosines: how sharply a translated word picks its source.
TEMPERATURES = (0.05, 0.1, 0.2)
FEATURES = (
    "log attention received, T=0.05",
    "log attention received, T=0.1",
    "log attention received, T=0.2",
    "best cosine with a translated piece",
    "its best match picks it back",
    "left neighbour's log attention, T=0.1",
    "right neighbour's log attention, T=0.1",
    "the better neighbour's log attention, T=0.1",
    "log characters",
    "has a digit",
    "cosine of the two sides' mean rows",
    "log ratio of piece counts, translation / source",
    "written without spaces (zh, ja)",
    "log rank of its commonest piece (sentencepiece ids run from common to rare)",
    "where it stands in its sentence (0 first, 1 last)",
)
# Words closer than this (in characters) join one span: "步步" and the space after a word.
SPAN_GAP = 3
_UNSPACED = frozenset({"zh", "zh-tw", "ja"})
_PUNCT = re.compile(r"^[\W_]+$")


@dataclass(frozen=True, slots=True)
class Untranslated:
    """A span of source sentence ``sentence`` (its index within the group) that the translation left out."""

    sentence: int
    start: int
    end: int
    probability: float


@dataclass(frozen=True, slots=True)
class Word:
    """A word of a source sentence: its characters and its pieces."""

    start: int
    end: int
    pieces: tuple[int, ...]  # indices into the sentence's pieces


def untranslated(
    a: list[str], b: list[str], a_language: str, b_language: str, encoder: Encoder, threshold: float | None = None
) -> list[Untranslated]:
    """Spans of the sentences ``a`` that no word of their translation ``b`` answers to.

    ``a`` and ``b`` are one aligned group (a translation of each other, as a
    whole); spans never cross a sentence of ``a``. ``threshold`` defaults to
    the one fit for ``a_language``'s writing (``script_group``).
    """
    words, x = features(a, b, a_language, b_language, encoder)
    if threshold is None:
        threshold = THRESHOLDS[script_group(a_language)]
    return spans(words, probabilities(x), threshold, texts=a) if len(x) else []


def script_group(language: str) -> str:
    """"unspaced" for languages written without spaces between words (zh, ja), else "spaced".

    The two get their own threshold: a Chinese word is rjieba's guess and a
    source word's attention spreads differently when words are not marked.
    """
    return "unspaced" if language.lower() in _UNSPACED else "spaced"


def spans(
    words: list[tuple[int, Word]], p: np.ndarray, threshold: float, extend: float = EXTEND,
    texts: list[str] | None = None,
) -> list[Untranslated]:
    """Runs of words the model gives ``threshold`` or more, grown over neighbours it gives ``extend`` x that.

    Words of one sentence closer than SPAN_GAP characters are neighbours; a
    run counts only if one of its words reaches the threshold. The trainer
    chooses ``extend`` with the threshold (1.0, no growing, is what the dev
    half preferred). With ``texts`` (the sentences), a run of function words
    only ("The") is dropped.
    """
    keep = p >= threshold * extend
    out: list[Untranslated] = []
    k = 0
    while k < len(words):
        if not keep[k]:
            k += 1
            continue
        first = k
        while (k + 1 < len(words) and keep[k + 1] and words[k + 1][0] == words[k][0]
               and words[k + 1][1].start - words[k][1].end <= SPAN_GAP):
            k += 1
        best = float(p[first:k + 1].max())
        i = words[first][0]
        start, end = words[first][1].start, words[k][1].end
        if best >= threshold and (texts is None or content_keys(texts[i][start:end])):
            out.append(Untranslated(i, start, end, best))
        k += 1
    return out


def probabilities(
    x: np.ndarray, mean: np.ndarray = FEATURE_MEAN, scale: np.ndarray = FEATURE_SCALE,
    weights: np.ndarray = WEIGHTS, intercept: float = INTERCEPT,
) -> np.ndarray:
    """The logistic model's probability that each word was left out (the shipped weights unless given)."""
    z = ((x - mean) / scale) @ weights + intercept
    return 1.0 / (1.0 + np.exp(-z))


def features(
    a: list[str], b: list[str], a_language: str, b_language: str, encoder: Encoder
) -> tuple[list[tuple[int, Word]], np.ndarray]:
    """Each word of ``a`` (with its sentence's index) and its row of FEATURES."""
    side_a = encoder.token_vectors(a)
    side_b = encoder.token_vectors(b)
    if not any(len(v.rows) for v in side_a) or not any(len(v.rows) for v in side_b):
        return [], np.zeros((0, len(FEATURES)), dtype=np.float32)
    rows_a = np.concatenate([v.rows for v in side_a])
    rows_b = np.concatenate([v.rows for v in side_b])
    sim = rows_a @ rows_b.T
    received = []
    for t in TEMPERATURES:
        e = np.exp((sim - sim.max(axis=0, keepdims=True)) / t)
        received.append(np.log((e / e.sum(axis=0, keepdims=True)).sum(axis=1) + 1e-3))
    best = sim.max(axis=1)
    picked_back = sim.argmax(axis=0)[sim.argmax(axis=1)] == np.arange(len(rows_a))
    mean_a, mean_b = rows_a.mean(axis=0), rows_b.mean(axis=0)
    pair_cos = float(mean_a @ mean_b / max(float(np.linalg.norm(mean_a) * np.linalg.norm(mean_b)), 1e-9))
    ratio = float(np.log(len(rows_b) / len(rows_a)))
    unspaced = float(a_language.lower() in _UNSPACED)

    words: list[tuple[int, Word]] = []
    table: list[list[float]] = []
    offset = 0
    for i, (text, vectors) in enumerate(zip(a, side_a)):
        own = _words(text, vectors, a_language)
        first = len(table)
        for w in own:
            at = [offset + k for k in w.pieces]
            table.append([
                *(max(r[at]) for r in received), max(best[at]), float(picked_back[at].any()),
                0.0, 0.0, 0.0, float(np.log(w.end - w.start)), float(any(c.isdigit() for c in text[w.start:w.end])),
                pair_cos, ratio, unspaced, float(np.log1p(vectors.ids[list(w.pieces)].min())),
                w.start / max(len(text), 1),
            ])
            words.append((i, w))
        mid = [row[1] for row in table[first:]]
        for k in range(len(mid)):
            left = mid[k - 1] if k else mid[k]
            right = mid[k + 1] if k + 1 < len(mid) else mid[k]
            table[first + k][5:8] = [left, right, max(left, right)]
        offset += len(vectors.rows)
    return words, np.asarray(table, dtype=np.float64).reshape(-1, len(FEATURES))


def _words(text: str, vectors: TokenVectors, language: str) -> list[Word]:
    """The sentence's words that carry content, each with its pieces (punctuation left out)."""
    placed = [(k, p) for k, p in enumerate(vectors.pieces) if p is not None]
    if language.lower() in ("zh", "zh-tw"):
        spans = _chinese_words(text)
        out = []
        for s, e in spans:
            ks = tuple(k for k, p in placed if p.start < e and s < p.end)
            if ks:
                out.append(Word(s, e, ks))
    else:
        out = []
        for k, p in placed:
            punct = bool(_PUNCT.match(text[p.start:p.end]))
            if out and not p.opens_word and not punct and p.start == out[-1].end and not _PUNCT.match(text[out[-1].start:out[-1].end]):
                last = out[-1]
                out[-1] = Word(last.start, p.end, (*last.pieces, k))
            else:
                out.append(Word(p.start, p.end, (k,)))
    return [w for w in out if not _PUNCT.match(text[w.start:w.end])]


@lru_cache(maxsize=4096)
def _chinese_words(text: str) -> tuple[tuple[int, int], ...]:
    import rjieba

    return tuple((s, e) for _, s, e in rjieba.tokenize(text))
