"""The terminal renderer shows the relation, evidence and changed spans."""

from __future__ import annotations

import io
import re

from render_fixtures import MAALOUMA, article, TALIBAN_DISCLAIMER, hostile_comparison, seed_comparison
from rich.console import Console

from retold.models import Alignment
from retold.render import render
from retold.render.terminal import print_comparison, render_comparison

ANSI = re.compile(r"\x1b\[[0-9;]*m")


def flat(text: str) -> str:
    """Text with table borders and wrapping undone, for phrase searches."""
    text = ANSI.sub("", text)
    return re.sub(r"[\s│╭╮╰╯─]+", " ", text)


def test_relation_and_evidence_come_first() -> None:
    out = render_comparison(seed_comparison(), color=False)
    first = out.index("REWRITE")
    assert first < out.index("aligned sentences")
    assert "b derives from a" in out and "confidence 0.87" in out and "via translation" in out
    assert "• b drops TASS's editorial disclaimer on the Taliban" in out


def test_changed_spans_are_marked_without_colour() -> None:
    # Wide enough that no sentence wraps inside its table cell.
    text = flat(render_comparison(seed_comparison(), color=False, console_width=900))
    assert f"[-{TALIBAN_DISCLAIMER}-]" in text
    assert "{+" + MAALOUMA + "+}" in text
    assert "[~A very fashionable pretext this is.~]" in text
    assert "[~this is a very modern pretext~]" in text


def test_changed_spans_are_coloured() -> None:
    out = render_comparison(seed_comparison(), color=True, console_width=900)
    assert "\x1b[" in out
    # The disclaimer is struck through (SGR 9) and red; brackets are not used.
    struck = re.search(r"\x1b\[[0-9;]*9[0-9;]*m\(the Taliban movement", out)
    assert struck, "omitted span should be struck through"
    assert "[-(the Taliban" not in out
    assert "the Taliban movement is banned in Russia - TASS" in flat(out)


def test_change_lists_read_as_what_the_retelling_did() -> None:
    # given the retelling first, "in a, not in b" is what the retelling added
    from retold.compare import compare_articles
    from retold.embed import get_encoder

    seed = seed_comparison()
    c = compare_articles(seed.b, seed.a, get_encoder())
    assert c.relation.source == "b"
    text = flat(render_comparison(c, color=False, console_width=120))
    added, dropped = text.find("added by a, the retelling (not in b)"), text.find("dropped by a, the retelling (only in b)")
    assert 0 < added < text.find("attribution · clause “In a report translated") < dropped  # the translation credit
    assert "omitted from b" not in text


def test_changes_quotes_and_speakers_listed() -> None:
    text = flat(render_comparison(seed_comparison(), color=False, console_width=120))
    assert "omitted from b, the retelling (2)" in text and "added in b, the retelling (1)" in text
    assert "altered (4)" in text
    assert "disclaimer · clause" in text and "context · sentence" in text
    assert "“American expeditionary corps” → “Rapid Intervention Forces”" in text
    assert "Alexander Lavrentiev b1" in text  # quote speaker and sentence on the b side
    assert "not quoted" in text
    assert "Alexander Lavrentyev · Lavrentyev · Alexander Lavrentiev · Lavrentiev" in text


def test_narrow_console_wraps_without_losing_text() -> None:
    out = render_comparison(seed_comparison(), console_width=60, color=False)
    assert max(len(line) for line in out.splitlines()) <= 60
    # Cells wrap, so the marked span is split over lines but both ends survive.
    assert "[-(the" in out and "TASS)-]," in out
    assert "…" not in out  # nothing truncated


def test_markup_in_article_text_is_printed_literally() -> None:
    b = article("b", ["He said [bold]nothing[/bold] and [red]left[/]."], title="[red]Breaking[/red]")
    c = seed_comparison(b=b, alignments=(Alignment((0,), (0,), 0.5, "altered"),), changes=(), quotes=())
    out = render_comparison(c, color=False)
    assert "[bold]nothing[/bold]" in out and "[red]Breaking[/red]" in out
    assert "<script>alert(1)</script>" in render_comparison(hostile_comparison(), color=False)


def test_print_comparison_follows_the_console() -> None:
    file = io.StringIO()
    print_comparison(seed_comparison(), Console(file=file, width=100, color_system=None))
    assert "[-" + TALIBAN_DISCLAIMER[:20] in flat(file.getvalue())
    assert render(seed_comparison(), "text") == render_comparison(seed_comparison(), color=False)


def test_change_notes_that_only_repeat_the_span_are_not_printed() -> None:
    from pathlib import Path

    from retold.compare import compare_articles
    from retold.embed import get_encoder
    from retold.ingest.article import build_article

    seed = Path(__file__).resolve().parents[1] / "examples" / "seed-pair"
    a, b = (build_article((seed / n).read_text(encoding="utf-8")) for n in ("tass.txt", "retelling.txt"))
    c = compare_articles(a, b, get_encoder())
    disclaimer = next(ch for ch in c.changes if ch.category == "disclaimer")
    assert disclaimer.note and disclaimer.a_text and disclaimer.a_text in disclaimer.note  # the note restates it
    out = flat(render_comparison(c, console_width=200, color=False))
    assert disclaimer.a_text in out and "dropped disclaimer:" not in out  # the span, not the span again
    assert "sentence dropped (context)" not in out and "context · sentence" in out


def test_sentence_counts_are_singular_for_one() -> None:
    b = article("b", ["The envoy said Russia has evidence of the US plan."])
    c = seed_comparison(b=b, alignments=(Alignment((0,), (0,), 0.5, "altered"),), changes=(), quotes=())
    text = flat(render_comparison(c, color=False, console_width=120))
    assert "en · 1 sentence " in text and "1 sentences" not in text
    assert "en · 10 sentences" in text
