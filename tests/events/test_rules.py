"""One small German sentence per rule of the event coder."""

from __future__ import annotations

import pytest

from tests.events.conftest import find


def one(events, type_, source=None, target=None):
    hits = find(events, type_, source, target)
    assert hits, f"no {type_} {source}→{target} in {[(e['type'], e['rule']) for e in events]}"
    return hits[0]


# ---------------------------------------------------------------- verb complex


def test_separable_particle(events_of):
    e = one(events_of("Die Außenminister Frankreichs und Deutschlands kamen am Montag in Paris zusammen."),
            "CONSULT", source="FRA")
    assert "zusammen" in e["trigger"]["text"]
    assert e["rule"] == "v.zusammenkommen"


def test_separable_particle_backing_down(events_of):
    e = one(events_of("Nordkorea ruderte am Dienstag von seinen Drohungen zurück."), "CONCEDE", source="PRK")
    assert e["cameo"] == "080"


def test_passive_with_von_agent(events_of):
    e = one(events_of("Der Oppositionsführer wurde am Mittwoch von der russischen Polizei festgenommen."),
            "COERCE", source="RUS")
    assert e["source"][0]["sector"] == "COP"
    assert e["mode"] == "arrest"
    assert e["target"], "the arrested person is the target"


def test_agentless_passive_arrest_has_implicit_police(events_of):
    e = one(events_of("In Moskau wurden am Sonntag zahlreiche Demonstranten festgenommen."), "COERCE")
    assert e["source"][0]["sector"] == "COP" and e["source"][0]["code"] == "RUS"


def test_modal_future(events_of):
    e = one(events_of("Die Regierung Frankreichs will nächste Woche mit Russland verhandeln."), "CONSULT",
            source="FRA", target="RUS")
    assert e["modality"] == "future"


def test_werden_future(events_of):
    e = one(events_of("Die USA werden Sanktionen gegen den Iran verhängen."), "SANCTION", "USA", "IRN")
    assert e["modality"] == "future"


def test_negation(events_of):
    e = one(events_of("Die Regierung Japans kritisierte China nicht."), "ACCUSE", source="JPN", target="CHN")
    assert e["negated"] is True
    assert "JPN" not in {p["code"] for p in e["target"]}


def test_weder_noch_negation(events_of):
    events = events_of("Weder Russland noch China kritisierten den Iran.")
    assert all(e["negated"] for e in find(events, "ACCUSE"))


def test_konjunktiv_in_indirect_speech_is_reported(events_of):
    e = one(events_of("Der Sprecher der Hamas sagte, die israelische Armee habe ein Dorf im Gazastreifen "
                      "bombardiert."), "ASSAULT", source="ISR")
    assert e["modality"] == "reported"


def test_conditional_is_hypothetical(events_of):
    e = one(events_of("Falls Nordkorea Japan angreift, werden die USA reagieren."), "ASSAULT", "PRK", "JPN")
    assert e["modality"] == "hypothetical"


# ---------------------------------------------------------------- nominal events and idioms


def test_nominal_event_with_aus(events_of):
    e = one(events_of("Die Drohungen aus Pjöngjang beunruhigen Japan."), "THREATEN", source="PRK")
    assert e["trigger"]["text"] == "Drohungen"


def test_nominal_event_after_preposition_takes_clause_subject(events_of):
    one(events_of("Nach dem Treffen mit Putin reiste Merkel nach Berlin zurück."), "CONSULT", "DEU", "RUS")


def test_nominal_compound_weapons_test(events_of):
    e = one(events_of("Nordkorea hat erneut Raketentests bekannt gegeben."), "MOBILIZE", source="PRK")
    assert e["mode"] == "weapons"


def test_idiom_noun_with_verb(events_of):
    e = one(events_of("Finnland sagte Tansania weitere Hilfe zu."), "AGREE", "FIN", "TZA")
    assert e["rule"] == "i.hilfe.zusagen"


def test_general_negative_statement_is_no_event(events_of):
    events = events_of("Tillerson betonte, es gebe keine unmittelbare Bedrohung.")
    assert not find(events, "THREATEN")


# ---------------------------------------------------------------- actors and roles


def test_coordination_of_actors(events_of):
    e = one(events_of("Die USA und Japan kritisierten Nordkorea scharf."), "ACCUSE", target="PRK")
    assert {p["code"] for p in e["source"]} == {"USA", "JPN"}


def test_joint_agreement_targets_each_other(events_of):
    e = one(events_of("Die USA und Japan einigten sich auf eine engere Zusammenarbeit."), "AGREE")
    assert {p["code"] for p in e["source"]} == {"USA", "JPN"} == {p["code"] for p in e["target"]}


def test_coordinated_verbs_share_subject(events_of):
    events = events_of("Merkel begrüßte den Beschluss der IAEA und kritisierte den Iran scharf.")
    one(events, "SUPPORT", "DEU", "IAEA")
    one(events, "ACCUSE", "DEU", "IRN")


def test_relative_clause_subject_is_antecedent(events_of):
    one(events_of("Die Polizei nahm Kozulin fest, der zum Sturm auf das Gefängnis aufgerufen hatte."), "COERCE")
    e = one(events_of("Die Regierung, die Sanktionen gegen Russland verhängt hatte, wurde kritisiert."),
            "SANCTION", target="RUS")
    assert e["source"], "the relative pronoun's antecedent is the source"


def test_demonym_adjective_names_the_actor(events_of):
    e = one(events_of("Israelische Kampfflugzeuge bombardierten in der Nacht zum Freitag Ziele im Gazastreifen."),
            "ASSAULT", "ISR", "PSE")
    assert e["source"][0]["sector"] == "MIL"
    assert e["date"] == "2017-08-11"


# ---------------------------------------------------------------- speech, demands, evaluations, intents


def test_demand_in_indirect_speech(events_of):
    e = one(events_of("Tillerson betonte, Nordkorea müsse die Raketentests sofort einstellen."), "REQUEST",
            "USA", "PRK")
    assert e["modality"] == "asserted"


def test_evaluation_in_direct_speech(events_of):
    e = one(events_of("„Die Provokationen Nordkoreas sind nicht akzeptabel“, sagte Tillerson."), "ACCUSE",
            "USA", "PRK")
    assert e["negated"] is False  # "nicht akzeptabel" is the trigger, not a negation
    assert e["rule"] == "p.akzeptabel.neg"


def test_request_verb_with_complement(events_of):
    one(events_of("China forderte die USA auf, die Waffenverkäufe an Taiwan abzusagen."), "REQUEST", "CHN", "USA")


def test_threat_with_object(events_of):
    e = one(events_of("Russland drohte den USA mit dem Abbruch der Verhandlungen."), "THREATEN", "RUS", "USA")
    assert e["cameo"] == "1313"


def test_announced_hostile_act_is_a_threat(events_of):
    e = one(events_of("Nigeria kündigte an, seine Friedenstruppe aus dem Tschad abzuziehen."), "THREATEN", "NGA")
    assert e["modality"] == "asserted"


def test_announced_own_attack_in_speech_is_a_threat(events_of):
    e = one(events_of("Die Hamas erklärte, sie werde weitere Ortschaften in Israel angreifen."), "THREATEN", "PSE")
    assert e["cameo"].startswith("138")


def test_decision_to_cooperate_is_agree(events_of):
    e = one(events_of("Die USA und Japan haben beschlossen, ihre Kooperation in Sachen Verteidigung auszubauen."),
            "AGREE", source="USA")
    assert e["cameo"] == "0312"


def test_offer_to_negotiate_is_agree(events_of):
    e = one(events_of("Putin hat Verhandlungen mit dem armenischen Präsidenten angeboten."), "AGREE", source="RUS")
    assert e["cameo"] in ("030", "036")


@pytest.mark.parametrize("sentence,type_", [
    ("Demonstranten blockierten in Algier die Straßen.", "PROTEST"),
    ("Die Armee hat Reservisten mobilisiert.", "MOBILIZE"),
    ("Der Sicherheitsrat verhängte Sanktionen gegen Libyen.", "SANCTION"),
    ("Die Polizei nahm am Sonntag in Moskau zahlreiche Demonstranten fest.", "COERCE"),
    ("Die Rebellen haben Journalisten entführt.", "ASSAULT"),
    ("Serbien hat die Ausgangssperre in Montenegro aufgehoben.", "CONCEDE"),
    ("Die USA haben Waffen an Pakistan geliefert.", "AID"),
    ("Sambia hat den Extremisten an Großbritannien ausgeliefert.", "COOPERATE"),
    ("Die Regierung lehnte den Vorschlag der Opposition ab.", "REJECT"),
    ("Der Präsident hat seinen Amtskollegen in Moskau besucht.", "CONSULT"),
    ("Die Schweiz hat zwei russische Diplomaten ausgewiesen.", "SANCTION"),
    ("Die Rebellen erklärten eine einseitige Waffenruhe.", "RETREAT"),
])
def test_plover_types(events_of, sentence, type_):
    assert find(events_of(sentence), type_), sentence


# ---------------------------------------------------------------- further conventions


def test_readiness_with_complement_is_agree(events_of):
    e = one(events_of("Syrien ist nach eigenen Angaben bereit, seine Truppen aus dem Libanon abzuziehen."),
            "AGREE", source="SYR")
    assert e["cameo"] == "0356"


def test_announced_refusal_to_take_part_is_reject(events_of):
    e = one(events_of("Der deutsche Außenminister Guido Westerwelle erklärte: „Wir werden uns nicht an einem "
                      "Krieg in Libyen beteiligen.“"),
            "REJECT", source="DEU")
    assert e["cameo"] == "1212" and e["negated"] is False


def test_own_country_plans_attack_is_a_threat(events_of):
    e = one(events_of("Der französische Premierminister François Fillon erklärte, sein Land plane militärische "
                      "Operationen gegen Libyen."), "THREATEN", "FRA", "LBY")
    assert e["cameo"] == "138"


def test_protest_without_named_protesters(events_of):
    e = one(events_of("Gestern demonstrierten in Teheran Tausende gegen die Regierung."), "PROTEST")
    assert e["source"][0]["sector"] == "CVL" and e["source"][0]["code"] == "IRN"
    assert e["date"] == "2017-08-16"


def test_verbal_events_need_a_source(events_of):
    assert not find(events_of("Insbesondere wird kritisiert, dass die Wahl unfair gewesen sei."), "ACCUSE")


def test_demand_to_stop_violence(events_of):
    e = one(events_of("Der Sicherheitsrat rief die libysche Regierung zur Beendigung des gewaltsamen Vorgehens auf."),
            "REQUEST", target="LBY")
    assert e["source"][0]["code"] == "UNSC"


def test_date_of_a_noun_is_not_the_events(events_of):
    e = one(events_of("Tausende haben in Teheran gegen das Ergebnis der Präsidentenwahl vom 12. Juni demonstriert.",
                      "2009-06-16"), "PROTEST")
    assert e["date"] is None


def test_anaphoric_definite_phrase(events_of):
    events = events_of("Die Hamas übernahm die Verantwortung für die Angriffe. Die Organisation erklärte, sie werde "
                       "weitere Ortschaften angreifen, wenn Israel seine Luftangriffe nicht beende.")
    e = one(events, "THREATEN", source="PSE", target="ISR")
    assert e["modality"] == "asserted"
