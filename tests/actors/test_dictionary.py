"""Lookups of the built-in dictionary on small German examples."""

import datetime as dt

import pytest


# -- states ------------------------------------------------------------------


@pytest.mark.parametrize(
    "surface",
    [
        "Nordkorea",
        "Nord-Korea",
        "Demokratische Volksrepublik Korea",
        "der Demokratischen Volksrepublik Korea",
        "Korea, Demokratische Volksrepublik",
        "Nordkoreas",
        "nordkoreanisch",
        "nordkoreanische",
        "nordkoreanischen",
        "Nordkoreanischer",
        "nordkoreanisches",
        "nordkoreanischem",
        "Nordkoreaner",
        "Nordkoreanern",
        "Nordkoreanerinnen",
        "Pjöngjang",
        "Pjoengjang",
        "Pyongyang",
        "Nordkorea-",
    ],
)
def test_north_korea(actors, surface):
    m = actors.state_by_name(surface)
    assert m is not None and m.code == "PRK", surface


def test_ways_a_state_is_found(actors):
    assert actors.state_by_name("Nordkorea").via == "name"
    assert actors.state_by_name("Demokratische Volksrepublik Korea").via == "official"
    assert actors.state_by_name("nordkoreanischen").via == "adjective"
    assert actors.state_by_name("Nordkoreaner").via == "demonym"
    assert actors.state_by_name("Pjöngjang").via == "capital"
    assert actors.state_by_name("Pjöngjang").sector is None  # "aus Pjöngjang": no sector


def test_prefixes(actors):
    for prefix, code in [("US-", "USA"), ("USA-", "USA"), ("russisch-", "RUS"), ("EU-", None), ("DDR-", "DDR")]:
        m = actors.state_by_name(prefix)
        assert (m.code if m else None) == code, prefix
    assert actors.state_by_name("US-").via == "prefix"


def test_seats_of_government(actors):
    for surface, code, sector in [
        ("Kreml", "RUS", "GOV"),
        ("des Kremls", "RUS", "GOV"),
        ("Weißes Haus", "USA", "GOV"),
        ("des Weißen Hauses", "USA", "GOV"),
        ("Élysée", "FRA", "GOV"),
        ("Downing Street", "GBR", "GOV"),
        ("Kanzleramt", "DEU", "GOV"),
        ("die Bundesregierung", "DEU", "GOV"),
        ("Bundestag", "DEU", "LEG"),
    ]:
        m = actors.state_by_name(surface)
        assert (m.code, m.sector, m.via) == (code, sector, "metonym"), surface


def test_capitals_and_short_names(actors):
    for surface, code in [
        ("Washington", "USA"),
        ("Peking", "CHN"),
        ("Moskau", "RUS"),
        ("Kiew", "UKR"),
        ("Teheran", "IRN"),
        ("USA", "USA"),
        ("die USA", "USA"),
        ("Vereinigte Staaten", "USA"),
        ("der Vereinigten Staaten", "USA"),
        ("US-amerikanischen", "USA"),
        ("Großbritannien", "GBR"),
        ("britische", "GBR"),
        ("der französische", "FRA"),
        ("Franzosen", "FRA"),
        ("Deutschlands", "DEU"),
        ("den Iran", "IRN"),
        ("Irans", "IRN"),
        ("der Türkei", "TUR"),
        ("Israelis", "ISR"),
        ("Elfenbeinküste", "CIV"),
        ("Weißrussland", "BLR"),
    ]:
        m = actors.state_by_name(surface)
        assert m is not None and m.code == code, surface


def test_special_states(actors):
    su = actors.state_by_name("Sowjetunion").state
    assert (su.code, su.kind) == ("SUN", "historical")
    assert su.exists_on("1985-03-11") and not su.exists_on("2000-01-01")
    assert actors.state_by_name("UdSSR").code == "SUN"
    assert actors.state_by_name("sowjetischen").code == "SUN"
    assert actors.state_by_name("Jugoslawien").code == "YUG"
    assert actors.state_by_name("DDR").code == "DDR"
    kosovo = actors.state_by_name("Kosovo").state
    assert (kosovo.code, kosovo.cameo, kosovo.kind) == ("XKX", "KSV", "partial")
    assert actors.state("KSV").code == "XKX"  # by CAMEO code too
    assert actors.state_by_name("Palästinenser").code == "PSE"
    assert actors.state_by_name("Gazastreifen").code == "PSE"
    assert actors.state_by_name("Taiwan").code == "TWN"
    assert actors.state_by_name("Osttimor").state.cameo == "TMP"


def test_no_false_states(actors):
    for surface in ["ostchinesischen", "Regierung", "Victoria", "usbekischen Freunde", "", "-"]:
        assert actors.state_by_name(surface) is None, surface


# -- organisations -----------------------------------------------------------


@pytest.mark.parametrize(
    "name, code",
    [
        ("EU", "EU"),
        ("Europäische Union", "EU"),
        ("der Europäischen Union", "EU"),
        ("NATO", "NATO"),
        ("Nato", "NATO"),
        ("der Nato", "NATO"),
        ("IAEA", "IAEA"),
        ("IAEO", "IAEA"),
        ("Internationale Atomenergiebehörde", "IAEA"),
        ("der Internationalen Atomenergiebehörde", "IAEA"),
        ("UNO", "UN"),
        ("Vereinte Nationen", "UN"),
        ("der Vereinten Nationen", "UN"),
        ("UN-Sicherheitsrat", "UNSC"),
        ("Weltsicherheitsrat", "UNSC"),
        ("UNHCR", "UN"),
        ("UNICEF", "UN"),
        ("WHO", "WHO"),
        ("OSZE", "OSCE"),
        ("Afrikanische Union", "AU"),
        ("Arabische Liga", "ARABLEAGUE"),
        ("G20", "G20"),
        ("IWF", "IMF"),
        ("Weltbank", "WORLDBANK"),
        ("Internationaler Strafgerichtshof", "ICC"),
        ("des Internationalen Strafgerichtshofs", "ICC"),
        ("IKRK", "ICRC"),
        ("Roten Kreuzes", "ICRC"),
        ("Europarat", "COE"),
        ("Hamas", "PSE"),
        ("Hisbollah", "LBN"),
        ("Taliban", "AFG"),
        ("Amnesty International", None),
        ("Islamischer Staat", None),
    ],
)
def test_organisations(actors, name, code):
    org = actors.organisation(name)
    assert org is not None, name
    assert org.code == code


def test_organisation_sectors_and_cameo(actors):
    eu = actors.organisation("EU")
    assert (eu.cameo, eu.sector, eu.kind) == ("IGOEUREEC", None, "igo")
    assert actors.organisation("NATO").cameo == "IGOWSTNAT"
    assert actors.organisation("IAEA").cameo == "IGOUNOIAE"
    assert actors.organisation("EU-Kommission").sector == "GOV"
    assert actors.organisation("Europäisches Parlament").sector == "LEG"
    assert actors.organisation("Amnesty International").sector == "NGO"
    assert actors.organisation("Taliban").sector == "REB"
    assert actors.organisation("CDU").sector == "PTY"


def test_short_capital_names_match_only_in_capitals(actors):
    assert actors.organisation("IS").id == "isis"
    assert actors.organisation("is") is None
    assert actors.organisation("who") is None


# -- people --------------------------------------------------------------------


def test_tillerson_in_and_out_of_office(actors):
    role = actors.person("Rex Tillerson", on="2017-08-17")
    assert (role.country, role.sector, role.code, role.role) == ("USA", "GOV", "USAGOV", "Außenminister")
    assert role.annotation_sector == "GOV" and role.in_office
    later = actors.person("Rex Tillerson", on=dt.date(2019, 1, 1))
    assert later is not None and later.person == role.person
    assert later.sector != "GOV" and not later.in_office and later.annotation_sector is None
    assert actors.person("Tillerson", on="2017-08-17").code == "USAGOV"


def test_mattis_names_are_one_person(actors):
    jim = actors.people("Jim Mattis")
    james = actors.people("James Mattis")
    assert jim and james and jim[0].id == james[0].id
    role = actors.person("James Mattis", on="2017-08-17")
    assert (role.country, role.sector, role.role) == ("USA", "GOV", "Verteidigungsminister")
    assert actors.person("Mattis", on="2019-06-01").sector == "ELI"  # left office 2019-01-01


@pytest.mark.parametrize(
    "name, day, country, sector",
    [
        ("Donald Trump", "2017-08-17", "USA", "GOV"),
        ("Trump", "2023-06-01", "USA", "ELI"),
        ("Trumps", "2025-06-01", "USA", "GOV"),
        ("Kim Jong Un", "2017-08-17", "PRK", "GOV"),
        ("Kim Jong-un", "2011-12-30", "PRK", "GOV"),
        ("Taro Kono", "2017-08-17", "JPN", "GOV"),
        ("Itsunori Onodera", "2017-08-17", "JPN", "GOV"),
        ("Shinzo Abe", "2017-08-17", "JPN", "GOV"),
        ("Angela Merkel", "2009-07-10", "DEU", "GOV"),
        ("Merkel", "2022-01-01", "DEU", "ELI"),
        ("Olaf Scholz", "2022-05-01", "DEU", "GOV"),
        ("Annalena Baerbock", "2022-05-01", "DEU", "GOV"),
        ("Sergej Lawrow", "2017-08-17", "RUS", "GOV"),
        ("Sergei Lavrov", "2017-08-17", "RUS", "GOV"),
        ("Wladimir Putin", "2017-08-17", "RUS", "GOV"),
        ("Wolodymyr Selenskyj", "2022-03-01", "UKR", "GOV"),
        ("Selenskyj", "2018-01-01", "UKR", "ELI"),
        ("Recep Tayyip Erdoğan", "2017-08-17", "TUR", "GOV"),
        ("Erdogan", "2017-08-17", "TUR", "GOV"),
        ("Xi Jinping", "2017-08-17", "CHN", "GOV"),
        ("Emmanuel Macron", "2017-08-17", "FRA", "GOV"),
        ("António Guterres", "2017-08-17", "UN", None),
        ("Antonio Guterres", "2010-01-01", "UN", None),
        ("Jens Stoltenberg", "2017-08-17", "NATO", None),
        ("Ursula von der Leyen", "2020-01-01", "EU", "GOV"),
        ("Ursula von der Leyen", "2015-01-01", "DEU", "GOV"),
        ("Mohammad Hanif Atmar", "2009-07-10", "AFG", "GOV"),  # from Phoenix
    ],
)
def test_people_on_dates(actors, name, day, country, sector):
    role = actors.person(name, on=day)
    assert role is not None, name
    assert (role.country, role.sector) == (country, sector)


def test_person_record(actors):
    (merkel,) = actors.people("Angela Merkel")
    assert merkel.id == "angela-merkel"
    assert "Merkel" in merkel.aliases
    assert merkel.role_on("2010-01-01").role == "Bundeskanzlerin"
    assert merkel.role_on(None).sector == "ELI"  # no open-ended office any more
    assert actors.person("Niemand Unbekannt") is None


# -- titles, modifiers and agents ------------------------------------------------


@pytest.mark.parametrize(
    "word, sector",
    [
        ("Verteidigungsministerin", "GOV"),
        ("Außenminister", "GOV"),
        ("Aussenministers", "GOV"),
        ("Präsidentin", "GOV"),
        ("Kanzlerin", "GOV"),
        ("Bundeskanzler", "GOV"),
        ("Machthaber", "GOV"),
        ("Diktator", "GOV"),
        ("Botschafterin", "GOV"),
        ("Generälen", "MIL"),
        ("Oberbefehlshaber", "MIL"),
        ("Polizeichef", "COP"),
        ("Richterin", "JUD"),
        ("Staatsanwältin", "JUD"),
        ("Abgeordnete", "LEG"),
        ("Oppositionsführer", "OPP"),
        ("Parteivorsitzende", "PTY"),
        ("Rebellenführer", "REB"),
        ("Oberster Führer", "GOV"),
    ],
)
def test_titles(actors, word, sector):
    title = actors.title(word)
    assert title is not None, word
    assert title.sector == sector


def test_title_in_compound(actors):
    m = actors.title_in_compound("US-Außenminister")
    assert (m.head.lemma, m.code, m.sector, m.current) == ("Außenminister", "USA", "GOV", True)
    m = actors.title_in_compound("Bundesverteidigungsministerin")
    assert (m.head.lemma, m.sector) == ("Verteidigungsminister", "GOV")
    m = actors.title_in_compound("Digitalministerin")  # any ...minister: the generic head
    assert (m.head.lemma, m.prefix, m.sector) == ("Minister", "Digital", "GOV")
    m = actors.title_in_compound("Ex-US-Präsident")
    assert (m.code, m.modifiers, m.sector, m.current) == ("USA", ("former",), None, False)
    assert actors.title_in_compound("Altkanzler").modifiers == ("former",)
    m = actors.title_in_compound("Vizekanzlerin")
    assert (m.head.lemma, m.modifiers, m.sector) == ("Kanzler", ("deputy",), "GOV")
    m = actors.title_in_compound("UN-Generalsekretär")
    assert (m.code, m.sector) == ("UN", None)
    m = actors.title_in_compound("EU-Kommissar")
    assert (m.code, m.sector) == ("EU", "GOV")
    m = actors.title_in_compound("Kreml-Sprecher")
    assert (m.code, m.sector) == ("RUS", "GOV")
    m = actors.title_in_compound("Parlamentssprecherin")
    assert m.sector == "LEG"
    m = actors.title_in_compound("Armeesprecher")
    assert (m.head.lemma, m.sector) == ("Sprecher", "MIL")
    m = actors.title_in_compound("Al-Qaida-Vizechef")
    assert (m.organisation.id, m.modifiers, m.sector) == ("alqaeda", ("deputy",), "REB")
    assert actors.title_in_compound("Lautsprecher") is None
    assert actors.title_in_compound("Verteidigungs-") is None


def test_modifiers(actors):
    assert actors.modifier("ehemaligen").effect == "former"
    assert actors.modifier("früheren").effect == "former"
    assert actors.modifier("Ex-").effect == "former"
    assert actors.modifier("stellvertretende").effect == "deputy"
    assert actors.modifier("amtierende").effect == "acting"
    assert actors.modifier("neuen") is None


def test_agents(actors):
    demo = actors.agent("Demonstranten")
    assert demo.sector == "CVL" and demo.cameo == "OPP"  # annotation: CVL; CAMEO: OPP
    for noun, sector in [
        ("Regierung", "GOV"),
        ("Armee", "MIL"),
        ("Streitkräfte", "MIL"),
        ("Militär", "MIL"),
        ("Polizei", "COP"),
        ("Protestierende", "CVL"),
        ("Rebellen", "REB"),
        ("Aufständischen", "REB"),
        ("Opposition", "OPP"),
        ("Gericht", "JUD"),
        ("Parlament", "LEG"),
        ("Ministeriums", "GOV"),
        ("Geheimdienst", "SPY"),
        ("Terroristen", "REB"),
        ("Flüchtlingen", "CVL"),
        ("Zivilisten", "CVL"),
        ("Studenten", "EDU"),
        ("Gewerkschaften", "LAB"),
        ("Unternehmen", "BUS"),
    ]:
        agent = actors.agent(noun)
        assert agent is not None and agent.sector == sector, noun


def test_agent_in_compound(actors):
    m = actors.agent_in_compound("US-Truppen")
    assert (m.head.lemma, m.code, m.sector) == ("Truppe", "USA", "MIL")
    assert actors.agent_in_compound("Bereitschaftspolizisten").sector == "COP"
    assert actors.agent_in_compound("Übergangsregierung").sector == "GOV"
    assert actors.agent_in_compound("Hauptgericht") is None


def test_seed_article_mentions(actors):
    """The actors of the tagesschau article of 2017-08-17 (docs/event-annotation.md)."""
    day = "2017-08-17"
    assert actors.title_in_compound("US-Außenminister").code == "USA"
    assert actors.person("Rex Tillerson", on=day).country == "USA"
    assert actors.title_in_compound("US-Verteidigungsminister").sector == "GOV"
    assert actors.person("Jim Mattis", on=day).sector == "GOV"
    assert actors.state_by_name("japanischen").code == "JPN"
    assert actors.person("Itsunori Onodera", on=day).country == "JPN"
    assert actors.person("Taro Kono", on=day).country == "JPN"
    assert actors.state_by_name("Pjöngjang").code == "PRK"
    assert actors.state_by_name("nordkoreanischen").code == "PRK"
    assert actors.title("Machthabers").sector == "GOV"
    assert actors.person("Kim Jong Un", on=day).code == "PRKGOV"
    assert actors.title_in_compound("US-Präsident").code == "USA"
    assert actors.person("Trump", on=day).sector == "GOV"
    assert actors.state_by_name("Washington").code == "USA"
    assert actors.state_by_name("Japans").code == "JPN"
    assert actors.state_by_name("China").code == "CHN"


def test_stats(actors):
    stats = actors.stats()
    assert stats["states"] >= 250 and stats["persons"] > 18000 and stats["titles"] > 100


def test_surname_only_mentions(actors):
    assert actors.person_by_surname("Mugabe", on="2005-01-01").country == "ZWE"  # Phoenix
    assert actors.person_by_surname("Kim", on="2017-08-17").name == "Kim Jong Un"  # family name first
    assert actors.person_by_surname("Xi", on="2017-08-17").country == "CHN"
    assert actors.person_by_surname("Gorbatschow", on="1988-01-01").code == "SUNGOV"
    assert actors.person_by_surname("Schmidt", on="2005-01-01") is None  # nobody, or too many
