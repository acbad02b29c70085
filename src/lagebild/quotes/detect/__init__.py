"""Rules that find quotations and their frames in a tagged Doc.

Works on STTS tags, lemmas, Konjunktiv (`Mood=Sub`) and quotation marks;
no parser. A document is read in *units* (sentences, merged where a quote
runs across a sentence end), each unit cut into *segments* at commas,
colons, semicolons, dashes and brackets outside quotation marks.

1. Frames: a cue — a speech/thought/writing verb of the lexicon with its
   particle, auxiliaries, `sich` and correlate (teilte … mit, hat angekündigt,
   wies darauf hin), a speech noun in a support-verb frame (erneuerte die
   Warnung, dass), a predicative adjective (zeigte sich überzeugt, dass), a
   source preposition (laut X, X zufolge, nach Angaben X, gemäß X, demnach),
   `so X` and `wie X mitteilte` — with its source (the subject: prefield,
   after the finite verb, after the subordinator, relative pronoun, `von X`
   in the passive) and addressee (dative/accusative object, gegenüber X).
2. Messages by the frame's layout: the complement after the frame
   (dass/ob/w-clause, zu-infinitive, verb-second Konjunktiv clause, anything
   after a colon), the clause before a verb-first frame (…, sagte er / …, so
   X), both sides of an inserted frame („…“, sagte er, „…“), the rest of the
   sentence around a source preposition. A message that is only quotation
   marks' content is a direct quote, else an indirect one; quotations inside
   an indirect message are nested direct (mixed) quotes.
3. Quotations without a frame of their own: after a colon frame (X sagte: /
   Die Firma widersprach:), or a continuation of the previous speaker.
4. Free indirect speech: Konjunktiv sentences following a quote.
5. Reported speech acts: a speech verb with a noun-phrase object and no
   message clause (X kritisierte die Entscheidung).

Layout: `detector` (QuoteDetector: the document and unit loop) composes the rule mixins `segments`,
`quotations`, `frames`, `source_frames`, `speakers`, `noun_phrases`, `messages`, `loose_quotes` and
`free_indirect`; `records` holds Cand/Seg/Frame, `words` the word lists.
"""

from lagebild.quotes.detect.detector import QuoteDetector
from lagebild.quotes.detect.records import Cand, Frame, Seg
from lagebild.quotes.detect.words import (
    COORDINATORS,
    COPULAS,
    CORRELATES,
    DAT_PRONOUNS,
    DEFINITE,
    FRAME_ADVERBS,
    KONJ2,
    NOM_PRONOUNS,
    RELATIVES,
    SO_WORDS,
    TEMPORAL,
)

__all__ = ["COORDINATORS", "COPULAS", "CORRELATES", "Cand", "DAT_PRONOUNS", "DEFINITE", "FRAME_ADVERBS", "Frame", "KONJ2",
           "NOM_PRONOUNS", "QuoteDetector", "RELATIVES", "SO_WORDS", "Seg", "TEMPORAL"]
