"""The seed pair (examples/seed-pair): a TASS report and its retelling."""

from __future__ import annotations

from pathlib import Path

import pytest

from retold.ingest import Article, build_article, load_article, read

SEED = Path(__file__).resolve().parent.parent / "examples" / "seed-pair"
TASS_SENTENCES = 20  # counted by reading tass.txt: 1+3+3+1+2+3, the heading, 4+2


@pytest.fixture(scope="module")
def tass() -> Article:
    return load_article(SEED / "tass.txt")


@pytest.fixture(scope="module")
def retelling() -> Article:
    return load_article(SEED / "retelling.txt")


def test_retelling_title_repeats_and_banner_removed(retelling: Article) -> None:
    assert retelling.title == (
        "Russian Envoy: We have evidence of the United States’ intention to withdraw its forces from Iraq"
    )
    assert retelling.sentences[0].text.startswith("The Russian envoy to Syria")
    assert "Russian Envoy" not in retelling.text
    assert "Information/translation" not in retelling.text
    assert retelling.language == "en"
    assert retelling.outlet is None  # no dateline, no outlet given


def test_retelling_keeps_curly_quotes_in_original_only(retelling: Article) -> None:
    s = next(s for s in retelling.sentences if s.text.startswith('"How realistic'))
    assert retelling.original[s.start : s.end] == "“How realistic this is, and this process may continue for a long time, even years.”"
    assert s.text == '"How realistic this is, and this process may continue for a long time, even years."'


def test_tass_outlet_and_dateline(tass: Article) -> None:
    assert tass.outlet == "TASS"
    assert tass.extra["dateline"] == {
        "text": "ASTANA, January 25. /TASS/.",
        "place": "ASTANA",
        "date": "January 25",
        "agency": "TASS",
    }
    assert tass.title is None  # the first line is a sentence, not a headline
    first = tass.sentences[0].text
    assert first.startswith("ASTANA, January 25. /TASS/. Russia has evidence")
    assert first.endswith("Alexander Lavrentyev, has said.")


def test_tass_sentences(tass: Article) -> None:
    texts = tass.sentence_texts()
    assert len(texts) == TASS_SENTENCES
    assert "Outlook for pullout of foreign forces from Iraq" in texts
    assert "A very fashionable pretext this is." in texts
    assert "It is difficult to judge how realistic this is, though." in texts
    assert 'This process may last long, even years."' in texts
    heading = texts.index("Outlook for pullout of foreign forces from Iraq")
    assert texts[heading + 1].startswith("Earlier, Reuters, citing sources")
    assert [s.paragraph for s in tass.sentences][heading - 1 : heading + 2] == [5, 6, 7]
    assert {s.language for s in tass.sentences} == {"en"}


def test_tass_offsets_point_at_the_published_text(tass: Article) -> None:
    published = (SEED / "tass.txt").read_text(encoding="utf-8")
    assert tass.original == published
    for s in tass.sentences:
        assert published[s.start : s.end] == s.text.replace("Russia's", "Russia’s").replace("Iraq's", "Iraq’s")
    # Nothing but line breaks lies between the sentences: no text was lost.
    gaps = [published[a.end : b.start] for a, b in zip(tass.sentences, tass.sentences[1:])]
    assert {g for g in gaps} <= {" ", "\n"}
    assert tass.sentences[0].start == 0 and tass.sentences[-1].end == len(published.rstrip())


def test_ids_are_stable_content_hashes(tass: Article) -> None:
    again = build_article((SEED / "tass.txt").read_text(encoding="utf-8"))
    assert again.id == tass.id and len(tass.id) == 16
    assert build_article("Another text entirely, about something else.").id != tass.id
    assert build_article("Some text about talks.", id="tass-1").id == "tass-1"


def test_read_directory_is_sorted_and_complete() -> None:
    items = list(read([SEED]))
    assert [type(i).__name__ for i in items] == ["Article", "Article"]
    assert [Path(i.source).name for i in items] == ["retelling.txt", "tass.txt"]
