"""One test per construction of the quotes layer, on small German sentences."""

from __future__ import annotations

import pytest


def only(quotes, form=None, nested=None):
    out = [q for q in quotes if (form is None or q.form == form) and (nested is None or q.nested == nested)]
    return out


def the(quotes, form=None, nested=False):
    found = only(quotes, form, nested)
    assert len(found) == 1, [q.to_dict() for q in quotes]
    return found[0]


# ---- direct quotes in every style ------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "„Wir sind bereit“, sagte die Ministerin.",
    '"Wir sind bereit", sagte die Ministerin.',
    "»Wir sind bereit«, sagte die Ministerin.",
    "«Wir sind bereit», sagte die Ministerin.",
    "‚Wir sind bereit‘, sagte die Ministerin.",
    "“Wir sind bereit”, sagte die Ministerin.",
])
def test_direct_quote_styles(run, text):
    q = the(run(text), "direct")
    assert q.message.text == "Wir sind bereit"
    assert q.cue.text == "sagte"
    assert q.speaker.text == "die Ministerin"


def test_direct_quote_with_colon_frame(run):
    q = the(run("Der Kanzler erklärte: „Die Lage ist ernst, aber nicht hoffnungslos.“"), "direct")
    assert q.speaker.text == "Der Kanzler"
    assert q.cue.text == "erklärte"
    assert q.message.text == "Die Lage ist ernst, aber nicht hoffnungslos."


def test_direct_quote_spanning_sentences(run):
    q = the(run("„Wir sind bereit. Wir warten nicht länger. Jetzt muss gehandelt werden“, sagte der Sprecher."), "direct")
    assert q.message.text.startswith("Wir sind bereit.") and q.message.text.endswith("Jetzt muss gehandelt werden")
    assert q.speaker.text == "der Sprecher"


def test_direct_quote_interrupted_by_its_frame(run):
    text = "„Wir sind bereit“, sagte er, „aber wir warten nicht ewig.“"
    q = the(run(text), "direct")
    assert q.message.parts is not None and len(q.message.parts) == 2
    assert [text[s:e] for s, e in q.message.parts] == ["Wir sind bereit", "aber wir warten nicht ewig."]
    assert q.cue.text == "sagte" and q.speaker.text == "er"


def test_direct_quote_continued_in_next_sentence_keeps_speaker(run):
    quotes = run("Die Ministerin sagte: „Wir sind bereit.“ „Aber wir warten nicht ewig.“")
    direct = only(quotes, "direct")
    assert len(direct) == 2
    assert all(q.speaker and q.speaker.text == "Die Ministerin" for q in direct)


def test_quoted_fragment_in_next_sentence_gets_no_speaker(run):
    # a full quotation goes on with the speaker; a fragment in the next sentence is mostly a scare quote
    quotes = run("Die Ministerin sagte: „Wir sind bereit.“ Danach begann eine „Politik der kleinen Schritte“.")
    fragment = [q for q in quotes if q.message.text == "Politik der kleinen Schritte"]
    assert fragment and all(q.speaker is None for q in fragment), [q.to_dict() for q in quotes]
    assert any(q.speaker and q.speaker.text == "Die Ministerin" for q in quotes if q.message.text == "Wir sind bereit.")


def test_names_in_quotation_marks_are_no_quotes(run):
    assert run("Der Film „Das Boot“ lief gestern im Kino.") == []
    quotes = run("Das sagte der Minister der Zeitung „Die Welt“.")
    assert all("Die Welt" not in q.message.text for q in quotes)


# ---- indirect speech -----------------------------------------------------------------------------------

def test_indirect_konjunktiv_clause(run):
    q = the(run("Der Minister sagte, die Regierung habe keine Pläne für Steuererhöhungen."), "indirect")
    assert q.speaker.text == "Der Minister"
    assert q.cue.text == "sagte"
    assert q.message.text == "die Regierung habe keine Pläne für Steuererhöhungen"


def test_indirect_dass_clause_with_particle_verb(run):
    q = the(run("Die Polizei teilte am Montag mit, dass der Mann festgenommen worden sei."), "indirect")
    assert q.cue.text == "teilte mit" and q.cue.parts is not None
    record = q.cue.to_dict()  # in the record: pieces as {start, end, text}, like a split event trigger
    assert [p["text"] for p in record["parts"]] == ["teilte", "mit"]
    assert all(set(p) == {"start", "end", "text"} for p in record["parts"])
    from lagebild.quotes.record import Quote

    again = Quote.from_dict(q.to_dict())
    assert again.to_dict() == q.to_dict() and again.cue.parts == q.cue.parts
    assert q.speaker.text == "Die Polizei"
    assert q.message.text == "dass der Mann festgenommen worden sei"


def test_indirect_frame_after_the_message(run):
    q = the(run("Die Verhandlungen seien gescheitert, sagte ein Sprecher des Ministeriums."), "indirect")
    assert q.message.text == "Die Verhandlungen seien gescheitert"
    assert q.speaker.text == "ein Sprecher des Ministeriums"


def test_indirect_zu_infinitive(run):
    q = the(run("Die Regierung kündigte an, die Steuern zu senken."), "indirect")
    assert q.cue.text == "kündigte an"
    assert q.message.text == "die Steuern zu senken"


def test_laut(run):
    q = the(run("Laut Polizei wurde bei dem Unfall niemand verletzt."), "indirect")
    assert q.cue.text == "Laut" and q.speaker.text == "Polizei"
    assert q.message.text == "wurde bei dem Unfall niemand verletzt"


def test_nach_angaben_von(run):
    q = the(run("Nach Angaben der Feuerwehr brach das Feuer am frühen Morgen aus."), "indirect")
    assert q.cue.text == "Nach"
    assert q.speaker.text == "Angaben der Feuerwehr"
    assert q.message.text == "brach das Feuer am frühen Morgen aus"


def test_zufolge(run):
    q = the(run("Dem Bericht zufolge stieg die Zahl der Anträge deutlich."), "indirect")
    assert q.cue.text == "zufolge" and q.speaker.text == "Dem Bericht"
    assert q.message.text == "stieg die Zahl der Anträge deutlich"


def test_wie_x_mitteilte(run):
    q = the(run("Wie das Ministerium am Dienstag mitteilte, bleibt die Straße gesperrt."), "indirect")
    assert q.cue.text == "Wie mitteilte"
    assert q.speaker.text == "das Ministerium"
    assert q.message.text == "bleibt die Straße gesperrt"


def test_so_x(run):
    q = the(run("Die Lage sei unter Kontrolle, so der Bürgermeister."), "indirect")
    assert q.cue.text == "so" and q.speaker.text == "der Bürgermeister"
    assert q.message.text == "Die Lage sei unter Kontrolle"


def test_heisst_es(run):
    q = the(run("Die Lage sei ernst, heißt es in dem Bericht."), "indirect")
    assert q.cue.text == "heißt es"
    assert q.speaker.text == "in dem Bericht"  # SpkAtt convention: the source keeps its preposition


def test_passive_frame_has_an_addressee(run):
    q = the(run("Dem Minister wurde vorgeworfen, das Parlament belogen zu haben."), "indirect")
    assert q.cue.text == "wurde vorgeworfen"
    assert q.addressee.text == "Dem Minister"
    assert q.speaker is None


def test_support_noun_frame(run):
    q = the(run("Der Verteidigungsminister erneuerte die Warnung, dass ein Angriff schwere Folgen haben würde."), "indirect")
    assert q.cue.text == "erneuerte die Warnung"
    assert q.speaker.text == "Der Verteidigungsminister"


# ---- free indirect, mixed and reported -------------------------------------------------------------------------

def test_free_indirect_continuation(run):
    quotes = run("Der Sprecher sagte, die Lage sei ruhig. Es gebe keine Verletzten. Die Straßen würden bald geöffnet.")
    the(quotes, "indirect")
    fi = the(quotes, "free_indirect")
    assert fi.cue is None
    assert fi.speaker.text == "Der Sprecher"
    assert fi.message.text == "Es gebe keine Verletzten. Die Straßen würden bald geöffnet."


def test_indicative_sentence_ends_free_indirect(run):
    quotes = run("Der Sprecher sagte, die Lage sei ruhig. Am Abend regnete es in der Stadt.")
    assert not only(quotes, "free_indirect")


def test_mixed_quote(run):
    quotes = run("Tillerson betonte, es gebe „keinen Grund für schlaflose Nächte“.")
    outer = the(quotes, "indirect")
    assert outer.message.text.startswith("es gebe")
    inner = the(quotes, "direct", nested=True)
    assert inner.message.text == "keinen Grund für schlaflose Nächte"
    assert inner.speaker.text == "Tillerson" and inner.cue.text == "betonte"


def test_quoted_words_inside_the_frame_clause(run):
    q = the(run("Die Bundesregierung hatte den Bericht als „falsch“ zurückgewiesen."), "direct")
    assert q.message.text == "falsch"
    assert q.speaker.text == "Die Bundesregierung"


def test_reported_speech_act(run):
    q = the(run("Die Opposition kritisierte die Entscheidung der Regierung scharf."), "reported")
    assert q.speaker.text == "Die Opposition"
    assert q.cue.text == "kritisierte"
    assert q.message.text == "Die Opposition kritisierte die Entscheidung der Regierung scharf."


def test_object_of_event_verb_is_no_reported_speech(run):
    # bestätigen, ankündigen with a thing as object: only with a message clause or quote
    assert not only(run("Der Sprecher bestätigte den Vorfall am Sonntag."), "reported")
    assert not only(run("In der Hand hielt er einen Fernzünder."), "reported")


# ---- addressee ----------------------------------------------------------------------------------------------------

def test_addressee_dative_newspaper(run):
    q = the(run("„Wir sind bereit“, sagte die Kanzlerin der „Bild“-Zeitung."), "direct")
    assert q.speaker.text == "die Kanzlerin"
    assert q.addressee is not None and "Bild" in q.addressee.text


def test_addressee_dative_plural(run):
    q = the(run("„Wir kommen wieder“, sagte er den Journalisten."), "direct")
    assert q.speaker.text == "er"
    assert q.addressee.text == "den Journalisten"


def test_addressee_gegenueber(run):
    q = the(run("Gegenüber dem Sender erklärte der Minister, er trete nicht zurück."), "indirect")
    assert q.addressee.text == "dem Sender"
    assert q.speaker.text == "der Minister"


# ---- the contract record ----------------------------------------------------------------------------------------

def test_record_has_exactly_the_contract_fields(run):
    text = "„Wir sind bereit“, sagte die Ministerin."
    record = the(run(text), "direct").to_dict()
    assert set(record) == {"form", "speaker", "cue", "message", "addressee"}
    assert set(record["speaker"]) == {"start", "end", "text", "actor"}
    for key in ("speaker", "cue", "message"):
        assert text[record[key]["start"]:record[key]["end"]] == record[key]["text"]


def test_record_roundtrip(run):
    from lagebild.quotes import Quote

    text = "„Wir sind bereit“, sagte er, „aber wir warten nicht ewig.“"
    for q in run(text):
        assert Quote.from_dict(q.to_dict()).to_dict() == q.to_dict()
