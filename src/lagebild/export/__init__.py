"""Exports of the store for the tools analysts use: `lagebild export FORMAT -o FILE`.

| format  | what | read it with |
|---|---|---|
| jsonl   | the article records, one per line | any JSON reader |
| parquet | a folder: articles/actors/quotes/events, hive-partitioned by year/month | DuckDB, pandas/pyarrow, Spark |
| gdelt   | GDELT 2.0 event table (61 tab-separated columns, no header), one row per event cluster | GDELT tooling, csv |
| plover  | PLOVER JSON Lines (the manual's field names), one event cluster per line | json |
| spkatt  | a folder of SpkAtt-2023 JSON documents (Sentences/Tokens, Annotations) with the quotes | SpkAtt scorers |
| graphml | the actor network: actors as nodes, events as typed, weighted edges | Gephi, networkx |

Near-duplicate copies are left out (`Store.select_records`), and events are
grouped into clusters (`lagebild.dedup.events`) so one event reported by
several articles is one GDELT/PLOVER row with its mention/article/source counts.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable, Iterator

FORMATS = ("jsonl", "parquet", "gdelt", "plover", "spkatt", "graphml")


def filter_actor(records: Iterable[dict], code: str | None) -> Iterator[dict]:
    """Records with an actor, or an event source/target, of code `code` (all when None)."""
    for record in records:
        if code is None:
            yield record
            continue
        codes = {a.get("code") for a in record.get("actors") or []}
        for event in record.get("events") or []:
            codes.update(s.get("code") for s in (event.get("source") or []) + (event.get("target") or []))
        if code in codes:
            yield record


def export(fmt: str, records: Iterable[dict], out: str | Path) -> int:
    """Write `records` in format `fmt` to `out`; returns the number of rows/items written."""
    out = Path(out)
    if fmt == "jsonl":
        from lagebild.export.jsonl import write_jsonl

        return write_jsonl(records, out)
    if fmt == "parquet":
        from lagebild.export.tables import write_parquet

        return write_parquet(records, out)
    if fmt == "gdelt":
        from lagebild.export.gdelt import write_gdelt

        return write_gdelt(records, out)
    if fmt == "plover":
        from lagebild.export.plover import write_plover

        return write_plover(records, out)
    if fmt == "spkatt":
        from lagebild.export.spkatt import write_spkatt

        return write_spkatt(records, out)
    if fmt == "graphml":
        from lagebild.export.graphml import write_graphml

        return write_graphml(records, out)
    raise ValueError(f"unknown export format {fmt!r} (one of {', '.join(FORMATS)})")
