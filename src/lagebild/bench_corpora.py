"""The benchmark corpora of ``../shared/data/corpora`` as article dicts (read there, never copied).

    wikinews(limit)  848 German Wikinews articles: id, title, published, text (the sentences joined)
    gnad(limit)      10kGNAD's test split (derStandard): id, text

Used by `make bench`, `python -m lagebild.language.bench` and the web API's load test.
``LAGEBILD_SHARED`` points at another copy of ``shared/``.
"""

from __future__ import annotations

import csv
import json
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def corpora_dir() -> Path:
    return Path(os.environ.get("LAGEBILD_SHARED", ROOT.parent / "shared")) / "data" / "corpora"


def wikinews(limit: int | None = None) -> list[dict]:
    docs = []
    with (corpora_dir() / "wikinews_de.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            docs.append({"id": f"wikinews-{rec['wikinews_page_id']}", "title": rec["title"],
                         "published": rec.get("date"), "text": " ".join(rec["sentences"])})
    return docs[:limit]


def gnad(limit: int | None = None) -> list[dict]:
    docs = []
    with (corpora_dir() / "10kgnad" / "test.csv").open(encoding="utf-8") as fh:
        for i, row in enumerate(csv.reader(fh, delimiter=";", quotechar="'")):
            if len(row) >= 2:
                docs.append({"id": f"gnad-{i}", "text": row[1]})
    return docs[:limit]
