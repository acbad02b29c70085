"""Ingest with a pipeline built in this process, and the summary every ingest returns.

`ingest_paths` is the corpus run (`corpus.ingest_corpus`) on its in-process
engine: one path for every ingest, parallel or not. Articles are committed
in batches; a run killed at any point loses at most the open batch, and the
next run skips what is stored, so every article ends up stored once.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from rich.console import Console
from rich.table import Table

from lagebild.pipeline import Pipeline
from lagebild.read import ReadFailure
from lagebild.store.sqlite import Outcome

BATCH_SIZE = 100


@dataclass
class IngestSummary:
    db: str
    counts: Counter = field(default_factory=Counter)
    failures: list[ReadFailure] = field(default_factory=list)
    warnings: list[tuple[str, str]] = field(default_factory=list)
    timing: dict[str, float] = field(default_factory=dict)  # parallel runs: startup and processing seconds

    @property
    def failed(self) -> int:
        return len(self.failures)

    def print(self, console: Console) -> None:
        table = Table(title=f"ingest into {self.db}")
        for name in ("new", "updated", "unchanged", "failed"):
            table.add_column(name, justify="right")
        table.add_row(*(str(self.counts[o]) for o in Outcome), str(self.failed))
        console.print(table)
        for failure in self.failures:
            console.print(f"[red]failed:[/red] {failure.path}: {failure.reason}", highlight=False)
        for path, warning in self.warnings:
            console.print(f"[yellow]warning:[/yellow] {path}: {warning}", highlight=False)


def ingest_paths(pipeline: Pipeline, paths: Iterable[str], db: str | Path, *, console: Console | None = None,
                 progress: bool = True, batch_size: int = BATCH_SIZE, timeout: float | None = None) -> IngestSummary:
    """Ingest with a built pipeline in this process: the corpus run's `inline` engine (same skipping,
    progress records, duplicates and resume as a parallel run)."""
    from lagebild.run.corpus import ingest_corpus

    return ingest_corpus(paths, db=db, pipeline=pipeline, engine="inline", batch_size=batch_size,
                         timeout=timeout, console=console, progress=progress)
