"""Load test of the web API: `bench_web(db)` (wired into `make bench`).

`build_bench_store(path)` fills a store with ≥ 1,000 real articles: the 848
German Wikinews articles of ../shared/data/corpora/wikinews_de.jsonl, topped
up from 10kGNAD's test split, analysed by the full pipeline (so the quote
and event endpoints serve what the layers really produce).

`bench_web(db)` starts `lagebild serve` in its own process on a free
loopback port and runs 50 concurrent keep-alive clients (asyncio) for 30 s over
the list endpoints, then reports p50/p99 latency per endpoint and overall.

    python -m lagebild.web.bench [--db FILE] [--clients 50] [--seconds 30]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ENDPOINTS = [
    "/api/articles?limit=50",
    "/api/articles?q=Regierung&limit=20",
    "/api/actors?limit=50",
    "/api/events?limit=50",
    "/api/events?type=ACCUSE,THREATEN&limit=50",
    "/api/quotes?limit=50",
    "/api/timeseries?interval=week&by=type",
    "/api/network",
]


def bench_corpus(min_articles: int = 1000) -> list[dict]:
    from lagebild import bench_corpora

    docs = bench_corpora.wikinews()
    if len(docs) < min_articles and (bench_corpora.corpora_dir() / "10kgnad" / "test.csv").is_file():
        docs += [d for d in bench_corpora.gnad() if d["text"].strip()][:min_articles - len(docs)]
    return docs


def build_bench_store(db: str | Path, *, min_articles: int = 1000) -> dict:
    """Ingest the bench corpus into `db` with the full pipeline (idempotent: a second call writes nothing)."""
    from lagebild.pipeline import Pipeline
    from lagebild.run.ingest import ingest_paths
    from lagebild.store.sqlite import Store

    docs = bench_corpus(min_articles)
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "bench.jsonl"
        src.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs), encoding="utf-8")
        ingest_paths(Pipeline(), [str(src)], db, progress=False)
    with Store(db, read_only=True) as store:
        articles = store.count()
    return {"articles": articles}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


async def _get(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, host: str, path: str) -> int:
    """One keep-alive HTTP/1.1 GET; returns the status. (A bare client: httpx costs more CPU than the server.)"""
    writer.write(f"GET {path} HTTP/1.1\r\nHost: {host}\r\nAccept: application/json\r\n\r\n".encode())
    await writer.drain()
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    length = next((int(line.split(":", 1)[1]) for line in lines[1:] if line.lower().startswith("content-length:")),
                  None)
    if length is None:
        raise RuntimeError(f"{path}: response without Content-Length")
    await reader.readexactly(length)
    return status


async def _load(port: int, endpoints: list[str], clients: int, seconds: float,
                bust: bool = False) -> dict[str, list[float]]:
    latencies: dict[str, list[float]] = {e: [] for e in endpoints}
    errors: list[str] = []
    host = f"127.0.0.1:{port}"
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    for e in endpoints:  # warm up: the layer index and the page cache
        await _get(reader, writer, host, e)
    writer.close()
    stop = time.perf_counter() + seconds

    async def worker(k: int) -> None:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        i = k
        try:
            while time.perf_counter() < stop:
                path = endpoints[i % len(endpoints)]
                i += 1
                sep = "&" if "?" in path else "?"
                url = f"{path}{sep}nocache={k}-{i}" if bust else path  # a distinct URL misses the response cache
                t0 = time.perf_counter()
                status = await _get(reader, writer, host, url)
                latencies[path].append((time.perf_counter() - t0) * 1000)
                if status != 200:
                    errors.append(f"{path}: {status}")
        finally:
            writer.close()

    await asyncio.gather(*(worker(k) for k in range(clients)))
    if errors:
        raise RuntimeError(f"{len(errors)} failed requests, e.g. {errors[0]}")
    return latencies


def bench_web(db: str | Path, *, clients: int = 50, seconds: float = 30.0,
              endpoints: list[str] | None = None, uncached: bool = True, workers: int = 1) -> dict:
    """p50/p99 latency (ms) of the list endpoints under `clients` concurrent clients for `seconds`.

    Top-level figures are for repeated URLs (the dashboard's case: answered
    from the response cache after the first request); with `uncached`, a
    second phase of the same length makes every URL distinct, so every
    request runs its query (`uncached` in the result).
    """
    import httpx

    endpoints = endpoints or ENDPOINTS
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    code = ("import sys; from lagebild.web.server import serve; "
            "serve(sys.argv[1], host='127.0.0.1', port=int(sys.argv[2]), log_level='warning', workers=int(sys.argv[3]))")
    proc = subprocess.Popen([sys.executable, "-c", code, str(db), str(port), str(workers)])
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{base}/api/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("the server did not start")
            time.sleep(0.2)
        articles = httpx.get(f"{base}/api/health").json()["articles"]
        t0 = time.perf_counter()
        latencies = asyncio.run(_load(port, endpoints, clients, seconds))
        elapsed = time.perf_counter() - t0
        if uncached:
            t1 = time.perf_counter()
            missed = asyncio.run(_load(port, endpoints, clients, seconds, bust=True))
            missed_elapsed = time.perf_counter() - t1
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
    result = {"articles": articles, "clients": clients, "seconds": seconds, "workers": workers,
              **_summary(latencies, elapsed)}
    if uncached:
        result["uncached"] = _summary(missed, missed_elapsed)
    return result


def _summary(latencies: dict[str, list[float]], elapsed: float) -> dict:
    every = [v for vs in latencies.values() for v in vs]
    return {
        "requests": len(every), "rps": round(len(every) / elapsed, 1),
        "p50_ms": round(_pct(every, 0.50), 2), "p99_ms": round(_pct(every, 0.99), 2),
        "endpoints": {e: {"requests": len(v), "p50_ms": round(_pct(v, 0.50), 2), "p99_ms": round(_pct(v, 0.99), 2),
                          "mean_ms": round(statistics.fmean(v), 2) if v else None}
                      for e, v in latencies.items()},
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, help="store to serve (default: build one in a temp folder)")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30.0)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "bench.db"
        info = build_bench_store(db) if args.db is None else {}
        result = {**info, **bench_web(db, clients=args.clients, seconds=args.seconds)}
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
