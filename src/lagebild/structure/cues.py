"""Load and compile the structure stage's cue file(s).

`Cues.load()` reads the packaged `cues.yaml`, merges any user files on top
(lists are extended, scalars replaced) and compiles every pattern once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any, Iterable

import yaml

DEFAULT_CUES = Path(__file__).with_name("cues.yaml")


class CueFileError(ValueError):
    """A cue file is missing, not YAML, or holds a pattern that does not compile."""


def _full(pattern: str) -> re.Pattern[str]:
    return re.compile(rf"(?:{pattern})\Z", re.IGNORECASE)


def _merge(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in extra.items():
        if isinstance(value, list) and isinstance(merged.get(key), list):
            merged[key] = merged[key] + value
        elif isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def _read_yaml(path: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise CueFileError(f"{path}: cannot read cue file ({exc.strerror or exc})") from exc
    except yaml.YAMLError as exc:
        raise CueFileError(f"{path}: not valid YAML ({exc})") from exc
    if not isinstance(data, dict):
        raise CueFileError(f"{path}: a cue file must be a YAML mapping")
    return data


@dataclass(frozen=True)
class FirstMatch:
    """Several patterns tried in order; `match` returns the first hit."""

    patterns: list[re.Pattern[str]]

    def match(self, text: str) -> re.Match[str] | None:
        for pattern in self.patterns:
            found = pattern.match(text)
            if found:
                return found
        return None


@dataclass(frozen=True)
class Cues:
    raw: dict[str, Any]

    @classmethod
    def load(cls, extra_files: Iterable[str | Path] = ()) -> "Cues":
        data = _read_yaml(DEFAULT_CUES)
        for extra in extra_files:
            data = _merge(data, _read_yaml(Path(extra)))
        cues = cls(data)
        cues.compile_all()
        return cues

    def compile_all(self) -> None:
        """Touch every compiled property so a bad pattern fails at load time."""
        try:
            for name in (
                "furniture_lines", "furniture_phrases", "related_headers", "teaser_link", "breadcrumb",
                "caption_with_credit", "credit_only", "notes", "byline", "dateline", "stamp",
            ):
                getattr(self, name)
        except re.error as exc:
            raise CueFileError(f"cue pattern does not compile: {exc} in {exc.pattern!r}") from exc

    def __getitem__(self, key: str) -> Any:
        return self.raw[key]

    @cached_property
    def furniture_lines(self) -> list[re.Pattern[str]]:
        return [_full(p) for p in self.raw["furniture_lines"]]

    @cached_property
    def furniture_phrases(self) -> re.Pattern[str]:
        return re.compile("|".join(re.escape(p) for p in self.raw["furniture_phrases"]), re.IGNORECASE)

    @cached_property
    def related_headers(self) -> list[re.Pattern[str]]:
        return [_full(p) for p in self.raw["related_headers"]]

    @cached_property
    def teaser_link(self) -> re.Pattern[str]:
        return _full(self.raw["teaser_link"])

    @cached_property
    def breadcrumb(self) -> re.Pattern[str]:
        return _full(self.raw["breadcrumb"])

    @cached_property
    def caption_with_credit(self) -> list[re.Pattern[str]]:
        return [_full(p) for p in self.raw["caption_with_credit"]]

    @cached_property
    def credit_only(self) -> list[re.Pattern[str]]:
        return [_full(p) for p in self.raw["credit_only"]]

    @cached_property
    def notes(self) -> list[re.Pattern[str]]:
        return [_full(p) for p in self.raw["notes"]]

    @cached_property
    def byline(self) -> list[re.Pattern[str]]:
        # Names are case-sensitive (capitalised words), so no IGNORECASE here.
        return [re.compile(rf"(?:{p})\Z") for p in self.raw["byline"]]

    @cached_property
    def dateline(self) -> "FirstMatch":
        agencies = "|".join(re.escape(a) for a in sorted(self.raw["agencies"], key=len, reverse=True))
        pattern = self.raw["dateline"].replace("{agencies}", f"(?i:{agencies})")
        generic = self.raw.get("dateline_generic")
        return FirstMatch([re.compile(pattern)] + ([re.compile(generic)] if generic else []))

    @cached_property
    def month_numbers(self) -> dict[str, int]:
        table: dict[str, int] = {}
        for number, names in self.raw["months"].items():
            for name in names:
                table[name.lower()] = int(number)
        return table

    @cached_property
    def stamp(self) -> re.Pattern[str]:
        """One pattern for a whole stamp line; named groups carry the parts."""
        labels = []
        for kind, names in self.raw["stamp_labels"].items():
            labels.append(f"(?P<{kind}>{'|'.join(names)})")
        label = rf"(?:(?:{'|'.join(labels)})\s*:?\s*)?"
        weekday = rf"(?:(?:{'|'.join(self.raw['weekdays'])})\.?,?\s+(?:den\s+)?)?"
        months = "|".join(sorted(self.month_numbers, key=len, reverse=True))
        date = (
            r"(?:(?P<d>\d{1,2})\.\s?(?P<m>\d{1,2})\.\s?(?P<y>\d{4}|\d{2})"
            rf"|(?P<d2>\d{{1,2}})\.?\s+(?P<mn>{months})\.?\s+(?P<y2>\d{{4}})"
            r"|(?P<iy>\d{4})-(?P<im>\d{2})-(?P<id>\d{2}))"
        )
        time = r"(?:\s*(?:,|um|-|–|\|)?\s*(?P<H>\d{1,2})[:.](?P<M>\d{2})(?:[:.]\d{2})?\s*(?:Uhr|h)?(?:\s*(?P<tz>MESZ|MEZ|CEST|CET|UTC|GMT))?)?"
        time_first = r"(?:(?P<H0>\d{1,2})[:.](?P<M0>\d{2})\s*(?:Uhr)?\s*(?:,|am|\|)?\s*)?"
        return re.compile(rf"{label}{time_first}{weekday}{date}{time}\.?\Z", re.IGNORECASE)
