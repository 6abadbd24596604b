"""WARC and WARC.gz archives via fastwarc: HTML response records become articles.

Only ``response`` records whose HTTP payload is HTML are read; requests,
metadata, warcinfo and non-HTML responses (images, JSON, PDF) are passed over
silently — a crawl is mostly those, and they are not inputs that failed. The
URL comes from WARC-Target-URI, the date from WARC-Date (used when the page
itself states none).

A damaged archive is reported, not read in silence as far as it goes: a record
shorter than its Content-Length (a cut file) is never stored, a file with no
WARC record in it is "not a valid WARC file", and the complete records before
the damage are still read. fastwarc itself ends a cut record or gzip stream
quietly, so every record's length is checked here.
"""

from __future__ import annotations

import gzip
import io
import zlib
from collections.abc import Iterator
from typing import Any

from ..errors import InputError
from ..models import Article
from .files import Skipped, Source, gzip_reason, too_large
from .html import parse_html

__all__ = ["read_warc"]

_HTML_TYPES = ("text/html", "application/xhtml+xml")


def read_warc(source: Source, max_bytes: int) -> Iterator[Article | Skipped]:
    """Articles from the HTML responses of a WARC stream; a bad record is skipped with ``#record-N``.

    N counts response records, the only ones that can become articles.
    """
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    stream = _UntilBroken(source.stream)
    n = seen = 0
    try:
        for record in ArchiveIterator(stream, parse_http=False):
            seen += 1
            response = record.record_type == WarcRecordType.response
            n += response
            where = f"{source.name}#record-{n}" if response else source.name
            if not (record.headers.get("Content-Length") or "").strip().isdigit():
                what = "not a valid WARC file (its first record" if seen == 1 else "truncated or corrupt WARC record (its"
                yield Skipped(where, f"{what} header has no valid Content-Length{stream.because()})")
            elif response:
                item = _response(record, where, max_bytes, stream)
                if item is not None:
                    yield item
            else:
                named = f"WARC {record.record_type} record {record.record_id or ''}".rstrip()
                if (cut := _truncated(named, record.consume(), record.content_length, stream)) is not None:
                    yield Skipped(where, cut)
    except Exception as exc:  # noqa: BLE001 - fastwarc raises plain exceptions on corrupt input
        what = "not a valid WARC file" if not seen else f"corrupt WARC after {n} records"
        yield Skipped(source.name, f"{what}: {type(exc).__name__}: {exc}{stream.because()}")
        return
    if not seen:
        yield Skipped(source.name, f"not a valid WARC file (no WARC record in it{stream.because()})")
    elif stream.error is not None and not stream.told:
        yield Skipped(source.name, f"{stream.error} after {n} records")


def _response(record: Any, where: str, max_bytes: int, stream: _UntilBroken) -> Article | Skipped | None:
    """The article of one response record, a ``Skipped``, or None for a page that is not one (image, error)."""
    if record.is_http:
        record.parse_http()
    expected = record.content_length  # of the payload, once the HTTP headers are parsed
    content_type = (record.http_content_type or "").split(";")[0].strip().lower()
    status = record.http_headers.status_code if record.http_headers is not None else None
    if content_type not in _HTML_TYPES or (status is not None and not 200 <= status < 300):
        cut = _truncated("WARC record", record.consume(), expected, stream)
        return None if cut is None else Skipped(where, cut)
    if expected > max_bytes:
        return Skipped(where, too_large(max_bytes, expected, what="record"))
    body = record.reader.read()
    if (cut := _truncated("WARC record", len(body), expected, stream)) is not None:
        return Skipped(where, cut)
    url = record.headers.get("WARC-Target-URI")
    date = record.headers.get("WARC-Date")
    try:
        return parse_html(body, url=url, published=date, source=where)
    except InputError as exc:
        return Skipped(where, exc.reason)


def _truncated(what: str, got: int, expected: int, stream: _UntilBroken) -> str | None:
    """Why a record of ``got`` bytes out of its Content-Length ``expected`` is unusable, or None when whole.

    >>> _truncated("WARC record", 236, 748, _UntilBroken(io.BytesIO()))
    'truncated WARC record (236 of its 748 bytes)'
    """
    if got >= expected:
        return None
    return f"truncated {what} ({got:,} of its {expected:,} bytes{stream.because()})"


class _UntilBroken(io.RawIOBase):
    """``stream`` as fastwarc reads it, ending where a truncated or corrupt gzip stream breaks off.

    fastwarc reads ahead in large blocks, so an exception from the stream
    would lose the complete records before the damage; an early end lets
    them through, and the record cut short shows as one. ``error`` keeps why
    the stream ended, for the message; ``because`` adds it to one message.
    Reading position is counted, since fastwarc asks for it (and stdin cannot tell).
    """

    def __init__(self, stream: io.BufferedIOBase) -> None:
        self._stream = stream
        self._pos = 0
        self.error: str | None = None
        self.told = False

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if self.error is not None:
            return 0
        try:
            data = self._stream.read1(len(buffer))
        except (EOFError, gzip.BadGzipFile, zlib.error, OSError) as exc:
            self.error = gzip_reason(exc)
            return 0
        buffer[: len(data)] = data
        self._pos += len(data)
        return len(data)

    def tell(self) -> int:
        return self._pos

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        if (offset, whence) not in ((self._pos, io.SEEK_SET), (0, io.SEEK_CUR)):
            raise io.UnsupportedOperation("seek")
        return self._pos

    def because(self) -> str:
        """"; truncated gzip stream" the first time, when the stream broke off; else ""."""
        if self.error is None or self.told:
            return ""
        self.told = True
        return f"; {self.error}"
