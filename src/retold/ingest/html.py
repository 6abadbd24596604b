"""HTML pages: the main text and its metadata via trafilatura, then ``build_article``.

trafilatura is told to favour precision (a retelling compared with page
furniture finds false "additions") and to skip everything slow that news pages
do not need: no fallback extractors, no comments, no tables, no deduplication,
only the quick date search, and no categories, tags or licence. See
``extract_html`` for the measured speed.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from ..errors import UnreadableInput
from ..models import Article
from .article import build_article

__all__ = ["extract_html", "parse_html"]

# htmldate's extensive search scans every text node for a date; on news pages
# the quick search (meta tags, <time>, URL) finds the publication date. Its
# default output is the day alone: a page stamped 10:00+01:00 read as midnight
# UTC and so "published first" against a wire story of 08:00 UTC that day, which
# turned the relation's direction around. The time and offset are kept where given.
_DATE_PARAMS: dict[str, Any] = {"extensive_search": False, "original_date": True,
                                "outputformat": "%Y-%m-%dT%H:%M:%S%z"}


def extract_html(html: str | bytes, *, url: str | None = None) -> dict[str, Any] | None:
    """The main text and metadata of a page, as a dict, or None when no text was found.

    Keys: text, title, author, date, url, sitename. The page is parsed once;
    trafilatura extracts the main text from its own copy of the tree, then
    ``_metadata`` reads the metadata from the tree. About 3.5 ms for an 8 kB
    news page on one core (trafilatura 2.3, fast mode; ``python -m bench ingest``).

    >>> page = ("<html><head><title>Envoy speaks | Example News</title></head><body><article>"
    ...         "<p>The envoy said that the talks would go on for several more months at least.</p>"
    ...         "</article></body></html>")
    >>> extract_html(page)["text"]
    'The envoy said that the talks would go on for several more months at least.'
    """
    import trafilatura
    from trafilatura.utils import load_html

    tree = load_html(html)
    if tree is None:
        return None
    doc: Any = trafilatura.bare_extraction(tree, url=url, options=_extractor())
    if doc is None or not (getattr(doc, "text", None) or "").strip():
        return None
    return {"text": doc.text, **_metadata(tree, url)}


@cache
def _extractor() -> Any:
    """The extraction options, built once: building them reads trafilatura's config each time
    (1.58 -> 1.51 ms a page for the extraction, interleaved A/B over 200 bench pages).

    trafilatura copies a shared ``Extractor`` before changing it, so one serves every page.
    """
    from trafilatura.settings import Extractor

    return Extractor(output_format="python", fast=True, precision=True, comments=False, tables=False,
                     images=False, links=False, dedup=False, with_metadata=False)


def _metadata(tree: Any, url: str | None) -> dict[str, str | None]:
    """The page's title, author, date, url and site name; see ``_lean_metadata``.

    If trafilatura's internals have moved or changed (it is pinned below 3,
    but they are not its public API), its public ``extract_metadata`` does the
    whole, slower, job instead.
    """
    try:
        return _lean_metadata(tree, url)
    except (ImportError, AttributeError, TypeError, ValueError):
        from trafilatura import extract_metadata

        meta = extract_metadata(tree, url, dict(_DATE_PARAMS))
        return {"title": meta.title, "author": meta.author, "date": meta.date, "url": meta.url or url,
                "sitename": meta.sitename or meta.hostname}


def _lean_metadata(tree: Any, url: str | None) -> dict[str, str | None]:
    """trafilatura's ``extract_metadata``, less what retold never uses, and run after extraction.

    Categories, tags and the licence (XPath searches over the whole page) were
    a fifth of a page's time and retold keeps none of them. The author search
    prunes the tree itself instead of a deep copy (the main text is out by
    now), so it runs last, after the title and the date (its pruning drops
    <time> elements).
    """
    from htmldate import find_date
    from trafilatura.htmlprocessing import prune_unwanted_nodes
    from trafilatura.metadata import (
        META_URL,
        examine_meta,
        extract_meta_json,
        extract_metainfo,
        extract_sitename,
        extract_title,
        extract_url,
        normalize_authors,
    )
    from trafilatura.xpaths import AUTHOR_DISCARD_XPATHS, AUTHOR_XPATHS

    meta = examine_meta(tree)
    if meta.author and " " not in meta.author:  # a handle or a single word is not a byline
        meta.author = None
    try:
        meta = extract_meta_json(tree, meta)
    except Exception:  # noqa: BLE001,S110 - trafilatura's own guard: malformed JSON-LD is common
        pass
    meta.title = meta.title or extract_title(tree)
    meta.url = meta.url or extract_url(tree, url)
    meta.date = find_date(tree, url=meta.url, **_DATE_PARAMS)
    sitename = (meta.sitename or extract_sitename(tree) or "").lstrip("@")
    if sitename and "." not in sitename and not sitename[0].isupper():
        sitename = sitename.title()
    if not sitename and meta.url and (host := META_URL.match(meta.url)):
        sitename = host[1]
    meta.sitename = sitename or None
    if not meta.author:
        found = extract_metainfo(prune_unwanted_nodes(tree, AUTHOR_DISCARD_XPATHS), AUTHOR_XPATHS, len_limit=120)
        meta.author = normalize_authors(None, found) if found else None
    meta.clean_and_trim()
    return {"title": meta.title, "author": meta.author, "date": meta.date, "url": meta.url, "sitename": meta.sitename}


def parse_html(
    html: str | bytes,
    *,
    url: str | None = None,
    published: str | None = None,
    source: str | None = None,
) -> Article:
    """Build an ``Article`` from an HTML page.

    A given ``url`` (a WARC record's target URI) wins over the page's canonical
    URL; ``published`` (a WARC-Date) is used only when the page states no date.

    Raises ``UnreadableInput`` when the page has no main text.
    """
    where = source or url or "<html>"
    try:
        meta = extract_html(html, url=url)
    except Exception as exc:  # noqa: BLE001 - a parser failure on one page is a skip, not a crash
        raise UnreadableInput(where, f"HTML could not be parsed: {type(exc).__name__}: {exc}") from None
    if meta is None:
        raise UnreadableInput(where, "no article text found in the HTML page")
    return build_article(
        meta["text"],
        title=meta["title"],
        outlet=meta["sitename"],
        url=url or meta["url"],
        author=meta["author"],
        published=meta["date"] or published,
        language=None,
        source=source,
    )
