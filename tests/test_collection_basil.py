"""Story clustering on BASIL (100 events × Fox/NYT/HuffPost): B-cubed F1 against the triplets."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from retold.collection.collection import Collection
from retold.collection.stories import b_cubed
from retold.ingest import build_article

BASIL = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "basil" / "articles"
# Goal from the trace issue.
MIN_F1 = 0.90


def basil_articles() -> tuple[list, dict[str, str]]:
    articles, gold = [], {}
    for path in sorted(BASIL.rglob("*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        text = "\n\n".join(" ".join(p) for p in doc["body-paragraphs"])
        a = build_article(text, id=doc["uuid"], title=doc["title"], outlet=doc["source"].lower(),
                          url=doc.get("url"), published=doc.get("date"), language="en")
        articles.append(a)
        gold[a.id] = doc["triplet-uuid"]
    return articles, gold


@pytest.mark.shared
@pytest.mark.slow
@pytest.mark.skipif(not BASIL.is_dir(), reason="../shared/data/basil is absent")
def test_basil_b_cubed():
    articles, gold = basil_articles()
    with Collection(memory=True) as c:
        c.add(articles)
        report = c.trace()
        predicted = c.store.story_assignment()
    p, r, f = b_cubed(predicted, gold)
    print(f"BASIL B-cubed P={p:.3f} R={r:.3f} F1={f:.3f}; compared {report.compared}, "
          f"stories {report.stories}, {report.seconds:.0f} s")
    assert f >= MIN_F1, (p, r, f)


@pytest.mark.shared
@pytest.mark.skipif(not BASIL.is_dir(), reason="../shared/data/basil is absent")
def test_independent_reports_are_not_called_rewrites():
    # BASIL's three outlets wrote their own reports of each event. Loose alignments of the same facts
    # made 89 of the 300 same-event pairs a "rewrite" with a direction (NYT "derived" from HuffPost);
    # a rewrite must carry wording over. Every fifth triplet, 60 pairs.
    from itertools import combinations

    from retold.compare import compare_articles
    from retold.embed import get_encoder

    articles, gold = basil_articles()
    triplets: dict[str, list] = {}
    for a in articles:
        triplets.setdefault(gold[a.id], []).append(a)
    kinds = [compare_articles(x, y, get_encoder()).relation.kind
             for group in list(triplets.values())[::5] for x, y in combinations(group, 2)]
    assert len(kinds) == 60
    assert sum(k in ("rewrite", "copy") for k in kinds) <= 6, kinds
    # Sharing a quote of the same statement is not partial reuse: 21 of the 60 were, 10 now.
    assert kinds.count("partial") <= 12, kinds
    assert kinds.count("same-event") >= 40, kinds
