"""An ingest killed with SIGKILL half way and started again stores every article exactly once."""

import json
import signal
import sqlite3
import subprocess
import sys
import time

N = 400


def make_corpus(folder):
    folder.mkdir()
    for i in range(N):
        (folder / f"a{i:04d}.txt").write_text(
            f"Meldung Nummer {i}\n\nIn der Stadt {i} trafen sich am Montag die Vertreter von {i % 7} Parteien. "
            f"Sie berieten über den Haushalt des Jahres {2000 + i % 20}.\n", encoding="utf-8")
    with (folder / "feed.jsonl").open("w", encoding="utf-8") as fh:
        for i in range(N):
            fh.write(json.dumps({"id": f"feed-{i}", "title": f"Feed {i}", "text": f"Absatz {i} des Feeds."}) + "\n")


def count(db):
    try:
        with sqlite3.connect(db, timeout=5) as con:
            return con.execute("SELECT count(*), count(DISTINCT id) FROM articles").fetchone()
    except sqlite3.OperationalError:
        return (0, 0)


def test_kill_and_resume(tmp_path):
    corpus, db = tmp_path / "corpus", tmp_path / "t.db"
    make_corpus(corpus)
    cmd = [sys.executable, "-m", "lagebild.cli", "ingest", str(corpus), "--db", str(db), "-q", "--batch-size", "25"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while count(db)[0] < 50 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    stored, distinct = count(db)
    assert 0 < stored < 2 * N, "the run must be killed part way through"
    assert stored == distinct

    rerun = subprocess.run(cmd, capture_output=True, text=True)
    assert rerun.returncode == 0, rerun.stdout + rerun.stderr
    assert count(db) == (2 * N, 2 * N)
    third = subprocess.run(cmd, capture_output=True, text=True)
    assert third.returncode == 0
    digits = [l for l in third.stdout.splitlines() if "│" in l and any(c.isdigit() for c in l)][-1]
    assert [c.strip() for c in digits.strip("│ ").split("│")] == ["0", "0", str(2 * N), "0"]
