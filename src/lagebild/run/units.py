"""Work units of a corpus run: what the parent reads cheaply and what a worker analyses.

A *unit* is one input file, or one line of a JSON Lines file, as raw bytes with
a hash of them (the cheap pre-hash). The parent walks the inputs lazily
(`iter_units`), skips units whose hash and pipeline version are already
stored, and ships the rest in batches to workers; a worker decodes, reads and
analyses a unit (`analyse_unit`) with a `Pipeline` it built once
(`worker_pipeline`) and returns plain, picklable results.
"""

from __future__ import annotations

import hashlib
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Iterable, Iterator

from lagebild.read import InputError, Reader, ReadFailure
from lagebild.read import _parse_json, record_document  # noqa: PLC2701 - the reader's own line parser
from lagebild.read.decode import decode_bytes

JSONL_LINE = "jsonl-line"


@dataclass(frozen=True)
class Unit:
    """One input unit: `name` is the path (``file.jsonl:3`` for a line), `fmt` the reader's format."""

    name: str
    fmt: str | None
    data: bytes
    raw_hash: str

    @classmethod
    def make(cls, name: str, fmt: str | None, data: bytes) -> "Unit":
        digest = hashlib.blake2b(data, digest_size=16)
        digest.update(b"\0" + (fmt or "").encode())
        return cls(name, fmt, data, digest.hexdigest())


def iter_units(reader: Reader, paths: Iterable[str | Path], stdin: IO[bytes] | None = None) -> Iterator[Unit | ReadFailure]:
    """Units and read failures behind `paths`, lazily: folders walked, JSON Lines read line by line."""
    for path in reader.files(paths):
        if isinstance(path, ReadFailure):
            yield path
            continue
        if path == "-":
            stream = stdin or sys.stdin.buffer
            data = stream.read(reader.max_bytes + 1)
            if len(data) > reader.max_bytes:
                yield ReadFailure("-", f"input is over the size limit of {reader.max_bytes / 1e6:.1f} MB (--max-size)")
            else:
                yield Unit.make("-", None, data)
            continue
        p = Path(path)
        try:
            size = p.stat().st_size
            if size > reader.max_bytes:
                yield ReadFailure(path, f"file is {size / 1e6:.1f} MB, over the size limit of "
                                        f"{reader.max_bytes / 1e6:.1f} MB (--max-size)")
                continue
            fmt = reader.format_of(p)
            if fmt == "jsonl":
                yield from _jsonl_units(p)
            else:
                yield Unit.make(path, fmt, p.read_bytes())
        except OSError as exc:
            yield ReadFailure(path, _os_problem(exc))


def _jsonl_units(path: Path) -> Iterator[Unit | ReadFailure]:
    seen_any = False
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            if not raw.strip():
                continue
            seen_any = True
            yield Unit.make(f"{path}:{number}", JSONL_LINE, raw)
    if not seen_any:
        yield ReadFailure(str(path), "empty file")


def _os_problem(exc: OSError) -> str:
    from lagebild.read import _os_problem as problem

    return problem(exc)


# ---- worker side ---------------------------------------------------------------------

_PIPELINES: dict[tuple, Any] = {}
WARM_UP = ("Probelauf\n\nDie Außenminister der Europäischen Union trafen sich am Montag in Brüssel. "
           "Sie berieten über neue Sanktionen gegen Russland und über Hilfen für die Ukraine.\n").encode()


def worker_pipeline(pipeline_kwargs: dict):
    """The pipeline of this process for these constructor arguments, built on first use.

    ``pipeline_kwargs`` are `Pipeline`'s keyword arguments; an optional ``"factory"``
    (``"module:callable"``) builds something else with the same interface (tests use it).
    """
    key = tuple(sorted((k, repr(v)) for k, v in pipeline_kwargs.items()))
    if key not in _PIPELINES:
        kwargs = dict(pipeline_kwargs)
        factory = kwargs.pop("factory", None)
        if factory:
            import importlib

            module, _, name = factory.partition(":")
            build = getattr(importlib.import_module(module), name)
        else:
            from lagebild.pipeline import Pipeline as build
        pipeline = build(**kwargs)
        analyse_unit(pipeline, Unit.make("<warm-up>", "text", WARM_UP))  # lazy models load now, not on article 1
        _PIPELINES[key] = pipeline
    return _PIPELINES[key]


def pipeline_version(pipeline_kwargs: dict) -> str:
    return worker_pipeline(pipeline_kwargs).version


def analyse_unit(pipeline, unit: Unit, *, dedup: bool = True) -> list[tuple]:
    """A unit's results: ``("article", row)`` with the store row of `article_row` (plus a MinHash
    signature under ``"minhash"``), or ``("failure", path, reason)``."""
    from lagebild.store.sqlite import article_row
    from lagebild.structure import HtmlError

    try:
        if unit.fmt == JSONL_LINE:
            text, _ = decode_bytes(unit.data, unit.name)
            raws: list = [record_document(_parse_json(text, unit.name), unit.name)]
        else:
            raws = list(pipeline.reader.read_bytes(unit.data, unit.name, unit.fmt))
    except InputError as exc:
        return [("failure", exc.path, exc.problem)]
    results: list[tuple] = []
    for raw in raws:
        if isinstance(raw, ReadFailure):
            results.append(("failure", raw.path, raw.reason))
            continue
        try:
            article = pipeline(raw)
        except HtmlError as exc:
            results.append(("failure", raw.source.path, str(exc)))
            continue
        except RecursionError:
            results.append(("failure", raw.source.path, "input too deeply nested to analyse"))
            continue
        except MemoryError:
            results.append(("failure", raw.source.path, "out of memory while analysing"))
            continue
        row = article_row(article)
        row["warnings"] = list(article.warnings)
        if dedup:
            from lagebild.dedup.minhash import signature

            row["minhash"] = signature(article.text)
        results.append(("article", row))
    return results


class UnitTimeout(BaseException):
    """Raised inside the analysing thread when one unit takes longer than its time limit.

    A BaseException, so no `except Exception` in a stage swallows it."""


class Deadline:
    """`with Deadline(seconds):` interrupts the Python code of this thread when the time is up.

    For engines whose workers cannot be killed per article (a Dask task runs in
    a worker's thread): a timer raises `UnitTimeout` in this thread with
    `PyThreadState_SetAsyncExc`, which takes effect at the next bytecode (a long
    call into C finishes first). Under the lock, an interrupt that was sent but
    not yet delivered when the block ends is withdrawn, so it never escapes.
    """

    def __init__(self, seconds: float | None):
        import threading

        self.seconds = seconds
        self.thread_id = threading.get_ident()
        self.lock = threading.Lock()
        self.done = self.fired = False
        self.timer = threading.Timer(seconds, self._fire) if seconds else None

    def _fire(self) -> None:
        import ctypes

        with self.lock:
            if self.done:
                return
            self.fired = True
            ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(self.thread_id), ctypes.py_object(UnitTimeout))

    def __enter__(self) -> "Deadline":
        if self.timer is not None:
            self.timer.daemon = True
            self.timer.start()
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        import ctypes

        if self.timer is None:
            return
        with self.lock:
            self.done = True
            self.timer.cancel()
            if self.fired and exc_type is not UnitTimeout:  # sent, not delivered: withdraw it
                ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(self.thread_id), None)


def timeout_reason(timeout: float) -> str:
    return f"timed out: analysis took longer than {timeout:g} s (--timeout)"


def analyse_guarded(pipeline, unit: Unit, *, dedup: bool = True, timeout: float | None = None) -> list[tuple]:
    """`analyse_unit` that never raises for one input: a bug fails the unit with its reason, and with
    `timeout` (a `Deadline` on this thread) so does an analysis that takes too long."""
    try:
        with Deadline(timeout):
            return analyse_unit(pipeline, unit, dedup=dedup)
    except UnitTimeout:
        return [("failure", unit.name, timeout_reason(timeout))]
    except Exception as exc:  # noqa: BLE001 - a bug on one input must not stop the run
        return [("failure", unit.name, f"analysis error: {type(exc).__name__}: {exc}")]


def analyse_batch(pipeline_kwargs: dict, units: list[Unit], dedup: bool = True,
                  timeout: float | None = None) -> list[tuple[Unit, list[tuple]]]:
    """A whole batch in this process (the Dask task); the pipeline is built once per worker process.

    With `timeout`, a unit whose analysis takes longer is stopped and failed with the reason, and
    the batch goes on with the next unit."""
    pipeline = worker_pipeline(pipeline_kwargs)
    return [(unit, analyse_guarded(pipeline, unit, dedup=dedup, timeout=timeout)) for unit in units]
