"""The detector's working records: `Cand` (a quotation candidate: cue, source, message, addressee as token
indices), `Seg` (a segment of a unit) and `Frame` (a cue with its source and addressee, before its message is
known). `lagebild.quotes.stage` turns candidates into the `Quote` records of `lagebild.quotes.record`."""

from __future__ import annotations

from dataclasses import dataclass, field

from lagebild.quotes.lexicon import VerbEntry


@dataclass
class Cand:
    form: str  # direct | indirect | free_indirect | reported
    cue: list[int]
    source: list[int]
    message: list[int]
    addressee: list[int] = field(default_factory=list)
    frame: list[int] = field(default_factory=list)
    mode: str | None = None
    spkatt_form: str = ""
    nested: bool = False
    rule: str = ""
    unit: int = -1
    verb: VerbEntry | None = None
    ref: list[int] = field(default_factory=list)  # what a relative-pronoun source stands for (for actor linking)


@dataclass
class Seg:
    start: int
    end: int  # exclusive
    sep: str | None  # boundary text before the segment


@dataclass
class Frame:
    kind: str  # verb | noun | adj | prep | so | wie | self
    cue: list[int]
    seg: int  # segment index in the unit
    finite: int | None = None
    layout: str = ""  # v1 | v2 | vl
    entry: VerbEntry | None = None
    mode: str = "speech"
    source: list[int] = field(default_factory=list)
    addressee: list[int] = field(default_factory=list)
    frame_tokens: list[int] = field(default_factory=list)
    passive: bool = False
    used: bool = False
    ref: list[int] = field(default_factory=list)  # what a pronominal source stands for
