"""BASIL story clustering: B-cubed precision/recall/F1 and ARI of ``retold trace`` against the triplets.

    python -m bench basil

The 300 BASIL articles (100 events, each told by Fox, NYT and HuffPost) go
into an in-memory collection and through the full trace pipeline (the same
way tests/test_collection_basil.py builds it); the stories it finds are
scored against ``triplet-uuid``, which trace never sees. Floor (issue #5):
B-cubed F1 >= 0.90.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from bench import data
from bench.metrics import adjusted_rand_index, b_cubed, cell

if TYPE_CHECKING:
    from retold.models import Article

FLOOR = 0.90


def articles() -> tuple[list[Article], dict[str, str]]:
    """The BASIL articles as retold builds them, and each one's triplet (its gold story)."""
    from retold.ingest import build_article

    out, gold = [], {}
    for doc in data.basil():
        text = "\n\n".join(" ".join(p) for p in doc["body-paragraphs"])
        out.append(build_article(text, id=doc["uuid"], title=doc["title"], outlet=doc["source"].lower(),
                                 url=doc.get("url"), published=doc.get("date"), language="en"))
        gold[doc["uuid"]] = doc["triplet-uuid"]
    return out, gold


def run() -> list[dict[str, object]]:
    if skipped := data.missing("basil"):
        return skipped
    from retold.collection.collection import Collection

    articles_, gold = articles()
    with Collection(memory=True) as c:
        c.add(articles_)
        report = c.trace()
        predicted = c.store.story_assignment()
    p, r, f = b_cubed(predicted, gold)
    sizes = Counter(Counter(predicted.values()).values())
    return [{"articles": len(articles_), "gold stories": len(set(gold.values())), "found stories": report.stories,
             "stories by size": ", ".join(f"{n} of {k}" for k, n in sorted(sizes.items())),
             "pairs compared": report.compared, "B-cubed P": cell(p), "B-cubed R": cell(r), "B-cubed F1": cell(f),
             "ARI": cell(adjusted_rand_index(predicted, gold)), "floor": f"F1 >= {FLOOR}",
             "met": "yes" if f >= FLOOR else "no"}]


if __name__ == "__main__":
    for r in run():
        print(r)
