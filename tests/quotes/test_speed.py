"""The quotes layer adds at most a fifth to the time the pipeline spends on an article."""

from __future__ import annotations

import time
from pathlib import Path

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def test_quotes_stage_costs_under_a_fifth_of_the_pipeline():
    from lagebild.pipeline import Pipeline
    from lagebild.quotes import QuoteStage

    files = sorted(p for p in EXAMPLES.glob("*") if p.suffix in (".txt", ".html"))
    assert files
    pipeline = Pipeline(layers=["structure", "language", "actors"])
    stage = QuoteStage()
    articles = [a for a in pipeline.run(files)]  # warm-up: models and caches load here
    for a in articles:
        stage(a)
    t0 = time.perf_counter()
    for _ in range(3):
        articles = list(pipeline.run(files))
    t1 = time.perf_counter()
    for _ in range(3):
        for a in articles:
            stage(a)
    t2 = time.perf_counter()
    assert sum(len(a.quotes) for a in articles) > 0
    assert (t2 - t1) <= 0.2 * (t1 - t0), f"quotes {t2 - t1:.3f}s vs pipeline {t1 - t0:.3f}s"
