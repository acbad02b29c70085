"""The same batches on Dask distributed: a LocalCluster, or an existing scheduler.

Each batch is one task (`analyse_batch`); a Dask worker process builds the
pipeline once (`worker_pipeline` caches it per process) and keeps it for all
later tasks. The parent submits at most `PREFETCH × workers` batches at a
time and writes results as tasks complete, so memory stays flat.

Faults: a task whose worker dies is retried by Dask on another worker; when
Dask gives up (`KilledWorker`), the batch is split and its units are tried
one by one, and the unit that still kills its worker is recorded as failed.
`--timeout` is enforced inside the task (`units.Deadline`): an article that
takes longer is interrupted and failed with the reason, and the worker goes
on with the next one (a single call into C that never returns is out of its
reach: use the cluster's worker lifetime limits for that).
"""

from __future__ import annotations

from collections import deque
from typing import Callable, Iterator

from lagebild.run.units import Unit, analyse_batch, pipeline_version

PREFETCH = 2


class DaskEngine:
    def __init__(self, pipeline_kwargs: dict, jobs: int, *, scheduler: str | None = None, dedup: bool = True,
                 memory_limit: str = "2GiB", timeout: float | None = None):
        self.pipeline_kwargs = pipeline_kwargs
        self.timeout = timeout
        self.jobs = max(1, jobs)
        self.scheduler = scheduler
        self.dedup = dedup
        self.memory_limit = memory_limit
        self.client = None
        self.cluster = None
        self.version: str | None = None

    def start(self) -> str:
        import dask
        from distributed import Client, LocalCluster

        dask.config.set({"distributed.scheduler.allowed-failures": 1,
                         "distributed.worker.daemon": False,
                         "distributed.logging.distributed": "error"})
        if self.scheduler:
            self.client = Client(self.scheduler)
        else:
            self.cluster = LocalCluster(n_workers=self.jobs, threads_per_worker=1, processes=True,
                                        memory_limit=self.memory_limit, dashboard_address=None,
                                        silence_logs=40)
            self.client = Client(self.cluster)
        workers = list(self.client.scheduler_info()["workers"])
        self.jobs = max(1, len(workers)) if self.scheduler else self.jobs
        # build the pipeline on every worker up front (once per worker process), learn its version
        versions = self.client.run(pipeline_version, self.pipeline_kwargs)
        self.version = next(iter(versions.values()))
        return self.version

    def close(self) -> None:
        if self.client is not None:
            self.client.close()
        if self.cluster is not None:
            self.cluster.close()
        self.client = self.cluster = None

    def run(self, batches: Iterator[list[Unit]], on_result: Callable[[Unit, list[tuple]], None],
            on_idle: Callable[[], None] = lambda: None) -> None:
        from distributed import as_completed
        from distributed.scheduler import KilledWorker

        def submit(units: list[Unit]):
            future = self.client.submit(analyse_batch, self.pipeline_kwargs, units, self.dedup, self.timeout,
                                        pure=False)
            futures[future] = units
            return future

        futures: dict = {}
        retry: deque[list[Unit]] = deque()
        limit = PREFETCH * self.jobs
        pool = as_completed()
        exhausted = False

        def refill() -> None:
            nonlocal exhausted
            while len(futures) < limit:
                if retry:
                    pool.add(submit(retry.popleft()))
                elif not exhausted:
                    units = next(batches, None)
                    if units is None:
                        exhausted = True
                        return
                    pool.add(submit(units))
                else:
                    return

        refill()
        while futures:
            future = next(pool)
            units = futures.pop(future)
            try:
                for unit, results in future.result():
                    on_result(unit, results)
            except KilledWorker:
                if len(units) > 1:
                    retry.extend([u] for u in units)
                else:
                    on_result(units[0], [("failure", units[0].name,
                                          "worker process crashed while analysing this input (Dask KilledWorker)")])
            except Exception as exc:  # noqa: BLE001 - one bad batch must not stop the run
                if len(units) > 1:
                    retry.extend([u] for u in units)
                else:
                    on_result(units[0], [("failure", units[0].name, f"analysis error: {type(exc).__name__}: {exc}")])
            future.release()
            refill()
            on_idle()
