"""The committed generated files are what the build script makes of ../shared."""

import filecmp

import pytest

from lagebild.actors import build_dictionary
from lagebild.actors.dictionary import DATA_DIR

SHARED = build_dictionary.default_shared()


@pytest.mark.skipif(not (SHARED / "petrarch2_dictionaries").is_dir(), reason="../shared/data not available")
def test_generated_files_are_up_to_date(tmp_path, capsys):
    assert build_dictionary.main(["--shared", str(SHARED), "--out", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "people.tsv:" in out
    for name in ("states.tsv", "people.tsv", "organisations_phoenix.tsv"):
        assert filecmp.cmp(tmp_path / name, DATA_DIR / name, shallow=False), (
            f"{name} differs from a fresh build: run python -m lagebild.actors.build_dictionary"
        )


def test_display_names():
    assert build_dictionary.display_name("BASHAR_AL-ASSAD".replace("_", " ")) == "Bashar al-Assad"
    assert build_dictionary.display_name("JOHN MCCAIN") == "John McCain"
    assert build_dictionary.display_name("MICHAEL O'BRIEN") == "Michael O'Brien"
    assert build_dictionary.display_name("FEDERAL BUREAU OF INVESTIGATION", acronyms=True) == (
        "Federal Bureau of Investigation"
    )
    assert build_dictionary.display_name("FBI", acronyms=True) == "FBI"
