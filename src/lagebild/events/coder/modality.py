"""Modality and negation of a candidate (asserted / future / hypothetical / reported, as
event-annotation.md defines them), the clauses above it (for its date), and own announced acts
(werde/will …) turned into promises, threats or plans.
"""

from __future__ import annotations

from lagebild.events.clauses import Clause, lem, lower
from lagebild.events.coder.coding_records import Cand, ClauseInfo, same_actors
from lagebild.events.coder.derived_codes import (AGREE_EXACT, AGREE_OF, COOP_ROOTS, HOSTILE_ROOTS, REJECT_EXACT,
                                           REJECT_OF, THREAT_EXACT, THREAT_OF)

HYPO_ADVS = {"möglicherweise", "eventuell", "vielleicht", "womöglich", "unter umständen", "gegebenenfalls",
             "notfalls", "theoretisch"}
REPORT_ADVS = {"angeblich", "mutmaßlich", "vermutlich", "offenbar", "offensichtlich", "anscheinend", "berichten"}


class ModalityMixin:
    """Part of `coder._ArticleRun`: finishes a clause's candidates."""

    def _finish_cand(self, cand: Cand, c: Clause, info: ClauseInfo, clauses, infos, neg_consumed: bool) -> None:
        doc = self.doc
        consumed = neg_consumed or getattr(cand, "_neg_consumed", False)
        if c.negation and not consumed:
            # a negation inside a noun phrase that is not the event's ("keine andere Möglichkeit") still negates
            cand.negated = True
        if cand.negated and c.negation and all(self._in_brackets(i) for i in c.negation) and not consumed:
            cand.negated = False  # "(darunter keine Deutschen)"
        # modality
        words = {lower(doc[i]) for i in c.tokens}
        hypo = info.ancestors_cond or bool(words & HYPO_ADVS)
        modals = set(c.modals)
        fin_form = lower(doc[c.fin]) if c.fin is not None else ""
        if "können" in modals and fin_form not in ("konnte", "konnten", "kann", "können"):
            hypo = True
        if fin_form in ("kann",) and not info.speaker:
            hypo = True
        if c.subjunctive and fin_form in ("würde", "würden", "könnte", "könnten", "wäre", "wären", "hätte",
                                          "hätten", "dürfte", "dürften") and not info.speaker:
            hypo = True
        modality = cand.modality
        if hypo:
            modality = "hypothetical"
        elif modality == "asserted":
            if cand.nominal:
                pass  # "angesichts der eskalierenden Proteste" in a clause about plans is no planned protest
            elif c.tense == "future" or "wollen" in modals or (fin_form in ("soll", "sollen") and
                                                               not self._perfect_inf(c)):
                modality = "future"
            if fin_form in ("soll", "sollen", "solle") and self._perfect_inf(c):
                modality = "reported"
            if info.speaker is not None and not same_actors(cand.source, info.speaker) and cand.entry_id not in (
                    "speech.modal-demand",) and not cand.entry_id.startswith("p."):
                if modality == "asserted":
                    modality = "reported"
            elif info.reporter and not same_actors(cand.source, info.reporter):
                if modality == "asserted":
                    modality = "reported"
            if words & REPORT_ADVS and modality == "asserted":
                modality = "reported"
        cand.modality = modality
        anc = []
        p = c
        seen = {c.idx}
        while p.parent is not None and p.parent not in seen:
            seen.add(p.parent)
            p = clauses[p.parent]
            anc.append(p)
        if c.coord_of is not None and c.coord_of not in seen:
            anc.append(clauses[c.coord_of])
        cand.ancestors = anc

    def _in_brackets(self, i: int) -> bool:
        toks = self.doc.toks
        for j in range(i - 1, max(-1, i - 15), -1):
            if toks[j].text == ")":
                return False
            if toks[j].text == "(":
                return True
        return False

    def _perfect_inf(self, c: Clause) -> bool:
        return any(self.doc[i].tag_ in ("VAINF",) and lem(self.doc[i]) in ("haben", "sein") for i in c.verbs)

    def _intent_transform(self, cand: Cand, c: Clause, info: ClauseInfo) -> Cand:
        """Own announced acts (werde/will …, in speech or narrated) become promises, threats or plans."""
        if cand.entry_id.startswith("p.") or cand.entry_id == "speech.modal-demand" or "+" in cand.entry_id:
            return cand
        root = cand.cameo[:2]
        own = info.speaker is not None and (info.subject_pron == "self" or same_actors(cand.source, info.speaker) or (
            cand.source and info.speaker and getattr(cand.source[0].actor, "kind", "") == "state" and
            cand.source[0].actor.code == getattr(info.speaker[0].actor, "code", None)))
        future = cand.modality == "future" or (own and c.tense == "future") or (
            own and c.subjunctive and lower(self.doc[c.fin]) in ("werde", "werden", "würde", "würden")
            if c.fin is not None else False)
        if not future:
            return cand
        if cand.negated and root in COOP_ROOTS | {"04"}:
            cand.cameo = REJECT_EXACT.get(cand.cameo) or REJECT_OF.get(root) or "120"
            cand.type = cand.mode = None
            cand.negated = False
            cand.modality = "asserted"
            return cand
        if cand.negated:
            return cand
        if root == "03":
            cand.modality = "asserted"
            return cand
        if root == "04" and own:
            # "sie würden sich mit X treffen": offering to meet
            cand.cameo = "039" if cand.cameo == "045" else "036"
            cand.type = cand.mode = None
            cand.modality = "asserted"
            return cand
        if root in COOP_ROOTS:
            cand.cameo = AGREE_EXACT.get(cand.cameo) or AGREE_OF.get(root) or "030"
            if cand.type == "RETREAT" and cand.mode == "resign":
                cand.cameo = "0831"
                return cand
            cand.type = cand.mode = None
            cand.modality = "asserted"
        elif root in HOSTILE_ROOTS and own:
            cand.cameo = THREAT_EXACT.get(cand.cameo) or THREAT_OF.get(root) or "130"
            cand.type = cand.mode = None
            cand.modality = "asserted"
        return cand
