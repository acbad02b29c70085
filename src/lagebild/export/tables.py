"""Records → four flat tables (articles, actors, quotes, events) as Arrow, partitioned by year/month.

The same tables serve `lagebild export parquet` and `lagebild ingest --out DIR`.
Every row carries `year` and `month` of the article's `published` date, the
hive partition keys (``articles/year=2017/month=8/part-….parquet``), readable
by DuckDB (`read_parquet('…/articles/**/*.parquet', hive_partitioning=true)`),
pandas/pyarrow (`pyarrow.dataset.dataset('…/articles', partitioning='hive')`)
and Spark.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Iterable

import pyarrow as pa
import pyarrow.dataset as ds

from lagebild.dedup.events import outlet

TABLES = ("articles", "actors", "quotes", "events")
_DATE = re.compile(r"^(\d{4})-(\d{2})")

_str = pa.string()
_strs = pa.list_(pa.string())
SCHEMAS = {
    "articles": pa.schema([
        ("id", _str), ("title", _str), ("published", _str), ("language", _str), ("source_path", _str),
        ("source_format", _str), ("url", _str), ("outlet", _str), ("author", _str), ("dateline", _str),
        ("lead", _str), ("text", _str), ("layers", _strs), ("n_actors", pa.int32()), ("n_quotes", pa.int32()),
        ("n_events", pa.int32()), ("duplicate_of", _str), ("year", pa.int16()), ("month", pa.int8()),
    ]),
    "actors": pa.schema([
        ("article_id", _str), ("actor_id", _str), ("name", _str), ("kind", _str), ("code", _str), ("sector", _str),
        ("role", _str), ("dictionary_id", _str), ("mentions", pa.int32()), ("year", pa.int16()), ("month", pa.int8()),
    ]),
    "quotes": pa.schema([
        ("article_id", _str), ("idx", pa.int32()), ("form", _str), ("speaker", _str), ("speaker_actor", _str),
        ("speaker_start", pa.int32()), ("speaker_end", pa.int32()), ("cue", _str), ("cue_start", pa.int32()),
        ("cue_end", pa.int32()), ("message", _str), ("message_start", pa.int32()), ("message_end", pa.int32()),
        ("addressee", _str), ("year", pa.int16()), ("month", pa.int8()),
    ]),
    "events": pa.schema([
        ("article_id", _str), ("idx", pa.int32()), ("type", _str), ("mode", _str), ("cameo", _str),
        ("source_codes", _strs), ("source_sectors", _strs), ("source_texts", _strs),
        ("target_codes", _strs), ("target_sectors", _strs), ("target_texts", _strs),
        ("date", _str), ("trigger", _str), ("trigger_start", pa.int32()), ("trigger_end", pa.int32()),
        ("sentence_start", pa.int32()), ("sentence_end", pa.int32()), ("negated", pa.bool_()), ("modality", _str),
        ("goldstein", pa.float64()), ("confidence", pa.float64()), ("rule", _str), ("year", pa.int16()),
        ("month", pa.int8()),
    ]),
}


def year_month(published: str | None) -> tuple[int | None, int | None]:
    m = _DATE.match(published or "")
    return (int(m.group(1)), int(m.group(2))) if m else (None, None)


def _span(value, key: str):
    """A span field that is a dict {start, end, text} in the contract (or a bare string in gold files)."""
    if isinstance(value, dict):
        return value.get(key)
    if isinstance(value, str) and key == "text":
        return value
    return None


def rows(record: dict, duplicate_of: str | None = None) -> dict[str, list[dict]]:
    """The rows one record contributes to each table."""
    year, month = year_month(record.get("published"))
    aid = record["id"]
    src = record.get("source") or {}
    out: dict[str, list[dict]] = {name: [] for name in TABLES}
    out["articles"].append({
        "id": aid, "title": record.get("title"), "published": record.get("published"),
        "language": record.get("language"), "source_path": src.get("path"), "source_format": src.get("format"),
        "url": src.get("url"), "outlet": outlet(record), "author": record.get("author"),
        "dateline": record.get("dateline"), "lead": record.get("lead"), "text": record.get("text"),
        "layers": list(record.get("layers") or []), "n_actors": len(record.get("actors") or []),
        "n_quotes": len(record.get("quotes") or []), "n_events": len(record.get("events") or []),
        "duplicate_of": duplicate_of, "year": year, "month": month,
    })
    for a in record.get("actors") or []:
        out["actors"].append({
            "article_id": aid, "actor_id": a.get("id"), "name": a.get("name"), "kind": a.get("kind"),
            "code": a.get("code"), "sector": a.get("sector"), "role": a.get("role"),
            "dictionary_id": a.get("dictionary_id"), "mentions": len(a.get("mentions") or []),
            "year": year, "month": month,
        })
    for i, q in enumerate(record.get("quotes") or []):
        speaker, cue, message = q.get("speaker"), q.get("cue"), q.get("message")
        out["quotes"].append({
            "article_id": aid, "idx": i, "form": q.get("form"),
            "speaker": _span(speaker, "text"), "speaker_actor": _span(speaker, "actor"),
            "speaker_start": _span(speaker, "start"), "speaker_end": _span(speaker, "end"),
            "cue": _span(cue, "text"), "cue_start": _span(cue, "start"), "cue_end": _span(cue, "end"),
            "message": _span(message, "text"), "message_start": _span(message, "start"),
            "message_end": _span(message, "end"), "addressee": _span(q.get("addressee"), "text"),
            "year": year, "month": month,
        })
    for i, e in enumerate(record.get("events") or []):
        source, target = e.get("source") or [], e.get("target") or []
        out["events"].append({
            "article_id": aid, "idx": i, "type": e.get("type"), "mode": e.get("mode"), "cameo": e.get("cameo"),
            "source_codes": [s.get("code") for s in source], "source_sectors": [s.get("sector") for s in source],
            "source_texts": [s.get("text") for s in source],
            "target_codes": [t.get("code") for t in target], "target_sectors": [t.get("sector") for t in target],
            "target_texts": [t.get("text") for t in target],
            "date": e.get("date"), "trigger": _span(e.get("trigger"), "text"),
            "trigger_start": _span(e.get("trigger"), "start"), "trigger_end": _span(e.get("trigger"), "end"),
            "sentence_start": _span(e.get("sentence"), "start"), "sentence_end": _span(e.get("sentence"), "end"),
            "negated": e.get("negated"), "modality": e.get("modality"),
            "goldstein": e.get("goldstein"), "confidence": e.get("confidence"), "rule": e.get("rule"),
            "year": year, "month": month,
        })
    return out


class TableBuffer:
    """Rows of many records, flushed as one Parquet file per table and partition."""

    def __init__(self):
        self.rows: dict[str, list[dict]] = {name: [] for name in TABLES}
        self.records = 0

    def add(self, record: dict, duplicate_of: str | None = None) -> None:
        for name, new in rows(record, duplicate_of).items():
            self.rows[name].extend(new)
        self.records += 1

    def flush(self, folder: str | Path, tag: str) -> list[str]:
        """Write the buffered rows under `folder/<table>/year=…/month=…/part-<tag>-<i>.parquet`;
        returns the files written (relative to `folder`) and empties the buffer."""
        folder = Path(folder)
        written: list[str] = []
        for name in TABLES:
            table = pa.Table.from_pylist(self.rows[name], schema=SCHEMAS[name])
            if table.num_rows == 0:
                continue
            ds.write_dataset(
                table, folder / name, format="parquet",
                partitioning=ds.partitioning(pa.schema([("year", pa.int16()), ("month", pa.int8())]), flavor="hive"),
                basename_template=f"part-{tag}-{{i}}.parquet", existing_data_behavior="overwrite_or_ignore",
                file_visitor=lambda f: written.append(str(Path(f.path).relative_to(folder))),
            )
        self.rows = {name: [] for name in TABLES}
        self.records = 0
        return written


def write_parquet(records: Iterable[dict], folder: str | Path, *, chunk: int = 5000,
                  duplicates: dict[str, str] | None = None) -> int:
    """All records into a partitioned Parquet dataset at `folder`, `chunk` records per file set."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    buffer, n, part = TableBuffer(), 0, 0
    for record in records:
        buffer.add(record, (duplicates or {}).get(record["id"]))
        n += 1
        if buffer.records >= chunk:
            buffer.flush(folder, f"{part:05d}")
            part += 1
    if buffer.records:
        buffer.flush(folder, f"{part:05d}")
    return n
