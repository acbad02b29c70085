"""German temporal expressions → calendar dates, resolved against the publication date.

>>> t = TimeTagger()
>>> [(e.text, e.resolve("2017-08-17")) for e in t.find("Am Mittwoch trafen sich die Minister.")]
[('Am Mittwoch', '2017-08-16')]

`find(text)` returns `TimeExpression`s (character spans into ``text``, the
rule that matched and what is needed to resolve them); `resolve(published,
future=False)` gives ``YYYY-MM-DD``, ``YYYY-MM`` or None. Weekdays, months
without a year and holidays resolve backwards from the publication date for
events told in the past or present and forwards for future events. The word
lists are data: `data/rules.yaml`.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

RULES_FILE = Path(__file__).resolve().parent / "data" / "rules.yaml"


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def easter(year: int) -> _dt.date:
    """Easter Sunday (Gregorian; anonymous algorithm)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l) // 451
    month, day = divmod(h + l - 7 * m + 114, 31)
    return _dt.date(year, month, day + 1)


def parse_day(value: str | _dt.date | None) -> _dt.date | None:
    if value is None:
        return None
    if isinstance(value, _dt.date):
        return value
    try:
        return _dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


@dataclass(frozen=True)
class TimeExpression:
    start: int
    end: int
    text: str
    rule: str
    kind: str  # date, month, weekday, relday, period, ago, holiday, vague
    args: tuple = ()

    @property
    def fixed(self) -> bool:
        """True when the expression needs no publication date (it states the year)."""
        return self.kind in ("date", "month") and self.args[0] is not None

    def resolve(self, published: str | _dt.date | None, future: bool = False) -> str | None:
        pub = parse_day(published)
        try:
            return _resolve(self, pub, future)
        except (ValueError, OverflowError):
            return None


def _month_year(month: int, year: int | None, rel: int | None, pub: _dt.date | None, future: bool) -> int | None:
    if year is not None:
        return year
    if pub is None:
        return None
    if rel is not None:
        return pub.year + rel
    if future:
        return pub.year if month >= pub.month else pub.year + 1
    return pub.year if month <= pub.month else pub.year - 1


def _resolve(e: TimeExpression, pub: _dt.date | None, future: bool) -> str | None:
    k, a = e.kind, e.args
    if k == "vague":
        return None
    if k == "date":
        year, rel, month, day = a
        if year is None and pub is None:
            return None
        if year is None and rel is None and pub is not None:
            y = pub.year
            cand = _dt.date(y, month, day)
            # a day well after publication in a past report is last year's (and vice versa)
            if not future and (cand - pub).days > 31:
                y -= 1
            elif future and (pub - cand).days > 31:
                y += 1
            return _dt.date(y, month, day).isoformat()
        y = year if year is not None else pub.year + rel
        return _dt.date(y, month, day).isoformat()
    if pub is None and k != "month":
        return None
    if k == "month":
        year, rel, month = a
        y = _month_year(month, year, rel, pub, future)
        return None if y is None else f"{y:04d}-{month:02d}"
    if k == "relday":
        return (pub + _dt.timedelta(days=a[0])).isoformat()
    if k == "weekday":
        wd, rel = a
        if rel == 0:  # "am heutigen Sonntag"
            return pub.isoformat()
        if rel == -1 and e.rule == "weekday.relday":  # "am gestrigen Samstag"
            return (pub - _dt.timedelta(days=1)).isoformat()
        diff = (pub.weekday() - wd) % 7
        if rel == "prev" or (rel is None and not future):
            back = diff if rel is None else (diff or 7)
            return (pub - _dt.timedelta(days=back)).isoformat()
        ahead = (wd - pub.weekday()) % 7
        if rel == "next" and ahead == 0:
            ahead = 7
        return (pub + _dt.timedelta(days=ahead)).isoformat()
    if k == "holiday":
        spec, year = a
        y = year or pub.year
        day = _holiday(spec, y)
        if year is None:
            if not future and day > pub:
                day = _holiday(spec, y - 1)
            elif future and day < pub:
                day = _holiday(spec, y + 1)
        return day.isoformat()
    if k == "ago":
        n, unit = a
        if unit == "day":
            return (pub - _dt.timedelta(days=n)).isoformat()
        if unit == "week":
            return (pub - _dt.timedelta(days=7 * n)).isoformat()
        if unit == "month":
            m = pub.month - n
            y = pub.year + (m - 1) // 12
            m = (m - 1) % 12 + 1
            return f"{y:04d}-{m:02d}"
        return None
    if k == "period":
        offset, unit = a
        if unit == "year":
            return None  # a year alone fixes no month
        if unit == "month":
            m = pub.month + offset
            y = pub.year + (m - 1) // 12
            m = (m - 1) % 12 + 1
            return f"{y:04d}-{m:02d}"
        if unit in ("week", "weekend"):
            monday = pub - _dt.timedelta(days=pub.weekday())
            if unit == "weekend" and offset == 0 and not future:
                # "am Wochenende" told in the past: the last weekend up to publication
                sat = monday + _dt.timedelta(days=5)
                if sat > pub:
                    sat -= _dt.timedelta(days=7)
                first, last = sat, sat + _dt.timedelta(days=1)
            else:
                monday += _dt.timedelta(days=7 * offset)
                first, last = (monday, monday + _dt.timedelta(days=6)) if unit == "week" else (
                    monday + _dt.timedelta(days=5), monday + _dt.timedelta(days=6))
            if (first.year, first.month) == (last.year, last.month):
                return f"{first.year:04d}-{first.month:02d}"
            return None
    return None


def _holiday(spec: dict, year: int) -> _dt.date:
    if "easter" in spec:
        return easter(year) + _dt.timedelta(days=int(spec["easter"]))
    mm, dd = (int(x) for x in spec["fixed"].split("-"))
    return _dt.date(year, mm, dd)


class TimeTagger:
    """Finds temporal expressions in German text (patterns built from `data/rules.yaml`)."""

    def __init__(self, rules: dict[str, Any] | None = None):
        r = rules or yaml.safe_load(RULES_FILE.read_text(encoding="utf-8"))
        self.rules = r
        self.weekdays = {k.lower(): int(v) for k, v in r["weekdays"].items()}
        self.months = {k.lower(): int(v) for k, v in r["months"].items()}
        self.reldays = {k.lower(): int(v) for k, v in r["relative_days"].items()}
        self.numbers = {k.lower(): int(v) for k, v in r["number_words"].items()}
        self.offsets = {k.lower(): int(v) for k, v in r["period_offsets"].items()}
        self.units = {k.lower(): v for k, v in r["period_units"].items()}
        self.holidays = {k.lower(): v for k, v in r["holidays"].items()}
        self.not_event = {w.lower() for w in r.get("not_event_time", [])}
        self.default_date = r.get("default_date", {}) or {}
        WD = _alt(self.weekdays)
        MO = _alt(self.months)
        PARTS = _alt(r["day_parts"])
        NUM = _alt(self.numbers)
        OFF = _alt(self.offsets)
        UNIT = _alt(self.units)
        MP = _alt(r["month_parts"])
        HOL = _alt(self.holidays)
        YREL = r"(?:\s+(?P<yrel>dieses|diesen|letzten|vergangenen|vorigen|nächsten|kommenden)\s+Jahres)"
        self.patterns: list[tuple[str, str, re.Pattern]] = [
            ("date.numeric", "date",
             re.compile(r"(?<![\d.])(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4}|\d{2})(?![\d.]\d)")),
            ("date.explicit", "date",
             re.compile(rf"(?i:(?P<wd>{WD}),?\s+(?:de[nm]\s+)?)?(?<!\d)(?P<d>\d{{1,2}})\.\s*(?i:(?P<m>{MO}))\.?"
                        rf"(?:\s+(?P<y>\d{{4}})(?!\d)|{YREL})?")),
            ("weekday.night", "weekday",
             re.compile(rf"(?i:in\s+der\s+nacht\s+(?:zum|zu|auf)\s+(?:den\s+)?)(?i:(?P<wd>{WD}))\b")),
            ("weekday.relday", "weekday",
             re.compile(rf"(?i:(?:am|des|vom)\s+)?(?P<rel>heutigen|gestrigen)\s+(?i:(?P<wd>{WD}))(?:s)?\b")),
            ("weekday.offset", "weekday",
             re.compile(rf"(?i:(?:am|vom|seit)\s+)?(?P<rel>vergangenen|letzten|vorigen|kommenden|nächsten)\s+"
                        rf"(?i:(?P<wd>{WD}))\b")),
            ("weekday", "weekday",
             re.compile(rf"(?i:\b(?:am|vom|seit|ab|zum|bis)\s+)?\b(?i:(?P<wd>{WD}))(?i:{PARTS})?(?:s)?\b"
                        rf"(?:\s+(?:{PARTS}))?")),
            ("holiday", "holiday",
             re.compile(rf"(?i:\b(?:am|an|zu|vor|nach|seit|über)\s+)?\b(?i:(?P<h>{HOL}))\b(?:\s+(?P<y>\d{{4}}))?")),
            ("relday.vortag", "relday", re.compile(r"\b(?:am|vom)\s+(?P<r>Vortag)\b")),
            ("relday.tag", "relday", re.compile(r"\b(?:am|vom)\s+(?P<r>gestrigen|heutigen|morgigen)\s+Tag\b")),
            ("relday", "relday",
             re.compile(r"\b(?:(?:seit|bis|ab|von)\s+)?(?P<r>[Hh]eute|[Gg]estern|[Vv]orgestern|morgen|übermorgen)\b"
                        r"(?:\s+(?:Morgen|Vormittag|Mittag|Nachmittag|Abend|Nacht|früh|morgen|vormittag|"
                        r"nachmittag|abend|nacht))?")),
            ("ago", "ago",
             re.compile(rf"\bvor\s+(?P<n>\d+|(?i:{NUM}))\s+(?P<u>Tag(?:en)?|Wochen?|Monat(?:en)?|Jahr(?:en)?)\b")),
            ("month.part", "month",
             re.compile(rf"\b(?P<p>(?i:{MP}))\s+(?i:(?P<m>{MO}))\b\.?(?:\s+(?P<y>\d{{4}})(?!\d)|{YREL})?")),
            ("month.in", "month",
             re.compile(rf"\b(?i:(?:im|seit|vom|Im|Seit)\s+(?:(?:vergangenen|letzten|vorigen)\s+)?)"
                        rf"(?i:(?P<m>{MO}))\b\.?(?:\s+(?P<y>\d{{4}})(?!\d)|{YREL})?")),
            ("month.year", "month", re.compile(rf"\b(?i:(?P<m>{MO}))\s+(?P<y>\d{{4}})(?!\d)")),
            ("period", "period",
             re.compile(rf"\b(?i:(?:in\s+der|im|am|in\s+dieser|während\s+der|während\s+des|an\s+diesem|"
                        rf"in\s+diesem|seit\s+der|seit\s+dem)\s+)?(?P<o>(?i:{OFF}))\s+(?P<u>(?i:{UNIT}))\b")),
            ("period.weekend", "period",
             re.compile(r"\b(?i:am|übers|über\s+das|während\s+des|an\s+diesem)\s+(?P<u>Wochenende)s?\b")),
            ("vague", "vague",
             re.compile(r"(?i)\b(?:" + "|".join(r["vague"]) + r")\b")),
        ]
        self._priority = {name: i for i, (name, _, _) in enumerate(self.patterns)}
        # cheap gates: a pattern runs only when one of its words (or a digit) is in the text
        wd = tuple(self.weekdays)
        mo = tuple(m for m in self.months)
        self._gates = {
            "date.numeric": ("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"),
            "date.explicit": mo,
            "weekday.night": ("nacht",),
            "weekday.relday": ("heutigen", "gestrigen"),
            "weekday.offset": wd,
            "weekday": wd,
            "holiday": tuple(h.split()[0] for h in self.holidays),
            "relday.vortag": ("vortag",),
            "relday.tag": ("gestrigen", "heutigen", "morgigen"),
            "relday": ("heute", "gestern", "morgen"),
            "ago": ("vor ",),
            "month.part": mo,
            "month.in": mo,
            "month.year": mo,
            "period": tuple(self.units),
            "period.weekend": ("wochenende",),
        }

    # -------------------------------------------------------------------------

    def find(self, text: str, offset: int = 0) -> list[TimeExpression]:
        """Temporal expressions in ``text``; spans shifted by ``offset``; overlaps resolved longest-first."""
        found: list[TimeExpression] = []
        low = text.lower()
        for name, kind, pattern in self.patterns:
            gate = self._gates.get(name)
            if gate is not None and not any(g in low for g in gate):
                continue
            for m in pattern.finditer(text):
                expr = self._make(name, kind, m, offset)
                if expr is not None:
                    found.append(expr)
        found.sort(key=lambda e: (-(e.end - e.start), self._priority[e.rule], e.start))
        chosen: list[TimeExpression] = []
        for e in found:
            if all(e.end <= c.start or e.start >= c.end for c in chosen):
                chosen.append(e)
        chosen.sort(key=lambda e: e.start)
        # a limit or span ("bis März", "Frist bis Freitag") is not the time of an event
        out = []
        for e in chosen:
            before = text[max(0, e.start - offset - 8): e.start - offset].split()
            first = e.text.split()[0].lower() if e.text.split() else ""
            if (before and before[-1].lower() in self.not_event) or first in self.not_event:
                out.append(TimeExpression(e.start, e.end, e.text, e.rule + ".limit", "vague", ()))
            else:
                out.append(e)
        return out

    def _make(self, name: str, kind: str, m: re.Match, offset: int) -> TimeExpression | None:
        g = m.groupdict()
        args: tuple
        if kind == "date":
            day = int(g["d"])
            if name == "date.numeric":
                month = int(g["m"])
                y = int(g["y"])
                year = y if y >= 100 else (2000 + y if y < 50 else 1900 + y)
                rel = None
            else:
                month = self.months[g["m"].lower()]
                year = int(g["y"]) if g.get("y") else None
                rel = self._yrel(g.get("yrel"))
            if not (1 <= month <= 12 and 1 <= day <= 31):
                return None
            args = (year, rel, month, day)
        elif kind == "month":
            month = self.months[g["m"].lower()]
            year = int(g["y"]) if g.get("y") else None
            args = (year, self._yrel(g.get("yrel")), month)
        elif kind == "weekday":
            wd = self.weekdays[g["wd"].lower()]
            rel = g.get("rel")
            if rel:
                rl = rel.lower()
                rel = 0 if rl == "heutigen" else -1 if rl == "gestrigen" else (
                    "prev" if rl in ("vergangenen", "letzten", "vorigen") else "next")
            args = (wd, rel)
        elif kind == "relday":
            args = (self.reldays[g["r"].lower()],)
        elif kind == "holiday":
            args = (self.holidays[g["h"].lower()], int(g["y"]) if g.get("y") else None)
        elif kind == "ago":
            n = g["n"]
            num = int(n) if n.isdigit() else self.numbers.get(n.lower(), 1)
            u = g["u"].lower()
            unit = "day" if u.startswith("tag") else "week" if u.startswith("woche") else (
                "month" if u.startswith("monat") else "year")
            args = (num, unit)
        elif kind == "period":
            unit = self.units[g["u"].lower()]
            o = g.get("o")
            args = (self.offsets[o.lower()] if o else 0, unit)
        else:
            args = ()
        return TimeExpression(m.start() + offset, m.end() + offset, m.group(0), name, kind, args)

    @staticmethod
    def _yrel(word: str | None) -> int | None:
        if not word:
            return None
        w = word.lower()
        if w in ("dieses", "diesen"):
            return 0
        if w in ("letzten", "vergangenen", "vorigen"):
            return -1
        return 1


@lru_cache(maxsize=1)
def default_tagger() -> TimeTagger:
    return TimeTagger()
