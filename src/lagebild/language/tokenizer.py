"""spaCy's German tokenizer plus lagebild's news-text rules (`data/tokenizer.yaml`)."""

from __future__ import annotations

from typing import Callable

import spacy
from spacy.attrs import ORTH
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.util import compile_suffix_regex

from lagebild.language import data


def customize(tokenizer: Tokenizer, nlp: Language, rules: dict) -> Tokenizer:
    abbreviations = list(rules.get("abbreviations") or [])
    for abbr in list(abbreviations):
        # u.a. → U.a. at a sentence start; only for abbreviations with an inner full stop
        if "." in abbr[:-1] and abbr[0].islower():
            abbreviations.append(abbr[0].upper() + abbr[1:])
    for abbr in abbreviations:
        tokenizer.add_special_case(abbr, [{ORTH: abbr}])
    extra = list(rules.get("extra_suffixes") or [])
    if extra:
        suffixes = list(nlp.Defaults.suffixes or []) + extra
        tokenizer.suffix_search = compile_suffix_regex(suffixes).search
    return tokenizer


@spacy.registry.tokenizers("lagebild.tokenizer.v1")
def create_tokenizer(rules_path: str | None = None) -> Callable[[Language], Tokenizer]:
    def make(nlp: Language) -> Tokenizer:
        base = spacy.registry.tokenizers.get("spacy.Tokenizer.v1")()(nlp)
        return customize(base, nlp, data.load("tokenizer", rules_path))

    return make
