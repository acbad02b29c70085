"""The single writer of a parallel run: skips unchanged input, stores results, records progress.

Workers only analyse; everything that touches the database happens here, in
the parent process, in batches of `batch_size` articles per transaction. The
transaction that stores a unit's articles also marks the unit done in
`inputs` (raw hash + pipeline version) and updates the run's row in `runs`,
so a run killed at any point (SIGKILL included) loses at most the open batch
and the next run skips everything committed before it.
"""

from __future__ import annotations

from pathlib import Path

from lagebild.dedup.minhash import NearDuplicateIndex
from lagebild.read import ReadFailure
from lagebild.run.ingest import IngestSummary
from lagebild.run.units import Unit
from lagebild.store.sqlite import Outcome, Store


class SqliteWriter:
    def __init__(self, db: str | Path, *, inputs: list[str], engine: str, jobs: int, batch_size: int = 100,
                 dedup: bool = True):
        self.store = Store(db)
        self.summary = IngestSummary(str(db))
        self.batch_size = batch_size
        self.pending = 0
        self.version: str | None = None
        self.units_done = 0
        self.units_skipped = 0
        self.run_id, self.resumes = self.store.start_run(list(inputs), engine, jobs)
        self.dedup: NearDuplicateIndex | None = None
        if dedup:
            self.dedup = NearDuplicateIndex()
            for article_id, sig in self.store.iter_minhashes():
                self.dedup.add(article_id, sig)

    # ---- before analysis ---------------------------------------------------------------

    def set_version(self, version: str) -> None:
        self.version = version
        self.store.update_run(self.run_id, pipeline_version=version)
        self.store.commit()

    def skip(self, unit: Unit) -> bool:
        """True (and counted as unchanged) when this exact input was analysed by this pipeline version."""
        state = self.store.input_state(unit.name)
        if not state or state[0] != unit.raw_hash or state[1] != self.version:
            return False
        ids = state[2]
        if ids:
            marks = ",".join("?" * len(ids))
            found = self.store.db.execute(
                f"SELECT count(*) FROM articles WHERE id IN ({marks}) AND pipeline_version = ?", (*ids, self.version)
            ).fetchone()[0]
            if found != len(set(ids)):
                return False
        self.summary.counts[Outcome.UNCHANGED] += len(ids)
        self.units_skipped += 1
        self._tick(len(ids) or 1)
        return True

    # ---- results -----------------------------------------------------------------------

    def failure(self, failure: ReadFailure) -> None:
        self.summary.failures.append(failure)
        self.store.record_failure(failure.path, failure.reason)
        self._tick(1)

    def write(self, unit: Unit, results: list[tuple]) -> None:
        ids, failed = [], False
        for result in results:
            if result[0] == "failure":
                failed = True
                self.summary.failures.append(ReadFailure(result[1], result[2]))
                self.store.record_failure(result[1], result[2])
                continue
            row = result[1]
            outcome = self.store.upsert_row(row, self.version)
            self.summary.counts[outcome] += 1
            path = row["record"].get("source", {}).get("path", unit.name)
            self.summary.warnings.extend((path, w) for w in row.get("warnings", ()))
            ids.append(row["id"])
            if self.dedup is not None and outcome is not Outcome.UNCHANGED:
                self._dedup(row["id"], row.get("minhash"))
        if not failed:
            self.store.mark_input(unit.name, unit.raw_hash, self.version, ids)
        self.units_done += 1
        self._tick(max(len(results), 1))

    def _dedup(self, article_id: str, sig: bytes | None) -> None:
        if sig is None:
            self.store.clear_duplicate(article_id)
            self.dedup.remove(article_id)
            return
        self.store.add_minhash(article_id, sig)
        match = self.dedup.add(article_id, sig)
        if match:
            self.store.mark_duplicate(article_id, *match)
        else:
            self.store.clear_duplicate(article_id)

    def _tick(self, n: int) -> None:
        self.pending += n
        if self.pending >= self.batch_size:
            self.commit()

    def commit(self, status: str | None = None) -> None:
        c = self.summary.counts
        self.store.update_run(
            self.run_id, status=status, units_done=self.units_done, units_skipped=self.units_skipped,
            articles_new=c[Outcome.NEW], articles_updated=c[Outcome.UPDATED], articles_unchanged=c[Outcome.UNCHANGED],
            failed=self.summary.failed,
        )
        self.store.commit()
        self.pending = 0

    def close(self, status: str = "done") -> None:
        self.commit(status)
        self.store.close()
