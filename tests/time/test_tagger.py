"""Temporal expressions, one per rule, resolved against a publication date."""

from __future__ import annotations

import datetime as dt

import pytest

from lagebild.time import TimeTagger, easter


@pytest.fixture(scope="module")
def tagger():
    return TimeTagger()


def resolve(tagger, text, published, future=False):
    found = [e for e in tagger.find(text)]
    assert found, f"no expression in {text!r}"
    return found[0].resolve(published, future)


@pytest.mark.parametrize("text,published,future,expected", [
    # weekday: the most recent one on or before publication for past events …
    ("Am Mittwoch trafen sich die Minister.", "2017-08-17", False, "2017-08-16"),
    ("Am Donnerstag sagte er …", "2017-08-17", False, "2017-08-17"),
    ("Am Donnerstagnachmittag stürzte das Flugzeug ab.", "2005-09-20", False, "2005-09-15"),
    # … and the next one on or after it for future events
    ("Am Donnerstag ist ein Treffen geplant.", "2006-05-31", True, "2006-06-01"),
    ("Die Minister kommen am Sonntag zusammen.", "2005-10-02", True, "2005-10-02"),
    ("den für den kommenden Sonntag angesetzten Wahlen", "2006-03-26", True, "2006-04-02"),
    ("in der Nacht zum Freitag", "2017-08-17", False, "2017-08-11"),
    ("am gestrigen Samstag", "2006-03-26", False, "2006-03-25"),
    ("am heutigen Sonntag", "2006-03-26", False, "2006-03-26"),
    # relative days
    ("gestern", "2017-08-17", False, "2017-08-16"),
    ("heute", "2017-08-17", False, "2017-08-17"),
    ("vorgestern", "2017-08-17", False, "2017-08-15"),
    ("am Vortag", "2010-02-16", False, "2010-02-15"),
    ("vor drei Tagen", "2010-02-16", False, "2010-02-13"),
    # dates
    ("am 17. August 2017", "2018-01-01", False, "2017-08-17"),
    ("am 17. August", "2017-08-20", False, "2017-08-17"),
    ("am 19. Juni dieses Jahres", "2006-08-23", False, "2006-06-19"),
    ("Donnerstag, dem 2. Dezember 2004", "2004-12-04", False, "2004-12-02"),
    ("Stand: 17.08.2017 22:11 Uhr", "2017-08-18", False, "2017-08-17"),
    # months and parts of months
    ("Anfang August", "2017-08-17", False, "2017-08"),
    ("Ende Juni", "2017-08-17", False, "2017-06"),
    ("Ende Mai 2010", "2011-07-20", False, "2010-05"),
    ("im Oktober", "2010-01-28", False, "2009-10"),
    ("im April letzten Jahres", "2020-01-05", False, "2019-04"),
    # periods
    ("vergangene Woche", "2005-10-02", False, "2005-09"),
    ("im letzten Monat", "2008-09-10", False, "2008-08"),
    ("während des Wochenendes", "2009-06-16", False, "2009-06"),
    # holidays
    ("am Ostersonntag", "2017-04-17", False, "2017-04-16"),
])
def test_resolution(tagger, text, published, future, expected):
    assert resolve(tagger, text, published, future) == expected


@pytest.mark.parametrize("text", ["Im Jahr 2007 erklärte die Regierung …", "Zuvor hatte er gedroht.",
                                  "vor einigen Wochen"])
def test_vague_expressions_give_no_date(tagger, text):
    found = tagger.find(text)
    assert found and all(e.kind == "vague" and e.resolve("2020-01-05") is None for e in found)


def test_spans_and_offset(tagger):
    text = "Die Minister trafen sich am Mittwoch in Paris."
    (e,) = tagger.find(text, offset=100)
    assert text[e.start - 100:e.end - 100] == "am Mittwoch"
    assert e.rule == "weekday"


def test_no_expression(tagger):
    assert tagger.find("Die Minister trafen sich in Paris.") == []


def test_easter():
    assert easter(2017) == dt.date(2017, 4, 16)
    assert easter(2024) == dt.date(2024, 3, 31)


def test_without_publication_date(tagger):
    (e,) = tagger.find("am Mittwoch")
    assert e.resolve(None) is None
    (e,) = tagger.find("am 17. August 2017")
    assert e.resolve(None) == "2017-08-17"
