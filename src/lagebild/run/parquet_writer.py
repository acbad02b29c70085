"""`ingest --out DIR`: the single writer for a partitioned Parquet dataset instead of SQLite.

The dataset (`DIR/articles|actors|quotes|events/year=…/month=…/part-….parquet`)
is append-only; what has been written is tracked in `DIR/_state.sqlite`
(ignored by Parquet readers: a leading underscore): the parts, the input units
done (raw hash + pipeline version) and the article ids. A commit first writes
the part files, then records them in one SQLite transaction; at start-up any
part file the state does not list (a run killed between the two) is deleted,
so a killed and resumed run holds every article exactly once.

An article whose id is already in the dataset with the same content hash is
not written again. The folder belongs to one pipeline version: a run with
another version stops with an error (write a new folder, or re-export from
the SQLite store with `lagebild export parquet`).
"""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime, timezone
from pathlib import Path

from lagebild.dedup.minhash import NearDuplicateIndex
from lagebild.export.tables import TableBuffer
from lagebild.read import ReadFailure
from lagebild.run.ingest import IngestSummary
from lagebild.run.units import Unit
from lagebild.store.sqlite import Outcome

STATE = "_state.sqlite"
SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS parts (path TEXT PRIMARY KEY, at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS inputs (name TEXT PRIMARY KEY, raw_hash TEXT NOT NULL, article_ids TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles (id TEXT PRIMARY KEY, content_hash TEXT NOT NULL, minhash BLOB);
CREATE TABLE IF NOT EXISTS duplicates (article_id TEXT PRIMARY KEY, original_id TEXT NOT NULL, similarity REAL);
CREATE TABLE IF NOT EXISTS failures (id INTEGER PRIMARY KEY AUTOINCREMENT, path TEXT, reason TEXT, at TEXT);
"""


class ParquetVersionError(RuntimeError):
    pass


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class ParquetWriter:
    def __init__(self, folder: str | Path, *, batch_size: int = 500, dedup: bool = True, **_: object):
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(self.folder / STATE)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.executescript(SCHEMA)
        self.db.commit()
        self.summary = IngestSummary(str(self.folder))
        self.batch_size = batch_size
        self.buffer = TableBuffer()
        self.pending_inputs: list[tuple] = []
        self.pending_articles: list[tuple] = []
        self.pending_dups: list[tuple] = []
        self.pending_fail: list[tuple] = []
        self.pending_ids: set[str] = set()
        self.version: str | None = None
        self.seq = int(self.db.execute("SELECT count(*) FROM parts").fetchone()[0])
        self.run = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S")
        self._remove_orphans()
        self.dedup: NearDuplicateIndex | None = None
        if dedup:
            self.dedup = NearDuplicateIndex()
            for article_id, sig in self.db.execute("SELECT id, minhash FROM articles WHERE minhash IS NOT NULL ORDER BY rowid"):
                self.dedup.add(article_id, sig)

    def _remove_orphans(self) -> None:
        known = {r[0] for r in self.db.execute("SELECT path FROM parts")}
        for path in self.folder.glob("*/**/*.parquet"):
            if str(path.relative_to(self.folder)) not in known:
                path.unlink()

    def set_version(self, version: str) -> None:
        row = self.db.execute("SELECT value FROM meta WHERE key = 'pipeline_version'").fetchone()
        if row and row[0] != version:
            raise ParquetVersionError(
                f"{self.folder} was written by pipeline version {row[0]}, this is {version}: use a new --out folder")
        self.db.execute("INSERT OR IGNORE INTO meta(key, value) VALUES ('pipeline_version', ?)", (version,))
        self.db.commit()
        self.version = version

    def skip(self, unit: Unit) -> bool:
        row = self.db.execute("SELECT raw_hash, article_ids FROM inputs WHERE name = ?", (unit.name,)).fetchone()
        if not row or row[0] != unit.raw_hash:
            return False
        self.summary.counts[Outcome.UNCHANGED] += len(json.loads(row[1]))
        return True

    def failure(self, failure: ReadFailure) -> None:
        self.summary.failures.append(failure)
        self.pending_fail.append((failure.path, failure.reason, _now()))

    def write(self, unit: Unit, results: list[tuple]) -> None:
        ids, failed = [], False
        for result in results:
            if result[0] == "failure":
                failed = True
                self.summary.failures.append(ReadFailure(result[1], result[2]))
                self.pending_fail.append((result[1], result[2], _now()))
                continue
            row = result[1]
            ids.append(row["id"])
            known = self.db.execute("SELECT content_hash FROM articles WHERE id = ?", (row["id"],)).fetchone()
            if (known and known[0] == row["content_hash"]) or row["id"] in self.pending_ids:
                self.summary.counts[Outcome.UNCHANGED] += 1
                continue
            self.summary.counts[Outcome.UPDATED if known else Outcome.NEW] += 1
            self.summary.warnings.extend((unit.name, w) for w in row.get("warnings", ()))
            duplicate_of = None
            if self.dedup is not None and row.get("minhash") is not None:
                match = self.dedup.add(row["id"], row["minhash"])
                if match:
                    duplicate_of = match[0]
                    self.pending_dups.append((row["id"], match[0], match[1]))
            self.buffer.add(row["record"], duplicate_of)
            self.pending_ids.add(row["id"])
            self.pending_articles.append((row["id"], row["content_hash"], row.get("minhash")))
        if not failed:
            self.pending_inputs.append((unit.name, unit.raw_hash, json.dumps(ids)))
        if self.buffer.records >= self.batch_size:
            self.commit()

    def commit(self, status: str | None = None) -> None:
        written = self.buffer.flush(self.folder, f"{self.run}-{self.seq:06d}") if self.buffer.records else []
        self.seq += 1
        with self.db:
            now = _now()
            self.db.executemany("INSERT OR REPLACE INTO parts(path, at) VALUES (?, ?)", [(p, now) for p in written])
            self.db.executemany("INSERT OR REPLACE INTO articles(id, content_hash, minhash) VALUES (?,?,?)",
                                self.pending_articles)
            self.db.executemany("INSERT OR REPLACE INTO inputs(name, raw_hash, article_ids) VALUES (?,?,?)",
                                self.pending_inputs)
            self.db.executemany("INSERT OR REPLACE INTO duplicates(article_id, original_id, similarity) VALUES (?,?,?)",
                                self.pending_dups)
            self.db.executemany("INSERT INTO failures(path, reason, at) VALUES (?,?,?)", self.pending_fail)
        self.pending_inputs, self.pending_articles, self.pending_dups, self.pending_fail = [], [], [], []
        self.pending_ids = set()

    def close(self, status: str = "done") -> None:
        self.commit(status)
        self.db.close()
