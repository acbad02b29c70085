"""Events that sit in a quote: `event.quote` is the index of that quote in the article's `quotes`.

An event belongs to the quote whose message holds its trigger (the speaker
claims it: `Tillerson sagte, Nordkorea müsse die Tests einstellen`), else to
the quote whose cue is its trigger (the speech act itself is the event:
`X kritisierte die Entscheidung`). With nested quotes, the innermost wins.
"""

from __future__ import annotations

from typing import Iterable, Sequence


def _pieces(span) -> list[tuple[int, int]]:
    parts = getattr(span, "parts", None)
    if parts and len(parts) > 1:
        return [(int(p[0]), int(p[1])) for p in parts]
    return [(span.start, span.end)]


def _holds(span, pos: int) -> bool:
    return span is not None and any(s <= pos < e for s, e in _pieces(span))


def link_quotes(events: Iterable, quotes: Sequence) -> None:
    """Sets `quote` on each event that sits in one of `quotes` (records of the quotes layer)."""
    for event in events:
        pos = event.trigger_start
        inner = [(q.message.end - q.message.start, i) for i, q in enumerate(quotes)
                 if q.message is not None and q.message.start <= pos < q.message.end]
        if inner:
            event.quote = min(inner)[1]
            continue
        cued = [i for i, q in enumerate(quotes) if _holds(q.cue, pos)]
        event.quote = cued[0] if cued else None
