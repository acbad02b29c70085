"""Messages: the complement after a frame (dass/ob/w-clause, zu-infinitive, verb-second Konjunktiv clause,
what follows a colon), the clause before a verb-first frame, both sides of an inserted frame, and the rest of
the sentence around a source phrase."""

from __future__ import annotations

from lagebild.quotes.detect.records import Frame, Seg
from lagebild.quotes.tokens import FINITE, NONFINITE


class MessageRules:
    """Mixin of `QuoteDetector` (reads the per-document state it sets: `self.v`, `self.lex`, …)."""

    def _complement_follows(self, s: int, segs: list[Seg]) -> str | None:
        """The kind of complement clause after frame segment s: dass | w (ob/w-clause) | zu | v2sub (verb-second
        Konjunktiv) | v2ind | quote | colon, or None."""
        k = self._complement_index(s, segs)
        return self._complement_kind(k, segs) if k is not None else None

    def _complement_index(self, s: int, segs: list[Seg]) -> int | None:
        """The segment after the frame where a complement may start (skipping an apposition:
        sagte der Koordinator, Deftalgne Tessema, dass …)."""
        if s + 1 >= len(segs):
            return None
        k = s + 1
        if k + 1 < len(segs) and segs[k].sep == "," and segs[k + 1].sep == "," and self._np_only(segs[k]) and \
                self._complement_kind(k, segs) is None and self._complement_kind(k + 1, segs) in ("dass", "w", "zu"):
            k += 1
        elif k + 1 < len(segs) and segs[k].sep == "," and self._complement_kind(k, segs) is None:
            # short inserts without a verb before the complement: verkündete der Verband, kurz „DFB“, dann offiziell, dass …
            j = k
            while j < len(segs) and j < k + 3 and segs[j].sep == "," and self._insert(segs[j]) and \
                    self._complement_kind(j, segs) is None:
                j += 1
            if j > k and j < len(segs) and segs[j].sep == "," and self._complement_kind(j, segs) in ("dass", "w"):
                k = j
        return k

    def _insert(self, seg: Seg) -> bool:
        """A short segment without a verb or conjunction (an apposition or adverbial: kurz „DFB“, dann offiziell)."""
        v = self.v
        toks = [i for i in range(seg.start, seg.end) if not v.space[i]]
        return 0 < len(toks) <= 6 and not any(v.tag[i] in FINITE | NONFINITE | {"KOUS", "KOUI", "PRELS", "PRELAT", "KON", "PTKZU"}
                                              for i in toks if v.qid[i] < 0)

    def _complement_kind(self, k: int, segs: list[Seg]) -> str | None:
        s = k - 1
        nxt = segs[k]
        v = self.v
        toks = [i for i in range(nxt.start, nxt.end) if not v.space[i]]
        if not toks:
            return None
        if nxt.sep is None and v.is_mark[toks[0]] and v.qid[toks[0]] >= 0 and v.quotes[v.qid[toks[0]]].open == toks[0]:
            return "quote"  # skandierten „Stoppt den Wahn“
        if nxt.sep not in (",", ":"):
            return None
        if nxt.sep == ":":
            return "colon"
        first = toks[0]
        low = v.lower[first]
        if low in ("dass", "daß"):
            return "dass"
        if low == "ob":
            return "w"
        if v.tag[first] in ("PWS", "PWAV", "PWAT") and low not in ("wie",) or low == "wie" and self._w_clause(toks):
            return "w"
        outside = [i for i in toks if v.qid[i] < 0]
        fin = [i for i in outside if v.tag[i] in FINITE]
        if low not in ("um", "ohne", "statt", "anstatt") and not fin and \
                any(v.tag[i] == "VVIZU" or v.tag[i] == "PTKZU" for i in outside):
            return "zu"
        if v.tag[first] == "PRELS" and low in ("der", "die", "das") and fin and fin[0] != outside[-1] and v.sub[fin[0]]:
            return "v2sub"  # die/PRELS noch zu schaffende Verfassung werde …: an article the tagger misread
        if not fin and self._np_only(nxt) and k + 1 < len(segs) and segs[k + 1].sep is None:
            # das Gespräch „sei freundlich verlaufen“: the subject, then a quotation with the Konjunktiv verb
            qt = [i for i in range(segs[k + 1].start, segs[k + 1].end) if not v.space[i]]
            if qt and v.is_mark[qt[0]] and any(v.tag[i] in FINITE and v.sub[i] for i in qt):
                return "v2sub"
            if len(qt) > 2 and v.is_mark[qt[0]] and v.tag[qt[1]] in FINITE:
                return "v2ind"  # der Papst „ist und bleibt …“: the indicative verb opens the quoted fragment
        if not fin and (self._np_only(nxt) or v.tag[first] in ("APPR", "APPRART") and not self._subordinate(nxt)) and \
                k + 1 < len(segs) and segs[k + 1].sep == ",":
            # meldet, ein Tiefdruckgebiet, das …, habe …: the subject, a relative clause, then the Konjunktiv verb
            for j in range(k + 1, min(len(segs), k + 4)):
                jt = [i for i in range(segs[j].start, segs[j].end) if not v.space[i] and v.qid[i] < 0]
                if jt and v.tag[jt[0]] in FINITE and v.sub[jt[0]]:
                    return "v2sub"
                if not self._subordinate(segs[j]):
                    break
        if v.tag[first] == "KOUS" and low not in ("um", "ohne", "statt", "anstatt", "weil", "da", "obwohl", "nachdem"):
            # sagte, wenn …, werde …: a subordinate clause in the prefield of a Konjunktiv clause
            for j in range(k + 1, min(len(segs), k + 3)):
                if segs[j].sep != ",":
                    break
                kt = [i for i in range(segs[j].start, segs[j].end) if not v.space[i]]
                if kt and v.tag[kt[0]] in FINITE and v.sub[kt[0]]:
                    return "v2sub"
            return None
        if low in ("um", "ohne", "statt", "anstatt") or v.tag[first] in ("KOUS", "PRELS", "PRELAT"):
            return None
        zu = any(v.tag[i] == "VVIZU" or v.tag[i] == "PTKZU" for i in outside)
        if zu and not fin:
            return "zu"
        if fin and any(v.sub[i] for i in fin):
            return "v2sub"
        if not fin and v.qid[first] < 0 and any(v.tag[i] in FINITE and v.sub[i] for i in toks if v.qid[i] >= 0):
            return "v2sub"  # äußerte sich dahingehend, das Gespräch „sei freundlich verlaufen“
        if v.qid[first] >= 0 and v.quotes[v.qid[first]].open == first:
            return "quote"
        if fin:
            return "v2ind"
        return None

    def _adverbials_after_frame(self, seg_toks: list[int], fr: Frame) -> bool:
        """`Merkel sagte vor der Presse, …` / `sagte er am Montag in Berlin, …`: after the cue (and the
        speaker) the segment holds only prepositional phrases and adverbs, no object the verb could take."""
        v = self.v
        after = [i for i in seg_toks if i > max(fr.cue) and not (fr.source and i in fr.source)]
        if not after or v.tag[after[0]] not in ("APPR", "APPRART", "ADV"):
            return False
        if fr.source and any(i > max(fr.cue) for i in fr.source) and min(fr.source) > after[0]:
            return False  # the speaker after the adverbial: handled as a v1 frame
        return not any(v.tag[i] in FINITE | NONFINITE | {"KON", "KOUS", "PRELS", "PWS", "PWAV"} or v.qid[i] >= 0
                       for i in after)

    def _ob_clause(self, s: int, segs: list[Seg]) -> bool:
        v = self.v
        nxt = segs[s + 1]
        first = next(i for i in range(nxt.start, nxt.end) if not v.space[i])
        return v.lower[first] == "ob"

    def _w_clause(self, toks: list[int]) -> bool:
        v = self.v
        return len(toks) > 2 and v.tag[toks[-1]] in FINITE | NONFINITE

    def _message(self, fr: Frame, segs: list[Seg], a: int, b: int) -> list[int]:
        v = self.v
        s = fr.seg
        end_tokens = self._trim_end(a, b)

        def region(x: int, y: int) -> list[int]:
            return [i for i in range(x, y) if not v.space[i]]

        if fr.kind in ("prep", "self"):
            if fr.layout == "rel":
                seg = segs[s]
                return self._strip(region(fr.cue[0] + 1, end_tokens))
            frame = set(fr.frame_tokens)
            seg = segs[s]
            if self._subordinate(seg) and s > 0:
                # laut Polizei inside a relative or subordinate clause: the message is that clause
                first = next(i for i in range(seg.start, seg.end) if not v.space[i])
                msg = [i for i in region(seg.start, seg.end) if i not in frame and i != first]
                msg = self._strip(msg)
                return msg if len([i for i in msg if v.tag[i][:1] != "$"]) >= 2 else []
            msg = [i for i in region(a, end_tokens) if i not in frame]
            # drop commas that enclosed the frame
            msg = self._strip(msg)
            msg = [i for i in msg if not (v.text[i] == "," and (i + 1 in frame or i - 1 in frame))]
            return msg if len([i for i in msg if v.tag[i][:1] != "$"]) >= 2 else []
        if fr.kind == "wie":
            frame = set(range(segs[s].start, segs[s].end))
            msg = [i for i in region(a, end_tokens) if i not in frame]
            msg = self._strip(msg)
            return msg if len(msg) >= 2 else []
        entry = fr.entry
        comp = self._complement_follows(s, segs)
        if comp == "quote" and fr.layout == "v1" and s > 0 and segs[s].sep == "," and not self._starts_kon(segs[s]) \
                and self._main_clause_before(segs, s):
            comp = None  # „A“, sagte er, „B“: one interrupted quotation, handled below
        ok = None
        if comp == "colon" or comp == "quote":
            ok = comp
        elif comp == "dass" and (entry is None or entry.takes_clause or fr.kind in ("noun", "adj")):
            ok = comp
        elif comp == "w" and (entry is not None and "ob" in entry.frames or fr.kind in ("noun",) and self._ob_clause(s, segs)):
            ok = comp
        elif comp == "zu" and (entry is None and fr.kind in ("noun", "adj") or entry is not None and entry.takes_zu):
            ok = comp
        elif comp == "v2sub" and (entry is None or entry.takes_clause or "direct" in entry.frames):
            ok = comp
        elif comp == "v2ind" and entry is not None and ("direct" in entry.frames and entry.takes_clause) and fr.layout != "vl":
            # a verb-second clause in the indicative after a saying verb ending its segment (er sagte, er ruft an)
            seg_toks = [i for i in range(segs[s].start, segs[s].end) if not v.space[i]]
            if seg_toks and seg_toks[-1] in fr.cue or seg_toks and v.tag[seg_toks[-1]] in ("PPER", "NE", "NN") and fr.layout == "v1" \
                    or self._adverbials_after_frame(seg_toks, fr):
                ok = comp
        if ok and fr.layout != "vl" or ok and fr.layout == "vl" and v.tag[segs[s].start] in ("PRELS",):
            start = segs[self._complement_index(s, segs)].start
            stop = end_tokens
            q = v.quote_at(start)
            if q is not None and q.open == start and q.close + 1 < stop and self._quote_class(q) == "full" and \
                    any(v.is_end_punct(i) for i in range(max(q.open, q.close - 2), q.close)):
                stop = q.close + 1  # X sagte: „… .“ Next sentence …
            # a later frame segment (…, so X / …, sagte er) closes the message
            for k in range(s + 2, len(segs)):
                if segs[k].sep == "," and self._is_v1_frame(segs[k]):
                    stop = segs[k].start - 1
                    break
            return self._cut_coordination(self._strip(region(start, stop)), ok)
        if ok and fr.layout == "vl":
            start = segs[self._complement_index(s, segs)].start
            return self._strip(region(start, end_tokens))
        # Das/Dies sagte X: the message is the previous sentence
        if fr.layout == "v2" and fr.kind == "verb" and entry is not None and s == 0 and self._u > 0 and \
                (entry.takes_clause or "direct" in entry.frames):
            first = next(i for i in range(segs[0].start, segs[0].end) if not v.space[i])
            if v.tag[first] == "PDS" and v.lower[first] in ("das", "dies", "dieses") and fr.finite == first + 1 and \
                    (fr.source and first not in fr.source):
                pa, pb = self._unit_ranges[self._u - 1]
                prev = self._per_unit[self._u - 1]
                if all(c.rule in ("unattributed", "continued", "continued-fragment", "reported") for c in prev):
                    prev.clear()
                    return region(pa, pb) + [first]
        # frame after (or inside) the message: …, sagte er / „…“ sagte er / …, so X
        if (fr.layout == "v1" or fr.kind == "verb" and self._pronoun_front(fr, segs)) and s > 0:
            before = region(segs[0].start, segs[s - 1].end)
            # the message is a main clause (or a quotation) before the frame; a noun phrase with an
            # apposition or relative clause before a verb-first segment is its subject (verb-second);
            # an inserted frame (In absehbarer Zeit, so X, wird …) splits one clause
            inserted = fr.kind == "so" and s + 1 < len(segs) and segs[s + 1].sep == "," and \
                any(v.tag[i] in FINITE for i in range(segs[s + 1].start, min(segs[s + 1].end, segs[s + 1].start + 2)))
            main_before = self._main_clause_before(segs, s) or fr.kind == "so" and any(
                self._has_finite(segs[k]) and not self._subordinate(segs[k]) for k in range(s))
            # (…, so X after a clause with a loose first segment: Kaum zu glauben, ein Kind musste …, so der Dienst)
            if not before or not (inserted or main_before):
                return []
            after: list[int] = []
            if s + 1 < len(segs) and segs[s + 1].sep == ",":
                nxt = segs[s + 1]
                nt = [i for i in range(nxt.start, nxt.end) if not v.space[i]]
                if nt and (v.is_mark[nt[0]] and v.qid[nt[0]] >= 0 and not self._np_only(nxt) or
                           inserted or fr.kind == "so" and not self._np_only(nxt) and
                           not any(v.tag[i] in FINITE for i in nt if v.qid[i] < 0)):
                    after = region(nxt.start, end_tokens)
            if segs[s].sep not in (",", "(", "–", "-", "—") and not (v.is_mark[before[-1]]):
                return []
            return self._strip(before) + self._strip(after)
        return []

    def _pronoun_front(self, fr: Frame, segs: list[Seg]) -> bool:
        """`…, das teilte das Institut mit`: a demonstrative in the prefield of a frame clause after a comma
        points back to the clause before it, which is the message."""
        v = self.v
        seg = segs[fr.seg]
        if seg.sep != "," or fr.finite is None:
            return False
        toks = [i for i in range(seg.start, seg.end) if not v.space[i]]
        return len(toks) > 2 and v.tag[toks[0]] == "PDS" and v.lower[toks[0]] in ("das", "dies", "dieses") and \
            toks[1] == fr.finite and fr.entry is not None and (fr.entry.takes_clause or "direct" in fr.entry.frames)

    def _cut_coordination(self, msg: list[int], kind: str) -> list[int]:
        """`sagte, sie müssten … aufgeben und bemühte das Bild …`: a conjunction followed by an indicative
        finite verb goes back to the speaker's own clause and ends the reported clause."""
        v = self.v
        if kind not in ("v2sub", "dass", "zu", "w"):
            return msg
        for k, i in enumerate(msg):
            if v.qid[i] >= 0 or v.tag[i] != "KON" or v.lower[i] not in ("und", "aber", "sowie", "doch"):
                continue
            j = i + 1
            while j < v.n and v.tag[j] in ("ADV",) and j - i <= 2:
                j += 1
            if j < v.n and v.tag[j] in FINITE and not v.sub[j] and k > 2:
                return self._strip(msg[:k])
        return msg

    def _is_v1_frame(self, seg: Seg) -> bool:
        v = self.v
        toks = [i for i in range(seg.start, seg.end) if not v.space[i]]
        if not toks:
            return False
        f = toks[0]
        if v.lower[f] == "so" and len(toks) > 1:
            return True
        if v.tag[f] in FINITE:
            verbs, lexical, particle, _ = self._verb_complex(toks, f)
            return self.lex.verb(v.lemma[lexical], particle) is not None
        return False

    def _main_clause_before(self, segs: list[Seg], s: int) -> bool:
        v = self.v
        first = segs[0]
        toks = [i for i in range(first.start, first.end) if not v.space[i]]
        if not toks:
            return False
        q = v.quote_at(toks[0])
        if q is not None and q.open == toks[0] and self._quote_class(q) == "full":
            return True
        if self._subordinate(first) or v.lower[toks[0]] in ("um", "ohne", "statt", "anstatt"):
            return False  # Wenn …, droht ihm: a subordinate clause is the prefield, no main clause of its own
        return self._has_finite(first)
