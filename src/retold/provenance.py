"""The relation between two articles and which one derives from which.

Pure: takes the alignment's coverage figures and the articles' metadata and
returns a ``Relation`` whose evidence is written for a human reader
("b credits TASS, a's outlet"; "92% of b's sentences align into a, 48% of
a's into b"; publication times).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache

from .models import Article, Relation, RelationKind, Side

# Kind thresholds on the derived side's coverage (share of its sentences that
# align into the other). Read off the seed pair (b: 8 of 9 aligned) and the
# same-event / unrelated test pairs; see bench/bench_basil.py for BASIL.
REWRITE_COVERAGE = 0.6
PARTIAL_COVERAGE = 0.15
COPY_IDENTICAL = 0.8
# A rewrite carries wording over: at least this share of its alignments score >= 0.5 (the seed
# pair: 7 of 9). Independent reports of one event align loosely (BASIL's NYT and HuffPost on one
# vote: 3 alignments at 0.36-0.41), which made them a "rewrite" with a direction.
REWRITE_SOLID = 0.5
SAME_EVENT_DOC_SIM = 0.45
SAME_EVENT_SHARED = 0.1

_TRANSLATED = re.compile(r"\b(?:translated|translation|переведен\w*|ترجم\w*)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Coverage:
    """What the alignment says, in numbers, for one pair."""

    a_aligned: float  # share of a's sentences in some alignment
    b_aligned: float
    identical: float  # share of the derived side's aligned sentences that are verbatim
    mean_score: float  # mean alignment score
    strong: int  # alignments scoring >= 0.6, shared quotes left out
    solid: float  # share of alignments scoring >= 0.5: wording carried over, not just the same subject
    doc_similarity: float  # cosine of the articles' mean sentence vectors
    shared_names: float  # Jaccard of names and numbers mentioned
    shared_quotes: int = 0  # alignments scoring >= 0.6 that both sides quote (a common source, not reuse)


def _outlet_key(outlet: str) -> str:
    return re.sub(r"[^a-zа-я0-9]", "", outlet.lower())


def credits(article: Article, outlet: str | None) -> bool:
    """Whether ``article`` names ``outlet`` in its text (a credit, "according to TASS")."""
    if not outlet or len(_outlet_key(outlet)) < 2:
        return False
    return _names(article.text, outlet)


@lru_cache(maxsize=16384)
def _names(text: str, outlet: str) -> bool:
    # Cached: trace asks about one article and outlet in several pairs.
    return re.search(rf"(?<!\w){re.escape(outlet)}(?!\w)", text, re.IGNORECASE) is not None


@lru_cache(maxsize=8192)
def _says_translated(text: str) -> bool:
    return _TRANSLATED.search(text) is not None


def _pct(x: float) -> str:
    return f"{round(100 * x)}%"


def _utc(t: datetime) -> datetime:
    """``t`` in UTC; a naive time (an Article built by hand) is left as it is."""
    return t.astimezone(UTC) if t.tzinfo is not None else t


def _same_day(x: datetime, y: datetime) -> bool:
    """Whether one of two times gives only a day (read as midnight UTC) and the other falls on it:
    which came first that day is unknown. (A story stamped at midnight exactly reads as a day.)"""
    x, y = _utc(x), _utc(y)
    day_only = any(t.hour == t.minute == t.second == t.microsecond == 0 for t in (x, y))
    return day_only and x.date() == y.date()


def direction(a: Article, b: Article, cov: Coverage) -> tuple[Side | None, float, list[str]]:
    """Which side is the source, with a confidence in [0, 1] and the evidence.

    Positive weight means "b derives from a".
    """
    weight = 0.0
    evidence: list[str] = []
    if a.published and b.published and a.published != b.published and not _same_day(a.published, b.published):
        first, later = ("a", "b") if a.published < b.published else ("b", "a")
        weight += 2.0 if first == "a" else -2.0
        # Both in UTC: a page's own zone (10:00+01:00) beside a wire's 08:00 UTC misreads the gap.
        early, late = sorted((_utc(a.published), _utc(b.published)))
        evidence.append(f"{first} was published first ({early:%Y-%m-%d %H:%M}, {later} at {late:%Y-%m-%d %H:%M})")
    for side, this, other in (("b", b, a), ("a", a, b)):
        if other.outlet and credits(this, other.outlet) and not credits(other, other.outlet) or (
            other.outlet and credits(this, other.outlet) and this.outlet != other.outlet
        ):
            weight += 3.0 if side == "b" else -3.0
            evidence.append(f"{side} credits {other.outlet}, {'a' if side == 'b' else 'b'}'s outlet")
            break
    for side, this in (("b", b), ("a", a)):
        if _says_translated(this.text) and not _says_translated((a if side == "b" else b).text):
            weight += 1.0 if side == "b" else -1.0
            evidence.append(f"{side} says it was translated")
    a_line, b_line = _dateline(a), _dateline(b)
    if bool(a_line) != bool(b_line):
        side = "a" if a_line else "b"
        weight += 1.0 if side == "a" else -1.0
        evidence.append(f"{side} carries an agency dateline ({a_line or b_line})")
    gap = cov.b_aligned - cov.a_aligned
    if abs(gap) >= 0.2:
        weight += 1.0 if gap > 0 else -1.0
        short, long_ = ("b", "a") if gap > 0 else ("a", "b")
        evidence.append(f"{short} is covered by {long_} more than the reverse: the shorter retelling usually derives")
    source: Side | None = "a" if weight >= 1.0 else "b" if weight <= -1.0 else None
    confidence = min(0.99, 0.5 + 0.1 * abs(weight)) if source else 0.5
    return source, round(confidence, 3), evidence


def _dateline(article: Article) -> str | None:
    line = article.extra.get("dateline")
    return line.get("text") if isinstance(line, dict) else line


def decide(a: Article, b: Article, cov: Coverage) -> Relation:
    """The relation kind, the source side and the evidence for both."""
    cross = a.language != b.language and "und" not in (a.language, b.language)
    source, dir_conf, dir_evidence = direction(a, b, cov)
    derived = cov.b_aligned if source == "a" else cov.a_aligned if source == "b" else max(cov.a_aligned, cov.b_aligned)
    evidence = [
        f"{_pct(cov.b_aligned)} of b's sentences align into a, {_pct(cov.a_aligned)} of a's into b",
    ]
    kind: RelationKind
    if derived >= REWRITE_COVERAGE and cross:
        kind, conf = "translation", min(0.99, 0.5 + cov.mean_score * 0.5)
        evidence.append(f"a is in {a.language}, b in {b.language}")
    elif derived >= REWRITE_COVERAGE and cov.identical >= COPY_IDENTICAL:
        kind, conf = "copy", min(0.99, 0.6 + 0.4 * cov.identical)
        evidence.append(f"{_pct(cov.identical)} of the aligned sentences are verbatim")
    elif derived >= REWRITE_COVERAGE and cov.solid >= REWRITE_SOLID:
        kind, conf = "rewrite", min(0.99, 0.4 + derived * 0.5)
        evidence.append(f"sentences are reworded (mean alignment score {cov.mean_score:.2f})")
    elif derived >= PARTIAL_COVERAGE and cov.strong >= 1:
        kind, conf = "partial", 0.5 + derived * 0.5
        evidence.append(f"{cov.strong} passage(s) reused; the rest differs")
    elif (cov.doc_similarity >= SAME_EVENT_DOC_SIM and cov.shared_names >= SAME_EVENT_SHARED) or (
        derived >= PARTIAL_COVERAGE and cov.shared_quotes >= 1
    ):
        # Shared quotes are as sure a sign of one story as the partial reuse they used to be taken for.
        kind, conf = "same-event", min(0.95, max(cov.doc_similarity, 0.5 + derived * 0.5 if cov.shared_quotes else 0.0))
        evidence.append(f"same subject (document similarity {cov.doc_similarity:.2f}, "
                        f"{_pct(cov.shared_names)} of names and numbers shared) but little shared wording"
                        + (" outside quotation marks" if cov.shared_quotes else ""))
        if cov.shared_quotes:
            evidence.append(f"both quote the same words ({cov.shared_quotes} passage(s)): "
                            "a common source, not one copying the other")
        source, dir_evidence = None, []
    else:
        kind, conf = "unrelated", min(0.99, max(0.5, 1 - cov.doc_similarity))  # a cosine may be below 0
        evidence.append(f"document similarity {cov.doc_similarity:.2f}")
        source, dir_evidence = None, []
    via = not cross and kind in ("rewrite", "partial") and any("translated" in e for e in dir_evidence)
    if source:
        evidence.insert(0, f"{'b derives from a' if source == 'a' else 'a derives from b'} "
                           f"(direction confidence {dir_conf:.2f})")
    return Relation(kind, source, round(float(conf), 3), tuple(evidence + dir_evidence), via_translation=via)
