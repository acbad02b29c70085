"""The in-process engine: the same units, writer and resume logic as a parallel run, no workers.

For small inputs, tests, the web API's bench store and the single-core
baseline of the benchmark. `--timeout` is a `Deadline` on this thread.
"""

from __future__ import annotations

from typing import Callable, Iterator

from lagebild.run.units import Unit, analyse_guarded, worker_pipeline


class InlineEngine:
    def __init__(self, pipeline_kwargs: dict | None = None, *, pipeline=None, timeout: float | None = None,
                 dedup: bool = True):
        self.pipeline_kwargs = pipeline_kwargs or {}
        self.pipeline = pipeline  # an already built pipeline, else one is built from the arguments
        self.timeout = timeout
        self.dedup = dedup
        self.jobs = 1

    def start(self) -> str:
        if self.pipeline is None:
            self.pipeline = worker_pipeline(self.pipeline_kwargs)
        return self.pipeline.version

    def run(self, batches: Iterator[list[Unit]], on_result: Callable[[Unit, list[tuple]], None],
            on_idle: Callable[[], None] = lambda: None) -> None:
        for batch in batches:
            for unit in batch:
                on_result(unit, analyse_guarded(self.pipeline, unit, dedup=self.dedup, timeout=self.timeout))
            on_idle()

    def close(self) -> None:
        pass
