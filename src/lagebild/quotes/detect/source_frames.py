"""Frames that name a source without a cue verb of their own clause: source prepositions (laut X,
X zufolge, nach Angaben X, gemäß X, demnach, wonach), `so X` and `wie X mitteilte`."""

from __future__ import annotations

from lagebild.quotes.detect.records import Frame, Seg
from lagebild.quotes.tokens import DETS, FINITE, NONFINITE, NOUNS


class SourceFrameRules:
    """Mixin of `QuoteDetector` (reads the per-document state it sets: `self.v`, `self.lex`, …)."""

    def _so_frame(self, s: int, seg: Seg, toks: list[int]) -> Frame | None:
        v = self.v
        first = toks[0]
        rest = toks[1:]
        if not rest:
            return None
        cue = [first]
        j = rest[0]
        entry = None
        if v.tag[j] in FINITE:
            entry = self.lex.verb(v.lemma[j])
            if entry is None:
                return None
            cue.append(j)
            k = 1
            while k < len(rest) and v.tag[rest[k]] in NONFINITE | {"PTKVZ"}:
                cue.append(rest[k])
                k += 1
            j = rest[k] if k < len(rest) else None
            if j is None:
                return None
        np = self._np(j, seg.end + 40, block=set())
        if np is None:
            return None
        # the segment must not be a clause of its own (so … dass, so groß)
        if any(v.tag[i] in FINITE for i in toks if i not in cue and not (np[0] <= i < np[1])):
            return None
        fr = Frame("so", cue, s, layout="v1", entry=entry, mode=entry.mode if entry else "speech_writing")
        fr.source = list(range(*np))
        fr.frame_tokens = list(range(seg.start, max(seg.end, np[1])))
        return fr

    def _wie_frame(self, s: int, seg: Seg, toks: list[int]) -> Frame | None:
        v = self.v
        finites = [i for i in toks if v.tag[i] in FINITE]
        if not finites:
            return None
        f = finites[-1]
        verbs, lexical, particle, ptok = self._verb_complex(toks, f)
        entry = self.lex.verb(v.lemma[lexical], particle)
        if entry is None:
            # verb-final particle verbs come written together: mitteilte → lemma mitteilen
            return None
        cue = [toks[0]] + verbs + ([ptok] if ptok is not None else [])
        for i in toks:
            if entry.reflexive and v.tag[i] == "PRF":
                cue.append(i)
                break
        passive = any(v.lemma[i] == "werden" for i in verbs) and v.tag[lexical] == "VVPP"
        fr = Frame("wie", sorted(set(cue)), s, finite=f, layout="vl", entry=entry, mode=entry.mode, passive=passive)
        fr.source, fr.addressee = self._roles(fr, s, seg, toks, None)
        fr.frame_tokens = list(range(seg.start, seg.end))
        return fr

    def _prep_frame(self, s: int, seg: Seg, toks: list[int], i: int, segs: list[Seg]) -> Frame | None:
        v = self.v
        low = v.lower[i]
        if low == "zu" and i + 1 < v.n and v.lower[i + 1] == "folge" and i > seg.start:
            np = self._np_ending_at(i - 1, seg.start)  # X zu Folge (= zufolge)
            if np is None:
                return None
            fr = Frame("prep", [i, i + 1], s, layout="pp", mode="speech_writing")
            fr.source = list(range(*np))
            fr.frame_tokens = list(range(np[0], i + 2))
            return fr
        entry = self.lex.prepositions.get(low)
        if entry is None and low == "danach" and i == toks[0] and s == 0 and self._document_before():
            entry = self.lex.prepositions.get("demnach")  # eine Studie … . Danach …: according to it
        if entry is None:
            return None
        tag = v.tag[i]
        if entry.self_source:
            if low == "wonach":
                # eine Schätzung, wonach …: the source is the noun phrase before the comma
                fr = Frame("self", [i], s, layout="rel", mode=entry.mode)
                prev = segs[s - 1] if s > 0 and i == toks[0] else None
                if prev is not None:
                    np = self._np_ending_at(prev.end - 1, prev.start)
                    if np:
                        fr.source = list(range(*np))
                if not fr.source:
                    fr.source = [i]
                fr.frame_tokens = [i]
                return fr
            fr = Frame("self", [i], s, layout="pp", mode=entry.mode)
            fr.source = [i]  # demnach, danach: the adverb stands for the source named before (SpkAtt: it is the source)
            prev = self._per_unit[self._u - 1] if self._u > 0 else []
            named = [c for c in prev if c.source and not self._pronoun_source(c.source)]
            if named:
                fr.ref = list(named[-1].source)  # … which the actor layer links
            fr.frame_tokens = [i]
            return fr
        if low == "nach" and tag == "APPO":
            np = self._np_ending_at(i - 1, seg.start)
            heads = [k for k in range(np[0], np[1]) if v.tag[k] == "NN"] if np else []
            noun = self.lex.noun(v.lemma[heads[-1]]) if heads else None
            if noun is None or not noun.according_to:
                return None
            fr = Frame("prep", [i], s, layout="pp", mode=entry.mode)
            fr.source = list(range(*np))
            fr.frame_tokens = list(range(np[0], i + 1))
            return fr
        if entry.position == "post":
            if tag not in ("APPO", "APPR", "ADV", "PTKVZ") and low != "zufolge":
                return None
            np = self._np_ending_at(i - 1, seg.start)
            if np is None:
                return None
            fr = Frame("prep", [i], s, layout="pp", mode=entry.mode)
            fr.source = list(range(*np))
            fr.frame_tokens = list(range(np[0], i + 1))
            return fr
        if low == "laut" and tag not in ("APPR", "APPO", "ADV", "NN", "ADJD"):
            return None
        if low == "laut" and tag == "ADJD":
            # "laut" as an adjective (laut rufen) is followed by a verb, as a preposition by a noun phrase
            if i + 1 >= v.n or v.tag[i + 1] not in DETS | NOUNS | {"ADJA", "APPRART"} and not v.is_mark[i + 1]:
                return None
        if low != "laut" and tag not in ("APPR",):
            return None
        j = i + 1
        if j >= v.n:
            return None
        if entry.needs_noun and v.tag[j] in ("PRELS", "PDS") and v.lower[j] in ("denen", "dem", "der") and s > 0 and i == toks[0]:
            # Gerüchte, nach denen …: the relative pronoun stands for a speech noun before the comma
            ante = self._antecedent(i)
            heads = [k for k in range(ante[0], ante[1]) if v.tag[k] == "NN"] if ante else []
            noun = self.lex.noun(v.lemma[heads[0]]) if heads else None
            if noun is None or low not in noun.preps and not noun.support:
                return None
            fr = Frame("prep", [i], s, layout="pp", mode=noun.mode)
            fr.source = [j]
            fr.frame_tokens = [i, j]
            return fr
        np = self._np(j, seg.end + 30, block=set(), allow_pp_start=False)
        if np is None and low == "laut":
            np = self._laut_name(j)
        if np is None:
            return None
        if entry.needs_noun:
            heads = [k for k in range(np[0], np[1]) if v.tag[k] == "NN"]
            noun = self.lex.noun(v.lemma[heads[0]]) if heads else None
            if noun is None and heads and low == "nach" and self._media(heads[:1]) and v.tag[j] in DETS | {"ADJA", "NN"}:
                pass  # nach palästinensischen Medien, nach der Zeitung
            elif noun is None or not noun.according_to or low not in noun.preps:
                return None
        if low == "laut" and v.tag[j] in NOUNS and v.tag[j] != "NE" and not (i == toks[0] and s == 0) and \
                not (j + 1 < v.n and v.lower[j + 1] in ("des", "der", "eines", "einer", "von", "vom")):
            # laut Verfassung der Parlamentspräsident / laut Ministerium Arbeiten: a bare noun stands alone
            k = j + 1
            while k < np[1] and (v.tag[k] == "NE" or v.text[k].endswith(".") and v.text[k][:1].isupper() and len(v.text[k]) <= 5):
                k += 1
            if k > j + 1 and k < np[1] and v.lower[k] in ("von", "vom"):
                k = np[1]  # laut Hauptmann Abraham Sipe von der US-Marineinfanterie: a title, a name and its affiliation
            np = (np[0], k)
        if i == toks[0] and s == 0:
            # a sentence-initial source phrase fills the whole prefield: Nach Angaben des Gouverneurs X der
            # Provinz Y kommen …; Nach Meinung von X, Professor am Y, könnte …
            f = next((k for k in range(np[1], seg.end + 60) if k < v.n and v.tag[k] in FINITE and v.qid[k] < 0), None)
            if f is not None and f - np[1] <= 25 and not any(v.tag[k] in ("KOUS", "PRELS", "KOUI") or v.is_end_punct(k)
                                                              for k in range(np[1], f)):
                end = f
                while end > np[1] and (v.text[end - 1] == "," or v.space[end - 1]):
                    end -= 1
                np = (np[0], end)
        fr = Frame("prep", [i], s, layout="pp", mode=entry.mode)
        fr.source = [k for k in range(*np) if not v.space[k]]
        fr.frame_tokens = list(range(i, np[1]))
        return fr

    def _laut_name(self, j: int) -> tuple[int, int] | None:
        """After `laut`, a source the noun phrase rules do not read: a quoted title (laut „tagesschau.de“) or a
        single word right before the finite verb (Laut bildblog.de veröffentlichte …)."""
        v = self.v
        if v.is_mark[j] and v.qid[j] >= 0:
            q = v.quotes[v.qid[j]]
            if q.open == j and q.close - q.open <= 6 and not any(v.tag[k] in FINITE for k in range(q.open, q.close)):
                end = q.close + 1
                if end < v.n and v.text[end][:1] == "-" and not v.space_before[end]:
                    end += 1
                return (j, end)
            return None
        if j + 1 < v.n and v.tag[j] not in FINITE | NONFINITE | {"$,", "$.", "$(", "KON", "ADV"} and v.tag[j + 1] in FINITE:
            return (j, j + 1)
        return None

    def _document_before(self) -> bool:
        """The previous sentence names a document or statement (Studie, Bericht, Umfrage, Angaben …)."""
        v = self.v
        u = self._u
        if u == 0:
            return False
        a, b = self._unit_ranges[u - 1]
        for i in range(a, b):
            if v.tag[i] == "NN":
                noun = self.lex.noun(v.lemma[i])
                if noun is not None and noun.according_to and noun.mode in ("writing", "speech_writing"):
                    return True
        return False
