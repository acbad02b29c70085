"""The events layer: who did what to whom, when and where (PLOVER + CAMEO), natively in German.

`EventStage` is the pipeline stage; `EventCoder` the coder over a tagged
Doc and the article's actors; `Event` the record of the output contract.
The knowledge is in `data/` (verbs.yaml, nouns.yaml, cameo_plover.tsv).
"""

from __future__ import annotations

__all__ = ["Event", "EventCoder", "EventStage", "Participant"]


def __getattr__(name: str):  # lazy: `python -m lagebild.events.build_ontology` needs none of this
    if name in ("Event", "Participant"):
        from lagebild.events import record

        return getattr(record, name)
    if name == "EventStage":
        from lagebild.events.stage import EventStage

        return EventStage
    if name == "EventCoder":
        from lagebild.events.coder import EventCoder

        return EventCoder
    raise AttributeError(name)
