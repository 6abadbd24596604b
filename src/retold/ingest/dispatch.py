"""``read``: any mix of files, directories, globs and stdin → articles, skipping what cannot be used.

Dispatch is by extension (``files.kind_from_name``), else by sniffing the
first bytes; each reader lives in its own module.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from ..config import Settings
from ..errors import InputError, UnreadableInput
from ..models import Article
from .article import build_article
from .files import Notice, Skipped, Source, decode, expand_inputs, kind_from_name, open_source, read_limited
from .html import parse_html
from .records import FieldMap, read_csv, read_json, read_jsonl
from .warc import read_warc

__all__ = ["load_article", "read"]


def read(
    inputs: Iterable[str | Path],
    *,
    fields: FieldMap = FieldMap(),  # noqa: B008 - frozen, so a shared default is safe
    settings: Settings | None = None,
    notices: bool = False,
) -> Iterator[Article | Skipped | Notice]:
    """Every article in ``inputs``, in a stable order; what cannot be used comes as ``Skipped``.

    Each input is a file, a directory (read recursively, sorted), a glob, or
    "-" for stdin. Never raises for a bad input. With ``notices``, a warning
    about an article that was kept (an unreadable date) comes as a ``Notice``
    just before it.

    >>> from pathlib import Path
    >>> seed = Path(__file__).parents[3] / "examples" / "seed-pair"
    >>> [a.outlet for a in read([seed / "tass.txt", seed / "missing.txt"]) if isinstance(a, Article)]
    ['TASS']
    >>> [s.reason for s in read([seed / "missing.txt"])]
    ['no such file or directory']
    """
    for item in _read_all(inputs, fields, settings or Settings()):
        if notices or not isinstance(item, Notice):
            yield item


def _read_all(inputs: Iterable[str | Path], fields: FieldMap, settings: Settings) -> Iterator[Article | Skipped | Notice]:
    items: Iterable[Path | str | Skipped] = expand_inputs(list(inputs))
    if settings.ingest_workers > 1:
        listed = list(items)
        if sum(1 for i in listed if _one_document(i)) >= PARALLEL_MIN:
            yield from _read_parallel(listed, fields, settings)
            return
        items = listed
    for item in items:
        if isinstance(item, Skipped):
            yield item
            continue
        yield from _read_one(item, fields, settings)


# Fewer one-document files than this are read in this process: starting
# workers costs more than it saves.
PARALLEL_MIN = 64
# Files handed to a worker at a time.
CHUNK = 32


def _one_document(item: Path | str | Skipped) -> bool:
    """A file that holds one article (text, HTML, JSON): worth sending to a worker.

    Multi-record files (JSON Lines, CSV, WARC) stream in this process, so a
    large export never sits whole in a worker's reply.
    """
    if not isinstance(item, Path):
        return False
    kind, _ = kind_from_name(item.name)
    return kind not in ("jsonl", "csv", "tsv", "warc")


def _read_parallel(
    items: list[Path | str | Skipped], fields: FieldMap, settings: Settings
) -> Iterator[Article | Skipped | Notice]:
    """``read`` with one-document files parsed in worker processes; same items, same order."""
    import multiprocessing

    jobs = [i for i in items if isinstance(i, Path) and _one_document(i)]
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    with context.Pool(settings.ingest_workers) as pool:
        done = pool.imap(_read_file, [(path, fields, settings) for path in jobs], chunksize=CHUNK)
        for item in items:
            if isinstance(item, Skipped):
                yield item
            elif _one_document(item):
                yield from next(done)
            else:
                yield from _read_one(item, fields, settings)


def _read_file(job: tuple[Path, FieldMap, Settings]) -> list[Article | Skipped | Notice]:
    path, fields, settings = job
    try:
        return list(_read_one(path, fields, settings))
    except Exception as exc:  # noqa: BLE001 - a worker must answer for every file
        return [Skipped(str(path), f"{type(exc).__name__}: {exc}")]


def _read_one(item: Path | str, fields: FieldMap, settings: Settings) -> Iterator[Article | Skipped | Notice]:
    limit = settings.max_document_bytes
    try:
        source = open_source(item, limit)
    except InputError as exc:
        yield Skipped(exc.where, exc.reason)
        return
    try:
        yield from _dispatch(source, fields, limit)
    except InputError as exc:
        yield Skipped(exc.where, exc.reason)
    finally:
        if source.path is not None:
            source.close()


def _dispatch(source: Source, fields: FieldMap, limit: int) -> Iterator[Article | Skipped | Notice]:
    kind = source.kind
    if kind == "warc":
        yield from read_warc(source, limit)
    elif kind == "jsonl":
        yield from read_jsonl(source, fields, limit)
    elif kind in ("csv", "tsv"):
        yield from read_csv(source, fields, limit, delimiter="\t" if kind == "tsv" else None)
    elif kind == "json":
        yield from read_json(decode(read_limited(source, limit), source.name), fields, source.name)
    elif kind == "html":
        data = read_limited(source, limit)
        yield parse_html(data, source=source.name)
    else:
        text = decode(read_limited(source, limit), source.name)
        yield build_article(text, source=source.name)


def load_article(path_or_text: str | Path, settings: Settings | None = None) -> Article:
    """The article to compare: the first article read from a path, or the string itself as text.

    A string with no spaces that looks like a path ("a/b.txt", "story.html")
    but does not exist is a missing file, not a one-word article.

    >>> load_article("The envoy said the talks would go on for months.").language
    'en'

    Raises ``UnreadableInput`` with the reader's reason when a path yields no article.
    """
    settings = settings or Settings()
    is_path = isinstance(path_or_text, Path)
    if not is_path:
        text = str(path_or_text)
        candidate = Path(text)
        is_path = text == "-" or ("\n" not in text and len(text) < 4096 and (_exists(candidate) or _looks_like_path(text)))
    if not is_path:
        return build_article(str(path_or_text))
    first_skip: Skipped | None = None
    for item in read([path_or_text], settings=settings):
        if isinstance(item, Article):
            return item
        if isinstance(item, Skipped):
            first_skip = first_skip or item
    if first_skip is not None:
        raise UnreadableInput(first_skip.where, first_skip.reason)
    raise UnreadableInput(str(path_or_text), "no article found")


def _looks_like_path(text: str) -> bool:
    """A mistyped path should fail as a missing file, not be compared as a one-line "article"."""
    if any(ch.isspace() for ch in text.strip()):
        return False
    kind, gz = kind_from_name(text)
    return kind is not None or gz or "/" in text or "\\" in text


def _exists(path: Path) -> bool:
    try:
        return path.exists()
    except OSError:  # a long "path" that is really text
        return False
