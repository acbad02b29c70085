"""Smoke test of the load test (the full 50 clients × 30 s run is `make bench`)."""

from __future__ import annotations

from lagebild.web.bench import ENDPOINTS, bench_web


def test_bench_web_reports_latencies(layered_db):
    result = bench_web(layered_db, clients=5, seconds=1.0)
    assert result["articles"] >= 8 and result["requests"] > 0
    for phase in (result, result["uncached"]):
        assert 0 < phase["p50_ms"] <= phase["p99_ms"]
        assert set(phase["endpoints"]) == set(ENDPOINTS)
        assert all(e["requests"] > 0 for e in phase["endpoints"].values())
