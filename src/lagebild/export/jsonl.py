"""Records as JSON Lines (streamed: one record in memory at a time)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Iterable


def write_jsonl(records: Iterable[dict], out: Path) -> int:
    n = 0
    with open(out, "w", encoding="utf-8") as fh:
        for record in records:
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
            n += 1
    return n
