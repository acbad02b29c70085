"""The actor dictionary: typed records and lookups over the data files.

``ActorDictionary.load()`` reads every file in ``data/`` once (and the same
file names from ``extra_dirs``, which win over the built-in rows), checks each
row and raises ``DictionaryError`` naming the file and line of a malformed
one. Lookups are case- and accent-insensitive and know German inflection
where it matters for actor mentions:

>>> d = ActorDictionary.default()
>>> d.state_by_name("nordkoreanischen").code
'PRK'
>>> d.state_by_name("Kreml").sector
'GOV'
>>> d.person("Rex Tillerson", on="2017-08-17").sector
'GOV'
>>> d.title_in_compound("US-Außenministerin").state.code
'USA'

The files, their columns and conventions are described in ``data/README.md``.
"""

from __future__ import annotations

import datetime as _dt
import functools
import operator
import re
from functools import cached_property, lru_cache
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Union

import yaml

from .codes import CAMEO_ROLES, IGO_CODES, SECTORS, annotation_sector

__all__ = [
    "DATA_DIR",
    "DictionaryError",
    "State",
    "StateMatch",
    "Metonym",
    "Organisation",
    "PersonRole",
    "Person",
    "Title",
    "Modifier",
    "Agent",
    "CompoundMatch",
    "ActorDictionary",
    "fold_name",
    "fold_word",
    "slug",
]

DATA_DIR = Path(__file__).resolve().parent / "data"

DateLike = Union[_dt.date, str, None]


class DictionaryError(ValueError):
    """A malformed data file; the message starts with ``file:line:``."""

    def __init__(self, path: Path | str, line: int | None, message: str):
        self.path = str(path)
        self.line = line
        where = f"{self.path}:{line}" if line else self.path
        super().__init__(f"{where}: {message}")


# ---------------------------------------------------------------------------
# normalisation

_SPECIAL = str.maketrans(
    {
        "ø": "o", "Ø": "o", "đ": "d", "Đ": "d", "ł": "l", "Ł": "l", "ı": "i", "æ": "ae", "Æ": "ae",
        "œ": "oe", "Œ": "oe", "þ": "th", "ð": "d", "’": "'", "‘": "'", "`": "'", "´": "'", "ʼ": "'",
        "‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-", "\u00ad": "",
    }
)  # fmt: skip
_WS = re.compile(r"\s+")


def _strip_marks(text: str) -> str:
    if text.isascii():
        return text
    text = text.translate(_SPECIAL)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def fold_word(text: str) -> str:
    """Case- and accent-free form of a word or phrase (hyphens kept).

    >>> fold_word("Außenministerin")
    'aussenministerin'
    """
    return _WS.sub(" ", _strip_marks(text).casefold()).strip()


@lru_cache(maxsize=1 << 17)
def fold_name(text: str) -> str:
    """Key for names: as ``fold_word``, with dots dropped, hyphens and
    underscores as blanks and the umlaut spellings ae/oe/ue read as a/o/u,
    so that ``Schröder``, ``Schroeder`` and ``SCHRODER`` meet.

    >>> fold_name("Pjöngjang") == fold_name("Pjoengjang")
    True
    >>> fold_name("Kim Jong-un") == fold_name("KIM JONG UN")
    True
    """
    s = _strip_marks(text).casefold().replace(".", "").replace("-", " ").replace("_", " ")
    s = s.replace("ae", "a").replace("oe", "o").replace("ue", "u")
    return " ".join(s.split())


def slug(text: str) -> str:
    """Stable ASCII id of a name: ``Recep Tayyip Erdoğan`` → ``recep-tayyip-erdogan``."""
    s = _strip_marks(text).casefold()
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-")


def _case_sensitive(name: str) -> bool:
    """Short all-capital names (``US``, ``IS``, ``WHO``, ``NATO``) only match as written."""
    return len(name) <= 4 and name.isupper() and name.isalnum()


_ADJ_ENDINGS = ("em", "en", "er", "es", "e")


@lru_cache(maxsize=1 << 17)
def _loose_key(key: str) -> str | None:
    """A key of a multi-word name that ignores adjective endings and a final
    genitive: "der Vereinten Nationen" and "Vereinte Nationen", "des Roten
    Kreuzes" and "Rotes Kreuz" meet."""
    words = key.split(" ")
    if len(words) < 2:
        return None
    out = []
    for w in words[:-1]:
        for end in _ADJ_ENDINGS:
            if len(w) > len(end) + 3 and w.endswith(end):
                w = w[: -len(end)]
                break
        out.append(w)
    last = words[-1]
    if len(last) > 5 and last.endswith("es") and not last.endswith("sses"):
        last = last[:-2]
    elif len(last) > 4 and last.endswith("s") and not last.endswith("ss"):
        last = last[:-1]
    out.append(last)
    return " ".join(out)


_ARTICLE = re.compile(r"^(?:der|die|das|den|dem|des)\s+", re.IGNORECASE)


def _parse_day(value: DateLike) -> _dt.date | None:
    if value is None or isinstance(value, _dt.date):
        return value
    return _dt.date.fromisoformat(value)


# ---------------------------------------------------------------------------
# records


@dataclass(frozen=True, slots=True)
class State:
    """A state (or territory, or historical state) and its German names."""

    code: str  # the annotation's code: ISO 3166-1 alpha-3, XKX, or a former code (SUN …)
    cameo: str  # CAMEO code where it differs (KSV, TMP), else the same as code
    iso2: str | None
    kind: str  # state | partial | territory | historical
    name: str
    names: tuple[str, ...] = ()
    official: tuple[str, ...] = ()
    adjectives: tuple[str, ...] = ()  # stems: "nordkoreanisch"
    demonyms: tuple[str, ...] = ()  # "Nordkoreaner", "Nordkoreanerin"
    prefixes: tuple[str, ...] = ()  # explicit compound prefixes: "US-"
    capitals: tuple[str, ...] = ()
    valid_from: _dt.date | None = None
    valid_to: _dt.date | None = None
    note: str = ""

    def exists_on(self, day: DateLike) -> bool:
        d = _parse_day(day)
        if d is None:
            return True
        return (self.valid_from is None or d >= self.valid_from) and (self.valid_to is None or d <= self.valid_to)


@dataclass(frozen=True, slots=True)
class Metonym:
    """A place or institution that stands for a state's actor: Kreml → RUS GOV."""

    surface: str
    code: str
    sector: str | None
    kind: str
    note: str = ""


@dataclass(frozen=True, slots=True)
class StateMatch:
    """A state found for a surface, and how: ``via`` is name, official,
    adjective, demonym, capital, metonym or prefix. ``sector`` is set for
    metonyms of institutions (Kreml: GOV) and None otherwise: a bare state
    or capital gets its sector from the context (see event-annotation.md)."""

    state: State
    via: str
    surface: str
    sector: str | None = None

    @property
    def code(self) -> str:
        return self.state.code


@dataclass(slots=True, unsafe_hash=True)  # not frozen: ~6x faster to build; treat as read-only
class Organisation:
    id: str
    name: str
    names: tuple[str, ...]
    code: str | None  # the annotation's code: UN, EU, NATO …, or a country (Hamas: PSE), or None
    sector: str | None
    cameo: str
    kind: str  # igo | ngo | party | armed | media | company | institution | movement
    start: _dt.date | None = None
    end: _dt.date | None = None
    note: str = ""
    source: str = ""


@dataclass(slots=True, unsafe_hash=True)  # not frozen: ~6x faster to build; treat as read-only
class PersonRole:
    """One code period of a person: ``code`` is the CAMEO code, ``country``
    and ``annotation_sector`` are what the annotation writes."""

    person: str  # person id
    name: str  # canonical name of the person
    code: str
    country: str | None
    sector: str | None  # CAMEO role: GOV, MIL, ELI … (None for IGO codes)
    role: str  # German office title, where known
    start: _dt.date | None
    end: _dt.date | None
    source: str = ""

    @property
    def undated(self) -> bool:
        return self.start is None and self.end is None

    @property
    def in_office(self) -> bool:
        """False for ELI (former officials and other elites)."""
        return self.sector != "ELI"

    @property
    def annotation_sector(self) -> str | None:
        return annotation_sector(self.sector)

    def applies(self, day: _dt.date) -> bool:
        return (self.start is None or day >= self.start) and (self.end is None or day <= self.end)


@dataclass(slots=True, unsafe_hash=True)  # not frozen: ~6x faster to build; treat as read-only
class Person:
    id: str
    name: str
    aliases: tuple[str, ...]
    roles: tuple[PersonRole, ...]

    def role_on(self, day: DateLike = None) -> PersonRole | None:
        """The role valid on ``day``: the first dated role that applies (in
        office before ELI, then file order), else the undated default. With
        no day: the current role (an open-ended one), else the default."""
        d = _parse_day(day)
        dated = [r for r in self.roles if not r.undated]
        if d is None:
            current = [r for r in dated if r.end is None]
            if current:
                return max(current, key=lambda r: (r.in_office, r.start or _dt.date.min))
        else:
            hits = [r for r in dated if r.applies(d)]
            if hits:
                return next((r for r in hits if r.in_office), hits[0])
        return next((r for r in self.roles if r.undated), None)


@dataclass(frozen=True, slots=True)
class Title:
    """An office or role noun: Außenminister → GOV.

    ``inherit``: the title names a head or voice of something (Chef,
    Sprecher, Präsident): in a compound whose first part is an agent or
    organisation with a sector (Polizeichef, Parlamentspräsident), that
    sector wins over ``sector``."""

    id: str
    lemma: str
    role: str
    sector: str | None
    cameo: str | None
    inherit: bool
    forms: tuple[str, ...]
    note: str = ""


@dataclass(frozen=True, slots=True)
class Modifier:
    """A word that changes a title's standing: Ex-, ehemalig → former."""

    id: str
    effect: str  # former | deputy | designate | acting | outgoing
    forms: tuple[str, ...]
    note: str = ""


@dataclass(frozen=True, slots=True)
class Agent:
    """A generic actor noun without a name: Regierung → GOV, Demonstranten → CVL."""

    id: str
    lemma: str
    sector: str | None
    cameo: str | None
    forms: tuple[str, ...]
    note: str = ""


@dataclass(frozen=True, slots=True)
class CompoundMatch:
    """A title or agent found as the head of a (compound) word.

    ``prefix`` is the rest of the word before the head, as written
    (``US-``, ``Verteidigungs``, ``Polizei``); what it was recognised as is in
    ``state``, ``organisation``, ``agent``; ``modifiers`` are effects such as
    ``former`` (Ex-Präsident) or ``deputy`` (Vizekanzler)."""

    word: str
    head: Title | Agent
    prefix: str = ""
    modifiers: tuple[str, ...] = ()
    state: StateMatch | None = None
    organisation: Organisation | None = None
    agent: Agent | None = None

    @property
    def code(self) -> str | None:
        if self.state is not None:
            return self.state.code
        if self.organisation is not None:
            return self.organisation.code
        return None

    @property
    def sector(self) -> str | None:
        """The sector the whole word gives: a former office holder has none;
        an inheriting title takes the sector of what it heads."""
        if "former" in self.modifiers:
            return None
        head = self.head
        if isinstance(head, Title) and head.inherit:
            if self.agent is not None and self.agent.sector:
                return self.agent.sector
            if self.organisation is not None and self.organisation.sector:
                return self.organisation.sector
            if self.state is not None and self.state.sector:
                return self.state.sector
        return head.sector

    @property
    def current(self) -> bool:
        return "former" not in self.modifiers


# ---------------------------------------------------------------------------
# file reading


def _split_list(cell: str) -> list[str]:
    return [v.strip() for v in cell.split("|") if v.strip()] if cell else []


def _read_tsv(
    path: Path, required: Iterable[str], as_tuple: bool = False
) -> Iterator[tuple[int, Any]]:
    """Rows of a TSV file with a header line after its comment lines.

    Yields ``(line number, row)``: a dict by column name, or with
    ``as_tuple`` a tuple in the order of ``required``. Short rows are padded
    (editors drop trailing tabs); a row longer than the header is an error."""
    header: list[str] | None = None
    required = tuple(required)
    order: list[int] = []
    with path.open(encoding="utf-8") as fh:
        for lineno, raw in enumerate(fh, start=1):
            line = raw.rstrip("\r\n")
            if not line or line[0] == "#" or not line.strip() or line.lstrip().startswith("#"):
                continue
            cells = line.split("\t")
            if header is None:
                header = [c.strip() for c in cells]
                missing = [c for c in required if c not in header]
                if missing:
                    raise DictionaryError(path, lineno, f"header lacks column(s) {', '.join(missing)}")
                order = [header.index(c) for c in required]
                pick = (lambda cells, i=order[0]: (cells[i],)) if len(order) == 1 else operator.itemgetter(*order)
                width = len(header)
                continue
            n = len(cells)
            if n > width:
                raise DictionaryError(path, lineno, f"{n} fields, the header has {width} (a stray tab?)")
            if n < width:
                cells += [""] * (width - n)
            if " \t" in line or "\t " in line or line[0] == " " or line[-1] == " ":
                cells = [c.strip() for c in cells]  # cells padded with blanks (rare)
            if as_tuple:
                yield lineno, pick(cells)
            else:
                yield lineno, dict(zip(header, cells))
    if header is None:
        raise DictionaryError(path, None, "no header line")


_MISSING = object()


def _date_cell(path: Path, lineno: int, value: str, column: str) -> _dt.date | None:
    if not value:
        return None
    try:
        return _dt.date.fromisoformat(value)
    except ValueError:
        raise DictionaryError(path, lineno, f"{column} {value!r} is not a date (YYYY-MM-DD)") from None


def _check_period(path: Path, lineno: int, start, end) -> None:
    if start and end and end < start:
        raise DictionaryError(path, lineno, f"end {end} is before start {start}")


def _check_sector(path: Path, lineno: int, value: str | None, allowed=SECTORS) -> str | None:
    if not value:
        return None
    if value not in allowed:
        raise DictionaryError(path, lineno, f"unknown sector {value!r} (allowed: {', '.join(sorted(allowed))})")
    return value


_CODE3 = re.compile(r"^[A-Z]{3}$")
_CAMEO = re.compile(r"^(?:[A-Z]{3})+$|^[A-Z]{3}[A-Z0-9]*$")


class _LineLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml when there
    """A safe YAML loader that records the line of every mapping as ``__line__``."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> dict:
    mapping = loader.construct_mapping(node, deep=True)
    mapping["__line__"] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _read_yaml(path: Path) -> Any:
    try:
        with path.open(encoding="utf-8") as fh:
            return yaml.load(fh, Loader=_LineLoader)  # noqa: S506 (a SafeLoader subclass)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise DictionaryError(path, mark.line + 1 if mark else None, f"YAML error: {exc}") from None


# German inflection of role and agent nouns -----------------------------------

_INFLECTIONS = ("er", "weak", "e", "s", "or", "adj", "en", "pl", "none")


def _inflect(lemma: str, cls: str, plural: str | None = None) -> list[str]:
    """Case and number forms of a noun (masculine or as written).

    er: Minister, Ministers, Ministern · weak: Präsident, Präsidenten ·
    e: König, Königs, Könige, Königen · s: Chef, Chefs · or: Diktator,
    Diktators, Diktatoren · adj: Abgeordneter, -e, -en, -em, -es ·
    en: Regierung, Regierungen (Armee, Armeen) · pl: plural-only
    (Streitkräfte, -n) · none: as written."""
    w = lemma
    if cls == "er":
        forms = [w, w + "s", w + "n"]
    elif cls == "weak":
        forms = [w, w + ("n" if w.endswith("e") else "en")]
    elif cls == "e":
        forms = [w, w + "s", w + "es", w + "e", w + "en"]
    elif cls == "s":
        forms = [w, w + "s"]
    elif cls == "or":
        forms = [w, w + "s", w + "en"]
    elif cls == "adj":
        stem = w[:-2] if w.endswith("er") else w[:-1] if w.endswith("e") else w
        forms = [stem + e for e in ("e", "er", "en", "em", "es")]
    elif cls == "en":
        forms = [w, w + ("n" if w.endswith("e") else "en")]
    elif cls == "pl":
        forms = [w] if w.endswith(("n", "s")) else [w, w + "n"]
    else:
        forms = [w]
    if plural:
        forms.append(plural)
        if not plural.endswith(("n", "s")):
            forms.append(plural + "n")
    return forms


def _feminine(lemma: str, cls: str) -> list[str]:
    if cls == "adj":
        return []  # Abgeordnete: the same forms
    base = lemma[:-1] if lemma.endswith("e") and cls == "weak" else lemma
    fem = base + "in"
    return [fem, fem + "nen"]


def _demonym_forms(word: str) -> list[str]:
    """Nordkoreaner → -n, -s; Afghane → Afghanen; Afghanin → Afghaninnen;
    Israeli → Israelis; Jemenit → Jemeniten."""
    if word.endswith("in"):
        return [word, word + "nen"]
    if word.endswith("e"):
        return [word, word + "n"]
    if word.endswith(("i", "a", "o")):
        return [word, word + "s"]
    if word.endswith(("it", "ot")):
        return [word, word + "en"]
    return [word, word + "n", word + "s"]


# ---------------------------------------------------------------------------
# the dictionary


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
_FAMILY_NAME_FIRST = frozenset({"CHN", "TWN", "HKG", "MAC", "KOR", "PRK"})
_ORG_KINDS = frozenset({"igo", "ngo", "party", "armed", "media", "company", "institution", "movement"})
_MODIFIER_EFFECTS = frozenset({"former", "deputy", "designate", "acting", "outgoing"})

def start_key(text: str) -> str:
    """The first letters of a name's first word, folded: a cheap test whether a
    span starting with this word can be a listed name (`ActorDictionary.span_starts`)."""
    return fold_name(text).split(" ", 1)[0][:4]


class _Index:
    """Name → entries, case-insensitive, with an exact-case table for short
    all-capital names and a loose table for inflected multi-word names."""

    __slots__ = ("exact", "folded", "loose", "use_loose")

    def start_keys(self) -> dict[str, int]:
        """`start_key` of every indexed name, in every spelling the index knows → most words of such a name."""
        keys: dict[str, int] = {}
        for table in (self.exact, self.folded, self.loose):
            for name in table:
                key, words = start_key(name), len(fold_name(name).split())
                if words > keys.get(key, 0):
                    keys[key] = words
        return keys

    def __init__(self, use_loose: bool = True) -> None:
        self.exact: dict[str, list] = {}
        self.folded: dict[str, list] = {}
        self.loose: dict[str, list] = {}
        self.use_loose = use_loose

    def add(self, name: str, entry, inflects: bool = True) -> None:
        """Index ``name``; ``inflects``: German multi-word names whose
        adjectives change with case (Vereinte/Vereinten Nationen)."""
        name = " ".join(name.split())
        if not name:
            return
        if _case_sensitive(name):
            self.exact.setdefault(name, []).append(entry)
            return
        key = fold_name(name)
        if not key:
            return
        self.folded.setdefault(key, []).append(entry)
        loose = _loose_key(key) if self.use_loose and inflects and " " in key else None
        if loose is not None and loose != key:
            self.loose.setdefault(loose, []).append(entry)

    def get(self, name: str) -> list:
        name = " ".join(name.split())
        hits = self.exact.get(name)
        if hits:
            return hits
        if _case_sensitive(name):
            return []
        key = fold_name(name)
        hits = self.folded.get(key)
        if hits:
            return hits
        loose = _loose_key(key) if self.use_loose else None
        if loose is not None:
            return self.loose.get(loose, []) or self.folded.get(loose, [])
        return []


class ActorDictionary:
    """All actor data, loaded once; see the module docstring."""

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
