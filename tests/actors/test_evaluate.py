"""`lagebild eval actors`: actor codes scored on the coded participants of the event gold."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from lagebild.evaluate.actors import evaluate_actors, format_report, gold_participants
from tests.conftest import need_shared

TEXT = "Treffen in Berlin\n\nDer französische Außenminister traf am Montag Bundeskanzlerin Angela Merkel in Berlin.\n"
EVENT = {"type": "CONSULT", "sentence": "Der französische Außenminister traf am Montag Bundeskanzlerin Angela Merkel in Berlin.",
         "source": [{"text": "Der französische Außenminister", "code": "FRA", "sector": "GOV"}],
         "target": [{"text": "Angela Merkel", "code": "DEU", "sector": "GOV"},
                    {"text": "Niemand", "code": "XXX", "sector": None}]}


def test_participants_are_located_in_their_sentence():
    text = "Merkel reiste ab. Später traf Merkel den Minister."
    events = [{"sentence": "Später traf Merkel den Minister.", "source": [{"text": "Merkel", "code": "DEU"}],
               "target": [{"text": "den Minister", "code": None}]}]
    spans, lost = gold_participants(text, events)
    assert spans == [(30, 36, "DEU", None)] and lost == 0  # the second Merkel; uncoded participants left out


def test_scores_on_our_own_gold(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "a.json").write_text(json.dumps({"published": "2017-08-17", "events": [EVENT]}), encoding="utf-8")
    r = evaluate_actors(tmp_path)
    assert r["participants"] == 2 and r["unlocated"] == 1  # "Niemand" is not in the sentence
    assert r["code"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0, "covered": 2, "gold": 2}
    assert r["code+sector"]["f1"] == 1.0
    assert "code+sector" in format_report(r, show_misses=True)


def test_wrong_code_is_a_miss(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    wrong = dict(EVENT, source=[{"text": "Der französische Außenminister", "code": "ITA", "sector": "GOV"}])
    (tmp_path / "a.json").write_text(json.dumps({"published": "2017-08-17", "events": [wrong]}), encoding="utf-8")
    r = evaluate_actors(tmp_path)
    assert r["code"]["precision"] == 0.5 and r["code"]["recall"] == 0.5
    assert r["misses"] == [{"doc": "a", "text": "Der französische Außenminister", "gold": "ITA", "ours": ["FRA"]}]


def test_cli_needs_a_folder(tmp_path):
    from lagebild.cli import app

    r = CliRunner().invoke(app, ["eval", "actors", "--gold", str(tmp_path / "nope")])
    assert r.exit_code == 2 and "not a folder" in r.output


def test_event_gold_floor():
    """Regression floor: the README's numbers on the event gold's coded participants."""
    r = evaluate_actors(need_shared("gold", "events"))
    assert r["code"]["f1"] >= 0.6825 and r["code"]["precision"] >= 0.7635  # README: .683, .764
    assert r["code+sector"]["f1"] >= 0.5855  # README: .586
