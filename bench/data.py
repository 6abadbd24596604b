"""Loaders for the public evaluation data in ../shared/data (each folder's SOURCE.md gives the format).

Every loader returns plain Python records; a benchmark first asks
``missing(name)`` and returns its "skipped" row when the folder is absent, so
``make bench`` runs on a checkout without ../shared.
"""

from __future__ import annotations

import csv
import io
import json
import re
import tarfile
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data"

csv.field_size_limit(1 << 30)


def folder(name: str) -> Path:
    return SHARED / name


def missing(name: str) -> list[dict[str, object]] | None:
    """The one-row table a benchmark returns when ../shared/data/NAME is absent, else None."""
    if folder(name).is_dir():
        return None
    return [{"benchmark": name, "result": f"skipped: ../shared/data/{name} absent"}]


# --- MSRP and STS Benchmark: sentence pairs -------------------------------------------


@dataclass(frozen=True, slots=True)
class Pair:
    """A sentence pair with its gold label (MSRP: 0/1; STS-B: 0–5) and genre."""

    a: str
    b: str
    gold: float
    genre: str = ""


def msrp(split: str) -> list[Pair]:
    """MSRP ``train`` (4,076 pairs) or ``test`` (1,725)."""
    path = folder("msrp") / f"msr_paraphrase_{split}.txt"
    with path.open(encoding="utf-8-sig", newline="") as f:
        rows = csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        return [Pair(r["#1 String"], r["#2 String"], float(r["Quality"]), "news") for r in rows]


def sts(split: str) -> list[Pair]:
    """STS Benchmark ``train``/``dev``/``test``; genre is e.g. ``main-news``."""
    path = folder("stsbenchmark") / f"sts-{split}.csv"
    with path.open(encoding="utf-8", newline="") as f:
        return [Pair(r[5], r[6], float(r[4]), r[0]) for r in csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE)]


# --- Tatoeba ------------------------------------------------------------------------------


def tatoeba(lang: str) -> tuple[list[str], list[str]]:
    """Line-aligned (``lang`` sentences, English sentences) for an ISO 639-3 code."""
    base = folder("tatoeba-laser") / f"tatoeba.{lang}-eng"
    read = lambda p: p.read_text(encoding="utf-8").rstrip("\n").split("\n")  # noqa: E731
    return read(base.with_name(base.name + f".{lang}")), read(base.with_name(base.name + ".eng"))


# --- BASIL ----------------------------------------------------------------------------------


def basil() -> list[dict]:
    """The 300 BASIL article records (``body-paragraphs``, ``triplet-uuid``, ``source``…), in path order."""
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted((folder("basil") / "articles").rglob("*.json"))]


# --- WMT23 MQM ----------------------------------------------------------------------------

_V = re.compile(r"</?v>")


@dataclass(frozen=True, slots=True)
class MqmError:
    """One rater's error mark: a category and a span in the source or in the target (untagged offsets)."""

    rater: str
    category: str  # "omission" | "addition" | "mistranslation" | other MQM category as given
    severity: str
    side: str  # "source" | "target"
    start: int
    end: int


@dataclass(slots=True)
class MqmItem:
    """One (system, doc, segment): the source paragraph, its translation and every rater's marks."""

    system: str
    doc: str
    segment: str
    source: str
    target: str
    raters: set[str]
    errors: list[MqmError]


def _category(raw: str) -> str:
    if raw.startswith("Accuracy/Omission"):
        return "omission"
    if raw == "Accuracy/Addition":
        return "addition"
    if raw == "Accuracy/Mistranslation":
        return "mistranslation"
    return raw


def _untag(text: str) -> tuple[str, tuple[int, int] | None]:
    """Text without ``<v>…</v>``, and the marked span in it (None when nothing is marked)."""
    m = re.search(r"<v>(.*?)</v>", text, re.S)
    clean = _V.sub("", text)
    if m is None:
        return clean, None
    start = len(_V.sub("", text[: m.start()]))
    return clean, (start, start + len(m.group(1)))


@lru_cache(maxsize=4)
def wmt(pair: str) -> tuple[MqmItem, ...]:
    """WMT23 MQM items for ``ende`` or ``zhen``, read from the tarball in place.

    Rows whose severity is ``HOTW-test`` (the raters' attention checks, text
    perturbed on purpose) are left out, and so is every item carrying one.
    """
    path = folder("wmt23-mqm-news") / f"sxs_mqm_generalMT2023_{pair}.3ratingsPerSegment.tsv.tar.gz"
    items: dict[tuple[str, str, str], MqmItem] = {}
    hotw: set[tuple[str, str, str]] = set()
    with tarfile.open(path) as tar:
        member = next(m for m in tar.getmembers() if m.name.endswith(".tsv"))
        handle = tar.extractfile(member)
        assert handle is not None
        rows = csv.reader(io.TextIOWrapper(handle, encoding="utf-8"), delimiter="\t", quoting=csv.QUOTE_NONE)
        next(rows)
        for system, doc, _, seg, rater, source, target, category, severity, *_ in rows:
            key = (system, doc, seg)
            if severity == "HOTW-test":
                hotw.add(key)
                continue
            src, src_span = _untag(source)
            tgt, tgt_span = _untag(target)
            item = items.get(key)
            if item is None:
                item = items[key] = MqmItem(system, doc, seg, src, tgt, set(), [])
            item.raters.add(rater)
            if category in ("No-error", "Found", "Missed") or severity == "No-error":
                continue
            span, side = (src_span, "source") if src_span else (tgt_span, "target")
            if span is None:
                continue
            item.errors.append(MqmError(rater, _category(category), severity, side, *span))
    return tuple(v for k, v in items.items() if k not in hotw)


# --- PolNeAR --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Attribution:
    """One gold attribution: character spans of each role (a discontiguous span gives several)."""

    source: tuple[tuple[int, int], ...]
    cue: tuple[tuple[int, int], ...]
    content: tuple[tuple[int, int], ...]


@dataclass(frozen=True, slots=True)
class PolnearDoc:
    name: str
    split: str
    title: str
    text: str
    attributions: tuple[Attribution, ...]
    wire: str | None  # "AP", "UPI", "AFP", "Reuters" or None; metadata's NA is None too
    wire_known: bool  # False where metadata says NA


def _spans(field: str) -> tuple[tuple[int, int], ...]:
    return tuple((int(s), int(e)) for s, e in (part.split() for part in field.split(";")))


def _ann(path: Path) -> tuple[Attribution, ...]:
    spans: dict[str, tuple[str, tuple[tuple[int, int], ...]]] = {}
    links: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            label, _, where = parts[1].partition(" ")
            spans[parts[0]] = (label, _spans(where))
        elif line.startswith("E") and len(parts) >= 2:
            links.append(dict(arg.split(":", 1) for arg in parts[1].split() if ":" in arg))
    out = []
    for link in links:
        role = lambda r: spans[link[r]][1] if r in link and link[r] in spans else ()  # noqa: E731
        out.append(Attribution(role("Source"), role("Cue"), role("Content")))
    return tuple(out)


def polnear(splits: tuple[str, ...] = ("train", "dev")) -> Iterator[PolnearDoc]:
    """PolNeAR articles of ``splits`` with one annotator's attributions each (the first in metadata order)."""
    base = folder("polnear")
    with (base / "metadata.tsv").open(encoding="utf-8", newline="") as f:
        meta = [r for r in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE) if r["compartment"] in splits]
    for row in meta:
        split, name = row["compartment"], row["filename"]
        text_path = base / split / "text" / f"{name}.txt"
        if not text_path.exists():
            continue
        anns = [base / split / "attributions" / f"{name}_{a}.ann" for a in row["annotators"].split("|")]
        gold = next((p for p in anns if p.exists()), None)
        if gold is None:
            continue
        wire = row["wire"].strip()
        known = wire != "NA"
        label = None if wire in ("None", "NA", "") else {"reuters": "Reuters"}.get(wire.lower(), wire)
        yield PolnearDoc(name, split, row["title"], text_path.read_text(encoding="utf-8"), _ann(gold), label, known)
