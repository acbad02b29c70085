"""Make ``src/`` importable when the package is not installed, and share one
loaded dictionary between the tests."""

import sys
from pathlib import Path

import pytest

try:
    import lagebild.actors  # noqa: F401
except ImportError:  # running from a checkout without `pip install -e .`
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "src"))


@pytest.fixture(scope="session")
def actors():
    from lagebild.actors import ActorDictionary

    return ActorDictionary.default()
