"""Tokenizer: spaCy's German rules plus data/tokenizer.yaml."""

from __future__ import annotations

import pytest


def words(nlp, text):
    return [t.text for t in nlp.make_doc(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Das Foto (re.) zeigt ihn.", ["Das", "Foto", "(", "re.", ")", "zeigt", "ihn", "."]),
        ("Er traf u.a. Merkel.", ["Er", "traf", "u.a.", "Merkel", "."]),
        ("U.a. kam Merkel.", ["U.a.", "kam", "Merkel", "."]),
        ("Es kostet 3 Mio. Euro.", ["Es", "kostet", "3", "Mio.", "Euro", "."]),
        ("Dr. Müller und Prof. Schmidt", ["Dr.", "Müller", "und", "Prof.", "Schmidt"]),
        ("am 17.08.2017 um 22:11 Uhr", ["am", "17.08.2017", "um", "22:11", "Uhr"]),
        ("am 17. August", ["am", "17.", "August"]),
        ("der US-Außenminister kam", ["der", "US-Außenminister", "kam"]),
        ("Verteidigungs- und Außenminister", ["Verteidigungs-", "und", "Außenminister"]),
        ("2.000 Menschen, 1,5 Prozent", ["2.000", "Menschen", ",", "1,5", "Prozent"]),
    ],
)
def test_tokens(nlp, text, expected):
    assert words(nlp, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("„Wir sind bereit.“ Er ging.", ["„", "Wir", "sind", "bereit", ".", "“", "Er", "ging", "."]),
        ('"Ja", sagte er.', ['"', "Ja", '"', ",", "sagte", "er", "."]),
        ("»Nein«, sagte sie.", ["»", "Nein", "«", ",", "sagte", "sie", "."]),
        ("‚Gut‘ meinte er.", ["‚", "Gut", "‘", "meinte", "er", "."]),
        ("Er sagte: „Das geht nicht.“", ["Er", "sagte", ":", "„", "Das", "geht", "nicht", ".", "“"]),
    ],
)
def test_quotes_are_tokens_of_their_own(nlp, text, expected):
    assert words(nlp, text) == expected


def test_year_before_full_stop_is_split(nlp):
    # "2017." would otherwise look like an ordinal and hide the sentence end
    assert words(nlp, "im Jahr 2017. Dann") == ["im", "Jahr", "2017", ".", "Dann"]


def test_paragraph_break_is_a_whitespace_token(nlp):
    doc = nlp.make_doc("Erster Absatz.\n\nZweiter Absatz.")
    assert [t.is_space for t in doc] == [False, False, False, True, False, False, False]


def test_offsets_match_the_text(nlp):
    text = "Die Minister (re.) trafen sich am 17.08.2017 in Tokio.\n\n„Wir sind bereit“, sagte er."
    doc = nlp.make_doc(text)
    assert doc.text == text
    for t in doc:
        assert text[t.idx : t.idx + len(t.text)] == t.text
