"""Corpus runs: parallel ingest into SQLite (or a Parquet dataset) with processes or Dask.

    summary = ingest_corpus(["corpus/"], db="lagebild.db", jobs=4)
    summary = ingest_corpus(["feed.jsonl"], out="dataset/", engine="dask")

The parent reads inputs lazily into units (files, JSON Lines lines), skips
units analysed before (same raw hash and pipeline version), batches the rest
to workers that build the pipeline once from `pipeline_kwargs`, and is the
only writer. See `parallel.py` (processes, timeouts, crashes), `dask_engine.py`,
`writer.py` (SQLite: runs, inputs, duplicates) and `parquet_writer.py`.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from collections import deque
from typing import IO, Callable, Iterable, Iterator

from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from lagebild.read import DEFAULT_MAX_BYTES, Reader
from lagebild.run.ingest import IngestSummary
from lagebild.run.parallel import BATCH_UNITS, ProcessEngine, batches_of, iter_work
from lagebild.run.units import Unit, iter_units


class InputOrder:
    """Hands results on in the order of the input, whatever order the workers finish in.

    So a run stores the same thing every time: the first of two near-duplicates
    *in the input* is the original, ids of the same article seen twice resolve
    the same way. Results wait for the ones before them; if more than `limit`
    wait (one article stuck until its timeout), they go on in order without it.
    """

    def __init__(self, write: Callable, limit: int = 2000):
        self.write, self.limit = write, limit
        self.numbers: dict[tuple[str, str], deque] = {}
        self.count = 0
        self.next = 0
        self.waiting: dict[int, tuple] = {}
        self.written_early: set[int] = set()

    def number(self, units: Iterable[Unit]) -> Iterator[Unit]:
        for unit in units:
            self.numbers.setdefault((unit.name, unit.raw_hash), deque()).append(self.count)
            self.count += 1
            yield unit

    def __call__(self, unit: Unit, results: list[tuple]) -> None:
        key = (unit.name, unit.raw_hash)
        number = self.numbers[key].popleft()
        if not self.numbers[key]:
            del self.numbers[key]
        self.waiting[number] = (unit, results)
        self._advance()
        if len(self.waiting) > self.limit:
            self.flush()

    def _advance(self) -> None:
        while True:
            if self.next in self.waiting:
                self.write(*self.waiting.pop(self.next))
            elif self.next in self.written_early:
                self.written_early.remove(self.next)
            else:
                return
            self.next += 1

    def flush(self) -> None:
        """Everything still waiting, in input order (the end of a run, or too much waiting)."""
        for number in sorted(self.waiting):
            self.write(*self.waiting.pop(number))
            self.written_early.add(number)
        self._advance()


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def ingest_corpus(paths: Iterable[str], *, db: str | Path | None = None, out: str | Path | None = None,
                  pipeline_kwargs: dict | None = None, jobs: int | None = None, engine: str = "processes",
                  scheduler: str | None = None, timeout: float | None = 120.0, batch_size: int = 100,
                  batch_units: int = BATCH_UNITS, dedup: bool = True, stdin: IO[bytes] | None = None,
                  console: Console | None = None, progress: bool = True, pipeline=None) -> IngestSummary:
    """Analyse and store `paths` with `jobs` workers; returns the run's summary.

    `engine` is ``processes``, ``dask``, or ``inline`` (this process, no workers; it may be given
    a built `pipeline`)."""
    paths = [str(p) for p in paths]
    kwargs = dict(pipeline_kwargs or {})
    jobs = jobs or default_jobs()
    max_bytes = pipeline.reader.max_bytes if pipeline is not None else kwargs.get("max_bytes", DEFAULT_MAX_BYTES)
    if pipeline is not None and engine != "inline":
        raise ValueError("a built pipeline can only run inline; give the workers pipeline_kwargs")
    if engine == "inline":
        from lagebild.run.inline import InlineEngine

        runner = InlineEngine(kwargs, pipeline=pipeline, timeout=timeout, dedup=dedup)
        jobs = 1
    elif engine == "dask":
        from lagebild.run.dask_engine import DaskEngine

        runner = DaskEngine(kwargs, jobs, scheduler=scheduler, dedup=dedup, timeout=timeout)
    elif engine == "processes":
        runner = ProcessEngine(kwargs, jobs, timeout=timeout, dedup=dedup)
        runner.launch()  # workers load their pipelines while the writer opens the store
    else:
        raise ValueError(f"unknown engine {engine!r} (processes, dask or inline)")
    try:
        if out is not None:
            from lagebild.run.parquet_writer import ParquetWriter

            writer = ParquetWriter(out, batch_size=max(batch_size, 500), dedup=dedup)
        else:
            from lagebild.run.writer import SqliteWriter

            writer = SqliteWriter(db or "lagebild.db", inputs=paths, engine=engine, jobs=jobs, batch_size=batch_size,
                                  dedup=dedup)
    except BaseException:
        runner.close()
        raise
    status = "failed"
    with Progress(SpinnerColumn(), TextColumn("[bold]ingest[/bold] {task.fields[status]}"), TimeElapsedColumn(),
                  console=console or Console(stderr=True), disable=not progress, transient=False) as bar:
        task = bar.add_task("ingest", total=None, status="starting workers")

        def show() -> None:
            c = writer.summary.counts
            bar.update(task, status=f"{sum(c.values())} articles ({c['new']} new, {c['updated']} updated, "
                                    f"{c['unchanged']} unchanged), {writer.summary.failed} failed")

        def on_result(unit, results) -> None:
            writer.write(unit, results)
            show()

        try:
            began = time.perf_counter()
            writer.set_version(runner.start())
            ready = time.perf_counter()
            units = iter_units(Reader(max_bytes=max_bytes), paths, stdin=stdin)
            in_order = InputOrder(on_result)
            work = in_order.number(iter_work(units, writer.skip, writer.failure))
            runner.run(batches_of(work, max_units=batch_units), in_order, on_idle=show)
            in_order.flush()
            writer.summary.timing = {"startup": ready - began, "processing": time.perf_counter() - ready}
            status = "done"
        finally:
            runner.close()
            writer.close(status)
            show()
    return writer.summary
