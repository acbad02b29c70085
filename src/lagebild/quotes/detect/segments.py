"""Units and segments: a document read in sentences (merged where a quotation runs across a sentence
end), each cut at commas, colons, dashes and brackets outside quotation marks; and the small tests on a
segment's shape (subordinate clause, finite verb, conjunction first) the other rules share."""

from __future__ import annotations

from lagebild.quotes.detect.records import Seg
from lagebild.quotes.tokens import FINITE, NONFINITE, NOUNS


class SegmentRules:
    """Mixin of `QuoteDetector` (reads the per-document state it sets: `self.v`, `self.lex`, …)."""

    def _units(self) -> list[tuple[int, int]]:
        v = self.v
        units: list[list[int]] = []
        for a, b in v.sents:
            if units:
                pa, pb = units[-1]
                # merge when a quotation crosses the sentence boundary
                crossing = any(q.open < a <= q.close and q.open >= pa for q in v.quotes if q.closed or q.close >= a)
                if crossing:
                    units[-1][1] = b
                    continue
            units.append([a, b])
        return [(a, b) for a, b in units]

    def _segments(self, a: int, b: int) -> list[Seg]:
        v = self.v
        segs: list[Seg] = []
        start, sep = a, None
        i = a
        while i < b:
            if v.qid[i] >= 0 and v.quotes[v.qid[i]].open == i and v.quotes[v.qid[i]].close < b:
                q = v.quotes[v.qid[i]]
                # a full quotation stands as a segment of its own
                if self._quote_class(q) == "full":
                    if start < i:
                        segs.append(Seg(start, i, sep))
                        sep = None
                    segs.append(Seg(i, q.close + 1, sep))
                    sep = None
                    start = i = q.close + 1
                    continue
                i = q.close + 1
                continue
            if v.qid[i] < 0 and v.is_boundary(i) and not self._inner_hyphen(i):
                if start < i:
                    segs.append(Seg(start, i, sep))
                sep = v.text[i]
                start = i + 1
            i += 1
        if start < b:
            segs.append(Seg(start, b, sep))
        return self._merge_appositions(segs)

    def _merge_appositions(self, segs: list[Seg]) -> list[Seg]:
        """`Jon Bon Jovi, Gründer der Band, sagte` / `gab der Leiter, Andreas Huber, bekannt`: a noun phrase
        between commas after a noun belongs to the clause around it; so does one whose closing comma is
        missing (`Stephen Singer, ein Klimaexperte vom WWF erklärte`)."""
        v = self.v
        k = 1
        while k < len(segs):
            seg, prev = segs[k], segs[k - 1]
            if seg.sep == "," and not self._has_finite(prev) and self._has_finite(seg) and not self._subordinate(seg) \
                    and not self._starts_kon(seg):
                last = prev.end - 1
                while last > prev.start and v.space[last]:
                    last -= 1
                first = next((i for i in range(seg.start, seg.end) if not v.space[i]), None)
                prev_first = next((i for i in range(prev.start, prev.end) if not v.space[i]), None)
                if first is not None and (v.tag[last] in NOUNS or v.text[last] == ")") and v.tag[first] in ("NE", "ART", "NN") \
                        and prev_first is not None and (self._np_start(prev_first) or v.lower[prev_first] == "wie") \
                        and not any(v.tag[i] in FINITE for i in range(first, min(seg.end, first + 1))):
                    f = next(i for i in range(seg.start, seg.end) if v.tag[i] in FINITE and v.qid[i] < 0)
                    np = self._np(first, f + 1, apposition=False)
                    if np is not None and np[1] == f:
                        segs[k - 1:k + 1] = [Seg(prev.start, seg.end, prev.sep)]
                        continue
            k += 1
        k = 1
        while k < len(segs):
            seg, prev = segs[k], segs[k - 1]
            if seg.sep == "," and self._np_only(seg) and not self._subordinate(seg):
                last = prev.end - 1
                while last > prev.start and v.space[last]:
                    last -= 1
                ends_noun = v.tag[last] in NOUNS or v.text[last] == ")" or v.is_mark[last]
                nxt = segs[k + 1] if k + 1 < len(segs) else None
                cont = nxt is None or nxt.sep == "," and (self._continues_clause(nxt) and not (
                    self._has_finite(prev) and self._starts_finite(nxt)) or
                                                         not self._has_finite(prev) and self._has_finite(nxt) and
                                                         not self._subordinate(nxt) and not self._starts_kon(nxt))
                if ends_noun and cont and not (nxt is None and not self._has_finite(prev)):
                    merged = Seg(prev.start, seg.end if nxt is None else nxt.end, prev.sep)
                    segs[k - 1:k + (1 if nxt is None else 2)] = [merged]
                    continue
            k += 1
        return segs

    def _starts_kon(self, seg: Seg) -> bool:
        v = self.v
        first = next((i for i in range(seg.start, seg.end) if not v.space[i]), None)
        return first is not None and v.tag[first] == "KON"

    def _starts_finite(self, seg: Seg) -> bool:
        v = self.v
        first = next((i for i in range(seg.start, seg.end) if not v.space[i]), None)
        return first is not None and v.tag[first] in FINITE

    def _continues_clause(self, seg: Seg) -> bool:
        """A segment that goes on with the clause before an apposition: starts with the finite verb, or is
        only the rest of a verb complex (bekannt, mitgeteilt, gesagt)."""
        v = self.v
        toks = [i for i in range(seg.start, seg.end) if not v.space[i] and v.qid[i] < 0]
        if not toks:
            return False
        if v.tag[toks[0]] in FINITE:
            return True
        return all(v.tag[i] in NONFINITE | {"PTKVZ", "ADJD", "ADV", "PTKNEG"} for i in toks) and len(toks) <= 3

    def _inner_hyphen(self, i: int) -> bool:
        v = self.v
        return v.text[i] == "-" and not v.space_before[i]

    def _subordinate(self, seg: Seg) -> bool:
        v = self.v
        for i in range(seg.start, seg.end):
            if not v.space[i] and v.qid[i] < 0:
                if v.tag[i] in ("APPR", "APPRART") and i + 1 < seg.end:
                    # a relative clause after a preposition: in denen …, mit dessen Hilfe …
                    return v.tag[i + 1] in ("PRELS", "PRELAT", "PWS", "PWAT")
                return v.tag[i] in ("KOUS", "PRELS", "PRELAT", "PWAV", "PWS", "KOUI")
        return False

    def _has_finite(self, seg: Seg) -> bool:
        v = self.v
        return any(v.tag[i] in FINITE and v.qid[i] < 0 for i in range(seg.start, seg.end))

    def _trim_end(self, a: int, b: int) -> int:
        v = self.v
        e = b
        while e > a and (v.space[e - 1] or v.is_end_punct(e - 1) and v.qid[e - 1] < 0):
            e -= 1
        return e

    def _strip(self, toks: list[int]) -> list[int]:
        v = self.v
        while toks and v.qid[toks[0]] < 0 and (v.tag[toks[0]] in ("$,", "$.") or v.text[toks[0]] in (",", ":", ";", "–", "-")):
            toks = toks[1:]
        while toks and v.qid[toks[-1]] < 0 and (v.tag[toks[-1]] in ("$,", "$.") or v.text[toks[-1]] in (",", ":", ";", "–", "-")):
            toks = toks[:-1]
        return toks
