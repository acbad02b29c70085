"""spaCy component `lagebild_hanta`: STTS tags, UPOS, lemmas and morphology from HanTa.

Per sentence (as set by `lagebild_sentences`), the words go through HanTa's
sentence Viterbi (`hanta.CachedHanTa`); the rest is table look-ups from
`data/tags.yaml` and the rules of `morph.MorphRules`:

* `token.tag_`: standard STTS (HanTa's `VV(FIN)` → `VVFIN`, `NNA` → `NN`),
  punctuation by shape; whitespace tokens `_SP`.
* `token.pos_`: UPOS from the STTS tag.
* `token.lemma_`: HanTa's lemma, except that names, numbers, foreign words,
  punctuation and tokens without letters keep their form; hyphenated
  compounds are tagged and lemmatised by their last segment and keep the
  prefix (US-Außenministern → US-Außenminister).
* `token.morph`: VerbForm, Mood (Imp by tag, Sub for Konjunktiv), Case.
"""

from __future__ import annotations

import unicodedata
from typing import Iterable

import numpy
from spacy.attrs import IS_SPACE, LEMMA, MORPH, ORTH, POS, SENT_START, TAG
from spacy.parts_of_speech import IDS as POS_IDS
from spacy.tokens import Doc
from spacy.vocab import Vocab

from lagebild.language.hanta import CachedHanTa
from lagebild.language.morph import MorphRules

_ATTRS = [TAG, POS, LEMMA, MORPH]


def token_columns(doc: Doc, orth_cache: dict[int, str]) -> tuple[list[str], list[bool], list[bool]]:
    """Texts, is-space flags and sentence starts of a Doc's tokens, without creating Token objects."""
    strings = doc.vocab.strings
    words = []
    get = orth_cache.get
    cols = doc.to_array([ORTH, IS_SPACE, SENT_START]).tolist()
    for orth, _, _ in cols:
        w = get(orth)
        if w is None:
            w = orth_cache[orth] = strings[orth]
        words.append(w)
    if len(orth_cache) > 1_000_000:
        orth_cache.clear()
    return words, [bool(c[1]) for c in cols], [c[2] == 1 for c in cols]


def _is_punct(word: str) -> bool:
    return all(unicodedata.category(ch).startswith("P") for ch in word)


class HantaTagger:
    def __init__(self, vocab: Vocab, hanta: CachedHanTa, tags: dict, morph: MorphRules):
        self.vocab = vocab
        self.hanta = hanta
        self.morph = morph
        self.to_stts = dict(tags.get("hanta_to_stts") or {})
        self.upos = {k: POS_IDS[v] for k, v in (tags.get("stts_to_upos") or {}).items()}
        self.punct_tags = dict(tags.get("punct_tags") or {})
        self.other_punct = tags.get("other_punct_tag", "$(")
        self.punct_exceptions = frozenset(tags.get("punct_exceptions") or ())
        self.space_tag = tags.get("space_tag", "_SP")
        self.hanta_input = dict(tags.get("hanta_input") or {})
        self.caseless_after = frozenset(tags.get("caseless_after") or ())
        self.keep_form = frozenset(tags.get("keep_form_tags") or ())
        self.keep_no_letters = bool(tags.get("keep_form_without_letters", True))
        self.min_last = int(tags.get("hyphen_min_last_segment", 3))
        self.capitalised = frozenset(tags.get("capitalised_lemma_tags") or ())
        self.abbreviation_tags = dict(tags.get("abbreviation_tags") or {})
        proxies = tags.get("tag_proxies") or {}
        for abbr, tag in list(self.abbreviation_tags.items()):
            # upper-case-initial variants (U.a. at a sentence start), as the tokenizer has them
            if "." in abbr[:-1] and abbr[0].islower():
                self.abbreviation_tags.setdefault(abbr[0].upper() + abbr[1:], tag)
        self.abbreviation_input = {a: proxies[t] for a, t in self.abbreviation_tags.items() if t in proxies}
        strings = vocab.strings
        self._space_info = (self.space_tag, strings.add(self.space_tag), self.upos.get(self.space_tag, POS_IDS["SPACE"]))
        self._prep: dict[str, tuple[str, str]] = {}  # word -> (what HanTa reads, compound prefix)
        self._info: dict[tuple[str, int], tuple[str, int, int, str, int]] = {}
        self._morph_hash: dict[str, int] = {"": 0}
        self._orth: dict[int, str] = {}

    # -- per word form ------------------------------------------------------

    def prep(self, word: str) -> tuple[str, str]:
        p = self._prep.get(word)
        if p is None:
            p = (self.abbreviation_input.get(word) or self.hanta_input.get(word, word), "")
            cut = word.rfind("-")
            if word not in self.abbreviation_tags and 0 < cut < len(word) - 1 and not word.startswith("-"):
                last = word[cut + 1 :]
                if len(last) >= self.min_last and any(ch.isalpha() for ch in last):
                    p = (last, word[: cut + 1])
            if len(self._prep) > 500_000:
                self._prep.clear()
            self._prep[word] = p
        return p

    def info(self, word: str, tag_id: int) -> tuple[str, int, int, str, int]:
        """(STTS tag, its hash, UPOS id, lemma, lemma hash) of a word form with a HanTa tag."""
        key = (word, tag_id)
        inf = self._info.get(key)
        if inf is not None:
            return inf
        name = self.hanta.int2tag.get(tag_id, "XY")
        stts = self.to_stts.get(name, name)
        punct = self.punct_tags.get(word)
        if punct is None and word not in self.punct_exceptions and _is_punct(word):
            punct = self.other_punct
        if punct is not None:
            stts = punct
        abbr = self.abbreviation_tags.get(word)
        if abbr is not None:
            stts = abbr
            lemma = word
        elif stts in self.keep_form or (self.keep_no_letters and not any(ch.isalpha() for ch in word)):
            lemma = word
        else:
            hanta_word, prefix = self.prep(word)
            lemma = self.hanta.lemma(hanta_word, tag_id)
            if stts in self.capitalised and lemma[:1].islower():
                lemma = lemma[0].upper() + lemma[1:]
            if prefix:
                lemma = prefix + lemma
        strings = self.vocab.strings
        upos = self.upos.get(stts, POS_IDS["X"])
        inf = (stts, strings.add(stts), upos, lemma, strings.add(lemma))
        if len(self._info) > 500_000:
            self._info.clear()
        self._info[key] = inf
        return inf

    def morph_hash(self, feats: str) -> int:
        h = self._morph_hash.get(feats)
        if h is None:
            h = self.vocab.morphology.add(feats)
            self._morph_hash[feats] = h
        return h

    # -- per document ---------------------------------------------------------

    def __call__(self, doc: Doc) -> Doc:
        n = len(doc)
        if not n:
            return doc
        words, is_space, starts = token_columns(doc, self._orth)
        rows: list[tuple[int, int, int, int]] = [(0, 0, 0, 0)] * n
        sent: list[int] = []
        for i in range(n + 1):
            if i == n or (starts[i] and sent):
                self._tag_sentence(sent, words, rows)
                sent = []
            if i < n:
                if is_space[i]:
                    _, tag_hash, pos = self._space_info
                    rows[i] = (tag_hash, pos, self.vocab.strings.add(words[i]), 0)
                else:
                    sent.append(i)
        doc.from_array(_ATTRS, numpy.array(rows, dtype=numpy.uint64))
        self.hanta.maybe_flush()
        return doc

    def _tag_sentence(self, idx: list[int], words: list[str], rows: list) -> None:
        if not idx:
            return
        sw = [words[i] for i in idx]
        prep_cache = self._prep
        inputs = []
        for w in sw:
            p = prep_cache.get(w)
            inputs.append((p if p is not None else self.prep(w))[0])
        ca = self.caseless_after
        caseless = [False] + [w in ca for w in sw[:-1]]
        ids = self.hanta.tag_ids(inputs, True, caseless)
        info_cache = self._info
        info = self.info
        infos = [info_cache.get((w, t)) or info(w, t) for w, t in zip(sw, ids)]
        feats = self.morph.features(sw, [x[0] for x in infos], [x[3] for x in infos])
        mh = self._morph_hash
        for i, inf, f in zip(idx, infos, feats):
            h = mh.get(f)
            if h is None:
                h = self.morph_hash(f)
            rows[i] = (inf[1], inf[2], inf[4], h)

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterable[Doc]:
        for doc in docs:
            yield self(doc)
