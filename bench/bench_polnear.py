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

PolNeAR annotates every attribution — speech, but also belief and intention
("they leave out", "Democrats want") — while retold looks for speech and
quotation, so recall is bounded by design; the rules in quotes.py were
written reading train articles, so dev is the fairer figure. The test split
is kept aside and not read.

Wire credits: ``metadata.tsv``'s ``wire`` column (AP, UPI, AFP, Reuters; NA
rows left out) against the agency retold finds: its dateline reader
(text/clean.py, "HEMPSTEAD, N.Y., Sept. 26 (UPI) —"), and, as a second row,
also a credit to an agency in the text (provenance.credits).
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


def _role_rows(split: str, docs: list[data.PolnearDoc]) -> list[dict[str, object]]:
    tallies = {r: Tally() for r in ROLES}
    whole = [0, 0, 0, 0]
    for doc in docs:
        pred = predict(doc.text)
        for role in ROLES:
            tallies[role].add(doc.text, [p[role] for p in pred], [getattr(a, role) for a in doc.attributions])
        found, recalled = _attribution_hits(doc.text, pred, list(doc.attributions))
        for i, v in enumerate((found, len(pred), recalled, len(doc.attributions))):
            whole[i] += v
    rows = []
    for role, t in tallies.items():
        sp, sr, sf = prf(*t.strict)
        p, r, f = prf(*t.soft)
        rows.append({"split": f"{split} ({len(docs)} articles)", "role": role, "gold": t.soft[3], "predicted": t.soft[1],
                     "strict P": cell(sp), "strict R": cell(sr), "strict F1": cell(sf),
                     "soft P": cell(p), "soft R": cell(r), "soft F1": cell(f),
                     "floor": f"soft F1 >= {FLOOR}" if role == "source" else "",
                     "met": ("yes" if f >= FLOOR else "no") if role == "source" else ""})
    p, r, f = prf(*whole)
    rows.append({"split": f"{split} ({len(docs)} articles)", "role": "attribution (content + source, soft)",
                 "gold": whole[3], "predicted": whole[1], "strict P": "", "strict R": "", "strict F1": "",
                 "soft P": cell(p), "soft R": cell(r), "soft F1": cell(f), "floor": "", "met": ""})
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
        credited = next((a for a in agencies if credits(article, a)), None)
        either.append(found or credited)
    return {"dateline (clean.find_dateline)": dateline, "dateline or credit (provenance.credits)": either}


def _wire_rows(docs: list[data.PolnearDoc]) -> list[dict[str, object]]:
    known = [d for d in docs if d.wire_known]
    gold = [d.wire for d in known]
    rows = []
    for method, pred in wire_predictions(known).items():
        s = binary_scores([p is not None for p in pred], [g is not None for g in gold])
        right = sum(p == g for p, g in zip(pred, gold) if p and g)
        rows.append({"wire credit": method, "articles": len(known), "wire in metadata": sum(g is not None for g in gold),
                     "flagged": sum(p is not None for p in pred), "precision": cell(s["precision"]),
                     "recall": cell(s["recall"]), "F1": cell(s["f1"]),
                     "right agency, of flagged wire": f"{right}/{sum(1 for p, g in zip(pred, gold) if p and g)}"})
    return rows


def run() -> list[dict[str, object]]:
    if skipped := data.missing("polnear"):
        return skipped
    rows: list[dict[str, object]] = []
    docs = list(data.polnear(("train", "dev")))
    for split in ("train", "dev"):
        rows += _role_rows(split, [d for d in docs if d.split == split])
    return rows


def run_wire() -> list[dict[str, object]]:
    if skipped := data.missing("polnear"):
        return skipped
    return _wire_rows(list(data.polnear(("train", "dev"))))


if __name__ == "__main__":
    for r in run() + run_wire():
        print(r)
