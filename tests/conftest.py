"""Shared fixtures: an in-memory store, the seed pair, a CLI runner, hand-built articles."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from retold.collection import Store
from retold.models import Article, Sentence

TESTS = Path(__file__).resolve().parent
EXAMPLES = TESTS.parent / "examples"

# A sentence ends at . ! ? (optionally followed by a closing quote) before
# whitespace. Crude, but it lets store tests build Articles with exact offsets
# without depending on retold.ingest.
_SENTENCE = re.compile(r"\S.*?(?:[.!?][\"”»]?(?=\s)|$)", re.S)


@pytest.fixture
def fresh_store() -> Iterator[Store]:
    """An empty in-memory store."""
    with Store(memory=True) as store:
        yield store


@pytest.fixture(scope="session")
def seed_dir() -> Path:
    """examples/seed-pair: a TASS wire story and an English retelling of its Arabic rewrite."""
    path = EXAMPLES / "seed-pair"
    assert (path / "tass.txt").is_file(), f"seed pair missing under {path}"
    return path


@pytest.fixture
def cli_runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def make_article() -> Callable[..., Article]:
    """Build an Article from text by hand: paragraphs split on blank lines, offsets exact."""

    def make(text: str, id: str, language: str = "en", **meta: Any) -> Article:
        sentences = []
        for p, para in enumerate(re.finditer(r"\S(?:.*?\S)?(?=\n\s*\n|\s*$)", text, re.S)):
            for m in _SENTENCE.finditer(para.group()):
                start = para.start() + m.start()
                sentences.append(
                    Sentence(len(sentences), m.group(), start, start + len(m.group()), language, p)
                )
        return Article(
            id=id,
            text=text,
            original=text,
            sentences=tuple(sentences),
            language=language,
            **meta,
        )

    return make
