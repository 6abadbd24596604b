"""The JSON output follows the documented retold.comparison/1 schema exactly."""

from __future__ import annotations

import json
import math
from typing import Any

import pytest
from render_fixtures import TALIBAN_DISCLAIMER, hostile_comparison, seed_comparison

from retold.models import Relation
from retold.render import render
from retold.render.json import comparison_to_dict, comparison_to_json

# The documented schema: key -> type checker. Extra keys are allowed (the
# schema may grow), documented keys may never go missing or change type.
NULL = type(None)
KINDS = {"copy", "translation", "rewrite", "partial", "same-event", "unrelated"}


def check(value: Any, spec: Any, path: str = "$") -> None:
    """A tiny structural checker: dict = object with these keys, [spec] = list of,
    tuple of types = one of, set = one of these literal values."""
    if isinstance(spec, dict):
        assert isinstance(value, dict), f"{path}: expected object, got {value!r}"
        missing = set(spec) - set(value)
        assert not missing, f"{path}: missing keys {sorted(missing)}"
        for key, sub in spec.items():
            check(value[key], sub, f"{path}.{key}")
    elif isinstance(spec, list):
        assert isinstance(value, list), f"{path}: expected list, got {value!r}"
        for i, item in enumerate(value):
            check(item, spec[0], f"{path}[{i}]")
    elif isinstance(spec, set):
        assert value in spec, f"{path}: {value!r} not in {sorted(map(str, spec))}"
    elif spec is float:
        assert isinstance(value, (int, float)) and not isinstance(value, bool), f"{path}: expected number"
        assert math.isfinite(value) and round(value, 3) == value, f"{path}: {value!r} not rounded to 3 decimals"
    else:
        types = spec if isinstance(spec, tuple) else (spec,)
        assert isinstance(value, types) and not (isinstance(value, bool) and bool not in types), (
            f"{path}: {value!r} is not {types}"
        )


INDICES = [int]
ARTICLE = {
    "id": str,
    "title": (str, NULL),
    "language": str,
    "sentences": [{"index": int, "text": str, "start": int, "end": int}],
}
QUOTE_SIDE = {"sentence": int, "text": str, "speaker": (str, NULL)}
SCHEMA = {
    "schema": {"retold.comparison/1"},
    "a": ARTICLE,
    "b": ARTICLE,
    "relation": {"kind": KINDS, "source": {"a", "b", None}, "confidence": float, "evidence": [str]},
    "alignments": [{"a": INDICES, "b": INDICES, "score": float, "kind": {"identical", "paraphrase", "altered"},
                    "similarity": (float, NULL)}],
    "changes": [
        {
            "kind": {"omitted", "added", "altered"},
            "category": str,
            "a": INDICES,
            "b": INDICES,
            "a_text": (str, NULL),
            "b_text": (str, NULL),
            "note": str,
        }
    ],
    "quotes": [{"a": (dict, NULL), "b": (dict, NULL)}],
    "speakers": [{"name": str, "variants": [str]}],
}


def check_schema(d: dict[str, Any]) -> None:
    check(d, SCHEMA)
    for q in d["quotes"]:
        for side in ("a", "b"):
            if q[side] is not None:
                check(q[side], QUOTE_SIDE, f"$.quotes.{side}")


def test_seed_comparison_matches_schema() -> None:
    d = comparison_to_dict(seed_comparison())
    check_schema(d)
    assert d["relation"] == {
        "kind": "rewrite",
        "source": "a",
        "confidence": 0.871,
        "evidence": list(seed_comparison().relation.evidence),
        "via_translation": True,
    }
    assert d["alignments"][2] == {"a": [2, 3, 4], "b": [2], "score": 0.74, "kind": "altered", "similarity": None}
    omitted = [ch for ch in d["changes"] if ch["kind"] == "omitted"]
    assert omitted[0]["a_text"] == TALIBAN_DISCLAIMER and omitted[0]["b_text"] is None
    assert d["quotes"][2]["b"] is None


def test_sentence_offsets_point_into_original() -> None:
    c = seed_comparison()
    d = comparison_to_dict(c)
    for s in d["a"]["sentences"]:
        assert c.a.original[s["start"] : s["end"]] == s["text"]


def test_extra_fields() -> None:
    d = comparison_to_dict(seed_comparison())
    assert d["a"]["outlet"] == "TASS"
    assert d["a"]["url"] == "https://tass.com/politics/1737741"
    assert d["a"]["published"] == "2024-01-25T12:40:00+00:00"
    assert d["b"]["source"] == "examples/seed-pair/retelling.txt"
    assert d["a"]["sentences"][0]["language"] == "en"
    # stats: floats rounded, tuples become lists.
    assert d["stats"]["seconds"] == 0.123
    assert d["stats"]["aligned"] == [9, 5]


def test_json_string_keeps_unicode_and_round_trips() -> None:
    c = seed_comparison()
    text = comparison_to_json(c)
    assert "“Maalouma”" in text  # ensure_ascii=False
    assert json.loads(text) == comparison_to_dict(c)
    assert comparison_to_json(c, indent=2).startswith('{\n  "schema": "retold.comparison/1"')
    assert json.loads(render(c, "json")) == comparison_to_dict(c)


def test_to_dict_on_the_model_uses_the_renderer() -> None:
    c = seed_comparison()
    assert c.to_dict() == comparison_to_dict(c)


def test_non_finite_scores_stay_valid_json() -> None:
    c = seed_comparison(relation=Relation("unrelated", None, float("nan"), ()), stats={"x": float("inf")})
    d = comparison_to_dict(c)
    check_schema(d)
    assert d["relation"]["confidence"] == 0.0 and d["stats"]["x"] is None
    json.loads(comparison_to_json(c))  # strict JSON: no NaN literals


def test_hostile_text_is_data_not_markup() -> None:
    d = comparison_to_dict(hostile_comparison())
    check_schema(d)
    assert d["a"]["title"] == "<script>alert(1)</script>"


def test_checker_rejects_a_renamed_field() -> None:
    d = comparison_to_dict(seed_comparison())
    d["relation"]["type"] = d["relation"].pop("kind")
    with pytest.raises(AssertionError, match="missing keys"):
        check_schema(d)
    d = comparison_to_dict(seed_comparison())
    d["alignments"][0]["kind"] = "similar"
    with pytest.raises(AssertionError, match="not in"):
        check_schema(d)


def test_each_sentence_carries_its_text_as_published() -> None:
    from pathlib import Path

    from retold.compare import compare_articles
    from retold.embed import get_encoder
    from retold.ingest.article import build_article

    seed = Path(__file__).resolve().parents[1] / "examples" / "seed-pair"
    a, b = (build_article((seed / n).read_text(encoding="utf-8")) for n in ("tass.txt", "retelling.txt"))
    d = comparison_to_dict(compare_articles(a, b, get_encoder()))
    for side in ("a", "b"):
        for s in d[side]["sentences"]:
            assert s["original"] and len(s["original"]) == s["end"] - s["start"]
    changed = [s for s in d["a"]["sentences"] if s["original"] != s["text"]]
    assert changed and any("“" in s["original"] or "’" in s["original"] for s in changed)
    assert all('"' in s["text"] or "'" in s["text"] for s in changed if "“" in s["original"])
