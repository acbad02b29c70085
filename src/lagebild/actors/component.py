"""The actor resolver as a spaCy component, and the pipeline stage around it.

For spaCy users: ``nlp.add_pipe("lagebild_actors")`` after the tagger (and
NER); set ``doc._.published`` (ISO date) before the component runs to code
roles as on that day; read ``doc._.actors`` (list of `lagebild.record.Actor`,
mentions as character spans), ``doc._.actor_entities`` and ``doc.ents``
(`lagebild.load_pipeline()` builds all of it).
"""

from __future__ import annotations

from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import filter_spans

from lagebild.actors.dictionary import ActorDictionary
from lagebild.actors.resolve import ActorResolver

for _name, _default in (("published", None), ("actors", None), ("actor_entities", None)):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=_default)


@lru_cache(maxsize=1)
def default_resolver() -> ActorResolver:
    """One resolver (and dictionary) per process."""
    return ActorResolver(ActorDictionary.default())


class ActorComponent:
    """``set_ents``: also write the resolved entities (GPE for states acting politically, the NER's
    others) to ``doc.ents``, for displaCy and spaCy users; the pipeline stage leaves ``doc.ents`` alone."""

    def __init__(self, resolver: ActorResolver, set_ents: bool = False):
        self.resolver = resolver
        self.set_ents = set_ents

    def __call__(self, doc: Doc) -> Doc:
        result = self.resolver(doc, doc._.published)
        doc._.actors = result.actors
        doc._.actor_entities = result.entities
        if self.set_ents:
            spans = []
            for e in result.entities:
                span = doc.char_span(e.start, e.end, label=e.label, alignment_mode="expand")
                if span is not None:
                    spans.append(span)
            doc.ents = filter_spans(spans)
        return doc


@Language.factory("lagebild_actors", default_config={"set_ents": True})
def make_actor_component(nlp: Language, name: str, set_ents: bool) -> ActorComponent:
    return ActorComponent(default_resolver(), set_ents=set_ents)


class ActorStage:
    """Pipeline stage: fills `Article.entities` and `Article.actors` from the tagged Doc."""

    name = "actors"

    def __init__(self, component: ActorComponent | None = None):
        self.component = component or ActorComponent(default_resolver())

    def __call__(self, article):
        doc = getattr(article, "doc", None)
        if doc is None:  # the language layer did not run (not German): no actors layer
            return article
        doc._.published = article.published
        self.component(doc)
        article.entities = list(doc._.actor_entities)
        article.actors = list(doc._.actors)
        for layer in ("entities", "actors"):
            if layer not in article.layers:
                article.layers.append(layer)
        return article
