"""The examples in the docstrings of the text, ingest and collection modules run and hold."""

from __future__ import annotations

import doctest
import importlib
import os
from pathlib import Path

import pytest

MODULES = [
    "retold.text.normalize",
    "retold.text.clean",
    "retold.text.sentences",
    "retold.text.language",
    "retold.text.quotes",
    "retold.text.names",
    "retold.text.speakers",
    "retold.text.numbers",
    "retold.text.calendar",
    "retold.text.negation",
    "retold.ingest.article",
    "retold.ingest.charset",
    "retold.ingest.files",
    "retold.ingest.records",
    "retold.ingest.html",
    "retold.ingest.dispatch",
    "retold.ingest.warc",
    "retold.collection.store",
    "retold.collection.candidates",
    "retold.collection.disjoint",
    "retold.collection.stories",
    "retold.collection.trace",
    "retold.web.server",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(Path(__file__).resolve().parent.parent)
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
    assert result.attempted > 0 or os.environ.get("PYTHONOPTIMIZE")
