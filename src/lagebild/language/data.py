"""The language layer's data files (`data/*.yaml`), loaded once per process."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

DATA_DIR = Path(__file__).parent / "data"


@lru_cache(maxsize=None)
def _load(path: str) -> dict[str, Any]:
    with open(path, encoding="utf-8") as fh:
        return yaml.safe_load(fh) or {}


def load(name: str, path: str | Path | None = None) -> dict[str, Any]:
    """`data/<name>.yaml`, or the file at `path` (an alternative the user gives)."""
    return _load(str(Path(path) if path else DATA_DIR / f"{name}.yaml"))
