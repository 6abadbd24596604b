"""retold trace on real text: the seed pair, the demo collection, incremental runs, odd inputs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from retold.collection.collection import Collection
from retold.collection.graph import provenance_tree
from retold.collection.stories import b_cubed, cluster
from retold.embed import get_encoder
from retold.ingest import build_article

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
DEMO = EXAMPLES / "collection" / "articles.jsonl"


@pytest.fixture(scope="session")
def encoder():
    return get_encoder()


@pytest.fixture
def coll(encoder):
    with Collection(memory=True, encoder=encoder) as c:
        yield c


def demo_articles() -> list:
    return [build_article(**json.loads(line)) for line in DEMO.read_text(encoding="utf-8").splitlines()]


def by_outlet(c: Collection) -> dict[str, str]:
    """outlet → story id."""
    rows = {r.id: r.outlet for r in c.store.list_articles()}
    return {rows[a]: s for a, s in c.store.story_assignment().items()}


def test_seed_pair_is_one_story_rooted_at_tass(coll, seed_dir):
    coll.ingest([seed_dir])
    report = coll.trace()
    assert report.compared == 1 and report.stories == 1
    (summary,) = coll.stories()
    assert summary.size == 2 and summary.root_outlet == "TASS"
    story = coll.story(summary.id)
    (edge,) = story.edges
    assert edge["source"] == summary.root and edge["kind"] in ("rewrite", "translation")


def test_demo_chains(coll, seed_dir):
    coll.ingest([DEMO, seed_dir])
    coll.trace()
    s = by_outlet(coll)
    strike = s["Northsea Wire"]
    assert s["Вести Портал"] == s["الخبر"] == s["Daily Brief"] == strike
    assert s["Le Matin"] == s["Rheinische Nachrichten"] != strike
    assert len({s["Culture Hebdo"], s["Valley Gazette"], strike, s["TASS"]}) == 4
    story = coll.story(strike)
    outlets = {a["id"]: a["outlet"] for a in story.articles}
    assert outlets[story.root] == "Northsea Wire"
    parent = {outlets[c]: outlets[p] for c, p in story.parent.items()}
    assert parent["Вести Портал"] == "Northsea Wire" and parent["الخبر"] == "Northsea Wire"
    assert "Harbour Times" not in parent  # the independent report derives from nobody
    kinds = {(outlets[e["source"]], outlets[e["target"]]): e["kind"] for e in story.edges}
    assert kinds[("Northsea Wire", "Вести Портал")] == "translation"
    assert all(k == "same-event" for (a, b), k in kinds.items() if "Harbour Times" in (a, b))


def test_incremental_equals_one_shot_and_compares_only_new_pairs(encoder, seed_dir):
    articles = demo_articles()
    with Collection(memory=True, encoder=encoder) as one:
        one.add(articles)
        one_report = one.trace()
        one_shot = sorted(sorted(m) for m in _groups(one))
    with Collection(memory=True, encoder=encoder) as two:
        two.add(articles[::2])
        first = two.trace()
        known = two.store.pair_keys()
        two.add(articles[1::2])
        second = two.trace()
        assert sorted(sorted(m) for m in _groups(two)) == one_shot
        new_ids = {a.id for a in articles[1::2]}
        compared_later = two.store.pair_keys() - known
        assert len(compared_later) == second.compared + second.exact_copies
        assert all(a in new_ids or b in new_ids for a, b in compared_later)
        assert first.compared + second.compared <= one_report.compared + 2
        third = two.trace()
        assert third.compared == 0 and third.new_articles == 0


def _groups(c: Collection) -> list[list[str]]:
    out: dict[str, list[str]] = {}
    for a, s in c.store.story_assignment().items():
        out.setdefault(s, []).append(a)
    return list(out.values())


def test_empty_store(coll):
    report = coll.trace()
    assert (report.articles, report.compared, report.stories) == (0, 0, 0)
    assert coll.stories() == []


def test_single_article(coll):
    coll.add(demo_articles()[:1])
    report = coll.trace()
    assert (report.articles, report.candidate_pairs, report.stories) == (1, 0, 1)


def test_undated_articles_still_get_a_direction(coll):
    undated = []
    for a in demo_articles()[:3]:
        d = {k: getattr(a, k) for k in ("title", "outlet", "url", "language")}
        undated.append(build_article(a.original, **d))
    coll.add(undated)
    report = coll.trace()
    assert report.multi_article_stories == 1
    story = coll.story(coll.stories()[0].id)
    assert len(story.articles) == 3 and story.root is not None
    assert any(e["directed"] for e in story.edges)


def test_fifty_copies_are_one_story_without_1225_comparisons(coll):
    a = demo_articles()[5]
    copies = [build_article(a.original, id=f"copy{k:02d}", title=a.title, outlet=f"Outlet {k}", url=f"https://o{k}.example/x",
                            published=f"2024-03-12T{k % 24:02d}:{k % 60:02d}:00+00:00") for k in range(50)]
    coll.add(copies)
    report = coll.trace()
    assert report.exact_copies == 49 and report.compared == 0
    (summary,) = coll.stories()
    assert summary.size == 50 and summary.root_outlet == "Outlet 0"


def test_forty_near_copies_are_compared_with_their_earliest_not_each_other(coll):
    a = demo_articles()[5]
    body = a.original.split(" - ", 1)[-1]  # the wire text without its dateline
    copies = [build_article(f"CITY {k}, March 12 (Outlet {k}) - {body}", id=f"near{k:02d}", title=a.title,
                            outlet=f"Outlet {k}", published=f"2024-03-12T{k // 60:02d}:{k % 60:02d}:00+00:00")
              for k in range(40)]  # fewer than SHARED_MAX_ROWS: their shared sentences propose every pair too
    coll.add(copies[:37])
    report = coll.trace()
    assert report.exact_copies == 0  # each has its own dateline
    assert report.compared == 36 and report.near_copy_pairs == 37 * 36 // 2 - 36  # not 666 comparisons
    assert all("near00" in (p.a, p.b) for p in coll.store.iter_pairs())  # each with the earliest
    assert any("near-copies" in n for n in report.notes())
    coll.add(copies[37:])  # three more, later: each compared once, with the earliest
    report = coll.trace()
    assert report.compared == 3
    (summary,) = coll.stories()
    assert summary.size == 40 and summary.root_outlet == "Outlet 0"


FINNISH = (
    "Helsingin kaupunginvaltuusto hyväksyi keskiviikkona uuden raitiotien rakentamisen Kalasatamasta Pasilaan. "
    "Hankkeen arvioidaan maksavan noin 330 miljoonaa euroa, ja liikenne alkaisi vuonna 2029. "
    "Valtuuston äänestys päättyi lukemin 61–24. "
    "Vastustajat pitivät hanketta liian kalliina nykyisessä taloustilanteessa. "
    "Kannattajien mukaan raitiotie vähentää autoliikennettä ja päästöjä merkittävästi."
)


def test_language_the_encoder_lacks_is_summarised(coll):
    coll.add(demo_articles()[:2] + [build_article(FINNISH, title="Raitiotie hyväksyttiin", language="fi")])
    report = coll.trace()
    assert report.unsupported == {"fi": 1}
    assert any("fi: 1" in n for n in report.notes()) and report.ok


def test_story_clustering_keeps_the_older_id_on_merge():
    previous = {"a": "s-old", "b": "s-new"}
    created = {"s-old": "2024-01-01", "s-new": "2024-02-01"}
    got = cluster(["a", "b", "c"], [("a", "b", "copy", 0.9), ("b", "c", "partial", 0.6)], previous, created)
    assert set(got.values()) == {"s-old"}


def test_same_event_below_the_link_threshold_stays_apart():
    got = cluster(["a", "b"], [("a", "b", "same-event", 0.5)], {}, {})
    assert got["a"] != got["b"]


def test_cycles_lose_their_weakest_edge():
    import networkx as nx

    g = nx.DiGraph()
    for u, v, c in (("a", "b", 0.9), ("b", "c", 0.8), ("c", "a", 0.5)):
        g.add_edge(u, v, confidence=c, weak=False, directed=True)
    assert provenance_tree(g) == {"b": "a", "c": "b"}


def test_b_cubed():
    p, r, f = b_cubed({"a": 1, "b": 1, "c": 1}, {"a": "x", "b": "x", "c": "y"})
    assert round(p, 3) == 0.556 and r == 1.0 and 0.7 < f < 0.72


def test_quote_finds_translations(coll):
    coll.add(demo_articles())
    matches = coll.quote("Nobody is against progress, but we will not accept that 900 jobs disappear")
    langs = {m.language for m in matches}
    assert {"en", "ru", "ar"} <= langs
    assert matches[0].verbatim and matches[0].outlet == "Northsea Wire"
    assert "Culture Hebdo" not in {m.outlet for m in matches}


def test_partial_reuse_is_found_though_overall_overlap_is_low(coll, seed_dir):
    # A roundup about something else that pastes three of TASS's sentences: its
    # title, lead and most of its words differ (low MinHash Jaccard, distant
    # document vectors), but the shared sentences make it a candidate.
    tass = (seed_dir / "tass.txt").read_text(encoding="utf-8")
    reused = [s.text for s in build_article(tass).sentences[4:9]]  # the "fashionable pretext" passage
    roundup = build_article(
        "Grain exports through the northern corridor rose again in December, port officials said, as insurers "
        "cut premiums for ships bound for the region. Freight rates fell by a fifth over the month.\n\n"
        "Elsewhere, the diplomatic week was dominated by remarks on Iraq. " + " ".join(reused) + "\n\n"
        "Analysts expect shipping volumes to stay high until the spring thaw closes some of the river routes.",
        title="Week in review: grain corridor busy, insurers cut premiums", outlet="Market Digest",
        published="2024-01-27T09:00:00+00:00")
    assert len(reused) == 5
    coll.ingest([seed_dir / "tass.txt"])
    coll.add([roundup])
    report = coll.trace()
    assert report.candidate_pairs == 1
    [pair] = coll.store.iter_pairs()
    assert pair.kind in ("partial", "rewrite")
    assert len(set(coll.store.story_assignment().values())) == 1


def test_fingerprints_key_copies_and_hash_long_sentences():
    from retold.collection.candidates import SHARED_MIN_WORDS, fingerprints

    text = ("Russia has evidence that the US is not going to withdraw its troops from Iraq, Lavrentyev said. "
            "It is a fashionable pretext. Exit is much more difficult than entry, he added on Friday.")
    copy = build_article(text.upper().replace(",", " ;"))  # case and punctuation differ
    other = build_article("Exit is much more difficult than entry, he added on Friday. Grain prices fell.")
    prints = fingerprints([a.sentence_texts() for a in (build_article(text), copy, other)])
    assert prints.keys[0] == prints.keys[1] != prints.keys[2]
    assert (prints.minhashes[0] == prints.minhashes[1]).all()
    # the two sentences of SHARED_MIN_WORDS words or more are hashed, the short one is not
    assert SHARED_MIN_WORDS <= 10 and len(prints.sentences[0]) == 2
    assert len(set(prints.sentences[0]) & set(prints.sentences[2])) == 1



def test_shared_sentence_pairs_across_overlapping_time_blocks():
    from datetime import UTC, datetime, timedelta

    import numpy as np

    from retold.collection.candidates import shared_sentence_pairs

    day = datetime(2024, 1, 1, tzinfo=UTC)
    keys = [np.array([1, 2, 3]), np.array([1, 2, 4]), np.array([1, 2, 5]), np.array([1, 2, 6]), np.array([7, 8])]
    # 0 and 1 share a block; 2 is one block on (searched with both); 3 is far
    # beyond the window; 4 is undated and shares nothing
    dates = [day, day + timedelta(days=1), day + timedelta(days=15), day + timedelta(days=60), None]
    pairs = shared_sentence_pairs(keys, published=dates)
    assert pairs == [(0, 1, 2), (0, 2, 2), (1, 2, 2)]  # each pair once, with its count
    assert shared_sentence_pairs(keys, query=[2], published=dates) == [(0, 2, 2), (1, 2, 2)]
