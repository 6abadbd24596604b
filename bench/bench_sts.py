"""STS Benchmark (test split): Pearson and Spearman of retold's sentence similarity, all rows and news rows.

    python -m bench sts

Rows: the USE cosine (nothing fitted); ``retold.similarity.graded_similarity``
(ridge regression over the 15 pair features and their pairwise products,
fit on STS-B train, form and penalty chosen on dev news rows, then refit on
train + dev, by ``python -m bench.train_pairs``); the e5 cosine and the
precise graded model (two more features from multilingual-e5-small); and the MSRP-trained
paraphrase probability, for comparison. Nothing is tuned on test.
Floor (issue #5): Pearson >= 0.80, read here for all rows and for news rows.
"""

from __future__ import annotations

import numpy as np

from bench import data
from bench.metrics import cell, pearson, spearman

PEARSON_FLOOR = 0.80


def run() -> list[dict[str, object]]:
    if skipped := data.missing("stsbenchmark"):
        return skipped
    from bench.vectors import CachedPrecise
    from retold import similarity_weights
    from retold.embed import get_encoder
    from retold.similarity import FEATURES, encode_features, graded_similarity, paraphrase_probability

    test = data.sts("test")
    xp = encode_features([(p.a, p.b) for p in test], get_encoder(), precise_encoder=CachedPrecise())  # type: ignore[arg-type]
    x = xp[:, : len(FEATURES)]
    gold = np.array([p.gold for p in test])
    news = np.array([p.genre == "main-news" for p in test])
    quadratic = bool(similarity_weights.GRADED.get("quadratic"))
    rows: list[dict[str, object]] = []
    for method, score, fit in (
        ("USE cosine", x[:, 0], "-"),
        (f"retold.similarity graded (ridge, 15 features{' and their products' if quadratic else ''})",
         graded_similarity(x), "STS-B train + dev (dev: form, penalty)"),
        ("e5 cosine", xp[:, len(FEATURES)], "-"),
        (f"retold.similarity graded precise (+ e5 cosines, 17 features"
         f"{' and their products' if similarity_weights.GRADED_PRECISE.get('quadratic') else ''})",
         graded_similarity(xp), "STS-B train + dev (dev: form, penalty)"),
        ("retold.similarity P(paraphrase)", paraphrase_probability(x), "MSRP train"),
    ):
        for subset, mask in ((f"all ({len(test):,})", np.ones(len(test), bool)), (f"news ({int(news.sum())})", news)):
            r = pearson(score[mask], gold[mask])
            rows.append({"method": method, "rows": subset, "Pearson": cell(r),
                         "Spearman": cell(spearman(score[mask], gold[mask])), "fit on": fit,
                         "floor": f"Pearson >= {PEARSON_FLOOR}", "met": "yes" if r >= PEARSON_FLOOR else "no"})
    return rows


if __name__ == "__main__":
    for r in run():
        print(r)
