"""Speech in a sentence: verbs of saying (and ", so X", a quotation after a colon) make the clauses
they introduce or follow the content of a speaker; quotations across sentences and the quotes layer's
speakers; speaker pronouns (wir/ich/man) in the content resolved to the speaker.
"""

from __future__ import annotations

from lagebild.events.clauses import Clause
from lagebild.events.coder.coding_records import ClauseInfo, Mention
from lagebild.events.coder.mentions import SPEAKER_PRONOUNS


class SpeechMixin:
    """Part of `coder._ArticleRun`: sets `is_speech` and `speaker` of a sentence's clauses."""

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
