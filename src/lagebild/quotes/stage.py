"""The quotes stage and spaCy component: a tagged Doc → `Quote` records."""

from __future__ import annotations

from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from lagebild.quotes.attribute import ActorLinker
from lagebild.quotes.detect import Cand, QuoteDetector
from lagebild.quotes.record import Quote, Speaker, span_of
from lagebild.quotes.tokens import TokenView

if not Doc.has_extension("quotes"):
    Doc.set_extension("quotes", default=None)


@lru_cache(maxsize=1)
def default_detector() -> QuoteDetector:
    return QuoteDetector()


def quotes_from_doc(doc, actors=None, detector: QuoteDetector | None = None, text: str | None = None) -> list[Quote]:
    """Every quotation of a tagged Doc as `Quote` records (offsets into `text`, by default the Doc's text)."""
    view = TokenView(doc)
    cands = (detector or default_detector())(view)
    return build_quotes(cands, view, text if text is not None else doc.text, actors)


def build_quotes(cands: list[Cand], view: TokenView, text: str, actors=None) -> list[Quote]:
    linker = ActorLinker(view, actors)
    quotes: list[Quote] = []
    resolved: dict[tuple[int, ...], str | None] = {}
    for c in sorted(cands, key=lambda c: (min(c.source) if c.source else min(c.message), c.nested)):
        key = tuple(c.source)
        if key not in resolved:
            # a relative pronoun (`…, der sagte`) is linked through the noun phrase it stands for
            link = getattr(c, "ref", None) or c.source
            resolved[key] = linker.link(link) if link else None
    for c in cands:
        message = span_of(c.message, view, text, strip_marks=c.form == "direct")
        if message is None:
            continue
        speaker = span_of(c.source, view, text, cls=Speaker, actor=resolved.get(tuple(c.source))) if c.source else None
        cue = span_of(c.cue, view, text) if c.cue else None
        addressee = span_of(c.addressee, view, text) if c.addressee else None
        quotes.append(Quote(c.form, speaker, cue, message, addressee, mode=c.mode, nested=c.nested, rule=c.rule,
                            tokens={"cue": list(c.cue), "source": list(c.source), "message": list(c.message),
                                    "addressee": list(c.addressee)}))
    quotes.sort(key=lambda q: (q.message.start, q.nested))
    return quotes


class QuoteComponent:
    """spaCy component: sets ``doc._.quotes`` (reads ``doc._.actors`` when the actor component ran)."""

    def __init__(self, detector: QuoteDetector | None = None):
        self.detector = detector or default_detector()

    def __call__(self, doc: Doc) -> Doc:
        actors = doc._.actors if Doc.has_extension("actors") else None
        doc._.quotes = quotes_from_doc(doc, actors, self.detector)
        return doc


@Language.factory("lagebild_quotes", default_config={})
def make_quote_component(nlp: Language, name: str) -> QuoteComponent:
    return QuoteComponent()


class QuoteStage:
    """Pipeline stage: fills `Article.quotes` from the tagged Doc and the article's actors."""

    name = "quotes"

    def __init__(self, detector: QuoteDetector | None = None):
        self.detector = detector or default_detector()

    def __call__(self, article):
        doc = getattr(article, "doc", None)
        if doc is None:  # no language layer (not German): no quotes layer
            return article
        actors = article.actors
        if actors is None and Doc.has_extension("actors"):
            actors = doc._.actors
        quotes = quotes_from_doc(doc, actors, self.detector, text=article.text)
        doc._.quotes = quotes
        article.quotes = quotes
        if self.name not in article.layers:
            article.layers.append(self.name)
        return article
