"""Speakers and addressees: a frame's source (the subject in the prefield, after the finite verb or the
subordinator, a relative pronoun and its antecedent, a shared subject of coordinated clauses, `von X` in the
passive) and its addressee (dative/accusative object, `gegenüber X`), with the case tests they use."""

from __future__ import annotations

from lagebild.quotes.detect.records import Frame, Seg
from lagebild.quotes.detect.words import COORDINATORS, DAT_PRONOUNS, DEFINITE, NOM_PRONOUNS
from lagebild.quotes.tokens import DETS, FINITE, NOUNS, PRONOUNS


class SpeakerRules:
    """Mixin of `QuoteDetector` (reads the per-document state it sets: `self.v`, `self.lex`, …)."""

    def _roles(self, fr: Frame, s: int, seg: Seg, toks: list[int], segs: list[Seg] | None) -> tuple[list[int], list[int]]:
        v = self.v
        f = fr.finite
        entry = fr.entry
        # the verb's prepositional object does not attach to a noun phrase (sprach von X: not `der Minister von X`);
        # `aus` does (ein Sprecher aus Washington ließ verlauten), the source phrase `aus X` stands apart
        block = set(entry.preps) - {"aus"} if entry else set()
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
            after = [np for np in free if np[0] > first and np[0] < f and self._nominative(np)]
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
            after = [np for np in free if np[0] > f and self._nominative(np)]
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
        demonstrative = source is not None and source[1] - source[0] == 1 and v.tag[source[0]] == "PDS"
        if entry is not None and "aus" in entry.preps and (source is None or demonstrative and entry.needs_prep):
            # Dies geht aus einer Pressemitteilung des Konzerns hervor / aus Regierungskreisen verlautete: the
            # document or the circle named after `aus` is the source
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
        while k > 0 and segs[k].sep == "," and (self._subordinate(segs[k]) or self._np_only(segs[k]) or self._age(segs[k])):
            k -= 1
        if k == s:
            return None
        seg = segs[k]
        if seg.sep is not None:
            return None
        toks = [i for i in range(seg.start, seg.end) if not v.space[i]]
        if toks and v.lower[toks[0]] == "wie" and len(toks) > 1:
            # Wie der Sprecher, der …, mitteilte: the noun phrase after `wie`
            seg = Seg(toks[1], seg.end, seg.sep)
            toks = toks[1:]
        if not toks or self._has_finite(seg) or not self._np_only(seg):
            return None
        end = seg.end
        for j in range(k + 1, s):
            if self._np_only(segs[j]) and not self._subordinate(segs[j]) or self._age(segs[j]):
                end = segs[j].end
            else:
                break
        return (toks[0], end)

    def _age(self, seg: Seg) -> bool:
        """`Alice Klein, 30, sagte`: a number alone between commas is the age of the one named before it."""
        v = self.v
        toks = [i for i in range(seg.start, seg.end) if not v.space[i] and v.text[i] != ","]
        return len(toks) == 1 and v.tag[toks[0]] == "CARD" and v.text[toks[0]].isdigit() and len(v.text[toks[0]]) <= 3

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

    def _accusative(self, np: tuple[int, int]) -> bool:
        v = self.v
        for i in range(np[0], np[1]):
            case = v.case[i]
            if case:
                return "Acc" in case
        return v.lower[np[0]] in ("ihn", "sie", "uns", "mich", "dich", "euch")

    def _pronoun_source(self, toks: list[int]) -> bool:
        v = self.v
        return len(toks) == 1 and v.tag[toks[0]] in PRONOUNS | {"ADV", "PAV", "PROAV", "PWAV"}

    def _agentive(self, i: int) -> bool:
        """A noun that names a person, group or institution (by its head in the cue lexicon's agent list)."""
        return self.lex.agentive(self.v.lemma[i])
