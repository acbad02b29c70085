"""Statistical named-entity recogniser for German news.

A spaCy pipeline (``lagebild_lexfeat`` → ``tok2vec`` → ``ner`` →
``lagebild_lexfeat_restore``) trained from scratch by
``python -m lagebild.entities.train`` on openly licensed data and shipped in
``model/`` beside this file.  Labels: PER, LOC, ORG, MISC.

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


def model_available() -> bool:
    return (model_path() / "config.cfg").exists()


@lru_cache(maxsize=1)
def load_ner():
    """Load the shipped NER pipeline (cached; offline, no downloads)."""
    import spacy

    from lagebild.entities import features  # noqa: F401  registers the components

    path = model_path()
    if not (path / "config.cfg").exists():
        raise FileNotFoundError(
            f"no NER model at {path}: run `python -m lagebild.entities.train`")
    return spacy.load(path)


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

