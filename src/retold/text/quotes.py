"""Direct and reported quotes, and who said them.

Works on an article's cleaned sentences. Direct quotes are found from quote
marks whose direction is read from their neighbours (news copy often leaves a
multi-sentence quote unopened or unclosed, as TASS does); reported speech from
"X said that …" and "…, X said." patterns. A pronoun speaker ("he added")
resolves to the last named speaker, and a bare surname to the fullest earlier
spelling of it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .names import NAME, same_person, strip_titles

SPEECH_VERBS = (
    r"(?:said|says|say|told|added|adds|stated|states|confirmed|explained|noted|pointed out|recalled|"
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
    re.compile(rf"quot\w*\s+{_SPEAKER}\s+as\s+saying"),
]
# Reported speech: `X (has) said that CLAUSE` and `CLAUSE, X(, title), has said.`
_REPORTED_THAT = re.compile(rf"{_SPEAKER},?\s+(?:citing [^,]{{1,60}},\s+)?{_AUX}(?:\w+\s+)?{SPEECH_VERBS}\s+that\s+(?P<clause>.+)$")
_REPORTED_TAIL = re.compile(rf"^(?P<clause>.+?),\s+(?:[^,]{{0,120}},\s+)?{_SPEAKER},?\s+{_AUX}{SPEECH_VERBS}\.?$")

_OPEN = "\"“«„"
_CLOSE = "\"”»“"


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    """A quote inside one article: its text, the sentences it spans, its speaker."""

    text: str
    sentences: tuple[int, ...]
    speaker: str | None
    direct: bool


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


def find_quotes(sentences: list[str], paragraphs: list[int] | None = None) -> list[QuoteSpan]:
    """Find quotes in an article given its sentences (and paragraph numbers).

    >>> q = find_quotes(['"It is late," Smith said.'])
    >>> (q[0].text, q[0].speaker)
    ('It is late,', 'Smith')
    """
    paragraphs = paragraphs or [0] * len(sentences)
    # One string per paragraph, with each sentence's span, so quotes can cross sentences.
    quotes: list[QuoteSpan] = []
    spans: list[tuple[int, int]] = []
    doc = ""
    by_para: dict[int, list[int]] = {}
    for i, s in enumerate(sentences):
        by_para.setdefault(paragraphs[i], []).append(i)
    raw: list[tuple[int, int, list[int], str | None]] = []  # (start, end, sentence ids, speaker)
    for para in by_para.values():
        doc, spans = "", []
        for i in para:
            spans.append((len(doc), len(doc) + len(sentences[i])))
            doc += sentences[i] + " "
        sent_at = lambda pos: next(k for k, (a, b) in enumerate(spans) if a <= pos <= b)  # noqa: E731
        open_at: int | None = None
        last_close = -1
        for pos, kind in _marks(doc):
            if kind == "o":
                open_at = pos
                continue
            if open_at is None:
                # Closing mark with no opening: the quote began at the first
                # sentence after the previous quote (TASS style).
                k = sent_at(last_close) + 1 if last_close >= 0 else 0
                start = spans[min(k, sent_at(pos))][0] - 1
            else:
                start = open_at
            text = doc[start + 1 : pos].strip()
            if len(text.split()) >= 2:
                ks = list(range(sent_at(start + 1), sent_at(pos) + 1))
                after = doc[pos + 1 : spans[ks[-1]][1]]
                before = doc[spans[ks[0]][0] : max(start, spans[ks[0]][0])]
                m = next((r.match(after) for r in _AFTER if r.match(after)), None) or next(
                    (r.search(before) for r in _BEFORE if r.search(before)), None
                )
                raw.append((start, pos, [para[k] for k in ks], _speaker(m)))
            open_at, last_close = None, pos
    quoted = {k for _, _, ks, _ in raw for k in ks}
    # Reported speech in sentences that carry no direct quote.
    for i, s in enumerate(sentences):
        if i in quoted:
            continue
        m = _REPORTED_THAT.search(s) or _REPORTED_TAIL.match(s)
        if m and len(m.group("clause").split()) >= 4:
            raw.append((-1, -1, [i], _speaker(m)))
            quoted.add(i)
    raw.sort(key=lambda r: (r[2][0], r[0]))
    # Resolve pronouns and surnames against named speakers seen so far.
    named: list[str] = []
    last: str | None = None
    prev_para = -1
    for start, end, ks, speaker in raw:
        if speaker is None and start >= 0 and paragraphs[ks[0]] == prev_para:
            speaker = last  # a quote continued in the same paragraph keeps its speaker
        prev_para = paragraphs[ks[-1]]
        if speaker and re.fullmatch(_PRONOUN, speaker):
            speaker = last
        elif speaker:
            full = next((n for n in named if same_person(n, speaker) and len(n) >= len(speaker)), None)
            speaker = full or speaker
            if speaker not in named:
                named.append(speaker)
        if speaker is None and start < 0:
            continue
        last = speaker or last
        if start < 0:
            m = _REPORTED_THAT.search(sentences[ks[0]]) or _REPORTED_TAIL.match(sentences[ks[0]])
            text, direct = m.group("clause").rstrip(". "), False  # type: ignore[union-attr]
        else:
            text, direct = _text_between(sentences, paragraphs, ks, start, end), True
        quotes.append(QuoteSpan(text, tuple(ks), speaker, direct))
    return quotes


def _text_between(sentences: list[str], paragraphs: list[int], ks: list[int], start: int, end: int) -> str:
    """Rebuild the quoted text from the paragraph string offsets."""
    para = [i for i in range(len(sentences)) if paragraphs[i] == paragraphs[ks[0]]]
    doc = " ".join(sentences[i] for i in para) + " "
    return doc[start + 1 : end].strip().rstrip(",")
