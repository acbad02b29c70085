"""Throughput of the language layer (tokenizer + sentences + HanTa + morphology).

`bench_language(texts)` is what `make bench` calls; run it in a fresh process
for a *cold* number (shipped lexicon only, nothing analysed yet), with
``passes=2`` for the *warm* one (every form of the corpus cached), or with a
user cache file a previous run filled. From the shell, each in its own
process:

    python -m lagebild.language.bench [--corpus wikinews|gnad] [--limit N]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Iterable


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def bench_language(texts: Iterable[str], *, nlp=None, passes: int = 1, user_cache: bool | str = False,
                   batch_size: int = 64) -> dict:
    """Runs the language layer over `texts`; numbers of the last pass.

    Returns ``texts``, ``tokens`` (spaCy tokens, whitespace tokens excluded),
    ``words`` (whitespace-separated words, as `make bench` counts them),
    ``seconds`` (wall clock), ``cpu_seconds``, ``tokens_per_s``,
    ``words_per_s``, ``load_seconds`` (building the Language, 0 when `nlp` is
    given), HanTa cache counters and ``peak_mb``. ``user_cache``: False, True
    (the default file) or a path.
    """
    texts = list(texts)
    load = 0.0
    if nlp is None:
        from lagebild.language import build_language

        start = time.perf_counter()
        nlp = build_language({"lagebild_hanta": {"user_cache": user_cache}})
        load = time.perf_counter() - start
    hanta = nlp.get_pipe("lagebild_hanta").hanta
    words = sum(len(t.split()) for t in texts)
    runs = []
    for _ in range(max(1, passes)):
        before = dict(hanta.stats)
        start, cpu = time.perf_counter(), time.process_time()
        tokens = 0
        for doc in nlp.pipe(texts, batch_size=batch_size):
            tokens += sum(1 for t in doc if not t.is_space)
        seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
        runs.append({"seconds": seconds, "cpu_seconds": cpu, "tokens_per_s": tokens / seconds,
                     "forward_live": hanta.stats["forward_live"] - before["forward_live"],
                     "lemma_live": hanta.stats["lemma_live"] - before["lemma_live"]})
    hanta.flush()
    last = runs[-1]
    return {
        "texts": len(texts),
        "tokens": tokens,
        "words": words,
        **last,
        "cpu_tokens_per_s": tokens / last["cpu_seconds"] if last["cpu_seconds"] else None,
        "words_per_s": words / last["seconds"],
        "load_seconds": load,
        "lexicon_forms": hanta.lexicon_forms,
        "passes": runs,
        "peak_mb": _peak_mb(),
    }


# -- command line: each measurement in a fresh process ---------------------------

def load_corpus(name: str, limit: int | None = None) -> list[str]:
    from lagebild import bench_corpora

    docs = bench_corpora.wikinews(limit) if name == "wikinews" else bench_corpora.gnad(limit)
    return [d["text"] for d in docs]


def _worker(args: argparse.Namespace) -> None:
    texts = load_corpus(args.corpus, args.limit)
    user_cache = args.user_cache or False
    result = bench_language(texts, passes=args.passes, user_cache=user_cache)
    print(json.dumps(result))


def _spawn(corpus: str, limit: int | None, passes: int, user_cache: str | None) -> dict:
    cmd = [sys.executable, "-m", "lagebild.language.bench", "--worker", "--corpus", corpus, "--passes", str(passes)]
    if limit:
        cmd += ["--limit", str(limit)]
    if user_cache:
        cmd += ["--user-cache", user_cache]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", choices=["wikinews", "gnad"], default="wikinews")
    parser.add_argument("--limit", type=int)
    parser.add_argument("--passes", type=int, default=1)
    parser.add_argument("--user-cache")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        _worker(args)
        return 0
    rows = []
    cold_warm = _spawn(args.corpus, args.limit, 2, None)
    first = cold_warm["passes"][0]
    rows.append(("cold (shipped lexicon only)", cold_warm["tokens"], first["seconds"], first["cpu_seconds"],
                 first["forward_live"], cold_warm["load_seconds"], cold_warm["peak_mb"]))
    rows.append(("warm (second pass, same process)", cold_warm["tokens"], cold_warm["seconds"],
                 cold_warm["cpu_seconds"], cold_warm["forward_live"], 0.0, cold_warm["peak_mb"]))
    with tempfile.TemporaryDirectory() as tmp:
        cache = str(Path(tmp) / "hanta-forms.tsv")
        _spawn(args.corpus, args.limit, 1, cache)  # fills the user cache
        r = _spawn(args.corpus, args.limit, 1, cache)
        rows.append(("warm (new process, user cache)", r["tokens"], r["seconds"], r["cpu_seconds"], r["forward_live"],
                     r["load_seconds"], r["peak_mb"]))
        size = Path(cache).stat().st_size
    print(f"| {args.corpus} | tokens | seconds | tokens/s | CPU tokens/s | live analyses | load s | peak MB |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for name, tokens, sec, cpu, live, load, peak in rows:
        print(f"| {name} | {tokens:,} | {sec:.1f} | {tokens / sec:,.0f} | {tokens / cpu:,.0f} | {live:,} | {load:.2f} "
              f"| {peak:.0f} |")
    print(f"\nuser cache after one run: {size / 2**20:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
