"""The SQLite store: idempotent upserts, updates, FTS5 search, failures, read-only access."""

import sqlite3

import pytest

import lagebild
from lagebild.store.sqlite import Outcome, Store, StoreError

TEXT = "Sanktionen gegen Pjöngjang\n\nDer Sicherheitsrat beschloss neue Sanktionen gegen Nordkorea. China stimmte zu."


def test_upsert_is_idempotent_and_detects_changes(tmp_path):
    db = tmp_path / "x.db"
    article = lagebild.analyze(TEXT, id="doc-1")
    with Store(db) as store:
        assert store.upsert(article, "v1") is Outcome.NEW
        assert store.upsert(article, "v1") is Outcome.UNCHANGED
        store.commit()
        changed = lagebild.analyze(TEXT + " Russland enthielt sich.", id="doc-1")
        assert store.upsert(changed, "v1") is Outcome.UPDATED
        assert store.upsert(changed, "v2") is Outcome.UPDATED  # a new pipeline version re-processes
        store.commit()
        assert store.count() == 1
        assert store.get("doc-1")["text"].endswith("Russland enthielt sich.")
    with sqlite3.connect(db) as raw:
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_full_text_search_and_prefix_lookup(tmp_path):
    with Store(tmp_path / "x.db") as store:
        store.upsert(lagebild.analyze(TEXT), "v1")
        store.upsert(lagebild.analyze("Gipfel in Rom\n\nDie Regierungschefs trafen sich in Rom."), "v1")
        store.commit()
        hits = store.search("Sanktionen Nordkorea")
        assert len(hits) == 1 and hits[0].title == "Sanktionen gegen Pjöngjang"
        assert "[Nordkorea]" in hits[0].snippet
        assert store.search("US-Außenminister") == []  # hyphenated input is not FTS syntax
        assert store.get(hits[0].id[:6])["title"] == "Sanktionen gegen Pjöngjang"
        with pytest.raises(ValueError, match="invalid search query"):
            store.search('"unbalanced')


def test_failures_table(tmp_path):
    with Store(tmp_path / "x.db") as store:
        store.record_failure("bad.txt", "empty file")
        store.commit()
        [(path, reason, at)] = store.failures()
        assert (path, reason) == ("bad.txt", "empty file") and at


def test_read_only_and_bad_database(tmp_path):
    with pytest.raises(StoreError, match="no such database"):
        Store(tmp_path / "missing.db", read_only=True)
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="cannot open"):
        Store(junk)
    with Store(tmp_path / "x.db") as store:
        store.upsert(lagebild.analyze(TEXT), "v1")
        store.commit()
    with Store(tmp_path / "x.db", read_only=True) as ro:
        assert ro.count() == 1
        with pytest.raises(sqlite3.OperationalError):
            ro.db.execute("DELETE FROM articles")
