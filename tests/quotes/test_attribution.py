"""Speakers linked to actors: mentions, pronouns, role nouns, spokespeople; the stage on an Article."""

from __future__ import annotations

from tests.quotes.conftest import actor_at


def speakers(quotes):
    return [(q.speaker.text if q.speaker else None, q.speaker.actor if q.speaker else None) for q in quotes if not q.nested]


def test_speaker_mention_is_the_actor(run):
    text = "Außenminister Heiko Maas sagte, die Gespräche seien gut verlaufen."
    maas = actor_at(text, "a1", "Heiko Maas", "person", "Außenminister", "Heiko Maas")
    (q,) = run(text, [maas])
    assert q.speaker.text == "Außenminister Heiko Maas" and q.speaker.actor == "a1"


def test_pronoun_is_the_nearest_person_before(run):
    text = ("Außenminister Heiko Maas traf in Paris seinen französischen Amtskollegen. "
            "Er sagte, die Gespräche seien gut verlaufen.")
    maas = actor_at(text, "a1", "Heiko Maas", "person", "Außenminister", "Heiko Maas")
    paris = actor_at(text, "a2", "Paris", "location", None, "Paris")
    quotes = run(text, [maas, paris])
    assert speakers(quotes) == [("Er", "a1")]


def test_feminine_pronoun_skips_a_masculine_role(run):
    text = ("Kanzlerin Angela Merkel empfing Präsident Emmanuel Macron. "
            "Sie sagte, man sei sich einig.")
    merkel = actor_at(text, "a1", "Angela Merkel", "person", "Kanzlerin", "Angela Merkel")
    macron = actor_at(text, "a2", "Emmanuel Macron", "person", "Präsident", "Emmanuel Macron")
    quotes = run(text, [merkel, macron])
    assert speakers(quotes) == [("Sie", "a1")]


def test_role_noun_is_the_actor_with_that_role(run):
    text = ("US-Außenminister Rex Tillerson und Verteidigungsminister Jim Mattis reisten nach Tokio. "
            "Der Außenminister sagte, man stehe an der Seite Japans.")
    tillerson = actor_at(text, "a1", "Rex Tillerson", "person", "Außenminister", "Rex Tillerson")
    mattis = actor_at(text, "a2", "Jim Mattis", "person", "Verteidigungsminister", "Jim Mattis")
    quotes = run(text, [tillerson, mattis])
    assert speakers(quotes) == [("Der Außenminister", "a1")]


def test_generic_role_noun_finds_a_compound_role(run):
    text = "Verteidigungsminister Jim Mattis reiste nach Tokio. Der Minister sagte, man sei vorbereitet."
    mattis = actor_at(text, "a2", "Jim Mattis", "person", "Verteidigungsminister", "Jim Mattis")
    quotes = run(text, [mattis])
    assert speakers(quotes) == [("Der Minister", "a2")]


def test_spokeswoman_speaks_for_her_organisation(run):
    text = ("Das Bundesgesundheitsministerium prüft den Vorfall. "
            "Die Sprecherin des Ministeriums sagte, es gebe noch keine Ergebnisse.")
    ministry = actor_at(text, "a1", "Bundesgesundheitsministerium", "organisation", None, "Bundesgesundheitsministerium")
    quotes = run(text, [ministry])
    assert speakers(quotes) == [("Die Sprecherin des Ministeriums", "a1")]


def test_free_indirect_inherits_the_actor(run):
    text = "Heiko Maas sagte, die Lage sei ruhig. Es gebe keine Verletzten."
    maas = actor_at(text, "a1", "Heiko Maas", "person", "Außenminister", "Heiko Maas")
    quotes = run(text, [maas])
    assert [q.form for q in quotes] == ["indirect", "free_indirect"]
    assert all(q.speaker.actor == "a1" for q in quotes)


def test_stage_sets_quotes_and_layer(nlp):
    from lagebild.quotes import QuoteStage
    from lagebild.record import Article, Source

    text = "„Wir sind bereit“, sagte die Ministerin."
    article = Article(id="x", source=Source("x", "text"), language="de", title=None, text=text, layers=["structure"])
    article.doc = nlp(text)
    article.actors = []
    QuoteStage()(article)
    assert article.layers[-1] == "quotes"
    assert [q.to_dict()["message"]["text"] for q in article.quotes] == ["Wir sind bereit"]
    assert article.to_dict()["quotes"][0]["form"] == "direct"


def test_stage_without_doc_does_nothing():
    from lagebild.quotes import QuoteStage
    from lagebild.record import Article, Source

    article = Article(id="x", source=Source("x", "text"), language="en", title=None, text="He said so.", layers=["structure"])
    QuoteStage()(article)
    assert article.quotes is None and article.layers == ["structure"]
    assert "quotes" not in article.to_dict()
