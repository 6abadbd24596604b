"""Exports: one story as JSON, GraphML, GEXF or CSV; all stories as JSON Lines or Parquet.

Each ``story_*`` function returns a string (the CLI only writes it), so the
formats are testable without files.

    >>> from retold.collection.collection import Collection          # doctest: +SKIP
    >>> story = Collection("demo.db").story("s-7a3f")
    >>> json.loads(story_json(story))["root"]
    '…'
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Literal

import networkx as nx

from retold.collection.collection import Story
from retold.errors import RetoldError

StoryFormat = Literal["json", "graphml", "gexf", "csv"]
StoriesFormat = Literal["jsonl", "parquet"]


def story_json(story: Story) -> str:
    """The story as one JSON object (the JSON Lines schema, indented)."""
    return json.dumps(story.to_dict(), ensure_ascii=False, indent=2)


def story_graphml(story: Story) -> str:
    """The provenance graph as GraphML (read back with ``networkx.read_graphml``)."""
    return "\n".join(nx.generate_graphml(story.graph)) + "\n"


def story_gexf(story: Story) -> str:
    """The provenance graph as GEXF 1.2 (Gephi)."""
    return "\n".join(nx.generate_gexf(story.graph)) + "\n"


def story_csv(story: Story) -> str:
    """One row per article in timeline order, with its parent in the provenance tree and that edge."""
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["id", "published", "outlet", "language", "title", "url", "parent", "kind", "confidence"])
    for a in story.articles:
        p = story.parent.get(a["id"])
        e = story.graph.edges[p, a["id"]] if p else {}
        w.writerow([a["id"], a.get("published") or "", a.get("outlet") or "", a.get("language") or "",
                    a.get("title") or "", a.get("url") or "", p or "", e.get("kind", ""), e.get("confidence", "")])
    return buf.getvalue()


STORY_FORMATS = {"json": story_json, "graphml": story_graphml, "gexf": story_gexf, "csv": story_csv}


def export_story(story: Story, format: StoryFormat) -> str:  # noqa: A002 - the CLI option's name
    """``story`` in ``format`` (json, graphml, gexf, csv).

        >>> export_story(story, "csv").splitlines()[0]          # doctest: +SKIP
        'id,published,outlet,language,title,url,parent,kind,confidence'
    """
    try:
        return STORY_FORMATS[format](story)
    except KeyError:
        raise ValueError(f"unknown story format {format!r}; use one of {', '.join(STORY_FORMATS)}") from None


def stories_jsonl(stories: Iterable[Story]) -> Iterable[str]:
    """One JSON line per story (no trailing newline on each)."""
    for s in stories:
        yield json.dumps(s.to_dict(), ensure_ascii=False)


def write_parquet(stories: Iterable[Story], path: str | Path) -> int:
    """Write stories to Parquet (one row a story, nested lists); return how many. Needs ``retold[parquet]``."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise RetoldError("Parquet export needs pyarrow: pip install 'retold[parquet]'") from None
    rows = [s.to_dict() for s in stories]
    pq.write_table(pa.Table.from_pylist(rows), str(path))
    return len(rows)
