"""Frames built on a verb: the cue verb with its particle, auxiliaries, `sich` and correlate (the verb
complex), a speech noun in a support-verb frame (äußerte die Hoffnung, dass) and a predicative adjective
(zeigte sich überzeugt, dass); `_frames` finds every frame of a unit's segments."""

from __future__ import annotations

from lagebild.quotes.detect.records import Frame, Seg
from lagebild.quotes.detect.words import COPULAS, CORRELATES, SO_WORDS
from lagebild.quotes.lexicon import VerbEntry
from lagebild.quotes.tokens import DETS, FINITE, NONFINITE, NOUNS


class FrameRules:
    """Mixin of `QuoteDetector` (reads the per-document state it sets: `self.v`, `self.lex`, …)."""

    def _frames(self, segs: list[Seg], a: int, b: int) -> list[Frame]:
        v = self.v
        frames: list[Frame] = []
        taken: set[int] = set()
        for s, seg in enumerate(segs):
            toks = [i for i in range(seg.start, seg.end) if v.qid[i] < 0 and not v.space[i]]
            if not toks:
                continue
            # so X / so schätzen die Forscher
            first = toks[0]
            if v.lower[first] in SO_WORDS and s > 0 and seg.sep in (",", "–", "-", "—", "(") and v.tag[first] == "ADV":
                fr = self._so_frame(s, seg, toks)
                if fr:
                    frames.append(fr)
                    taken.update(fr.cue)
                    continue
            if v.lower[first] == "wie" and v.tag[first] in ("KOKOM", "PWAV", "KOUS"):
                fr = self._wie_frame(s, seg, toks)
                if fr:
                    frames.append(fr)
                    taken.update(fr.cue)
                    continue
            # verbs
            finites = [i for i in toks if v.tag[i] in FINITE]
            if not finites and s == 0 and len(toks) > 2:
                # a tagger slip (sagen/VVINF after the subject): a lexicon verb in second position acts as finite
                guess = [i for i in toks[1:4] if v.tag[i] in ("VVINF", "VVPP") and self.lex.verb(v.lemma[i]) is not None
                         and v.tag[i - 1] in NOUNS | {"PPER", "ADV"}]
                if not guess and self._np_start(toks[0]):
                    # … after a longer subject: Josef Schuster vom Zentralrat der Juden kritisiert/VVPP, dass …
                    np = self._np(toks[0], seg.end, apposition=False)
                    if np is not None and np[1] < seg.end and v.tag[np[1]] in ("VVINF", "VVPP") and \
                            self.lex.verb(v.lemma[np[1]]) is not None and self._complement_follows(s, segs) in ("dass", "w", "v2sub", "colon"):
                        guess = [np[1]]
                finites = guess[:1]
            aux_before = [i for i in finites if v.tag[i] in ("VAFIN", "VMFIN")]
            for f in finites:
                if f in taken:
                    continue
                if f == toks[-1] and v.tag[f] == "VVFIN" and aux_before and aux_before[0] < f and \
                        not self._subordinate(seg):
                    continue  # read with its auxiliary
                if v.sub[f] and not self._konj2_only(f) and self._after_quote():
                    continue  # er wisse nicht, … : reported speech goes on (free indirect), no new frame
                fr = self._verb_frame(s, seg, toks, f, segs)
                if fr:
                    frames.append(fr)
                    taken.update(fr.cue)
            # source prepositions
            prep_words = self._prep_words
            for i in toks:
                if i in taken or v.lower[i] not in prep_words:
                    continue
                fr = self._prep_frame(s, seg, toks, i, segs)
                if fr:
                    frames.append(fr)
                    taken.update(fr.cue)
        frames.sort(key=lambda fr: fr.cue[0])
        return frames

    def _after_quote(self) -> bool:
        u = self._u
        return u > 0 and any(not c.nested and c.source for c in self._per_unit[u - 1])

    def _verb_complex(self, seg_toks: list[int], f: int) -> tuple[list[int], int, str | None, int | None]:
        """The verbal tokens of finite verb f, its lexical verb, the separated particle and its token."""
        v = self.v
        pos = seg_toks.index(f)
        verbs = [f]
        particle = None
        # verb-final clause: non-finite verbs directly before f
        j = pos - 1
        while j >= 0 and v.tag[seg_toks[j]] in NONFINITE:
            verbs.insert(0, seg_toks[j])
            j -= 1
        if j >= 0 and v.lower[seg_toks[j]] in self.lex.particles and v.tag[seg_toks[j]] in ("PTKVZ", "ADJD", "ADV") \
                and (len(verbs) > 1 or pos == len(seg_toks) - 1):
            particle = seg_toks[j]  # (wie X) bekannt gab / bekannt gegeben hat
        # verb-second: non-finite verbs and particle at the right bracket (end of segment)
        if len(verbs) == 1:
            tail = seg_toks[pos + 1:]
            k = len(tail) - 1
            if tail and v.tag[f] in ("VAFIN", "VMFIN") and v.tag[tail[-1]] == "VVFIN" and v.qid[tail[-1]] < 0:
                verbs.append(tail[-1])  # hatte … betont/VVFIN: a participle the tagger read as finite
                k -= 1
            while k >= 0 and (v.tag[tail[k]] in NONFINITE | {"PTKVZ", "PTKZU"} or particle is None and len(verbs) > 1 and
                              v.tag[tail[k]] in ("ADJD", "ADV") and v.lower[tail[k]] in self.lex.particles):
                if v.tag[tail[k]] in ("PTKVZ", "ADJD", "ADV"):
                    particle = tail[k]  # teilte … mit / hat bekannt gegeben
                elif v.tag[tail[k]] != "PTKZU":
                    verbs.append(tail[k])
                k -= 1
            if particle is None and tail and v.tag[tail[-1]] in ("ADJD", "PTKVZ") and v.lower[tail[-1]] in self.lex.particles:
                particle = tail[-1]
        if particle is not None and not isinstance(particle, int):
            particle = None
        lexical = None
        for i in reversed(verbs):
            if v.tag[i].startswith("VV"):
                lexical = i
                break
        if lexical is None:
            nonfinite = sorted(i for i in verbs if v.tag[i] in NONFINITE)
            lexical = nonfinite[0] if nonfinite else f  # bekannt geworden war → werden
        verbs.sort()
        return verbs, lexical, (v.lower[particle] if particle is not None else None), particle

    def _verb_frame(self, s: int, seg: Seg, toks: list[int], f: int, segs: list[Seg]) -> Frame | None:
        v = self.v
        verbs, lexical, particle, ptok = self._verb_complex(toks, f)
        lemma = v.lemma[lexical]
        entry = self.lex.verb(lemma, particle)
        if entry is None and v.tag[lexical] == "VVPP" and any(v.lemma[i] in ("werden", "haben") for i in verbs):
            entry = self.lex.verb(self._participle_lemma(v.lower[lexical]) or "", particle)
        cue = list(verbs)
        if ptok is not None and (entry is None or entry.particle == particle):
            cue.append(ptok)
        kind = "verb"
        mode = entry.mode if entry else "speech"
        passive = False
        if entry is not None and entry.reflexive is None and self._reflexive_use(toks, f, verbs):
            entry = None  # versprach sich, meldete sich zu Wort: another verb
        if entry is not None and entry.needs_prep and not self._prep_present(toks, entry):
            entry = None  # hielt einen Vortrag (≠ hielt es für möglich)
        if entry is not None and v.tag[lexical] == "VVIZU":
            entry = None  # ist davon auszugehen: modal passive, nobody speaks
        support = self._support_noun(toks, f)
        if entry is None and support is None and not (
                v.tag[toks[-1]] in ("ADJD", "VVPP", "ADJA") and v.lower[toks[-1]] in self.lex.adjectives):
            return None  # no cue verb, no speech noun, no predicative cue adjective: nothing to frame (fast path)
        if support is not None and self._complement_follows(s, segs) in ("dass", "zu", "v2sub", "w", "colon"):
            entry = None  # äußerte die Hoffnung, dass … / vertritt die Ansicht, … : the noun frames the message
        if entry is not None:
            aux = [i for i in verbs if v.lemma[i] == "werden" and v.tag[i].startswith("VA")]
            # werden + participle (also one the tagger read as finite: wird … zitiert/VVFIN)
            passive = bool(aux) and (v.tag[lexical] == "VVPP" or lexical != f and v.tag[lexical] == "VVFIN")
            if passive and entry.mode == "thought" and self._complement_follows(s, segs) not in ("dass", "zu"):
                return None  # wurde gefunden: no speech event (es wird vermutet, dass … is one)
            if entry.reflexive:
                for i in toks:
                    if v.tag[i] == "PRF" and abs(i - f) <= 6:
                        cue.append(i)
                        break
            if entry.preps:
                correlate = next((i for i in toks if v.lower[i] in CORRELATES and any(v.lower[i].endswith(p) for p in entry.preps)), None)
                if correlate is not None:
                    cue.append(correlate)  # wies darauf hin, geht davon aus
                else:
                    prep = next((i for i in toks if v.lower[i] in entry.preps and v.tag[i] in ("APPR", "APPRART")
                                 and v.lower[i] not in self.lex.prepositions_outside_cue), None)
                    if prep is not None:
                        cue.append(prep)  # sprach von, warnte vor, riet zu
                if "als" in entry.preps:
                    for i in toks:
                        if v.lower[i] == "als" and i > f:
                            cue.append(i)
                            break
            if entry.lemma == "heißen":
                es = [i for i in toks if v.lower[i] == "es" and abs(i - f) <= 2]
                if not es:
                    return None
                cue.append(es[0])
            if entry.lemma == "halten":
                # hält es für möglich: es, für and the predicate join the cue
                for k, i in enumerate(toks):
                    if v.lower[i] == "für" and k + 1 < len(toks) and v.tag[toks[k + 1]] in ("ADJD", "ADJA", "NN"):
                        cue.extend([i, toks[k + 1]])
                        es = [j for j in toks if v.lower[j] == "es" and f < j < i]
                        cue.extend(es[:1])
                        break
            if passive and toks[0] < f and v.lower[toks[0]] == "es":
                cue.append(toks[0])  # Es wird vermutet, dass …
            for k in range(len(toks) - 2):
                # zitiert mit den Worten / lehnte mit der Begründung ab
                if v.lower[toks[k]] == "mit" and v.lemma[toks[k + 2]] in self.lex.cue_phrase_nouns and \
                        v.tag[toks[k + 1]] == "ART":
                    cue.extend(toks[k:k + 3])
                    break
        else:
            # support-verb frames: a speech noun or predicative adjective ends the segment
            last = toks[-1]
            if not self._complement_follows(s, segs):
                return None
            if support is not None:
                np_start, noun_tok, tail = support
                cue.extend(range(np_start, noun_tok + 1))
                cue.extend(tail)
                kind, mode = "noun", self.lex.noun(v.lemma[noun_tok]).mode
            elif v.tag[last] in ("ADJD", "VVPP", "ADJA") and v.lower[last] in self.lex.adjectives and v.lemma[f] in COPULAS:
                cue.append(last)
                for i in toks:
                    if v.tag[i] == "PRF" and i > f:
                        cue.append(i)
                        break
                kind, mode = "adj", self.lex.adjectives[v.lower[last]]
            else:
                return None
        cue = sorted(set(cue))
        layout = self._layout(seg, toks, f)
        fr = Frame(kind, cue, s, finite=f, layout=layout, entry=entry, mode=mode, passive=passive)
        fr.source, fr.addressee = self._roles(fr, s, seg, toks, segs)
        if fr.source and set(fr.source) & set(cue):
            fr.source = []
        fr.frame_tokens = list(range(seg.start, seg.end))
        return fr

    def _support_noun(self, toks: list[int], f: int) -> tuple[int, int, list[int]] | None:
        """A speech noun closing the clause of finite verb f (… die Warnung / die Meinung vor / Zweifel daran)."""
        v = self.v
        k = len(toks) - 1
        tail: list[int] = []
        while k >= 0 and (v.tag[toks[k]] in ("PTKVZ", "PROAV", "PAV") or v.lower[toks[k]] in CORRELATES) and len(tail) < 2:
            tail.append(toks[k])
            k -= 1
        if k < 0 or toks[k] <= f or v.tag[toks[k]] != "NN":
            return None
        noun = self.lex.noun(v.lemma[toks[k]])
        if noun is None or not noun.support:
            return None
        last = toks[k]
        start = last
        while start - 1 > f and v.tag[start - 1] in DETS | {"ADJA", "PIAT"}:
            start -= 1
        if start - 1 > f and v.tag[start - 1] in ("APPR", "APPRART"):
            if v.lower[start - 1] not in ("zu", "zum", "zur", "von", "vom", "in", "auf"):
                return None  # gab in einer Mitteilung bekannt: the noun sits in an adverbial phrase
            start -= 1  # kam zu dem Ergebnis, ging von dem Verdacht aus, stellte in Frage
        return start, last, tail

    @staticmethod
    def _participle_lemma(form: str) -> str | None:
        """The infinitive of a participle whose lemma the tagger took for another verb (geraten → raten)."""
        if form.startswith("ge") and len(form) > 5:
            stem = form[2:]
            if stem.endswith("en"):
                return stem
            if stem.endswith("t"):
                return stem[:-1] + "en"
        return None

    def _reflexive_use(self, toks: list[int], f: int, verbs: list[int]) -> bool:
        v = self.v
        for i in toks:
            if v.tag[i] == "PRF" and (i == f + 1 or i == f + 2 and v.tag[f + 1] in ("PPER", "NE", "NN", "ADV")):
                return True
        return False

    def _prep_present(self, toks: list[int], entry: VerbEntry) -> bool:
        v = self.v
        for i in toks:
            low = v.lower[i]
            if low in entry.preps or low in CORRELATES and any(low.endswith(p) for p in entry.preps):
                return True
            if low.startswith("dar") and low[3:] in entry.preps or low.startswith("da") and low[2:] in entry.preps:
                return True
        return False

    def _layout(self, seg: Seg, toks: list[int], f: int) -> str:
        v = self.v
        first = toks[0]
        if v.tag[first] in ("KOUS", "PRELS", "PRELAT", "PWAV", "PWS", "KOUI") or v.lower[first] == "wie":
            return "vl"
        named_before = any(v.is_mark[i] and v.qid[i] >= 0 and self._quote_class(v.quotes[v.qid[i]]) == "name"
                           for i in range(seg.start, f))
        if first == f and not named_before:
            return "v1"
        if first != f and v.tag[first] == "KON" and len(toks) > 1 and toks[1] == f:
            return "v1"
        return "v2"
