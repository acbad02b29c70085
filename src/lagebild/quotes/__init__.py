"""The quotes layer: who said what to whom, in which form.

    from lagebild.quotes import QuoteStage
    article = QuoteStage()(article)          # needs article.doc (language layer) and, for actors, article.actors
    [q.to_dict() for q in article.quotes]    # the contract's quote records

Direct quotes in every German quotation style (including quotes over several
sentences and quotes interrupted by their frame), indirect speech (speech
verb with a Konjunktiv or dass-clause, zu-infinitive, `laut X`, `nach
Angaben von X`, `X zufolge`, `wie X mitteilte`, `…, so X`), free indirect
continuations, mixed quotes (quoted words inside indirect speech) and
reported speech acts, each with speaker (linked to an actor), cue, message
and addressee. The rules are in the `detect` package, the cue lexicon in
`data/speech_verbs.yaml`; `lagebild.evaluate.quotes` scores the layer on
SpkAtt-2023 data.
"""

from lagebild.quotes.detect import QuoteDetector
from lagebild.quotes.lexicon import Lexicon
from lagebild.quotes.record import Quote, Span, Speaker
from lagebild.quotes.stage import QuoteComponent, QuoteStage, quotes_from_doc

__all__ = ["Lexicon", "Quote", "QuoteComponent", "QuoteDetector", "QuoteStage", "Span", "Speaker", "quotes_from_doc"]
