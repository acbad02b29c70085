"""What a quotation in marks is: a full quote, a fragment, a name or title (die „BILD am Sonntag“), or empty."""

from __future__ import annotations

from lagebild.quotes.marks import QuoteSpan
from lagebild.quotes.tokens import DETS, FINITE


class QuotationClassRules:
    """Mixin of `QuoteDetector` (reads the per-document state it sets: `self.v`, `self.lex`, …)."""

    def _quote_class(self, q: QuoteSpan) -> str:
        cache = self._qcache
        key = (q.open, q.close)
        if key in cache:
            return cache[key]
        cache[key] = cls = self._classify_quote(q)
        return cls

    def _classify_quote(self, q: QuoteSpan) -> str:
        v = self.v
        inner = [i for i in q.inner if not v.space[i]]
        words = [i for i in inner if v.tag[i][:1] != "$" and not v.is_mark[i]]
        if not words:
            return "empty"
        finite = any(v.tag[i] in FINITE for i in words)
        ends_sentence = any(v.is_end_punct(i) for i in inner[-2:])
        prev = q.open - 1
        while prev >= 0 and v.space[prev]:
            prev -= 1
        if prev >= 0 and (v.tag[prev] == "APPRART" or v.lower[prev] in ("der", "die", "das", "dem", "den", "des")) and \
                len(words) <= 5 and v.text[words[0]][:1].isupper() and not ends_sentence:
            return "name"
        if finite and len(words) >= 3 or ends_sentence and len(words) >= 3 or len(words) >= 7:
            return "full"
        before = q.open - 1
        while before >= 0 and v.space[before]:
            before -= 1
        after = q.close + 1
        glued_after = after < v.n and v.text[after][:1] == "-" and not v.space_before[after]
        caps = all(v.text[i][:1].isupper() or v.tag[i] in ("NE", "FM", "CARD") or v.text[i][:1].isdigit() for i in words)
        if glued_after or (v.text[q.close][1:2] == "-"):
            return "name"
        if caps and len(words) <= 5 and not finite:
            if before >= 0 and v.tag[before] in DETS | {"APPRART", "ADJA", "NN", "APPR", "NE", "PIAT", "PPOSAT"} and \
                    v.lower[before] not in ("ein", "eine", "einen", "einem", "einer", "eines", "als", "keine", "keinen"):
                return "name"
        if v.text[words[0]][:1].isupper() and len(words) <= 8 and not finite:
            if before >= 0 and (v.tag[before] in ("APPRART", "NN", "NE") or v.lower[before] in ("der", "die", "das", "dem", "den", "des")):
                # titles and names after a definite article or a noun: die „BILD am Sonntag“, Magazin „Stern“
                return "name"
            odd = any(v.text[i] in (":", "&") for i in inner) or any(ch.isdigit() for i in words for ch in v.text[i])
            if odd or len(words) == 1 and (v.tag[words[0]] in ("NE", "FM") and "-" not in v.text[words[0]] or
                                           v.text[words[0]].isupper() and len(v.text[words[0]]) > 1):
                # „Ärzte ohne Grenzen“, „2001: Odyssee im Weltraum“, „GTA“
                return "name"
            if before >= 0 and v.lower[before] in ("laut", "zeitung", "magazin"):
                return "name"
        return "fragment"
