"""Parallel ingest (worker processes and Dask): exact counts after SIGKILL and resume, nothing
written on a second run, skipping before analysis, a new pipeline version re-processes."""

import os
import signal
import sqlite3
import subprocess
import sys
import time

import psutil
import pytest

from lagebild.run.corpus import ingest_corpus
from lagebild.store.sqlite import Store
from tests.run.corpus_helpers import count, make_corpus, summary_row


def _ingest_cmd(corpus, db, *extra):
    return [sys.executable, "-m", "lagebild.cli", "ingest", str(corpus), "--db", str(db), "-q", "--batch-size", "20", *extra]


def _kill_part_way(cmd, db, total, *, group: bool):
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    children = []
    deadline = time.monotonic() + 120
    while count(db)[0] < 60 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.02)
        children = psutil.Process(proc.pid).children(recursive=True) if proc.poll() is None else children
    if group:
        os.killpg(proc.pid, signal.SIGKILL)  # the parent and every process it started
    else:
        proc.send_signal(signal.SIGKILL)     # the parent only: its workers must notice and exit
    proc.wait()
    stored, distinct = count(db)
    assert 0 < stored < total, f"the run must be killed part way through ({stored} of {total})"
    assert stored == distinct
    return children


@pytest.mark.parametrize("engine", ["processes", "dask"])
def test_kill_and_resume_with_two_workers(tmp_path, engine):
    corpus, db = tmp_path / "corpus", tmp_path / "t.db"
    total = make_corpus(corpus, n=600)
    cmd = _ingest_cmd(corpus, db, "--jobs", "2", "--engine", engine)
    children = _kill_part_way(cmd, db, total, group=engine == "dask")
    if engine == "processes":  # orphaned workers exit by themselves
        gone, alive = psutil.wait_procs(children, timeout=15)
        assert not alive, f"workers still running after the parent was killed: {alive}"

    rerun = subprocess.run(cmd, capture_output=True, text=True, start_new_session=True)
    assert rerun.returncode == 0, rerun.stdout + rerun.stderr
    assert count(db) == (total, total)
    new, updated, unchanged, failed = summary_row(rerun.stdout)
    assert new + unchanged == total and updated == 0 and failed == 0 and 0 < unchanged < total

    third = subprocess.run(cmd, capture_output=True, text=True, start_new_session=True)
    assert third.returncode == 0
    assert summary_row(third.stdout) == [0, 0, total, 0]
    with Store(db, read_only=True) as store:
        runs = store.runs()
    assert [r["status"] for r in runs] == ["interrupted", "done", "done"]
    assert runs[1]["resumes"] == runs[0]["id"]
    assert runs[2]["units_skipped"] == 600 + 600 and runs[2]["units_done"] == 0  # nothing analysed again
    assert runs[2]["engine"] == engine and runs[2]["jobs"] == 2


def test_second_run_writes_nothing_and_new_version_reprocesses(tmp_path):
    corpus, db = tmp_path / "corpus", tmp_path / "t.db"
    total = make_corpus(corpus, n=50)
    kw = {"factory": "tests.run.faulty:FaultyPipeline"}
    first = ingest_corpus([corpus], db=db, pipeline_kwargs=kw, jobs=2, progress=False)
    assert first.counts["new"] == total
    with sqlite3.connect(db) as con:
        before = con.execute("SELECT id, updated_at, content_hash FROM articles ORDER BY id").fetchall()
    second = ingest_corpus([corpus], db=db, pipeline_kwargs=kw, jobs=2, progress=False)
    assert dict(second.counts) == {"unchanged": total}
    with sqlite3.connect(db) as con:
        assert con.execute("SELECT id, updated_at, content_hash FROM articles ORDER BY id").fetchall() == before
        assert con.execute("SELECT units_done, units_skipped FROM runs ORDER BY id DESC").fetchone() == (0, 100)
    # a changed Pipeline.version analyses everything again
    third = ingest_corpus([corpus], db=db, pipeline_kwargs={**kw, "suffix": "-neu"}, jobs=2, progress=False)
    assert dict(third.counts) == {"updated": total}
    with sqlite3.connect(db) as con:
        assert {v for (v,) in con.execute("SELECT DISTINCT pipeline_version FROM articles")} == {
            third_version(kw)}


def third_version(kw):
    from tests.run.faulty import FaultyPipeline

    return FaultyPipeline(suffix="-neu").version


def test_changed_input_is_reanalysed(tmp_path):
    corpus, db = tmp_path / "corpus", tmp_path / "t.db"
    make_corpus(corpus, n=10)
    ingest_corpus([corpus], db=db, jobs=1, progress=False)
    (corpus / "a0003.txt").write_text("Meldung Nummer 3\n\nDer Rat vertagte die Sitzung auf Dienstag.\n", encoding="utf-8")
    again = ingest_corpus([corpus], db=db, jobs=1, progress=False)
    assert again.counts["new"] == 1 and again.counts["unchanged"] == 19  # new text → new id (hash of title+body)
