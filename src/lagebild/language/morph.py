"""Morphological features German makes visible without a morphological parser.

Rules and word lists are in `data/morph.yaml` (case, Konjunktiv) and
`data/tags.yaml` (VerbForm and Mood by tag). Features come out as UD FEATS
strings (`Case=Dat`, `Case=Acc,Dat`, `Mood=Sub|VerbForm=Fin`).
"""

from __future__ import annotations

from typing import Sequence

CASE_ORDER = ("Acc", "Dat", "Gen", "Nom")  # spaCy keeps feature values sorted


class MorphRules:
    def __init__(self, morph: dict, tags: dict):
        self.closed_case = {k: frozenset(v) for k, v in (morph.get("case_of_closed_class") or {}).items()}
        self.prep_case = {k: frozenset(v) for k, v in (morph.get("case_of_preposition") or {}).items()}
        self.closed_tags = frozenset(morph.get("closed_class_case_tags") or ())
        self.det_tags = frozenset(morph.get("determiner_tags") or ())
        self.prep_tags = frozenset(morph.get("preposition_tags") or ())
        self.inner_tags = frozenset(morph.get("np_inner_tags") or ())
        self.head_tags = frozenset(morph.get("np_head_tags") or ())
        self.appos_tags = frozenset(morph.get("np_apposition_tags") or ())
        self.receiving_tags = frozenset(morph.get("case_receiving_tags") or ())
        self.pronoun_tags = frozenset(morph.get("pronoun_head_tags") or ())
        self.sub_forms = frozenset(morph.get("subjunctive_forms") or ())
        self.sub1_tags = frozenset(morph.get("subjunctive_1_tags") or ())
        self.lemma_endings = tuple(morph.get("lemma_endings") or ("en", "n"))
        self.sub1_suffix = morph.get("subjunctive_1_suffix", "e")
        self.first_person = frozenset(morph.get("first_person_pronouns") or ())
        self.lookahead = int(morph.get("subject_lookahead", 2))
        self.clause_tags = frozenset(morph.get("clause_boundary_tags") or ())
        self.sub1_exceptions = frozenset(morph.get("subjunctive_1_exceptions") or ())
        self.verb_form = dict(tags.get("verb_form") or {})
        self.mood_by_tag = dict(tags.get("mood_by_tag") or {})
        self._stem_cache: dict[tuple[str, str], bool] = {}

    # -- mood ---------------------------------------------------------------

    def _konj1_shape(self, lower: str, lemma: str) -> bool:
        key = (lower, lemma)
        hit = self._stem_cache.get(key)
        if hit is None:
            hit = False
            if lower not in self.sub1_exceptions:
                lem = lemma.lower()
                for ending in self.lemma_endings:
                    if lem.endswith(ending) and len(lem) > len(ending):
                        hit = lem[: -len(ending)] + self.sub1_suffix == lower
                        break
            self._stem_cache[key] = hit
        return hit

    def _first_person_subject(self, i: int, lowers: Sequence[str], tags: Sequence[str]) -> bool:
        fp = self.first_person
        j = i - 1
        while j >= 0 and tags[j] not in self.clause_tags:
            if lowers[j] in fp:
                return True
            j -= 1
        for j in range(i + 1, min(len(lowers), i + 1 + self.lookahead)):
            if lowers[j] in fp:
                return True
            if tags[j] in self.clause_tags:
                break
        return False

    def mood(self, i: int, lowers: Sequence[str], tags: Sequence[str], lemmas: Sequence[str]) -> str | None:
        tag = tags[i]
        m = self.mood_by_tag.get(tag)
        if m is not None or tag not in self.sub1_tags:
            return m
        lower = lowers[i]
        if lower in self.sub_forms:
            return "Sub"
        if self._konj1_shape(lower, lemmas[i]) and not self._first_person_subject(i, lowers, tags):
            return "Sub"
        return None

    # -- case ---------------------------------------------------------------

    def cases(self, lowers: Sequence[str], tags: Sequence[str]) -> list[frozenset | None]:
        """Case values per token of one sentence (None: not derivable).

        A preposition opens a phrase with the cases it governs; a determiner
        (or a pronoun) gives its own, narrowed to the preposition's; inner
        words (adjectives …) and the head noun, and names in apposition right
        after it, share the phrase's cases. Anything else closes the phrase.
        """
        n = len(tags)
        out: list[frozenset | None] = [None] * n
        closed, prep_case = self.closed_case, self.prep_case
        gov: frozenset | None = None  # cases the governing preposition allows
        np_case: frozenset | None = None  # cases of the open noun phrase
        in_np = False  # inside a phrase, before its head
        after_head = False  # right after the head (appositions may follow)
        for i in range(n):
            tag = tags[i]
            low = lowers[i]
            if tag in self.prep_tags:
                gov = prep_case.get(low)
                np_case, in_np, after_head = gov, gov is not None, False
                continue
            if tag in self.det_tags:
                c = closed.get(low)
                if in_np and np_case is not None:
                    if c is None:  # die vielen Menschen: an inner word
                        if tag in self.receiving_tags:
                            out[i] = np_case
                        continue
                    c = (c & np_case) or c
                elif after_head:
                    gov = None  # a genitive attribute: the preposition governs no more
                out[i] = c
                np_case, in_np, after_head = c, c is not None, False
                continue
            if tag in self.closed_tags:
                c = closed.get(low)
                if c is not None and in_np and gov is not None and tag in self.pronoun_tags:
                    c = (c & gov) or c
                out[i] = c
                gov, np_case, in_np, after_head = None, None, False, False
                continue
            if in_np:
                if tag in self.head_tags:
                    out[i] = np_case
                    in_np, after_head = False, True
                    continue
                if tag in self.inner_tags:
                    if tag in self.receiving_tags:
                        out[i] = np_case
                    continue
            elif after_head and tag in self.appos_tags:
                out[i] = np_case
                continue
            gov, np_case, in_np, after_head = None, None, False, False
        return out

    # -- all features ---------------------------------------------------------

    def features(self, words: Sequence[str], tags: Sequence[str], lemmas: Sequence[str]) -> list[str]:
        """UD FEATS string per token of one sentence ('' for none)."""
        lowers = [w.lower() for w in words]
        cases = self.cases(lowers, tags)
        out = []
        vf = self.verb_form
        for i, tag in enumerate(tags):
            parts = []
            c = cases[i]
            if c:
                parts.append("Case=" + ",".join(x for x in CASE_ORDER if x in c))
            v = vf.get(tag)
            if v is not None:
                m = self.mood(i, lowers, tags, lemmas)
                if m:
                    parts.append("Mood=" + m)
                parts.append("VerbForm=" + v)
            out.append("|".join(parts))
        return out
