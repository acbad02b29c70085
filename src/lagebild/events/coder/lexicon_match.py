"""A clause against the event lexicon: its verb entries (lemma with particle, reflexive, preposition,
object noun, negation, actor object) and its idioms (noun + verb).
"""

from __future__ import annotations

from lagebild.events.clauses import NOUN_TAGS, Clause, lem
from lagebild.events.coder.coding_records import ClauseInfo
from lagebild.events.lexicon import Entry, fold

VERB_PARTICLES = {"ab", "an", "auf", "aus", "bei", "dar", "durch", "ein", "fest", "fort", "frei", "her", "herab",
                  "heran", "herauf", "heraus", "herbei", "herein", "herum", "herunter", "hervor", "hin", "hinab",
                  "hinauf", "hinaus", "hinein", "hinzu", "los", "mit", "nach", "nieder", "vor", "voran", "voraus",
                  "vorbei", "weg", "weiter", "wieder", "zu", "zurück", "zusammen", "um", "über", "unter", "entgegen"}


class LexiconMatchMixin:
    """Part of `coder._ArticleRun`: which lexicon entry a clause's verb or idiom matches."""

    def _is_speech_clause(self, c: Clause, info: ClauseInfo) -> bool:
        e, _ = self.match_verb(c, info)
        if e is not None:
            return e.cls == "speech"
        return any(x.cls == "speech" and not x.conditions for x in self._verb_entries(c))

    def _clause_words(self, c: Clause) -> tuple[set[str], list[str]]:
        doc = self.doc
        words = set()
        nouns = []
        for i in c.tokens:
            t = doc[i]
            l = fold(lem(t))
            words.add(l)
            words.add(fold(t.text))
            if t.tag_ in NOUN_TAGS:
                nouns.append(l)
        return words, nouns

    def _verb_entries(self, c: Clause) -> list[Entry]:
        if not c.lemma:
            return []
        lemma = fold(c.lemma)
        entries = self.lex.verbs.get(lemma)
        if entries is None and c.particle is not None and c.lexical is not None and \
                self.doc[c.particle].low not in VERB_PARTICLES:
            # "machen … verantwortlich" lemmatised as one verb: the verb itself, the particle as object word
            entries = self.lex.verbs.get(fold(self.doc[c.lexical].lem))
        if entries is None and c.lexical is not None and self.doc[c.lexical].tag_ in ("VVPP", "VVINF", "VVIZU"):
            # "verantwortlich gemacht" → lemma "verantwortlichmachen": try the known verb at its end
            base = fold(self.doc[c.lexical].lem)
            words = self._clause_words(c)[0]
            for k in range(4, len(base) - 3):
                entries = self.lex.verbs.get(base[k:])
                if entries is not None and base[:k] in words:
                    break
                entries = None
        return entries or []

    def match_verb(self, c: Clause, info: ClauseInfo) -> tuple[Entry | None, bool]:
        """Best verb entry for the clause and whether its negation condition consumed the clause's negation."""
        entries = self._verb_entries(c)
        if not entries:
            return None, False
        words, nouns = self._clause_words(c)
        for e in entries:
            if e.reflexive and not c.reflexive:
                continue
            if e.prep and not (set(e.prep) & c.preps):
                continue
            if e.object and not self._has_object(e.object, words, nouns, c):
                continue
            if e.not_object and self._has_object(e.not_object, words, nouns, c):
                continue
            if e.negated and not c.negation:
                continue
            if e.actor_object and not (self.objects(c, info) or (c.passive and info.subject)):
                continue
            if e.needs_subject and not c.passive and not info.subject:
                continue
            return e, e.negated
        return None, False

    def _has_object(self, objs: tuple[str, ...], words: set[str], nouns: list[str], c: Clause) -> bool:
        for o in objs:
            if o in words:
                return True
            if len(o) >= 4 and any(n.endswith(o) for n in nouns):
                return True
        return False

    def match_idiom(self, c: Clause) -> tuple[Entry | None, int | None]:
        if not c.lemma:
            return None, None
        verb = fold(c.lemma)
        doc = self.doc
        for k, np in enumerate(c.nps):
            for n in np.nouns or [np.head]:
                noun = fold(lem(doc[n]))
                cands = self.lex.idioms.get((noun, verb))
                if not cands:
                    e, head = self.lex.noun(lem(doc[n]))
                    if head:
                        cands = self.lex.idioms.get((head, verb))
                if cands:
                    for e in cands:
                        if e.prep and e.prep[0] not in c.preps and (np.prep or "") != e.prep[0]:
                            continue
                        if "subject" in e.target and not c.passive:
                            # "X befindet sich in Gewahrsam Litauens": the genitive is the source
                            self._idiom_source = [m for m in self.np_mentions(np) if m.start > n] + [
                                m for g in self.attached(c, k) if c.nps[g].gen_of is not None
                                for m in self.np_mentions(c.nps[g])]
                        return e, n
        # adjectives as idiom nouns (stark machen)
        for i in c.tokens:
            if doc[i].tag_ in ("ADJD", "PTKVZ"):
                cands = self.lex.idioms.get((fold(lem(doc[i])), verb))
                if cands:
                    return cands[0], i
        return None, None
