"""Remove scraping debris, find the headline and the agency dateline, build paragraphs.

``clean(original)`` decides line by line what is article text, normalises the
lines it keeps (``normalize``) and joins them into paragraphs separated by a
blank line. It never edits the original: the result carries an offset map, so
any span of the cleaned text points back at the published characters.

The rules come from real retellings. The seed pair (examples/seed-pair) shows
the common debris: the retelling's title appears three times — twice as is and
once as "Russian Envoy - We have ... from IraqInformation/translation…", the
headline glued to a translation banner — and the source opens with the agency
dateline "ASTANA, January 25. /TASS/.".
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field

from .normalize import SPACE_CHARS, fold, normalize_span

__all__ = ["AGENCIES", "Cleaned", "Dateline", "clean", "find_dateline"]

_STRIP = SPACE_CHARS + "\u200b\u200c\u200d\u2060\ufeff\u00ad"

# Agency names as they appear in datelines → the outlet name retold records.
# A short list on purpose: only agencies whose datelines are common in the
# news retold is used on (wire copy re-published by others).
AGENCIES: dict[str, str] = {
    "TASS": "TASS", "ТАСС": "TASS",
    "Reuters": "Reuters", "REUTERS": "Reuters",
    "AP": "AP", "Associated Press": "AP",
    "AFP": "AFP", "Interfax": "Interfax", "Интерфакс": "Interfax",
    "RIA Novosti": "RIA Novosti", "РИА Новости": "RIA Novosti",
    "Xinhua": "Xinhua", "dpa": "dpa", "DPA": "dpa", "EFE": "EFE", "ANSA": "ANSA",
    "Kyodo": "Kyodo", "Yonhap": "Yonhap", "UPI": "UPI", "Anadolu": "Anadolu",
    "IRNA": "IRNA", "SANA": "SANA", "WAFA": "WAFA", "Bernama": "Bernama",
    "PTI": "PTI", "IANS": "IANS", "Sputnik": "Sputnik", "Ukrinform": "Ukrinform",
    "BelTA": "BelTA", "Kazinform": "Kazinform",
}
_AGENCY_ALT = "|".join(re.escape(a) for a in sorted(AGENCIES, key=len, reverse=True))
_DASH = "\\-\u2010-\u2015\u2212"
# "ASTANA, January 25. /TASS/."  "MOSCOW, Jan 25 (Reuters) -"  "WASHINGTON (AP) —"
# "МОСКВА, 25 января. /ТАСС/."  "МОСКВА, 25 янв — РИА Новости."
# Also title case ("Washington (AFP) –", up to four capitalised words) and a
# date alone ("Dec 29 (Reuters) -"), as re-published wire copy often has them.
_MONTH = (r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}"
          r"|\d{1,2}\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*")
_DATELINE = re.compile(
    rf"(?:(?P<place>[A-ZА-ЯЁ][A-ZА-ЯЁ'’.\- ]{{1,40}}?"
    rf"|[A-ZА-ЯЁ][a-zа-яё'’.\-]+(?:\s+[A-ZА-ЯЁ][a-zа-яё'’.\-]+){{0,3}})"
    rf"(?:\s*,\s*(?P<date>[^/()\n{_DASH}]{{1,30}}?))?|(?P<date0>{_MONTH}))\s*\.?\s*"
    rf"(?:/\s*(?P<a1>{_AGENCY_ALT})\s*/|\(\s*(?P<a2>{_AGENCY_ALT})\s*\)|[{_DASH}]\s*(?P<a3>{_AGENCY_ALT})\b)"
    rf"\s*\.?(?:\s*[{_DASH}]{{1,2}})?(?=\s|$)"
)

# Whole lines that are page furniture, not article text. Only lines up to
# _DEBRIS_MAX_CHARS long are tested: a real paragraph that mentions cookies or
# subscriptions is longer than any banner.
_SOCIAL = r"(?:share|tweet|pin|email|e-mail|print|copy\s+link|whatsapp|facebook|twitter|x|telegram|linkedin|reddit|vk|ok|comments?)"
_DEBRIS = re.compile(
    r"^\W*(?:"
    rf"{_SOCIAL}(?:[\W_]+(?:{_SOCIAL}|this|article|story|on|via|by|\d+))*"
    r"|(?:share|send)\s+(?:this|on|via|article)\b.*"
    r"|(?:subscribe|sign\s+up|join)\b.*\b(?:newsletter|channel|updates|telegram|youtube|podcast|our|us|free|today|now)\b.*"
    r"|(?:subscribe|sign\s+up|log\s*in|register)"
    r"|follow\s+(?:us|\w+\s+on)\b.*"
    r"|(?:read|see|watch)\s+(?:more|also|next)\b.*"
    r"|(?:related|more\s+on\s+this|recommended|most\s+read|popular|trending)(?:\s+(?:articles?|stories|news|topics|content|posts))?"
    r"|(?:advertisement|advertising|sponsored(?:\s+content)?|ad|ads)"
    r"|(?:information\s*/\s*translation|translation\s*/\s*information)"
    r"|(?:accept(?:\s+all)?|reject\s+all|manage\s+(?:cookies|preferences))"
    r"|(?:all\s+rights\s+reserved|copyright\b|©).*"
    r"|(?:tags?|topics?|keywords?)\s*:.*"
    r"|click\s+here\b.*"
    r"|(?:loading|please\s+wait)"
    r"|(?:читайте\s+также|читать\s+далее|подписывайтесь|подпишитесь|поделиться|реклама)\b.*"
    r"|(?:اقرأ\s+أيضا|اقرأ\s+المزيد|شارك|تابعونا|إعلان)(?:\s.*)?"
    r")\W*$",
    re.IGNORECASE,
)
_DEBRIS_MAX_CHARS = 300
# Cookie banners say so anywhere in the line; tested only when "cookie" occurs.
_COOKIES = re.compile(
    r"\b(?:we\s+use\s+cookies|(?:this|our)\s+(?:web)?site\s+uses\s+cookies|accept\s+(?:all\s+)?cookies"
    r"|cookie\s+(?:policy|settings|preferences|consent))\b",
    re.IGNORECASE,
)
# A banner glued to the end of a kept line: "...from IraqInformation/translation…".
_BANNER_TAIL = re.compile(r"(?:information\s*/\s*translation|translation\s*/\s*information)[\W_]*$", re.IGNORECASE)

# A headline: short, no sentence punctuation at the end.
_TITLE_MAX_CHARS = 250
_TITLE_MAX_WORDS = 40
_CLOSERS = "\"'”’»)]\u201d"
_TERMINAL = ".!?…;:؟۔。"
# A line that repeats the title with a little junk glued on ("... | TASS") is
# still the title; measured in folded characters.
_TITLE_TAIL_MAX = 30
# Hard-wrapped text (e-mail, old wire copy): lines no wider than this...
_WRAP_MAX_WIDTH = 120
# ...and a line shorter than this share of the width ends its paragraph.
_WRAP_SHORT = 0.6


@dataclass(frozen=True, slots=True)
class Dateline:
    """An agency dateline found at the start of the text."""

    text: str  # as published, e.g. "ASTANA, January 25. /TASS/."
    place: str
    date: str | None
    agency: str  # canonical name from AGENCIES
    start: int  # span in the original text
    end: int

    def as_dict(self) -> dict[str, str | None]:
        return {"text": self.text, "place": self.place, "date": self.date, "agency": self.agency}


@dataclass(frozen=True, slots=True)
class Cleaned:
    """The cleaned text, its offset map into the original, and what was found."""

    text: str
    offsets: list[int]  # offsets[i] = index in the original of text[i]
    paragraphs: tuple[tuple[int, int], ...]  # spans of text
    title: str | None
    dateline: Dateline | None = None
    dateline_end: int = 0  # end of the dateline in ``text`` (0 when none)
    removed: tuple[str, ...] = field(default=())  # lines dropped as debris, for inspection

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of the cleaned text to the original text."""
        return self.offsets[start], self.offsets[end - 1] + 1


def find_dateline(line: str, offset: int = 0) -> Dateline | None:
    """Recognise an agency dateline at the start of ``line``.

    >>> d = find_dateline("ASTANA, January 25. /TASS/. Russia has evidence...")
    >>> d.place, d.date, d.agency, d.text
    ('ASTANA', 'January 25', 'TASS', 'ASTANA, January 25. /TASS/.')
    >>> [(d.place, d.date, d.agency) for d in map(find_dateline, [
    ...     "Washington (AFP) – The Senate voted...", "Dec 29 (Reuters) - Oil prices rose...",
    ...     "New York, March 3 (AP) — Stocks fell..."])]
    [('Washington', None, 'AFP'), ('', 'Dec 29', 'Reuters'), ('New York', 'March 3', 'AP')]
    >>> find_dateline("The president (AP photo) said"), find_dateline("Reuters reported that")
    (None, None)
    """
    m = _DATELINE.match(line)
    if m is None:
        return None
    place = (m.group("place") or "").strip(" .-")
    if place and sum(ch.isalpha() for ch in place) < 2:
        return None
    agency = AGENCIES[m.group("a1") or m.group("a2") or m.group("a3")]
    date = m.group("date") or m.group("date0")
    text = m.group().rstrip(_STRIP + _DASH.replace("\\", ""))
    return Dateline(
        text=text,
        place=place,
        date=date.strip(" .") if date else None,
        agency=agency,
        start=offset,
        end=offset + len(text),
    )


def clean(original: str, *, title: str | None = None, detect_title: bool = True) -> Cleaned:
    """Clean ``original``: drop debris lines, find title and dateline, normalise, join paragraphs.

    ``title``, when known (HTML metadata, a JSON field), is removed wherever the
    text repeats it; when not known and ``detect_title`` is true, a first line
    that looks like a headline becomes the title.

    >>> c = clean("Envoy says yes\\n\\nEnvoy says yes\\nMOSCOW, May 2 (Reuters) - He said “yes”.\\nShare on Facebook")
    >>> c.title, c.text, c.dateline.agency
    ('Envoy says yes', 'MOSCOW, May 2 (Reuters) - He said "yes".', 'Reuters')
    >>> c.original_span(0, len(c.text))
    (31, 71)
    """
    lines = _line_spans(original)
    removed: list[str] = []
    keep = [True] * len(lines)
    found_title = _clean_title(title)

    if found_title is None and detect_title:
        idx = _headline_index(original, lines)
        if idx is not None:
            s, e = lines[idx]
            found_title = " ".join(original[s:e].split())
            if re.search(r"[a-z0-9’'\")\]]\.$", found_title):  # "… at Pentagon." (some archives), not "… U.S."
                found_title = found_title[:-1]
            keep[idx] = False
    title_key = fold(found_title) if found_title else ""

    for i, (s, e) in enumerate(lines):
        if not keep[i] or s == e:
            continue
        if e - s <= _DEBRIS_MAX_CHARS:
            line = original[s:e]
            if _DEBRIS.match(line) or ("ookie" in line and _COOKIES.search(line)):
                keep[i] = False
                removed.append(line)
                continue
            tail = _BANNER_TAIL.search(line) if "/" in line else None
            if tail:
                e = s + len(line[: tail.start()].rstrip(_STRIP))
                lines[i] = (s, e)
                if s == e:
                    keep[i] = False
                    removed.append(line)
                    continue
            if title_key and _repeats_title(original[s:e], title_key):
                keep[i] = False
                removed.append(line)
                continue

    kept = [(s, e) for (s, e), k in zip(lines, keep, strict=True) if k]
    dateline = None
    for s, e in kept:
        if s != e:
            dateline = find_dateline(original[s:e], s)
            break

    paragraphs = _paragraphs(original, kept)
    parts: list[str] = []
    offsets: list[int] = []
    para_spans: list[tuple[int, int]] = []
    length = 0
    for para in paragraphs:
        if parts:
            sep_at = offsets[-1] + 1
            parts.append("\n\n")
            offsets.extend((sep_at, sep_at))
            length += 2
        para_start = length
        for j, (s, e) in enumerate(para):
            if j:
                # Lines joined inside a paragraph: the space stands for the line break.
                parts.append(" ")
                offsets.append(offsets[-1] + 1)
                length += 1
            before = len(offsets)
            normalize_span(original, s, e, parts, offsets)
            length += len(offsets) - before
        para_spans.append((para_start, length))
    text = "".join(parts)

    dateline_end = 0
    if dateline is not None:
        dateline_end = bisect_left(offsets, dateline.end)
    return Cleaned(
        text=text,
        offsets=offsets,
        paragraphs=tuple(para_spans),
        title=found_title,
        dateline=dateline,
        dateline_end=dateline_end,
        removed=tuple(removed),
    )


def _clean_title(title: str | None) -> str | None:
    if title is None:
        return None
    title = " ".join(title.split())
    return title or None


def _line_spans(text: str) -> list[tuple[int, int]]:
    """Each line as a (start, end) span with surrounding spaces trimmed; blank lines are (s, s)."""
    spans = []
    pos = 0
    for raw in text.splitlines(keepends=True):
        body = raw.rstrip("\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
        stripped = body.strip(_STRIP)
        if stripped:
            s = pos + (len(body) - len(body.lstrip(_STRIP)))
            spans.append((s, s + len(stripped)))
        else:
            spans.append((pos, pos))
        pos += len(raw)
    return spans


def _headline_index(text: str, lines: list[tuple[int, int]]) -> int | None:
    """Index of a first line that is a headline, or None.

    A headline is short, has no final sentence punctuation (a question mark is
    allowed; a full stop see ``_headline_with_stop``) and is followed by a blank
    line or by itself repeated; and some text must follow it, or the "headline"
    is the whole article.
    """
    nonblank = [i for i, (s, e) in enumerate(lines) if s != e]
    if len(nonblank) < 2:
        return None
    first = nonblank[0]
    s, e = lines[first]
    line = text[s:e]
    if len(line) > _TITLE_MAX_CHARS or len(line.split()) > _TITLE_MAX_WORDS:
        return None
    last = line.rstrip(_CLOSERS)[-1:]
    if last in ",;:…" or not any(ch.isalpha() for ch in line):
        return None
    if _DATELINE.match(line) or _DEBRIS.match(line):
        return None
    followed_by_blank = first + 1 < len(lines) and lines[first + 1][0] == lines[first + 1][1]
    ns, ne = lines[nonblank[1]]
    if last == "." and not (followed_by_blank and _headline_with_stop(line, text[ns:ne])):
        return None
    repeated = fold(text[ns:ne]) == fold(line)
    return first if followed_by_blank or repeated else None


def _headline_with_stop(line: str, following: str) -> bool:
    """A first line ending in a full stop is a headline only when it reads as one, short and in
    title case, or when the next paragraph opens with an agency dateline ("DALLAS (AP) —"), as
    some archives print them ("O'Malley campaign to shift staff, resources to Iowa."); a
    one-sentence lead ("The envoy arrived on Monday.") stays a sentence.
    """
    words = line.split()
    if len(words) > 20 or re.search(r"[a-z]{2}[.!?]\s+[A-Z]", line):  # two sentences
        return False
    long_words = [bare for w in words if len(bare := w.strip("\"'‘’“”()")) > 3]
    title_case = len(long_words) >= 2 and sum(w[:1].isupper() for w in long_words) >= 0.8 * len(long_words)
    return title_case or find_dateline(following) is not None


def _repeats_title(line: str, title_key: str) -> bool:
    key = fold(line)
    if not key:
        return False
    return key == title_key or (key.startswith(title_key) and len(key) - len(title_key) <= _TITLE_TAIL_MAX)


def _ends_sentence(line: str) -> bool:
    return line.rstrip(_CLOSERS)[-1:] in _TERMINAL


def _paragraphs(text: str, lines: list[tuple[int, int]]) -> list[list[tuple[int, int]]]:
    """Group kept lines into paragraphs.

    Blank lines always separate paragraphs. Inside a block, each line is its own
    paragraph — so a heading without final punctuation stays its own sentence
    ("Outlook for pullout of foreign forces from Iraq" in the TASS seed) —
    unless the text is hard-wrapped or the line plainly continues (it ends with
    a comma, or the next line starts in lower case).
    """
    nonblank = [(s, e) for s, e in lines if s != e]
    if not nonblank:
        return []
    width = max(e - s for s, e in nonblank)
    wrapped = (
        len(nonblank) >= 4
        and width <= _WRAP_MAX_WIDTH
        and sum(e - s >= _WRAP_SHORT * width for s, e in nonblank) * 2 >= len(nonblank)
        and sum(_ends_sentence(text[s:e]) for s, e in nonblank) * 2 < len(nonblank)
    )
    paragraphs: list[list[tuple[int, int]]] = []
    current: list[tuple[int, int]] = []
    for s, e in lines:
        if s == e:
            if current:
                paragraphs.append(current)
                current = []
            continue
        if current:
            ps, pe = current[-1]
            prev = text[ps:pe]
            if wrapped:
                join = pe - ps >= _WRAP_SHORT * width
            else:
                nxt = text[s : s + 1]
                join = not _ends_sentence(prev) and (prev.endswith(",") or nxt.islower())
            if not join:
                paragraphs.append(current)
                current = []
        current.append((s, e))
    if current:
        paragraphs.append(current)
    return paragraphs
