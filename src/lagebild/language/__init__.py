"""The language layer: a spaCy `Language` for German built from `spacy.blank("de")`.

    nlp = build_language()
    doc = nlp("Tillerson betonte, es gebe keine Bedrohung.")

Pipeline (every piece registered with spaCy, names prefixed `lagebild`):

* tokenizer `lagebild.tokenizer.v1`: spaCy's German tokenizer plus the
  abbreviations and suffix rules of `data/tokenizer.yaml`;
* `lagebild_sentences`: rule-based sentence starts (`data/sentences.yaml`);
* `lagebild_hanta`: HanTa tags → STTS `tag_`, UPOS `pos_`, `lemma_` and
  `morph` (VerbForm, Mood, Case) from `data/tags.yaml` and `data/morph.yaml`,
  with HanTa's per-form analyses cached (shipped lexicon
  `data/hanta_lexicon.tsv.gz`, optional user cache, see `hanta.py`); the
  analyses of new forms and the sentence Viterbi run in a compiled Cython
  kernel (`_hanta_kernel.pyx`, built at install, optional) with the same
  results as the pure-Python code (``LAGEBILD_PURE_PYTHON=1`` forces that).

`nlp_config` overrides component settings: ``{"lagebild_hanta": {"user_cache":
False}, "lagebild_sentences": {"rules_path": "my.yaml"}, "tokenizer":
{"rules_path": "my_tokenizer.yaml"}}``.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language

from lagebild.language import data
from lagebild.language import tokenizer as _tokenizer  # noqa: F401  (registers lagebild.tokenizer.v1)
from lagebild.language.hanta import LEXICON_PATH, CachedHanTa, default_user_cache
from lagebild.language.morph import MorphRules
from lagebild.language.sentences import SentenceSegmenter, make_rules
from lagebild.language.tagger import HantaTagger

__all__ = ["build_language", "shared_hanta"]

_HANTA: dict[tuple[str | None, str | None], CachedHanTa] = {}
_HANTA_LOCK = threading.Lock()


def shared_hanta(lexicon: str | Path | None = LEXICON_PATH, user_cache: str | Path | None = None) -> CachedHanTa:
    """One CachedHanTa per (lexicon, user cache) and process: the model and caches load once."""
    key = (str(lexicon) if lexicon else None, str(user_cache) if user_cache else None)
    with _HANTA_LOCK:
        tagger = _HANTA.get(key)
        if tagger is None:
            tagger = _HANTA[key] = CachedHanTa(lexicon=lexicon, user_cache=user_cache)
    return tagger


@Language.factory("lagebild_sentences", default_config={"rules_path": None})
def make_sentences(nlp: Language, name: str, rules_path: str | None):
    return SentenceSegmenter(make_rules(rules_path))


@Language.factory(
    "lagebild_hanta",
    default_config={"lexicon": True, "user_cache": True, "tags_path": None, "morph_path": None},
)
def make_hanta(nlp: Language, name: str, lexicon: bool | str, user_cache: bool | str, tags_path: str | None,
               morph_path: str | None):
    """`lexicon`: True (the shipped one), False or a path; `user_cache`: True (the default file
    unless LAGEBILD_HANTA_CACHE=0), False or a path."""
    lex = LEXICON_PATH if lexicon is True else (Path(lexicon) if lexicon else None)
    cache = default_user_cache() if user_cache is True else (Path(user_cache) if user_cache else None)
    tags = data.load("tags", tags_path)
    rules = MorphRules(data.load("morph", morph_path), tags)
    return HantaTagger(nlp.vocab, shared_hanta(lex, cache), tags, rules)


def build_language(nlp_config: dict[str, Any] | None = None) -> Language:
    """The German `Language` of lagebild (see the module docstring for `nlp_config`)."""
    cfg = dict(nlp_config or {})
    tok = {"@tokenizers": "lagebild.tokenizer.v1", **(cfg.pop("tokenizer", None) or {})}
    nlp = spacy.blank("de", config={"nlp": {"tokenizer": tok}})
    for factory in ("lagebild_sentences", "lagebild_hanta"):
        nlp.add_pipe(factory, config=cfg.pop(factory, None) or {})
    if cfg:
        raise ValueError(f"unknown language components in nlp_config: {sorted(cfg)}")
    return nlp
