"""The event coder: clauses + actors + the event dictionary → PLOVER/CAMEO events.

`EventCoder` (event_coder.py) runs per article; the steps it is built from
live beside it, one module each (see event_coder.py's docstring for the map).
"""

from lagebild.events.coder.event_coder import EventCoder

__all__ = ["EventCoder"]
