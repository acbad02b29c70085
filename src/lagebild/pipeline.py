"""The analysis path every entry point shares: read → structure (→ later layers).

A `Pipeline` loads each stage's knowledge once and is then called per input;
the CLI, the Python API and the batch runner all go through it.
"""

from __future__ import annotations

from pathlib import Path
from typing import IO, Iterable, Iterator

from lagebild import __version__
from lagebild.read import DEFAULT_MAX_BYTES, Reader, ReadFailure
from lagebild.record import Article, RawDocument, content_hash
from lagebild.structure import HtmlError, StructureStage


LAYERS = ("structure", "language", "ner", "actors", "quotes", "events")  # in the order they run
OPTIONAL = frozenset({"ner"})  # runs only when asked for (`layers=[…, "ner", …]`): it costs time
DEFAULT_LAYERS = tuple(name for name in LAYERS if name not in OPTIONAL)
DATA_SUFFIXES = {".yaml", ".yml", ".tsv", ".json", ".txt", ".gz"}


def _stage_classes() -> dict[str, type]:
    """The stages after structure, by layer name; each is imported only when it is used."""
    from lagebild.actors.component import ActorStage
    from lagebild.entities.component import NerStage
    from lagebild.events.stage import EventStage
    from lagebild.language.stage import LanguageStage
    from lagebild.quotes.stage import QuoteStage

    return {"language": LanguageStage, "ner": NerStage, "actors": ActorStage, "quotes": QuoteStage,
            "events": EventStage}


def _knowledge_hash(layers: tuple[str, ...]) -> str:
    """A hash over the packaged data files of the layers that run."""
    import hashlib

    root = Path(__file__).parent
    folders = {"language": ["language"], "ner": ["entities"], "actors": ["actors"], "quotes": ["quotes"],
               "events": ["events", "time"]}
    digest = hashlib.sha256()
    for layer in layers:
        for folder in folders.get(layer, []):
            base = root / folder
            if not base.is_dir():
                continue
            for path in sorted(base.rglob("*")):
                if path.is_file() and path.suffix in DATA_SUFFIXES and "__pycache__" not in path.parts:
                    digest.update(path.relative_to(root).as_posix().encode())
                    digest.update(path.read_bytes())
    return digest.hexdigest()[:10]


class Pipeline:
    """read → structure → language → actors (entities) → quotes → events.

    ``layers`` picks how far to go (each layer needs the ones before it,
    except the optional ``ner``); by default every layer but ``ner`` runs.
    """

    def __init__(self, *, cue_files: Iterable[str | Path] = (), max_bytes: int = DEFAULT_MAX_BYTES,
                 layers: Iterable[str] | None = None):
        self.cue_files = [Path(p) for p in cue_files]
        self.reader = Reader(max_bytes=max_bytes)
        self.structure = StructureStage(self.cue_files)
        self.stages: list = [self.structure]
        wanted = list(layers) if layers is not None else list(DEFAULT_LAYERS)
        unknown = set(wanted) - set(LAYERS)
        if unknown:
            raise ValueError(f"unknown layer(s): {', '.join(sorted(unknown))} (known: {', '.join(LAYERS)})")
        available = _stage_classes()
        for name in LAYERS[1:]:
            if name in OPTIONAL and name not in wanted:
                continue
            if name not in wanted:
                break  # a layer needs every layer before it
            if name not in available:
                break
            self.stages.append(available[name]())
        self.layers = [getattr(stage, "name", "structure") for stage in self.stages]
        # Changes whenever the code version, the layers run or any stage's knowledge changes.
        self.version = (f"{__version__}+{'-'.join(self.layers)}+{_knowledge_hash(tuple(self.layers))}"
                        f"+{content_hash(self.structure.cues.raw)[:10]}")

    def __call__(self, raw: RawDocument) -> Article:
        article = self.structure(raw)
        for stage in self.stages[1:]:
            article = stage(article)
        return article

    def run(self, paths: Iterable[str | Path], stdin: IO[bytes] | None = None) -> Iterator[Article | ReadFailure]:
        """Articles and failures, in input order, one at a time."""
        for item in self.reader(paths, stdin=stdin):
            if isinstance(item, ReadFailure):
                yield item
                continue
            try:
                yield self(item)
            except HtmlError as exc:
                yield ReadFailure(item.source.path, str(exc))
            except RecursionError:
                yield ReadFailure(item.source.path, "input too deeply nested to analyse")
