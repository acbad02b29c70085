"""`lagebild serve`: run the web app with uvicorn, refusing to expose it without a token."""

from __future__ import annotations

import ipaddress
import os
from pathlib import Path


class ServeError(Exception):
    """The server cannot start as asked (a usage error: exit code 2)."""


def is_loopback(host: str) -> bool:
    if host.lower() in ("localhost", "localhost.localdomain", "ip6-localhost"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def resolve_token(host: str, token: str | None) -> str | None:
    """The token to require: the given one, else `LAGEBILD_TOKEN`; mandatory off loopback."""
    token = token or os.environ.get("LAGEBILD_TOKEN") or None
    if not is_loopback(host) and not token:
        raise ServeError(f"refusing to listen on {host} without a token: pass --token or set LAGEBILD_TOKEN "
                         "(clients then send 'Authorization: Bearer <token>')")
    if token is not None and len(token) < 8:
        raise ServeError("the token must have at least 8 characters")
    return token


def _check_port(host: str, port: int) -> None:
    """A clear error, before anything starts, when the address cannot be bound."""
    import socket

    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise ServeError(f"cannot resolve host {host!r}: {exc.strerror}") from None
    family, _, _, _, address = infos[0]
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as exc:
            raise ServeError(f"cannot listen on {host}:{port} ({exc.strerror}); choose another with --port") from None


_DB_ENV, _TOKEN_ENV = "LAGEBILD_SERVE_DB", "LAGEBILD_SERVE_TOKEN"


def app_from_env():
    """The app factory each worker process of a multi-worker server calls (settings come in the environment)."""
    from lagebild.web.app import create_app

    return create_app(os.environ[_DB_ENV], token=os.environ.get(_TOKEN_ENV) or None)


def serve(db: str | Path, *, host: str = "127.0.0.1", port: int = 8000, token: str | None = None,
          log_level: str = "info", workers: int = 1) -> None:
    """Run the app with uvicorn; `workers` > 1 starts that many processes on one socket, each with its own index."""
    import uvicorn

    from lagebild.store.sqlite import StoreError
    from lagebild.web.app import create_app

    token = resolve_token(host, token)
    if workers < 1:
        raise ServeError("--workers must be at least 1")
    try:
        app = create_app(db, token=token)  # also checks the store before any worker starts
    except StoreError as exc:
        raise ServeError(str(exc)) from None
    _check_port(host, port)
    shown = f"[{host}]" if ":" in host else host
    print(f"lagebild dashboard: http://{shown}:{port}/  (API docs: /docs; store: {db}; Ctrl-C stops)", flush=True)
    options = dict(host=host, port=port, log_level=log_level, server_header=False, access_log=False)
    if workers == 1:
        uvicorn.run(app, **options)
        return
    os.environ[_DB_ENV] = str(Path(db).resolve())
    if token:
        os.environ[_TOKEN_ENV] = token
    else:
        os.environ.pop(_TOKEN_ENV, None)
    uvicorn.run("lagebild.web.server:app_from_env", factory=True, workers=workers, **options)
