"""Metrics the quality benchmarks share, in numpy only (no scikit-learn, no scipy).

Each is the textbook definition; tests/test_bench_metrics.py checks them on
small hand-made cases with known answers.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Hashable, Mapping, Sequence

import numpy as np

from retold.collection.stories import b_cubed

__all__ = [
    "adjusted_rand_index",
    "b_cubed",
    "binary_scores",
    "cell",
    "f1",
    "nn_error",
    "pearson",
    "prf",
    "spans_overlap",
    "span_prf",
    "spearman",
]

Span = tuple[int, int]


def f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def prf(found: int, predicted: int, recalled: int, gold: int) -> tuple[float, float, float]:
    """(precision, recall, F1) from counts: ``found`` of ``predicted`` are right, ``recalled`` of ``gold`` are found.

    The two numerators differ for span matching, where one prediction may
    cover two gold spans (or the reverse).
    """
    p = found / predicted if predicted else 0.0
    r = recalled / gold if gold else 0.0
    return p, r, f1(p, r)


def binary_scores(predicted: Sequence[bool] | np.ndarray, gold: Sequence[bool] | np.ndarray) -> dict[str, float]:
    """Accuracy, and precision/recall/F1 of the positive class."""
    pred, true = np.asarray(predicted, bool), np.asarray(gold, bool)
    tp = int((pred & true).sum())
    p, r, f = prf(tp, int(pred.sum()), tp, int(true.sum()))
    return {"accuracy": float((pred == true).mean()) if len(pred) else 0.0, "precision": p, "recall": r, "f1": f}


def pearson(x: Sequence[float] | np.ndarray, y: Sequence[float] | np.ndarray) -> float:
    a, b = np.asarray(x, float), np.asarray(y, float)
    a, b = a - a.mean(), b - b.mean()
    denom = math.sqrt(float((a * a).sum() * (b * b).sum()))
    return float((a * b).sum() / denom) if denom else 0.0


def _ranks(x: Sequence[float] | np.ndarray) -> np.ndarray:
    """Ranks from 1, ties given their mean rank."""
    v = np.asarray(x, float)
    order = np.argsort(v, kind="mergesort")
    ranks = np.empty(len(v))
    sv = v[order]
    i = 0
    while i < len(v):
        j = i
        while j + 1 < len(v) and sv[j + 1] == sv[i]:
            j += 1
        ranks[order[i : j + 1]] = (i + j) / 2 + 1
        i = j + 1
    return ranks


def spearman(x: Sequence[float] | np.ndarray, y: Sequence[float] | np.ndarray) -> float:
    return pearson(_ranks(x), _ranks(y))


def adjusted_rand_index(predicted: Mapping[str, Hashable], gold: Mapping[str, Hashable]) -> float:
    """Hubert & Arabie's adjusted Rand index over the items both mappings label."""
    items = [i for i in gold if i in predicted]
    n = len(items)
    if n < 2:
        return 1.0
    pairs = lambda k: k * (k - 1) / 2  # noqa: E731
    table = Counter((predicted[i], gold[i]) for i in items)
    rows = Counter(predicted[i] for i in items)
    cols = Counter(gold[i] for i in items)
    index = sum(pairs(c) for c in table.values())
    sum_rows, sum_cols = sum(pairs(c) for c in rows.values()), sum(pairs(c) for c in cols.values())
    expected = sum_rows * sum_cols / pairs(n)
    maximum = (sum_rows + sum_cols) / 2
    return 1.0 if maximum == expected else float((index - expected) / (maximum - expected))


def nn_error(sim: np.ndarray) -> tuple[float, float]:
    """Similarity-search error rates of a square matrix whose diagonal holds the true pairs.

    Returns (rows → columns, columns → rows): the share of rows whose most
    similar column is not their own, and the reverse (Artetxe & Schwenk 2019).
    """
    idx = np.arange(sim.shape[0])
    return float((sim.argmax(axis=1) != idx).mean()), float((sim.argmax(axis=0) != idx).mean())


def spans_overlap(a: Span, b: Span) -> bool:
    """Whether two character spans share a character; an empty span overlaps a span it sits inside or touches."""
    if a[0] == a[1] or b[0] == b[1]:
        return a[0] <= b[1] and b[0] <= a[1]
    return a[0] < b[1] and b[0] < a[1]


def span_prf(predicted: Sequence[Span], gold: Sequence[Span]) -> tuple[int, int, int, int]:
    """Span-overlap counts: (predicted spans overlapping some gold span, predicted, gold spans overlapped, gold).

    Feed them to :func:`prf`, summed over documents.
    """
    found = sum(any(spans_overlap(p, g) for g in gold) for p in predicted)
    recalled = sum(any(spans_overlap(p, g) for p in predicted) for g in gold)
    return found, len(predicted), recalled, len(gold)


def cell(x: float, digits: int = 3) -> str:
    """A figure as table text with ``digits`` decimals (the bench printer keeps only two for floats)."""
    return f"{x:.{digits}f}"
