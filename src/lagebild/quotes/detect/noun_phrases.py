"""Noun phrases without a parser: where one starts, how far it runs (determiners, adjectives, names
in quotation marks, genitives, `von` attachments, brackets, appositions), and the noun phrases of a segment."""

from __future__ import annotations

from lagebild.quotes.detect.records import Seg
from lagebild.quotes.detect.words import TEMPORAL
from lagebild.quotes.tokens import DETS, FINITE, NONFINITE, NOUNS, PRONOUNS


class NounPhraseRules:
    """Mixin of `QuoteDetector` (reads the per-document state it sets: `self.v`, `self.lex`, …)."""

    def _np(self, i: int, limit: int, block: set[str] | None = None, allow_pp_start: bool = False,
            apposition: bool = True, coord: bool | None = None) -> tuple[int, int] | None:
        """The noun phrase starting at token i: determiners, adjectives, noun/name head (with names in
        quotation marks), then genitives, `von`/`aus` attachments, a bracket and an apposition."""
        v = self.v
        block = block or set()
        n = min(v.n, limit)
        j = i
        if j >= n:
            return None
        if v.tag[j] in PRONOUNS:
            if v.tag[j] in ("PIS", "PDS", "PRELS") and j + 1 < n and (v.tag[j + 1] in NOUNS or v.tag[j + 1] == "ADJA") and \
                    v.lower[j] in ("deren", "dessen", "viele", "einige", "mehrere", "alle", "beide", "manche"):
                pass
            elif v.tag[j] == "PIS" and j + 1 < n and v.tag[j + 1] in NOUNS and v.lower[j] not in ("man", "jemand", "niemand"):
                pass  # einige Experten (but: nannte man Flugzeuge: man never heads a noun)
            elif v.tag[j] == "PIS" and j + 1 < n and v.lower[j + 1] in ("der", "des") and apposition:
                np = self._np(j + 1, limit, block, apposition=False)
                if np:
                    return (j, np[1])  # einer der 13 beteiligten Feuerwehrmänner
            else:
                end = j + 1
                if end < n and v.lower[end] == "selbst":
                    end += 1
                return (j, end)
        while j < n and (v.tag[j] in DETS | {"ADJA", "ADJD", "PIAT", "APPRART"} and v.tag[j] != "APPRART" or
                         v.tag[j] == "ADV" and j + 1 < n and v.tag[j + 1] in ("ADJA", "ADJD", "CARD")):
            j += 1
        if j > i and j < n and v.tag[j] in ("APPR", "APPRART", "ADV", "ADJD", "CARD"):
            # an attribute phrase between determiner and noun: einer am Dienstag veröffentlichten Mitteilung
            k = j
            last_adja = None
            while k < n and k - j < 8 and v.tag[k] in ("APPR", "APPRART", "ART", "NN", "NE", "CARD", "ADV", "ADJD", "ADJA"):
                if v.tag[k] == "ADJA" and k + 1 < n and (v.tag[k + 1] in NOUNS or v.tag[k + 1] == "ADJA"):
                    last_adja = k
                    if v.lower[k].endswith(("nde", "nden", "ndem", "nder", "ndes", "te", "ten", "tem", "ter", "tes")) \
                            and k > j:
                        break  # the participle that closes the attribute phrase (zur … Universität gehörende)
                k += 1
            if last_adja is not None:
                j = last_adja
                while j < n and v.tag[j] == "ADJA":
                    j += 1
        head_start = j
        while j < n:
            if v.tag[j] in NOUNS or (v.tag[j] == "XY" and v.text[j][:1].isupper()):
                j += 1
                continue
            if j > head_start and v.tag[j - 1] == "NE" and v.text[j][:1].isupper() and v.tag[j][:1] != "$" and \
                    not v.is_mark[j] and v.tag[j] not in FINITE | {"ART", "APPR", "APPRART", "KON"}:
                j += 1  # Johanna Moser: a surname the tagger did not read as a name
                continue
            if j > head_start and v.tag[j] == "CARD" and v.tag[j - 1] == "NE" and j + 1 < n and v.tag[j + 1] == "NE":
                j += 1  # Bayer 04 Leverkusen
                continue
            if v.is_mark[j] and v.qid[j] >= 0:
                q = v.quotes[v.qid[j]]
                if q.open == j and q.close < n and (self._quote_class(q) == "name" or
                                                    j > i and j == head_start and self._quote_class(q) == "fragment"):
                    j = q.close + 1
                    if j < n and v.text[j][:1] == "-" and not v.space_before[j]:
                        j += 1
                    continue
            if v.tag[j] == "TRUNC" or (v.tag[j] == "KON" and j > head_start and v.tag[j - 1] == "TRUNC"):
                j += 1
                continue
            break
        if j == head_start:
            # adjectives without a noun (der Deutsche, die Grünen, der 81-jährige) head their noun phrase
            if j > i and v.tag[j - 1] in ("ADJA",) and v.tag[i] in DETS and (j >= n or v.tag[j] not in ("ADJA",)):
                pass
            else:
                return None
        end = j
        # extensions
        for _ in range(6):
            if end >= n:
                break
            w = v.lower[end]
            head_is_common = any(v.tag[k] == "NN" or v.is_mark[k] for k in range(i, end))
            if w in ("des", "eines") or (w in ("der", "einer") and head_is_common) or v.tag[end] == "PPOSAT" and w.endswith(("es", "er")) and head_is_common:
                np = self._np(end, limit, block, apposition=False)
                if np and w == "der" and "dat" in block and self._media([k for k in range(np[0], np[1])]) and \
                        self._after_finite(i):
                    np = None  # sagte die Kanzlerin der Zeitung: a dative addressee, no genitive (in the prefield
                    # `Ein Journalist der Presse-Agentur berichtet` it is one)
                if np:
                    end = np[1]
                    continue
            if v.tag[end] in ("ADJA", "PIAT") and w.endswith("er") and end + 1 < n and v.tag[end - 1] == "NN" and \
                    (v.tag[end + 1] == "NN" or v.tag[end + 1] == "ADJA" and end + 2 < n and v.tag[end + 2] == "NN"):
                k = end + 1
                while k < n and v.tag[k] in ("ADJA",):
                    k += 1
                while k < n and v.tag[k] in ("NN", "NE"):
                    k += 1
                end = k
                continue
            if v.is_mark[end] and v.qid[end] >= 0 and v.tag[end - 1] in ("NN",):
                q = v.quotes[v.qid[end]]
                first_word = next((k for k in range(q.open + 1, q.close) if not v.space[k] and not v.is_mark[k]), None)
                if q.open == end and q.close < n and self._quote_class(q) != "full" and q.close - q.open <= 8 and \
                        first_word is not None and (v.text[first_word][:1].isupper() or v.text[first_word][:1].isdigit()):
                    # Magazin „Stern“, die Aktion „Saubere Stadt“ (not: äußerten die Richter „gravierende Bedenken“)
                    end = q.close + 1
                    continue
            if w in ("von", "vom") and "von" not in block and end + 1 < n:
                np = self._np(end + 1, limit, block, apposition=False)
                if np and any(v.tag[k] in ("NE", "NN") for k in range(np[0], np[1])):
                    end = np[1]
                    continue
            if w == "für" and end + 1 < n and v.tag[end + 1] in ("NN", "NE", "ADJA") and v.tag[end - 1] in ("NN", "NE") and \
                    "für" not in block:
                k = end + 1
                while k < n and v.tag[k] == "ADJA":
                    k += 1  # Carnegie-Institut für internationalen Frieden
                while k < n and v.tag[k] in ("NN", "NE"):
                    k += 1
                end = k
                continue
            if v.tag[end] == "CARD" and v.tag[end - 1] == "NN" and not (end + 1 < n and v.tag[end + 1] in NOUNS) and \
                    not (len(v.text[end]) == 4 and v.text[end][:2] in ("19", "20")):  # not a year: Angaben 2011
                end += 1
                continue
            if w in ("in",) and end + 1 < n and v.tag[end + 1] == "NE" and v.tag[end - 1] == "NN" and "in" not in block and \
                    not (end + 2 < n and v.tag[end + 2] in NOUNS):
                end += 2
                continue
            if w in ("aus",) and end + 1 < n and v.tag[end + 1] == "NE" and "aus" not in block:
                end += 2
                continue
            if v.text[end] == "(":
                close = next((k for k in range(end + 1, min(n, end + 10)) if v.text[k] == ")"), None)
                if close is not None and not any(v.tag[k] in FINITE for k in range(end + 1, close)):
                    end = close + 1
                    continue
            if v.tag[end] == "NE":
                end += 1
                continue
            if w in ("und", "sowie") and end + 1 < n and v.tag[end + 1] in DETS | {"NE", "NN", "ADJA"} - {"CARD"} and \
                    (apposition if coord is None else coord):
                np = self._np(end + 1, limit, block, apposition=False)
                if np and np[1] < n and (v.tag[np[1]] in FINITE | NONFINITE or v.text[np[1]] in (",", ":", ".")):
                    end = np[1]
                    continue
            break
        if apposition and end < n and v.text[end] == "," and end + 1 < n and v.tag[end + 1] in DETS | NOUNS | {"ADJA"}:
            # the apposition may be coordinated: Charles Bouchard, kanadischer General und Kommandeur des Einsatzes
            np = self._np(end + 1, limit, block, apposition=False, coord=True)
            if np and (np[1] >= n or v.text[np[1]] in (",", ":", ".", ")")):
                if not any(v.tag[k] in FINITE for k in range(np[0], np[1])) and np[1] - np[0] <= 15:
                    end = np[1]
        return (i, end)

    def _np_start(self, i: int) -> bool:
        v = self.v
        t = v.tag[i]
        if t in PRONOUNS:
            return v.lower[i] not in ("was", "das") or t == "PDS" and v.lower[i] == "das"
        if t in DETS | NOUNS | {"ADJA"} or t == "XY" and v.text[i][:1].isupper():
            return True
        if v.is_mark[i] and v.qid[i] >= 0 and self._quote_class(v.quotes[v.qid[i]]) == "name":
            return True
        return False

    def _nps_in(self, toks: list[int], block: set[str]) -> list[tuple[int, int]]:
        """Maximal noun phrases starting in the segment tokens (left to right, non-overlapping)."""
        v = self.v
        out = []
        i = 0
        tokset = set(toks)
        limit = max(toks) + 1 if toks else 0
        while i < len(toks):
            t = toks[i]
            np = self._np(t, limit + 40, block) if self._np_start(t) else None
            if np:
                out.append(np)
                while i < len(toks) and toks[i] < np[1]:
                    i += 1
                continue
            i += 1
        return [np for np in out if np[0] in tokset and not self._temporal(np)]

    def _np_ending_at(self, last: int, floor: int) -> tuple[int, int] | None:
        """A noun phrase ending at token `last` (for X zufolge, the noun before `, wonach`)."""
        v = self.v
        if last < floor or last < 0:
            return None
        for start in range(max(floor, last - 12), last + 1):
            if start > 0 and start > floor and v.tag[start - 1] in DETS | {"ADJA"} and v.tag[start] != "NE":
                continue
            if not self._np_start(start):
                continue
            if start > floor and v.tag[start - 1] in ("APPR", "APPRART"):
                # keep the preposition's object only
                pass
            np = self._np(start, last + 1, apposition=False)
            if np and np[1] == last + 1:
                return np
        return None

    def _np_only(self, seg: Seg) -> bool:
        v = self.v
        toks = [i for i in range(seg.start, seg.end) if not v.space[i]]
        if not toks or self._has_finite(seg) or not self._np_start(toks[0]) or v.tag[toks[0]] in PRONOUNS:
            return False
        if any(v.tag[i] in NONFINITE | {"PTKZU", "KOUS", "KOUI", "PTKVZ"} for i in toks if v.qid[i] < 0):
            return False
        np = self._np(toks[0], seg.end, apposition=False)
        return np is not None and (np[1] >= seg.end or len(toks) <= 25)

    def _span(self, np: tuple[int, int] | None) -> list[int]:
        if np is None:
            return []
        v = self.v
        return [i for i in range(np[0], np[1]) if not v.space[i]]

    def _temporal(self, np: tuple[int, int]) -> bool:
        v = self.v
        heads = [k for k in range(np[0], np[1]) if v.tag[k] in NOUNS]
        if not heads:
            return False
        return v.lemma[heads[0]] in TEMPORAL or v.tag[np[0]] in ("ADJA",) and v.lemma[heads[0]] in TEMPORAL

    def _after_finite(self, i: int) -> bool:
        """A finite verb stands between the clause start (a punctuation mark) and token i."""
        v = self.v
        for k in range(i - 1, max(-1, i - 15), -1):
            if v.tag[k] in FINITE and v.qid[k] < 0:
                return True
            if v.tag[k] in ("$,", "$.") and v.qid[k] < 0:
                return False
        return False

    def _media(self, toks: list[int]) -> bool:
        """A newspaper, broadcaster or agency (der „Bild“-Zeitung, dem Sender, der Nachrichtenagentur dpa)."""
        v = self.v
        for k in toks:
            word = v.lower[k].lstrip("“”\"«»-")
            if any(word.endswith(m) for m in self.lex.media) and (v.tag[k] in NOUNS or v.text[k][:1] in "“”\"«»-"):
                return True
        return False
