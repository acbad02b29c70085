"""The REST API over real stores filled by the pipeline from examples/ (+ the seed article)."""

from __future__ import annotations

import time
from contextlib import contextmanager
from datetime import date

import pytest
from typer.testing import CliRunner

from tests.web.conftest import SEED, _client

LAYERS = ("entities", "actors", "quotes", "events")


def _ok(response, status=200):
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    return response.json()


def _seed_id(client) -> str:
    hits = _ok(client.get("/api/articles", params={"q": "Tillerson Pjöngjang"}))["items"]
    assert hits, "seed article not stored"
    return hits[0]["id"]


# ---- articles ------------------------------------------------------------------------------------

def test_health_and_openapi(client):
    body = _ok(client.get("/api/health"))
    assert body["status"] == "ok" and body["articles"] >= 8
    spec = _ok(client.get("/openapi.json"))
    for path in ("/api/articles", "/api/articles/{article_id}", "/api/actors", "/api/actors/{key}", "/api/quotes",
                 "/api/events", "/api/timeseries", "/api/network", "/api/analyze"):
        assert path in spec["paths"], path
    assert client.get("/docs").status_code == 200


def test_articles_paginate_without_overlap(client):
    total = _ok(client.get("/api/articles"))["total"]
    seen = []
    for offset in range(0, total, 3):
        page = _ok(client.get("/api/articles", params={"limit": 3, "offset": offset}))
        assert page["total"] == total and page["limit"] == 3 and page["offset"] == offset
        seen += [a["id"] for a in page["items"]]
    assert len(seen) == total == len(set(seen))
    dates = [a["published"] or "" for a in _ok(client.get("/api/articles", params={"limit": 500}))["items"]]
    assert dates == sorted(dates, reverse=True)


def test_article_list_has_layer_counts(client):
    items = _ok(client.get("/api/articles", params={"limit": 500}))["items"]
    assert all(set(a["counts"]) == {"actors", "quotes", "events"} for a in items)
    # the list counts every event record; /api/events leaves negated events out unless asked
    all_events = _ok(client.get("/api/events", params={"negated": "true"}))["total"]
    assert sum(a["counts"]["events"] for a in items) == all_events
    assert _ok(client.get("/api/events"))["total"] <= all_events


def test_full_text_search(client):
    body = _ok(client.get("/api/articles", params={"q": "Nordkorea"}))
    assert body["total"] >= 1
    assert all("[" in a["snippet"] for a in body["items"])
    assert _ok(client.get("/api/articles", params={"q": "US-Außenminister"}))["total"] >= 1  # hyphen is no syntax
    assert _ok(client.get("/api/articles", params={"q": "zzzqqqxxx"}))["total"] == 0


def test_bad_search_syntax_is_a_400_with_message(client):
    body = _ok(client.get("/api/articles", params={"q": '"unbalanced'}), 400)
    assert "invalid search query" in body["error"]


def test_date_filter_on_articles(client):
    body = _ok(client.get("/api/articles", params={"date_from": "2020-01-01", "date_to": "2021-12-31"}))
    assert body["total"] >= 1
    assert all("2020-01-01" <= a["published"][:10] <= "2021-12-31" for a in body["items"])


def test_one_article_with_all_layers_and_consistent_spans(client):
    record = _ok(client.get(f"/api/articles/{_seed_id(client)}"))
    text = record["text"]
    for name in LAYERS:
        assert name in record["layers"] and isinstance(record[name], list)
    assert record["events"] and record["quotes"] and record["entities"]
    def consistent(span):
        # a span in pieces (`teilte … mit`) has `parts`; its text is the pieces joined by blanks
        if "parts" in span:
            pieces = [text[p["start"]:p["end"]] if isinstance(p, dict) else text[p[0]:p[1]] for p in span["parts"]]
            return " ".join(pieces) == span["text"] and span["start"] <= min(
                p["start"] if isinstance(p, dict) else p[0] for p in span["parts"])
        return text[span["start"]:span["end"]] == span["text"]

    for e in record["entities"]:
        assert consistent(e)
    for q in record["quotes"]:
        for part in ("speaker", "cue", "message", "addressee"):
            assert q[part] is None or consistent(q[part]), q[part]
    for e in record["events"]:
        assert consistent(e["trigger"]), e["trigger"]


def test_article_by_prefix_and_unknown_id(client):
    article_id = _seed_id(client)
    assert _ok(client.get(f"/api/articles/{article_id[:8]}"))["id"] == article_id
    body = _ok(client.get("/api/articles/does-not-exist"), 404)
    assert "no article" in body["error"]


def test_missing_layers_are_empty_lists(plain_client, plain_db):
    """Records without the later layers (or with only some) must not break any endpoint."""
    items = _ok(plain_client.get("/api/articles", params={"limit": 500}))["items"]
    assert items
    for item in items:
        record = _ok(plain_client.get(f"/api/articles/{item['id']}"))
        for name in LAYERS:
            assert isinstance(record[name], list)
            if name not in record["layers"]:
                assert record[name] == []
    for path in ("/api/actors", "/api/quotes", "/api/events"):
        assert isinstance(_ok(plain_client.get(path))["items"], list)
    ts = _ok(plain_client.get("/api/timeseries", params={"by": "quad", "interval": "week"}))
    assert len(ts["buckets"]) == len(ts["total"]) == len(ts["goldstein"])
    assert set(_ok(plain_client.get("/api/network"))) == {"nodes", "edges"}


# ---- actors --------------------------------------------------------------------------------------

def test_actors_list_filters_and_detail(client):
    body = _ok(client.get("/api/actors", params={"limit": 5}))
    assert body["total"] >= 5 and len(body["items"]) == 5
    mentions = [a["mentions"] for a in body["items"]]
    assert mentions == sorted(mentions, reverse=True)
    usa = _ok(client.get("/api/actors", params={"code": "usa"}))["items"]
    assert usa and all(a["code"] == "USA" for a in usa)
    people = _ok(client.get("/api/actors", params={"kind": "person", "q": "Tiller"}))["items"]
    assert [a["name"] for a in people] == ["Rex Tillerson"]
    detail = _ok(client.get(f"/api/actors/{people[0]['key']}"))
    assert detail["code"] == "USA" and detail["articles"]
    assert detail["quotes"] and all(q["speaker"]["text"] == "Tillerson" for q in detail["quotes"])
    assert all(isinstance(detail[k], list) for k in ("events", "quotes", "articles"))
    assert _ok(client.get("/api/actors/Niemand"), 404)["error"].startswith("no actor")
    assert client.get("/api/actors", params={"kind": "planet"}).status_code == 422


# ---- quotes --------------------------------------------------------------------------------------

def test_quote_filters(client):
    everything = _ok(client.get("/api/quotes", params={"limit": 500}))
    assert everything["total"] >= 2
    by_speaker = _ok(client.get("/api/quotes", params={"speaker": "tillerson"}))["items"]
    assert by_speaker and all("Tillerson" in q["speaker"]["text"] for q in by_speaker)
    by_code = _ok(client.get("/api/quotes", params={"actor_code": "USA"}))["items"]
    assert by_code and all(q["speaker_code"] == "USA" for q in by_code)
    day = by_code[0]["published"][:10]
    dated = _ok(client.get("/api/quotes", params={"date_from": day, "date_to": day}))["items"]
    assert dated and all(q["published"][:10] == day for q in dated)
    assert _ok(client.get("/api/quotes", params={"date_from": "2100-01-01"}))["total"] == 0
    assert _ok(client.get("/api/quotes", params={"q": "Provokationen"}))["total"] >= 1


# ---- events --------------------------------------------------------------------------------------

def test_event_filters(client):
    every = _ok(client.get("/api/events", params={"limit": 500}))["items"]
    assert len(every) >= 10
    threats = _ok(client.get("/api/events", params={"type": "threaten", "limit": 500}))["items"]
    assert threats and all(e["type"] == "THREATEN" for e in threats)
    two = _ok(client.get("/api/events", params={"type": "THREATEN,ACCUSE", "limit": 500}))["total"]
    assert two == sum(e["type"] in ("THREATEN", "ACCUSE") for e in every)
    root13 = _ok(client.get("/api/events", params={"root": 13, "limit": 500}))["items"]
    assert root13 and all(e["cameo"].startswith("13") for e in root13)
    for quad in (1, 2, 3, 4):
        items = _ok(client.get("/api/events", params={"quad": quad, "limit": 500}))["items"]
        assert all(e["quad"] == quad for e in items)
    src = _ok(client.get("/api/events", params={"source": "USA", "limit": 500}))["items"]
    assert src and all(any(p["code"] == "USA" for p in e["source"]) for e in src)
    tgt = _ok(client.get("/api/events", params={"target": "PRK", "limit": 500}))["items"]
    assert tgt and all(any(p["code"] == "PRK" for p in e["target"]) for e in tgt)
    ranged = _ok(client.get("/api/events", params={"date_from": "2017-08-17", "date_to": "2017-08-17"}))["items"]
    assert ranged and all(e["day"] == "2017-08-17" for e in ranged)
    article = ranged[0]["article_id"]
    assert all(e["article_id"] == article for e in _ok(client.get("/api/events", params={"article": article}))["items"])


@pytest.mark.parametrize("params, status, words", [
    ({"limit": 0}, 422, "limit"),
    ({"limit": 501}, 422, "limit"),
    ({"offset": -1}, 422, "offset"),
    ({"date_from": "gestern"}, 422, "date_from"),
    ({"root": 21}, 422, "root"),
    ({"quad": 5}, 422, "quad"),
    ({"source": "U S A"}, 422, "source"),
    ({"type": "KISS"}, 400, "unknown PLOVER type"),
    ({"date_from": "2020-02-01", "date_to": "2020-01-01"}, 400, "date_from is after date_to"),
])
def test_bad_parameters_give_json_errors(client, params, status, words):
    body = _ok(client.get("/api/events", params=params), status)
    assert words in body["error"]
    assert "Traceback" not in str(body)


def test_timeseries_by_type_and_quad(client):
    total = _ok(client.get("/api/events", params={"limit": 1}))["total"]
    for by in ("type", "quad"):
        for interval in ("day", "week", "month"):
            ts = _ok(client.get("/api/timeseries", params={"by": by, "interval": interval}))
            n = len(ts["buckets"])
            assert all(len(v) == n for v in ts["series"].values()) and len(ts["goldstein"]) == n
            assert sum(ts["total"]) + ts["undated"] == total
            assert [sum(col) for col in zip(*ts["series"].values())] == ts["total"]
            assert all(g is None or -10 <= g <= 10 for g in ts["goldstein"])
            if interval == "week":
                assert all(date.fromisoformat(b).weekday() == 0 for b in ts["buckets"])
            if interval == "month":
                assert all(b.endswith("-01") for b in ts["buckets"])
    quad = _ok(client.get("/api/timeseries", params={"by": "quad"}))
    assert set(quad["series"]) <= {"verbal cooperation", "material cooperation", "verbal conflict",
                                   "material conflict", "unknown"}
    only = _ok(client.get("/api/timeseries", params={"type": "THREATEN"}))
    assert set(only["series"]) <= {"THREATEN"}


def test_network_counts_match_events(client):
    net = _ok(client.get("/api/network"))
    assert net["nodes"] and net["edges"]
    ids = {n["id"] for n in net["nodes"]}
    for edge in net["edges"][:5]:
        assert edge["source"] in ids and edge["target"] in ids
        assert edge["count"] == sum(edge["by_type"].values())
        events = _ok(client.get("/api/events", params={"source": edge["source"], "target": edge["target"],
                                                       "limit": 500}))
        assert events["total"] == edge["count"]
    strong = _ok(client.get("/api/network", params={"min_count": 2}))
    assert all(e["count"] >= 2 for e in strong["edges"])


# ---- analyze -------------------------------------------------------------------------------------

def test_analyze_pasted_text(client):
    text = SEED.read_text(encoding="utf-8") if SEED.is_file() else "Titel\n\nEin Absatz über Nordkorea."
    record = _ok(client.post("/api/analyze", json={"text": text}))
    assert record["title"] and record["text"]
    assert all(isinstance(record[name], list) for name in LAYERS)
    html = _ok(client.post("/api/analyze", json={"text": "<html><body><article><h1>Gipfel in Paris</h1><p>Die "
                                                          "Staats- und Regierungschefs trafen sich am Montag in "
                                                          "Paris zu Gesprächen.</p></article></body></html>"}))
    assert html["title"] == "Gipfel in Paris" and html["source"]["format"] == "html"


def test_analyze_never_reads_server_files(client):
    record = _ok(client.post("/api/analyze", json={"text": "/etc/hostname"}))
    assert record["text"] == "/etc/hostname"


def test_analyze_limits(client):
    from lagebild.web.app import MAX_ANALYZE_CHARS, MAX_BODY_BYTES

    body = _ok(client.post("/api/analyze", json={"text": "x" * (MAX_ANALYZE_CHARS + 1)}), 422)
    assert "text" in body["error"]
    assert _ok(client.post("/api/analyze", json={"text": ""}), 422)["error"]
    big = b'{"text": "' + b"x" * MAX_BODY_BYTES + b'"}'
    assert _ok(client.post("/api/analyze", content=big, headers={"content-type": "application/json"}), 413)
    assert _ok(client.post("/api/analyze", content=b"not json", headers={"content-type": "application/json"}), 422)


# ---- errors, auth, serve ------------------------------------------------------------------------

def test_internal_errors_are_json_without_internals(layered_db):
    with _client(layered_db) as c:
        def boom(*a, **k):
            raise RuntimeError("secret internals /path/to/db")

        c.app.state.queries.count_articles = boom
        response = c.get("/api/health")
        assert response.status_code == 500
        assert response.json() == {"error": "internal server error"}
        assert "secret" not in response.text and "Traceback" not in response.text


def test_token_required_when_set(layered_db):
    with _client(layered_db, token="s3cret-token") as c:
        assert _ok(c.get("/api/health"), 401)["error"]
        assert c.get("/api/health", headers={"Authorization": "Bearer wrong-token"}).status_code == 401
        assert c.get("/openapi.json").status_code == 401
        assert _ok(c.get("/api/health", headers={"Authorization": "Bearer s3cret-token"}))["status"] == "ok"
        assert c.get("/").status_code == 200  # the static page itself holds no data


def test_serve_refuses_public_host_without_token(monkeypatch, layered_db):
    from lagebild.cli import app
    from lagebild.web.server import ServeError, is_loopback, resolve_token

    monkeypatch.delenv("LAGEBILD_TOKEN", raising=False)
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.5") and not is_loopback("example.org")
    assert resolve_token("127.0.0.1", None) is None
    with pytest.raises(ServeError):
        resolve_token("0.0.0.0", None)
    assert resolve_token("0.0.0.0", "long-enough") == "long-enough"
    monkeypatch.setenv("LAGEBILD_TOKEN", "from-the-env")
    assert resolve_token("0.0.0.0", None) == "from-the-env"
    monkeypatch.delenv("LAGEBILD_TOKEN")
    result = CliRunner().invoke(app, ["serve", "--db", str(layered_db), "--host", "0.0.0.0"])
    assert result.exit_code == 2 and "token" in result.output
    result = CliRunner().invoke(app, ["serve", "--db", str(layered_db.parent / "missing.db")])
    assert result.exit_code == 2 and "no such database" in result.output


def test_store_is_opened_read_only(layered_db):
    import sqlite3

    with _client(layered_db) as c:
        c.get("/api/events")
        with pytest.raises(sqlite3.OperationalError):
            c.app.state.queries.db.execute("DELETE FROM articles")


def _total_becomes(client, url: str, want, wait: float = 30.0) -> int:
    """Polls `url` until its total satisfies `want` (the index is renewed in the background)."""
    deadline = time.monotonic() + wait
    while True:
        total = _ok(client.get(url))["total"]
        if want(total) or time.monotonic() > deadline:
            return total
        time.sleep(0.02)


@contextmanager
def _live_client(tmp_path, layered_db):
    """A client over a copy of the store that checks the database files on every request;
    yields (client, events total before any change)."""
    import shutil

    db = tmp_path / "copy.db"
    shutil.copy(layered_db, db)
    with _client(db) as c:
        c.app.state.queries.refresh_seconds = 0
        yield c, _ok(c.get("/api/events"))["total"]


def test_index_follows_new_ingests(tmp_path, layered_db):
    """The in-memory quote/event index is rebuilt when the database changes."""
    import sqlite3

    with _live_client(tmp_path, layered_db) as (c, before):
        con = sqlite3.connect(c.app.state.queries.path)
        article_id, record = con.execute(
            "SELECT id, record FROM articles ORDER BY json_array_length(record, '$.events') DESC LIMIT 1").fetchone()
        con.execute("UPDATE articles SET record = json_set(record, '$.events', json('[]')) WHERE id = ?", (article_id,))
        con.commit()
        assert _total_becomes(c, "/api/events", lambda t: t < before) < before
        con.execute("UPDATE articles SET record = ? WHERE id = ?", (record, article_id))  # a re-ingest restores it
        con.commit()
        con.close()
        assert _total_becomes(c, "/api/events", lambda t: t == before) == before


def test_rebuild_does_not_block_requests(tmp_path, layered_db, monkeypatch):
    """While the index of a changed store is being built, requests are answered from the old one."""
    import sqlite3
    import threading

    from lagebild.web import queries as queries_module

    with _live_client(tmp_path, layered_db) as (c, before):
        release = threading.Event()
        real_build = queries_module.build_index

        def slow_build(conn):
            release.wait(60)  # a rebuild that takes as long as the test wants
            return real_build(conn)

        monkeypatch.setattr(queries_module, "build_index", slow_build)
        con = sqlite3.connect(c.app.state.queries.path)
        con.execute("UPDATE articles SET record = json_set(record, '$.events', json('[]'))")
        con.commit()
        con.close()
        answered = []
        request = threading.Thread(target=lambda: answered.append(_ok(c.get("/api/events"))["total"]))
        request.start()
        request.join(30)  # deadlock guard, not a speed limit: without stale serving it waits for `release`
        stuck = request.is_alive()
        release.set()
        request.join()
        assert not stuck and answered == [before]  # the old index answered while the new one was built
        assert _total_becomes(c, "/api/events", lambda t: t == 0) == 0


def _serve_and_read_address(args: list[str]) -> tuple:
    """Start `lagebild serve` as `make run` does; return the process and the address it prints."""
    import re
    import subprocess
    import sys

    proc = subprocess.Popen([sys.executable, "-m", "lagebild.cli", "serve", *args],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    line = proc.stdout.readline()
    match = re.search(r"http://\S+/", line)
    assert match, f"no address printed: {line!r}"
    return proc, match.group(0)


@pytest.mark.parametrize("workers", [1, 2])
def test_serve_prints_a_reachable_dashboard_address(layered_db, workers):
    import httpx

    from tests.web.conftest import free_port

    proc, url = _serve_and_read_address(["--db", str(layered_db), "--port", str(free_port()),
                                         "--workers", str(workers)])
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                page = httpx.get(url, timeout=2)
                break
            except httpx.TransportError:
                assert proc.poll() is None and time.monotonic() < deadline, "server did not come up"
                time.sleep(0.2)
        assert page.status_code == 200 and "<html" in page.text.lower()
        import sqlite3

        stored = sqlite3.connect(layered_db).execute("SELECT count(*) FROM articles").fetchone()[0]
        for _ in range(4):  # each connection may land on another worker: all serve the examples
            with httpx.Client() as c:
                body = c.get(url + "api/articles?limit=100").json()
            assert body["total"] == stored >= 8 and len(body["items"]) == stored
    finally:
        proc.terminate()
        proc.wait(20)


def test_serve_reports_a_busy_port(layered_db):
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = CliRunner().invoke(app_cli(), ["serve", "--db", str(layered_db), "--port", str(port)])
    assert result.exit_code == 2 and f"cannot listen on 127.0.0.1:{port}" in result.output


def app_cli():
    from lagebild.cli import app

    return app
