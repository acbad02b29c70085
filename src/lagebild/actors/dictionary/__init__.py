"""The actor dictionary: typed records and lookups over the data files.

``ActorDictionary.load()`` reads every file in ``lagebild/actors/data/`` once (and the same
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

The files, their columns and conventions are described in ``lagebild/actors/data/README.md``.

The package: ``records`` (the typed records), ``names`` (folding names to
keys), ``files`` (reading and checking the data files, ``DictionaryError``),
``inflection`` (German forms of titles, agents and demonyms), ``index`` (the
name index), ``loading`` (reading every file into an ``ActorDictionary``) and
``actor_dictionary`` (the lookups).
"""

from __future__ import annotations

from .actor_dictionary import ActorDictionary
from .files import DATA_DIR, DictionaryError
from .index import start_key  # noqa: F401 (for resolve.py)
from .names import fold_name, fold_word, slug
from .records import Agent, CompoundMatch, Metonym, Modifier, Organisation, Person, PersonRole, State, StateMatch, Title

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
