"""``WebSettings``: everything ``retold serve`` can be told, in one frozen object."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from retold.config import Settings

# Largest request body (bytes). The compare page takes two pasted articles; a
# long feature is ~60 kB of text, so 2 MB leaves room for two very long ones
# while a runaway upload is refused before it is read (413).
MAX_BODY_BYTES = 2_000_000
# Comparisons kept in memory for pair pages. Articles never change once stored,
# so a cached comparison stays right; 128 pairs of ~1,000-word articles are ~30 MB.
PAIR_CACHE = 128
# Most sentences (both sides) a pair page grades the meaning of ("grade
# meaning": the e5 model, ~40 sentences/s on 2 cores, holds the engine while
# it runs): 400 is ~10-20 s. 0 turns grading off (the page then offers no link).
PRECISE_MAX_SENTENCES = 400
# Stories per page on the home page and /api/stories.
STORIES_PER_PAGE = 100
# Results per search section.
SEARCH_LIMIT = 30
# Longest search query (characters): a pasted paragraph fits, a pasted book does not.
MAX_QUERY_CHARS = 5000
# Seconds an idle keep-alive connection stays open. uvicorn's 5 s default made
# 1-2 of 1,000 requests fail in bench_web (50 clients on a loaded 2-core box):
# the server closed a pooled connection just as a client sent on it; at 60 s,
# 0 of 2,000. 75 s is nginx's default.
KEEP_ALIVE_S = 75
# Hosts that always name this machine (the Host header check stops DNS rebinding).
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1", "[::1]")


@dataclass(frozen=True, slots=True)
class WebSettings:
    """How the web app serves a store.

        >>> WebSettings(Path("demo.db")).read_only
        True
    """

    db_path: Path
    allow_writes: bool = False
    host: str = "127.0.0.1"
    port: int = 8000
    max_body_bytes: int = MAX_BODY_BYTES
    pair_cache: int = PAIR_CACHE
    precise_max_sentences: int = PRECISE_MAX_SENTENCES
    stories_per_page: int = STORIES_PER_PAGE
    search_limit: int = SEARCH_LIMIT
    keep_alive_s: int = KEEP_ALIVE_S
    # Load the sentence encoder at start-up, so the first pair page is not slow.
    preload_encoder: bool = True
    # Extra Host header values to accept (e.g. a name in /etc/hosts); tests add "testserver".
    extra_hosts: tuple[str, ...] = ()
    store: Settings = field(default_factory=Settings)

    def __post_init__(self) -> None:
        if self.max_body_bytes < 1:
            raise ValueError(f"max_body_bytes must be at least 1, got {self.max_body_bytes}")
        if self.pair_cache < 0:
            raise ValueError(f"pair_cache must be 0 or more, got {self.pair_cache}")
        if self.precise_max_sentences < 0:
            raise ValueError(f"precise_max_sentences must be 0 or more, got {self.precise_max_sentences}")

    @property
    def read_only(self) -> bool:
        return not self.allow_writes

    def allowed_hosts(self) -> list[str]:
        """Host header values to accept: ``["*"]`` when bound to every interface."""
        if self.host in ("0.0.0.0", "::", ""):
            return ["*"]
        return sorted({self.host, *LOOPBACK_HOSTS, *self.extra_hosts})
