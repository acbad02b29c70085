"""The dictionary's records: states and their metonyms, organisations, people and their dated
roles, titles, modifiers and generic agents, and what the lookups return (``StateMatch``,
``CompoundMatch``)."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from typing import Union

from ..codes import annotation_sector

DateLike = Union[_dt.date, str, None]


def _parse_day(value: DateLike) -> _dt.date | None:
    if value is None or isinstance(value, _dt.date):
        return value
    return _dt.date.fromisoformat(value)


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
