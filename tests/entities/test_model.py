"""The shipped model (skipped when it has not been trained yet)."""

import json

from lagebild.entities import MODEL_DIR, tag_text, tag_words


def _ents(words, nlp):
    return {(" ".join(words[s:e]), lab) for s, e, lab in tag_words(words, nlp)}


def test_tillerson_is_person(ner):
    words = ("US-Außenminister Rex Tillerson traf in Washington seinen japanischen "
             "Amtskollegen Taro Kono .").split()
    ents = _ents(words, ner)
    assert ("Rex Tillerson", "PER") in ents
    assert ("Washington", "LOC") in ents


def test_countries_are_locations(ner):
    words = "Japan und Südkorea verurteilten den Raketentest von Nordkorea scharf .".split()
    ents = _ents(words, ner)
    assert ("Japan", "LOC") in ents
    assert ("Nordkorea", "LOC") in ents


def test_raw_text_and_tokens_as_given(ner):
    ents = tag_text("Bundeskanzlerin Angela Merkel sprach am Montag in Berlin mit Emmanuel Macron.", ner)
    labels = {(t, lab) for t, lab, _, _ in ents}
    assert ("Angela Merkel", "PER") in labels
    assert ("Berlin", "LOC") in labels
    words = ["z.B.", "Angela", "Merkel", "in", "Paris"]
    doc_ents = tag_words(words, ner)
    assert all(0 <= s < e <= len(words) for s, e, _ in doc_ents)


def test_existing_annotations_are_restored(ner):
    from spacy.tokens import Doc

    doc = Doc(ner.vocab, words=["Olaf", "Scholz", "reist", "nach", "Kiew", "."],
              tags=["NE", "NE", "VVFIN", "APPR", "NE", "$."])
    doc = ner(doc)
    assert [t.tag_ for t in doc] == ["NE", "NE", "VVFIN", "APPR", "NE", "$."]
    plain = ner(Doc(ner.vocab, words=["Olaf", "Scholz"]))
    assert [t.tag_ for t in plain] == ["", ""]


def test_model_files(ner):
    size = sum(p.stat().st_size for p in MODEL_DIR.rglob("*") if p.is_file())
    assert size <= 30 * 1024 * 1024
    assert not any("vectors" in p.name and p.stat().st_size > 1000 for p in MODEL_DIR.rglob("*"))
    assert set(ner.get_pipe("ner").labels) == {"PER", "LOC", "ORG", "MISC"}
    m = json.loads((MODEL_DIR / "metrics.json").read_text(encoding="utf-8"))
    assert "europarl_test" in m and "training_data" in m
