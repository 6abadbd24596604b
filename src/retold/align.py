"""Sentence alignment between two articles: many-to-many, order-free.

Pure functions over arrays. Evidence per sentence pair:
- ``sem``: cosine of the sentence embeddings (works across languages);
- ``lex``: IDF-weighted overlap of script-folded word stems, names and numbers
  (catches what embeddings blur: USE scored "the US refused to withdraw"
  0.78 against "the US declared its readiness to withdraw");
- ``a_in_b`` / ``b_in_a``: how much of one sentence is contained in the
  other, which is what reveals merges (a retelling folds two source sentences
  into one) and splits.

Links are drawn per sentence from the strongest evidence, runs of links grow
to neighbours with some evidence of their own, and links are grouped into
alignments: each derived sentence with its sources, merged where adjacent
derived sentences share a source (a split).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

import numpy as np

from .models import Alignment

# Thresholds, set by reading the seed pair's matrices and checked on MSRP
# train (bench/bench_msrp.py). A link needs combined evidence >= LINK, or a
# near-certain embedding match (>= SEM_SURE, e.g. a translation).
LINK = 0.45
SEM_SURE = 0.62
# A sentence at least this much contained in another (IDF-weighted) is part of
# it: a merge or a split.
CONTAINED = 0.6
# Below this combined score no link is drawn, whatever the containment.
FLOOR = 0.3
# Evidence enough to extend a run of links to a neighbouring sentence.
NEIGHBOUR_CONTAINED = 0.3
NEIGHBOUR_SEM = 0.4
NEIGHBOUR_MARGIN = 0.2


@dataclass(frozen=True, slots=True)
class PairEvidence:
    """Per-pair evidence matrices, shape (len(a), len(b))."""

    sem: np.ndarray
    lex: np.ndarray  # symmetric weighted Dice
    a_in_b: np.ndarray  # share of a_i (weighted) found in b_j
    b_in_a: np.ndarray
    cross_lingual: bool

    @property
    def score(self) -> np.ndarray:
        """Combined score: embeddings and words agree, or embeddings alone across languages."""
        if self.cross_lingual:
            return np.maximum(self.sem, 0.5 * self.sem + 0.5 * self.lex)
        return 0.5 * self.sem + 0.5 * np.maximum(self.lex, np.minimum(self.a_in_b, self.b_in_a) * 0.9)


def _weights(bags: Sequence[AbstractSet[str]]) -> dict[str, float]:
    df = Counter(k for bag in bags for k in bag)
    n = len(bags) + 1
    return {k: math.log(n / c) + 1.0 for k, c in df.items()}


def lexical_evidence(
    a_bags: Sequence[AbstractSet[str]], b_bags: Sequence[AbstractSet[str]]
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Weighted Dice and both containments between bags of match keys.

    One matrix product over the pair's vocabulary (weighted a x V times
    binary V x b), a's rows in chunks so a 2,000-sentence article stays small.
    """
    w = _weights([*a_bags, *b_bags])
    vocab = {k: n for n, k in enumerate(w)}
    weight = np.fromiter(w.values(), dtype=np.float32, count=len(w))
    b_inc = _incidence(b_bags, vocab)
    inter = np.zeros((len(a_bags), len(b_bags)), dtype=np.float32)
    wa = np.zeros((len(a_bags), 1), dtype=np.float32)
    step = max(1, _CHUNK // max(1, len(vocab)))
    for lo in range(0, len(a_bags), step):
        a_inc = _incidence(a_bags[lo : lo + step], vocab) * weight
        inter[lo : lo + step] = a_inc @ b_inc.T
        wa[lo : lo + step, 0] = a_inc.sum(1)
    wb = (b_inc @ weight)[None, :]
    with np.errstate(invalid="ignore", divide="ignore"):
        dice = np.nan_to_num(2 * inter / (wa + wb))
        a_in_b = np.nan_to_num(inter / wa)
        b_in_a = np.nan_to_num(inter / wb)
    return dice, a_in_b, b_in_a


# Cells of one (rows x vocabulary) block in lexical_evidence: 16 MB of float32.
_CHUNK = 4_000_000


def _incidence(bags: Sequence[AbstractSet[str]], vocab: dict[str, int]) -> np.ndarray:
    """Binary (bags x vocabulary) matrix, float32."""
    out = np.zeros((len(bags), len(vocab)), dtype=np.float32)
    rows = [i for i, bag in enumerate(bags) for _ in bag]
    cols = [vocab[k] for bag in bags for k in bag]
    out[rows, cols] = 1.0
    return out


def _some(ev: PairEvidence, i: int, j: int, contained: np.ndarray, best: float) -> bool:
    # Never pull a sentence away from a clearly better partner elsewhere.
    if ev.score[i, j] < best - NEIGHBOUR_MARGIN:
        return False
    if ev.cross_lingual:
        return bool(ev.sem[i, j] >= NEIGHBOUR_SEM + 0.1)
    return bool(contained[i, j] >= NEIGHBOUR_CONTAINED or ev.sem[i, j] >= NEIGHBOUR_SEM)


def link(ev: PairEvidence, a_sizes: list[int], b_sizes: list[int]) -> set[tuple[int, int]]:
    """Sentence links (i, j) from the evidence; ``*_sizes`` count content words."""
    s = ev.score
    n_a, n_b = s.shape
    links: set[tuple[int, int]] = set()
    if n_a == 0 or n_b == 0:
        return links

    strong = (s >= LINK) | (ev.sem >= SEM_SURE)
    big_a = (np.asarray(a_sizes) >= 2)[:, None]
    big_b = (np.asarray(b_sizes) >= 2)[None, :]
    cols, rows = np.arange(n_b), np.arange(n_a)
    best_a = s.argmax(axis=0)  # best source for each b_j
    best_b = s.argmax(axis=1)  # best partner for each a_i
    top = np.zeros_like(strong)
    top[best_a, cols] = True
    top[rows, best_b] = True
    mask = top & strong
    # Merges: source sentences largely contained in b_j, or nearly as strong as its best.
    mask |= (s >= FLOOR) & big_a & ((ev.a_in_b >= CONTAINED) | (strong & (s >= s[best_a, cols][None, :] - 0.15)))
    # Splits: derived sentences largely contained in a_i.
    mask |= (s >= FLOOR) & big_b & (ev.b_in_a >= CONTAINED)
    links = {(int(i), int(j)) for i, j in zip(*np.nonzero(mask))}
    # Grow runs: a sentence next to one that feeds b_j, with some evidence of its
    # own, feeds it too. A merge dilutes each part's similarity (TASS's
    # "A very fashionable pretext this is." inside one long retold quote).
    row_best, col_best = s.max(axis=1), s.max(axis=0)
    # Only sentences with no link of their own grow into a run.
    linked_a = {i for i, _ in links}
    linked_b = {j for _, j in links}
    frontier = list(links)
    while frontier:
        i, j = frontier.pop()
        for k in (i - 1, i + 1):
            if 0 <= k < n_a and a_sizes[k] >= 2 and k not in linked_a and _some(ev, k, j, ev.a_in_b, row_best[k]):
                links.add((k, j))
                linked_a.add(k)
                frontier.append((k, j))
        for k in (j - 1, j + 1):
            if 0 <= k < n_b and b_sizes[k] >= 2 and k not in linked_b and _some(ev, i, k, ev.b_in_a, col_best[k]):
                links.add((i, k))
                linked_b.add(k)
                frontier.append((i, k))
    return links


def group(links: set[tuple[int, int]], s: np.ndarray) -> list[Alignment]:
    """Alignments from links: each b sentence with its sources; adjacent b sentences sharing a source merge."""
    by_b: dict[int, set[int]] = {}
    for i, j in links:
        by_b.setdefault(j, set()).add(i)
    groups: list[tuple[set[int], set[int]]] = []
    for j in sorted(by_b):
        srcs = by_b[j]
        if groups and (j - 1) in groups[-1][1] and groups[-1][0] & srcs:
            groups[-1][0].update(srcs)
            groups[-1][1].add(j)
        else:
            groups.append((set(srcs), {j}))
    out = []
    for a_set, b_set in groups:
        pairs = [(i, j) for i in a_set for j in b_set if (i, j) in links]
        score = float(np.mean([s[i, j] for i, j in pairs])) if pairs else 0.0
        out.append(Alignment(tuple(sorted(a_set)), tuple(sorted(b_set)), round(score, 4), "paraphrase"))
    return out
