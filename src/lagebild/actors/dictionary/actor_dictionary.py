"""``ActorDictionary``: its tables and the lookups over them (states, organisations, people,
titles, modifiers, agents, and a title or agent as the head of a compound); loading is in
``loading.py``."""

from __future__ import annotations

from functools import cached_property

from .index import _Index
from .loading import DictionaryLoader
from .names import _ADJ_ENDINGS, _ARTICLE, fold_name, fold_word
from .records import Agent, CompoundMatch, DateLike, Metonym, Modifier, Organisation, Person, PersonRole, State, StateMatch, Title

_FAMILY_NAME_FIRST = frozenset({"CHN", "TWN", "HKG", "MAC", "KOR", "PRK"})


class ActorDictionary(DictionaryLoader):
    """All actor data, loaded once; see the package docstring."""

    def __init__(self) -> None:
        self.states: dict[str, State] = {}
        self.metonyms: list[Metonym] = []
        self.organisations: dict[str, Organisation] = {}
        self.persons: dict[str, Person] = {}
        self.titles: dict[str, Title] = {}
        self.modifiers: dict[str, Modifier] = {}
        self.agents: dict[str, Agent] = {}
        self.sources: list[str] = []
        self._state_index = _Index()
        self._adjectives: dict[str, list[State]] = {}
        self._prefixes: dict[str, list[State]] = {}
        self._org_index = _Index()
        self._person_index = _Index(use_loose=False)  # names do not inflect, but see people()
        self._title_forms: dict[str, Title] = {}
        self._agent_forms: dict[str, Agent] = {}
        self._modifier_forms: dict[str, Modifier] = {}
        self._compound_prefixes: list[tuple[str, Modifier]] = []
        self._stop_compounds: frozenset[str] = frozenset()
        self._surnames: dict[str, list[Person]] | None = None  # built on first use
        # precedence of entries: later files first, then file order
        self._rank: dict[tuple[str, str], tuple[int, int]] = {}

    # -- lookups: states ---------------------------------------------------

    def state(self, code: str) -> State | None:
        """The state with this annotation code (or CAMEO code)."""
        s = self.states.get(code)
        if s is None:
            s = next((x for x in self.states.values() if x.cameo == code), None)
        return s

    def states_by_name(self, surface: str) -> list[StateMatch]:
        """All readings of ``surface`` as a state, best first.

        Knows names, official names, demonyms, capitals, metonyms (Kreml,
        Weißes Haus), the genitive -s (Nordkoreas), adjectives in every
        ending (nordkoreanischen) and compound prefixes ending in '-' (US-,
        Nordkorea-, russisch-)."""
        text = " ".join(surface.split())
        hits = list(self._state_index.get(text)) if text else []
        if hits:
            return _dedupe_matches(hits)
        text = _ARTICLE.sub("", text)
        if not text:
            return []
        if text.endswith("-") and len(text) > 1:
            return self._prefix_matches(text[:-1], text)
        hits = list(self._state_index.get(text))
        if not hits:
            key = fold_name(text)
            for end in ("", *_ADJ_ENDINGS):
                if end and not key.endswith(end):
                    continue
                stem = key[: len(key) - len(end)] if end else key
                for s in self._adjectives.get(stem, ()):
                    hits.append(StateMatch(s, "adjective", text))
                if hits:
                    break
        if not hits and len(text) > 3 and text.endswith("s"):
            hits = [
                StateMatch(m.state, m.via, text, m.sector)
                for m in self._state_index.get(text[:-1])
                if m.via in ("name", "official", "capital", "metonym")
            ]
        return _dedupe_matches(hits)

    def state_by_name(self, surface: str) -> StateMatch | None:
        hits = self.states_by_name(surface)
        return hits[0] if hits else None

    def _prefix_matches(self, stem: str, surface: str) -> list[StateMatch]:
        hits: list[StateMatch] = []
        for s in self._prefixes.get(stem, ()) or self._prefixes.get(fold_name(stem), ()):
            hits.append(StateMatch(s, "prefix", surface))
        for m in self._state_index.get(stem):
            if m.via in ("name", "official", "demonym", "capital", "metonym"):
                hits.append(StateMatch(m.state, "prefix", surface, m.sector))
        for s in self._adjectives.get(fold_name(stem), ()):
            hits.append(StateMatch(s, "prefix", surface))
        return _dedupe_matches(hits)

    # -- lookups: organisations -------------------------------------------

    def organisations_by_name(self, name: str) -> list[Organisation]:
        text = " ".join(name.split())
        hits = self._org_index.get(text)  # names may start with an article: Die Linke
        if not hits:
            text = _ARTICLE.sub("", text)
            hits = self._org_index.get(text)
        if not hits and len(text) > 4 and text.endswith("s") and not text.endswith("ss"):
            hits = self._org_index.get(text[:-1])  # des Europarats
        return list(dict.fromkeys(hits))

    @cached_property
    def span_starts(self) -> dict[str, int]:
        """`start_key`s that can begin an organisation name or a state's name or metonym → the most
        words such a name has (a lookup also strips a leading article: callers allow for that)."""
        starts = self._org_index.start_keys()
        for key, words in self._state_index.start_keys().items():
            starts[key] = max(words, starts.get(key, 0))
        return starts

    def organisation(self, name: str) -> Organisation | None:
        """The organisation named ``name`` (UNO, Vereinte Nationen, der NATO,
        der Internationalen Atomenergiebehörde …); hand-written rows first."""
        hits = self.organisations_by_name(name)
        return hits[0] if hits else None

    # -- lookups: people ---------------------------------------------------

    def people(self, name: str) -> list[Person]:
        """Every person whose name or alias is ``name`` (hand-written first)."""
        text = " ".join(name.split())
        hits = self._person_index.get(text)
        if not hits and len(text) > 3 and text.endswith("s") and not text.endswith("ss"):
            hits = self._person_index.get(text[:-1])  # Trumps, Merkels
        return list(dict.fromkeys(hits))

    def person(self, name: str, on: DateLike = None) -> PersonRole | None:
        """The role of the person called ``name`` on ``on`` (a date or ISO
        string; None: their current role). Out of office, this is their
        default, often an ELI role (``in_office`` False, no annotation
        sector); None when the name is unknown or no role applies. Among
        namesakes, one in office on that day wins."""
        candidates = self.people(name)
        best: PersonRole | None = None
        for p in candidates:
            r = p.role_on(on)
            if r is None:
                continue
            if r.in_office:
                return r
            if best is None:
                best = r
        return best

    def people_by_surname(self, surname: str) -> list[Person]:
        """Every person whose name (or a multi-word alias) ends in ``surname``."""
        if self._surnames is None:
            index: dict[str, list[Person]] = {}
            for p in self._ranked("person", self.persons.values()):
                # Chinese and Korean names put the family name first (Xi Jinping, Kim Jong Un)
                family_first = any(r.country in _FAMILY_NAME_FIRST for r in p.roles)
                for n in (p.name, *p.aliases):
                    words = fold_name(n).split()
                    if len(words) >= 2:
                        for word in (words[-1], words[0]) if family_first else (words[-1],):
                            bucket = index.setdefault(word, [])
                            if not bucket or bucket[-1] is not p:
                                bucket.append(p)
            self._surnames = index
        key = fold_name(surname)
        hits = self._surnames.get(key)
        if not hits and len(key) > 3 and key.endswith("s"):
            hits = self._surnames.get(key[:-1])  # Mugabes
        return list(dict.fromkeys(hits or ()))

    def person_by_surname(self, surname: str, on: DateLike = None) -> PersonRole | None:
        """The one person with this surname in office on ``on``: for a bare
        surname that is not a known alias (Mugabe, Karzai). None when nobody
        or more than one is in office (hand-written people are preferred)."""
        roles = [r for p in self.people_by_surname(surname) if (r := p.role_on(on)) is not None and r.in_office]
        if len(roles) == 1:
            return roles[0]
        hand = [r for r in roles if r.source != "people.tsv"]
        return hand[0] if len(hand) == 1 else None

    # -- lookups: titles, modifiers, agents --------------------------------

    def title(self, word: str) -> Title | None:
        """The title of an exact word or phrase in any case or number
        (Außenministerin, Präsidenten, Oberster Führer)."""
        return self._title_forms.get(fold_word(word))

    def modifier(self, word: str) -> Modifier | None:
        """ehemaligen → former, Vize- → deputy, amtierende → acting …"""
        key = fold_word(word)
        return self._modifier_forms.get(key) or self._modifier_forms.get(key.rstrip("-"))

    def agent(self, noun: str) -> Agent | None:
        """The generic actor of a noun in any case or number (Demonstranten)."""
        return self._agent_forms.get(fold_word(noun))

    def title_in_compound(self, word: str) -> CompoundMatch | None:
        """A known title as the head of ``word``, with what comes before it:
        US-Außenminister (state USA), Vizekanzlerin (deputy), Ex-Präsident
        (former), Polizeichef (agent Polizei: COP), EU-Kommissar
        (organisation EU). Coordinations (Verteidigungs- und Außenminister)
        are left to the caller."""
        return self._compound(word, self._title_forms)

    def agent_in_compound(self, word: str) -> CompoundMatch | None:
        """A known agent as the head of ``word``: Regierungstruppen (MIL),
        US-Truppen (MIL, state USA), Bereitschaftspolizisten (COP)."""
        return self._compound(word, self._agent_forms)

    def _compound(self, word: str, table: dict) -> CompoundMatch | None:
        text = word.strip()
        key = fold_word(text)
        if not key or key in self._stop_compounds:
            return None
        head = table.get(key)
        if head is not None:
            return CompoundMatch(text, head)
        # the head after the last hyphen, else the longest known suffix
        split = None
        if "-" in key.strip("-"):
            cut = key.rstrip("-").rfind("-")
            tail = key[cut + 1 :]
            if tail in table:
                split = cut + 1
        if split is None:
            for i in range(2, len(key) - 3):
                if key[i:] in table:
                    split = i
                    break
        if split is None:
            return None
        head = table[key[split:]]
        prefix = text[:split] if len(text) == len(key) else _original_prefix(text, split, key)
        return self._resolve_prefix(text, head, prefix)

    def _resolve_prefix(self, word: str, head: Title | Agent, prefix: str) -> CompoundMatch:
        modifiers: list[str] = []
        state = org = agent = None
        parts = [p for p in prefix.split("-") if p]
        i = 0
        while i < len(parts):
            part, mods = self._strip_modifiers(parts[i])
            modifiers += mods
            found, j = None, i + 1
            if part:
                # the longest hyphenated span from here: Al-Qaida-Vizechef
                for j in range(len(parts), i, -1):
                    found = self._resolve_part("-".join([part, *parts[i + 1 : j]]))
                    if found is not None:
                        break
            i = j if found is not None else i + 1
            if found is None:
                continue
            kind, value = found
            if kind == "state" and state is None:
                state = value
            elif kind == "org" and org is None:
                org = value
            elif kind == "agent" and agent is None:
                agent = value
        return CompoundMatch(word, head, prefix, tuple(dict.fromkeys(modifiers)), state, org, agent)

    def _strip_modifiers(self, part: str) -> tuple[str, list[str]]:
        """Leading modifiers written together with a part: Vize, Ex, Alt, Interims."""
        effects = []
        changed = True
        while changed and part:
            changed = False
            low = fold_word(part)
            for key, mod in self._compound_prefixes:
                if low.startswith(key) and (len(low) == len(key) or len(low) - len(key) >= 3):
                    effects.append(mod.effect)
                    part = part[len(key) :]
                    changed = True
                    break
        return part, effects

    def _resolve_part(self, part: str):
        """A compound's first part as a state, organisation or agent, with or
        without the linking s/es/n (Regierungs-, Parlaments-, EU-Kommissions-)."""
        candidates = [part]
        low = part.lower()
        for link in ("es", "s", "n", "en"):
            if low.endswith(link) and len(part) - len(link) >= 2:
                candidates.append(part[: -len(link)])
        for c in candidates:
            org = self._org_index.get(c)
            if org:
                return "org", org[0]
            st = self._state_index.get(c)
            if st:
                return "state", st[0]
            stems = self._adjectives.get(fold_name(c))
            if stems:
                return "state", StateMatch(stems[0], "adjective", part)
            pre = self._prefixes.get(c) or self._prefixes.get(fold_name(c))
            if pre:
                return "state", StateMatch(pre[0], "prefix", part + "-")
            ag = self._agent_forms.get(fold_word(c))
            if ag is not None:
                return "agent", ag
        return None

    # -- misc ------------------------------------------------------------

    def stats(self) -> dict[str, int]:
        return {
            "states": len(self.states),
            "metonyms": len(self.metonyms),
            "organisations": len(self.organisations),
            "persons": len(self.persons),
            "person_roles": sum(len(p.roles) for p in self.persons.values()),
            "titles": len(self.titles),
            "modifiers": len(self.modifiers),
            "agents": len(self.agents),
        }


def _dedupe_matches(hits: list[StateMatch]) -> list[StateMatch]:
    seen = set()
    out = []
    for h in hits:
        k = (h.state.code, h.sector)
        if k not in seen:
            seen.add(k)
            out.append(h)
    return out


def _original_prefix(text: str, split: int, key: str) -> str:
    """The part of ``text`` before the head, when folding changed lengths (ß → ss)."""
    tail = key[split:]
    for i in range(len(text)):
        if fold_word(text[i:]) == tail:
            return text[:i]
    return text[:split]
