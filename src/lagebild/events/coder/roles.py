"""The roles of a clause: its subject (own, shared with a coordinated clause, the antecedent of a
relative pronoun, the controller of a zu-infinitive), the agent of a passive, reporters and opinion
holders (laut X, nach Ansicht X), objects, prepositional phrases and other embedded actors.
"""

from __future__ import annotations

from lagebild.events.clauses import Clause, lem, lower
from lagebild.events.coder.coding_records import ClauseInfo, Mention, uniq_mentions
from lagebild.events.lexicon import fold
from lagebild.events.coder.mentions import EXPLETIVE

LOC_PREPS = {"in", "an", "bei", "nach", "aus", "vor", "über", "zwischen", "auf"}
REPORT_PREPS = {"laut", "zufolge", "gemäß"}
REPORT_NOUNS = {"angabe", "angaben", "bericht", "berichten", "informationen", "information", "ansicht", "auffassung",
                "meinung", "einschätzung", "darstellung", "aussage", "aussagen", "medienbericht", "medienberichten"}
OPINION_NOUNS = {"ansicht", "auffassung", "meinung", "einschätzung", "überzeugung"}


class RolesMixin:
    """Part of `coder._ArticleRun`: fills each clause's `ClauseInfo`."""

    def roles(self, c: Clause, clauses: list[Clause], infos: list[ClauseInfo]) -> None:
        info = infos[c.idx]
        doc = self.doc
        # reporters and opinion holders: laut X, X zufolge, nach Angaben X, nach Ansicht X
        for k, np in enumerate(c.nps):
            if np.prep in REPORT_PREPS:
                info.reporter.extend(self.group_mentions(c, k, embedded=True))
            elif np.prep == "nach" and any(fold(lem(doc[n])) in REPORT_NOUNS for n in np.nouns):
                ms = self.group_mentions(c, k, embedded=True)
                info.reporter.extend(ms)
                if any(fold(lem(doc[n])) in OPINION_NOUNS for n in np.nouns):
                    info.opinion.extend(ms)
            elif np.end < len(doc) and lower(doc[np.end]) == "zufolge" if np.end < len(doc) else False:
                info.reporter.extend(self.group_mentions(c, k, embedded=True))
        if c.coord_of is not None:
            src = infos[c.coord_of]
            info.subject = list(src.subject)
            info.subject_pron = src.subject_pron
            info.subject_np = None
            info.shared_subject = True
            if not info.subject and src.subject_np is None and not src.shared_subject and c.kind == "main" and \
                    self._own_subject(c) is not None:
                self._set_subject(c, info, self._own_subject(c))
            if c.passive:
                self._passive_agent(c, info)
            return
        if c.kind == "rel" and c.opener == "was" and c.parent is not None:
            info.was_ref = list(infos[c.parent].subject)
        if c.kind == "rel" and c.opener in ("der", "die", "das", "welche", "welcher", "welches"):
            own = self._own_subject(c, exclude_opener=True)
            rel_is_subject = True
            if own is not None:
                onp = c.nps[own]
                if onp.cases == frozenset({"Nom"}) or (c.opener in ("die", "das", "welche", "welches") and
                                                        onp.det in ("der", "ein", "kein", "dieser") and
                                                        onp.prep is None):
                    rel_is_subject = False
            if rel_is_subject:
                ante = self._antecedent(c, clauses)
                info.subject = ante
                return
        if c.kind == "inf":
            parent = clauses[c.parent] if c.parent is not None else None
            if parent is not None:
                pinfo = infos[parent.idx]
                pe, _ = self.match_verb(parent, pinfo)
                cls_ = pe.cls if pe is not None else None
                if cls_ == "request" or (parent.lemma in ("anweisen", "auffordern", "aufrufen", "bitten",
                                                           "drängen", "ersuchen", "zwingen", "hindern")):
                    objs = self.objects(parent, pinfo)
                    if objs:
                        info.subject = objs
                        return
                info.subject = list(pinfo.subject) if not parent.passive else []
                if parent.passive and pinfo.subject:
                    info.subject = list(pinfo.agent)
                return
        idx = self._own_subject(c)
        if idx is not None:
            self._set_subject(c, info, idx)
        if not info.subject and c.v1 and c.kind == "main" and not c.passive:
            # "Benin hat … geöffnet, verweigert aber weiterhin …": a V1 clause without subject continues the
            # previous main clause
            prev = next((d for d in reversed(clauses[:c.idx]) if d.kind == "main" and infos[d.idx].subject and
                         not infos[d.idx].is_speech), None)
            if prev is not None:
                info.subject = list(infos[prev.idx].subject)
                info.shared_subject = True
        if c.passive:
            self._passive_agent(c, info)

    def _passive_agent(self, c: Clause, info: ClauseInfo) -> None:
        # a von/durch phrase of the clause, not one inside a noun phrase ("wegen des Abhörens von Sendern")
        ks = [k for k, np in enumerate(c.nps) if np.prep in ("von", "durch") and np.gen_of is None and
              np.appos_of is None]
        ks = [k for k in ks if not self._attached_to_noun(c, k)] + [k for k in ks if self._attached_to_noun(c, k)]
        for k in ks:
            np = c.nps[k]
            ms = self.group_mentions(c, k, embedded=True)
            if not ms and np.nouns:
                entry, _ = self.lex.noun(self.doc[np.head].lemma_ or self.doc[np.head].text)
                if entry is not None:  # "durch NATO-Angriffe", "durch israelische Luftangriffe"
                    ms = self._noun_source(c, k, np, entry)
            if ms:
                info.agent = ms
                return
        for k, np in enumerate(c.nps):
            if np.prep == "seitens":
                info.agent = self.group_mentions(c, k, embedded=True)
                return

    def _set_subject(self, c: Clause, info: ClauseInfo, idx: int) -> None:
        info.subject_np = idx
        np = c.nps[idx]
        if np.pronoun:
            info.subject_pron = lower(self.doc[np.start])
        ms = self.group_mentions(c, idx) or self._anaphor(c, np)
        if not ms:
            # "der Bericht der OSZE", "Vertreter von Amnesty": the genitive's or von-phrase's actor
            for k in self.attached(c, idx):
                a = c.nps[k]
                if a.gen_of is not None or (a.prep in ("von", "durch", "aus", "seitens") and k == idx + 1):
                    ms.extend(self.np_mentions(a))
            ms = uniq_mentions(ms)
        info.subject = ms

    def _own_subject(self, c: Clause, exclude_opener: bool = False) -> int | None:
        doc = self.doc
        cands = []
        for k, np in enumerate(c.nps):
            if np.prep is not None or np.gen_of is not None or np.appos_of is not None:
                continue
            if "Nom" not in np.cases:
                continue
            if exclude_opener and c.opener_tok is not None and np.start <= c.opener_tok < np.end:
                continue
            if np.pronoun and lower(doc[np.start]) in EXPLETIVE and c.lemma not in ("sein",):
                continue
            if np.pronoun and doc[np.start].tag_ == "PRF":
                continue
            if not np.nouns and not np.pronoun:
                continue
            cands.append(k)
        if not cands:
            return None
        fin = c.fin
        has_actor = [k for k in cands if self.np_mentions(c.nps[k]) or c.nps[k].pronoun]
        if c.kind == "main" and fin is not None and not c.v1:
            before = [k for k in cands if c.nps[k].end <= fin]
            after = [k for k in cands if c.nps[k].start > fin]
            nom_after = [k for k in after if c.nps[k].cases == frozenset({"Nom"}) and k in has_actor]
            if before and nom_after and c.nps[before[0]].cases != frozenset({"Nom"}):
                return nom_after[0]
            if before and (before[0] in has_actor or not [k for k in after if k in has_actor]):
                return before[0]
            if [k for k in after if k in has_actor]:
                # prefer a nominative-only candidate
                act = [k for k in after if k in has_actor]
                nom_only = [k for k in act if c.nps[k].cases == frozenset({"Nom"})]
                return (nom_only or act)[0]
            return (before or after or cands)[0]
        # verb-final / V1: first candidate, actors first
        act = [k for k in cands if k in has_actor]
        nom_only = [k for k in act if c.nps[k].cases == frozenset({"Nom"})]
        return (nom_only or act or cands)[0]

    def _antecedent(self, c: Clause, clauses: list[Clause]) -> list[Mention]:
        start = c.tokens[0]
        best = None
        for d in clauses:
            if d.idx == c.idx:
                continue
            for k, np in enumerate(d.nps):
                if np.end <= start and (best is None or np.end > best[1].end):
                    best = (d, np, k)
        if best is None:
            return []
        d, np, k = best
        # "ein Prediger aus London, der …": the relative pronoun refers to the head, not to the PP inside it
        while np.prep is not None and np.gen_of is None and np.appos_of is None and k > 0 and \
                d.nps[k - 1].end in (np.start - 1, np.start) and self.np_mentions(np) and \
                all(getattr(m.actor, "kind", "") in ("location", "state") for m in self.np_mentions(np)):
            prev = d.nps[k - 1]
            if prev.prep is not None and prev.gen_of is None:
                break
            k -= 1
            np = prev
            while np.gen_of is not None and k > 0:
                k = np.gen_of
                np = d.nps[k]
        root = np.appos_of if np.appos_of is not None else k
        ms = self.group_mentions(d, root)
        if not ms and np.gen_of is not None:
            ms = self.np_mentions(np)
        if not ms:
            ms = self._anaphor(d, d.nps[root]) or self._name_np(d, root)
        return ms

    def objects(self, c: Clause, info: ClauseInfo) -> list[Mention]:
        if c.kind == "rel" and c.opener in ("was",) and info.was_ref:
            return list(info.was_ref)
        out = []
        for k, np in enumerate(c.nps):
            if k == info.subject_np or np.prep is not None or np.gen_of is not None or np.appos_of is not None:
                continue
            if np.pronoun and lower(self.doc[np.start]) in ("sich",):
                continue
            ms = self.group_mentions(c, k)
            if not ms:
                for g in self.attached(c, k):
                    if c.nps[g].gen_of is not None and self.lex.noun(self.doc[np.head].lem)[0] is None:
                        ms.extend(self.np_mentions(c.nps[g]))
            ms = [m for m in ms if m not in info.subject]
            out.extend(ms)
        return uniq_mentions(out)

    def pp_mentions(self, c: Clause, prep: str, info: ClauseInfo) -> list[Mention]:
        out = []
        for k, np in enumerate(c.nps):
            if np.prep == prep and np.gen_of is None and np.appos_of is None:
                ms = self.group_mentions(c, k, embedded=True, skip_loc=False)
                if not ms and prep not in ("in", "im", "aus", "nach", "von", "mit") and np.nouns and \
                        self.doc[np.head].tag_ in ("NE",):
                    ms = [self._pseudo_np(c, k)]  # "Luftangriffe gegen Bengasi"
                out.extend(ms)
        return [m for m in uniq_mentions(out) if m not in info.subject]

    def embedded(self, c: Clause, info: ClauseInfo) -> list[Mention]:
        """Actors in the clause other than the subject and clause-level places."""
        out = []
        for k, np in enumerate(c.nps):
            if k == info.subject_np or (info.subject_np is not None and k in self.group(c, info.subject_np)):
                continue
            if np.prep in REPORT_PREPS or np.prep in ("von", "durch", "seitens") and c.passive:
                continue
            attached_to_subject = info.subject_np is not None and k in self.attached(c, info.subject_np)
            if attached_to_subject:
                continue
            for m in self.np_mentions(np):
                kind = getattr(m.actor, "kind", "")
                if np.prep in LOC_PREPS and kind == "location" and np.gen_of is None:
                    continue
                if np.prep in ("in", "im", "nach", "aus") and kind in ("state", "location") and \
                        not self._attached_to_noun(c, k):
                    continue
                out.append(m)
        return [m for m in uniq_mentions(out) if m not in info.subject and m not in info.reporter]

    def _attached_to_noun(self, c: Clause, k: int) -> bool:
        np = c.nps[k]
        if k == 0:
            return False
        prev = c.nps[k - 1]
        prev_tok = np.start - 1
        return prev.end == prev_tok and self.doc[prev_tok].tag_ in ("APPR", "APPRART") and \
            self.doc[prev.head].tag_ in ("NN",)
