"""The event dictionary: verbs, nouns, idioms and predicates (YAML) and the CAMEO→PLOVER table, indexed by lemma.

``EventLexicon.default()`` loads `data/verbs.yaml`, `data/nouns.yaml` and
`data/cameo_plover.tsv` once; ``EventLexicon.load(extra=[…])`` adds user files
with the same keys (their entries win over built-in ones with the same id).
Malformed entries raise `LexiconError` naming the file and the entry id.

Every lookup is a dict access by lemma (compound nouns by their head, cached),
so the coder's cost does not grow with the size of the dictionary.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

import yaml

DATA = Path(__file__).resolve().parent / "data"
VERBS_FILE = DATA / "verbs.yaml"
NOUNS_FILE = DATA / "nouns.yaml"
ONTOLOGY_FILE = DATA / "cameo_plover.tsv"

CLASSES = {None, "speech", "request", "intent", "offer", "decide", "threat", "reject", "accuse", "aspect"}
PLOVER_TYPES = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
                "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}


class LexiconError(ValueError):
    pass


@lru_cache(maxsize=200_000)
def fold(word: str) -> str:
    return word.casefold().replace("ß", "ss")


@dataclass(frozen=True)
class Entry:
    """One dictionary entry (verb frame, event noun, idiom or predicate)."""

    id: str
    kind: str  # verb, noun, idiom, predicate
    lemma: str  # verb lemma / noun / adjective (for idioms: the noun)
    cameo: str | None
    type: str | None = None
    mode: str | None = None
    cls: str | None = None
    reflexive: bool = False
    prep: tuple[str, ...] = ()
    object: tuple[str, ...] = ()
    not_object: tuple[str, ...] = ()
    negated: bool = False
    actor_object: bool = False
    needs_subject: bool = False
    target: tuple[str, ...] = ()
    aux: str | None = None
    implicit: str | None = None
    standalone: bool = True
    verb: str | None = None  # idioms: the verb lemma
    superlative: bool = False
    reflexive_verb: str | None = None
    note: str | None = None

    @property
    def conditions(self) -> int:
        return (bool(self.reflexive) + bool(self.prep) + 2 * bool(self.object) + bool(self.negated)
                + bool(self.actor_object))


@dataclass(frozen=True)
class Code:
    code: str
    type: str
    mode: str | None
    context: str | None
    goldstein: float | None


@dataclass
class EventLexicon:
    verbs: dict[str, list[Entry]] = field(default_factory=dict)
    nouns: dict[str, Entry] = field(default_factory=dict)
    idioms: dict[tuple[str, str], list[Entry]] = field(default_factory=dict)
    predicates: dict[str, list[Entry]] = field(default_factory=dict)
    codes: dict[str, Code] = field(default_factory=dict)
    light_verbs: frozenset[str] = frozenset()
    happen_verbs: frozenset[str] = frozenset()
    proposal_nouns: frozenset[str] = frozenset()
    light_pp: dict[str, str] = field(default_factory=dict)
    person_nouns: frozenset[str] = frozenset()
    dative_verbs: frozenset[str] = frozenset()
    not_event_nouns: frozenset[str] = frozenset()
    anaphoric_nouns: dict[str, str] = field(default_factory=dict)
    place_nouns: frozenset[str] = frozenset()
    refine: dict[str, list[tuple[str, tuple[str, ...]]]] = field(default_factory=dict)
    by_id: dict[str, Entry] = field(default_factory=dict)

    # ------------------------------------------------------------------ loading

    @classmethod
    def load(cls, extra: Iterable[str | Path] = ()) -> "EventLexicon":
        lex = cls()
        lex._read_ontology(ONTOLOGY_FILE)
        for path in (VERBS_FILE, NOUNS_FILE, *[Path(p) for p in extra]):
            lex._read_yaml(Path(path))
        lex._index()
        return lex

    @classmethod
    @lru_cache(maxsize=1)
    def default(cls) -> "EventLexicon":
        return cls.load()

    def _read_ontology(self, path: Path) -> None:
        with path.open(encoding="utf-8") as fh:
            rows = [line for line in fh if not line.startswith("#")]
        for row in csv.DictReader(rows, delimiter="\t"):
            g = row.get("goldstein") or ""
            self.codes[row["code"]] = Code(row["code"], row["type"], row["mode"] or None, row["context"] or None,
                                           float(g) if g else None)

    def _read_yaml(self, path: Path) -> None:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        self._raw_entries = getattr(self, "_raw_entries", [])
        for key, kind in (("verbs", "verb"), ("nouns", "noun"), ("idioms", "idiom"), ("predicates", "predicate")):
            for raw in data.get(key) or []:
                self._raw_entries.append(self._entry(path, kind, raw))
        if "light_verbs" in data:
            self.light_verbs = self.light_verbs | {fold(w) for w in data["light_verbs"]}
        if "happen_verbs" in data:
            self.happen_verbs = self.happen_verbs | {fold(w) for w in data["happen_verbs"]}
        for key in ("person_nouns", "place_nouns", "dative_verbs", "not_event_nouns"):
            if key in data:
                setattr(self, key, getattr(self, key) | {fold(w) for w in data[key]})
        if "anaphoric_nouns" in data:
            self.anaphoric_nouns.update({fold(k): v for k, v in (data["anaphoric_nouns"] or {}).items()})
        if "light_pp" in data:
            self.light_pp.update({fold(k): fold(v) for k, v in (data["light_pp"] or {}).items()})
        if "proposal_nouns" in data:
            self.proposal_nouns = self.proposal_nouns | {fold(w) for w in data["proposal_nouns"]}
        for code, rules in (data.get("refine") or {}).items():
            self.refine.setdefault(str(code), []).extend(
                (str(r["code"]), tuple(fold(w) for w in r.get("words", []))) for r in rules)

    def _entry(self, path: Path, kind: str, raw: Any) -> Entry:
        if not isinstance(raw, dict) or "id" not in raw:
            raise LexiconError(f"{path.name}: entry without id: {raw!r}")
        eid = str(raw["id"])
        allowed = {"id", "lemma", "cameo", "type", "mode", "class", "reflexive", "prep", "object", "not_object",
                   "negated", "actor_object", "target", "aux", "implicit", "standalone", "note", "noun", "verb",
                   "superlative", "reflexive_verb", "needs_subject"}
        unknown = set(raw) - allowed
        if unknown:
            raise LexiconError(f"{path.name}: {eid}: unknown keys {sorted(unknown)}")
        lemma = raw.get("noun") if kind == "idiom" else raw.get("lemma")
        if not lemma:
            raise LexiconError(f"{path.name}: {eid}: no lemma")
        cameo = raw.get("cameo")
        if cameo is not None:
            cameo = str(cameo)
            if cameo not in self.codes:
                raise LexiconError(f"{path.name}: {eid}: unknown CAMEO code {cameo}")
        cls_ = raw.get("class")
        if cls_ not in CLASSES:
            raise LexiconError(f"{path.name}: {eid}: unknown class {cls_}")
        if raw.get("type") and raw["type"] not in PLOVER_TYPES:
            raise LexiconError(f"{path.name}: {eid}: unknown PLOVER type {raw['type']}")

        def tup(key):
            v = raw.get(key) or []
            if isinstance(v, str):
                v = [v]
            return tuple(fold(str(x)) for x in v)

        return Entry(
            id=eid, kind=kind, lemma=fold(str(lemma)), cameo=cameo, type=raw.get("type"), mode=raw.get("mode"),
            cls=cls_, reflexive=bool(raw.get("reflexive")), prep=tup("prep"), object=tup("object"),
            not_object=tup("not_object"), negated=bool(raw.get("negated")),
            actor_object=bool(raw.get("actor_object")), needs_subject=bool(raw.get("needs_subject")),
            target=tuple(str(t) for t in (raw.get("target") or [])), aux=raw.get("aux"),
            implicit=raw.get("implicit"), standalone=raw.get("standalone", True) is not False,
            verb=fold(str(raw["verb"])) if raw.get("verb") else None, superlative=bool(raw.get("superlative")),
            reflexive_verb=raw.get("reflexive_verb"), note=raw.get("note"),
        )

    def _index(self) -> None:
        entries: dict[str, Entry] = {}
        for e in getattr(self, "_raw_entries", []):
            entries[e.id] = e  # later files win
        self.by_id = entries
        for e in entries.values():
            if e.kind == "verb":
                self.verbs.setdefault(e.lemma, []).append(e)
            elif e.kind == "noun":
                self.nouns[e.lemma] = e
            elif e.kind == "idiom":
                self.idioms.setdefault((e.lemma, e.verb or ""), []).append(e)
            else:
                self.predicates.setdefault(e.lemma, []).append(e)
        for lst in self.verbs.values():
            lst.sort(key=lambda x: -x.conditions)
        self._compound_cache: dict[str, tuple[Entry | None, str]] = {}

    # ------------------------------------------------------------------ lookups

    def code(self, cameo: str | None) -> Code | None:
        if cameo is None:
            return None
        c = self.codes.get(cameo)
        while c is None and cameo and len(cameo) > 2:
            cameo = cameo[:-1]
            c = self.codes.get(cameo)
        return c

    def noun(self, lemma: str) -> tuple[Entry | None, str]:
        """The event noun for a noun lemma, by the lemma itself or its longest known compound head.

        Returns (entry, matched head) or (None, "")."""
        key = fold(lemma)
        hit = self._compound_cache.get(key)
        if hit is not None:
            return hit
        result: tuple[Entry | None, str] = (None, "")
        e = self.nouns.get(key)
        if e is not None:
            result = (e, key)
        else:
            parts = key.rsplit("-", 1)
            base = parts[-1]
            if len(parts) == 2 and base in self.nouns:
                result = (self.nouns[base], base)
            else:
                for i in range(3, len(base) - 3):
                    head = base[i:]
                    e = self.nouns.get(head)
                    if e is not None:
                        result = (e, head)
                        break
        if len(self._compound_cache) < 200_000:
            self._compound_cache[key] = result
        return result

    def head_of(self, lemma: str, words: Iterable[str]) -> str | None:
        """The word of ``words`` that ``lemma`` is or ends with (compound head), if any."""
        key = fold(lemma)
        for w in words:
            if key == w or (len(w) >= 4 and key.endswith(w)):
                return w
        return None

    def refine_code(self, cameo: str, words: set[str], nouns: list[str]) -> str:
        rules = self.refine.get(cameo)
        if not rules:
            return cameo
        for code, ws in rules:
            for w in ws:
                if " " in w:
                    continue
                if w in words or any(n.endswith(w) and len(w) >= 5 for n in nouns):
                    return code
        return cameo
