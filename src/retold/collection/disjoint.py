"""Disjoint sets (union-find with path halving): which items a set of links connects."""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from typing import Generic, TypeVar

T = TypeVar("T", bound=Hashable)


class DisjointSets(Generic[T]):
    """
    >>> d = DisjointSets("abcd")
    >>> d.union("a", "b"), d.union("c", "d"), d.union("b", "a")
    (True, True, False)
    >>> d.find("a") == d.find("b") != d.find("c")
    True
    """

    def __init__(self, items: Iterable[T]) -> None:
        self.parent: dict[T, T] = {x: x for x in items}

    def find(self, x: T) -> T:
        parent = self.parent
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(self, x: T, y: T) -> bool:
        """Join the sets of ``x`` and ``y`` (the first one's root stays); False if they were one."""
        rx, ry = self.find(x), self.find(y)
        if rx == ry:
            return False
        self.parent[ry] = rx
        return True
