"""Reader for the PETRARCH/TABARI actor dictionary format.

Only the build script uses this module: it turns the Phoenix actor files
(``../shared/data/petrarch2_dictionaries/Phoenix.*.actors.txt``) into records
that ``build_dictionary`` writes out as our own TSV files. The package itself
never reads PETRARCH files at run time.

The format (see ``dictionaries_format_doc.rst`` beside the data)::

    PRIMARY_PHRASE_  [DEFAULT_CODE]   # comment
    +SYNONYM_PHRASE_
    <TAB>[CODE >YYMMDD]              # from that date on
    <TAB>[CODE <YYMMDD]              # up to that date
    <TAB>[CODE YYMMDD-YYMMDD]        # between the dates, both inclusive
    <TAB>[CODE]                      # default when no dated restriction applies

Dates are YYYYMMDD or YYMMDD; as in PETRARCH, a two-digit year 00-30 is read
as 20YY and any other as 19YY. Where PETRARCH is lenient we are stricter or
explicit, and say so in the warnings:

* several ``[...]`` groups on one line (``[USAGOV 010120-050120] [IGO >050501]``)
  are read as several restrictions (PETRARCH would glue them into one code);
* a date with 7 digits is rejected instead of being read as YYMMDD plus junk;
* a primary phrase without any code takes the codes of the next record, as
  in PETRARCH, only when that record follows on the very next line and the two
  share a word (``MIKHAIL_GORBACHEV_`` then ``EX-SOVIET_PRESIDENT_MIKHAIL_
  GORBACHEV`` …); otherwise it stays an empty record (PETRARCH would give
  ``DAVID_CAMERON_`` the codes of the ``ALAN_JOHNSON_`` below it).
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["Restriction", "ActorRecord", "parse_date", "parse_actor_file", "parse_actor_lines"]

_GROUP = re.compile(r"\[([^\[\]]*)\]")


@dataclass(frozen=True)
class Restriction:
    """One code with its validity: ``start``/``end`` None means open."""

    code: str
    start: _dt.date | None = None
    end: _dt.date | None = None
    default: bool = False  # an undated code: used when no dated restriction applies

    def applies(self, day: _dt.date) -> bool:
        if self.default:
            return True
        if self.start is not None and day < self.start:
            return False
        if self.end is not None and day > self.end:
            return False
        return True


@dataclass
class ActorRecord:
    """A primary phrase, its synonyms and its codes, in file order."""

    names: list[str]
    restrictions: list[Restriction] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)
    line: int = 0
    source: str = ""
    last_line: int = 0

    @property
    def primary(self) -> str:
        return self.names[0]


class DateFormatError(ValueError):
    pass


def parse_date(text: str) -> _dt.date:
    """YYYYMMDD or YYMMDD (00-30 → 20YY, else 19YY) to a date."""
    s = text.strip()
    if not s.isdigit():
        raise DateFormatError(f"not a date: {text!r}")
    if len(s) == 6:
        yy = int(s[:2])
        year = 2000 + yy if yy <= 30 else 1900 + yy
        month, day = int(s[2:4]), int(s[4:6])
    elif len(s) == 8:
        year, month, day = int(s[:4]), int(s[4:6]), int(s[6:8])
    else:
        raise DateFormatError(f"date must have 6 or 8 digits: {text!r}")
    try:
        return _dt.date(year, month, day)
    except ValueError as exc:
        raise DateFormatError(f"invalid date {text!r}: {exc}") from None


def _parse_group(inner: str) -> Restriction:
    parts = inner.split(None, 1)
    if not parts:
        raise DateFormatError("empty code group []")
    code = parts[0]
    rest = parts[1].strip() if len(parts) > 1 else ""
    if not rest:
        return Restriction(code, default=True)
    if rest[0] in "<>":
        day = parse_date(rest[1:])
        return Restriction(code, end=day) if rest[0] == "<" else Restriction(code, start=day)
    if "-" in rest:
        a, b = rest.split("-", 1)
        start, end = parse_date(a), parse_date(b)
        if end < start:
            raise DateFormatError(f"end before start in {inner!r}")
        return Restriction(code, start=start, end=end)
    raise DateFormatError(f"cannot read restriction {inner!r}")


def _split_comment(text: str) -> tuple[str, str]:
    """Content and comment. A comment starts at '#' (or TABARI ';') that opens
    the line or follows blank space or ']'; a '#' inside a phrase (left over
    from HTML entities such as ``COACUTE#RDOBA``) is part of the phrase."""
    for i, ch in enumerate(text):
        if ch in "#;" and (i == 0 or text[i - 1] in " \t]"):
            return text[:i], text[i + 1 :].strip()
    return text, ""


def _clean_phrase(phrase: str) -> str:
    phrase = phrase.strip().replace("_", " ")
    return " ".join(phrase.split())


def parse_actor_lines(
    lines, source: str = "", warnings: list[str] | None = None
) -> list[ActorRecord]:
    """Parse an iterable of lines; problems are appended to ``warnings``."""
    warn = warnings.append if warnings is not None else (lambda _msg: None)
    records: list[ActorRecord] = []
    current: ActorRecord | None = None

    def groups(content: str, lineno: int) -> list[Restriction]:
        found = []
        for m in _GROUP.finditer(content):
            try:
                found.append(_parse_group(m.group(1)))
            except DateFormatError as exc:
                warn(f"{source}:{lineno}: {exc}; restriction skipped")
        return found

    for lineno, raw in enumerate(lines, start=1):
        line = raw.rstrip("\r\n")
        if not line.strip():
            continue
        content, comment = _split_comment(line)
        if not content.strip():
            continue  # comment line
        if line[0] in " \t":
            # a restriction line (PETRARCH: leading tab); any phrase before '[' is ignored
            if current is None:
                warn(f"{source}:{lineno}: restriction before any phrase; skipped")
                continue
            found = groups(content, lineno)
            if not found and "[" not in content:
                warn(f"{source}:{lineno}: indented line without a code; skipped")
            current.restrictions.extend(found)
            current.last_line = lineno
            if comment:
                current.comments.append(comment)
            continue
        if line[0] == "+":
            if current is None:
                warn(f"{source}:{lineno}: synonym before any phrase; skipped")
                continue
            phrase = _clean_phrase(content[1:].split("[", 1)[0])
            if phrase:
                current.names.append(phrase)
            current.restrictions.extend(groups(content, lineno))
            current.last_line = lineno
            continue
        # a primary phrase
        phrase = _clean_phrase(content.split("[", 1)[0])
        if not phrase:
            warn(f"{source}:{lineno}: line without a phrase; skipped")
            continue
        current = ActorRecord(names=[phrase], line=lineno, source=source, last_line=lineno)
        current.restrictions.extend(groups(content, lineno))
        if comment:
            current.comments.append(comment)
        records.append(current)
    return _chain_codeless(records)


_GENERIC = frozenset("THE OF AND FOR PRESIDENT SECRETARY GENERAL FORMER LEADER MINISTER PRIME".split())


def _words(rec: ActorRecord) -> set[str]:
    return {
        w for n in rec.names for w in n.replace("-", " ").split() if len(w) >= 4 and w not in _GENERIC
    }


def _chain_codeless(records: list[ActorRecord]) -> list[ActorRecord]:
    out: list[ActorRecord] = []
    for i, rec in enumerate(records):
        nxt = records[i + 1] if i + 1 < len(records) else None
        if (
            not rec.restrictions
            and nxt is not None
            and nxt.line == rec.last_line + 1
            and _words(rec) & _words(nxt)
        ):
            seen = set(rec.names)
            nxt.names = rec.names + [n for n in nxt.names if n not in seen]
            nxt.comments = rec.comments + nxt.comments
            nxt.line = rec.line
            continue
        out.append(rec)
    return out


def parse_actor_file(path: str | Path, warnings: list[str] | None = None) -> list[ActorRecord]:
    path = Path(path)
    with path.open(encoding="utf-8", errors="replace") as fh:
        return parse_actor_lines(fh, source=path.name, warnings=warnings)
