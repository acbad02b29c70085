"""Helpers for the events tests: German text → events with the real language and actor layers."""

from __future__ import annotations

from types import SimpleNamespace

import pytest


@pytest.fixture(scope="session")
def nlp():
    from lagebild.language import build_language

    return build_language({"lagebild_hanta": {"user_cache": False}})


@pytest.fixture(scope="session")
def analyse(nlp):
    """analyse(text, published=None) → the article namespace after language, actors and events."""
    from lagebild.actors.component import ActorStage
    from lagebild.events.stage import EventStage

    actors = ActorStage()
    events = EventStage()

    def run(text: str, published: str | None = "2017-08-17"):
        art = SimpleNamespace(text=text, published=published, layers=[], actors=None, entities=None, events=None)
        art.doc = nlp(text)
        actors(art)
        events(art)
        return art

    return run


@pytest.fixture(scope="session")
def events_of(analyse):
    """events_of(text) → list of event dicts (output contract)."""

    def run(text: str, published: str | None = "2017-08-17"):
        return [e.to_dict() for e in analyse(text, published).events]

    return run


def find(events, type_=None, source=None, target=None, counting=None):
    """Events with the given type and source/target codes (a code must be among the participants')."""
    out = []
    for e in events:
        if type_ and e["type"] != type_:
            continue
        if source and source not in {p["code"] for p in e["source"]}:
            continue
        if target and target not in {p["code"] for p in e["target"]}:
            continue
        if counting is not None and counting != (not e["negated"] and e["modality"] != "hypothetical"):
            continue
        out.append(e)
    return out
