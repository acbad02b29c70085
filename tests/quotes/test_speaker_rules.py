"""Speaker spans, frames and chains added for issue 4 (SpkAtt task 2 error categories), one small German
sentence per rule. The sentences are written for these tests."""

from __future__ import annotations

import pytest

from tests.quotes.conftest import actor_at
from tests.quotes.test_detection import only, the


def speaker_of(quotes, form="indirect"):
    q = the(quotes, form)
    return q.speaker.text if q.speaker else None


# ---- subjects of verb-first and coordinated clauses ------------------------------------------------------------

def test_verb_first_clause_after_relative_clause_has_the_noun_phrase_as_subject(run):
    quotes = run("Der Verband, der seit Jahren für die Reform kämpft, begründete den Schritt damit, dass die Kosten "
                 "gestiegen seien.")
    assert speaker_of(quotes) == "Der Verband"


def test_coordinated_verb_first_clause_shares_the_subject(run):
    quotes = run("Die Stadtwerke bestätigten den Ausfall, teilten jedoch mit, die Ursache sei noch unklar.")
    assert speaker_of(quotes) == "Die Stadtwerke"


def test_clause_after_und_shares_the_subject_of_the_frame_verb(run):
    quotes = run("Die Ministerin erklärte, der Haushalt sei solide, und kündigte an, die Steuern zu senken.")
    assert {q.speaker.text for q in quotes if not q.nested} == {"Die Ministerin"}


def test_relative_pronoun_is_the_speaker_and_links_to_its_noun_phrase(run):
    text = "Gefragt wurde auch der Bürgermeister Paul Klein, der sagte, die Brücke werde bald gesperrt."
    klein = actor_at(text, "a1", "Paul Klein", "person", "Bürgermeister", "Paul Klein")
    q = the(run(text, [klein]), "indirect")
    assert q.speaker.text == "der"
    assert q.speaker.actor == "a1"


def test_speech_verb_the_tagger_reads_as_participle_after_a_long_subject(run):
    quotes = run("Anna Berg vom Landesverband der Imker in Sachsen kritisiert, dass zu viele Pestizide eingesetzt "
                 "würden.")
    assert speaker_of(quotes) == "Anna Berg vom Landesverband der Imker in Sachsen"


def test_demonstrative_frame_after_a_comma_points_back(run):
    q = the(run("Die Schleuse ist seit Montag gesperrt, das teilte das Wasserstraßenamt mit."), "indirect")
    assert q.speaker.text == "das Wasserstraßenamt"
    assert q.message.text == "Die Schleuse ist seit Montag gesperrt"


def test_appositive_date_does_not_join_a_second_finite_clause(run):
    q = the(run("Sie starb am Freitag, dem 3. März, teilte die Familie mit."), "indirect")
    assert q.speaker.text == "die Familie"
    assert q.message.text.startswith("Sie starb am Freitag")


def test_document_in_the_aus_phrase_is_the_source(run):
    quotes = run("Der Konzern will 500 Stellen streichen. Dies geht aus einem internen Papier des Vorstands hervor.")
    q = the(quotes, "indirect")
    assert q.speaker.text == "einem internen Papier des Vorstands"
    assert q.message.text.startswith("Der Konzern will 500 Stellen streichen")


# ---- complements --------------------------------------------------------------------------------------------------

def test_short_inserts_before_the_dass_clause(run):
    q = the(run("Am Montag verkündete der Verein, kurz „VfB“, dann offiziell, dass er den Trainer entlasse."),
            "indirect")
    assert q.message.text == "dass er den Trainer entlasse"
    assert q.speaker.text.startswith("der Verein")


def test_prepositional_prefield_and_relative_clause_before_the_konjunktiv_verb(run):
    q = the(run("Der Minister erklärte, in den Ländern, in denen Gebühren erhoben würden, sei die Zahl gestiegen."),
            "indirect")
    assert q.message.text.startswith("in den Ländern") and q.message.text.endswith("sei die Zahl gestiegen")


def test_konjunktiv_verb_inside_a_quotation_completes_the_complement(run):
    quotes = run("Der Sprecher äußerte sich dahingehend, das Treffen „sei sehr konstruktiv gewesen“.")
    q = the(quotes, "indirect")
    assert q.speaker.text == "Der Sprecher"
    assert q.message.text.startswith("das Treffen")


# ---- source phrases -----------------------------------------------------------------------------------------------

def test_nach_with_a_document_noun(run):
    q = the(run("Nach einem Dokument der Kommission müssen alle Staaten neue Pläne vorlegen."), "indirect")
    assert q.cue.text == "Nach" and q.speaker.text == "einem Dokument der Kommission"


def test_nach_with_media(run):
    q = the(run("Zu dem Anschlag bekannte sich nach örtlichen Medien eine kleine Gruppe."), "indirect")
    assert q.speaker.text == "örtlichen Medien"


def test_nach_denen_after_a_speech_noun(run):
    q = the(run("Es gibt Gerüchte, nach denen der Sänger schwer erkrankt ist."), "indirect")
    assert q.cue.text == "nach" and q.speaker.text == "denen"
    assert q.message.text == "der Sänger schwer erkrankt ist"


def test_nach_after_an_event_is_no_source(run):
    assert not run("Nach dem Spiel fuhren die Fans nach Hause.")


def test_laut_with_a_quoted_title(run):
    q = the(run("Laut „heise.de“ verschiebt der Hersteller den Start."), "indirect")
    assert q.speaker.text == "„heise.de“"


def test_laut_with_title_name_and_affiliation(run):
    q = the(run("Die Arbeiten würden laut Major Tom Weller von der Küstenwache bald beendet."), "indirect")
    assert q.speaker.text == "Major Tom Weller von der Küstenwache"


def test_laut_with_a_genitive(run):
    q = the(run("Der Hafen blieb laut Angaben der Hafenbehörde geschlossen."), "indirect")
    assert q.speaker.text == "Angaben der Hafenbehörde"


def test_a_year_after_the_source_noun_is_not_part_of_it(run):
    q = the(run("Das Auto soll nach bisherigen Angaben 2011 auf den Markt kommen."), "indirect")
    assert q.speaker.text == "bisherigen Angaben"


def test_so_after_a_clause_with_a_loose_first_segment(run):
    q = the(run("Kaum zu glauben, ein Kind musste ins Krankenhaus, so die Klinikleitung."), "indirect")
    assert q.speaker.text == "die Klinikleitung" and q.cue.text == "so"


# ---- noun-phrase extent -------------------------------------------------------------------------------------------

def test_genitive_media_noun_in_the_prefield_belongs_to_the_subject(run):
    quotes = run("Ein Reporter der Nachrichtenagentur berichtet, dass die Straße gesperrt sei.")
    assert speaker_of(quotes) == "Ein Reporter der Nachrichtenagentur"


def test_lower_case_quotation_after_the_subject_is_no_title(run):
    quotes = run("Die Richter äußerten „große Bedenken“ und verwiesen auf das Völkerrecht.")
    assert all(q.speaker is None or "Bedenken" not in q.speaker.text for q in quotes)


def test_prefield_ends_at_the_first_finite_verb(run):
    quotes = run("Die Botschaft in Kairo schloss ihre Türen und empfahl allen Bürgern, das Land zu verlassen.")
    assert speaker_of(quotes) == "Die Botschaft in Kairo"


def test_coordinated_apposition(run):
    q = the(run("„Wir sind vorbereitet“, sagte Paul Kern, kanadischer General und Kommandeur der Mission."), "direct")
    assert q.speaker.text == "Paul Kern, kanadischer General und Kommandeur der Mission"


def test_name_with_apposition_before_a_colon(run):
    q = the(run("Maria Stein, Präsidentin des Rats der Gemeinden: „Wir brauchen mehr Geld.“"), "direct")
    assert q.speaker.text == "Maria Stein, Präsidentin des Rats der Gemeinden"


def test_agent_noun_subject_before_a_colon_without_speech_verb(run):
    q = the(run("Die Firma hält die Kritik für ungerecht: „Wir haben nichts falsch gemacht.“"), "direct")
    assert q.speaker.text == "Die Firma"


def test_common_noun_subject_before_a_colon_is_no_speaker(run):
    q = the(run("Die Lage bleibt angespannt: „Niemand weiß, was morgen kommt.“"), "direct")
    assert q.speaker is None


def test_speaker_with_a_topic_before_the_colon(run):
    q = the(run("Der Polizeisprecher nach der Festnahme: „Der Mann ist jetzt in Haft.“"), "direct")
    assert q.speaker.text == "Der Polizeisprecher"


def test_colon_clause_inside_reported_speech_keeps_its_speaker(run):
    quotes = run("Die Ministerin Eva Roth wagte die Prognose, bei der Wahl würden nicht alle Abgeordneten für ihn "
                 "stimmen:\n\n„Das wird knapp.“")  # the quotation in a paragraph of its own
    q = the(quotes, "direct")
    assert q.speaker.text == "Die Ministerin Eva Roth"


def test_participle_attribute_before_the_head_noun(run):
    q = the(run("Die Lage sei ernst, teilte die zur Universität Bonn gehörende Forschungsstelle mit."), "indirect")
    assert q.speaker.text == "die zur Universität Bonn gehörende Forschungsstelle"


# ---- free indirect chains and mixed quotes -----------------------------------------------------------------------

def test_free_indirect_keeps_the_nearest_mention(run):
    quotes = run("Bürgermeister Hans Ober lobte die Helfer. Er sagte, die Lage sei stabil. Neue Schäden gebe es nicht.")
    fi = the(quotes, "free_indirect")
    assert fi.speaker.text == "Er"


def test_free_indirect_after_a_sentence_without_speech_verb(run):
    quotes = run("Die Gewerkschaft Verdi gibt keine Entwarnung. Die Lage sei weiterhin angespannt.")
    fi = the(quotes, "free_indirect")
    assert fi.speaker.text == "Die Gewerkschaft Verdi"


def test_sentence_with_its_own_frame_ends_a_free_indirect_chain(run):
    quotes = run("Der Sprecher sagte, die Lage sei ruhig. Die Ärztin warnte vor Leichtsinn, wenn der Regen wieder "
                 "einsetze.")
    assert not only(quotes, "free_indirect")
    second = [q for q in quotes if q.speaker and q.speaker.text == "Die Ärztin"]
    assert second and second[0].cue.text == "warnte vor"


def test_mixed_quote_belongs_to_the_nearest_frame(run):
    quotes = run("Wie die Zeitung berichtete, soll laut der Studie nur jeder Zweite „bessere Bedingungen“ erwarten.")
    inner = the(quotes, "direct", nested=True)
    assert inner.speaker.text == "der Studie" and inner.cue.text == "laut"


# ---- lexicon ------------------------------------------------------------------------------------------------------

def test_acts_that_are_no_speech_are_no_cues(run):
    assert not run("Die Behörde verbot, dass die Demonstranten den Platz betreten.")
    assert not [q for q in run("Die Parteien einigten sich darauf, dass die Wahl verschoben werde.") if q.cue]


def test_impersonal_es_is_no_speaker(run):
    q = the(run("Es wird vermutet, dass der Brand durch einen Kurzschluss entstand."), "indirect")
    assert q.speaker is None and "Es" in q.cue.text


def test_active_zitieren_quotes_its_object_and_passive_its_agent(run):
    q = the(run("Ein Radiosender zitierte den Trainer mit den Worten: „Wir geben nicht auf.“"), "direct")
    assert q.speaker.text == "den Trainer"
    q = the(run("Die Trainerin wird von der Agentur Reuters mit den Worten zitiert, man gebe nicht auf."), "indirect")
    assert q.speaker.text == "der Agentur Reuters"


def test_demnach_is_its_own_source(run):
    text = "Die Stiftung Warentest legte eine Studie vor. Demnach sind viele Helme mangelhaft."
    stiftung = actor_at(text, "o1", "Stiftung Warentest", "organisation", None, "Stiftung Warentest")
    quotes = run(text, [stiftung])
    q = [q for q in quotes if q.cue and q.cue.text == "Demnach"]
    assert q and q[0].speaker.text == "Demnach"


def test_man_is_a_speaker_of_its_own_and_never_heads_a_noun(run):
    # nannte man Flugzeuge: `man Flugzeuge` is no noun phrase, so the object in the prefield is no speaker
    quotes = run("Diese Pläne nannte man Sandkastenspiele, die niemand ernst nehme.")
    speakers = {q.speaker.text for q in quotes if q.speaker}
    assert speakers == {"man"}, [q.to_dict() for q in quotes]


# ---- indicative complement clauses (session 6) -----------------------------------------------------------------

def test_indicative_clause_after_a_frame_with_adverbials(run):
    quotes = run("Die Bürgermeisterin sagte am Montag vor der Presse, die Brücke ist seit Wochen gesperrt.")
    q = the(quotes, "indirect")
    assert q.speaker.text == "Die Bürgermeisterin" and q.message.text == "die Brücke ist seit Wochen gesperrt"


def test_a_verb_object_before_the_comma_is_no_frame_for_an_indicative_clause(run):
    # `die Reise` is the object of absagen: the clause after the comma is the writer's, not hers
    quotes = run("Die Bürgermeisterin sagte die Reise ab, die Brücke ist seit Wochen gesperrt.")
    assert not [q for q in quotes if q.form == "indirect"]


def test_indicative_verb_opening_a_quoted_fragment(run):
    quotes = run("Der Trainer sagte, die Mannschaft „ist noch nicht so weit“.")
    q = the(quotes, "indirect")
    assert q.speaker.text == "Der Trainer"
    assert q.message.text == "die Mannschaft „ist noch nicht so weit“"
    assert any(d.form == "direct" and d.message.text == "ist noch nicht so weit" for d in quotes)


def test_passive_speech_act_with_a_von_agent_is_reported_by_the_agent(run):
    quotes = run("Die Pläne des Senats wurden von der Opposition scharf kritisiert.")
    q = the(quotes, "reported")
    assert q.speaker.text == "der Opposition" and q.cue.text == "wurden kritisiert"
    assert not [q for q in run("Die Pläne des Senats wurden scharf kritisiert.") if q.form == "reported"]


# ---- `aus X` sources, reflexive recall, further frames (session 7) ----------------------------------------------

@pytest.mark.parametrize("text, form, speaker, cue", [
    # `aus X` names the source of verlauten / hervorgehen and stays out of the cue
    ("Aus Regierungskreisen verlautete, der Minister werde zurücktreten.", "indirect", "Regierungskreisen", "verlautete"),
    ("Dies geht aus einer Mitteilung des Konzerns hervor, dass die Preise steigen.", "indirect",
     "einer Mitteilung des Konzerns", "geht hervor"),
    # … but an `aus` phrase inside the subject stays in it
    ("Ein Sprecher aus Washington ließ verlauten, man prüfe den Fall.", "indirect", "Ein Sprecher aus Washington",
     "ließ verlauten"),
    # reflexive erinnern frames a direct quote
    ("„Das war eine schwere Zeit“, erinnerte sich die Ministerin.", "direct", "die Ministerin", "erinnerte sich"),
    ("Die Stadt schränkte jedoch ein, die Brücke öffne erst im Mai.", "indirect", "Die Stadt", "schränkte ein"),
    ("Die Universität beruft sich darauf, dass die Freigabe rechtmäßig sei.", "indirect", "Die Universität",
     "beruft sich darauf"),
    ("Ein Manager ließ damals durchblicken, dass ein neues Werk entstehen solle.", "indirect", "Ein Manager",
     "ließ durchblicken"),
])
def test_further_frames_and_aus_sources(run, text, form, speaker, cue):
    q = the(run(text), form)
    assert q.speaker.text == speaker and q.cue.text == cue


def test_plain_recall_is_no_speech(run):
    assert run("Er erinnerte sich an den Tag.") == []


def test_konjunktiv_chain_goes_on_with_the_source_of_a_quote_two_sentences_back(run):
    # the sentence between names no one (`Die Straße`), so the free indirect sentence continues the account
    # attributed to the fire brigade
    quotes = run("Nach Angaben der Feuerwehr wurden zwei Häuser zerstört. Die Straße ist gesperrt. "
                 "Verletzt worden sei niemand.")
    q = the(quotes, "free_indirect")
    assert q.speaker.text == "Angaben der Feuerwehr" and q.message.text == "Verletzt worden sei niemand."
    # three sentences back is too far
    quotes = run("Nach Angaben der Feuerwehr wurden zwei Häuser zerstört. Die Straße ist gesperrt. "
                 "Der Verkehr staut sich. Verletzt worden sei niemand.")
    assert all(q.speaker is None for q in quotes if q.form == "free_indirect")


@pytest.mark.parametrize("text, form, speaker", [
    # an accusative after a verb-first frame is no subject; an age between commas joins the name
    ("Die Überlebende Alice Kakamara, 30, beschrieb den Hergang: „Die See war rau.“", "direct",
     "Die Überlebende Alice Kakamara, 30"),
    # Wie X, der …, mitteilte: a relative clause between the subject and the verb
    ("Wie der Sprecher, der seit Jahren im Amt ist, mitteilte, wurde die Straße gesperrt.", "indirect", "der Sprecher"),
    # a dative pronoun in a verb-last frame is no speaker
    ("Wie ihm der Sprecher sagte, sei die Brücke gesperrt.", "indirect", "der Sprecher"),
])
def test_subjects_that_case_and_commas_settle(run, text, form, speaker):
    assert speaker_of(run(text), form) == speaker
