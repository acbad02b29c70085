import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src"
if str(SRC) not in sys.path:
    sys.path.insert(0, str(SRC))


@pytest.fixture(scope="session")
def shared_data():
    from lagebild.entities.corpora import shared_data_dir

    path = shared_data_dir()
    if path is None:
        pytest.skip("shared data not available (../shared/data or $LAGEBILD_SHARED): "
                    "evaluation on the gold corpora skipped")
    return path


@pytest.fixture(scope="session")
def ner():
    from lagebild.entities import load_ner, model_available

    if not model_available():
        pytest.skip("no shipped NER model in src/lagebild/entities/model "
                    "(train it with `python -m lagebild.entities.train`)")
    return load_ner()
