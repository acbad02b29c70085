"""Sentence boundaries (lagebild_sentences, data/sentences.yaml)."""

from __future__ import annotations

import pytest


def sents(nlp, text):
    return [s.text.strip() for s in nlp(text).sents if s.text.strip()]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Er kam. Sie ging.", ["Er kam.", "Sie ging."]),
        ("Kam er? Ja! Gut.", ["Kam er?", "Ja!", "Gut."]),
        ("Er zögerte … Dann ging er.", ["Er zögerte …", "Dann ging er."]),
        ("Es waren 20 Menschen. 15 davon starben.", ["Es waren 20 Menschen.", "15 davon starben."]),
    ],
)
def test_terminal_marks(nlp, text, expected):
    assert sents(nlp, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Dr. Müller traf Prof. Schmidt in Berlin.",
        "Das Haus Nr. 5 brannte ab.",
        "Der Schaden beträgt 3 Mio. Euro.",
        "Er traf u.a. Merkel und Macron.",
        "Das Foto (re.) zeigt den Minister.",
        "Das Treffen fand am 17. August statt.",
        "Sie feierte am 17. Mai ihren 60. Geburtstag.",
        "Zum 70. Jahrestag kamen viele Gäste.",
        "Die 3. Liga spielt am 3.10. wieder.",
        "Er wurde am 17.08.2017 um 22:11 Uhr gewählt.",
    ],
)
def test_no_boundary_inside_abbreviations_and_ordinals(nlp, text):
    assert sents(nlp, text) == [text]


def test_ordinal_at_the_end_of_a_sentence(nlp):
    assert sents(nlp, "Er landete auf Platz 17. Die Mannschaft war enttäuscht.") == [
        "Er landete auf Platz 17.", "Die Mannschaft war enttäuscht."]


def test_year_at_the_end_of_a_sentence(nlp):
    assert sents(nlp, "Er kam im Jahr 2017. Merkel begrüßte ihn.") == ["Er kam im Jahr 2017.", "Merkel begrüßte ihn."]


def test_sentence_final_abbreviation(nlp):
    assert sents(nlp, "Sie kauften Brot, Milch usw. Dann gingen sie.") == [
        "Sie kauften Brot, Milch usw.", "Dann gingen sie."]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("„Wir sind bereit.“ Er ging.", ["„Wir sind bereit.“", "Er ging."]),
        ("»Wir sind bereit.« Er ging.", ["»Wir sind bereit.«", "Er ging."]),
        ('"Wir sind bereit." Er ging.', ['"Wir sind bereit."', "Er ging."]),
        ("Er ging. „Wir kommen wieder“, sagte er.", ["Er ging.", "„Wir kommen wieder“, sagte er."]),
        ("„Kommen Sie?“, fragte er.", ["„Kommen Sie?“, fragte er."]),
        ("„Kommen Sie?“ fragte er.", ["„Kommen Sie?“ fragte er."]),
        ("Er ging (und kam nie wieder.) Dann schwieg er.", ["Er ging (und kam nie wieder.)", "Dann schwieg er."]),
    ],
)
def test_quotes(nlp, text, expected):
    assert sents(nlp, text) == expected


def test_colon_before_direct_quote_does_not_end_the_sentence(nlp):
    assert sents(nlp, "Tillerson sagte: „Wir sind bereit.“ Dann ging er.") == [
        "Tillerson sagte: „Wir sind bereit.“", "Dann ging er."]
    assert sents(nlp, "Die Bilanz: Neue Zahlen zeigen einen Anstieg.") == ["Die Bilanz: Neue Zahlen zeigen einen Anstieg."]


def test_paragraph_break_always_ends_a_sentence(nlp):
    doc = nlp("USA und Japan rücken zusammen\n\nDie Außenminister trafen sich am 17. August in Washington")
    assert [s.text.strip() for s in doc.sents] == [
        "USA und Japan rücken zusammen", "Die Außenminister trafen sich am 17. August in Washington"]
    # the whitespace token stays with the sentence before it
    assert [t.is_sent_start for t in doc if t.is_space] == [False]


def test_every_token_has_a_sentence_start_value(nlp):
    doc = nlp("Er kam.\n\nSie ging. Dann war es still.")
    assert doc.has_annotation("SENT_START")
    assert doc[0].is_sent_start
    assert all(t.is_sent_start is not None for t in doc)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Er berief sich auf Art. 51 der UN-Charta.", ["Er berief sich auf Art. 51 der UN-Charta."]),
        ("Die XX. Olympischen Spiele begannen.", ["Die XX. Olympischen Spiele begannen."]),
        ("Es starb Ludwig XIV. Der Hof trauerte.", ["Es starb Ludwig XIV.", "Der Hof trauerte."]),
        ("George W. Bush kam.", ["George W. Bush kam."]),
        ("Sie wählten Plan B. Dann gingen sie.", ["Sie wählten Plan B.", "Dann gingen sie."]),
        ("Es ist eine neue Art. Die Forscher staunten.", ["Es ist eine neue Art.", "Die Forscher staunten."]),
        ("Er zögerte... Dann ging er.", ["Er zögerte...", "Dann ging er."]),
        ("Das war gut!! Wir kommen wieder.", ["Das war gut!!", "Wir kommen wieder."]),
    ],
)
def test_abbreviations_split_by_the_tokenizer(nlp, text, expected):
    assert sents(nlp, text) == expected
