"""WARC and WARC.gz archives via fastwarc: HTML response records become articles.

Only ``response`` records whose HTTP payload is HTML are read; requests,
metadata, warcinfo and non-HTML responses (images, JSON, PDF) are passed over
silently — a crawl is mostly those, and they are not inputs that failed. The
URL comes from WARC-Target-URI, the date from WARC-Date (used when the page
itself states none).
"""

from __future__ import annotations

from collections.abc import Iterator

from ..errors import InputError
from ..models import Article
from .files import Skipped, Source
from .html import parse_html

__all__ = ["read_warc"]

_HTML_TYPES = ("text/html", "application/xhtml+xml")


def read_warc(source: Source, max_bytes: int) -> Iterator[Article | Skipped]:
    """Articles from the HTML responses of a WARC stream; a bad record is skipped with ``#record-N``."""
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    n = 0
    try:
        records = ArchiveIterator(source.stream, record_types=WarcRecordType.response, parse_http=True)
        for record in records:
            n += 1
            where = f"{source.name}#record-{n}"
            content_type = (record.http_content_type or "").split(";")[0].strip().lower()
            if content_type not in _HTML_TYPES:
                continue
            status = record.http_headers.status_code if record.http_headers is not None else None
            if status is not None and not 200 <= status < 300:
                continue
            if record.content_length > max_bytes:
                yield Skipped(where, f"record too large ({record.content_length / 1e6:.1f} MB, settings.max_document_bytes)")
                continue
            body = record.reader.read()
            url = record.headers.get("WARC-Target-URI")
            date = record.headers.get("WARC-Date")
            try:
                yield parse_html(body, url=url, published=date, source=where)
            except InputError as exc:
                yield Skipped(where, exc.reason)
    except Exception as exc:  # noqa: BLE001 - fastwarc raises plain exceptions on corrupt input
        yield Skipped(source.name, f"corrupt WARC after {n} records: {type(exc).__name__}: {exc}")
