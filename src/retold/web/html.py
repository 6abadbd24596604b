"""Server-rendered pages: the Jinja environment, links and formatting helpers.

Templates autoescape everything; the only values marked safe are HTML made by
retold's renderers (``render_comparison``, ``render_timeline``), which escape
article text themselves. Links are built here from ids, percent-encoded, so
an id with a slash or a quote in it still makes a working, harmless link.
"""

from __future__ import annotations

import re
from datetime import datetime
from http import HTTPStatus
from typing import Any
from urllib.parse import quote, urlencode

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape
from starlette.requests import Request
from starlette.responses import HTMLResponse

from retold import __version__
from retold.render.html import _safe_url
from retold.web.assets import PAGE_STYLE
from retold.web.settings import MAX_QUERY_CHARS
from retold.web.timeline import language_class


def story_url(story_id: str) -> str:
    return "/stories/" + quote(story_id, safe="")


def article_url(article_id: str) -> str:
    return "/articles/" + quote(article_id, safe="")


def pair_url(a: str, b: str, precise: bool = False) -> str:
    """The pair page: ``a`` the source side, ``b`` the retelling; ``precise`` grades each alignment's meaning."""
    return "/pair?" + urlencode({"a": a, "b": b} | ({"precise": "1"} if precise else {}))


def anchor(article_id: str) -> str:
    """The element id of an article's entry on a story page (and its #fragment)."""
    return "a-" + quote(article_id, safe="")


def safe_url(url: str | None) -> str | None:
    """The URL when it is http(s), else None: ``javascript:`` never becomes a link."""
    return _safe_url(url)


def when(value: datetime | str | None) -> str:
    """A publication time as shown: "2024-03-11 08:00 UTC", a bare date for midnight, or "undated".

        >>> when(datetime(2024, 3, 11, 8, 0)), when(datetime(2024, 1, 26)), when(None)
        ('2024-03-11 08:00 UTC', '2024-01-26', 'undated')
    """
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            return str(value) or "undated"
    if value is None:
        return "undated"
    if (value.hour, value.minute, value.second) == (0, 0, 0):
        return value.strftime("%Y-%m-%d")
    return value.strftime("%Y-%m-%d %H:%M UTC")


def span(first: datetime | None, last: datetime | None) -> str:
    if first is None or last is None:
        return "undated"
    return when(first) if first == last else f"{when(first)} → {when(last)}"


def highlighter(query: str) -> Any:
    """A function marking the query's words in a sentence (escaped first, then <mark>)."""
    words = sorted({w for w in re.findall(r"\w{2,}", query.casefold())}, key=len, reverse=True)
    alternatives = "|".join(re.escape(w) for w in words)
    pattern = re.compile(rf"\b(?:{alternatives})\b", re.IGNORECASE) if words else None

    def mark(text: str) -> Markup:
        if pattern is None:
            return escape(text)
        out, at = [], 0
        for m in pattern.finditer(text):
            out.append(escape(text[at : m.start()]))
            out.append(Markup("<mark>%s</mark>") % text[m.start() : m.end()])
            at = m.end()
        out.append(escape(text[at:]))
        return Markup("").join(out)

    return mark


ENV = Environment(
    loader=PackageLoader("retold.web", "templates"),
    autoescape=True,
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)
ENV.globals.update(
    story_url=story_url,
    article_url=article_url,
    pair_url=pair_url,
    anchor=anchor,
    when=when,
    lang_class=language_class,
    page_style=PAGE_STYLE,
    version=__version__,
    max_query=MAX_QUERY_CHARS,
)


def page(request: Request, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    """Render ``template`` with the values every page needs."""
    settings = request.app.state.settings
    context.setdefault("query", "")
    html = ENV.get_template(template).render(
        read_only=settings.read_only, store_name=settings.db_path.name, **context
    )
    return HTMLResponse(html, status_code=status_code)


def error_page(request: Request, status: int, message: str) -> HTMLResponse:
    return page(request, "error.html", status_code=status, status=status,
                reason=HTTPStatus(status).phrase, message=message)


def raw(html: str) -> Markup:
    """HTML made by a retold renderer, which escaped every article value itself."""
    return Markup(html)
