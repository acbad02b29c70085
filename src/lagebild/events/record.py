"""The event record of the output contract (`../shared/docs/output-contract.md`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Participant:
    """A source or target of an event: the mention in the sentence and the actor's codes."""

    text: str
    code: str | None
    sector: str | None
    actor: str | None = None  # id of the article's actor, None for an actor known only here
    start: int | None = None  # character span of the mention in Article.text
    end: int | None = None
    inferred_code: bool = False  # code taken from the context (the actor itself has none)

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "code": self.code, "sector": self.sector, "actor": self.actor}


@dataclass
class Event:
    type: str
    mode: str | None
    cameo: str
    source: list[Participant]
    target: list[Participant]
    date: str | None
    trigger_start: int
    trigger_end: int
    trigger_text: str  # the trigger's words; a split trigger's pieces joined by blanks (see trigger_parts)
    sentence_start: int
    sentence_end: int
    negated: bool = False
    modality: str = "asserted"  # asserted, future, hypothetical, reported
    goldstein: float | None = None
    confidence: float = 0.5
    rule: str = ""
    location: dict[str, Any] | None = None
    quote: Any = None
    context: str | None = None  # PLOVER context of the CAMEO code
    extra: dict[str, Any] = field(default_factory=dict)
    trigger_parts: list[tuple[int, int, str]] = field(default_factory=list)  # pieces of a split trigger

    @property
    def counts(self) -> bool:
        """True for events the scorers count (neither negated nor hypothetical)."""
        return not self.negated and self.modality != "hypothetical"

    def key(self) -> tuple:
        """One event per (type, source, target, date): participants by actor (or mention text) and code."""
        def who(ps):
            return frozenset((p.actor, p.code) if p.actor else (None, p.code) for p in ps)
        return (self.type, who(self.source), who(self.target), self.date)

    def _trigger(self) -> dict[str, Any]:
        trigger: dict[str, Any] = {"start": self.trigger_start, "end": self.trigger_end, "text": self.trigger_text}
        if len(self.trigger_parts) > 1:  # `kamen … zusammen`: start/end span the pieces, as in quotes
            trigger["parts"] = [{"start": s, "end": e, "text": t} for s, e, t in self.trigger_parts]
        return trigger

    def to_dict(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "mode": self.mode,
            "cameo": self.cameo,
            "source": [p.to_dict() for p in self.source],
            "target": [p.to_dict() for p in self.target],
            "date": self.date,
            "trigger": self._trigger(),
            "sentence": {"start": self.sentence_start, "end": self.sentence_end},
            "negated": self.negated,
            "modality": self.modality,
            "quote": self.quote,
            "goldstein": self.goldstein,
            "confidence": round(self.confidence, 3),
            "rule": self.rule,
            "location": self.location,
        }
