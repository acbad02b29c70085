"""`event.quote`: the quote an event sits in (its message holds the trigger, or its cue is the trigger)."""

from __future__ import annotations

from types import SimpleNamespace as NS

import lagebild
from lagebild.events.quote_link import link_quotes
from tests.conftest import need_shared


def span(start, end, parts=None):
    return NS(start=start, end=end, parts=parts)


def event(pos):
    return NS(trigger_start=pos, quote=None)


def test_message_holds_trigger_innermost_wins_then_cue_then_none():
    quotes = [
        NS(message=span(10, 100), cue=span(0, 5)),           # indirect speech
        NS(message=span(40, 60), cue=None),                 # a quoted fragment inside it
        NS(message=span(200, 260), cue=span(150, 170, [(150, 155), (165, 170)])),  # split cue
    ]
    events = [event(20), event(45), event(2), event(166), event(160), event(300)]
    link_quotes(events, quotes)
    assert [e.quote for e in events] == [0, 1, 0, 2, None, None]


def test_seed_events_point_to_their_quotes():
    path = need_shared("examples", "tagesschau-2017-08-17.txt")
    record = lagebild.analyze(path).to_dict()
    quotes, events = record["quotes"], record["events"]

    def quote_of(kind, speaker):
        hits = [e for e in events if e["type"] == kind and e["quote"] is not None
                and speaker in (quotes[e["quote"]]["speaker"] or {}).get("text", "")]
        return hits

    # Tillerson's direct quote: the provocations are unacceptable and must stop
    for kind in ("ACCUSE", "REQUEST"):
        hits = quote_of(kind, "Tillerson")
        assert hits and quotes[hits[0]["quote"]]["form"] == "direct", kind
    assert quote_of("THREATEN", "Mattis")  # the warning is the speech act of Mattis's quote
    meeting = [e for e in events if e["type"] == "CONSULT"]
    assert meeting and meeting[0]["quote"] is None  # narrated, not quoted
    assert all(e["quote"] is None or 0 <= e["quote"] < len(quotes) for e in events)
