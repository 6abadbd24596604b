"""The public API: a curated, sorted __all__ that resolves, and compare() on paths and text."""

from __future__ import annotations

from pathlib import Path

import retold

SEED = Path(__file__).resolve().parents[1] / "examples" / "seed-pair"


def test_all_is_sorted_and_resolves() -> None:
    assert retold.__all__ == sorted(retold.__all__)
    for name in retold.__all__:
        assert getattr(retold, name) is not None, name


def test_compare_accepts_paths_and_text() -> None:
    c = retold.compare(SEED / "tass.txt", str(SEED / "retelling.txt"))
    assert c.relation.source == "a"
    t = retold.compare("The minister resigned on Monday after a week of protests in the capital.",
                       "The minister resigned on Monday after a week of protests in the capital.")
    assert t.relation.kind == "copy"


def test_collection_in_a_notebook(tmp_path: Path) -> None:
    # The trace issue's Python API: Collection(path).ingest/.trace/.stories/.quote, Story.articles/.graph/.root.
    with retold.Collection(tmp_path / "c.db") as c:
        report = c.ingest([SEED])
        assert report.stored == 2
        c.trace()
        [summary] = c.stories(min_size=2)
        story = c.story(summary.id)
        tass = next(a["id"] for a in story.articles if a["outlet"] == "TASS")
        assert story.root == tass
        assert story.graph.has_edge(tass, next(a["id"] for a in story.articles if a["id"] != tass))
        assert any(m.article_id == tass for m in c.quote("fashionable pretext"))


def test_quote_search_follows_a_quote_into_its_retelling(tmp_path: Path) -> None:
    # The retold version is one clause of a long merged sentence: too diluted for
    # a sentence vector, found through the alignment of the two articles.
    with retold.Collection(tmp_path / "c.db") as c:
        c.ingest([SEED])
        c.trace()
        found = c.quote("A very fashionable pretext this is")
        retold_versions = [m for m in found if m.found_by == "aligned"]
        assert any("very modern pretext" in m.text and m.speaker == "Alexander Lavrentiev" for m in retold_versions)
        assert found[0].verbatim and found[0].outlet == "TASS"
