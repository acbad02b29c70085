"""Where and when an event happened: the place of its clause ("in Washington"), and its date from
`lagebild.time` (the time in the clause, else in the clauses above it, else the default of
time/data/rules.yaml by tense).
"""

from __future__ import annotations

from lagebild.events.clauses import Clause
from lagebild.events.coder.coding_records import Cand
from lagebild.time.tagger import TimeExpression


class DatePlaceMixin:
    """Part of `coder._ArticleRun`: the location and date of an event."""

    def location(self, c: Clause) -> dict | None:
        for k, np in enumerate(c.nps):
            if np.prep in ("in", "im") and np.gen_of is None:
                for m in self.np_mentions(np):
                    if getattr(m.actor, "kind", "") in ("location", "state"):
                        return {"text": self.doc[m.start:m.end].text, "code": m.actor.code,
                                "actor": getattr(m.actor, "id", None)}
        return None

    def _noun_date(self, e: TimeExpression) -> bool:
        """ "die Präsidentenwahl vom 12. Juni": a date that belongs to a noun, not to the clause's event."""
        span = self.doc.char_span(e.start, e.end)
        if span is None or span.start < 2:
            return False
        toks = self.doc.toks
        first = toks[span.start]
        if first.low == "vom":
            return toks[span.start - 1].tag_ == "NN"
        return toks[span.start - 1].low == "vom" and toks[span.start - 2].tag_ == "NN"

    def date_of(self, cand: Cand, future: bool) -> str | None:
        c = cand.clause
        toks = set(c.tokens)
        doc = self.doc
        if cand.nominal:
            # an event noun is dated only by a time right after it ("bei einem Raketenangriff am Vortag")
            t0 = cand.trigger[0]
            after = doc.toks[t0].idx + len(doc.toks[t0].text)
            for e in self.times:
                if 0 <= e.start - after <= 2 and e.kind != "vague":
                    return e.resolve(self.pub_day, future)
            return None
        cstart, cend = doc[c.tokens[0]].idx, doc[c.tokens[-1]].idx + len(doc[c.tokens[-1]].text)
        best: TimeExpression | None = None
        for e in self.times:
            if e.start >= cstart and e.end <= cend:
                # the expression's first token must belong to this clause (not an embedded clause)
                span = doc.char_span(e.start, e.end, alignment_mode="expand")
                if span is not None and span.start in toks and not self._noun_date(e):
                    best = e
                    break
        if best is None:
            # the clauses above it (a complement takes the time of its matrix clause)
            anc = set()
            for p in cand.ancestors:
                anc |= set(p.tokens)
            if anc:
                lo = doc[min(anc)].idx
                hi = doc[max(anc)].idx + 1
                for e in self.times:
                    if lo <= e.start < hi:
                        span = doc.char_span(e.start, e.end, alignment_mode="expand")
                        if span is not None and span.start in anc:
                            best = e
                            break
        if best is None:
            return self._default_date(cand, future)
        if best.kind == "vague":
            return None
        return best.resolve(self.pub_day, future)

    def _default_date(self, cand: Cand, future: bool) -> str | None:
        """No time in the clause: by the verb's tense (time/data/rules.yaml default_date):
        "story" = the last day-precise date given earlier in the article, "publication", or null."""
        rule = self.coder.tagger.default_date.get(cand.clause.tense if not future else "future")
        if cand.clause.tense == "none" and cand.ancestors:
            rule = self.coder.tagger.default_date.get(cand.ancestors[0].tense)
        if rule == "publication":
            return self.pub_day.isoformat() if self.pub_day else None
        if rule == "story":
            s0 = self.doc[cand.sent[0]].idx
            last = None
            for e in self.times:
                if e.start >= s0:
                    break
                if e.kind in ("date", "weekday", "relday", "holiday") and not e.rule.endswith(".limit"):
                    last = e
            return last.resolve(self.pub_day, False) if last is not None else None
        return None
