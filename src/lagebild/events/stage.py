"""The events pipeline stage: `article.doc` + `article.actors` → `article.events`."""

from __future__ import annotations

from lagebild.events.coder import EventCoder
from lagebild.events.quote_link import link_quotes


class EventStage:
    """Codes the events of a German article (needs the language and actor layers; uses the quotes
    layer's speakers where it ran).

    For articles without a Doc (not German, the language layer did not run)
    it does nothing: the record then has no ``events`` field and ``layers``
    does not list "events".
    """

    name = "events"

    def __init__(self, coder: EventCoder | None = None):
        self.coder = coder or EventCoder()

    def __call__(self, article):
        doc = getattr(article, "doc", None)
        if doc is None:
            return article
        actors = article.actors if article.actors is not None else list(getattr(doc._, "actors", None) or [])
        quotes = getattr(article, "quotes", None)
        article.events = self.coder(doc, actors, article.published, article.text, quotes=quotes)
        if quotes:
            link_quotes(article.events, quotes)
        if self.name not in article.layers:
            article.layers.append(self.name)
        return article
