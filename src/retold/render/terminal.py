"""Comparison → text for a terminal, drawn with rich.

Sections, in reading order: the relation and its evidence; the aligned
sentences side by side with changed spans highlighted; omissions, additions
and alterations; quotes and speakers. Without colour, spans are marked the
way ``wdiff`` does (``[-omitted-]``, ``{+added+}``) plus ``[~altered~]``, so
piped output and logs keep the information.
"""

from __future__ import annotations

import io
from collections.abc import Iterable

from rich import box
from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from ..models import Article, Change, Comparison, QuoteSide
from .layout import (Mark, change_headings, count, direction, independent_note, indices, note_restates, scope,
                     sentence_map, sentence_marks, shown_quotes, shown_speakers, stat_items)

STYLES = {"omitted": "red strike", "added": "green", "altered": "yellow"}
MARKERS = {"omitted": ("[-", "-]"), "added": ("{+", "+}"), "altered": ("[~", "~]")}
SIGNS = {"omitted": "−", "added": "+", "altered": "~"}
_MUTED = "grey58"


def _marked(text: str, marks: Iterable[Mark], color: bool) -> Text:
    """One sentence with its changed spans styled (or bracketed without colour)."""
    out = Text()
    at = 0
    for m in marks:
        out.append(text[at : m.start])
        span = text[m.start : m.end]
        if color:
            out.append(span, style=STYLES[m.kind])
        else:
            left, right = MARKERS[m.kind]
            out.append(f"{left}{span}{right}")
        at = m.end
    out.append(text[at:])
    return out


def _sentences(article: Article, ix: tuple[int, ...], marks: dict[int, list[Mark]], color: bool) -> Text:
    sentences = sentence_map(article)
    parts = [_marked(sentences[i].text, marks.get(i, ()), color) for i in ix if i in sentences]
    return Text(" ").join(parts)


def _articles(c: Comparison) -> Table:
    """Who is a and who is b: outlet, date, language, title, url."""
    grid = Table.grid(padding=(0, 2))
    grid.add_column(no_wrap=True, style="bold")
    grid.add_column(ratio=1)
    for label, article in (("a", c.a), ("b", c.b)):
        meta = [article.outlet, article.published.date().isoformat() if article.published else None,
                article.language, count(len(article.sentences), "sentence")]
        cell = Text(" · ".join(m for m in meta if m), style=_MUTED)
        cell.append("\n")
        cell.append(article.title or article.id, style="italic")
        if article.url:
            cell.append(f"\n{article.url}", style=_MUTED)
        grid.add_row(label, cell)
    return grid


def _relation(c: Comparison, color: bool) -> Panel:
    r = c.relation
    head = Text()
    head.append(r.kind.upper(), style="bold")
    head.append(f"  ·  {direction(c)}  ·  confidence {r.confidence:.2f}")
    if r.via_translation:
        head.append("  ·  via translation")
    body: list[RenderableType] = [head]
    if r.evidence:
        evidence = Text()
        for line in r.evidence:
            evidence.append("\n• ")
            evidence.append(line)
        body.append(evidence)
    body += [Text(""), _articles(c)]
    return Panel(Group(*body), title=Text("relation", style="bold"), title_align="left",
                 border_style=_MUTED, box=box.ROUNDED, padding=(0, 1))


def _legend(color: bool) -> Text:
    legend = Text("changed spans: ", style=_MUTED)
    for kind in ("omitted", "added", "altered"):
        if color:
            legend.append(kind, style=STYLES[kind])
        else:
            left, right = MARKERS[kind]
            legend.append(f"{left}{kind}{right}")
        legend.append("  ")
    return legend


def _alignments(c: Comparison, color: bool) -> Table:
    marks_a, marks_b = sentence_marks(c, "a"), sentence_marks(c, "b")
    table = Table(box=box.SIMPLE_HEAD, expand=True, show_lines=True, pad_edge=False,
                  title=Text("aligned sentences", style="bold"), title_justify="left", header_style=_MUTED)
    table.add_column("a", justify="right", no_wrap=True, style=_MUTED)
    # fold, not ellipsis: a long word is wrapped, never cut ("don't truncate meaning").
    table.add_column("a text", ratio=1, overflow="fold")
    table.add_column("b text", ratio=1, overflow="fold")
    table.add_column("b", no_wrap=True, style=_MUTED)
    table.add_column("match", no_wrap=True, style=_MUTED)
    for al in sorted(c.alignments, key=lambda al: (min(al.b, default=0), min(al.a, default=0))):
        table.add_row(
            indices("a", al.a),
            _sentences(c.a, al.a, marks_a, color),
            _sentences(c.b, al.b, marks_b, color),
            indices("b", al.b),
            f"{al.score:.2f}\n{al.kind}" + (f"\nmeaning {al.similarity:.2f}" if al.similarity is not None else ""),
        )
    return table


def _quoted(text: str | None) -> Text:
    return Text(f"“{text}”") if text else Text("—", style=_MUTED)


def _changes(c: Comparison, color: bool) -> list[RenderableType]:
    out: list[RenderableType] = []
    for kind, heading in change_headings(c).items():
        changes = [ch for ch in c.changes if ch.kind == kind]
        if not changes:
            continue
        out.append(Text(f"{heading} ({len(changes)})", style="bold"))
        grid = Table.grid(padding=(0, 2), expand=True)
        grid.add_column(no_wrap=True)
        grid.add_column(no_wrap=True, style=_MUTED)
        grid.add_column(ratio=1, overflow="fold")
        for ch in changes:
            grid.add_row(_sign(ch, color), _where(ch), _change_text(c, ch, color))
        out.append(Padding(grid, (0, 0, 1, 2)))
    return out


def _sign(ch: Change, color: bool) -> Text:
    return Text(SIGNS[ch.kind], style=STYLES[ch.kind].replace(" strike", "") if color else "")


def _where(ch: Change) -> str:
    return " → ".join(p for p in (indices("a", ch.a), indices("b", ch.b)) if p)


def _change_text(c: Comparison, ch: Change, color: bool) -> Text:
    line = Text()
    line.append(ch.category, style="bold")
    line.append(f" · {scope(c, ch)}", style=_MUTED)
    line.append("\n")
    if ch.kind == "altered":
        line.append_text(_quoted(ch.a_text))
        line.append(" → ")
        line.append_text(_quoted(ch.b_text))
    else:
        line.append_text(_quoted(ch.a_text if ch.kind == "omitted" else ch.b_text))
    if ch.note and not note_restates(ch):
        line.append(f"\n{ch.note}", style=_MUTED)
    return line



def _quote_cell(side: str, q: QuoteSide | None) -> Text:
    if q is None:
        return Text("not quoted", style=_MUTED)
    cell = Text(q.speaker or "unattributed", style="bold" if q.speaker else _MUTED)
    cell.append(f"  {indices(side, (q.sentence,))}\n", style=_MUTED)
    cell.append(f"“{q.text}”")
    return cell


def _quotes(c: Comparison) -> list[RenderableType]:
    out: list[RenderableType] = []
    quotes, speakers = shown_quotes(c), shown_speakers(c)
    if quotes:
        table = Table(box=box.SIMPLE_HEAD, expand=True, show_lines=True, pad_edge=False,
                      title=Text("quotes", style="bold"), title_justify="left", header_style=_MUTED)
        table.add_column("in a", ratio=1, overflow="fold")
        table.add_column("in b", ratio=1, overflow="fold")
        for q in quotes:
            table.add_row(*(_quote_cell(side, qs) for side, qs in (("a", q.a), ("b", q.b))))
        out.append(table)
    if speakers:
        table = Table(box=box.SIMPLE_HEAD, expand=True, pad_edge=False,
                      title=Text("speakers", style="bold"), title_justify="left", header_style=_MUTED)
        table.add_column("name", ratio=1, overflow="fold")
        table.add_column("spelled as", ratio=3, overflow="fold")
        for s in speakers:
            table.add_row(Text(s.name), Text(" · ".join(s.variants)))
        out.append(table)
    return out


def _stats(c: Comparison) -> Text | None:
    if not c.stats:
        return None
    return Text(" · ".join(f"{key} {shown}" for key, shown in stat_items(c)), style=_MUTED)


def renderables(c: Comparison, color: bool = True) -> list[RenderableType]:
    """The sections as rich renderables, for callers composing their own output."""
    parts: list[RenderableType] = [_relation(c, color)]
    if c.alignments or c.changes:
        parts.append(_legend(color))
    if c.alignments:
        parts.append(_alignments(c, color))
    parts += _changes(c, color)
    if (note := independent_note(c)) is not None:
        parts.append(Text(note, style=_MUTED))
    parts += _quotes(c)
    stats = _stats(c)
    if stats is not None:
        parts.append(stats)
    return parts


def render_comparison(c: Comparison, console_width: int = 100, color: bool = True) -> str:
    """The comparison as terminal text (ANSI colours when ``color``).

    >>> print(render_comparison(comparison, console_width=80, color=False))  # doctest: +SKIP
    ╭─ relation ───────────────────────────────────────────────╮
    │ REWRITE  ·  b derives from a  ·  confidence 0.87          │
    ...
    """
    file = io.StringIO()
    console = Console(
        file=file,
        width=console_width,
        color_system="256" if color else None,
        force_terminal=color,
        no_color=not color,
        highlight=False,
        emoji=False,
        legacy_windows=False,
        force_jupyter=False,
    )
    for part in renderables(c, color):
        console.print(part)
    text = file.getvalue()
    # Tables pad every line to the full width; trailing blanks only bloat files.
    return "\n".join(line.rstrip() for line in text.split("\n"))


def print_comparison(c: Comparison, console: Console | None = None) -> None:
    """Print the comparison to ``console`` (default: a new one on stdout).

    Colours follow the console: piped or ``NO_COLOR`` output gets bracket
    markers for changed spans instead.

    >>> print_comparison(comparison)  # doctest: +SKIP
    """
    console = console or Console(highlight=False, emoji=False)
    color = console.color_system is not None and not console.no_color
    for part in renderables(c, color):
        console.print(part)
