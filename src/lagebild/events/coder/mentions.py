"""Actors in noun phrases: the actor layer's mentions, actors read from the phrase itself (demonyms,
compound prefixes, names it did not know), coordinated and attached phrases, and the antecedents of
pronouns and anaphoric phrases ("die Organisation", "sein Land").
"""

from __future__ import annotations

from lagebild.events.clauses import NP, Clause, lower
from lagebild.events.coder.coding_records import ClauseInfo, Mention, PseudoActor, uniq_mentions
from lagebild.events.lexicon import fold

_MISSING = object()
SPEAKER_PRONOUNS = {"ich", "wir", "man", "uns", "mich", "mir", "unser", "unsere"}
PERSON_PRONOUNS = {"er", "ihn", "ihm", "seiner"}
ANY_PRONOUNS = {"sie", "ihr", "ihnen", "dieser", "diese", "dieses", "jener", "jene", "es", "diesen", "diesem"}
EXPLETIVE = {"es"}


class MentionsMixin:
    """Part of `coder._ArticleRun`: the mentions of noun phrases, over the run's state (doc, mention_at,
    history)."""

    def np_mentions(self, np: NP) -> list[Mention]:
        if np.neg:
            return []  # "(darunter keine Deutschen)"
        out: list[Mention] = []
        seen = set()
        for i in range(np.start, np.end):
            m = self.mention_at.get(i)
            if m is not None and m not in seen:
                seen.add(m)
                out.append(m)
        if not out and np.nouns:
            key = (np.start, np.end)
            cached = self._pseudo.get(key)
            if cached is None:
                cached = self._demonym_np(np)
                self._pseudo[key] = cached
            out = list(cached)
        return out

    def _demonym_np(self, np: NP) -> list[Mention]:
        """ "israelisches Territorium", "palästinensische Verwundete": an actor known by its demonym only."""
        doc = self.doc
        head = doc[np.head]
        if head.tag_ != "NN":
            return []
        out = []
        if self.coder.states is not None and head.text[:1].isupper():
            dm = self.coder.state_by_name(head.text)
            if dm is not None and dm.via == "demonym":  # "militanter Palästinenser", "die Israelis"
                return [Mention(PseudoActor(None, doc[np.start:np.end].text, "group", dm.state.code, None),
                                np.start, np.end)]
        st = self.coder.states
        key = head.lemma_ or head.text
        sector = self.coder._sector_cache.get(key, _MISSING)
        if sector is _MISSING:
            sector = None
            if st is not None:
                try:
                    ag = st.agent(key) or st.agent_in_compound(head.text)
                    ag = getattr(ag, "head", ag)
                    sector = getattr(ag, "sector", None)
                except Exception:
                    sector = None
            if len(self.coder._sector_cache) < 100_000:
                self.coder._sector_cache[key] = sector
        for a in np.adjs:
            pm = self._demonym(a, np)
            if pm is not None:
                pm.actor.sector = sector
                pm.actor.name = doc[np.start:np.end].text
                out.append(Mention(pm.actor, np.start, np.end) if len(np.adjs) == 1 else pm)
        if not out and np.det is not None or not out and not np.adjs:
            if self.lex.noun(head.lemma_ or head.text)[0] is not None:
                pm = self._compound_state(np.head)
                if pm is not None:
                    return [pm]
        if not out and st is not None and any(doc[a].text[:1].isupper() for a in np.adjs):
            first = np.adjs[0]
            m = self.coder.state_by_name(doc[first:np.end].text)
            if m is not None and m.via in ("name", "official"):
                out.append(Mention(PseudoActor(None, doc[first:np.end].text, "state", m.state.code, m.sector),
                                   first, np.end))
        return out

    def group(self, c: Clause, idx: int) -> list[int]:
        """An NP with its coordinated/apposition members."""
        return [idx] + [k for k, np in enumerate(c.nps) if np.appos_of == idx]

    def attached(self, c: Clause, idx: int) -> list[int]:
        """Genitives and prepositional phrases attached to NP idx (and to them)."""
        out = []
        frontier = [idx]
        while frontier:
            cur = frontier.pop()
            for k, np in enumerate(c.nps):
                if k in out or k == idx:
                    continue
                if np.gen_of == cur or (np.appos_of == cur and cur != idx):
                    out.append(k)
                    frontier.append(k)
                elif np.prep is not None and np.gen_of is None and np.appos_of is None and \
                        np.start == c.nps[cur].end + (1 if self.doc[c.nps[cur].end].tag_ in ("APPR", "APPRART")
                                                      else 0) and k == cur + 1 and self.doc[np.start - 1].tag_ in (
                        "APPR", "APPRART"):
                    out.append(k)
                    frontier.append(k)
        return out

    def group_mentions(self, c: Clause, idx: int, embedded: bool = False, skip_loc: bool = True) -> list[Mention]:
        out: list[Mention] = []
        for k in self.group(c, idx):
            np = c.nps[k]
            if np.pronoun:
                out.extend(self.resolve_pronoun(c, np))
            else:
                ms = self.np_mentions(np)
                # "die Streitkräfte der Vereinigten Staaten": the agent takes the genitive state's code
                if len(ms) == 1 and ms[0].actor.code is None and getattr(ms[0].actor, "sector", None):
                    for g in self.attached(c, k):
                        gnp = c.nps[g]
                        if gnp.prep == "von" and gnp.gen_of is None and g == k + 1:
                            om = [m for m in self.np_mentions(gnp) if getattr(m.actor, "kind", "") == "organisation"]
                            if om:
                                o = om[0].actor
                                ms = [Mention(PseudoActor(None, self.doc[np.start:gnp.end].text, "organisation",
                                                          o.code, o.sector or ms[0].actor.sector), ms[0].start,
                                              ms[0].end)]
                                break
                        if c.nps[g].gen_of == k:
                            gm = [m for m in self.np_mentions(c.nps[g])
                                  if getattr(m.actor, "kind", "") in ("state", "organisation") and m.actor.code]
                            if gm:
                                a = ms[0].actor
                                ms = [Mention(PseudoActor(None, self.doc[np.start:c.nps[g].end].text, a.kind,
                                                          gm[0].actor.code, a.sector), ms[0].start, ms[0].end)]
                                break
                out.extend(ms)
                # "ungarische und rumänische Regierungsvertreter": a demonym outside the mention
                if ms and np.adjs:
                    covered = {i for m in ms for i in range(m.start, m.end)}
                    for a in np.adjs:
                        if a not in covered:
                            pm = self._demonym(a, np)
                            if pm is not None and pm.actor.code != ms[0].actor.code:
                                pm.actor.sector = getattr(ms[0].actor, "sector", None)
                                pm.actor.kind = getattr(ms[0].actor, "kind", "group")
                                out.append(pm)
            if embedded:
                for a in self.attached(c, k):
                    anp = c.nps[a]
                    for m in self.np_mentions(anp):
                        if skip_loc and anp.prep in ("in", "nach", "aus") and getattr(m.actor, "kind", "") == "location":
                            continue
                        out.append(m)
        return uniq_mentions(out)

    def resolve_pronoun(self, c: Clause, np: NP, info: ClauseInfo | None = None) -> list[Mention]:
        """Antecedent of a personal/demonstrative pronoun.

        Candidates fit the pronoun (er/ihn/ihm: a person; sie/es/dieser: any actor). An object pronoun
        never refers to the subject of its own clause. Earlier in the same sentence, the nearest
        candidate wins; otherwise the subject of the closest earlier sentence that has a fitting one,
        else the nearest fitting mention."""
        w = lower(self.doc[np.start])
        if w in EXPLETIVE or w in SPEAKER_PRONOUNS:
            return []
        if w not in PERSON_PRONOUNS and w not in ANY_PRONOUNS:
            return []
        kinds = ("person",) if w in PERSON_PRONOUNS else ("person", "state", "organisation", "group")
        is_object = w in ("ihn", "ihm", "ihnen") or np.cases <= frozenset({"Acc", "Dat"})
        own_subject = set()
        if is_object and self._cur_infos is not None:
            info = self._cur_infos.get(c.idx)
            if info is not None:
                own_subject = {id(m.actor) for m in info.subject}
        sent_start = self._cur_sent[0] if self._cur_sent else 0
        same, earlier_subj, nearest = None, None, None
        nearest_sent = None
        for tok, m, subj, s0 in reversed(self.history):
            if tok >= np.start or np.start - tok > 90:
                if np.start - tok > 90:
                    break
                continue
            if getattr(m.actor, "kind", None) not in kinds or id(m.actor) in own_subject:
                continue
            if s0 == sent_start:
                if same is None:
                    same = m
                continue
            if nearest is None:
                nearest = m
                nearest_sent = s0
            elif s0 != nearest_sent:
                break  # only the closest earlier sentence with a fitting candidate
            if subj and earlier_subj is None:
                earlier_subj = m
                break
        best = same or earlier_subj or nearest
        return [best] if best is not None else []

    def _anaphor(self, c: Clause, np: NP) -> list[Mention]:
        """A definite noun phrase that refers back ("Die Organisation erklärte …" after "Die Hamas …"; "sein
        Land" = the country of the last person named)."""
        if np.pronoun or len(np.nouns) != 1:
            return []
        kind = self.lex.anaphoric_nouns.get(fold(self.doc[np.head].lem))
        if kind is None:
            return []
        if np.det in ("sein", "seine", "ihr", "ihre") and kind == "state":
            for tok, m, subj, s0 in reversed(self.history):
                if tok < np.start and getattr(m.actor, "code", None) and getattr(m.actor, "kind", "") == "person":
                    return [Mention(PseudoActor(None, self.doc[np.start:np.end].text, "state", m.actor.code, None),
                                    np.start, np.end)]
            return []
        if np.det not in ("der", "die", "das", "dieser", "diese", "dieses"):
            return []
        for tok, m, subj, s0 in reversed(self.history):
            if tok >= np.start:
                continue
            if np.start - tok > 250:
                break
            if subj and getattr(m.actor, "kind", None) == kind:
                return [m]
        return []

    def _pseudo_np(self, c: Clause, k: int) -> Mention:
        np = c.nps[k]
        end = np.end
        for j in self.attached(c, k):
            end = max(end, c.nps[j].end)
        code = None
        for j in [k] + self.attached(c, k):
            for m in self.np_mentions(c.nps[j]):
                if getattr(m.actor, "code", None):
                    code = m.actor.code
                    break
            if code:
                break
        return Mention(PseudoActor(None, self.doc[np.start:end].text, "pseudo", code, None), np.start, end)

    def _name_np(self, c: Clause, k: int | None) -> list[Mention]:
        """A subject that is a name the actor layer did not know ("die „Neue Rechte“")."""
        if k is None:
            return []
        np = c.nps[k]
        if np.pronoun or not np.nouns:
            return []
        head = self.doc[np.head]
        toks = self.doc.toks
        quoted = np.start > 0 and toks[np.start - 1].text in ("„", '"', "»") and np.end < len(toks) and \
            toks[np.end].text in ("“", '"', "«", "”")  # the whole phrase in quotes: "die „Neue Rechte“"
        if head.tag_ in ("NE", "FM") or quoted:
            return [self._pseudo_np(c, k)]
        # an organisation's name: "Mitglieder der Vereinigung Afrikanischer Juristen", "die Islamische Front"
        for j in [k] + [g for g in self.attached(c, k) if c.nps[g].gen_of is not None]:
            g = c.nps[j]
            s0 = self._cur_sent[0] if self._cur_sent else -1
            if any(self.doc[a].text[:1].isupper() and a != s0 and self._demonym(a, g) is None for a in g.adjs):
                return [self._pseudo_np(c, k)]
        return []

    def _compound_state(self, tok: int) -> Mention | None:
        word = self.doc[tok].text
        st = self.coder.states
        if st is None or len(word) < 6:
            return None
        candidates = []
        if "-" in word:
            candidates.append(word.split("-")[0])
        else:
            head = self.lex.noun(self.doc[tok].lemma_ or word)[1]
            if head and len(word) - len(head) >= 3:
                candidates.append(word[: len(word) - len(head)].rstrip("s") if word[: len(word) - len(head)].endswith(
                    "s") and len(word) - len(head) > 4 else word[: len(word) - len(head)])
        for pre in candidates:
            m = self.coder.state_by_name(pre)
            if m is not None and m.via in ("name", "prefix", "official", "short"):
                return Mention(PseudoActor(None, pre, "state", m.state.code, None), tok, tok + 1)
            try:
                o = st.organisation(pre)
            except Exception:
                o = None
            if o is not None and o.code:
                return Mention(PseudoActor(None, pre, "organisation", o.code, o.sector), tok, tok + 1)
        return None

    def _demonym(self, tok: int, np: NP) -> Mention | None:
        st = self.coder.states
        if st is None:
            return None
        word = self.doc[tok].text
        if not word[:1].isalpha():
            return None
        m = self.coder.state_by_name(word)
        if m is None or m.via != "adjective":
            return None
        return Mention(PseudoActor(None, word, "state", m.state.code, None), tok, tok + 1)
