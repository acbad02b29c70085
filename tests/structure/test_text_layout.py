"""One small page per rule of the text layout reader."""

import pytest

import lagebild

BODY = (
    "Die Regierung in Berlin hat am Montag ein neues Gesetz beschlossen. Es soll im Herbst in Kraft treten.\n\n"
    "Die Opposition kritisierte den Entwurf scharf. Sie kündigte eine Klage in Karlsruhe an."
)


def analyze(text: str):
    return lagebild.analyze(text, format="text").to_dict()


def test_body_only_text_first_line_is_title_and_no_lead():
    record = analyze("Bundestag beschließt Gesetz\n\n" + BODY)
    assert record["title"] == "Bundestag beschließt Gesetz"
    assert record["lead"] is None
    assert record["sections"] == [{"heading": None, "paragraphs": BODY.split("\n\n")}]


@pytest.mark.parametrize(
    "line, caption, credit",
    [
        ("Ein Demonstrant in Berlin. | Bildquelle: REUTERS", "Ein Demonstrant in Berlin.", "REUTERS"),
        ("Ein Demonstrant in Berlin. | Foto: picture alliance / dpa", "Ein Demonstrant in Berlin.", "picture alliance / dpa"),
        ("Ein Demonstrant in Berlin © AFP", "Ein Demonstrant in Berlin", "AFP"),
        ("Ein Demonstrant in Berlin (Foto: Max Muster/dpa)", "Ein Demonstrant in Berlin", "Max Muster/dpa"),
        ("Ein Demonstrant in Berlin. Bild: imago images", "Ein Demonstrant in Berlin.", "imago images"),
    ],
)
def test_caption_and_credit_on_one_line(line, caption, credit):
    record = analyze(f"{line}\n\nBundestag beschließt Gesetz\n\nStand: 03.05.2021 10:00 Uhr\n\nDer Vorspann.\n\n{BODY}")
    assert (record["caption"], record["image_credit"]) == (caption, credit)
    assert record["title"] == "Bundestag beschließt Gesetz"


def test_caption_line_followed_by_credit_line():
    record = analyze(
        "Bundestag beschließt Gesetz\n\nDer Vorspann des Artikels steht hier.\n\nVon Anna Beispiel\n\n"
        "03.05.2021, 10.00 Uhr\n\nAbgeordnete im Plenarsaal.\n\nFoto: dpa\n\n" + BODY
    )
    assert record["caption"] == "Abgeordnete im Plenarsaal."
    assert record["image_credit"] == "dpa"
    assert record["author"] == "Anna Beispiel"
    assert record["lead"] == "Der Vorspann des Artikels steht hier."
    assert record["published"] == "2021-05-03T10:00:00+02:00"
    assert record["sections"][0]["paragraphs"] == BODY.split("\n\n")


@pytest.mark.parametrize(
    "stamp, iso",
    [
        ("Stand: 17.08.2017 22:11 Uhr", "2017-08-17T22:11:00+02:00"),
        ("17.08.2017, 22.11 Uhr", "2017-08-17T22:11:00+02:00"),
        ("Aktualisiert am 17. August 2017, 22:11 Uhr", "2017-08-17T22:11:00+02:00"),
        ("Donnerstag, 17. August 2017", "2017-08-17"),
        ("Veröffentlicht am 3. Jan. 2006 um 19:34 Uhr", "2006-01-03T19:34:00+01:00"),
        ("Stand: 26.03.2017 01:30 Uhr", "2017-03-26T01:30:00+01:00"),
        ("Stand: 26.03.2017 03:30 Uhr", "2017-03-26T03:30:00+02:00"),
        ("Mo, 6. Jänner 2020 | 08:15", "2020-01-06T08:15:00+01:00"),
    ],
)
def test_timestamp_forms(stamp, iso):
    record = analyze(f"Bundestag beschließt Gesetz\n\n{stamp}\n\nDer Vorspann.\n\n{BODY}")
    assert record["published"] == iso
    assert stamp not in record["text"]


def test_published_stamp_beats_update_stamp():
    record = analyze(
        "Bundestag beschließt Gesetz\n\nAktualisiert am 4. Mai 2021, 09:00 Uhr\n\n"
        "Veröffentlicht am 3. Mai 2021, 10:00 Uhr\n\nDer Vorspann.\n\n" + BODY
    )
    assert record["published"] == "2021-05-03T10:00:00+02:00"


def test_date_in_a_sentence_is_not_a_stamp():
    record = analyze("Bundestag beschließt Gesetz\n\nAm 17. August 2017 trafen sich die Minister in Washington.\n\n" + BODY)
    assert record["published"] is None
    assert record["sections"][0]["paragraphs"][0].startswith("Am 17. August 2017")


@pytest.mark.parametrize(
    "byline, author",
    [("Von Lena Kühn", "Lena Kühn"), ("Von Markus Kessler, dpa", "Markus Kessler"),
     ("von Karl-Heinz Müller, ARD-Hauptstadtstudio", "Karl-Heinz Müller"), ("Von Anna Beispiel und Jan Muster", "Anna Beispiel und Jan Muster"),
     ("Ein Kommentar von Jan Muster, ARD-Studio Brüssel", "Jan Muster")],
)
def test_byline(byline, author):
    record = analyze(f"Bundestag beschließt Gesetz\n\n{byline}\n\n" + BODY)
    assert record["author"] == author


def test_sentence_starting_with_von_is_not_a_byline():
    text = "Bundestag beschließt Gesetz\n\nVon der Opposition wurde der Entwurf als unzureichend kritisiert.\n\n" + BODY
    record = analyze(text)
    assert record["author"] is None
    assert record["sections"][0]["paragraphs"][0].startswith("Von der Opposition")


@pytest.mark.parametrize("dateline", ["Washington (dpa) - ", "Berlin (AFP/dpa) – ", "Genf (Reuters) — ", "Bad Reichenhall (KNA) - ",
                                      "BRÜSSEL (dpa) - ", "Den Haag (ANP) - "])
def test_agency_dateline_is_split_off_and_wire_copy_has_no_lead(dateline):
    record = analyze(f"Newsticker | Politik\n07.09.2010, 15:51 Uhr\n\nBundestag beschließt Gesetz\n\n{dateline}{BODY}\n\n© dpa-infocom, dpa:100907-99-857235/3")
    assert record["dateline"] == dateline.rstrip(" -–—")
    assert record["lead"] is None
    assert record["sections"][0]["paragraphs"][0] == BODY.split("\n\n")[0]
    assert "Newsticker" not in record["text"] and "dpa-infocom" not in record["text"]


def test_notes_are_kept_apart():
    record = analyze(
        "Bundestag beschließt Gesetz\n\n" + BODY + "\n\nÜber dieses Thema berichtete Deutschlandfunk am 3. Mai 2021 um 10:00 Uhr."
        "\n\nQuelle: ZEIT ONLINE, dpa, AFP\n\nDieses Thema im Programm: Das Erste | tagesschau | 03.05.2021 | 20:00 Uhr"
    )
    assert record["notes"] == [
        "Über dieses Thema berichtete Deutschlandfunk am 3. Mai 2021 um 10:00 Uhr.",
        "Quelle: ZEIT ONLINE, dpa, AFP",
        "Dieses Thema im Programm: Das Erste | tagesschau | 03.05.2021 | 20:00 Uhr",
    ]
    assert "Quelle" not in record["text"]


@pytest.mark.parametrize(
    "furniture",
    ["Darstellung:", "Anzeige", "Artikel teilen", "Feedback", "415 Kommentare", "Kommentare (12)", "Seite 1/2", "Seite 2 von 3",
     "Nächste Seite", "Zur Startseite", "Teilen: Facebook Twitter E-Mail", "Facebook | Twitter | WhatsApp",
     "Wir verwenden Cookies, um Ihnen ein besseres Nutzungserlebnis zu bieten.", "Newsletter abonnieren",
     "© dpa-infocom, dpa:210503-99-123456/2", "Lesezeit: 3 Min."],
)
def test_furniture_is_dropped(furniture):
    paragraphs = BODY.split("\n\n")
    record = analyze(f"Bundestag beschließt Gesetz\n\n{paragraphs[0]}\n\n{furniture}\n\n{paragraphs[1]}")
    assert furniture not in record["text"]
    assert [p for s in record["sections"] for p in s["paragraphs"]] == paragraphs


def test_related_links_box_is_dropped_but_following_heading_kept():
    paragraphs = BODY.split("\n\n")
    record = analyze(
        f"Bundestag beschließt Gesetz\n\n{paragraphs[0]}\n\nMehr zum Thema\n\n"
        "Analyse: Was das Gesetz ändert\nInterview: „Wir klagen“\n\nKlage angekündigt\n\n" + paragraphs[1]
        + "\n\nLesen Sie auch\n\nLiveblog: Alle Entwicklungen im Bundestag"
    )
    assert record["sections"] == [
        {"heading": None, "paragraphs": [paragraphs[0]]},
        {"heading": "Klage angekündigt", "paragraphs": [paragraphs[1]]},
    ]
    assert "Analyse:" not in record["text"] and "Liveblog" not in record["text"]


def test_kicker_above_title():
    record = analyze("Innenpolitik\n\nBundestag beschließt umstrittenes Gesetz\n\nDer Vorspann.\n\n17.08.2017, 22.11 Uhr\n\n" + BODY)
    assert record["kicker"] == "Innenpolitik"
    assert record["title"] == "Bundestag beschließt umstrittenes Gesetz"
    assert record["lead"] == "Der Vorspann."


def test_subheadings_split_sections_and_question_headings_count():
    paragraphs = BODY.split("\n\n")
    record = analyze(f"Bundestag beschließt Gesetz\n\n{paragraphs[0]}\n\nWas kommt jetzt?\n\n{paragraphs[1]}")
    assert [s["heading"] for s in record["sections"]] == [None, "Was kommt jetzt?"]


def test_short_sentence_paragraph_is_not_a_heading():
    record = analyze("Bundestag beschließt Gesetz\n\nDas ist neu.\n\n" + BODY)
    assert record["sections"][0]["heading"] is None
    assert record["sections"][0]["paragraphs"][0] == "Das ist neu."


def test_hard_wrapped_paragraphs_are_joined():
    record = analyze(
        "Bundestag beschließt Gesetz\n\nDie Regierung in Berlin hat am Montag ein neues\n"
        "Gesetz beschlossen, das im Herbst in Kraft treten soll.\n\n" + BODY
    )
    assert record["sections"][0]["paragraphs"][0] == (
        "Die Regierung in Berlin hat am Montag ein neues Gesetz beschlossen, das im Herbst in Kraft treten soll."
    )


def test_user_cue_file_extends_the_rules(tmp_path):
    from lagebild.pipeline import Pipeline

    cues = tmp_path / "cues.yaml"
    cues.write_text("furniture_lines:\n  - 'Jetzt im Kiosk'\n", encoding="utf-8")
    text = f"Bundestag beschließt Gesetz\n\n{BODY}\n\nJetzt im Kiosk"
    assert "Jetzt im Kiosk" in lagebild.analyze(text, format="text").text
    assert "Jetzt im Kiosk" not in lagebild.analyze(text, format="text", pipeline=Pipeline(cue_files=[cues])).text


def test_bad_cue_file_is_reported(tmp_path):
    from lagebild.pipeline import Pipeline
    from lagebild.structure import CueFileError

    cues = tmp_path / "cues.yaml"
    cues.write_text("furniture_lines:\n  - 'Jetzt (im Kiosk'\n", encoding="utf-8")
    with pytest.raises(CueFileError, match="does not compile"):
        Pipeline(cue_files=[cues])


def test_non_german_article_is_flagged_not_mangled():
    text = ("Senate passes the budget bill\n\nThe United States Senate passed the budget bill on Monday after a long debate. "
            "The House is expected to vote on it later this week.\n\nDemocrats criticised the cuts to social programmes.")
    record = analyze(text)
    assert record["language"] == "en"
    assert any("not German" in w for w in record["warnings"])
    assert record["title"] == "Senate passes the budget bill"
    assert len([p for s in record["sections"] for p in s["paragraphs"]]) == 2


def test_bracketed_word_in_a_sentence_is_not_a_dateline():
    record = analyze("Bundestag beschließt Gesetz\n\nDer Bundestag (Parlament) - das ist die Volksvertretung.\n\n" + BODY)
    assert record["dateline"] is None
