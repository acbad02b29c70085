"""Every read the web API makes of the store, in one place.

Articles and actors come from their tables (`articles`, `articles_fts`,
`actors`). Quotes and events are read from the record JSON in
`articles.record` (no tables for them yet): `LayerIndex` parses the records
that carry those layers once and keeps them in memory until the database
files change. When `events`/`quotes` tables arrive, only the `LayerIndex`
loaders (and the filters below them) need to switch to SQL.

Connections are read-only (`Store(db, read_only=True)`), one per worker
thread.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
import time
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import numpy as np

from lagebild.store.sqlite import ACTOR_IDENTITY, Store, _fts_query, actor_filter
from lagebild.web.columns import EventColumns

PLOVER_TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
                "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")

QUAD_NAMES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}

# Quad class of a CAMEO root (01–05, 06–08, 09–14, 15–20) and of a PLOVER type without a CAMEO code.
_ROOT_QUAD = {**{r: 1 for r in range(1, 6)}, **{r: 2 for r in range(6, 9)},
              **{r: 3 for r in range(9, 15)}, **{r: 4 for r in range(15, 21)}}
_TYPE_QUAD = {"AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "REQUEST": 1, "CONCEDE": 2, "COOPERATE": 2, "AID": 2,
              "RETREAT": 2, "ACCUSE": 3, "REJECT": 3, "THREATEN": 3, "PROTEST": 3, "SANCTION": 4,
              "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4}
# Goldstein score of each CAMEO root: the fallback when an event carries no `goldstein` of its own.
ROOT_GOLDSTEIN = {1: 0.0, 2: 3.0, 3: 4.0, 4: 1.0, 5: 3.5, 6: 6.0, 7: 7.0, 8: 5.0, 9: -2.0, 10: -5.0, 11: -2.0,
                  12: -4.0, 13: -6.0, 14: -6.5, 15: -7.2, 16: -4.0, 17: -7.0, 18: -9.0, 19: -10.0, 20: -10.0}

LAYER_FIELDS = ("entities", "actors", "quotes", "events")


class QueryError(ValueError):
    """A request the store cannot answer as asked (bad search syntax, bad range): a 400 for clients."""


def _root(cameo: Any) -> int | None:
    if not isinstance(cameo, str) or len(cameo) < 2 or not cameo[:2].isdigit():
        return None
    root = int(cameo[:2])
    return root if 1 <= root <= 20 else None


def quad_class(event: dict) -> int | None:
    root = _root(event.get("cameo"))
    if root is not None:
        return _ROOT_QUAD[root]
    return _TYPE_QUAD.get(str(event.get("type") or "").upper())


def goldstein(event: dict) -> float | None:
    value = event.get("goldstein")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    root = _root(event.get("cameo"))
    return ROOT_GOLDSTEIN.get(root) if root is not None else None


def _day(value: Any) -> str | None:
    """YYYY-MM-DD of an ISO date or datetime, else None."""
    if isinstance(value, str) and len(value) >= 10:
        try:
            return date.fromisoformat(value[:10]).isoformat()
        except ValueError:
            return None
    return None


def _codes(parts: Any) -> list[str]:
    return [p["code"] for p in parts or [] if isinstance(p, dict) and p.get("code")]


# ---- the in-memory index of record layers ----------------------------------------------


@dataclass
class LayerIndex:
    events: list[dict] = field(default_factory=list)
    quotes: list[dict] = field(default_factory=list)
    counts: dict[str, dict[str, int]] = field(default_factory=dict)  # article id → {events, quotes}
    actors: list[tuple] | None = None  # the unfiltered actor list (one row per identity), in list order
    visible: list[dict] = field(default_factory=list)  # events that are not negated: the default view
    columns: "EventColumns | None" = None  # the events as arrays, for filters and aggregates


def _event_row(article: tuple[str, str | None, str | None], i: int, event: dict, actors: dict) -> dict:
    article_id, title, published = article
    day = _day(event.get("date")) or _day(published)
    src, tgt = _codes(event.get("source")), _codes(event.get("target"))
    actor_ids = {p.get("actor") for p in (event.get("source") or []) + (event.get("target") or [])
                 if isinstance(p, dict) and p.get("actor")}
    quad = quad_class(event)
    buckets = None
    if day:  # the day, week (its Monday) and month a timeline puts the event in
        d = date.fromisoformat(day)
        buckets = {"day": day, "week": (d - timedelta(days=d.weekday())).isoformat(), "month": day[:8] + "01"}
    return {
        **event,
        "article_id": article_id, "article_title": title, "published": published, "index": i,
        "day": day, "quad": quad, "root": _root(event.get("cameo")),
        "goldstein": goldstein(event), "source_codes": src, "target_codes": tgt,
        "actor_keys": sorted(filter(None, (actors.get(a) for a in actor_ids))),
        "type_key": str(event.get("type") or "unknown").upper(), "quad_key": QUAD_NAMES.get(quad, "unknown"),
        "buckets": buckets,
        "pairs": [(a, b) for a in dict.fromkeys(src) for b in dict.fromkeys(tgt) if a != b],  # network edges
    }


def _quote_row(article: tuple[str, str | None, str | None], i: int, quote: dict, actors: dict,
               actor_codes: dict) -> dict:
    article_id, title, published = article
    speaker = quote.get("speaker") if isinstance(quote.get("speaker"), dict) else {}
    actor_id = speaker.get("actor")
    return {
        **quote,
        "article_id": article_id, "article_title": title, "published": published, "index": i,
        "day": _day(published), "speaker_code": actor_codes.get(actor_id), "speaker_key": actors.get(actor_id),
    }


def actor_key(actor: dict) -> str:
    """One actor identity across articles: its dictionary entry, else its name."""
    return actor.get("dictionary_id") or actor.get("name") or ""


def build_index(db: sqlite3.Connection) -> LayerIndex:
    index = LayerIndex()
    rows = db.execute(
        "SELECT id, title, published, record FROM articles"
        " WHERE instr(layers, '\"events\"') OR instr(layers, '\"quotes\"') ORDER BY published, id"
    )
    for article_id, title, published, blob in rows:
        try:
            record = json.loads(blob)
        except ValueError:
            continue
        article = (article_id, title, published)
        actors = {a.get("id"): actor_key(a) for a in record.get("actors") or [] if isinstance(a, dict)}
        actor_codes = {a.get("id"): a.get("code") for a in record.get("actors") or [] if isinstance(a, dict)}
        events = [e for e in record.get("events") or [] if isinstance(e, dict)]
        quotes = [q for q in record.get("quotes") or [] if isinstance(q, dict)]
        index.events.extend(_event_row(article, i, e, actors) for i, e in enumerate(events))
        index.quotes.extend(_quote_row(article, i, q, actors, actor_codes) for i, q in enumerate(quotes))
        index.counts[article_id] = {"events": len(events), "quotes": len(quotes)}
    index.visible = [e for e in index.events if not e.get("negated")]
    index.columns = EventColumns(index.events, PLOVER_TYPES, QUAD_NAMES)
    return index


ACTOR_COLUMNS = ("key", "name", "kind", "code", "sector", "role", "mentions", "articles")


def actor_rows(db: sqlite3.Connection, cond: str = "", args: list | tuple = ()) -> list[tuple]:
    """Actors (one row per identity, `ACTOR_COLUMNS`), most mentioned first, filtered by `actor_filter`'s clause."""
    return db.execute(
        "SELECT coalesce(dictionary_id, name) AS key, max(name), kind, code, sector, max(role),"
        f" sum(mentions) AS m, count(DISTINCT article_id) FROM actors{cond} GROUP BY {ACTOR_IDENTITY}"
        " ORDER BY m DESC, key", args).fetchall()


# ---- the query object the app holds ---------------------------------------------------------


class Queries:
    """Read access to one store for many threads."""

    def __init__(self, db: str | Path, *, refresh_seconds: float = 2.0, serve_stale: bool = True):
        self.path = Path(db)
        Store(self.path, read_only=True).close()  # fail early: missing file or not a store
        self._local = threading.local()
        self._lock = threading.Lock()
        self._index: LayerIndex | None = None
        self._index_key: tuple | None = None
        self._checked = 0.0
        self._state: tuple | None = None
        self._rebuilding: threading.Thread | None = None
        self.refresh_seconds = refresh_seconds
        self.serve_stale = serve_stale

    # connections
    @property
    def db(self) -> sqlite3.Connection:
        store = getattr(self._local, "store", None)
        if store is None:
            store = Store(self.path, read_only=True)
            self._local.store = store
        return store.db

    def _files_key(self) -> tuple:
        key = []
        for suffix in ("", "-wal"):
            try:
                st = os.stat(str(self.path) + suffix)
                key.append((st.st_mtime_ns, st.st_size))
            except OSError:
                key.append(None)
        return tuple(key)

    def state(self) -> tuple:
        """A key that changes when the database files change (looked at most every `refresh_seconds`)."""
        now = time.monotonic()
        if self._state is None or now - self._checked >= self.refresh_seconds:
            self._state = self._files_key()
            self._checked = now
        return self._state

    def index(self) -> LayerIndex:
        """The layer index for the database as it is now.

        The first build blocks (callers on an event loop await `ensure_index` first). Later, when
        the database files change, the index in hand keeps serving while a background thread
        builds the new one (stale-while-revalidate): a large store never stalls the server for
        the length of a rebuild, and a change shows once its index is ready.
        """
        key = self.state()
        index = self._index
        if index is not None and key == self._index_key:
            return index
        if index is not None and self.serve_stale:
            self._rebuild_in_background()
            return index
        with self._lock:
            if self._index is None or self.state() != self._index_key:
                self._build(self.state())
            return self._index

    def answer_state(self) -> tuple:
        """What an answer depends on: the database files and the layer index in service."""
        return self.state(), self._index_key

    def ready(self) -> bool:
        """Whether `index()` answers without building (an index exists, current or being renewed)."""
        return self._index is not None and (self.serve_stale or self.state() == self._index_key)

    def _build(self, key: tuple) -> None:
        index = build_index(self.db)
        self._index, self._index_key = index, key  # readers see the old or the new index, never half of one

    def _rebuild_in_background(self) -> None:
        with self._lock:
            if self._rebuilding is not None and self._rebuilding.is_alive():
                return  # one rebuild at a time; a change during it starts the next one afterwards

            def rebuild() -> None:
                with self._lock:
                    key = self._files_key()
                    if key == self._index_key:
                        return
                try:
                    index = build_index(self.db)
                except sqlite3.Error:  # the store is mid-write or gone: keep the old index, try again later
                    return
                with self._lock:
                    self._index, self._index_key = index, key

            self._rebuilding = threading.Thread(target=rebuild, name="lagebild-index-rebuild", daemon=True)
            self._rebuilding.start()

    def warm(self) -> None:
        """Build the layer index and the actor list now (a server calls this as it starts)."""
        try:
            self.actors(q=None, code=None, kind=None, limit=1, offset=0)
        except sqlite3.Error:  # the first request will report it
            pass

    # ---- articles
    def count_articles(self) -> int:
        return self.db.execute("SELECT count(*) FROM articles").fetchone()[0]

    def articles(self, *, q: str | None, date_from: date | None, date_to: date | None, limit: int,
                 offset: int) -> tuple[int, list[dict]]:
        where, args = [], []
        if date_from:
            where.append("substr(a.published, 1, 10) >= ?")
            args.append(date_from.isoformat())
        if date_to:
            where.append("substr(a.published, 1, 10) <= ?")
            args.append(date_to.isoformat())
        cols = "a.id, a.title, a.published, a.language, a.source_path, a.layers"
        try:
            if q and q.strip():
                match = _fts_query(q)
                if not match:
                    raise QueryError("empty search query")
                cond = " AND ".join(["articles_fts MATCH ?", *where])
                base = f"FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid WHERE {cond}"
                total = self.db.execute(f"SELECT count(*) {base}", (match, *args)).fetchone()[0]
                rows = self.db.execute(
                    f"SELECT {cols}, snippet(articles_fts, 1, '[', ']', ' … ', 12) {base}"
                    " ORDER BY rank LIMIT ? OFFSET ?", (match, *args, limit, offset)).fetchall()
            else:
                cond = (" WHERE " + " AND ".join(where)) if where else ""
                total = self.db.execute(f"SELECT count(*) FROM articles a{cond}", args).fetchone()[0]
                rows = self.db.execute(
                    f"SELECT {cols}, NULL FROM articles a{cond} ORDER BY a.published DESC, a.id LIMIT ? OFFSET ?",
                    (*args, limit, offset)).fetchall()
        except sqlite3.OperationalError as exc:
            raise QueryError(f"invalid search query {q!r}: {exc}") from None
        counts = self.index().counts
        actor_counts = self._actor_counts([r[0] for r in rows])
        items = []
        for article_id, title, published, language, source, layers, snippet in rows:
            c = counts.get(article_id, {})
            item = {"id": article_id, "title": title, "published": published, "language": language,
                    "source": source, "layers": json.loads(layers),
                    "counts": {"actors": actor_counts.get(article_id, 0), "quotes": c.get("quotes", 0),
                               "events": c.get("events", 0)}}
            if snippet is not None:
                item["snippet"] = snippet
            items.append(item)
        return total, items

    def _actor_counts(self, ids: list[str]) -> dict[str, int]:
        if not ids:
            return {}
        marks = ",".join("?" * len(ids))
        return dict(self.db.execute(
            f"SELECT article_id, count(*) FROM actors WHERE article_id IN ({marks}) GROUP BY article_id", ids))

    def article(self, article_id: str) -> dict | None:
        row = self.db.execute("SELECT record FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is None and article_id:
            # an unambiguous id prefix, found on the primary key index
            rows = self.db.execute("SELECT record FROM articles WHERE id >= ? AND id < ? ORDER BY id LIMIT 2",
                                   (article_id, article_id + "\U0010ffff")).fetchall()
            row = rows[0] if len(rows) == 1 else None
        if row is None:
            return None
        return with_layers(json.loads(row[0]))

    # ---- actors
    def actors(self, *, q: str | None, code: str | None, kind: str | None, limit: int,
               offset: int) -> tuple[int, list[dict]]:
        cond, args = actor_filter(code=code, kind=kind, name=q)
        if cond:  # a filter: the actors index on code/name narrows the rows first
            rows = actor_rows(self.db, cond, args)
        else:  # the whole list: aggregated once per state of the database, like the layer index
            index = self.index()
            if index.actors is None:
                with self._lock:
                    if index.actors is None:
                        index.actors = actor_rows(self.db)
            rows = index.actors
        return len(rows), [dict(zip(ACTOR_COLUMNS, r)) for r in rows[offset:offset + limit]]

    def actor(self, key: str, *, limit: int) -> dict | None:
        rows = self.db.execute(
            "SELECT a.article_id, a.actor_id, a.name, a.kind, a.code, a.sector, a.role, a.mentions, r.title,"
            " r.published FROM actors a JOIN articles r ON r.id = a.article_id"
            " WHERE coalesce(a.dictionary_id, a.name) = ? ORDER BY r.published DESC, r.id", (key,)).fetchall()
        if not rows:
            return None
        index = self.index()
        events = [e for e in index.events if key in e["actor_keys"]]
        quotes = [q for q in index.quotes if q["speaker_key"] == key]
        first = rows[0]
        return {
            "key": key, "name": first[2], "kind": first[3], "code": first[4], "sector": first[5],
            "role": next((r[6] for r in rows if r[6]), None), "mentions": sum(r[7] for r in rows),
            "articles": [{"id": r[0], "actor_id": r[1], "name": r[2], "title": r[8], "published": r[9]}
                         for r in rows[:limit]],
            "events": [public_event(e) for e in events[-limit:][::-1]],
            "quotes": [public_quote(q) for q in quotes[-limit:][::-1]],
            "total_events": len(events), "total_quotes": len(quotes),
        }

    # ---- quotes
    def quotes(self, *, speaker: str | None, actor_code: str | None, q: str | None, article: str | None,
               date_from: date | None, date_to: date | None, limit: int, offset: int) -> tuple[int, list[dict]]:
        speaker_l, q_l = (speaker or "").lower(), (q or "").lower()
        rows = self.index().quotes
        if not (speaker_l or q_l or actor_code or article or date_from or date_to):
            return len(rows), [public_quote(r) for r in rows[::-1][offset:offset + limit]]
        hits = []
        for row in rows:
            if article and row["article_id"] != article:
                continue
            if actor_code and row["speaker_code"] != actor_code:
                continue
            if speaker_l and speaker_l not in str((row.get("speaker") or {}).get("text") or "").lower():
                continue
            if q_l and q_l not in str((row.get("message") or {}).get("text") or "").lower():
                continue
            if not _in_range(row["day"], date_from, date_to):
                continue
            hits.append(row)
        hits.reverse()  # newest first
        return len(hits), [public_quote(r) for r in hits[offset:offset + limit]]

    # ---- events
    def filter_events(self, f: "EventFilter") -> list[dict]:
        index = self.index()
        if f == EventFilter():  # the default view: every event that is not negated (shared: do not mutate)
            return index.visible
        events = index.events
        return [events[i] for i in np.flatnonzero(index.columns.mask(f))]

    def events(self, f: "EventFilter", *, limit: int, offset: int) -> tuple[int, list[dict]]:
        hits = self.filter_events(f)
        return len(hits), [public_event(e) for e in hits[::-1][offset:offset + limit]]

    def timeseries(self, f: "EventFilter", *, interval: str, by: str) -> dict:
        columns = self.index().columns
        return columns.timeseries(columns.mask(f), interval, by)

    def network(self, f: "EventFilter", *, min_count: int, limit: int) -> dict:
        columns = self.index().columns
        return columns.network(columns.mask(f), min_count, limit)


@dataclass
class EventFilter:
    type: set[str] | None = None
    root: int | None = None
    quad: int | None = None
    source: str | None = None
    target: str | None = None
    actor_code: str | None = None
    article: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    include_negated: bool = False


def _in_range(day: str | None, date_from: date | None, date_to: date | None) -> bool:
    if date_from is None and date_to is None:
        return True
    if day is None:
        return False
    if date_from and day < date_from.isoformat():
        return False
    if date_to and day > date_to.isoformat():
        return False
    return True


_PRIVATE_EVENT = ("actor_keys", "source_codes", "target_codes", "type_key", "quad_key", "buckets", "pairs")


def public_event(e: dict) -> dict:
    return {k: v for k, v in e.items() if k not in _PRIVATE_EVENT}


def public_quote(q: dict) -> dict:
    return {k: v for k, v in q.items() if k != "speaker_key"}


def with_layers(record: dict) -> dict:
    """The record with every later layer present: a layer that did not run is an empty list."""
    for name in LAYER_FIELDS:
        if not isinstance(record.get(name), list):
            record[name] = []
    record.setdefault("layers", [])
    return record

