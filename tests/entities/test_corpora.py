import gzip
import json

from lagebild.entities import corpora
from lagebild.entities.corpora import (
    NerSentence,
    germeval_gold_base,
    germeval_to_ner,
    read_europarl,
    read_germeval_tsv,
    read_smartdata,
    spans_to_iob1,
    tags_to_spans,
    to_doc,
)

from tests.entities.ner_samples import EUROPARL, GERMEVAL  # noqa: E402


def test_tags_to_spans_bio_and_iob1():
    assert tags_to_spans(["B-PER", "I-PER", "O", "B-LOC"]) == [(0, 2, "PER"), (3, 4, "LOC")]
    # IOB1: I- after O starts a chunk, B- separates adjacent chunks of one type
    assert tags_to_spans(["I-LOC", "B-LOC", "O", "I-ORG", "I-ORG", "I-PER"]) == [
        (0, 1, "LOC"), (1, 2, "LOC"), (3, 5, "ORG"), (5, 6, "PER")]
    assert spans_to_iob1(3, [(0, 1, "LOC"), (1, 3, "LOC")]) == ["I-LOC", "B-LOC", "I-LOC"]


def test_germeval_reader(tmp_path):
    p = tmp_path / "ge.tsv"
    p.write_text(GERMEVAL, encoding="utf-8")
    sents = read_germeval_tsv(p)
    assert len(sents) == 2
    assert sents[0].words[:2] == ["Angela", "Merkel"] and len(sents[0].words) == 15
    assert sents[1].inner == ["O", "O", "B-LOC"]
    # base classes for evaluation: deriv / part excluded
    assert germeval_gold_base(sents[0]) == [(0, 2, "PER"), (7, 8, "ORG"), (9, 10, "LOC"),
                                            (12, 14, "OTH")]
    ner = germeval_to_ner(sents[0])  # default: deriv/part → O, OTH → MISC
    assert ner.spans == [(0, 2, "PER"), (7, 8, "ORG"), (9, 10, "LOC"), (12, 14, "MISC")]
    assert ner.iob()[4] == "O" and ner.iob()[5] == "O"
    misc = germeval_to_ner(sents[0], derivpart="MISC")
    assert (4, 5, "MISC") in misc.spans and (5, 6, "MISC") in misc.spans
    missing = germeval_to_ner(sents[0], derivpart="missing")
    assert missing.iob()[4] is None
    # outer chunk only for training
    assert germeval_to_ner(sents[1]).spans == [(0, 3, "ORG")]


def test_europarl_reader(tmp_path):
    p = tmp_path / "ep.tsv"
    p.write_text(EUROPARL, encoding="utf-8")
    raw = read_europarl(p)
    assert raw[0].spans == [(1, 2, "PER"), (4, 5, "MISC"), (7, 8, "LOC"), (8, 9, "LOC")]
    assert raw[1].spans == [(1, 3, "ORG")]
    harm = read_europarl(p, harmonise_adjectives=True)
    assert harm[0].spans == [(1, 2, "PER"), (7, 8, "LOC"), (8, 9, "LOC")]


def _avro_doc(doc_id, text, mentions, tokens=None, sentences=None):
    return {
        "id": doc_id,
        "text": {"string": text},
        "refids": {"map": {"source": "news"}},
        "tokens": {"array": tokens} if tokens else None,
        "sentences": {"array": sentences} if sentences else None,
        "conceptMentions": {"array": [
            {"span": {"start": s, "end": e}, "type": t} for s, e, t in mentions]},
    }


def test_smartdata_reader(tmp_path):
    text = "Siemens-Chef Joe Kaeser sprach am Montag in München.\nDie Gruppe wächst."
    d1 = _avro_doc("a", text, [
        (0, 7, "organization-company"),      # "Siemens" inside "Siemens-Chef": misaligned → missing
        (13, 23, "person"),
        (34, 40, "date"),                    # not a name → O
        (44, 51, "location-city"),
        (57, 63, "organization-company"),    # generic noun → missing
    ])
    t2 = "Streik bei Verdi"
    toks = [{"span": {"start": 0, "end": 6}}, {"span": {"start": 7, "end": 10}},
            {"span": {"start": 11, "end": 16}}]
    d2 = _avro_doc("b", t2, [(11, 16, "ORGANIZATION")], tokens=toks,
                   sentences=[{"span": {"start": 0, "end": 16}}])
    d2_v1 = _avro_doc("b", t2, [(11, 16, "organization")])
    for name, docs in [("v1_x_train.json.gz", [d1, d2_v1]), ("v3_x_dev.json.gz", [d2])]:
        with gzip.open(tmp_path / name, "wt", encoding="utf-8") as fh:
            for d in docs:
                fh.write(json.dumps(d, indent=1) + "\n")
    sents = read_smartdata(tmp_path, is_common_noun=lambda w: w == "Gruppe")
    by_doc = {}
    for s in sents:
        by_doc.setdefault(s.meta["doc_id"], []).append(s)
    assert len(by_doc["a"]) == 2 and len(by_doc["b"]) == 1
    assert by_doc["b"][0].meta["version"] == "v3"
    assert by_doc["b"][0].spans == [(2, 3, "ORG")]
    s0 = by_doc["a"][0]
    assert s0.words[0] == "Siemens-Chef"
    got = {(" ".join(s0.words[a:b]), lab) for a, b, lab in s0.spans}
    assert got == {("Joe Kaeser", "PER"), ("München", "LOC")}
    assert s0.iob()[0] is None               # misaligned mention → unknown
    s1 = by_doc["a"][1]
    assert s1.spans == [] and s1.iob()[1] is None


def test_to_doc_keeps_tokens_and_missing():
    import spacy

    nlp = spacy.blank("de")
    s = NerSentence(["z.B.", "Rex", "Tillerson", "x"], [(1, 3, "PER")], [(3, 4)])
    doc = to_doc(nlp.vocab, s)
    assert [t.text for t in doc] == s.words
    assert [(e.text, e.label_) for e in doc.ents] == [("Rex Tillerson", "PER")]
    assert doc[3].ent_iob_ == "" and doc[0].ent_iob_ == "O"


def test_shared_dir_env(tmp_path, monkeypatch):
    (tmp_path / "data" / "germeval2014").mkdir(parents=True)
    monkeypatch.setenv("LAGEBILD_SHARED", str(tmp_path))
    assert corpora.shared_data_dir() == tmp_path / "data"
