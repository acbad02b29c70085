"""The same event reported by several articles, grouped into one event cluster.

Two event mentions belong together when they have the same type (and CAMEO
code), the same source and target actor codes, and dates within ±1 day of the
cluster's first date. A cluster counts its mentions (every event record),
its articles (distinct articles) and its sources (distinct outlets: the URL's
host, else the input file), which is what GDELT calls NumMentions,
NumArticles and NumSources. Near-duplicate copies should be left out before
(`Store.select_records` does), so a reprinted agency text is not counted twice.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Iterable
from urllib.parse import urlparse


@dataclass
class EventCluster:
    id: str
    type: str | None
    cameo: str | None
    source_codes: tuple[str, ...]
    target_codes: tuple[str, ...]
    date: str | None
    events: list[dict] = field(default_factory=list)        # every mention: the event record
    article_ids: list[str] = field(default_factory=list)     # per mention, the article it came from
    outlets: list[str] = field(default_factory=list)         # per mention, the outlet
    records: dict[str, dict] = field(default_factory=dict)   # article id → its record (first mention's article first)

    @property
    def mentions(self) -> int:
        return len(self.events)

    @property
    def articles(self) -> int:
        return len(set(self.article_ids))

    @property
    def sources(self) -> int:
        return len(set(self.outlets))

    @property
    def first(self) -> dict:
        return self.events[0]

    @property
    def first_record(self) -> dict:
        return self.records[self.article_ids[0]]


def outlet(record: dict) -> str:
    src = record.get("source") or {}
    if src.get("url"):
        host = urlparse(src["url"]).netloc.lower()
        if host:
            return host[4:] if host.startswith("www.") else host
    path = src.get("path") or record.get("id", "")
    return path.rsplit(":", 1)[0] if path.rsplit(":", 1)[-1].isdigit() else path


def event_date(event: dict, record: dict) -> str | None:
    value = event.get("date") or record.get("published")
    return value[:10] if value else None


def _codes(side: list[dict] | None) -> tuple[str, ...]:
    return tuple(sorted({(a.get("code") or (a.get("text") or "").lower()) for a in side or []}))


def _parse(day: str | None) -> date | None:
    try:
        return date.fromisoformat(day) if day else None
    except ValueError:
        return None


def cluster_events(records: Iterable[dict], window_days: int = 1) -> list[EventCluster]:
    """Event clusters over `records` (records with an `events` list), ordered by date then type."""
    groups: dict[tuple, list[tuple[date | None, str | None, dict, dict]]] = {}
    for record in records:
        for event in record.get("events") or []:
            key = (event.get("type"), event.get("cameo"), _codes(event.get("source")), _codes(event.get("target")))
            day = event_date(event, record)
            groups.setdefault(key, []).append((_parse(day), day, event, record))
    clusters: list[EventCluster] = []
    window = timedelta(days=window_days)
    for key, mentions in groups.items():
        mentions.sort(key=lambda m: (m[0] is None, m[0] or date.min))
        current: EventCluster | None = None
        anchor: date | None = None
        for parsed, day, event, record in mentions:
            fits = current is not None and (
                (parsed is None and anchor is None) or (parsed and anchor and parsed - anchor <= window))
            if not fits:
                anchor = parsed
                ident = hashlib.sha1(repr((key, day)).encode()).hexdigest()[:12]
                current = EventCluster(ident, key[0], key[1], key[2], key[3], day)
                clusters.append(current)
            current.events.append(event)
            current.article_ids.append(record["id"])
            current.outlets.append(outlet(record))
            current.records.setdefault(record["id"], record)
    clusters.sort(key=lambda c: (c.date or "9999", c.type or "", c.source_codes, c.target_codes))
    return clusters
