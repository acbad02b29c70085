"""The quote record of the output contract (`../shared/docs/output-contract.md`).

    {"form": "direct|indirect|free_indirect|reported",
     "speaker": {"start", "end", "text", "actor"} | null,
     "cue": {"start", "end", "text"} | null,
     "message": {"start", "end", "text"},
     "addressee": {"start", "end", "text"} | null}

Offsets are characters into `Article.text`, end-exclusive. A span made of
pieces (`teilte … mit`, a quotation interrupted by its frame: „Wir sind
bereit“, sagte er, „aber …“) runs from the first piece's start to the last
piece's end, its `text` joins the pieces with a space (`teilte mit`), and
`parts` lists the pieces as `{start, end, text}` — only then (as an event's
split trigger does). The message of
a direct quote is the quoted words without the quotation marks.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

FORMS = ("direct", "indirect", "free_indirect", "reported")


@dataclass
class Span:
    start: int
    end: int
    text: str
    parts: list[tuple[int, int]] | None = None
    part_texts: list[str] | None = None  # the text of each piece, when there are pieces

    def to_dict(self) -> dict[str, Any]:
        record: dict[str, Any] = {"start": self.start, "end": self.end, "text": self.text}
        if self.parts and len(self.parts) > 1:
            texts = self.part_texts or [""] * len(self.parts)
            record["parts"] = [{"start": s, "end": e, "text": t} for (s, e), t in zip(self.parts, texts)]
        return record


@dataclass
class Speaker(Span):
    actor: str | None = None

    def to_dict(self) -> dict[str, Any]:
        record = super().to_dict()
        record["actor"] = self.actor
        return record


@dataclass
class Quote:
    form: str
    speaker: Speaker | None
    cue: Span | None
    message: Span
    addressee: Span | None = None
    # not part of the record: for other layers and evaluation
    mode: str | None = None  # speech | thought | writing | speech_writing | …
    nested: bool = False  # a quotation inside another quote's message (mixed quote)
    rule: str = ""
    tokens: dict[str, list[int]] = field(default_factory=dict, repr=False)

    @classmethod
    def from_dict(cls, record: dict[str, Any]) -> "Quote":
        """The inverse of `to_dict` (for records read back from the store)."""
        def span(d, kind=Span):
            if not d:
                return None
            extra = {"actor": d.get("actor")} if kind is Speaker else {}
            pieces = d.get("parts") or []  # {start, end, text}; [start, end] pairs in older records
            parts = [(p["start"], p["end"]) if isinstance(p, dict) else tuple(p) for p in pieces] or None
            texts = [p.get("text", "") for p in pieces if isinstance(p, dict)] or None
            return kind(d["start"], d["end"], d["text"], parts, texts, **extra)
        return cls(record["form"], span(record.get("speaker"), Speaker), span(record.get("cue")),
                   span(record["message"]), span(record.get("addressee")))

    def to_dict(self) -> dict[str, Any]:
        return {
            "form": self.form,
            "speaker": self.speaker.to_dict() if self.speaker else None,
            "cue": self.cue.to_dict() if self.cue else None,
            "message": self.message.to_dict(),
            "addressee": self.addressee.to_dict() if self.addressee else None,
        }


def span_of(tokens: list[int], view, text: str, strip_marks: bool = False, cls=Span, **extra) -> Span | None:
    """A character span over token indices (pieces where the tokens are not contiguous)."""
    toks = sorted(i for i in set(tokens) if not view.space[i])
    if strip_marks:
        toks = _strip_marks(toks, view)
    if not toks:
        return None
    pieces: list[list[int]] = [[toks[0], toks[0]]]
    for i in toks[1:]:
        last = pieces[-1][1]
        if i == last + 1 or all(view.space[k] for k in range(last + 1, i)):
            pieces[-1][1] = i
        else:
            pieces.append([i, i])
    if strip_marks:
        # each piece of an interrupted direct quote loses its own marks
        pieces = [p for p in ([_trim_piece(a, b, view)] for a, b in pieces) for p in p if p is not None]
        if not pieces:
            return None
    parts = [(view.idx[a], view.end[b]) for a, b in pieces]
    if len(parts) == 1:
        s, e = parts[0]
        return cls(s, e, text[s:e], None, **extra)
    texts = [text[s:e] for s, e in parts]
    return cls(parts[0][0], parts[-1][1], " ".join(texts), parts, texts, **extra)


def _strip_marks(toks: list[int], view) -> list[int]:
    while toks and view.is_mark[toks[0]]:
        toks = toks[1:]
    while toks and (view.is_mark[toks[-1]] or view.tag[toks[-1]] in ("$,",)):
        toks = toks[:-1]
    return toks


def _trim_piece(a: int, b: int, view) -> list[int] | None:
    while a <= b and (view.is_mark[a] or view.tag[a] == "$,"):
        a += 1
    while b >= a and (view.is_mark[b] or view.tag[b] == "$,"):
        b -= 1
    return [a, b] if a <= b else None
