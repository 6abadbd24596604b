"""Exceptions raised by retold.

All of them derive from one base, so a caller can catch everything retold
raises with a single ``except RetoldError``::

    RetoldError
    ├── InputError            an input could not be read or makes no sense
    │   ├── UnreadableInput   missing, binary, undecodable, truncated, too large
    │   └── MalformedRecord   one JSON line / CSV row is broken (carries .line)
    ├── StoreError            the SQLite store is unusable (wrong schema, locked)
    ├── NotFound              an article / story id is not in the store
    └── EncoderError          the sentence encoder could not be loaded or run

Library code raises these; the CLI turns them into one clear message and an
exit code at a single boundary (``cli.py``); batch runs record them as skip
reasons and carry on.
"""

from __future__ import annotations


class RetoldError(Exception):
    """Base class of every error retold raises on purpose."""


class InputError(RetoldError):
    """An input could not be turned into an article.

    ``where`` names the file (and record) so the message can be shown as is.
    """

    def __init__(self, where: str, reason: str) -> None:
        self.where = where
        self.reason = reason
        super().__init__(f"{where}: {reason}")


class UnreadableInput(InputError):
    """A whole file is unusable: missing, binary, empty, undecodable, truncated, too large."""


class MalformedRecord(InputError):
    """One record inside a multi-record file (a JSON line, a CSV row) is broken."""

    def __init__(self, where: str, reason: str, line: int | None = None) -> None:
        self.line = line
        super().__init__(f"{where}:{line}" if line is not None else where, reason)


class StoreError(RetoldError):
    """The store cannot be opened or written (wrong schema version, locked, corrupt)."""


class NotFound(RetoldError):
    """An id was not found in the store."""


class EncoderError(RetoldError):
    """The sentence encoder failed to load or to encode."""
