"""The embedded store: SQLite in WAL mode, one row per article, FTS5 over title and text.

Articles are keyed by their stable id and upserted: a record whose content
hash and pipeline version are already stored is left untouched, so re-running
an ingest writes nothing. Each batch is one transaction, so a run killed at
any point leaves only whole articles behind and a re-run completes it.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timezone
from enum import Enum
from pathlib import Path
from typing import Iterable, Iterator

from lagebild.record import Article, content_hash

SCHEMA_VERSION = 1

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles (
    id               TEXT PRIMARY KEY,
    content_hash     TEXT NOT NULL,
    pipeline_version TEXT NOT NULL,
    source_path      TEXT NOT NULL,
    source_format    TEXT NOT NULL,
    url              TEXT,
    title            TEXT,
    published        TEXT,
    language         TEXT,
    layers           TEXT NOT NULL,
    record           TEXT NOT NULL,
    text             TEXT NOT NULL,
    first_seen       TEXT NOT NULL,
    updated_at       TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS articles_published ON articles(published);
CREATE INDEX IF NOT EXISTS articles_source ON articles(source_path);
CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5(
    title, text, content='articles', content_rowid='rowid', tokenize='unicode61 remove_diacritics 0'
);
CREATE TRIGGER IF NOT EXISTS articles_ai AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
CREATE TRIGGER IF NOT EXISTS articles_ad AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
END;
CREATE TRIGGER IF NOT EXISTS articles_au AFTER UPDATE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
CREATE TABLE IF NOT EXISTS actors (
    article_id    TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    actor_id      TEXT NOT NULL,
    name          TEXT NOT NULL,
    kind          TEXT NOT NULL,
    code          TEXT,
    sector        TEXT,
    role          TEXT,
    dictionary_id TEXT,
    mentions      INTEGER NOT NULL,
    PRIMARY KEY (article_id, actor_id)
);
CREATE INDEX IF NOT EXISTS actors_code ON actors(code);
CREATE INDEX IF NOT EXISTS actors_name ON actors(name);
CREATE TABLE IF NOT EXISTS failures (
    id     INTEGER PRIMARY KEY AUTOINCREMENT,
    path   TEXT NOT NULL,
    reason TEXT NOT NULL,
    at     TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS failures_path ON failures(path);
-- corpus scale (lagebild.run): one row per input unit (a file, or one JSON Lines line) already
-- analysed, so a re-run skips unchanged input by a cheap hash of its raw bytes before analysis.
CREATE TABLE IF NOT EXISTS inputs (
    name             TEXT PRIMARY KEY,
    raw_hash         TEXT NOT NULL,
    pipeline_version TEXT NOT NULL,
    article_ids      TEXT NOT NULL,
    at               TEXT NOT NULL
);
-- one row per ingest run: what it read and how far it got (updated at every commit).
CREATE TABLE IF NOT EXISTS runs (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    inputs           TEXT NOT NULL,
    pipeline_version TEXT,
    engine           TEXT NOT NULL,
    jobs             INTEGER NOT NULL,
    status           TEXT NOT NULL,
    started          TEXT NOT NULL,
    updated          TEXT NOT NULL,
    units_done       INTEGER NOT NULL DEFAULT 0,
    units_skipped    INTEGER NOT NULL DEFAULT 0,
    articles_new     INTEGER NOT NULL DEFAULT 0,
    articles_updated INTEGER NOT NULL DEFAULT 0,
    articles_unchanged INTEGER NOT NULL DEFAULT 0,
    failed           INTEGER NOT NULL DEFAULT 0,
    resumes          INTEGER REFERENCES runs(id)
);
-- near-duplicate articles (lagebild.dedup): the copy points at the first-seen original.
CREATE TABLE IF NOT EXISTS minhashes (
    article_id TEXT PRIMARY KEY,
    signature  BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS duplicates (
    article_id  TEXT PRIMARY KEY,
    original_id TEXT NOT NULL,
    similarity  REAL NOT NULL,
    at          TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS duplicates_original ON duplicates(original_id);
"""


class Outcome(str, Enum):
    NEW = "new"
    UPDATED = "updated"
    UNCHANGED = "unchanged"


class StoreError(Exception):
    """The database file cannot be opened or is not a lagebild store."""


@dataclass(frozen=True)
class SearchHit:
    id: str
    title: str | None
    published: str | None
    snippet: str


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class Store:
    """A lagebild database. Use as a context manager or call `close()`."""

    def __init__(self, path: str | Path = "lagebild.db", *, read_only: bool = False):
        self.path = Path(path)
        try:
            if read_only:
                if not self.path.exists():
                    raise StoreError(f"{self.path}: no such database")
                self.db = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
            else:
                self.db = sqlite3.connect(self.path, check_same_thread=False)
                self.db.execute("PRAGMA journal_mode=WAL")
                self.db.execute("PRAGMA synchronous=NORMAL")
                self.db.executescript(SCHEMA)
                self.db.execute("INSERT OR IGNORE INTO meta(key, value) VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
                self.db.commit()
            self.db.execute("PRAGMA busy_timeout=10000")
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: cannot open as a lagebild database ({exc})") from exc

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.db.close()

    # ---- writing -------------------------------------------------------------------

    def upsert(self, article: Article, pipeline_version: str) -> Outcome:
        """Insert or update one article; the caller commits (see `batch`)."""
        return self.upsert_row(article_row(article), pipeline_version)

    def upsert_row(self, prepared: dict, pipeline_version: str) -> Outcome:
        """`upsert` for a row made by `article_row` (in a worker process, so the writer only writes)."""
        record, digest, article_id = prepared["record"], prepared["content_hash"], prepared["id"]
        row = self.db.execute("SELECT content_hash, pipeline_version FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row and row[0] == digest and row[1] == pipeline_version:
            return Outcome.UNCHANGED
        now = _now()
        source = record.get("source") or {}
        values = (
            digest, pipeline_version, source.get("path", ""), source.get("format", "text"), source.get("url"),
            record.get("title"), record.get("published"), record.get("language"), json.dumps(record.get("layers", [])),
            prepared.get("record_json") or json.dumps(record, ensure_ascii=False), record.get("text", ""),
        )
        self._write_layers(article_id, record)
        if row:
            self.db.execute(
                """UPDATE articles SET content_hash=?, pipeline_version=?, source_path=?, source_format=?, url=?,
                   title=?, published=?, language=?, layers=?, record=?, text=?, updated_at=? WHERE id=?""",
                (*values, now, article_id),
            )
            return Outcome.UPDATED
        self.db.execute(
            """INSERT INTO articles(content_hash, pipeline_version, source_path, source_format, url, title,
               published, language, layers, record, text, first_seen, updated_at, id)
               VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)""",
            (*values, now, now, article_id),
        )
        return Outcome.NEW

    def _write_layers(self, article_id: str, record: dict) -> None:
        """Per-layer tables for querying across articles (the record JSON stays the source of truth)."""
        self.db.execute("DELETE FROM actors WHERE article_id = ?", (article_id,))
        for a in record.get("actors") or []:
            self.db.execute(
                "INSERT INTO actors(article_id, actor_id, name, kind, code, sector, role, dictionary_id, mentions)"
                " VALUES (?,?,?,?,?,?,?,?,?)",
                (article_id, a["id"], a["name"], a["kind"], a.get("code"), a.get("sector"), a.get("role"),
                 a.get("dictionary_id"), len(a.get("mentions", []))),
            )

    def actor_summary(self, *, code: str | None = None, kind: str | None = None, name: str | None = None,
                      limit: int = 50) -> list[dict]:
        """Actors across the store: one row per actor identity with mention and article counts."""
        cond, args = actor_filter(code=code, kind=kind, name=name)
        sql = (
            "SELECT name, kind, code, sector, max(role), sum(mentions) AS m, count(DISTINCT article_id) AS n"
            " FROM actors" + cond
            + f" GROUP BY {ACTOR_IDENTITY} ORDER BY m DESC, name LIMIT ?"
        )
        rows = self.db.execute(sql, (*args, limit)).fetchall()
        return [dict(zip(("name", "kind", "code", "sector", "role", "mentions", "articles"), r)) for r in rows]

    def record_failure(self, path: str, reason: str) -> None:
        self.db.execute("INSERT INTO failures(path, reason, at) VALUES (?,?,?)", (path, reason, _now()))

    def clear_failures(self, path: str) -> None:
        """A path that now reads fine is no longer failing."""
        self.db.execute("DELETE FROM failures WHERE path = ?", (path,))

    # ---- runs, inputs, duplicates (lagebild.run, lagebild.dedup) ---------------------

    def input_state(self, name: str) -> tuple[str, str, list[str]] | None:
        """(raw hash, pipeline version, article ids) of an input unit already analysed, if any."""
        row = self.db.execute("SELECT raw_hash, pipeline_version, article_ids FROM inputs WHERE name = ?", (name,)).fetchone()
        return (row[0], row[1], json.loads(row[2])) if row else None

    def mark_input(self, name: str, raw_hash: str, pipeline_version: str, article_ids: list[str]) -> None:
        self.db.execute(
            "INSERT INTO inputs(name, raw_hash, pipeline_version, article_ids, at) VALUES (?,?,?,?,?)"
            " ON CONFLICT(name) DO UPDATE SET raw_hash=excluded.raw_hash, pipeline_version=excluded.pipeline_version,"
            " article_ids=excluded.article_ids, at=excluded.at",
            (name, raw_hash, pipeline_version, json.dumps(article_ids), _now()),
        )

    def start_run(self, inputs: list[str], engine: str, jobs: int) -> tuple[int, int | None]:
        """A new row in `runs`; returns (run id, id of the unfinished run with the same inputs it resumes)."""
        key = json.dumps(sorted(inputs))
        row = self.db.execute(
            "SELECT id FROM runs WHERE inputs = ? AND status = 'running' ORDER BY id DESC LIMIT 1", (key,)
        ).fetchone()
        now = _now()
        cur = self.db.execute(
            "INSERT INTO runs(inputs, engine, jobs, status, started, updated, resumes) VALUES (?,?,?,?,?,?,?)",
            (key, engine, jobs, "running", now, now, row[0] if row else None),
        )
        if row:
            self.db.execute("UPDATE runs SET status = 'interrupted' WHERE id = ?", (row[0],))
        self.db.commit()
        return cur.lastrowid, (row[0] if row else None)

    def update_run(self, run_id: int, *, status: str | None = None, pipeline_version: str | None = None,
                   **counts: int) -> None:
        """Progress of a run; written in the same transaction as the batch it describes."""
        sets, args = ["updated = ?"], [_now()]
        if status:
            sets.append("status = ?")
            args.append(status)
        if pipeline_version:
            sets.append("pipeline_version = ?")
            args.append(pipeline_version)
        for name, value in counts.items():
            sets.append(f"{name} = ?")
            args.append(int(value))
        self.db.execute(f"UPDATE runs SET {', '.join(sets)} WHERE id = ?", (*args, run_id))

    def runs(self) -> list[dict]:
        cur = self.db.execute("SELECT * FROM runs ORDER BY id")
        names = [d[0] for d in cur.description]
        return [dict(zip(names, r)) for r in cur.fetchall()]

    def add_minhash(self, article_id: str, signature: bytes) -> None:
        self.db.execute("INSERT OR REPLACE INTO minhashes(article_id, signature) VALUES (?, ?)", (article_id, signature))

    def iter_minhashes(self) -> Iterator[tuple[str, bytes]]:
        yield from self.db.execute("SELECT m.article_id, m.signature FROM minhashes m JOIN articles a ON a.id = m.article_id"
                                   " ORDER BY a.rowid")

    def mark_duplicate(self, article_id: str, original_id: str, similarity: float) -> None:
        self.db.execute("INSERT OR REPLACE INTO duplicates(article_id, original_id, similarity, at) VALUES (?,?,?,?)",
                        (article_id, original_id, similarity, _now()))

    def clear_duplicate(self, article_id: str) -> None:
        self.db.execute("DELETE FROM duplicates WHERE article_id = ?", (article_id,))

    def duplicates(self) -> dict[str, tuple[str, float]]:
        """copy id → (original id, estimated Jaccard similarity)."""
        return {r[0]: (r[1], r[2]) for r in self.db.execute("SELECT article_id, original_id, similarity FROM duplicates")}

    def select_records(self, *, since: str | None = None, until: str | None = None, actor: str | None = None,
                       include_duplicates: bool = False) -> Iterator[dict]:
        """Stored records for export, oldest first: `published` within [since, until] (dates or ISO
        times, compared on the date), with an actor of code `actor`, near-duplicate copies left out."""
        where, args = [], []
        if since:
            where.append("substr(a.published, 1, 10) >= ?")
            args.append(since[:10])
        if until:
            where.append("substr(a.published, 1, 10) <= ?")
            args.append(until[:10])
        if actor:
            where.append("a.id IN (SELECT article_id FROM actors WHERE code = ?)")
            args.append(actor)
        if not include_duplicates:
            where.append("a.id NOT IN (SELECT article_id FROM duplicates)")
        sql = "SELECT a.record FROM articles a" + (" WHERE " + " AND ".join(where) if where else "")
        for (record,) in self.db.execute(sql + " ORDER BY a.published, a.rowid", args):
            yield json.loads(record)

    def batch(self):
        """`with store.batch():` — one transaction, rolled back whole on error."""
        return self.db

    def commit(self) -> None:
        self.db.commit()

    # ---- reading -------------------------------------------------------------------

    def get(self, article_id: str) -> dict | None:
        row = self.db.execute("SELECT record FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is None:
            row = self.db.execute(
                "SELECT record FROM articles WHERE id LIKE ? ORDER BY id LIMIT 2", (article_id + "%",)
            ).fetchall()
            if len(row) != 1:
                return None
            row = row[0]
        return json.loads(row[0])

    def count(self) -> int:
        return self.db.execute("SELECT count(*) FROM articles").fetchone()[0]

    def ids(self) -> set[str]:
        return {r[0] for r in self.db.execute("SELECT id FROM articles")}

    def list(self, limit: int = 50, offset: int = 0) -> list[dict]:
        rows = self.db.execute(
            "SELECT id, title, published, language, source_path FROM articles ORDER BY published DESC, id LIMIT ? OFFSET ?",
            (limit, offset),
        )
        return [dict(zip(("id", "title", "published", "language", "source"), r)) for r in rows]

    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        """Full-text search (FTS5 query syntax; plain words are ANDed)."""
        try:
            rows = self.db.execute(
                """SELECT a.id, a.title, a.published, snippet(articles_fts, 1, '[', ']', ' … ', 12)
                   FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid
                   WHERE articles_fts MATCH ? ORDER BY rank LIMIT ?""",
                (_fts_query(query), limit),
            ).fetchall()
        except sqlite3.OperationalError as exc:
            raise ValueError(f"invalid search query {query!r} ({exc})") from exc
        return [SearchHit(*r) for r in rows]

    def failures(self) -> list[tuple[str, str, str]]:
        return self.db.execute("SELECT path, reason, at FROM failures ORDER BY id").fetchall()

    def iter_records(self) -> Iterator[dict]:
        for (record,) in self.db.execute("SELECT record FROM articles ORDER BY id"):
            yield json.loads(record)


def article_row(article: Article) -> dict:
    """What `Store.upsert_row` needs, computed where the article was analysed (record, hash, JSON)."""
    record = article.to_dict()
    body = {k: v for k, v in record.items() if k != "id"}
    return {"id": article.id, "record": record, "content_hash": content_hash(body),
            "record_json": json.dumps(record, ensure_ascii=False)}


ACTOR_IDENTITY = "coalesce(dictionary_id, name), kind, code, sector"


def actor_filter(*, code: str | None = None, kind: str | None = None, name: str | None = None) -> tuple[str, list]:
    """The WHERE clause (with its arguments) over the `actors` table shared by the CLI and the web API;
    `name` matches as a substring, with LIKE's wildcards in it taken literally."""
    where, args = [], []
    if code:
        where.append("code = ?")
        args.append(code)
    if kind:
        where.append("kind = ?")
        args.append(kind)
    if name:
        where.append("name LIKE ? ESCAPE '\\'")
        args.append("%" + name.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%")
    return (" WHERE " + " AND ".join(where)) if where else "", args


def _fts_query(query: str) -> str:
    """Quote each bare word so user input like `US-Außenminister` is not FTS syntax."""
    if any(op in query for op in ('"', " OR ", " AND ", " NOT ", "*", "NEAR(")):
        return query
    return " ".join(f'"{word}"' for word in query.split() if word)


def store_all(store: Store, items: Iterable[Article], pipeline_version: str) -> dict[Outcome, int]:
    counts = {o: 0 for o in Outcome}
    with store.db:
        for article in items:
            counts[store.upsert(article, pipeline_version)] += 1
    return counts
