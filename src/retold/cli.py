"""The ``retold`` command: parses arguments, calls the library, prints.

One command per library verb (``retold ingest`` ↔ ``Store.ingest``,
``retold articles`` ↔ ``Store.list_articles``, ``retold show`` ↔
``Store.get_article``). Every RetoldError becomes one red line on stderr and
exit code 1 at a single boundary (``_Boundary.invoke``); usage errors exit 2.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from typer.core import TyperGroup

from retold import __version__
from retold.collection import Store
from retold.config import Settings, load_settings
from retold.errors import RetoldError

if TYPE_CHECKING:
    from retold.collection import ArticleRow, IngestReport


class _Boundary(TyperGroup):
    """The one place a RetoldError turns into a message and an exit code."""

    def invoke(self, ctx: Any) -> Any:  # click's Context, vendored by typer
        try:
            return super().invoke(ctx)
        except RetoldError as e:
            _fail(str(e))


app = typer.Typer(
    cls=_Boundary,
    name="retold",
    help="Trace how news stories are retold: ingest articles, compare them, follow a story.",
    no_args_is_help=True,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _stdout() -> Console:
    # Made per call, not at import, so the width and the stream are the
    # current ones (CliRunner swaps sys.stdout; COLUMNS may change).
    return Console(highlight=False)


def _stderr() -> Console:
    return Console(stderr=True, highlight=False)


def _fail(message: str, code: int = 1) -> NoReturn:
    _stderr().print(f"[bold red]error:[/] [red]{escape(message)}[/]", soft_wrap=True)
    raise typer.Exit(code)


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"retold {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    ctx: typer.Context,
    db: Annotated[
        Path | None,
        typer.Option(
            "--db",
            metavar="PATH",
            help="The store (SQLite file).",
            show_default="$RETOLD_DB_PATH or ./retold.db",
            dir_okay=False,
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_show_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    ctx.obj = load_settings(db_path=db)


def _open(ctx: typer.Context, *, create: bool = False, settings: Settings | None = None) -> Store:
    settings = settings or ctx.find_object(Settings) or load_settings()
    return Store(settings.db_path, settings=settings, create=create)


# -- ingest -------------------------------------------------------------------

def _field(what: str, default: str) -> Any:
    return typer.Option(metavar="F", help=f"JSON/CSV field holding the {what}.", show_default=default)


@app.command()
def ingest(
    ctx: typer.Context,
    paths: Annotated[
        list[str],
        typer.Argument(
            metavar="PATH",
            help="Files, directories (read recursively), globs, or - for stdin: "
            ".txt, .html, .jsonl, .csv, .warc(.gz).",
            show_default=False,
        ),
    ],
    text_field: Annotated[str | None, _field("text", "text")] = None,
    title_field: Annotated[str | None, _field("title", "title")] = None,
    url_field: Annotated[str | None, _field("URL", "url")] = None,
    outlet_field: Annotated[str | None, _field("outlet", "outlet")] = None,
    date_field: Annotated[str | None, _field("date", "published")] = None,
    lang_field: Annotated[str | None, _field("language", "language")] = None,
    id_field: Annotated[str | None, _field("id", "id")] = None,
    author_field: Annotated[str | None, _field("author", "author")] = None,
    max_bytes: Annotated[
        int | None,
        typer.Option(
            min=1,
            metavar="N",
            help="Skip documents larger than N bytes.",
            show_default=f"{Settings().max_document_bytes:,}",
        ),
    ] = None,
) -> None:
    """Read articles into the store; rerunning the same ingest adds nothing twice.

    Exits 1 if any input or record was skipped (each is listed with its reason).
    """
    # Imported here: the readers pull in trafilatura and lxml, which would slow
    # every other command's start (and --help) for nothing.
    from retold.ingest import FieldMap

    settings: Settings = ctx.obj.with_overrides(max_document_bytes=max_bytes)
    overrides = {
        "text": text_field,
        "title": title_field,
        "url": url_field,
        "outlet": outlet_field,
        "date": date_field,
        "lang": lang_field,
        "id": id_field,
        "author": author_field,
    }
    fields = FieldMap(**{k: v for k, v in overrides.items() if v is not None})
    with _open(ctx, create=True, settings=settings) as store, _progress() as update:
        report = store.ingest(paths, fields=fields, on_progress=update)
    _print_ingest_report(report, store.path)
    raise typer.Exit(1 if report.skipped else 0)


@contextmanager
def _progress() -> Iterator[Any]:
    """A live "records read" counter on stderr, silent when stderr is not a terminal."""
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    console = _stderr()
    with Progress(
        SpinnerColumn(),
        TextColumn("ingesting: {task.completed:,} records read"),
        TextColumn("[dim]{task.fields[rate]}"),
        TimeElapsedColumn(),
        console=console,
        transient=True,
        disable=not console.is_terminal,
    ) as progress:
        task = progress.add_task("ingest", total=None, rate="")

        def update(n: int) -> None:
            speed = progress.tasks[0].speed
            progress.update(task, completed=n, rate=f"{speed:,.0f}/s" if speed else "")

        yield update


def _print_ingest_report(report: IngestReport, path: Path | None) -> None:
    out = _stdout()
    table = Table(title=f"ingest into {escape(str(path))}", title_justify="left")
    table.add_column("read", justify="right")
    table.add_column("stored", justify="right")
    table.add_column("duplicates", justify="right")
    table.add_column("skipped", justify="right", style="red" if report.skipped else None)
    table.add_row(*(f"{n:,}" for n in (report.read, report.stored, report.duplicates, len(report.skipped))))
    out.print(table)
    if report.skipped:
        out.print("[bold red]skipped:[/]")
        for item in report.skipped:
            # soft_wrap: never break "file:LINE: reason" across lines.
            out.print(f"  {escape(str(item.where))}: {escape(str(item.reason))}", soft_wrap=True)


# -- articles -----------------------------------------------------------------


def _when(value: str | None, option: str) -> date | datetime | None:
    if value is None:
        return None
    try:
        # A bare day (2024-01-25) means the whole day; anything longer is a moment.
        return date.fromisoformat(value) if len(value) <= 10 else datetime.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(
            f"{value!r} is not an ISO date (2024-01-25) or datetime (2024-01-25T14:30+03:00)",
            param_hint=option,
        ) from None


@app.command()
def articles(
    ctx: typer.Context,
    outlet: Annotated[str | None, typer.Option(help="Only this outlet.")] = None,
    language: Annotated[str | None, typer.Option(help="Only this language (ISO 639-1, e.g. ru).")] = None,
    since: Annotated[str | None, typer.Option(metavar="DATE", help="Published on or after (ISO date/time, UTC if no offset).")] = None,
    until: Annotated[str | None, typer.Option(metavar="DATE", help="Published on or before (a date includes the whole day).")] = None,
    limit: Annotated[int | None, typer.Option(min=0, metavar="N", help="At most N articles.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON array instead of a table.")] = False,
) -> None:
    """List the stored articles, oldest first (no text)."""
    with _open(ctx) as store:
        rows = store.list_articles(
            outlet=outlet,
            language=language,
            since=_when(since, "--since"),
            until=_when(until, "--until"),
            limit=limit,
        )
    if as_json:
        typer.echo(json.dumps([asdict(r) for r in rows], ensure_ascii=False, indent=2, default=_iso))
        return
    _print_article_rows(rows)


def _print_article_rows(rows: list[ArticleRow]) -> None:
    out = _stdout()
    if not rows:
        out.print("[dim]no articles[/]")
        return
    table = Table(show_edge=False, pad_edge=False)
    table.add_column("id", no_wrap=True, style="cyan")
    table.add_column("published", no_wrap=True)
    table.add_column("outlet")
    table.add_column("lang", no_wrap=True)
    table.add_column("#sent", justify="right", no_wrap=True)
    table.add_column("title")
    for r in rows:
        table.add_row(
            r.id,
            r.published.strftime("%Y-%m-%d %H:%M") if r.published else "",
            escape(r.outlet or ""),
            r.language,
            str(r.sentences),
            escape(r.title or ""),
        )
    out.print(table)
    out.print(f"[dim]{len(rows):,} article{'s' if len(rows) != 1 else ''}[/]")


# -- show ---------------------------------------------------------------------


@app.command()
def show(
    ctx: typer.Context,
    article_id: Annotated[str, typer.Argument(metavar="ID", help="An article id, or a unique prefix of 6+ characters.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the article as JSON.")] = False,
) -> None:
    """Show one article: its metadata, then its sentences."""
    with _open(ctx) as store:
        article = store.get_article(article_id)
    if as_json:
        typer.echo(json.dumps(asdict(article), ensure_ascii=False, indent=2, default=_iso))
        return
    out = _stdout()
    meta = Table.grid(padding=(0, 2))
    meta.add_column(style="bold", no_wrap=True)
    meta.add_column()
    for key, value in (
        ("id", article.id),
        ("title", article.title),
        ("outlet", article.outlet),
        ("author", article.author),
        ("published", article.published.isoformat() if article.published else None),
        ("language", article.language),
        ("url", article.url),
        ("source", article.source),
        ("sentences", str(len(article.sentences))),
    ):
        if value is not None:
            meta.add_row(key, escape(value))
    out.print(meta)
    out.print()
    sentences = Table(show_edge=False, pad_edge=False)
    sentences.add_column("#", justify="right", no_wrap=True, style="cyan")
    sentences.add_column("¶", justify="right", no_wrap=True, style="dim")
    sentences.add_column("lang", no_wrap=True)
    sentences.add_column("sentence")
    for s in article.sentences:
        sentences.add_row(str(s.index), str(s.paragraph), s.language or "", escape(s.text))
    out.print(sentences)

# -- compare ------------------------------------------------------------------


def _resolve(ctx: typer.Context, ref: str) -> Any:
    """A file in any supported format, or an article id in the store."""
    from retold.ingest import load_article

    if ref == "-" or Path(ref).exists():
        return load_article(Path(ref) if ref != "-" else ref)
    settings = ctx.find_object(Settings) or load_settings()
    if settings.db_path.exists():
        with _open(ctx) as store:
            return store.get_article(ref)
    _fail(f"{ref}: no such file, and no store at {settings.db_path} to look the id up in")


@app.command()
def compare(
    ctx: typer.Context,
    a: Annotated[str | None, typer.Argument(help="The first article: a file (any supported format) or a stored id.")] = None,
    b: Annotated[str | None, typer.Argument(help="The second article: a file or a stored id.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the comparison as JSON (schema retold.comparison/1).")] = False,
    html: Annotated[Path | None, typer.Option("--html", metavar="FILE", help="Also write a self-contained side-by-side HTML page.")] = None,
    pairs: Annotated[Path | None, typer.Option("--pairs", metavar="FILE.jsonl", help='Compare many pairs: lines of {"id", "a", "b"}; prints JSON lines.')] = None,
    no_color: Annotated[bool, typer.Option("--no-color", help="Plain text markers instead of colours.")] = False,
) -> None:
    """Compare two articles: alignment, relation and direction, and what the retelling changed."""
    from retold.compare import compare_articles
    from retold.embed import get_encoder

    if pairs is not None:
        _compare_pairs(pairs)
        return
    if a is None or b is None:
        _fail("compare needs two articles (A B) or --pairs FILE.jsonl", code=2)
    art_a, art_b = _resolve(ctx, a), _resolve(ctx, b)
    result = compare_articles(art_a, art_b, get_encoder())
    if html is not None:
        from retold.render.html import render_comparison as to_html

        html.write_text(to_html(result), encoding="utf-8")
        _stderr().print(f"wrote {escape(str(html))}")
    if as_json:
        from retold.render.json import comparison_to_json

        typer.echo(comparison_to_json(result, indent=2))
        return
    from retold.render.terminal import print_comparison

    print_comparison(result, Console(highlight=False, no_color=no_color))


def _compare_pairs(path: Path) -> None:
    from retold.pairs import PairFailure, compare_pairs

    done = failed = 0
    for item in compare_pairs(path):
        if isinstance(item, PairFailure):
            failed += 1
            _stderr().print(f"[yellow]skipped[/] {escape(item.where)}: {escape(item.reason)}")
        else:
            done += 1
            typer.echo(json.dumps(item, ensure_ascii=False))
    _stderr().print(f"compared {done} pair(s), skipped {failed}")
    if failed:
        raise typer.Exit(1)



def _iso(value: object) -> str:
    if isinstance(value, datetime | date):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def main() -> None:
    """Entry point of the ``retold`` script and ``python -m retold``."""
    app(prog_name="retold")
