"""The guards around every request: pure ASGI middleware, no framework magic.

- ``SecurityHeaders`` sets a Content-Security-Policy that allows no script at
  all and only the app's own stylesheets (by hash), so even an article whose
  text escaped escaping could run nothing; plus nosniff, no framing, and no
  referrer sent to other sites.
- ``HostCheck`` answers 400 to a Host header that does not name this server:
  a web page cannot rebind its own domain to 127.0.0.1 and read the app.
- ``SameOrigin`` answers 403 to a POST sent by another site (a form on a page
  you visit must not add articles to your store or start a trace). The referrer
  policy is same-origin, not no-referrer: under no-referrer Chromium sends
  "Origin: null" with the app's own form posts.
- ``BodyLimit`` answers 413 to a body over the limit, whether declared in
  Content-Length (refused before reading) or streamed in chunks.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Awaitable, Callable, Iterable, MutableMapping
from typing import Any
from urllib.parse import urlsplit

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

_UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def style_hash(css: str) -> str:
    """The CSP source expression allowing exactly this ``<style>`` element's content.

        >>> style_hash("")
        "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='"
    """
    digest = hashlib.sha256(css.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def content_security_policy(stylesheets: Iterable[str]) -> str:
    """No script, no plugins, no framing, no remote anything; styles only by hash.

    ``style-src-attr 'unsafe-inline'`` allows the renderer's width bars
    (``style="width:62%"``); a style attribute cannot run code. Browsers
    without ``style-src-attr`` fall back to ``style-src`` and drop the bars.
    """
    hashes = " ".join(sorted({style_hash(css) for css in stylesheets}))
    return "; ".join(
        (
            "default-src 'none'",
            "script-src 'none'",
            f"style-src {hashes}",
            f"style-src-elem {hashes}",
            "style-src-attr 'unsafe-inline'",
            "img-src 'self'",
            "form-action 'self'",
            "base-uri 'none'",
            "frame-ancestors 'none'",
        )
    )


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", ()):
        if key == name:
            return bytes(value).decode("latin-1")
    return None


async def _respond(send: Send, status: int, detail: str, headers: Iterable[tuple[bytes, bytes]] = ()) -> None:
    body = json.dumps({"detail": detail}).encode("utf-8")
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
                *headers,
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


class SecurityHeaders:
    """Add the CSP and the other protective headers to every HTTP response."""

    def __init__(self, app: ASGIApp, csp: str) -> None:
        self.app = app
        self.headers = [
            (b"content-security-policy", csp.encode()),
            (b"x-content-type-options", b"nosniff"),
            (b"x-frame-options", b"DENY"),
            (b"referrer-policy", b"same-origin"),
            (b"cross-origin-opener-policy", b"same-origin"),
            (b"cross-origin-resource-policy", b"same-origin"),
            (b"permissions-policy", b"camera=(), microphone=(), geolocation=(), interest-cohort=()"),
        ]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [h for h in self.headers if h[0] not in names]
            await send(message)

        await self.app(scope, receive, send_with_headers)


def host_name(host: str) -> str:
    """The host part of a Host header, IPv6 brackets kept, port dropped.

        >>> host_name("127.0.0.1:8000"), host_name("[::1]:8000"), host_name("Example.org")
        ('127.0.0.1', '[::1]', 'example.org')
    """
    host = host.strip().lower()
    if host.startswith("["):
        return host[: host.find("]") + 1] if "]" in host else host
    return host.split(":", 1)[0]


class HostCheck:
    """400 unless the Host header is one of ``allowed`` (``["*"]``: any)."""

    def __init__(self, app: ASGIApp, allowed: Iterable[str]) -> None:
        self.app = app
        self.allowed = {host_name(h) for h in allowed}
        self.any = "*" in self.allowed

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and not self.any:
            host = host_name(_header(scope, b"host") or "")
            if host not in self.allowed:
                await _respond(send, 400, f"unknown host {host!r}: open the app at its own address")
                return
        await self.app(scope, receive, send)


class SameOrigin:
    """403 for a state-changing request that a browser says came from another site."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] in _UNSAFE_METHODS:
            origin = _header(scope, b"origin")
            site = _header(scope, b"sec-fetch-site")
            host = (_header(scope, b"host") or "").lower()
            foreign = site == "cross-site" or (
                origin is not None and (origin == "null" or urlsplit(origin).netloc.lower() != host)
            )
            if foreign:
                await _respond(send, 403, "cross-site request refused: submit the form from the app's own pages")
                return
        await self.app(scope, receive, send)


class BodyTooLarge(Exception):
    """Raised from ``receive`` when a streamed body passes the limit."""


class BodyLimit:
    """413 for a request body over ``max_bytes``."""

    def __init__(self, app: ASGIApp, max_bytes: int, on_too_large: Callable[[int], Exception] | None = None) -> None:
        self.app = app
        self.max_bytes = max_bytes
        # What to raise inside the app when a streamed body passes the limit: the
        # app's own HTTP error, so its error handlers answer (FastAPI turns any
        # other exception raised while reading a body into a 400).
        self.on_too_large = on_too_large or (lambda _limit: BodyTooLarge())

    def _message(self) -> str:
        return f"request body too large: the limit is {self.max_bytes:,} bytes"

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = _header(scope, b"content-length")
        if declared is not None:
            try:
                size = int(declared)
            except ValueError:
                await _respond(send, 400, f"bad Content-Length header {declared!r}")
                return
            if size > self.max_bytes:
                await _respond(send, 413, self._message())
                return
        received = 0
        started = False

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise self.on_too_large(self.max_bytes)
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, limited_receive, tracking_send)
        except BodyTooLarge:
            if started:
                raise
            await _respond(send, 413, self._message())
