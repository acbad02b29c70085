"""Loading, checking and extending the dictionary (small data folders)."""

import textwrap
from pathlib import Path

import pytest

from lagebild.actors import ActorDictionary, DictionaryError

STATES = """\
# a tiny states.tsv
code\tiso2\tkind\tname\tnames\tofficial\tcapitals
DEU\tDE\tstate\tDeutschland\t\tBundesrepublik Deutschland\tBerlin
USA\tUS\tstate\tVereinigte Staaten\t\tVereinigte Staaten von Amerika\tWashington
"""
PEOPLE_HEADER = "id\tname\taliases\tcode\tcountry\tsector\trole\tstart\tend\n"


def make_data(folder: Path, **files: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "states.tsv").write_text(STATES, encoding="utf-8")
    for name, text in files.items():
        (folder / name.replace("__", ".")).write_text(textwrap.dedent(text), encoding="utf-8")
    return folder


def load_error(folder: Path) -> str:
    with pytest.raises(DictionaryError) as info:
        ActorDictionary.load(data_dir=folder)
    return str(info.value)


def test_minimal_folder_loads(tmp_path):
    d = ActorDictionary.load(data_dir=make_data(tmp_path))
    assert d.state_by_name("Deutschland").code == "DEU"
    assert d.stats()["persons"] == 0


def test_row_with_a_stray_tab_names_file_and_line(tmp_path):
    people = "# comment\n" + PEOPLE_HEADER + "max\tMax Muster\t\tDEUGOV\tDEU\tGOV\t\t2001-01-01\t\t\textra\n"
    folder = make_data(tmp_path, people_extra__tsv=people)
    message = load_error(folder)
    assert message.startswith(f"{folder / 'people_extra.tsv'}:3:")
    assert "stray tab" in message


@pytest.mark.parametrize(
    "row, problem",
    [
        ("max\tMax Muster\t\tDEUGOV\tDEU\tGOV\t\t2001-13-01\t", "is not a date"),
        ("max\tMax Muster\t\tDEUGOV\tDEU\tGOV\t\t2005-01-01\t2001-01-01", "before start"),
        ("max\tMax Muster\t\tDEUGOV\tXYZ\tGOV\t\t\t", "unknown country"),
        ("max\tMax Muster\t\tDEUGOV\tDEU\tBOSS\t\t\t", "unknown sector"),
        ("max\tMax Muster\t\tdeugov\tDEU\tGOV\t\t\t", "not a CAMEO code"),
        ("max\t\t\tDEUGOV\tDEU\tGOV\t\t\t", "needs a name"),
        ("\tMax Muster\t\tDEUGOV\tDEU\tGOV\t\t\t", "id is empty"),
    ],
)
def test_malformed_people_rows(tmp_path, row, problem):
    folder = make_data(tmp_path, people_extra__tsv=PEOPLE_HEADER + row + "\n")
    message = load_error(folder)
    assert f"people_extra.tsv:2:" in message and problem in message


def test_malformed_organisation_and_metonym_rows(tmp_path):
    orgs = "id\tcode\tsector\tcameo\tkind\tnames\tnote\nx\tEU\tBOSS\tIGO\tigo\tX\t\n"
    assert "organisations.tsv:2: unknown sector 'BOSS'" in load_error(make_data(tmp_path / "a", organisations__tsv=orgs))
    orgs = "id\tcode\tsector\tcameo\tkind\tnames\tnote\nx\tXX\t\tIGO\tigo\tX\t\n"
    assert "organisations.tsv:2: unknown code 'XX'" in load_error(make_data(tmp_path / "b", organisations__tsv=orgs))
    orgs = "id\tcode\tsector\tcameo\tkind\tnames\tnote\nx\t\t\tIGO\tclub\tX\t\n"
    assert "unknown kind 'club'" in load_error(make_data(tmp_path / "c", organisations__tsv=orgs))
    met = "surface\tcode\tsector\tkind\tnote\nKreml\tRUS\tGOV\tseat\t\n"
    assert "state_metonyms.tsv:2: unknown state code 'RUS'" in load_error(
        make_data(tmp_path / "d", state_metonyms__tsv=met)
    )
    assert "header lacks column(s) sector" in load_error(
        make_data(tmp_path / "e", state_metonyms__tsv="surface\tcode\nKreml\tDEU\n")
    )


def test_malformed_yaml_entries_name_their_line(tmp_path):
    titles = """\
        titles:
        - {lemma: Minister, inflect: er, sector: GOV}
        - {lemma: Kanzler, inflect: er, sektor: GOV}
        """
    assert "titles.yaml:3: unknown key(s) sektor" in load_error(make_data(tmp_path / "a", titles__yaml=titles))
    titles = "titles:\n- {lemma: Kanzler, inflect: er, sector: BOSS}\n"
    assert "titles.yaml:2: unknown sector 'BOSS'" in load_error(make_data(tmp_path / "b", titles__yaml=titles))
    agents = "agents:\n- {lemma: Armee, inflect: xx, sector: MIL}\n"
    assert "agents.yaml:2: unknown inflect 'xx'" in load_error(make_data(tmp_path / "c", agents__yaml=agents))
    broken = "titles:\n- {lemma: Kanzler, inflect: er\n"
    assert "titles.yaml:" in load_error(make_data(tmp_path / "d", titles__yaml=broken))


def test_later_files_supersede_a_persons_rows(tmp_path):
    base = make_data(
        tmp_path / "base",
        people__tsv=PEOPLE_HEADER
        + "max\tMax Muster\tMuster\tDEUGOV\tDEU\tGOV\t\t2000-01-01\t\n"
        + "max\t\t\tDEUELI\tDEU\tELI\t\t\t\n",
    )
    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "people_extra.tsv").write_text(
        PEOPLE_HEADER
        + "max\tMax Mustermann\tMax M.\tDEUGOV\tDEU\tGOV\tMinister\t2000-01-01\t2004-12-31\n"
        + "max\t\t\tDEUELI\tDEU\tELI\t\t\t\n",
        encoding="utf-8",
    )
    before = ActorDictionary.load(data_dir=base)
    assert before.person("Muster", on="2010-01-01").sector == "GOV"
    after = ActorDictionary.load(extra_dirs=[extra], data_dir=base)
    (max_,) = after.people("Muster")  # old alias kept
    assert max_.name == "Max Mustermann" and len(max_.roles) == 2
    assert after.person("Max M.", on="2010-01-01").sector == "ELI"
    assert after.person("Max Mustermann", on="2002-01-01").role == "Minister"


def test_extra_dirs_extend_the_built_in_dictionary(tmp_path):
    (tmp_path / "states_de.tsv").write_text(
        "code\tnames\tadjectives\tdemonyms\tcapitals\tprefixes\n"
        "USA\tUncle Sam\t\t\t\t\n"
        "XAN\tAtlantis\tatlantisch\tAtlanter|Atlanterin\tPoseidonia\tAT-\n",
        encoding="utf-8",
    )
    (tmp_path / "organisations.tsv").write_text(
        "id\tcode\tsector\tcameo\tkind\tnames\tnote\n"
        "nato\tNATO\tMIL\tIGOWSTNAT\tigo\tNATO|Nordatlantikpakt|Das Bündnis\tour own view\n",
        encoding="utf-8",
    )
    (tmp_path / "agents.yaml").write_text("agents:\n- {lemma: Wachschutz, inflect: none, sector: COP}\n", encoding="utf-8")
    d = ActorDictionary.load(extra_dirs=[tmp_path])
    assert d.state_by_name("Uncle Sam").code == "USA"
    assert d.state_by_name("Vereinigte Staaten").code == "USA"  # the built-in names stay
    assert d.state_by_name("atlantischen").code == "XAN"
    assert d.state_by_name("AT-").code == "XAN"
    assert d.state_by_name("Poseidonia").via == "capital"
    nato = d.organisation("Das Bündnis")
    assert nato.sector == "MIL" and d.organisation("NATO") is nato
    assert d.agent("Wachschutz").sector == "COP"
    assert d.agent("Regierung").sector == "GOV"


def test_missing_extra_folder(tmp_path):
    with pytest.raises(DictionaryError, match="not found"):
        ActorDictionary.load(extra_dirs=[tmp_path / "nope"], data_dir=make_data(tmp_path / "d"))


def test_later_files_win_name_clashes(tmp_path):
    """An extra folder's rows come first even under new ids and for shared forms."""
    (tmp_path / "organisations.tsv").write_text(
        "id\tcode\tsector\tcameo\tkind\tnames\tnote\n"
        "my-un\tUN\tGOV\tIGOUNO\tigo\tUNO|Weltorganisation\t\n",
        encoding="utf-8",
    )
    (tmp_path / "titles.yaml").write_text(
        "titles:\n- {id: mein-sprecher, lemma: Sprecher, inflect: er, sector: MED}\n", encoding="utf-8"
    )
    (tmp_path / "state_metonyms.tsv").write_text("surface\tcode\tsector\tkind\tnote\nKreml\tRUS\tMIL\tseat\t\n", encoding="utf-8")
    d = ActorDictionary.load(extra_dirs=[tmp_path])
    assert d.organisation("UNO").id == "my-un"
    assert d.organisations_by_name("UNO")[1].id == "un"  # the built-in one is still there
    assert d.title("Sprecherin").sector == "MED"
    assert d.state_by_name("Kreml").sector == "MIL"
