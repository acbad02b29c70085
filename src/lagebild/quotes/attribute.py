"""Speaker → actor: the actor layer's mentions, plus pronoun and role-noun coreference.

* a speaker span that covers an actor mention is that actor (the mention
  with most tokens in the span; a person before an organisation, since in
  `Ein Sprecher der Polizei, Lars Beringer` the named person speaks);
* a personal or demonstrative pronoun (`er`, `sie`, `dieser`) is the nearest
  compatible actor mentioned before it — a person for singular pronouns, a
  state, organisation or group for `sie` with a plural verb and for `wir`;
  an actor that spoke in the sentences just before wins over a mere mention;
* a role noun (`der Minister`, `die Kanzlerin`, `der US-Präsident`) is the
  nearest actor before it whose role or name contains that noun;
  `die Sprecherin des Ministeriums` speaks for the organisation her
  genitive names (the nearest organisation actor whose name contains it,
  else the nearest organisation or government actor).
"""

from __future__ import annotations

import bisect
import re

from lagebild.quotes.tokens import FINITE

PERSONAL = {"er": "m", "sie": "f?", "ihm": "m", "ihn": "m", "ihr": "f", "wir": "pl", "ich": "sg", "man": None}
DEMONSTRATIVE = {"dieser", "diese", "jener", "jene", "der", "die", "derselbe", "dieselbe", "letzterer", "letztere"}
SPOKESPERSON = re.compile(r"(?i)(sprecher|sprecherin|sprecherinnen|vertreter|vertreterin|mitarbeiter|mitarbeiterin)$")
GROUP_KINDS = {"state", "organisation", "group", "location"}


class ActorLinker:
    def __init__(self, view, actors):
        self.v = view
        self.actors = list(actors or [])
        n = view.n
        self.token_actor: list[list[str]] = [[] for _ in range(n)]
        self.mentions: list[tuple[int, str]] = []  # (first token, actor id), sorted
        starts = view.idx
        for actor in self.actors:
            for s, e in actor.mentions:
                a = bisect.bisect_right(starts, s) - 1
                a = max(a, 0)
                toks = []
                k = a
                while k < n and view.idx[k] < e:
                    if view.end[k] > s:
                        toks.append(k)
                    k += 1
                for t in toks:
                    self.token_actor[t].append(actor.id)
                if toks:
                    self.mentions.append((toks[0], actor.id))
        self.mentions.sort()
        self.by_id = {a.id: a for a in self.actors}
        self.recent_speakers: list[tuple[int, str]] = []  # (token, actor id) of resolved speakers

    # ------------------------------------------------------------------------------------------
    def link(self, source: list[int]) -> str | None:
        if not source or not self.actors:
            return None
        v = self.v
        counts: dict[str, int] = {}
        for t in source:
            for aid in self.token_actor[t]:
                counts[aid] = counts.get(aid, 0) + 1
        if counts:
            def rank(aid: str) -> tuple:
                actor = self.by_id[aid]
                return (actor.kind == "person", counts[aid], -self._first_mention_in(aid, source))
            best = max(counts, key=rank)
            self._spoke(source[0], best)
            return best
        first = source[0]
        words = [t for t in source if v.tag[t][:1] != "$"]
        if len(words) == 1 and v.tag[first] in ("PPER", "PDS", "PRELS", "PIS"):
            aid = self._pronoun(first)
        else:
            aid = self._role_noun(source)
        if aid:
            self._spoke(first, aid)
        return aid

    def _first_mention_in(self, aid: str, source: list[int]) -> int:
        for t in source:
            if aid in self.token_actor[t]:
                return t
        return 0

    def _spoke(self, token: int, aid: str) -> None:
        self.recent_speakers.append((token, aid))

    # ------------------------------------------------------------------------------------------
    def _before(self, token: int, kinds: set[str] | None, predicate=None, window: int = 400) -> str | None:
        """The actor of the nearest mention before `token` (of a kind in `kinds`)."""
        k = bisect.bisect_left(self.mentions, (token, "")) - 1
        while k >= 0:
            t, aid = self.mentions[k]
            if token - t > window:
                break
            actor = self.by_id[aid]
            if (kinds is None or actor.kind in kinds) and (predicate is None or predicate(actor)):
                return aid
            k -= 1
        return None

    def _pronoun(self, t: int) -> str | None:
        v = self.v
        low = v.lower[t]
        plural = low in ("wir", "ihr") or low == "sie" and self._plural_verb(t)
        if low in ("es", "man"):
            return None
        kinds = GROUP_KINDS if plural else {"person"}
        feminine = None
        if not plural:
            if low in ("er", "ihm", "ihn", "dieser", "der", "jener"):
                feminine = False
            elif low in ("sie", "ihr", "diese", "die", "jene"):
                feminine = True
        # a recent speaker of the right kind first (the pronoun continues a reported statement)
        for tok, aid in reversed(self.recent_speakers[-4:]):
            if t - tok > 120 or tok >= t:
                continue
            actor = self.by_id[aid]
            if actor.kind in kinds and self._gender_ok(actor, feminine):
                return aid
        return self._before(t, kinds, lambda a: self._gender_ok(a, feminine))

    def _gender_ok(self, actor, feminine: bool | None) -> bool:
        if feminine is None or actor.kind != "person" or not actor.role:
            return True
        is_f = actor.role.lower().endswith(("in", "innen")) and not actor.role.lower().endswith(("chin",))
        return is_f == feminine

    def _plural_verb(self, t: int) -> bool:
        v = self.v
        for k in list(range(t - 1, max(-1, t - 3), -1)) + list(range(t + 1, min(v.n, t + 3))):
            if v.tag[k] in FINITE:
                number = v.number[k]
                if number:
                    return "Plur" in number
                return v.lower[k].endswith(("en", "ten")) and not v.lower[k].endswith("ten") or v.lower[k] in (
                    "sind", "haben", "hatten", "waren", "seien", "werden", "wurden")
        return False

    def _role_noun(self, source: list[int]) -> str | None:
        v = self.v
        nouns = [t for t in source if v.tag[t] == "NN"]
        if not nouns:
            return None
        head = nouns[0]
        lemma = v.lemma[head]
        if SPOKESPERSON.search(lemma):
            # die Sprecherin des Ministeriums → the organisation she speaks for
            genitive = [t for t in nouns[1:]]
            for g in genitive:
                key = v.lemma[g][:-1] if v.lemma[g].endswith("s") else v.lemma[g]
                aid = self._before(source[0], {"organisation", "group", "state"},
                                   lambda a, key=key: key in a.name.lower() or key in (a.role or "").lower())
                if aid:
                    return aid
            return self._before(source[0], {"organisation", "group"}, lambda a: (a.sector or "") in ("GOV", "")) \
                or self._before(source[0], {"organisation", "group"})
        key = lemma.rstrip("s") if len(lemma) > 5 else lemma
        key = key[:-2] if key.endswith("in") and len(key) > 6 else key  # Ministerin → Minister
        if len(key) < 4:
            return None

        def matches(actor) -> bool:
            role = (actor.role or "").lower()
            return bool(role) and (key in role or role in lemma)
        return self._before(source[0], {"person"}, matches) or self._before(source[0], None, lambda a: key in a.name.lower())
