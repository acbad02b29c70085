"""One language pipeline for the quote tests, and helpers to run the layer on a sentence."""

from __future__ import annotations

import pytest

from lagebild.record import Actor


@pytest.fixture(scope="session")
def nlp():
    from lagebild.language import build_language

    return build_language({"lagebild_hanta": {"user_cache": False}})


@pytest.fixture(scope="session")
def run(nlp):
    """run(text, actors=None) → list of quote records (dicts) plus the Quote objects."""
    from lagebild.quotes import quotes_from_doc

    def _run(text: str, actors: list[Actor] | None = None):
        doc = nlp(text)
        return quotes_from_doc(doc, actors)

    return _run


def actor_at(text: str, aid: str, name: str, kind: str = "person", role: str | None = None, *surfaces: str) -> Actor:
    """An Actor with a mention at every occurrence of each surface string."""
    mentions = []
    for surface in surfaces or (name,):
        start = 0
        while (k := text.find(surface, start)) >= 0:
            mentions.append((k, k + len(surface)))
            start = k + len(surface)
    return Actor(id=aid, name=name, kind=kind, code=None, sector=None, role=role, mentions=sorted(mentions))
