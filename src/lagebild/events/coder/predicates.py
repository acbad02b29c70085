"""Predicate events: evaluative adjectives and participles ("nicht akzeptabel" → ACCUSE by the
evaluator), dispositions ("bereit, … zu"), and demands in speech content (müssen/sollen with an
actor subject → REQUEST by the speaker).
"""

from __future__ import annotations

from lagebild.events.clauses import Clause, lem, lower
from lagebild.events.coder.coding_records import Cand, ClauseInfo, Mention, same_actors, uniq_mentions
from lagebild.events.coder.derived_codes import REQUEST_EXACT, REQUEST_OF
from lagebild.events.lexicon import fold

STOP_VERBS = {"aufhören", "beenden", "einstellen", "stoppen", "unterlassen", "abschwören", "niederlegen"}


class PredicatesMixin:
    """Part of `coder._ArticleRun`: candidates of predicates and modal demands."""

    def _predicates(self, c: Clause, info: ClauseInfo, sent, clauses, infos, produced, comp, base) -> list[Cand]:
        doc = self.doc
        out = []
        if not self.lex.predicates:
            return out
        for i in c.tokens:
            t = doc[i]
            if t.tag_ not in ("ADJD", "ADJA", "VVPP", "NN", "PTKVZ", "ADV") and \
                    not (t.tag_[:2] == "VV" and fold(t.text) in self.lex.predicates):
                continue
            l = fold(lem(t))
            entries = self.lex.predicates.get(fold(t.text)) if t.tag_[:2] == "VV" else (
                self.lex.predicates.get(l) or self.lex.predicates.get(fold(t.text)))
            if not entries and t.tag_ == "ADJA":
                continue
            if not entries:
                continue
            for e in entries:
                if e.negated and not c.negation:
                    continue
                if e.superlative and not (fold(t.text).startswith(l[:4]) and ("st" in fold(t.text)[len(l) - 2:] or
                                                                              "schlechteste" in fold(t.text))):
                    continue
                if t.tag_ == "ADJA" and not e.superlative and e.id not in ("p.faschistisch", "p.kriegsluestern",
                                                                           "p.barbarisch", "p.verbrecherisch"):
                    continue
                if e.cls in ("offer", "intent"):
                    # dispositional: "X ist/erklärt sich bereit, … zu": source = subject, combine with complement
                    subs = []
                    for d in comp:
                        subs.extend(produced.get(d.idx, []))
                    if not subs:
                        continue
                    pseudo = self._cand(e.cameo or "030", e, c, info, sent, [i], clauses)
                    comb = self._combine(e.cls, e, c, info, pseudo, subs, comp, sent, clauses, infos, [i])
                    if comb is not None:
                        for d in comp:
                            infos[d.idx].consumed = True
                        out.append(comb)
                    break
                if e.cameo is None:
                    continue
                # evaluative: the evaluator is the speaker, an opinion holder, "für X", or the subject of
                # "als … bezeichnen/befinden"
                evaluator: list[Mention] = []
                target: list[Mention] = []
                has_als = any(lower(doc[j]) == "als" for j in c.tokens)
                if c.lemma in ("nennen", "bezeichnen", "titulieren", "beschimpfen", "brandmarken") and info.subject \
                        and not info.speaker:
                    evaluator = info.subject
                    target = [m for m in self.objects(c, info) + self.embedded(c, info)
                              if not same_actors([m], evaluator)]
                elif e.reflexive_verb and c.reflexive and c.lemma == e.reflexive_verb and info.subject:
                    evaluator = info.subject  # "Annan zeigte sich zufrieden über …"
                    target = self.pp_mentions(c, "über", info) + self.pp_mentions(c, "mit", info)
                elif info.opinion:
                    evaluator = info.opinion
                elif has_als and info.subject and not info.speaker:
                    evaluator = info.subject
                    target = self.objects(c, info) or self.embedded(c, info)
                elif info.speaker:
                    evaluator = info.speaker
                elif e.id in ("p.inakzeptabel", "p.unakzeptabel", "p.unannehmbar", "p.akzeptabel.neg",
                              "p.hinnehmbar.neg"):
                    fuer = self.pp_mentions(c, "für", info)
                    if fuer and c.lemma in ("sein",):
                        evaluator = fuer
                if not evaluator:
                    continue
                if not target:
                    target = [m for m in (info.subject + self.embedded(c, info)) if m not in evaluator]
                    if not info.subject and info.subject_np is not None:
                        target = self.group_mentions(c, info.subject_np, embedded=True) + target
                target = [m for m in uniq_mentions(target) if not same_actors([m], evaluator)]
                code = e.cameo
                # "X sind für Y inakzeptabel" said of a proposal: REJECT
                if code == "111" and info.subject_np is not None:
                    head = doc[c.nps[info.subject_np].head]
                    if fold(lem(head)) in self.lex.proposal_nouns or self.lex.head_of(
                            lem(head), self.lex.proposal_nouns):
                        code = "120"
                cand = Cand(code, e.id, list(evaluator), target, [i] + ([c.negation[0]] if e.negated else []), c,
                            sent, confidence=0.5)
                cand._neg_consumed = e.negated  # type: ignore[attr-defined]
                out.append(cand)
                break
        return out

    def _request_from_modal(self, c: Clause, info: ClauseInfo, sent, base: Cand | None, clauses) -> Cand | None:
        words, nouns = self._clause_words(c)
        if base is not None:
            code = REQUEST_EXACT.get(base.cameo) or REQUEST_OF.get(base.cameo[:2]) or "1042"
        else:
            code = self.lex.refine_code("100", words, nouns)
            if code == "100":
                code = "1042" if c.lexical is not None else "100"
        if c.lemma and fold(c.lemma) in STOP_VERBS:
            code = "1056" if base is None or base.cameo[:2] not in ("14",) else "1052"
        if c.negation and base is not None and base.cameo[:2] in ("18", "19", "20", "17"):
            code = "1056"
        trig = [i for i in c.verbs]
        target = list(info.subject)
        if not target and info.subject_np is not None:
            target = self.group_mentions(c, info.subject_np, embedded=True)
        return Cand(code, "speech.modal-demand", list(info.speaker or []), target, trig, c, sent, confidence=0.5)
