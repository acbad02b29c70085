"""Publication stamps as German sites print them → ISO 8601 (Europe/Berlin)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo

from lagebild.structure.cues import Cues

# Ranking of stamp labels when a page shows several: an explicit
# publication stamp beats a "Stand", which beats an update stamp.
LABEL_RANK = {"published": 0, None: 1, "stand": 1, "updated": 2}


@dataclass(frozen=True)
class Stamp:
    iso: str  # "2017-08-17T22:11:00+02:00" or "2017-08-17"
    kind: str | None  # published / stand / updated / None (no label)

    @property
    def rank(self) -> int:
        return LABEL_RANK.get(self.kind, 1)


def parse_stamp_line(line: str, cues: Cues) -> Stamp | None:
    """A whole line that is a publication stamp, or None."""
    if len(line) > 80 or not any(ch.isdigit() for ch in line):
        return None
    match = cues.stamp.match(line.strip())
    if not match:
        return None
    g = match.groupdict()
    try:
        if g["y"]:
            year, month, day = int(g["y"]), int(g["m"]), int(g["d"])
            if year < 100:
                year += 2000 if year < 70 else 1900
        elif g["y2"]:
            year, month, day = int(g["y2"]), cues.month_numbers[g["mn"].lower().rstrip(".")], int(g["d2"])
        else:
            year, month, day = int(g["iy"]), int(g["im"]), int(g["id"])
        hour = g["H"] if g["H"] is not None else g["H0"]
        minute = g["M"] if g["M"] is not None else g["M0"]
        kind = next((k for k in ("published", "stand", "updated") if g.get(k)), None)
        if hour is None:
            return Stamp(date(year, month, day).isoformat(), kind)
        tz = ZoneInfo(cues["timezone"])
        if g.get("tz") and g["tz"].upper() in ("UTC", "GMT"):
            moment = datetime(year, month, day, int(hour), int(minute), tzinfo=timezone.utc).astimezone(tz)
        else:
            moment = datetime(year, month, day, int(hour), int(minute), tzinfo=tz)
        return Stamp(moment.isoformat(timespec="seconds"), kind)
    except (ValueError, KeyError):
        return None  # 31.02., 25:00 and the like: not a stamp


_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*(Z|[+-]\d{2}:?\d{2})?)?")


def parse_iso(value: str | None, tz_name: str = "Europe/Berlin") -> str | None:
    """An ISO-ish machine date (HTML metadata, JSON Lines) → our ISO form.

    Instants with an offset keep their instant and are shown in Berlin time;
    local times without an offset are taken as Berlin time; a bare date stays
    a date.
    """
    if not value:
        return None
    match = _ISO.search(str(value).strip())
    if not match:
        return None
    y, mo, d, hh, mm, ss, off = match.groups()
    try:
        if hh is None:
            return date(int(y), int(mo), int(d)).isoformat()
        tz = ZoneInfo(tz_name)
        naive = datetime(int(y), int(mo), int(d), int(hh), int(mm), int(ss or 0))
        if off:
            if off == "Z":
                aware = naive.replace(tzinfo=timezone.utc)
            else:
                aware = datetime.fromisoformat(naive.isoformat() + off[:3] + ":" + off[-2:])
            return aware.astimezone(tz).isoformat(timespec="seconds")
        return naive.replace(tzinfo=tz).isoformat(timespec="seconds")
    except ValueError:
        return None
