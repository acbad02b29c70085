"""PLOVER JSON Lines: one event cluster per line with the PLOVER manual's field names
(id, date, actor, recipient, event, mode, context, quad_code, event_scale, event_text, text,
cite_info, coder, coded_date) plus POLECAT-style counts and lagebild's own fields."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterable

from lagebild import __version__
from lagebild.dedup.events import cluster_events
from lagebild.export.gdelt import PLOVER_QUAD, QUAD


def _entity(side: dict) -> dict:
    return {k: v for k, v in {"code": side.get("code"), "sector": side.get("sector"), "text": side.get("text"),
                              "actor": side.get("actor")}.items() if v is not None}


def _text(span) -> str | None:
    return span.get("text") if isinstance(span, dict) else span


def write_plover(records: Iterable[dict], out: Path) -> int:
    now = datetime.now(timezone.utc)
    clusters = cluster_events(records)
    with open(out, "w", encoding="utf-8") as fh:
        for cluster in clusters:
            event, record = cluster.first, cluster.first_record
            cameo = event.get("cameo") or ""
            text = record.get("text") or ""
            sentence = event.get("sentence")
            sentence_text = (text[sentence["start"]:sentence["end"]] if isinstance(sentence, dict)
                             and sentence.get("end") is not None else _text(sentence))
            item = {
                "id": f"lagebild-{cluster.date or 'undated'}-{cluster.id}",
                "date": cluster.date,
                "actor": [_entity(s) for s in event.get("source") or []],
                "recipient": [_entity(t) for t in event.get("target") or []],
                "event": [event.get("type")],
                "mode": [event["mode"]] if event.get("mode") else [],
                "context": list(event.get("context") or []),
                "quad_code": QUAD.get(cameo[:2]) or PLOVER_QUAD.get(event.get("type") or ""),
                "event_scale": event.get("goldstein"),
                "event_text": [_text(e.get("trigger")) for e in cluster.events],
                "text": sentence_text,
                "cite_info": {"article_id": record["id"], "title": record.get("title"),
                              "url": (record.get("source") or {}).get("url"), "published": record.get("published")},
                "coder": f"lagebild {__version__}",
                "coded_date": now.date().isoformat(),
                "cameo": cameo or None,
                "negated": bool(event.get("negated")),
                "modality": event.get("modality"),
                "num_mentions": cluster.mentions,
                "num_articles": cluster.articles,
                "num_sources": cluster.sources,
                "articles": sorted(set(cluster.article_ids)),
            }
            fh.write(json.dumps(item, ensure_ascii=False) + "\n")
    return len(clusters)
