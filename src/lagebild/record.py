"""Typed records at the seams of the pipeline: the output contract as types.

`RawDocument` is what a reader hands to the structure stage; `Article` is the
record every later layer enriches and `Article.to_dict()` prints
(`../shared/docs/output-contract.md`).
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

SourceFormat = Literal["text", "html", "jsonl"]


@dataclass(frozen=True)
class Source:
    """Where an article came from: a file path (``file.jsonl:3`` for a line), ``-`` or a URL."""

    path: str
    format: SourceFormat
    url: str | None = None


@dataclass(frozen=True)
class RawDocument:
    """Decoded input before structure extraction.

    ``content`` is text (format ``text``) or markup (format ``html``); metadata
    given by the input itself (JSON Lines fields, API keyword arguments) rides
    along and takes precedence over what the structure stage finds.
    """

    content: str
    source: Source
    given_id: str | None = None
    given_title: str | None = None
    given_published: str | None = None
    warnings: tuple[str, ...] = ()


@dataclass
class Section:
    heading: str | None
    paragraphs: list[str] = field(default_factory=list)


@dataclass
class Entity:
    """A named-entity span in `Article.text`, linked to an actor where resolved."""

    start: int
    end: int
    text: str
    label: str  # PER, ORG, LOC, MISC; GPE for a state or city acting politically
    actor: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text, "label": self.label, "actor": self.actor}


@dataclass
class Actor:
    """One actor of an article with every mention of it (character spans)."""

    id: str
    name: str
    kind: str  # person, state, organisation, location, group
    code: str | None
    sector: str | None
    role: str | None = None
    mentions: list[tuple[int, int]] = field(default_factory=list)
    dictionary_id: str | None = None  # the entry it was linked to, if any

    def to_dict(self) -> dict[str, Any]:
        record = {"id": self.id, "name": self.name, "kind": self.kind, "code": self.code, "sector": self.sector,
                  "role": self.role, "mentions": [list(m) for m in self.mentions]}
        if self.dictionary_id:
            record["dictionary_id"] = self.dictionary_id
        return record


@dataclass
class Article:
    """One article record; structure fields first, later layers append theirs."""

    id: str
    source: Source
    language: str | None
    title: str | None
    published: str | None = None
    lead: str | None = None
    caption: str | None = None
    image_credit: str | None = None
    author: str | None = None
    dateline: str | None = None
    kicker: str | None = None
    sections: list[Section] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    text: str = ""
    layers: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # Later layers: None until their stage ran (the record then omits them).
    entities: list[Entity] | None = None
    actors: list[Actor] | None = None
    quotes: list[Any] | None = None  # lagebild.quotes records (each with .to_dict())
    events: list[Any] | None = None  # lagebild.events records (each with .to_dict())
    # Transient: the language layer's spaCy Doc over `text`; to_dict() never serialises it.
    doc: Any = field(default=None, repr=False, compare=False)

    @property
    def paragraphs(self) -> list[str]:
        return [p for s in self.sections for p in s.paragraphs]

    @property
    def content_hash(self) -> str:
        """Hash of everything the structure stage decided; changes iff the record changes."""
        return content_hash(self.to_dict(include_id=False))

    def to_dict(self, include_id: bool = True) -> dict[str, Any]:
        record: dict[str, Any] = {}
        if include_id:
            record["id"] = self.id
        record["source"] = {k: v for k, v in asdict(self.source).items() if v is not None}
        record["language"] = self.language
        record["layers"] = list(self.layers)
        for name in ("title", "published", "lead", "caption", "image_credit", "author", "dateline", "kicker"):
            record[name] = getattr(self, name)
        record["sections"] = [{"heading": s.heading, "paragraphs": list(s.paragraphs)} for s in self.sections]
        record["notes"] = list(self.notes)
        record["text"] = self.text
        if self.entities is not None:
            record["entities"] = [e.to_dict() for e in self.entities]
        if self.actors is not None:
            record["actors"] = [a.to_dict() for a in self.actors]
        if self.quotes is not None:
            record["quotes"] = [q.to_dict() for q in self.quotes]
        if self.events is not None:
            record["events"] = [e.to_dict() for e in self.events]
        if self.warnings:
            record["warnings"] = list(self.warnings)
        return record

    @classmethod
    def from_dict(cls, record: dict[str, Any]) -> "Article":
        src = record.get("source") or {}
        return cls(
            id=record["id"],
            source=Source(path=src.get("path", ""), format=src.get("format", "text"), url=src.get("url")),
            language=record.get("language"),
            title=record.get("title"),
            published=record.get("published"),
            lead=record.get("lead"),
            caption=record.get("caption"),
            image_credit=record.get("image_credit"),
            author=record.get("author"),
            dateline=record.get("dateline"),
            kicker=record.get("kicker"),
            sections=[Section(s.get("heading"), list(s.get("paragraphs", []))) for s in record.get("sections", [])],
            notes=list(record.get("notes", [])),
            text=record.get("text", ""),
            layers=list(record.get("layers", [])),
            warnings=list(record.get("warnings", [])),
            entities=[Entity(**e) for e in record["entities"]] if "entities" in record else None,
            actors=[Actor(**{**a, "mentions": [tuple(m) for m in a.get("mentions", [])]}) for a in record["actors"]]
            if "actors" in record else None,
        )


def content_hash(obj: Any) -> str:
    import json

    blob = json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def stable_id(*, given_id: str | None, url: str | None, title: str | None, body: str) -> str:
    """The article's key in the store.

    The input's own id wins; then its URL (a re-scraped page updates the same
    record); otherwise a hash of title and body, so the same text read from
    any file, in any encoding or line-ending style, gets the same id.
    """
    if given_id:
        return str(given_id)
    basis = f"url:{url}" if url else f"text:{title or ''}\n{body}"
    return hashlib.sha256(basis.encode("utf-8")).hexdigest()[:16]
