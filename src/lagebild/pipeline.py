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


class Pipeline:
    def __init__(self, *, cue_files: Iterable[str | Path] = (), max_bytes: int = DEFAULT_MAX_BYTES):
        self.cue_files = [Path(p) for p in cue_files]
        self.reader = Reader(max_bytes=max_bytes)
        self.structure = StructureStage(self.cue_files)
        self.stages = [self.structure]

    @property
    def version(self) -> str:
        """Changes whenever the code version or any stage's knowledge changes."""
        return f"{__version__}+{content_hash(self.structure.cues.raw)[:10]}"

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
