"""locate_spans and the layout shared by the terminal and HTML renderers."""

from __future__ import annotations

from render_fixtures import MAALOUMA, RETELLING, TALIBAN_DISCLAIMER, TASS, seed_comparison

from retold.render.layout import direction, indices, scope, sentence_marks, side_by_side
from retold.render.spans import covers, locate_spans


def test_exact_match() -> None:
    assert locate_spans(TASS[7], [(TALIBAN_DISCLAIMER, "omitted")]) == [
        (TASS[7].index(TALIBAN_DISCLAIMER), TASS[7].index(TALIBAN_DISCLAIMER) + len(TALIBAN_DISCLAIMER), "omitted")
    ]


def test_case_whitespace_and_quote_insensitive() -> None:
    # The engine may report straight quotes and collapsed spaces for “Maalouma”.
    needle = 'in a report  translated by the "Maalouma" agency'
    [(start, end, label)] = locate_spans(RETELLING[1], [(needle, "added")])
    assert RETELLING[1][start:end] == MAALOUMA
    assert label == "added"


def test_needle_with_stray_edge_punctuation() -> None:
    text = "A very fashionable pretext this is."
    [(start, end, _)] = locate_spans(text, [("“very fashionable pretext,”", "x")])
    assert text[start:end] == "very fashionable pretext"


def test_spans_do_not_overlap_and_are_sorted() -> None:
    text = "the US side and the US military contingent"
    spans = locate_spans(text, [("the US military", 2), ("the US", 1), ("US side and the", 3)])
    assert [(text[s:e], label) for s, e, label in spans] == [("the US", 1), ("the US military", 2)]
    # A repeated needle takes the next free occurrence.
    assert locate_spans("US and US", [("US", "x"), ("US", "y")]) == [(0, 2, "x"), (7, 9, "y")]


def test_missing_or_empty_needles_are_skipped() -> None:
    assert locate_spans("Some sentence.", [("absent", "x"), ("", "y"), (None, "z"), ("   ", "w")]) == []


def test_case_folding_that_lengthens_text_keeps_offsets() -> None:
    text = "İstanbul said Ankara."
    [(start, end, _)] = locate_spans(text, [("ankara", "x")])
    assert text[start:end] == "Ankara"


def test_covers() -> None:
    assert covers('"Yes," he said.', 0, 14)
    assert not covers("Yes, he said.", 0, 3)


def test_marks_on_both_sides() -> None:
    c = seed_comparison()
    marks_a, marks_b = sentence_marks(c, "a"), sentence_marks(c, "b")
    [taliban] = marks_a[7]
    assert TASS[7][taliban.start : taliban.end] == TALIBAN_DISCLAIMER
    assert taliban.kind == "omitted" and not taliban.whole
    assert marks_a[8][0].whole  # the Reuters sentence is dropped whole
    [modern] = marks_b[2]
    assert RETELLING[2][modern.start : modern.end] == "this is a very modern pretext"
    # An omission never marks b; an addition never marks a.
    assert all(m.kind != "omitted" for ms in marks_b.values() for m in ms)
    assert all(m.kind != "added" for ms in marks_a.values() for m in ms)


def test_multi_sentence_omission_marks_each_sentence_whole() -> None:
    from retold.models import Change

    c = seed_comparison()
    both = Change("omitted", "context", (8, 9), (), f"{TASS[8]} {TASS[9]}", None)
    marks = sentence_marks(seed_comparison(changes=(both,)), "a")
    assert marks[8][0].whole and marks[9][0].whole
    assert scope(c, both) == "sentence"


def test_rows_follow_b_with_omissions_in_place() -> None:
    rows = side_by_side(seed_comparison())
    assert [(r.kind, r.a, r.b) for r in rows] == [
        ("aligned", (0,), (0,)),
        ("aligned", (1,), (1,)),
        ("aligned", (2, 3, 4), (2,)),
        ("aligned", (5, 6, 7), (3,)),
        ("omitted", (8,), ()),
        ("aligned", (9,), (4,)),
    ]


def test_rows_unaligned_b_and_leading_omission() -> None:
    from retold.models import Alignment

    c = seed_comparison(alignments=(Alignment((1,), (1,), 0.9, "paraphrase"),))
    rows = side_by_side(c)
    kinds = [(r.kind, r.a, r.b) for r in rows]
    assert kinds[:3] == [("omitted", (0,), ()), ("added", (), (0,)), ("aligned", (1,), (1,))]
    assert kinds[3:5] == [("omitted", (2,), ()), ("omitted", (3,), ())]
    assert [k for k in kinds if k[0] == "added"] == [("added", (), (i,)) for i in (0, 2, 3, 4)]
    assert sum(1 for k in kinds if k[0] == "omitted") == 9


def test_direction_and_indices() -> None:
    assert direction(seed_comparison()) == "b derives from a"
    assert indices("a", (5, 6, 7)) == "a5–7"
    assert indices("b", (2, 5)) == "b2,5"
    assert indices("a", ()) == ""
