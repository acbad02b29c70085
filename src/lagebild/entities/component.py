"""The statistical NER inside our German `Language`, and as an optional pipeline layer.

    nlp.add_pipe("lagebild_ner")          # after the language components

The shipped model (`load_ner`: an ensemble of models decoding together,
see ``ensemble.py``) has its own vocabulary and lexical features, so the
component runs it on the words of each sentence of the Doc (batched)
and writes the entities it finds to ``doc.ents``; the actor resolver after it
reads them (names it does not know from the dictionary become PER/ORG/LOC/MISC
entities, and known ones get their actor). `NerStage` is the same thing as
the pipeline layer ``ner`` — off by default for its cost (see the README:
`--layers structure,language,ner,actors,quotes,events`).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans


class NerComponent:
    def __init__(self, batch_size: int = 64):
        self.batch_size = batch_size
        self._ner = None

    @property
    def ner(self):
        if self._ner is None:
            from lagebild.entities import load_ner

            self._ner = load_ner()
        return self._ner

    def __call__(self, doc: Doc) -> Doc:
        ner = self.ner
        sents = list(doc.sents) if doc.has_annotation("SENT_START") else [doc[:]]
        sents = [s for s in sents if any(not t.is_space for t in s)]
        inputs = [Doc(ner.vocab, words=[t.text if t.text.strip() else "_" for t in s]) for s in sents]
        found: list[Span] = []
        for sent, tagged in zip(sents, ner.pipe(inputs, batch_size=self.batch_size)):
            for ent in tagged.ents:
                span = Span(doc, sent.start + ent.start, sent.start + ent.end, label=ent.label_)
                if not any(t.is_space for t in span):
                    found.append(span)
        doc.ents = filter_spans([*doc.ents, *found])
        return doc


@Language.factory("lagebild_ner", default_config={"batch_size": 64})
def make_ner_component(nlp: Language, name: str, batch_size: int) -> NerComponent:
    return NerComponent(batch_size)


class NerStage:
    """Pipeline layer ``ner``: the statistical entities on `article.doc`, before the actor layer."""

    name = "ner"

    def __init__(self, component: NerComponent | None = None):
        self.component = component or NerComponent()

    def __call__(self, article):
        doc = getattr(article, "doc", None)
        if doc is None:  # not German: no language layer, no entities
            return article
        self.component(doc)
        if self.name not in article.layers:
            article.layers.append(self.name)
        return article
