"""Sentence splitting: blingfire per paragraph, then a few repairs it needs for news.

blingfire is fast (a few microseconds a paragraph) and good on English, but:

* it must be given one paragraph at a time — handed the TASS seed whole it glued
  the heading "Outlook for pullout of foreign forces from Iraq" to the next
  paragraph; a line is a hard boundary here;
* it splits after a few abbreviations that never end a sentence ("им.
  Пушкина", "ул. Ленина", "в г. Москве");
* it splits a closing quote from its attribution when the quote ends with a
  full stop (``"...even years." said X.``) — a piece that starts in lower case
  continues the sentence before it;
* a piece made only of punctuation (a stray ``»``) belongs to the sentence before.

Quotes spanning several sentences stay several sentences: that is what the
alignment wants.
"""

from __future__ import annotations

import ctypes
import re
import threading

import blingfire

__all__ = ["split_paragraph", "split_sentences"]

# Abbreviations after which a sentence does not end, whatever follows. Lower
# case, with their final dot.
_NO_STOP = frozenset(
    """
    mr. mrs. ms. messrs. dr. prof. st. gen. lt. col. sgt. capt. maj. adm. cmdr.
    sen. rep. gov. pres. rev. hon. amb. supt. insp. mt. ft. vs. approx. cf. e.g. i.e.
    sens. reps. govs. gens. drs. profs. rt. det. sgts. cpl. pvt. atty.
    им. ул. пр. просп. пл. пер. наб. корп. т.е. т.к. т.н. напр. см. ср.
    св. проф. акад. ген. полк. тов. гр.
    mio. mrd. nr. bzw. ca. usw. vgl. ggf. inkl. evtl. z.b. u.a. d.h. mme. mlle. sr. sra. dña.
    """.split()
)
# German day ordinals: "für den 14. November" does not end at "14.".
_ORDINAL = re.compile(r"\d{1,2}\.$")
_ORDINAL_MONTHS = frozenset(
    "januar jänner februar märz april mai juni juli august september oktober november dezember".split()
)
# Abbreviations that do not end a sentence when a number follows ("Jan. 5",
# "No. 10", "д. 5") but may end one otherwise ("he said no.").
_BEFORE_NUMBER = frozenset(
    """
    jan. feb. mar. apr. jun. jul. aug. sep. sept. oct. nov. dec.
    янв. февр. фев. мар. апр. авг. сент. сен. окт. нояб. ноя. дек.
    no. nos. fig. p. pp. vol. ch. art. sec. д. кв. стр. рис. ст. ч. п.
    """.split()
)
_FIRST_ALNUM = re.compile(r"[^\W_]")
_INITIAL = re.compile(r"(?:^|\s)[A-ZА-ЯЁ]\.$")
_TAIL_CHARS = 40  # enough to hold the last two tokens of a sentence
# blingfire does not break before a title abbreviation: "he said. Mr. Smith
# agreed." stays one sentence. Break there when the full stop follows a word
# in lower case (so it is not itself an abbreviation).
# The regex starts with the sentence-final punctuation, a rare character, so
# the scan is fast (2 µs on the TASS seed, against 30 µs for a pattern that
# starts with the alternation); the word before is checked on a short slice.
_TITLES = ("Mr", "Mrs", "Ms", "Dr", "Prof", "Gen", "Sen", "Sens", "Rep", "Reps", "Gov", "St", "Lt", "Col", "Capt",
           "Sgt", "Adm")
_MISSED_BREAK = re.compile(rf"[.!?][\"')\]]?(\s+)(?:{'|'.join(_TITLES)})\.\s")
_LOWER_WORD_END = re.compile(r"[a-z]{2}$")
# Words blingfire takes for abbreviations (never ending a sentence) that are
# common words ending one: French "ans" and "an" (years: "Il a 45 ans. Il
# habite Paris." stayed one sentence), "mer" (sea), "l'est" (the east),
# German "alt" (old: "Er ist 45 Jahre alt."). Broken after only when a capital
# follows, so "10 min. later" style uses stay whole; real abbreviations
# ("fr.", "art.", "vol.") are not listed. Like _MISSED_BREAK, the scan starts
# at the full stop and the word before is checked on a short slice.
_STOP_BEFORE_LETTER = re.compile(r"\.(\s+)(?=[«“„\"'(]?\s?([^\W\d_]))")
_NOT_ABBREVIATION = re.compile(r"(?:^|\s)(?:ans|an|mer|alt|l['’]est)$")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Split ``text`` into sentences, returned as ``(start, end)`` spans of ``text``.

    Every line break is a boundary, so paragraphs and headings never merge.

    >>> t = 'Outlook for pullout\\n"It is hard," he said. Mr. Smith agreed. В г. Москве тепло.'
    >>> [t[s:e] for s, e in split_sentences(t)]
    ['Outlook for pullout', '"It is hard," he said.', 'Mr. Smith agreed.', 'В г. Москве тепло.']
    """
    return split_paragraph(text, 0, len(text))


def split_paragraph(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans of ``text[start:end]``; line breaks inside it are always boundaries.

    blingfire is called once for the whole span (each call costs ~7 µs on top
    of ~40 ns a character) and its sentences are then cut at line breaks.
    """
    para = text[start:end]
    raw = _blingfire_offsets(para)
    if not raw and para.strip():
        raw = [(0, len(para))]  # blingfire gives nothing for some punctuation-only text
    if "\n" in para:
        raw = _cut_at_lines(para, raw)
    merged: list[tuple[int, int]] = []
    for s, e in _resplit(para, raw):
        if s >= e:
            continue
        if merged and "\n" not in para[merged[-1][1] : s] and _continues(para, merged[-1], (s, e)):
            merged[-1] = (merged[-1][0], e)
        else:
            merged.append((s, e))
    return [(start + s, start + e) for s, e in _capped(para, _closing_marks_back(para, merged))]


# No sentence is longer than this: text without sentence punctuation (a scraped
# list, a feed glued into one line) would otherwise be one "sentence" whose word
# diff costs the square of its length (a 2 MB line never finished comparing).
MAX_SENTENCE_CHARS = 1500
_SOFT_BREAK = re.compile(r"[,;:]\s|\s")


def _capped(para: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Cut a span longer than MAX_SENTENCE_CHARS: after the last comma, semicolon or colon in
    its second half, else at the last space, else (unspaced scripts) at the limit itself."""
    out = []
    for s, e in spans:
        while e - s > MAX_SENTENCE_CHARS:
            window = para[s : s + MAX_SENTENCE_CHARS]
            cuts = [m.end() for m in _SOFT_BREAK.finditer(window, MAX_SENTENCE_CHARS // 2)]
            soft = [c for c in cuts if para[s + c - 2] in ",;:"]
            cut = (soft or cuts or [MAX_SENTENCE_CHARS])[-1]
            piece = para[s : s + cut].rstrip()
            out.append((s, s + len(piece)))
            s += cut
            s += len(para[s:e]) - len(para[s:e].lstrip())
        if s < e:
            out.append((s, e))
    return out


_CLOSERS = "”」』»"
_ENDS = "。！？.!?"


def _closing_marks_back(para: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Give a closing quote mark that blingfire put at the head of the next sentence back to its own.

    Chinese and Japanese write no space after "。", so '…反对。"她还说' split
    before the mark; a straight '"' closes only when the paragraph left one open.
    """
    out = list(spans)
    for k in range(1, len(out)):
        (ps, pe), (s, e) = out[k - 1], out[k]
        mark = para[s : s + 1]
        if s == pe and para[pe - 1 : pe] in _ENDS and (
            (mark and mark in _CLOSERS) or (mark == '"' and para[:pe].count('"') % 2 == 1)
        ):
            out[k - 1], out[k] = (ps, pe + 1), (s + 1, e)
    return [(s, e) for s, e in out if para[s:e].strip()]


_TEXT_TO_SENTENCES = blingfire.blingfire.TextToSentencesWithOffsets


def _blingfire_offsets(para: str) -> list[tuple[int, int]]:
    """blingfire's sentence spans as character offsets.

    Calls the C function directly: ``blingfire.text_to_sentences_and_offsets``
    maps byte offsets to characters with a Python loop over every byte, which
    took 470 µs on the 2,600-character TASS seed against 60 µs for the split.
    """
    data = para.encode("utf-8")
    cap = len(data) * 2 + 16
    out, starts, ends = _buffers(cap)
    n = _TEXT_TO_SENTENCES(
        ctypes.c_char_p(data), ctypes.c_int(len(data)), out, starts, ends, ctypes.c_int(cap),
    )
    if n <= 0 or n > cap:
        return [(0, len(para))] if para.strip() else []
    count = ctypes.string_at(out, n).count(b"\n") + 1
    # blingfire's end offsets point at the sentence's last byte.
    pairs = list(zip(starts[:count], ends[:count], strict=True))
    if len(data) == len(para):
        return [(s, e + 1) for s, e in pairs]
    return [(_char_index(data, s), _char_index(data, e + 1)) for s, e in pairs]


_local = threading.local()


def _buffers(cap: int) -> tuple[ctypes.Array[ctypes.c_char], ctypes.Array[ctypes.c_int32], ctypes.Array[ctypes.c_int32]]:
    """This thread's output buffers, at least ``cap`` long, kept between calls.

    Sized in powers of two: a ctypes array type per length is created anew
    (slowly) and zero-filled, which cost ~100 µs of a ~4 KB article's 200 µs.
    Buffers for one over-size document (up to 9 bytes a character, 20 MB) are
    not kept: a thread would hold them for good.
    """
    held = getattr(_local, "buffers", None)
    if held is None or len(held[0]) < cap:
        size = 1 << max(12, (cap - 1).bit_length())
        held = (ctypes.create_string_buffer(size), (ctypes.c_int32 * size)(), (ctypes.c_int32 * size)())
        if size <= _KEEP:
            _local.buffers = held
    return held


_KEEP = 1 << 20


def _char_index(data: bytes, byte_offset: int) -> int:
    """Character index of a UTF-8 byte offset that falls on a character boundary."""
    return len(data[:byte_offset].decode("utf-8", "ignore"))


def _cut_at_lines(para: str, raw: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Cut sentences that span a line break; drop the blank pieces."""
    out: list[tuple[int, int]] = []
    for s, e in raw:
        while True:
            nl = para.find("\n", s, e)
            if nl < 0:
                break
            piece = para[s:nl].rstrip()
            if piece.strip():
                out.append((s, s + len(piece)))
            s = nl + 1
            while s < e and para[s].isspace():
                s += 1
        if s < e:
            out.append((s, e))
    return out


def _resplit(para: str, raw: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Add the breaks blingfire misses: before "Mr."/"Dr."-style titles, after words it takes for abbreviations."""
    breaks = [m for m in _MISSED_BREAK.finditer(para) if _LOWER_WORD_END.search(para, max(0, m.start() - 2), m.start())]
    breaks += [m for m in _STOP_BEFORE_LETTER.finditer(para)
               if m.group(2).isupper() and _NOT_ABBREVIATION.search(para, max(0, m.start() - 7), m.start())]
    breaks.sort(key=lambda m: m.start(1))
    if not breaks:
        return raw
    out: list[tuple[int, int]] = []
    for s, e in raw:
        for m in breaks:
            if s < m.start(1) and m.end(1) < e:
                out.append((s, m.start(1)))
                s = m.end(1)
        out.append((s, e))
    return out


def _continues(para: str, prev: tuple[int, int], nxt: tuple[int, int]) -> bool:
    """True when the piece ``nxt`` belongs to the sentence ``prev``."""
    head = para[nxt[0] : nxt[1]]
    if head.lstrip("」』\"”").startswith(("と", "って")) and (head[:1] in "」』\"”" or para[prev[1] - 1] in "」』\"”"):
        return True  # Japanese 「…。」と述べた: the quotative particle carries on the sentence
    first = _FIRST_ALNUM.search(head)
    if first is None:
        return True  # only punctuation: a stray closing quote or bracket
    if first.group().islower():
        return True  # '"...even years." said X.' / 'в 2024 г. в Москве'
    tail = para[max(prev[0], prev[1] - _TAIL_CHARS) : prev[1]]
    tokens = tail.split()
    if not tokens:
        return False
    token = tokens[-1].lstrip("\"'([«“").lower()
    if token in _NO_STOP:
        return True
    if token == "г.":
        # "в г. Москве" (город) continues; "в 2024 г." (год) may end a sentence.
        return len(tokens) < 2 or not tokens[-2].rstrip(",").isdigit()
    if token in _BEFORE_NUMBER and first.group().isdigit() and first.start() == 0:
        return True
    if _ORDINAL.fullmatch(token) and head.split(maxsplit=1)[0].strip(",.").lower() in _ORDINAL_MONTHS:
        return True
    # An initial: "В. В. Путин", "John F. Kennedy".
    return bool(_INITIAL.search(tail)) and first.start() == 0 and head[:1].isupper() and len(head) > 2
