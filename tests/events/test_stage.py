"""The events stage and the event record of the output contract."""

from __future__ import annotations

from types import SimpleNamespace

from lagebild.events.stage import EventStage

CONTRACT_KEYS = {"type", "mode", "cameo", "source", "target", "date", "trigger", "sentence", "negated", "modality",
                 "quote", "goldstein", "confidence", "rule", "location"}


def test_record_fields(analyse):
    text = "Mattis erneuerte am Mittwoch in Washington die Warnung an Nordkorea vor militärischen Folgen."
    art = analyse(text, "2017-08-17")
    assert art.layers[-1] == "events"
    (e,) = [e.to_dict() for e in art.events if e.type == "THREATEN"]
    assert set(e) == CONTRACT_KEYS
    assert set(e["source"][0]) == {"text", "code", "sector", "actor"}
    assert e["source"][0]["code"] == "USA" and e["source"][0]["actor"]
    assert text[e["trigger"]["start"]:e["trigger"]["end"]].startswith("erneuerte")
    assert text[e["sentence"]["start"]:e["sentence"]["end"]] == text
    assert e["date"] == "2017-08-16"
    assert e["goldstein"] == -4.0 or e["goldstein"] <= -4.0
    assert 0 < e["confidence"] <= 1
    assert e["location"]["text"] == "Washington"


def test_no_doc_no_layer():
    art = SimpleNamespace(text="Hello world.", published=None, layers=["structure"], actors=None, events=None, doc=None)
    EventStage()(art)
    assert art.events is None and art.layers == ["structure"]


def test_one_event_per_type_source_target_date(analyse):
    art = analyse("Die USA kritisierten Nordkorea. Die USA kritisierten Nordkorea erneut scharf.", "2017-08-17")
    accuse = [e for e in art.events if e.type == "ACCUSE"]
    assert len(accuse) == 1


def test_article_record_serialises_events(analyse):
    from lagebild.record import Article, Source

    a = analyse("Die Polizei nahm in Teheran 170 Demonstranten fest.", "2009-06-16")
    art = Article(id="x", source=Source("-", "text"), language="de", title=None, text=a.text, layers=a.layers,
                  actors=a.actors, events=a.events)
    rec = art.to_dict()
    assert rec["events"][0]["type"] == "COERCE"
