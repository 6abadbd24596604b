"""The JSON API's request and response bodies, as pydantic models for the OpenAPI page.

Comparison bodies follow ``retold.comparison/1`` (README); the models list its
fields and let any field added later through (``extra="allow"``).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from retold.web.settings import MAX_QUERY_CHARS


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class StoryRow(BaseModel):
    """One story in the list."""

    id: str
    size: int = Field(description="number of articles")
    languages: list[str]
    root: str | None = Field(description="id of the probable original")
    root_outlet: str | None
    root_title: str | None
    first: datetime | None = Field(description="earliest publication time (UTC)")
    last: datetime | None = Field(description="latest publication time (UTC)")


class StoryList(BaseModel):
    total: int = Field(description="stories matching min_size, before paging")
    offset: int
    stories: list[StoryRow]


class StoryArticle(BaseModel):
    id: str
    title: str | None
    outlet: str | None
    url: str | None
    published: str | None = Field(description="ISO-8601, UTC")
    language: str | None


class StoryEdge(BaseModel):
    """source → target: target derives from source (or, for same-event, reports the same event)."""

    source: str
    target: str
    kind: str = Field(description="copy, translation, rewrite, partial or same-event")
    confidence: float
    directed: bool = Field(description="false when neither the comparison nor the dates gave a direction")
    evidence: str = Field(description="the comparison's evidence; a and b there are the pair's ids in sorted order")


class StoryOut(BaseModel):
    """A story with its provenance graph: articles in timeline order and edges strongest first."""

    id: str
    root: str | None
    articles: list[StoryArticle]
    edges: list[StoryEdge]


class SentenceOut(_Open):
    index: int
    text: str
    original: str | None = Field(None, description="the sentence as published; text is normalised")
    start: int = Field(description="character offset into the text as published (the article's original)")
    end: int
    language: str | None = None
    paragraph: int = 0


class ArticleOut(BaseModel):
    """One stored article with its sentences. ``source`` is the file name it was read from."""

    id: str
    title: str | None
    outlet: str | None
    url: str | None
    author: str | None
    published: datetime | None
    language: str
    source: str | None
    story: str | None = Field(description="the story it belongs to (null before `retold trace`)")
    text: str = Field(description="the cleaned text")
    # start/end index the text as published: without it they could not be used.
    original: str = Field(description="the text as published; sentences' start and end index into it")
    sentences: list[SentenceOut]


class ArticleIn(BaseModel):
    """An article given as text. ``text`` is always the article itself, never a path."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1, description="the article text; a headline-like first line becomes the title")
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    author: str | None = None
    published: str | None = Field(None, description="a date or date-time, e.g. 2024-01-25T14:30+03:00")
    language: str | None = Field(None, description="ISO 639-1; detected when absent")


class CompareIn(BaseModel):
    """Two pasted articles: ``a`` the earlier or source one, ``b`` the retelling."""

    model_config = ConfigDict(extra="forbid")

    a: ArticleIn
    b: ArticleIn


class ComparisonSide(_Open):
    id: str
    title: str | None
    language: str
    sentences: list[SentenceOut]


class RelationOut(_Open):
    kind: str = Field(description="copy, translation, rewrite, partial, same-event or unrelated")
    source: str | None = Field(description='"a" or "b": the side the other derives from')
    confidence: float
    evidence: list[str]


class AlignmentOut(_Open):
    a: list[int]
    b: list[int]
    score: float
    kind: str = Field(description="identical, paraphrase or altered")
    similarity: float | None = Field(None, description="graded meaning, 0-1 (STS-B score / 5); only with precise, "
                                                       "never across languages")


class ChangeOut(_Open):
    kind: str = Field(description="omitted, added or altered")
    category: str
    a: list[int]
    b: list[int]
    a_text: str | None
    b_text: str | None
    note: str


class QuoteSideOut(_Open):
    sentence: int
    text: str
    speaker: str | None


class QuoteOut(_Open):
    a: QuoteSideOut | None
    b: QuoteSideOut | None


class SpeakerOut(_Open):
    name: str
    variants: list[str]


class ComparisonOut(_Open):
    """A comparison, schema ``retold.comparison/1`` (see the README)."""

    schema_: str = Field(alias="schema", description='"retold.comparison/1"')
    a: ComparisonSide
    b: ComparisonSide
    relation: RelationOut
    alignments: list[AlignmentOut]
    changes: list[ChangeOut]
    quotes: list[QuoteOut]
    speakers: list[SpeakerOut]


class ArticleHit(BaseModel):
    id: str
    title: str | None
    outlet: str | None
    url: str | None
    published: datetime | None
    language: str
    story: str | None
    sentences_matched: int | None = Field(None, description="for pasted text: how many of its sentences this article contains")
    sentences_searched: int | None = None


class SentenceHit(BaseModel):
    article: str
    index: int
    text: str
    similarity: float
    verbatim: bool
    found_by: str = Field("similar", description="verbatim (phrase search), similar (sentence vector) or aligned "
                          "(aligned to a close hit in a linked article; similarity is the alignment score)")
    speaker: str | None
    outlet: str | None
    title: str | None
    published: datetime | None
    language: str
    story: str | None


class SearchOut(BaseModel):
    query: str = Field(max_length=MAX_QUERY_CHARS)
    articles: list[ArticleHit] = Field(description="by URL, id prefix, title, or (pasted text) shared sentences")
    sentences: list[SentenceHit] = Field(description="versions of the quote, best first")
    semantic: bool = Field(description="whether paraphrased and translated versions were searched")
    note: str | None


class Added(BaseModel):
    id: str
    stored: bool = Field(description="false when the same article was already in the store")
    url: str = Field(description="the article's page")


class TraceOut(BaseModel):
    articles: int
    new_articles: int
    compared: int
    failed: int
    stories: int
    multi_article_stories: int
    seconds: float
    notes: list[str]


class Health(BaseModel):
    status: str
    read_only: bool
    articles: int
    stories: int
    version: str


class Problem(BaseModel):
    """Every error: a status code and one sentence saying what went wrong and what to do."""

    detail: str | list[Any]
