"""The relation compare gives BASIL's independent reports: every pair of articles of one triplet.

    python -m bench relations

BASIL's three outlets (Fox, NYT, HuffPost) each wrote their own report of
every event, so no pair is a copy, rewrite or partial reuse of another: the
expected relation is same-event (or unrelated where the outlets covered
different sides of it). Sharing a quote of one statement is a common source,
not reuse. Each pair is compared directly with ``compare_articles`` (USE
sentence vectors), not through trace's candidate stage.
"""

from __future__ import annotations

from collections import Counter
from itertools import combinations

from bench import data
from bench.bench_basil import articles

KINDS = ("copy", "rewrite", "partial", "same-event", "unrelated", "translation")


def run() -> list[dict[str, object]]:
    if skipped := data.missing("basil"):
        return skipped
    from retold.compare import compare_articles
    from retold.embed import get_encoder

    found, gold = articles()
    triplets: dict[str, list] = {}
    for a in found:
        triplets.setdefault(gold[a.id], []).append(a)
    encoder = get_encoder()
    kinds = Counter(compare_articles(x, y, encoder).relation.kind
                    for group in triplets.values() for x, y in combinations(group, 2))
    total = sum(kinds.values())
    return [{"relation": kind, "pairs": kinds[kind], "share": f"{kinds[kind] / total:.3f}",
             "expected": "yes" if kind in ("same-event", "unrelated") else "no"} for kind in KINDS]


if __name__ == "__main__":
    for r in run():
        print(r)
