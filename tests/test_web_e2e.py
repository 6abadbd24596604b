"""End to end: ``retold serve`` in a subprocess, driven by a real headless Chromium.

Chromium comes from Debian (``apt-get install chromium chromium-driver``;
``.ci/run`` installs it), Playwright from PyPI; no browser is downloaded.
Skipped, with the reason, when either is missing.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from web_fixtures import WebStore, build_store

from retold.embed import get_encoder

CHROMIUM = os.environ.get("RETOLD_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
# Seconds for `retold serve` to answer /api/health (imports and the encoder load).
START_TIMEOUT = 60

if not Path(CHROMIUM).exists():
    pytest.skip(f"no Chromium at {CHROMIUM}: apt-get install chromium chromium-driver", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed: pip install -e '.[test]'")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> WebStore:
    return build_store(tmp_path_factory.mktemp("e2e") / "e2e.db", get_encoder())


@pytest.fixture(scope="module")
def server(store: WebStore, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``retold serve`` on a free port; its base URL."""
    port = _free_port()
    log = tmp_path_factory.mktemp("e2e-log") / "serve.log"
    with log.open("w") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "retold", "--db", str(store.path), "serve", "--port", str(port)],
            stdout=out, stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            try:
                with urllib.request.urlopen(base + "/api/health", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"retold serve did not start: {log.read_text()}")
            time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


def _watch(page: object, dialogs: list[str], console: list[str]) -> None:
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))  # type: ignore[attr-defined]
    page.on("console", lambda m: console.append(f"{m.type}: {m.text}"))  # type: ignore[attr-defined]


def test_story_to_pair_in_a_browser(server: str, store: WebStore, browser: object, tmp_path: Path) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    dialogs: list[str] = []
    console: list[str] = []
    _watch(page, dialogs, console)

    page.goto(server + "/")
    page.click(f'a[href="/stories/{store.story}"]')
    page.wait_for_url(f"**/stories/{store.story}")
    assert page.locator("svg.rw-graph a.rw-node").count() == 3
    assert "root" in page.locator(f'li[id="a-{store.tass}"]').inner_text().lower()
    page.screenshot(path=str(tmp_path / "story.png"), full_page=True)

    # Follow the TASS → retelling link to its pair page.
    page.locator(f'li[id="a-{store.retelling}"] a', has_text="side by side").first.click()
    page.wait_for_url("**/pair?a=*")
    assert store.tass in page.url and store.retelling in page.url
    for selector in ("del.omitted", "ins.added", "mark.altered"):
        assert page.locator(selector).count() > 0, selector
    assert page.locator("mark.altered", has_text="Rapid Intervention Forces").count() == 1
    # The page's own stylesheets pass its CSP: the highlights are coloured.
    colour = page.eval_on_selector("mark.altered", "e => getComputedStyle(e).backgroundColor")
    assert colour not in ("rgba(0, 0, 0, 0)", "transparent")
    page.screenshot(path=str(tmp_path / "pair.png"), full_page=True)
    assert (tmp_path / "pair.png").stat().st_size > 10_000

    # The hostile article: its story entry, its own page, and its pair with TASS.
    for url in (f"/stories/{store.story}", f"/articles/{store.hostile}", f"/pair?a={store.tass}&b={store.hostile}"):
        page.goto(server + url)
        page.hover(".retold")  # onmouseover payloads, if any had survived
        assert page.evaluate("typeof window.__pwned") == "undefined", url
    assert page.get_by_text("<script>window.__pwned=1</script>", exact=False).count() > 0  # shown as text
    page.screenshot(path=str(tmp_path / "hostile.png"), full_page=True)
    assert dialogs == []
    assert not [m for m in console if "Content Security Policy" in m], console


def test_escaping_alone_stops_the_hostile_article(server: str, store: WebStore, browser: object) -> None:
    """With the CSP bypassed, escaping is all that stands between the article and the page."""
    context = browser.new_context(bypass_csp=True)  # type: ignore[attr-defined]
    page = context.new_page()
    dialogs: list[str] = []
    _watch(page, dialogs, [])
    for url in (f"/stories/{store.story}", f"/articles/{store.hostile}", f"/pair?a={store.tass}&b={store.hostile}",
                "/search?q=window.__pwned"):
        page.goto(server + url)
        page.hover(".retold")
        page.keyboard.press("Tab")  # autofocus/onfocus payloads
        assert page.evaluate("typeof window.__pwned") == "undefined", url
        assert page.locator("script, iframe, img").count() == 0, url
    assert dialogs == []
    context.close()


def test_compare_page_in_a_browser(server: str, browser: object) -> None:
    page = browser.new_page()  # type: ignore[attr-defined]
    seed = Path(__file__).resolve().parent.parent / "examples" / "seed-pair"
    page.goto(server + "/compare")
    page.fill("#text-a", (seed / "tass.txt").read_text())
    page.fill("#text-b", (seed / "retelling.txt").read_text())
    page.click("button:has-text('Compare')")  # a same-origin form post: accepted
    page.wait_for_selector("mark.altered")
    assert page.locator("del.omitted").count() > 0 and page.locator("ins.added").count() > 0
