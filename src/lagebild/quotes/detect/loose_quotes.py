"""Quotations without a frame in their own clause: a frame in the clause around them, a colon frame
before them (X sagte: „…“), the previous speaker going on, or a verb-first frame opening the next sentence."""

from __future__ import annotations

from lagebild.quotes.detect.records import Cand, Frame, Seg
from lagebild.quotes.marks import QuoteSpan
from lagebild.quotes.tokens import FINITE, NONFINITE


class LooseQuoteRules:
    """Mixin of `QuoteDetector` (reads the per-document state it sets: `self.v`, `self.lex`, …)."""

    def _frame_around(self, q: QuoteSpan, frames: list[Frame], segs: list[Seg]) -> Frame | None:
        for fr in frames:
            if fr.kind not in ("verb", "so", "wie"):
                continue
            seg = segs[fr.seg]
            if seg.start <= q.open < seg.end and (fr.entry is not None or fr.kind == "so"):
                return fr
        return None

    def _unframed_quote(self, q: QuoteSpan, u: int, a: int, b: int, segs, frames, units, per_unit) -> Cand | None:
        v = self.v
        if self._quote_class(q) != "full":
            # a fragment right after a quote is kept as a quotation, but without the previous speaker: in the
            # next sentence a quoted fragment is mostly a scare quote, a name or someone else's words (none of
            # the 16 speakers this rule gave on SpkAtt task 2 train was right)
            prev = per_unit[-1] if per_unit and u > 0 else []
            if not prev or not any(c.form in ("direct", "indirect") for c in prev):
                return None
            c = next(c for c in reversed(prev) if c.form in ("direct", "indirect"))
            return Cand("direct", [], [], list(range(q.open, q.close + 1)), mode=c.mode, rule="continued-fragment",
                        unit=u)
        msg = list(range(q.open, q.close + 1))
        outside = [i for i in range(a, b) if not v.space[i] and not (q.open <= i <= q.close)]
        words_outside = [i for i in outside if v.tag[i][:1] != "$" and not v.is_mark[i]]
        # X sagte: „…“ / Die Firma widersprach: „…“ in the same unit
        colon = next((i for i in range(q.open - 1, a - 1, -1) if not v.space[i]), None)
        if colon is not None and v.text[colon] == ":" and words_outside:
            return self._colon_frame(q, msg, a, colon, u, frames)
        if not words_outside:
            # a unit of its own: the previous unit ends with a colon, or the previous speaker goes on
            if u > 0:
                pa, pb = units[u - 1]
                last = pb - 1
                while last > pa and v.space[last]:
                    last -= 1
                prev = per_unit[u - 1]
                if v.text[last] == ":":
                    return self._colon_frame(q, msg, pa, last, u, None, prev)
                speaking = [c for c in prev if c.form in ("direct", "indirect", "free_indirect") and c.source]
                if speaking:
                    c = speaking[-1]
                    return Cand("direct", [], c.source, msg, mode=c.mode, rule="continued", unit=u, verb=c.verb)
            return Cand("direct", [], [], msg, rule="unattributed", unit=u)
        # a full quotation inside a sentence without a speech frame, right after other quotes: a quotation whose
        # speaker the sentence does not name
        if u > 0 and any(c.form in ("direct", "indirect", "free_indirect") and c.source for c in per_unit[u - 1]):
            return Cand("direct", [], [], msg, rule="unattributed-inline", unit=u)
        return None

    def _colon_frame(self, q, msg, a, colon, u, frames, prev_cands=None) -> Cand | None:
        v = self.v
        if prev_cands:
            for c in prev_cands:
                if c.cue and max(c.cue) < colon and c.form != "reported" and not c.message:
                    return Cand("direct", c.cue, c.source, msg, c.addressee, mode=c.mode, rule="colon-prev", unit=u)
        # the clause before the colon
        segs = self._segments(a, colon)
        if not segs:
            return None
        seg = segs[-1]
        k = len(segs) - 1
        while k > 0 and self._subordinate(segs[k]):
            k -= 1
        seg = segs[k]
        toks = [i for i in range(seg.start, colon) if not v.space[i] and v.qid[i] < 0]
        if not toks:
            return None
        finites = [i for i in toks if v.tag[i] in FINITE]
        cue: list[int] = []
        mode = "speech"
        source: list[int] = []
        addressee: list[int] = []
        entry = None
        if finites:
            f = finites[0]
            segs = segs[:k + 1] + [Seg(colon + 1, min(colon + 2, v.n), ":")]  # the quotation is the complement
            fr = self._verb_frame(k, seg, toks, f, segs)
            if fr is not None and fr.kind == "verb":
                cue, source, addressee, mode, entry = fr.cue, fr.source, fr.addressee, fr.mode, fr.entry
            else:
                # the clause before the colon is itself reported speech (`X wagte die Prognose, die Abgeordneten
                # würden nicht zustimmen: „…“`): its speaker goes on
                for c in prev_cands or ():
                    if c.source and c.form in ("indirect", "free_indirect") and set(toks) & set(c.message):
                        return Cand("direct", [], c.source, msg, mode=c.mode, rule="continued", unit=u, verb=c.verb)
                fake = Frame("verb", [f], k, finite=f, layout=self._layout(seg, toks, f))
                source, _ = self._roles(fake, k, seg, toks, segs)
                # without a speech verb the clause only names the speaker if its subject is a name, a person
                # or an agent noun (`Die Firma empfindet die Kritik als ungerechtfertigt: „…“`)
                if source and not self._names_speaker(source):
                    source = []
        else:
            np = self._np(toks[0], colon)
            first = next((i for i in range(a, colon) if not v.space[i]), None)
            if first is not None and first < toks[0] and not any(v.tag[i] in FINITE for i in range(a, colon) if v.qid[i] < 0):
                # Erkki Tuomioja, Präsident des Rats der Europäischen Union: „…“ — a name with its apposition
                whole = self._np(first, colon) if self._np_start(first) else None
                if whole and whole[1] >= colon - 1:
                    np = whole
            if np and np[1] >= colon - 1:
                source = self._span(np)
            elif np and self._names_speaker(self._span(np)) and v.tag[np[1]] in ("APPR", "APPRART") and \
                    not any(v.tag[i] in FINITE | NONFINITE for i in range(np[1], colon)):
                # a speaker with a topic or occasion before the colon: `Nina Hagen zur neuen Heimat: „…“`
                source = self._span(np)
        if not source and not cue:
            # a colon without a recognisable speaker: the previous speaker goes on, else nobody known
            u0 = self._u
            for k in range(u0 - 1, max(-1, u0 - 3), -1):
                speaking = [c for c in self._per_unit[k] if c.form in ("direct", "indirect", "free_indirect") and c.source]
                if speaking:
                    c = speaking[-1]
                    return Cand("direct", [], c.source, msg, mode=c.mode, rule="continued", unit=u, verb=c.verb)
            return Cand("direct", [], [], msg, rule="unattributed", unit=u)
        return Cand("direct", cue, source, msg, addressee, mode=mode, rule="colon", unit=u, verb=entry)

    def _names_speaker(self, span: list[int]) -> bool:
        """A name, a personal pronoun or a noun headed by an agent (`Firma`, `Ermittler`, `Sprecherin`)."""
        v = self.v
        if any(v.tag[i] == "NE" or v.lower[i] in ("er", "sie", "wir", "ich") for i in span):
            return True
        nouns = [i for i in span if v.tag[i] == "NN"]
        return bool(nouns) and self.lex.agentive(v.lemma[nouns[0]])

    def _attribute_loose_quotes(self, out: list[Cand], units, per_unit) -> None:
        """A quotation that stands alone gets its speaker from a verb-first frame opening the next sentence
        (`„…“ erklärte die Ministerin.` where the closing mark ends the sentence before), else from the speaker
        of the sentence before once free indirect speech is known (`X sagte: „…“ Die Lage sei ernst. „…“`)."""
        v = self.v
        for c in out:
            if c.rule != "unattributed" or c.unit < 0:
                continue
            u = c.unit
            if u + 1 < len(units):
                a, b = units[u + 1]
                first = next((i for i in range(a, b) if not v.space[i]), None)
                for fr in self._frames_of.get(u + 1, []):
                    if fr.used or not fr.source or first is None or fr.cue[0] != first:
                        continue
                    if fr.kind == "so" or fr.kind == "verb" and fr.layout == "v1" and fr.entry is not None and \
                            "direct" in fr.entry.frames:
                        c.cue, c.source, c.addressee, c.mode, c.verb = fr.cue, fr.source, fr.addressee, fr.mode, fr.entry
                        c.rule = "frame-after"
                        fr.used = True
                        break
                if c.rule == "frame-after":
                    continue
            if u > 0:
                speaking = [d for d in per_unit[u - 1] if d.form in ("direct", "indirect", "free_indirect") and d.source
                            and not d.nested]
                if speaking:
                    c.source, c.mode, c.verb = speaking[-1].source, speaking[-1].mode, speaking[-1].verb
                    c.rule = "continued"
