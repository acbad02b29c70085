"""A flat, cached view of a tagged spaCy Doc for the quote rules.

The rules read token attributes many times; spaCy attribute access is slow
compared with list indexing, so everything is copied once per document into
plain lists. Konjunktiv comes from the language layer (`Mood=Sub`); when a
Doc carries no mood at all (a bare tagger) a small fallback rule marks the
unambiguous forms.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.attrs import IDX, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, SPACY, TAG

from lagebild.quotes.marks import QuoteSpan, mark_of, pair_quotes

FINITE = {"VVFIN", "VAFIN", "VMFIN"}
NONFINITE = {"VVINF", "VVIZU", "VVPP", "VAINF", "VAPP", "VMINF", "VMPP"}
VERBAL = FINITE | NONFINITE
NOUNS = {"NN", "NE", "FM", "TRUNC"}
DETS = {"ART", "PDAT", "PPOSAT", "PIAT", "PIDAT", "PWAT", "PRELAT", "CARD"}
PRONOUNS = {"PPER", "PDS", "PIS", "PRELS", "PWS"}
SUBORDINATORS = {"KOUS", "KOUI", "PRELS", "PRELAT", "PWAV", "PWS", "PWAT"}
BOUNDARY_TEXT = {",", ";", ":", "–", "—", "-"}
END_PUNCT = {".", "!", "?", "…", "...", "?!", "!?"}

# Konjunktiv fallback (only used when the Doc has no Mood feature anywhere)
_SUBJ_FORMS = {
    "sei", "seien", "seiest", "habe", "habest", "werde", "werdest", "könne", "müsse", "solle", "wolle", "dürfe", "möge",
    "wäre", "wären", "hätte", "hätten", "würde", "würden", "könnte", "könnten", "müsste", "müssten", "dürfte", "dürften",
    "gebe", "gäbe", "gäben", "käme", "stünde", "ginge", "liege", "stehe", "gehe", "komme", "wisse", "bleibe",
}


_STRINGS: dict[int, str] = {}
_MORPHS: dict[int, tuple] = {}  # MORPH hash → (Case, Number, Mood, has VerbForm)
_MARKS: dict[str, bool] = {}


@lru_cache(maxsize=4096)
def _morph(text: str) -> dict[str, tuple[str, ...]]:
    """`Case=Acc,Nom|Mood=Sub` → {"Case": ("Acc", "Nom"), "Mood": ("Sub",)}."""
    out: dict[str, tuple[str, ...]] = {}
    if text:
        for feat in text.split("|"):
            key, _, value = feat.partition("=")
            if value:
                out[key] = tuple(value.split(","))
    return out


class TokenView:
    def __init__(self, doc, sentence_starts: list[int] | None = None):
        self.doc = doc
        n = self.n = len(doc)
        # one array pass instead of n Token objects (the view is built for every document)
        arr = doc.to_array([ORTH, LOWER, TAG, LEMMA, IS_SPACE, IDX, MORPH, SPACY]).tolist() if n else []
        strings = doc.vocab.strings
        # hash → string is fixed, so one cache serves every document (bounded below)
        cache = _STRINGS if len(_STRINGS) < 500_000 else _STRINGS.clear() or _STRINGS
        get = cache.get

        def s_of(h: int) -> str:
            t = get(h)
            if t is None:
                t = cache[h] = strings[h] if h else ""
            return t
        cols = list(zip(*arr)) if arr else [()] * 8
        self.text = [get(h) or s_of(h) for h in cols[0]]
        self.lower = [get(h) or s_of(h) for h in cols[1]]
        self.tag = [get(h) or s_of(h) for h in cols[2]]
        self.lemma = [(get(h) or s_of(h) or self.text[i]).lower() for i, h in enumerate(cols[3])]
        self.space = [bool(x) for x in cols[4]]
        self.idx = list(cols[5])
        self.end = [a + len(t) for a, t in zip(cols[5], self.text)]
        self.space_before = ([True] + [bool(sp) or s for sp, s in zip(cols[7][:-1], self.space[:-1])]) if n else []
        mget = _MORPHS.get
        feats = []
        for h in cols[6]:
            f = mget(h)
            if f is None:
                m = _morph(get(h) or s_of(h))
                f = _MORPHS[h] = (m.get("Case"), m.get("Number"), m.get("Mood"), bool(m.get("VerbForm")))
            feats.append(f)
        if len(_MORPHS) > 100_000:
            _MORPHS.clear()
        self.case = [f[0] for f in feats]
        self.number = [f[1] for f in feats]
        moods = [f[2] for f in feats]
        if any(moods) or any(f[3] for f in feats):  # the language layer ran: trust it
            self.sub = ["Sub" in m if m else False for m in moods]
        else:
            self.sub = [self._fallback_sub(i) for i in range(n)]
        # sentences: ranges of non-space tokens
        if sentence_starts is None:
            try:
                sentence_starts = [s.start for s in doc.sents]
            except ValueError:  # no sentence boundaries set
                sentence_starts = [0]
        starts = sorted(set(sentence_starts) | {0}) if n else []
        self.sents: list[tuple[int, int]] = []
        for k, a in enumerate(starts):
            b = starts[k + 1] if k + 1 < len(starts) else n
            while a < b and self.space[a]:
                a += 1
            while b > a and self.space[b - 1]:
                b -= 1
            if a < b:
                self.sents.append((a, b))
        self.sent_of = [-1] * n
        sentence_end = list(range(n))  # a token outside every sentence ends its own
        for k, (a, b) in enumerate(self.sents):
            self.sent_of[a:b] = [k] * (b - a)
            sentence_end[a:b] = [b - 1] * (b - a)
        breaks = {i for i in range(n) if self.space[i] and "\n" in self.text[i]}
        self.breaks = breaks
        self.quotes: list[QuoteSpan] = pair_quotes(self.text, self.space_before, breaks, sentence_end)
        marks = _MARKS
        is_mark = []
        for t in self.text:
            x = marks.get(t)
            if x is None:
                x = marks[t] = mark_of(t) is not None
            is_mark.append(x)
        if len(marks) > 200_000:
            marks.clear()
        self.is_mark = is_mark
        # outermost quote per token (index into self.quotes) and depth
        self.qid = [-1] * n
        for k, q in enumerate(self.quotes):
            for i in range(q.open, q.close + 1):
                if self.qid[i] < 0:
                    self.qid[i] = k

    def _fallback_sub(self, i: int) -> bool:
        low = self.lower[i]
        if self.tag[i] not in FINITE:
            return False
        if low in _SUBJ_FORMS:
            return True
        lemma = self.lemma[i]
        if low.endswith("e") and lemma.endswith("en") and low == lemma[:-1]:
            return not (i > 0 and self.lower[i - 1] == "ich") and not (i + 1 < self.n and self.lower[i + 1] == "ich")
        return False

    # ---- small predicates -------------------------------------------------------------

    def is_boundary(self, i: int) -> bool:
        return self.tag[i] in ("$,", "$(") and self.text[i] in BOUNDARY_TEXT or self.text[i] in (",", ";", ":")

    def is_end_punct(self, i: int) -> bool:
        return self.text[i] in END_PUNCT

    def quote_at(self, i: int) -> QuoteSpan | None:
        k = self.qid[i]
        return self.quotes[k] if k >= 0 else None
