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

Where each step is: `roles` (1), `speech` (2), `lexicon_match`,
`clause_events`, `predicates` and `nominal_events` (3), `complements` and
`derived_codes` (4), `modality` and `date_place` (5); `mentions` finds the
actors of a noun phrase, `event_assembly` turns candidates into `Event`
records, `coding_records` holds the working records. This module holds
`EventCoder` and the per-article run that ties them together (`_ArticleRun`:
one class made of those modules' mixins, as the steps share much per-article
state).
"""

from __future__ import annotations

from collections import Counter
from typing import Any, Iterable

from lagebild.events.coder.clause_events import ClauseEventsMixin
from lagebild.events.clauses import Clause, analyse_sentence
from lagebild.events.coder.coding_records import Cand, ClauseInfo, Mention
from lagebild.events.coder.complements import ComplementsMixin
from lagebild.events.coder.date_place import DatePlaceMixin
from lagebild.events.coder.event_assembly import EventAssemblyMixin
from lagebild.events.fastdoc import FastDoc
from lagebild.events.lexicon import EventLexicon, fold
from lagebild.events.coder.lexicon_match import LexiconMatchMixin
from lagebild.events.coder.mentions import MentionsMixin
from lagebild.events.coder.modality import ModalityMixin
from lagebild.events.coder.nominal_events import NominalEventsMixin
from lagebild.events.coder.predicates import PredicatesMixin
from lagebild.events.record import Event
from lagebild.events.coder.roles import RolesMixin
from lagebild.events.coder.speech import SpeechMixin
from lagebild.time.tagger import TimeTagger, default_tagger
from lagebild.time.tagger import parse_day

_MISSING = object()


class EventCoder:
    def __init__(self, lexicon: EventLexicon | None = None, tagger: TimeTagger | None = None, states=None):
        self.lex = lexicon or EventLexicon.default()
        self.tagger = tagger or default_tagger()
        self._states = states
        self._state_cache: dict[str, Any] = {}
        self._gate: frozenset[str] | None = None
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


class _ArticleRun(MentionsMixin, RolesMixin, SpeechMixin, LexiconMatchMixin, ClauseEventsMixin,
                  ComplementsMixin, PredicatesMixin, NominalEventsMixin, ModalityMixin, DatePlaceMixin,
                  EventAssemblyMixin):
    """One article being coded: the per-article state (doc, mentions, antecedent history, times,
    candidates) and the sentence loop; the steps are the mixins' methods."""

    def __init__(self, coder: EventCoder, doc, actors: list, published: str | None, text: str):
        self.coder = coder
        self.lex = coder.lex
        self.sdoc = doc
        self.doc = doc = FastDoc(doc)
        self.text = text
        self.actors = actors
        self.published = published
        self.pub_day = parse_day(published)
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
        self._comp_cache = None
        self.quotes: list = []
        self._infos_cache: dict = {}
        self._idiom_source = None

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

    def sentence(self, clauses: list[Clause], sent: tuple[int, int]) -> None:
        infos = [ClauseInfo() for _ in clauses]
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


class _Bounds:
    __slots__ = ("start", "end")

    def __init__(self, start: int, end: int):
        self.start = start
        self.end = end


