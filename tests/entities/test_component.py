"""The NER inside our Language (`lagebild.load_pipeline()`) and as the optional pipeline layer `ner`."""

from __future__ import annotations

import pytest

import lagebild
from lagebild.entities import model_available

pytestmark = pytest.mark.skipif(not model_available(), reason="no shipped NER model (make train-ner)")

TEXT = ("US-Außenminister Rex Tillerson warnte Nordkorea am Donnerstag in Washington. "
        "Der Bürgermeister Hans Brückner aus Kleinostheim reiste mit Vertretern von Siemens nach Paris.")


@pytest.fixture(scope="module")
def nlp():
    return lagebild.load_pipeline()


def test_load_pipeline_gives_ents_actors_and_displacy(nlp):
    from spacy import displacy

    assert nlp.pipe_names == ["lagebild_sentences", "lagebild_hanta", "lagebild_ner", "lagebild_actors"]
    doc = nlp.make_doc(TEXT)
    doc._.published = "2017-08-17"
    doc = nlp(doc)
    ents = {(e.text, e.label_) for e in doc.ents}
    assert {("Rex Tillerson", "PER"), ("Nordkorea", "GPE")} <= ents
    assert any(e.text == "Hans Brückner" and e.label_ == "PER" for e in doc.ents)  # unknown name: from the NER
    tillerson = next(a for a in doc._.actors if a.name == "Rex Tillerson")
    assert (tillerson.code, tillerson.sector, tillerson.role) == ("USA", "GOV", "Außenminister")
    html = displacy.render(doc, style="ent")
    assert "Rex Tillerson" in html and "GPE" in html
    assert doc[0].tag_ and doc[0].lemma_  # the language layer's tags and lemmas are there too


def test_ner_component_alone_finds_names_the_dictionary_lacks(nlp):
    doc = nlp.get_pipe("lagebild_ner")(nlp.make_doc("Die Firma Kleinmeier GmbH eröffnete in Oberursel ein Werk."))
    assert doc.ents == () or all(e.label_ in ("PER", "ORG", "LOC", "MISC") for e in doc.ents)
    doc = nlp("Angela Merkel besuchte am Montag die Stadt Dresden.")
    assert {"Angela Merkel", "Dresden"} <= {e.text for e in doc.ents}


def test_pipeline_layer_ner_is_optional():
    from lagebild.pipeline import Pipeline

    default = lagebild.analyze(TEXT, format="text", title="Nordkorea")
    assert "ner" not in default.layers
    with_ner = lagebild.analyze(TEXT, format="text", title="Nordkorea",
                                pipeline=Pipeline(layers=["structure", "language", "ner", "actors", "quotes", "events"]))
    assert with_ner.layers[:4] == ["structure", "language", "ner", "entities"]
    names = {e.text for e in with_ner.entities}
    assert "Hans Brückner" in names and "Rex Tillerson" in names
    assert Pipeline(layers=["structure", "language", "ner"]).version != Pipeline(layers=["structure", "language"]).version
