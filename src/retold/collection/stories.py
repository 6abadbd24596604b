"""Stories: articles joined by the relations trace found, with ids that survive reruns.

A story is a connected component of the graph whose edges are the compared
pairs that tell one story: copy, translation, rewrite and partial always;
same-event only at a higher confidence, because two reports of the same
press conference are one story but two reports of the same *kind* of event
(two storms, two summits) must stay apart.

Ids are stable: a component that holds articles of earlier stories keeps the
id of the oldest of them (so new articles join existing stories, and a merge
keeps the older id); a component of new articles only gets an id derived from
its founding (earliest) article.

    >>> cluster(["a", "b", "c"], [("a", "b", "rewrite", 0.9)], {}, {})
    {'a': 's-86f7e437fa', 'b': 's-86f7e437fa', 'c': 's-84a516841b'}
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from typing import Any

from retold.collection.disjoint import DisjointSets

# Relation kinds that make two articles one story whatever their confidence.
LINK_KINDS = frozenset({"copy", "translation", "rewrite", "partial"})
# A same-event relation joins two stories only at this confidence (for
# same-event it is the document similarity, capped at 0.95). Set on BASIL:
# Fox/NYT/HuffPost reports of one event score 0.55–0.9, while articles of
# different events that shared names and numbers stayed below 0.6.
SAME_EVENT_LINK = 0.6


def links(kind: str, confidence: float, same_event_link: float = SAME_EVENT_LINK) -> bool:
    """Whether a pair with this relation puts both articles in one story.

        >>> links("translation", 0.3), links("same-event", 0.5), links("unrelated", 0.99)
        (True, False, False)
    """
    return kind in LINK_KINDS or (kind == "same-event" and confidence >= same_event_link)


def story_id(founder: str) -> str:
    """The id a new story gets from its founding article's id.

        >>> story_id("a")
        's-86f7e437fa'
    """
    return "s-" + hashlib.sha1(founder.encode()).hexdigest()[:10]


def components(ids: Sequence[str], edges: Iterable[tuple[str, str]]) -> list[list[str]]:
    """Connected components (union-find), each in the order of ``ids``."""
    sets = DisjointSets(ids)
    for a, b in edges:
        if a in sets.parent and b in sets.parent:
            sets.union(a, b)
    groups: dict[str, list[str]] = {}
    for i in ids:
        groups.setdefault(sets.find(i), []).append(i)
    return list(groups.values())


def cluster(
    ids: Sequence[str],
    pairs: Iterable[tuple[str, str, str, float]],
    previous: Mapping[str, str],
    created: Mapping[str, str],
    order: Callable[[str], Any] | None = None,
    same_event_link: float = SAME_EVENT_LINK,
) -> dict[str, str]:
    """Assign every article id a story id: ``{article: story}``.

    ``pairs`` are ``(a, b, kind, confidence)``; ``previous`` is the last
    assignment and ``created`` each old story's creation time; ``order`` ranks
    articles to pick a new story's founder (default: the id itself; trace
    passes (published, id) so the founder is the earliest article).

        >>> cluster(["x", "y"], [("x", "y", "same-event", 0.9)], {"y": "s-old"}, {"s-old": "2024"})
        {'x': 's-old', 'y': 's-old'}
    """
    key = order or (lambda i: i)
    edges = [(a, b) for a, b, kind, conf in pairs if links(kind, conf, same_event_link)]
    comps = components(ids, edges)
    # Larger components choose first, so if an old story were ever split, its
    # id stays with the bigger part.
    comps.sort(key=lambda c: (-len(c), min(key(i) for i in c)))
    taken: set[str] = set()
    out: dict[str, str] = {}
    for comp in comps:
        olds = sorted(
            {previous[i] for i in comp if i in previous} - taken,
            key=lambda s: (created.get(s, ""), s),
        )
        sid = olds[0] if olds else story_id(min(comp, key=key))
        if sid in taken:  # only if an article id is reused as a founder
            sid = story_id(sid + "+")
        taken.add(sid)
        for i in comp:
            out[i] = sid
    return {i: out[i] for i in ids}


def b_cubed(predicted: Mapping[str, Hashable], gold: Mapping[str, Hashable]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of a clustering against gold labels (Bagga & Baldwin 1998).

        >>> b_cubed({"a": 1, "b": 1, "c": 2}, {"a": "x", "b": "x", "c": "y"})
        (1.0, 1.0, 1.0)
    """
    items = [i for i in gold if i in predicted]
    if not items:
        return 0.0, 0.0, 0.0
    by_pred: dict[Hashable, set[str]] = {}
    by_gold: dict[Hashable, set[str]] = {}
    for i in items:
        by_pred.setdefault(predicted[i], set()).add(i)
        by_gold.setdefault(gold[i], set()).add(i)
    p = r = 0.0
    for i in items:
        same = by_pred[predicted[i]] & by_gold[gold[i]]
        p += len(same) / len(by_pred[predicted[i]])
        r += len(same) / len(by_gold[gold[i]])
    p, r = p / len(items), r / len(items)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)
