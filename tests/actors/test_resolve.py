"""Actor resolution rules, one small German sentence each, and the seed article end to end."""

import pytest

from tests.conftest import SEED, need_shared


@pytest.fixture(scope="module")
def resolve():
    from lagebild.actors.component import default_resolver
    from lagebild.language import build_language

    nlp = build_language()
    resolver = default_resolver()

    def run(text: str, published: str | None = "2017-08-17"):
        doc = nlp(text)
        result = resolver(doc, published)
        return {a.name: a for a in result.actors}, result, text

    return run


def spans(actor, text):
    return [text[s:e] for s, e in actor.mentions]


def test_title_apposition_codes_person(resolve):
    actors, _, _ = resolve("US-Außenminister Rex Tillerson traf am Donnerstag seinen Amtskollegen.")
    tillerson = actors["Rex Tillerson"]
    assert (tillerson.kind, tillerson.code, tillerson.sector, tillerson.role) == ("person", "USA", "GOV", "Außenminister")


def test_coordinated_titles_assigned_in_order(resolve):
    actors, _, _ = resolve("Mattis traf sich mit den japanischen Verteidigungs- und Außenministern, Itsunori Onodera und Taro Kono, in Washington.")
    assert (actors["Itsunori Onodera"].code, actors["Itsunori Onodera"].role) == ("JPN", "Verteidigungsminister")
    assert (actors["Taro Kono"].code, actors["Taro Kono"].role) == ("JPN", "Außenminister")


def test_surname_and_name_variants_are_one_actor(resolve):
    text = "Verteidigungsminister Jim Mattis warnte Nordkorea. Später sagte Mattis, James Mattis sei bereit."
    actors, result, _ = resolve(text)
    persons = [a for a in result.actors if a.kind == "person"]
    assert len(persons) == 1
    assert spans(persons[0], text) == ["Jim Mattis", "Mattis", "James Mattis"]


def test_korean_family_name_links_to_full_name(resolve):
    text = "Der nordkoreanische Machthaber Kim Jong Un ließ Raketen testen. Kim drohte den USA."
    actors, _, _ = resolve(text)
    kim = actors["Kim Jong Un"]
    assert (kim.code, kim.sector) == ("PRK", "GOV")
    assert spans(kim, text) == ["Kim Jong Un", "Kim"]


def test_unknown_person_coded_from_title_alone(resolve):
    actors, _, _ = resolve("Der französische Außenminister kritisierte die Entscheidung scharf.")
    minister = next(a for a in actors.values() if a.kind == "person")
    assert (minister.code, minister.sector, minister.role) == ("FRA", "GOV", "Außenminister")


def test_minister_out_of_office_is_not_gov(resolve):
    in_office, _, _ = resolve("Rex Tillerson sprach in Peking.", published="2017-09-30")
    assert in_office["Rex Tillerson"].sector == "GOV"
    out_of_office, _, _ = resolve("Rex Tillerson sprach in Peking.", published="2019-05-01")
    assert out_of_office["Rex Tillerson"].code == "USA"
    assert out_of_office["Rex Tillerson"].sector is None


def test_capital_as_metonym_and_as_place(resolve):
    text = "Pjöngjang droht mit neuen Tests. In Washington berieten die Minister."
    actors, result, _ = resolve(text)
    prk = actors["Nordkorea"]
    assert prk.kind == "state" and prk.code == "PRK" and spans(prk, text) == ["Pjöngjang"]
    washington = actors["Washington"]
    assert (washington.kind, washington.code) == ("location", "USA")
    labels = {e.text: e.label for e in result.entities}
    assert labels["Pjöngjang"] == "GPE" and labels["Washington"] == "LOC"


def test_surname_of_known_politician_resolved_by_date(resolve):
    actors, _, _ = resolve("Zuletzt hatte US-Präsident Trump Kim mit militärischen Schritten gedroht.")
    trump = actors["Donald Trump"]
    assert (trump.code, trump.sector, trump.role) == ("USA", "GOV", "Präsident")


def test_unknown_full_name_after_title_is_kept_whole(resolve):
    # `Hans` alone is a (spurious) known surname; `Brückner` is unknown: one new person, not a cut name
    actors, _, text = resolve("Der Bürgermeister Hans Brückner aus Kleinostheim reiste am Montag nach Paris.")
    assert "Hans Brückner" in actors and actors["Hans Brückner"].role == "Bürgermeister"
    assert not any(a.code == "LIE" for a in actors.values())


def test_generic_agent_with_state_adjective(resolve):
    actors, _, _ = resolve("Die japanische Regierung protestierte gegen den Test.")
    government = next(a for a in actors.values() if a.kind == "group")
    assert (government.code, government.sector) == ("JPN", "GOV")


def test_organisation_by_german_name(resolve):
    actors, _, _ = resolve("Die Vereinten Nationen und die NATO riefen zur Ruhe auf.")
    codes = {a.code for a in actors.values() if a.kind == "organisation"}
    assert codes == {"UN", "NATO"}


def test_seed_article_actors():
    need_shared("examples", "tagesschau-2017-08-17.txt")
    import lagebild

    record = lagebild.analyze(SEED).to_dict()
    assert {"language", "entities", "actors"} <= set(record["layers"])
    actors = {a["name"]: a for a in record["actors"]}
    expect = {
        "Rex Tillerson": ("person", "USA", "GOV", "Außenminister"),
        "Jim Mattis": ("person", "USA", "GOV", "Verteidigungsminister"),
        "Taro Kono": ("person", "JPN", "GOV", "Außenminister"),
        "Itsunori Onodera": ("person", "JPN", "GOV", "Verteidigungsminister"),
        "Donald Trump": ("person", "USA", "GOV", "Präsident"),
    }
    for name, (kind, code, sector, role) in expect.items():
        a = actors[name]
        assert (a["kind"], a["code"], a["sector"], a["role"]) == (kind, code, sector, role), name
    kim = actors["Kim Jong Un"]
    assert (kim["code"], kim["sector"]) == ("PRK", "GOV")
    text = record["text"]
    mattis = [text[s:e] for s, e in actors["Jim Mattis"]["mentions"]]
    assert "James Mattis" in mattis and "Jim Mattis" in mattis
    states = {a["code"] for a in record["actors"] if a["kind"] == "state"}
    assert {"USA", "JPN", "PRK", "CHN"} <= states
    prk = next(a for a in record["actors"] if a["kind"] == "state" and a["code"] == "PRK")
    assert "Pjöngjang" in [text[s:e] for s, e in prk["mentions"]]
    places = {a["name"] for a in record["actors"] if a["kind"] == "location"}
    assert {"Washington", "Senkaku-Inseln"} <= places
    for entity in record["entities"]:
        assert text[entity["start"]:entity["end"]] == entity["text"]
