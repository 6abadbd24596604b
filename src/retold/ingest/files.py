"""Finding inputs and getting text out of bytes: paths, globs, stdin, gzip, size, charset, sniffing.

Readers get a ``Source``: a name to report, the (decompressed) binary stream,
and the kind of content it holds. Everything that can go wrong with a file as
a whole — missing, unreadable, binary, empty, over-size, truncated gzip,
undecodable — is raised here as ``UnreadableInput`` with a reason a person can
act on; ``read`` turns it into a ``Skipped`` and goes on.
"""

from __future__ import annotations

import codecs
import glob
import gzip
import io
import os
import re
import stat
import sys
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, Literal

from ..errors import UnreadableInput
from .charset import guess_encoding

__all__ = [
    "UTF8_FALLBACK",
    "Kind",
    "Notice",
    "Skipped",
    "Source",
    "decode",
    "decode_errors",
    "expand_inputs",
    "open_source",
    "read_limited",
    "too_large",
]

# "arc" is recognised only to be refused with a way out (``_ARC``).
Kind = Literal["text", "html", "jsonl", "json", "csv", "tsv", "warc", "arc"]

_EXTENSIONS: dict[str, Kind] = {
    ".txt": "text", ".text": "text", ".md": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json",
    ".csv": "csv", ".tsv": "tsv",
    ".warc": "warc", ".arc": "arc",
}
# What a directory walk reads: the article formats, not a folder's README.md,
# code or images. A file named on its own is read whatever its name. .arc is
# walked to be reported: a folder of them must not ingest nothing in silence.
_WALKED = frozenset(_EXTENSIONS) - {".md"}
# ARC, the Internet Archive's format before WARC, starts with its file record.
# fastwarc reads WARC/1.0 and 1.1 only, and failed on it with "Invalid WARC
# header"; warcio converts (its README: "Convert any ARC file to a compressed WARC").
_ARC_MAGIC = b"filedesc://"
_ARC = "ARC format is not supported: convert it to WARC first (warcio recompress {} {}) and ingest that"
_GZIP_MAGIC = b"\x1f\x8b"
# Bytes looked at to sniff the content and to judge whether it is binary.
_SNIFF_BYTES = 8192
# Share of control characters (other than tab, newlines, form feed, escape)
# above which a "text" is binary: 10% is far above any real text and far below
# any compressed or image data.
_BINARY_CONTROL_SHARE = 0.10
_CONTROL = bytes(b for b in range(32) if b not in b"\t\n\r\f\x1b")
# In JSON Lines or CSV, which hold no control characters but a stray one, the
# bytes other than NUL are binary past 5% of them (random data has 10%); NULs
# past 30% of a file are no stray ones (UTF-16 without BOM has 50%).
_RECORD_CONTROL_SHARE = 0.05
_RECORD_NUL_SHARE = 0.30
_BOMS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)


@dataclass(frozen=True, slots=True)
class Skipped:
    """An input (or one record of it) a batch read could not use, and why.

    ``where`` is "path", "path:LINE" or "file.warc.gz#record-N".
    """

    where: str
    reason: str


@dataclass(frozen=True, slots=True)
class Notice:
    """A warning about an article a batch read kept: part of what its input gave could not be used.

    An unreadable date in a JSON or CSV record: the article is kept without
    it. ``read(..., notices=True)`` yields each just before its article; it is
    not a failure.
    """

    where: str
    reason: str


@dataclass(slots=True)
class Source:
    """One input opened for reading: a name to report, a binary stream, what it holds."""

    name: str
    stream: io.BufferedReader  # decompressed, buffered (peek works)
    kind: Kind
    path: Path | None  # None for stdin
    compressed: bool

    def close(self) -> None:
        self.stream.close()


def expand_inputs(inputs: Iterator[str | Path] | list[str | Path] | tuple[str | Path, ...]) -> Iterator[Path | str | Skipped]:
    """Each input as files: a file, a directory (recursive, sorted), a glob, or "-" (stdin).

    Inside a directory only regular files of an article format (``_WALKED``,
    or its .gz) are taken: hidden files and directories (".git", ".DS_Store"),
    other files and anything else (a FIFO would block the read forever) are
    left out. A glob's match that is no regular file yields ``Skipped``, as
    does a path that does not exist and matches nothing. A path named on its
    own is read whatever it is (``<(zcat feed.jsonl.gz)`` is a pipe).
    """
    for item in inputs:
        raw = str(item)
        if raw == "-":
            yield "-"
            continue
        path = Path(raw).expanduser()
        if path.is_dir():
            yield from _walk(path)
        elif path.exists() or path.is_symlink():
            yield path
        elif any(ch in raw for ch in "*?["):
            matches = sorted(glob.glob(os.path.expanduser(raw), recursive=True))
            if not matches:
                yield Skipped(raw, "no files match this pattern")
            for match in matches:
                p = Path(match)
                if p.is_dir():
                    yield from _walk(p)
                elif p.is_file() or not p.exists():  # a broken link: open_source says so
                    yield p
                else:  # as in a directory walk: opening a FIFO would wait for a writer forever
                    yield Skipped(match, f"{_special(p)}, not a regular file: a pattern reads regular files only (name it to read it)")
        else:
            yield Skipped(raw, "no such file or directory")


def _special(path: Path) -> str:
    """What a file that is not a regular one is, in words."""
    mode = path.stat().st_mode
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "a special file"


def _walk(root: Path) -> Iterator[Path]:
    for dirpath, dirnames, filenames in os.walk(root, onerror=None):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            path = Path(dirpath) / name
            if not name.startswith(".") and _walked(name) and path.is_file():
                yield path


def _walked(name: str) -> bool:
    """Whether a directory walk reads a file of this name.

    >>> [n for n in ("a.txt", "b.JSONL.gz", "README.md", "setup.py", "crawl.warc.gz", "x.gz") if _walked(n)]
    ['a.txt', 'b.JSONL.gz', 'crawl.warc.gz']
    """
    lower = name.lower().removesuffix(".gz")
    return os.path.splitext(lower)[1] in _WALKED


def kind_from_name(name: str) -> tuple[Kind | None, bool]:
    """(kind by extension or None, whether the name ends in .gz)."""
    lower = name.lower()
    gz = lower.endswith(".gz")
    if gz:
        lower = lower[:-3]
    return _EXTENSIONS.get(os.path.splitext(lower)[1]), gz


def open_source(item: Path | str, max_bytes: int) -> Source:
    """Open a file (or "-" for stdin), undo gzip, and decide what it holds.

    Raises ``UnreadableInput`` for a missing, unreadable, empty or binary input,
    and for a single-document file larger than ``max_bytes`` (checked on the
    file size before anything is read).
    """
    if item == "-":
        name, path = "<stdin>", None
        raw: BinaryIO = sys.stdin.buffer
    else:
        path = Path(item)
        name = str(path)
        try:
            raw = open(path, "rb")  # noqa: SIM115 - handed to the Source, closed by the reader
        except FileNotFoundError:
            raise UnreadableInput(name, "no such file or directory") from None
        except PermissionError:
            raise UnreadableInput(name, "permission denied") from None
        except IsADirectoryError:
            raise UnreadableInput(name, "is a directory") from None
        except OSError as exc:
            raise UnreadableInput(name, f"cannot open: {exc.strerror or exc}") from None
    try:
        return _classify(raw, name, path, max_bytes)
    except BaseException:
        if path is not None:
            raw.close()
        raise


def _classify(raw: BinaryIO, name: str, path: Path | None, max_bytes: int) -> Source:
    by_name, named_gz = kind_from_name(name) if path is not None else (None, False)
    stream: io.BufferedReader = raw if isinstance(raw, io.BufferedReader) else io.BufferedReader(raw)  # type: ignore[type-var,arg-type]
    head = _peek(stream, name)
    if not head:
        raise UnreadableInput(name, "empty file")
    compressed = head[:2] == _GZIP_MAGIC
    if compressed:
        # WARC.gz too: fastwarc's own gzip reader ends a truncated file silently.
        stream = io.BufferedReader(_Gunzip(stream), buffer_size=_SNIFF_BYTES)
        head = _peek(stream, name)
        if not head:
            raise UnreadableInput(name, "empty file (empty gzip stream)")
    elif named_gz:
        raise UnreadableInput(name, "named .gz but is not gzip data")
    kind = by_name or _sniff(head)
    if kind == "arc" or (kind == "warc" and head.startswith(_ARC_MAGIC)):
        raise UnreadableInput(name, _arc_reason(name))
    if kind != "warc" and _is_binary(head, records=kind in ("jsonl", "csv", "tsv")):
        raise UnreadableInput(name, "binary file (NUL bytes or control characters), not text")
    if kind in ("text", "html") and path is not None and not compressed:
        size = path.stat().st_size
        if size > max_bytes:
            raise UnreadableInput(name, too_large(max_bytes, size))
    return Source(name, stream, kind, path, compressed)


class _Gunzip(io.RawIOBase):
    """The decompressed content of a gzip stream, all of it up to where a truncated one breaks off.

    ``GzipFile.read(n)`` drops what it had decompressed when the stream ends
    early; ``read1`` hands that over and raises on the next call, so the
    records before a cut are still read, and then the cut is reported.
    """

    def __init__(self, raw: BinaryIO) -> None:
        self._gzip = gzip.GzipFile(fileobj=raw, mode="rb")

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self._gzip.read1(len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def close(self) -> None:
        self._gzip.close()
        super().close()


def _peek(stream: io.BufferedReader, name: str) -> bytes:
    try:
        return stream.peek(_SNIFF_BYTES)[:_SNIFF_BYTES]
    except PermissionError:
        raise UnreadableInput(name, "permission denied") from None
    except IsADirectoryError:
        raise UnreadableInput(name, "is a directory") from None
    except (EOFError, gzip.BadGzipFile, zlib.error, OSError) as exc:
        raise UnreadableInput(name, gzip_reason(exc)) from None


def gzip_reason(exc: BaseException) -> str:
    """A readable reason for a gzip (or I/O) failure."""
    if isinstance(exc, EOFError):
        return "truncated gzip stream"
    if isinstance(exc, (gzip.BadGzipFile, zlib.error)):
        return f"corrupt gzip stream: {exc}"
    return f"read error: {exc}"


def read_limited(source: Source, max_bytes: int) -> bytes:
    """The whole content of ``source``, refusing more than ``max_bytes``.

    For gzip input the decompression stops as soon as the limit is passed, so a
    small file that inflates to gigabytes cannot exhaust memory.
    """
    try:
        data = source.stream.read(max_bytes + 1)
    except (EOFError, gzip.BadGzipFile, zlib.error, OSError) as exc:
        raise UnreadableInput(source.name, gzip_reason(exc)) from None
    if len(data) > max_bytes:
        what = "decompressed content" if source.compressed else ""
        raise UnreadableInput(source.name, too_large(max_bytes, what=what))
    return data


# Binary units, largest first: the limit is set in bytes and its default is
# 20 MiB, so a decimal "21.0 MB" next to it read as a different unit.
_UNITS = ((1 << 30, "GiB"), (1 << 20, "MiB"), (1 << 10, "KiB"))
# Where the limit is raised: the ingest flag, and for every command and the
# library the environment (load_settings) or settings.max_document_bytes.
_LIMIT_HINT = "raise it with retold ingest --max-bytes N or RETOLD_MAX_DOCUMENT_BYTES"


def too_large(limit: int, size: int | None = None, *, what: str = "") -> str:
    """Why a document over ``limit`` bytes is refused: sizes in the limit's unit, and how to raise it.

    >>> too_large(20 * 2**20, 22_000_000)
    'too large: 21 MiB, over the 20 MiB limit (raise it with retold ingest --max-bytes N or RETOLD_MAX_DOCUMENT_BYTES)'
    >>> too_large(20 * 2**20, what="record").split(" (")[0]
    'record too large: over the 20 MiB limit'
    >>> too_large(20 * 2**20, 20 * 2**20 + 1).split(" (")[0]
    'too large: 20,971,521 bytes, over the 20,971,520-byte limit'
    """
    unit, name = next(((u, n) for u, n in _UNITS if limit >= u), (1, ""))
    shown_limit, shown_size = _in_unit(limit, unit, name), _in_unit(size or 0, unit, name)
    if unit == 1 or (size is not None and shown_size == shown_limit):  # just over: only bytes tell them apart
        shown_limit, shown_size = f"{limit:,}-byte", f"{size or 0:,} bytes"
    amount = f"{shown_size}, " if size is not None else ""
    return f"{what + ' ' if what else ''}too large: {amount}over the {shown_limit} limit ({_LIMIT_HINT})"


def _in_unit(n: int, unit: int, name: str) -> str:
    return f"{n / unit:.1f}".removesuffix(".0") + f" {name}"


def _arc_reason(name: str) -> str:
    """Why an ARC file is refused, with the command that converts it.

    >>> _arc_reason("crawls/IA-2008.arc.gz")
    'ARC format is not supported: convert it to WARC first (warcio recompress IA-2008.arc.gz IA-2008.warc.gz) and ingest that'
    """
    base = os.path.basename(name) if name != "<stdin>" else "FILE.arc"
    target = re.sub(r"(\.w?arc)?(\.gz)?$", "", base, count=1, flags=re.IGNORECASE) + ".warc.gz"
    return _ARC.format(base, target)


def _sniff(head: bytes) -> Kind:
    """Guess the kind of content of a file with an unknown extension."""
    if head.startswith(b"WARC/"):
        return "warc"
    if head.startswith(_ARC_MAGIC):
        return "arc"
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith((b"<!doctype html", b"<html", b"<?xml")) or (
        text.startswith(b"<") and any(tag in text for tag in (b"<body", b"<p>", b"<div", b"<head", b"<article"))
    ):
        return "html"
    if text.startswith(b"{"):
        return "jsonl"
    if text.startswith(b"["):
        return "json"
    return "text"


def _is_binary(head: bytes, *, records: bool = False) -> bool:
    r"""Whether ``head`` is the start of a binary file, not text.

    In a file of ``records`` (JSON Lines, CSV) a NUL byte spoils one record,
    which its reader skips: the file is binary when the bytes around the NULs
    look binary too, or when it is mostly NULs.

    >>> line = b'{"text": "The envoy said the talks would go on."}\n'
    >>> _is_binary(line * 20 + b'{"text": "\x00\x00"}\n'), _is_binary(line * 20 + b'{"text": "\x00\x00"}\n', records=True)
    (True, False)
    >>> _is_binary(bytes(range(256)) * 8, records=True), _is_binary(line.decode().encode("utf-16-le"), records=True)
    (True, True)
    """
    if head.startswith(tuple(bom for bom, _ in _BOMS[1:])):
        return False  # UTF-16/32 text has NUL bytes by design
    threshold = _BINARY_CONTROL_SHARE
    if records:
        text = head.replace(b"\x00", b"")
        if len(text) < len(head) * (1 - _RECORD_NUL_SHARE):
            return True
        head, threshold = text, _RECORD_CONTROL_SHARE
    elif b"\x00" in head:
        return True
    if not head:
        return False
    controls = len(head) - len(head.translate(None, _CONTROL))
    return controls / len(head) > threshold


# The error handler for UTF-8 with a few invalid bytes: each invalid run is
# Windows-1252 (Latin-1), as in a sentence pasted from a legacy document.
UTF8_FALLBACK = "retold-cp1252"
# Windows-1252 leaves five bytes unassigned: those stay Latin-1 (C1 controls).
_CP1252 = tuple(bytes([b]).decode("cp1252", "ignore") or chr(b) for b in range(256))
_ASCII = bytes(range(128))
_ESCAPED = re.compile("[\udc80-\udcff]")  # invalid bytes under surrogateescape


def _cp1252_runs(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    return "".join(_CP1252[b] for b in exc.object[exc.start : exc.end]), exc.end


codecs.register_error(UTF8_FALLBACK, _cp1252_runs)


def decode(data: bytes, where: str) -> str:
    """Bytes to text: BOM, then UTF-8 (its few invalid bytes as cp1252), then charset-normalizer (cp1251, latin-1, ...).

    >>> decode("Российский спецпредставитель Александр Лаврентьев заявил, что процесс затянется.".encode("cp1251"), "x")[:10]
    'Российский'
    >>> decode("Le café « Chez Noël » a fermé. ".encode() + "Café fermé.".encode("latin-1"), "x")
    'Le café « Chez Noël » a fermé. Café fermé.'
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding, UTF8_FALLBACK if encoding == "utf-8" else "strict")
            except UnicodeDecodeError as exc:
                raise UnreadableInput(where, f"invalid {encoding} after its byte-order mark: {exc.reason}") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if _mostly_utf8(data):
        return data.decode("utf-8", UTF8_FALLBACK)
    guessed = guess_encoding(data)
    if guessed is None:
        raise UnreadableInput(where, "not UTF-8 and no other character encoding fits; is it text?")
    return data.decode(guessed, errors="replace")


def _mostly_utf8(data: bytes) -> bool:
    """Whether ``data`` that is not valid UTF-8 is UTF-8 with a few invalid bytes (a pasted Latin-1 sentence).

    It is when its invalid bytes are no more than the bytes of its valid UTF-8
    characters beyond ASCII: a legacy file (cp1252, cp1251) is invalid at
    nearly every byte beyond ASCII.

    >>> latin1 = "Le café « Chez Noël » a fermé.".encode("latin-1")
    >>> _mostly_utf8("Le café « Chez Noël » a fermé. ".encode() + latin1), _mostly_utf8(latin1)
    (True, False)
    """
    beyond_ascii = len(data.translate(None, _ASCII))
    invalid = len(_ESCAPED.findall(data.decode("utf-8", "surrogateescape")))
    return invalid <= beyond_ascii - invalid


def detect_encoding(sample: bytes) -> str:
    """Encoding of a stream judged on its first bytes: a BOM, UTF-8 (mostly), or charset-normalizer's guess.

    Decode with ``decode_errors(encoding)``.
    """
    for bom, encoding in _BOMS:
        if sample.startswith(bom):
            return "utf-8-sig" if encoding == "utf-8" else encoding
    try:
        sample.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as exc:
        # A multi-byte character cut by the end of the sample is still UTF-8.
        if exc.start >= len(sample) - 3 and exc.reason in ("unexpected end of data",):
            return "utf-8"
    if _mostly_utf8(sample):
        return "utf-8"
    return guess_encoding(sample) or "utf-8"


def decode_errors(encoding: str) -> str:
    """The error handler for decoding a stream in ``encoding``: UTF-8's invalid bytes as cp1252, else U+FFFD."""
    return UTF8_FALLBACK if encoding in ("utf-8", "utf-8-sig") else "replace"
