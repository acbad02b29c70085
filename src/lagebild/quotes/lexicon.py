"""The cue lexicon of the quotes layer: `data/speech_verbs.yaml`, indexed for lookup by lemma.

Every lookup is a dict access on a lower-cased lemma (or word form), so
cue detection costs one probe per verb, noun or preposition token.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

LEXICON_FILE = Path(__file__).with_name("data") / "speech_verbs.yaml"

# words tagged as separable particles that do not change the verb (sagte weiter, fügte … hinzu is a verb of its own)
NEUTRAL_PARTICLES = {"weiter", "dazu", "fort", "erneut", "nochmals", "ebenfalls"}

MODES = ("speech", "thought", "writing", "speech_writing", "speech_thought", "thought_writing")
# SpkAtt's STWR labels for our modes.
STWR = {"speech": "Speech", "thought": "Thought", "writing": "Writing", "speech_writing": "SW",
        "speech_thought": "ST", "thought_writing": "TW"}


@dataclass
class VerbEntry:
    lemma: str
    mode: str = "speech"
    particle: str | None = None
    preps: set[str] = field(default_factory=set)
    reflexive: str | None = None  # "true" | "optional" | None
    frames: set[str] = field(default_factory=set)
    addressee: str = "none"
    use: str = ""
    needs_prep: bool = False

    @property
    def takes_clause(self) -> bool:
        return "clause" in self.frames

    @property
    def takes_zu(self) -> bool:
        return "zu" in self.frames

    @property
    def reported(self) -> bool:
        return "np" in self.frames


@dataclass
class NounEntry:
    lemma: str
    mode: str
    according_to: bool = False
    support: bool = False
    preps: tuple[str, ...] = ("nach", "gemäß")


@dataclass
class PrepEntry:
    word: str
    position: str  # pre | post | self
    mode: str
    needs_noun: bool = False
    self_source: bool = False


def _actor_agent_lemmas() -> set[str]:
    """Generic agent nouns and office titles of the actor layer (actors/data), lower-cased lemmas."""
    out: set[str] = set()
    base = Path(__file__).resolve().parent.parent / "actors" / "data"
    for name, key in (("agents.yaml", "agents"), ("titles.yaml", "titles")):
        path = base / name
        if not path.exists():
            continue
        try:
            raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError:
            continue
        items = raw.get(key) if isinstance(raw, dict) else raw
        for item in items or []:
            if isinstance(item, dict) and item.get("lemma"):
                out.add(str(item["lemma"]).lower())
    return out


class Lexicon:
    """Speech/thought/writing cues: verbs (by lemma, by base + particle), nouns, adjectives, prepositions."""

    def __init__(self, data: dict):
        self.verbs: dict[str, VerbEntry] = {}
        for raw in data.get("verbs", []):
            lemma = raw["lemma"].lower()
            entry = self.verbs.get(lemma)
            if entry is None:
                entry = self.verbs[lemma] = VerbEntry(lemma=lemma, mode=raw.get("mode", "speech"),
                                                      particle=raw.get("particle"), addressee=raw.get("addressee", "none"),
                                                      use=raw.get("use", ""))
            if raw.get("prep"):
                entry.preps.add(raw["prep"].lower())
            refl = raw.get("reflexive")
            if refl:
                entry.reflexive = "optional" if refl == "optional" else "true"
            entry.frames |= set(raw.get("frames", []))
            entry.needs_prep |= bool(raw.get("needs_prep"))
            if entry.addressee == "none" and raw.get("addressee", "none") != "none":
                entry.addressee = raw["addressee"]
        # particle verbs: (base lemma, particle) → entry, for "teilte … mit"
        self.particle_verbs: dict[tuple[str, str], VerbEntry] = {}
        for entry in self.verbs.values():
            if entry.particle:
                p = entry.particle.lower()
                if entry.lemma.startswith(p):
                    self.particle_verbs[(entry.lemma[len(p):], p)] = entry
        self.particles = {p for _, p in self.particle_verbs}
        self.nouns: dict[str, NounEntry] = {}
        for raw in data.get("nouns", []):
            key = raw["lemma"].lower()
            old = self.nouns.get(key)
            entry = NounEntry(raw["lemma"], raw.get("mode", "speech"), bool(raw.get("according_to")), bool(raw.get("support")),
                              tuple(raw.get("preps", ("nach", "gemäß"))))
            if old is not None:
                entry.according_to |= old.according_to
                entry.support |= old.support
            self.nouns[key] = entry
        # longest first for compound heads (Polizeiangaben → Angabe)
        self._noun_suffixes = sorted(self.nouns, key=len, reverse=True)
        self._noun_cache: dict[str, NounEntry | None] = {}  # compound lookups (shared; entries never change)
        self._agent_cache: dict[str, bool] = {}
        self.cue_phrase_nouns: set[str] = {w.lower() for w in data.get("cue_phrase_nouns", [])}
        self.prepositions_outside_cue: frozenset[str] = frozenset(w.lower() for w in data.get("prepositions_outside_cue", []))
        self.media: tuple[str, ...] = tuple(w.lower() for w in data.get("media", []))
        agents = {w.lower() for w in data.get("agent_suffixes", [])} | _actor_agent_lemmas()
        self.agent_suffixes: tuple[str, ...] = tuple(sorted(agents, key=len, reverse=True))
        self.adjectives: dict[str, str] = {raw["lemma"].lower(): raw.get("mode", "thought") for raw in data.get("adjectives", [])}
        self.prepositions: dict[str, PrepEntry] = {}
        for raw in data.get("prepositions", []):
            self.prepositions[raw["word"].lower()] = PrepEntry(raw["word"].lower(), raw.get("position", "pre"), raw.get("mode", "speech_writing"),
                                                               bool(raw.get("needs_noun")), bool(raw.get("self_source")))

    @classmethod
    @lru_cache(maxsize=4)
    def load(cls, path: str | Path = LEXICON_FILE) -> "Lexicon":
        return cls(yaml.safe_load(Path(path).read_text(encoding="utf-8")))

    # ---- lookups ----------------------------------------------------------------

    def verb(self, lemma: str, particle: str | None = None) -> VerbEntry | None:
        lemma = lemma.lower()
        if particle:
            p = particle.lower()
            entry = self.particle_verbs.get((lemma, p)) or self.verbs.get(p + lemma)
            if entry is not None:
                return entry
            # a particle that does not belong to a listed verb: the bare verb is another verb
            # (stellte … vor ≠ stellen); adverbs the tagger reads as particles (sagte weiter) keep it
            if p in NEUTRAL_PARTICLES:
                return self.verbs.get(lemma)
            return None
        return self.verbs.get(lemma)

    def noun(self, lemma: str) -> NounEntry | None:
        """A speech noun by lemma, compounds by their head (Polizeiangaben, Pressemitteilung)."""
        key = lemma.lower()
        hit = self.nouns.get(key)
        if hit is not None:
            return hit
        cache = self._noun_cache
        if key in cache:
            return cache[key]
        found = None
        for suffix in self._noun_suffixes:
            if len(suffix) >= 6 and len(key) > len(suffix) + 2 and key.endswith(suffix):
                found = self.nouns[suffix]
                break
        if len(cache) > 200_000:
            cache.clear()
        cache[key] = found
        return found

    def agentive(self, lemma: str) -> bool:
        """A noun naming a person, group or institution by its head (agent_suffixes)."""
        key = lemma.lower()
        cache = self._agent_cache
        hit = cache.get(key)
        if hit is None:
            hit = cache[key] = any(key.endswith(suffix) for suffix in self.agent_suffixes)
            if len(cache) > 200_000:
                cache.clear()
        return hit
