"""Free indirect speech: Konjunktiv sentences after a quotation or a speech verb continue it without
a cue of their own; and the mood tests (Konjunktiv I, Konjunktiv II only) they rest on."""

from __future__ import annotations

from lagebild.quotes.detect.records import Cand
from lagebild.quotes.detect.words import KONJ2
from lagebild.quotes.tokens import FINITE


class FreeIndirectRules:
    """Mixin of `QuoteDetector` (reads the per-document state it sets: `self.v`, `self.lex`, …)."""

    def _free_indirect(self, units, per_unit) -> list[Cand]:
        """Konjunktiv sentences after a quotation continue it (same speaker, no cue); a Konjunktiv I
        sentence after a sentence with a speech verb is reported speech of that verb's subject."""
        v = self.v
        out: list[Cand] = []
        u = 0
        while u < len(units):
            cands = [c for c in per_unit[u] if not c.nested and (c.source or c.cue)]
            ante = cands[-1] if cands else None
            start = u + 1
            if ante is None:
                # a new chain: Konjunktiv I without a frame; the speaker is the subject of a speech verb in the
                # sentence or two before, else unknown (sollen alone — soll … geflohen sein — is too often plain
                # news to start a chain; it only continues one)
                a, b = units[u]
                if per_unit[u] or not self._konjunktiv_unit(a, b, strict=True):
                    u += 1
                    continue
                own = self._frame_rest(u)
                if own is not None:
                    out.append(own)
                    per_unit[u] = [own]
                    continue  # the sentence has its own speech frame; a chain may follow it
                source, mode = self._speaker_before(u, per_unit)
                ante = Cand("reported", [], source or [], [], mode=mode, unit=u)
                start = u
            w = start
            run: list[int] = []
            while w < len(units) and all(c.rule == "continued-fragment" for c in per_unit[w]):
                a, b = units[w]
                if not self._konjunktiv_unit(a, b, strict=False, chain=True):
                    break
                own = self._frame_rest(w)
                if own is not None:
                    # Sie warnte vor einer Katastrophe, wenn … werde: a frame of its own ends the chain
                    self._dropped.update(id(x) for x in per_unit[w])
                    out.append(own)
                    per_unit[w] = [own]
                    break
                run.append(w)
                w += 1
            if run:
                msg = [i for k in run for i in range(units[k][0], units[k][1]) if not v.space[i]]
                source = ante.source
                c = Cand("free_indirect", [], source, msg, [], [], ante.mode, rule="free-indirect", unit=run[0], verb=ante.verb)
                c.spkatt_form = "IndirectFreeIndirect" if ante.form in ("indirect", "free_indirect") else "FreeIndirect"
                out.append(c)
                nested = []
                for q in v.quotes:
                    if q.open in msg and (v.qid[q.open] < 0 or v.quotes[v.qid[q.open]] is q) and \
                            self._quote_class(q) in ("full", "fragment"):
                        nested.append(Cand("direct", [], source, list(range(q.open, q.close + 1)), mode=ante.mode,
                                           nested=True, rule="mixed-free", unit=run[0], verb=ante.verb))
                out.extend(nested)
                for k in run:
                    self._dropped.update(id(x) for x in per_unit[k])
                    per_unit[k] = [c]
            u = w if run else u + 1
        return out

    def _frame_rest(self, u: int) -> Cand | None:
        """A speech verb frame of unit u that found no message clause of its own (warnte vor X, wenn …; kann
        nicht glauben, was passiert sei): the rest of the Konjunktiv sentence is its message."""
        v = self.v
        for fr in self._frames_of.get(u, []):
            if fr.used or fr.kind != "verb" or fr.entry is None or fr.passive or not fr.source or fr.finite is None:
                continue
            if v.sub[fr.finite] and not self._konj2_only(fr.finite) or fr.layout == "vl":
                continue
            frame = set(fr.frame_tokens) | set(fr.cue) | set(fr.source)
            a, b = self._unit_ranges[u]
            msg = self._strip([i for i in range(a, self._trim_end(a, b)) if not v.space[i] and i not in frame])
            fins = [i for i in msg if v.tag[i] in FINITE and v.qid[i] < 0]
            if len([i for i in msg if v.tag[i][:1] != "$"]) < 3 or not any(v.sub[i] for i in fins):
                continue
            fr.used = True
            return Cand("indirect", fr.cue, fr.source, msg, fr.addressee, fr.frame_tokens, fr.mode,
                        rule="frame-rest", unit=u, verb=fr.entry)
        return None

    def _speaker_before(self, u: int, per_unit) -> tuple[list[int] | None, str]:
        """The subject of a speech verb in the one or two sentences before unit u."""
        for k in range(u - 1, max(-1, u - 3), -1):
            for fr in reversed(self._frames_of.get(k, [])):
                if fr.kind == "verb" and fr.entry is not None and fr.source and not fr.passive:
                    return fr.source, fr.mode
        if u > 0:
            # no speech verb: the subject of the sentence before, when it names someone (a name, a person or
            # institution noun phrase, a personal pronoun): `ROG gibt keine Entwarnung. Die Lage sei …`
            subject = self._unit_subject(*self._unit_ranges[u - 1])
            if subject:
                return subject, "speech"
        # nor a subject that names someone: the source of a quotation in the two sentences before, whose account
        # the Konjunktiv goes on with (`Nach Angaben der Feuerwehr brannten zwei Häuser. Die Straße ist gesperrt.
        # Verletzt worden sei niemand.`)
        for k in range(u - 1, max(-1, u - 3), -1):
            for c in reversed(per_unit[k]):
                if c.source and not c.nested:
                    return c.source, c.mode
        return None, "speech"

    def _konjunktiv_unit(self, a: int, b: int, strict: bool = False, chain: bool = False) -> bool:
        """Reported speech by mood: a Konjunktiv I finite verb (sei, habe, gebe) outside quotation marks; in a
        running chain also Konjunktiv II (wäre, würden) and the hearsay modal sollen (soll … haben)."""
        v = self.v
        fin = [i for i in range(a, b) if v.tag[i] in FINITE and v.qid[i] < 0]
        if not fin:
            return False
        if any(v.sub[i] and not self._konj2_only(i) for i in fin):
            return True
        if strict:
            return False
        if v.sub[fin[0]]:
            return True
        return chain and v.lemma[fin[0]] == "sollen"

    def _konj2_only(self, i: int) -> bool:
        return self.v.lower[i] in KONJ2
