"""Parallel ingest: N worker processes analyse batches, the parent is the one writer.

Each worker builds its `Pipeline` once from the constructor arguments (models
load once per worker), then answers batches of units with one message per
unit. The parent reads inputs lazily, skips unchanged units before any
analysis, keeps at most `PREFETCH` batches in flight per worker (memory stays
flat however large the corpus), and writes results as they arrive.

Faults: a worker that dies (segfault, out-of-memory kill, `os._exit`) or is
silent on one article for longer than `timeout` seconds is killed and
replaced; the article it was on is recorded as failed with the reason, and the
rest of its batches go back into the queue.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import queue
import time
import traceback
from collections import deque
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from typing import Callable, Iterable, Iterator

from lagebild.read import ReadFailure
from lagebild.run.units import Unit, analyse_guarded, timeout_reason, worker_pipeline

PREFETCH = 2
BATCH_UNITS = 4  # small: at the end of a run no worker sits idle while another has a long batch left
BATCH_BYTES = 4 * 1024 * 1024
READY_TIMEOUT = 600.0


class EngineError(RuntimeError):
    """The run cannot go on (e.g. no worker can build the pipeline)."""


def _worker_main(conn: Connection, tasks, pipeline_kwargs: dict, dedup: bool) -> None:
    try:
        pipeline = worker_pipeline(pipeline_kwargs)
        conn.send(("ready", pipeline.version, os.getpid()))
    except BaseException as exc:  # noqa: BLE001 - reported to the parent, which stops the run
        conn.send(("error", f"cannot build the pipeline: {exc!r}\n{traceback.format_exc()}"))
        return
    parent = os.getppid()
    while True:
        try:
            message = tasks.get(timeout=1.0)
        except queue.Empty:
            if os.getppid() != parent:  # the parent was killed: nobody will read our results
                return
            continue
        if message is None:
            return
        batch_id, units = message
        for index, unit in enumerate(units):  # timeouts: the parent kills and replaces this process
            conn.send(("unit", batch_id, index, analyse_guarded(pipeline, unit, dedup=dedup)))
        conn.send(("done", batch_id))


@dataclass
class _Batch:
    id: int
    units: list[Unit]
    next: int = 0  # index of the first unit without a result


@dataclass
class _Worker:
    proc: mp.Process
    conn: Connection  # results: worker → parent
    tasks: object     # batches: parent → worker (a Queue: putting never blocks the parent)
    ready: bool = False
    batches: deque = field(default_factory=deque)
    last_seen: float = field(default_factory=time.monotonic)


def batches_of(units: Iterable[Unit], max_units: int = BATCH_UNITS, max_bytes: int = BATCH_BYTES) -> Iterator[list[Unit]]:
    batch, size = [], 0
    for unit in units:
        batch.append(unit)
        size += len(unit.data)
        if len(batch) >= max_units or size >= max_bytes:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


class ProcessEngine:
    """Runs units through `jobs` worker processes; calls `on_result(unit, results)` in the parent."""

    def __init__(self, pipeline_kwargs: dict, jobs: int, *, timeout: float | None = 120.0, dedup: bool = True,
                 start_method: str = "spawn"):
        self.pipeline_kwargs = pipeline_kwargs
        self.jobs = max(1, jobs)
        self.timeout = timeout
        self.dedup = dedup
        self.ctx = mp.get_context(start_method)
        self.workers: list[_Worker] = []
        self._batch_ids = 0
        self.version: str | None = None
        self.restarts = 0

    # ---- workers -------------------------------------------------------------------

    def _spawn(self) -> _Worker:
        parent, child = self.ctx.Pipe(duplex=False)
        tasks = self.ctx.Queue()
        proc = self.ctx.Process(target=_worker_main, args=(child, tasks, self.pipeline_kwargs, self.dedup), daemon=True,
                                name="lagebild-worker")
        proc.start()
        child.close()
        worker = _Worker(proc, parent, tasks)
        self.workers.append(worker)
        return worker

    def launch(self) -> None:
        """Start the worker processes (they build their pipelines meanwhile)."""
        while len(self.workers) < self.jobs:
            self._spawn()

    def start(self) -> str:
        """Start the workers; returns the pipeline version once the first one is ready."""
        self.launch()
        deadline = time.monotonic() + READY_TIMEOUT
        while self.version is None:
            if time.monotonic() > deadline:
                raise EngineError("no worker became ready")
            for worker in list(self.workers):
                try:
                    if worker.conn.poll(0.05):
                        self._receive(worker, lambda *_: None)
                        continue
                except (EOFError, OSError):
                    pass
                if not worker.proc.is_alive() and not worker.ready:
                    raise EngineError(f"a worker died while building the pipeline (exit code {worker.proc.exitcode})")
        return self.version

    def close(self) -> None:
        for worker in self.workers:
            try:
                worker.tasks.put(None)
            except (OSError, ValueError):
                pass
        for worker in self.workers:
            worker.proc.join(timeout=5)
            self._stop(worker)
        self.workers = []

    @staticmethod
    def _stop(worker: _Worker) -> None:
        """Kill the process if it still runs; close its pipe and queue."""
        if worker.proc.is_alive():
            worker.proc.kill()
        worker.proc.join()
        worker.conn.close()
        worker.tasks.cancel_join_thread()
        worker.tasks.close()

    def _receive(self, worker: _Worker, on_result: Callable) -> None:
        message = worker.conn.recv()
        worker.last_seen = time.monotonic()
        kind = message[0]
        if kind == "ready":
            worker.ready = True
            self.version = self.version or message[1]
        elif kind == "error":
            raise EngineError(message[1])
        elif kind == "unit":
            _, batch_id, index, results = message
            batch = worker.batches[0]
            assert batch.id == batch_id and batch.next == index, "worker answered out of order"
            batch.next += 1
            on_result(batch.units[index], results)
        elif kind == "done":
            worker.batches.popleft()

    def _fail_worker(self, worker: _Worker, reason: str, on_result: Callable, requeue: deque) -> None:
        """Kill a crashed or stuck worker: its current unit fails with `reason`, the rest is queued again."""
        self._stop(worker)
        self.workers.remove(worker)
        if worker.batches:
            first = worker.batches[0]
            if first.next < len(first.units):
                unit = first.units[first.next]
                on_result(unit, [("failure", unit.name, reason)])
                first.next += 1
            rest = [u for b in worker.batches for u in b.units[b.next:]]
            if rest:
                requeue.appendleft(rest)
        self.restarts += 1
        self._spawn()

    # ---- the run ---------------------------------------------------------------------

    def run(self, batches: Iterator[list[Unit]], on_result: Callable[[Unit, list[tuple]], None],
            on_idle: Callable[[], None] = lambda: None) -> None:
        requeue: deque[list[Unit]] = deque()
        exhausted = False
        while True:
            # hand out work: at most PREFETCH batches per worker
            for worker in self.workers:
                while len(worker.batches) < PREFETCH:
                    if requeue:
                        units = requeue.popleft()
                    elif not exhausted:
                        units = next(batches, None)
                        if units is None:
                            exhausted = True
                            break
                    else:
                        break
                    self._batch_ids += 1
                    batch = _Batch(self._batch_ids, units)
                    if not worker.batches:
                        worker.last_seen = time.monotonic()
                    worker.batches.append(batch)
                    worker.tasks.put((batch.id, units))
            busy = [w for w in self.workers if w.batches]
            if not busy and exhausted and not requeue:
                return
            ready = wait([w.conn for w in busy] + [w.proc.sentinel for w in busy], timeout=0.5)
            for worker in list(busy):
                try:
                    while worker.conn.poll():
                        self._receive(worker, on_result)
                except (EOFError, OSError):
                    pass
                if worker.proc.sentinel in ready or not worker.proc.is_alive():
                    if worker.batches:
                        code = worker.proc.exitcode
                        self._fail_worker(worker, f"worker process crashed (exit code {code}) while analysing this input",
                                          on_result, requeue)
            if not ready:
                on_idle()
                now = time.monotonic()
                for worker in list(self.workers):
                    if self.timeout and worker.ready and worker.batches and now - worker.last_seen > self.timeout:
                        self._fail_worker(worker, timeout_reason(self.timeout),
                                          on_result, requeue)


def iter_work(units: Iterable[Unit | ReadFailure], skip: Callable[[Unit], bool],
              on_failure: Callable[[ReadFailure], None]) -> Iterator[Unit]:
    """The units that need analysis: read failures and unchanged units are handled on the way."""
    for unit in units:
        if isinstance(unit, ReadFailure):
            on_failure(unit)
        elif not skip(unit):
            yield unit
