"""Find a change's differing span inside a sentence, for highlighting.

A :class:`~retold.models.Change` records only sentence indices and the exact
differing text (``a_text`` / ``b_text``), not character offsets. The compare
engine cleans text (quotes, whitespace) so the span it reports may not match
the sentence byte for byte; :func:`locate_spans` finds it anyway, first
exactly, then ignoring case, whitespace runs and typographic quotes/dashes.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

T = TypeVar("T")

# Typographic variants folded to ASCII before the tolerant search; the
# seed pair mixes “Maalouma” and "Maalouma", ’ and ', – and -.
_FOLD = str.maketrans(
    {
        "“": '"', "”": '"', "„": '"', "‟": '"', "«": '"', "»": '"', "″": '"',
        "‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'", "`": "'",
        "–": "-", "—": "-", "‐": "-", "‑": "-", "−": "-",
    }
)
# Stripped from a needle's ends in the last-resort search: engines sometimes
# keep the closing quote or comma of a clause that the sentence splits off.
_EDGE = " \t\r\n\"'“”‘’«»„.,;:!?…-–—"


def _fold(text: str) -> tuple[str, list[int]]:
    """Fold case, quotes and whitespace runs; return the folded text and, per
    folded character, its offset in ``text``."""
    out: list[str] = []
    pos: list[int] = []
    in_space = False
    for i, ch in enumerate(text):
        if ch.isspace():
            if not in_space:
                out.append(" ")
                pos.append(i)
            in_space = True
            continue
        in_space = False
        # lower() can lengthen a character (İ -> i̇); map every piece back to i.
        for piece in ch.translate(_FOLD).lower():
            out.append(piece)
            pos.append(i)
    return "".join(out), pos


def _occurrences(haystack: str, needle: str) -> list[int]:
    found: list[int] = []
    start = haystack.find(needle)
    while start != -1:
        found.append(start)
        start = haystack.find(needle, start + 1)
    return found


def _free(start: int, end: int, taken: list[tuple[int, int]]) -> bool:
    return all(end <= s or start >= e for s, e in taken)


def _candidates(text: str, needle: str) -> list[tuple[int, int]]:
    """Every place ``needle`` occurs in ``text``, by the first strategy that finds any."""
    exact = [(s, s + len(needle)) for s in _occurrences(text, needle)]
    if exact:
        return exact
    folded_text, pos = _fold(text)
    for variant in (needle.strip(), needle.strip(_EDGE)):
        folded_needle, _ = _fold(variant)
        if not folded_needle:
            continue
        hits = _occurrences(folded_text, folded_needle)
        if hits:
            n = len(folded_needle)
            return [(pos[h], pos[h + n - 1] + 1) for h in hits]
    return []


def locate_spans(sentence_text: str, needles: Sequence[tuple[str | None, T]]) -> list[tuple[int, int, T]]:
    """Place each ``(text, label)`` needle in ``sentence_text``; return
    ``(start, end, label)`` spans, sorted and non-overlapping.

    Needles are placed in the order given, each at its first occurrence that
    does not overlap an earlier one; a needle that cannot be found (or is
    empty) is left out rather than guessed.

    >>> locate_spans("A very fashionable pretext this is.", [("FASHIONABLE  pretext", "altered")])
    [(7, 26, 'altered')]
    >>> locate_spans('by the “Maalouma” agency', [('"Maalouma" agency', "added")])
    [(7, 24, 'added')]
    """
    taken: list[tuple[int, int]] = []
    spans: list[tuple[int, int, T]] = []
    for needle, label in needles:
        if not needle or not needle.strip():
            continue
        for start, end in _candidates(sentence_text, needle):
            if _free(start, end, taken):
                taken.append((start, end))
                spans.append((start, end, label))
                break
    spans.sort(key=lambda span: (span[0], span[1]))
    return spans


def covers(sentence_text: str, start: int, end: int) -> bool:
    """True if ``[start, end)`` is the whole sentence, give or take punctuation.

    >>> covers('"Yes," he said.', 0, 14)
    True
    """
    rest = sentence_text[:start] + sentence_text[end:]
    return not any(ch.isalnum() for ch in rest)


def contains(outer: str, inner: str) -> bool:
    """True if ``inner`` occurs in ``outer`` up to case, whitespace and quotes.

    Used for sentence-level changes whose text spans several sentences.
    """
    folded_inner = _fold(inner.strip())[0]
    return bool(folded_inner) and folded_inner in _fold(outer)[0]
