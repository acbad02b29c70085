"""Structure stage: RawDocument → Article (title, time, lead, caption, sections, notes)."""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

from lagebild.record import Article, RawDocument, Section, stable_id
from lagebild.structure.cues import Cues, CueFileError
from lagebild.structure.html_layout import HtmlError, HtmlLayout
from lagebild.structure.language import LanguageDetector
from lagebild.structure.text_layout import TextLayout, TextStructure, normalise_space
from lagebild.structure.timestamps import parse_iso

__all__ = ["StructureStage", "Cues", "CueFileError", "HtmlError", "assemble_text"]


def assemble_text(title: str | None, lead: str | None, sections: list[Section]) -> str:
    """The text all offsets refer to: title, lead, then sub-headings and paragraphs
    in reading order, joined by blank lines."""
    parts = [p for p in (title, lead) if p]
    for section in sections:
        if section.heading:
            parts.append(section.heading)
        parts.extend(section.paragraphs)
    return "\n\n".join(parts)


class StructureStage:
    """Turns a decoded input into an Article with the structure layer filled."""

    name = "structure"

    def __init__(self, cue_files: Iterable[str | Path] = ()):
        self.cues = Cues.load(cue_files)
        self.text_layout = TextLayout(self.cues)
        self.html_layout = HtmlLayout(self.cues, self.text_layout)
        self.detect_language = LanguageDetector(self.cues["language_min_chars"])

    def __call__(self, raw: RawDocument) -> Article:
        warnings = list(raw.warnings)
        page_language = None
        url = raw.source.url
        if raw.source.format == "html":
            found, meta = self.html_layout(raw.content)
            page_language = meta.language
            url = url or meta.url
        else:
            found = self.text_layout(raw.content, given_title=raw.given_title)
        if raw.given_title:
            found.title = normalise_space(raw.given_title)
        published = parse_iso(raw.given_published) if raw.given_published else None
        if raw.given_published and published is None:
            warnings.append(f"published value {raw.given_published!r} is not an ISO date; used the page's stamp")
        found.published = published or found.published
        return self._article(raw, found, url, warnings, page_language)

    def _article(self, raw: RawDocument, found: TextStructure, url: str | None,
                 warnings: list[str], page_language: str | None) -> Article:
        text = assemble_text(found.title, found.lead, found.sections)
        body = "\n\n".join(p for s in found.sections for p in s.paragraphs)
        language = self.detect_language(body or text)
        if language != "de":
            declared = f" (page declares {page_language!r})" if page_language and page_language != language else ""
            warnings.append(f"language is {language!r}, not German{declared}: stored as is, German layers skipped")
        source = raw.source if url == raw.source.url else type(raw.source)(raw.source.path, raw.source.format, url)
        return Article(
            id=stable_id(given_id=raw.given_id, url=url, title=found.title, body=body),
            source=source,
            language=language,
            title=found.title,
            published=found.published,
            lead=found.lead,
            caption=found.caption,
            image_credit=found.image_credit,
            author=found.author,
            dateline=found.dateline,
            kicker=found.kicker,
            sections=found.sections,
            notes=found.notes,
            text=text,
            layers=[self.name],
            warnings=warnings,
        )
