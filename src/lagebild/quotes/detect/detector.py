"""`QuoteDetector`: reads a document unit by unit and turns the frames, messages and loose quotations
the rule mixins find into `Cand` records."""

from __future__ import annotations

import copy

from lagebild.quotes.detect.frames import FrameRules
from lagebild.quotes.detect.free_indirect import FreeIndirectRules
from lagebild.quotes.detect.loose_quotes import LooseQuoteRules
from lagebild.quotes.detect.messages import MessageRules
from lagebild.quotes.detect.noun_phrases import NounPhraseRules
from lagebild.quotes.detect.quotations import QuotationClassRules
from lagebild.quotes.detect.records import Cand, Frame, Seg
from lagebild.quotes.detect.segments import SegmentRules
from lagebild.quotes.detect.source_frames import SourceFrameRules
from lagebild.quotes.detect.speakers import SpeakerRules
from lagebild.quotes.detect.words import RELATIVES
from lagebild.quotes.lexicon import Lexicon
from lagebild.quotes.tokens import TokenView


class QuoteDetector(SegmentRules, QuotationClassRules, FrameRules, SourceFrameRules, SpeakerRules,
                    NounPhraseRules, MessageRules, LooseQuoteRules, FreeIndirectRules):
    """Every quotation candidate of a document (`detector(view)` → list of `Cand`).

    Per-document state, set in `_detect` on a shallow copy of the detector and read by the rule mixins:
    `v` (the TokenView), `_qcache` (quotation classes), `_u`, `_unit_ranges`, `_per_unit` (the unit being read,
    all units, the candidates so far per unit), `_frames_of` and `_dropped`.
    """

    def __init__(self, lexicon: Lexicon | None = None):
        self.lex = lexicon or Lexicon.load()
        # words that can open a source phrase (laut, zufolge, nach, gemäß, demnach, …; zu Folge; danach)
        self._prep_words = frozenset(self.lex.prepositions) | {"zu", "danach"}

    def __call__(self, view: TokenView) -> list[Cand]:
        """Every quotation candidate of a document (token indices into `view`)."""
        # per-document state lives on a shallow copy: one detector can serve several threads
        return copy.copy(self)._detect(view)

    def _detect(self, view: TokenView) -> list[Cand]:
        self.v = view
        self._qcache: dict[tuple[int, int], str] = {}
        self._u, self._unit_ranges, self._per_unit = 0, [], []
        units = self._units()
        self._frames_of: dict[int, list[Frame]] = {}
        out: list[Cand] = []
        per_unit: list[list[Cand]] = []
        for u, (a, b) in enumerate(units):
            cands = self._unit(u, a, b, units, per_unit)
            per_unit.append(cands)
            out.extend(cands)
        self._dropped: set[int] = set()
        out.extend(self._free_indirect(units, per_unit))
        out = [c for c in out if id(c) not in self._dropped]
        self._attribute_loose_quotes(out, units, per_unit)
        for c in out:
            if len(c.source) == 1 and view.lower[c.source[0]] == "es":
                # impersonal es is no speaker (es wird vermutet); `man` stays: where nobody else is named it is
                # the speaker (both SpkAtt guidelines)
                c.source = []
            if len(c.source) == 1 and view.tag[c.source[0]] in ("PRELS", "PDS") and view.lower[c.source[0]] in RELATIVES:
                # der sagte, …: the relative pronoun is the speaker span; the noun phrase before it names the actor
                ante = self._antecedent(c.source[0])
                if ante is not None:
                    c.ref = self._span(ante)
        out.sort(key=lambda c: (min(c.message) if c.message else 0, c.nested))
        return out

    def _unit(self, u: int, a: int, b: int, units, per_unit) -> list[Cand]:
        v = self.v
        self._u, self._unit_ranges, self._per_unit = u, units, per_unit
        segs = self._segments(a, self._trim_end(a, b))
        frames = self._frames(segs, a, b)
        self._frames_of[u] = frames
        cands: list[Cand] = []
        claimed: set[int] = set()  # tokens already in a message
        top_quotes = [q for q in v.quotes if a <= q.open and q.close < b and (v.qid[q.open] < 0 or v.quotes[v.qid[q.open]] is q)]
        quotable = [q for q in top_quotes if self._quote_class(q) in ("full", "fragment")]

        for fr in frames:
            if fr.used:
                continue
            msg = self._message(fr, segs, a, b)
            if not msg:
                continue
            if any(i in claimed for i in fr.cue):
                continue
            nested = any(i in claimed for i in msg) or any(i in claimed for i in fr.cue)
            fr.used = True
            form = "indirect"
            mq = [q for q in quotable if q.open in msg]
            msg_words = [i for i in msg if v.tag[i][:1] != "$" and not v.is_mark[i]]
            quoted_words = [i for i in msg_words if any(q.open < i < q.close for q in mq)]
            if mq and len(quoted_words) == len(msg_words):
                form = "direct"
                msg = [i for q in mq for i in range(q.open, q.close + 1)]
            cand = Cand(form, fr.cue, fr.source, msg, fr.addressee, fr.frame_tokens, fr.mode, nested=nested,
                        rule=f"{fr.kind}:{fr.layout}", unit=u, verb=fr.entry, ref=list(fr.ref))
            cands.append(cand)
            if form == "indirect":
                for q in mq:
                    inner = list(range(q.open, q.close + 1))
                    cands.append(Cand("direct", fr.cue, fr.source, inner, fr.addressee, fr.frame_tokens, fr.mode,
                                      nested=True, rule="mixed", unit=u, verb=fr.entry))
            claimed.update(msg)

        cands = self._nearest_frame_for_mixed(cands, frames)

        # quotations inside a frame's own clause: X nannte den Bericht eine „Zeitungsente“
        for q in quotable:
            if q.open in claimed:
                continue
            fr = self._frame_around(q, frames, segs)
            if fr is None:
                continue
            msg = list(range(q.open, q.close + 1))
            cands.append(Cand("direct", fr.cue, fr.source, msg, fr.addressee, fr.frame_tokens, fr.mode,
                              rule="in-frame", unit=u, verb=fr.entry))
            fr.used = True
            claimed.update(msg)

        # full quotations without a frame in their clause
        for q in quotable:
            if q.open in claimed:
                continue
            cand = self._unframed_quote(q, u, a, b, segs, frames, units, per_unit)
            if cand is not None:
                cands.append(cand)
                claimed.update(cand.message)

        # reported speech acts (not in a clause that introduces the next sentence: „kritisierte …:“)
        last = self._trim_end(a, b)
        ends_colon = v.text[b - 1] == ":" or last < b and v.text[last] == ":"
        if not ends_colon:
            for fr in frames:
                if fr.used or fr.kind != "verb" or fr.entry is None or not fr.entry.reported:
                    continue
                if fr.passive and not (fr.source and fr.source[0] > 0 and v.lower[fr.source[0] - 1] in ("von", "vom")):
                    continue  # a passive speech act reports a speaker only through its von-agent
                if not fr.source or self._subordinate(segs[fr.seg]) or any(i in claimed for i in fr.cue):
                    continue
                if v.lower[fr.source[0]] in ("es",) and len(fr.source) == 1:
                    continue
                if cands:
                    # beside other quotes of the sentence: only the clause of the speech act (… und sprach von X)
                    seg = segs[fr.seg]
                    if any(i in claimed for i in range(seg.start, seg.end)) or not self._starts_kon(seg):
                        continue
                    msg = [i for i in range(seg.start + 1, self._trim_end(a, b) if fr.seg == len(segs) - 1 else seg.end)
                           if not v.space[i]]
                else:
                    msg = [i for i in range(a, b) if not v.space[i]]
                cands.append(Cand("reported", fr.cue, fr.source, msg, fr.addressee, fr.frame_tokens, fr.mode,
                                  rule="reported", unit=u, verb=fr.entry))
                break
        return cands

    def _nearest_frame_for_mixed(self, cands: list[Cand], frames: list[Frame] = ()) -> list[Cand]:
        """A quotation inside reported speech belongs to the nearest frame whose message holds it: in `Wie die
        Zeitung berichtete, soll laut der Studie nur jeder zweite „bessere Bedingungen“ erhoffen` the quoted
        words are the study's. One mixed quote per quotation."""
        mixed = [c for c in cands if c.rule == "mixed"]
        if not mixed:
            return cands
        parents = [c for c in cands if c.rule != "mixed" and c.form == "indirect" and c.cue]
        out: list[Cand] = []
        seen: set[tuple[int, int]] = set()
        for c in cands:
            if c.rule != "mixed":
                out.append(c)
                continue
            key = (c.message[0], c.message[-1])
            if key in seen:
                continue
            seen.add(key)
            q0 = c.message[0]
            holding = [d for d in parents if d.message and d.message[0] <= q0 and c.message[-1] <= d.message[-1]
                       and q0 in set(d.message)]
            if holding:
                def distance(d) -> int:
                    last = max(d.cue)
                    return q0 - last if last < q0 else 1000 + min(d.cue) - c.message[-1]
                best = min(holding, key=distance)
                # a source phrase inside that message, nearer to the quotation (…, soll laut der Studie „…“)
                inner = set(best.message)
                near = [fr for fr in frames if fr.kind in ("prep", "so", "self") and fr.source and fr.cue
                        and all(i in inner for i in fr.cue) and max(fr.cue) < q0 and distance(fr) < distance(best)]
                if near:
                    fr = min(near, key=distance)
                    c.cue, c.source, c.addressee, c.frame, c.mode, c.verb = fr.cue, fr.source, fr.addressee, \
                        fr.frame_tokens, fr.mode, fr.entry
                    out.append(c)
                    continue
                c.cue, c.source, c.addressee, c.frame, c.mode, c.verb = best.cue, best.source, best.addressee, \
                    best.frame, best.mode, best.verb
            out.append(c)
        return out
