"""The JSON API: the pages' data, described at /openapi.json and on the /api page.

Errors are ``{"detail": "…"}`` with the status: 404 for an unknown id, 403 for
a write on a read-only server, 413 for a body over the limit, 422 for a bad
parameter, an article with no text left, or one holding a control character.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from retold import __version__
from retold.models import Comparison
from retold.render.json import sentences_to_json
from retold.web.html import article_url
from retold.web.schemas import (
    Added,
    ArticleHit,
    ArticleIn,
    ArticleOut,
    CompareIn,
    ComparisonOut,
    Health,
    Problem,
    SearchOut,
    SentenceHit,
    SentenceOut,
    StoryList,
    StoryOut,
    StoryRow,
    TraceOut,
)
from retold.web.service import Backend, Order, StorySort, public_source
from retold.web.settings import MAX_QUERY_CHARS

_ERRORS: dict[int | str, dict[str, Any]] = {
    404: {"model": Problem, "description": "no such article or story"},
    422: {"model": Problem, "description": "a bad parameter"},
}
router = APIRouter(prefix="/api", responses=_ERRORS)


def _backend(request: Request) -> Backend:
    backend: Backend = request.app.state.backend
    return backend


def comparison_json(c: Comparison) -> dict[str, Any]:
    """``Comparison.to_dict()`` with each article's ``source`` cut to its file name."""
    d = c.to_dict()
    for side in ("a", "b"):
        d[side]["source"] = public_source(d[side].get("source"))
    return d


@router.get("/health", response_model=Health, summary="Whether the app is up, and what it serves")
def health(request: Request) -> Health:
    backend = _backend(request)
    return Health(status="ok", read_only=backend.settings.read_only, articles=backend.article_count(),
                  stories=len(backend.stories()), version=__version__)


@router.get("/stories", response_model=StoryList, summary="The stories, sorted and paged")
def stories(
    request: Request,
    sort: StorySort = "size",
    order: Order = "desc",
    min_size: int = Query(1, ge=1, description="only stories of at least this many articles"),
    offset: int = Query(0, ge=0),
    limit: int = Query(100, ge=1, le=1000),
) -> StoryList:
    rows = _backend(request).stories(sort, order, min_size)
    return StoryList(
        total=len(rows), offset=offset,
        stories=[StoryRow(id=s.id, size=s.size, languages=list(s.languages), root=s.root, root_outlet=s.root_outlet,
                          root_title=s.root_title, first=s.first, last=s.last) for s in rows[offset : offset + limit]],
    )


@router.get("/stories/{story_id}", response_model=StoryOut, summary="One story and its provenance graph")
def story(request: Request, story_id: str) -> dict[str, Any]:
    """Articles in timeline order; edges source → derived, strongest first. A unique id prefix works too."""
    return _backend(request).story(story_id).to_dict()


@router.get("/articles/{article_id:path}", response_model=ArticleOut, summary="One article with its sentences")
def article(request: Request, article_id: str) -> ArticleOut:
    art, story_id = _backend(request).article(article_id)
    return ArticleOut(
        id=art.id, title=art.title, outlet=art.outlet, url=art.url, author=art.author, published=art.published,
        language=art.language, source=public_source(art.source), story=story_id, text=art.text,
        original=art.original, sentences=[SentenceOut(**s) for s in sentences_to_json(art)],
    )


@router.get("/pair", response_model=ComparisonOut, summary="Compare two stored articles")
def pair(
    request: Request,
    a: str = Query(..., min_length=1, description="id (or unique prefix) of the source side"),
    b: str = Query(..., min_length=1, description="id (or unique prefix) of the retelling"),
    precise: bool = Query(False, description="grade each alignment's meaning with the e5 model too (slower)"),
) -> JSONResponse:
    """The comparison behind the pair page (schema ``retold.comparison/1``)."""
    return JSONResponse(comparison_json(_backend(request).pair(a, b, precise).comparison))


@router.post("/compare", response_model=ComparisonOut, summary="Compare two pasted articles (stores nothing)")
async def compare(request: Request, body: CompareIn) -> JSONResponse:
    """``text`` is always the article itself: nothing is read from disk, nothing is written."""
    a, b = body.a.model_dump(exclude_none=True), body.b.model_dump(exclude_none=True)
    view = await run_in_threadpool(_backend(request).compare_texts, a, b)
    return JSONResponse(comparison_json(view.comparison))


@router.get("/search", response_model=SearchOut, summary="Find articles by text, URL or quote")
def search(request: Request, q: str = Query(..., min_length=1, max_length=MAX_QUERY_CHARS)) -> SearchOut:
    """A URL finds the article published there; an id prefix or title words find articles;
    pasted article text finds the stored articles sharing its sentences; a quote finds
    every version of it (paraphrased and translated ones when the store's sentence vectors are indexed).
    """
    r = _backend(request).search(q)
    articles = [
        ArticleHit(id=m.row.id, title=m.row.title, outlet=m.row.outlet, url=m.row.url, published=m.row.published,
                   language=m.row.language, story=r.story_of.get(m.row.id), sentences_matched=m.sentences,
                   sentences_searched=m.of)
        for m in r.text_matches
    ] + [
        ArticleHit(id=x.id, title=x.title, outlet=x.outlet, url=x.url, published=x.published, language=x.language,
                   story=r.story_of.get(x.id), sentences_matched=None, sentences_searched=None)
        for x in r.articles
    ]
    sentences = [
        SentenceHit(article=m.article_id, index=m.sentence, text=m.text, similarity=m.similarity,
                    verbatim=m.verbatim, found_by=m.found_by, speaker=m.speaker, outlet=m.outlet, title=m.title,
                    published=m.published, language=m.language, story=r.story_of.get(m.article_id))
        for m in r.sentences
    ]
    return SearchOut(query=r.query, articles=articles, sentences=sentences, semantic=r.semantic, note=r.note)


_WRITE: dict[int | str, dict[str, Any]] = {403: {"model": Problem, "description": "the server is read-only (started without --allow-writes)"}}


def _writable(request: Request) -> None:
    """Refuse a write before its body is even validated."""
    _backend(request).check_writes("add articles" if request.url.path.endswith("/articles") else "run trace")


@router.post("/articles", response_model=Added, status_code=201, responses=_WRITE,
             dependencies=[Depends(_writable)], summary="Store an article (needs --allow-writes)")
async def add_article(request: Request, body: ArticleIn) -> JSONResponse:
    """201 when stored, 200 when the same article was already there. Run ``POST /api/trace`` to place it in a story."""
    backend = _backend(request)
    art, stored = await run_in_threadpool(backend.add_article, body.model_dump(exclude_none=True))
    payload = Added(id=art.id, stored=stored, url=article_url(art.id))
    return JSONResponse(payload.model_dump(), status_code=201 if stored else 200)


@router.post("/trace", response_model=TraceOut, responses=_WRITE, dependencies=[Depends(_writable)],
             summary="Trace the store (needs --allow-writes)")
async def trace(request: Request) -> TraceOut:
    """Find retellings among new articles and update the stories, as ``retold trace`` does."""
    backend = _backend(request)
    r = await run_in_threadpool(backend.trace)
    return TraceOut(articles=r.articles, new_articles=r.new_articles, compared=r.compared, failed=len(r.failed),
                    stories=r.stories, multi_article_stories=r.multi_article_stories,
                    seconds=round(r.seconds, 3), notes=r.notes())
