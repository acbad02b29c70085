"""Rule-based sentence boundaries for German news text (`data/sentences.yaml`).

A sentence ends after a terminal mark (. ! ? …), optionally followed by
closing quotes or brackets, when the next token starts upper-case, with a
digit or is an opening quote; never after an abbreviation (kept whole by the
tokenizer) or an ordinal (am 17. August), except where the rules say; always
at a paragraph break. A colon never ends a sentence.
"""

from __future__ import annotations

import re

import numpy
from spacy.attrs import IS_SPACE, ORTH, SENT_START, SPACY
from spacy.tokens import Doc

from lagebild.language import data

_NUMBER_DOT = re.compile(r"^\d[\d.]*\.$")
_INITIAL = re.compile(r"^[A-ZÄÖÜ]\.$")  # George W. Bush, Plan B.
_ROMAN = re.compile(r"^(?=[IVXLC])M*(C[MD]|D?C{0,3})(X[CL]|L?X{0,3})(I[XV]|V?I{0,3})$")


class SentenceRules:
    def __init__(self, rules: dict):
        self.terminal_chars = frozenset(rules.get("terminal_chars", ".!?…"))
        self.closing = frozenset(rules["closing"])
        self.opening = frozenset(rules["opening"])
        self.either = frozenset(rules["either"])
        self.paragraph_break = rules.get("paragraph_break", "\n\n")
        self.line_break = bool(rules.get("line_break_is_boundary", False))
        self.months = frozenset(rules.get("months") or ())
        self.ordinal_context = frozenset(rules.get("ordinal_context") or ())
        self.starters = frozenset(rules.get("sentence_starters") or ())
        self.final_abbreviations = frozenset(rules.get("sentence_final_abbreviations") or ())
        self.number_abbreviations = frozenset(rules.get("number_abbreviations") or ())
        self.roman = bool(rules.get("roman_numeral_ordinals", False))

    def starts(self, words: list[str], spaces: list[bool], is_space: list[bool]) -> list[bool]:
        """Sentence starts per token. `spaces[i]`: token i is followed by whitespace."""
        n = len(words)
        starts = [False] * n
        if not n:
            return starts
        closing, either = self.closing, self.either
        is_terminal = self.is_terminal
        brk = "\n" if self.line_break else self.paragraph_break
        new_sentence = True  # the next non-space token starts a sentence
        i = 0
        while i < n:
            w = words[i]
            if is_space[i]:
                if brk in w:
                    new_sentence = True
                i += 1
                continue
            if new_sentence:
                starts[i] = True
                new_sentence = False
            if is_terminal(w):
                if w[0] in "….":
                    # "[…]" marks an omission inside a quote
                    if i > 0 and words[i - 1] in ("(", "[") and i + 1 < n and words[i + 1] in (")", "]"):
                        i += 1
                        continue
                j = i + 1
                glued = not spaces[i]
                while j < n and (words[j] in closing and words[j] not in either or (words[j] in either and glued)):
                    glued = not spaces[j]
                    j += 1
                k = self._next_word(is_space, words, j)
                if k is not None and self._opens_sentence(words, spaces, k) and not self._abbreviated(words, i, k):
                    starts[k] = True
                i = j
                continue
            if _NUMBER_DOT.match(w) or w in self.final_abbreviations or _INITIAL.match(w):
                k = self._next_word(is_space, words, i + 1)
                if k is not None and self._ends_after_dot(words, spaces, i, k):
                    starts[k] = True
            i += 1
        return starts

    def is_terminal(self, w: str) -> bool:
        tc = self.terminal_chars
        return w[0] in tc and all(ch in tc for ch in w)

    def _next_word(self, is_space: list[bool], words: list[str], j: int) -> int | None:
        n = len(words)
        brk = "\n" if self.line_break else self.paragraph_break
        while j < n and is_space[j]:
            if brk in words[j]:
                return None  # the break starts the next sentence anyway
            j += 1
        return j if j < n else None

    def _abbreviated(self, words: list[str], i: int, k: int) -> bool:
        """Is the full stop at i the end of an abbreviation or ordinal split off by the tokenizer?"""
        if words[i] != "." or i == 0:
            return False
        prev, nxt = words[i - 1], words[k]
        if prev in self.number_abbreviations and nxt[0].isdigit():
            return True
        if self.roman and _ROMAN.match(prev) and nxt not in self.starters and nxt not in self.opening and nxt[0].isupper():
            return True
        return False

    def _opens_sentence(self, words: list[str], spaces: list[bool], k: int) -> bool:
        w = words[k]
        c = w[0]
        if c.isupper() or c.isdigit() or w in self.opening:
            return True
        return w in self.either and not spaces[k]  # a quote glued to the next word opens

    def _ends_after_dot(self, words: list[str], spaces: list[bool], i: int, k: int) -> bool:
        """After an ordinal-looking number, a sentence-final abbreviation or an initial at i, does k start a sentence?"""
        nxt = words[k]
        opening = nxt in self.opening or (nxt in self.either and not spaces[k])
        if words[i] in self.final_abbreviations or _INITIAL.match(words[i]):
            return nxt in self.starters or opening
        if nxt in self.months or not (nxt[0].isupper() or opening):
            return False
        if i > 0 and words[i - 1] in self.ordinal_context:
            return False
        return nxt in self.starters or opening


class SentenceSegmenter:
    """spaCy component: sets `Token.is_sent_start` on every token."""

    def __init__(self, rules: SentenceRules):
        self.rules = rules
        self._orth: dict[int, str] = {}

    def __call__(self, doc: Doc) -> Doc:
        n = len(doc)
        if not n:
            return doc
        strings = doc.vocab.strings
        cache = self._orth
        words = []
        cols = doc.to_array([ORTH, SPACY, IS_SPACE]).tolist()
        for orth, _, _ in cols:
            w = cache.get(orth)
            if w is None:
                w = cache[orth] = strings[orth]
            words.append(w)
        if len(cache) > 1_000_000:
            cache.clear()
        spaces = [bool(c[1]) for c in cols]
        is_space = [bool(c[2]) for c in cols]
        starts = self.rules.starts(words, spaces, is_space)
        if is_space[0]:
            starts[0] = True  # spaCy requires the first token to start a sentence
        arr = numpy.array([1 if s else -1 for s in starts], dtype="int64").astype("uint64").reshape((n, 1))
        doc.from_array([SENT_START], arr)
        return doc


def make_rules(rules_path: str | None = None) -> SentenceRules:
    return SentenceRules(data.load("sentences", rules_path))
