"""MSRP paraphrase detection (test split): accuracy and F1 of retold's sentence-pair decisions.

    python -m bench msrp

Rows: the USE cosine alone (threshold fit on train); align.py's link test as
shipped (combined score >= LINK or cosine >= SEM_SURE, each pair taken as a
one-sentence article); and ``retold.similarity`` (logistic regression over 15
features, fit on MSRP train by ``python -m bench.train_pairs``), also in its
precise form (two more features from multilingual-e5-small; the e5 vectors are
cached by ``bench.vectors``, ~3 minutes to compute the first time). Nothing is
tuned on test. For scale: always answering "paraphrase" gives 0.665 / 0.80;
fine-tuned BERT about 0.84 / 0.88. Floors (issue #5): accuracy >= 0.78, F1 >= 0.85.
"""

from __future__ import annotations

import numpy as np

from bench import data
from bench.metrics import binary_scores, cell

ACCURACY_FLOOR = 0.78
F1_FLOOR = 0.85


def cosine_threshold(cos: np.ndarray, gold: np.ndarray) -> float:
    """The cosine threshold that maximises accuracy on the given (training) pairs."""
    grid = np.round(np.arange(0.3, 0.95, 0.005), 3)
    return float(max(grid, key=lambda t: binary_scores(cos >= t, gold)["accuracy"]))


def align_link(pairs: list[data.Pair], cos: np.ndarray) -> np.ndarray:
    """align.py's link test on each pair alone: combined evidence >= LINK, or cosine >= SEM_SURE."""
    from retold.align import LINK, SEM_SURE, PairEvidence, lexical_evidence
    from retold.text.tokens import content_keys

    out = np.zeros(len(pairs), dtype=bool)
    for k, (p, c) in enumerate(zip(pairs, cos)):
        dice, a_in_b, b_in_a = lexical_evidence([content_keys(p.a)], [content_keys(p.b)])
        ev = PairEvidence(np.array([[c]], dtype=np.float32), dice, a_in_b, b_in_a, cross_lingual=False)
        out[k] = bool(ev.score[0, 0] >= LINK or c >= SEM_SURE)
    return out


def _row(method: str, pred: np.ndarray, gold: np.ndarray, fit: str) -> dict[str, object]:
    s = binary_scores(pred, gold)
    met = s["accuracy"] >= ACCURACY_FLOOR and s["f1"] >= F1_FLOOR
    return {"method": method, "accuracy": cell(s["accuracy"]), "F1": cell(s["f1"]),
            "precision": cell(s["precision"]), "recall": cell(s["recall"]), "fit on": fit,
            "floor": f"acc >= {ACCURACY_FLOOR}, F1 >= {F1_FLOOR}", "met": "yes" if met else "no"}


def run() -> list[dict[str, object]]:
    if skipped := data.missing("msrp"):
        return skipped
    from bench.vectors import CachedPrecise
    from retold.embed import get_encoder
    from retold.similarity import FEATURES, encode_features, is_paraphrase

    enc, e5 = get_encoder(), CachedPrecise()
    train, test = data.msrp("train"), data.msrp("test")
    x_train = encode_features([(p.a, p.b) for p in train], enc)
    x_test = encode_features([(p.a, p.b) for p in test], enc, precise_encoder=e5)  # type: ignore[arg-type]
    y_train = np.array([p.gold > 0 for p in train])
    y_test = np.array([p.gold > 0 for p in test])
    cos_train, cos_test = x_train[:, 0], x_test[:, 0]
    t = cosine_threshold(cos_train, y_train)
    n = f"test, {len(test):,} pairs"
    return [
        _row(f"always 'paraphrase' ({n})", np.ones(len(test), bool), y_test, "-"),
        _row(f"USE cosine >= {t:.3f}", cos_test >= t, y_test, "train (threshold)"),
        _row("align.py link test as shipped", align_link(test, cos_test), y_test, "- (hand-set LINK, SEM_SURE)"),
        _row("retold.similarity (logistic, 15 features)", is_paraphrase(x_test[:, : len(FEATURES)]), y_test,
             "train (weights, threshold)"),
        _row("retold.similarity precise (+ e5 cosines, 17 features)", is_paraphrase(x_test), y_test,
             "train (weights, threshold)"),
    ]


if __name__ == "__main__":
    for r in run():
        print(r)
