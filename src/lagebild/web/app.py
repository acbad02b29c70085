"""The web API and dashboard: a FastAPI app over a read-only store.

`create_app(db, token=...)` builds the app; `lagebild serve` runs it with
uvicorn. Every route under `/api` answers JSON; bad parameters give a 422
(`{"error": ..., "detail": [...]}`) or 400, and anything unexpected a bare
JSON 500 (the traceback goes to the server log, never to the client). The
dashboard (`static/`, built from `frontend/`) is served at `/`.
"""

from __future__ import annotations

import hmac
import json
import logging
import threading
from contextlib import asynccontextmanager
from collections import OrderedDict
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal, Optional

import orjson
from fastapi import FastAPI, HTTPException, Query, Request
from fastapi import Path as PathParam
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from lagebild import __version__
from lagebild.web.queries import PLOVER_TYPES, QUAD_NAMES, EventFilter, Queries, QueryError, with_layers

log = logging.getLogger("lagebild.web")

STATIC = Path(__file__).parent / "static"
MAX_ANALYZE_CHARS = 200_000  # characters of pasted text
MAX_BODY_BYTES = 1_000_000  # bytes of any request body

Limit = Annotated[int, Query(ge=1, le=500, description="Page size (1–500).")]
Offset = Annotated[int, Query(ge=0, le=1_000_000, description="Items to skip.")]
DateFrom = Annotated[Optional[date], Query(description="Earliest day (YYYY-MM-DD), inclusive.")]
DateTo = Annotated[Optional[date], Query(description="Latest day (YYYY-MM-DD), inclusive.")]
Code = Annotated[Optional[str], Query(max_length=16, pattern=r"^[A-Za-z0-9]+$",
                                      description="Actor code: ISO alpha-3 (USA) or a body (EU, NATO, UN).")]
TypeList = Annotated[Optional[str], Query(max_length=300, pattern=r"^[A-Za-z, ]+$",
                                          description="PLOVER type(s), comma-separated: ASSAULT,THREATEN.")]
Root = Annotated[Optional[int], Query(ge=1, le=20, description="CAMEO root code (1–20).")]
Quad = Annotated[Optional[int], Query(ge=1, le=4, description="Quad class: 1 verbal coop., 2 material coop., "
                                                              "3 verbal conflict, 4 material conflict.")]
ArticleId = Annotated[Optional[str], Query(max_length=200, description="Only this article (exact id).")]


class AnalyzeRequest(BaseModel):
    text: str = Field(min_length=1, max_length=MAX_ANALYZE_CHARS, description="Page text or HTML of one article.")
    url: Optional[str] = Field(default=None, max_length=2000)
    title: Optional[str] = Field(default=None, max_length=1000)
    published: Optional[str] = Field(default=None, max_length=40, description="ISO 8601 date or datetime.")


class Page(BaseModel):
    total: int
    limit: int
    offset: int
    items: list[dict[str, Any]]


class ErrorBody(BaseModel):
    error: str
    detail: Optional[list[dict[str, Any]]] = None


ERRORS = {400: {"model": ErrorBody}, 401: {"model": ErrorBody}, 404: {"model": ErrorBody},
          422: {"model": ErrorBody}, 500: {"model": ErrorBody}}


class GuardMiddleware:
    """Bearer-token check for /api (when a token is set) and a cap on request bodies."""

    def __init__(self, app, token: str | None, max_body: int = MAX_BODY_BYTES):
        self.app, self.token, self.max_body = app, token, max_body

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = dict(scope.get("headers") or [])
        path = scope.get("path", "")
        if self.token and (path.startswith("/api") or path in ("/openapi.json", "/docs", "/redoc")):
            given = headers.get(b"authorization", b"").decode("latin-1")
            scheme, _, value = given.partition(" ")
            if scheme.lower() != "bearer" or not hmac.compare_digest(value.strip().encode(), self.token.encode()):
                return await _send_json(send, 401, {"error": "missing or wrong bearer token"},
                                        {b"www-authenticate": b"Bearer"})
        length = headers.get(b"content-length")
        if length is not None:
            try:
                too_big = int(length) > self.max_body
            except ValueError:
                return await _send_json(send, 400, {"error": "bad Content-Length"})
            if too_big:
                return await _send_json(send, 413, {"error": f"request body larger than {self.max_body} bytes"})
        elif scope.get("method") in ("POST", "PUT", "PATCH"):
            return await _send_json(send, 411, {"error": "Content-Length required"})
        return await self.app(scope, receive, send)


def _json(obj: Any) -> Response:
    """JSON straight to bytes (orjson): no re-encoding or re-validation of what the store already holds."""
    return Response(orjson.dumps(obj), media_type="application/json")


class CacheMiddleware:
    """Answers repeated GETs under /api from memory until the database files change.

    The store is read-only to the app, so a response depends only on its URL,
    the state of the database and the layer index it was answered from
    (`Queries.answer_state()`: while a new index is built, the old one
    answers); entries of an older state are dropped. Only 200 responses are kept, at most `size` of them.
    """

    def __init__(self, app, queries: Queries, size: int = 1024):
        self.app, self.queries, self.size = app, queries, size
        self.entries: OrderedDict[tuple, tuple[tuple, list, bytes]] = OrderedDict()
        self.state: tuple | None = None

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope.get("method") != "GET" or not scope.get("path", "").startswith("/api/"):
            return await self.app(scope, receive, send)
        state = self.queries.answer_state()
        if state != self.state:
            self.entries.clear()
            self.state = state
        key = (scope["path"], scope.get("query_string", b""))
        hit = self.entries.get(key)
        if hit is not None:
            self.entries.move_to_end(key)
            _, headers, body = hit
            await send({"type": "http.response.start", "status": 200, "headers": headers})
            await send({"type": "http.response.body", "body": body})
            return
        captured: dict = {"status": None, "headers": [], "body": []}

        async def capture(message):
            if message["type"] == "http.response.start":
                captured["status"], captured["headers"] = message["status"], list(message.get("headers", []))
            elif message["type"] == "http.response.body":
                captured["body"].append(message.get("body", b""))
                if not message.get("more_body") and captured["status"] == 200:
                    self.entries[key] = (state, captured["headers"], b"".join(captured["body"]))
                    while len(self.entries) > self.size:
                        self.entries.popitem(last=False)
            await send(message)

        await self.app(scope, receive, capture)


async def _send_json(send, status: int, body: dict, extra: dict | None = None) -> None:
    payload = json.dumps(body).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(payload)).encode())]
    headers += list((extra or {}).items())
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": payload})


def _types(value: str | None) -> set[str] | None:
    if not value:
        return None
    types = {t.strip().upper() for t in value.split(",") if t.strip()}
    unknown = sorted(types - set(PLOVER_TYPES))
    if unknown:
        raise HTTPException(400, f"unknown PLOVER type(s): {', '.join(unknown)}; use {', '.join(PLOVER_TYPES)}")
    return types or None


def _check_range(date_from: date | None, date_to: date | None) -> None:
    if date_from and date_to and date_from > date_to:
        raise HTTPException(400, "date_from is after date_to")


def _code(value: str | None) -> str | None:
    return value.upper() if value else None


def _warm_up(queries: Queries):
    """Lifespan: build the layer index in the background as the server starts, not on the first request."""

    @asynccontextmanager
    async def lifespan(app):
        threading.Thread(target=queries.warm, name="lagebild-index", daemon=True).start()
        yield

    return lifespan


def create_app(db: str | Path, *, token: str | None = None, static_dir: Path | None = STATIC) -> FastAPI:
    queries = Queries(db)
    app = FastAPI(
        title="lagebild",
        version=__version__,
        summary="German news as political event data: articles, actors, quotes and PLOVER/CAMEO events.",
        description="Read-only API over a lagebild store. Layers not yet run on an article are empty lists. "
                    "Errors are JSON: `{\"error\": message, \"detail\": [...]}`.",
        lifespan=_warm_up(queries),
    )
    app.state.queries = queries
    analyze_lock = threading.Lock()

    # ---- errors: JSON with a message, never a traceback
    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError):
        detail = [{"loc": [str(p) for p in e.get("loc", ())], "msg": str(e.get("msg", ""))} for e in exc.errors()]
        first = detail[0] if detail else {"loc": [], "msg": "invalid request"}
        where = ".".join(first["loc"][1:] or first["loc"])
        return JSONResponse({"error": f"invalid parameter {where}: {first['msg']}", "detail": detail}, 422)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException):
        return JSONResponse({"error": str(exc.detail)}, exc.status_code, headers=getattr(exc, "headers", None))

    @app.exception_handler(QueryError)
    async def _query(request: Request, exc: QueryError):
        return JSONResponse({"error": str(exc)}, 400)

    @app.exception_handler(Exception)
    async def _crash(request: Request, exc: Exception):
        log.exception("internal error on %s %s", request.method, request.url.path)
        return JSONResponse({"error": "internal server error"}, 500)

    # ---- routes
    async def _index_ready() -> None:
        """The first build of the layer index runs in a worker thread, not on the event loop."""
        if not queries.ready():
            await run_in_threadpool(queries.index)

    @app.get("/api/health", tags=["meta"], responses=ERRORS)
    async def health() -> dict:
        """Liveness and the size of the store."""
        return _json({"status": "ok", "version": __version__, "articles": queries.count_articles()})

    @app.get("/api/articles", tags=["articles"], response_model=Page, responses=ERRORS)
    async def list_articles(
        q: Annotated[Optional[str], Query(max_length=500, description="Full-text search (SQLite FTS5); plain "
                                                                       "words are ANDed.")] = None,
        date_from: DateFrom = None, date_to: DateTo = None, limit: Limit = 50, offset: Offset = 0,
    ) -> dict:
        """Stored articles, newest first, or the search hits by rank with a `snippet` (matches in [brackets])."""
        _check_range(date_from, date_to)
        await _index_ready()
        total, items = queries.articles(q=q, date_from=date_from, date_to=date_to, limit=limit, offset=offset)
        return _json({"total": total, "limit": limit, "offset": offset, "items": items})

    @app.get("/api/articles/{article_id}", tags=["articles"], responses=ERRORS)
    async def get_article(article_id: Annotated[str, PathParam(max_length=300)]) -> dict:
        """One article with all layers (id or unambiguous id prefix)."""
        record = queries.article(article_id)
        if record is None:
            raise HTTPException(404, f"no article with id {article_id!r}")
        return _json(record)

    @app.get("/api/actors", tags=["actors"], response_model=Page, responses=ERRORS)
    async def list_actors(
        q: Annotated[Optional[str], Query(max_length=200, description="Name contains.")] = None,
        code: Code = None,
        kind: Annotated[Optional[Literal["person", "state", "organisation", "location", "group"]], Query()] = None,
        limit: Limit = 50, offset: Offset = 0,
    ) -> dict:
        """Actors across the store (one row per identity), most mentioned first."""
        await _index_ready()
        total, items = queries.actors(q=q, code=_code(code), kind=kind, limit=limit, offset=offset)
        return _json({"total": total, "limit": limit, "offset": offset, "items": items})

    @app.get("/api/actors/{key}", tags=["actors"], responses=ERRORS)
    async def get_actor(key: Annotated[str, PathParam(max_length=300)], limit: Limit = 100) -> dict:
        """One actor (its `key` from the list): the articles naming it, its events and its quotes."""
        await _index_ready()
        actor = queries.actor(key, limit=limit)
        if actor is None:
            raise HTTPException(404, f"no actor with key {key!r}")
        return _json(actor)

    @app.get("/api/quotes", tags=["quotes"], response_model=Page, responses=ERRORS)
    async def list_quotes(
        speaker: Annotated[Optional[str], Query(max_length=200, description="Speaker text contains.")] = None,
        actor_code: Code = None,
        q: Annotated[Optional[str], Query(max_length=200, description="Message contains.")] = None,
        article: ArticleId = None, date_from: DateFrom = None, date_to: DateTo = None,
        limit: Limit = 50, offset: Offset = 0,
    ) -> dict:
        """Quotes (speaker, cue, message spans), newest article first."""
        _check_range(date_from, date_to)
        await _index_ready()
        total, items = queries.quotes(speaker=speaker, actor_code=_code(actor_code), q=q, article=article,
                                      date_from=date_from, date_to=date_to, limit=limit, offset=offset)
        return _json({"total": total, "limit": limit, "offset": offset, "items": items})

    def _filter(type, root, quad, source, target, actor_code, article, date_from, date_to, negated=False):
        _check_range(date_from, date_to)
        return EventFilter(type=_types(type), root=root, quad=quad, source=_code(source), target=_code(target),
                           actor_code=_code(actor_code), article=article, date_from=date_from, date_to=date_to,
                           include_negated=negated)

    @app.get("/api/events", tags=["events"], response_model=Page, responses=ERRORS)
    async def list_events(
        type: TypeList = None, root: Root = None, quad: Quad = None, source: Code = None, target: Code = None,
        actor_code: Code = None, article: ArticleId = None, date_from: DateFrom = None, date_to: DateTo = None,
        negated: Annotated[bool, Query(description="Include negated events.")] = False,
        limit: Limit = 50, offset: Offset = 0,
    ) -> dict:
        """Events, newest first, with `day` (event date, else publication date), `quad` and `goldstein`."""
        f = _filter(type, root, quad, source, target, actor_code, article, date_from, date_to, negated)
        await _index_ready()
        total, items = queries.events(f, limit=limit, offset=offset)
        return _json({"total": total, "limit": limit, "offset": offset, "items": items})

    @app.get("/api/timeseries", tags=["events"], responses=ERRORS)
    async def timeseries(
        interval: Annotated[Literal["day", "week", "month"], Query()] = "day",
        by: Annotated[Literal["type", "quad"], Query(description="Stack by PLOVER type or quad class.")] = "type",
        type: TypeList = None, root: Root = None, quad: Quad = None, source: Code = None, target: Code = None,
        actor_code: Code = None, date_from: DateFrom = None, date_to: DateTo = None,
    ) -> dict:
        """Events per day/week/month stacked by PLOVER type or quad class, with the mean Goldstein score."""
        f = _filter(type, root, quad, source, target, actor_code, None, date_from, date_to)
        await _index_ready()
        return _json(queries.timeseries(f, interval=interval, by=by))

    @app.get("/api/network", tags=["events"], responses=ERRORS)
    async def network(
        type: TypeList = None, root: Root = None, quad: Quad = None, actor_code: Code = None,
        date_from: DateFrom = None, date_to: DateTo = None,
        min_count: Annotated[int, Query(ge=1, le=100_000)] = 1,
        limit: Annotated[int, Query(ge=1, le=2000, description="Most edges.")] = 300,
    ) -> dict:
        """Actor-code pairs (source → target) with event counts by type and mean Goldstein."""
        f = _filter(type, root, quad, None, None, actor_code, None, date_from, date_to)
        await _index_ready()
        return _json(queries.network(f, min_count=min_count, limit=limit))

    @app.get("/api/meta", tags=["meta"], responses=ERRORS)
    async def meta() -> dict:
        """Vocabularies for filters: PLOVER types and quad classes."""
        return {"plover_types": list(PLOVER_TYPES), "quad_classes": {str(k): v for k, v in QUAD_NAMES.items()},
                "max_analyze_chars": MAX_ANALYZE_CHARS}

    @app.post("/api/analyze", tags=["analyze"], responses={**ERRORS, 413: {"model": ErrorBody}})
    def analyze(body: AnalyzeRequest) -> dict:
        """Analyse one pasted article with the default pipeline; nothing is stored."""
        import lagebild
        from lagebild.read import InputError, sniff_format
        from lagebild.structure import HtmlError

        meta = {k: v for k, v in (("url", body.url), ("title", body.title), ("published", body.published)) if v}
        # always an explicit format, so the text is never taken as the path of a file on the server
        fmt = "html" if sniff_format(body.text) == "html" else "text"
        try:
            with analyze_lock:
                article = lagebild.analyze(body.text, format=fmt, **meta)
        except InputError as exc:
            raise HTTPException(400, f"cannot analyse this input: {exc.problem}")
        except (HtmlError, RecursionError):
            raise HTTPException(400, "cannot analyse this input: markup too broken or too deeply nested")
        return _json(with_layers(article.to_dict()))

    if static_dir is not None and (static_dir / "index.html").is_file():
        app.mount("/", StaticFiles(directory=static_dir, html=True), name="dashboard")
    else:
        @app.get("/", include_in_schema=False)
        def no_dashboard() -> dict:
            return {"error": "dashboard not built: run `npm run build` in frontend/", "api": "/docs"}

    app.add_middleware(CacheMiddleware, queries=queries)
    app.add_middleware(GuardMiddleware, token=token)  # added last: runs first
    return app
