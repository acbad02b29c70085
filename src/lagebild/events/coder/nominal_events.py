"""Event nouns ("die Luftangriffe", "kündigte Sanktionen an") with their own actors (genitive,
possessive, demonym, compound prefix, von/aus/durch X) or the subject of a light verb.
"""

from __future__ import annotations

from lagebild.events.clauses import NP, Clause, lem
from lagebild.events.coder.coding_records import Cand, ClauseInfo, Mention, same_actors, uniq_mentions
from lagebild.events.lexicon import Entry, fold


class NominalEventsMixin:
    """Part of `coder._ArticleRun`: candidates of the event nouns in a clause."""

    def _nominal(self, c: Clause, info: ClauseInfo, sent, used: set[int], base: Cand | None,
                 clauses: list[Clause]) -> list[Cand]:
        doc = self.doc
        out = []
        verb = fold(c.lemma) if c.lemma else ""
        light = verb in self.lex.light_verbs
        happen = verb in self.lex.happen_verbs
        for k, np in enumerate(c.nps):
            for n in np.nouns:
                if n in used or doc[n].tag_ not in ("NN",):
                    continue
                if self.mention_at.get(n) is not None:
                    continue
                entry, head = self.lex.noun(lem(doc[n]))
                if entry is None or fold(lem(doc[n])) in self.lex.not_event_nouns:
                    continue
                if n != np.head:
                    continue
                if np.neg:
                    continue  # "keine Bedrohung": a general negative statement
                is_obj = np.prep is None and k != info.subject_np and np.gen_of is None
                as_light = (is_obj and light and base is None) or (
                    np.prep is not None and np.gen_of is None and self.lex.light_pp.get(verb) == np.prep)
                if not entry.standalone and not as_light:
                    continue
                # the noun's own actors: genitive, possessive/demonym, "aus/von/durch X"
                own_src = self._noun_source(c, k, np, entry)
                tgt = self._noun_target(c, k, np, entry)
                source = own_src
                if not source and (as_light or (is_obj and base is None and not c.passive and
                                                self._carrier_verb(c, info))):
                    source = list(info.subject)
                if not source and np.prep in ("trotz", "nach", "bei", "mit", "wegen", "in", "während") and \
                        not c.passive and info.subject and not np.gen_of and (entry.cameo or "99")[:2] <= "13":
                    source = [m for m in info.subject if not same_actors([m], tgt)]
                if not source and not entry.implicit:
                    continue
                if as_light and not tgt:
                    for slot in entry.target or ():
                        if slot.startswith("pp:"):
                            tgt = [m for m in self.pp_mentions(c, slot[3:], info) if not same_actors([m], source)]
                            if tgt:
                                break
                if source and tgt and same_actors(source, tgt):
                    tgt = [m for m in tgt if m not in source]
                trig = [n] + ([c.lexical] if as_light and c.lexical is not None else [])
                if entry.cls in ("offer", "intent", "request", "threat", "reject") and as_light and \
                        self._comp_cache is not None:
                    comp, produced, infos, clauses_ = self._comp_cache
                    subs = [x for d in comp for x in produced.get(d.idx, [])]
                    if subs or entry.cls in ("request", "threat", "reject"):
                        pseudo = Cand(entry.cameo or "030", entry.id, source, tgt, trig, c, sent,
                                      type=entry.type, mode=entry.mode, confidence=0.55)
                        comb = self._combine(entry.cls, entry, c, info, pseudo, subs, comp, sent, clauses_, infos,
                                             trig)
                        if comb is not None:
                            for d in comp:
                                infos[d.idx].consumed = True
                            out.append(comb)
                            continue
                cand = Cand(entry.cameo or "010", entry.id, source, [m for m in tgt if m not in source], trig, c,
                            sent, type=entry.type, mode=entry.mode, confidence=0.45 if not as_light else 0.55,
                            implicit=entry.implicit if not source else None)
                cand.nominal = not (as_light or happen)
                if as_light:
                    ve, _ = self.match_verb(c, info)
                    if ve is not None and ve.cls == "intent":
                        cand.modality = "future"  # "plant Operationen", "kündigte Sanktionen an"
                if entry.cameo is None:
                    continue
                out.append(cand)
        return out

    def _carrier_verb(self, c: Clause, info: ClauseInfo) -> bool:
        """Verbs of saying, announcing and deciding carry their object's event ("Nordkorea gab Raketentests
        bekannt", "kündigte Sanktionen an")."""
        e, _ = self.match_verb(c, info)
        return e is not None and e.cls in ("speech", "intent", "decide", "offer")

    def _noun_source(self, c: Clause, k: int, np: NP, entry: Entry | None = None) -> list[Mention]:
        doc = self.doc
        out: list[Mention] = []
        # possessive genitive before the noun ("Nordkoreas Drohungen") and demonym adjectives
        for m in self.np_mentions(np):
            if m.start < np.head:
                out.append(m)
        for a in np.adjs:
            if self.mention_at.get(a) is None:
                pm = self._demonym(a, np)
                if pm is not None:
                    out.append(pm)
        # genitive after it (the agent of speech acts: "die Forderung der EU"; the victim of acts done to
        # someone – entries with a "gen" target: "die Festnahme des Oppositionsführers"), "aus/von/durch X"
        gen_is_target = "gen" in (entry.target if entry is not None else ())
        for j in self.attached(c, k):
            anp = c.nps[j]
            if (anp.gen_of == k and not gen_is_target) or (
                    anp.prep in ("aus", "von", "durch", "seitens") and j == k + 1 and anp.gen_of is None):
                out.extend(self.np_mentions(anp))
        # prefix of the compound: "US-Angriffe" (source; a visit's prefix is its destination, see _noun_target)
        if not out and not (entry is not None and entry.cameo == "042"):
            pm = self._compound_state(np.head)
            if pm is not None:
                out.append(pm)
        return uniq_mentions(out)

    def _noun_target(self, c: Clause, k: int, np: NP, entry: Entry) -> list[Mention]:
        slots = entry.target or ("pp:gegen", "pp:auf", "pp:an", "pp:mit", "pp:zwischen", "gen")
        att = self.attached(c, k)
        if entry.cameo == "042":
            pm = self._compound_state(np.head)  # "Israelbesuch"
            if pm is not None:
                return [pm]
        for slot in slots:
            if slot == "gen":
                ms = []
                for j in att:
                    if c.nps[j].gen_of == k:
                        ms += self.np_mentions(c.nps[j])
                if ms:
                    return uniq_mentions(ms)
                continue
            if slot.startswith("pp:"):
                p = slot[3:]
                for j in att:
                    anp = c.nps[j]
                    if anp.prep == p and anp.gen_of is None:
                        ms = self.np_mentions(anp)
                        for g in self.attached(c, j):
                            ms += self.np_mentions(c.nps[g])
                        if ms:
                            # coordinated members of the PP
                            for jj, other in enumerate(c.nps):
                                if other.appos_of == j:
                                    ms += self.np_mentions(other)
                            return uniq_mentions(ms)
        return []
