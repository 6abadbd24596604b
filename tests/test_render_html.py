"""The HTML renderer: markup around exactly the right spans, escaping, fragments."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest

from render_fixtures import MAALOUMA, TALIBAN_DISCLAIMER, TASS, hostile_comparison, seed_comparison

from retold.models import Relation
from retold.render import render
from retold.render.html import render_comparison


class Tags(HTMLParser):
    """Every start tag with its attributes, as a browser would parse them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def tags(page: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = Tags()
    parser.feed(page)
    parser.close()
    return parser.tags


def test_omitted_clause_is_wrapped_exactly() -> None:
    page = render_comparison(seed_comparison())
    assert re.search(
        r'<del class="omitted" title="omitted · disclaimer — editorial note dropped" data-category="disclaimer"'
        r' data-change="4">\(the Taliban movement is banned in Russia - TASS\)</del>,&quot; he pointed out\.',
        page,
    )
    # ... and the text before it is untouched.
    assert "in coordination with the Taliban <del" in page


def test_added_and_altered_spans() -> None:
    page = render_comparison(seed_comparison())
    assert re.search(r'<ins class="added"[^>]*data-category="attribution"[^>]*>In a report translated by the “Maalouma” agency</ins>, the Russian', page)
    assert MAALOUMA in page
    alt_a = re.search(r'<mark class="altered rt-whole" title="([^"]*)"[^>]*>A very fashionable pretext this is\.</mark>', page)
    assert alt_a and "→ “this is a very modern pretext”" in alt_a.group(1)
    assert re.search(r'<mark class="altered"[^>]*>this is a very modern pretext</mark>, but exit', page)


def test_rows_in_b_order_with_omitted_row() -> None:
    page = render_comparison(seed_comparison())
    rows = re.findall(r'<tr id="rt-[0-9a-f]{8}-r(\d+)" class="([^"]*)" data-a="([^"]*)" data-b="([^"]*)"', page)
    assert [(cls.split()[1], a, b) for _, cls, a, b in rows] == [
        ("rt-aligned", "0", "0"),
        ("rt-aligned", "1", "1"),
        ("rt-aligned", "2 3 4", "2"),
        ("rt-aligned", "5 6 7", "3"),
        ("rt-omitted", "8", ""),
        ("rt-aligned", "9", "4"),
    ]
    # The sentence-level omission highlights the whole sentence.
    assert re.search(r'<del class="omitted rt-whole"[^>]*>' + re.escape(TASS[8]) + "</del>", page)
    assert "not retold" in page


def test_unaligned_sentences_without_changes_still_shown() -> None:
    page = render_comparison(seed_comparison(changes=()))
    assert re.search(r'<del class="omitted rt-whole"[^>]*>Earlier, Reuters', page)


def test_header_changes_quotes_speakers() -> None:
    page = render_comparison(seed_comparison())
    assert '<span class="rt-kind rt-kind-rewrite">rewrite</span>' in page
    assert "b derives from a" in page and "via translation" in page
    assert "<li>b drops TASS&#x27;s editorial disclaimer on the Taliban</li>" in page
    assert "Russia has evidence US ready to start withdrawing troops from Iraq — diplomat" in page
    assert '<time datetime="2024-01-25T12:40:00+00:00">2024-01-25</time>' in page
    assert 'href="https://tass.com/politics/1737741"' in page
    assert "Omitted from b" in page and "Added in b" in page and "Altered" in page
    # Each change links to its row.
    assert re.search(r'<a href="#rt-[0-9a-f]{8}-r3">a7 → b3</a>', page)
    assert '<td class="rt-who">Alexander Lavrentiev</td>' in page
    assert "Mohammed al-Sudani · Muhammad Shia al-Sudani" in page


def test_self_contained_page() -> None:
    page = render_comparison(seed_comparison())
    assert page.startswith("<!doctype html>")
    assert '<meta charset="utf-8">' in page
    for tag, attrs in tags(page):
        assert tag not in ("script", "link", "img", "iframe")
        for name in ("src", "href"):
            value = attrs.get(name)
            assert value is None or value.startswith(("#", "https://tass.com/")), (tag, attrs)
    assert "@import" not in page and "url(" not in page


def test_hostile_text_is_escaped_everywhere() -> None:
    for page in (render_comparison(hostile_comparison()), render_comparison(hostile_comparison(), standalone=False)):
        lowered = page.lower()
        assert "<script" not in lowered
        assert "<img" not in lowered
        assert 'href="javascript:' not in lowered
        # No onerror= inside a tag, outside its (escaped, double-quoted) attribute values.
        markup_only = re.sub(r'="[^"]*"', '=""', page)
        assert not re.search(r"<[^<>]*\sonerror=", markup_only)
        parsed = tags(page)
        for tag, attrs in parsed:
            assert tag not in ("script", "img"), tag
            assert "onerror" not in attrs, (tag, attrs)
            assert not (attrs.get("href") or "").strip().lower().startswith("javascript:")
        # The hostile text is still there, as text.
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
        assert "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;" in page
        # A javascript: url is shown as text, never linked.
        assert '<span class="rt-url rt-muted">javascript:alert(1)</span>' in page
        # Ids built from hostile article ids stay plain.
        assert all(re.fullmatch(r"[\w-]+", attrs["id"] or "") for _, attrs in parsed if "id" in attrs)


def test_jupyter_fragment() -> None:
    c = seed_comparison()
    fragment = render_comparison(c, standalone=False)
    assert fragment.startswith('<div class="retold" id="rt-')
    assert fragment.endswith("</div>")
    for whole_page_tag in ("<html", "<head", "<body", "<!doctype"):
        assert whole_page_tag not in fragment.lower()
    # Scoped CSS: every rule is under .retold, so a notebook's styles are not touched.
    css = re.search(r"<style>(.*?)</style>", fragment, re.S).group(1)  # type: ignore[union-attr]
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    selectors = [sel.strip() for block in re.findall(r"([^{}]+)\{[^{}]*\}", css) for sel in block.split(",")]
    outer = [sel for sel in selectors if sel and not sel.startswith(("@", ".retold", "from", "to"))]
    assert outer == [], outer
    assert c._repr_html_() == fragment
    assert TALIBAN_DISCLAIMER in fragment


def test_ids_differ_between_comparisons() -> None:
    one = render_comparison(seed_comparison(), standalone=False)
    other = render_comparison(hostile_comparison(), standalone=False)
    assert re.search(r'id="(rt-\w+)"', one).group(1) != re.search(r'id="(rt-\w+)"', other).group(1)  # type: ignore[union-attr]


def test_render_dispatch() -> None:
    c = seed_comparison()
    assert render(c, "html") == render_comparison(c)
    with pytest.raises(ValueError, match="expected one of"):
        render(c, "pdf")  # type: ignore[arg-type]


def test_unrelated_pair_renders_in_every_format() -> None:
    c = seed_comparison(relation=Relation("unrelated", None, 0.02, ()),
                        alignments=(), changes=(), quotes=(), speakers=(), stats={})
    page = render(c, "html")
    rows = re.findall(r'class="rt-row (rt-\w+)"', page)
    # Neither text retells the other: its sentences are unaligned, not "omitted" or "added".
    assert rows == ["rt-unaligned"] * (len(c.a.sentences) + len(c.b.sentences))
    assert "not retold" not in page and "<del" not in page.split("</style>")[-1]
    assert "no common source" in page
    assert "no common source" in render(c, "text")
    assert json.loads(render(c, "json"))["relation"]["source"] is None


def test_notes_that_only_repeat_the_span_are_left_out() -> None:
    from pathlib import Path

    from retold.compare import compare_articles
    from retold.embed import get_encoder
    from retold.ingest.article import build_article

    seed = Path(__file__).resolve().parents[1] / "examples" / "seed-pair"
    a, b = (build_article((seed / n).read_text(encoding="utf-8")) for n in ("tass.txt", "retelling.txt"))
    html = render_comparison(compare_articles(a, b, get_encoder()))
    assert "Taliban movement is banned in Russia" in html
    assert "dropped disclaimer:" not in html and "sentence dropped (context)" not in html


def test_sentence_counts_are_singular_for_one() -> None:
    from render_fixtures import article

    from retold.models import Alignment

    b = article("b", ["The envoy said Russia has evidence of the US plan."])
    page = render_comparison(seed_comparison(b=b, alignments=(Alignment((0,), (0,), 0.5, "altered"),), changes=()))
    assert "en · 1 sentence<" in page and "1 sentences" not in page
    assert "en · 10 sentences<" in page
