"""lagebild: German news → structured articles, actors, quotes and political events.

    >>> import lagebild
    >>> article = lagebild.analyze("Titel\\n\\nErster Absatz des Artikels.")
    >>> article.title
    'Titel'
"""

from __future__ import annotations

__version__ = "0.1.0"

from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

if TYPE_CHECKING:
    from lagebild.pipeline import Pipeline
    from lagebild.read import ReadFailure
    from lagebild.record import Article

__all__ = ["analyze", "analyze_many", "default_pipeline", "load_pipeline", "__version__"]


def load_pipeline(*, ner: bool = True, actors: bool = True):
    """The spaCy `Language` of lagebild for your own text: our tokenizer, sentences, HanTa tags,
    lemmas and morphology, the statistical NER (``ner``) and the actor resolver (``actors``).

        >>> nlp = lagebild.load_pipeline()
        >>> doc = nlp("US-Außenminister Rex Tillerson warnte Nordkorea.")
        >>> [(e.text, e.label_) for e in doc.ents]           # doctest: +SKIP
        [('Rex Tillerson', 'PER'), ('Nordkorea', 'GPE')]
        >>> doc._.actors[0].code, doc._.actors[0].role       # doctest: +SKIP
        ('USA', 'Außenminister')

    Set ``doc._.published`` (ISO date) to code roles as on that day: build the Doc with
    ``nlp.make_doc(text)``, set it, then run ``nlp(doc)``. ``spacy.displacy.render(doc, style="ent")``
    shows the entities.
    """
    from lagebild.language import build_language

    nlp = build_language()
    if ner:
        import lagebild.entities.component  # noqa: F401  registers lagebild_ner

        nlp.add_pipe("lagebild_ner")
    if actors:
        import lagebild.actors.component  # noqa: F401  registers lagebild_actors

        nlp.add_pipe("lagebild_actors")
    return nlp


@lru_cache(maxsize=1)
def default_pipeline() -> "Pipeline":
    """The pipeline with the packaged knowledge, built once per process."""
    from lagebild.pipeline import Pipeline

    return Pipeline()


def analyze(text_or_path: "str | Path", *, format: str | None = None, pipeline: "Pipeline | None" = None,
            **metadata: str) -> "Article":
    """Analyse one article given as text (page text or HTML) or as a path to a file.

    ``metadata`` may give ``id``, ``url``, ``title`` and ``published``; they win
    over what the page shows. Raises `lagebild.read.InputError` for input that
    cannot be read (the message names the input and the problem).
    """
    from dataclasses import replace

    from lagebild.read import InputError, ReadFailure, html_document, sniff_format
    from lagebild.record import RawDocument, Source

    pipe = pipeline or default_pipeline()
    unknown = set(metadata) - {"id", "url", "title", "published"}
    if unknown:
        raise TypeError(f"unknown metadata: {', '.join(sorted(unknown))} (use id, url, title, published)")
    given = {f"given_{k}": metadata[k] for k in ("id", "title", "published") if metadata.get(k)}
    url = metadata.get("url")
    is_path = isinstance(text_or_path, Path) or (format is None and _names_a_file(text_or_path))
    if is_path:
        items = list(pipe.reader([text_or_path]))
        if len(items) != 1:
            raise InputError(str(text_or_path), f"holds {len(items)} articles; use lagebild.analyze_many")
        item = items[0]
        if isinstance(item, ReadFailure):
            raise InputError(item.path, item.reason)
        if given or url:
            item = replace(item, source=Source(item.source.path, item.source.format, url or item.source.url), **given)
        return pipe(item)
    text = str(text_or_path)
    if (format or sniff_format(text)) == "html":
        raw = html_document(text, "<string>", url=url, **given)
    else:
        raw = RawDocument(text.replace("\r\n", "\n"), Source("<string>", "text", url), **given)
    return pipe(raw)


def _names_a_file(text: str) -> bool:
    if "\n" in text or len(text) > 1024:
        return False
    try:
        return Path(text).is_file()
    except (OSError, ValueError):
        return False


def analyze_many(paths: "list[str | Path]", *, pipeline: "Pipeline | None" = None) -> "Iterator[Article | ReadFailure]":
    """Articles and `ReadFailure`s for files, folders and JSON Lines files, streamed in input order."""
    return (pipeline or default_pipeline()).run(paths)
