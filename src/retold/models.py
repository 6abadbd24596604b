"""The data retold passes around: frozen dataclasses, no behaviour beyond views.

Article → Sentence are produced by ``retold.ingest``; Alignment, Change, Quote,
Speaker, Relation and Comparison by ``retold.compare``. Every offset is a
character offset into ``Article.original`` (the text as published, before
cleaning), so any sentence can be shown exactly as it appeared.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

RelationKind = Literal["copy", "translation", "rewrite", "partial", "same-event", "unrelated"]
AlignmentKind = Literal["identical", "paraphrase", "altered"]
ChangeKind = Literal["omitted", "added", "altered"]
Side = Literal["a", "b"]
# Relations where neither article derives from the other: nothing was omitted or added by anyone.
INDEPENDENT_KINDS: tuple[RelationKind, ...] = ("same-event", "unrelated")

COMPARISON_SCHEMA = "retold.comparison/1"


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence: cleaned text plus its span in the original text."""

    index: int
    text: str  # cleaned, Unicode-normalised
    start: int  # offsets into Article.original
    end: int
    language: str | None = None
    paragraph: int = 0  # paragraph number in the cleaned text


@dataclass(frozen=True, slots=True)
class Article:
    """A news article, cleaned and split into sentences.

    ``id`` is a stable content hash unless the input gave one; ``text`` is the
    cleaned text; ``original`` is the text as published (extracted main text
    for HTML), into which sentence offsets point.
    """

    id: str
    text: str
    original: str
    sentences: tuple[Sentence, ...]
    language: str = "und"
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    author: str | None = None
    published: datetime | None = None
    source: str | None = None  # where it was read from: path, path:line, warc record
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def sentence_texts(self) -> list[str]:
        return [s.text for s in self.sentences]


@dataclass(frozen=True, slots=True)
class Alignment:
    """Sentences on side a that correspond to sentences on side b."""

    a: tuple[int, ...]
    b: tuple[int, ...]
    score: float
    kind: AlignmentKind
    # How close in meaning, 0-1 on the STS Benchmark's scale (score / 5), from
    # retold.similarity's precise graded model: only with compare(precise=True),
    # and None across languages (its word features need one language).
    similarity: float | None = None


@dataclass(frozen=True, slots=True)
class Change:
    """One thing the retelling (b) omitted, added or altered relative to a.

    ``a_text`` / ``b_text`` hold only the differing span, not the whole sentence.
    """

    kind: ChangeKind
    category: str
    a: tuple[int, ...]
    b: tuple[int, ...]
    a_text: str | None
    b_text: str | None
    note: str = ""


@dataclass(frozen=True, slots=True)
class QuoteSide:
    sentence: int
    text: str
    speaker: str | None


@dataclass(frozen=True, slots=True)
class Quote:
    """A quote matched across the two articles (either side may be missing)."""

    a: QuoteSide | None
    b: QuoteSide | None
    score: float = 0.0


@dataclass(frozen=True, slots=True)
class Speaker:
    """One person across both articles, with every spelling seen."""

    name: str
    variants: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Relation:
    kind: RelationKind
    source: Side | None
    confidence: float
    evidence: tuple[str, ...]
    via_translation: bool = False


@dataclass(frozen=True)
class Comparison:
    """Everything ``retold.compare(a, b)`` found. ``to_dict()`` is the JSON schema."""

    a: Article
    b: Article
    relation: Relation
    alignments: tuple[Alignment, ...]
    changes: tuple[Change, ...]
    quotes: tuple[Quote, ...]
    speakers: tuple[Speaker, ...]
    stats: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from .render.json import comparison_to_dict

        return comparison_to_dict(self)

    def _repr_html_(self) -> str:
        from .render.html import render_comparison

        return render_comparison(self, standalone=False)
