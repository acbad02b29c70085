"""Ingest: run the pipeline over inputs and upsert the articles into the store.

Articles are committed in batches (one transaction each). A run killed at
any point loses at most the open batch; the next run stores it, and skips
what is already stored unchanged, so every article ends up stored once.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from lagebild.pipeline import Pipeline
from lagebild.read import ReadFailure
from lagebild.store.sqlite import Outcome, Store

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
                 progress: bool = True, batch_size: int = BATCH_SIZE) -> IngestSummary:
    summary = IngestSummary(str(db))
    inputs = list(pipeline.reader.files(paths))
    version = pipeline.version
    with Store(db) as store, Progress(
        TextColumn("[bold]ingest"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.fields[status]}"),
        TimeElapsedColumn(), console=console or Console(stderr=True), disable=not progress, transient=False,
    ) as bar:
        task = bar.add_task("ingest", total=len(inputs), status="")
        pending = 0
        for entry in inputs:
            items = [entry] if isinstance(entry, ReadFailure) else pipeline.run([entry])
            for item in items:
                if isinstance(item, ReadFailure):
                    summary.failures.append(item)
                    store.record_failure(item.path, item.reason)
                else:
                    summary.counts[store.upsert(item, version)] += 1
                    summary.warnings.extend((item.source.path, w) for w in item.warnings)
                pending += 1
                if pending >= batch_size:
                    store.commit()
                    pending = 0
            bar.update(task, advance=1, status=f"{sum(summary.counts.values())} articles, {summary.failed} failed")
        store.commit()
    return summary
