"""Unicode normalisation that remembers where every output character came from.

The cleaned text is what the comparison engine reads; the original is what a
reader is shown. So every normalisation here returns, beside the new text, an
offset map: ``offsets[i]`` is the index in the input of output character ``i``.
A span ``[s, e)`` of the output maps back to ``[offsets[s], offsets[e - 1] + 1)``.

What changes, and why:

* every kind of space (NBSP, thin, ideographic, tab...) becomes one ASCII space
  and runs of spaces collapse to one: scraped pages mix them freely;
* zero-width characters, the BOM and soft hyphens are removed: they are
  invisible but break word matching ("infor\\u00admation");
* curly and angled quotes (‘ ’ “ ” „ « » ‹ ›) become ASCII ``'`` and ``"``: the
  comparison engine finds quotes with regexes, and a retelling often swaps one
  style for another (TASS writes "...", its retelling “...”);
* every dash and the minus sign (‐ ‑ ‒ – — ― −) become ASCII ``-``: machine
  translations and plain-text copies write " - " where the source had " — ",
  and the two sides should compare equal character for character;
* ``…`` becomes ``...`` for the same reason;
* text is composed (NFC); compatibility forms that are only typography
  (ligatures, Arabic presentation forms, full-width ASCII) are folded (NFKC)
  character by character. Full NFKC is not applied to the whole text because
  it also rewrites ``²`` → ``2`` and ``½`` → ``1⁄2``, which changes meaning.

Line breaks are not touched here; paragraph structure is ``clean``'s business.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["SPACE_CHARS", "fold", "normalize", "normalize_span"]

# Characters that are whitespace to a reader but not always to str.split().
SPACE_CHARS = " \t\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
# Invisible characters removed outright.
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"

_REPLACE: dict[str, str] = {
    **dict.fromkeys("\u2018\u2019\u201a\u201b\u2039\u203a\u2032", "'"),
    **dict.fromkeys("\u201c\u201d\u201e\u201f\u00ab\u00bb\u2033", '"'),
    **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"),
    "\u2026": "...",
}
# Typographic compatibility forms folded with NFKC one character at a time.
_COMPAT_RANGES = "\ufb00-\ufb06\ufb50-\ufdff\ufe70-\ufefe\uff01-\uff5e"

_SPACES_CLASS = re.escape(SPACE_CHARS)
_INVIS_CLASS = re.escape(_INVISIBLE)
_REPLACE_CLASS = re.escape("".join(_REPLACE))
# One pass finds everything that needs work; plain runs between matches are
# copied with a contiguous slice of the offset map, which keeps this fast.
_SPECIAL = re.compile(
    f"(?P<ws>[{_SPACES_CLASS}{_INVIS_CLASS}]{{2,}}|[{_SPACES_CLASS.replace(' ', '')}{_INVIS_CLASS}])"
    f"|(?P<rep>[{_REPLACE_CLASS}])"
    f"|(?P<compat>[{_COMPAT_RANGES}])"
)
# Fast path: one character class (a plain class scans ~8x faster than the
# alternation above). Used when the text needs no whitespace work, which is
# most lines: only quotes, dashes, ellipses and compatibility forms change.
_CHAR_ONLY = re.compile(f"[{_REPLACE_CLASS}{_COMPAT_RANGES}]")
_NEEDS_WS = re.compile(f"[{_SPACES_CLASS.replace(' ', '')}{_INVIS_CLASS}]")
_INVISIBLE_SET = frozenset(_INVISIBLE)
_FOLD = re.compile(r"[\W_]+")


def normalize(text: str) -> tuple[str, list[int]]:
    """Normalise ``text`` and return it with its offset map.

    >>> out, offsets = normalize("“Yes,”\\u00a0he said — twice…")
    >>> out
    '"Yes," he said - twice...'
    >>> offsets[-1], len(offsets) == len(out)
    (22, True)
    """
    parts: list[str] = []
    offsets: list[int] = []
    normalize_span(text, 0, len(text), parts, offsets)
    return "".join(parts), offsets


def normalize_span(text: str, start: int, end: int, parts: list[str], offsets: list[int]) -> None:
    """Append the normalised form of ``text[start:end]`` to ``parts``/``offsets``.

    Used by ``clean`` to normalise only the lines it keeps, without copying them.
    Leading and trailing spaces of the span are kept (as one space); callers strip.
    """
    segment = text[start:end]
    if not segment.isascii() and not unicodedata.is_normalized("NFC", segment):
        _normalize_decomposed(text, start, end, parts, offsets)
        return
    if segment.isascii():
        if "  " not in segment and "\t" not in segment:
            parts.append(segment)
            offsets.extend(range(start, end))
            return
    elif "  " not in segment and _NEEDS_WS.search(segment) is None:
        _replace_chars(text, start, end, parts, offsets)
        return
    pos = start
    for m in _SPECIAL.finditer(text, start, end):
        s = m.start()
        if s > pos:
            parts.append(text[pos:s])
            offsets.extend(range(pos, s))
        kind = m.lastgroup
        if kind == "ws":
            run = m.group()
            # A run of only invisible characters vanishes; otherwise it is one space.
            for i, ch in enumerate(run):
                if ch not in _INVISIBLE_SET:
                    parts.append(" ")
                    offsets.append(s + i)
                    break
        elif kind == "rep":
            new = _REPLACE[m.group()]
            parts.append(new)
            offsets.extend([s] * len(new))
        else:
            new = unicodedata.normalize("NFKC", m.group())
            parts.append(new)
            offsets.extend([s] * len(new))
        pos = m.end()
    if pos < end:
        parts.append(text[pos:end])
        offsets.extend(range(pos, end))


def _replace_chars(text: str, start: int, end: int, parts: list[str], offsets: list[int]) -> None:
    """Fast path of ``normalize_span``: single-character replacements only."""
    pos = start
    for m in _CHAR_ONLY.finditer(text, start, end):
        s = m.start()
        if s > pos:
            parts.append(text[pos:s])
            offsets.extend(range(pos, s))
        ch = m.group()
        new = _REPLACE.get(ch) or unicodedata.normalize("NFKC", ch)
        parts.append(new)
        offsets.extend([s] * len(new))
        pos = s + 1
    if pos < end:
        parts.append(text[pos:end])
        offsets.extend(range(pos, end))


def _normalize_decomposed(text: str, start: int, end: int, parts: list[str], offsets: list[int]) -> None:
    """Slow path for text that is not NFC: compose each base+marks cluster on its own."""
    i = start
    while i < end:
        j = i + 1
        while j < end and unicodedata.combining(text[j]):
            j += 1
        cluster = unicodedata.normalize("NFC", text[i:j])
        sub_parts: list[str] = []
        sub_offsets: list[int] = []
        normalize_span(cluster, 0, len(cluster), sub_parts, sub_offsets)
        for p in sub_parts:
            parts.append(p)
        # Every output character of a cluster points at the cluster's first character.
        offsets.extend([i] * len(sub_offsets))
        i = j
    _collapse_spaces_tail(parts, offsets)


def _collapse_spaces_tail(parts: list[str], offsets: list[int]) -> None:
    """Collapse double spaces the cluster-by-cluster path may have produced."""
    joined = "".join(parts)
    if "  " not in joined:
        return
    new_parts: list[str] = []
    new_offsets: list[int] = []
    prev_space = False
    for ch, off in zip(joined, offsets, strict=True):
        if ch == " " and prev_space:
            continue
        prev_space = ch == " "
        new_parts.append(ch)
        new_offsets.append(off)
    parts[:] = ["".join(new_parts)]
    offsets[:] = new_offsets


def fold(text: str) -> str:
    """Case- and punctuation-blind key, for spotting a repeated headline.

    >>> fold("Russian Envoy: the United States’ plan") == fold("Russian envoy - the United States plan")
    True
    """
    return _FOLD.sub("", text.casefold())
