"""In-article actor resolution: mentions in a tagged Doc → actors with codes valid on the article's date.

Reads a spaCy Doc that the language layer tagged (STTS `tag_`, `lemma_`)
and, where the NER ran, `doc.ents`. Passes, each over the tokens not yet
claimed:

1. organisations and multi-word metonyms (`Weißes Haus`), longest first;
2. titles (`US-Außenminister`, `Verteidigungs- und Außenministern`) with the
   state from a compound prefix, a preceding adjective (`japanischen`) or a
   following genitive, and the names they introduce (apposition, paired in
   order when coordinated);
3. name runs (NE tokens, NER spans): full names and surnames of the
   dictionary's people on the article's date, in-article surname links
   (`Tillerson` → Rex Tillerson, `Kim` → Kim Jong Un), states, places;
4. states by name, capital or metonym (`Pjöngjang` → PRK; a capital after a
   locative preposition is a place);
5. generic agents (`die japanische Regierung` → JPN GOV).

Mentions are then merged into actors: people by dictionary id or name,
states by code, organisations by id, agents by (agent, code).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from lagebild.actors.dictionary import ActorDictionary, CompoundMatch, PersonRole, fold_name, start_key
from lagebild.record import Actor, Entity
from lagebild.time.tagger import parse_day

RULES_FILE = Path(__file__).with_name("data") / "resolution.yaml"
_ARTICLES = frozenset({"der", "die", "das", "den", "dem", "des"})  # the lookups strip a leading article
NAME_TAGS = {"NE"}
NOUN_TAGS = {"NN", "NE", "TRUNC", "XY", "FM"}


@dataclass
class Mention:
    start: int  # token index
    end: int  # token index, exclusive
    kind: str  # person, state, organisation, location, group
    key: str  # merge key of the actor
    name: str
    code: str | None = None
    sector: str | None = None
    role: str | None = None
    dictionary_id: str | None = None
    label: str | None = None  # entity label, None for mentions that are no named entity
    in_office: bool = True
    name_parts: tuple[str, ...] = ()


@dataclass
class TitleHit:
    start: int
    end: int  # exclusive; includes a preceding state adjective if any
    head: int  # token index of the title word
    match: CompoundMatch
    role: str
    code: str | None
    sector: str | None


@dataclass
class Resolution:
    entities: list[Entity] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)




def _is_cap(text: str) -> bool:
    return bool(text) and (text[0].isupper() or (len(text) > 1 and text[0].isdigit() and text[-1].isupper()))


class ActorResolver:
    def __init__(self, dictionary: ActorDictionary, rules: dict[str, Any] | None = None):
        self.dictionary = dictionary
        self.rules = rules or yaml.safe_load(RULES_FILE.read_text(encoding="utf-8"))
        self.locative = set(self.rules["locative_prepositions"])
        self.coordinators = set(self.rules["coordinators"])
        self.particles = set(self.rules["name_particles"])
        self.not_names = set(self.rules["not_names"])
        heads = sorted(self.rules["location_heads"], key=len, reverse=True)
        self.location_head = re.compile(rf"(?i)(?:^|[-\w])({'|'.join(map(re.escape, heads))})$")
        self.labels = self.rules["entity_labels"]
        self.need_determiner = {w.lower() for w in self.rules.get("agents_needing_determiner", [])}

    # ---- entry point -------------------------------------------------------------

    def __call__(self, doc, published: str | None = None) -> Resolution:
        day = parse_day(published)
        claimed = [False] * len(doc)
        mentions: list[Mention] = []
        mentions += self._organisations_and_metonyms(doc, claimed)
        mentions += self._titles_and_appositions(doc, claimed, day)
        mentions += self._name_runs(doc, claimed, day, mentions)
        mentions += self._states(doc, claimed)
        mentions += self._agents(doc, claimed)
        mentions.sort(key=lambda m: m.start)
        return self._merge(doc, mentions, day)

    def _claim(self, claimed: list[bool], start: int, end: int) -> None:
        for i in range(start, end):
            claimed[i] = True

    def _free(self, claimed: list[bool], start: int, end: int) -> bool:
        return not any(claimed[start:end])

    # ---- 1: organisations, multi-word metonyms --------------------------------------

    def _organisations_and_metonyms(self, doc, claimed) -> list[Mention]:
        found = []
        n_tokens = len(doc)
        starts = self.dictionary.span_starts
        i = 0
        while i < n_tokens:
            tok = doc[i]
            if not _is_cap(tok.text) or tok.is_punct or tok.lower_ in self.not_names:
                i += 1
                continue
            if tok.lower_ in _ARTICLES:
                longest = 6
            else:
                longest = starts.get(start_key(tok.text), 0) + 1  # a token more: `St.` `Petersburg`
                if longest == 1:
                    i += 1  # no listed name begins with this word
                    continue
            hit = None
            for n in range(min(6, longest, n_tokens - i), 0, -1):
                span = doc[i:i + n]
                if span[-1].is_punct or "\n" in span.text:
                    continue
                text = span.text
                org = self.dictionary.organisation(text)
                if org is not None and (self._state_named(text) or self._state_named(org.name)):
                    org = None  # a country (or a place in it) listed among organisations: not an organisation
                if org is not None:
                    hit = Mention(i, i + n, "organisation", f"org:{org.id}", org.name, org.code, org.sector,
                                  dictionary_id=org.id, label=self.labels["organisation"])
                    break
                if n >= 2:
                    state = next((m for m in self.dictionary.states_by_name(text) if m.via == "metonym"), None)
                    if state is not None:
                        hit = Mention(i, i + n, "state", f"state:{state.code}", state.state.name, state.code,
                                      state.sector, label=self.labels["state"])
                        break
            if hit and self._free(claimed, hit.start, hit.end):
                found.append(hit)
                self._claim(claimed, hit.start, hit.end)
                i = hit.end
            else:
                i += 1
        return found

    def _state_named(self, text: str) -> bool:
        match = self.dictionary.state_by_name(text)
        return match is not None and match.via in ("name", "official", "capital")

    # ---- 2: titles and the names they introduce ----------------------------------------

    def _title_at(self, doc, i: int) -> CompoundMatch | None:
        tok = doc[i]
        if not _is_cap(tok.text) or tok.tag_ not in NOUN_TAGS and not tok.text[0].isupper():
            return None
        return self.dictionary.title_in_compound(tok.text)

    def _truncated_title(self, doc, i: int, next_title: CompoundMatch, next_word: str) -> CompoundMatch | None:
        """`Verteidigungs-` before `und Außenministern`: complete with the shortest
        ending of the next title word that makes a known title."""
        prefix = doc[i].text.rstrip("-")
        for cut in range(len(next_word) - 2, 0, -1):
            match = self.dictionary.title_in_compound(prefix + next_word[cut:])
            if match is not None and match.head.lemma != next_title.head.lemma:
                return match
        return None

    def _state_adjective_before(self, doc, i: int) -> str | None:
        """A state adjective in the noun phrase before token i (`des nordkoreanischen Machthabers`)."""
        j = i - 1
        steps = 0
        while j >= 0 and steps < 4:
            tok = doc[j]
            if tok.tag_ == "ADJA" or (tok.tag_ in ("ADJD",) and tok.text[0].islower()):
                match = self.dictionary.state_by_name(tok.text)
                if match is not None and match.via in ("adjective", "name"):
                    return match.code
            elif tok.tag_ not in ("ART", "PPOSAT", "PDAT", "PIAT", "CARD", "ADV", "TRUNC") and tok.text not in self.coordinators:
                break
            j -= 1
            steps += 1
        return None

    def _state_genitive_after(self, doc, i: int) -> str | None:
        """`Außenminister Frankreichs`, `Präsident der USA`."""
        j = i + 1
        if j < len(doc) and doc[j].lower_ in ("der", "des"):
            j += 1
        if j < len(doc) and _is_cap(doc[j].text):
            match = self.dictionary.state_by_name(doc[j].text)
            if match is not None and match.via in ("name", "official") and (
                doc[j].text.endswith("s") or doc[j - 1].lower_ in ("der", "des")
            ):
                return match.code
        return None

    def _modifier_before(self, doc, i: int) -> list[str]:
        effects = []
        for j in range(max(0, i - 3), i):
            mod = self.dictionary.modifier(doc[j].text)
            if mod is not None:
                effects.append(mod.effect)
        return effects

    def _name_run(self, doc, i: int, claimed) -> tuple[int, int] | None:
        """A run of name tokens starting at i: capitalised NE/unknown words, with particles inside."""
        j = i
        while j < len(doc):
            tok = doc[j]
            if claimed[j] or tok.is_punct or tok.is_space:
                break
            if _is_cap(tok.text) and tok.lower_ not in self.not_names and (
                tok.tag_ in NAME_TAGS or tok.tag_ in ("NN", "XY", "FM") and self._looks_like_name_part(tok)
            ):
                j += 1
                continue
            if tok.lower_ in self.particles and j > i and j + 1 < len(doc) and _is_cap(doc[j + 1].text):
                j += 1
                continue
            break
        while j > i and doc[j - 1].lower_ in self.particles:
            j -= 1
        return (i, j) if j > i else None

    def _looks_like_name_part(self, tok) -> bool:
        """A capitalised token that is no known German noun: HanTa's NN guess for a foreign name."""
        if tok.ent_type_ in ("PER", "ORG", "LOC", "MISC"):
            return True
        lemma = tok.lemma_ or tok.text
        return bool(self.dictionary.people(tok.text)) or bool(self.dictionary.people_by_surname(tok.text)) or (
            lemma == tok.text and not self.dictionary.title(tok.text) and not self.dictionary.agent(tok.text)
            and tok.tag_ in ("XY", "FM")
        )

    def _titles_and_appositions(self, doc, claimed, day) -> list[Mention]:
        found: list[Mention] = []
        i = 0
        n_tokens = len(doc)
        while i < n_tokens:
            if claimed[i]:
                i += 1
                continue
            titles: list[TitleHit] = []
            j = i
            # collect coordinated titles: T1 (und|,) T2 ...
            while j < n_tokens:
                tok = doc[j]
                if tok.tag_ == "TRUNC" and j + 2 < n_tokens and doc[j + 1].text in self.coordinators:
                    nxt = self._title_at(doc, j + 2)
                    if nxt is not None:
                        trunc = self._truncated_title(doc, j, nxt, doc[j + 2].text)
                        if trunc is not None:
                            titles.append(self._title_hit(doc, j, trunc))
                            j += 2
                            continue
                match = self._title_at(doc, j) if not claimed[j] else None
                if match is None:
                    break
                titles.append(self._title_hit(doc, j, match))
                j += 1
                if j + 1 < n_tokens and doc[j].text in self.coordinators and self._title_at(doc, j + 1):
                    j += 1
                    continue
                break
            if not titles:
                i += 1
                continue
            # a shared state adjective / genitive applies to all coordinated titles
            shared_code = next((t.code for t in titles if t.code), None)
            for t in titles:
                if t.code is None:
                    t.code = shared_code
            # names following: optional comma, then name (, name)* (und name)
            k = j
            if k < n_tokens and doc[k].text == ",":
                k += 1
            names: list[tuple[int, int]] = []
            while k < n_tokens:
                run = self._name_run(doc, k, claimed)
                if run is None:
                    break
                run = self._known_prefix(doc, run, day, found)
                names.append(run)
                k = run[1]
                if k < n_tokens and doc[k].text in self.coordinators and len(names) < len(titles):
                    k += 1
                    continue
                break
            if names and (len(names) == len(titles) or len(titles) == 1):
                pairs = list(zip(titles * len(names) if len(titles) == 1 else titles, names))
                for title, (s, e) in pairs:
                    mention = self._person(doc, s, e, day, title)
                    found.append(mention)
                    self._claim(claimed, s, e)
                    self._claim(claimed, title.head, title.head + 1)
                i = names[-1][1]
                continue
            # no names: each title is an actor of its own (unknown person, coded from the title)
            for t in titles:
                if t.code is None and t.sector is None:
                    continue
                found.append(Mention(t.start, t.end, "person", f"title:{t.role}:{t.code}", t.role, t.code, t.sector,
                                     role=t.role, label=None))
                self._claim(claimed, t.head, t.head + 1)
            i = j
        return found

    def _known_prefix(self, doc, run: tuple[int, int], day, known: list[Mention]) -> tuple[int, int]:
        """A name run after a title can run into the next name (`US-Präsident Trump Kim mit …
        gedroht`): keep the longest prefix that is a known person, or a lone known surname."""
        s, e = run
        if e - s < 2 or self.dictionary.person(doc[s:e].text, on=day) is not None:
            return run
        for end in range(e - 1, s + 1, -1):
            if self.dictionary.person(doc[s:end].text, on=day) is not None:
                return (s, end)
        # a lone known name followed by another known one: two people, not one
        if self._known_name(doc[s].text, day, known) and (
                self.dictionary.person(doc[s + 1:e].text, on=day) is not None
                or self._known_name(doc[s + 1].text, day, known)):
            return (s, s + 1)
        return run

    def _known_name(self, word: str, day, known: list[Mention]) -> bool:
        """A surname of the dictionary, or a part of the name of a person named earlier in the article."""
        return self.dictionary.person_by_surname(word, on=day) is not None or any(
            m.kind == "person" and word in m.name_parts for m in known)

    def _title_hit(self, doc, i: int, match: CompoundMatch) -> TitleHit:
        code = match.code or self._state_adjective_before(doc, i) or self._state_genitive_after(doc, i)
        start = i
        if match.code is None and code is not None:
            # include the adjective in the span of an unnamed office holder
            j = i - 1
            while j >= 0 and doc[j].tag_ in ("ADJA", "ADJD") and j >= i - 3:
                start = j
                j -= 1
        modifiers = list(match.modifiers) + self._modifier_before(doc, i)
        sector = None if "former" in modifiers else match.sector
        role = getattr(match.head, "role", None) or match.head.lemma
        return TitleHit(start, i + 1, i, match, role, code, sector)

    # ---- 3: names ----------------------------------------------------------------------

    def _person(self, doc, s: int, e: int, day, title: TitleHit | None = None) -> Mention:
        name = doc[s:e].text
        role = self.dictionary.person(name, on=day)
        if role is None and e - s == 1:
            role = self.dictionary.person_by_surname(name, on=day)
        return self._person_mention(s, e, name, role, title)

    def _person_mention(self, s: int, e: int, surface: str, role: PersonRole | None, title: TitleHit | None) -> Mention:
        if role is not None:
            in_office = role.in_office
            code = role.country or (title.code if title else None)
            sector = role.annotation_sector if in_office else None
            if title is not None and title.sector is None and "former" in (title.match.modifiers or ()):
                sector = None
            text_role = title.role if title else (role.role or None)
            return Mention(s, e, "person", f"person:{role.person}", role.name, code, sector, text_role, role.person,
                           self.labels["person"], in_office, tuple(role.name.split()))
        code = title.code if title else None
        sector = title.sector if title else None
        return Mention(s, e, "person", f"name:{fold_name(surface)}", surface, code, sector, title.role if title else None,
                       None, self.labels["person"], True, tuple(surface.split()))

    def _name_runs(self, doc, claimed, day, earlier: list[Mention]) -> list[Mention]:
        found: list[Mention] = []
        ner = {}
        for ent in doc.ents:
            for t in range(ent.start, ent.end):
                ner[t] = ent.label_
        i = 0
        while i < len(doc):
            if claimed[i]:
                i += 1
                continue
            run = self._name_run(doc, i, claimed)
            if run is None:
                i += 1
                continue
            s, e = run
            mention = self._resolve_name(doc, s, e, day, earlier + found, ner)
            if mention is not None:
                found.append(mention)
                self._claim(claimed, mention.start, mention.end)
                i = mention.end
            else:
                i = e
        return found

    def _resolve_name(self, doc, s: int, e: int, day, known: list[Mention], ner: dict) -> Mention | None:
        text = doc[s:e].text
        label = ner.get(s)
        # full name of a known person
        if e - s >= 2:
            role = self.dictionary.person(text, on=day)
            if role is not None:
                return self._person_mention(s, e, text, role, None)
        # a single word: a person named earlier in the article (first or last name part)
        if e - s == 1:
            word = re.sub(r"s$", "", text) if text.endswith("s") and len(text) > 3 else text
            for candidate in (text, word):
                for m in reversed(known):
                    if m.kind == "person" and m.name_parts and candidate in (m.name_parts[-1], m.name_parts[0]):
                        return Mention(s, e, "person", m.key, m.name, m.code, m.sector, m.role, m.dictionary_id,
                                       self.labels["person"], m.in_office, m.name_parts)
        # states and places
        state = self.dictionary.state_by_name(text)
        if state is not None and state.via in ("name", "official", "capital", "metonym", "demonym"):
            return self._state_mention(doc, s, e, state)
        if self.location_head.search(text):
            return Mention(s, e, "location", f"loc:{fold_name(text)}", text, None, None, label=self.labels["location"])
        # a single word: the dictionary's person with this surname in office on the day
        if e - s == 1 and label in (None, "PER") and doc[s].tag_ == "NE":
            word = text[:-1] if text.endswith("s") and self.dictionary.person_by_surname(text[:-1], on=day) else text
            role = self.dictionary.person_by_surname(word, on=day)
            if role is not None:
                return self._person_mention(s, e, word, role, None)
        if label == "PER" or (label is None and e - s >= 2 and all(doc[t].tag_ == "NE" for t in range(s, e))
                              and self.dictionary.people_by_surname(doc[e - 1].text)):
            return self._person_mention(s, e, text, None, None)
        if label == "LOC":
            return Mention(s, e, "location", f"loc:{fold_name(text)}", text, None, None, label=self.labels["location"])
        if label == "ORG":
            return Mention(s, e, "organisation", f"org:{fold_name(text)}", text, None, None, label=self.labels["organisation"])
        return None

    def _state_mention(self, doc, s: int, e: int, state) -> Mention:
        before = doc[s - 1].lower_ if s > 0 else ""
        if state.via == "capital" and before in self.locative:
            return Mention(s, e, "location", f"loc:{fold_name(doc[s:e].text)}", doc[s:e].text, state.code, None,
                           label=self.labels["location"])
        sector = state.sector or ("GOV" if state.via in ("capital", "metonym") else None)
        return Mention(s, e, "state", f"state:{state.code}", state.state.name, state.code, sector,
                       label=self.labels["state"])

    # ---- 4: states ---------------------------------------------------------------------

    def _states(self, doc, claimed) -> list[Mention]:
        found = []
        for i, tok in enumerate(doc):
            if claimed[i] or not _is_cap(tok.text) or tok.is_punct:
                continue
            state = self.dictionary.state_by_name(tok.text)
            if state is not None and state.via in ("name", "official", "capital", "metonym"):
                found.append(self._state_mention(doc, i, i + 1, state))
                claimed[i] = True
            elif self.location_head.search(tok.text) and "-" in tok.text:
                found.append(Mention(i, i + 1, "location", f"loc:{fold_name(tok.text)}", tok.text, None, None,
                                     label=self.labels["location"]))
                claimed[i] = True
        return found

    # ---- 5: generic agents ---------------------------------------------------------------

    def _agents(self, doc, claimed) -> list[Mention]:
        found = []
        for i, tok in enumerate(doc):
            if claimed[i] or tok.tag_ not in ("NN", "TRUNC") or not tok.text[:1].isupper():
                continue
            match = self.dictionary.agent_in_compound(tok.text)
            if match is None or (tok.text.lower() in self.need_determiner and not self._has_determiner(doc, i)):
                continue
            code = match.code or self._state_adjective_before(doc, i) or self._state_genitive_after(doc, i)
            sector = match.sector
            agent = match.head
            start = i
            j = i - 1
            while code and j >= 0 and doc[j].tag_ == "ADJA" and j >= i - 3:
                start = j
                j -= 1
            found.append(Mention(start, i + 1, "group", f"group:{agent.id}:{code}", agent.lemma, code, sector,
                                 role=agent.lemma, label=None))
            claimed[i] = True
        return found

    def _has_determiner(self, doc, i: int) -> bool:
        j = i - 1
        while j >= 0 and doc[j].tag_ in ("ADJA", "ADJD", "ADV", "CARD"):
            j -= 1
        return j >= 0 and doc[j].tag_ in ("ART", "PDAT", "PPOSAT", "PIAT", "APPRART")

    # ---- merging -------------------------------------------------------------------------

    def _merge(self, doc, mentions: list[Mention], day) -> Resolution:
        by_key: dict[str, Actor] = {}
        order: list[Actor] = []
        entities: list[Entity] = []
        for m in mentions:
            span = doc[m.start:m.end]
            actor = by_key.get(m.key)
            if actor is None:
                actor = Actor(id=f"a{len(order) + 1}", name=m.name, kind=m.kind, code=m.code, sector=m.sector,
                              role=m.role, dictionary_id=m.dictionary_id)
                by_key[m.key] = actor
                order.append(actor)
            else:
                actor.role = actor.role or m.role
                actor.code = actor.code or m.code
                if m.kind == "person":
                    actor.sector = actor.sector or m.sector
                if m.kind == "person" and m.dictionary_id is None and len(m.name) > len(actor.name):
                    actor.name = m.name
            actor.mentions.append((span.start_char, span.end_char))
            if m.label:
                entities.append(Entity(span.start_char, span.end_char, span.text, m.label, actor.id))
        covered = {(e.start, e.end) for e in entities}
        for ent in doc.ents:
            if not any(s < ent.end_char and ent.start_char < e for s, e in covered):
                entities.append(Entity(ent.start_char, ent.end_char, ent.text, ent.label_, None))
        entities.sort(key=lambda e: e.start)
        return Resolution(entities, order)
