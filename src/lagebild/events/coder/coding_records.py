"""The records the event coder works with inside an article: actor mentions, the roles of a clause,
event candidates (the output record is `record.Event`), and two helpers over lists of mentions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from lagebild.events.clauses import Clause

@dataclass
class PseudoActor:
    """An actor known only from a demonym adjective ("israelische Luftangriffe")."""

    id: None
    name: str
    kind: str
    code: str | None
    sector: str | None


@dataclass(frozen=True, eq=False)
class Mention:
    actor: Any  # lagebild.record.Actor or PseudoActor
    start: int  # token
    end: int  # token, exclusive


@dataclass
class Cand:
    cameo: str
    entry_id: str
    source: list[Mention]
    target: list[Mention]
    trigger: list[int]
    clause: Clause
    sent: tuple[int, int]
    type: str | None = None
    mode: str | None = None
    negated: bool = False
    modality: str = "asserted"
    confidence: float = 0.6
    implicit: str | None = None  # sector of an implicit source (agentless passive)
    target_words: set[str] = field(default_factory=set)
    ancestors: list = field(default_factory=list)  # clauses above the event's clause (for its date)
    nominal: bool = False  # a noun phrase event not carried by the clause's verb


@dataclass
class ClauseInfo:
    subject: list[Mention] = field(default_factory=list)
    subject_np: int | None = None  # index in clause.nps of the subject's root NP
    subject_pron: str | None = None
    agent: list[Mention] = field(default_factory=list)  # passive agent
    speaker: list[Mention] | None = None  # speaker when the clause is speech content
    reporter: list[Mention] = field(default_factory=list)  # laut X / nach Angaben X
    opinion: list[Mention] = field(default_factory=list)  # nach Ansicht X
    is_speech: bool = False
    shared_subject: bool = False
    was_ref: list = field(default_factory=list)  # "…, was X begrüßte": the subject of the clause "was" refers to
    consumed: bool = False  # complement whose event went into its matrix's event
    ancestors_cond: bool = False


def uniq_mentions(ms: list[Mention]) -> list[Mention]:
    seen = set()
    out = []
    for m in ms:
        if m is None:
            continue
        k = (m.start, m.end)
        if k in seen:
            continue
        seen.add(k)
        out.append(m)
    return out


def same_actors(a: list[Mention], b: list[Mention] | None) -> bool:
    if not a or not b:
        return False
    ids_a = {id(m.actor) for m in a}
    ids_b = {id(m.actor) for m in b}
    return bool(ids_a & ids_b)
