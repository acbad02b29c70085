"""Lexical features for the entity recogniser.

The CNN ``tok2vec`` embeds, besides NORM/PREFIX/SUFFIX/SHAPE, two extra token
attributes that the ``lagebild_lexfeat`` component fills in before it runs:

* ``Token.tag_`` ← a context-free part-of-speech guess from HanTa's German
  morphology model (a runtime dependency of the project): the coarse best tag
  (``NE`` proper noun, ``NN`` common noun, ``ADJ``, ``V``, ``CARD`` …), plus the
  runner-up when it is close (``NN/NE`` for ``Bahn``).
* ``Token.morph`` ← lexicon flags: ``Gaz=LOC`` (token of a country / capital
  name from the gazetteers or the actor dictionary), ``First=Yes`` /
  ``Last=Yes`` (token seen as the first / last token of a person name),
  ``GazOrg=Yes`` (token of an organisation name or acronym of the actor
  dictionary), ``Dem=Yes`` (demonym: *Amerikaner*), ``AdjLoc=Yes``
  (capitalised state adjective: *Deutsche* Bank).
* ``Token.lemma_`` ← the word's corpus class (:func:`corpus_classes`): gold
  part of speech of the form in UD German / Europarl train (name, common
  noun, both, other), how it is written off sentence start in ship-yes text
  (mostly lower-case / always capitalised / mixed) and a frequency bucket;
  ``C`` marks a capitalised token and ``I`` a sentence-initial position
  (first token, after ``.`` ``:`` or an opening quote).  This tells a
  capitalised common noun or a capitalised sentence-initial word from a name.

The lexicon is built by the training script from ship-yes data only (the
country gazetteers, the PETRARCH2 actor dictionary's person entries, the
project's actor dictionary ``lagebild/actors/data``, the person names of the
Europarl / SmartData training sets, UD German, the Bundestag speeches and
NTREX news; never GermEval) and saved inside the model directory.
``lagebild_lexfeat_restore`` (last in the pipeline) puts the original
``tag_``/``morph``/``lemma_`` values back, so callers never see the codes.
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
    """HanTa's tagger for the word-class feature: its word analyses run in the language layer's
    FastAnalysis (the compiled kernel when built) — the same results as HanTa's own, much faster."""
    global _HANTA
    if _HANTA is None:
        from lagebild.language.hanta import fast_tagger

        _HANTA, _ = fast_tagger()
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
_WEB_RE = re.compile(r"@\w|^www\.|://|\w\.(de|com|org|net|at|ch|eu|info|tv|fm|uk|fr|it)$",
                     re.IGNORECASE)
_WEB_KEY = "<web>"


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
    """Token-level lexicon: folded token → set of flags (``morph``), and word
    form → lexical class string from corpus statistics (``word_class``)."""

    FLAGS = ("Gaz=LOC", "First=Yes", "Last=Yes", "GazOrg=Yes", "Dem=Yes", "AdjLoc=Yes")

    def __init__(self, entries: dict[str, list[str]] | None = None,
                 classes: dict[str, str] | None = None):
        self.entries: dict[str, tuple[str, ...]] = {
            k: tuple(sorted(set(v))) for k, v in (entries or {}).items()}
        self.classes: dict[str, str] = dict(classes or {})
        self._cache: dict[str, str] = {}
        self._ccache: dict[str, str] = {}
        # URL / e-mail flag only for lexicons built with it (marker entry)
        self.web = _WEB_KEY in self.entries

    def word_class(self, word: str) -> str:
        """Corpus class of a form: ``<pos>.<case><freq>`` (see
        :func:`corpus_classes`), prefixed by ``C`` for a capitalised form;
        ``x`` for tokens not starting with a letter, ``u`` for unseen forms."""
        c = self._ccache.get(word)
        if c is None:
            if not word[:1].isalpha():
                c = "x"
            else:
                c = self.classes.get(fold(word))
                if c is None and word.endswith("s") and len(word) > 4:
                    c = self.classes.get(fold(word[:-1]))
                    c = "g" + c if c else None
                c = c or "u"
                if word[:1].isupper():
                    c = "C" + c
            if len(self._ccache) < 500_000:
                self._ccache[word] = c
        return c

    def morph(self, word: str) -> str:
        m = self._cache.get(word)
        if m is None:
            flags = self.entries.get(fold(word), ())
            if not flags and word.endswith("s") and len(word) > 4:
                # genitive: Deutschlands, Merkels
                flags = tuple(f for f in self.entries.get(fold(word[:-1]), ()) if f != "First=Yes")
            if not flags and self.web and _WEB_RE.search(word):
                flags = ("Web=Yes",)
            # symbols ($, €) and web addresses only in lexicons built with them
            m = "|".join(flags) if word[:1].isupper() or (
                self.web and (not word[:1].isalpha() or "Web=Yes" in flags)) else ""
            if len(self._cache) < 500_000:
                self._cache[word] = m
        return m

    def to_json(self) -> dict:
        return {"entries": {k: list(v) for k, v in sorted(self.entries.items())},
                "classes": dict(sorted(self.classes.items()))}

    @classmethod
    def from_json(cls, data: dict) -> "Lexicon":
        if "entries" in data and isinstance(data["entries"], dict):
            return cls(data["entries"], data.get("classes"))
        return cls(data)  # old format: flat entries


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


def _read_actor_tsv(path: Path) -> list[dict]:
    rows, header = [], None
    if not path.exists():
        return rows
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if header is None:
            header = cols
            continue
        rows.append(dict(zip(header, cols + [""] * (len(header) - len(cols)))))
    return rows


def _cells(row: dict, *keys: str) -> list[str]:
    out = []
    for k in keys:
        out += [v.strip() for v in (row.get(k) or "").split("|") if v.strip()]
    return out


_ADJ_ENDINGS = ("e", "en", "er", "es", "em")


def actor_flags(actors_dir: Path) -> tuple[dict[str, set[str]], list[list[str]]]:
    """Token flags from the project's actor dictionary (``lagebild/actors/data``,
    built from ship-yes facts and hand-written lists): organisation name tokens
    and acronyms (``GazOrg``), state names and capitals (``Gaz=LOC``), demonyms
    (``Dem``), capitalised state adjectives (``AdjLoc``: *Deutsche* Bank); and
    the person names (returned for the first/last-name flags)."""
    flags: dict[str, set[str]] = {}

    def add(tok: str, flag: str):
        tok = tok.strip(".,;:()\"'")
        if len(tok) >= 2 and tok[:1].isupper() and tok.lower() not in _STOP_GAZ:
            flags.setdefault(fold(tok), set()).add(flag)

    for row in _read_actor_tsv(actors_dir / "organisations.tsv"):
        for name in _cells(row, "names"):
            for tok in re.split(r"[\s/]+", name):
                add(tok, "GazOrg=Yes")
    for row in _read_actor_tsv(actors_dir / "organisations_phoenix.tsv"):
        for name in _cells(row, "name", "aliases"):
            for tok in re.split(r"[\s/]+", name):
                if re.fullmatch(r"[A-ZÄÖÜ]{2,6}", tok):
                    add(tok, "GazOrg=Yes")
    for row in _read_actor_tsv(actors_dir / "state_metonyms.tsv"):
        for name in _cells(row, "surface"):
            if " " not in name:
                add(name, "GazOrg=Yes")
    for fname in ("states.tsv", "states_de.tsv"):
        for row in _read_actor_tsv(actors_dir / fname):
            for name in _cells(row, "name", "names", "official", "capitals"):
                for tok in re.split(r"[\s,()/]+", name):
                    if len(tok) >= 3:
                        add(tok, "Gaz=LOC")
            for dem in _cells(row, "demonyms"):
                for form in (dem, dem + "n", dem + "en", dem + "innen", dem + "s"):
                    add(form, "Dem=Yes")
            for adj in _cells(row, "adjectives"):
                adj = adj.rstrip("-")
                if adj:
                    for e in _ADJ_ENDINGS:
                        add(adj[:1].upper() + adj[1:] + e, "AdjLoc=Yes")
    persons: list[list[str]] = []
    for fname in ("people.tsv", "people_extra.tsv"):
        for row in _read_actor_tsv(actors_dir / fname):
            for name in _cells(row, "name", "aliases"):
                toks = [t for t in re.split(r"\s+", name) if t]
                if len(toks) >= 2:
                    persons.append(toks)
    return flags, persons


def _ud_forms(path: Path):
    sent = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if not line:
                if sent:
                    yield sent
                sent = []
                continue
            if line.startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) < 10 or not cols[0].isdigit():
                continue
            sent.append((cols[1], cols[3]))
    if sent:
        yield sent


_TOKEN_RE = re.compile(r"\w[\w\-'’.]*\w|\w|[^\w\s]")
_OPENERS = {"„", "\"", "»", "«", "“", "(", ":", "-", "–", "'", "‚"}


def corpus_classes(shared: Path, sentences: list[list[str]] = ()) -> dict[str, str]:
    """Lexical class of each folded word form from ship-yes text only (never
    GermEval): gold part of speech of UD German (PROPN/NOUN) and Europarl
    train (STTS NE/NN) → ``E`` (name), ``N`` (common noun), ``M`` (both);
    then how the form is written off sentence start in UD, Europarl train,
    SmartData, the Bundestag speeches and NTREX news: ``l`` mostly lower-case,
    ``c`` always capitalised, ``m`` mixed; and a frequency bucket 1–3."""
    from collections import Counter

    ne, nn, oth, low, cap = Counter(), Counter(), Counter(), Counter(), Counter()

    def count_words(words):
        for i, w in enumerate(words):
            if i == 0 or words[i - 1] in _OPENERS or not w[:1].isalpha():
                continue
            if words[i - 1] in (".", "!", "?"):
                continue
            k = fold(w)
            if w[:1].islower():
                low[k] += 1
            else:
                cap[k] += 1

    ud = shared / "ud_german"
    for path in sorted(ud.glob("*/*.conllu")):
        for sent in _ud_forms(path):
            for form, upos in sent:
                if upos == "PROPN":
                    ne[fold(form)] += 1
                elif upos == "NOUN":
                    nn[fold(form)] += 1
                elif upos not in ("X", "SYM", "PUNCT"):
                    oth[fold(form)] += 1
            count_words([f for f, _ in sent])
    ep = shared / "europarl_ner_de" / "train.tsv"
    if ep.exists():
        with open(ep, encoding="utf-8") as fh:
            for line in fh:
                cols = line.rstrip("\n").split("\t")
                if len(cols) >= 3:
                    if cols[2] == "NE":
                        ne[fold(cols[0])] += 1
                    elif cols[2] == "NN":
                        nn[fold(cols[0])] += 1
                    elif cols[2][:1] not in ("$", "X", "F"):
                        oth[fold(cols[0])] += 1
    for words in sentences:
        count_words(list(words))
    bt = shared / "corpora" / "bundestag_speeches.jsonl"
    if bt.exists():
        with open(bt, encoding="utf-8") as fh:
            for line in fh:
                for sent in json.loads(line)["sentences"]:
                    count_words(_TOKEN_RE.findall(sent))
    nt = shared / "corpora" / "ntrex128_news_de" / "newstest2019-ref.deu.txt"
    if nt.exists():
        for line in nt.read_text(encoding="utf-8").splitlines():
            count_words(_TOKEN_RE.findall(line))
    out: dict[str, str] = {}
    for k in set(ne) | set(nn) | set(low) | set(cap):
        e, n, o = ne[k], nn[k], oth[k]
        if e + n == 0 or (e + n) * 2 < o:
            pos = "O" if o else ""
        else:
            pos = "E" if e >= 2 * n else "N" if n >= 2 * e else "M"
        lo, ca = low[k], cap[k]
        tot = lo + ca
        if tot == 0:
            case = "0"
        else:
            case = ("l" if lo >= ca else "c" if lo == 0 else "m") + \
                ("1" if tot <= 2 else "2" if tot <= 20 else "3")
        out[k] = pos + "." + case
    return out


_CURRENCY_DE = {"franken", "pfund", "rubel", "rupie", "rupien", "krone", "kronen", "lira",
                "zloty", "dollars", "euros", "yen", "yuan", "renminbi", "peso", "€", "£", "¥"}
_CURRENCY_STOP = {"all", "bonds", "cup", "top", "mop", "bam", "gel", "bob", "rs", "colon",
                  "mark", "pound"}


def currency_tokens(gaz_dir: Path) -> set[str]:
    """Folded currency codes, symbols and currency nouns (the last word of the
    English names: *euro*, *dollar*, *yen*) of the mledoze country data."""
    out: set[str] = set()
    path = gaz_dir / "mledoze_countries" / "countries.json"
    if not path.exists():
        return out
    for c in json.loads(path.read_text(encoding="utf-8")):
        for code, cur in (c.get("currencies") or {}).items():
            out.add(fold(code))
            sym = (cur or {}).get("symbol") or ""
            if sym and not sym[:1].isalpha():
                out.add(fold(sym))
            name = ((cur or {}).get("name") or "").split()
            if name and len(name[-1]) >= 3:
                out.add(fold(name[-1]))
    out |= _CURRENCY_DE
    return out - _CURRENCY_STOP


_LATIN_NAME = re.compile(r"^[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿA-ZÀ-ÖØ-Þ'\-]{2,}$")


def faker_person_names() -> tuple[set[str], set[str]]:
    """First and last names of Faker's person providers (all locales, Latin script only; MIT), for the
    opt-in ``name_lists`` experiment of ``train.py``.  Faker is not a dependency (the experiment did
    not help, see the README): ``pip install faker`` to run it."""
    import importlib
    import pkgutil

    try:
        import faker.providers.person as person
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise RuntimeError("the name_lists setting 'faker' needs Faker: pip install faker") from exc
    first: set[str] = set()
    last: set[str] = set()
    for mod in pkgutil.iter_modules(person.__path__):
        provider = importlib.import_module(f"{person.__name__}.{mod.name}").Provider
        for attr, dst in (("first_names", first), ("first_names_male", first), ("first_names_female", first),
                          ("last_names", last)):
            values = next((c.__dict__[attr] for c in provider.__mro__ if attr in c.__dict__), None)
            if not isinstance(values, (list, tuple, dict, set, frozenset)):
                continue  # a property that combines other lists
            for name in values:
                dst.update(p for p in str(name).split() if _LATIN_NAME.match(p))
    return first, last


def build_lexicon(shared: Path, person_spans: list[list[str]] | None = None,
                  sentences: list[list[str]] | None = None, actors_dir: Path | None = None,
                  classes: bool = True, currencies: bool = False,
                  extra_names: tuple[set[str], set[str]] | None = None) -> Lexicon:
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
    if actors_dir is not None:
        aflags, persons = actor_flags(actors_dir)
        for k, v in aflags.items():
            entries.setdefault(k, set()).update(v)
        _person_name_tokens(persons, first, last)
    if extra_names is not None:
        first |= {fold(x) for x in extra_names[0]}
        last |= {fold(x) for x in extra_names[1]}
    cls = corpus_classes(shared, sentences or []) if classes else {}
    # a name token that is mostly written lower-case (die, von, der) is noise
    lower = {k for k, c in cls.items() if c.endswith((".l2", ".l3"))}
    for f in first - lower:
        entries.setdefault(f, set()).add("First=Yes")
    for f in last - lower:
        entries.setdefault(f, set()).add("Last=Yes")
    if currencies:
        for tok in currency_tokens(shared / "gazetteers") - lower:
            entries.setdefault(tok, set()).add("Cur=Yes")
        entries[_WEB_KEY] = {"Web=Yes"}
    return Lexicon({k: sorted(v) for k, v in entries.items()}, cls)


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
            saved.append((tok.tag_, str(tok.morph), tok.lemma_))
            if tok.tag_ or str(tok.morph) or tok.lemma_:
                changed = True
        if changed:
            doc.user_data[_SAVED_KEY] = saved
        prev = ""
        for i, tok in enumerate(doc):
            tok.tag_ = hanta_feature(tok.text)
            m = self.lexicon.morph(tok.text)
            tok.set_morph(m if m else None)
            if self.lexicon.classes:
                init = i == 0 or prev in _OPENERS or prev in (".", "!", "?")
                tok.lemma_ = ("I" if init else "") + self.lexicon.word_class(tok.text)
            prev = tok.text
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
            tok.lemma_ = ""
        else:
            tok.tag_ = saved[i][0]
            tok.set_morph(saved[i][1] or None)
            tok.lemma_ = saved[i][2] if len(saved[i]) > 2 else ""
    return doc
