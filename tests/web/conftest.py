"""Fixtures for the web layer: real stores filled by the pipeline, an app, a live server."""

from __future__ import annotations

import shutil
import socket
import threading
import time
from pathlib import Path

import pytest



def pytest_configure(config):
    # starlette's TestClient still runs on httpx and says so on import
    config.addinivalue_line("filterwarnings", "ignore:.*httpx2.*")


ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT.parent / "shared" / "examples" / "tagesschau-2017-08-17.txt"


def _inputs() -> list[str]:
    paths = [str(ROOT / "examples")]
    if SEED.is_file():
        paths.append(str(SEED))
    return paths


@pytest.fixture(scope="session")
def plain_db(tmp_path_factory) -> Path:
    """The examples (and the seed article) as the pipeline stores them today, layers as they come."""
    from lagebild.pipeline import Pipeline
    from lagebild.run.ingest import ingest_paths

    db = tmp_path_factory.mktemp("web") / "plain.db"
    summary = ingest_paths(Pipeline(), _inputs(), db, progress=False)
    assert sum(summary.counts.values()) >= 8
    return db


@pytest.fixture(scope="session")
def layered_db(plain_db, tmp_path_factory) -> Path:
    """The same store, every layer from the real pipeline (entities, actors, quotes, events), for API and UI tests."""
    from lagebild.store.sqlite import Store

    db = tmp_path_factory.mktemp("web") / "layered.db"
    with Store(plain_db) as store:  # a clean copy, WAL folded in
        store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        assert sum(len(r.get("events") or []) for r in store.iter_records()) > 10
        assert sum(len(r.get("quotes") or []) for r in store.iter_records()) > 10
    shutil.copy(plain_db, db)
    return db


def _client(db, **kw):
    from fastapi.testclient import TestClient

    from lagebild.web import create_app

    return TestClient(create_app(db, **kw), raise_server_exceptions=False)


@pytest.fixture(scope="session")
def client(layered_db):
    with _client(layered_db) as c:
        yield c


@pytest.fixture(scope="session")
def plain_client(plain_db):
    with _client(plain_db) as c:
        yield c


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LiveServer:
    """uvicorn on a free loopback port in a background thread."""

    def __init__(self, db: Path, token: str | None = None):
        import uvicorn

        from lagebild.web import create_app

        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(create_app(db, token=token), host="127.0.0.1", port=self.port, log_level="warning",
                                access_log=False)
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> "LiveServer":
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the test server did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc) -> None:
        self.server.should_exit = True
        self.thread.join(10)


@pytest.fixture(scope="session")
def live_server(layered_db):
    with LiveServer(layered_db) as server:
        yield server
