"""Name folding: case-, accent- and umlaut-free keys of words and names (``fold_word``,
``fold_name``, ``slug``), and the name rules the indexes and lookups share: short all-capital
names match only as written, multi-word names also by a loose key without adjective endings,
a leading article is dropped."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_SPECIAL = str.maketrans(
    {
        "ø": "o", "Ø": "o", "đ": "d", "Đ": "d", "ł": "l", "Ł": "l", "ı": "i", "æ": "ae", "Æ": "ae",
        "œ": "oe", "Œ": "oe", "þ": "th", "ð": "d", "’": "'", "‘": "'", "`": "'", "´": "'", "ʼ": "'",
        "‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-", "\u00ad": "",
    }
)  # fmt: skip
_WS = re.compile(r"\s+")


def _strip_marks(text: str) -> str:
    if text.isascii():
        return text
    text = text.translate(_SPECIAL)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def fold_word(text: str) -> str:
    """Case- and accent-free form of a word or phrase (hyphens kept).

    >>> fold_word("Außenministerin")
    'aussenministerin'
    """
    return _WS.sub(" ", _strip_marks(text).casefold()).strip()


@lru_cache(maxsize=1 << 17)
def fold_name(text: str) -> str:
    """Key for names: as ``fold_word``, with dots dropped, hyphens and
    underscores as blanks and the umlaut spellings ae/oe/ue read as a/o/u,
    so that ``Schröder``, ``Schroeder`` and ``SCHRODER`` meet.

    >>> fold_name("Pjöngjang") == fold_name("Pjoengjang")
    True
    >>> fold_name("Kim Jong-un") == fold_name("KIM JONG UN")
    True
    """
    s = _strip_marks(text).casefold().replace(".", "").replace("-", " ").replace("_", " ")
    s = s.replace("ae", "a").replace("oe", "o").replace("ue", "u")
    return " ".join(s.split())


def slug(text: str) -> str:
    """Stable ASCII id of a name: ``Recep Tayyip Erdoğan`` → ``recep-tayyip-erdogan``."""
    s = _strip_marks(text).casefold()
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-")


def _case_sensitive(name: str) -> bool:
    """Short all-capital names (``US``, ``IS``, ``WHO``, ``NATO``) only match as written."""
    return len(name) <= 4 and name.isupper() and name.isalnum()


_ADJ_ENDINGS = ("em", "en", "er", "es", "e")


@lru_cache(maxsize=1 << 17)
def _loose_key(key: str) -> str | None:
    """A key of a multi-word name that ignores adjective endings and a final
    genitive: "der Vereinten Nationen" and "Vereinte Nationen", "des Roten
    Kreuzes" and "Rotes Kreuz" meet."""
    words = key.split(" ")
    if len(words) < 2:
        return None
    out = []
    for w in words[:-1]:
        for end in _ADJ_ENDINGS:
            if len(w) > len(end) + 3 and w.endswith(end):
                w = w[: -len(end)]
                break
        out.append(w)
    last = words[-1]
    if len(last) > 5 and last.endswith("es") and not last.endswith("sses"):
        last = last[:-2]
    elif len(last) > 4 and last.endswith("s") and not last.endswith("ss"):
        last = last[:-1]
    out.append(last)
    return " ".join(out)


_ARTICLE = re.compile(r"^(?:der|die|das|den|dem|des)\s+", re.IGNORECASE)
