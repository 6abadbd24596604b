from __future__ import annotations

import json
import sqlite3
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from retold.collection import AddResult, Store
from retold.collection.schema import APPLICATION_ID, MIGRATIONS, migrate
from retold.collection.store import content_hash, fts_query
from retold.errors import NotFound, StoreError
from retold.ingest.article import build_article

MOSCOW = timezone(timedelta(hours=3))

RUSSIAN = (
    "АСТАНА, 25 января. /ТАСС/. Россия располагает данными о том, что США заявили о "
    "готовности начать вывод своего военного контингента из Ирака, сообщил спецпредставитель "
    "президента РФ по сирийскому урегулированию Александр Лаврентьев.\n\n"
    "«Насколько нам известно, американская сторона заявила о готовности пойти навстречу "
    "требованиям Ирака», — сказал Лаврентьев. Сложно судить, насколько это реально."
)
ARABIC = (
    "قال المبعوث الروسي إلى سوريا ألكسندر لافرنتييف إن لدى روسيا أدلة على استعداد "
    "الولايات المتحدة لسحب قواتها من العراق. وأضاف أن الخروج أصعب بكثير."
)


@pytest.fixture
def tass(make_article, seed_dir):
    return make_article(
        (seed_dir / "tass.txt").read_text(),
        id="tass0001aa",
        title="Russia has evidence of US readiness to withdraw troops from Iraq",
        outlet="TASS",
        published=datetime(2024, 1, 25, 14, 30, tzinfo=MOSCOW),
        source="examples/seed-pair/tass.txt",
    )


@pytest.fixture
def retelling(make_article, seed_dir):
    return make_article(
        (seed_dir / "retelling.txt").read_text(),
        id="maal0002bb",
        title="Russian Envoy: We have evidence of the United States’ intention to withdraw",
        outlet="Maalouma",
        published=datetime(2024, 1, 26, 9, 0, tzinfo=UTC),
    )


@pytest.fixture
def russian(make_article):
    return make_article(
        RUSSIAN,
        id="tassru0003",
        language="ru",
        title="Лаврентьев: у России есть данные о готовности США вывести войска из Ирака",
        outlet="ТАСС",
        url="https://tass.ru/politika/19817401",
        author="Редакция ТАСС",
        published=datetime(2024, 1, 25, 11, 30),  # naive: taken as UTC
        extra={"section": "Политика", "tags": ["Ирак", "США"]},
    )


def test_round_trip_keeps_unicode_offsets_and_metadata(fresh_store, russian, make_article):
    arabic = make_article(ARABIC, id="arabic0004", language="ar", outlet="المعلومة")
    assert fresh_store.add_articles([russian, arabic]).stored == 2

    got = fresh_store.get_article("tassru0003")
    assert got == replace(russian, published=got.published)
    assert got.published == datetime(2024, 1, 25, 11, 30, tzinfo=UTC)
    assert got.extra == {"section": "Политика", "tags": ["Ирак", "США"]}
    assert got.sentences == russian.sentences
    (quote,) = [s for s in got.sentences if s.text.startswith("«Насколько нам известно")]
    assert quote.paragraph == 1
    for s in got.sentences:
        assert got.original[s.start : s.end] == s.text

    got_ar = fresh_store.get_article("arabic0004")
    assert got_ar.outlet == "المعلومة"
    assert [s.text for s in got_ar.sentences] == [s.text for s in arabic.sentences]
    assert got_ar.sentences[1].text == "وأضاف أن الخروج أصعب بكثير."


def test_published_is_stored_as_utc_and_compares_as_the_same_instant(fresh_store, tass):
    fresh_store.add_articles([tass])
    (stored,) = fresh_store.conn.execute("SELECT published FROM articles").fetchone()
    assert stored == "2024-01-25T11:30:00+00:00"
    assert fresh_store.get_article(tass.id).published == tass.published


def test_same_articles_twice_are_stored_once(fresh_store, tass, retelling, russian):
    first = fresh_store.add_articles([tass, retelling, russian])
    again = fresh_store.add_articles([russian, tass, retelling])
    assert (first.stored, first.duplicates) == (3, 0)
    assert (again.stored, again.duplicates) == (0, 3)
    assert fresh_store.count_articles() == 3
    n_sentences = len(tass.sentences) + len(retelling.sentences) + len(russian.sentences)
    assert fresh_store.conn.execute("SELECT count(*) FROM sentences").fetchone()[0] == n_sentences


def test_date_warnings_come_only_for_articles_this_run_stores(fresh_store, tmp_path: Path):
    def record(k: int, date: str) -> str:
        return json.dumps({"id": f"wire-{k}", "published": date, "text": f"Report {k}: the envoy said the talks "
                           f"would go on for {k + 2} more months."}) + "\n"

    first = tmp_path / "feed.jsonl"
    first.write_text(record(1, "2024-13-45") + record(2, "2024-01-25") + record(3, "not a date"), encoding="utf-8")
    report = fresh_store.ingest([first])
    assert report.stored == 3
    assert [w.where for w in report.warnings] == [f"{first}:1", f"{first}:3"]
    again = fresh_store.ingest([first])  # the same records: all duplicates, nothing to warn about again
    assert again.duplicates == 3 and again.warnings == ()
    later = tmp_path / "later.jsonl"  # one old record, one new: only the new one is warned about
    later.write_text(record(3, "not a date") + record(4, "2024-02-30"), encoding="utf-8")
    mixed = fresh_store.ingest([later])
    assert (mixed.stored, mixed.duplicates) == (1, 1)
    assert [(w.where, w.reason) for w in mixed.warnings] == [
        (f"{later}:2", "unreadable date '2024-02-30' in 'published': read as undated")]


def test_same_content_read_from_elsewhere_is_a_duplicate(fresh_store, tass, make_article):
    copy = make_article(
        tass.text,
        id="otherid999",
        title=tass.title,
        outlet=tass.outlet,
        published=tass.published,
        source="/mirror/tass-copy.txt",
    )
    assert content_hash(copy) == content_hash(tass)
    # Both in one batch: the first wins.
    assert fresh_store.add_articles([tass, copy]) == AddResult(stored=1, duplicates=1)
    assert [r.id for r in fresh_store.list_articles()] == ["tass0001aa"]
    assert fresh_store.get_article("tass0001aa").source == "examples/seed-pair/tass.txt"


def test_a_given_id_with_other_content_is_a_conflict(fresh_store, tass, make_article):
    corrected = make_article(tass.text, id=tass.id, title="Envoy: US to leave Iraq", outlet=tass.outlet,
                             published=tass.published, source="feed.jsonl:7")
    other = make_article("The city council approved the budget on Tuesday.", id=tass.id, source="feed.jsonl:8")
    # In one batch (the first wins) and against the store: nothing is lost silently.
    result = fresh_store.add_articles([tass, corrected, tass])
    assert (result.stored, result.duplicates) == (1, 1)
    assert [(s.where, s.reason) for s in result.conflicts] == [
        ("feed.jsonl:7", "id 'tass0001aa' is already stored with different title")
    ]
    later = fresh_store.add_articles([other])
    assert (later.stored, later.duplicates) == (0, 0)
    assert [s.reason for s in later.conflicts] == ["id 'tass0001aa' is already stored with different text, title, outlet, date"]
    assert fresh_store.get_article(tass.id).title == tass.title


def test_an_id_derived_from_the_text_is_a_duplicate_whatever_the_metadata(fresh_store):
    # No id given: the id is the text's hash, and the same text is the same article.
    dated = build_article("The envoy said the talks would go on for months.", published="2024-01-25")
    undated = build_article("The envoy said the talks would go on for months.")
    assert dated.id == undated.id and content_hash(dated) != content_hash(undated)
    assert fresh_store.add_articles([dated, undated]) == AddResult(stored=1, duplicates=1)


def test_same_wire_text_from_another_outlet_is_kept(fresh_store, tass, make_article):
    # Verbatim republication by another outlet is the "copy" relation retold must find.
    republished = make_article(
        tass.text, id="republish1", title=tass.title, outlet="Sputnik", published=tass.published
    )
    result = fresh_store.add_articles([tass, republished])
    assert (result.stored, result.duplicates) == (2, 0)


def test_batches_are_atomic_when_the_input_fails_midway(fresh_store, make_article):
    def articles():
        for i in range(7):
            yield make_article(f"Article number {i} reports a ceasefire.", id=f"batch-{i:04}")
        raise RuntimeError("reader crashed")

    with pytest.raises(RuntimeError, match="reader crashed"):
        fresh_store.add_articles(articles(), batch=3)
    # Batches [0,1,2] and [3,4,5] were committed; [6] was rolled back.
    assert [r.id for r in fresh_store.list_articles()] == [f"batch-{i:04}" for i in range(6)]
    assert not fresh_store.conn.in_transaction


def test_get_article_by_unique_prefix_and_errors(fresh_store, tass, retelling, make_article):
    twin = make_article("Another text entirely.", id="tass0001ab")
    fresh_store.add_articles([tass, retelling, twin])
    assert fresh_store.get_article("maal00").id == "maal0002bb"
    with pytest.raises(NotFound, match=r"ambiguous: it matches tass0001aa, tass0001ab"):
        fresh_store.get_article("tass0001")
    with pytest.raises(NotFound, match=r"from 6 characters"):
        fresh_store.get_article("maal")
    with pytest.raises(NotFound, match=r"no article with id 'zzzzzzzz'"):
        fresh_store.get_article("zzzzzzzz")


def test_list_articles_filters_and_counts(fresh_store, tass, retelling, russian, make_article):
    undated = make_article("A short note without a date.", id="undated005", outlet="TASS")
    fresh_store.add_articles([retelling, undated, russian, tass])

    rows = fresh_store.list_articles()
    # Oldest first, undated last. tass is 11:30 UTC like russian but was added later.
    assert [r.id for r in rows] == ["tassru0003", "tass0001aa", "maal0002bb", "undated005"]
    by_id = {r.id: r for r in rows}
    assert by_id["tass0001aa"].sentences == len(tass.sentences)
    assert by_id["tass0001aa"].title == tass.title
    assert by_id["tassru0003"].language == "ru"

    assert {r.id for r in fresh_store.list_articles(outlet="TASS")} == {"tass0001aa", "undated005"}
    assert [r.id for r in fresh_store.list_articles(language="ru")] == ["tassru0003"]
    # A date is a whole (UTC) day, both ends inclusive.
    assert [r.id for r in fresh_store.list_articles(since=date(2024, 1, 26))] == ["maal0002bb"]
    assert [r.id for r in fresh_store.list_articles(until=date(2024, 1, 25))] == [
        "tassru0003",
        "tass0001aa",
    ]
    assert fresh_store.list_articles(since=datetime(2024, 1, 26, 9, 0, 1, tzinfo=UTC)) == []
    assert len(fresh_store.list_articles(limit=2)) == 2
    assert fresh_store.count_articles() == 4


def test_iter_articles_streams_everything_in_ingest_order(fresh_store, make_article):
    articles = [
        make_article(f"Report {i}. The talks resumed on day {i}.", id=f"iter-{i:04}")
        for i in range(7)
    ]
    fresh_store.add_articles(articles)
    got = list(fresh_store.iter_articles(batch=3))
    assert [a.id for a in got] == [a.id for a in articles]
    assert got[5].sentences == articles[5].sentences
    assert got[5].sentence_texts() == ["Report 5.", "The talks resumed on day 5."]


def test_iter_outlines_matches_iter_articles(fresh_store, tass, russian, make_article):
    bare = replace(make_article("No sentences were kept for this one.", id="bare-0001"), sentences=())
    fresh_store.add_articles([tass, russian, bare])
    full = list(fresh_store.iter_articles(batch=2))
    outlines = list(fresh_store.iter_outlines(batch=2))
    assert [o.id for o in outlines] == [a.id for a in full]
    for o, a in zip(outlines, full, strict=True):
        assert (o.title, o.published, o.language) == (a.title, a.published, a.language)
        assert o.sentence_texts() == a.sentence_texts()
        assert o.text == ("" if a.sentences else a.text)
    assert outlines[2].text == "No sentences were kept for this one."


def test_search_finds_english_russian_and_arabic_phrases(fresh_store, tass, retelling, russian):
    fresh_store.add_articles([tass, retelling, russian])

    hits = fresh_store.search_sentences("as far as we know")
    assert {h.article_id for h in hits} == {"tass0001aa", "maal0002bb"}
    assert all("as far as we know" in h.text.lower() for h in hits)
    assert hits[0].snippet.startswith('"[As far as we know], the US side')

    # Case-folded Cyrillic, and a phrase spanning a punctuation mark.
    (ru,) = fresh_store.search_sentences("россия располагает данными")
    assert ru.article_id == "tassru0003"
    assert ru.text.startswith("Россия располагает данными о том, что США")
    (ru2,) = fresh_store.search_sentences("насколько нам известно")
    assert ru2.text.startswith("«Насколько нам известно")

    # Word order matters for a phrase, not for "all".
    assert fresh_store.search_sentences("know we as far") == []
    assert fresh_store.search_sentences("know we as far", match="all")


def test_search_arabic_and_hostile_queries(fresh_store, make_article):
    fresh_store.add_articles([make_article(ARABIC, id="arabic0004", language="ar")])
    (hit,) = fresh_store.search_sentences("لسحب قواتها من العراق")
    assert hit.index == 0
    # FTS5 syntax typed by a user is searched as words, never parsed.
    assert fresh_store.search_sentences('العراق" OR NEAR(a b) *') == []
    assert fresh_store.search_sentences("  ...  ") == []
    assert fts_query('say "no"', "all") == '"say" AND """no"""'


def test_search_chinese_and_japanese_inside_a_clause(fresh_store):
    # unicode61 makes "新加坡旅游局周三公布" one token: a phrase inside it is found as a substring
    fresh_store.add_articles([
        build_article("新加坡旅游局周三公布，2022年到访新加坡的国际旅客达到630万人次。旅游收入预计为138亿新元。",
                      id="zh0005"),
        build_article("トムは東京に住んでいます。彼は毎日新聞を読みます。", id="ja0006"),
    ])
    (hit,) = fresh_store.search_sentences("“旅游局周三公布，2022年”")  # pasted with quotes and a full-width comma
    assert (hit.article_id, hit.index) == ("zh0005", 0)
    assert hit.snippet.startswith("新加坡[旅游局周三公布,2022年]到访")
    assert fresh_store.search_sentences("旅游局公布") == []  # a phrase is contiguous
    assert [h.index for h in fresh_store.search_sentences("旅游 新元", match="all")] == [1]
    assert {h.article_id for h in fresh_store.search_sentences("新聞 旅客", match="any")} == {"zh0005", "ja0006"}
    assert fresh_store.search_sentences("「」") == []
    fresh_store.add_articles([build_article("日経平均株価は火曜日、Nikkei指数で3%下落した。", id="ja0007")])
    assert [h.snippet for h in fresh_store.search_sentences("nikkei指数")] == ["日経平均株価は火曜日、[Nikkei指数]で3%下落した。"]
    assert fresh_store.search_sentences(" ".join(f"字{k}" for k in range(1000)), match="any") == []


def test_file_store_pragmas_and_reopen(tmp_path: Path, tass):
    path = tmp_path / "retold.db"
    with Store(path) as store:
        store.add_articles([tass])
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert store.conn.execute("PRAGMA synchronous").fetchone()[0] == 1  # NORMAL
    with Store(path) as store:
        assert store.get_article(tass.id) == tass
        assert store.version == len(MIGRATIONS)


def test_missing_store_is_not_created_when_create_is_false(tmp_path: Path):
    with pytest.raises(StoreError, match="no store at .*missing.db"):
        Store(tmp_path / "missing.db", create=False)
    assert not (tmp_path / "missing.db").exists()


def test_garbage_file_is_refused(tmp_path: Path):
    path = tmp_path / "notes.db"
    path.write_text("these are my notes, not a database\n" * 100)
    with pytest.raises(StoreError, match="notes.db: not a usable retold store"):
        Store(path)


# -- migrations ---------------------------------------------------------------


def test_empty_database_at_version_0_is_migrated(tmp_path: Path):
    path = tmp_path / "old.db"
    sqlite3.connect(path).close()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 0
    conn.close()

    with Store(path) as store:
        assert store.version == len(MIGRATIONS) >= 1
        tables = {r[0] for r in store.conn.execute("SELECT name FROM sqlite_master")}
        assert {"articles", "sentences", "sentences_fts"} <= tables
        assert store.conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID


def test_store_from_a_newer_retold_is_refused(tmp_path: Path):
    path = tmp_path / "future.db"
    Store(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 5}")
    conn.close()
    with pytest.raises(
        StoreError, match=rf"schema version {len(MIGRATIONS) + 5}.*newer retold; upgrade retold"
    ):
        Store(path)


def test_another_programs_database_is_not_migrated(tmp_path: Path):
    path = tmp_path / "app.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE users (name TEXT)")
    conn.close()
    with pytest.raises(StoreError, match="tables that retold did not create"):
        Store(path)


def test_a_new_migration_upgrades_an_existing_store_in_place(tmp_path: Path, tass):
    path = tmp_path / "retold.db"
    with Store(path) as store:
        store.add_articles([tass])
    later = (*MIGRATIONS, "CREATE TABLE vectors (sentence_id INTEGER PRIMARY KEY, v BLOB);")
    conn = sqlite3.connect(path, isolation_level=None)
    assert migrate(conn, later) == len(later)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == len(later)
    assert conn.execute("SELECT count(*) FROM vectors").fetchone()[0] == 0
    assert conn.execute("SELECT id FROM articles").fetchall() == [(tass.id,)]
    conn.close()


def test_a_failing_migration_changes_nothing(tmp_path: Path):
    path = tmp_path / "retold.db"
    Store(path).close()
    broken = (*MIGRATIONS, "CREATE TABLE later (a TEXT); CREATE TABLE later (b TEXT);")
    conn = sqlite3.connect(path, isolation_level=None)
    with pytest.raises(
        StoreError, match=rf"migration to schema version {len(MIGRATIONS) + 1} failed: .*later"
    ):
        migrate(conn, broken)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
    assert conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'later'").fetchone() == (
        0,
    )
    conn.close()


def test_a_locked_store_is_a_store_error(tmp_path: Path, tass):
    path = tmp_path / "retold.db"
    with Store(path) as store:
        other = sqlite3.connect(path, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")  # another ingest holds the write lock
        store.conn.execute("PRAGMA busy_timeout = 50")
        with pytest.raises(StoreError, match="cannot write: database is locked"):
            store.add_articles([tass])
        other.execute("ROLLBACK")
        other.close()
        assert store.add_articles([tass]) == AddResult(stored=1, duplicates=0)
