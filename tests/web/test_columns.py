"""The vectorised filters, timeline and network answer what a plain loop over the events answers."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date

import pytest

from lagebild.web.queries import EventFilter, Queries


def loop_filter(events, f: EventFilter):
    out = []
    for e in events:
        if not f.include_negated and e.get("negated"):
            continue
        if f.type and e["type_key"] not in f.type:
            continue
        if f.root is not None and e["root"] != f.root or f.quad is not None and e["quad"] != f.quad:
            continue
        if f.source and f.source not in e["source_codes"] or f.target and f.target not in e["target_codes"]:
            continue
        if f.actor_code and f.actor_code not in e["source_codes"] + e["target_codes"]:
            continue
        if f.article and e["article_id"] != f.article:
            continue
        if (f.date_from or f.date_to) and (
                e["day"] is None or f.date_from and e["day"] < f.date_from.isoformat()
                or f.date_to and e["day"] > f.date_to.isoformat()):
            continue
        out.append(e)
    return out


def loop_timeseries(events, interval, by):
    cells, totals, gold = Counter(), Counter(), defaultdict(list)
    undated = 0
    for e in events:
        if not e["buckets"]:
            undated += 1
            continue
        b = e["buckets"][interval]
        cells[(b, e["quad_key" if by == "quad" else "type_key"])] += 1
        totals[b] += 1
        if e["goldstein"] is not None:
            gold[b].append(e["goldstein"])
    labels = sorted(totals)
    return labels, {k for _, k in cells}, [totals[b] for b in labels], undated, cells, gold


def loop_network(events):
    pairs = defaultdict(Counter)
    for e in events:
        for pair in e["pairs"]:
            pairs[pair][e["type_key"]] += 1
    return {p: dict(c) for p, c in pairs.items()}


@pytest.fixture(scope="module")
def queries(layered_db):
    return Queries(layered_db)


def filters(events):
    codes = sorted({c for e in events for c in e["source_codes"] + e["target_codes"]})
    days = sorted(e["day"] for e in events if e["day"])
    yield EventFilter()
    yield EventFilter(include_negated=True)
    yield EventFilter(type={"ACCUSE", "THREATEN"})
    yield EventFilter(quad=3)
    yield EventFilter(root=4)
    for code in codes[:4]:
        yield EventFilter(source=code)
        yield EventFilter(target=code)
        yield EventFilter(actor_code=code)
    yield EventFilter(article=events[0]["article_id"])
    yield EventFilter(date_from=date.fromisoformat(days[len(days) // 2]))
    yield EventFilter(date_to=date.fromisoformat(days[len(days) // 2]), type={"CONSULT"})
    yield EventFilter(source="XXX")


def test_filters_timeline_and_network_match_a_plain_loop(queries):
    events = queries.index().events
    assert len(events) > 20
    for f in filters(events):
        expected = loop_filter(events, f)
        assert [e["index"] for e in queries.filter_events(f)] == [e["index"] for e in expected], f
        for interval in ("day", "week", "month"):
            for by in ("type", "quad"):
                got = queries.timeseries(f, interval=interval, by=by)
                labels, keys, totals, undated, cells, gold = loop_timeseries(expected, interval, by)
                assert got["buckets"] == labels and got["total"] == totals and got["undated"] == undated, f
                assert set(got["series"]) == keys
                for k, counts in got["series"].items():
                    assert counts == [cells[(b, k)] for b in labels]
                assert got["goldstein"] == [round(sum(gold[b]) / len(gold[b]), 3) if gold[b] else None for b in labels]
        net = queries.network(f, min_count=1, limit=2000)
        assert {(e["source"], e["target"]): e["by_type"] for e in net["edges"]} == loop_network(expected)
