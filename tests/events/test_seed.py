"""The seed article (tagesschau, 17 August 2017): the events the annotation names."""

from __future__ import annotations

import pytest

from tests.conftest import need_shared
from tests.events.conftest import find


@pytest.fixture(scope="module")
def seed(analyse):
    path = need_shared("examples", "tagesschau-2017-08-17.txt")
    import lagebild
    from lagebild.pipeline import Pipeline

    article = lagebild.analyze(path, pipeline=Pipeline())
    if "events" in article.layers:
        return [e.to_dict() for e in article.events], article.text
    art = analyse(article.text, article.published)
    return [e.to_dict() for e in art.events], article.text


def counting(events):
    return [e for e in events if not e["negated"] and e["modality"] != "hypothetical"]


def test_meeting(seed):
    events, _ = seed
    e = find(counting(events), "CONSULT", "USA", "JPN")
    assert e and "kamen" in e[0]["trigger"]["text"]


def test_agreement_to_expand_defence_cooperation(seed):
    events, _ = seed
    e = find(counting(events), "AGREE", "USA", "JPN")
    assert e and e[0]["cameo"] == "0312"


def test_mattis_threat(seed):
    events, text = seed
    hits = [e for e in find(counting(events), "THREATEN", "USA", "PRK") if "Mattis" in
            text[e["sentence"]["start"]:e["sentence"]["end"]]]
    assert hits and hits[0]["cameo"] == "138" and hits[0]["mode"] == "violence"


def test_tillerson_criticism_and_demand(seed):
    events, _ = seed
    accuse = find(counting(events), "ACCUSE", "USA", "PRK")
    request = find(counting(events), "REQUEST", "USA", "PRK")
    assert accuse and any(p["text"] == "Tillerson" for p in accuse[0]["source"])
    assert request and request[0]["cameo"].startswith("105")


def test_backing_japans_claim(seed):
    events, _ = seed
    assert find(counting(events), "SUPPORT", "USA", "JPN")


def test_trumps_earlier_threat_and_praise_of_kim(seed):
    events, text = seed
    threats = [e for e in find(counting(events), "THREATEN", "USA", "PRK")
               if "Trump" in text[e["sentence"]["start"]:e["sentence"]["end"]]]
    assert threats and threats[0]["date"] is None  # pluperfect background: no date
    praise = [e for e in find(counting(events), "SUPPORT", "USA", "PRK")
              if any(p["text"] == "Trump" for p in e["source"])]
    assert praise and any(p["code"] == "PRK" for p in praise[0]["target"])


def test_kim_backs_down_and_north_korean_threats(seed):
    events, _ = seed
    assert find(counting(events), "CONCEDE", "PRK")
    assert find(counting(events), "MOBILIZE", "PRK")
    assert any(e["trigger"]["text"] == "Drohungen" for e in find(counting(events), "THREATEN", "PRK"))


def test_general_negative_statement_is_no_threat(seed):
    events, text = seed
    for e in find(events, "THREATEN"):
        assert "keine unmittelbare Bedrohung" not in text[e["sentence"]["start"]:e["sentence"]["end"]]
