"""The web app (``retold serve``): browse stories, provenance graphs and comparisons.

Server-rendered pages over one store, and a JSON API for the same data::

    /                     stories (sortable) and the search box
    /search?q=            articles by text, URL or id; every version of a quote
    /stories/ID           the provenance graph on a timeline, the articles in order
    /articles/ID          one article, its sentences and the pairs it is in
    /pair?a=ID&b=ID       two stored articles side by side (``render_comparison``)
    /compare              paste two texts, see the same view; stores nothing
    /api, /openapi.json   the JSON API, described
    /api/...              stories, story, article, pair, compare, search; health;
                          POST articles and trace with --allow-writes only

Like spaCy's displacy, the web layer serves what ``retold.render`` renders.
It needs the ``web`` extra (``pip install 'retold[web]'``).

    >>> from retold.web import WebSettings, create_app
    >>> app = create_app(WebSettings(Path("demo.db")))   # doctest: +SKIP
"""

from __future__ import annotations

from retold.web.app import create_app
from retold.web.settings import WebSettings

__all__ = ["WebSettings", "create_app"]
