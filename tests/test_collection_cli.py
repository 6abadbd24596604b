"""retold trace / stories / story / quote / export through the CLI runner; exports parse back."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import networkx as nx
import pytest
import typer

from retold.cli import app

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
WIDE = {"COLUMNS": "300"}


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    from typer.testing import CliRunner

    path = tmp_path_factory.mktemp("trace") / "demo.db"
    runner = CliRunner()
    r = runner.invoke(app, ["--db", str(path), "ingest", str(EXAMPLES / "collection" / "articles.jsonl"),
                            str(EXAMPLES / "seed-pair")], env=WIDE)
    assert r.exit_code == 0, r.output
    return path


def trace_figures(output: str) -> dict[str, int]:
    """The trace summary's figures by label ("compared", "with sentence vectors", "new", ...)."""
    figures = {label: int(n.replace(",", "")) for label, n in re.findall(r"^  ([a-z ]+?)\s+([\d,]+)\b", output, re.M)}
    figures |= {label: int(n.replace(",", "")) for n, label in re.findall(r"([\d,]+) (new|with sentence vectors)", output)}
    return figures


def run(cli_runner, db: Path, *args: str):
    return cli_runner.invoke(app, ["--db", str(db), *args], env=WIDE)


def strike_id(cli_runner, db: Path) -> str:
    line = run(cli_runner, db, "export", "stories").output.splitlines()[0]
    return json.loads(line)["id"]


def test_trace_then_stories(cli_runner, db):
    r = run(cli_runner, db, "trace")
    assert r.exit_code == 0, r.output
    assert "articles" in r.output and "compared" in r.output
    r = run(cli_runner, db, "stories")
    assert r.exit_code == 0
    assert "Northsea Wire" in r.output and "ar, en, ru" in r.output and "TASS" in r.output
    assert "smaller hidden" in r.output
    again = run(cli_runner, db, "trace")
    # Nothing new: 11 articles, 0 new, nothing compared again.
    figures = trace_figures(again.output)
    assert (figures["articles"], figures["new"], figures["candidate pairs"], figures["compared"]) == (11, 0, 0, 0)


def test_story_tree(cli_runner, db):
    run(cli_runner, db, "trace")
    r = run(cli_runner, db, "story", strike_id(cli_runner, db)[:8])
    assert r.exit_code == 0, r.output
    assert "root Northsea Wire" in r.output and "translation" in r.output
    assert "same event, told independently" in r.output


def test_story_id_works_without_its_s_prefix(cli_runner, db):
    run(cli_runner, db, "trace")
    sid = strike_id(cli_runner, db)
    assert sid.startswith("s-")
    r = run(cli_runner, db, "story", sid[2:12])
    assert r.exit_code == 0 and "root Northsea Wire" in r.output


def test_story_not_found_is_one_error_line(cli_runner, db):
    r = run(cli_runner, db, "story", "s-nothing-here")
    assert r.exit_code == 1 and "no story" in r.output and "Traceback" not in r.output
    typed = run(cli_runner, db, "story", "nothing-here")
    assert typed.exit_code == 1 and "no story 'nothing-here'" in typed.output  # the id as typed


def test_quote(cli_runner, db):
    r = run(cli_runner, db, "quote", "we will not accept that 900 jobs disappear")
    assert r.exit_code == 0
    assert "verbatim" in r.output and "Вести Портал" in r.output


@pytest.mark.parametrize("fmt", ["json", "graphml", "gexf", "csv"])
def test_export_story_parses(cli_runner, db, tmp_path, fmt):
    run(cli_runner, db, "trace")
    sid = strike_id(cli_runner, db)
    out = tmp_path / f"story.{fmt}"
    r = run(cli_runner, db, "export", "story", sid, "--format", fmt, "-o", str(out))
    assert r.exit_code == 0, r.output
    text = out.read_text(encoding="utf-8")
    if fmt == "json":
        d = json.loads(text)
        assert d["id"] == sid and len(d["articles"]) == 5 and d["edges"]
    elif fmt == "graphml":
        g = nx.read_graphml(io.BytesIO(text.encode()))
        assert g.number_of_nodes() == 5 and g.graph["story"] == sid
    elif fmt == "gexf":
        g = nx.read_gexf(io.BytesIO(text.encode()))
        assert g.number_of_nodes() == 5
    else:
        rows = text.splitlines()
        assert rows[0].startswith("id,published,outlet") and len(rows) == 6


def test_export_stories_jsonl(cli_runner, db):
    run(cli_runner, db, "trace")
    lines = run(cli_runner, db, "export", "stories", "--format", "jsonl").output.splitlines()
    stories = [json.loads(line) for line in lines]
    assert all({"id", "root", "articles", "edges"} <= set(s) for s in stories)
    assert stories[0]["articles"][0].keys() >= {"id", "title", "outlet", "url", "published", "language"}
    assert all(e.keys() >= {"source", "target", "kind", "confidence"} for s in stories for e in s["edges"])


def test_export_rejects_unknown_format(cli_runner, db):
    r = run(cli_runner, db, "export", "story", "x", "--format", "pdf")
    assert r.exit_code == 2


def test_trace_summary_fits_80_columns_uncut(cli_runner, tmp_path):
    # Piped output is 80 columns wide: nine columns of figures had their headers cut ("candi…").
    path = tmp_path / "t.db"
    assert run(cli_runner, path, "ingest", str(EXAMPLES / "collection" / "articles.jsonl")).exit_code == 0
    r = cli_runner.invoke(app, ["--db", str(path), "trace"], env={"COLUMNS": "80"})
    assert r.exit_code == 0, r.output
    assert "…" not in r.output and max(map(len, r.output.splitlines())) <= 80
    for label in ("articles", "candidate pairs", "compared", "with sentence vectors", "of two or more articles"):
        assert label in r.output


def test_stories_fit_80_columns_without_cutting_titles(cli_runner, db):
    run(cli_runner, db, "trace")
    r = cli_runner.invoke(app, ["--db", str(db), "stories"], env={"COLUMNS": "80"})
    assert r.exit_code == 0, r.output
    # the one-line time span (35 characters) left the titles 9: "dockwork…", "automati…"
    assert "…" not in r.output and "Rotterdam dockworkers" in r.output
    assert "2024-03-11 08:00 →" in r.output and "2024-03-11 16:00" in r.output


def test_trace_on_missing_store_is_one_error(cli_runner, tmp_path):
    r = run(cli_runner, tmp_path / "none.db", "trace")
    assert r.exit_code == 1 and "no store" in r.output


def test_new_commands_have_help(cli_runner):
    group = typer.main.get_command(app)
    for name in ("trace", "stories", "story", "quote"):
        assert cli_runner.invoke(app, [name, "--help"]).exit_code == 0, name
    for sub in ("story", "stories"):
        r = cli_runner.invoke(app, ["export", sub, "--help"])
        assert r.exit_code == 0 and "--format" in r.output
    assert "export" in group.commands


def test_thorough_trace_gives_every_pair_vectors_and_the_same_stories(cli_runner, tmp_path):
    path = tmp_path / "t.db"
    ingest = ["ingest", str(EXAMPLES / "collection" / "articles.jsonl"), str(EXAMPLES / "seed-pair")]
    assert run(cli_runner, path, *ingest).exit_code == 0
    r = run(cli_runner, path, "trace", "--thorough")
    assert r.exit_code == 0, r.output
    figures = trace_figures(r.output)
    assert (figures["articles"], figures["new"]) == (11, 11)
    compared, with_vectors, stories = figures["compared"], figures["with sentence vectors"], figures["stories"]
    assert compared == with_vectors > 0 and stories == 5


def test_thorough_trace_after_a_plain_one_scores_again_what_wording_settled(cli_runner, tmp_path):
    # a thorough run on a traced store compared nothing: every pair was "already compared"
    path = tmp_path / "t.db"
    ingest = ["ingest", str(EXAMPLES / "collection" / "articles.jsonl"), str(EXAMPLES / "seed-pair")]
    assert run(cli_runner, path, *ingest).exit_code == 0
    counts = []
    for extra in ([], ["--thorough"], ["--thorough"]):
        r = run(cli_runner, path, "trace", *extra)
        assert r.exit_code == 0, r.output
        figures = trace_figures(r.output)
        assert figures["articles"] == 11, r.output
        counts.append((figures["compared"], figures["with sentence vectors"], figures["stories"]))
    (plain, plain_vectors, stories), (again, again_vectors, again_stories), (third, _, _) = counts
    assert 0 < plain_vectors < plain  # some pairs were settled on wording alone
    assert again == again_vectors == plain - plain_vectors and again_stories == stories == 5
    assert third == 0  # now every pair has had its vectors
