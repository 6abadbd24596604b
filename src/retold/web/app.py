"""``create_app(settings)``: the FastAPI application behind ``retold serve``.

It wires the pages and the JSON API to one ``Backend``, puts the guards of
``retold.web.security`` around every request, and turns retold's exceptions
into one clear message with the right status — an HTML page for a page, and
``{"detail": …}`` for the API.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from retold import __version__
from retold.embed import Encoder
from retold.errors import EncoderError, InputError, NotFound, StoreError
from retold.web import api, pages
from retold.web.assets import STYLESHEETS
from retold.web.html import error_page
from retold.web.security import BodyLimit, HostCheck, SameOrigin, SecurityHeaders, content_security_policy
from retold.web.service import Backend, ReadOnly
from retold.web.settings import WebSettings

log = logging.getLogger("retold.web")

DESCRIPTION = (
    "Stories, provenance graphs and comparisons from a retold store, as JSON. "
    "Every page of the app has its JSON here; comparisons follow the `retold.comparison/1` schema."
)


def create_app(settings: WebSettings, *, encoder: Encoder | None = None) -> FastAPI:
    """The web app over ``settings.db_path``; raises StoreError when the store cannot be opened.

        >>> app = create_app(WebSettings(Path("demo.db")))       # doctest: +SKIP
        >>> uvicorn.run(app, host="127.0.0.1", port=8000)      # doctest: +SKIP
    """
    backend = Backend(settings, encoder)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        if settings.preload_encoder:
            await run_in_threadpool(backend.warm_up)
        yield

    app = FastAPI(
        title="retold",
        version=__version__,
        description=DESCRIPTION,
        docs_url=None,  # Swagger UI and ReDoc load scripts from a CDN; /api is rendered here instead
        redoc_url=None,
        openapi_url="/openapi.json",
        lifespan=lifespan,
    )
    app.state.backend = backend
    app.state.settings = settings
    app.include_router(pages.router)
    app.include_router(api.router)
    _handle_errors(app, backend)
    # Added innermost first: the security headers wrap every other answer.
    app.add_middleware(
        BodyLimit,
        max_bytes=settings.max_body_bytes,
        on_too_large=lambda limit: HTTPException(413, f"request body too large: the limit is {limit:,} bytes"),
    )
    app.add_middleware(SameOrigin)
    app.add_middleware(HostCheck, allowed=settings.allowed_hosts())
    app.add_middleware(SecurityHeaders, csp=content_security_policy(STYLESHEETS))
    app.add_middleware(HeadAsGet)
    return app


class HeadAsGet:
    """Answer HEAD like GET without the body (FastAPI routes list GET only; curl -I should work)."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def headers_only(message: Any) -> None:
            if message["type"] == "http.response.body":
                if message.get("more_body"):
                    return
                message = {"type": "http.response.body", "body": b""}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, headers_only)


def _wants_json(request: Request) -> bool:
    path = request.url.path
    return path.startswith("/api/") or path == "/openapi.json"


def _problem(request: Request, status: int, message: str) -> Response:
    if _wants_json(request):
        return JSONResponse({"detail": message}, status_code=status)
    return error_page(request, status, message)


def _validation_message(exc: RequestValidationError) -> str:
    """FastAPI's error list as one sentence: "page: Input should be greater than or equal to 1"."""
    parts = []
    for err in exc.errors():
        where = ".".join(str(x) for x in err.get("loc", ()) if x not in ("query", "path", "body"))
        parts.append(f"{where}: {err.get('msg', 'invalid')}" if where else str(err.get("msg", "invalid")))
    return "; ".join(parts) or "invalid request"


def _handle_errors(app: FastAPI, backend: Backend) -> None:
    def status(code: int) -> Any:
        async def handler(request: Request, exc: Exception) -> Response:
            return _problem(request, code, backend.public_message(str(exc)))

        return handler

    app.add_exception_handler(NotFound, status(404))
    app.add_exception_handler(ReadOnly, status(403))
    app.add_exception_handler(InputError, status(422))
    app.add_exception_handler(StoreError, status(503))
    app.add_exception_handler(EncoderError, status(503))

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        detail = exc.detail
        if exc.status_code == 404 and detail == HTTPStatus.NOT_FOUND.phrase:
            detail = f"no page at {request.url.path}: see the stories on the home page, or /api for the JSON API"
        elif exc.status_code == 405 and detail == HTTPStatus.METHOD_NOT_ALLOWED.phrase:
            detail = f"{request.method} is not accepted at {request.url.path}"
        response = _problem(request, exc.status_code, str(detail))
        for key, value in (exc.headers or {}).items():
            response.headers[key] = value
        return response

    async def invalid(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        if _wants_json(request):
            return JSONResponse({"detail": _jsonable_errors(exc)}, status_code=422)
        return error_page(request, 422, _validation_message(exc))

    async def crashed(request: Request, exc: Exception) -> Response:
        log.exception("error while serving %s %s", request.method, request.url.path, exc_info=exc)
        return _problem(request, 500, f"internal error ({type(exc).__name__}); the server log has the details")

    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(RequestValidationError, invalid)
    app.add_exception_handler(Exception, crashed)


def _jsonable_errors(exc: RequestValidationError) -> list[dict[str, Any]]:
    """FastAPI's validation errors without the raw input (which may be a whole pasted article)."""
    return [{k: v for k, v in err.items() if k in ("loc", "msg", "type")} for err in exc.errors()]
