"""A read-only snapshot of a spaCy Doc as plain Python objects.

The coder looks at each token's tag, lemma and text many times; creating a
spaCy `Token` on every ``doc[i]`` dominates the run time. `FastDoc` copies
what the events layer reads once per article (text, STTS tag, lemma,
offset, trailing space, Case/Mood/Tense) and offers the small part of the
Doc API it uses: indexing, slicing (``.text``), ``len`` and ``char_span``.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right


class _Morph:
    __slots__ = ("feats",)

    def __init__(self, feats: dict[str, list[str]]):
        self.feats = feats

    def get(self, key: str) -> list[str]:
        return self.feats.get(key, [])


_EMPTY = _Morph({})
_MORPH_CACHE: dict[str, _Morph] = {}


def _morph(s: str) -> _Morph:
    if not s:
        return _EMPTY
    m = _MORPH_CACHE.get(s)
    if m is None:
        feats: dict[str, list[str]] = {}
        for part in s.split("|"):
            if "=" in part:
                k, v = part.split("=", 1)
                feats[k] = v.split(",")
        m = _Morph(feats)
        if len(_MORPH_CACHE) < 10_000:
            _MORPH_CACHE[s] = m
    return m


class FastTok:
    __slots__ = ("i", "text", "tag_", "lemma_", "idx", "whitespace_", "is_space", "morph", "low", "lem")

    def __init__(self, i, text, tag, lemma, idx, ws, is_space, morph):
        self.i = i
        self.text = text
        self.low = text.lower()
        self.lem = (lemma or text).lower()
        self.tag_ = tag
        self.lemma_ = lemma
        self.idx = idx
        self.whitespace_ = ws
        self.is_space = is_space
        self.morph = morph


class FastSpan:
    __slots__ = ("doc", "start", "end")

    def __init__(self, doc: "FastDoc", start: int, end: int):
        self.doc = doc
        self.start = start
        self.end = end

    def __len__(self) -> int:
        return self.end - self.start

    @property
    def start_char(self) -> int:
        return self.doc.toks[self.start].idx if self.end > self.start else 0

    @property
    def end_char(self) -> int:
        if self.end <= self.start:
            return self.start_char
        t = self.doc.toks[self.end - 1]
        return t.idx + len(t.text)

    @property
    def text(self) -> str:
        return self.doc.text[self.start_char:self.end_char]


class FastDoc:
    def __init__(self, doc):
        self.spacy_doc = doc
        self.text = doc.text
        toks = []
        for i, t in enumerate(doc):
            text = t.text
            toks.append(FastTok(i, text, t.tag_, t.lemma_, t.idx, t.whitespace_, text.isspace(),
                                _morph(str(t.morph))))
        self.toks = toks
        self._starts = [t.idx for t in toks]

    def __len__(self) -> int:
        return len(self.toks)

    def __getitem__(self, key):
        if key.__class__ is int:
            return self.toks[key]
        start, stop, _ = key.indices(len(self.toks))
        return FastSpan(self, start, stop)

    def __iter__(self):
        return iter(self.toks)

    def char_span(self, start: int, end: int, alignment_mode: str = "expand") -> FastSpan | None:
        """Tokens overlapping [start, end) (the "expand" alignment)."""
        if end <= start or not self.toks:
            return None
        first = bisect_right(self._starts, start) - 1
        if first < 0:
            first = 0
        t = self.toks[first]
        if t.idx + len(t.text) <= start:
            first += 1
        last = bisect_left(self._starts, end)
        if last <= first:
            return None
        return FastSpan(self, first, last)
