import pytest
import spacy

from lagebild.evaluate.ner import evaluate_conll, evaluate_germeval, score_spans

from tests.entities.ner_samples import EUROPARL, GERMEVAL


def test_score_spans_known_values():
    gold = [[(0, 2, "PER"), (3, 4, "LOC")], [(0, 1, "ORG")]]
    pred = [[(0, 2, "PER"), (3, 4, "ORG")], [(0, 1, "ORG"), (2, 3, "LOC")]]
    r = score_spans(gold, pred)
    # tp: PER, ORG(2nd) = 2; fp: ORG(3,4), LOC(2,3) = 2; fn: LOC(3,4) = 1
    assert (r["tp"], r["fp"], r["fn"]) == (2, 2, 1)
    assert r["precision"] == pytest.approx(0.5)
    assert r["recall"] == pytest.approx(2 / 3, abs=1e-4)
    assert r["f1"] == pytest.approx(4 / 7, abs=1e-4)
    assert r["per_class"]["PER"]["f1"] == 1.0
    assert r["per_class"]["LOC"]["f1"] == 0.0
    assert r["per_class"]["ORG"]["precision"] == 0.5 and r["per_class"]["ORG"]["recall"] == 1.0


def test_partial_match_is_wrong():
    r = score_spans([[(0, 3, "ORG")]], [[(0, 2, "ORG")]])
    assert r["f1"] == 0.0 and r["fp"] == 1 and r["fn"] == 1


def _ruler_nlp():
    nlp = spacy.blank("de")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([
        {"label": "PER", "pattern": [{"ORTH": "Angela"}, {"ORTH": "Merkel"}]},
        {"label": "LOC", "pattern": "Berlin"},
        {"label": "LOC", "pattern": "deutschen"},          # deriv: not a base class → FP
        {"label": "MISC", "pattern": [{"ORTH": "Ecce"}, {"ORTH": "homo"}]},  # MISC scored as OTH
        {"label": "ORG", "pattern": "Bank"},                # partial chunk → FP + FN
        {"label": "LOC", "pattern": "Paris"},
        {"label": "PER", "pattern": "Kommission"},
    ])
    return nlp


def test_evaluate_germeval_with_ruler(tmp_path):
    p = tmp_path / "ge.tsv"
    p.write_text(GERMEVAL, encoding="utf-8")
    out = tmp_path / "pred.tsv"
    r = evaluate_germeval(p, nlp=_ruler_nlp(), write_predictions=out)
    # gold base chunks: Angela Merkel PER, Bundestag ORG, Berlin LOC, Ecce homo OTH, Bank of England ORG
    # predicted: Angela Merkel, deutschen(LOC), Berlin, Ecce homo(OTH), Bank(ORG)
    assert (r["tp"], r["fp"], r["fn"]) == (3, 2, 2)
    assert r["precision"] == pytest.approx(0.6) and r["recall"] == pytest.approx(0.6)
    assert r["per_class"]["OTH"]["f1"] == 1.0
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "1\tAngela\tB-PER\tO" and lines[1] == "2\tMerkel\tI-PER\tO"
    assert lines[12] == "13\tEcce\tB-OTH\tO"
    assert lines[15] == "" and lines[16] == "1\tBank\tB-ORG\tO"


def test_evaluate_germeval_tokens_as_given(tmp_path):
    # "z.B." and "US-Präsident" must stay single tokens
    p = tmp_path / "ge.tsv"
    p.write_text("1\tz.B.\tO\tO\n2\tUS-Präsident\tB-LOCpart\tO\n3\tBerlin\tB-LOC\tO\n\n",
                 encoding="utf-8")
    out = tmp_path / "pred.tsv"
    r = evaluate_germeval(p, nlp=_ruler_nlp(), write_predictions=out)
    assert r["f1"] == 1.0
    assert len(out.read_text().strip().splitlines()) == 3


def test_evaluate_conll_iob1(tmp_path):
    p = tmp_path / "ep.tsv"
    p.write_text(EUROPARL, encoding="utf-8")
    out = tmp_path / "pred.tsv"
    r = evaluate_conll(p, nlp=_ruler_nlp(), write_predictions=out)
    # gold: Prodi PER, europäischen MISC, Paris LOC, Berlin LOC, Europäische Kommission ORG
    # pred: Paris LOC, Berlin LOC, Kommission PER
    assert (r["tp"], r["fp"], r["fn"]) == (2, 1, 3)
    rows = [l.split("\t") for l in out.read_text().splitlines() if l]
    assert rows[7][-1] == "I-LOC" and rows[8][-1] == "B-LOC"   # adjacent LOCs in IOB1
    assert rows[0][:4] == ["Herr", "Herr", "NN", "I-NC"]
