"""What every renderer needs before drawing: rows and highlighted spans.

Both the terminal and the HTML renderer show the same thing, so the decisions
(which sentences sit side by side, in which order, which spans are marked)
are made once here and only drawn differently.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ..models import INDEPENDENT_KINDS, Alignment, Article, Change, Comparison, Quote, Sentence, Side, Speaker
from .spans import contains, covers, locate_spans

RowKind = Literal["aligned", "omitted", "added"]


@dataclass(frozen=True, slots=True)
class Mark:
    """A highlighted span inside one sentence, and the change it shows."""

    start: int
    end: int
    change: Change
    whole: bool  # the span is the whole sentence (a sentence-level change)

    @property
    def kind(self) -> str:
        return self.change.kind


@dataclass(frozen=True, slots=True)
class Row:
    """One line of the side-by-side view."""

    kind: RowKind
    a: tuple[int, ...]
    b: tuple[int, ...]
    alignment: Alignment | None = None


def count(n: int, noun: str) -> str:
    """``n`` and ``noun``, plural unless one: "1 sentence", "20 sentences"."""
    return f"{n:,} {noun}{'' if n == 1 else 's'}"


def sentence_map(article: Article) -> dict[int, Sentence]:
    """Sentences by their ``index`` (which need not equal their position)."""
    return {s.index: s for s in article.sentences}


def _shows_on(change: Change, side: Side) -> str | None:
    """The text of ``change`` to highlight on ``side``, if any.

    Omissions exist only on a, additions only on b; alterations on both.
    """
    if side == "a" and change.kind in ("omitted", "altered"):
        return change.a_text
    if side == "b" and change.kind in ("added", "altered"):
        return change.b_text
    return None


def sentence_marks(c: Comparison, side: Side) -> dict[int, list[Mark]]:
    """Highlighted spans per sentence index on one side of the comparison.

    A change text that spans several sentences (a multi-sentence omission)
    marks each sentence it contains whole.
    """
    article = c.a if side == "a" else c.b
    sentences = sentence_map(article)
    needles: dict[int, list[tuple[str, Change]]] = {}
    for change in c.changes:
        text = _shows_on(change, side)
        if not text:
            continue
        for index in change.a if side == "a" else change.b:
            sentence = sentences.get(index)
            if sentence is None:
                continue
            needle = text
            if len(text) > len(sentence.text) and contains(text, sentence.text):
                needle = sentence.text
            needles.setdefault(index, []).append((needle, change))
    marks: dict[int, list[Mark]] = {}
    for index, wanted in needles.items():
        sentence_text = sentences[index].text
        spans = locate_spans(sentence_text, wanted)
        if spans:
            marks[index] = [Mark(s, e, ch, covers(sentence_text, s, e)) for s, e, ch in spans]
    return marks


def side_by_side(c: Comparison) -> list[Row]:
    """Rows in b's order: one per alignment, one per unaligned b sentence
    ("added"), and each unaligned a sentence ("omitted") placed right after the
    row holding the a sentence before it, so omissions appear where they were.
    """
    aligned_a = {i for al in c.alignments for i in al.a}
    aligned_b = {i for al in c.alignments for i in al.b}
    rows = [Row("aligned", al.a, al.b, al) for al in c.alignments]
    rows += [Row("added", (), (s.index,)) for s in c.b.sentences if s.index not in aligned_b]
    # Alignments without b (should not happen) sort last rather than crash.
    rows.sort(key=lambda r: (min(r.b) if r.b else float("inf"), r.kind != "aligned"))
    for s in sorted(c.a.sentences, key=lambda s: s.index):
        if s.index in aligned_a:
            continue
        before = [pos for pos, r in enumerate(rows) if r.a and min(r.a) < s.index]
        # The row whose a sentences come latest before this one.
        at = max(before, key=lambda pos: (max(i for i in rows[pos].a if i < s.index), pos)) + 1 if before else 0
        rows.insert(at, Row("omitted", (s.index,), ()))
    return rows


def direction(c: Comparison) -> str:
    """The relation's direction in words, e.g. "b derives from a"."""
    r = c.relation
    if r.kind == "unrelated":
        return "no common source"
    if r.source == "a":
        return "b derives from a"
    if r.source == "b":
        return "a derives from b"
    return "direction undetermined"


def role(c: Comparison, side: Side) -> str:
    """"source", "retelling" or "" (direction undetermined) for one side."""
    if c.relation.source is None or c.relation.kind == "unrelated":
        return ""
    return "source" if c.relation.source == side else "retelling"


def shown_quotes(c: Comparison) -> tuple[Quote, ...]:
    """The quotes the views list: between unrelated texts, only those both sides carry
    (a quote on one side only says nothing about the other)."""
    if c.relation.kind != "unrelated":
        return c.quotes
    return tuple(q for q in c.quotes if q.a and q.b)


def shown_speakers(c: Comparison) -> tuple[Speaker, ...]:
    """The speakers the views list: between unrelated texts, only those quoted on both sides."""
    if c.relation.kind != "unrelated":
        return c.speakers
    in_a = {q.a.speaker for q in c.quotes if q.a and q.a.speaker}
    in_b = {q.b.speaker for q in c.quotes if q.b and q.b.speaker}
    return tuple(s for s in c.speakers if in_a.intersection(s.variants) and in_b.intersection(s.variants))


def stat_items(c: Comparison) -> list[tuple[str, str]]:
    """``Comparison.stats`` as (key, shown value) pairs, empty values left out."""
    out = []
    for key, value in c.stats.items():
        if value is None or (isinstance(value, list | tuple | dict | str) and not value):
            continue
        out.append((key, f"{value:.3g}" if isinstance(value, float) else str(value)))
    return out


def independent_note(c: Comparison) -> str | None:
    """What the views say instead of omissions and additions when neither text retells the other."""
    if c.relation.kind not in INDEPENDENT_KINDS:
        return None
    return "Neither text retells the other, so nothing is listed as omitted or added; only differences inside aligned passages are."


def change_headings(c: Comparison) -> dict[str, str]:
    """Headings of the change lists, read as what the retelling did.

    A change's kind is always from a to b ("omitted" = in a, not in b); when a
    is the retelling, a text only in a is what the retelling added.
    """
    if role(c, "a") == "retelling":
        return {"omitted": "added by a, the retelling (not in b)", "added": "dropped by a, the retelling (only in b)",
                "altered": "altered by a, the retelling (shown a → b)"}
    if role(c, "b") == "retelling":
        return {"omitted": "omitted from b, the retelling", "added": "added in b, the retelling", "altered": "altered"}
    return {"omitted": "omitted from b", "added": "added in b", "altered": "altered"}


def indices(side: str, ix: tuple[int, ...]) -> str:
    """Sentence numbers compactly: ``a3``, ``a2–4``, ``a2,5``; '' for none."""
    if not ix:
        return ""
    s = sorted(ix)
    if len(s) > 1 and s == list(range(s[0], s[-1] + 1)):
        return f"{side}{s[0]}–{s[-1]}"
    return side + ",".join(map(str, s))


def scope(c: Comparison, change: Change) -> str:
    """"sentence" if a change covers whole sentences, "headline" for the titles', else "clause"."""
    if not change.a and not change.b:
        return "headline"
    side: Side = "b" if change.kind == "added" else "a"
    text = change.b_text if side == "b" else change.a_text
    sentences = sentence_map(c.b if side == "b" else c.a)
    ix = change.b if side == "b" else change.a
    if not text or not ix:
        return "clause"
    whole = all(i in sentences and contains(text, sentences[i].text) for i in ix)
    return "sentence" if whole else "clause"


def note_restates(ch: Change) -> bool:
    """Whether a note only repeats the quoted text above it ("“x” → “y”", "dropped quote: “x”").

    Such notes are not shown (terminal and HTML); the JSON keeps every note.
    """

    def bare(text: str) -> str:
        return text.replace("“", "").replace("”", "").replace('"', "").strip()

    shown = " → ".join(t for t in (ch.a_text, ch.b_text) if t) if ch.kind == "altered" else (
        ch.a_text if ch.kind == "omitted" else ch.b_text) or ""
    note, text = bare(ch.note), bare(shown)
    if note in (f"sentence dropped ({ch.category})", f"sentence added ({ch.category})"):
        return True  # the category line says it
    # "dropped quote: “…”": the label says no more than the category line above
    head = note[: len(note) - len(text)].rstrip()
    return note == text or (bool(text) and note.endswith(text) and head.endswith(":") and len(head) <= 40)
