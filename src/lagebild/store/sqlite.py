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

from lagebild.record import Article

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
        record = article.to_dict()
        digest = article.content_hash
        row = self.db.execute("SELECT content_hash, pipeline_version FROM articles WHERE id = ?", (article.id,)).fetchone()
        if row and row[0] == digest and row[1] == pipeline_version:
            return Outcome.UNCHANGED
        now = _now()
        values = (
            digest, pipeline_version, article.source.path, article.source.format, article.source.url,
            article.title, article.published, article.language, json.dumps(article.layers),
            json.dumps(record, ensure_ascii=False), article.text,
        )
        self._write_layers(article.id, record)
        if row:
            self.db.execute(
                """UPDATE articles SET content_hash=?, pipeline_version=?, source_path=?, source_format=?, url=?,
                   title=?, published=?, language=?, layers=?, record=?, text=?, updated_at=? WHERE id=?""",
                (*values, now, article.id),
            )
            return Outcome.UPDATED
        self.db.execute(
            """INSERT INTO articles(content_hash, pipeline_version, source_path, source_format, url, title,
               published, language, layers, record, text, first_seen, updated_at, id)
               VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)""",
            (*values, now, now, article.id),
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
        where, args = [], []
        if code:
            where.append("code = ?")
            args.append(code)
        if kind:
            where.append("kind = ?")
            args.append(kind)
        if name:
            where.append("name LIKE ?")
            args.append(f"%{name}%")
        sql = (
            "SELECT name, kind, code, sector, max(role), sum(mentions) AS m, count(DISTINCT article_id) AS n"
            " FROM actors" + (" WHERE " + " AND ".join(where) if where else "")
            + " GROUP BY coalesce(dictionary_id, name), kind, code, sector ORDER BY m DESC, name LIMIT ?"
        )
        rows = self.db.execute(sql, (*args, limit)).fetchall()
        return [dict(zip(("name", "kind", "code", "sector", "role", "mentions", "articles"), r)) for r in rows]

    def record_failure(self, path: str, reason: str) -> None:
        self.db.execute("INSERT INTO failures(path, reason, at) VALUES (?,?,?)", (path, reason, _now()))

    def clear_failures(self, path: str) -> None:
        """A path that now reads fine is no longer failing."""
        self.db.execute("DELETE FROM failures WHERE path = ?", (path,))

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
