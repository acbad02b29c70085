"""`make bench`: throughput and memory of lagebild on real corpora.

Corpora (read from ../shared/data/corpora, never copied):
  wikinews_de.jsonl  848 German Wikinews articles (title + sentences)
  10kgnad/test.csv   1,028 derStandard articles (label;'text')

Measured, each in a fresh worker process so peak memory is per worker:
  analyze   the pipeline on in-memory articles (articles/s, tokens/s), end to end
            and per layer (the time spent in each stage of the same run)
  ingest    read files + analyze + store into a new SQLite db (end to end)
  ceiling   spaCy's bare German tokenizer on the same text, for comparison

Results are printed as a Markdown table (paste it into the README) and
written to bench-results/latest.json.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import platform
import resource
import sys
import tempfile
import time
from pathlib import Path

from lagebild import bench_corpora

ROOT = Path(__file__).resolve().parent.parent
CORPORA = bench_corpora.corpora_dir()


load_wikinews, load_gnad = bench_corpora.wikinews, bench_corpora.gnad


def _tokens(docs: list[dict]) -> int:
    return sum(len(d["text"].split()) + len((d.get("title") or "").split()) for d in docs)


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _measure_analyze(corpus: str, limit: int | None, queue) -> None:
    import lagebild
    from lagebild.pipeline import Pipeline

    docs = load_wikinews(limit) if corpus == "wikinews" else load_gnad(limit)
    pipeline = Pipeline()
    lagebild.analyze(docs[0]["text"], pipeline=pipeline)  # warm-up: lazy models load here
    spent = _time_stages(pipeline)
    start = time.perf_counter()
    for d in docs:
        meta = {k: d[k] for k in ("id", "title", "published") if d.get(k)}
        lagebild.analyze(d["text"], format="text", pipeline=pipeline, **meta)
    seconds = time.perf_counter() - start
    peak = _peak_mb()
    queue.put({"measure": "analyze", "corpus": corpus, "articles": len(docs), "tokens": _tokens(docs),
               "seconds": seconds, "peak_mb": peak,
               "layers": [{"measure": f"layer: {name}", "corpus": corpus, "articles": len(docs),
                           "tokens": _tokens(docs), "seconds": t, "peak_mb": peak} for name, t in spent.items()]})


LAYER_NAMES = {"ner": "ner", "structure": "structure (incl. reading)", "language": "language (tokens, tags, lemmas, morphology)",
               "actors": "entities + actors", "quotes": "quotes", "events": "events (incl. dates)"}


def _time_stages(pipeline) -> dict[str, float]:
    """Wraps each stage of `pipeline` so the seconds spent in it add up in the returned dict."""
    spent: dict[str, float] = {}

    def timed(stage, name):
        def run(article):
            t0 = time.perf_counter()
            try:
                return stage(article)
            finally:
                spent[name] = spent.get(name, 0.0) + time.perf_counter() - t0
        return run

    names = [LAYER_NAMES.get(layer, layer) for layer in pipeline.layers]
    pipeline.stages = [timed(stage, name) for stage, name in zip(pipeline.stages, names)]
    pipeline.structure = pipeline.stages[0]
    return spent


def _measure_ner(corpus: str, limit: int | None, queue) -> None:
    """The optional `ner` layer (statistical NER), timed inside a full pipeline run on ≤ 300 articles."""
    import lagebild
    from lagebild.pipeline import LAYERS, Pipeline

    docs = (load_wikinews(limit) if corpus == "wikinews" else load_gnad(limit))[:300]
    pipeline = Pipeline(layers=LAYERS)
    lagebild.analyze(docs[0]["text"], pipeline=pipeline)
    spent = _time_stages(pipeline)
    for d in docs:
        meta = {k: d[k] for k in ("id", "title", "published") if d.get(k)}
        lagebild.analyze(d["text"], format="text", pipeline=pipeline, **meta)
    queue.put({"measure": "layer: ner (optional, statistical NER)", "corpus": corpus, "articles": len(docs),
               "tokens": _tokens(docs), "seconds": spent["ner"], "peak_mb": _peak_mb()})


def _measure_ingest(corpus: str, limit: int | None, queue) -> None:
    from lagebild.pipeline import Pipeline
    from lagebild.run.ingest import ingest_paths

    docs = load_wikinews(limit) if corpus == "wikinews" else load_gnad(limit)
    with tempfile.TemporaryDirectory() as tmp:
        feed = Path(tmp) / "feed.jsonl"
        with feed.open("w", encoding="utf-8") as fh:
            for d in docs:
                fh.write(json.dumps(d, ensure_ascii=False) + "\n")
        pipeline = Pipeline()
        import lagebild

        lagebild.analyze(docs[0]["text"], pipeline=pipeline)  # warm-up: lazy models load here, as in `analyze`
        start = time.perf_counter()
        summary = ingest_paths(pipeline, [str(feed)], Path(tmp) / "bench.db", progress=False)
        seconds = time.perf_counter() - start
    queue.put({"measure": "ingest (read+analyze+store)", "corpus": corpus, "articles": sum(summary.counts.values()),
               "tokens": _tokens(docs), "seconds": seconds, "peak_mb": _peak_mb()})


def _measure_ceiling(corpus: str, limit: int | None, queue) -> None:
    import spacy

    docs = load_wikinews(limit) if corpus == "wikinews" else load_gnad(limit)
    nlp = spacy.blank("de")
    texts = [d["text"] for d in docs]
    start = time.perf_counter()
    n_tokens = sum(len(doc) for doc in nlp.tokenizer.pipe(texts))
    seconds = time.perf_counter() - start
    queue.put({"measure": "ceiling: bare spaCy tokenizer", "corpus": corpus, "articles": len(docs),
               "tokens": _tokens(docs), "spacy_tokens": n_tokens, "seconds": seconds, "peak_mb": _peak_mb()})


def _measure_parallel(corpus: str, limit: int | None, queue, engine: str = "processes", jobs: int = 1) -> None:
    """ingest_corpus with `jobs` worker processes (or Dask workers): end to end, one SQLite writer.

    Throughput is over the processing time after the workers are ready (their start-up, spawning
    and loading the pipeline once, is reported apart); peak memory is the largest RSS any worker
    process reached, sampled every 50 ms."""
    import threading

    import psutil

    from lagebild.run.corpus import ingest_corpus

    docs = load_wikinews(limit) if corpus == "wikinews" else load_gnad(limit)
    peaks: dict[int, float] = {}
    stop = threading.Event()

    def sample() -> None:
        me = psutil.Process()
        while not stop.is_set():
            for child in me.children(recursive=True):
                try:
                    peaks[child.pid] = max(peaks.get(child.pid, 0.0), child.memory_info().rss / 2**20)
                except psutil.Error:
                    pass
            time.sleep(0.05)

    with tempfile.TemporaryDirectory() as tmp:
        feed = Path(tmp) / "feed.jsonl"
        with feed.open("w", encoding="utf-8") as fh:
            for d in docs:
                fh.write(json.dumps(d, ensure_ascii=False) + "\n")
        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        summary = ingest_corpus([str(feed)], db=Path(tmp) / "bench.db", jobs=jobs, engine=engine, progress=False)
        stop.set()
        sampler.join()
    label = f"{'Dask' if engine == 'dask' else 'processes'} ×{jobs} (read+analyze+store)"
    queue.put({"measure": label, "corpus": corpus, "articles": sum(summary.counts.values()), "tokens": _tokens(docs),
               "seconds": summary.timing["processing"], "startup_s": summary.timing["startup"],
               "peak_mb": max(peaks.values(), default=0.0), "parent_peak_mb": _peak_mb(),
               "engine": engine, "jobs": jobs})


def _parallel(engine: str, jobs: int):
    import functools

    return functools.partial(_measure_parallel, engine=engine, jobs=jobs)


MEASURES = {"analyze": _measure_analyze, "ner": _measure_ner, "ingest": _measure_ingest, "ceiling": _measure_ceiling}
PARALLEL = {("processes", 1), ("processes", 2), ("dask", 1), ("dask", 2)}


def run_isolated(fn, corpus: str, limit: int | None) -> dict:
    ctx = mp.get_context("spawn")
    queue = ctx.Queue()
    proc = ctx.Process(target=fn, args=(corpus, limit, queue))
    proc.start()
    while True:
        try:
            result = queue.get(timeout=5)
            break
        except Exception:  # queue.Empty: still working, unless the worker died
            if not proc.is_alive():
                raise SystemExit(f"benchmark worker {getattr(fn, '__name__', getattr(fn, 'func', fn).__name__)} on {corpus} died (exit code {proc.exitcode})")
    proc.join()
    return result


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{cpu}, {os.cpu_count()} cores, {mem:.0f} GiB, Python {platform.python_version()}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--limit", type=int, default=None, help="use only the first N articles of each corpus")
    parser.add_argument("--corpus", choices=["wikinews", "gnad", "all"], default="all")
    parser.add_argument("--no-parallel", action="store_true", help="skip the worker-process and Dask measurements")
    parser.add_argument("--no-web", action="store_true", help="skip the web API load test (50 clients, 30 s)")
    args = parser.parse_args()
    if not (CORPORA / "wikinews_de.jsonl").exists():
        print(f"benchmark corpora not found under {CORPORA}: ../shared is needed for make bench", file=sys.stderr)
        return 0
    corpora = ["wikinews", "gnad"] if args.corpus == "all" else [args.corpus]
    rows = []
    measures = list(MEASURES.values())
    if not args.no_parallel:
        measures += [_parallel(engine, jobs) for engine, jobs in sorted(PARALLEL, key=lambda p: (p[0] != "processes", p[1]))]
    for corpus in corpora:
        for fn in measures:
            result = run_isolated(fn, corpus, args.limit)
            for r in [result, *result.pop("layers", [])]:
                r["articles_per_s"] = r["articles"] / r["seconds"]
                r["tokens_per_s"] = r["tokens"] / r["seconds"]
                rows.append(r)
                print(f"  {corpus:9s} {r['measure']:32s} {r['articles_per_s']:9.1f} articles/s", file=sys.stderr)
    print(f"\nMachine: {machine()}\n")
    print("| corpus | measure | articles | tokens | articles/s | tokens/s | peak MB (worker) |")
    print("|---|---|---:|---:|---:|---:|---:|")
    for r in rows:
        print(f"| {r['corpus']} | {r['measure']} | {r['articles']} | {r['tokens']} | {r['articles_per_s']:.1f} "
              f"| {r['tokens_per_s']:,.0f} | {r['peak_mb']:.0f} |")
    scaling = []
    for corpus in corpora:
        for engine in ("processes", "dask"):
            one = next((r for r in rows if r["corpus"] == corpus and r.get("engine") == engine and r["jobs"] == 1), None)
            two = next((r for r in rows if r["corpus"] == corpus and r.get("engine") == engine and r["jobs"] == 2), None)
            if one and two:
                scaling.append({"corpus": corpus, "engine": engine, "x1": one["articles_per_s"], "x2": two["articles_per_s"],
                                "efficiency": two["articles_per_s"] / one["articles_per_s"],
                                "peak_mb": max(one["peak_mb"], two["peak_mb"]), "startup_s": two["startup_s"]})
    if scaling:
        print("\n| corpus | engine | articles/s, 1 worker | articles/s, 2 workers | scaling (2/1) | peak MB per worker | start-up s |")
        print("|---|---|---:|---:|---:|---:|---:|")
        for s in scaling:
            print(f"| {s['corpus']} | {s['engine']} | {s['x1']:.1f} | {s['x2']:.1f} | {s['efficiency']:.2f}× "
                  f"| {s['peak_mb']:.0f} | {s['startup_s']:.1f} |")
    web = None
    if not args.no_web:
        from lagebild.web.bench import bench_web, build_bench_store

        db = ROOT / "bench-results" / "web-bench.db"
        db.parent.mkdir(exist_ok=True)
        build_bench_store(db)  # ≥ 1,000 articles through the full pipeline; idempotent across runs
        web = {f"workers={w}": bench_web(db, workers=w) for w in (1, 2)}
        print("\nWeb API, 50 concurrent clients for 30 s on loopback (latency in ms; the load generator"
              " shares the machine):\n")
        print("| server processes | URLs | requests/s | p50 | p99 | p99 of the slowest endpoint |")
        print("|---:|---|---:|---:|---:|---:|")
        for label, r in web.items():
            for kind, m in (("repeated (response cache)", r), ("all new (every query runs)", r.get("uncached"))):
                if m:
                    worst = max(m["endpoints"].items(), key=lambda kv: kv[1]["p99_ms"])
                    print(f"| {r['workers']} | {kind} | {m['rps']:,.0f} | {m['p50_ms']:.0f} | {m['p99_ms']:.0f} "
                          f"| {worst[1]['p99_ms']:.0f} ({worst[0]}) |")
    out = ROOT / "bench-results"
    out.mkdir(exist_ok=True)
    (out / "latest.json").write_text(json.dumps({"machine": machine(), "rows": rows, "scaling": scaling, "web": web},
                                                indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
