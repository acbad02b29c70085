"""Shared test helpers: where ../shared is, and skipping cleanly without it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# Tests must not read or grow the user's HanTa analysis cache (~/.cache/lagebild).
os.environ.setdefault("LAGEBILD_HANTA_CACHE", "0")

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("LAGEBILD_SHARED", ROOT.parent / "shared"))
SEED = SHARED / "examples" / "tagesschau-2017-08-17.txt"
EXAMPLES = ROOT / "examples"


def need_shared(*parts: str) -> Path:
    """The path under ../shared, or skip the test with the reason."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} not present: ../shared (gold sets, seed article, corpora) is only laid out in CI and development")
    return path


@pytest.fixture(scope="session")
def pipeline():
    from lagebild.pipeline import Pipeline

    return Pipeline()
