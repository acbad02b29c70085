"""Structure of page text copied from a German news site.

The page is cut into lines and blocks (runs of lines between blank lines).
Every line is first classified on its own against the cue file (furniture,
related-links box, caption and credit, stamp, byline, note). What is left is
content, read in order: kicker, title, lead, then body paragraphs with
sub-headings, the first of which may carry an agency dateline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum

from lagebild.record import Section
from lagebild.structure.cues import Cues
from lagebild.structure.timestamps import Stamp, parse_stamp_line

_WS = re.compile(r"\s+")
_SENTENCE_END = re.compile(r"[.!?…:;]([\"“”»«‘’')\]]*)$")


def normalise_space(text: str) -> str:
    return _WS.sub(" ", text.replace("\u00a0", " ")).strip()


class Kind(Enum):
    CONTENT = "content"
    FURNITURE = "furniture"
    RELATED = "related"
    CAPTION = "caption"
    CREDIT = "credit"
    STAMP = "stamp"
    BYLINE = "byline"
    NOTE = "note"


@dataclass
class Line:
    text: str
    block: int
    kind: Kind = Kind.CONTENT
    caption: str | None = None
    credit: str | None = None
    author: str | None = None
    stamp: Stamp | None = None


@dataclass
class TextStructure:
    """The fields the text pass decides; the stage turns them into an Article."""

    title: str | None = None
    kicker: str | None = None
    lead: str | None = None
    published: str | None = None
    caption: str | None = None
    image_credit: str | None = None
    author: str | None = None
    dateline: str | None = None
    sections: list[Section] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)


def split_lines(text: str) -> list[Line]:
    lines: list[Line] = []
    block = 0
    previous_blank = True
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = normalise_space(raw)
        if not line:
            if not previous_blank:
                block += 1
            previous_blank = True
            continue
        previous_blank = False
        lines.append(Line(line, block))
    return lines


def ends_like_sentence(text: str) -> bool:
    return bool(_SENTENCE_END.search(text))


class TextLayout:
    """Reads page text into structure fields, driven by `Cues`."""

    def __init__(self, cues: Cues):
        self.cues = cues

    # ---- line classification -------------------------------------------------

    def _match_any(self, patterns: list[re.Pattern[str]], text: str) -> re.Match[str] | None:
        for pattern in patterns:
            match = pattern.match(text)
            if match:
                return match
        return None

    def is_furniture(self, text: str) -> bool:
        if self._match_any(self.cues.furniture_lines, text):
            return True
        if len(text) <= self.cues["furniture_phrase_max_chars"] and self.cues.furniture_phrases.search(text):
            return True
        return self.is_breadcrumb(text)

    def is_breadcrumb(self, text: str) -> bool:
        if not self.cues.breadcrumb.match(text):
            return False
        parts = re.split(r"\s+[|›»>]\s+", text)
        return all(len(part.split()) <= 3 and not ends_like_sentence(part) for part in parts)

    def classify(self, line: Line) -> None:
        text = line.text
        if self._match_any(self.cues.related_headers, text):
            line.kind = Kind.RELATED
            return
        if self._match_any(self.cues.notes, text):
            line.kind = Kind.NOTE
            return
        stamp = parse_stamp_line(text, self.cues)
        if stamp:
            line.kind, line.stamp = Kind.STAMP, stamp
            return
        if self.is_furniture(text):
            line.kind = Kind.FURNITURE
            return
        if len(text) <= self.cues["caption_max_chars"]:
            match = self._match_any(self.cues.caption_with_credit, text)
            if match and match.group("caption").strip():
                line.kind = Kind.CAPTION
                line.caption = match.group("caption").strip()
                line.credit = match.group("credit").strip()
                return
            match = self._match_any(self.cues.credit_only, text)
            if match:
                line.kind, line.credit = Kind.CREDIT, match.group("credit").strip()
                return
        if len(text) <= self.cues["byline_max_chars"] and not ends_like_sentence(text):
            match = self._match_any(self.cues.byline, text)
            if match:
                line.kind, line.author = Kind.BYLINE, match.group("author").strip()
                return

    def is_teaser_link(self, text: str) -> bool:
        if len(text) > self.cues["teaser_max_chars"]:
            return False
        return bool(self.cues.teaser_link.match(text)) or not ends_like_sentence(text) and len(text.split()) <= 10

    def drop_related_boxes(self, lines: list[Line]) -> None:
        """A related-links header takes its link lines with it."""
        for i, line in enumerate(lines):
            if line.kind is not Kind.RELATED:
                continue
            line.kind = Kind.FURNITURE
            same_block = [l for l in lines[i + 1:] if l.block == line.block]
            for link in same_block:
                link.kind = Kind.FURNITURE
            if same_block:
                continue
            # Header alone in its block: the next block is the link list,
            # further blocks only while every line is an obvious "Label: text" link.
            following = [l for l in lines[i + 1:] if l.kind is Kind.CONTENT]
            if not following:
                continue
            first_block = following[0].block
            block_lines = [l for l in following if l.block == first_block]
            if all(self.is_teaser_link(l.text) for l in block_lines) and (
                len(block_lines) > 1 or self.cues.teaser_link.match(block_lines[0].text)
            ):
                for l in block_lines:
                    l.kind = Kind.FURNITURE
                next_block = first_block + 1
                while True:
                    nxt = [l for l in lines if l.block == next_block and l.kind is Kind.CONTENT]
                    if not nxt or not all(self.cues.teaser_link.match(l.text) for l in nxt):
                        break
                    for l in nxt:
                        l.kind = Kind.FURNITURE
                    next_block += 1

    # ---- reading the content -------------------------------------------------

    def is_heading(self, text: str) -> bool:
        if len(text) > self.cues["heading_max_chars"] or len(text.split()) > self.cues["heading_max_words"]:
            return False
        if not text[0].isupper() and not text[0].isdigit() and text[0] not in "„\"»«‚'":
            return False
        stripped = text.rstrip("\"“”»«‘’')")
        return not stripped or stripped[-1] not in self.cues["heading_bad_endings"]

    def paragraphs(self, lines: list[Line]) -> list[tuple[str, int, bool, int]]:
        """Content lines → (text, position, single_line_block, block)."""
        units: list[tuple[str, int, bool, int]] = []
        block_sizes: dict[int, int] = {}
        for line in lines:
            if line.kind is Kind.CONTENT:
                block_sizes[line.block] = block_sizes.get(line.block, 0) + 1
        widest: dict[int, int] = {}
        for line in lines:
            if line.kind is Kind.CONTENT:
                widest[line.block] = max(widest.get(line.block, 0), len(line.text))
        for pos, line in enumerate(lines):
            if line.kind is not Kind.CONTENT:
                continue
            previous = lines[pos - 1] if pos else None
            if (
                units and units[-1][3] == line.block and previous is not None and previous.kind is Kind.CONTENT
                and not ends_like_sentence(previous.text)
                and (line.text[0].islower() or len(previous.text) >= 0.6 * widest[line.block])
            ):
                text, start, _, block = units[-1]
                units[-1] = (f"{text} {line.text}", start, False, block)  # hard-wrapped prose
                continue
            units.append((line.text, pos, block_sizes[line.block] == 1, line.block))
        return units

    def __call__(self, text: str, given_title: str | None = None) -> TextStructure:
        lines = split_lines(text)
        for line in lines:
            self.classify(line)
        self.drop_related_boxes(lines)
        result = TextStructure()
        self._caption_and_credit(lines, result)
        result.dropped = [l.text for l in lines if l.kind is Kind.FURNITURE]
        result.notes = [l.text for l in lines if l.kind is Kind.NOTE]
        stamps = [l.stamp for l in lines if l.kind is Kind.STAMP and l.stamp]
        if stamps:
            result.published = min(stamps, key=lambda s: s.rank).iso
        authors = [l.author for l in lines if l.kind is Kind.BYLINE]
        result.author = authors[0] if authors else None

        units = self.paragraphs(lines)
        # Page-header elements (stamp, byline, caption, credit, source line) next
        # to the first paragraph mark it as the lead; plain furniture does not.
        header_markers = [pos for pos, l in enumerate(lines)
                          if l.kind in (Kind.STAMP, Kind.BYLINE, Kind.CAPTION, Kind.CREDIT, Kind.NOTE)]

        index = 0
        if given_title:
            if units and normalise_space(units[0][0]) == normalise_space(given_title):
                index = 1
            result.title = normalise_space(given_title)
        elif units:
            if (
                len(units) > 2
                and units[0][2] and units[1][2]
                and len(units[0][0].split()) <= self.cues["kicker_max_words"]
                and len(units[0][0]) <= self.cues["kicker_max_chars"]
                and not ends_like_sentence(units[0][0].rstrip(":"))
                and self.is_heading(units[1][0])
                and len(units[1][0]) > len(units[0][0])
            ):
                result.kicker = units[0][0].rstrip(":").strip()
                index = 1
            result.title = units[index][0]
            index += 1
        title_pos = units[index - 1][1] if index > 0 else -1

        body = units[index:]
        if body:
            first_text, first_pos = body[0][0], body[0][1]
            second_pos = body[1][1] if len(body) > 1 else len(lines)
            has_dateline = bool(self.cues.dateline.match(first_text))
            marked = any(title_pos < m < second_pos for m in header_markers)
            if not has_dateline and marked and not (body[0][2] and self.is_heading(first_text)):
                result.lead = first_text
                body = body[1:]
        result.sections = self._sections(body, result)
        return result

    def _caption_and_credit(self, lines: list[Line], result: TextStructure) -> None:
        for pos, line in enumerate(lines):
            if line.kind is Kind.CAPTION:
                if result.caption is None:
                    result.caption, result.image_credit = line.caption, line.credit
            elif line.kind is Kind.CREDIT:
                previous = next((l for l in reversed(lines[:pos]) if l.kind is Kind.CONTENT), None)
                block_lines = [l for l in lines if previous is not None and l.block == previous.block and l.kind is Kind.CONTENT]
                if (
                    previous is not None
                    and len(block_lines) == 1
                    and len(previous.text) <= self.cues["caption_max_chars"]
                    and previous.block >= line.block - 1
                ):
                    previous.kind = Kind.CAPTION
                    previous.caption, previous.credit = previous.text, line.credit
                    if result.caption is None:
                        result.caption, result.image_credit = previous.text, line.credit
                elif result.image_credit is None:
                    result.image_credit = line.credit

    def _sections(self, body: list[tuple[str, int, bool, int]], result: TextStructure) -> list[Section]:
        sections: list[Section] = [Section(None, [])]
        for i, (text, _pos, single, _block) in enumerate(body):
            is_last = i == len(body) - 1
            if single and not is_last and self.is_heading(text) and not self._is_heading_blocked(body, i):
                sections.append(Section(text, []))
                continue
            if not sections[-1].paragraphs and len(sections) == 1 and result.dateline is None:
                match = self.cues.dateline.match(text)
                if match:
                    result.dateline = match.group(0).rstrip(" -–—").strip()
                    text = text[match.end():].strip()
            sections[-1].paragraphs.append(text)
        if not sections[0].paragraphs and (len(sections) > 1 or sections[0].heading is None):
            sections = sections[1:]
        return [s for s in sections if s.paragraphs or s is sections[-1] and s.heading]

    def _is_heading_blocked(self, body: list[tuple[str, int, bool, int]], i: int) -> bool:
        """Two sub-headings in a row are unlikely: the first short line then is a paragraph."""
        nxt = body[i + 1]
        return nxt[2] and self.is_heading(nxt[0]) and i + 1 == len(body) - 1
