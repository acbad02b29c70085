"""Actor dictionary: states, organisations, people, titles and generic agents.

Data files live in ``data/`` (see ``data/README.md``); ``ActorDictionary``
loads and checks them and answers lookups for later stages::

    from lagebild.actors import ActorDictionary
    actors = ActorDictionary.default()
    actors.state_by_name("Pjöngjang").code            # 'PRK'
    actors.person("Jim Mattis", on="2017-08-17")       # PersonRole USAGOV …
"""

from .dictionary import (
    ActorDictionary,
    Agent,
    CompoundMatch,
    DictionaryError,
    Metonym,
    Modifier,
    Organisation,
    Person,
    PersonRole,
    State,
    StateMatch,
    Title,
    fold_name,
    fold_word,
)

__all__ = [
    "ActorDictionary",
    "Agent",
    "CompoundMatch",
    "DictionaryError",
    "Metonym",
    "Modifier",
    "Organisation",
    "Person",
    "PersonRole",
    "State",
    "StateMatch",
    "Title",
    "fold_name",
    "fold_word",
]
