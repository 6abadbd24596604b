"""Direct and reported quotes, and who said them.

Works on an article's cleaned sentences. Direct quotes are found from quote
marks whose direction is read from their neighbours (news copy often leaves a
multi-sentence quote unopened or unclosed, as TASS does); reported speech from
"X said that …" and "…, X said." patterns. A pronoun speaker ("he added")
resolves to the last named speaker, and a bare surname to the fullest earlier
spelling of it.

Each quote also carries where its parts are — the content, the mention of
the source (as written, a pronoun included) and the cue ("said") — as
``(sentence, start, end)`` pieces, so they can be highlighted and scored
against PolNeAR's Source / Cue / Content spans (bench/bench_polnear.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .names import NAME, same_person, strip_titles

SPEECH_VERBS = (
    r"(?P<cue>said|says|say|told|added|adds|stated|states|confirmed|explained|noted|pointed out|recalled|"
    r"concluded|stressed|emphasi[sz]ed|declared|announced|claimed|argued|warned|insisted|asserted|"
    r"wrote|replied|remarked|continued|indicated|affirmed|reported|"
    r"заявил[аи]?|сказал[аи]?|отметил[аи]?|добавил[аи]?|подчеркнул[аи]?|сообщил[аи]?|заключил[аи]?)"
)
_PRONOUN = r"(?:he|she|He|She|они|он|она|Он|Она)"
_SPEAKER = rf"(?P<name>{NAME}|{_PRONOUN})"
_AUX = r"(?:(?:has|had|have)\s+(?:also\s+)?(?:previously\s+)?)?"
# Attribution after a quote: `," said Lavrentyev` / `," Lavrentyev added` / `," he pointed out`.
_AFTER = [
    re.compile(rf"^[\s,.\-—:]*{_AUX}{SPEECH_VERBS}\s+{_SPEAKER}"),
    re.compile(rf"^[\s,.\-—:]*{_SPEAKER},?\s+{_AUX}{SPEECH_VERBS}"),
]
# Attribution before a quote: `He added, "` / `quoted Lavrentiev as saying ..., "`.
_BEFORE = [
    re.compile(rf"{_SPEAKER},?\s+(?:\w+\s+){{0,2}}{_AUX}{SPEECH_VERBS}(?:\s+\w+){{0,3}}\s*[,:]?\s*$"),
    re.compile(rf"(?P<cue>quot\w*)\s+{_SPEAKER}\s+as\s+saying"),
]
# Reported speech: `X (has) said that CLAUSE` and `CLAUSE, X(, title), has said.`
_REPORTED_THAT = re.compile(rf"{_SPEAKER},?\s+(?:citing [^,]{{1,60}},\s+)?{_AUX}(?:\w+\s+)?{SPEECH_VERBS}\s+that\s+(?P<clause>.+)$")
_REPORTED_TAIL = re.compile(rf"^(?P<clause>.+?),\s+(?:[^,]{{0,120}},\s+)?{_SPEAKER},?\s+{_AUX}{SPEECH_VERBS}\.?$")

_OPEN = "\"“«„"
_CLOSE = "\"”»“"


Piece = tuple[int, int, int]  # (sentence index, start, end): offsets into that sentence's text


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    """A quote inside one article: its text, the sentences it spans, its speaker, and where each part is."""

    text: str
    sentences: tuple[int, ...]
    speaker: str | None
    direct: bool
    content: tuple[Piece, ...] = ()
    source: Piece | None = None  # the speaker's mention as written ("he", "Lavrentyev")
    cue: Piece | None = None  # the speech verb


def _piece(m: re.Match[str] | None, group: str, sentence: int, offset: int = 0) -> Piece | None:
    """The span of ``group`` in match ``m`` as a piece of ``sentence``; ``offset`` shifts it."""
    if m is None or group not in m.re.groupindex or m.group(group) is None:
        return None
    return (sentence, m.start(group) + offset, m.end(group) + offset)


def _marks(doc: str) -> list[tuple[int, str]]:
    """Quote marks with their direction: 'o' opening, 'c' closing."""
    out = []
    for i, ch in enumerate(doc):
        if ch not in _OPEN and ch not in _CLOSE:
            continue
        prev = doc[i - 1] if i else " "
        nxt = doc[i + 1] if i + 1 < len(doc) else " "
        if ch in "«„":
            out.append((i, "o"))
        elif ch in "»”" and ch != "“":
            out.append((i, "c"))
        elif prev.isspace() or prev in "([—-:" or i == 0:
            out.append((i, "o"))
        elif nxt.isspace() or nxt in ".,;:!?)" or i + 1 == len(doc):
            out.append((i, "c"))
    return out


def _speaker(m: re.Match[str] | None) -> str | None:
    if not m:
        return None
    name = m.group("name")
    return name if re.fullmatch(_PRONOUN, name) else (strip_titles(name) or None)


@dataclass(slots=True)
class _Found:
    """A quote before its speaker is resolved."""

    sentences: list[int]
    at: int  # offset of the quote in its first sentence's paragraph (-1 for reported speech)
    speaker: str | None
    direct: bool
    text: str
    content: tuple[Piece, ...]
    source: Piece | None
    cue: Piece | None


class _Paragraph:
    """The sentences of one paragraph joined by spaces, so quotes can cross sentences."""

    def __init__(self, sentences: list[str], ids: list[int]) -> None:
        self.ids = ids
        self.spans: list[tuple[int, int]] = []
        doc = ""
        for i in ids:
            self.spans.append((len(doc), len(doc) + len(sentences[i])))
            doc += sentences[i] + " "
        self.doc = doc

    def index(self, pos: int) -> int:
        """Position in this paragraph of the sentence holding ``pos``."""
        return next(k for k, (a, b) in enumerate(self.spans) if a <= pos <= b)

    def pieces(self, start: int, end: int) -> tuple[Piece, ...]:
        """``doc[start:end]`` as pieces of the sentences it covers."""
        out = []
        for k, (a, b) in enumerate(self.spans):
            s, e = max(start, a), min(end, b)
            if s < e:
                out.append((self.ids[k], s - a, e - a))
        return tuple(out)

    def piece(self, m: re.Match[str] | None, group: str, offset: int) -> Piece | None:
        if m is None or group not in m.re.groupindex or m.group(group) is None:
            return None
        found = self.pieces(m.start(group) + offset, m.end(group) + offset)
        return found[0] if found else None


def _direct(para: _Paragraph) -> list[_Found]:
    """Quotes marked with quotation marks in one paragraph, with their attribution."""
    doc, spans = para.doc, para.spans
    out: list[_Found] = []
    open_at: int | None = None
    last_close = -1
    for pos, kind in _marks(doc):
        if kind == "o":
            open_at = pos
            continue
        if open_at is None:
            # Closing mark with no opening: the quote began at the first
            # sentence after the previous quote (TASS style).
            k = para.index(last_close) + 1 if last_close >= 0 else 0
            start = spans[min(k, para.index(pos))][0] - 1
        else:
            start = open_at
        text = doc[start + 1 : pos].strip()
        if len(text.split()) >= 2:
            ks = list(range(para.index(start + 1), para.index(pos) + 1))
            after_at, before_at = pos + 1, spans[ks[0]][0]
            after = doc[after_at : spans[ks[-1]][1]]
            before = doc[before_at : max(start, before_at)]
            m, offset = next(((r.match(after), after_at) for r in _AFTER if r.match(after)), (None, 0))
            if m is None:
                m, offset = next(((r.search(before), before_at) for r in _BEFORE if r.search(before)), (None, 0))
            out.append(_Found([para.ids[k] for k in ks], start, _speaker(m), True, text.rstrip(","),
                              para.pieces(max(start, spans[ks[0]][0]), pos + 1),
                              para.piece(m, "name", offset), para.piece(m, "cue", offset)))
        open_at, last_close = None, pos
    return out


def _reported(sentence: str, i: int) -> _Found | None:
    """Reported speech in one sentence: "X said that …", "…, X said."."""
    m = _REPORTED_THAT.search(sentence) or _REPORTED_TAIL.match(sentence)
    if not m or len(m.group("clause").split()) < 4:
        return None
    text = m.group("clause").rstrip(". ")
    content = (i, m.start("clause"), m.start("clause") + len(text))
    return _Found([i], -1, _speaker(m), False, text, (content,), _piece(m, "name", i), _piece(m, "cue", i))


def find_quotes(sentences: list[str], paragraphs: list[int] | None = None) -> list[QuoteSpan]:
    """Find quotes in an article given its sentences (and paragraph numbers).

    >>> q = find_quotes(['"It is late," Smith said.'])
    >>> (q[0].text, q[0].speaker, q[0].source, q[0].cue)
    ('It is late,', 'Smith', (0, 14, 19), (0, 20, 24))
    """
    paragraphs = paragraphs or [0] * len(sentences)
    by_para: dict[int, list[int]] = {}
    for i in range(len(sentences)):
        by_para.setdefault(paragraphs[i], []).append(i)
    found = [q for ids in by_para.values() for q in _direct(_Paragraph(sentences, ids))]
    quoted = {k for q in found for k in q.sentences}
    # Reported speech in sentences that carry no direct quote.
    found += [q for i, s in enumerate(sentences) if i not in quoted and (q := _reported(s, i))]
    found.sort(key=lambda q: (q.sentences[0], q.at))
    # Resolve pronouns and surnames against named speakers seen so far.
    quotes: list[QuoteSpan] = []
    named: list[str] = []
    last: str | None = None
    prev_para = -1
    for q in found:
        speaker = q.speaker
        if speaker is None and q.direct and paragraphs[q.sentences[0]] == prev_para:
            speaker = last  # a quote continued in the same paragraph keeps its speaker
        prev_para = paragraphs[q.sentences[-1]]
        if speaker and re.fullmatch(_PRONOUN, speaker):
            speaker = last
        elif speaker:
            full = next((n for n in named if same_person(n, speaker) and len(n) >= len(speaker)), None)
            speaker = full or speaker
            if speaker not in named:
                named.append(speaker)
        if speaker is None and not q.direct:
            continue
        last = speaker or last
        quotes.append(QuoteSpan(q.text, tuple(q.sentences), speaker, q.direct, q.content, q.source, q.cue))
    return quotes
