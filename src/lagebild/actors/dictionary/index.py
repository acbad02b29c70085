"""The name index (name → entries, case- and accent-insensitive, with exact-case and loose
tables) and ``start_key``, the first letters that tell whether a span can begin a listed name."""

from __future__ import annotations

from .names import _case_sensitive, _loose_key, fold_name


def start_key(text: str) -> str:
    """The first letters of a name's first word, folded: a cheap test whether a
    span starting with this word can be a listed name (`ActorDictionary.span_starts`)."""
    return fold_name(text).split(" ", 1)[0][:4]


class _Index:
    """Name → entries, case-insensitive, with an exact-case table for short
    all-capital names and a loose table for inflected multi-word names."""

    __slots__ = ("exact", "folded", "loose", "use_loose")

    def start_keys(self) -> dict[str, int]:
        """`start_key` of every indexed name, in every spelling the index knows → most words of such a name."""
        keys: dict[str, int] = {}
        for table in (self.exact, self.folded, self.loose):
            for name in table:
                key, words = start_key(name), len(fold_name(name).split())
                if words > keys.get(key, 0):
                    keys[key] = words
        return keys

    def __init__(self, use_loose: bool = True) -> None:
        self.exact: dict[str, list] = {}
        self.folded: dict[str, list] = {}
        self.loose: dict[str, list] = {}
        self.use_loose = use_loose

    def add(self, name: str, entry, inflects: bool = True) -> None:
        """Index ``name``; ``inflects``: German multi-word names whose
        adjectives change with case (Vereinte/Vereinten Nationen)."""
        name = " ".join(name.split())
        if not name:
            return
        if _case_sensitive(name):
            self.exact.setdefault(name, []).append(entry)
            return
        key = fold_name(name)
        if not key:
            return
        self.folded.setdefault(key, []).append(entry)
        loose = _loose_key(key) if self.use_loose and inflects and " " in key else None
        if loose is not None and loose != key:
            self.loose.setdefault(loose, []).append(entry)

    def get(self, name: str) -> list:
        name = " ".join(name.split())
        hits = self.exact.get(name)
        if hits:
            return hits
        if _case_sensitive(name):
            return []
        key = fold_name(name)
        hits = self.folded.get(key)
        if hits:
            return hits
        loose = _loose_key(key) if self.use_loose else None
        if loose is not None:
            return self.loose.get(loose, []) or self.folded.get(loose, [])
        return []
