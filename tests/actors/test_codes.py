from lagebild.actors.codes import annotation_sector, cameo_to_annotation

COUNTRIES = {"DEU", "USA", "PSE", "KSV", "MUS"}


def test_country_codes_and_roles():
    assert cameo_to_annotation("DEUGOVEDU", COUNTRIES) == ("DEU", "GOV")
    assert cameo_to_annotation("USAGOVLEG", COUNTRIES) == ("USA", "LEG")
    assert cameo_to_annotation("USAELI", COUNTRIES) == ("USA", "ELI")
    assert cameo_to_annotation("PSEREBHMS", COUNTRIES) == ("PSE", "REB")
    assert cameo_to_annotation("KSVGOV", COUNTRIES) == ("XKX", "GOV")
    assert cameo_to_annotation("MUSGOV", COUNTRIES) == ("MUS", "GOV")  # Mauritius, not "Muslim"
    assert cameo_to_annotation("ELI", COUNTRIES) == (None, "ELI")
    assert cameo_to_annotation("MEAREB", COUNTRIES) == (None, "REB")  # a region: no country


def test_international_codes():
    assert cameo_to_annotation("IGOUNO") == ("UN", None)
    assert cameo_to_annotation("IGOUNOIAE") == ("IAEA", None)
    assert cameo_to_annotation("IGOUNOKID") == ("UN", None)  # UNICEF
    assert cameo_to_annotation("IGOEUREEC") == ("EU", None)
    assert cameo_to_annotation("IGOWSTNAT") == ("NATO", None)
    assert cameo_to_annotation("NGOHLHIRC") == ("ICRC", "NGO")
    assert cameo_to_annotation("NGOHRIAMN") == (None, "NGO")
    assert cameo_to_annotation("MNCDEU", COUNTRIES) == ("DEU", "BUS")
    assert cameo_to_annotation("IMGMUSALQ") == (None, "REB")
    assert cameo_to_annotation("---") == (None, None)


def test_annotation_sector():
    assert annotation_sector("GOV") == "GOV"
    assert annotation_sector("ELI") is None
    assert annotation_sector("REF") == "CVL"
    assert annotation_sector(None) is None
