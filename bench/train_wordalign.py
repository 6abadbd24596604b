"""Fit the untranslated-word model in ``retold.wordalign`` and write ``src/retold/wordalign_weights.py``.

    python -m bench.train_wordalign            # writes the weights file
    python -m bench.train_wordalign --check    # prints the fit, writes nothing

Data: the **dev** half of the WMT23 MQM news items (en→de and zh→en; the
half is ``bench.bench_wmt.half``, a seeded split by document), each item a
source paragraph and one system's translation, taken as one aligned group. A
source word is positive when it overlaps a span any of the three raters
marked Accuracy/Omission. Model: L2-regularised logistic regression
(``bench.train_pairs.fit_logistic``), one for both pairs. Each script group
(``retold.wordalign.script_group``: zh→en's source is "unspaced", en→de's
"spaced") gets the threshold that maximises its own span F1 over two-fold
cross-validated probabilities (folds by document, seeded), scored as
``python -m bench wmt`` scores; the model is then refit on the whole dev
half. The test half is never read here.
"""

from __future__ import annotations

import argparse
import sys
import zlib
from dataclasses import dataclass

import numpy as np

from bench import data
from bench.bench_wmt import PAIRS, Located, half
from bench.metrics import prf, span_prf
from bench.train_pairs import fit_logistic
from retold.wordalign import FEATURES, Untranslated, Word, probabilities, script_group, spans

OUT = data.ROOT / "src" / "retold" / "wordalign_weights.py"
FOLDS = 2
THRESHOLDS = np.round(np.arange(0.1, 0.81, 0.025), 3)
EXTENDS = (1.0, 0.75, 0.5)

Span = tuple[int, int]


@dataclass
class Item:
    pair: str
    doc: str
    source: Located
    texts: list[str]
    words: list[tuple[int, Word]]
    x: np.ndarray
    y: np.ndarray
    gold: list[Span]


def items(split: str = "dev") -> list[Item]:
    """Every WMT item of the half ``split``, with its source words' features and labels."""
    from retold.embed import get_encoder
    from retold.wordalign import features

    enc = get_encoder()
    out = []
    for pair, (src_lang, tgt_lang) in PAIRS.items():
        sources: dict[str, Located] = {}
        for it in data.wmt(pair):
            if half(it.doc) != split:
                continue
            a = sources.get(it.source) or sources.setdefault(it.source, Located(it.source, src_lang))
            b = Located(it.target, tgt_lang)
            words, x = features([s.text for s in a.article.sentences], [s.text for s in b.article.sentences],
                                src_lang, tgt_lang, enc)
            gold = [(e.start, e.end) for e in it.errors if e.category == "omission"]
            placed = [a.span(i, w.start, w.end) for i, w in words]
            y = np.array([any(s < ge and gs < e for gs, ge in gold) for s, e in placed], dtype=float)
            out.append(Item(pair, it.doc, a, [s.text for s in a.article.sentences], words, x, y, gold))
    return out


def predicted(item: Item, p: np.ndarray, threshold: float, extend: float) -> list[Span]:
    """The item's untranslated spans at ``threshold``, at offsets in the published source."""
    found: list[Untranslated] = spans(item.words, p, threshold, extend, item.texts) if len(p) else []
    return [item.source.span(u.sentence, u.start, u.end) for u in found]


def span_scores(rows: list[Item], probs: list[np.ndarray], threshold: float, extend: float) -> tuple[float, float, float]:
    total = [0, 0, 0, 0]
    for item, p in zip(rows, probs):
        for k, v in enumerate(span_prf(predicted(item, p, threshold, extend), item.gold)):
            total[k] += v
    return prf(*total)


def combined(rows: list[Item], probs: list[np.ndarray], groups: dict[str, list[int]], thresholds: dict[str, float],
             extend: float) -> tuple[float, float, float]:
    """Span P, R, F1 over all rows, each script group at its own threshold."""
    total = [0, 0, 0, 0]
    for g, members in groups.items():
        for n in members:
            for k, v in enumerate(span_prf(predicted(rows[n], probs[n], thresholds[g], extend), rows[n].gold)):
                total[k] += v
    return prf(*total)


def predict(model: dict[str, object], x: np.ndarray) -> np.ndarray:
    """``retold.wordalign.probabilities`` under a model being fitted."""
    return probabilities(x, np.asarray(model["mean"]), np.asarray(model["scale"]), np.asarray(model["coef"]),
                         float(model["bias"]))  # type: ignore[arg-type]


def fit(rows: list[Item]) -> dict[str, object]:
    x = np.concatenate([r.x for r in rows])
    y = np.concatenate([r.y for r in rows])
    return fit_logistic(x, y)


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true", help="print the fit, write nothing")
    args = ap.parse_args(argv)
    if data.missing("wmt23-mqm-news"):
        print("../shared/data/wmt23-mqm-news is missing", file=sys.stderr)
        return 1
    rows = items("dev")
    fold = [zlib.crc32(f"wordalign:{r.doc}".encode()) % FOLDS for r in rows]
    cv: list[np.ndarray] = [np.zeros(0)] * len(rows)
    for k in range(FOLDS):
        model = fit([r for r, f in zip(rows, fold) if f != k])
        for n, (item, f) in enumerate(zip(rows, fold)):
            if f == k:
                cv[n] = predict(model, item.x) if len(item.x) else np.zeros(0)
    groups = {g: [n for n, r in enumerate(rows) if script_group(PAIRS[r.pair][0]) == g] for g in ("spaced", "unspaced")}
    best: tuple[float, float, dict[str, float]] | None = None  # (F1 of both, extend, thresholds)
    for ext in EXTENDS:
        chosen: dict[str, float] = {}
        for g, members in groups.items():
            sub, probs = [rows[n] for n in members], [cv[n] for n in members]
            scored = [(span_scores(sub, probs, float(t), ext)[2], float(t)) for t in THRESHOLDS]
            chosen[g] = max(scored)[1]
        p, r, f1 = combined(rows, cv, groups, chosen, ext)
        print(f"extend {ext}: thresholds {chosen}: span P {p:.3f} R {r:.3f} F1 {f1:.3f}")
        if best is None or f1 > best[0]:
            best = (f1, ext, chosen)
    assert best is not None
    _, extend, thresholds = best
    p, r, f1 = combined(rows, cv, groups, thresholds, extend)
    for pair in PAIRS:
        t = thresholds[script_group(PAIRS[pair][0])]
        own = [(row, q) for row, q in zip(rows, cv) if row.pair == pair]
        pp, rr, ff = span_scores([row for row, _ in own], [q for _, q in own], t, extend)
        print(f"  {pair} at {t:.3f}: span P {pp:.3f} R {rr:.3f} F1 {ff:.3f}")
    model = fit(rows)
    lines = [
        '"""Weights of the untranslated-word model in ``retold.wordalign``.',
        "",
        "Written by ``python -m bench.train_wordalign`` (WMT23 MQM news, dev half of the documents,",
        "en→de and zh→en): do not edit by hand. Features: ``retold.wordalign.FEATURES``.",
        '"""',
        "",
        "import numpy as np",
        "",
        f"# {len(rows)} items, {int(sum(r.y.sum() for r in rows))} of {sum(len(r.y) for r in rows)} words marked omitted.",
        f"# {FOLDS}-fold CV by document, each script group at its threshold, extend {extend}: "
        f"span P {p:.3f} R {r:.3f} F1 {f1:.3f}",
        f"FEATURE_MEAN = np.array({[round(v, 6) for v in model['mean']]})",  # type: ignore[attr-defined]
        f"FEATURE_SCALE = np.array({[round(v, 6) for v in model['scale']]})",  # type: ignore[attr-defined]
        f"WEIGHTS = np.array({[round(v, 6) for v in model['coef']]})",  # type: ignore[attr-defined]
        f"INTERCEPT = {float(model['bias']):.6f}",  # type: ignore[arg-type]
        f"THRESHOLDS = {thresholds!r}  # by retold.wordalign.script_group",
        f"EXTEND = {extend}",
        "",
    ]
    for name, w in zip(FEATURES, model["coef"]):  # type: ignore[call-overload]
        print(f"  {w:+.3f}  {name}")
    print(f"chosen: thresholds {thresholds}, extend {extend}, CV span P {p:.3f} R {r:.3f} F1 {f1:.3f}")
    if not args.check:
        OUT.write_text("\n".join(lines), encoding="utf-8")
        print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
