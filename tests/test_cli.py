"""The command line: analyze, ingest (idempotent, bad inputs, exit codes), search, show, list, eval."""

import json
import shutil
import sqlite3

from typer.testing import CliRunner

from lagebild.cli import app
from tests.conftest import EXAMPLES, need_shared

runner = CliRunner()
GOOD = "Gipfel in Rom\n\nDie Regierungschefs der EU trafen sich am Freitag in Rom. Sie berieten über den Haushalt.\n"


def test_analyze_json_and_jsonl(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(GOOD, encoding="utf-8")
    result = runner.invoke(app, ["analyze", str(path)])
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    assert record["title"] == "Gipfel in Rom"
    assert record["layers"][:4] == ["structure", "language", "entities", "actors"]
    structure_only = runner.invoke(app, ["analyze", str(path), "--layers", "structure"])
    assert json.loads(structure_only.stdout)["layers"] == ["structure"]
    assert "actors" not in json.loads(structure_only.stdout)
    result = runner.invoke(app, ["analyze", str(EXAMPLES), "--format", "jsonl"])
    assert result.exit_code == 0
    assert len(result.stdout.strip().splitlines()) == 9


def test_analyze_pretty_and_stdin():
    result = runner.invoke(app, ["analyze", "-", "--format", "pretty"], input=GOOD)
    assert result.exit_code == 0
    assert "Gipfel in Rom" in result.stdout


def test_ingest_bad_inputs_keep_good_ones_and_existing_rows(tmp_path):
    db = tmp_path / "t.db"
    corpus = tmp_path / "corpus"
    shutil.copytree(EXAMPLES, corpus)
    assert runner.invoke(app, ["ingest", str(corpus), "--db", str(db), "-q"]).exit_code == 0
    with sqlite3.connect(db) as con:
        before = {r[0]: r[1] for r in con.execute("SELECT id, updated_at FROM articles")}
    assert len(before) == 9
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "binary.txt").write_bytes(b"\x00\xff\x00\xfe" * 100)
    (corpus / "huge.txt").write_text("Titel\n\n" + "Wort " * 400_000, encoding="utf-8")
    (corpus / "broken.jsonl").write_text('{"text": "Neu\\n\\nEin neuer Artikel."}\n{"text": \n', encoding="utf-8")
    (corpus / "noise.html").write_text("kein html", encoding="utf-8")
    result = runner.invoke(app, ["ingest", str(corpus), str(tmp_path / "missing"), "--db", str(db), "-q", "--max-size", "1"])
    assert result.exit_code == 1
    out = result.stdout
    for expected in ("empty.txt: empty file", "binary.txt: binary file", "huge.txt: file is", "broken.jsonl:2: invalid JSON",
                     "noise.html: malformed HTML", "missing: no such file or directory"):
        assert expected in out.replace("\n", "")
    with sqlite3.connect(db) as con:
        after = {r[0]: r[1] for r in con.execute("SELECT id, updated_at FROM articles")}
        failures = con.execute("SELECT count(*) FROM failures").fetchone()[0]
    assert len(after) == 10  # the good new jsonl line is stored
    assert {k: after[k] for k in before} == before  # nothing stored earlier was touched
    assert failures == 6


def test_reingest_changes_nothing(tmp_path):
    db = tmp_path / "t.db"
    first = runner.invoke(app, ["ingest", str(EXAMPLES), "--db", str(db), "-q"])
    assert first.exit_code == 0
    second = runner.invoke(app, ["ingest", str(EXAMPLES), "--db", str(db), "-q"])
    assert second.exit_code == 0
    row = [l for l in second.stdout.splitlines() if "│" in l and any(c.isdigit() for c in l)][-1]
    assert [c.strip() for c in row.strip("│ ").split("│")] == ["0", "0", "9", "0"]


def test_search_show_list(tmp_path):
    db = tmp_path / "t.db"
    runner.invoke(app, ["ingest", str(EXAMPLES), "--db", str(db), "-q"])
    result = runner.invoke(app, ["search", "Sicherheitsrat", "--db", str(db)])
    assert result.exit_code == 0 and "Sicherheitsrat" in result.stdout
    with sqlite3.connect(db) as con:
        some_id = con.execute("SELECT id FROM articles ORDER BY id LIMIT 1").fetchone()[0]
    shown = runner.invoke(app, ["show", some_id, "--db", str(db), "--format", "json"])
    assert shown.exit_code == 0 and json.loads(shown.stdout)["id"] == some_id
    assert runner.invoke(app, ["show", "does-not-exist", "--db", str(db)]).exit_code == 1
    listed = runner.invoke(app, ["list", "--db", str(db)])
    assert "9 articles" in listed.stdout
    assert runner.invoke(app, ["search", "x", "--db", str(tmp_path / "none.db")]).exit_code == 2


def test_eval_structure_prints_scores():
    gold = need_shared("gold", "structure")
    result = runner.invoke(app, ["eval", "structure", "--gold", str(gold), "--json"])
    assert result.exit_code == 0
    scores = json.loads(result.stdout)
    assert scores["documents"] == 20 and scores["boilerplate_leaks"] == 0


def test_ingest_layers_runs_only_those_and_a_fuller_run_reprocesses(tmp_path):
    db = tmp_path / "t.db"
    first = runner.invoke(app, ["ingest", str(EXAMPLES), "--db", str(db), "-q", "--jobs", "1", "--layers", "structure"])
    assert first.exit_code == 0, first.output
    con = sqlite3.connect(db)
    assert {r[0] for r in con.execute("SELECT layers FROM articles")} == {'["structure"]'}
    assert con.execute("SELECT count(*) FROM actors").fetchone()[0] == 0
    again = runner.invoke(app, ["ingest", str(EXAMPLES), "--db", str(db), "-q", "--jobs", "1", "--layers", "structure"])
    assert again.exit_code == 0
    row = [l for l in again.stdout.splitlines() if "│" in l and any(c.isdigit() for c in l)][-1]
    assert [c.strip() for c in row.strip("│ ").split("│")] == ["0", "0", "9", "0"]  # new, updated, unchanged, failed
    full = runner.invoke(app, ["ingest", str(EXAMPLES), "--db", str(db), "-q", "--jobs", "1"])
    assert full.exit_code == 0, full.output
    layers = {r[0] for r in con.execute("SELECT layers FROM articles")}
    assert all("events" in json.loads(v) for v in layers)
    bad = runner.invoke(app, ["ingest", str(EXAMPLES), "--db", str(db), "-q", "--layers", "structure,nonsense"])
    assert bad.exit_code == 2 and "nonsense" in bad.output
