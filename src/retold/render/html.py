"""Comparison → one self-contained HTML page (or a fragment for Jupyter).

Like spaCy's displacy, rendering is a pure function returning a string; the
web app serves what this produces. No external assets and no JavaScript:
linking from the changes list to the rows uses plain anchors and ``:target``.

Everything that comes from an article (text, title, outlet, url, speakers,
change texts and notes, evidence) is untrusted: it is escaped with
``html.escape(quote=True)`` at the one place it enters markup (:func:`_e`),
and URLs are linked only when they are http(s).
"""

from __future__ import annotations

import hashlib
import re
from html import escape
from typing import Any

from ..models import INDEPENDENT_KINDS, Article, Change, Comparison, QuoteSide, Side
from .assets import CSS, PAGE_CSS
from .layout import (Mark, Row, change_headings, count, direction, independent_note, indices, note_restates, role, scope,
                     sentence_map, sentence_marks, shown_quotes, shown_speakers, side_by_side, stat_items)

_TAGS = {"omitted": "del", "added": "ins", "altered": "mark"}
_SAFE_URL = re.compile(r"^https?://", re.IGNORECASE)
_CLASS_SAFE = re.compile(r"[^a-z0-9-]+")


def _e(value: object) -> str:
    """Escape text for element content and double-quoted attribute values alike."""
    return escape(str(value), quote=True)


def _attrs(**values: Any) -> str:
    """`` name="value"`` pairs, escaped; ``None`` values left out, ``_`` → ``-``."""
    return "".join(
        f' {name.rstrip("_").replace("_", "-")}="{_e(value)}"' for name, value in values.items() if value is not None
    )


def _token(value: str) -> str:
    """A value made safe for use inside a class name."""
    return _CLASS_SAFE.sub("-", value.lower()).strip("-") or "x"


def _safe_url(url: str | None) -> str | None:
    """The URL if it is http(s), else None: ``javascript:`` and ``data:`` never become links."""
    if not url:
        return None
    cleaned = "".join(ch for ch in url.strip() if ch.isprintable() and not ch.isspace())
    return cleaned if _SAFE_URL.match(cleaned) else None


def _lang(article: Article) -> str | None:
    return article.language if article.language and article.language != "und" else None


def _mark_title(mark: Mark, side: Side) -> str:
    ch = mark.change
    title = f"{ch.kind} · {ch.category}"
    if ch.kind == "altered":
        other = ch.b_text if side == "a" else ch.a_text
        if other:
            title += f" {'→' if side == 'a' else '←'} “{other}”"
    if ch.note and not note_restates(ch):
        title += f" — {ch.note}"
    return title


def _sentence(text: str, marks: list[Mark], side: Side, index: int, change_ids: dict[int, int]) -> str:
    parts: list[str] = []
    at = 0
    for m in marks:
        parts.append(_e(text[at : m.start]))
        tag = _TAGS[m.kind]
        classes = m.kind + (" rt-whole" if m.whole else "")
        parts.append(
            f"<{tag}{_attrs(class_=classes, title=_mark_title(m, side), data_category=m.change.category, data_change=change_ids.get(id(m.change)))}>"
            f"{_e(text[m.start:m.end])}</{tag}>"
        )
        at = m.end
    parts.append(_e(text[at:]))
    return f'<span class="rt-s"{_attrs(data_i=index)}>{"".join(parts)}</span>'


def _cell(c: Comparison, side: Side, ix: tuple[int, ...], marks: dict[int, list[Mark]], change_ids: dict[int, int], empty: str) -> str:
    article = c.a if side == "a" else c.b
    sentences = sentence_map(article)
    if not ix:
        return f'<td class="rt-text rt-empty">{_e(empty)}</td>'
    body = "".join(
        _sentence(sentences[i].text, marks.get(i, []), side, i, change_ids) for i in ix if i in sentences
    )
    return f'<td class="rt-text"{_attrs(lang=_lang(article))} dir="auto">{body}</td>'


def _whole_row(text: str, kind: str, index: int) -> str:
    """A sentence that no change covers but that has no partner: shown struck or inserted whole."""
    tag = _TAGS[kind]
    return f'<span class="rt-s"{_attrs(data_i=index)}><{tag} class="{kind} rt-whole" title="{kind} · unaligned sentence">{_e(text)}</{tag}></span>'


def _header(c: Comparison) -> str:
    r = c.relation
    conf = max(0.0, min(1.0, float(r.confidence))) if r.confidence == r.confidence else 0.0
    verdict = [
        f'<span class="rt-kind rt-kind-{_token(r.kind)}">{_e(r.kind)}</span>',
        f'<span class="rt-direction">{_e(direction(c))}</span>',
        f'<span class="rt-confidence">confidence {conf:.2f}'
        f'<span class="rt-bar" aria-hidden="true"><span style="width:{round(conf * 100)}%"></span></span></span>',
    ]
    if r.via_translation:
        verdict.append('<span class="rt-tag">via translation</span>')
    evidence = "".join(f"<li>{_e(line)}</li>" for line in r.evidence)
    sides: tuple[tuple[Side, Article], ...] = (("a", c.a), ("b", c.b))
    articles = "".join(_article_card(side, article, role(c, side)) for side, article in sides)
    return (
        '<section class="rt-relation">'
        f'<div class="rt-verdict">{"".join(verdict)}</div>'
        + (f'<ul class="rt-evidence">{evidence}</ul>' if evidence else "")
        + f'<div class="rt-articles">{articles}</div></section>'
    )


def _article_card(side: Side, article: Article, part: str) -> str:
    meta: list[str] = []
    if article.outlet:
        meta.append(_e(article.outlet))
    if article.author:
        meta.append(_e(article.author))
    if article.published:
        meta.append(f"<time{_attrs(datetime=article.published.isoformat())}>{_e(article.published.date().isoformat())}</time>")
    if _lang(article):
        meta.append(_e(article.language))
    meta.append(count(len(article.sentences), "sentence"))
    url = _safe_url(article.url)
    if url:
        link = f'<a class="rt-url"{_attrs(href=url)} rel="noopener noreferrer nofollow">{_e(url)}</a>'
    elif article.url:
        link = f'<span class="rt-url rt-muted">{_e(article.url)}</span>'
    else:
        link = ""
    title = article.title or article.id
    return (
        f'<div class="rt-article rt-article-{side}">'
        f'<span class="rt-side">{side}{" · " + part if part else ""}</span>'
        f"<h2{_attrs(lang=_lang(article))} dir=\"auto\">{_e(title)}</h2>"
        f'<div class="rt-meta">{" · ".join(meta)}</div>{link}</div>'
    )


def _legend(c: Comparison) -> str:
    words = change_headings(c)
    return (
        '<p class="rt-legend"><span>Changed spans:</span>'
        f'<span><del class="omitted">{_e(words["omitted"])}</del></span>'
        f'<span><ins class="added">{_e(words["added"])}</ins></span>'
        f'<span><mark class="altered">{_e(words["altered"])}</mark></span>'
        "<span>hover a span for its category</span></p>"
    )


def _rows(c: Comparison, rows: list[Row], uid: str, change_ids: dict[int, int]) -> str:
    marks_a, marks_b = sentence_marks(c, "a"), sentence_marks(c, "b")
    sa, sb = sentence_map(c.a), sentence_map(c.b)
    head = (
        "<thead><tr>"
        '<th class="rt-n"></th>'
        f'<th>a · {_e(c.a.outlet or c.a.title or c.a.id)}</th>'
        '<th class="rt-match">match</th>'
        f'<th>b · {_e(c.b.outlet or c.b.title or c.b.id)}</th>'
        '<th class="rt-n"></th>'
        "</tr></thead>"
    )
    body: list[str] = []
    # Between independent texts an unaligned sentence is just not in the other, not dropped or added.
    independent = c.relation.kind in INDEPENDENT_KINDS
    for pos, row in enumerate(rows):
        if independent and row.kind != "aligned":
            cls = "rt-row rt-unaligned"
            side_article, by_index, i = (c.a, sa, row.a[0]) if row.kind == "omitted" else (c.b, sb, row.b[0])
            own = (f'<td class="rt-text"{_attrs(lang=_lang(side_article))} dir="auto">'
                   f'<span class="rt-s"{_attrs(data_i=i)}>{_e(by_index[i].text)}</span></td>')
            other = f'<td class="rt-text rt-empty">not in {"b" if row.kind == "omitted" else "a"}</td>'
            a_cell, b_cell = (own, other) if row.kind == "omitted" else (other, own)
            match = '<td class="rt-match">unaligned</td>'
        elif row.kind == "aligned" and row.alignment is not None:
            al = row.alignment
            cls = f"rt-row rt-aligned rt-{_token(al.kind)}"
            a_cell = _cell(c, "a", row.a, marks_a, change_ids, "")
            b_cell = _cell(c, "b", row.b, marks_b, change_ids, "")
            meaning = "" if al.similarity is None else f'<small title="graded meaning, 0-1">meaning {al.similarity:.2f}</small>'
            match = f'<td class="rt-match">{al.score:.2f}<small>{_e(al.kind)}</small>{meaning}</td>'
        elif row.kind == "omitted":
            cls = "rt-row rt-omitted"
            i = row.a[0]
            marks = marks_a.get(i) or []
            a_cell = (
                _cell(c, "a", row.a, marks_a, change_ids, "")
                if any(m.whole for m in marks)
                else f'<td class="rt-text"{_attrs(lang=_lang(c.a))} dir="auto">{_whole_row(sa[i].text, "omitted", i)}</td>'
            )
            b_cell = '<td class="rt-text rt-empty">not retold</td>'
            match = '<td class="rt-match">omitted</td>'
        else:
            cls = "rt-row rt-added"
            i = row.b[0]
            marks = marks_b.get(i) or []
            b_cell = (
                _cell(c, "b", row.b, marks_b, change_ids, "")
                if any(m.whole for m in marks)
                else f'<td class="rt-text"{_attrs(lang=_lang(c.b))} dir="auto">{_whole_row(sb[i].text, "added", i)}</td>'
            )
            a_cell = '<td class="rt-text rt-empty">not in a</td>'
            match = '<td class="rt-match">added</td>'
        body.append(
            f'<tr{_attrs(id=f"{uid}-r{pos}", class_=cls, data_a=" ".join(map(str, row.a)), data_b=" ".join(map(str, row.b)))}>'
            f'<td class="rt-n rt-n-a">{_e(indices("a", row.a))}</td>{a_cell}{match}{b_cell}'
            f'<td class="rt-n">{_e(indices("b", row.b))}</td></tr>'
        )
    return f'<table class="rt-pairs">{head}<tbody>{"".join(body)}</tbody></table>'


def _row_of(rows: list[Row], change: Change) -> int | None:
    """The row a change points at: its first b sentence, else its first a sentence."""
    for pos, row in enumerate(rows):
        if (change.b and change.b[0] in row.b) or (not change.b and change.a and change.a[0] in row.a):
            return pos
    return None


def _q(text: str | None) -> str:
    return f"<q>{_e(text)}</q>" if text else '<span class="rt-muted">—</span>'


def _changes(c: Comparison, rows: list[Row], uid: str) -> str:
    if not c.changes:
        return ""
    columns: list[str] = []
    headings = change_headings(c)
    for kind in ("omitted", "added", "altered"):
        items: list[str] = []
        for n, ch in enumerate(c.changes):
            if ch.kind != kind:
                continue
            where = _e(" → ".join(p for p in (indices("a", ch.a), indices("b", ch.b)) if p))
            pos = _row_of(rows, ch)
            where_html = f'<a{_attrs(href=f"#{uid}-r{pos}")}>{where}</a>' if pos is not None else where
            if kind == "altered":
                text = f'{_q(ch.a_text)}<span class="rt-arrow">→</span>{_q(ch.b_text)}'
            else:
                text = _q(ch.a_text if kind == "omitted" else ch.b_text)
            note = f'<div class="rt-note">{_e(ch.note)}</div>' if ch.note and not note_restates(ch) else ""
            items.append(
                f'<li{_attrs(id=f"{uid}-c{n}", class_=f"rt-change rt-change-{kind}", data_category=ch.category)}>'
                f'<div class="rt-head"><span class="rt-cat">{_e(ch.category)}</span>'
                f'<span class="rt-scope">{_e(scope(c, ch))}</span><span class="rt-where">{where_html}</span></div>'
                f"<div>{text}</div>{note}</li>"
            )
        if items:
            columns.append(
                f'<div><h3>{_e(headings[kind][:1].upper() + headings[kind][1:])}<span class="rt-count">{len(items)}</span></h3><ol>{"".join(items)}</ol></div>'
            )
    return f'<section class="rt-changes">{"".join(columns)}</section>'


def _quote_cells(side: str, q: QuoteSide | None) -> str:
    if q is None:
        return '<td class="rt-muted">—</td><td class="rt-muted">not quoted</td>'
    who = _e(q.speaker) if q.speaker else '<span class="rt-muted">unattributed</span>'
    return f'<td class="rt-who">{who}</td><td dir="auto">{_q(q.text)} <span class="rt-muted">{_e(indices(side, (q.sentence,)))}</span></td>'


def _quotes(c: Comparison) -> str:
    out = ""
    quotes, speakers = shown_quotes(c), shown_speakers(c)
    if quotes:
        rows = "".join(f"<tr>{_quote_cells('a', q.a)}{_quote_cells('b', q.b)}</tr>" for q in quotes)
        out += (
            f'<h3>Quotes<span class="rt-count">{len(quotes)}</span></h3><table class="rt-quotes">'
            "<thead><tr><th>speaker in a</th><th>quote in a</th><th>speaker in b</th><th>quote in b</th></tr></thead>"
            f"<tbody>{rows}</tbody></table>"
        )
    if speakers:
        rows = "".join(
            f'<tr><td class="rt-who">{_e(s.name)}</td><td>{" · ".join(_e(v) for v in s.variants)}</td></tr>'
            for s in speakers
        )
        out += (
            f'<h3>Speakers<span class="rt-count">{len(speakers)}</span></h3><table class="rt-speakers">'
            f"<thead><tr><th>name</th><th>spelled as</th></tr></thead><tbody>{rows}</tbody></table>"
        )
    return out


def _stats(c: Comparison) -> str:
    if not c.stats:
        return ""
    parts = [f"<span>{_e(key)} {_e(shown)}</span>" for key, shown in stat_items(c)]
    return f'<footer class="rt-stats">{"".join(parts)}</footer>'


def _uid(c: Comparison) -> str:
    # Ids must differ between comparisons shown in one notebook, and stay
    # stable across runs so links into the page keep working.
    return "rt-" + hashlib.sha1(f"{c.a.id}\0{c.b.id}".encode()).hexdigest()[:8]


def render_comparison(c: Comparison, standalone: bool = True) -> str:
    """The comparison as HTML: a whole page, or a ``<div>`` fragment.

    ``standalone=False`` gives a ``<div class="retold">`` with its own scoped
    ``<style>``, for Jupyter (``Comparison._repr_html_``) and for embedding in
    the web app's pages.

    >>> page = render_comparison(comparison)  # doctest: +SKIP
    >>> Path("pair.html").write_text(page, encoding="utf-8")  # doctest: +SKIP
    """
    uid = _uid(c)
    rows = side_by_side(c)
    change_ids = {id(ch): n for n, ch in enumerate(c.changes)}
    body = (
        _header(c)
        + (_legend(c) if c.alignments or c.changes else "")
        + (f'<p class="rt-legend">{_e(note)}</p>' if (note := independent_note(c)) else "")
        + _rows(c, rows, uid, change_ids)
        + _changes(c, rows, uid)
        + _quotes(c)
        + _stats(c)
    )
    fragment = f'<div class="retold"{_attrs(id=uid)}><style>{CSS}</style>{body}</div>'
    if not standalone:
        return fragment
    title = f"retold · {c.a.title or c.a.id} ↔ {c.b.title or c.b.id}"
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_e(title)}</title><style>{PAGE_CSS}</style></head>"
        f"<body>{fragment}</body></html>\n"
    )
