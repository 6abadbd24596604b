"""The HTML pages: home (stories, search), story, article, pair, compare, API.

Routes only parse the request, ask the ``Backend`` and fill a template; the
pair view inside the pair and compare pages is ``render_comparison``'s, the
same renderer as ``retold compare --html``.
"""

from __future__ import annotations

import math
from datetime import datetime
from typing import Any
from urllib.parse import parse_qs, urlencode

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from retold.collection.collection import Story
from retold.errors import InputError
from retold.web.html import (
    anchor,
    article_url,
    highlighter,
    page,
    pair_url,
    raw,
    safe_url,
    span,
    story_url,
    when,
)
from retold.web.service import SORTS, Backend, public_source
from retold.web.settings import MAX_QUERY_CHARS
from retold.web.timeline import EDGE_STYLES, compact, render_timeline

router = APIRouter(include_in_schema=False)

# (sort key, header, numeric) of the story list's columns.
COLUMNS = (
    ("title", "story", False),
    ("size", "articles", True),
    ("languages", "languages", False),
    ("first", "first published", False),
    ("last", "last published", False),
    ("outlet", "root outlet", False),
)
# Form fields of "Add an article" (the rest of a posted form is ignored).
ARTICLE_FIELDS = ("text", "title", "outlet", "url", "author", "published", "language")


def _backend(request: Request) -> Backend:
    backend: Backend = request.app.state.backend
    return backend


# -- home and search ---------------------------------------------------------------


@router.get("/", response_class=HTMLResponse)
def home(
    request: Request,
    sort: str = "size",
    order: str = "desc",
    min_size: int = Query(2, ge=1),
    page_no: int = Query(1, ge=1, alias="page"),
) -> HTMLResponse:
    backend = _backend(request)
    sort = sort if sort in SORTS else "size"
    order = order if order in ("asc", "desc") else "desc"
    rows = backend.stories(sort, order, min_size)
    per = backend.settings.stories_per_page
    pages = max(1, math.ceil(len(rows) / per))
    page_no = min(page_no, pages)

    def sort_href(key: str, direction: str, size: int, number: int) -> str:
        return "/?" + urlencode({"sort": key, "order": direction, "min_size": size, "page": number})

    return page(
        request, "home.html", rows=rows[(page_no - 1) * per : page_no * per], total=len(rows),
        sort=sort, order=order, min_size=min_size, page=page_no, pages=pages, columns=COLUMNS,
        sort_href=sort_href, article_count=backend.article_count(),
    )


@router.get("/search", response_class=HTMLResponse)
def search(request: Request, q: str = Query("", max_length=MAX_QUERY_CHARS)) -> HTMLResponse:
    result = _backend(request).search(q)
    return page(request, "search.html", query=q.strip(), result=result, highlight=highlighter(q))


# -- story, article, pair ------------------------------------------------------------


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story(request: Request, story_id: str) -> HTMLResponse:
    st = _backend(request).story(story_id)
    return page(request, "story.html", **story_view(st))


def story_view(st: Story) -> dict[str, Any]:
    """What story.html shows: the graph, the articles in order with their sources, the pairs."""
    by_id = {a["id"]: a for a in st.articles}

    def label(article_id: str) -> str:
        a = by_id[article_id]
        return str(a.get("outlet") or a.get("title") or article_id)

    sources: dict[str, list[dict[str, Any]]] = {}
    same: dict[str, list[dict[str, Any]]] = {}
    edges = []
    for e in st.edges:
        src, dst = e["source"], e["target"]
        href = pair_url(src, dst)
        entry = {"kind": e["kind"], "confidence": e["confidence"], "directed": e["directed"], "href": href}
        if e["weak"]:
            same.setdefault(dst, []).append({**entry, "other": src, "label": label(src)})
            same.setdefault(src, []).append({**entry, "other": dst, "label": label(dst)})
        else:
            sources.setdefault(dst, []).append({**entry, "other": src, "label": label(src)})
        # The stored evidence speaks of a and b: the pair's ids in sorted order.
        a_id, b_id = sorted((src, dst))
        edges.append({
            **entry, "source": src, "target": dst, "weak": e["weak"],
            "source_label": label(src), "target_label": label(dst),
            "evidence": [x for x in (e.get("evidence") or "").split("; ") if x],
            "a_label": label(a_id), "b_label": label(b_id),
        })
    articles = []
    for a in st.articles:
        articles.append({
            "id": a["id"], "title": a.get("title"), "outlet": a.get("outlet"), "language": a.get("language") or "und",
            "when": when(a.get("published") or None), "url": safe_url(a.get("url")),
            "raw_url": a.get("url"), "root": a["id"] == st.root,
            "sources": sources.get(a["id"], []), "same_event": same.get(a["id"], []),
        })
    root = by_id.get(st.root or "")
    heading = (root.get("title") or (f"{root['outlet']} story" if root.get("outlet") else None)) if root else None
    dates = [x for x in (a.get("published") for a in st.articles) if x]
    times = sorted(datetime.fromisoformat(d) for d in dates)
    kinds_present = {e["kind"] for e in st.edges}
    return {
        "story": st,
        "heading": heading or f"Story {st.id}",
        "articles": articles,
        "edges": edges,
        "languages": sorted({a["language"] for a in articles}),
        "span": span(times[0], times[-1]) if times else "undated",
        "svg": raw(render_timeline(st, pair_url, lambda i: "#" + anchor(i))),
        "compact": compact(st),
        "edge_kinds": [(k, *EDGE_STYLES[k]) for k in EDGE_STYLES if k in kinds_present],
        "api_url": "/api" + story_url(st.id),
    }


@router.get("/articles/{article_id:path}", response_class=HTMLResponse)
def article(request: Request, article_id: str) -> HTMLResponse:
    backend = _backend(request)
    art, story_id = backend.article(article_id)
    related = []
    if story_id:
        st = backend.story(story_id)
        outlets = {a["id"]: a.get("outlet") or a.get("title") or a["id"] for a in st.articles}
        for e in st.edges:
            if art.id not in (e["source"], e["target"]):
                continue
            other = e["target"] if e["source"] == art.id else e["source"]
            role = e["kind"] if e["weak"] else (
                f"{e['kind']}: derives from this" if e["source"] == art.id else f"{e['kind']}: this derives from it"
            )
            related.append({"other": other, "label": outlets[other], "role": role,
                            "confidence": e["confidence"], "href": pair_url(e["source"], e["target"])})
    paragraphs: list[list[Any]] = []
    for s in art.sentences:
        if not paragraphs or s.paragraph != paragraphs[-1][0].paragraph:
            paragraphs.append([])
        paragraphs[-1].append(s)
    return page(
        request, "article.html", article=art, story_id=story_id, related=related,
        paragraphs=paragraphs, url=safe_url(art.url), source=public_source(art.source),
        api_url="/api" + article_url(art.id),
    )


@router.get("/pair", response_class=HTMLResponse)
def pair(request: Request, a: str = Query(..., min_length=1), b: str = Query(..., min_length=1),
         precise: bool = Query(False)) -> HTMLResponse:
    backend = _backend(request)
    view = backend.pair(a, b, precise)
    c = view.comparison
    story_a, story_b = backend.story_of(c.a.id), backend.story_of(c.b.id)
    heading = f"{c.a.outlet or c.a.title or c.a.id} ↔ {c.b.outlet or c.b.title or c.b.id}"
    return page(
        request, "pair.html", heading=heading, fragment=raw(view.fragment),
        story_id=story_a if story_a == story_b else None,
        swap_href=pair_url(c.b.id, c.a.id, precise), api_url="/api" + pair_url(c.a.id, c.b.id, precise),
        precise=precise, precise_href=pair_url(c.a.id, c.b.id, not precise), can_grade=backend.can_grade(c.a, c.b),
    )


# -- compare: paste two texts ------------------------------------------------------------


async def _form(request: Request) -> dict[str, str]:
    """A posted urlencoded form (read within the body limit); 415 for anything else."""
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind != "application/x-www-form-urlencoded":
        raise HTTPException(415, f"send the form as application/x-www-form-urlencoded, not {kind or 'nothing'}")
    body = (await request.body()).decode("utf-8", errors="replace")
    return {k: v[0] for k, v in parse_qs(body, keep_blank_values=True).items()}


@router.get("/compare", response_class=HTMLResponse)
def compare_form(request: Request) -> HTMLResponse:
    return _compare_page(request, "", "", None, None)


def _compare_page(request: Request, a: str, b: str, fragment: str | None, error: str | None,
                  status_code: int = 200) -> HTMLResponse:
    limit = request.app.state.settings.max_body_bytes
    return page(request, "compare.html", status_code=status_code, a=a, b=b, error=error,
                fragment=raw(fragment) if fragment else None, max_body=f"{limit / 1e6:g} MB")


@router.post("/compare", response_class=HTMLResponse)
async def compare_texts(request: Request) -> HTMLResponse:
    form = await _form(request)
    a, b = form.get("a", ""), form.get("b", "")
    if not a.strip() or not b.strip():
        return _compare_page(request, a, b, None, "Paste a text in both boxes.", 422)
    try:
        view = await run_in_threadpool(_backend(request).compare_texts, {"text": a}, {"text": b})
    except InputError as e:
        return _compare_page(request, a, b, None, str(e), 422)
    return _compare_page(request, a, b, view.fragment, None)


# -- writes (with --allow-writes) ----------------------------------------------------------


@router.post("/articles")
async def add_article(request: Request) -> Response:
    backend = _backend(request)
    backend.check_writes("add articles")
    form = await _form(request)
    fields = {k: v.strip() for k, v in form.items() if k in ARTICLE_FIELDS and v.strip()}
    if "text" not in fields:
        raise InputError("form", "the article text is empty")
    art, _stored = await run_in_threadpool(backend.add_article, fields)
    return RedirectResponse(article_url(art.id), status_code=303)


@router.post("/trace", response_class=HTMLResponse)
async def trace(request: Request) -> HTMLResponse:
    backend = _backend(request)
    backend.check_writes("run trace")
    report = await run_in_threadpool(backend.trace)
    return page(request, "trace.html", report=report)


# -- API documentation, favicon ----------------------------------------------------------------


@router.get("/api", response_class=HTMLResponse)
def api_docs(request: Request) -> HTMLResponse:
    from retold.web.docs import describe

    spec = request.app.openapi()
    return page(request, "api.html", spec=spec, **describe(spec))


@router.get("/docs")
@router.get("/redoc")
def docs_redirect() -> RedirectResponse:
    """Where FastAPI apps keep their docs: here they are /api, rendered without a CDN."""
    return RedirectResponse("/api", status_code=307)


@router.get("/favicon.ico")
def favicon() -> Response:
    return Response(status_code=204)
