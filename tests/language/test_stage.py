"""LanguageStage: German articles get a Doc and the "language" layer; others pass through."""

from __future__ import annotations

import json

import pytest

from lagebild.language.stage import LanguageStage
from lagebild.record import Article, Source


def article(text: str, language: str, id_: str = "a1") -> Article:
    return Article(id=id_, source=Source(path="-", format="text"), language=language, title=None, text=text,
                   layers=["structure"])


@pytest.fixture(scope="module")
def stage(nlp):
    return LanguageStage(nlp=nlp)


def test_german_article_gets_doc_and_layer(stage):
    a = stage(article("Tillerson betonte, es gebe keine Bedrohung.\n\nDie Minister kamen.", "de"))
    assert a.layers == ["structure", "language"]
    assert a.doc is not None and a.doc.text == a.text
    assert len(list(a.doc.sents)) == 2


def test_layer_added_once(stage):
    a = stage(stage(article("Er kam.", "de")))
    assert a.layers.count("language") == 1


def test_english_article_is_left_untouched(stage):
    a = stage(article("Tillerson said there was no threat.", "en"))
    assert a.layers == ["structure"]
    assert a.doc is None


def test_doc_is_not_serialised(stage):
    a = stage(article("Er kam.", "de"))
    record = a.to_dict()
    assert "doc" not in record
    json.dumps(record)  # still plain JSON
    assert Article.from_dict(record).doc is None
    assert "doc=" not in repr(a)


def test_process_many_keeps_order_and_skips_other_languages(stage):
    items = [article("Er kam.", "de", "1"), article("He came.", "en", "2"), article("Sie ging. Er blieb.", "de", "3"),
             article("Il est venu.", "fr", "4")]
    out = list(stage.process_many(items, batch_size=2))
    assert [a.id for a in out] == ["1", "2", "3", "4"]
    assert [("language" in a.layers) for a in out] == [True, False, True, False]
    assert out[2].doc.text == "Sie ging. Er blieb."
    assert [t.tag_ for t in out[0].doc] == [t.tag_ for t in stage(article("Er kam.", "de")).doc]


def test_stage_name():
    assert LanguageStage.name == "language"
