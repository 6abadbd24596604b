"""bench/metrics.py on small hand-made cases whose answers are worked out by hand."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from bench.metrics import (
    adjusted_rand_index,
    b_cubed,
    binary_scores,
    nn_error,
    pearson,
    prf,
    span_prf,
    spans_overlap,
    spearman,
)


def test_binary_scores() -> None:
    # tp=2, fp=1, fn=1, tn=1
    s = binary_scores([True, True, True, False, False], [True, True, False, True, False])
    assert s["accuracy"] == pytest.approx(3 / 5)
    assert s["precision"] == pytest.approx(2 / 3) and s["recall"] == pytest.approx(2 / 3)
    assert s["f1"] == pytest.approx(2 / 3)
    assert binary_scores([False, False], [True, False])["f1"] == 0.0


def test_prf_counts() -> None:
    assert prf(1, 2, 3, 4) == pytest.approx((0.5, 0.75, 0.6))
    assert prf(0, 0, 0, 0) == (0.0, 0.0, 0.0)


def test_pearson_and_spearman() -> None:
    assert pearson([1, 2, 3], [2, 4, 6]) == pytest.approx(1.0)
    assert pearson([1, 2, 3], [3, 2, 1]) == pytest.approx(-1.0)
    # x = 1..4, y = 1,3,2,4: cov 4/4, var 5/4 each -> r = 0.8
    assert pearson([1, 2, 3, 4], [1, 3, 2, 4]) == pytest.approx(0.8)
    # monotone but not linear: Spearman 1, Pearson below 1
    assert spearman([1, 2, 3, 4], [1, 10, 100, 1000]) == pytest.approx(1.0)
    # ties take their mean rank: y ranks 1, 2.5, 2.5, 4
    assert spearman([1, 2, 3, 4], [5, 6, 6, 7]) == pytest.approx(pearson([1, 2, 3, 4], [1, 2.5, 2.5, 4]))
    assert pearson([1, 1, 1], [1, 2, 3]) == 0.0


def test_b_cubed() -> None:
    gold = {"a": 1, "b": 1, "c": 2, "d": 2}
    assert b_cubed({"a": 0, "b": 0, "c": 1, "d": 1}, gold) == pytest.approx((1.0, 1.0, 1.0))
    # everything in one cluster: precision 0.5 for each item, recall 1
    assert b_cubed({k: 0 for k in gold}, gold) == pytest.approx((0.5, 1.0, 2 / 3))
    # singletons: precision 1, recall 0.5
    assert b_cubed({k: k for k in gold}, gold) == pytest.approx((1.0, 0.5, 2 / 3))


def test_adjusted_rand_index() -> None:
    gold = {"a": 1, "b": 1, "c": 2, "d": 2}
    assert adjusted_rand_index({"a": 5, "b": 5, "c": 7, "d": 7}, gold) == pytest.approx(1.0)
    # Worked by hand: pred {a,b,c},{d}; table pairs: C(2,2)=1 (a,b); rows C(3,2)=3; cols 1+1=2;
    # expected 3*2/6 = 1, max (3+2)/2 = 2.5 -> (1-1)/(2.5-1) = 0
    assert adjusted_rand_index({"a": 0, "b": 0, "c": 0, "d": 1}, gold) == pytest.approx(0.0)
    # gold [0,0,1,1,2,2] vs pred [0,0,1,2,2,2]: index 1+1 = 2, rows 1+0+3 = 4, cols 1+1+1 = 3,
    # expected 4*3/15 = 0.8, max 3.5, so (2-0.8)/(3.5-0.8)
    ids = "uvwxyz"
    g = dict(zip(ids, [0, 0, 1, 1, 2, 2]))
    p = dict(zip(ids, [0, 0, 1, 2, 2, 2]))
    assert adjusted_rand_index(p, g) == pytest.approx(1.2 / 2.7)


def test_nn_error() -> None:
    sim = np.array([[0.9, 0.1, 0.0], [0.2, 0.3, 0.8], [0.1, 0.2, 0.7]])
    # rows: 0 finds 0, 1 finds 2 (wrong), 2 finds 2; columns: 0 finds 0, 1 finds 1, 2 finds 1 (wrong)
    assert nn_error(sim) == pytest.approx((1 / 3, 1 / 3))


def test_span_overlap() -> None:
    assert spans_overlap((0, 5), (4, 9)) and not spans_overlap((0, 5), (5, 9))
    assert spans_overlap((3, 3), (0, 5))  # an empty (omission) mark inside a span
    assert spans_overlap((5, 5), (0, 5))  # touching the end
    assert not spans_overlap((7, 7), (0, 5))
    # predicted [0,10) covers both gold spans; [20,25) covers none
    assert span_prf([(0, 10), (20, 25)], [(1, 3), (6, 8), (30, 31)]) == (1, 2, 2, 3)


SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "data"


@pytest.mark.shared
@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/data is absent")
def test_loaders_give_the_published_counts() -> None:
    from bench import data

    if (SHARED / "msrp").is_dir():
        train, test = data.msrp("train"), data.msrp("test")
        assert (len(train), len(test)) == (4076, 1725)
        assert sum(p.gold for p in test) == 1147
    if (SHARED / "stsbenchmark").is_dir():
        sts = data.sts("test")
        assert len(sts) == 1379 and sum(p.genre == "main-news" for p in sts) == 500
    if (SHARED / "tatoeba-laser").is_dir():
        xx, en = data.tatoeba("deu")
        assert len(xx) == len(en) == 1000
    if (SHARED / "polnear").is_dir():
        docs = list(data.polnear(("dev",)))
        assert len(docs) == 84 and all(d.attributions for d in docs)
        a = docs[0].attributions[0]
        assert docs[0].text[a.cue[0][0] : a.cue[0][1]].strip()
