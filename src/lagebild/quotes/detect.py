"""Rules that find quotations and their frames in a tagged Doc.

Works on STTS tags, lemmas, Konjunktiv (`Mood=Sub`) and quotation marks;
no parser. A document is read in *units* (sentences, merged where a quote
runs across a sentence end), each unit cut into *segments* at commas,
colons, semicolons, dashes and brackets outside quotation marks.

1. Frames: a cue — a speech/thought/writing verb of the lexicon with its
   particle, auxiliaries, `sich` and correlate (teilte … mit, hat angekündigt,
   wies darauf hin), a speech noun in a support-verb frame (erneuerte die
   Warnung, dass), a predicative adjective (zeigte sich überzeugt, dass), a
   source preposition (laut X, X zufolge, nach Angaben X, gemäß X, demnach),
   `so X` and `wie X mitteilte` — with its source (the subject: prefield,
   after the finite verb, after the subordinator, relative pronoun, `von X`
   in the passive) and addressee (dative/accusative object, gegenüber X).
2. Messages by the frame's layout: the complement after the frame
   (dass/ob/w-clause, zu-infinitive, verb-second Konjunktiv clause, anything
   after a colon), the clause before a verb-first frame (…, sagte er / …, so
   X), both sides of an inserted frame („…“, sagte er, „…“), the rest of the
   sentence around a source preposition. A message that is only quotation
   marks' content is a direct quote, else an indirect one; quotations inside
   an indirect message are nested direct (mixed) quotes.
3. Quotations without a frame of their own: after a colon frame (X sagte: /
   Die Firma widersprach:), or a continuation of the previous speaker.
4. Free indirect speech: Konjunktiv sentences following a quote.
5. Reported speech acts: a speech verb with a noun-phrase object and no
   message clause (X kritisierte die Entscheidung).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

from lagebild.quotes.lexicon import Lexicon, VerbEntry
from lagebild.quotes.marks import QuoteSpan
from lagebild.quotes.tokens import DETS, FINITE, NONFINITE, NOUNS, PRONOUNS, TokenView

NOM_PRONOUNS = {"er", "sie", "es", "wir", "ich", "du", "ihr", "man"}
DAT_PRONOUNS = {"mir", "dir", "ihm", "uns", "euch", "ihnen"}
CORRELATES = {"darauf", "davon", "dafür", "damit", "daran", "darüber", "dazu", "davor", "darum", "daraus", "dagegen", "hierzu"}
COPULAS = {"sein", "zeigen", "geben", "bleiben", "werden", "halten"}
SO_WORDS = {"so"}
RELATIVES = {"der", "die", "das", "welcher", "welche", "welches", "denen", "dem", "den", "deren", "dessen"}
DEFINITE = {"der", "die", "das", "dem", "den", "des"}
COORDINATORS = {"und", "aber", "sowie", "doch", "sondern", "jedoch"}
FRAME_ADVERBS = {"auch", "weiter", "weiterhin", "zudem", "außerdem", "nun", "jetzt", "dazu", "später", "zuvor", "ferner",
                 "jedoch", "aber", "allerdings", "indes", "dagegen", "hingegen", "daraufhin", "abschließend", "ebenfalls",
                 "noch", "bereits", "schon", "heute", "gestern", "am", "erneut", "mehrfach", "wiederholt", "damals"}
KONJ2 = {"wäre", "wären", "wärest", "wärst", "wäret", "hätte", "hätten", "hättest", "hättet", "würde", "würden", "würdest",
         "könnte", "könnten", "müsste", "müssten", "müßte", "müßten", "dürfte", "dürften", "möchte", "möchten", "gäbe",
         "gäben", "käme", "kämen", "ginge", "stünde", "stünden", "stände", "bliebe", "läge", "lägen", "sähe", "nähme",
         "fände", "hielte", "ließe", "wüsste", "wüssten", "bräuchte", "täte", "sollte", "sollten", "wollte", "wollten"}
TEMPORAL = {"zeit", "jahr", "woche", "tag", "monat", "uhr", "ende", "anfang", "mitte", "abend", "morgen", "nacht", "mittag",
            "vormittag", "nachmittag", "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonnabend",
            "sonntag", "wochenende", "januar", "februar", "märz", "april", "mai", "juni", "juli", "august", "september",
            "oktober", "november", "dezember", "frühjahr", "sommer", "herbst", "winter", "vorjahr", "vormonat", "vorwoche",
            "stunde", "minute", "sekunde", "quartal", "halbjahr", "jahrzehnt", "jahrhundert", "wochenende", "zeitpunkt"}


@dataclass
class Cand:
    form: str  # direct | indirect | free_indirect | reported
    cue: list[int]
    source: list[int]
    message: list[int]
    addressee: list[int] = field(default_factory=list)
    frame: list[int] = field(default_factory=list)
    mode: str | None = None
    spkatt_form: str = ""
    nested: bool = False
    rule: str = ""
    unit: int = -1
    verb: VerbEntry | None = None
    ref: list[int] = field(default_factory=list)  # what a relative-pronoun source stands for (for actor linking)


@dataclass
class Seg:
    start: int
    end: int  # exclusive
    sep: str | None  # boundary text before the segment


@dataclass
class Frame:
    kind: str  # verb | noun | adj | prep | so | wie | self
    cue: list[int]
    seg: int  # segment index in the unit
    finite: int | None = None
    layout: str = ""  # v1 | v2 | vl
    entry: VerbEntry | None = None
    mode: str = "speech"
    source: list[int] = field(default_factory=list)
    addressee: list[int] = field(default_factory=list)
    frame_tokens: list[int] = field(default_factory=list)
    passive: bool = False
    used: bool = False
    ref: list[int] = field(default_factory=list)  # what a pronominal source stands for


class QuoteDetector:
    def __init__(self, lexicon: Lexicon | None = None):
        self.lex = lexicon or Lexicon.load()
        # words that can open a source phrase (laut, zufolge, nach, gemäß, demnach, …; zu Folge; danach)
        self._prep_words = frozenset(self.lex.prepositions) | {"zu", "danach"}

    # ==================================================================================
    def __call__(self, view: TokenView) -> list[Cand]:
        """Every quotation candidate of a document (token indices into `view`)."""
        # per-document state lives on a shallow copy: one detector can serve several threads
        return copy.copy(self)._detect(view)

    def _detect(self, view: TokenView) -> list[Cand]:
        self.v = view
        self._qcache: dict[tuple[int, int], str] = {}
        self._u, self._unit_ranges, self._per_unit = 0, [], []
        units = self._units()
        self._frames_of: dict[int, list[Frame]] = {}
        self._segs_of: dict[int, list[Seg]] = {}
        out: list[Cand] = []
        per_unit: list[list[Cand]] = []
        for u, (a, b) in enumerate(units):
            cands = self._unit(u, a, b, units, per_unit)
            per_unit.append(cands)
            out.extend(cands)
        self._dropped: set[int] = set()
        out.extend(self._free_indirect(units, per_unit))
        out = [c for c in out if id(c) not in self._dropped]
        self._attribute_loose_quotes(out, units, per_unit)
        for c in out:
            if len(c.source) == 1 and view.lower[c.source[0]] == "es":
                # impersonal es is no speaker (es wird vermutet); `man` stays: where nobody else is named it is
                # the speaker (both SpkAtt guidelines)
                c.source = []
            if len(c.source) == 1 and view.tag[c.source[0]] in ("PRELS", "PDS") and view.lower[c.source[0]] in RELATIVES:
                # der sagte, …: the relative pronoun is the speaker span; the noun phrase before it names the actor
                ante = self._antecedent(c.source[0])
                if ante is not None:
                    c.ref = self._span(ante)
        out.sort(key=lambda c: (min(c.message) if c.message else 0, c.nested))
        return out

    # ---- units and segments -----------------------------------------------------------

    def _units(self) -> list[tuple[int, int]]:
        v = self.v
        units: list[list[int]] = []
        for a, b in v.sents:
            if units:
                pa, pb = units[-1]
                # merge when a quotation crosses the sentence boundary
                crossing = any(q.open < a <= q.close and q.open >= pa for q in v.quotes if q.closed or q.close >= a)
                if crossing:
                    units[-1][1] = b
                    continue
            units.append([a, b])
        return [(a, b) for a, b in units]

    def _segments(self, a: int, b: int) -> list[Seg]:
        v = self.v
        segs: list[Seg] = []
        start, sep = a, None
        i = a
        while i < b:
            if v.qid[i] >= 0 and v.quotes[v.qid[i]].open == i and v.quotes[v.qid[i]].close < b:
                q = v.quotes[v.qid[i]]
                # a full quotation stands as a segment of its own
                if self._quote_class(q) == "full":
                    if start < i:
                        segs.append(Seg(start, i, sep))
                        sep = None
                    segs.append(Seg(i, q.close + 1, sep))
                    sep = None
                    start = i = q.close + 1
                    continue
                i = q.close + 1
                continue
            if v.qid[i] < 0 and v.is_boundary(i) and not self._inner_hyphen(i):
                if start < i:
                    segs.append(Seg(start, i, sep))
                sep = v.text[i]
                start = i + 1
            i += 1
        if start < b:
            segs.append(Seg(start, b, sep))
        return self._merge_appositions(segs)

    def _merge_appositions(self, segs: list[Seg]) -> list[Seg]:
        """`Jon Bon Jovi, Gründer der Band, sagte` / `gab der Leiter, Andreas Huber, bekannt`: a noun phrase
        between commas after a noun belongs to the clause around it; so does one whose closing comma is
        missing (`Stephen Singer, ein Klimaexperte vom WWF erklärte`)."""
        v = self.v
        k = 1
        while k < len(segs):
            seg, prev = segs[k], segs[k - 1]
            if seg.sep == "," and not self._has_finite(prev) and self._has_finite(seg) and not self._subordinate(seg) \
                    and not self._starts_kon(seg):
                last = prev.end - 1
                while last > prev.start and v.space[last]:
                    last -= 1
                first = next((i for i in range(seg.start, seg.end) if not v.space[i]), None)
                prev_first = next((i for i in range(prev.start, prev.end) if not v.space[i]), None)
                if first is not None and (v.tag[last] in NOUNS or v.text[last] == ")") and v.tag[first] in ("NE", "ART", "NN") \
                        and prev_first is not None and (self._np_start(prev_first) or v.lower[prev_first] == "wie") \
                        and not any(v.tag[i] in FINITE for i in range(first, min(seg.end, first + 1))):
                    f = next(i for i in range(seg.start, seg.end) if v.tag[i] in FINITE and v.qid[i] < 0)
                    np = self._np(first, f + 1, apposition=False)
                    if np is not None and np[1] == f:
                        segs[k - 1:k + 1] = [Seg(prev.start, seg.end, prev.sep)]
                        continue
            k += 1
        k = 1
        while k < len(segs):
            seg, prev = segs[k], segs[k - 1]
            if seg.sep == "," and self._np_only(seg) and not self._subordinate(seg):
                last = prev.end - 1
                while last > prev.start and v.space[last]:
                    last -= 1
                ends_noun = v.tag[last] in NOUNS or v.text[last] == ")" or v.is_mark[last]
                nxt = segs[k + 1] if k + 1 < len(segs) else None
                cont = nxt is None or nxt.sep == "," and (self._continues_clause(nxt) and not (
                    self._has_finite(prev) and self._starts_finite(nxt)) or
                                                         not self._has_finite(prev) and self._has_finite(nxt) and
                                                         not self._subordinate(nxt) and not self._starts_kon(nxt))
                if ends_noun and cont and not (nxt is None and not self._has_finite(prev)):
                    merged = Seg(prev.start, seg.end if nxt is None else nxt.end, prev.sep)
                    segs[k - 1:k + (1 if nxt is None else 2)] = [merged]
                    continue
            k += 1
        return segs

    def _starts_kon(self, seg: Seg) -> bool:
        v = self.v
        first = next((i for i in range(seg.start, seg.end) if not v.space[i]), None)
        return first is not None and v.tag[first] == "KON"

    def _starts_finite(self, seg: Seg) -> bool:
        v = self.v
        first = next((i for i in range(seg.start, seg.end) if not v.space[i]), None)
        return first is not None and v.tag[first] in FINITE

    def _continues_clause(self, seg: Seg) -> bool:
        """A segment that goes on with the clause before an apposition: starts with the finite verb, or is
        only the rest of a verb complex (bekannt, mitgeteilt, gesagt)."""
        v = self.v
        toks = [i for i in range(seg.start, seg.end) if not v.space[i] and v.qid[i] < 0]
        if not toks:
            return False
        if v.tag[toks[0]] in FINITE:
            return True
        return all(v.tag[i] in NONFINITE | {"PTKVZ", "ADJD", "ADV", "PTKNEG"} for i in toks) and len(toks) <= 3

    def _inner_hyphen(self, i: int) -> bool:
        v = self.v
        return v.text[i] == "-" and not v.space_before[i]

    # ---- quotation classes ----------------------------------------------------------------

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

    # ---- one unit ------------------------------------------------------------------------------

    def _unit(self, u: int, a: int, b: int, units, per_unit) -> list[Cand]:
        v = self.v
        self._u, self._unit_ranges, self._per_unit = u, units, per_unit
        segs = self._segments(a, self._trim_end(a, b))
        self._segs_of[a] = segs
        frames = self._frames(segs, a, b)
        self._frames_of[u] = frames
        cands: list[Cand] = []
        claimed: set[int] = set()  # tokens already in a message
        top_quotes = [q for q in v.quotes if a <= q.open and q.close < b and (v.qid[q.open] < 0 or v.quotes[v.qid[q.open]] is q)]
        quotable = [q for q in top_quotes if self._quote_class(q) in ("full", "fragment")]

        for fr in frames:
            if fr.used:
                continue
            msg = self._message(fr, segs, a, b)
            if not msg:
                continue
            if any(i in claimed for i in fr.cue):
                continue
            nested = any(i in claimed for i in msg) or any(i in claimed for i in fr.cue)
            fr.used = True
            form = "indirect"
            mq = [q for q in quotable if q.open in msg]
            msg_words = [i for i in msg if v.tag[i][:1] != "$" and not v.is_mark[i]]
            quoted_words = [i for i in msg_words if any(q.open < i < q.close for q in mq)]
            if mq and len(quoted_words) == len(msg_words):
                form = "direct"
                msg = [i for q in mq for i in range(q.open, q.close + 1)]
            cand = Cand(form, fr.cue, fr.source, msg, fr.addressee, fr.frame_tokens, fr.mode, nested=nested,
                        rule=f"{fr.kind}:{fr.layout}", unit=u, verb=fr.entry, ref=list(fr.ref))
            cands.append(cand)
            if form == "indirect":
                for q in mq:
                    inner = list(range(q.open, q.close + 1))
                    cands.append(Cand("direct", fr.cue, fr.source, inner, fr.addressee, fr.frame_tokens, fr.mode,
                                      nested=True, rule="mixed", unit=u, verb=fr.entry))
            claimed.update(msg)

        cands = self._nearest_frame_for_mixed(cands, frames)

        # quotations inside a frame's own clause: X nannte den Bericht eine „Zeitungsente“
        for q in quotable:
            if q.open in claimed:
                continue
            fr = self._frame_around(q, frames, segs)
            if fr is None:
                continue
            msg = list(range(q.open, q.close + 1))
            cands.append(Cand("direct", fr.cue, fr.source, msg, fr.addressee, fr.frame_tokens, fr.mode,
                              rule="in-frame", unit=u, verb=fr.entry))
            fr.used = True
            claimed.update(msg)

        # full quotations without a frame in their clause
        for q in quotable:
            if q.open in claimed:
                continue
            cand = self._unframed_quote(q, u, a, b, segs, frames, units, per_unit)
            if cand is not None:
                cands.append(cand)
                claimed.update(cand.message)

        # reported speech acts (not in a clause that introduces the next sentence: „kritisierte …:“)
        last = self._trim_end(a, b)
        ends_colon = v.text[b - 1] == ":" or last < b and v.text[last] == ":"
        if not ends_colon:
            for fr in frames:
                if fr.used or fr.kind != "verb" or fr.entry is None or not fr.entry.reported or fr.passive:
                    continue
                if not fr.source or self._subordinate(segs[fr.seg]) or any(i in claimed for i in fr.cue):
                    continue
                if v.lower[fr.source[0]] in ("es",) and len(fr.source) == 1:
                    continue
                if cands:
                    # beside other quotes of the sentence: only the clause of the speech act (… und sprach von X)
                    seg = segs[fr.seg]
                    if any(i in claimed for i in range(seg.start, seg.end)) or not self._starts_kon(seg):
                        continue
                    msg = [i for i in range(seg.start + 1, self._trim_end(a, b) if fr.seg == len(segs) - 1 else seg.end)
                           if not v.space[i]]
                else:
                    msg = [i for i in range(a, b) if not v.space[i]]
                cands.append(Cand("reported", fr.cue, fr.source, msg, fr.addressee, fr.frame_tokens, fr.mode,
                                  rule="reported", unit=u, verb=fr.entry))
                break
        return cands

    def _nearest_frame_for_mixed(self, cands: list[Cand], frames: list[Frame] = ()) -> list[Cand]:
        """A quotation inside reported speech belongs to the nearest frame whose message holds it: in `Wie die
        Zeitung berichtete, soll laut der Studie nur jeder zweite „bessere Bedingungen“ erhoffen` the quoted
        words are the study's. One mixed quote per quotation."""
        mixed = [c for c in cands if c.rule == "mixed"]
        if not mixed:
            return cands
        parents = [c for c in cands if c.rule != "mixed" and c.form == "indirect" and c.cue]
        out: list[Cand] = []
        seen: set[tuple[int, int]] = set()
        for c in cands:
            if c.rule != "mixed":
                out.append(c)
                continue
            key = (c.message[0], c.message[-1])
            if key in seen:
                continue
            seen.add(key)
            q0 = c.message[0]
            holding = [d for d in parents if d.message and d.message[0] <= q0 and c.message[-1] <= d.message[-1]
                       and q0 in set(d.message)]
            if holding:
                def distance(d) -> int:
                    last = max(d.cue)
                    return q0 - last if last < q0 else 1000 + min(d.cue) - c.message[-1]
                best = min(holding, key=distance)
                # a source phrase inside that message, nearer to the quotation (…, soll laut der Studie „…“)
                inner = set(best.message)
                near = [fr for fr in frames if fr.kind in ("prep", "so", "self") and fr.source and fr.cue
                        and all(i in inner for i in fr.cue) and max(fr.cue) < q0 and distance(fr) < distance(best)]
                if near:
                    fr = min(near, key=distance)
                    c.cue, c.source, c.addressee, c.frame, c.mode, c.verb = fr.cue, fr.source, fr.addressee, \
                        fr.frame_tokens, fr.mode, fr.entry
                    out.append(c)
                    continue
                c.cue, c.source, c.addressee, c.frame, c.mode, c.verb = best.cue, best.source, best.addressee, \
                    best.frame, best.mode, best.verb
            out.append(c)
        return out

    # ---- frames ------------------------------------------------------------------------------------

    def _frames(self, segs: list[Seg], a: int, b: int) -> list[Frame]:
        v = self.v
        frames: list[Frame] = []
        taken: set[int] = set()
        for s, seg in enumerate(segs):
            toks = [i for i in range(seg.start, seg.end) if v.qid[i] < 0 and not v.space[i]]
            if not toks:
                continue
            # so X / so schätzen die Forscher
            first = toks[0]
            if v.lower[first] in SO_WORDS and s > 0 and seg.sep in (",", "–", "-", "—", "(") and v.tag[first] == "ADV":
                fr = self._so_frame(s, seg, toks)
                if fr:
                    frames.append(fr)
                    taken.update(fr.cue)
                    continue
            if v.lower[first] == "wie" and v.tag[first] in ("KOKOM", "PWAV", "KOUS"):
                fr = self._wie_frame(s, seg, toks)
                if fr:
                    frames.append(fr)
                    taken.update(fr.cue)
                    continue
            # verbs
            finites = [i for i in toks if v.tag[i] in FINITE]
            if not finites and s == 0 and len(toks) > 2:
                # a tagger slip (sagen/VVINF after the subject): a lexicon verb in second position acts as finite
                guess = [i for i in toks[1:4] if v.tag[i] in ("VVINF", "VVPP") and self.lex.verb(v.lemma[i]) is not None
                         and v.tag[i - 1] in NOUNS | {"PPER", "ADV"}]
                if not guess and self._np_start(toks[0]):
                    # … after a longer subject: Josef Schuster vom Zentralrat der Juden kritisiert/VVPP, dass …
                    np = self._np(toks[0], seg.end, apposition=False)
                    if np is not None and np[1] < seg.end and v.tag[np[1]] in ("VVINF", "VVPP") and \
                            self.lex.verb(v.lemma[np[1]]) is not None and self._complement_follows(s, segs) in ("dass", "w", "v2sub", "colon"):
                        guess = [np[1]]
                finites = guess[:1]
            aux_before = [i for i in finites if v.tag[i] in ("VAFIN", "VMFIN")]
            for f in finites:
                if f in taken:
                    continue
                if f == toks[-1] and v.tag[f] == "VVFIN" and aux_before and aux_before[0] < f and \
                        not self._subordinate(seg):
                    continue  # read with its auxiliary
                if v.sub[f] and not self._konj2_only(f) and self._after_quote():
                    continue  # er wisse nicht, … : reported speech goes on (free indirect), no new frame
                fr = self._verb_frame(s, seg, toks, f, segs)
                if fr:
                    frames.append(fr)
                    taken.update(fr.cue)
            # source prepositions
            prep_words = self._prep_words
            for i in toks:
                if i in taken or v.lower[i] not in prep_words:
                    continue
                fr = self._prep_frame(s, seg, toks, i, segs)
                if fr:
                    frames.append(fr)
                    taken.update(fr.cue)
        frames.sort(key=lambda fr: fr.cue[0])
        return frames

    def _verb_complex(self, seg_toks: list[int], f: int) -> tuple[list[int], int, str | None, int | None]:
        """The verbal tokens of finite verb f, its lexical verb, the separated particle and its token."""
        v = self.v
        pos = seg_toks.index(f)
        verbs = [f]
        particle = None
        # verb-final clause: non-finite verbs directly before f
        j = pos - 1
        while j >= 0 and v.tag[seg_toks[j]] in NONFINITE:
            verbs.insert(0, seg_toks[j])
            j -= 1
        if j >= 0 and v.lower[seg_toks[j]] in self.lex.particles and v.tag[seg_toks[j]] in ("PTKVZ", "ADJD", "ADV") \
                and (len(verbs) > 1 or pos == len(seg_toks) - 1):
            particle = seg_toks[j]  # (wie X) bekannt gab / bekannt gegeben hat
        # verb-second: non-finite verbs and particle at the right bracket (end of segment)
        if len(verbs) == 1:
            tail = seg_toks[pos + 1:]
            k = len(tail) - 1
            if tail and v.tag[f] in ("VAFIN", "VMFIN") and v.tag[tail[-1]] == "VVFIN" and v.qid[tail[-1]] < 0:
                verbs.append(tail[-1])  # hatte … betont/VVFIN: a participle the tagger read as finite
                k -= 1
            while k >= 0 and (v.tag[tail[k]] in NONFINITE | {"PTKVZ", "PTKZU"} or particle is None and len(verbs) > 1 and
                              v.tag[tail[k]] in ("ADJD", "ADV") and v.lower[tail[k]] in self.lex.particles):
                if v.tag[tail[k]] in ("PTKVZ", "ADJD", "ADV"):
                    particle = tail[k]  # teilte … mit / hat bekannt gegeben
                elif v.tag[tail[k]] != "PTKZU":
                    verbs.append(tail[k])
                k -= 1
            if particle is None and tail and v.tag[tail[-1]] in ("ADJD", "PTKVZ") and v.lower[tail[-1]] in self.lex.particles:
                particle = tail[-1]
        if particle is not None and not isinstance(particle, int):
            particle = None
        lexical = None
        for i in reversed(verbs):
            if v.tag[i].startswith("VV"):
                lexical = i
                break
        if lexical is None:
            nonfinite = sorted(i for i in verbs if v.tag[i] in NONFINITE)
            lexical = nonfinite[0] if nonfinite else f  # bekannt geworden war → werden
        verbs.sort()
        return verbs, lexical, (v.lower[particle] if particle is not None else None), particle

    def _verb_frame(self, s: int, seg: Seg, toks: list[int], f: int, segs: list[Seg]) -> Frame | None:
        v = self.v
        verbs, lexical, particle, ptok = self._verb_complex(toks, f)
        lemma = v.lemma[lexical]
        entry = self.lex.verb(lemma, particle)
        if entry is None and v.tag[lexical] == "VVPP" and any(v.lemma[i] in ("werden", "haben") for i in verbs):
            entry = self.lex.verb(self._participle_lemma(v.lower[lexical]) or "", particle)
        cue = list(verbs)
        if ptok is not None and (entry is None or entry.particle == particle):
            cue.append(ptok)
        kind = "verb"
        mode = entry.mode if entry else "speech"
        passive = False
        if entry is not None and entry.reflexive is None and self._reflexive_use(toks, f, verbs):
            entry = None  # versprach sich, meldete sich zu Wort: another verb
        if entry is not None and entry.needs_prep and not self._prep_present(toks, entry):
            entry = None  # hielt einen Vortrag (≠ hielt es für möglich)
        if entry is not None and v.tag[lexical] == "VVIZU":
            entry = None  # ist davon auszugehen: modal passive, nobody speaks
        support = self._support_noun(toks, f)
        if entry is None and support is None and not (
                v.tag[toks[-1]] in ("ADJD", "VVPP", "ADJA") and v.lower[toks[-1]] in self.lex.adjectives):
            return None  # no cue verb, no speech noun, no predicative cue adjective: nothing to frame (fast path)
        if support is not None and self._complement_follows(s, segs) in ("dass", "zu", "v2sub", "w", "colon"):
            entry = None  # äußerte die Hoffnung, dass … / vertritt die Ansicht, … : the noun frames the message
        if entry is not None:
            aux = [i for i in verbs if v.lemma[i] == "werden" and v.tag[i].startswith("VA")]
            # werden + participle (also one the tagger read as finite: wird … zitiert/VVFIN)
            passive = bool(aux) and (v.tag[lexical] == "VVPP" or lexical != f and v.tag[lexical] == "VVFIN")
            if passive and entry.mode == "thought" and self._complement_follows(s, segs) not in ("dass", "zu"):
                return None  # wurde gefunden: no speech event (es wird vermutet, dass … is one)
            if entry.reflexive:
                for i in toks:
                    if v.tag[i] == "PRF" and abs(i - f) <= 6:
                        cue.append(i)
                        break
            if entry.preps:
                correlate = next((i for i in toks if v.lower[i] in CORRELATES and any(v.lower[i].endswith(p) for p in entry.preps)), None)
                if correlate is not None:
                    cue.append(correlate)  # wies darauf hin, geht davon aus
                else:
                    prep = next((i for i in toks if v.lower[i] in entry.preps and v.tag[i] in ("APPR", "APPRART")
                                 and v.lower[i] not in ("als", "für", "mit", "an")), None)
                    if prep is not None:
                        cue.append(prep)  # sprach von, warnte vor, riet zu
                if "als" in entry.preps:
                    for i in toks:
                        if v.lower[i] == "als" and i > f:
                            cue.append(i)
                            break
            if entry.lemma == "heißen":
                es = [i for i in toks if v.lower[i] == "es" and abs(i - f) <= 2]
                if not es:
                    return None
                cue.append(es[0])
            if entry.lemma == "halten":
                # hält es für möglich: es, für and the predicate join the cue
                for k, i in enumerate(toks):
                    if v.lower[i] == "für" and k + 1 < len(toks) and v.tag[toks[k + 1]] in ("ADJD", "ADJA", "NN"):
                        cue.extend([i, toks[k + 1]])
                        es = [j for j in toks if v.lower[j] == "es" and f < j < i]
                        cue.extend(es[:1])
                        break
            if passive and toks[0] < f and v.lower[toks[0]] == "es":
                cue.append(toks[0])  # Es wird vermutet, dass …
            for k in range(len(toks) - 2):
                # zitiert mit den Worten / lehnte mit der Begründung ab
                if v.lower[toks[k]] == "mit" and v.lemma[toks[k + 2]] in self.lex.cue_phrase_nouns and \
                        v.tag[toks[k + 1]] == "ART":
                    cue.extend(toks[k:k + 3])
                    break
        else:
            # support-verb frames: a speech noun or predicative adjective ends the segment
            last = toks[-1]
            if not self._complement_follows(s, segs, clause_like=True):
                return None
            if support is not None:
                np_start, noun_tok, tail = support
                cue.extend(range(np_start, noun_tok + 1))
                cue.extend(tail)
                kind, mode = "noun", self.lex.noun(v.lemma[noun_tok]).mode
            elif v.tag[last] in ("ADJD", "VVPP", "ADJA") and v.lower[last] in self.lex.adjectives and v.lemma[f] in COPULAS:
                cue.append(last)
                for i in toks:
                    if v.tag[i] == "PRF" and i > f:
                        cue.append(i)
                        break
                kind, mode = "adj", self.lex.adjectives[v.lower[last]]
            else:
                return None
        cue = sorted(set(cue))
        layout = self._layout(seg, toks, f)
        fr = Frame(kind, cue, s, finite=f, layout=layout, entry=entry, mode=mode, passive=passive)
        fr.source, fr.addressee = self._roles(fr, s, seg, toks, segs)
        if fr.source and set(fr.source) & set(cue):
            fr.source = []
        fr.frame_tokens = list(range(seg.start, seg.end))
        return fr

    def _support_noun(self, toks: list[int], f: int) -> tuple[int, int, list[int]] | None:
        """A speech noun closing the clause of finite verb f (… die Warnung / die Meinung vor / Zweifel daran)."""
        v = self.v
        k = len(toks) - 1
        tail: list[int] = []
        while k >= 0 and (v.tag[toks[k]] in ("PTKVZ", "PROAV", "PAV") or v.lower[toks[k]] in CORRELATES) and len(tail) < 2:
            tail.append(toks[k])
            k -= 1
        if k < 0 or toks[k] <= f or v.tag[toks[k]] != "NN":
            return None
        noun = self.lex.noun(v.lemma[toks[k]])
        if noun is None or not noun.support:
            return None
        last = toks[k]
        start = last
        while start - 1 > f and v.tag[start - 1] in DETS | {"ADJA", "PIAT"}:
            start -= 1
        if start - 1 > f and v.tag[start - 1] in ("APPR", "APPRART"):
            if v.lower[start - 1] not in ("zu", "zum", "zur", "von", "vom", "in", "auf"):
                return None  # gab in einer Mitteilung bekannt: the noun sits in an adverbial phrase
            start -= 1  # kam zu dem Ergebnis, ging von dem Verdacht aus, stellte in Frage
        return start, last, tail

    @staticmethod
    def _participle_lemma(form: str) -> str | None:
        """The infinitive of a participle whose lemma the tagger took for another verb (geraten → raten)."""
        if form.startswith("ge") and len(form) > 5:
            stem = form[2:]
            if stem.endswith("en"):
                return stem
            if stem.endswith("t"):
                return stem[:-1] + "en"
        return None

    def _reflexive_use(self, toks: list[int], f: int, verbs: list[int]) -> bool:
        v = self.v
        for i in toks:
            if v.tag[i] == "PRF" and (i == f + 1 or i == f + 2 and v.tag[f + 1] in ("PPER", "NE", "NN", "ADV")):
                return True
        return False

    def _prep_present(self, toks: list[int], entry: VerbEntry) -> bool:
        v = self.v
        for i in toks:
            low = v.lower[i]
            if low in entry.preps or low in CORRELATES and any(low.endswith(p) for p in entry.preps):
                return True
            if low.startswith("dar") and low[3:] in entry.preps or low.startswith("da") and low[2:] in entry.preps:
                return True
        return False

    def _layout(self, seg: Seg, toks: list[int], f: int) -> str:
        v = self.v
        first = toks[0]
        if v.tag[first] in ("KOUS", "PRELS", "PRELAT", "PWAV", "PWS", "KOUI") or v.lower[first] == "wie":
            return "vl"
        named_before = any(v.is_mark[i] and v.qid[i] >= 0 and self._quote_class(v.quotes[v.qid[i]]) == "name"
                           for i in range(seg.start, f))
        if first == f and not named_before:
            return "v1"
        if first != f and v.tag[first] == "KON" and len(toks) > 1 and toks[1] == f:
            return "v1"
        return "v2"

    def _subordinate(self, seg: Seg) -> bool:
        v = self.v
        for i in range(seg.start, seg.end):
            if not v.space[i] and v.qid[i] < 0:
                if v.tag[i] in ("APPR", "APPRART") and i + 1 < seg.end:
                    # a relative clause after a preposition: in denen …, mit dessen Hilfe …
                    return v.tag[i + 1] in ("PRELS", "PRELAT", "PWS", "PWAT")
                return v.tag[i] in ("KOUS", "PRELS", "PRELAT", "PWAV", "PWS", "KOUI")
        return False

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

    # ---- roles: source and addressee -------------------------------------------------------------

    def _roles(self, fr: Frame, s: int, seg: Seg, toks: list[int], segs: list[Seg] | None) -> tuple[list[int], list[int]]:
        v = self.v
        f = fr.finite
        entry = fr.entry
        block = set(entry.preps) if entry else set()
        if entry is not None and entry.addressee == "dat":
            block.add("dat")
        named = [i for i in range(seg.start, seg.end) if v.is_mark[i] and v.qid[i] >= 0 and
                 v.quotes[v.qid[i]].open == i and self._quote_class(v.quotes[v.qid[i]]) == "name"]
        nps = self._nps_in(sorted(set(toks) | set(named)), block)
        source: tuple[int, int] | None = None
        addressee: tuple[int, int] | None = None
        if fr.passive:
            for k, (x, y) in enumerate(nps):
                if x > seg.start and v.lower[x - 1] in ("von", "vom", "durch", "seitens") and x - 1 in toks:
                    source = (x, y)
                    if v.lower[x] == "seiten" and y - x > 1:
                        source = (x + 1, y)  # von Seiten der Delegation
                    break
            if source is None:
                for x, y in nps:
                    if x - 1 >= seg.start and v.lower[x - 1] in ("in", "im", "laut") and x - 1 in toks:
                        heads = [k for k in range(x, y) if v.tag[k] == "NN"]
                        noun = self.lex.noun(v.lemma[heads[0]]) if heads else None
                        if noun is not None and noun.according_to:
                            source = (x, y)
                            break
            if entry is not None and entry.lemma == "zitieren" and source is None:
                cand = [np for np in nps if self._nominative(np) and not self._after_prep(np[0])]
                source = cand[0] if cand else None
            elif entry is not None and entry.addressee in ("dat", "acc"):
                objs = [np for np in nps if np != source and not self._after_prep(np[0])]
                if objs:
                    addressee = objs[0]
            return self._span(source), self._span(addressee)
        free = [np for np in nps if not self._after_prep(np[0])]
        if entry is not None and entry.lemma == "heißen":
            for x, y in nps:
                if x - 1 >= seg.start and v.lower[x - 1] in ("in", "im", "auf", "aus", "bei", "beim", "von", "vom") and \
                        x - 1 in toks:  # heißt es in dem Bericht / hieß es vom Sprecher
                    return self._span((x - 1, y)), []
            if segs is not None and s > 0 and fr.layout == "v1":
                k = s - 1
                while k > 0 and self._subordinate(segs[k]):
                    k -= 1
                first = next((i for i in range(segs[k].start, segs[k].end) if not v.space[i]), None)
                if first is not None and v.lower[first] in ("in", "im", "auf") and not self._has_finite(segs[k]):
                    np = self._np(first + 1, segs[k].end)
                    if np:
                        return self._span((first, np[1])), []
            return [], []
        if fr.layout == "vl":
            first = toks[0]
            after = [np for np in free if np[0] > first and np[0] < f]
            if v.tag[first] in ("PRELS", "PWS") and fr.kind != "wie":
                # der sagte, … → the relative pronoun; was Trump als „weise“ begrüßte / den er … nannte → the noun phrase
                clear = [np for np in after if v.tag[np[0]] in ("NE",) or v.lower[np[0]] in NOM_PRONOUNS - {"sie", "es"}
                         or any(v.tag[k] == "NE" for k in range(np[0], np[1]))]
                if v.lower[first] in ("was", "den", "dem", "denen", "deren", "dessen", "welchen", "welchem") or clear:
                    source = clear[0] if clear else (after[0] if after else None)
                else:
                    # der sagte, …: the relative pronoun stands for the noun phrase it follows
                    source = (first, first + 1)
            else:
                source = after[0] if after else None
        elif fr.layout == "v1":
            after = [np for np in free if np[0] > f]
            pron = [np for np in after if v.lower[np[0]] in NOM_PRONOUNS and np[1] - np[0] == 1]
            source = pron[0] if pron else (after[0] if after else None)
            if not pron and segs is not None and s > 0:
                # Der NDR, der …, begründete X: the noun phrase before the relative clause is the subject;
                # X bestätigte Y, teilte aber mit, … / … und kündigte an: the subject of the clause before
                source = self._subject_before_relative(s, segs) or self._shared_subject(fr, s, toks, segs) or source
        else:  # v2
            pre = [np for np in free if np[1] <= f]
            post = [np for np in free if np[0] > f]
            pron = [np for np in post if v.lower[np[0]] in NOM_PRONOUNS and np[1] - np[0] == 1 and np[0] <= f + 2]
            clear = [np for np in pron if v.lower[np[0]] in ("er", "wir", "ich", "du", "man")]
            lead = 0
            while lead < len(toks) and toks[lead] != f and v.tag[toks[lead]] in ("ADV", "KON", "PTKNEG") and \
                    v.lower[toks[lead]] not in ("so", "dann", "da", "hier", "dort", "damit", "dazu"):
                lead += 1
            prefield = pre[0] if pre and lead < len(toks) and pre[0][0] == toks[lead] and self._nominative(pre[0], loose=True) else None
            if prefield is not None:
                span = self._prefield_span(prefield[0], f)
                if span is not None:
                    prefield = span
            if clear:
                source = clear[0]
            elif prefield is not None and not (v.tag[prefield[0]] == "PDS" and prefield[1] - prefield[0] == 1):
                source = prefield
            elif pron and v.lower[pron[0][0]] != "es":
                source = pron[0]
            elif post:
                noms = [np for np in post if self._nominative(np) and not (v.lower[np[0]] == "es" and np[1] - np[0] == 1)]
                source = noms[0] if noms else None
            elif prefield is not None:
                source = prefield
            if source is None and segs is not None and s > 0 and toks[0] == f:
                source = self._subject_before_relative(s, segs)
        if source is None and fr.finite is not None and fr.kind == "verb":
            source = self._conjunct_subject(fr.finite, segs, s)
        if (source is None or source[1] - source[0] == 1 and v.tag[source[0]] == "PDS") and entry is not None and \
                entry.needs_prep and "aus" in entry.preps:
            # Dies geht aus einer Pressemitteilung des Konzerns hervor: the document is the source
            for x, y in nps:
                if x - 1 >= seg.start and v.lower[x - 1] == "aus":
                    source = (x, y)
                    break
        if entry is not None and entry.lemma == "zitieren" and source is not None:
            # X zitierte Y (mit den Worten): the one quoted is the speaker
            quoted = [np for np in free if np[0] > f and np != source and not self._temporal(np)]
            if quoted and source[0] < f:
                source = quoted[0]
        # addressee
        for x, y in nps:
            if x - 1 >= seg.start and v.lower[x - 1] == "gegenüber":
                addressee = (x, y)
                break
        if addressee is None:
            for i in toks:
                if v.lower[i] == "gegenüber" and v.tag[i] == "APPO":
                    np = self._np_ending_at(i - 1, seg.start)
                    if np:
                        addressee = np
                    break
        if addressee is None and entry is not None and entry.addressee in ("dat", "acc", "an"):
            for np in nps:
                if np == source or (source and np[0] < source[1] and source[0] < np[1]):
                    continue
                if entry.addressee == "an":
                    if np[0] - 1 >= seg.start and v.lower[np[0] - 1] == "an":
                        addressee = np
                        break
                    continue
                if self._after_prep(np[0]):
                    continue
                if entry.addressee == "dat" and self._dative(np):
                    addressee = np
                    break
                if entry.addressee == "acc" and self._accusative(np) and source is not None:
                    addressee = np
                    break
        return self._span(source), self._span(addressee)

    PREFIELD_TAGS = DETS | NOUNS | {"ADJA", "ADJD", "APPR", "APPRART", "ART", "KON", "$,", "$(", "PIS", "PIAT", "XY", "ADV", "PTKNEG"}

    def _prefield_span(self, start: int, f: int) -> tuple[int, int] | None:
        """`Frank Biermann, Vorsitzender der …-Union für das Münsterland, sagte`: everything before the finite
        verb is the subject when it is one noun phrase with its attributes (no verb, no clause)."""
        v = self.v
        # the prefield ends at the clause's first finite verb (Die Botschaft im Irak stellte … ein und empfahl …)
        f = next((i for i in range(start, f) if v.tag[i] in FINITE and v.qid[i] < 0), f)
        end = f
        while end > start and (v.space[end - 1] or v.tag[end - 1] in ("ADV", "PTKNEG") or v.text[end - 1] == ","):
            end -= 1
        if end - start > 25 or end <= start:
            return None
        for i in range(start, end):
            if v.space[i]:
                continue
            if v.qid[i] >= 0:
                q = v.quotes[v.qid[i]]
                if self._quote_class(q) != "name":
                    return None
                continue
            if v.tag[i] not in self.PREFIELD_TAGS or v.tag[i] in FINITE:
                return None
        if any(v.tag[i] in ("PRELS", "KOUS") for i in range(start, end)):
            return None
        return (start, end)

    def _shared_subject(self, fr: Frame, s: int, toks: list[int], segs: list[Seg]) -> tuple[int, int] | None:
        """A verb-first clause coordinated with a main clause before it shares that clause's subject:
        `Die Vereinten Nationen bestätigten den Zwischenfall, teilten jedoch mit, …`, `X erklärte, …, und
        kündigte an, …`. Applies after a conjunction, or when the clause's message follows it (so it is no
        postposed frame like `…, sagte der Minister`)."""
        v = self.v
        f = fr.finite
        if f is None:
            return None
        kon = toks[0] != f and v.tag[toks[0]] == "KON" and v.lower[toks[0]] in COORDINATORS
        if not kon:
            if segs[s].sep != "," or self._complement_follows(s, segs) not in ("dass", "zu", "v2sub", "w", "colon"):
                return None
        for k in range(s - 1, -1, -1):
            seg = segs[k]
            if self._subordinate(seg):
                continue
            ktoks = [i for i in range(seg.start, seg.end) if not v.space[i] and v.qid[i] < 0]
            fins = [i for i in ktoks if v.tag[i] in FINITE]
            if not fins:
                if kon:
                    continue
                return None
            g = fins[0]
            if v.sub[g] and not self._konj2_only(g):
                if kon:
                    continue  # the reported clause of the first verb: … erklärte, X sei …, und kündigte an
                return None
            if g == ktoks[0] and k > 0:
                return None  # a verb-first clause itself: … , sagte er, …
            fake = Frame("verb", [g], k, finite=g, layout=self._layout(seg, ktoks, g))
            source, _ = self._roles(fake, k, seg, ktoks, segs)
            if source and not (len(source) == 1 and v.lower[source[0]] in ("es", "man")):
                return (source[0], source[-1] + 1)
            return None
        return None

    def _conjunct_subject(self, f: int, segs: list[Seg] | None, s: int) -> tuple[int, int] | None:
        """`biss der Randalierer den Fluggast und rief: …`: a finite verb right after und/aber/sowie shares the
        subject of the clause before the conjunction."""
        v = self.v
        j = f - 1
        while j >= 0 and v.tag[j] == "ADV":
            j -= 1
        if j < 0 or v.tag[j] != "KON" or v.lower[j] not in ("und", "aber", "sowie", "doch", "sondern"):
            return None
        a = self._unit_ranges[self._u][0] if self._unit_ranges else 0
        g = next((i for i in range(j - 1, a - 1, -1) if v.tag[i] in FINITE and v.qid[i] < 0), None)
        if g is None or segs is None:
            return None
        k = next((k for k, sg in enumerate(segs) if sg.start <= g < sg.end), None)
        if k is None:
            return None
        seg = segs[k]
        toks = [i for i in range(seg.start, seg.end) if not v.space[i] and v.qid[i] < 0 and i < j]
        if not toks:
            return None
        fake = Frame("verb", [g], k, finite=g, layout=self._layout(seg, toks, g))
        source, _ = self._roles(fake, k, seg, toks, segs)
        if source:
            return (source[0], source[-1] + 1)
        return None

    def _antecedent(self, rel: int) -> tuple[int, int] | None:
        """The noun phrase right before the comma that opens the relative clause at token `rel`."""
        v = self.v
        j = rel - 1
        while j >= 0 and v.space[j]:
            j -= 1
        if j < 1 or v.text[j] != ",":
            return None
        np = self._np_ending_at(j - 1, max(0, j - 15))
        if np is None:
            return None
        if not any(v.tag[k] in ("NE", "NN") for k in range(np[0], np[1])):
            return None
        return np

    def _subject_before_relative(self, s: int, segs: list[Seg]) -> tuple[int, int] | None:
        """`Die IGDRB, die von … getragen wird, hat bekannt gegeben` / `Der Leiter …, Klaus Stöhr, sagte`:
        a verb-first segment after a noun phrase with relative clauses or appositions has that noun phrase
        (with its appositions) as subject."""
        v = self.v
        k = s - 1
        while k > 0 and segs[k].sep == "," and (self._subordinate(segs[k]) or self._np_only(segs[k])):
            k -= 1
        if k == s:
            return None
        seg = segs[k]
        if seg.sep not in (None,) and not (seg.sep == ":" and False):
            return None
        toks = [i for i in range(seg.start, seg.end) if not v.space[i]]
        if not toks or self._has_finite(seg) or not self._np_only(seg):
            return None
        end = seg.end
        for j in range(k + 1, s):
            if self._np_only(segs[j]) and not self._subordinate(segs[j]):
                end = segs[j].end
            else:
                break
        return (toks[0], end)

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

    def _after_prep(self, x: int) -> bool:
        v = self.v
        j = x - 1
        while j >= 0 and v.tag[j] in ("ADV",) and v.lower[j] not in ("so",):
            j -= 1
        return j >= 0 and v.tag[j] in ("APPR", "APPRART", "KOKOM") and v.lower[j] != "laut"

    def _nominative(self, np: tuple[int, int], loose: bool = False) -> bool:
        v = self.v
        if v.tag[np[0]] == "PIS" and np[1] - np[0] > 1:
            return True  # einer der …: the pronoun's case is not marked
        for i in range(np[0], np[1]):
            case = v.case[i]
            if case:
                return "Nom" in case
            if v.tag[i] in NOUNS:
                break
        return True

    def _dative(self, np: tuple[int, int]) -> bool:
        v = self.v
        first = np[0]
        if v.lower[first] in DAT_PRONOUNS:
            return True
        heads = [k for k in range(np[0], np[1]) if v.tag[k] in NOUNS]
        if v.lower[first] == "den" and heads and v.lower[heads[0]].endswith("n") and v.lemma[heads[0]] != v.lower[heads[0]]:
            return True  # den Journalisten: dative plural
        if v.lower[first] in ("der", "dem") and heads and self._media(heads):
            return True
        for i in range(np[0], np[1]):
            case = v.case[i]
            if case:
                return "Dat" in case and "Nom" not in case and "Acc" not in case or v.lower[first] in ("dem", "einem")
        return False

    def _media(self, toks: list[int]) -> bool:
        """A newspaper, broadcaster or agency (der „Bild“-Zeitung, dem Sender, der Nachrichtenagentur dpa)."""
        v = self.v
        for k in toks:
            word = v.lower[k].lstrip("“”\"«»-")
            if any(word.endswith(m) for m in self.lex.media) and (v.tag[k] in NOUNS or v.text[k][:1] in "“”\"«»-"):
                return True
        return False

    def _accusative(self, np: tuple[int, int]) -> bool:
        v = self.v
        for i in range(np[0], np[1]):
            case = v.case[i]
            if case:
                return "Acc" in case
        return v.lower[np[0]] in ("ihn", "sie", "uns", "mich", "dich", "euch")

    # ---- noun phrases ------------------------------------------------------------------------------

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

    def _temporal(self, np: tuple[int, int]) -> bool:
        v = self.v
        heads = [k for k in range(np[0], np[1]) if v.tag[k] in NOUNS]
        if not heads:
            return False
        return v.lemma[heads[0]] in TEMPORAL or v.tag[np[0]] in ("ADJA",) and v.lemma[heads[0]] in TEMPORAL

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
            elif v.tag[j] == "PIS" and j + 1 < n and v.tag[j + 1] in NOUNS:
                pass
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
            if v.tag[end] == "CARD" and v.tag[end - 1] == "NN" and not (end + 1 < n and v.tag[end + 1] in NOUNS):
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
            if np and (np[1] >= n or v.text[np[1]] in (",", ":", ".", ")") or v.tag[np[1]] in FINITE and False):
                if not any(v.tag[k] in FINITE for k in range(np[0], np[1])) and np[1] - np[0] <= 15:
                    end = np[1]
        return (i, end)

    def _after_finite(self, i: int) -> bool:
        """A finite verb stands between the clause start (a punctuation mark) and token i."""
        v = self.v
        for k in range(i - 1, max(-1, i - 15), -1):
            if v.tag[k] in FINITE and v.qid[k] < 0:
                return True
            if v.tag[k] in ("$,", "$.") and v.qid[k] < 0:
                return False
        return False

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

    # ---- messages ------------------------------------------------------------------------------------

    def _complement_follows(self, s: int, segs: list[Seg], **_ignored) -> str | None:
        """The kind of complement clause after frame segment s: dass | w (ob/w-clause) | zu | v2sub (verb-second
        Konjunktiv) | v2ind | quote | colon, or None."""
        k = self._complement_index(s, segs)
        return self._complement_kind(k, segs) if k is not None else None

    def _complement_index(self, s: int, segs: list[Seg]) -> int | None:
        """The segment after the frame where a complement may start (skipping an apposition:
        sagte der Koordinator, Deftalgne Tessema, dass …)."""
        if s + 1 >= len(segs):
            return None
        k = s + 1
        if k + 1 < len(segs) and segs[k].sep == "," and segs[k + 1].sep == "," and self._np_only(segs[k]) and \
                self._complement_kind(k, segs) is None and self._complement_kind(k + 1, segs) in ("dass", "w", "zu"):
            k += 1
        elif k + 1 < len(segs) and segs[k].sep == "," and self._complement_kind(k, segs) is None:
            # short inserts without a verb before the complement: verkündete der Verband, kurz „DFB“, dann offiziell, dass …
            j = k
            while j < len(segs) and j < k + 3 and segs[j].sep == "," and self._insert(segs[j]) and \
                    self._complement_kind(j, segs) is None:
                j += 1
            if j > k and j < len(segs) and segs[j].sep == "," and self._complement_kind(j, segs) in ("dass", "w"):
                k = j
        return k

    def _insert(self, seg: Seg) -> bool:
        """A short segment without a verb or conjunction (an apposition or adverbial: kurz „DFB“, dann offiziell)."""
        v = self.v
        toks = [i for i in range(seg.start, seg.end) if not v.space[i]]
        return 0 < len(toks) <= 6 and not any(v.tag[i] in FINITE | NONFINITE | {"KOUS", "KOUI", "PRELS", "PRELAT", "KON", "PTKZU"}
                                              for i in toks if v.qid[i] < 0)

    def _complement_kind(self, k: int, segs: list[Seg]) -> str | None:
        s = k - 1
        nxt = segs[k]
        v = self.v
        toks = [i for i in range(nxt.start, nxt.end) if not v.space[i]]
        if not toks:
            return None
        if nxt.sep is None and v.is_mark[toks[0]] and v.qid[toks[0]] >= 0 and v.quotes[v.qid[toks[0]]].open == toks[0]:
            return "quote"  # skandierten „Stoppt den Wahn“
        if nxt.sep not in (",", ":"):
            return None
        if nxt.sep == ":":
            return "colon"
        first = toks[0]
        low = v.lower[first]
        if low in ("dass", "daß"):
            return "dass"
        if low == "ob":
            return "w"
        if v.tag[first] in ("PWS", "PWAV", "PWAT") and low not in ("wie",) or low == "wie" and self._w_clause(toks):
            return "w"
        outside = [i for i in toks if v.qid[i] < 0]
        fin = [i for i in outside if v.tag[i] in FINITE]
        if low not in ("um", "ohne", "statt", "anstatt") and not fin and \
                any(v.tag[i] == "VVIZU" or v.tag[i] == "PTKZU" for i in outside):
            return "zu"
        if v.tag[first] == "PRELS" and low in ("der", "die", "das") and fin and fin[0] != outside[-1] and v.sub[fin[0]]:
            return "v2sub"  # die/PRELS noch zu schaffende Verfassung werde …: an article the tagger misread
        if not fin and self._np_only(nxt) and k + 1 < len(segs) and segs[k + 1].sep is None:
            # das Gespräch „sei freundlich verlaufen“: the subject, then a quotation with the Konjunktiv verb
            qt = [i for i in range(segs[k + 1].start, segs[k + 1].end) if not v.space[i]]
            if qt and v.is_mark[qt[0]] and any(v.tag[i] in FINITE and v.sub[i] for i in qt):
                return "v2sub"
        if not fin and (self._np_only(nxt) or v.tag[first] in ("APPR", "APPRART") and not self._subordinate(nxt)) and \
                k + 1 < len(segs) and segs[k + 1].sep == ",":
            # meldet, ein Tiefdruckgebiet, das …, habe …: the subject, a relative clause, then the Konjunktiv verb
            for j in range(k + 1, min(len(segs), k + 4)):
                jt = [i for i in range(segs[j].start, segs[j].end) if not v.space[i] and v.qid[i] < 0]
                if jt and v.tag[jt[0]] in FINITE and v.sub[jt[0]]:
                    return "v2sub"
                if not self._subordinate(segs[j]):
                    break
        if v.tag[first] == "KOUS" and low not in ("um", "ohne", "statt", "anstatt", "weil", "da", "obwohl", "nachdem"):
            # sagte, wenn …, werde …: a subordinate clause in the prefield of a Konjunktiv clause
            for j in range(k + 1, min(len(segs), k + 3)):
                if segs[j].sep != ",":
                    break
                kt = [i for i in range(segs[j].start, segs[j].end) if not v.space[i]]
                if kt and v.tag[kt[0]] in FINITE and v.sub[kt[0]]:
                    return "v2sub"
            return None
        if low in ("um", "ohne", "statt", "anstatt") or v.tag[first] in ("KOUS", "PRELS", "PRELAT"):
            return None
        zu = any(v.tag[i] == "VVIZU" or v.tag[i] == "PTKZU" for i in outside)
        if zu and not fin:
            return "zu"
        if fin and any(v.sub[i] for i in fin):
            return "v2sub"
        if not fin and v.qid[first] < 0 and any(v.tag[i] in FINITE and v.sub[i] for i in toks if v.qid[i] >= 0):
            return "v2sub"  # äußerte sich dahingehend, das Gespräch „sei freundlich verlaufen“
        if v.qid[first] >= 0 and v.quotes[v.qid[first]].open == first:
            return "quote"
        if fin:
            return "v2ind"
        return None

    def _ob_clause(self, s: int, segs: list[Seg]) -> bool:
        v = self.v
        nxt = segs[s + 1]
        first = next(i for i in range(nxt.start, nxt.end) if not v.space[i])
        return v.lower[first] == "ob"

    def _w_clause(self, toks: list[int]) -> bool:
        v = self.v
        return len(toks) > 2 and v.tag[toks[-1]] in FINITE | NONFINITE

    def _message(self, fr: Frame, segs: list[Seg], a: int, b: int) -> list[int]:
        v = self.v
        s = fr.seg
        end_tokens = self._trim_end(a, b)

        def region(x: int, y: int) -> list[int]:
            return [i for i in range(x, y) if not v.space[i]]

        if fr.kind in ("prep", "self"):
            if fr.layout == "rel":
                seg = segs[s]
                return self._strip(region(fr.cue[0] + 1, end_tokens))
            frame = set(fr.frame_tokens)
            seg = segs[s]
            if self._subordinate(seg) and s > 0:
                # laut Polizei inside a relative or subordinate clause: the message is that clause
                first = next(i for i in range(seg.start, seg.end) if not v.space[i])
                msg = [i for i in region(seg.start, seg.end) if i not in frame and i != first]
                msg = self._strip(msg)
                return msg if len([i for i in msg if v.tag[i][:1] != "$"]) >= 2 else []
            msg = [i for i in region(a, end_tokens) if i not in frame]
            # drop commas that enclosed the frame
            msg = self._strip(msg)
            msg = [i for i in msg if not (v.text[i] == "," and (i + 1 in frame or i - 1 in frame))]
            return msg if len([i for i in msg if v.tag[i][:1] != "$"]) >= 2 else []
        if fr.kind == "wie":
            frame = set(range(segs[s].start, segs[s].end))
            msg = [i for i in region(a, end_tokens) if i not in frame]
            msg = self._strip(msg)
            return msg if len(msg) >= 2 else []
        entry = fr.entry
        comp = self._complement_follows(s, segs, entry=entry)
        if comp == "quote" and fr.layout == "v1" and s > 0 and segs[s].sep == "," and not self._starts_kon(segs[s]) \
                and self._main_clause_before(segs, s):
            comp = None  # „A“, sagte er, „B“: one interrupted quotation, handled below
        ok = None
        if comp == "colon" or comp == "quote":
            ok = comp
        elif comp == "dass" and (entry is None or entry.takes_clause or fr.kind in ("noun", "adj")):
            ok = comp
        elif comp == "w" and (entry is not None and "ob" in entry.frames or fr.kind in ("noun",) and self._ob_clause(s, segs)):
            ok = comp
        elif comp == "zu" and (entry is None and fr.kind in ("noun", "adj") or entry is not None and entry.takes_zu):
            ok = comp
        elif comp == "v2sub" and (entry is None or entry.takes_clause or "direct" in entry.frames):
            ok = comp
        elif comp == "v2ind" and entry is not None and ("direct" in entry.frames and entry.takes_clause) and fr.layout != "vl":
            # a verb-second clause in the indicative after a saying verb ending its segment (er sagte, er ruft an)
            seg_toks = [i for i in range(segs[s].start, segs[s].end) if not v.space[i]]
            if seg_toks and seg_toks[-1] in fr.cue or seg_toks and v.tag[seg_toks[-1]] in ("PPER", "NE", "NN") and fr.layout == "v1":
                ok = comp
        if ok and fr.layout != "vl" or ok and fr.layout == "vl" and v.tag[segs[s].start] in ("PRELS",):
            start = segs[self._complement_index(s, segs)].start
            stop = end_tokens
            q = v.quote_at(start)
            if q is not None and q.open == start and q.close + 1 < stop and self._quote_class(q) == "full" and \
                    any(v.is_end_punct(i) for i in range(max(q.open, q.close - 2), q.close)):
                stop = q.close + 1  # X sagte: „… .“ Next sentence …
            # a later frame segment (…, so X / …, sagte er) closes the message
            for k in range(s + 2, len(segs)):
                if segs[k].sep == "," and self._is_v1_frame(segs[k]):
                    stop = segs[k].start - 1
                    break
            return self._cut_coordination(self._strip(region(start, stop)), ok)
        if ok and fr.layout == "vl":
            start = segs[self._complement_index(s, segs)].start
            return self._strip(region(start, end_tokens))
        # Das/Dies sagte X: the message is the previous sentence
        if fr.layout == "v2" and fr.kind == "verb" and entry is not None and s == 0 and self._u > 0 and \
                (entry.takes_clause or "direct" in entry.frames):
            first = next(i for i in range(segs[0].start, segs[0].end) if not v.space[i])
            if v.tag[first] == "PDS" and v.lower[first] in ("das", "dies", "dieses") and fr.finite == first + 1 and \
                    (fr.source and first not in fr.source):
                pa, pb = self._unit_ranges[self._u - 1]
                prev = self._per_unit[self._u - 1]
                if all(c.rule in ("unattributed", "continued", "continued-fragment", "reported") for c in prev):
                    prev.clear()
                    return region(pa, pb) + [first]
        # frame after (or inside) the message: …, sagte er / „…“ sagte er / …, so X
        if (fr.layout == "v1" or fr.kind == "verb" and self._pronoun_front(fr, segs)) and s > 0:
            before = region(segs[0].start, segs[s - 1].end)
            # the message is a main clause (or a quotation) before the frame; a noun phrase with an
            # apposition or relative clause before a verb-first segment is its subject (verb-second);
            # an inserted frame (In absehbarer Zeit, so X, wird …) splits one clause
            inserted = fr.kind == "so" and s + 1 < len(segs) and segs[s + 1].sep == "," and \
                any(v.tag[i] in FINITE for i in range(segs[s + 1].start, min(segs[s + 1].end, segs[s + 1].start + 2)))
            main_before = self._main_clause_before(segs, s) or fr.kind == "so" and any(
                self._has_finite(segs[k]) and not self._subordinate(segs[k]) for k in range(s))
            # (…, so X after a clause with a loose first segment: Kaum zu glauben, ein Kind musste …, so der Dienst)
            if not before or not (inserted or main_before):
                return []
            after: list[int] = []
            if s + 1 < len(segs) and segs[s + 1].sep == ",":
                nxt = segs[s + 1]
                nt = [i for i in range(nxt.start, nxt.end) if not v.space[i]]
                if nt and (v.is_mark[nt[0]] and v.qid[nt[0]] >= 0 and not self._np_only(nxt) or
                           inserted or fr.kind == "so" and not self._np_only(nxt) and
                           not any(v.tag[i] in FINITE for i in nt if v.qid[i] < 0)):
                    after = region(nxt.start, end_tokens)
            if segs[s].sep not in (",", "(", "–", "-", "—") and not (v.is_mark[before[-1]]):
                return []
            return self._strip(before) + self._strip(after)
        return []

    def _pronoun_front(self, fr: Frame, segs: list[Seg]) -> bool:
        """`…, das teilte das Institut mit`: a demonstrative in the prefield of a frame clause after a comma
        points back to the clause before it, which is the message."""
        v = self.v
        seg = segs[fr.seg]
        if seg.sep != "," or fr.finite is None:
            return False
        toks = [i for i in range(seg.start, seg.end) if not v.space[i]]
        return len(toks) > 2 and v.tag[toks[0]] == "PDS" and v.lower[toks[0]] in ("das", "dies", "dieses") and \
            toks[1] == fr.finite and fr.entry is not None and (fr.entry.takes_clause or "direct" in fr.entry.frames)

    def _cut_coordination(self, msg: list[int], kind: str) -> list[int]:
        """`sagte, sie müssten … aufgeben und bemühte das Bild …`: a conjunction followed by an indicative
        finite verb goes back to the speaker's own clause and ends the reported clause."""
        v = self.v
        if kind not in ("v2sub", "dass", "zu", "w"):
            return msg
        for k, i in enumerate(msg):
            if v.qid[i] >= 0 or v.tag[i] != "KON" or v.lower[i] not in ("und", "aber", "sowie", "doch"):
                continue
            j = i + 1
            while j < v.n and v.tag[j] in ("ADV",) and j - i <= 2:
                j += 1
            if j < v.n and v.tag[j] in FINITE and not v.sub[j] and k > 2:
                return self._strip(msg[:k])
        return msg

    def _is_v1_frame(self, seg: Seg) -> bool:
        v = self.v
        toks = [i for i in range(seg.start, seg.end) if not v.space[i]]
        if not toks:
            return False
        f = toks[0]
        if v.lower[f] == "so" and len(toks) > 1:
            return True
        if v.tag[f] in FINITE:
            verbs, lexical, particle, _ = self._verb_complex(toks, f)
            return self.lex.verb(v.lemma[lexical], particle) is not None
        return False

    def _main_clause_before(self, segs: list[Seg], s: int) -> bool:
        v = self.v
        first = segs[0]
        toks = [i for i in range(first.start, first.end) if not v.space[i]]
        if not toks:
            return False
        q = v.quote_at(toks[0])
        if q is not None and q.open == toks[0] and self._quote_class(q) == "full":
            return True
        if self._subordinate(first) or v.lower[toks[0]] in ("um", "ohne", "statt", "anstatt"):
            # Wenn …, droht ihm: a subordinate clause is the prefield; but "Ob …, ist unklar, sagte er" has
            # a main clause later: look for a finite verb in a later non-subordinate segment before s
            return any(not self._subordinate(segs[k]) and self._has_finite(segs[k]) and segs[k].sep == ","
                       and not (k + 1 == s) for k in range(1, s)) and False
        return self._has_finite(first)

    def _has_finite(self, seg: Seg) -> bool:
        v = self.v
        return any(v.tag[i] in FINITE and v.qid[i] < 0 for i in range(seg.start, seg.end))

    def _trim_end(self, a: int, b: int) -> int:
        v = self.v
        e = b
        while e > a and (v.space[e - 1] or v.is_end_punct(e - 1) and v.qid[e - 1] < 0):
            e -= 1
        return e

    def _strip(self, toks: list[int]) -> list[int]:
        v = self.v
        while toks and v.qid[toks[0]] < 0 and (v.tag[toks[0]] in ("$,", "$.") or v.text[toks[0]] in (",", ":", ";", "–", "-")):
            toks = toks[1:]
        while toks and v.qid[toks[-1]] < 0 and (v.tag[toks[-1]] in ("$,", "$.") or v.text[toks[-1]] in (",", ":", ";", "–", "-")):
            toks = toks[:-1]
        return toks

    # ---- quotations without their own frame --------------------------------------------------------

    def _frame_around(self, q: QuoteSpan, frames: list[Frame], segs: list[Seg]) -> Frame | None:
        for fr in frames:
            if fr.kind not in ("verb", "so", "wie"):
                continue
            seg = segs[fr.seg]
            if seg.start <= q.open < seg.end and (fr.entry is not None or fr.kind == "so"):
                return fr
        return None

    def _unframed_quote(self, q: QuoteSpan, u: int, a: int, b: int, segs, frames, units, per_unit) -> Cand | None:
        v = self.v
        if self._quote_class(q) != "full":
            # a fragment continues the previous speaker only right after a quote
            prev = per_unit[-1] if per_unit and u > 0 else []
            if not prev or not any(c.form in ("direct", "indirect") for c in prev):
                return None
            c = next(c for c in reversed(prev) if c.form in ("direct", "indirect"))
            return Cand("direct", [], c.source, list(range(q.open, q.close + 1)), mode=c.mode, rule="continued-fragment",
                        unit=u, verb=c.verb)
        msg = list(range(q.open, q.close + 1))
        outside = [i for i in range(a, b) if not v.space[i] and not (q.open <= i <= q.close)]
        words_outside = [i for i in outside if v.tag[i][:1] != "$" and not v.is_mark[i]]
        # X sagte: „…“ / Die Firma widersprach: „…“ in the same unit
        colon = next((i for i in range(q.open - 1, a - 1, -1) if not v.space[i]), None)
        if colon is not None and v.text[colon] == ":" and words_outside:
            return self._colon_frame(q, msg, a, colon, u, frames)
        if not words_outside:
            # a unit of its own: the previous unit ends with a colon, or the previous speaker goes on
            if u > 0:
                pa, pb = units[u - 1]
                last = pb - 1
                while last > pa and v.space[last]:
                    last -= 1
                prev = per_unit[u - 1]
                if v.text[last] == ":":
                    return self._colon_frame(q, msg, pa, last, u, None, prev)
                speaking = [c for c in prev if c.form in ("direct", "indirect", "free_indirect") and c.source]
                if speaking:
                    c = speaking[-1]
                    return Cand("direct", [], c.source, msg, mode=c.mode, rule="continued", unit=u, verb=c.verb)
            return Cand("direct", [], [], msg, rule="unattributed", unit=u)
        # a full quotation inside a sentence without a speech frame, right after other quotes: a quotation whose
        # speaker the sentence does not name
        if u > 0 and any(c.form in ("direct", "indirect", "free_indirect") and c.source for c in per_unit[u - 1]):
            return Cand("direct", [], [], msg, rule="unattributed-inline", unit=u)
        return None

    def _colon_frame(self, q, msg, a, colon, u, frames, prev_cands=None) -> Cand | None:
        v = self.v
        if prev_cands:
            for c in prev_cands:
                if c.cue and max(c.cue) < colon and c.form != "reported" and not c.message:
                    return Cand("direct", c.cue, c.source, msg, c.addressee, mode=c.mode, rule="colon-prev", unit=u)
        # the clause before the colon
        segs = self._segments(a, colon)
        if not segs:
            return None
        seg = segs[-1]
        k = len(segs) - 1
        while k > 0 and self._subordinate(segs[k]):
            k -= 1
        seg = segs[k]
        toks = [i for i in range(seg.start, colon) if not v.space[i] and v.qid[i] < 0]
        if not toks:
            return None
        finites = [i for i in toks if v.tag[i] in FINITE]
        cue: list[int] = []
        mode = "speech"
        source: list[int] = []
        addressee: list[int] = []
        entry = None
        if finites:
            f = finites[0]
            segs = segs[:k + 1] + [Seg(colon + 1, min(colon + 2, v.n), ":")]  # the quotation is the complement
            fr = self._verb_frame(k, seg, toks, f, segs)
            if fr is not None and fr.kind == "verb":
                cue, source, addressee, mode, entry = fr.cue, fr.source, fr.addressee, fr.mode, fr.entry
            else:
                fake = Frame("verb", [f], k, finite=f, layout=self._layout(seg, toks, f))
                source, _ = self._roles(fake, k, seg, toks, segs)
                # without a speech verb the clause only names the speaker if its subject is a name or a person
                if source and not any(v.tag[i] == "NE" or v.lower[i] in ("er", "sie", "wir", "ich") for i in source):
                    source = []
        else:
            np = self._np(toks[0], colon)
            first = next((i for i in range(a, colon) if not v.space[i]), None)
            if first is not None and first < toks[0] and not any(v.tag[i] in FINITE for i in range(a, colon) if v.qid[i] < 0):
                # Erkki Tuomioja, Präsident des Rats der Europäischen Union: „…“ — a name with its apposition
                whole = self._np(first, colon) if self._np_start(first) else None
                if whole and whole[1] >= colon - 1:
                    np = whole
            if np and np[1] >= colon - 1:
                source = self._span(np)
        if not source and not cue:
            # a colon without a recognisable speaker: the previous speaker goes on, else nobody known
            u0 = self._u
            for k in range(u0 - 1, max(-1, u0 - 3), -1):
                speaking = [c for c in self._per_unit[k] if c.form in ("direct", "indirect", "free_indirect") and c.source]
                if speaking:
                    c = speaking[-1]
                    return Cand("direct", [], c.source, msg, mode=c.mode, rule="continued", unit=u, verb=c.verb)
            return Cand("direct", [], [], msg, rule="unattributed", unit=u)
        return Cand("direct", cue, source, msg, addressee, mode=mode, rule="colon", unit=u, verb=entry)

    def _attribute_loose_quotes(self, out: list[Cand], units, per_unit) -> None:
        """A quotation that stands alone gets its speaker from a verb-first frame opening the next sentence
        (`„…“ erklärte die Ministerin.` where the closing mark ends the sentence before), else from the speaker
        of the sentence before once free indirect speech is known (`X sagte: „…“ Die Lage sei ernst. „…“`)."""
        v = self.v
        for c in out:
            if c.rule != "unattributed" or c.unit < 0:
                continue
            u = c.unit
            if u + 1 < len(units):
                a, b = units[u + 1]
                first = next((i for i in range(a, b) if not v.space[i]), None)
                for fr in self._frames_of.get(u + 1, []):
                    if fr.used or not fr.source or first is None or fr.cue[0] != first:
                        continue
                    if fr.kind == "so" or fr.kind == "verb" and fr.layout == "v1" and fr.entry is not None and \
                            "direct" in fr.entry.frames:
                        c.cue, c.source, c.addressee, c.mode, c.verb = fr.cue, fr.source, fr.addressee, fr.mode, fr.entry
                        c.rule = "frame-after"
                        fr.used = True
                        break
                if c.rule == "frame-after":
                    continue
            if u > 0:
                speaking = [d for d in per_unit[u - 1] if d.form in ("direct", "indirect", "free_indirect") and d.source
                            and not d.nested]
                if speaking:
                    c.source, c.mode, c.verb = speaking[-1].source, speaking[-1].mode, speaking[-1].verb
                    c.rule = "continued"

    # ---- free indirect speech ---------------------------------------------------------------------------

    def _free_indirect(self, units, per_unit) -> list[Cand]:
        """Konjunktiv sentences after a quotation continue it (same speaker, no cue); a Konjunktiv I
        sentence after a sentence with a speech verb is reported speech of that verb's subject."""
        v = self.v
        out: list[Cand] = []
        u = 0
        while u < len(units):
            cands = [c for c in per_unit[u] if not c.nested and (c.source or c.cue)]
            ante = cands[-1] if cands else None
            start = u + 1
            if ante is None:
                # a new chain: Konjunktiv I without a frame; the speaker is the subject of a speech verb in the
                # sentence or two before, else unknown (sollen alone — soll … geflohen sein — is too often plain
                # news to start a chain; it only continues one)
                a, b = units[u]
                if per_unit[u] or not self._konjunktiv_unit(a, b, strict=True):
                    u += 1
                    continue
                own = self._frame_rest(u)
                if own is not None:
                    out.append(own)
                    per_unit[u] = [own]
                    continue  # the sentence has its own speech frame; a chain may follow it
                source, mode = self._speaker_before(u, per_unit)
                ante = Cand("reported", [], source or [], [], mode=mode, unit=u)
                start = u
            w = start
            run: list[int] = []
            while w < len(units) and all(c.rule == "continued-fragment" for c in per_unit[w]):
                a, b = units[w]
                if not self._konjunktiv_unit(a, b, strict=False, chain=True):
                    break
                own = self._frame_rest(w)
                if own is not None:
                    # Sie warnte vor einer Katastrophe, wenn … werde: a frame of its own ends the chain
                    self._dropped.update(id(x) for x in per_unit[w])
                    out.append(own)
                    per_unit[w] = [own]
                    break
                run.append(w)
                w += 1
            if run:
                msg = [i for k in run for i in range(units[k][0], units[k][1]) if not v.space[i]]
                source = ante.source
                if False and self._pronoun_source(source):
                    for k in range(u, max(-1, u - 4), -1):
                        named = [c for c in per_unit[k] if c.source and not self._pronoun_source(c.source)]
                        if named:
                            source = named[-1].source
                            break
                c = Cand("free_indirect", [], source, msg, [], [], ante.mode, rule="free-indirect", unit=run[0], verb=ante.verb)
                c.spkatt_form = "IndirectFreeIndirect" if ante.form in ("indirect", "free_indirect") else "FreeIndirect"
                out.append(c)
                nested = []
                for q in v.quotes:
                    if q.open in msg and (v.qid[q.open] < 0 or v.quotes[v.qid[q.open]] is q) and \
                            self._quote_class(q) in ("full", "fragment"):
                        nested.append(Cand("direct", [], source, list(range(q.open, q.close + 1)), mode=ante.mode,
                                           nested=True, rule="mixed-free", unit=run[0], verb=ante.verb))
                out.extend(nested)
                for k in run:
                    self._dropped.update(id(x) for x in per_unit[k])
                    per_unit[k] = [c]
            u = w if run else u + 1
        return out

    def _frame_rest(self, u: int) -> Cand | None:
        """A speech verb frame of unit u that found no message clause of its own (warnte vor X, wenn …; kann
        nicht glauben, was passiert sei): the rest of the Konjunktiv sentence is its message."""
        v = self.v
        for fr in self._frames_of.get(u, []):
            if fr.used or fr.kind != "verb" or fr.entry is None or fr.passive or not fr.source or fr.finite is None:
                continue
            if v.sub[fr.finite] and not self._konj2_only(fr.finite) or fr.layout == "vl":
                continue
            frame = set(fr.frame_tokens) | set(fr.cue) | set(fr.source)
            a, b = self._unit_ranges[u]
            msg = self._strip([i for i in range(a, self._trim_end(a, b)) if not v.space[i] and i not in frame])
            fins = [i for i in msg if v.tag[i] in FINITE and v.qid[i] < 0]
            if len([i for i in msg if v.tag[i][:1] != "$"]) < 3 or not any(v.sub[i] for i in fins):
                continue
            fr.used = True
            return Cand("indirect", fr.cue, fr.source, msg, fr.addressee, fr.frame_tokens, fr.mode,
                        rule="frame-rest", unit=u, verb=fr.entry)
        return None

    def _speaker_before(self, u: int, per_unit) -> tuple[list[int] | None, str]:
        """The subject of a speech verb in the one or two sentences before unit u."""
        for k in range(u - 1, max(-1, u - 3), -1):
            for fr in reversed(self._frames_of.get(k, [])):
                if fr.kind == "verb" and fr.entry is not None and fr.source and not fr.passive:
                    return fr.source, fr.mode
        if u > 0:
            # no speech verb: the subject of the sentence before, when it names someone (a name, a person or
            # institution noun phrase, a personal pronoun): `ROG gibt keine Entwarnung. Die Lage sei …`
            subject = self._unit_subject(*self._unit_ranges[u - 1])
            if subject:
                return subject, "speech"
        return None, "speech"

    def _unit_subject(self, a: int, b: int) -> list[int] | None:
        v = self.v
        segs = self._segments(a, self._trim_end(a, b))
        for k, seg in enumerate(segs):
            if self._subordinate(seg):
                continue
            toks = [i for i in range(seg.start, seg.end) if not v.space[i] and v.qid[i] < 0]
            fins = [i for i in toks if v.tag[i] in FINITE]
            if not fins:
                continue
            g = fins[0]
            fake = Frame("verb", [g], k, finite=g, layout=self._layout(seg, toks, g))
            source, _ = self._roles(fake, k, seg, toks, segs)
            if not source:
                return None
            if len(source) == 1 and v.tag[source[0]] in ("PPER",) and v.lower[source[0]] in ("er", "sie", "wir"):
                return source
            if any(v.tag[i] == "NE" for i in source) or v.lower[source[0]] in DEFINITE and \
                    any(v.tag[i] == "NN" and self._agentive(i) for i in source):
                return source
            return None
        return None

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

    def _speakerlike(self, source: list[int]) -> bool:
        """A name, a personal pronoun or a noun phrase headed by a person, group or institution noun."""
        v = self.v
        if any(v.tag[i] in ("NE", "FM") for i in source):
            return True
        if len(source) == 1 and v.tag[source[0]] in ("PPER", "PRELS", "PDS", "PIS"):
            return v.lower[source[0]] not in ("es",)
        nouns = [i for i in source if v.tag[i] == "NN"]
        return bool(nouns) and any(self._agentive(i) for i in nouns[:2])

    def _agentive(self, i: int) -> bool:
        """A noun that names a person, group or institution (by its head in the cue lexicon's agent list)."""
        return self.lex.agentive(self.v.lemma[i])

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

    def _after_quote(self) -> bool:
        u = self._u
        return u > 0 and any(not c.nested and c.source for c in self._per_unit[u - 1])

    def _pronoun_source(self, toks: list[int]) -> bool:
        v = self.v
        return len(toks) == 1 and v.tag[toks[0]] in PRONOUNS | {"ADV", "PAV", "PROAV", "PWAV"}

    def _konjunktiv_unit(self, a: int, b: int, strict: bool = False, chain: bool = False) -> bool:
        """Reported speech by mood: a Konjunktiv I finite verb (sei, habe, gebe) outside quotation marks; in a
        running chain also Konjunktiv II (wäre, würden) and the hearsay modal sollen (soll … haben)."""
        v = self.v
        fin = [i for i in range(a, b) if v.tag[i] in FINITE and v.qid[i] < 0]
        if not fin:
            return False
        if any(v.sub[i] and not self._konj2_only(i) for i in fin):
            return True
        if strict:
            return False
        if v.sub[fin[0]]:
            return True
        return chain and v.lemma[fin[0]] == "sollen"

    def _konj2_only(self, i: int) -> bool:
        return self.v.lower[i] in KONJ2
