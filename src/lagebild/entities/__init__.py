"""Statistical named-entity recogniser for German news.

Three spaCy pipelines (``lagebild_lexfeat`` → ``tok2vec`` → ``ner`` →
``lagebild_lexfeat_restore``) trained from scratch by
``python -m lagebild.entities.train`` on openly licensed data, the second and
third with self-training, and shipped in ``model/`` beside this file; they decode
together with their scores averaged (``ensemble.py``), as one spaCy
``Language`` with the pipe ``ner``.  Labels: PER, LOC, ORG, MISC.

    >>> from lagebild.entities import load_ner, tag_words
    >>> nlp = load_ner()
    >>> tag_words(["Angela", "Merkel", "besuchte", "Paris", "."], nlp)
    [(0, 2, 'PER'), (3, 4, 'LOC')]
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

MODEL_DIR = Path(__file__).resolve().parent / "model"
LABELS = ("PER", "LOC", "ORG", "MISC")


def model_path() -> Path:
    try:
        from importlib.resources import files

        p = Path(str(files("lagebild.entities") / "model"))
        if p.is_dir():
            return p
    except Exception:  # pragma: no cover
        pass
    return MODEL_DIR


def _is_model(path: Path) -> bool:
    from lagebild.entities.ensemble import ENSEMBLE_FILE

    return (path / ENSEMBLE_FILE).exists() or (path / "config.cfg").exists()


def model_available() -> bool:
    return _is_model(model_path())


@lru_cache(maxsize=4)
def load_ner(path: str | Path | None = None):
    """Load the shipped NER (or the model folder ``path``: an ensemble written by the
    training script, or any spaCy NER pipeline); cached, offline, no downloads."""
    from lagebild.entities.compact import load_member
    from lagebild.entities.ensemble import ENSEMBLE_FILE, load_ensemble

    path = Path(path) if path is not None else model_path()
    if (path / ENSEMBLE_FILE).exists():
        return load_ensemble(path)
    if not (path / "config.cfg").exists():
        raise FileNotFoundError(
            f"no NER model at {path}: run `python -m lagebild.entities.train`")
    return load_member(path)


def tag_words(words: list[str], nlp=None) -> list[tuple[int, int, str]]:
    """Entities of one pre-tokenised sentence as (start, end, label) token spans."""
    from spacy.tokens import Doc

    nlp = nlp or load_ner()
    doc = nlp(Doc(nlp.vocab, words=[w if w else "_" for w in words]))
    return [(e.start, e.end, e.label_) for e in doc.ents]


def tag_text(text: str, nlp=None) -> list[tuple[str, str, int, int]]:
    """Entities of raw text (spaCy's German rule tokenizer):
    (text, label, start_char, end_char)."""
    nlp = nlp or load_ner()
    doc = nlp(text)
    return [(e.text, e.label_, e.start_char, e.end_char) for e in doc.ents]


__all__ = ["load_ner", "tag_words", "tag_text", "model_path", "model_available", "LABELS", "MODEL_DIR"]

