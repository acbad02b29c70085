"""The events evaluator: matching levels, exclusions, date accuracy, the gold sets."""

from __future__ import annotations

import json

import pytest

from lagebild.evaluate.events import (
    evaluate_event_sentences,
    evaluate_events,
    max_matching,
    print_event_summary,
    score_document,
)
from tests.conftest import need_shared


def ev(type_, src=(), tgt=(), date=None, negated=False, modality="asserted", confidence=0.5):
    return {"type": type_, "source": [{"code": c} for c in src], "target": [{"code": c} for c in tgt],
            "date": date, "negated": negated, "modality": modality, "confidence": confidence}


def test_levels_and_exclusions():
    gold = [ev("THREATEN", ["USA"], ["PRK"], "2017-08-17"), ev("ACCUSE", ["USA"], ["PRK"]),
            ev("ASSAULT", ["PRK"], ["JPN"], modality="hypothetical"), ev("SUPPORT", ["USA"], negated=True)]
    pred = [ev("THREATEN", ["USA"], ["PRK"], "2017-08-17"), ev("ACCUSE", ["USA"], ["CHN"]),
            ev("REQUEST", ["USA"], ["PRK"]), ev("ASSAULT", ["PRK"], ["JPN"], modality="hypothetical")]
    d = score_document("x", gold, pred)
    assert len(d.gold) == 2 and len(d.pred) == 3  # hypothetical and negated left out on both sides
    assert len(d.matches["type"]) == 2
    assert len(d.matches["type+source"]) == 2
    assert len(d.matches["type+source+target"]) == 1


def test_matching_is_one_to_one_and_maximal():
    gold = [ev("ACCUSE", ["USA"], ["PRK"]), ev("ACCUSE", ["USA"], ["IRN"])]
    pred = [ev("ACCUSE", ["USA"], ["IRN", "PRK"]), ev("ACCUSE", ["USA"], ["PRK"])]
    assert len(max_matching(gold, pred, "type+source+target")) == 2


def test_empty_code_sets_match():
    assert len(max_matching([ev("PROTEST", [None], [])], [ev("PROTEST", [], [])], "type+source+target")) == 1


def test_report_on_a_tiny_gold_dir(tmp_path, capsys):
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    (tmp_path / "a.json").write_text(json.dumps({"doc": "a", "published": "2017-08-17", "text": "x", "events": [
        ev("THREATEN", ["USA"], ["PRK"], "2017-08-17")]}), encoding="utf-8")
    rep = evaluate_events(tmp_path, lambda text, pub: [ev("THREATEN", ["USA"], ["PRK"], "2017-08-16")])
    d = rep.as_dict()
    assert d["levels"]["type+source+target"]["f1"] == 1.0
    assert d["date"] == {"accuracy": 0.0, "correct": 0, "pairs": 1}
    assert d["per_type"]["THREATEN"]["type"]["f1"] == 1.0
    print_event_summary(rep)
    assert "type+source+target" in capsys.readouterr().out


def test_sentence_gold_scoring(tmp_path):
    f = tmp_path / "s.jsonl"
    f.write_text(json.dumps({"id": "1", "text": "t", "events": [ev("ACCUSE", ["USA"], ["PRK"])]}) + "\n" +
                 json.dumps({"id": "2", "text": "u", "events": [ev("AGREE", ["USA"])]}) + "\n", encoding="utf-8")
    rep = evaluate_event_sentences(f, lambda text, pub: [ev("ACCUSE", ["USA"])] if text == "t" else [])
    d = rep.as_dict()
    assert d["sentences"] == 2 and d["type_accuracy"] == 0.5 and d["no_event"] == 0.5


# ---------------------------------------------------------------- the shared gold sets (regression floors)


@pytest.fixture(scope="module")
def analyze_fn(analyse):
    return lambda text, published: analyse(text, published).events


def test_gold_events(analyze_fn):
    gold = need_shared("gold", "events")
    d = evaluate_events(gold, analyze_fn).as_dict()
    assert d["levels"]["type"]["f1"] >= 0.77, d["levels"]
    assert d["levels"]["type+source+target"]["f1"] >= 0.60, d["levels"]


def test_gold_event_sentences(analyze_fn):
    gold = need_shared("gold", "events-sentences", "gsr_de_dev.jsonl")
    d = evaluate_event_sentences(gold, analyze_fn).as_dict()
    assert d["type_accuracy"] >= 0.89, d
