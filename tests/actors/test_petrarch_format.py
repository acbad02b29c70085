import datetime as dt

import pytest

from lagebild.actors.petrarch_format import DateFormatError, parse_actor_lines, parse_date


def test_dates_two_and_four_digit_years():
    assert parse_date("170201") == dt.date(2017, 2, 1)
    assert parse_date("300101") == dt.date(2030, 1, 1)  # 00-30 → 20YY
    assert parse_date("450703") == dt.date(1945, 7, 3)
    assert parse_date("19181001") == dt.date(1918, 10, 1)
    for bad in ("2004017", "20100931", "1920030320", "abc"):
        with pytest.raises(DateFormatError):
            parse_date(bad)


def test_record_with_synonyms_and_restrictions():
    lines = [
        "# a comment\n",
        "HANS_MUSTERMANN_  # CountryInfo.txt\n",
        "+H._MUSTERMANN_\n",
        "\t[DEUELI 720101-051121]\n",
        "\t[DEUGOV >051122]\n",
        "\t[DEUELI]\n",
    ]
    warnings = []
    (rec,) = parse_actor_lines(lines, "test", warnings)
    assert rec.names == ["HANS MUSTERMANN", "H. MUSTERMANN"]
    assert [(r.code, r.start, r.end, r.default) for r in rec.restrictions] == [
        ("DEUELI", dt.date(1972, 1, 1), dt.date(2005, 11, 21), False),
        ("DEUGOV", dt.date(2005, 11, 22), None, False),
        ("DEUELI", None, None, True),
    ]
    assert rec.comments == ["CountryInfo.txt"]
    assert warnings == []


def test_several_groups_on_one_line_and_bad_groups():
    warnings = []
    (rec,) = parse_actor_lines(
        ["ERIKA_BEISPIEL_\t[USAGOV 010120-050120] [IGOUNOKID >050501][XYZ 2004017]\n"], "t", warnings
    )
    assert [r.code for r in rec.restrictions] == ["USAGOV", "IGOUNOKID"]
    assert len(warnings) == 1 and "t:1" in warnings[0]


def test_hash_inside_a_phrase_is_no_comment():
    (rec,) = parse_actor_lines(["GRUPPE_C#RDOBA_ [COLREB] # note\n"], "t")
    assert rec.names == ["GRUPPE C#RDOBA"]
    assert rec.comments == ["note"]


def test_codeless_primary_joins_the_next_record_only_when_it_names_the_same():
    lines = [
        "MAX_MUELLER_\n",
        "PRESIDENT_MAX_MUELLER\n",
        "\t[DEUGOV 900101-991231]\n",
        "ANNA_SCHMIDT_\n",  # codeless, and the next record is somebody else
        "OTTO_WEBER_\n",
        "\t[DEUGOV 000101-051231]\n",
    ]
    recs = parse_actor_lines(lines, "t")
    assert [r.names for r in recs] == [
        ["MAX MUELLER", "PRESIDENT MAX MUELLER"],
        ["ANNA SCHMIDT"],
        ["OTTO WEBER"],
    ]
    assert recs[1].restrictions == []
