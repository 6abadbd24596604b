"""The ``retold`` command: parses arguments, calls the library, prints.

One command per library verb (``retold ingest`` ↔ ``Store.ingest``,
``retold articles`` ↔ ``Store.list_articles``, ``retold show`` ↔
``Store.get_article``). Every RetoldError becomes one red line on stderr and
exit code 1 at a single boundary (``_Boundary.invoke``); usage errors exit 2.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from rich.console import Console
from rich.markup import escape
from rich.padding import Padding
from rich.table import Table
from typer.core import TyperArgument, TyperCommand, TyperGroup

from retold import __version__
from retold.collection import Store
from retold.config import Settings, load_settings
from retold.errors import RetoldError

if TYPE_CHECKING:
    from retold.collection import ArticleRow, IngestReport
    from retold.ingest import Notice, Skipped


def _plain_help(params: list[Any]) -> list[Any]:
    """Parameters whose --help shows a metavar (PATH, N) or nothing, never a type tag.

    typer 0.2x prints a type next to each (``<bool>`` after every flag,
    ``<list[str]>`` after PATH...): noise to a reader of ``--help``. A flag takes
    no value, an argument is already named by its metavar, an option shows its
    own. Display only: parsing and errors are click's as before.
    """
    for p in params:
        shown = None if isinstance(p, TyperArgument) or getattr(p, "is_flag", False) else p.metavar
        setattr(p, "display_type_rich", lambda ctx, shown=shown: shown)  # noqa: B010 - shadows a method
    return params


class _Command(TyperCommand):
    """Every command of ``retold``: plain --help (``_plain_help``)."""

    def get_params(self, ctx: Any) -> list[Any]:
        return _plain_help(super().get_params(ctx))


class _Group(TyperGroup):
    """A group of commands (``retold``, ``retold export``): plain --help for its own options too."""

    def get_params(self, ctx: Any) -> list[Any]:
        return _plain_help(super().get_params(ctx))


class _Boundary(_Group):
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
    return typer.Option(metavar="FIELD", help=f"JSON/CSV field holding the {what}.", show_default=default)


@app.command(cls=_Command)
def ingest(
    ctx: typer.Context,
    paths: Annotated[
        list[str],
        typer.Argument(
            metavar="PATH",
            help="Files, directories (their article files, recursively), globs, or - for stdin: "
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
            help="Skip documents (a file, a record) larger than N bytes; also RETOLD_MAX_DOCUMENT_BYTES.",
            show_default=f"{Settings().max_document_bytes} = {Settings().max_document_bytes >> 20} MiB",
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
def _progress() -> Iterator[Callable[[int], None]]:
    """A live "records read" counter on stderr, silent when stderr is not a terminal."""
    from rich.progress import Progress, SpinnerColumn, TaskProgressColumn, TextColumn, TimeElapsedColumn

    console = _stderr()
    with Progress(
        SpinnerColumn(),
        TextColumn("ingesting: {task.completed:,} records read"),
        TaskProgressColumn(show_speed=True),  # records/s, as total is unknown
        TimeElapsedColumn(),
        console=console,
        transient=True,
        disable=not console.is_terminal,
    ) as progress:
        task = progress.add_task("ingest", total=None)
        yield lambda n: progress.update(task, completed=n)


def _print_ingest_report(report: IngestReport, path: Path | None) -> None:
    out = _stdout()
    table = Table(title=f"ingest into {escape(str(path))}", title_justify="left")
    table.add_column("read", justify="right")
    table.add_column("stored", justify="right")
    table.add_column("duplicates", justify="right")
    table.add_column("skipped", justify="right", style="red" if report.skipped else None)
    table.add_row(*(f"{n:,}" for n in (report.read, report.stored, report.duplicates, len(report.skipped))))
    out.print(table)
    _print_reasons(out, "[bold red]skipped:[/]", report.skipped)
    # Stored all the same: warnings do not change the exit code.
    _print_reasons(out, "[bold yellow]warnings:[/]", report.warnings)


def _print_reasons(out: Console, heading: str, items: Sequence[Skipped | Notice]) -> None:
    if items:
        out.print(heading)
        for item in items:
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


@app.command(cls=_Command)
def articles(
    ctx: typer.Context,
    outlet: Annotated[str | None, typer.Option(metavar="NAME", help="Only this outlet.")] = None,
    language: Annotated[str | None, typer.Option(metavar="CODE", help="Only this language (ISO 639-1, e.g. ru).")] = None,
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
    table.add_column("outlet", overflow="fold")
    table.add_column("lang", no_wrap=True)
    table.add_column("#sent", justify="right", no_wrap=True)
    # fold, not ellipsis: at 80 columns "автоматизации" lost its end ("автоматизац…").
    table.add_column("title", overflow="fold")
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


@app.command(cls=_Command)
def show(
    ctx: typer.Context,
    article_id: Annotated[str, typer.Argument(metavar="ID", help="An article id, or a unique prefix of 6+ characters.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the article as JSON.")] = False,
) -> None:
    """Show one article: its metadata, then its sentences."""
    with _open(ctx) as store:
        article = store.get_article(article_id)
    if as_json:
        doc = asdict(article)
        for sentence in doc["sentences"]:  # as published, like compare's JSON: "text" is normalised
            sentence["original"] = article.original[sentence["start"] : sentence["end"]]
        typer.echo(json.dumps(doc, ensure_ascii=False, indent=2, default=_iso))
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
    from retold.ingest.files import kind_from_name

    path = Path(ref)
    if ref != "-" and path.is_dir():
        _fail(f"{ref}: a directory; compare takes one article, a file or a stored id")
    if ref == "-" or path.exists():
        # The root's settings, so RETOLD_MAX_DOCUMENT_BYTES (named by the too-large reason) applies here too.
        return load_article(path if ref != "-" else ref, settings=ctx.find_object(Settings))
    if "/" in ref or kind_from_name(ref)[0] is not None:  # a mistyped path, not an id
        _fail(f"{ref}: no such file")
    settings = ctx.find_object(Settings) or load_settings()
    if settings.db_path.exists():
        with _open(ctx) as store:
            return store.get_article(ref)
    _fail(f"{ref}: no such file, and no store at {settings.db_path} to look the id up in")


@app.command(cls=_Command)
def compare(
    ctx: typer.Context,
    a: Annotated[str | None, typer.Argument(metavar="A", help="The first article: a file (any supported format) or a stored id.")] = None,
    b: Annotated[str | None, typer.Argument(metavar="B", help="The second article: a file or a stored id.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the comparison as JSON (schema retold.comparison/1).")] = False,
    html: Annotated[Path | None, typer.Option("--html", metavar="FILE", help="Also write a self-contained side-by-side HTML page.")] = None,
    pairs: Annotated[Path | None, typer.Option("--pairs", metavar="FILE.jsonl", help='Compare many pairs: lines of {"id", "a", "b"} ("-" reads them from stdin); prints JSON lines.')] = None,
    no_color: Annotated[bool, typer.Option("--no-color", help="Plain text markers instead of colours.")] = False,
    precise: Annotated[bool, typer.Option("--precise", help="Grade each alignment's meaning with the e5 model too "
                                          "(better on STS-B and MSRP; ~25 ms a sentence more).")] = False,
) -> None:
    """Compare two articles: alignment, relation and direction, and what the retelling changed."""
    from retold.compare import compare_articles
    from retold.embed import get_encoder, get_precise_encoder

    if pairs is not None:
        if a is not None or b is not None or html is not None:
            _fail("--pairs compares the pairs in its file: give no A B and no --html with it", code=2)
        _compare_pairs(pairs, precise)
        return
    if a is None or b is None:
        _fail("compare needs two articles (A B) or --pairs FILE.jsonl", code=2)
    _writable(html)
    art_a, art_b = _resolve(ctx, a), _resolve(ctx, b)
    result = compare_articles(art_a, art_b, get_encoder(), get_precise_encoder() if precise else None)
    if html is not None:
        from retold.render.html import render_comparison as to_html

        _write(to_html(result), html)
    if as_json:
        from retold.render.json import comparison_to_json

        typer.echo(comparison_to_json(result, indent=2))
        return
    from retold.render.terminal import print_comparison

    print_comparison(result, Console(highlight=False, no_color=no_color))


def _compare_pairs(path: Path, precise: bool) -> None:
    from retold.pairs import PairFailure, compare_pairs

    done = failed = 0
    for item in compare_pairs(path, precise=precise):
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


# -- trace, stories, story, quote, export -------------------------------------

_STAGE_LABELS = {"read": "reading", "candidates": "candidates", "compare": "comparing", "stories": "stories"}


@app.command(cls=_Command)
def trace(
    ctx: typer.Context,
    thorough: Annotated[bool, typer.Option("--thorough", help="Score every candidate pair with sentence vectors "
                                           "(slower), not only those that wording cannot settle.")] = False,
) -> None:
    """Find every retelling in the store and group articles into stories (incremental).

    Exits 1 if some pair could not be compared (the summary says how many).
    """
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from retold.collection.collection import Collection
    from retold.collection.trace import TraceSettings

    console = _stderr()
    with Collection(ctx.obj.db_path, settings=ctx.obj, create=False) as c, Progress(
        TextColumn("{task.description:>11}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=console, transient=True, disable=not console.is_terminal,
    ) as bar:
        tasks: dict[str, Any] = {}

        def progress(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(_STAGE_LABELS.get(stage, stage), total=total)
            bar.update(tasks[stage], completed=done, total=total)

        report = c.trace(settings=TraceSettings(thorough=thorough), progress=progress)
    out = _stdout()
    out.print(f"trace of {escape(str(ctx.obj.db_path))}")
    # One figure a line: nine columns did not fit 80 (piped output), and their headers were cut to "candi…".
    table = Table.grid(padding=(0, 2))
    table.add_column(style="dim", no_wrap=True)
    table.add_column(justify="right", no_wrap=True)
    table.add_column(style="dim")
    for label, n, detail in (
        ("articles", report.articles, f"{report.new_articles:,} new"),
        ("exact copies", report.exact_copies, ""),
        ("candidate pairs", report.candidate_pairs, ""),
        ("compared", report.compared, f"{report.escalated:,} with sentence vectors"),
        ("stories", report.stories, f"{report.multi_article_stories:,} of two or more articles"),
    ):
        table.add_row(label, f"{n:,}", detail)
    table.add_row("time", f"{report.seconds:.1f} s", "")
    out.print(Padding(table, (0, 0, 0, 2), expand=False))
    if report.already_compared:
        out.print(f"[dim]{report.already_compared:,} candidate pair(s) were compared by an earlier run[/]")
    for note in report.notes():
        out.print(f"[yellow]note:[/] {escape(note)}", soft_wrap=True)
    for a, b, reason in report.failed[:10]:
        out.print(f"  [red]{a} × {b}[/]: {escape(reason)}", soft_wrap=True)
    raise typer.Exit(1 if report.failed else 0)


def _span(first: datetime | None, last: datetime | None) -> str:
    if first is None or last is None:
        return ""
    if first == last:
        return f"{first:%Y-%m-%d %H:%M}"
    # Two lines: on one (35 characters, unbreakable) the titles beside it were squeezed
    # to a word a line at 80 columns; wrapped by rich, a time broke from its date.
    return f"{first:%Y-%m-%d %H:%M} →\n{last:%Y-%m-%d %H:%M}"


@app.command(cls=_Command)
def stories(
    ctx: typer.Context,
    min_size: Annotated[int, typer.Option(min=1, metavar="N", help="Only stories of at least N articles.")] = 2,
) -> None:
    """List the stories found by `retold trace`, largest first."""
    from retold.collection.collection import Collection

    with Collection(ctx.obj.db_path, settings=ctx.obj, create=False) as c:
        rows = c.stories()
    out = _stdout()
    shown = [s for s in rows if s.size >= min_size]
    if not rows:
        out.print("[dim]no stories: run `retold trace` first[/]")
        return
    table = Table(show_edge=False, pad_edge=False)
    table.add_column("id", style="cyan", no_wrap=True)
    table.add_column("size", justify="right")
    table.add_column("languages")
    table.add_column("first source")
    table.add_column("time span", no_wrap=True)
    for s in shown:
        first = " — ".join(x for x in (s.root_outlet, s.root_title) if x) or (s.root or "")
        table.add_row(s.id, str(s.size), ", ".join(s.languages), escape(first), _span(s.first, s.last))
    out.print(table)
    hidden = len(rows) - len(shown)
    out.print(f"[dim]{len(shown):,} stor{'y' if len(shown) == 1 else 'ies'}"
              + (f"; {hidden:,} smaller hidden (--min-size 1 shows them)" if hidden else "") + "[/]")


def _label(a: dict[str, Any]) -> str:
    when = (a.get("published") or "")[:16].replace("T", " ") or "undated"
    title = escape(a.get("title") or "")
    return f"[bold]{escape(a.get('outlet') or '?')}[/] [dim]{a.get('language')} · {when}[/] {title} [dim cyan]{a['id']}[/]"


@app.command(cls=_Command)
def story(
    ctx: typer.Context,
    story_id: Annotated[str, typer.Argument(metavar="ID", help="A story id, or a unique prefix of 6+ characters.")],
) -> None:
    """Show one story as a tree: its root, then what derives from it (edge kind, confidence)."""
    from rich.tree import Tree

    from retold.collection.collection import Collection
    from retold.collection.graph import children, roots

    with Collection(ctx.obj.db_path, settings=ctx.obj, create=False) as c:
        st = c.story(story_id)
    by_id = {a["id"]: a for a in st.articles}
    kids = children(st.parent)
    tree = Tree(f"story [cyan]{st.id}[/] · {len(st.articles)} article(s)")

    def grow(node: Tree, article_id: str) -> None:
        for child in sorted(kids.get(article_id, []), key=lambda i: (by_id[i].get("published") or "~", i)):
            e = st.graph.edges[article_id, child]
            grow(node.add(f"[magenta]{e['kind']}[/] {e['confidence']:.2f} → {_label(by_id[child])}"), child)

    for r in roots(st.graph, st.parent):
        grow(tree.add(("[green]root[/] " if r == st.root else "") + _label(by_id[r])), r)
    out = _stdout()
    out.print(tree)
    weak = [e for e in st.edges if e["weak"]]
    if weak:
        out.print("[dim]same event, told independently:[/]")
        for e in weak:
            out.print(f"  {escape(by_id[e['source']].get('outlet') or e['source'])} ~ "
                      f"{escape(by_id[e['target']].get('outlet') or e['target'])} [dim]{e['confidence']:.2f}[/]")


@app.command(cls=_Command)
def quote(
    ctx: typer.Context,
    text: Annotated[str, typer.Argument(metavar="TEXT", help="The quote (or any sentence) to look for.")],
    limit: Annotated[int, typer.Option(min=1, metavar="N", help="At most N versions.")] = 20,
) -> None:
    """Every version of a quote in the collection: verbatim, paraphrased and translated."""
    from retold.collection.collection import Collection

    with Collection(ctx.obj.db_path, settings=ctx.obj, create=False) as c:
        matches = c.quote(text, limit=limit)
    out = _stdout()
    if not matches:
        out.print("[dim]no version of this quote found[/]")
        return
    table = Table(show_edge=False, pad_edge=False)
    for col in ("sim", "outlet", "lang", "published", "speaker", "sentence"):
        table.add_column(col, justify="right" if col == "sim" else "left")
    for m in matches:
        table.add_row(
            "verbatim" if m.verbatim else f"{m.found_by} {m.similarity:.2f}", escape(m.outlet or ""), m.language,
            m.published.strftime("%Y-%m-%d %H:%M") if m.published else "", escape(m.speaker or ""),
            escape(m.text),
        )
    out.print(table)


export_app = typer.Typer(cls=_Group, help="Export a story's provenance graph, or all stories.", no_args_is_help=True)
app.add_typer(export_app, name="export")


def _writable(output: Path | None) -> None:
    """Fail before any work when ``output`` cannot be written (no such folder, a folder itself)."""
    if output is None:
        return
    if output.is_dir():
        _fail(f"{output}: is a folder; give a file name")
    if not output.parent.is_dir():
        _fail(f"{output}: no such folder {output.parent}")


def _write(text: str, output: Path | None) -> None:
    if output is None:
        typer.echo(text, nl=not text.endswith("\n"))
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as e:
        _fail(f"{output}: cannot write: {e.strerror or e}")
    _stderr().print(f"wrote {escape(str(output))}")


@export_app.command("story", cls=_Command)
def export_story(
    ctx: typer.Context,
    story_id: Annotated[str, typer.Argument(metavar="ID", help="A story id, or a unique prefix.")],
    fmt: Annotated[str, typer.Option("--format", "-f", metavar="FORMAT", help="json, graphml, gexf or csv.")] = "json",
    output: Annotated[Path | None, typer.Option("-o", "--output", metavar="FILE", help="Write here instead of stdout.")] = None,
) -> None:
    """Export one story: JSON, GraphML, GEXF or CSV (one row per article)."""
    from retold.collection import export
    from retold.collection.collection import Collection

    if fmt not in export.STORY_FORMATS:
        raise typer.BadParameter(f"{fmt!r}: use one of {', '.join(export.STORY_FORMATS)}", param_hint="--format")
    _writable(output)
    with Collection(ctx.find_root().obj.db_path, settings=ctx.find_root().obj, create=False) as c:
        _write(export.export_story(c.story(story_id), fmt), output)  # type: ignore[arg-type]


@export_app.command("stories", cls=_Command)
def export_stories(
    ctx: typer.Context,
    fmt: Annotated[str, typer.Option("--format", "-f", metavar="FORMAT", help="jsonl or parquet.")] = "jsonl",
    output: Annotated[Path | None, typer.Option("-o", "--output", metavar="FILE", help="Write here (required for parquet).")] = None,
    min_size: Annotated[int, typer.Option(min=1, metavar="N", help="Only stories of at least N articles.")] = 1,
) -> None:
    """Export every story: JSON Lines (one story a line) or Parquet."""
    from retold.collection import export
    from retold.collection.collection import Collection, iter_stories

    if fmt not in ("jsonl", "parquet"):
        raise typer.BadParameter(f"{fmt!r}: use jsonl or parquet", param_hint="--format")
    if fmt == "parquet" and output is None:
        raise typer.BadParameter("parquet needs -o FILE", param_hint="--output")
    _writable(output)
    settings = ctx.find_root().obj
    with Collection(settings.db_path, settings=settings, create=False) as c:
        stories_ = iter_stories(c, min_size)
        if fmt == "parquet":
            try:
                n = export.write_parquet(stories_, output)  # type: ignore[arg-type]
            except OSError as e:
                _fail(f"{output}: cannot write: {e.strerror or e}")
            _stderr().print(f"wrote {n:,} stories to {escape(str(output))}")
            return
        lines = "".join(line + "\n" for line in export.stories_jsonl(stories_))
        _write(lines, output)


# -- serve --------------------------------------------------------------------


@app.command(cls=_Command)
def serve(
    ctx: typer.Context,
    host: Annotated[str, typer.Option(metavar="HOST", help="Interface to listen on; 0.0.0.0 opens the app to your network.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, metavar="PORT", help="Port to listen on.")] = 8000,
    db: Annotated[Path | None, typer.Option("--db", metavar="PATH", dir_okay=False, help="The store (overrides the global --db).", show_default=False)] = None,
    allow_writes: Annotated[bool, typer.Option("--allow-writes", help="Let the app add articles and run trace; read-only otherwise.")] = False,
    max_body: Annotated[int, typer.Option(min=1024, metavar="BYTES", help="Largest request body accepted (413 above).")] = 2_000_000,
) -> None:
    """Browse stories, provenance graphs and side-by-side comparisons in the browser.

    Read-only unless started with --allow-writes. Ctrl-C stops it.
    """
    try:
        import uvicorn  # noqa: F401 - missing means the web extra is not installed

        from retold.web import WebSettings, create_app
        from retold.web.server import CannotListen, listen, run
    except ImportError as e:
        _fail(f"the web app needs the web extra ({e.name} is missing): pip install 'retold[web]'")
    settings: Settings = ctx.obj.with_overrides(db_path=db)
    web = WebSettings(settings.db_path, allow_writes=allow_writes, host=host, port=port,
                      max_body_bytes=max_body, store=settings)
    application = create_app(web)  # a missing or broken store fails here, at the boundary
    try:
        sock = listen(host, port)  # before "serving": a port in use fails here, with nothing claimed
    except CannotListen as e:
        _fail(str(e))
    shown = f"[{host}]" if ":" in host else host
    mode = "[red]writes allowed[/]" if allow_writes else "read-only"
    _stderr().print(f"serving {escape(str(settings.db_path))} ({mode}) at [bold]http://{shown}:{port}/[/] · Ctrl-C stops")
    if host in ("0.0.0.0", "::"):
        _stderr().print("[yellow]note:[/] listening on every interface: anyone on your network can open the app")
    run(application, sock, web)


def main() -> None:
    """Entry point of the ``retold`` script and ``python -m retold``."""
    app(prog_name="retold")
