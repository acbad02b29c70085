"""Complement combination: request/reject/accuse/threat/offer/intent/decide/aspect verbs combine with
the event of their zu-infinitive or dass-clause (drohen + angreifen → THREATEN 138; beschließen +
Kooperation ausbauen → AGREE 0312).
"""

from __future__ import annotations

from lagebild.events.clauses import Clause
from lagebild.events.coder.coding_records import Cand, ClauseInfo, same_actors
from lagebild.events.coder.derived_codes import (AGREE_EXACT, AGREE_OF, COOP_ROOTS, HOSTILE_ROOTS, REJECT_EXACT,
                                           REJECT_OF, REQUEST_EXACT, REQUEST_OF, THREAT_EXACT, THREAT_OF)
from lagebild.events.lexicon import Entry


class ComplementsMixin:
    """Part of `coder._ArticleRun`: a matrix verb's candidate with its complements'."""

    def _combine(self, cls_: str, entry: Entry, c: Clause, info: ClauseInfo, base: Cand | None,
                 subs: list[Cand], comp: list[Clause], sent, clauses, infos, trigger) -> Cand | None:
        sub = subs[0] if subs else None
        words, nouns = set(), []
        for d in comp:
            w, n = self._clause_words(d)
            words |= w
            nouns += n
        if base is None:
            base = self._cand(entry.cameo or "010", entry, c, info, sent, trigger, clauses)
        if cls_ == "request":
            if sub is not None:
                root = sub.cameo[:2]
                code = REQUEST_EXACT.get(sub.cameo) or REQUEST_OF.get(root) or "100"
                if sub.negated and root in ("18", "19", "20", "17"):
                    code = "1056"
                if sub.cameo == "113":  # calling on others to unite against someone is rallying opposition
                    code = "113"
                    base.target = [m for m in sub.target if not same_actors([m], base.source)] or base.target
            else:
                code = "100"
            if code in ("100", "105"):
                refined = self.lex.refine_code("100", words, nouns)
                code = refined if refined != "100" or code == "100" else code
            base.cameo, base.type, base.mode = code, None, None
            if not base.target:
                for d in comp:
                    ms = [m for m in self._sub_subject(d) if m not in base.source]
                    if not ms and sub is not None:
                        ms = [m for m in sub.target if m not in base.source]
                    if ms:
                        base.target = ms
                        break
            return base
        if cls_ == "reject":
            if sub is not None:
                code = REJECT_EXACT.get(sub.cameo) or REJECT_OF.get(sub.cameo[:2]) or "120"
            else:
                code = self.lex.refine_code("120", words, nouns)
            base.cameo, base.type, base.mode = code, None, None
            return base
        if cls_ == "accuse":
            code = self.lex.refine_code("112", words | self._clause_words(c)[0], nouns + self._clause_words(c)[1])
            base.cameo, base.type, base.mode = code, None, None
            return base
        if cls_ == "threat":
            if sub is not None:
                code = THREAT_EXACT.get(sub.cameo) or THREAT_OF.get(sub.cameo[:2]) or "130"
                if not base.target:
                    base.target = sub.target
            else:
                code = self.lex.refine_code("130", words, nouns)
            base.cameo, base.type, base.mode = code, None, None
            return base
        if sub is None:
            return None
        root = sub.cameo[:2]
        if cls_ in ("offer", "intent", "decide"):
            if sub.negated and root in COOP_ROOTS | {"04"}:
                code = REJECT_EXACT.get(sub.cameo) or REJECT_OF.get(root) or "120"
                new = self._retarget(sub, base, code)
                new.negated = False
                return new
            if root in COOP_ROOTS or (root == "04" and cls_ in ("offer", "decide")):
                code = AGREE_EXACT.get(sub.cameo) or AGREE_OF.get(root) or "030"
                if root == "03":
                    code = sub.cameo
                if code in ("030", "031"):
                    code = self.lex.refine_code("030", *self._clause_words(comp[0]))
                new = self._retarget(sub, base, code)
                new.type = "CONCEDE" if sub.type == "CONCEDE" and root == "08" and sub.cameo == "0356" else None
                new.mode = None
                return new
            if root in HOSTILE_ROOTS and cls_ in ("intent", "offer"):
                code = THREAT_EXACT.get(sub.cameo) or THREAT_OF.get(root) or "130"
                new = self._retarget(sub, base, code)
                new.type, new.mode = None, None
                return new
            if root == "04" and cls_ == "intent":
                new = self._retarget(sub, base, sub.cameo)
                new.modality = "future"
                return new
            # decide + hostile act, or another kind: the act itself
            new = self._retarget(sub, base, sub.cameo)
            new.type, new.mode = sub.type, sub.mode
            if cls_ == "intent":
                new.modality = "future"
            return new
        if cls_ == "aspect":
            new = self._retarget(sub, base, sub.cameo)
            new.type, new.mode = sub.type, sub.mode
            return new
        return None

    def _retarget(self, sub: Cand, base: Cand, code: str) -> Cand:
        """The complement's act, as the matrix subject's statement (source = matrix source)."""
        source = base.source or sub.source
        target = [m for m in (sub.target or base.target) if m not in source]
        return Cand(code, sub.entry_id + "+" + base.entry_id, source, target, base.trigger + sub.trigger,
                    base.clause, base.sent, negated=False, confidence=min(base.confidence, sub.confidence))
