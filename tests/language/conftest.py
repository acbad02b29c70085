"""Fixtures of the language-layer tests: one German Language per session, no user cache."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def nlp():
    from lagebild.language import build_language

    return build_language({"lagebild_hanta": {"user_cache": False}})


@pytest.fixture(scope="session")
def analyse(nlp):
    """text → list of (text, tag, pos, lemma, morph) per non-space token."""

    def run(text: str):
        return [(t.text, t.tag_, t.pos_, t.lemma_, str(t.morph)) for t in nlp(text) if not t.is_space]

    return run


def token(doc, text: str, nth: int = 0):
    hits = [t for t in doc if t.text == text]
    assert len(hits) > nth, f"{text!r} not in {[t.text for t in doc]}"
    return hits[nth]
