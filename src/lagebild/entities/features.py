"""Lexical features for the entity recogniser.

The CNN ``tok2vec`` embeds, besides NORM/PREFIX/SUFFIX/SHAPE, two extra token
attributes that the ``lagebild_lexfeat`` component fills in before it runs:

* ``Token.tag_`` ← a context-free part-of-speech guess from HanTa's German
  morphology model (a runtime dependency of the project): the coarse best tag
  (``NE`` proper noun, ``NN`` common noun, ``ADJ``, ``V``, ``CARD`` …), plus the
  runner-up when it is close (``NN/NE`` for ``Bahn``).
* ``Token.morph`` ← lexicon flags: ``Gaz=LOC`` (token of a country / capital
  name from the gazetteers), ``First=Yes`` / ``Last=Yes`` (token seen as the
  first / last token of a person name in the lexicon).

The lexicon is built by the training script from ship-yes data only (the
country gazetteers, the PETRARCH2 actor dictionary's person entries, and the
person names of the Europarl / SmartData training sets) and saved inside the
model directory.  ``lagebild_lexfeat_restore`` (last in the pipeline) puts the
original ``tag_``/``morph`` values back, so callers never see the codes.
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

import srsly
from spacy.language import Language
from spacy.tokens import Doc

_HANTA = None


def hanta():
    global _HANTA
    if _HANTA is None:
        from HanTa import HanoverTagger as ht

        _HANTA = ht.HanoverTagger("morphmodel_ger.pgz")
    return _HANTA


def _coarse(tag: str) -> str:
    if tag in ("NE", "NN", "FM", "CARD", "XY", "TRUNC", "ITJ"):
        return tag
    if tag.startswith("NN"):
        return "NN"
    if tag.startswith("ADJ"):
        return "ADJ"
    if tag.startswith("V"):
        return "V"
    if tag.startswith("$"):
        return "PUNCT"
    return "FUNC"


_PUNCT_RE = re.compile(r"^\W+$")


@lru_cache(maxsize=300_000)
def hanta_feature(word: str) -> str:
    if not word or _PUNCT_RE.match(word):
        return "PUNCT"
    if any(c.isdigit() for c in word) and not any(c.isalpha() for c in word):
        return "CARD"
    try:
        res = hanta().tag_word(word)
    except Exception:  # pragma: no cover - HanTa edge cases
        return "UNK"
    if not res:
        return "UNK"
    best = _coarse(res[0][0])
    out = best
    for tag, score in res[1:3]:
        c = _coarse(tag)
        if c != best and res[0][1] - score < 4.0:
            out = best + "/" + c
            break
    return out


def is_common_noun(word: str) -> bool:
    """HanTa thinks ``word`` is a common noun and not a proper noun."""
    return hanta_feature(word) == "NN"


def fold(word: str) -> str:
    """lower-case, umlauts expanded and accents stripped (lexicon keys)."""
    w = word.lower().replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("ß", "ss")
    w = unicodedata.normalize("NFKD", w)
    return "".join(c for c in w if not unicodedata.combining(c))


class Lexicon:
    """Token-level lexicon: folded token → set of flags."""

    FLAGS = ("Gaz=LOC", "First=Yes", "Last=Yes")

    def __init__(self, entries: dict[str, list[str]] | None = None):
        self.entries: dict[str, tuple[str, ...]] = {
            k: tuple(sorted(set(v))) for k, v in (entries or {}).items()}
        self._cache: dict[str, str] = {}

    def morph(self, word: str) -> str:
        m = self._cache.get(word)
        if m is None:
            flags = self.entries.get(fold(word), ())
            if not flags and word.endswith("s") and len(word) > 4:
                # genitive: Deutschlands, Merkels
                flags = tuple(f for f in self.entries.get(fold(word[:-1]), ()) if f != "First=Yes")
            m = "|".join(flags) if word[:1].isupper() else ""
            if len(self._cache) < 500_000:
                self._cache[word] = m
        return m

    def to_json(self) -> dict:
        return {k: list(v) for k, v in sorted(self.entries.items())}

    @classmethod
    def from_json(cls, data: dict) -> "Lexicon":
        return cls(data)


# ---------------------------------------------------------------------------
# building the lexicon from ship-yes data
# ---------------------------------------------------------------------------

_TITLES = {"sir", "dr", "dr.", "mr", "mrs", "general", "gen", "col", "king", "queen", "prince",
           "sheikh", "shaikh", "president", "prime", "minister", "chancellor", "kanzler", "lord",
           "lady", "pope", "bishop", "imam", "ayatollah", "mullah", "mawlawi", "emir", "sultan",
           "saint", "st", "st.", "rev", "father", "admiral", "marshal", "captain", "major"}
_PARTICLES = {"al", "el", "de", "da", "van", "von", "der", "den", "du", "la", "le", "bin", "ibn",
              "ben", "abu", "di", "dos", "das", "del", "y", "zu", "ter", "ten", "ould", "ag"}


def _person_name_tokens(names, first: set, last: set):
    for toks in names:
        toks = [t for t in toks if t and t.strip(".")]
        while toks and toks[0].lower().strip(".") in _TITLES:
            toks = toks[1:]
        toks = [t for t in toks if not re.match(r"^[A-Za-z]\.?$", t)]
        if len(toks) < 2:
            continue
        if toks[0].lower() not in _PARTICLES and len(toks[0]) > 2:
            first.add(fold(toks[0]))
        if toks[-1].lower() not in _PARTICLES and len(toks[-1]) > 2:
            last.add(fold(toks[-1]))


def petrarch_person_names(path: Path) -> list[list[str]]:
    """Person entries of the PETRARCH2 country actor dictionary (those with
    the ``# CountryInfo.txt`` source note, all of which are office holders)."""
    names = []
    if not path.exists():
        return names
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        if "# CountryInfo.txt" not in line or line.startswith(("\t", " ", "#", "+")):
            continue
        name = line.split("#", 1)[0].strip().strip("_")
        toks = [t for t in name.split("_") if t]
        names.append([t.capitalize() for t in toks])
    return names


def gazetteer_names(gaz_dir: Path) -> set[str]:
    """German and English country names, capitals (facts from the gazetteers)."""
    names: set[str] = set()
    um = gaz_dir / "umpirsky_country_list_de" / "country.csv"
    if um.exists():
        import csv

        with open(um, encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                names.add(row["value"])
    ml = gaz_dir / "mledoze_countries" / "countries.json"
    if ml.exists():
        for c in json.loads(ml.read_text(encoding="utf-8")):
            names.add(c["name"]["common"])
            deu = c.get("translations", {}).get("deu")
            if deu:
                names.add(deu["common"])
                names.add(deu["official"])
            for cap in c.get("capital", []) or []:
                names.add(cap)
            for alt in c.get("altSpellings", []) or []:
                if len(alt) > 3:
                    names.add(alt)
    gn = gaz_dir / "geonames_countryinfo" / "geonames_countryInfo.txt"
    if gn.exists():
        for line in gn.read_text(encoding="utf-8").splitlines():
            if line.startswith("#") or not line.strip():
                continue
            cols = line.split("\t")
            if len(cols) > 5:
                names.add(cols[4])
                if cols[5]:
                    names.add(cols[5])
    return names


_STOP_GAZ = {"und", "der", "die", "das", "des", "von", "of", "the", "and", "république", "republik",
             "republic", "staat", "state", "states", "islands", "island", "inseln", "insel",
             "kingdom", "königreich", "united", "vereinigte", "vereinigten", "federal",
             "democratic", "demokratische", "people's", "bundesrepublik", "new", "saint", "city",
             "union", "föderation", "federation", "volksrepublik", "sonderverwaltungszone"}


def build_lexicon(shared: Path, person_spans: list[list[str]] | None = None) -> Lexicon:
    entries: dict[str, set[str]] = {}

    def add(tok: str, flag: str):
        entries.setdefault(fold(tok), set()).add(flag)

    for name in gazetteer_names(shared / "gazetteers"):
        for tok in re.split(r"[\s,()/]+", name):
            tok = tok.strip(".")
            if len(tok) >= 3 and tok[:1].isupper() and tok.lower() not in _STOP_GAZ:
                add(tok, "Gaz=LOC")
    first: set[str] = set()
    last: set[str] = set()
    _person_name_tokens(petrarch_person_names(
        shared / "petrarch2_dictionaries" / "Phoenix.Countries.actors.txt"), first, last)
    if person_spans:
        _person_name_tokens(person_spans, first, last)
    for f in first:
        entries.setdefault(f, set()).add("First=Yes")
    for f in last:
        entries.setdefault(f, set()).add("Last=Yes")
    return Lexicon({k: sorted(v) for k, v in entries.items()})


# ---------------------------------------------------------------------------
# spaCy components
# ---------------------------------------------------------------------------

_SAVED_KEY = "lagebild_lexfeat_saved"


class LexFeatures:
    def __init__(self, nlp: Language, name: str = "lagebild_lexfeat"):
        self.name = name
        self.lexicon = Lexicon()

    def set_lexicon(self, lexicon: Lexicon):
        self.lexicon = lexicon

    def __call__(self, doc: Doc) -> Doc:
        saved = []
        changed = False
        for tok in doc:
            saved.append((tok.tag_, str(tok.morph)))
            if tok.tag_ or str(tok.morph):
                changed = True
        if changed:
            doc.user_data[_SAVED_KEY] = saved
        for tok in doc:
            tok.tag_ = hanta_feature(tok.text)
            m = self.lexicon.morph(tok.text)
            tok.set_morph(m if m else None)
        return doc

    def to_disk(self, path, exclude=tuple()):
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        srsly.write_gzip_json(path / "lexicon.json.gz", self.lexicon.to_json())

    def from_disk(self, path, exclude=tuple()):
        self.lexicon = Lexicon.from_json(srsly.read_gzip_json(Path(path) / "lexicon.json.gz"))
        return self

    def to_bytes(self, exclude=tuple()):
        return srsly.msgpack_dumps(self.lexicon.to_json())

    def from_bytes(self, data, exclude=tuple()):
        self.lexicon = Lexicon.from_json(srsly.msgpack_loads(data))
        return self


@Language.factory("lagebild_lexfeat")
def make_lexfeat(nlp: Language, name: str):
    return LexFeatures(nlp, name)


@Language.component("lagebild_lexfeat_restore")
def restore_lexfeat(doc: Doc) -> Doc:
    saved = doc.user_data.pop(_SAVED_KEY, None)
    for i, tok in enumerate(doc):
        if saved is None:
            tok.tag_ = ""
            tok.set_morph(None)
        else:
            tok.tag_ = saved[i][0]
            tok.set_morph(saved[i][1] or None)
    return doc
