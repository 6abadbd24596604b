"""The compare issue's acceptance points on the seed pair (issue #3), each checked and marked met or not.

    python -m bench seed

Each row is one acceptance point, checked the way tests/test_compare.py
checks it, on ``compare(tass.txt, retelling.txt)`` from examples/seed-pair;
the last rows are the other relation kinds the issue names, on the test
texts in tests/data. Needs no ../shared data.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from bench.data import ROOT

SEED = ROOT / "examples" / "seed-pair"
TEXTS = ROOT / "tests" / "data"

# What a careful reader links (merges included) and what the retelling dropped:
# one file, shared with tests/test_compare.py.
_EXPECTED = json.loads((TEXTS / "seed-pair-expected.json").read_text(encoding="utf-8"))
CORRESPONDENCES = [tuple(pair) for pair in _EXPECTED["links"]]
DROPPED = tuple(_EXPECTED["dropped"])


def _compare(a: Path, b: Path):  # type: ignore[no-untyped-def]
    from retold.compare import compare_articles
    from retold.embed import get_encoder
    from retold.ingest.article import build_article

    load = lambda p: build_article(p.read_text(encoding="utf-8"), source=str(p))  # noqa: E731
    return compare_articles(load(a), load(b), get_encoder())


def _index(article, snippet: str) -> int | None:  # type: ignore[no-untyped-def]
    return next((s.index for s in article.sentences if snippet in s.text), None)


def seed_checks(c) -> list[tuple[str, str, bool]]:  # type: ignore[no-untyped-def]
    """(acceptance point, what was found, met) for the seed comparison ``c``."""
    rows = []
    rel = c.relation
    rows.append(("relation: the retelling derives from the TASS text",
                 f"{rel.kind}, source {rel.source}, via translation {rel.via_translation}",
                 rel.source == "a" and rel.kind == "rewrite"))
    links = {(i, j) for al in c.alignments for i in al.a for j in al.b}
    found = [(a, b) for a, b in CORRESPONDENCES if (_index(c.a, a), _index(c.b, b)) in links]
    missed = [f"{a!r}→{b!r}" for a, b in CORRESPONDENCES if (a, b) not in found]
    rows.append(("alignment finds the correspondences, merges included",
                 f"{len(found)}/{len(CORRESPONDENCES)} listed links" + (f"; missed {', '.join(missed)}" if missed else ""),
                 not missed))
    aligned_a = {i for i, _ in links}
    wrong = [s for s in DROPPED if _index(c.a, s) in aligned_a]
    every_b = all(any(j in al.b for al in c.alignments) for j in range(len(c.b.sentences)))
    rows.append(("few wrong links: none into the dropped context; every retold sentence placed",
                 f"{len(wrong)} of {len(DROPPED)} dropped sentences linked; all b sentences aligned: {every_b}",
                 not wrong and every_b))
    kind = lambda k: [ch for ch in c.changes if ch.kind == k]  # noqa: E731
    omitted = [ch.a_text or "" for ch in kind("omitted")]
    snips = ("Reuters, citing sources", "Alina Romanowski", "US drone strike", "You are a single state")
    hit = [s for s in snips if any(s in t for t in omitted)]
    rows.append(("omitted: Reuters / ambassador / drone-strike context, 'You are a single state'",
                 f"{len(hit)}/{len(snips)} reported as omissions", len(hit) == len(snips)))
    by_text = {ch.a_text or "": ch for ch in kind("omitted")}
    taliban = next((ch for t, ch in by_text.items() if "Taliban movement is banned" in t), None)
    live = next((ch for t, ch in by_text.items() if "because you have to live together" in t), None)
    clause_ok = bool(taliban and taliban.category == "disclaimer" and "coordination" not in (taliban.a_text or "")
                     and live and "Kurdish" not in (live.a_text or ""))
    rows.append(("clause-level omissions: the Taliban disclaimer, 'because you have to live together'",
                 f"disclaimer: {taliban.a_text if taliban else None!r} ({taliban.category if taliban else '-'}); "
                 f"clause: {live.a_text if live else None!r}", clause_ok))
    altered = [(ch.a_text or "", ch.b_text or "") for ch in kind("altered")]
    corps = any("expeditionary corps" in a and "Rapid Intervention Forces" in b for a, b in altered)
    modern = ("fashionable", "modern") in altered
    rows.append(("alterations: 'American expeditionary corps' → 'Rapid Intervention Forces', 'fashionable' → 'modern'",
                 f"corps: {corps}, fashionable: {modern}", corps and modern))
    credit = next((ch for ch in kind("added") if ch.b_text and "translated by" in ch.b_text), None)
    rows.append(("addition: the translation credit",
                 f"{credit.b_text if credit else None!r} ({credit.category if credit else '-'})",
                 bool(credit and credit.category == "attribution")))
    groups = [set(s.variants) for s in c.speakers]
    lav = [g for g in groups if any("Lavrent" in v for v in g)]
    sud = [g for g in groups if any("Sudani" in v for v in g)]
    one = lambda gs, x, y: len(gs) == 1 and any(x in v for v in gs[0]) and any(y in v for v in gs[0])  # noqa: E731
    rows.append(("speakers: Lavrentyev = Lavrentiev; Mohammed al-Sudani = Muhammad Shia al-Sudani",
                 "; ".join(" = ".join(sorted(g)) for g in lav + sud),
                 one(lav, "Lavrentyev", "Lavrentiev") and one(sud, "Mohammed al-Sudani", "Muhammad Shia al-Sudani")))
    return rows


def other_checks() -> list[tuple[str, str, bool]]:
    """The other relation kinds the issue names, on the texts in tests/data."""
    cases: list[tuple[str, Path, Path, Callable[..., bool]]] = [
        ("identical texts → copy", SEED / "tass.txt", SEED / "tass.txt",
         lambda c: c.relation.kind == "copy" and not c.changes),
        ("unrelated texts → unrelated", SEED / "tass.txt", TEXTS / "football.txt",
         lambda c: c.relation.kind == "unrelated" and not c.alignments),
        ("two independent reports of one event → same-event", TEXTS / "quake_en.txt", TEXTS / "quake_other.txt",
         lambda c: c.relation.kind == "same-event" and c.relation.source is None),
    ]
    for lang in ("ru", "ar"):
        cases.append((f"a paragraph and its {lang} translation → translation, aligned sentence for sentence",
                      TEXTS / "quake_en.txt", TEXTS / f"quake_{lang}.txt",
                      lambda c: c.relation.kind == "translation"
                      and [(al.a, al.b) for al in c.alignments] == [((k,), (k,)) for k in range(len(c.a.sentences))]))
    out = []
    for point, a, b, ok in cases:
        c = _compare(a, b)
        out.append((point, f"{c.relation.kind}; {len(c.alignments)} alignments, {len(c.changes)} changes", ok(c)))
    return out


def run() -> list[dict[str, object]]:
    rows = seed_checks(_compare(SEED / "tass.txt", SEED / "retelling.txt")) + other_checks()
    return [{"acceptance point (issue #3)": p, "found": f, "met": "yes" if ok else "no"} for p, f, ok in rows]


if __name__ == "__main__":
    for r in run():
        print(r)
