"""Sentence-pair paraphrase score: embeddings, words, numbers and names, combined by a learned model.

The USE cosine alone misjudges news paraphrase both ways: it rates a sentence
close to a copy of itself with a different number or name (MSRP's hardest
negatives), and it scores a faithful but reordered rewording lower than words
do. A small logistic regression over fifteen features — cosine, IDF-weighted
overlap of word stems, containment each way, numbers and names that differ,
surface overlap of words, characters and word order, the words left
unmatched and how close they are in meaning — fixes part of that. Its weights
come from ``python -m bench.train_pairs`` (MSRP train for the paraphrase
decision, STS Benchmark train + dev for the graded score; seeded,
reproducible) and live in ``similarity_weights.py``. The precise models add
the same two cosines from multilingual-e5-small (``PRECISE_FEATURES``):
better, ~25x slower; what ``compare(..., precise=True)`` grades alignments with.

The decision is MSRP's: do the two sentences say the same thing? A copy
with one number changed still corresponds sentence for sentence, so it
scores high here ("withdraw 2,500 troops" / "withdraw 4,000 troops": 0.99);
reporting the changed number is changes.py's job.

Pure core: :func:`features` takes strings and two cosines per pair;
:func:`paraphrase_probability` and :func:`graded_similarity` take the
feature matrix. :func:`score_pairs` wraps them with the encoder.

    >>> from retold.similarity import score_pairs
    >>> p = score_pairs([("The US will withdraw 2,500 troops.", "Washington will pull out 2,500 soldiers."),
    ...                  ("The US will withdraw 2,500 troops.", "Such talks might take several months.")])
    >>> [round(float(x), 1) for x in p]  # doctest: +SKIP
    [0.8, 0.0]
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
from rapidfuzz.distance import Levenshtein

from . import similarity_weights as W
from .text.names import find_names, name_tokens
from .text.numbers import figure_keys
from .text.tokens import Token, tokenize

if TYPE_CHECKING:
    from .embed import Encoder, PreciseEncoder

__all__ = [
    "FEATURES",
    "PRECISE_FEATURES",
    "Idf",
    "encode_features",
    "features",
    "graded_similarity",
    "is_paraphrase",
    "paraphrase_probability",
    "residues",
    "score_pairs",
]

# In this order in every feature vector (and in similarity_weights). Chosen by
# 5-fold cross-validation on MSRP train (bench/train_pairs.py): surface
# features (all words, characters, word order) added 2 points of accuracy to
# the stems-and-cosine set, the residue cosine another half point.
FEATURES = (
    "sem",  # cosine of the USE embeddings
    "lex",  # IDF-weighted Dice of content-word stems
    "contained_min",  # IDF-weighted share of the less-covered side found in the other
    "contained_max",
    "bigrams",  # Dice of stem bigrams, all words: word order kept
    "numbers_differ",  # share of the numbers (either side) missing on the other
    "names_differ",  # share of the names (either side) missing on the other
    "length_ratio",  # shorter / longer, in words
    "unmatched_max",  # content words of one side with no stem on the other (the larger count)
    "unmatched_weight_max",  # the same, IDF-weighted
    "char_trigrams",  # Dice of character trigrams, lower-cased
    "words",  # Dice of lower-cased words, function words included
    "word_4grams",  # Dice of lower-cased word 4-grams
    "word_edit",  # 1 - normalised word-level Levenshtein distance
    "residue_sem",  # cosine of the two sides' unmatched content words, encoded as text
)
# The precise models add the same two cosines from multilingual-e5-small
# (``embed.PreciseEncoder``, ~25x slower than USE): a second model's view of
# meaning, trained on other data, that the fit weighs against USE's.
PRECISE_FEATURES = FEATURES + ("e5_sem", "e5_residue_sem")

_SPACE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Idf:
    """Document frequencies of stems over a set of sentences; unseen stems weigh as if seen once."""

    df: Counter[str] = field(default_factory=Counter)
    n: int = 0

    @classmethod
    def of(cls, texts: Iterable[str]) -> Idf:
        df: Counter[str] = Counter()
        n = 0
        for t in texts:
            df.update({tok.key for tok in tokenize(t) if tok.content})
            n += 1
        return cls(df, n)

    def weight(self, key: str) -> float:
        return math.log((self.n + 1) / (self.df.get(key, 0) + 1)) + 1.0


def _names(text: str) -> set[str]:
    # The first word of a sentence is capitalised anyway: only names after it count.
    return {name_tokens(n)[-1][:5] for s, _, n in find_names(text) if s > 0 and name_tokens(n)}


def _differ(x: set[str], y: set[str]) -> float:
    return len(x ^ y) / len(x | y) if x | y else 0.0


def _dice(x: Counter[Hashable], y: Counter[Hashable]) -> float:
    total = sum(x.values()) + sum(y.values())
    return 2 * sum((x & y).values()) / total if total else 0.0


def _ngrams(seq: Sequence[Hashable], n: int) -> Counter[Hashable]:
    return Counter(tuple(seq[i : i + n]) for i in range(len(seq) - n + 1))


def _chars(text: str) -> Counter[Hashable]:
    s = _SPACE.sub(" ", text.lower())
    return Counter(s[i : i + 3] for i in range(len(s) - 2))


def _unmatched(x: Sequence[Token], y: Sequence[Token]) -> list[Token]:
    keys = {t.key for t in y if t.content}
    return [t for t in x if t.content and t.key not in keys]


def residues(pairs: Sequence[tuple[str, str]]) -> list[tuple[str, str]]:
    """Each side's content words that have no stem on the other side, as text ("." when none)."""
    out = []
    for a, b in pairs:
        ta, tb = tokenize(a), tokenize(b)
        out.append((" ".join(t.text for t in _unmatched(ta, tb)) or ".", " ".join(t.text for t in _unmatched(tb, ta)) or "."))
    return out


def _pair(a: str, b: str, sem: float, residue_sem: float, idf: Idf) -> list[float]:
    ta, tb = tokenize(a), tokenize(b)
    ka = {t.key for t in ta if t.content}
    kb = {t.key for t in tb if t.content}
    wa = sum(idf.weight(k) for k in ka)
    wb = sum(idf.weight(k) for k in kb)
    inter = sum(idf.weight(k) for k in ka & kb)
    a_in_b, b_in_a = (inter / wa if wa else 0.0), (inter / wb if wb else 0.0)
    sa, sb = [t.key for t in ta], [t.key for t in tb]
    la, lb = [t.text.lower() for t in ta], [t.text.lower() for t in tb]
    ua, ub = _unmatched(ta, tb), _unmatched(tb, ta)
    return [
        sem,
        2 * inter / (wa + wb) if wa + wb else 0.0,
        min(a_in_b, b_in_a),
        max(a_in_b, b_in_a),
        _dice(_ngrams(sa, 2), _ngrams(sb, 2)),
        _differ(figure_keys(a), figure_keys(b)),
        _differ(_names(a), _names(b)),
        min(len(ta), len(tb)) / max(1, len(ta), len(tb)),
        max(len(ua), len(ub)),
        max(sum(idf.weight(t.key) for t in ua), sum(idf.weight(t.key) for t in ub)),
        _dice(_chars(a), _chars(b)),
        _dice(Counter(la), Counter(lb)),
        _dice(_ngrams(la, 4), _ngrams(lb, 4)),
        Levenshtein.normalized_similarity(la, lb),
        residue_sem,
    ]


def features(
    pairs: Sequence[tuple[str, str]],
    sem: Sequence[float] | np.ndarray,
    residue_sem: Sequence[float] | np.ndarray,
    idf: Idf | None = None,
    e5_cosines: tuple[Sequence[float] | np.ndarray, Sequence[float] | np.ndarray] | None = None,
) -> np.ndarray:
    """Feature matrix (len(pairs), len(FEATURES)), or len(PRECISE_FEATURES) columns with ``e5_cosines``.

    ``sem`` is the embedding cosine of each pair, ``residue_sem`` that of its
    :func:`residues`; ``e5_cosines`` is the same two cosines from the e5 model.
    ``idf`` defaults to document frequencies over the sentences of ``pairs``
    themselves, as align.py takes them from the two articles at hand.
    """
    if idf is None:
        idf = Idf.of(t for p in pairs for t in p)
    rows = [_pair(a, b, float(s), float(r), idf) for (a, b), s, r in zip(pairs, sem, residue_sem, strict=True)]
    x = np.array(rows, dtype=np.float64).reshape(len(pairs), len(FEATURES))
    if e5_cosines is None:
        return x
    e5_sem, e5_residue = (np.asarray(v, dtype=np.float64).reshape(len(pairs), 1) for v in e5_cosines)
    return np.hstack([x, e5_sem, e5_residue])


def expand(z: np.ndarray, quadratic: bool) -> np.ndarray:
    """Standardised features, plus every product of two (squares included) when ``quadratic``."""
    if not quadratic:
        return z
    i, j = np.triu_indices(z.shape[1])
    return np.hstack([z, z[:, i] * z[:, j]])


def _linear(x: np.ndarray, model: dict[str, object]) -> np.ndarray:
    mean = np.asarray(model["mean"], dtype=np.float64)
    scale = np.asarray(model["scale"], dtype=np.float64)
    coef = np.asarray(model["coef"], dtype=np.float64)
    z = expand((x - mean) / scale, bool(model.get("quadratic", False)))
    return z @ coef + float(model["bias"])  # type: ignore[arg-type]


def _model(x: np.ndarray, name: str) -> dict[str, object]:
    # The feature matrix's width says which model it is for; each model names the features it was fitted on.
    for suffix, names in (("_PRECISE", PRECISE_FEATURES), ("", FEATURES)):
        if x.shape[1] == len(names):
            model: dict[str, object] = getattr(W, name + suffix)
            if tuple(model["features"]) != names:  # type: ignore[arg-type]
                raise ValueError(f"similarity_weights.{name + suffix} was fitted on other features: "
                                 "rerun python -m bench.train_pairs")
            return model
    raise ValueError(f"a feature matrix has {len(FEATURES)} or {len(PRECISE_FEATURES)} columns, not {x.shape[1]}")


def paraphrase_probability(x: np.ndarray) -> np.ndarray:
    """P(paraphrase) per row of a feature matrix, from the model fitted on MSRP train (precise one if 17 columns)."""
    return 1.0 / (1.0 + np.exp(-_linear(x, _model(x, "PARAPHRASE"))))


def is_paraphrase(x: np.ndarray) -> np.ndarray:
    """The paraphrase decision: probability at or above the threshold chosen on MSRP train."""
    return paraphrase_probability(x) >= float(_model(x, "PARAPHRASE")["threshold"])  # type: ignore[arg-type]


def graded_similarity(x: np.ndarray) -> np.ndarray:
    """Similarity in [0, 1] per row: ridge regression on STS Benchmark train + dev (score / 5)."""
    return np.clip(_linear(x, _model(x, "GRADED")), 0.0, 1.0)


def score_pairs(
    pairs: Sequence[tuple[str, str]], encoder: Encoder | None = None, idf: Idf | None = None, precise: bool = False
) -> np.ndarray:
    """P(paraphrase) for each (a, b) sentence pair, encoding them with ``encoder`` (default: the shared one).

    ``precise`` adds the e5 model's view (``embed.get_precise_encoder``):
    better (STS-B news Pearson 0.83 against 0.79; MSRP about the same), ~25 ms a sentence.
    """
    if encoder is None:
        from .embed import get_encoder

        encoder = get_encoder()
    if not pairs:
        return np.zeros(0)
    second = None
    if precise:
        from .embed import get_precise_encoder

        second = get_precise_encoder()
    return paraphrase_probability(encode_features(pairs, encoder, idf, second))


def encode_features(
    pairs: Sequence[tuple[str, str]], encoder: Encoder, idf: Idf | None = None,
    precise_encoder: PreciseEncoder | None = None,
) -> np.ndarray:
    """:func:`features` with the cosines computed by ``encoder`` (and ``precise_encoder``), sentences and residues in one batch."""
    res = residues(pairs)
    texts = [t for p in pairs for t in p] + [t for r in res for t in r]
    sem, residue_sem = _cosines(encoder.encode(texts), len(pairs))
    second = _cosines(precise_encoder.encode(texts), len(pairs)) if precise_encoder is not None else None
    return features(pairs, sem, residue_sem, idf, second)


def _cosines(v: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Pair cosines and residue cosines from the rows [a0, b0, a1, b1, ..., residues likewise]."""
    return (v[0 : 2 * n : 2] * v[1 : 2 * n : 2]).sum(axis=1), (v[2 * n :: 2] * v[2 * n + 1 :: 2]).sum(axis=1)
