"""The provenance graph of one story: who took the story from whom.

Nodes are articles (title, outlet, url, published, language); edges run
source → derived for copy, translation, rewrite and partial, carrying the
relation's kind, confidence and evidence. The direction comes from the
comparison (``relation.source``: dates, credits, datelines, coverage), so
undated articles still get one; when the comparison could not tell, the
earlier article is the source, and with no dates either the edge is kept but
marked ``directed=False``. Same-event pairs are kept as weak edges
(``weak=True``) so they can be drawn, but they never make one article the
parent of another.

``provenance_tree`` picks for each article its most likely parent, breaking
any cycle at its weakest edge; the story's root is the probable original: an
article with no parent, the one heading the largest tree, earliest first.

    >>> from retold.collection.store import PairRow
    >>> g = build_graph([{"id": "t", "published": "2024-01-25"}, {"id": "r", "published": None}],
    ...                 [PairRow("r", "t", "rewrite", "b", 0.9)])
    >>> list(g.edges), story_root(g)
    ([('t', 'r')], 't')
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import networkx as nx

from retold.collection.store import PairRow

# Kinds that make one article the source of another.
DERIVED = ("copy", "translation", "rewrite", "partial")


def _published(node: Mapping[str, Any]) -> str:
    return str(node.get("published") or "")


def build_graph(articles: Iterable[Mapping[str, Any]], pairs: Iterable[PairRow]) -> nx.DiGraph:
    """A DiGraph of ``articles`` (dicts with at least ``id``) and the non-unrelated ``pairs``.

    Attributes are strings and numbers only, so the graph writes to GraphML
    and GEXF as is; ``published`` is ISO-8601 or "".
    """
    g = nx.DiGraph()
    for a in articles:
        attrs = {k: ("" if v is None else v if isinstance(v, int | float) else str(v)) for k, v in a.items() if k != "id"}
        attrs["published"] = _published(a)
        g.add_node(a["id"], **attrs)
    for p in pairs:
        if p.kind == "unrelated" or p.a not in g or p.b not in g:
            continue
        ta, tb = g.nodes[p.a]["published"], g.nodes[p.b]["published"]
        if p.kind in DERIVED and p.source in ("a", "b"):
            src, dst, how = (p.a, p.b, "compare") if p.source == "a" else (p.b, p.a, "compare")
        elif ta and tb and ta != tb:
            src, dst, how = (p.a, p.b, "time") if ta < tb else (p.b, p.a, "time")
        else:
            src, dst, how = p.a, p.b, "none"
        g.add_edge(
            src,
            dst,
            kind=p.kind,
            confidence=float(p.confidence),
            evidence="; ".join(p.evidence),
            via=p.via,
            weak=p.kind not in DERIVED,
            directed=how != "none",
            direction=how,
        )
    return g


def provenance_tree(g: nx.DiGraph) -> dict[str, str]:
    """``{derived: parent}``: each article's most likely source among its strong incoming edges.

    The parent is the highest-confidence source (earlier one on a tie); a
    cycle (a→b and b→a from inconsistent evidence) loses its weakest link.

        >>> g = nx.DiGraph()
        >>> g.add_edge("a", "b", confidence=0.9, weak=False, directed=True)
        >>> g.add_edge("b", "a", confidence=0.6, weak=False, directed=True)
        >>> provenance_tree(g)
        {'b': 'a'}
    """
    def rank(u: str, v: str) -> tuple[float, str, str]:
        return (-g.edges[u, v]["confidence"], _published(g.nodes[u]) or "~", u)

    incoming: dict[str, list[str]] = {}
    for u, v, d in g.edges(data=True):
        if not d.get("weak") and d.get("directed", True):
            incoming.setdefault(v, []).append(u)
    for v in incoming:
        incoming[v].sort(key=lambda u: rank(u, v))
    parent = {v: us[0] for v, us in incoming.items()}
    while True:
        cycle = _find_cycle(parent)
        if not cycle:
            return dict(sorted(parent.items()))
        # Drop the weakest link of the cycle; that child falls back to its next source.
        child = min(cycle, key=lambda c: (g.edges[parent[c], c]["confidence"], c))
        incoming[child].pop(0)
        if incoming[child]:
            parent[child] = incoming[child][0]
        else:
            del parent[child]


def _find_cycle(parent: Mapping[str, str]) -> list[str]:
    done: set[str] = set()
    for start in parent:
        path: list[str] = []
        seen: dict[str, int] = {}
        x: str | None = start
        while x is not None and x in parent and x not in done:
            if x in seen:
                return path[seen[x] :]
            seen[x] = len(path)
            path.append(x)
            x = parent[x]
        done.update(path)
    return []


def children(parent: Mapping[str, str]) -> dict[str, list[str]]:
    """``{parent: [children]}`` from ``provenance_tree``'s mapping."""
    out: dict[str, list[str]] = {}
    for c, p in parent.items():
        out.setdefault(p, []).append(c)
    return out


def roots(g: nx.DiGraph, parent: Mapping[str, str] | None = None) -> list[str]:
    """Articles with no source: probable originals, heads of the largest trees first, then earliest."""
    parent = provenance_tree(g) if parent is None else parent
    kids = children(parent)

    def size(n: str) -> int:
        stack, count = [n], 0
        while stack:
            x = stack.pop()
            count += 1
            stack.extend(kids.get(x, []))
        return count

    return sorted((n for n in g if n not in parent), key=lambda n: (-size(n), _published(g.nodes[n]) or "~", n))


def story_root(g: nx.DiGraph) -> str | None:
    """The story's probable original (see ``roots``), or None for an empty graph."""
    r = roots(g)
    return r[0] if r else None


def timeline(g: nx.DiGraph) -> list[str]:
    """Articles in publication order; undated ones after, sources before what derives from them."""
    parent = provenance_tree(g)

    def depth(n: str) -> int:
        d = 0
        while n in parent and d <= len(parent):
            n, d = parent[n], d + 1
        return d

    return sorted(g, key=lambda n: (_published(g.nodes[n]) == "", _published(g.nodes[n]), depth(n), n))


def edge_rows(g: nx.DiGraph) -> list[dict[str, Any]]:
    """Edges as plain dicts (source, target, kind, confidence, …), strongest first."""
    rows = [{"source": u, "target": v, **d} for u, v, d in g.edges(data=True)]
    rows.sort(key=lambda r: (r["weak"], -r["confidence"], r["source"], r["target"]))
    return rows


def article_nodes(g: nx.DiGraph, order: Sequence[str] | None = None) -> list[dict[str, Any]]:
    """Nodes as dicts with ``id`` first, in ``order`` (default: ``timeline``)."""
    return [{"id": n, **g.nodes[n]} for n in (order or timeline(g))]
