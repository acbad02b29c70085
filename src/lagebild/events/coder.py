"""The event coder: clauses + actors + the event dictionary → PLOVER/CAMEO events.

For each sentence (`clauses.analyse_sentence`):

1. roles: the subject of each clause (case, position, actor mentions; the
   antecedent for a relative pronoun, the controller for a zu-infinitive, the
   shared subject of coordinated clauses, pronouns resolved to the last
   fitting actor), objects, prepositional phrases, the agent of a passive
   (von/durch), actors embedded in genitives and attached phrases;
2. speech: verbs of saying (and ", so X") make the clauses they introduce or
   follow the content of a speaker; content clauses are reported, demands in
   them (müssen/sollen with an actor subject) are REQUEST by the speaker,
   evaluations ("nicht akzeptabel") ACCUSE by the speaker, announcements of
   the speaker's own acts (werde/will …) promises or threats;
3. predicates: verb frames (lemma with particle, reflexive, preposition,
   object noun, negation), idioms (noun + verb), evaluative adjectives, and
   event nouns (with their own actors or the subject of a light verb);
4. complements: request/reject/threat/offer/intent/decide verbs combine with
   the event of their zu-infinitive or dass-clause (drohen + angreifen →
   THREATEN 138; beschließen + Kooperation ausbauen → AGREE 0312);
5. modality (asserted / future / hypothetical / reported, as
   event-annotation.md defines them), negation, date (`lagebild.time`: the
   time in the clause or the clauses above it, else the default of
   time/data/rules.yaml — null), location ("in Washington").

Participants carry the actor layer's codes. An actor without a country code
(a group, an unnamed person: "Demonstranten", "die Polizei") takes the country
of the place in its phrase or clause, else the article's main country, as the
annotation does; international bodies, NGOs and phrases marked
"international" keep none. Actors the actor layer did not know are read from
the phrase itself: demonyms ("israelisches Territorium"), compound prefixes
("NATO-Angriffe"), names in quotation marks, anaphoric phrases ("die
Organisation", "sein Land"); victims and places named by people/place nouns
are targets of acts of force. An agentless passive takes the implicit agent
of its verb ("festgenommen" → the police of the place) or, for acts of force,
the agent of the same kind of act just before.

Verbal events (statements, demands, agreements: CAMEO 03–13) need a source;
acts (14–20) are kept with a target alone. One event per (type, source
actors, target actors, date); a mention of the same act with fewer
participants known (in the same sentence, or by the same verb or noun) is the
same event.
"""

from __future__ import annotations

import datetime as _dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Iterable

from lagebild.events.clauses import NOUN_TAGS, NP, Clause, analyse_sentence, lem, lower
from lagebild.events.fastdoc import FastDoc
from lagebild.events.lexicon import Entry, EventLexicon, fold
from lagebild.events.record import Event, Participant
from lagebild.time.tagger import TimeExpression, TimeTagger, default_tagger

_MISSING = object()
HOSTILE_ROOTS = {"13", "14", "15", "16", "17", "18", "19", "20"}
COOP_ROOTS = {"03", "05", "06", "07", "08"}
LOC_PREPS = {"in", "an", "bei", "nach", "aus", "vor", "über", "zwischen", "auf"}
REPORT_PREPS = {"laut", "zufolge", "gemäß"}
REPORT_NOUNS = {"angabe", "angaben", "bericht", "berichten", "informationen", "information", "ansicht", "auffassung",
                "meinung", "einschätzung", "darstellung", "aussage", "aussagen", "medienbericht", "medienberichten"}
OPINION_NOUNS = {"ansicht", "auffassung", "meinung", "einschätzung", "überzeugung"}
HYPO_ADVS = {"möglicherweise", "eventuell", "vielleicht", "womöglich", "unter umständen", "gegebenenfalls",
             "notfalls", "theoretisch"}
REPORT_ADVS = {"angeblich", "mutmaßlich", "vermutlich", "offenbar", "offensichtlich", "anscheinend", "berichten"}
SPEAKER_PRONOUNS = {"ich", "wir", "man", "uns", "mich", "mir", "unser", "unsere"}
PERSON_PRONOUNS = {"er", "ihn", "ihm", "seiner"}
ANY_PRONOUNS = {"sie", "ihr", "ihnen", "dieser", "diese", "dieses", "jener", "jene", "es", "diesen", "diesem"}
EXPLETIVE = {"es"}
REQUEST_MODALS = {"müssen", "sollen"}
# intention transforms: CAMEO code of an act → code of the announcement/promise/threat of it
THREAT_OF = {"14": "133", "15": "138", "16": "131", "17": "137", "18": "1383", "19": "138", "20": "1385"}
THREAT_EXACT = {"160": "131", "161": "1313", "162": "1311", "1621": "1311", "1622": "1311", "1623": "1311",
                "163": "1312", "164": "134", "165": "135", "166": "136", "1661": "136", "1662": "136", "1663": "136",
                "172": "132", "1721": "1321", "1722": "1322", "1723": "1323", "1724": "1324", "173": "130",
                "174": "136", "191": "1381", "192": "1382", "0872": "136", "143": "133", "141": "133", "144": "133",
                "204": "1385", "2041": "1385", "2042": "1385", "190": "138", "195": "138", "194": "138",
                "193": "138", "183": "1383", "180": "1383"}
AGREE_OF = {"04": "036", "05": "032", "06": "031", "07": "033", "08": "035"}
AGREE_EXACT = {"061": "0311", "062": "0312", "063": "0313", "064": "0314", "071": "0331", "072": "0332",
               "073": "0333", "074": "0334", "075": "033", "081": "0351", "0811": "0351", "0812": "0351",
               "0813": "0351", "0814": "0351", "082": "0352", "083": "034", "0831": "0341", "0832": "0342",
               "0833": "0343", "0834": "0344", "0841": "0353", "0842": "0353", "085": "0354", "086": "0355",
               "0861": "0355", "0862": "0355", "0863": "0355", "087": "0356", "0871": "0356", "0872": "0356",
               "0873": "0356", "0874": "0356", "045": "039", "057": "030", "050": "032", "054": "032"}
REJECT_OF = {"03": "120", "04": "125", "05": "120", "06": "121", "07": "122", "08": "124", "10": "120"}
REJECT_EXACT = {"061": "1211", "062": "1212", "063": "1213", "064": "1214", "071": "1221", "072": "1222",
                "073": "1223", "074": "1224", "0841": "1243", "085": "1244", "086": "1245", "0871": "1246",
                "0872": "1246", "087": "1246", "045": "126", "036": "125", "046": "125", "057": "127"}
REQUEST_OF = {"04": "106", "05": "102", "06": "101", "07": "103", "08": "105", "18": "1056", "19": "1056",
              "20": "1056", "17": "1052", "14": "105", "12": "105", "03": "102"}
REQUEST_EXACT = {"061": "1011", "062": "1012", "063": "1013", "064": "1014", "071": "1031", "072": "1032",
                 "073": "1033", "074": "1034", "0841": "1053", "0842": "1053", "085": "1054", "086": "1055",
                 "0861": "1055", "0862": "1055", "0863": "1055", "087": "1056", "0871": "1056", "0872": "1056",
                 "045": "108", "046": "106", "0831": "1041", "083": "104", "0832": "1042", "081": "1051",
                 "082": "1052"}
VERB_PARTICLES = {"ab", "an", "auf", "aus", "bei", "dar", "durch", "ein", "fest", "fort", "frei", "her", "herab",
                  "heran", "herauf", "heraus", "herbei", "herein", "herum", "herunter", "hervor", "hin", "hinab",
                  "hinauf", "hinaus", "hinein", "hinzu", "los", "mit", "nach", "nieder", "vor", "voran", "voraus",
                  "vorbei", "weg", "weiter", "wieder", "zu", "zurück", "zusammen", "um", "über", "unter", "entgegen"}
INTERNATIONAL = {"international", "ausländisch", "westlich", "weltweit", "multinational", "internationale",
                 "ausländische", "westliche"}
STOP_VERBS = {"aufhören", "beenden", "einstellen", "stoppen", "unterlassen", "abschwören", "niederlegen"}


# ---------------------------------------------------------------------------- small records


@dataclass
class PseudoActor:
    """An actor known only from a demonym adjective ("israelische Luftangriffe")."""

    id: None
    name: str
    kind: str
    code: str | None
    sector: str | None


@dataclass(frozen=True, eq=False)
class Mention:
    actor: Any  # lagebild.record.Actor or PseudoActor
    start: int  # token
    end: int  # token, exclusive


@dataclass
class Cand:
    cameo: str
    entry_id: str
    source: list[Mention]
    target: list[Mention]
    trigger: list[int]
    clause: Clause
    sent: tuple[int, int]
    type: str | None = None
    mode: str | None = None
    negated: bool = False
    modality: str = "asserted"
    confidence: float = 0.6
    date_clause: Clause | None = None
    implicit: str | None = None  # sector of an implicit source (agentless passive)
    target_words: set[str] = field(default_factory=set)
    ancestors: list = field(default_factory=list)  # clauses above the event's clause (for its date)
    nominal: bool = False  # a noun phrase event not carried by the clause's verb


@dataclass
class ClauseInfo:
    subject: list[Mention] = field(default_factory=list)
    subject_np: int | None = None  # index in clause.nps of the subject's root NP
    subject_pron: str | None = None
    agent: list[Mention] = field(default_factory=list)  # passive agent
    speaker: list[Mention] | None = None  # speaker when the clause is speech content
    speaker_clause: Clause | None = None
    reporter: list[Mention] = field(default_factory=list)  # laut X / nach Angaben X
    opinion: list[Mention] = field(default_factory=list)  # nach Ansicht X
    is_speech: bool = False
    shared_subject: bool = False
    was_ref: list = field(default_factory=list)  # "…, was X begrüßte": the subject of the clause "was" refers to
    consumed: bool = False  # complement whose event went into its matrix's event
    ancestors_cond: bool = False


# ---------------------------------------------------------------------------- the coder


class EventCoder:
    def __init__(self, lexicon: EventLexicon | None = None, tagger: TimeTagger | None = None, states=None):
        self.lex = lexicon or EventLexicon.default()
        self.tagger = tagger or default_tagger()
        self._states = states
        self._state_cache: dict[str, Any] = {}
        self._gate: frozenset[str] | None = None
        self._title_cache: dict[str, bool] = {}
        self._sector_cache: dict[str, str | None] = {}

    def state_by_name(self, word: str):
        """`ActorDictionary.state_by_name`, cached and gated by the first letters of the state names
        (the coder asks about many nouns that are no state)."""
        hit = self._state_cache.get(word, _MISSING)
        if hit is _MISSING:
            st = self.states
            hit = None
            if st is not None and self._gate_key(word) in self._state_gate():
                try:
                    hit = st.state_by_name(word)
                except Exception:
                    hit = None
            if len(self._state_cache) < 100_000:
                self._state_cache[word] = hit
        return hit

    @staticmethod
    def _gate_key(word: str) -> str:
        w = word.strip().lower()
        for art in ("der ", "die ", "das ", "den ", "dem ", "des "):
            if w.startswith(art):
                w = w[len(art):]
        return fold(w)[:3]

    def _state_gate(self) -> frozenset[str]:
        if self._gate is None:
            keys = set()
            st = self.states
            for s in (st.states.values() if st is not None else ()):
                for name in (s.name, *s.names, *s.official, *s.adjectives, *s.demonyms, *s.capitals,
                             *(p.rstrip("-") for p in s.prefixes)):
                    if name:
                        keys.add(self._gate_key(name))
            self._gate = frozenset(keys)
        return self._gate

    @property
    def states(self):
        if self._states is None:
            try:
                from lagebild.actors.component import default_resolver

                self._states = default_resolver().dictionary
            except Exception:  # pragma: no cover - actor layer missing
                self._states = False
        return self._states or None

    def __call__(self, doc, actors: Iterable, published: str | None, text: str | None = None,
                 quotes: Iterable | None = None) -> list[Event]:
        """Events of a tagged Doc. ``quotes`` (the quotes layer's records, offsets into ``text``) give
        speakers to quoted clauses whose speaker the coder does not find itself."""
        run = _ArticleRun(self, doc, list(actors or []), published, text if text is not None else doc.text)
        run.quotes = [q for q in (quotes or []) if getattr(q, "speaker", None) is not None and q.speaker.actor]
        return run.run()


class _ArticleRun:
    def __init__(self, coder: EventCoder, doc, actors: list, published: str | None, text: str):
        self.coder = coder
        self.lex = coder.lex
        self.sdoc = doc
        self.doc = doc = FastDoc(doc)
        self.text = text
        self.actors = actors
        self.published = published
        self.pub_day = _day(published)
        self.mention_at: dict[int, Mention] = {}
        for a in actors:
            for (s, e) in a.mentions:
                span = doc.char_span(s, e, alignment_mode="expand")
                if span is None or len(span) == 0:
                    continue
                m = Mention(a, span.start, span.end)
                for i in range(span.start, span.end):
                    self.mention_at.setdefault(i, m)
        self.quote_spans = self._quote_spans()
        self.times = coder.tagger.find(text)
        self.history: list[tuple[int, Mention, bool, int]] = []  # (token, mention, was subject, sentence start)
        self._cur_infos: dict | None = None
        self._cur_sent: tuple[int, int] | None = None
        self.main_country = self._main_country()
        self.cands: list[Cand] = []
        self._pseudo: dict[tuple[int, int], list[Mention]] = {}
        self._title_cache = coder._title_cache
        self._comp_cache = None
        self.quotes: list = []
        self._infos_cache: dict = {}
        self._idiom_source = None

    # ------------------------------------------------------------------ article-level helpers

    def _quote_spans(self) -> list[tuple[int, int]]:
        spans = []
        doc = self.doc
        open_i = None
        for t in doc:
            x = t.text
            if x in ("„", "»", "‚"):
                if open_i is None:
                    open_i = t.i
            elif x in ("“", "«", "‘") and open_i is not None and x != "‚":
                spans.append((open_i, t.i))
                open_i = None
            elif x == '"' or x == "“" or x == "”":
                if open_i is None:
                    if t.i + 1 < len(doc) and not t.whitespace_:
                        open_i = t.i
                else:
                    spans.append((open_i, t.i))
                    open_i = None
            if t.is_space and "\n\n" in t.text:
                open_i = None if open_i is not None and t.i - open_i > 300 else open_i
        return spans

    def in_quote(self, i: int) -> bool:
        return any(s < i < e for s, e in self.quote_spans)

    def _main_country(self) -> str | None:
        c = Counter()
        for a in self.actors:
            if a.code and len(a.code) == 3 and a.code.isalpha() and a.code.isupper() and a.kind in (
                    "state", "location", "group", "person"):
                c[a.code] += len(a.mentions) * (2 if a.kind in ("state", "location") else 1)
        if not c:
            return None
        (code, n), = c.most_common(1)
        return code

    # ------------------------------------------------------------------ run

    def run(self) -> list[Event]:
        doc = self.doc
        sdoc = self.sdoc
        sents = [(s.start, s.end) for s in sdoc.sents] if sdoc.has_annotation("SENT_START") else [(0, len(doc))]
        for sent in (_Bounds(a, b) for a, b in sents):
            if sent.end - sent.start < 3:
                continue
            self._repair_verbless(sent.start, sent.end)
            clauses = analyse_sentence(doc.toks, sent.start, sent.end, self.mention_span, self.in_quote,
                                       self.is_title)
            if not clauses:
                continue
            for c in clauses:
                c.quoted = self.in_quote(c.tokens[0])
            self.sentence(clauses, (sent.start, sent.end))
        return self.finish()

    def _repair_verbless(self, start: int, end: int) -> None:
        """A sentence without any verb tag whose past-tense verb was tagged as an adjective
        ("Der Sicherheitsrat verhängte Sanktionen"): retag it when the lexicon knows the verb."""
        toks = self.doc.toks
        if any(toks[i].tag_[:1] == "V" for i in range(start, end)):
            return
        if toks[end - 1].text not in (".", "!", "?"):
            return  # headlines without verb are fine as they are
        for i in range(start + 1, end):
            t = toks[i]
            if t.tag_ not in ("ADJA", "ADJD") or not t.low.endswith(("te", "ten")):
                continue
            stem = t.low[:-3] if t.low.endswith("ten") else t.low[:-2]
            for cand in (stem + "en", stem + "n"):
                if fold(cand) in self.lex.verbs:
                    t.tag_ = "VVFIN"
                    t.lemma_ = cand
                    t.lem = cand
                    return

    def is_title(self, i: int) -> bool:
        """Whether a noun may introduce a name in apposition ("UN-Generalsekretär Kofi Annan", "das
        Terrornetzwerk Al-Kaida"): every noun but an event noun ("bei einem Luftangriff | Qasem Soleimani")."""
        t = self.doc[i]
        return self.lex.noun(t.lemma_ or t.text)[0] is None

    def mention_span(self, i: int):
        m = self.mention_at.get(i)
        return (m.start, m.end) if m is not None else None

    # ------------------------------------------------------------------ per sentence

    def sentence(self, clauses: list[Clause], sent: tuple[int, int]) -> None:
        infos = [ClauseInfo() for _ in clauses]
        self._last_infos = infos
        self._infos_cache = {c.idx: infos[c.idx] for c in clauses}
        self._cur_infos = self._infos_cache
        self._cur_sent = sent
        for c in clauses:
            self.roles(c, clauses, infos)
            # mentions become antecedents clause by clause (pronouns later in the sentence can use them)
            info = infos[c.idx]
            subj_ids = {id(m) for m in info.subject}
            for np in c.nps:
                for m in self.np_mentions(np):
                    if id(m) not in subj_ids:
                        self.history.append((m.start, m, False, sent[0]))
            for m in info.subject:
                # subjects (also resolved pronouns and merged phrases) are the salient antecedents
                pos = m.start if c.tokens[0] <= m.start < c.end else c.tokens[0]
                self.history.append((pos, m, True, sent[0]))
        self.history.sort(key=lambda h: h[0])
        self.speech(clauses, infos, sent)
        for c in clauses:
            cond = False
            p = c
            seen = set()
            while p is not None and p.idx not in seen:
                seen.add(p.idx)
                if p.kind == "cond":
                    cond = True
                    break
                p = clauses[p.parent] if p.parent is not None else None
            infos[c.idx].ancestors_cond = cond
        produced: dict[int, list[Cand]] = {}
        # complements first (children before parents), so matrices can use them
        order = sorted(clauses, key=lambda c: -self._depth(c, clauses))
        for c in order:
            produced[c.idx] = self.clause_events(c, clauses, infos, produced, sent)
        for c in clauses:
            if infos[c.idx].consumed:
                continue
            for cand in produced.get(c.idx, []):
                self.cands.append(cand)


    def _depth(self, c: Clause, clauses: list[Clause]) -> int:
        d = 0
        p = c
        seen = set()
        while p.parent is not None and p.idx not in seen:
            seen.add(p.idx)
            p = clauses[p.parent]
            d += 1
        return d

    # ------------------------------------------------------------------ noun phrases and mentions

    def np_mentions(self, np: NP) -> list[Mention]:
        if np.neg:
            return []  # "(darunter keine Deutschen)"
        out: list[Mention] = []
        seen = set()
        for i in range(np.start, np.end):
            m = self.mention_at.get(i)
            if m is not None and m not in seen:
                seen.add(m)
                out.append(m)
        if not out and np.nouns:
            key = (np.start, np.end)
            cached = self._pseudo.get(key)
            if cached is None:
                cached = self._demonym_np(np)
                self._pseudo[key] = cached
            out = list(cached)
        return out

    def _demonym_np(self, np: NP) -> list[Mention]:
        """ "israelisches Territorium", "palästinensische Verwundete": an actor known by its demonym only."""
        doc = self.doc
        head = doc[np.head]
        if head.tag_ != "NN":
            return []
        out = []
        st0 = self.coder.states
        if st0 is not None and head.text[:1].isupper():
            dm = self.coder.state_by_name(head.text)
            if dm is not None and dm.via == "demonym":  # "militanter Palästinenser", "die Israelis"
                return [Mention(PseudoActor(None, doc[np.start:np.end].text, "group", dm.state.code, None),
                                np.start, np.end)]
        st = self.coder.states
        key = head.lemma_ or head.text
        sector = self.coder._sector_cache.get(key, _MISSING)
        if sector is _MISSING:
            sector = None
            if st is not None:
                try:
                    ag = st.agent(key) or st.agent_in_compound(head.text)
                    ag = getattr(ag, "head", ag)
                    sector = getattr(ag, "sector", None)
                except Exception:
                    sector = None
            if len(self.coder._sector_cache) < 100_000:
                self.coder._sector_cache[key] = sector
        for a in np.adjs:
            pm = self._demonym(a, np)
            if pm is not None:
                pm.actor.sector = sector
                pm.actor.name = doc[np.start:np.end].text
                out.append(Mention(pm.actor, np.start, np.end) if len(np.adjs) == 1 else pm)
        if not out and np.det is not None or not out and not np.adjs:
            if self.lex.noun(head.lemma_ or head.text)[0] is not None:
                pm = self._compound_state(np.head)
                if pm is not None:
                    return [pm]
        if not out and st is not None and any(doc[a].text[:1].isupper() for a in np.adjs):
            first = np.adjs[0]
            m = self.coder.state_by_name(doc[first:np.end].text)
            if m is not None and m.via in ("name", "official"):
                out.append(Mention(PseudoActor(None, doc[first:np.end].text, "state", m.state.code, m.sector),
                                   first, np.end))
        return out

    def group(self, c: Clause, idx: int) -> list[int]:
        """An NP with its coordinated/apposition members."""
        return [idx] + [k for k, np in enumerate(c.nps) if np.appos_of == idx]

    def attached(self, c: Clause, idx: int) -> list[int]:
        """Genitives and prepositional phrases attached to NP idx (and to them)."""
        out = []
        frontier = [idx]
        while frontier:
            cur = frontier.pop()
            for k, np in enumerate(c.nps):
                if k in out or k == idx:
                    continue
                if np.gen_of == cur or (np.appos_of == cur and cur != idx):
                    out.append(k)
                    frontier.append(k)
                elif np.prep is not None and np.gen_of is None and np.appos_of is None and \
                        np.start == c.nps[cur].end + (1 if self.doc[c.nps[cur].end].tag_ in ("APPR", "APPRART")
                                                      else 0) and k == cur + 1 and self.doc[np.start - 1].tag_ in (
                        "APPR", "APPRART"):
                    out.append(k)
                    frontier.append(k)
        return out

    def group_mentions(self, c: Clause, idx: int, embedded: bool = False, skip_loc: bool = True) -> list[Mention]:
        out: list[Mention] = []
        for k in self.group(c, idx):
            np = c.nps[k]
            if np.pronoun:
                out.extend(self.resolve_pronoun(c, np))
            else:
                ms = self.np_mentions(np)
                # "die Streitkräfte der Vereinigten Staaten": the agent takes the genitive state's code
                if len(ms) == 1 and ms[0].actor.code is None and getattr(ms[0].actor, "sector", None):
                    for g in self.attached(c, k):
                        gnp = c.nps[g]
                        if gnp.prep == "von" and gnp.gen_of is None and g == k + 1:
                            om = [m for m in self.np_mentions(gnp) if getattr(m.actor, "kind", "") == "organisation"]
                            if om:
                                o = om[0].actor
                                ms = [Mention(PseudoActor(None, self.doc[np.start:gnp.end].text, "organisation",
                                                          o.code, o.sector or ms[0].actor.sector), ms[0].start,
                                              ms[0].end)]
                                break
                        if c.nps[g].gen_of == k:
                            gm = [m for m in self.np_mentions(c.nps[g])
                                  if getattr(m.actor, "kind", "") in ("state", "organisation") and m.actor.code]
                            if gm:
                                a = ms[0].actor
                                ms = [Mention(PseudoActor(None, self.doc[np.start:c.nps[g].end].text, a.kind,
                                                          gm[0].actor.code, a.sector), ms[0].start, ms[0].end)]
                                break
                out.extend(ms)
                # "ungarische und rumänische Regierungsvertreter": a demonym outside the mention
                if ms and np.adjs:
                    covered = {i for m in ms for i in range(m.start, m.end)}
                    for a in np.adjs:
                        if a not in covered:
                            pm = self._demonym(a, np)
                            if pm is not None and pm.actor.code != ms[0].actor.code:
                                pm.actor.sector = getattr(ms[0].actor, "sector", None)
                                pm.actor.kind = getattr(ms[0].actor, "kind", "group")
                                out.append(pm)
            if embedded:
                for a in self.attached(c, k):
                    anp = c.nps[a]
                    for m in self.np_mentions(anp):
                        if skip_loc and anp.prep in ("in", "nach", "aus") and getattr(m.actor, "kind", "") == "location":
                            continue
                        out.append(m)
        return _uniq(out)

    def resolve_pronoun(self, c: Clause, np: NP, info: ClauseInfo | None = None) -> list[Mention]:
        """Antecedent of a personal/demonstrative pronoun.

        Candidates fit the pronoun (er/ihn/ihm: a person; sie/es/dieser: any actor). An object pronoun
        never refers to the subject of its own clause. Earlier in the same sentence, the nearest
        candidate wins; otherwise the subject of the closest earlier sentence that has a fitting one,
        else the nearest fitting mention."""
        w = lower(self.doc[np.start])
        if w in EXPLETIVE or w in SPEAKER_PRONOUNS:
            return []
        if w not in PERSON_PRONOUNS and w not in ANY_PRONOUNS:
            return []
        kinds = ("person",) if w in PERSON_PRONOUNS else ("person", "state", "organisation", "group")
        is_object = w in ("ihn", "ihm", "ihnen") or np.cases <= frozenset({"Acc", "Dat"})
        own_subject = set()
        if is_object and self._cur_infos is not None:
            info = self._cur_infos.get(c.idx)
            if info is not None:
                own_subject = {id(m.actor) for m in info.subject}
        sent_start = self._cur_sent[0] if self._cur_sent else 0
        same, earlier_subj, nearest = None, None, None
        nearest_sent = None
        for tok, m, subj, s0 in reversed(self.history):
            if tok >= np.start or np.start - tok > 90:
                if np.start - tok > 90:
                    break
                continue
            if getattr(m.actor, "kind", None) not in kinds or id(m.actor) in own_subject:
                continue
            if s0 == sent_start:
                if same is None:
                    same = m
                continue
            if nearest is None:
                nearest = m
                nearest_sent = s0
            elif s0 != nearest_sent:
                break  # only the closest earlier sentence with a fitting candidate
            if subj and earlier_subj is None:
                earlier_subj = m
                break
        best = same or earlier_subj or nearest
        return [best] if best is not None else []

    # ------------------------------------------------------------------ roles

    def roles(self, c: Clause, clauses: list[Clause], infos: list[ClauseInfo]) -> None:
        info = infos[c.idx]
        doc = self.doc
        # reporters and opinion holders: laut X, X zufolge, nach Angaben X, nach Ansicht X
        for k, np in enumerate(c.nps):
            if np.prep in REPORT_PREPS:
                info.reporter.extend(self.group_mentions(c, k, embedded=True))
            elif np.prep == "nach" and any(fold(lem(doc[n])) in REPORT_NOUNS for n in np.nouns):
                ms = self.group_mentions(c, k, embedded=True)
                info.reporter.extend(ms)
                if any(fold(lem(doc[n])) in OPINION_NOUNS for n in np.nouns):
                    info.opinion.extend(ms)
            elif np.end < len(doc) and lower(doc[np.end]) == "zufolge" if np.end < len(doc) else False:
                info.reporter.extend(self.group_mentions(c, k, embedded=True))
        if c.coord_of is not None:
            src = infos[c.coord_of]
            info.subject = list(src.subject)
            info.subject_pron = src.subject_pron
            info.subject_np = None
            info.shared_subject = True
            if not info.subject and src.subject_np is None and not src.shared_subject and c.kind == "main" and \
                    self._own_subject(c) is not None:
                self._set_subject(c, info, self._own_subject(c))
            if c.passive:
                self._passive_agent(c, info)
            return
        if c.kind == "rel" and c.opener == "was" and c.parent is not None:
            info.was_ref = list(infos[c.parent].subject)
        if c.kind == "rel" and c.opener in ("der", "die", "das", "welche", "welcher", "welches"):
            own = self._own_subject(c, exclude_opener=True)
            rel_is_subject = True
            if own is not None:
                onp = c.nps[own]
                if onp.cases == frozenset({"Nom"}) or (c.opener in ("die", "das", "welche", "welches") and
                                                        onp.det in ("der", "ein", "kein", "dieser") and
                                                        onp.prep is None):
                    rel_is_subject = False
            if rel_is_subject:
                ante = self._antecedent(c, clauses)
                info.subject = ante
                return
        if c.kind == "inf":
            parent = clauses[c.parent] if c.parent is not None else None
            if parent is not None:
                pinfo = infos[parent.idx]
                pe, _ = self.match_verb(parent, pinfo)
                cls_ = pe.cls if pe is not None else None
                if cls_ == "request" or (parent.lemma in ("anweisen", "auffordern", "aufrufen", "bitten",
                                                           "drängen", "ersuchen", "zwingen", "hindern")):
                    objs = self.objects(parent, pinfo)
                    if objs:
                        info.subject = objs
                        return
                info.subject = list(pinfo.subject) if not parent.passive else []
                if parent.passive and pinfo.subject:
                    info.subject = list(pinfo.agent)
                return
        idx = self._own_subject(c)
        if idx is not None:
            self._set_subject(c, info, idx)
        if not info.subject and c.v1 and c.kind == "main" and not c.passive:
            # "Benin hat … geöffnet, verweigert aber weiterhin …": a V1 clause without subject continues the
            # previous main clause
            prev = next((d for d in reversed(clauses[:c.idx]) if d.kind == "main" and infos[d.idx].subject and
                         not infos[d.idx].is_speech), None)
            if prev is not None:
                info.subject = list(infos[prev.idx].subject)
                info.shared_subject = True
        if c.passive:
            self._passive_agent(c, info)

    def _passive_agent(self, c: Clause, info: ClauseInfo) -> None:
        # a von/durch phrase of the clause, not one inside a noun phrase ("wegen des Abhörens von Sendern")
        ks = [k for k, np in enumerate(c.nps) if np.prep in ("von", "durch") and np.gen_of is None and
              np.appos_of is None]
        ks = [k for k in ks if not self._attached_to_noun(c, k)] + [k for k in ks if self._attached_to_noun(c, k)]
        for k in ks:
            np = c.nps[k]
            ms = self.group_mentions(c, k, embedded=True)
            if not ms and np.nouns:
                entry, _ = self.lex.noun(self.doc[np.head].lemma_ or self.doc[np.head].text)
                if entry is not None:  # "durch NATO-Angriffe", "durch israelische Luftangriffe"
                    ms = self._noun_source(c, k, np, entry)
            if ms:
                info.agent = ms
                return
        for k, np in enumerate(c.nps):
            if np.prep == "seitens":
                info.agent = self.group_mentions(c, k, embedded=True)
                return

    def _anaphor(self, c: Clause, np: NP) -> list[Mention]:
        """A definite noun phrase that refers back ("Die Organisation erklärte …" after "Die Hamas …"; "sein
        Land" = the country of the last person named)."""
        if np.pronoun or len(np.nouns) != 1:
            return []
        kind = self.lex.anaphoric_nouns.get(fold(self.doc[np.head].lem))
        if kind is None:
            return []
        if np.det in ("sein", "seine", "ihr", "ihre") and kind == "state":
            for tok, m, subj, s0 in reversed(self.history):
                if tok < np.start and getattr(m.actor, "code", None) and getattr(m.actor, "kind", "") == "person":
                    return [Mention(PseudoActor(None, self.doc[np.start:np.end].text, "state", m.actor.code, None),
                                    np.start, np.end)]
            return []
        if np.det not in ("der", "die", "das", "dieser", "diese", "dieses"):
            return []
        for tok, m, subj, s0 in reversed(self.history):
            if tok >= np.start:
                continue
            if np.start - tok > 250:
                break
            if subj and getattr(m.actor, "kind", None) == kind:
                return [m]
        return []

    def _set_subject(self, c: Clause, info: ClauseInfo, idx: int) -> None:
        info.subject_np = idx
        np = c.nps[idx]
        if np.pronoun:
            info.subject_pron = lower(self.doc[np.start])
        ms = self.group_mentions(c, idx) or self._anaphor(c, np)
        if not ms:
            # "der Bericht der OSZE", "Vertreter von Amnesty": the genitive's or von-phrase's actor
            for k in self.attached(c, idx):
                a = c.nps[k]
                if a.gen_of is not None or (a.prep in ("von", "durch", "aus", "seitens") and k == idx + 1):
                    ms.extend(self.np_mentions(a))
            ms = _uniq(ms)
        info.subject = ms

    def _own_subject(self, c: Clause, exclude_opener: bool = False) -> int | None:
        doc = self.doc
        cands = []
        for k, np in enumerate(c.nps):
            if np.prep is not None or np.gen_of is not None or np.appos_of is not None:
                continue
            if "Nom" not in np.cases:
                continue
            if exclude_opener and c.opener_tok is not None and np.start <= c.opener_tok < np.end:
                continue
            if np.pronoun and lower(doc[np.start]) in EXPLETIVE and c.lemma not in ("sein",):
                continue
            if np.pronoun and doc[np.start].tag_ == "PRF":
                continue
            if not np.nouns and not np.pronoun:
                continue
            cands.append(k)
        if not cands:
            return None
        fin = c.fin
        has_actor = [k for k in cands if self.np_mentions(c.nps[k]) or c.nps[k].pronoun]
        if c.kind == "main" and fin is not None and not c.v1:
            before = [k for k in cands if c.nps[k].end <= fin]
            after = [k for k in cands if c.nps[k].start > fin]
            nom_after = [k for k in after if c.nps[k].cases == frozenset({"Nom"}) and k in has_actor]
            if before and nom_after and c.nps[before[0]].cases != frozenset({"Nom"}):
                return nom_after[0]
            if before and (before[0] in has_actor or not [k for k in after if k in has_actor]):
                return before[0]
            if [k for k in after if k in has_actor]:
                # prefer a nominative-only candidate
                act = [k for k in after if k in has_actor]
                nom_only = [k for k in act if c.nps[k].cases == frozenset({"Nom"})]
                return (nom_only or act)[0]
            return (before or after or cands)[0]
        # verb-final / V1: first candidate, actors first
        act = [k for k in cands if k in has_actor]
        nom_only = [k for k in act if c.nps[k].cases == frozenset({"Nom"})]
        return (nom_only or act or cands)[0]

    def _antecedent(self, c: Clause, clauses: list[Clause]) -> list[Mention]:
        start = c.tokens[0]
        best = None
        for d in clauses:
            if d.idx == c.idx:
                continue
            for k, np in enumerate(d.nps):
                if np.end <= start and (best is None or np.end > best[1].end):
                    best = (d, np, k)
        if best is None:
            return []
        d, np, k = best
        # "ein Prediger aus London, der …": the relative pronoun refers to the head, not to the PP inside it
        while np.prep is not None and np.gen_of is None and np.appos_of is None and k > 0 and \
                d.nps[k - 1].end in (np.start - 1, np.start) and self.np_mentions(np) and \
                all(getattr(m.actor, "kind", "") in ("location", "state") for m in self.np_mentions(np)):
            prev = d.nps[k - 1]
            if prev.prep is not None and prev.gen_of is None:
                break
            k -= 1
            np = prev
            while np.gen_of is not None and k > 0:
                k = np.gen_of
                np = d.nps[k]
        root = np.appos_of if np.appos_of is not None else k
        ms = self.group_mentions(d, root)
        if not ms and np.gen_of is not None:
            ms = self.np_mentions(np)
        if not ms:
            ms = self._anaphor(d, d.nps[root]) or self._name_np(d, root)
        return ms

    def objects(self, c: Clause, info: ClauseInfo) -> list[Mention]:
        if c.kind == "rel" and c.opener in ("was",) and info.was_ref:
            return list(info.was_ref)
        out = []
        for k, np in enumerate(c.nps):
            if k == info.subject_np or np.prep is not None or np.gen_of is not None or np.appos_of is not None:
                continue
            if np.pronoun and lower(self.doc[np.start]) in ("sich",):
                continue
            ms = self.group_mentions(c, k)
            if not ms:
                for g in self.attached(c, k):
                    if c.nps[g].gen_of is not None and self.lex.noun(self.doc[np.head].lem)[0] is None:
                        ms.extend(self.np_mentions(c.nps[g]))
            ms = [m for m in ms if m not in info.subject]
            out.extend(ms)
        return _uniq(out)

    def pp_mentions(self, c: Clause, prep: str, info: ClauseInfo) -> list[Mention]:
        out = []
        for k, np in enumerate(c.nps):
            if np.prep == prep and np.gen_of is None and np.appos_of is None:
                ms = self.group_mentions(c, k, embedded=True, skip_loc=False)
                if not ms and prep not in ("in", "im", "aus", "nach", "von", "mit") and np.nouns and \
                        self.doc[np.head].tag_ in ("NE",):
                    ms = [self._pseudo_np(c, k)]  # "Luftangriffe gegen Bengasi"
                out.extend(ms)
        return [m for m in _uniq(out) if m not in info.subject]

    def embedded(self, c: Clause, info: ClauseInfo) -> list[Mention]:
        """Actors in the clause other than the subject and clause-level places."""
        out = []
        for k, np in enumerate(c.nps):
            if k == info.subject_np or (info.subject_np is not None and k in self.group(c, info.subject_np)):
                continue
            if np.prep in REPORT_PREPS or np.prep in ("von", "durch", "seitens") and c.passive:
                continue
            attached_to_subject = info.subject_np is not None and k in self.attached(c, info.subject_np)
            if attached_to_subject:
                continue
            for m in self.np_mentions(np):
                kind = getattr(m.actor, "kind", "")
                if np.prep in LOC_PREPS and kind == "location" and np.gen_of is None:
                    continue
                if np.prep in ("in", "im", "nach", "aus") and kind in ("state", "location") and \
                        not self._attached_to_noun(c, k):
                    continue
                out.append(m)
        return [m for m in _uniq(out) if m not in info.subject and m not in info.reporter]

    def _attached_to_noun(self, c: Clause, k: int) -> bool:
        np = c.nps[k]
        if k == 0:
            return False
        prev = c.nps[k - 1]
        prev_tok = np.start - 1
        return prev.end == prev_tok and self.doc[prev_tok].tag_ in ("APPR", "APPRART") and \
            self.doc[prev.head].tag_ in ("NN",)

    def location(self, c: Clause) -> dict | None:
        for k, np in enumerate(c.nps):
            if np.prep in ("in", "im") and np.gen_of is None:
                for m in self.np_mentions(np):
                    if getattr(m.actor, "kind", "") in ("location", "state"):
                        return {"text": self.doc[m.start:m.end].text, "code": m.actor.code,
                                "actor": getattr(m.actor, "id", None)}
        return None

    # ------------------------------------------------------------------ speech

    def speech(self, clauses: list[Clause], infos: list[ClauseInfo], sent: tuple[int, int]) -> None:
        doc = self.doc
        speech_idx = []
        for c in clauses:
            info = infos[c.idx]
            if c.opener == "so" and c.fin is None:
                ms = []
                for k, np in enumerate(c.nps):
                    ms = self.group_mentions(c, k, embedded=True)
                    if ms:
                        break
                info.subject = ms
                info.is_speech = True
                speech_idx.append(c.idx)
                continue
            if c.kind in ("main", "sub") and not c.passive:
                if self._is_speech_clause(c, info):
                    info.is_speech = True
                    speech_idx.append(c.idx)
                elif c.lemma in ("zitieren", "heißen") and c.passive is False:
                    info.is_speech = True
                    speech_idx.append(c.idx)
                elif c.kind == "main" and info.subject and c.idx + 1 < len(clauses) and \
                        clauses[c.idx + 1].colon_before and clauses[c.idx + 1].quoted and not c.quoted:
                    # "… rechtfertigte das Ministerium die Aktion: „…“" – a quotation introduced by a colon
                    info.is_speech = True
                    speech_idx.append(c.idx)
        for si in speech_idx:
            sc = clauses[si]
            sinfo = infos[si]
            speaker = sinfo.subject or sinfo.reporter
            later = [c for c in clauses if c.idx > si and not infos[c.idx].is_speech]
            earlier = [c for c in clauses if c.idx < si and not infos[c.idx].is_speech and c.kind != "cond"]
            content: list[Clause]
            if (sc.v1 or sc.opener == "so") and earlier:
                content = earlier
            else:
                # content follows: children (dass, zu, quotes) and following clauses up to the next speech clause
                content = []
                for c in later:
                    if infos[c.idx].is_speech:
                        break
                    if c.kind == "rel" and c.parent != si and c.parent is not None and clauses[c.parent].idx < si:
                        continue
                    content.append(c)
            for c in content:
                if infos[c.idx].speaker is None:
                    infos[c.idx].speaker = list(speaker)
                    infos[c.idx].speaker_clause = sc
        # quotations spanning sentences: a quoted sentence without its own speech clause takes the
        # speaker of the previous sentence's quotation
        for c in clauses:
            info = infos[c.idx]
            if info.speaker is None and c.quoted and getattr(self, "_last_quote_speaker", None):
                tok, spk = self._last_quote_speaker
                if c.tokens[0] - tok < 200:
                    info.speaker = list(spk)
        for c in clauses:
            info = infos[c.idx]
            if c.quoted and info.speaker:
                self._last_quote_speaker = (c.tokens[-1], info.speaker)
        # the quotes layer: a clause inside a quotation's message has its speaker
        if self.quotes:
            by_id = {a.id: a for a in self.actors}
            for c in clauses:
                info = infos[c.idx]
                if info.speaker is not None or info.is_speech:
                    continue
                pos = doc[c.tokens[0]].idx
                for q in self.quotes:
                    if q.message.start <= pos < q.message.end and not (q.speaker.start <= pos < q.speaker.end):
                        actor = by_id.get(q.speaker.actor)
                        span = doc.char_span(q.speaker.start, q.speaker.end)
                        if actor is not None and span is not None:
                            info.speaker = [Mention(actor, span.start, span.end)]
                        break
        # speaker pronouns (wir/ich/man) in content → the speaker
        for c in clauses:
            info = infos[c.idx]
            if info.speaker and info.subject_pron in SPEAKER_PRONOUNS | {"er", "sie", "es"} and (
                    not info.subject or info.subject_pron in SPEAKER_PRONOUNS):
                if info.subject_pron in SPEAKER_PRONOUNS or not info.subject:
                    info.subject = list(info.speaker)
                    info.subject_pron = "self"

    # ------------------------------------------------------------------ lexicon matching

    def _is_speech_clause(self, c: Clause, info: ClauseInfo) -> bool:
        e, _ = self.match_verb(c, info)
        if e is not None:
            return e.cls == "speech"
        return any(x.cls == "speech" and not x.conditions for x in self._verb_entries(c))

    def _clause_words(self, c: Clause) -> tuple[set[str], list[str]]:
        doc = self.doc
        words = set()
        nouns = []
        for i in c.tokens:
            t = doc[i]
            l = fold(lem(t))
            words.add(l)
            words.add(fold(t.text))
            if t.tag_ in NOUN_TAGS:
                nouns.append(l)
        return words, nouns

    def _verb_entries(self, c: Clause) -> list[Entry]:
        if not c.lemma:
            return []
        lemma = fold(c.lemma)
        entries = self.lex.verbs.get(lemma)
        if entries is None and c.particle is not None and c.lexical is not None and \
                self.doc[c.particle].low not in VERB_PARTICLES:
            # "machen … verantwortlich" lemmatised as one verb: the verb itself, the particle as object word
            entries = self.lex.verbs.get(fold(self.doc[c.lexical].lem))
        if entries is None and c.lexical is not None and self.doc[c.lexical].tag_ in ("VVPP", "VVINF", "VVIZU"):
            # "verantwortlich gemacht" → lemma "verantwortlichmachen": try the known verb at its end
            base = fold(self.doc[c.lexical].lem)
            words = self._clause_words(c)[0]
            for k in range(4, len(base) - 3):
                entries = self.lex.verbs.get(base[k:])
                if entries is not None and base[:k] in words:
                    break
                entries = None
        return entries or []

    def match_verb(self, c: Clause, info: ClauseInfo) -> tuple[Entry | None, bool]:
        """Best verb entry for the clause and whether its negation condition consumed the clause's negation."""
        entries = self._verb_entries(c)
        if not entries:
            return None, False
        words, nouns = self._clause_words(c)
        for e in entries:
            if e.reflexive and not c.reflexive:
                continue
            if e.prep and not (set(e.prep) & c.preps):
                continue
            if e.object and not self._has_object(e.object, words, nouns, c):
                continue
            if e.not_object and self._has_object(e.not_object, words, nouns, c):
                continue
            if e.negated and not c.negation:
                continue
            if e.actor_object and not (self.objects(c, info) or (c.passive and info.subject)):
                continue
            if e.needs_subject and not c.passive and not info.subject:
                continue
            return e, e.negated
        return None, False

    def _has_object(self, objs: tuple[str, ...], words: set[str], nouns: list[str], c: Clause) -> bool:
        for o in objs:
            if o in words:
                return True
            if len(o) >= 4 and any(n.endswith(o) for n in nouns):
                return True
        return False

    def match_idiom(self, c: Clause) -> tuple[Entry | None, int | None]:
        if not c.lemma:
            return None, None
        verb = fold(c.lemma)
        doc = self.doc
        for k, np in enumerate(c.nps):
            for n in np.nouns or [np.head]:
                noun = fold(lem(doc[n]))
                cands = self.lex.idioms.get((noun, verb))
                if not cands:
                    e, head = self.lex.noun(lem(doc[n]))
                    if head:
                        cands = self.lex.idioms.get((head, verb))
                if cands:
                    for e in cands:
                        if e.prep and e.prep[0] not in c.preps and (np.prep or "") != e.prep[0]:
                            continue
                        if "subject" in e.target and not c.passive:
                            # "X befindet sich in Gewahrsam Litauens": the genitive is the source
                            self._idiom_source = [m for m in self.np_mentions(np) if m.start > n] + [
                                m for g in self.attached(c, k) if c.nps[g].gen_of is not None
                                for m in self.np_mentions(c.nps[g])]
                        return e, n
        # adjectives as idiom nouns (stark machen)
        for i in c.tokens:
            if doc[i].tag_ in ("ADJD", "PTKVZ"):
                cands = self.lex.idioms.get((fold(lem(doc[i])), verb))
                if cands:
                    return cands[0], i
        return None, None

    # ------------------------------------------------------------------ events of a clause

    def clause_events(self, c: Clause, clauses: list[Clause], infos: list[ClauseInfo],
                      produced: dict[int, list[Cand]], sent: tuple[int, int]) -> list[Cand]:
        info = infos[c.idx]
        doc = self.doc
        out: list[Cand] = []
        if info.is_speech and c.opener == "so":
            return out
        children = [clauses[k] for k in c.children]
        comp = [d for d in children if d.kind in ("inf", "sub") and (d.kind == "inf" or d.opener in (
            "dass", "daß", "ob"))]
        entry, neg_consumed = self.match_verb(c, info)
        idiom, idiom_tok = self.match_idiom(c)
        used_noun_tokens: set[int] = set()
        base: Cand | None = None
        trigger = self._verb_trigger(c)
        if idiom is not None and idiom.cameo is None:
            # a verb + noun that is no event itself ("ein Gesetz unterzeichnen"): neither the verb's entry
            used_noun_tokens.add(idiom_tok)
            idiom = None
            entry = None
        if idiom is not None and (entry is None or not entry.object or entry.cls is not None):
            used_noun_tokens.add(idiom_tok)
            base = self._cand(idiom.cameo, idiom, c, info, sent, trigger + [idiom_tok], clauses)
        elif entry is not None:
            if entry.object:
                for i in c.tokens:
                    if doc[i].tag_ in NOUN_TAGS and self.lex.head_of(lem(doc[i]), entry.object):
                        used_noun_tokens.add(i)
            if entry.cameo is not None or entry.cls in ("request", "reject", "threat", "accuse"):
                base = self._cand(entry.cameo or "010", entry, c, info, sent, trigger, clauses)
        # verbal attack by a politician: "angreifen"/"attackieren" with a political subject is criticism
        if base is not None and entry is not None and entry.id in ("v.angreifen", "v.attackieren") and \
                self._verbal_subject(info):
            base.cameo, base.entry_id = "111", entry.id + ".verbal"
        # complement combination
        cls_ = entry.cls if entry is not None else None
        modal_cls = None
        if c.modals and any(m in ("wollen",) for m in c.modals) and base is not None:
            modal_cls = "plan"
        if cls_ in ("request", "reject", "threat", "accuse", "offer", "intent", "decide", "aspect") and comp:
            sub_cands = []
            for d in comp:
                sub_cands.extend(produced.get(d.idx, []))
            if sub_cands or cls_ in ("request", "reject", "accuse", "threat"):
                combined = self._combine(cls_, entry, c, info, base, sub_cands, comp, sent, clauses, infos, trigger)
                if combined is not None:
                    for d in comp:
                        infos[d.idx].consumed = True
                    base = combined
        if base is not None and base.cameo == "010":
            base = None
        if base is not None and not base.target and base.cameo[:2] in ("10", "11", "12", "13"):
            for d in children:
                dinfo = infos[d.idx]
                ms = [m for m in (dinfo.subject or []) if m not in base.source and not self._same([m], base.source)]
                if not ms:
                    ms = [m for m in self.objects(d, dinfo) + self.embedded(d, dinfo) if m not in base.source
                          and not self._same([m], base.source)]
                if ms:
                    base.target = ms
                    break
        if base is not None:
            out.append(base)
        # predicates (copula + adjective, evaluations)
        out.extend(self._predicates(c, info, sent, clauses, infos, produced, comp, base))
        # demands in speech content: müssen/sollen with an actor subject
        if info.speaker and c.modals and set(c.modals) & REQUEST_MODALS and info.subject and \
                info.subject_pron != "self" and not self._same(info.subject, info.speaker) and \
                not (base is not None and base.type == "REQUEST"):
            req = self._request_from_modal(c, info, sent, base, clauses)
            if req is not None:
                out = [x for x in out if x is not base] + [req]
        # nominal events
        self._comp_cache = (comp, produced, infos, clauses)
        out.extend(self._nominal(c, info, sent, used_noun_tokens, base, clauses))
        self._comp_cache = None
        # modality, negation, dates
        for cand in out:
            self._finish_cand(cand, c, info, clauses, infos, neg_consumed)
        # words of the complements refine statements ("erneuerte die Warnung, dass es schwere militärische
        # Folgen haben würde" → 138)
        if children:
            extra_words: set[str] = set()
            for d in children:
                w, n = self._clause_words(d)
                extra_words |= w | set(n)
            for cand in out:
                cand.target_words |= extra_words
        # statements of own intent (future) of an actor: promise/threat/plan
        out = [self._intent_transform(cand, c, info) for cand in out]
        for cand in out:
            if cand.cameo[:2] == "13":
                for d in children:
                    if d.kind == "cond":
                        ms = [m for m in infos[d.idx].subject if not self._same([m], cand.source)]
                        if ms:
                            cand.target = ms  # "…, wenn Israel seine Luftangriffe nicht beende"
                            break
            if not cand.target and cand.cameo[:2] in ("10", "11", "12", "13"):
                for d in children:
                    dinfo = infos[d.idx]
                    ms = [m for m in (dinfo.agent if d.passive and dinfo.agent else dinfo.subject) or []
                          if not self._same([m], cand.source)]
                    if not ms and d.kind in ("sub", "inf"):
                        ms = [m for m in self.objects(d, dinfo) + self.embedded(d, dinfo)
                              if not self._same([m], cand.source)]
                    if ms:
                        cand.target = ms
                        break
        return [x for x in out if x is not None]

    def _verbal_subject(self, info: ClauseInfo) -> bool:
        for m in info.subject:
            a = m.actor
            sector = getattr(a, "sector", None)
            kind = getattr(a, "kind", None)
            if kind == "person" and sector in ("GOV", "LEG", "PTY", "OPP", None):
                return True
        return False

    def _verb_trigger(self, c: Clause) -> list[int]:
        toks = []
        if c.fin is not None:
            toks.append(c.fin)
        if c.lexical is not None and c.lexical not in toks:
            toks.append(c.lexical)
        if c.particle is not None:
            toks.append(c.particle)
        return sorted(set(toks))

    def _cand(self, cameo: str, entry: Entry, c: Clause, info: ClauseInfo, sent, trigger: list[int],
              clauses: list[Clause]) -> Cand:
        if c.passive:
            source = list(info.agent)
            patient = list(info.subject)
        else:
            source = list(info.subject)
            patient = []
        slots = entry.target or ("obj", "pp:gegen", "pp:an", "pp:auf", "pp:mit", "pp:zu", "pp:bei", "embedded")
        target: list[Mention] = []
        if patient and entry.target and entry.target[0] in ("obj", "sub", "subject") or patient and not entry.target:
            target = patient
        elif patient:
            target = patient
        if not target:
            target = self._slots(slots, c, info, clauses, source)
        if "subject" in slots and not c.passive:
            target, source = list(info.subject), list(getattr(self, "_idiom_source", None) or [])
            self._idiom_source = None
        if not target:
            target = self._patient_np(c, info, entry, patient_np=c.passive)
        if not source and not c.passive and "subject" not in slots:
            source = self._name_np(c, info.subject_np)
        cand = Cand(cameo, entry.id, source, [m for m in target if m not in source], trigger, c, sent,
                    type=entry.type, mode=entry.mode, implicit=entry.implicit if not source else None)
        return cand

    def _pseudo_np(self, c: Clause, k: int) -> Mention:
        np = c.nps[k]
        end = np.end
        for j in self.attached(c, k):
            end = max(end, c.nps[j].end)
        code = None
        for j in [k] + self.attached(c, k):
            for m in self.np_mentions(c.nps[j]):
                if getattr(m.actor, "code", None):
                    code = m.actor.code
                    break
            if code:
                break
        return Mention(PseudoActor(None, self.doc[np.start:end].text, "pseudo", code, None), np.start, end)

    def _patient_np(self, c: Clause, info: ClauseInfo, entry: Entry, patient_np: bool) -> list[Mention]:
        """The object (or passive subject) as a participant when it names no known actor: victims and
        targets ("mehr als 170 Personen", "Misrata", "die Moschee in Schiraz") get the country of the
        context, as the annotation does."""
        slots = entry.target or ("obj",)
        if not any(sl in ("obj", "subject") for sl in slots[:2]):
            return []
        if patient_np:
            k = info.subject_np
            if k is None:
                return []
            np = c.nps[k]
            if np.nouns and not np.pronoun and self._targetable(np, entry):
                return [self._pseudo_np(c, k)]
            return []
        for k, np in enumerate(c.nps):
            if k == info.subject_np or np.prep is not None or np.gen_of is not None or np.appos_of is not None:
                continue
            if np.pronoun or not np.nouns:
                continue
            if self.lex.noun(self.doc[np.head].lemma_ or self.doc[np.head].text)[0] is not None:
                continue  # an event noun is the content, not the target
            if not self._targetable(np, entry):
                continue
            return [self._pseudo_np(c, k)]
        return []

    def _targetable(self, np: NP, entry: Entry | None) -> bool:
        head = self.doc[np.head]
        if head.tag_ in ("NE", "FM"):
            return True
        lemma = head.lemma_ or head.text
        if self.lex.head_of(lemma, self.lex.person_nouns):
            return True
        cameo = entry.cameo if entry is not None and entry.cameo else ""
        return cameo[:2] in ("15", "17", "18", "19", "20") and bool(self.lex.head_of(lemma, self.lex.place_nouns))

    def _name_np(self, c: Clause, k: int | None) -> list[Mention]:
        """A subject that is a name the actor layer did not know ("die „Neue Rechte“")."""
        if k is None:
            return []
        np = c.nps[k]
        if np.pronoun or not np.nouns:
            return []
        head = self.doc[np.head]
        toks = self.doc.toks
        quoted = np.start > 0 and toks[np.start - 1].text in ("„", '"', "»") and np.end < len(toks) and \
            toks[np.end].text in ("“", '"', "«", "”")  # the whole phrase in quotes: "die „Neue Rechte“"
        if head.tag_ in ("NE", "FM") or quoted:
            return [self._pseudo_np(c, k)]
        # an organisation's name: "Mitglieder der Vereinigung Afrikanischer Juristen", "die Islamische Front"
        for j in [k] + [g for g in self.attached(c, k) if c.nps[g].gen_of is not None]:
            g = c.nps[j]
            s0 = self._cur_sent[0] if self._cur_sent else -1
            if any(self.doc[a].text[:1].isupper() and a != s0 and self._demonym(a, g) is None for a in g.adjs):
                return [self._pseudo_np(c, k)]
        return []

    def _slots(self, slots: Iterable[str], c: Clause, info: ClauseInfo, clauses: list[Clause],
               source: list[Mention]) -> list[Mention]:
        for slot in slots:
            if slot == "obj":
                ms = self.objects(c, info)
                if not ms and info.subject_np is not None and fold(c.lemma or "") in self.lex.dative_verbs:
                    # "weil die Opposition der Regierung … vorgeworfen hatte": a "der"-phrase after the subject
                    # is a dative object rather than its genitive
                    for k in self.attached(c, info.subject_np):
                        g = c.nps[k]
                        if g.gen_of is not None and g.det in ("der", "einer") and g.prep is None:
                            ms = self.group_mentions(c, k)
                            if ms:
                                break
            elif slot.startswith("pp:"):
                ms = self.pp_mentions(c, slot[3:], info)
            elif slot == "embedded":
                ms = self.embedded(c, info)
            elif slot == "sub":
                ms = []
                for k in c.children:
                    d = clauses[k]
                    if d.kind in ("sub",) and d.opener in ("dass", "daß"):
                        ms = [m for m in self._sub_subject(d) if m not in source]
                        if ms:
                            break
            elif slot in ("gen", "dat"):
                ms = []
            else:
                ms = []
            ms = [m for m in ms if m not in source and not self._same([m], source)]
            if ms:
                return ms
        return []

    def _sub_subject(self, d: Clause) -> list[Mention]:
        info = self._infos_cache.get(d.idx)
        if info is not None:
            return info.subject
        # recompute cheaply
        idx = self._own_subject(d)
        if idx is None:
            return []
        return self.group_mentions(d, idx)

    # ------------------------------------------------------------------ complement combination

    def _combine(self, cls_: str, entry: Entry, c: Clause, info: ClauseInfo, base: Cand | None,
                 subs: list[Cand], comp: list[Clause], sent, clauses, infos, trigger) -> Cand | None:
        sub = subs[0] if subs else None
        words, nouns = set(), []
        for d in comp:
            w, n = self._clause_words(d)
            words |= w
            nouns += n
        if base is None:
            base = self._cand(entry.cameo or "010", entry, c, info, sent, trigger, clauses)
        if cls_ == "request":
            if sub is not None:
                root = sub.cameo[:2]
                code = REQUEST_EXACT.get(sub.cameo) or REQUEST_OF.get(root) or "100"
                if sub.negated and root in ("18", "19", "20", "17"):
                    code = "1056"
                if sub.cameo == "113":  # calling on others to unite against someone is rallying opposition
                    code = "113"
                    base.target = [m for m in sub.target if not self._same([m], base.source)] or base.target
            else:
                code = "100"
            if code in ("100", "105"):
                refined = self.lex.refine_code("100", words, nouns)
                code = refined if refined != "100" or code == "100" else code
            base.cameo, base.type, base.mode = code, None, None
            if not base.target:
                for d in comp:
                    ms = [m for m in self._sub_subject(d) if m not in base.source]
                    if not ms and sub is not None:
                        ms = [m for m in sub.target if m not in base.source]
                    if ms:
                        base.target = ms
                        break
            return base
        if cls_ == "reject":
            if sub is not None:
                code = REJECT_EXACT.get(sub.cameo) or REJECT_OF.get(sub.cameo[:2]) or "120"
            else:
                code = self.lex.refine_code("120", words, nouns)
            base.cameo, base.type, base.mode = code, None, None
            return base
        if cls_ == "accuse":
            code = self.lex.refine_code("112", words | self._clause_words(c)[0], nouns + self._clause_words(c)[1])
            base.cameo, base.type, base.mode = code, None, None
            return base
        if cls_ == "threat":
            if sub is not None:
                code = THREAT_EXACT.get(sub.cameo) or THREAT_OF.get(sub.cameo[:2]) or "130"
                if not base.target:
                    base.target = sub.target
            else:
                code = self.lex.refine_code("130", words, nouns)
            base.cameo, base.type, base.mode = code, None, None
            return base
        if sub is None:
            return None
        root = sub.cameo[:2]
        if cls_ in ("offer", "intent", "decide"):
            if sub.negated and root in COOP_ROOTS | {"04"}:
                code = REJECT_EXACT.get(sub.cameo) or REJECT_OF.get(root) or "120"
                new = self._retarget(sub, base, code)
                new.negated = False
                return new
            if root in COOP_ROOTS or (root == "04" and cls_ in ("offer", "decide")):
                code = AGREE_EXACT.get(sub.cameo) or AGREE_OF.get(root) or "030"
                if root == "03":
                    code = sub.cameo
                if code in ("030", "031"):
                    code = self.lex.refine_code("030", *self._clause_words(comp[0]))
                new = self._retarget(sub, base, code)
                new.type = "CONCEDE" if sub.type == "CONCEDE" and root == "08" and sub.cameo == "0356" else None
                new.mode = None
                return new
            if root in HOSTILE_ROOTS and cls_ in ("intent", "offer"):
                code = THREAT_EXACT.get(sub.cameo) or THREAT_OF.get(root) or "130"
                new = self._retarget(sub, base, code)
                new.type, new.mode = None, None
                return new
            if root == "04" and cls_ == "intent":
                new = self._retarget(sub, base, sub.cameo)
                new.modality = "future"
                return new
            # decide + hostile act, or another kind: the act itself
            new = self._retarget(sub, base, sub.cameo)
            new.type, new.mode = sub.type, sub.mode
            if cls_ == "intent":
                new.modality = "future"
            return new
        if cls_ == "aspect":
            new = self._retarget(sub, base, sub.cameo)
            new.type, new.mode = sub.type, sub.mode
            return new
        return None

    def _retarget(self, sub: Cand, base: Cand, code: str) -> Cand:
        """The complement's act, as the matrix subject's statement (source = matrix source)."""
        source = base.source or sub.source
        target = [m for m in (sub.target or base.target) if m not in source]
        return Cand(code, sub.entry_id + "+" + base.entry_id, source, target, base.trigger + sub.trigger,
                    base.clause, base.sent, negated=False, confidence=min(base.confidence, sub.confidence))

    # ------------------------------------------------------------------ predicates and modal demands

    def _predicates(self, c: Clause, info: ClauseInfo, sent, clauses, infos, produced, comp, base) -> list[Cand]:
        doc = self.doc
        out = []
        if not self.lex.predicates:
            return out
        for i in c.tokens:
            t = doc[i]
            if t.tag_ not in ("ADJD", "ADJA", "VVPP", "NN", "PTKVZ", "ADV") and \
                    not (t.tag_[:2] == "VV" and fold(t.text) in self.lex.predicates):
                continue
            l = fold(lem(t))
            entries = self.lex.predicates.get(fold(t.text)) if t.tag_[:2] == "VV" else (
                self.lex.predicates.get(l) or self.lex.predicates.get(fold(t.text)))
            if not entries and t.tag_ == "ADJA":
                continue
            if not entries:
                continue
            for e in entries:
                if e.negated and not c.negation:
                    continue
                if e.superlative and not (fold(t.text).startswith(l[:4]) and ("st" in fold(t.text)[len(l) - 2:] or
                                                                              "schlechteste" in fold(t.text))):
                    continue
                if t.tag_ == "ADJA" and not e.superlative and e.id not in ("p.faschistisch", "p.kriegsluestern",
                                                                           "p.barbarisch", "p.verbrecherisch"):
                    continue
                if e.cls in ("offer", "intent"):
                    # dispositional: "X ist/erklärt sich bereit, … zu": source = subject, combine with complement
                    subs = []
                    for d in comp:
                        subs.extend(produced.get(d.idx, []))
                    if not subs:
                        continue
                    pseudo = self._cand(e.cameo or "030", e, c, info, sent, [i], clauses)
                    comb = self._combine(e.cls, e, c, info, pseudo, subs, comp, sent, clauses, infos, [i])
                    if comb is not None:
                        for d in comp:
                            infos[d.idx].consumed = True
                        out.append(comb)
                    break
                if e.cameo is None:
                    continue
                # evaluative: the evaluator is the speaker, an opinion holder, "für X", or the subject of
                # "als … bezeichnen/befinden"
                evaluator: list[Mention] = []
                target: list[Mention] = []
                has_als = any(lower(doc[j]) == "als" for j in c.tokens)
                if c.lemma in ("nennen", "bezeichnen", "titulieren", "beschimpfen", "brandmarken") and info.subject \
                        and not info.speaker:
                    evaluator = info.subject
                    target = [m for m in self.objects(c, info) + self.embedded(c, info)
                              if not self._same([m], evaluator)]
                elif e.reflexive_verb and c.reflexive and c.lemma == e.reflexive_verb and info.subject:
                    evaluator = info.subject  # "Annan zeigte sich zufrieden über …"
                    target = self.pp_mentions(c, "über", info) + self.pp_mentions(c, "mit", info)
                elif info.opinion:
                    evaluator = info.opinion
                elif has_als and info.subject and not info.speaker:
                    evaluator = info.subject
                    target = self.objects(c, info) or self.embedded(c, info)
                elif info.speaker:
                    evaluator = info.speaker
                elif e.id in ("p.inakzeptabel", "p.unakzeptabel", "p.unannehmbar", "p.akzeptabel.neg",
                              "p.hinnehmbar.neg"):
                    fuer = self.pp_mentions(c, "für", info)
                    if fuer and c.lemma in ("sein",):
                        evaluator = fuer
                if not evaluator:
                    continue
                if not target:
                    target = [m for m in (info.subject + self.embedded(c, info)) if m not in evaluator]
                    if not info.subject and info.subject_np is not None:
                        target = self.group_mentions(c, info.subject_np, embedded=True) + target
                target = [m for m in _uniq(target) if not self._same([m], evaluator)]
                code = e.cameo
                # "X sind für Y inakzeptabel" said of a proposal: REJECT
                if code == "111" and info.subject_np is not None:
                    head = doc[c.nps[info.subject_np].head]
                    if fold(lem(head)) in self.lex.proposal_nouns or self.lex.head_of(
                            lem(head), self.lex.proposal_nouns):
                        code = "120"
                cand = Cand(code, e.id, list(evaluator), target, [i] + ([c.negation[0]] if e.negated else []), c,
                            sent, confidence=0.5)
                cand._neg_consumed = e.negated  # type: ignore[attr-defined]
                out.append(cand)
                break
        return out

    def _request_from_modal(self, c: Clause, info: ClauseInfo, sent, base: Cand | None, clauses) -> Cand | None:
        words, nouns = self._clause_words(c)
        if base is not None:
            code = REQUEST_EXACT.get(base.cameo) or REQUEST_OF.get(base.cameo[:2]) or "1042"
        else:
            code = self.lex.refine_code("100", words, nouns)
            if code == "100":
                code = "1042" if c.lexical is not None else "100"
        if c.lemma and fold(c.lemma) in STOP_VERBS:
            code = "1056" if base is None or base.cameo[:2] not in ("14",) else "1052"
        if c.negation and base is not None and base.cameo[:2] in ("18", "19", "20", "17"):
            code = "1056"
        trig = [i for i in c.verbs]
        target = list(info.subject)
        if not target and info.subject_np is not None:
            target = self.group_mentions(c, info.subject_np, embedded=True)
        return Cand(code, "speech.modal-demand", list(info.speaker or []), target, trig, c, sent, confidence=0.5)

    # ------------------------------------------------------------------ nominal events

    def _nominal(self, c: Clause, info: ClauseInfo, sent, used: set[int], base: Cand | None,
                 clauses: list[Clause]) -> list[Cand]:
        doc = self.doc
        out = []
        verb = fold(c.lemma) if c.lemma else ""
        light = verb in self.lex.light_verbs
        happen = verb in self.lex.happen_verbs
        for k, np in enumerate(c.nps):
            for n in np.nouns:
                if n in used or doc[n].tag_ not in ("NN",):
                    continue
                if self.mention_at.get(n) is not None:
                    continue
                entry, head = self.lex.noun(lem(doc[n]))
                if entry is None or fold(lem(doc[n])) in self.lex.not_event_nouns:
                    continue
                if n != np.head:
                    continue
                if np.neg:
                    continue  # "keine Bedrohung": a general negative statement
                is_obj = np.prep is None and k != info.subject_np and np.gen_of is None
                as_light = (is_obj and light and base is None) or (
                    np.prep is not None and np.gen_of is None and self.lex.light_pp.get(verb) == np.prep)
                if not entry.standalone and not as_light:
                    continue
                # the noun's own actors: genitive, possessive/demonym, "aus/von/durch X"
                own_src = self._noun_source(c, k, np, entry)
                tgt = self._noun_target(c, k, np, entry)
                source = own_src
                if not source and (as_light or (is_obj and base is None and not c.passive and
                                                self._carrier_verb(c, info))):
                    source = list(info.subject)
                if not source and np.prep in ("trotz", "nach", "bei", "mit", "wegen", "in", "während") and \
                        not c.passive and info.subject and not np.gen_of and (entry.cameo or "99")[:2] <= "13":
                    source = [m for m in info.subject if not self._same([m], tgt)]
                if not source and not entry.implicit:
                    continue
                if as_light and not tgt:
                    for slot in entry.target or ():
                        if slot.startswith("pp:"):
                            tgt = [m for m in self.pp_mentions(c, slot[3:], info) if not self._same([m], source)]
                            if tgt:
                                break
                if source and tgt and self._same(source, tgt):
                    tgt = [m for m in tgt if m not in source]
                trig = [n] + ([c.lexical] if as_light and c.lexical is not None else [])
                if entry.cls in ("offer", "intent", "request", "threat", "reject") and as_light and \
                        self._comp_cache is not None:
                    comp, produced, infos, clauses_ = self._comp_cache
                    subs = [x for d in comp for x in produced.get(d.idx, [])]
                    if subs or entry.cls in ("request", "threat", "reject"):
                        pseudo = Cand(entry.cameo or "030", entry.id, source, tgt, trig, c, sent,
                                      type=entry.type, mode=entry.mode, confidence=0.55)
                        comb = self._combine(entry.cls, entry, c, info, pseudo, subs, comp, sent, clauses_, infos,
                                             trig)
                        if comb is not None:
                            for d in comp:
                                infos[d.idx].consumed = True
                            out.append(comb)
                            continue
                cand = Cand(entry.cameo or "010", entry.id, source, [m for m in tgt if m not in source], trig, c,
                            sent, type=entry.type, mode=entry.mode, confidence=0.45 if not as_light else 0.55,
                            implicit=entry.implicit if not source else None)
                cand.nominal = not (as_light or happen)
                if as_light:
                    ve, _ = self.match_verb(c, info)
                    if ve is not None and ve.cls == "intent":
                        cand.modality = "future"  # "plant Operationen", "kündigte Sanktionen an"
                if entry.cameo is None:
                    continue
                out.append(cand)
        return out

    def _carrier_verb(self, c: Clause, info: ClauseInfo) -> bool:
        """Verbs of saying, announcing and deciding carry their object's event ("Nordkorea gab Raketentests
        bekannt", "kündigte Sanktionen an")."""
        e, _ = self.match_verb(c, info)
        return e is not None and e.cls in ("speech", "intent", "decide", "offer")

    def _noun_source(self, c: Clause, k: int, np: NP, entry: Entry | None = None) -> list[Mention]:
        doc = self.doc
        out: list[Mention] = []
        # possessive genitive before the noun ("Nordkoreas Drohungen") and demonym adjectives
        for m in self.np_mentions(np):
            if m.start < np.head:
                out.append(m)
        for a in np.adjs:
            if self.mention_at.get(a) is None:
                pm = self._demonym(a, np)
                if pm is not None:
                    out.append(pm)
        # genitive after it (the agent of speech acts: "die Forderung der EU"; the victim of acts done to
        # someone – entries with a "gen" target: "die Festnahme des Oppositionsführers"), "aus/von/durch X"
        gen_is_target = "gen" in (entry.target if entry is not None else ())
        for j in self.attached(c, k):
            anp = c.nps[j]
            if (anp.gen_of == k and not gen_is_target) or (
                    anp.prep in ("aus", "von", "durch", "seitens") and j == k + 1 and anp.gen_of is None):
                out.extend(self.np_mentions(anp))
        # prefix of the compound: "US-Angriffe" (source; a visit's prefix is its destination, see _noun_target)
        if not out and not (entry is not None and entry.cameo == "042"):
            pm = self._compound_state(np.head)
            if pm is not None:
                out.append(pm)
        return _uniq(out)

    def _compound_state(self, tok: int) -> Mention | None:
        word = self.doc[tok].text
        st = self.coder.states
        if st is None or len(word) < 6:
            return None
        candidates = []
        if "-" in word:
            candidates.append(word.split("-")[0])
        else:
            head = self.lex.noun(self.doc[tok].lemma_ or word)[1]
            if head and len(word) - len(head) >= 3:
                candidates.append(word[: len(word) - len(head)].rstrip("s") if word[: len(word) - len(head)].endswith(
                    "s") and len(word) - len(head) > 4 else word[: len(word) - len(head)])
        for pre in candidates:
            m = self.coder.state_by_name(pre)
            if m is not None and m.via in ("name", "prefix", "official", "short"):
                return Mention(PseudoActor(None, pre, "state", m.state.code, None), tok, tok + 1)
            try:
                o = st.organisation(pre)
            except Exception:
                o = None
            if o is not None and o.code:
                return Mention(PseudoActor(None, pre, "organisation", o.code, o.sector), tok, tok + 1)
        return None

    def _noun_target(self, c: Clause, k: int, np: NP, entry: Entry) -> list[Mention]:
        slots = entry.target or ("pp:gegen", "pp:auf", "pp:an", "pp:mit", "pp:zwischen", "gen")
        att = self.attached(c, k)
        if entry.cameo == "042":
            pm = self._compound_state(np.head)  # "Israelbesuch"
            if pm is not None:
                return [pm]
        for slot in slots:
            if slot == "gen":
                ms = []
                for j in att:
                    if c.nps[j].gen_of == k:
                        ms += self.np_mentions(c.nps[j])
                if ms:
                    return _uniq(ms)
                continue
            if slot.startswith("pp:"):
                p = slot[3:]
                for j in att:
                    anp = c.nps[j]
                    if anp.prep == p and anp.gen_of is None:
                        ms = self.np_mentions(anp)
                        for g in self.attached(c, j):
                            ms += self.np_mentions(c.nps[g])
                        if ms:
                            # coordinated members of the PP
                            for jj, other in enumerate(c.nps):
                                if other.appos_of == j:
                                    ms += self.np_mentions(other)
                            return _uniq(ms)
        return []

    def _demonym(self, tok: int, np: NP) -> Mention | None:
        st = self.coder.states
        if st is None:
            return None
        word = self.doc[tok].text
        if not word[:1].isalpha():
            return None
        m = self.coder.state_by_name(word)
        if m is None or m.via != "adjective":
            return None
        return Mention(PseudoActor(None, word, "state", m.state.code, None), tok, tok + 1)

    # ------------------------------------------------------------------ modality, negation, date

    def _finish_cand(self, cand: Cand, c: Clause, info: ClauseInfo, clauses, infos, neg_consumed: bool) -> None:
        doc = self.doc
        consumed = neg_consumed or getattr(cand, "_neg_consumed", False)
        if c.negation and not consumed:
            # a negation inside a noun phrase that is not the event's ("keine andere Möglichkeit") still negates
            cand.negated = True
        if cand.negated and c.negation and all(self._in_brackets(i) for i in c.negation) and not consumed:
            cand.negated = False  # "(darunter keine Deutschen)"
        # modality
        words = {lower(doc[i]) for i in c.tokens}
        hypo = info.ancestors_cond or bool(words & HYPO_ADVS)
        modals = set(c.modals)
        fin_form = lower(doc[c.fin]) if c.fin is not None else ""
        if "können" in modals and fin_form not in ("konnte", "konnten", "kann", "können"):
            hypo = True
        if fin_form in ("kann",) and not info.speaker:
            hypo = True
        if c.subjunctive and fin_form in ("würde", "würden", "könnte", "könnten", "wäre", "wären", "hätte",
                                          "hätten", "dürfte", "dürften") and not info.speaker:
            hypo = True
        modality = cand.modality if cand.modality != "asserted" else "asserted"
        if hypo:
            modality = "hypothetical"
        elif modality == "asserted":
            if cand.nominal:
                pass  # "angesichts der eskalierenden Proteste" in a clause about plans is no planned protest
            elif c.tense == "future" or "wollen" in modals or (fin_form in ("soll", "sollen") and
                                                               not self._perfect_inf(c)):
                modality = "future"
            if fin_form in ("soll", "sollen", "solle", "sollen") and self._perfect_inf(c):
                modality = "reported"
            if info.speaker is not None and not self._same(cand.source, info.speaker) and cand.entry_id not in (
                    "speech.modal-demand",) and not cand.entry_id.startswith("p."):
                if modality == "asserted":
                    modality = "reported"
            elif info.reporter and not self._same(cand.source, info.reporter):
                if modality == "asserted":
                    modality = "reported"
            if words & REPORT_ADVS and modality == "asserted":
                modality = "reported"
        cand.modality = modality
        cand.date_clause = c
        anc = []
        p = c
        seen = {c.idx}
        while p.parent is not None and p.parent not in seen:
            seen.add(p.parent)
            p = clauses[p.parent]
            anc.append(p)
        if c.coord_of is not None and c.coord_of not in seen:
            anc.append(clauses[c.coord_of])
        cand.ancestors = anc

    def _in_brackets(self, i: int) -> bool:
        toks = self.doc.toks
        for j in range(i - 1, max(-1, i - 15), -1):
            if toks[j].text == ")":
                return False
            if toks[j].text == "(":
                return True
        return False

    def _perfect_inf(self, c: Clause) -> bool:
        return any(self.doc[i].tag_ in ("VAINF",) and lem(self.doc[i]) in ("haben", "sein") for i in c.verbs)

    def _intent_transform(self, cand: Cand, c: Clause, info: ClauseInfo) -> Cand:
        """Own announced acts (werde/will …, in speech or narrated) become promises, threats or plans."""
        if cand.entry_id.startswith("p.") or cand.entry_id == "speech.modal-demand" or "+" in cand.entry_id:
            return cand
        root = cand.cameo[:2]
        own = info.speaker is not None and (info.subject_pron == "self" or self._same(cand.source, info.speaker) or (
            cand.source and info.speaker and getattr(cand.source[0].actor, "kind", "") == "state" and
            cand.source[0].actor.code == getattr(info.speaker[0].actor, "code", None)))
        future = cand.modality == "future" or (own and c.tense == "future") or (
            own and c.subjunctive and lower(self.doc[c.fin]) in ("werde", "werden", "würde", "würden")
            if c.fin is not None else False)
        if not future:
            return cand
        if cand.negated and root in COOP_ROOTS | {"04"}:
            cand.cameo = REJECT_EXACT.get(cand.cameo) or REJECT_OF.get(root) or "120"
            cand.type = cand.mode = None
            cand.negated = False
            cand.modality = "asserted"
            return cand
        if cand.negated:
            return cand
        if root == "03":
            cand.modality = "asserted"
            return cand
        if root == "04" and own:
            # "sie würden sich mit X treffen": offering to meet
            cand.cameo = "039" if cand.cameo == "045" else "036"
            cand.type = cand.mode = None
            cand.modality = "asserted"
            return cand
        if root in COOP_ROOTS:
            cand.cameo = AGREE_EXACT.get(cand.cameo) or AGREE_OF.get(root) or "030"
            if cand.type == "RETREAT" and cand.mode == "resign":
                cand.cameo = "0831"
                return cand
            cand.type = cand.mode = None
            cand.modality = "asserted"
        elif root in HOSTILE_ROOTS and own:
            cand.cameo = THREAT_EXACT.get(cand.cameo) or THREAT_OF.get(root) or "130"
            cand.type = cand.mode = None
            cand.modality = "asserted"
        return cand

    def _same(self, a: list[Mention], b: list[Mention] | None) -> bool:
        if not a or not b:
            return False
        ids_a = {id(m.actor) for m in a}
        ids_b = {id(m.actor) for m in b}
        return bool(ids_a & ids_b)

    # ------------------------------------------------------------------ records

    def finish(self) -> list[Event]:
        events: list[Event] = []
        seen: dict[tuple, Event] = {}
        # an agentless passive act continuing the story ("Dabei wurden … bombardiert") has the agent of the
        # last act of the same kind within the previous sentences
        last: dict[str, tuple[int, list[Mention]]] = {}
        for cand in self.cands:
            group = _kind_group(cand.cameo)
            if cand.source:
                last[group] = (cand.sent[0], cand.source)
            elif cand.clause.passive and not cand.implicit and group == "force" and group in last and \
                    cand.sent[0] - last[group][0] < 80 and cand.sent[0] != last[group][0]:
                src = [m for m in last[group][1] if not self._same([m], cand.target)]
                if src:
                    cand.source = src
                    cand.confidence -= 0.1
        for cand in self.cands:
            ev = self.to_event(cand)
            if ev is None:
                continue
            key = ev.key()
            if key in seen:
                continue
            seen[key] = ev
            events.append(ev)
        # a mention of the same act with fewer participants known (no source or no target) is the same event
        def codes(ps):
            return {p.code for p in ps if p.code}
        keep = []
        for ev in events:
            s_, t_ = codes(ev.source), codes(ev.target)
            partial = not s_ or not t_
            dup = partial and any(
                o is not ev and o.type == ev.type and o.date == ev.date and s_ <= codes(o.source) and
                t_ <= codes(o.target) and (codes(o.source), codes(o.target)) != (s_, t_) and o.counts == ev.counts
                and (o.sentence_start == ev.sentence_start or o.extra.get("lemma") == ev.extra.get("lemma"))
                for o in events)
            if not dup:
                keep.append(ev)
        return keep

    def to_event(self, cand: Cand) -> Event | None:
        lex = self.lex
        code = lex.code(cand.cameo)
        if code is None:
            return None
        words, nouns = self._clause_words(cand.clause)
        if cand.target_words and cand.cameo[:2] in ("10", "11", "12", "13"):
            words = words | cand.target_words
            nouns = nouns + sorted(cand.target_words)
        cameo = cand.cameo
        if cameo in lex.refine and len(cameo) == 3:
            cameo = lex.refine_code(cameo, words, nouns)
            code = lex.code(cameo) or code
        ptype = cand.type or code.type
        mode = cand.mode if cand.mode is not None or cand.type is not None else code.mode
        if cand.mode is None and cand.type is None:
            mode = code.mode
        source = self.participants(cand.source, cand)
        target = self.participants(cand.target, cand)
        if not source and cand.implicit:
            cc = self._context_code(cand.clause, None)
            if cc:
                source = [Participant(text="", code=cc, sector=cand.implicit, actor=None, inferred_code=True)]
        if ptype == "PROTEST" and not target and "gegen" in cand.clause.preps and cand.entry_id.startswith("v."):
            # "demonstrierten gegen das Wahlergebnis": a protest against a policy targets the government
            cc = self._context_code(cand.clause, None)
            if cc:
                target = [Participant(text="", code=cc, sector="GOV", actor=None, inferred_code=True)]
        if not source and (not target or cameo[:2] < "14"):
            return None
        # drop targets equal to sources (same actor)
        src_ids = {p.actor for p in source if p.actor}
        target = [p for p in target if not (p.actor and p.actor in src_ids)]
        # joint acts of several parties ("die USA und Japan beschlossen …", "einigten sich"): each is the
        # other's target
        if not target and len({(p.actor, p.code, p.sector) for p in source if p.code}) >= 2 and (
                ptype in ("AGREE", "COOPERATE") or cameo in ("057", "050", "046", "193", "190")
                and cand.entry_id.startswith(("n.", "v.einigen", "v.unterzeichnen", "v.schliessen"))):
            target = list(reversed(source))
        doc = self.doc
        trig = sorted(set(cand.trigger))
        t0, t1 = doc[trig[0]], doc[trig[-1]]
        s0, s1 = doc[cand.sent[0]], doc[cand.sent[1] - 1]
        future = cand.modality == "future"
        date = self.date_of(cand, future)
        conf = cand.confidence + (0.15 if source and target else 0) + (0.05 if cand.clause.lexical else 0)
        return Event(
            type=ptype, mode=mode, cameo=cameo, source=source, target=target, date=date,
            trigger_start=t0.idx, trigger_end=t1.idx + len(t1.text),
            trigger_text=" ".join(piece for _s, _e, piece in _pieces(doc, trig)),
            trigger_parts=_pieces(doc, trig),
            sentence_start=s0.idx, sentence_end=s1.idx + len(s1.text), negated=cand.negated,
            modality=cand.modality, goldstein=code.goldstein, confidence=min(conf, 0.95), rule=cand.entry_id,
            location=self.location(cand.clause), context=code.context,
            extra={"lemma": fold(lem(t0)) if t0.tag_ in NOUN_TAGS else fold(cand.clause.lemma or lem(t0))},
        )

    def participants(self, ms: list[Mention], cand: Cand) -> list[Participant]:
        out = []
        seen = set()
        ms = sorted(ms, key=lambda m: m.start)
        merged: list[Mention] = []
        skip = set()
        for k, m in enumerate(ms):
            if k in skip:
                continue
            nxt = ms[k + 1] if k + 1 < len(ms) else None
            a = m.actor
            # "Kenias Regierung", "die iranische Regierung" split in two: one participant
            if nxt is not None and nxt.start == m.end and getattr(a, "kind", "") == "state" and \
                    getattr(nxt.actor, "code", None) is None and getattr(nxt.actor, "sector", None):
                merged.append(Mention(PseudoActor(None, self.doc[m.start:nxt.end].text, nxt.actor.kind, a.code,
                                                  nxt.actor.sector), m.start, nxt.end))
                skip.add(k + 1)
                continue
            merged.append(m)
        for m in merged:
            a = m.actor
            key = getattr(a, "id", None) or (a.name, a.code)
            if key in seen:
                continue
            seen.add(key)
            code = a.code
            inferred = False
            if code is None and getattr(a, "kind", "") in ("group", "person", "pseudo") and \
                    not (getattr(a, "sector", None) in ("REB", "NGO") and getattr(a, "kind", "") == "person") and \
                    not self._international(m):
                code = self._context_code(cand.clause, m)
                inferred = code is not None
            span = self.doc[m.start:m.end]
            out.append(Participant(text=span.text, code=code, sector=getattr(a, "sector", None),
                                   actor=getattr(a, "id", None), start=span.start_char, end=span.end_char,
                                   inferred_code=inferred))
        return out

    def _international(self, m: Mention) -> bool:
        """ "Internationale Medien", "ausländische Journalisten": no country from the context."""
        toks = self.doc.toks
        for i in range(max(0, m.start - 3), m.end):
            if toks[i].lem in INTERNATIONAL:
                return True
        return False

    def _context_code(self, c: Clause, m: Mention | None) -> str | None:
        """Country of an actor without code: a place/state in its phrase or clause, else the article's."""
        doc = self.doc
        if m is not None:
            # a state adjective right before the mention ("iranische Behörden" – usually resolved by actors)
            for i in range(max(c.tokens[0], m.start - 3), m.start):
                if doc[i].tag_ == "ADJA":
                    pm = self._demonym(i, None)  # type: ignore[arg-type]
                    if pm is not None:
                        return pm.actor.code
        coded = None
        for i in c.tokens:
            mm = self.mention_at.get(i)
            if mm is None or not mm.actor.code or len(mm.actor.code) != 3:
                continue
            if getattr(mm.actor, "kind", "") in ("location", "state"):
                return mm.actor.code
            if coded is None and mm is not m and m is not None and getattr(m.actor, "kind", "") == "group":
                coded = mm.actor.code
        return coded or self.main_country

    def _noun_date(self, e: TimeExpression) -> bool:
        """ "die Präsidentenwahl vom 12. Juni": a date that belongs to a noun, not to the clause's event."""
        span = self.doc.char_span(e.start, e.end)
        if span is None or span.start < 2:
            return False
        toks = self.doc.toks
        first = toks[span.start]
        if first.low == "vom":
            return toks[span.start - 1].tag_ == "NN"
        return toks[span.start - 1].low == "vom" and toks[span.start - 2].tag_ == "NN"

    def date_of(self, cand: Cand, future: bool) -> str | None:
        c = cand.clause
        toks = set(c.tokens)
        doc = self.doc
        if cand.nominal:
            # an event noun is dated only by a time right after it ("bei einem Raketenangriff am Vortag")
            t0 = cand.trigger[0]
            after = doc.toks[t0].idx + len(doc.toks[t0].text)
            for e in self.times:
                if 0 <= e.start - after <= 2 and e.kind != "vague":
                    return e.resolve(self.pub_day, future)
            return None
        cstart, cend = doc[c.tokens[0]].idx, doc[c.tokens[-1]].idx + len(doc[c.tokens[-1]].text)
        best: TimeExpression | None = None
        for e in self.times:
            if e.start >= cstart and e.end <= cend:
                # the expression's first token must belong to this clause (not an embedded clause)
                span = doc.char_span(e.start, e.end, alignment_mode="expand")
                if span is not None and span.start in toks and not self._noun_date(e):
                    best = e
                    break
        if best is None:
            # the clauses above it (a complement takes the time of its matrix clause)
            anc = set()
            for p in cand.ancestors:
                anc |= set(p.tokens)
            if anc:
                lo = doc[min(anc)].idx
                hi = doc[max(anc)].idx + 1
                for e in self.times:
                    if lo <= e.start < hi:
                        span = doc.char_span(e.start, e.end, alignment_mode="expand")
                        if span is not None and span.start in anc:
                            best = e
                            break
        if best is None:
            return self._default_date(cand, future)
        if best.kind == "vague":
            return None
        return best.resolve(self.pub_day, future)

    def _default_date(self, cand: Cand, future: bool) -> str | None:
        """No time in the clause: by the verb's tense (time/data/rules.yaml default_date):
        "story" = the last day-precise date given earlier in the article, "publication", or null."""
        rule = self.coder.tagger.default_date.get(cand.clause.tense if not future else "future")
        if cand.clause.tense == "none" and cand.ancestors:
            rule = self.coder.tagger.default_date.get(cand.ancestors[0].tense)
        if rule == "publication":
            return self.pub_day.isoformat() if self.pub_day else None
        if rule == "story":
            s0 = self.doc[cand.sent[0]].idx
            last = None
            for e in self.times:
                if e.start >= s0:
                    break
                if e.kind in ("date", "weekday", "relday", "holiday") and not e.rule.endswith(".limit"):
                    last = e
            return last.resolve(self.pub_day, False) if last is not None else None
        return None


class _Bounds:
    __slots__ = ("start", "end")

    def __init__(self, start: int, end: int):
        self.start = start
        self.end = end


def _kind_group(cameo: str) -> str:
    root = cameo[:2]
    if root in ("17", "18", "19", "20"):
        return "force"
    return root


def _uniq(ms: list[Mention]) -> list[Mention]:
    seen = set()
    out = []
    for m in ms:
        if m is None:
            continue
        k = (m.start, m.end)
        if k in seen:
            continue
        seen.add(k)
        out.append(m)
    return out


def _day(value: str | None) -> _dt.date | None:
    if not value:
        return None
    try:
        return _dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _pieces(doc, token_ids: list[int]) -> list[tuple[int, int, str]]:
    """A trigger in pieces (`kamen … zusammen`): one (start, end, text) per run of adjacent tokens."""
    runs: list[list[int]] = []
    for i in token_ids:
        if runs and i == runs[-1][-1] + 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    out = []
    for run in runs:
        start, last = doc[run[0]].idx, doc[run[-1]]
        end = last.idx + len(last.text)
        out.append((start, end, doc.text[start:end]))
    return out
