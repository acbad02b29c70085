"""The GDELT 2.0 event table: 61 tab-separated columns in GDELT's order, no header.

One row per event cluster (`lagebild.dedup.events`): the same event reported by
several articles is one row whose NumMentions/NumSources/NumArticles count
them. Filled where lagebild has the value, empty otherwise (no tone, no
geocoding yet). Negated events are not events in GDELT's sense and are left out.

Actor codes follow CAMEO: country code + sector (``USA`` + ``GOV`` → ``USAGOV``);
Actor1 is the first source, Actor2 the first target. IsRootEvent is 1 when the
event's sentence is in the article's first paragraph (title, lead or first
body paragraph), as GDELT marks events from the lead.
"""

from __future__ import annotations

import csv
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Iterable

from lagebild.dedup.events import EventCluster, cluster_events

ACTOR_FIELDS = ["Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
                "Type1Code", "Type2Code", "Type3Code"]
GEO_FIELDS = ["Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID"]
COLUMNS = (
    ["GlobalEventID", "Day", "MonthYear", "Year", "FractionDate"]
    + [f"Actor1{f}" for f in ACTOR_FIELDS] + [f"Actor2{f}" for f in ACTOR_FIELDS]
    + ["IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
       "NumMentions", "NumSources", "NumArticles", "AvgTone"]
    + [f"Actor1Geo_{f}" for f in GEO_FIELDS] + [f"Actor2Geo_{f}" for f in GEO_FIELDS]
    + [f"ActionGeo_{f}" for f in GEO_FIELDS]
    + ["DATEADDED", "SOURCEURL"]
)
assert len(COLUMNS) == 61

# CAMEO root code → GDELT QuadClass (1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict)
QUAD = {**{f"{r:02d}": 1 for r in range(1, 6)}, **{f"{r:02d}": 2 for r in range(6, 9)},
        **{f"{r:02d}": 3 for r in range(9, 14)}, **{f"{r:02d}": 4 for r in range(14, 21)}}
# PLOVER type → QuadClass, for events without a CAMEO code
PLOVER_QUAD = {"AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1, "COOPERATE": 2, "AID": 2, "RETREAT": 2,
               "REQUEST": 1, "ACCUSE": 3, "REJECT": 3, "THREATEN": 3, "PROTEST": 4, "SANCTION": 4, "MOBILIZE": 4,
               "COERCE": 4, "ASSAULT": 4}


def cameo_actor(entity: dict | None) -> tuple[str, str, str, str]:
    """(Code, Name, CountryCode, Type1Code) of one event side."""
    if not entity:
        return "", "", "", ""
    code, sector = entity.get("code") or "", entity.get("sector") or ""
    country = code if len(code) == 3 and code.isalpha() and code.isupper() else ""
    return code + sector, (entity.get("text") or "").upper(), country, sector


def _is_root(event: dict, record: dict) -> int:
    sentence = event.get("sentence")
    if not isinstance(sentence, dict) or sentence.get("start") is None:
        return 0
    text = record.get("text") or ""
    blocks, end = text.split("\n\n"), 0
    for block in blocks[:2]:  # the title and the first paragraph after it (lead or body)
        end += len(block) + 2
    return int(sentence["start"] < end)


def _date_added(record: dict) -> str:
    published = record.get("published") or ""
    try:
        moment = datetime.fromisoformat(published)
    except ValueError:
        return ""
    if moment.tzinfo is not None and "T" in published:
        moment = moment.astimezone(timezone.utc)
    return moment.strftime("%Y%m%d%H%M%S")


def gdelt_row(cluster: EventCluster) -> list:
    event, record = cluster.first, cluster.first_record
    day = date.fromisoformat(cluster.date) if cluster.date else None
    source = (event.get("source") or [None])[0]
    target = (event.get("target") or [None])[0]
    cameo = event.get("cameo") or ""
    a1, a2 = cameo_actor(source), cameo_actor(target)
    goldsteins = [e["goldstein"] for e in cluster.events if e.get("goldstein") is not None]
    row = {c: "" for c in COLUMNS}
    row.update({
        "GlobalEventID": int(cluster.id[:12], 16) % 10**15,
        "Day": day.strftime("%Y%m%d") if day else "",
        "MonthYear": day.strftime("%Y%m") if day else "",
        "Year": day.year if day else "",
        "FractionDate": f"{day.year + (day.timetuple().tm_yday / 365):.4f}" if day else "",
        "Actor1Code": a1[0], "Actor1Name": a1[1], "Actor1CountryCode": a1[2], "Actor1Type1Code": a1[3],
        "Actor2Code": a2[0], "Actor2Name": a2[1], "Actor2CountryCode": a2[2], "Actor2Type1Code": a2[3],
        "IsRootEvent": _is_root(event, record),
        "EventCode": cameo, "EventBaseCode": cameo[:3], "EventRootCode": cameo[:2],
        "QuadClass": QUAD.get(cameo[:2]) or PLOVER_QUAD.get(event.get("type") or "", ""),
        "GoldsteinScale": f"{sum(goldsteins) / len(goldsteins):.1f}" if goldsteins else "",
        "NumMentions": cluster.mentions, "NumSources": cluster.sources, "NumArticles": cluster.articles,
        "DATEADDED": _date_added(record),
        "SOURCEURL": (record.get("source") or {}).get("url") or (record.get("source") or {}).get("path", ""),
    })
    return [row[c] for c in COLUMNS]


def write_gdelt(records: Iterable[dict], out: Path) -> int:
    kept = ({**r, "events": [e for e in r.get("events") or [] if not e.get("negated")]} for r in records)
    clusters = cluster_events(kept)
    with open(out, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE, escapechar="\\")
        for cluster in clusters:
            writer.writerow(gdelt_row(cluster))
    return len(clusters)
