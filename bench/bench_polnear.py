"""PolNeAR attributions (train and dev): Source / Cue / Content extraction, and wire credits.

    python -m bench polnear

Each article is cleaned and split as ``retold ingest`` does it, then
``retold.text.quotes.find_quotes`` runs on its sentences; every quote's
source mention, cue and content pieces are mapped back to character offsets
in the published text and scored against one annotator's attributions (the
first in metadata.tsv order) per role, spans pooled per article:

* strict: the same span, after trimming spaces and edge punctuation/quote marks;
* soft: the spans share at least one word token (Newell et al. 2018 name a
  token-overlap match; this is its loosest form, so say "soft" with it);
* attribution: a predicted quote whose content and source both soft-match one gold attribution.

Two finders: ``find_attributions`` (every attribution, what PolNeAR marks)
and ``find_quotes`` (what compare shows: quotes and reported speech of named
speakers — by design a small, precise part of PolNeAR's attributions).

PolNeAR annotates every attribution — speech, but also belief and intention
("they leave out", "Democrats want") — while retold looks for speech and
quotation, so recall is bounded by design; the rules in quotes.py were
written reading train articles, so dev is the fairer figure. The test split
is kept aside and not read.

Wire credits: ``metadata.tsv``'s ``wire`` column (AP, UPI, AFP, Reuters; NA
rows left out) against the agency retold finds: its dateline reader
(text/clean.py, "HEMPSTEAD, N.Y., Sept. 26 (UPI) —"), and, as a second row,
also a credit to an agency in the text (provenance.credits). There "strict"
asks for the right agency, "soft" only for the article being flagged as wire copy.
Floor (issue #5): soft Source F1 >= 0.70.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable

from bench import data
from bench.metrics import binary_scores, cell, prf

Span = tuple[int, int]
ROLES = ("source", "cue", "content")
FLOOR = 0.70
_EDGE = " \t\n,.;:!?\"'“”‘’«»()—–-"
_WORD = re.compile(r"\w+")


def predict(text: str, finder: str = "find_attributions") -> list[dict[str, tuple[Span, ...]]]:
    """retold's quotes (``find_quotes``) or attributions in ``text``: character spans per role, published offsets."""
    from retold.text import quotes
    from retold.text.clean import clean
    from retold.text.sentences import split_sentences

    cleaned = clean(text, detect_title=False)
    body, offsets = cleaned.text, cleaned.offsets
    spans = split_sentences(body)
    para_starts = [s for s, _ in cleaned.paragraphs]
    paragraphs = [bisect_right(para_starts, s) - 1 for s, _ in spans]
    out = []
    for q in getattr(quotes, finder)([body[s:e] for s, e in spans], paragraphs):
        def original(pieces: Iterable[tuple[int, int, int] | None]) -> tuple[Span, ...]:
            return tuple((offsets[spans[k][0] + a], offsets[spans[k][0] + b - 1] + 1)
                         for k, a, b in (p for p in pieces if p) if b > a)
        out.append({"source": original([q.source]), "cue": original([q.cue]), "content": original(q.content)})
    return out


def _trim(text: str, span: Span) -> Span:
    s, e = span
    while s < e and text[s] in _EDGE:
        s += 1
    while e > s and text[e - 1] in _EDGE:
        e -= 1
    return s, e


def _tokens(text: str, spans: Iterable[Span]) -> frozenset[int]:
    """Start offsets of the word tokens inside ``spans``."""
    return frozenset(m.start() for s, e in spans for m in _WORD.finditer(text, s, e))


class Tally:
    """Counts for strict and soft P/R/F1 of one role, summed over articles."""

    def __init__(self) -> None:
        self.strict = [0, 0, 0, 0]
        self.soft = [0, 0, 0, 0]

    def add(self, text: str, predicted: list[tuple[Span, ...]], gold: list[tuple[Span, ...]]) -> None:
        pred = {tuple(_trim(text, s) for s in p) for p in predicted if p}
        true = {tuple(_trim(text, s) for s in g) for g in gold if g}
        hits = pred & true
        for i, v in enumerate((len(hits), len(pred), len(hits), len(true))):
            self.strict[i] += v
        pt = {p: _tokens(text, p) for p in pred}
        gt = {g: _tokens(text, g) for g in true}
        found = sum(any(pt[p] & gt[g] for g in true) for p in pred)
        recalled = sum(any(pt[p] & gt[g] for p in pred) for g in true)
        for i, v in enumerate((found, len(pred), recalled, len(true))):
            self.soft[i] += v


def _attribution_hits(text: str, predicted: list[dict[str, tuple[Span, ...]]], gold: list[data.Attribution]) -> tuple[int, int]:
    """(predicted quotes matching a gold attribution on content and source, gold attributions matched)."""
    def match(p: dict[str, tuple[Span, ...]], g: data.Attribution) -> bool:
        content = _tokens(text, p["content"]) & _tokens(text, g.content)
        source = not g.source or bool(_tokens(text, p["source"]) & _tokens(text, g.source))
        return bool(content) and source

    return (sum(any(match(p, g) for g in gold) for p in predicted),
            sum(any(match(p, g) for p in predicted) for g in gold))


def _row(split: str, finder: str, role: str, gold: int, predicted: int, strict: tuple[float, float, float] | None,
         soft: tuple[float, float, float], floor: bool = False) -> dict[str, object]:
    blank = ("", "", "")
    sp, sr, sf = (cell(x) for x in strict) if strict else blank
    return {"split": split, "finder": finder, "role": role, "gold": gold, "predicted": predicted,
            "strict P": sp, "strict R": sr, "strict F1": sf,
            "soft P": cell(soft[0]), "soft R": cell(soft[1]), "soft F1": cell(soft[2]),
            "floor": f"soft F1 >= {FLOOR}" if floor else "", "met": ("yes" if soft[2] >= FLOOR else "no") if floor else ""}


def _role_rows(split: str, docs: list[data.PolnearDoc], finder: str) -> list[dict[str, object]]:
    tallies = {r: Tally() for r in ROLES}
    whole = [0, 0, 0, 0]
    for doc in docs:
        pred = predict(doc.text, finder)
        for role in ROLES:
            tallies[role].add(doc.text, [p[role] for p in pred], [getattr(a, role) for a in doc.attributions])
        found, recalled = _attribution_hits(doc.text, pred, list(doc.attributions))
        for i, v in enumerate((found, len(pred), recalled, len(doc.attributions))):
            whole[i] += v
    where = f"{split} ({len(docs)} articles)"
    rows = [_row(where, finder, role, t.soft[3], t.soft[1], prf(*t.strict), prf(*t.soft),
                 role == "source" and finder == "find_attributions")
            for role, t in tallies.items()]
    rows.append(_row(where, finder, "attribution (content + source)", whole[3], whole[1], None, prf(*whole)))
    return rows


def wire_predictions(docs: list[data.PolnearDoc]) -> dict[str, list[str | None]]:
    """Agency retold names for each article: from the dateline alone, and from the dateline or a credit."""
    from retold.ingest import build_article
    from retold.provenance import credits

    agencies = ("AP", "UPI", "AFP", "Reuters")
    dateline, either = [], []
    for doc in docs:
        # The title as a JSON or CSV export would give it: PolNeAR's first line repeats it with a full stop,
        # which would otherwise hide the dateline on the next line.
        article = build_article(doc.text, title=doc.title, language="en")
        found = article.outlet if article.outlet in agencies else None
        dateline.append(found)
        either.append(found or next((a for a in agencies if credits(article, a)), None))
    return {"dateline (clean.find_dateline)": dateline, "dateline or credit (provenance.credits)": either}


def _wire_rows(docs: list[data.PolnearDoc]) -> list[dict[str, object]]:
    """Strict: the right agency; soft: the article flagged as wire copy at all."""
    known = [d for d in docs if d.wire_known]
    gold = [d.wire for d in known]
    where = f"train+dev ({len(known)} articles, metadata wire known)"
    rows = []
    for method, pred in wire_predictions(known).items():
        flagged = sum(p is not None for p in pred)
        wire = sum(g is not None for g in gold)
        any_hit = sum(1 for p, g in zip(pred, gold) if p and g)
        right = sum(1 for p, g in zip(pred, gold) if p and p == g)
        rows.append(_row(where, method, "wire credit", wire, flagged, prf(right, flagged, right, wire),
                         prf(any_hit, flagged, any_hit, wire)))
    return rows


def run() -> list[dict[str, object]]:
    if skipped := data.missing("polnear"):
        return skipped
    docs = list(data.polnear(("train", "dev")))
    rows: list[dict[str, object]] = []
    for finder in ("find_attributions", "find_quotes"):
        for split in ("train", "dev"):
            rows += _role_rows(split, [d for d in docs if d.split == split], finder)
    return rows + _wire_rows(docs)


if __name__ == "__main__":
    for r in run():
        print(r)
