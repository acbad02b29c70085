"""From candidates to `Event` records: the agent of an agentless passive act from the act just before,
the final code (refined by the clause's words) and PLOVER type, participants (with the country of
the context for actors without code), one event per (type, source, target, date), and partial
mentions of the same act merged.
"""

from __future__ import annotations

from lagebild.events.clauses import NOUN_TAGS, Clause, lem
from lagebild.events.coder.coding_records import Cand, Mention, PseudoActor, same_actors
from lagebild.events.lexicon import fold
from lagebild.events.record import Event, Participant

INTERNATIONAL = {"international", "ausländisch", "westlich", "weltweit", "multinational", "internationale",
                 "ausländische", "westliche"}


class EventAssemblyMixin:
    """Part of `coder._ArticleRun`: the article's `Event` records from its candidates."""

    def finish(self) -> list[Event]:
        events: list[Event] = []
        seen: dict[tuple, Event] = {}
        # an agentless passive act continuing the story ("Dabei wurden … bombardiert") has the agent of the
        # last act of the same kind within the previous sentences
        last: dict[str, tuple[int, list[Mention]]] = {}
        for cand in self.cands:
            group = _kind_group(cand.cameo)
            if cand.source:
                last[group] = (cand.sent[0], cand.source)
            elif cand.clause.passive and not cand.implicit and group == "force" and group in last and \
                    cand.sent[0] - last[group][0] < 80 and cand.sent[0] != last[group][0]:
                src = [m for m in last[group][1] if not same_actors([m], cand.target)]
                if src:
                    cand.source = src
                    cand.confidence -= 0.1
        for cand in self.cands:
            ev = self.to_event(cand)
            if ev is None:
                continue
            key = ev.key()
            if key in seen:
                continue
            seen[key] = ev
            events.append(ev)
        # a mention of the same act with fewer participants known (no source or no target) is the same event
        def codes(ps):
            return {p.code for p in ps if p.code}
        keep = []
        for ev in events:
            s_, t_ = codes(ev.source), codes(ev.target)
            partial = not s_ or not t_
            dup = partial and any(
                o is not ev and o.type == ev.type and o.date == ev.date and s_ <= codes(o.source) and
                t_ <= codes(o.target) and (codes(o.source), codes(o.target)) != (s_, t_) and o.counts == ev.counts
                and (o.sentence_start == ev.sentence_start or o.extra.get("lemma") == ev.extra.get("lemma"))
                for o in events)
            if not dup:
                keep.append(ev)
        return keep

    def to_event(self, cand: Cand) -> Event | None:
        lex = self.lex
        code = lex.code(cand.cameo)
        if code is None:
            return None
        words, nouns = self._clause_words(cand.clause)
        if cand.target_words and cand.cameo[:2] in ("10", "11", "12", "13"):
            words = words | cand.target_words
            nouns = nouns + sorted(cand.target_words)
        cameo = cand.cameo
        if cameo in lex.refine and len(cameo) == 3:
            cameo = lex.refine_code(cameo, words, nouns)
            code = lex.code(cameo) or code
        ptype = cand.type or code.type
        mode = cand.mode if cand.mode is not None or cand.type is not None else code.mode
        if cand.mode is None and cand.type is None:
            mode = code.mode
        source = self.participants(cand.source, cand)
        target = self.participants(cand.target, cand)
        if not source and cand.implicit:
            cc = self._context_code(cand.clause, None)
            if cc:
                source = [Participant(text="", code=cc, sector=cand.implicit, actor=None, inferred_code=True)]
        if ptype == "PROTEST" and not target and "gegen" in cand.clause.preps and cand.entry_id.startswith("v."):
            # "demonstrierten gegen das Wahlergebnis": a protest against a policy targets the government
            cc = self._context_code(cand.clause, None)
            if cc:
                target = [Participant(text="", code=cc, sector="GOV", actor=None, inferred_code=True)]
        if not source and (not target or cameo[:2] < "14"):
            return None
        # drop targets equal to sources (same actor)
        src_ids = {p.actor for p in source if p.actor}
        target = [p for p in target if not (p.actor and p.actor in src_ids)]
        # joint acts of several parties ("die USA und Japan beschlossen …", "einigten sich"): each is the
        # other's target
        if not target and len({(p.actor, p.code, p.sector) for p in source if p.code}) >= 2 and (
                ptype in ("AGREE", "COOPERATE") or cameo in ("057", "050", "046", "193", "190")
                and cand.entry_id.startswith(("n.", "v.einigen", "v.unterzeichnen", "v.schliessen"))):
            target = list(reversed(source))
        doc = self.doc
        trig = sorted(set(cand.trigger))
        t0, t1 = doc[trig[0]], doc[trig[-1]]
        s0, s1 = doc[cand.sent[0]], doc[cand.sent[1] - 1]
        future = cand.modality == "future"
        date = self.date_of(cand, future)
        conf = cand.confidence + (0.15 if source and target else 0) + (0.05 if cand.clause.lexical else 0)
        return Event(
            type=ptype, mode=mode, cameo=cameo, source=source, target=target, date=date,
            trigger_start=t0.idx, trigger_end=t1.idx + len(t1.text),
            trigger_text=" ".join(piece for _s, _e, piece in _pieces(doc, trig)),
            trigger_parts=_pieces(doc, trig),
            sentence_start=s0.idx, sentence_end=s1.idx + len(s1.text), negated=cand.negated,
            modality=cand.modality, goldstein=code.goldstein, confidence=min(conf, 0.95), rule=cand.entry_id,
            location=self.location(cand.clause), context=code.context,
            extra={"lemma": fold(lem(t0)) if t0.tag_ in NOUN_TAGS else fold(cand.clause.lemma or lem(t0))},
        )

    def participants(self, ms: list[Mention], cand: Cand) -> list[Participant]:
        out = []
        seen = set()
        ms = sorted(ms, key=lambda m: m.start)
        merged: list[Mention] = []
        skip = set()
        for k, m in enumerate(ms):
            if k in skip:
                continue
            nxt = ms[k + 1] if k + 1 < len(ms) else None
            a = m.actor
            # "Kenias Regierung", "die iranische Regierung" split in two: one participant
            if nxt is not None and nxt.start == m.end and getattr(a, "kind", "") == "state" and \
                    getattr(nxt.actor, "code", None) is None and getattr(nxt.actor, "sector", None):
                merged.append(Mention(PseudoActor(None, self.doc[m.start:nxt.end].text, nxt.actor.kind, a.code,
                                                  nxt.actor.sector), m.start, nxt.end))
                skip.add(k + 1)
                continue
            merged.append(m)
        for m in merged:
            a = m.actor
            key = getattr(a, "id", None) or (a.name, a.code)
            if key in seen:
                continue
            seen.add(key)
            code = a.code
            inferred = False
            if code is None and getattr(a, "kind", "") in ("group", "person", "pseudo") and \
                    not (getattr(a, "sector", None) in ("REB", "NGO") and getattr(a, "kind", "") == "person") and \
                    not self._international(m):
                code = self._context_code(cand.clause, m)
                inferred = code is not None
            span = self.doc[m.start:m.end]
            out.append(Participant(text=span.text, code=code, sector=getattr(a, "sector", None),
                                   actor=getattr(a, "id", None), start=span.start_char, end=span.end_char,
                                   inferred_code=inferred))
        return out

    def _international(self, m: Mention) -> bool:
        """ "Internationale Medien", "ausländische Journalisten": no country from the context."""
        toks = self.doc.toks
        for i in range(max(0, m.start - 3), m.end):
            if toks[i].lem in INTERNATIONAL:
                return True
        return False

    def _context_code(self, c: Clause, m: Mention | None) -> str | None:
        """Country of an actor without code: a place/state in its phrase or clause, else the article's."""
        doc = self.doc
        if m is not None:
            # a state adjective right before the mention ("iranische Behörden" – usually resolved by actors)
            for i in range(max(c.tokens[0], m.start - 3), m.start):
                if doc[i].tag_ == "ADJA":
                    pm = self._demonym(i, None)  # type: ignore[arg-type]
                    if pm is not None:
                        return pm.actor.code
        coded = None
        for i in c.tokens:
            mm = self.mention_at.get(i)
            if mm is None or not mm.actor.code or len(mm.actor.code) != 3:
                continue
            if getattr(mm.actor, "kind", "") in ("location", "state"):
                return mm.actor.code
            if coded is None and mm is not m and m is not None and getattr(m.actor, "kind", "") == "group":
                coded = mm.actor.code
        return coded or self.main_country


def _kind_group(cameo: str) -> str:
    root = cameo[:2]
    if root in ("17", "18", "19", "20"):
        return "force"
    return root


def _pieces(doc, token_ids: list[int]) -> list[tuple[int, int, str]]:
    """A trigger in pieces (`kamen … zusammen`): one (start, end, text) per run of adjacent tokens."""
    runs: list[list[int]] = []
    for i in token_ids:
        if runs and i == runs[-1][-1] + 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    out = []
    for run in runs:
        start, last = doc[run[0]].idx, doc[run[-1]]
        end = last.idx + len(last.text)
        out.append((start, end, doc.text[start:end]))
    return out
