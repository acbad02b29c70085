"""`lagebild eval language`: the language layer scored on Universal Dependencies CoNLL-U."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from lagebild.evaluate.language import evaluate_conllu, format_report, read_conllu
from tests.conftest import need_shared

# Our own two sentences in CoNLL-U (a multi-word token `zum`, `SpaceAfter=No` before punctuation).
CONLLU = """# sent_id = 1
# text = Der Minister sagte, er komme zum Treffen.
1\tDer\tder\tDET\tART\tCase=Nom\t2\tdet\t_\t_
2\tMinister\tMinister\tNOUN\tNN\tCase=Nom\t3\tnsubj\t_\t_
3\tsagte\tsagen\tVERB\tVVFIN\tMood=Ind\t0\troot\t_\tSpaceAfter=No
4\t,\t,\tPUNCT\t$,\t_\t6\tpunct\t_\t_
5\ter\ter\tPRON\tPPER\tCase=Nom\t6\tnsubj\t_\t_
6\tkomme\tkommen\tVERB\tVVFIN\tMood=Sub\t3\tccomp\t_\t_
7-8\tzum\t_\t_\t_\t_\t_\t_\t_\t_
7\tzu\tzu\tADP\tAPPR\t_\t9\tcase\t_\t_
8\tdem\tder\tDET\tART\tCase=Dat\t9\tdet\t_\t_
9\tTreffen\tTreffen\tNOUN\tNN\tCase=Dat\t6\tobl\t_\tSpaceAfter=No
10\t.\t.\tPUNCT\t$.\t_\t3\tpunct\t_\t_

# sent_id = 2
# text = Die Gespräche dauerten bis zum Abend.
1\tDie\tder\tDET\tART\tCase=Nom\t2\tdet\t_\t_
2\tGespräche\tGespräch\tNOUN\tNN\tCase=Nom\t3\tnsubj\t_\t_
3\tdauerten\tdauern\tVERB\tVVFIN\tMood=Ind\t0\troot\t_\t_
4\tbis\tbis\tADP\tAPPR\t_\t7\tcase\t_\t_
5-6\tzum\t_\t_\t_\t_\t_\t_\t_\t_
5\tzu\tzu\tADP\tAPPR\t_\t7\tcase\t_\t_
6\tdem\tder\tDET\tART\tCase=Dat\t7\tdet\t_\t_
7\tAbend\tAbend\tNOUN\tNN\tCase=Dat\t3\tobl\t_\tSpaceAfter=No
8\t.\t.\tPUNCT\t$.\t_\t3\tpunct\t_\t_

"""


@pytest.fixture
def small(tmp_path):
    path = tmp_path / "small.conllu"
    path.write_text(CONLLU, encoding="utf-8")
    return path


def test_reader_keeps_surface_words(small):
    sents = read_conllu(small)
    assert [[w.form for w in s] for s in sents] == [
        ["Der", "Minister", "sagte", ",", "er", "komme", "zum", "Treffen", "."],
        ["Die", "Gespräche", "dauerten", "bis", "zum", "Abend", "."],
    ]
    zum = sents[0][6]
    assert zum.xpos is None  # the multi-word token is not scored
    assert sents[0][2].space_after is False and sents[0][3].space_after is True
    assert sents[0][5].feats == {"Mood": {"Sub"}}


def test_scores_on_given_words(small, nlp):
    r = evaluate_conllu(small, nlp)
    assert r["sentences"] == 2 and r["words"] == 14 and r["multiword_tokens_skipped"] == 2
    assert r["xpos_is_stts"] is True
    tp = sum(m["tp"] for m in r["per_tag"].values())
    assert r["xpos_accuracy"] == round(tp / 14, 4) >= 0.85, r["per_tag"]
    # every wrong tag is one false positive of the tag given and one false negative of UD's
    assert sum(m["fp"] for m in r["per_tag"].values()) == sum(m["fn"] for m in r["per_tag"].values()) == 14 - tp
    assert r["per_tag"]["VVFIN"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0, "tp": 3, "fp": 0, "fn": 0}
    assert r["morphology"]["Mood=Sub"]["recall"] == 1.0  # komme: Konjunktiv I
    assert r["sentence_starts"]["tp"] == 1 and r["sentence_starts"]["fp"] == 0
    assert "STTS" in format_report({"small": r})


def test_other_xpos_tag_set_is_not_scored_as_stts(tmp_path, nlp):
    path = tmp_path / "penn.conllu"
    rows = [("Der", "DT"), ("Minister", "NN"), ("sagte", "VBD"), ("in", "IN"), ("Berlin", "NNP"), (".", ".")]
    path.write_text("".join(f"{i}\t{w}\t_\tX\t{t}\t_\t0\tdep\t_\t_\n" for i, (w, t) in enumerate(rows, 1)) + "\n",
                    encoding="utf-8")
    r = evaluate_conllu(path, nlp)
    assert r["xpos_is_stts"] is False and r["xpos_accuracy"] is None and r["per_tag"] == {}
    assert "n/a" in format_report({"penn": r})


def test_bad_line_names_file_and_line(tmp_path):
    path = tmp_path / "bad.conllu"
    path.write_text("1\tDer\tder\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad\.conllu:1: .*10 tab-separated columns"):
        read_conllu(path)


def test_cli_errors(tmp_path):
    from lagebild.cli import app

    runner = CliRunner()
    r = runner.invoke(app, ["eval", "language", "--conllu", str(tmp_path / "missing.conllu")])
    assert r.exit_code == 2 and "no such file" in r.output
    bad = tmp_path / "bad.conllu"
    bad.write_text("1\tDer\n", encoding="utf-8")
    r = runner.invoke(app, ["eval", "language", "--conllu", str(bad)])
    assert r.exit_code == 2 and "bad.conllu:1" in r.output


def test_ud_german_gsd_floor(nlp):
    """Regression floor: the README's numbers on UD German GSD test (checks only, nothing tuned on it)."""
    path = need_shared("data", "ud_german", "gsd", "de_gsd-ud-test.conllu")
    r = evaluate_conllu(path, nlp)
    assert r["xpos_accuracy"] >= 0.960
    assert r["upos_accuracy"] >= 0.945
    assert r["lemma_accuracy"] >= 0.968
    assert r["morphology"]["Case"]["precision"] >= 0.967
    assert r["sentence_starts"]["precision"] >= 0.996
