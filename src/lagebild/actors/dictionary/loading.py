"""Loading the dictionary: ``DictionaryLoader``, the half of ``ActorDictionary`` that reads and
checks each kind of data file (states, metonyms, organisations, people, titles, modifiers,
agents), ranks rows by file, and builds the indexes the lookups use."""

from __future__ import annotations

import datetime as _dt
import functools
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..codes import CAMEO_ROLES, IGO_CODES
from .files import (
    _CAMEO,
    _CODE3,
    DATA_DIR,
    DictionaryError,
    _check_period,
    _check_sector,
    _date_cell,
    _read_tsv,
    _read_yaml,
    _split_list,
)
from .inflection import _INFLECTIONS, _demonym_forms, _feminine, _inflect
from .names import _ADJ_ENDINGS, _case_sensitive, fold_name, fold_word, slug
from .records import Agent, Metonym, Modifier, Organisation, Person, PersonRole, State, StateMatch, Title

if TYPE_CHECKING:
    from .actor_dictionary import ActorDictionary


@dataclass
class _StateDraft:
    code: str
    cameo: str = ""
    iso2: str | None = None
    kind: str = "state"
    name: str = ""
    names: list[str] = field(default_factory=list)
    official: list[str] = field(default_factory=list)
    adjectives: list[str] = field(default_factory=list)
    demonyms: list[str] = field(default_factory=list)
    prefixes: list[str] = field(default_factory=list)
    capitals: list[str] = field(default_factory=list)
    valid_from: _dt.date | None = None
    valid_to: _dt.date | None = None
    note: str = ""


def _merge_front(new: list[str], old: list[str]) -> list[str]:
    seen = set()
    out = []
    for v in [*new, *old]:
        if v not in seen:
            seen.add(v)
            out.append(v)
    return out


_STATE_KINDS = frozenset({"state", "partial", "territory", "historical"})
_ORG_KINDS = frozenset({"igo", "ngo", "party", "armed", "media", "company", "institution", "movement"})
_MODIFIER_EFFECTS = frozenset({"former", "deputy", "designate", "acting", "outgoing"})
_MISSING = object()


class DictionaryLoader:
    """Base of ``ActorDictionary``, not used alone: ``load`` fills the tables that
    ``ActorDictionary.__init__`` declares and builds its indexes."""

    # -- loading -----------------------------------------------------------

    @classmethod
    def load(cls, extra_dirs: Iterable[str | Path] = (), data_dir: str | Path | None = None) -> ActorDictionary:
        """Read the built-in data files, then the hand-file names found in
        each of ``extra_dirs`` (states_de.tsv, state_metonyms.tsv,
        organisations.tsv, people_extra.tsv, titles.yaml, agents.yaml); rows
        of later files win."""
        base = Path(data_dir) if data_dir is not None else DATA_DIR
        extras = [Path(p) for p in extra_dirs]
        for p in extras:
            if not p.is_dir():
                raise DictionaryError(p, None, "extra dictionary folder not found")
        d = cls()
        drafts: dict[str, _StateDraft] = {}
        d._read_states(base / "states.tsv", drafts)
        for folder in [base, *extras]:
            path = folder / "states_de.tsv"
            if path.exists():
                d._read_states_de(path, drafts)
        d.states = {code: d._freeze_state(s) for code, s in drafts.items()}
        for folder in [base, *extras]:
            path = folder / "state_metonyms.tsv"
            if path.exists():
                d._read_metonyms(path)
        org_files = [base / "organisations_phoenix.tsv", base / "organisations.tsv"]
        org_files += [f / "organisations.tsv" for f in extras]
        for path in org_files:
            if path.exists():
                d._read_organisations(path)
        people_files = [base / "people.tsv", base / "people_extra.tsv"] + [f / "people_extra.tsv" for f in extras]
        d._read_people([p for p in people_files if p.exists()])
        for folder in [base, *extras]:
            for name, reader in (("titles.yaml", d._read_titles), ("agents.yaml", d._read_agents)):
                path = folder / name
                if path.exists():
                    reader(path)
        d._build_indexes()
        return d

    @classmethod
    @functools.lru_cache(maxsize=1)
    def default(cls) -> ActorDictionary:
        """The built-in dictionary, loaded once per process."""
        return cls.load()

    def _note(self, path: Path) -> None:
        self.sources.append(str(path))

    def _ranked(self, kind: str, items: Iterable) -> list:
        """``items`` (with an ``id``) in order of precedence."""
        return sorted(items, key=lambda x: self._rank.get((kind, x.id), (0, 0)))

    def _set_rank(self, kind: str, key: str, position: int) -> None:
        self._rank[(kind, key)] = (-len(self.sources), position)

    # states

    def _read_states(self, path: Path, drafts: dict[str, _StateDraft]) -> None:
        self._note(path)
        for lineno, row in _read_tsv(path, ("code", "name")):
            code = row["code"]
            if not _CODE3.match(code):
                raise DictionaryError(path, lineno, f"code {code!r} is not three capital letters")
            kind = row.get("kind") or "state"
            if kind not in _STATE_KINDS:
                raise DictionaryError(path, lineno, f"unknown kind {kind!r}")
            if not row["name"]:
                raise DictionaryError(path, lineno, "name is empty")
            drafts[code] = _StateDraft(
                code=code,
                cameo=code,
                iso2=row.get("iso2") or None,
                kind=kind,
                name=row["name"],
                names=_split_list(row.get("names", "")),
                official=_split_list(row.get("official", "")),
                capitals=_split_list(row.get("capitals", "")),
            )

    def _read_states_de(self, path: Path, drafts: dict[str, _StateDraft]) -> None:
        self._note(path)
        for lineno, row in _read_tsv(path, ("code", "names", "adjectives", "demonyms", "capitals")):
            code = row["code"]
            if not _CODE3.match(code):
                raise DictionaryError(path, lineno, f"code {code!r} is not three capital letters")
            names = _split_list(row.get("names", ""))
            draft = drafts.get(code)
            if draft is None:
                if not names:
                    raise DictionaryError(path, lineno, f"new state {code} needs at least one name")
                draft = drafts[code] = _StateDraft(code=code, cameo=code, name=names[0])
            cameo = row.get("cameo", "")
            if cameo:
                if not _CODE3.match(cameo):
                    raise DictionaryError(path, lineno, f"cameo {cameo!r} is not three capital letters")
                draft.cameo = cameo
            kind = row.get("kind", "")
            if kind:
                if kind not in _STATE_KINDS:
                    raise DictionaryError(path, lineno, f"unknown kind {kind!r}")
                draft.kind = kind
            valid = row.get("valid", "")
            if valid:
                if ".." not in valid:
                    raise DictionaryError(path, lineno, f"valid {valid!r} must be FROM..TO (either may be empty)")
                a, b = valid.split("..", 1)
                draft.valid_from = _date_cell(path, lineno, a, "valid")
                draft.valid_to = _date_cell(path, lineno, b, "valid")
                _check_period(path, lineno, draft.valid_from, draft.valid_to)
            prefixes = _split_list(row.get("prefixes", ""))
            for p in prefixes:
                if not p.endswith("-"):
                    raise DictionaryError(path, lineno, f"prefix {p!r} must end with '-'")
            draft.names = _merge_front(names, draft.names)
            draft.adjectives = _merge_front(_split_list(row.get("adjectives", "")), draft.adjectives)
            draft.demonyms = _merge_front(_split_list(row.get("demonyms", "")), draft.demonyms)
            draft.prefixes = _merge_front(prefixes, draft.prefixes)
            draft.capitals = _merge_front(_split_list(row.get("capitals", "")), draft.capitals)
            if row.get("note"):
                draft.note = row["note"]

    @staticmethod
    def _freeze_state(s: _StateDraft) -> State:
        names = [n for n in s.names if n != s.name]
        return State(
            code=s.code,
            cameo=s.cameo or s.code,
            iso2=s.iso2,
            kind=s.kind,
            name=s.name,
            names=tuple(names),
            official=tuple(s.official),
            adjectives=tuple(s.adjectives),
            demonyms=tuple(s.demonyms),
            prefixes=tuple(s.prefixes),
            capitals=tuple(s.capitals),
            valid_from=s.valid_from,
            valid_to=s.valid_to,
            note=s.note,
        )

    def _read_metonyms(self, path: Path) -> None:
        self._note(path)
        for lineno, row in _read_tsv(path, ("surface", "code", "sector")):
            if not row["surface"]:
                raise DictionaryError(path, lineno, "surface is empty")
            code = row["code"]
            if code not in self.states:
                raise DictionaryError(path, lineno, f"unknown state code {code!r}")
            sector = _check_sector(path, lineno, row.get("sector"))
            metonym = Metonym(row["surface"], code, sector, row.get("kind", ""), row.get("note", ""))
            self._rank[("metonym", id(metonym))] = (-len(self.sources), lineno)
            self.metonyms.append(metonym)

    # organisations

    def _known_code(self, code: str) -> bool:
        return code in self.states or code in IGO_CODES

    def _read_organisations(self, path: Path) -> None:
        self._note(path)
        seen: set[str] = set()
        for lineno, row in _read_tsv(path, ("id", "code", "sector", "cameo", "kind")):
            oid = row["id"]
            if not oid:
                raise DictionaryError(path, lineno, "id is empty")
            if oid in seen:
                raise DictionaryError(path, lineno, f"duplicate id {oid!r}")
            seen.add(oid)
            names = _split_list(row.get("names", "")) or [
                n for n in [row.get("name", ""), *_split_list(row.get("aliases", ""))] if n
            ]
            if not names:
                raise DictionaryError(path, lineno, "no name")
            code = row["code"] or None
            if code is not None and not self._known_code(code):
                raise DictionaryError(path, lineno, f"unknown code {code!r} (a state code or one of the IGO codes)")
            sector = _check_sector(path, lineno, row["sector"])
            cameo = row["cameo"]
            if cameo and not _CAMEO.match(cameo):
                raise DictionaryError(path, lineno, f"cameo {cameo!r} is not a CAMEO code")
            kind = row["kind"]
            if kind not in _ORG_KINDS:
                raise DictionaryError(path, lineno, f"unknown kind {kind!r} (allowed: {', '.join(sorted(_ORG_KINDS))})")
            start = _date_cell(path, lineno, row.get("start", ""), "start")
            end = _date_cell(path, lineno, row.get("end", ""), "end")
            _check_period(path, lineno, start, end)
            self._set_rank("org", oid, lineno)
            self.organisations[oid] = Organisation(
                id=oid,
                name=names[0],
                names=tuple(dict.fromkeys(names)),
                code=code,
                sector=sector,
                cameo=cameo,
                kind=kind,
                start=start,
                end=end,
                note=row.get("note", ""),
                source=path.name,
            )

    # people

    def _read_people(self, paths: list[Path]) -> None:
        names: dict[str, str] = {}
        aliases: dict[str, list[str]] = {}
        roles: dict[str, list[PersonRole]] = {}
        good_codes: set[tuple[str, str, str]] = set()  # (code, country, sector) already checked
        days: dict[str, _dt.date | None] = {"": None}
        cols = ("id", "name", "aliases", "code", "country", "sector", "role", "start", "end")
        for path in paths:
            self._note(path)
            source = path.name
            in_file: set[str] = set()
            for lineno, row in _read_tsv(path, cols, as_tuple=True):
                pid, name, alias_cell, code, country, sector, role, start_s, end_s = row
                if not pid:
                    raise DictionaryError(path, lineno, "id is empty")
                if pid not in in_file:
                    in_file.add(pid)
                    if not name:
                        raise DictionaryError(path, lineno, f"first row of {pid!r} in this file needs a name")
                    names[pid] = name
                    roles[pid] = []  # a later file supersedes the person's roles
                    self._set_rank("person", pid, lineno)
                elif name and name != names[pid]:
                    raise DictionaryError(path, lineno, f"{pid!r} has another name above: {names[pid]!r}")
                if alias_cell:
                    aliases[pid] = _merge_front(_split_list(alias_cell), aliases.get(pid, []))
                key = (code, country, sector)
                if key not in good_codes:
                    if not code:
                        raise DictionaryError(path, lineno, "code is empty")
                    if not _CAMEO.match(code):
                        raise DictionaryError(path, lineno, f"code {code!r} is not a CAMEO code")
                    if country and not self._known_code(country):
                        raise DictionaryError(path, lineno, f"unknown country {country!r}")
                    if sector and sector not in CAMEO_ROLES:
                        raise DictionaryError(path, lineno, f"unknown sector {sector!r} (a CAMEO role: GOV, MIL, ELI …)")
                    good_codes.add(key)
                start = days.get(start_s, _MISSING)
                if start is _MISSING:
                    start = days[start_s] = _date_cell(path, lineno, start_s, "start")
                end = days.get(end_s, _MISSING)
                if end is _MISSING:
                    end = days[end_s] = _date_cell(path, lineno, end_s, "end")
                if start and end and end < start:
                    _check_period(path, lineno, start, end)
                roles[pid].append(
                    PersonRole(pid, names[pid], code, country or None, sector or None, role, start, end, source)
                )
        for pid, name in names.items():
            self.persons[pid] = Person(pid, name, tuple(aliases.get(pid, ())), tuple(roles[pid]))

    # titles, modifiers, agents

    def _yaml_entries(self, path: Path, section: str, data: Any) -> list[dict]:
        if data is None:
            return []
        if not isinstance(data, dict):
            raise DictionaryError(path, 1, "expected a mapping with sections at the top")
        entries = data.get(section) or []
        if not isinstance(entries, list):
            raise DictionaryError(path, data.get("__line__"), f"{section} must be a list")
        for e in entries:
            if not isinstance(e, dict):
                raise DictionaryError(path, None, f"an entry of {section} is not a mapping: {e!r}")
        return entries

    @staticmethod
    def _check_keys(path: Path, entry: dict, allowed: set[str]) -> None:
        unknown = set(entry) - allowed - {"__line__"}
        if unknown:
            raise DictionaryError(path, entry["__line__"], f"unknown key(s) {', '.join(sorted(unknown))}")

    def _noun_forms(self, path: Path, e: dict, feminine_default: bool) -> tuple[str, ...]:
        line = e["__line__"]
        lemma = e.get("lemma")
        if not isinstance(lemma, str) or not lemma.strip():
            raise DictionaryError(path, line, "lemma is missing")
        cls = e.get("inflect", "none")
        if cls not in _INFLECTIONS:
            raise DictionaryError(path, line, f"unknown inflect {cls!r} (allowed: {', '.join(_INFLECTIONS)})")
        forms = _inflect(lemma, cls, e.get("plural"))
        fem = e.get("feminine", feminine_default)
        if isinstance(fem, str):
            forms += [fem, fem + "nen"] if fem.endswith("in") else [fem]
        elif fem is True:
            forms += _feminine(lemma, cls)
        elif fem not in (False, None):
            raise DictionaryError(path, line, "feminine must be a word, true or false")
        extra = e.get("forms", [])
        if not isinstance(extra, list) or not all(isinstance(f, str) for f in extra):
            raise DictionaryError(path, line, "forms must be a list of words")
        forms += extra
        return tuple(dict.fromkeys(forms))

    def _read_titles(self, path: Path) -> None:
        self._note(path)
        data = _read_yaml(path)
        for e in self._yaml_entries(path, "titles", data):
            self._check_keys(
                path, e, {"id", "lemma", "inflect", "plural", "feminine", "forms", "sector", "cameo", "role", "inherit", "note"}
            )
            line = e["__line__"]
            forms = self._noun_forms(path, e, feminine_default=True)
            if "sector" not in e and not e.get("inherit"):
                raise DictionaryError(path, line, "sector is missing (write sector: null with inherit: true)")
            sector = _check_sector(path, line, e.get("sector"))
            tid = e.get("id") or slug(e["lemma"])
            self._set_rank("title", tid, line)
            self.titles[tid] = Title(
                id=tid,
                lemma=e["lemma"],
                role=e.get("role") or e["lemma"],
                sector=sector,
                cameo=e.get("cameo"),
                inherit=bool(e.get("inherit", False)),
                forms=forms,
                note=e.get("note", ""),
            )
        for e in self._yaml_entries(path, "modifiers", data):
            self._check_keys(path, e, {"id", "effect", "forms", "note"})
            line = e["__line__"]
            if e.get("effect") not in _MODIFIER_EFFECTS:
                raise DictionaryError(path, line, f"effect must be one of {', '.join(sorted(_MODIFIER_EFFECTS))}")
            forms = e.get("forms")
            if not isinstance(forms, list) or not forms:
                raise DictionaryError(path, line, "forms must be a non-empty list")
            mid = e.get("id") or slug(forms[0])
            self._set_rank("modifier", mid, line)
            self.modifiers[mid] = Modifier(mid, e["effect"], tuple(forms), e.get("note", ""))
        if isinstance(data, dict):
            stop = data.get("not_compounds") or []
            if not isinstance(stop, list):
                raise DictionaryError(path, None, "not_compounds must be a list of words")
            self._stop_compounds = self._stop_compounds | {fold_word(w) for w in stop}

    def _read_agents(self, path: Path) -> None:
        self._note(path)
        data = _read_yaml(path)
        for e in self._yaml_entries(path, "agents", data):
            self._check_keys(path, e, {"id", "lemma", "inflect", "plural", "feminine", "forms", "sector", "cameo", "note"})
            line = e["__line__"]
            forms = self._noun_forms(path, e, feminine_default=False)
            if "sector" not in e:
                raise DictionaryError(path, line, "sector is missing")
            sector = _check_sector(path, line, e.get("sector"))
            aid = e.get("id") or slug(e["lemma"])
            self._set_rank("agent", aid, line)
            self.agents[aid] = Agent(aid, e["lemma"], sector, e.get("cameo"), forms, e.get("note", ""))
        if isinstance(data, dict):
            stop = data.get("not_compounds") or []
            if not isinstance(stop, list):
                raise DictionaryError(path, None, "not_compounds must be a list of words")
            self._stop_compounds = self._stop_compounds | {fold_word(w) for w in stop}

    # indexes

    def _build_indexes(self) -> None:
        idx = self._state_index
        ordered_states = sorted(self.states.values(), key=lambda s: s.kind == "historical")
        for via, getter in (
            ("name", lambda s: (s.name, *s.names)),
            ("official", lambda s: s.official),
            ("demonym", lambda s: [f for d in s.demonyms for f in _demonym_forms(d)]),
            ("capital", lambda s: s.capitals),
        ):
            for s in ordered_states:
                for n in getter(s):
                    idx.add(n, StateMatch(s, via, n))
        for m in sorted(self.metonyms, key=lambda m: self._rank[("metonym", id(m))]):
            idx.add(m.surface, StateMatch(self.states[m.code], "metonym", m.surface, m.sector))
        for s in ordered_states:
            for a in s.adjectives:
                self._adjectives.setdefault(fold_name(a), []).append(s)
            for p in s.prefixes:
                self._prefixes.setdefault(fold_name(p.rstrip("-")), []).append(s)
                if _case_sensitive(p.rstrip("-")):
                    self._prefixes.setdefault(p.rstrip("-"), []).append(s)
        # organisations: later files (hand-written, extra folders) first
        for org in self._ranked("org", self.organisations.values()):
            german = org.source != "organisations_phoenix.tsv"  # Phoenix names are English
            for n in org.names:
                self._org_index.add(n, org, inflects=german)
        # persons: later files first, primary names before aliases
        persons = self._ranked("person", self.persons.values())
        for p in persons:
            self._person_index.add(p.name, p)
        for p in persons:
            for a in p.aliases:
                self._person_index.add(a, p)
        for t in self._ranked("title", self.titles.values()):
            for f in t.forms:
                self._title_forms.setdefault(fold_word(f), t)
        for a in self._ranked("agent", self.agents.values()):
            for f in a.forms:
                self._agent_forms.setdefault(fold_word(f), a)
        prefixes = []
        for m in self._ranked("modifier", self.modifiers.values()):
            for f in m.forms:
                key = fold_word(f)
                if key.endswith("-"):
                    prefixes.append((key.rstrip("-"), m))
                elif f[:1].isupper():  # a compound prefix written as a word: Vize, Alt, Interims
                    prefixes.append((key, m))
                else:  # an adjective stem: ehemalig → ehemalige, ehemaligen …
                    for end in ("", *_ADJ_ENDINGS):
                        self._modifier_forms.setdefault(key + end, m)
                self._modifier_forms.setdefault(key, m)
        self._compound_prefixes = sorted(prefixes, key=lambda kv: -len(kv[0]))
