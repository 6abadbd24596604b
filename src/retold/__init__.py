"""retold: trace how a news story is retold."""

from __future__ import annotations

__version__ = "0.1.0"
