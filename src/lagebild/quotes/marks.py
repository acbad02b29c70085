"""Quotation marks: pair opening and closing marks over a token sequence.

German news uses „…“ (with ‚…‘ inside), »…« (with ›…‹), Swiss «…» (‹…›),
straight "…" and, in copied English text, “…” and ‘…’. One pass with a
stack pairs them; a mark that can open or close (" “ ‘ » «) is read by the
document's style and what is open. Quotes may span sentences; a quote still
open at a paragraph break ends there (the next paragraph reopens it, as the
convention is), one still open at the end of the text ends with its
sentence.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

LOW = "„"  # U+201E
HIGH_OPEN = "“"  # U+201C: closes „…“, opens English “…”
HIGH_CLOSE = "”"  # U+201D
STRAIGHT = '"'
RAQUO = "»"
LAQUO = "«"
SLOW = "‚"  # U+201A
SHIGH = "‘"  # U+2018
SCLOSE = "’"  # U+2019 (also the apostrophe)
RSAQUO = "›"
LSAQUO = "‹"

MARK_CHARS = set(LOW + HIGH_OPEN + HIGH_CLOSE + STRAIGHT + RAQUO + LAQUO + SLOW + SHIGH + SCLOSE + RSAQUO + LSAQUO)
DOUBLE = set(LOW + HIGH_OPEN + HIGH_CLOSE + STRAIGHT + RAQUO + LAQUO)


@dataclass
class QuoteSpan:
    open: int  # token index of the opening mark
    close: int  # token index of the closing mark (or of the last token when the quote was left open)
    kind: str  # "double" | "single"
    closed: bool = True
    depth: int = 0

    @property
    def inner(self) -> range:
        end = self.close if self.closed else self.close + 1
        return range(self.open + 1, end)

    def __contains__(self, i: int) -> bool:
        return self.open <= i <= self.close


@lru_cache(maxsize=8192)
def mark_of(text: str) -> str | None:
    """The quotation mark a token is, or None (`“-Zeitung` counts as a closing mark)."""
    if not text:
        return None
    if all(ch in MARK_CHARS for ch in text):
        return text[0] if len(set(text)) == 1 or len(text) == 1 else None
    if text[0] in (HIGH_OPEN, HIGH_CLOSE, LAQUO, RAQUO) and len(text) > 1 and text[1] == "-":
        return text[0]
    return None


def pair_quotes(texts: list[str], space_before: list[bool], breaks: set[int], sentence_end: list[int]) -> list[QuoteSpan]:
    """Pair quotation marks.

    ``texts``: token texts; ``space_before[i]``: whitespace precedes token i;
    ``breaks``: token indices that are paragraph breaks (a quote cannot cross
    them); ``sentence_end[i]``: index of the last token of token i's sentence.
    """
    marks = [mark_of(t) for t in texts]
    present = {m for m in marks if m}
    if not present:
        return []
    german_low = LOW in present
    # guillemet style: the first guillemet decides (»…« German, «…» Swiss/French)
    first_guillemet = next((m for m in marks if m in (RAQUO, LAQUO)), None)
    guillemet_open = RAQUO if first_guillemet == RAQUO else LAQUO
    guillemet_close = LAQUO if guillemet_open == RAQUO else RAQUO
    single_guillemet_open = RSAQUO if guillemet_open == RAQUO else LSAQUO
    single_guillemet_close = LSAQUO if guillemet_open == RAQUO else RSAQUO

    spans: list[QuoteSpan] = []
    stack: list[tuple[int, str]] = []  # (token index, opener kind)

    def close(kinds: tuple[str, ...], at: int) -> bool:
        for depth in range(len(stack) - 1, -1, -1):
            if stack[depth][1] in kinds:
                start, kind = stack[depth]
                del stack[depth:]  # unmatched inner openers are dropped
                spans.append(QuoteSpan(start, at, "single" if kind.startswith("s") else "double", True, depth))
                return True
        return False

    def flush(last: int, paragraph_end: bool) -> None:
        while stack:
            start, kind = stack.pop()
            sentence_start = start == 0 or sentence_end[start - 1] == start - 1
            # a quote opening a sentence runs to the paragraph end (multi-sentence quote left open
            # by the convention); any other unclosed mark is read as quoting to its sentence end
            end = last if (paragraph_end and sentence_start) else min(sentence_end[start], last)
            if end > start:
                spans.append(QuoteSpan(start, end, "single" if kind.startswith("s") else "double", False, len(stack)))

    for i, m in enumerate(marks):
        if i in breaks:
            flush(i - 1, True)
            continue
        if m is None:
            continue
        if m == LOW:
            stack.append((i, "low"))
        elif m == HIGH_OPEN:
            if not close(("low", "en"), i):
                if german_low and not space_before[i] and i > 0:
                    continue  # a stray closing mark
                stack.append((i, "en"))
        elif m == HIGH_CLOSE:
            close(("en", "low", "straight"), i)
        elif m == STRAIGHT:
            if stack and stack[-1][1] == "straight":
                close(("straight",), i)
            elif any(k == "straight" for _, k in stack) and not space_before[i]:
                close(("straight",), i)
            else:
                stack.append((i, "straight"))
        elif m == guillemet_open:
            stack.append((i, "guillemet"))
        elif m == guillemet_close:
            close(("guillemet",), i)
        elif m == SLOW:
            stack.append((i, "s_low"))
        elif m == SHIGH:
            if not close(("s_low", "s_en"), i):
                if stack and not german_low:  # English ‘…’ inside “…”
                    stack.append((i, "s_en"))
        elif m == SCLOSE:
            close(("s_en", "s_low"), i)
        elif m == single_guillemet_open:
            stack.append((i, "s_guillemet"))
        elif m == single_guillemet_close:
            close(("s_guillemet",), i)
    flush(len(texts) - 1, False)
    spans.sort(key=lambda s: (s.open, -s.close))
    return spans
