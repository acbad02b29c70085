"""The events of one clause: the verb's or idiom's entry with source and target from the clause's
roles and the entry's target slots, combined with its complements, predicates, modal demands and
event nouns, then given modality, negation and intent; targets from subordinate clauses.
"""

from __future__ import annotations

from typing import Iterable

from lagebild.events.clauses import NOUN_TAGS, NP, Clause, lem
from lagebild.events.coder.coding_records import Cand, ClauseInfo, Mention, same_actors
from lagebild.events.lexicon import Entry, fold

REQUEST_MODALS = {"müssen", "sollen"}


class ClauseEventsMixin:
    """Part of `coder._ArticleRun`: candidates (`Cand`) of a clause."""

    def clause_events(self, c: Clause, clauses: list[Clause], infos: list[ClauseInfo],
                      produced: dict[int, list[Cand]], sent: tuple[int, int]) -> list[Cand]:
        info = infos[c.idx]
        doc = self.doc
        out: list[Cand] = []
        if info.is_speech and c.opener == "so":
            return out
        children = [clauses[k] for k in c.children]
        comp = [d for d in children if d.kind in ("inf", "sub") and (d.kind == "inf" or d.opener in (
            "dass", "daß", "ob"))]
        entry, neg_consumed = self.match_verb(c, info)
        idiom, idiom_tok = self.match_idiom(c)
        used_noun_tokens: set[int] = set()
        base: Cand | None = None
        trigger = self._verb_trigger(c)
        if idiom is not None and idiom.cameo is None:
            # a verb + noun that is no event itself ("ein Gesetz unterzeichnen"): neither the verb's entry
            used_noun_tokens.add(idiom_tok)
            idiom = None
            entry = None
        if idiom is not None and (entry is None or not entry.object or entry.cls is not None):
            used_noun_tokens.add(idiom_tok)
            base = self._cand(idiom.cameo, idiom, c, info, sent, trigger + [idiom_tok], clauses)
        elif entry is not None:
            if entry.object:
                for i in c.tokens:
                    if doc[i].tag_ in NOUN_TAGS and self.lex.head_of(lem(doc[i]), entry.object):
                        used_noun_tokens.add(i)
            if entry.cameo is not None or entry.cls in ("request", "reject", "threat", "accuse"):
                base = self._cand(entry.cameo or "010", entry, c, info, sent, trigger, clauses)
        # verbal attack by a politician: "angreifen"/"attackieren" with a political subject is criticism
        if base is not None and entry is not None and entry.id in ("v.angreifen", "v.attackieren") and \
                self._verbal_subject(info):
            base.cameo, base.entry_id = "111", entry.id + ".verbal"
        # complement combination
        cls_ = entry.cls if entry is not None else None
        modal_cls = None
        if c.modals and any(m in ("wollen",) for m in c.modals) and base is not None:
            modal_cls = "plan"
        if cls_ in ("request", "reject", "threat", "accuse", "offer", "intent", "decide", "aspect") and comp:
            sub_cands = []
            for d in comp:
                sub_cands.extend(produced.get(d.idx, []))
            if sub_cands or cls_ in ("request", "reject", "accuse", "threat"):
                combined = self._combine(cls_, entry, c, info, base, sub_cands, comp, sent, clauses, infos, trigger)
                if combined is not None:
                    for d in comp:
                        infos[d.idx].consumed = True
                    base = combined
        if base is not None and base.cameo == "010":
            base = None
        if base is not None and not base.target and base.cameo[:2] in ("10", "11", "12", "13"):
            for d in children:
                dinfo = infos[d.idx]
                ms = [m for m in (dinfo.subject or []) if m not in base.source and not same_actors([m], base.source)]
                if not ms:
                    ms = [m for m in self.objects(d, dinfo) + self.embedded(d, dinfo) if m not in base.source
                          and not same_actors([m], base.source)]
                if ms:
                    base.target = ms
                    break
        if base is not None:
            out.append(base)
        # predicates (copula + adjective, evaluations)
        out.extend(self._predicates(c, info, sent, clauses, infos, produced, comp, base))
        # demands in speech content: müssen/sollen with an actor subject
        if info.speaker and c.modals and set(c.modals) & REQUEST_MODALS and info.subject and \
                info.subject_pron != "self" and not same_actors(info.subject, info.speaker) and \
                not (base is not None and base.type == "REQUEST"):
            req = self._request_from_modal(c, info, sent, base, clauses)
            if req is not None:
                out = [x for x in out if x is not base] + [req]
        # nominal events
        self._comp_cache = (comp, produced, infos, clauses)
        out.extend(self._nominal(c, info, sent, used_noun_tokens, base, clauses))
        self._comp_cache = None
        # modality, negation, dates
        for cand in out:
            self._finish_cand(cand, c, info, clauses, infos, neg_consumed)
        # words of the complements refine statements ("erneuerte die Warnung, dass es schwere militärische
        # Folgen haben würde" → 138)
        if children:
            extra_words: set[str] = set()
            for d in children:
                w, n = self._clause_words(d)
                extra_words |= w | set(n)
            for cand in out:
                cand.target_words |= extra_words
        # statements of own intent (future) of an actor: promise/threat/plan
        out = [self._intent_transform(cand, c, info) for cand in out]
        for cand in out:
            if cand.cameo[:2] == "13":
                for d in children:
                    if d.kind == "cond":
                        ms = [m for m in infos[d.idx].subject if not same_actors([m], cand.source)]
                        if ms:
                            cand.target = ms  # "…, wenn Israel seine Luftangriffe nicht beende"
                            break
            if not cand.target and cand.cameo[:2] in ("10", "11", "12", "13"):
                for d in children:
                    dinfo = infos[d.idx]
                    ms = [m for m in (dinfo.agent if d.passive and dinfo.agent else dinfo.subject) or []
                          if not same_actors([m], cand.source)]
                    if not ms and d.kind in ("sub", "inf"):
                        ms = [m for m in self.objects(d, dinfo) + self.embedded(d, dinfo)
                              if not same_actors([m], cand.source)]
                    if ms:
                        cand.target = ms
                        break
        return [x for x in out if x is not None]

    def _verbal_subject(self, info: ClauseInfo) -> bool:
        for m in info.subject:
            a = m.actor
            sector = getattr(a, "sector", None)
            kind = getattr(a, "kind", None)
            if kind == "person" and sector in ("GOV", "LEG", "PTY", "OPP", None):
                return True
        return False

    def _verb_trigger(self, c: Clause) -> list[int]:
        toks = []
        if c.fin is not None:
            toks.append(c.fin)
        if c.lexical is not None and c.lexical not in toks:
            toks.append(c.lexical)
        if c.particle is not None:
            toks.append(c.particle)
        return sorted(set(toks))

    def _cand(self, cameo: str, entry: Entry, c: Clause, info: ClauseInfo, sent, trigger: list[int],
              clauses: list[Clause]) -> Cand:
        if c.passive:
            source = list(info.agent)
            patient = list(info.subject)
        else:
            source = list(info.subject)
            patient = []
        slots = entry.target or ("obj", "pp:gegen", "pp:an", "pp:auf", "pp:mit", "pp:zu", "pp:bei", "embedded")
        target: list[Mention] = []
        if patient and entry.target and entry.target[0] in ("obj", "sub", "subject") or patient and not entry.target:
            target = patient
        elif patient:
            target = patient
        if not target:
            target = self._slots(slots, c, info, clauses, source)
        if "subject" in slots and not c.passive:
            target, source = list(info.subject), list(getattr(self, "_idiom_source", None) or [])
            self._idiom_source = None
        if not target:
            target = self._patient_np(c, info, entry, patient_np=c.passive)
        if not source and not c.passive and "subject" not in slots:
            source = self._name_np(c, info.subject_np)
        cand = Cand(cameo, entry.id, source, [m for m in target if m not in source], trigger, c, sent,
                    type=entry.type, mode=entry.mode, implicit=entry.implicit if not source else None)
        return cand

    def _patient_np(self, c: Clause, info: ClauseInfo, entry: Entry, patient_np: bool) -> list[Mention]:
        """The object (or passive subject) as a participant when it names no known actor: victims and
        targets ("mehr als 170 Personen", "Misrata", "die Moschee in Schiraz") get the country of the
        context, as the annotation does."""
        slots = entry.target or ("obj",)
        if not any(sl in ("obj", "subject") for sl in slots[:2]):
            return []
        if patient_np:
            k = info.subject_np
            if k is None:
                return []
            np = c.nps[k]
            if np.nouns and not np.pronoun and self._targetable(np, entry):
                return [self._pseudo_np(c, k)]
            return []
        for k, np in enumerate(c.nps):
            if k == info.subject_np or np.prep is not None or np.gen_of is not None or np.appos_of is not None:
                continue
            if np.pronoun or not np.nouns:
                continue
            if self.lex.noun(self.doc[np.head].lemma_ or self.doc[np.head].text)[0] is not None:
                continue  # an event noun is the content, not the target
            if not self._targetable(np, entry):
                continue
            return [self._pseudo_np(c, k)]
        return []

    def _targetable(self, np: NP, entry: Entry | None) -> bool:
        head = self.doc[np.head]
        if head.tag_ in ("NE", "FM"):
            return True
        lemma = head.lemma_ or head.text
        if self.lex.head_of(lemma, self.lex.person_nouns):
            return True
        cameo = entry.cameo if entry is not None and entry.cameo else ""
        return cameo[:2] in ("15", "17", "18", "19", "20") and bool(self.lex.head_of(lemma, self.lex.place_nouns))

    def _slots(self, slots: Iterable[str], c: Clause, info: ClauseInfo, clauses: list[Clause],
               source: list[Mention]) -> list[Mention]:
        for slot in slots:
            if slot == "obj":
                ms = self.objects(c, info)
                if not ms and info.subject_np is not None and fold(c.lemma or "") in self.lex.dative_verbs:
                    # "weil die Opposition der Regierung … vorgeworfen hatte": a "der"-phrase after the subject
                    # is a dative object rather than its genitive
                    for k in self.attached(c, info.subject_np):
                        g = c.nps[k]
                        if g.gen_of is not None and g.det in ("der", "einer") and g.prep is None:
                            ms = self.group_mentions(c, k)
                            if ms:
                                break
            elif slot.startswith("pp:"):
                ms = self.pp_mentions(c, slot[3:], info)
            elif slot == "embedded":
                ms = self.embedded(c, info)
            elif slot == "sub":
                ms = []
                for k in c.children:
                    d = clauses[k]
                    if d.kind in ("sub",) and d.opener in ("dass", "daß"):
                        ms = [m for m in self._sub_subject(d) if m not in source]
                        if ms:
                            break
            elif slot in ("gen", "dat"):
                ms = []
            else:
                ms = []
            ms = [m for m in ms if m not in source and not same_actors([m], source)]
            if ms:
                return ms
        return []

    def _sub_subject(self, d: Clause) -> list[Mention]:
        info = self._infos_cache.get(d.idx)
        if info is not None:
            return info.subject
        # recompute cheaply
        idx = self._own_subject(d)
        if idx is None:
            return []
        return self.group_mentions(d, idx)
