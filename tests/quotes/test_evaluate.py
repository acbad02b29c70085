"""The SpkAtt evaluator: the official proportional scorer, the assignment, the run on given tokens."""

from __future__ import annotations

import itertools
import json
import random

import pytest

from lagebild.evaluate.quotes import Group, assign, evaluate_spkatt, groups_of, score, sentence_offsets, to_abs, to_ids
from tests.conftest import need_shared


def group(msg, cue=(), source=(), addr=(), form="Indirect", stwr="Speech", nested=False):
    roles = {"Message": list(msg), "Cue": list(cue), "Source": list(source), "Addr": list(addr), "Frame": []}
    return Group(list(msg), roles, form, stwr, nested)


def test_perfect_prediction_scores_one():
    gold = {"d": [group([3, 4, 5], [1], [0]), group([10, 11], [8], [7], form="Direct")]}
    result = score(gold, {"d": [group([10, 11], [8], [7], form="Direct"), group([3, 4, 5], [1], [0])]})
    for role in ("Message", "Cue", "Source"):
        assert result[role]["f1"] == 1.0 and result[role]["exact_f1"] == 1.0


def test_proportional_overlap_is_macro_over_pairs():
    # one pair: message 2 of 3 gold tokens, one extra token; source wrong; plus one missed gold annotation
    gold = {"d": [group([3, 4, 5], [1], [0]), group([20, 21], [18], [17])]}
    pred = {"d": [group([4, 5, 6], [1], [2])]}
    result = score(gold, pred)
    # message: pair p=2/3 r=2/3, missed gold r=0 → P=2/3, R=(2/3+0)/2
    assert result["Message"]["precision"] == pytest.approx(2 / 3, abs=1e-4)
    assert result["Message"]["recall"] == pytest.approx(1 / 3, abs=1e-4)
    assert result["Cue"]["precision"] == 1.0 and result["Cue"]["recall"] == 0.5
    assert result["Source"]["precision"] == 0.0 and result["Source"]["exact_f1"] == 0.0
    # roles that are empty on both sides are not counted
    assert result["Addr"]["f1"] == 0.0 and result["Addr"]["gold"] == 0


def test_unpaired_prediction_costs_precision_only():
    gold = {"d": [group([3, 4], [1], [0])]}
    result = score(gold, {"d": [group([3, 4], [1], [0]), group([30, 31], [29], [28])]})
    assert result["Message"]["recall"] == 1.0
    assert result["Message"]["precision"] == 0.5


def test_simplified_track_ignores_nested():
    gold = {"d": [group([3, 4, 5], [1], [0]), group([4, 5], [1], [0], form="Direct", nested=True)]}
    result = score(gold, {"d": [group([3, 4, 5], [1], [0])]}, nested=False)
    assert result["Message"]["f1"] == 1.0


def _best_total(scores):
    n, m = len(scores), len(scores[0])
    if n <= m:
        return max(sum(scores[i][j] for i, j in zip(range(n), cols)) for cols in itertools.permutations(range(m), n))
    return max(sum(scores[i][j] for i, j in zip(rows, range(m))) for rows in itertools.permutations(range(n), m))


def test_assignment_is_optimal():
    rnd = random.Random(7)
    for _ in range(200):
        n, m = rnd.randint(1, 5), rnd.randint(1, 5)
        scores = [[rnd.choice([0.0, 0.0, rnd.random()]) for _ in range(m)] for _ in range(n)]
        pairs = assign(scores)
        assert len(pairs) == min(n, m)
        assert len({i for i, _ in pairs}) == len(pairs) == len({j for _, j in pairs})
        assert sum(scores[i][j] for i, j in pairs) == pytest.approx(_best_total(scores))


def test_token_id_conversion_roundtrip():
    sentences = [{"SentenceId": 0, "Tokens": ["a", "b", "c"]}, {"SentenceId": 1, "Tokens": ["d", "e"]}]
    offs = sentence_offsets(sentences)
    ids = ["1:1", "0:2", "1:0", "0:2"]
    absolute = to_abs(ids, offs)
    assert absolute == [2, 3, 4]
    assert to_ids(absolute, offs) == ["0:2", "1:0", "1:1"]


def _doc(tokens_per_sentence, annotations):
    return {"Annotations": annotations, "DocumentName": "test",
            "Sentences": [{"SentenceId": k, "Tokens": toks} for k, toks in enumerate(tokens_per_sentence)]}


def test_evaluate_on_given_tokens_writes_same_format(tmp_path):
    sentences = [["„", "Wir", "sind", "bereit", "“", ",", "sagte", "die", "Ministerin", "."],
                 ["Die", "Polizei", "teilte", "mit", ",", "der", "Mann", "sei", "festgenommen", "worden", "."]]
    gold = [
        {"Addr": [], "Cue": ["0:6"], "Form": "Direct", "Frame": [], "HasNested": False, "IsNested": False,
         "Message": [f"0:{i}" for i in range(0, 5)], "STWR": "Speech", "Source": ["0:7", "0:8"]},
        {"Addr": [], "Cue": ["1:2", "1:3"], "Form": "Indirect", "Frame": [], "HasNested": False, "IsNested": False,
         "Message": [f"1:{i}" for i in range(5, 10)], "STWR": "SW", "Source": ["1:0", "1:1"]},
    ]
    src = tmp_path / "gold"
    src.mkdir()
    (src / "doc one.json").write_text(json.dumps(_doc(sentences, gold), ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "pred"
    report = evaluate_spkatt(src, write_predictions=out)
    written = json.loads((out / "doc one.json").read_text(encoding="utf-8"))
    assert written["Sentences"] == _doc(sentences, [])["Sentences"]
    for ann in written["Annotations"]:
        assert set(ann) >= {"Addr", "Cue", "Form", "Frame", "HasNested", "IsNested", "Message", "STWR", "Source"}
        for ident in ann["Message"] + ann["Cue"] + ann["Source"]:
            s, t = map(int, ident.split(":"))
            assert 0 <= t < len(sentences[s])
    for role in ("Message", "Cue", "Source"):
        assert report.full[role]["f1"] == 1.0, report.render()
    assert "cue" in report.render()


def test_task1_files_are_paired_on_cues(tmp_path):
    sentences = [["Der", "Minister", "sagte", ",", "die", "Lage", "sei", "ernst", "."]]
    gold = [{"Addr": [], "Evidence": [], "Medium": [], "Message": ["0:4", "0:5", "0:6", "0:7"], "Source": ["0:0", "0:1"],
             "Topic": [], "Cue": ["0:2"], "PTC": []}]
    src = tmp_path / "t1"
    src.mkdir()
    (src / "speech.json").write_text(json.dumps({"Sentences": _doc(sentences, [])["Sentences"], "Annotations": gold}),
                                     encoding="utf-8")
    report = evaluate_spkatt(src)
    assert report.task.startswith("task 1") and report.anchor == "Cue"
    assert report.full["Cue"]["f1"] == 1.0 and report.full["Source"]["f1"] == 1.0


def test_groups_merge_particle_into_cue():
    doc = {"Sentences": [{"SentenceId": 0, "Tokens": ["Er", "lehnt", "das", "ab", "."]}],
           "Annotations": [{"Cue": ["0:1"], "PTC": ["0:3"], "Source": ["0:0"], "Message": [], "Addr": []}]}
    (g,) = groups_of(doc)
    assert g.roles["Cue"] == [1, 3]


def test_spkatt_task2_regression():
    """The README's numbers (3 decimals) on all of task 2 train are a floor (evaluation only: NC data)."""
    path = need_shared("data", "spkatt2023_task2_wikinews", "train")
    report = evaluate_spkatt(path)
    assert report.full["Message"]["f1"] >= 0.8085, report.render()
    assert report.full["Cue"]["f1"] >= 0.8015, report.render()
    assert report.full["Source"]["f1"] >= 0.7045, report.render()
