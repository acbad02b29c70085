"""Clauses, predicates and noun phrases of a German sentence from STTS tags, lemmas and morphology.

No dependency parse is needed: German marks clause structure with
punctuation, subordinators, relative pronouns and the position of the finite
verb (V2 main clauses, verb-final subordinate clauses), and grammatical roles
with case (determiners, prepositions, pronouns). `analyse_sentence` cuts a
sentence into clauses:

* segments between commas, colons, dashes, brackets and quotation marks;
* a segment opened by a subordinator (dass, weil, als, nachdem, wenn …), a
  relative or interrogative pronoun (after a preposition too: "in dem") or
  um/ohne/statt … zu is a subordinate clause of the clause around it;
* a zu-infinitive without a finite verb is an infinitive clause;
* a segment that starts with a finite verb (V1) continues a main clause
  whose Vorfeld was split off ("Nachdem …, kam es …"; "Die Junta, die …,
  will …") or is a main clause of its own (", betonte Tillerson", ", sollte
  Nordkorea … starten" = conditional);
* a verbless segment (apposition, enumeration, right bracket "zusammen")
  joins the open clause;
* "und/oder/aber/sondern" followed by a finite verb coordinates clauses;
  without its own subject the new clause shares the previous one's.

Per clause: the verb complex (finite verb, modals, auxiliaries, participle,
infinitive, separable particle → full lemma "zusammenkommen"), voice
(werden + participle; sein + participle of a transitive verb), tense,
Konjunktiv, negation, and noun phrases with their preposition, possible
cases, genitive attachment and apposition links.
"""

from __future__ import annotations

from dataclasses import dataclass, field


FIN = {"VVFIN", "VAFIN", "VMFIN"}
INF = {"VVINF", "VAINF", "VMINF"}
IZU = {"VVIZU"}
PART = {"VVPP", "VAPP", "VMPP"}
VERB_TAGS = FIN | INF | IZU | PART | {"VVIMP", "VAIMP"}
LEXICAL_TAGS = {"VVFIN", "VVINF", "VVIZU", "VVPP", "VVIMP"}
DET_TAGS = {"ART", "PDAT", "PPOSAT", "PIAT", "PIDAT", "PWAT", "PRELAT"}
NOUN_TAGS = {"NN", "NE", "FM", "XY", "TRUNC"}
NP_TAGS = DET_TAGS | NOUN_TAGS | {"ADJA", "CARD"}
PRON_TAGS = {"PPER", "PDS", "PIS", "PRF"}
PREP_TAGS = {"APPR", "APPRART", "APPO"}
BOUNDARY_TEXT = {",", ";", ":", "–", "—", "-", "(", ")", "[", "]", "„", "“", "”", '"', "»", "«", "‚", "‘", "›", "‹",
                 "/", "…"}
QUOTE_OPEN = {"„", "»", "‚", "›"}
QUOTE_CLOSE = {"“", "”", "«", "‘", "‹"}
QUOTE_EITHER = {'"', "“", "”", "«", "»"}
COORD = {"und", "oder", "aber", "sondern", "doch", "sowie", "jedoch", "denn"}
SUBORDINATORS = {"dass", "daß", "weil", "als", "nachdem", "wenn", "falls", "obwohl", "obgleich", "ob", "während",
                 "da", "bevor", "ehe", "sofern", "soweit", "seit", "seitdem", "indem", "damit", "sodass",
                 "wie", "wo", "wobei", "wodurch", "womit", "weshalb", "warum", "wonach", "worauf", "woraufhin",
                 "solange", "sobald", "bis", "zumal", "wenngleich", "insofern", "ohne", "statt", "anstatt", "um"}
CONDITIONAL = {"wenn", "falls", "sofern", "soweit", "solange"}
INF_OPENERS = {"um", "ohne", "statt", "anstatt"}
NEGATORS = {"nicht", "nie", "niemals", "keineswegs", "keinesfalls", "weder", "nimmer"}
NEG_DETS = {"kein", "keine", "keinen", "keinem", "keiner", "keines"}
MODALS = {"müssen", "sollen", "wollen", "können", "dürfen", "mögen", "möchten"}
SUBJUNCTIVE_II = {"wäre", "wären", "wärst", "hätte", "hätten", "würde", "würden", "könnte", "könnten", "müsste",
                  "müssten", "müßte", "müßten", "dürfte", "dürften", "möchte", "möchten", "sollte", "sollten",
                  "wollte", "wollten"}
SUBJUNCTIVE_I_IRREG = {"sei", "seien", "seiest", "seiet"}
PERSONAL = {"ich", "du", "wir", "ihr"}

# cases a determiner/pronoun form can carry (UD values)
CASES: dict[str, frozenset[str]] = {k: frozenset(v) for k, v in {
    "der": "NGD", "die": "NA", "das": "NA", "den": "AD", "dem": "D", "des": "G",
    "ein": "NA", "eine": "NA", "einen": "A", "einem": "D", "einer": "GD", "eines": "G",
    "kein": "NA", "keine": "NA", "keinen": "AD", "keinem": "D", "keiner": "GD", "keines": "G",
    "dieser": "NGD", "diese": "NA", "dieses": "NAG", "diesen": "AD", "diesem": "D",
    "jener": "NGD", "jene": "NA", "jenes": "NAG", "jenen": "AD", "jenem": "D",
    "sein": "NA", "seine": "NA", "seinen": "AD", "seinem": "D", "seiner": "GD", "seines": "G",
    "ihr": "NAD", "ihre": "NA", "ihren": "AD", "ihrem": "D", "ihrer": "GD", "ihres": "G",
    "unser": "NAG", "unsere": "NA", "unseren": "AD", "unserem": "D", "unserer": "GD", "unseres": "G",
    "mein": "NA", "meine": "NA", "meinen": "AD", "meinem": "D", "meiner": "GD", "meines": "G",
    "ich": "N", "du": "N", "er": "N", "sie": "NA", "es": "NA", "wir": "N", "man": "N",
    "mich": "A", "dich": "A", "ihn": "A", "uns": "AD", "euch": "AD", "mir": "D", "dir": "D", "ihm": "D",
    "ihnen": "D", "sich": "AD", "alle": "NA", "allen": "AD", "viele": "NA", "vielen": "AD", "mehrere": "NA",
    "mehreren": "AD", "einige": "NA", "einigen": "AD", "weitere": "NA", "weiteren": "AD",
    "welche": "NA", "welcher": "NGD", "welchen": "AD", "welchem": "D", "denen": "D", "deren": "G", "dessen": "G",
    "jeder": "NGD", "jede": "NA", "jedes": "NAG", "jeden": "AD", "jedem": "D",
}.items()}
_CASE_NAMES = {"N": "Nom", "A": "Acc", "D": "Dat", "G": "Gen"}
CASES = {k: frozenset(_CASE_NAMES[c] for c in v) for k, v in CASES.items()}
ALL_CASES = frozenset({"Nom", "Acc", "Dat", "Gen"})
PREP_ALIASES = {"im": "in", "ins": "in", "am": "an", "ans": "an", "zum": "zu", "zur": "zu", "vom": "von",
                "beim": "bei", "aufs": "auf", "fürs": "für", "durchs": "durch", "übers": "über", "unterm": "unter",
                "hinterm": "hinter", "vorm": "vor"}


def lower(t) -> str:
    """Lower-cased form (tokens are `lagebild.events.fastdoc.FastTok`s, which carry it precomputed)."""
    return t.low


def lem(t) -> str:
    return t.lem


@dataclass
class NP:
    start: int  # token index (doc)
    end: int  # exclusive
    head: int
    prep: str | None = None
    cases: frozenset = ALL_CASES
    det: str | None = None
    neg: bool = False  # "kein"
    gen_of: int | None = None  # index (in clause.nps) of the NP this genitive depends on
    appos_of: int | None = None  # index of the NP this is an apposition of / coordinated with
    pronoun: bool = False
    adjs: list[int] = field(default_factory=list)  # ADJA tokens
    nouns: list[int] = field(default_factory=list)  # NN/NE tokens

    def tokens(self) -> range:
        return range(self.start, self.end)


@dataclass
class Clause:
    idx: int
    tokens: list[int]
    kind: str = "main"  # main, sub, rel, inf, cond
    opener: str | None = None
    opener_tok: int | None = None
    parent: int | None = None
    coord_of: int | None = None  # VP coordination: shares the subject of this clause
    v1: bool = False
    quoted: bool = False
    colon_before: bool = False  # the clause starts right after a colon ("…, sagte er: „…“")
    # verb complex
    fin: int | None = None
    verbs: list[int] = field(default_factory=list)
    lexical: int | None = None
    particle: int | None = None
    lemma: str | None = None  # full lemma of the lexical verb
    aux_lemmas: list[str] = field(default_factory=list)
    modals: list[str] = field(default_factory=list)
    passive: bool = False
    tense: str = "present"
    subjunctive: bool = False
    negation: list[int] = field(default_factory=list)
    reflexive: bool = False
    nps: list[NP] = field(default_factory=list)
    preps: set[str] = field(default_factory=set)
    children: list[int] = field(default_factory=list)

    @property
    def start(self) -> int:
        return self.tokens[0]

    @property
    def end(self) -> int:
        return self.tokens[-1] + 1


# ---------------------------------------------------------------------------- segmentation


def _is_boundary(t) -> bool:
    if t.text in QUOTE_OPEN or t.text in QUOTE_CLOSE or t.text in QUOTE_EITHER or t.text == "'":
        return False  # quotation marks do not cut clauses: commas and colons around them do
    return t.text in BOUNDARY_TEXT or t.tag_ == "$," or t.tag_ == "$(" or (t.tag_ == "$." and t.text in (":", ";"))


def _opener(doc, toks: list[int]) -> tuple[str | None, str | None, int | None]:
    """(kind, opener word, token) of a segment: sub/rel/inf openers, else (None, None, None)."""
    i = 0
    # skip quotes and sentence-initial coordinators are not openers
    while i < len(toks) and doc[toks[i]].tag_ in ("$(",):
        i += 1
    if i >= len(toks):
        return None, None, None
    t = doc[toks[i]]
    tl = lower(t)
    if tl == "so" and not any(doc[j].tag_ in FIN for j in toks):
        return None, None, None
    if t.tag_ == "KOUS" or (tl in SUBORDINATORS and t.tag_ in ("KOUS", "KOKOM") and tl not in ("als", "wie")):
        return ("cond" if tl in CONDITIONAL else "sub"), tl, toks[i]
    if t.tag_ == "KOUI" or (tl in INF_OPENERS and any(doc[j].tag_ in IZU or doc[j].tag_ == "PTKZU" for j in toks)):
        return "inf", tl, toks[i]
    if t.tag_ in ("PRELS", "PRELAT"):
        return "rel", tl, toks[i]
    # a relative pronoun tagged as article: ", das X zugeschrieben wird" (verb-final, one finite verb)
    if t.tag_ == "ART" and tl in ("der", "die", "das", "dem", "den", "denen", "deren", "dessen") and i == 0 and \
            doc[toks[-1]].tag_ in FIN and sum(1 for j in toks if doc[j].tag_ in FIN) == 1 and len(toks) >= 3 and \
            toks[0] > 0 and doc[toks[0] - 1].text == "," and toks[0] > 1 and doc[toks[0] - 2].tag_ in NOUN_TAGS:
        return "rel", tl, toks[i]
    if t.tag_ in ("PWAV", "PWS", "PWAT") and i == 0:
        return "sub", tl, toks[i]
    if t.tag_ in PREP_TAGS and i + 1 < len(toks):
        n = doc[toks[i + 1]]
        if n.tag_ in ("PRELS", "PRELAT"):
            return "rel", lower(n), toks[i + 1]
        if n.tag_ in ("PRELS", "PDS", "ART") and i + 2 < len(toks) and lower(n) in ("dem", "der", "denen", "deren",
                                                                                     "dessen", "welchem", "welcher",
                                                                                     "welchen") and \
                doc[toks[-1]].tag_ in FIN and not any(doc[j].tag_ in FIN for j in toks[:-1]):
            return "rel", lower(n), toks[i + 1]
    return None, None, None


def _split_coordination(doc, toks: list[int], clauses) -> list[tuple[list[int], bool]]:
    """Split a segment at coordinators joining two clauses (a finite verb on both sides).

    Returns [(tokens, shares_subject)]: shares_subject is True for a piece
    after the coordinator that starts (after adverbs) with its finite verb."""
    pieces: list[tuple[list[int], bool]] = []
    cur: list[int] = []
    shares = False
    for k, i in enumerate(toks):
        t = doc[i]
        # "… abgelehnt und das Nachbarland aufgefordert": two participles/infinitives share the auxiliary
        if t.tag_ == "KON" and lower(t) in ("und", "oder", "sowie", "aber") and cur and \
                doc[cur[-1]].tag_ in ("VVPP", "VVINF", "PTKVZ") and \
                any(doc[j].tag_ in ("VVPP", "VVINF") for j in toks[k + 1:]) and \
                not any(doc[j].tag_ in FIN for j in toks[k + 1:]) and \
                (any(doc[j].tag_ in FIN for j in cur) or (clauses and clauses[-1].tokens)):
            pieces.append((cur, shares))
            cur = [i]
            shares = True
            continue
        if t.tag_ == "KON" and lower(t) in COORD and cur and any(doc[j].tag_ in FIN for j in cur):
            rest = toks[k + 1:]
            fin_pos = next((p for p, j in enumerate(rest) if doc[j].tag_ in FIN), None)
            if fin_pos is not None:
                before = rest[:fin_pos]
                nominal = [j for j in before if doc[j].tag_ in NOUN_TAGS or doc[j].tag_ in ("PPER", "PDS", "PIS")]
                verb_final = fin_pos == len(rest) - 1 or all(doc[j].tag_ in VERB_TAGS | {"PTKVZ"}
                                                               for j in rest[fin_pos:])
                first_fin = next(p for p, j in enumerate(cur) if doc[j].tag_ in FIN)
                prev_final = all(doc[j].tag_ in VERB_TAGS | {"PTKVZ"} for j in cur[first_fin:])
                pieces.append((cur, shares))
                cur = [i]
                # V2: "… und müssen sofort aufhören" (no subject before the verb) shares the subject;
                # verb-final clauses coordinated ("die … nennt und … ausübt") share it too
                shares = (not nominal) or (verb_final and prev_final and not any(
                    lower(doc[j]) in ("er", "sie", "es", "wir", "ich", "man") for j in before))
                continue
        cur.append(i)
    if cur:
        pieces.append((cur, shares))
    if pieces and pieces[0][1] is False and len(pieces) >= 1 and toks and doc[toks[0]].tag_ == "KON" and \
            lower(doc[toks[0]]) in COORD and clauses:
        # a segment opening with "und"/"sondern" + finite verb after a comma: coordinated with the clause before
        rest = toks[1:]
        fin_pos = next((p for p, j in enumerate(rest) if doc[j].tag_ in FIN), None)
        if fin_pos is not None and not [j for j in rest[:fin_pos] if doc[j].tag_ in NOUN_TAGS | PRON_TAGS]:
            pieces[0] = (pieces[0][0], True)
    return pieces


def segment(doc, start: int, end: int) -> list[tuple[list[int], str | None]]:
    """Segments of the sentence [start, end) between clause punctuation: (tokens, boundary before it)."""
    segs: list[tuple[list[int], str | None]] = []
    cur: list[int] = []
    before: str | None = None
    for i in range(start, end):
        t = doc[i]
        if t.is_space:
            continue
        if _is_boundary(t):
            if cur:
                segs.append((cur, before))
                cur = []
            before = t.text
            continue
        if t.tag_ == "$." and t.text in (".", "!", "?", "…"):
            if cur and i < end - 1:
                segs.append((cur, before))
                cur = []
                before = "."
            continue
        if t.tag_ == "$(" or t.text in QUOTE_OPEN or t.text in QUOTE_CLOSE or t.text in QUOTE_EITHER:
            continue  # quotation marks: kept out of the clause tokens
        cur.append(i)
    if cur:
        segs.append((cur, before))
    return segs


def build_clauses(doc, start: int, end: int, quoted_fn=None) -> list[Clause]:
    clauses: list[Clause] = []
    open_main: int | None = None  # index of the current main clause
    stack: list[int] = []  # open subordinate clauses (verb not yet seen)
    for seg, before in segment(doc, start, end):
        n_before = len(clauses)
        for piece, shares in _split_coordination(doc, seg, clauses):
            kind, word, otok = _opener(doc, piece)
            has_fin = any(doc[i].tag_ in FIN for i in piece)
            has_verb = any(doc[i].tag_ in VERB_TAGS for i in piece)
            has_izu = any(doc[i].tag_ in IZU or doc[i].tag_ == "PTKZU" for i in piece)
            first = next((doc[i] for i in piece if doc[i].tag_ not in ("$(",)), None)
            quoted = bool(quoted_fn(piece[0])) if quoted_fn else False
            if shares and clauses:
                prev = clauses[-1]
                # "Merkel lobte Macron, der …, und kritisierte Trump": V2 coordination continues the main clause
                verb_final = doc[piece[-1]].tag_ in FIN and not any(doc[i].tag_ in FIN for i in piece[:-1])
                if prev.kind in ("rel", "sub", "cond") and not verb_final and open_main is not None:
                    prev = clauses[open_main]
                c = Clause(len(clauses), piece, kind=prev.kind, opener=prev.opener, parent=prev.parent,
                           coord_of=prev.idx, quoted=quoted)
                if prev.kind == "main":
                    open_main = c.idx
                clauses.append(c)
                continue
            if kind is not None:
                if kind == "inf":
                    parent = clauses[-1].idx if clauses else None
                else:
                    parent = stack[-1] if stack else open_main
                c = Clause(len(clauses), piece, kind=kind, opener=word, opener_tok=otok, parent=parent, quoted=quoted)
                clauses.append(c)
                if has_fin or kind == "inf":
                    stack = [s for s in stack if s != c.idx]
                else:
                    stack.append(c.idx)
                continue
            # ", … und Wahlen abhalten": a coordinated infinitive/participle joins the clause with the same
            # verb form ("sollte … vereinbaren … und Wahlen abhalten")
            if not has_fin and not has_izu and clauses and kind is None and first is not None and \
                    first.tag_ == "KON" and doc[piece[-1]].tag_ in ("VVINF", "VVPP"):
                form = doc[piece[-1]].tag_
                prev = next((d for d in reversed(clauses)
                             if any(doc[i].tag_ == form for i in d.tokens)), None)
                if prev is not None:
                    c = Clause(len(clauses), piece, kind=prev.kind, opener=prev.opener, parent=prev.parent,
                               coord_of=prev.idx, quoted=quoted)
                    clauses.append(c)
                    continue
            if not has_fin and not has_izu and clauses and kind is None and \
                    any(doc[i].tag_ in ("VVPP", "VVINF") for i in piece) and \
                    doc[piece[-1]].tag_ in ("VVPP", "VVINF", "VAINF", "VMINF") and \
                    clauses[-1].kind in ("main", "inf") and \
                    any(doc[i].tag_ in ("VVPP", "VVINF") for i in clauses[-1].tokens) and \
                    doc[clauses[-1].tokens[-1]].tag_ in ("VVPP", "VVINF", "VAINF", "VMINF", "PTKVZ"):
                prev = clauses[-1]
                c = Clause(len(clauses), piece, kind=prev.kind, opener=prev.opener, parent=prev.parent,
                           coord_of=prev.idx, quoted=quoted)
                clauses.append(c)
                continue
            if not has_fin and has_izu:
                parent = clauses[-1].idx if clauses else None
                clauses.append(Clause(len(clauses), piece, kind="inf", opener="zu", parent=parent, quoted=quoted))
                continue
            starts_fin = first is not None and first.tag_ in FIN
            # a sub clause still waiting for its verb takes a verb-final piece
            if has_fin and stack and not any(doc[i].tag_ in FIN for i in clauses[stack[-1]].tokens) and \
                    doc[piece[-1]].tag_ in FIN | PART | INF | {"PTKVZ"}:
                clauses[stack[-1]].tokens.extend(piece)
                stack.pop()
                continue
            if starts_fin:
                # V1: continue a main clause still without finite verb, else a new main clause
                if open_main is not None and not any(doc[i].tag_ in FIN for i in clauses[open_main].tokens):
                    clauses[open_main].tokens.extend(piece)
                    stack = []
                    continue
                kindv1 = "main"
                word1 = None
                if lower(first) in ("sollte", "sollten") and not quoted:
                    kindv1, word1 = "cond", "sollte"
                c = Clause(len(clauses), piece, kind=kindv1, opener=word1, v1=True, quoted=quoted,
                           parent=open_main if kindv1 == "cond" else None)
                clauses.append(c)
                stack = []
                if kindv1 == "main":
                    open_main = c.idx
                continue
            if has_fin:
                c = Clause(len(clauses), piece, kind="main", quoted=quoted)
                clauses.append(c)
                open_main = c.idx
                stack = []
                continue
            # ", so Rice." – a speech tag without verb
            if first is not None and lower(first) == "so" and first.tag_ in ("ADV", "KOUS") and len(piece) >= 2 and \
                    before == "," and doc[piece[1]].tag_ in NP_TAGS | {"ADJA"} and \
                    all(doc[i].tag_ in NP_TAGS | {"ADV", "$(", "PPOSAT", "APPR", "APPRART", "ADJA"} for i in piece[1:]):
                c = Clause(len(clauses), piece, kind="main", opener="so", quoted=quoted)
                clauses.append(c)
                continue
            # no finite verb: apposition, enumeration, right bracket, or a main clause's Vorfeld
            target = stack[-1] if stack else open_main
            if target is None:
                c = Clause(len(clauses), piece, kind="main", quoted=quoted)
                clauses.append(c)
                open_main = c.idx
            else:
                clauses[target].tokens.extend(piece)
        if before == ":" and len(clauses) > n_before:
            clauses[n_before].colon_before = True
    # a subordinate clause before its main clause ("Nachdem …, kam es …") belongs to the next main clause
    for c in clauses:
        if c.parent is None and c.kind in ("sub", "cond", "rel", "inf"):
            nxt = next((d for d in clauses[c.idx + 1:] if d.kind == "main"), None)
            if nxt is not None:
                c.parent = nxt.idx
    for c in clauses:
        c.tokens.sort()
        if c.parent is not None and c.parent != c.idx:
            clauses[c.parent].children.append(c.idx)
        elif c.parent == c.idx:
            c.parent = None
    return clauses


# ---------------------------------------------------------------------------- verb complex


def _present_form(form: str, lemma: str) -> bool:
    stem = lemma[:-2] if lemma.endswith("en") else lemma[:-1] if lemma.endswith("n") else lemma
    f = form.lower()
    if not f.startswith(stem[:max(2, len(stem) - 1)]):
        return False
    rest = f[len(stem):] if f.startswith(stem) else None
    if rest is None:
        return False
    return rest in ("", "e", "st", "t", "en", "et", "n", "est")


def analyse_verbs(doc, c: Clause) -> None:
    verbs = [i for i in c.tokens if doc[i].tag_ in VERB_TAGS]
    c.verbs = verbs
    fins = [i for i in verbs if doc[i].tag_ in FIN]
    c.fin = fins[0] if fins else None
    lexicals = [i for i in verbs if doc[i].tag_ in LEXICAL_TAGS]
    # the lexical verb: the last lexical verb of the verb complex (participle/infinitive after a finite aux)
    c.lexical = lexicals[-1] if lexicals else None
    aux = [i for i in verbs if doc[i].tag_[:2] in ("VA", "VM")]
    c.aux_lemmas = [lem(doc[i]) for i in aux]
    c.modals = [lem(doc[i]) for i in aux if doc[i].tag_.startswith("VM") or lem(doc[i]) in MODALS]
    particles = [i for i in c.tokens if doc[i].tag_ == "PTKVZ"]
    lemma = None
    if c.lexical is not None:
        lx = doc[c.lexical]
        lemma = lem(lx)
        if lx.tag_ in ("VVFIN", "VVIMP") and particles:
            after = [p for p in particles if p > c.lexical] or particles
            c.particle = after[0]
            lemma = lem(doc[c.particle]) + lemma
        c.lemma = lemma
    elif aux:
        # copula or auxiliary alone (ist …, hat …): lemma of the last auxiliary
        c.lemma = lem(doc[aux[-1]])
        if particles:
            c.particle = particles[0]
    # voice
    auxl = c.aux_lemmas
    has_part = any(doc[i].tag_ == "VVPP" for i in verbs)
    forms = {lower(doc[i]) for i in verbs}
    if has_part and ("werden" in auxl and ("worden" in forms or not any(
            doc[i].tag_ in ("VVINF",) for i in verbs))):
        # werden + participle = passive; "worden" = perfect passive
        c.passive = "werden" in auxl and not _werden_is_future_perfect(doc, c)
    c.tense = _tense(doc, c, forms, has_part)
    c.subjunctive = _subjunctive(doc, c)
    words = {lower(doc[i]) for i in c.tokens}
    c.reflexive = any(doc[i].tag_ == "PRF" or (lower(doc[i]) == "sich") for i in c.tokens) or (
        ("wir" in words and "uns" in words) or ("ich" in words and ("mich" in words or "mir" in words)))
    # negation
    negs = []
    for k, i in enumerate(c.tokens):
        t = doc[i]
        tl = lower(t)
        if tl in NEGATORS or t.tag_ == "PTKNEG":
            nxt = doc[i + 1] if i + 1 < len(doc) else None
            if nxt is not None and lower(nxt) in ("nur", "zuletzt", "allein", "einmal", "mehr", "erst"):
                if lower(nxt) == "mehr":
                    negs.append(i)
                continue
            negs.append(i)
        elif tl in NEG_DETS:
            negs.append(i)
        elif tl in ("niemand", "nichts"):
            negs.append(i)
    c.negation = negs


def _werden_is_future_perfect(doc, c: Clause) -> bool:
    # "wird … getroffen haben" (future perfect) — rare; treat as active
    return any(lem(doc[i]) == "haben" and doc[i].tag_ == "VAINF" for i in c.verbs)


def _tense(doc, c: Clause, forms: set[str], has_part: bool) -> str:
    if c.fin is None:
        return "none"
    f = doc[c.fin]
    fl = lower(f)
    fle = lem(f)
    infs = [i for i in c.verbs if doc[i].tag_ in INF]
    if fle == "werden" and infs and not has_part:
        return "future"
    if fle == "werden" and infs and has_part and any(lem(doc[i]) in ("haben", "sein") for i in infs):
        return "future"
    if fle in ("haben", "sein") and (has_part or any(doc[i].tag_ in ("VAPP", "VMPP") for i in c.verbs)):
        if fl in ("hatte", "hatten", "hattest", "war", "waren", "warst", "wart"):
            return "pluperfect"
        return "perfect"
    if fle == "werden" and has_part:
        if "worden" in forms:
            if any(lem(doc[i]) == "sein" and doc[i].tag_ == "VAFIN" and lower(doc[i]) in ("war", "waren")
                   for i in c.verbs):
                return "pluperfect"
            return "perfect"
        return "past" if fl in ("wurde", "wurden", "wurdest") else "present"
    morph = f.morph.get("Tense") if hasattr(f, "morph") else []
    if morph:
        return "past" if "Past" in morph else "present"
    if fl in ("war", "waren", "hatte", "hatten", "wurde", "wurden", "musste", "mussten", "sollte", "sollten",
              "wollte", "wollten", "konnte", "konnten", "durfte", "durften"):
        return "past"
    if f.tag_ == "VVFIN":
        return "present" if _present_form(f.text, fle) else "past"
    return "present"


def _subjunctive(doc, c: Clause) -> bool:
    if c.fin is None:
        return False
    f = doc[c.fin]
    mood = f.morph.get("Mood") if hasattr(f, "morph") else []
    if mood:
        return "Sub" in mood
    fl = lower(f)
    if fl in SUBJUNCTIVE_I_IRREG or fl in SUBJUNCTIVE_II - {"sollte", "sollten", "wollte", "wollten"}:
        return True
    # Konjunktiv I: stem + e (habe, werde, müsse, gebe) unless 1st person
    le = lem(f)
    stem = le[:-2] if le.endswith("en") else le[:-1] if le.endswith("n") else le
    if le in ("haben", "werden") and fl in ("habe", "werde"):
        return not any(lower(doc[i]) == "ich" for i in c.tokens)
    if fl in ("müsse", "könne", "solle", "wolle", "dürfe", "möge"):
        return True
    if f.tag_ == "VVFIN" and fl == stem + "e" and le not in ("sein",):
        return not any(lower(doc[i]) == "ich" for i in c.tokens)
    if fl == stem + "en" and fl != le:
        return False
    return False


# ---------------------------------------------------------------------------- noun phrases


def _token_cases(t) -> frozenset | None:
    m = t.morph.get("Case") if hasattr(t, "morph") else []
    if m:
        return frozenset(m)
    return None


def chunk_nps(doc, c: Clause, mention_span, title_fn=None) -> None:
    """Noun phrases of a clause. ``mention_span(i)`` gives the (start, end) token span of an actor mention."""
    toks = c.tokens
    nps: list[NP] = []
    k = 0
    prep: str | None = None
    prev_end_tok: int | None = None
    coord_pending = False
    while k < len(toks):
        i = toks[k]
        t = doc[i]
        tag = t.tag_
        if tag in PREP_TAGS:
            prep = PREP_ALIASES.get(lower(t), lem(t) if t.lemma_ else lower(t))
            prep = PREP_ALIASES.get(prep, prep)
            c.preps.add(prep)
            coord_pending = False
            k += 1
            continue
        if tag == "KON" and nps and prev_end_tok is not None and prev_end_tok == i - 1 and lower(t) in (
                "und", "oder", "sowie", "noch"):
            coord_pending = True
            k += 1
            continue
        if tag == "KON" and lower(t) in ("sowohl", "weder", "als") and k + 1 < len(toks):
            k += 1
            continue
        if tag in NP_TAGS or tag in PRON_TAGS or mention_span(i) is not None:
            if tag in PRON_TAGS and tag != "PPER" and lower(t) not in ("man",) and tag != "PDS":
                if tag == "PRF":
                    k += 1
                    continue
            start = i
            j = k
            det = None
            neg = False
            adjs: list[int] = []
            nouns: list[int] = []
            pronoun = tag in PRON_TAGS
            last_noun = None
            while j < len(toks):
                ti = toks[j]
                tt = doc[ti]
                tg = tt.tag_
                span = mention_span(ti)
                if span is not None and ti == span[0] and nouns and last_noun is not None and \
                        (tg in ("ART",) or (doc[nouns[-1]].tag_ == "NN" and title_fn is not None and
                                            not title_fn(nouns[-1]) and mention_span(nouns[-1]) is None and
                                            not (span[1] - span[0] == 1 and doc[ti].text.endswith("s")))):
                    break  # "bei einem Luftangriff | Qasem Soleimani" (but "UN-Generalsekretär Kofi Annan")
                if span is not None:
                    # swallow the whole actor mention
                    end_m = span[1]
                    while j < len(toks) and toks[j] < end_m:
                        if doc[toks[j]].tag_ in NOUN_TAGS:
                            nouns.append(toks[j])
                        j += 1
                    last_noun = end_m - 1
                    if j < len(toks) and doc[toks[j]].tag_ in ("NE",) and mention_span(toks[j]) is None:
                        continue
                    # postposed genitive name: "die Regierung Japans", "das Raketenprogramm Nordkoreas"
                    if j < len(toks) and toks[j] == end_m and doc[toks[j]].tag_ == "NE" and \
                            doc[toks[j]].text.endswith("s") and mention_span(toks[j]) is not None and \
                            mention_span(toks[j])[1] - mention_span(toks[j])[0] == 1 and \
                            doc[end_m - 1].tag_ == "NN":
                        continue
                    # Saxon genitive: "Kenias Regierung", "Georgiens Präsident", "Nordkoreas Drohungen"
                    if j < len(toks) and toks[j] == end_m and doc[end_m - 1].text.endswith("s") and \
                            doc[end_m - 1].tag_ in ("NE", "NN") and not det and \
                            doc[toks[j]].tag_ in ("NN", "NE", "ADJA") and lower(doc[toks[j]]) not in ("und", "oder"):
                        continue
                    break
                if pronoun:
                    j += 1
                    break
                if tg in DET_TAGS:
                    if nouns:
                        break  # a new NP (genitive or next object) starts
                    if det is None:
                        det = lower(tt)
                        neg = det in NEG_DETS
                    j += 1
                    continue
                if tg == "KON" and not nouns and (adjs or det) and j + 1 < len(toks) and \
                        doc[toks[j + 1]].tag_ == "ADJA" and lower(tt) in ("und", "oder", "sowie"):
                    j += 1
                    continue
                # "die türkische und die griechische Volksgruppe"
                if tg == "KON" and not nouns and adjs and j + 2 < len(toks) and lower(tt) in ("und", "oder") and \
                        doc[toks[j + 1]].tag_ == "ART" and doc[toks[j + 2]].tag_ == "ADJA":
                    j += 2
                    continue
                if tg in ("ADJA", "CARD", "ADJD") and not nouns:
                    if tg == "ADJD" and not (j + 1 < len(toks) and doc[toks[j + 1]].tag_ in ("ADJA", "NN", "NE")):
                        break
                    if tg == "ADJA":
                        adjs.append(ti)
                    j += 1
                    continue
                if tg == "ADV" and not nouns and j + 1 < len(toks) and doc[toks[j + 1]].tag_ == "ADJA":
                    j += 1
                    continue
                # "der als gemäßigt geltende frühere Präsident"
                if lower(tt) == "als" and not nouns and (det or adjs) and j + 2 < len(toks) and \
                        doc[toks[j + 1]].tag_ in ("ADJD", "ADV") and doc[toks[j + 2]].tag_ == "ADJA":
                    j += 2
                    continue
                if tg in ("TRUNC",):
                    nouns.append(ti)
                    j += 1
                    # "Verteidigungs- und Außenministern"
                    if j < len(toks) and doc[toks[j]].tag_ == "KON":
                        j += 1
                    continue
                if tg in NOUN_TAGS:
                    if nouns and tg == "NN" and doc[nouns[-1]].tag_ == "NN" and not doc[nouns[-1]].text.endswith("-"):
                        break
                    if nouns and tg == "NE" and doc[nouns[-1]].tag_ in ("NE", "NN") and \
                            lower(doc[ti]).endswith("s") and doc[nouns[-1]].tag_ == "NN":
                        # genitive name after a noun: "Besitzansprüche Japans" — keep inside (embedded)
                        nouns.append(ti)
                        last_noun = ti
                        j += 1
                        continue
                    nouns.append(ti)
                    last_noun = ti
                    j += 1
                    continue
                break
            end = toks[j - 1] + 1 if j > k else i + 1
            if j == k:
                k += 1
                continue
            if not nouns and not pronoun:
                # determiner/adjective without a noun (substantivised or elliptic)
                if det is None and not adjs:
                    k = j
                    continue
            head = nouns[-1] if nouns else (toks[j - 1])
            np = NP(start, end, head, prep=prep, det=det, neg=neg, pronoun=pronoun and not nouns, adjs=adjs,
                    nouns=nouns)
            np.cases = _np_cases(doc, np, prep)
            # genitive attachment: a genitive-only NP (or der/des after a noun, no preposition) right after an NP
            if nps and prep is None and prev_end_tok is not None and prev_end_tok == start - 1 and \
                    (det in ("des", "eines", "dieses", "seines", "ihres") or (
                        det in ("der", "einer") and doc[nps[-1].head].tag_ == "NN")) and not coord_pending:
                np.gen_of = len(nps) - 1
                np.cases = frozenset({"Gen"})
                np.prep = nps[-1].prep
            elif nps and prep is None and det is None and prev_end_tok is not None and prev_end_tok == start - 1 and \
                    adjs and adjs[0] == start and lower(doc[start]).endswith("er") and \
                    doc[nps[-1].head].tag_ == "NN" and not coord_pending:
                np.gen_of = len(nps) - 1
                np.cases = frozenset({"Gen"})
                np.prep = nps[-1].prep
            elif nps and nps[-1].pronoun and prev_end_tok == start - 1 and prep is None and \
                    lower(doc[nps[-1].start]) in ("wir", "ihr", "uns", "euch"):
                np.appos_of = len(nps) - 1  # "wir Deutsche", "wir Moslems"
                np.cases = nps[-1].cases
            elif coord_pending and nps:
                np.appos_of = nps[-1].appos_of if nps[-1].appos_of is not None else len(nps) - 1
                np.prep = nps[-1].prep if prep is None or prep == nps[-1].prep else prep
                if prep is None:
                    np.prep = nps[-1].prep
                np.cases = np.cases & nps[-1].cases or np.cases
            nps.append(np)
            prev_end_tok = end - 1
            coord_pending = False
            prep = None
            k = j
            continue
        # anything else ends a PP/NP context
        if tag not in ("ADV", "PTKNEG", "ADJD"):
            prep = None if tag not in ("$(",) else prep
        coord_pending = False
        prev_end_tok = None if tag not in ("$(",) else prev_end_tok
        k += 1
    # appositions across commas: an NP starting a verbless piece right after a comma following an NP
    for n_i, np in enumerate(nps):
        if n_i == 0 or np.appos_of is not None or np.gen_of is not None:
            continue
        prev = nps[n_i - 1]
        gap = range(prev.end, np.start)
        if gap and all(doc[g].tag_ in ("$,", "$(") or doc[g].text in (",", "(") for g in gap) and \
                doc[np.head].tag_ in ("NE", "NN") and np.prep is None and (
                    np.det is None or prev.det is None or doc[np.head].tag_ == "NE"):
            np.appos_of = prev.appos_of if prev.appos_of is not None else n_i - 1
            np.prep = prev.prep
            np.cases = prev.cases
    c.nps = nps


def _np_cases(doc, np: NP, prep: str | None) -> frozenset:
    if prep is not None:
        return frozenset({"Obl"})
    cases = None
    if np.pronoun:
        cases = CASES.get(lower(doc[np.start]))
    elif np.det is not None:
        cases = CASES.get(np.det)
    for i in (np.head, np.start):
        m = _token_cases(doc[i])
        if m:
            cases = m if cases is None else (cases & m) or cases
            break
    if cases is None:
        # bare noun: a plural/mass noun or a name – any case, but "-s" names after nouns are genitive
        cases = ALL_CASES - {"Gen"}
        # adjective endings: -en without determiner → dative plural/…; -e/-er → nominative possible
    return cases


# ---------------------------------------------------------------------------- entry point


def analyse_sentence(doc, start: int, end: int, mention_span, quoted_fn=None, title_fn=None) -> list[Clause]:
    clauses = build_clauses(doc, start, end, quoted_fn)
    for c in clauses:
        analyse_verbs(doc, c)
        if c.fin is None and c.coord_of is not None:
            src = clauses[c.coord_of]
            if src.fin is not None:
                # shares the auxiliary: "hat … abgelehnt und … aufgefordert"
                c.aux_lemmas = list(src.aux_lemmas)
                c.modals = list(src.modals)
                c.tense = src.tense
                c.subjunctive = src.subjunctive
                c.passive = src.passive and any(doc[i].tag_ == "VVPP" for i in c.verbs)
                c.fin = None
        elif c.fin is None and c.kind == "main" and c.lexical is not None and doc[c.lexical].tag_ == "VVPP":
            # headline style: "Soleimani von US-Militär getötet" = passive
            c.passive = True
            c.tense = "perfect"
        chunk_nps(doc, c, mention_span, title_fn)
    return clauses
