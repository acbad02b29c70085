"""The seed article through the whole pipeline plus the quotes stage: the statements of Tillerson,
Trump and Mattis found and attributed to the right actors."""

from __future__ import annotations

import pytest

from tests.conftest import need_shared


@pytest.fixture(scope="module")
def seed():
    path = need_shared("examples", "tagesschau-2017-08-17.txt")
    import lagebild
    from lagebild.quotes import QuoteStage

    article = lagebild.analyze(str(path))
    if getattr(article, "doc", None) is None or article.actors is None:
        pytest.skip("the pipeline has no language/actor layer here")
    if article.quotes is None:  # the pipeline does not run the quotes stage itself (yet)
        article = QuoteStage()(article)
    return article


def actor_named(article, surname):
    return next(a.id for a in article.actors if a.name.endswith(surname))


def find(article, fragment, form=None):
    hits = [q for q in article.quotes if fragment in q.message.text and (form is None or q.form == form)]
    assert hits, [q.to_dict() for q in article.quotes]
    return hits[0]


def test_layer_recorded(seed):
    assert "quotes" in seed.layers
    assert all(set(q) == {"form", "speaker", "cue", "message", "addressee"} for q in seed.to_dict()["quotes"])


def test_tillerson_indirect_statement(seed):
    q = find(seed, "es gebe keine unmittelbare Bedrohung", "indirect")
    assert q.cue.text == "betonte"
    assert q.speaker.text == "Tillerson" and q.speaker.actor == actor_named(seed, "Tillerson")


def test_tillerson_mixed_quote(seed):
    q = find(seed, "keinen Grund für schlaflose Nächte", "direct")
    assert q.message.text == "keinen Grund für schlaflose Nächte"
    assert q.speaker.actor == actor_named(seed, "Tillerson")


def test_tillerson_direct_quote(seed):
    q = find(seed, "Die Provokationen durch das Raketenprogramm Nordkoreas sind nicht akzeptabel und müssen sofort aufhören",
             "direct")
    assert q.cue.text == "betonte"
    assert q.speaker.actor == actor_named(seed, "Tillerson")


def test_trump_sehr_weise(seed):
    q = find(seed, "sehr weise", "direct")
    assert q.message.text == "sehr weise"
    assert q.cue.text == "begrüßte"
    assert q.speaker.text == "Trump" and q.speaker.actor == actor_named(seed, "Trump")


def test_mattis_warning(seed):
    q = find(seed, "schwere militärische Folgen", "indirect")
    assert "Warnung" in q.cue.text
    assert q.speaker.actor == actor_named(seed, "Mattis")
    inner = find(seed, "schwere militärische Folgen", "direct")
    assert inner.message.text == "schwere militärische Folgen" and inner.speaker.actor == actor_named(seed, "Mattis")


def test_offsets_point_into_the_text(seed):
    for q in seed.quotes:
        for span in (q.speaker, q.cue, q.message, q.addressee):
            if span is None:
                continue
            if span.parts:
                assert span.text == " ".join(seed.text[s:e] for s, e in span.parts)
            else:
                assert seed.text[span.start:span.end] == span.text
