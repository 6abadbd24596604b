"""Running the app: bind the port first, then hand the bound socket to uvicorn.

``uvicorn.run`` binds only once it starts, so a port already in use showed
up as uvicorn's own log line after ``retold serve`` had said "serving".
Binding here first lets the command fail with one clear message before it
claims anything, and uvicorn then serves on that very socket (no window for
another process to take the port in between).
"""

from __future__ import annotations

import errno
import socket
from typing import Any

from retold.web.settings import WebSettings

__all__ = ["CannotListen", "listen", "run"]


class CannotListen(Exception):
    """The server cannot listen on the asked host and port; the message says why and what to do."""


def listen(host: str, port: int) -> socket.socket:
    """A TCP socket listening on ``host:port``; raises ``CannotListen`` naming the port.

    >>> sock = listen("127.0.0.1", 0)   # 0: any free port
    >>> listen("127.0.0.1", sock.getsockname()[1])
    Traceback (most recent call last):
    ...
    retold.web.server.CannotListen: port ... is already in use on 127.0.0.1: stop what uses it, or pick another port with --port
    >>> sock.close()
    """
    # As uvicorn does: IPv6 for an address with a colon, and SO_REUSEADDR so a
    # port left in TIME_WAIT by the last run is free again (a listening one is not).
    sock = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host.strip("[]"), port))
        # Listening claims the port: a socket only bound does not keep another
        # SO_REUSEADDR server off it. uvicorn's default backlog.
        sock.listen(2048)
    except OSError as exc:
        sock.close()
        raise CannotListen(_why(exc, host, port)) from None
    return sock


def _why(exc: OSError, host: str, port: int) -> str:
    if exc.errno == errno.EADDRINUSE:
        return f"port {port} is already in use on {host}: stop what uses it, or pick another port with --port"
    if exc.errno == errno.EACCES:
        return f"not allowed to listen on port {port} (ports below 1024 need root): pick another with --port"
    return f"cannot listen on {host} port {port}: {exc.strerror or exc}"


def run(app: Any, sock: socket.socket, settings: WebSettings) -> None:
    """Serve ``app`` on the bound ``sock`` until Ctrl-C."""
    import uvicorn

    config = uvicorn.Config(app, log_level="warning", server_header=False, timeout_keep_alive=settings.keep_alive_s)
    uvicorn.Server(config).run(sockets=[sock])
