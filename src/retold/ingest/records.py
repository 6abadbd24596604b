"""Multi-record files: JSON Lines, JSON arrays, CSV and TSV, with a field mapping.

Records are read as a stream, one at a time, so a large file never sits in
memory whole; ``settings.max_document_bytes`` applies to each record. A broken
line or row yields ``Skipped("path:LINE", reason)`` and reading goes on.
"""

from __future__ import annotations

import codecs
import csv
import gzip
import io
import json
import sys
import zlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from ..errors import InputError, MalformedRecord
from ..models import Article
from .article import build_article
from .files import Notice, Skipped, Source, decode_errors, detect_encoding, gzip_reason, too_large

__all__ = ["FieldMap", "read_csv", "read_json", "read_jsonl", "record_to_article"]

# A NUL byte is binary data in one record (``files`` judges the file as a
# whole): that record is skipped, the others are read.
_NUL = "NUL byte in the {} (binary data, not text)"


@dataclass(frozen=True, slots=True)
class FieldMap:
    """Which record fields hold what (the CLI exposes --text-field etc.).

    A dotted name ("meta.title") reaches into nested JSON objects.
    """

    text: str = "text"
    title: str = "title"
    url: str = "url"
    outlet: str = "outlet"
    date: str = "published"
    lang: str = "language"
    id: str = "id"
    author: str = "author"


def record_to_article(record: Mapping[str, Any], fields: FieldMap, where: str, line: int | None = None) -> Article:
    """Build an ``Article`` from one record; raises ``MalformedRecord`` naming ``where:line``.

    >>> record_to_article({"body": "The envoy said the talks would go on.", "id": 7}, FieldMap(text="body"), "a.jsonl", 3).id
    '7'
    """
    if not isinstance(record, Mapping):
        raise MalformedRecord(where, f"expected a JSON object, got {type(record).__name__}", line)
    text = _field(record, fields.text)
    if text is None:
        # Name the fields there are, as the CSV header message does: the fix is one of them.
        raise MalformedRecord(
            where, f"no {fields.text!r} field among {list(record)[:12]} (set the text field, e.g. --text-field)", line
        )
    if not isinstance(text, str):
        raise MalformedRecord(where, f"field {fields.text!r} is {type(text).__name__}, not text", line)
    source = f"{where}:{line}" if line is not None else where
    try:
        return build_article(
            text,
            title=_text(_field(record, fields.title)),
            id=_text(_field(record, fields.id)),
            outlet=_text(_field(record, fields.outlet)),
            url=_text(_field(record, fields.url)),
            author=_author(_field(record, fields.author)),
            published=_text(_field(record, fields.date)),
            language=_text(_field(record, fields.lang)),
            source=source,
        )
    except InputError as exc:
        raise MalformedRecord(where, exc.reason, line) from None


def read_jsonl(source: Source, fields: FieldMap, max_bytes: int) -> Iterator[Article | Skipped | Notice]:
    """Articles from a JSON Lines stream, one object per line; a broken line is skipped."""
    encoding = detect_encoding(source.stream.peek(65536)[:65536])
    decoder = codecs.getincrementaldecoder(encoding)(decode_errors(encoding))
    lineno = 0
    try:
        for raw in _lines(source, max_bytes):
            lineno += 1
            if isinstance(raw, Skipped):
                yield Skipped(f"{source.name}:{lineno}", raw.reason)
                continue
            line = decoder.decode(raw)
            if lineno == 1:
                line = line.lstrip("\ufeff")
            if not line.strip():
                continue
            if "\x00" in line:
                yield Skipped(f"{source.name}:{lineno}", _NUL.format("line"))
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                yield Skipped(f"{source.name}:{lineno}", f"malformed JSON: {exc.msg} (col {exc.colno})")
                continue
            yield from _record_items(record, fields, source.name, lineno)
    except (EOFError, gzip.BadGzipFile, zlib.error, OSError) as exc:
        yield Skipped(source.name, f"{gzip_reason(exc)} after line {lineno}")


def read_json(data: str, fields: FieldMap, where: str) -> Iterator[Article | Skipped | Notice]:
    """Articles from a .json document: an array of objects, one object, or one object a line."""
    try:
        doc = json.loads(data)
    except json.JSONDecodeError as exc:
        if data.lstrip().startswith("["):
            yield Skipped(where, f"malformed JSON: {exc.msg} (line {exc.lineno}, col {exc.colno})")
            return
        # JSON Lines under a .json name is common.
        for n, line in enumerate(data.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as line_exc:
                yield Skipped(f"{where}:{n}", f"malformed JSON: {line_exc.msg} (col {line_exc.colno})")
                continue
            yield from _record_items(record, fields, where, n)
        return
    if isinstance(doc, dict):
        yield from _record_items(doc, fields, where, None)
        return
    if not isinstance(doc, list):
        yield Skipped(where, f"expected a JSON array of objects, got {type(doc).__name__}")
        return
    for i, record in enumerate(doc, start=1):
        yield from _record_items(record, fields, f"{where}#record-{i}", None)


def read_csv(
    source: Source, fields: FieldMap, max_bytes: int, *, delimiter: str | None = None
) -> Iterator[Article | Skipped | Notice]:
    """Articles from CSV/TSV with a header row; a broken row is skipped with its line number."""
    # Articles are long: the csv module's default 128 kB field limit is too small.
    if csv.field_size_limit() < max_bytes:
        csv.field_size_limit(min(max_bytes, sys.maxsize))
    encoding = detect_encoding(source.stream.peek(65536)[:65536])
    text = io.TextIOWrapper(source.stream, encoding=encoding, errors=decode_errors(encoding), newline="")  # type: ignore[arg-type]
    try:
        header_line = text.readline()
        if not header_line.strip():
            yield Skipped(source.name, "empty file (no CSV header)")
            return
        if delimiter is None:
            delimiter = max(",;\t|", key=header_line.count) if header_line.count(",") == 0 else ","
        header = next(csv.reader([header_line], delimiter=delimiter))
        header = [h.strip().lstrip("\ufeff") for h in header]
        if fields.text not in header:
            yield Skipped(source.name, f"no {fields.text!r} column in the header {header[:12]} (set --text-field)")
            return
        reader = csv.reader(text, delimiter=delimiter, strict=True)
        while True:
            start = reader.line_num + 2  # physical line where this row starts (header is line 1)
            try:
                row = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                yield Skipped(f"{source.name}:{start}", f"malformed CSV row: {exc}")
                continue
            if not row or not any(cell.strip() for cell in row):
                continue
            if any("\x00" in cell for cell in row):
                yield Skipped(f"{source.name}:{start}", _NUL.format("row"))
                continue
            if len(row) != len(header):
                yield Skipped(f"{source.name}:{start}", f"row has {len(row)} fields, the header has {len(header)}")
                continue
            yield from _record_items(dict(zip(header, row, strict=True)), fields, source.name, start)
    except (EOFError, gzip.BadGzipFile, zlib.error, OSError) as exc:
        yield Skipped(source.name, gzip_reason(exc))


def _record_items(record: Any, fields: FieldMap, where: str, line: int | None) -> Iterator[Article | Skipped | Notice]:
    """The article of one record, or why it was skipped; a ``Notice`` first for a date it could not read."""
    try:
        article = record_to_article(record, fields, where, line)
    except InputError as exc:
        yield Skipped(exc.where, exc.reason)
        return
    date = _text(_field(record, fields.date))
    if date is not None and article.published is None:
        # Kept undated, but said: a typo'd date must not vanish in silence.
        yield Notice(article.source or where, f"unreadable date {date!r} in {fields.date!r}: read as undated")
    yield article


def _lines(source: Source, max_bytes: int) -> Iterator[bytes | Skipped]:
    """Lines of a stream; a line longer than ``max_bytes`` is consumed and reported, not kept."""
    stream = source.stream
    while True:
        line = stream.readline(max_bytes + 1)
        if not line:
            return
        if len(line) > max_bytes and not line.endswith(b"\n"):
            while True:  # drain the rest of the over-long line without keeping it
                rest = stream.readline(1 << 20)
                if not rest or rest.endswith(b"\n"):
                    break
            yield Skipped(source.name, too_large(max_bytes, what="record"))
            continue
        yield line


def _field(record: Mapping[str, Any], name: str) -> Any:
    if name in record:
        return record[name]
    if "." in name:
        value: Any = record
        for part in name.split("."):
            if not isinstance(value, Mapping) or part not in value:
                return None
            value = value[part]
        return value
    return None


def _text(value: Any) -> str | None:
    if value is None or isinstance(value, (dict, list)):
        return None
    text = str(value).strip()
    return text or None


def _author(value: Any) -> str | None:
    if isinstance(value, list):
        return ", ".join(str(v) for v in value if v) or None
    return _text(value)
