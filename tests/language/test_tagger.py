"""Tags, lemmas and morphology (lagebild_hanta, data/tags.yaml, data/morph.yaml)."""

from __future__ import annotations

import pytest

from tests.language.conftest import token


def test_tags_pos_and_lemmas(nlp):
    doc = nlp("Die Außenminister kamen am 17. August mit den japanischen US-Außenministern zusammen.")
    kamen = token(doc, "kamen")
    assert (kamen.tag_, kamen.pos_, kamen.lemma_) == ("VVFIN", "VERB", "kommen")
    minister = token(doc, "Außenminister")
    assert (minister.tag_, minister.pos_, minister.lemma_) == ("NN", "NOUN", "Außenminister")
    us = token(doc, "US-Außenministern")
    assert (us.tag_, us.lemma_) == ("NN", "US-Außenminister")


def test_plural_dative_noun_lemma(nlp):
    t = token(nlp("Er sprach mit den Außenministern."), "Außenministern")
    assert (t.tag_, t.lemma_) == ("NN", "Außenminister")


def test_hyphenated_compounds_keep_their_prefix(nlp):
    doc = nlp("Die SPD-geführten Länder und die CDU-Politiker stimmten zu.")
    assert token(doc, "SPD-geführten").lemma_ == "SPD-geführt"
    assert token(doc, "CDU-Politiker").lemma_ == "CDU-Politiker"
    assert token(doc, "CDU-Politiker").tag_ == "NN"


def test_names_keep_their_form(nlp):
    doc = nlp("Mattis sagte, Nordkoreas Raketen bedrohten die USA.")
    mattis = token(doc, "Mattis")
    assert (mattis.tag_, mattis.pos_, mattis.lemma_) == ("NE", "PROPN", "Mattis")
    assert token(doc, "Nordkoreas").tag_ == "NE"
    assert token(doc, "Nordkoreas").lemma_ == "Nordkoreas"
    assert token(doc, "USA").lemma_ == "USA"


def test_numbers_and_punctuation_keep_their_form(nlp):
    doc = nlp("Am 17.08.2017 um 22:11 Uhr starben 2.000 Menschen.")
    for text in ("17.08.2017", "22:11", "2.000", "."):
        assert token(doc, text).lemma_ == text
    assert token(doc, "2.000").tag_ == "CARD"
    assert token(doc, ".").tag_ == "$."


def test_noun_lemmas_are_capitalised(nlp):
    doc = nlp("Die Verhandlungen über Sanktionen dauerten an.")
    assert token(doc, "Verhandlungen").lemma_ == "Verhandlung"
    assert token(doc, "Sanktionen").lemma_ == "Sanktion"


def test_standard_stts_tags(nlp):
    doc = nlp("Er hat gesagt, dass er kommen will und die neue Regierung unterstützt.")
    tags = {t.text: t.tag_ for t in doc}
    assert tags["hat"] == "VAFIN"
    assert tags["gesagt"] == "VVPP"
    assert tags["will"] == "VMFIN"
    assert tags["kommen"] == "VVINF"
    assert tags["neue"] == "ADJA"
    assert tags[","] == "$,"
    assert all("(" not in tag for tag in tags.values())


def test_typographic_quotes_are_punctuation_and_do_not_spoil_neighbours(nlp):
    doc = nlp("„Wir sind bereit“, sagte er. »Er kommt«, schrieb sie.")
    for q in ("„", "“", "»", "«"):
        t = token(doc, q)
        assert (t.tag_, t.pos_, t.lemma_) == ("$(", "PUNCT", q)
    assert token(doc, "Wir").tag_ == "PPER"
    assert token(doc, "Er").tag_ == "PPER"


def test_capital_after_opening_quote_is_not_taken_for_a_noun(nlp):
    doc = nlp("Er sagte: „Ich gebe nicht auf.“")
    assert token(doc, "Ich").tag_ == "PPER"


def test_abbreviations_get_a_tag_and_keep_their_form(nlp):
    doc = nlp("Er traf u.a. Dr. Müller.")
    assert (token(doc, "u.a.").tag_, token(doc, "u.a.").lemma_) == ("ADV", "u.a.")
    assert token(doc, "Dr.").tag_ == "NN"


def test_whitespace_tokens(nlp):
    doc = nlp("Erster Absatz.\n\nZweiter Absatz.")
    space = [t for t in doc if t.is_space][0]
    assert (space.tag_, space.pos_) == ("_SP", "SPACE")


@pytest.mark.parametrize(
    "text, word",
    [
        ("Tillerson betonte, es gebe keine Bedrohung.", "gebe"),
        ("Er sagte, die Raketen seien gefährlich.", "seien"),
        ("Sie erklärte, die USA hätten keine Pläne.", "hätten"),
        ("Er sagte, er würde kommen.", "würde"),
        ("Er sagte, Japan sei bereit.", "sei"),
        ("Sie betonte, man habe alles versucht.", "habe"),
        ("Er sagte, die Regierung werde handeln.", "werde"),
        ("Er erklärte, man könne nichts tun.", "könne"),
        ("Es hieß, Kim käme nicht.", "käme"),
    ],
)
def test_konjunktiv_is_mood_sub(nlp, text, word):
    t = token(nlp(text), word)
    assert t.morph.get("Mood") == ["Sub"]
    assert t.morph.get("VerbForm") == ["Fin"]


@pytest.mark.parametrize(
    "text, word",
    [
        ("Tillerson betonte, es gibt keine Bedrohung.", "gibt"),
        ("Tillerson betonte, es gebe keine Bedrohung.", "betonte"),
        ("Ich gebe nicht auf.", "gebe"),
        ("Heute gebe ich nicht auf.", "gebe"),
        ("Ich habe das gesagt.", "habe"),
        ("Ich stehe hier und sage die Wahrheit.", "sage"),
        ("Das ist richtig, liebe Kolleginnen und Kollegen.", "liebe"),
        ("Die Minister kamen nach Tokio.", "kamen"),
    ],
)
def test_indicative_is_not_mood_sub(nlp, text, word):
    assert token(nlp(text), word).morph.get("Mood") != ["Sub"]


def test_verb_form(nlp):
    doc = nlp("Er hat gesagt, er wolle kommen, um zu verhandeln.")
    assert token(doc, "hat").morph.get("VerbForm") == ["Fin"]
    assert token(doc, "gesagt").morph.get("VerbForm") == ["Part"]
    assert token(doc, "kommen").morph.get("VerbForm") == ["Inf"]


def test_case_after_preposition(nlp):
    doc = nlp("Tillerson sprach mit den japanischen Außenministern.")
    for word in ("den", "japanischen", "Außenministern"):
        assert token(doc, word).morph.get("Case") == ["Dat"], word


def test_case_of_determiner_phrase(nlp):
    doc = nlp("Sie gab dem Minister das Buch.")
    assert token(doc, "dem").morph.get("Case") == ["Dat"]
    assert token(doc, "Minister").morph.get("Case") == ["Dat"]
    assert set(token(doc, "Buch").morph.get("Case")) == {"Nom", "Acc"}


def test_case_of_accusative_preposition_and_pronoun(nlp):
    doc = nlp("Er stimmte für den Antrag und gegen ihn.")
    assert token(doc, "den").morph.get("Case") == ["Acc"]
    assert token(doc, "Antrag").morph.get("Case") == ["Acc"]
    assert token(doc, "ihn").morph.get("Case") == ["Acc"]


def test_case_of_genitive_attribute_is_not_the_prepositions(nlp):
    doc = nlp("Er sprach mit dem Präsidenten der USA.")
    assert token(doc, "Präsidenten").morph.get("Case") == ["Dat"]
    assert set(token(doc, "der").morph.get("Case")) == {"Nom", "Gen", "Dat"}


def test_apposition_shares_the_case(nlp):
    doc = nlp("Er traf sich mit dem Minister Mattis.")
    assert token(doc, "Mattis").morph.get("Case") == ["Dat"]


def test_no_case_without_evidence(nlp):
    doc = nlp("Minister kamen.")
    assert token(doc, "Minister").morph.get("Case") == []


@pytest.mark.parametrize(
    "text",
    ["", "   ", "\n\n", "!!!", "„“", "🙂", "Siehe https://www.example.org/ein/sehr/langer/pfad/mit/vielen/teilen/und/noch/mehr/teilen.html",
     "Donaudampfschifffahrtsgesellschaftskapitänsmützenherstellungsbetriebsratsvorsitzendenwahlergebnisse", "a" * 300,
     "Er sagte:\n\n„Nein.“\n\n\n"],
)
def test_odd_input_does_not_break(nlp, text):
    doc = nlp(text)
    assert doc.text == text
    for t in doc:
        assert t.tag_ and t.pos_ and t.lemma_ is not None
