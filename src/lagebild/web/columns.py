"""The events of the layer index as columns (numpy arrays): filters, timeline and network in vector code.

Built once per state of the database beside the row index (`queries.LayerIndex`).
A filter is a boolean mask over the events; the timeline counts (bucket, key)
cells with `bincount`, the network counts (pair, type) cells over the
precomputed source→target pairs of each event. The answers are the same as
a loop over the rows would give (a test checks it), at a cost that grows with
the number of buckets and pairs, not with Python work per event.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from lagebild.web.queries import EventFilter

INTERVALS = ("day", "week", "month")


def _ordinal(day: str | None) -> int:
    return date.fromisoformat(day).toordinal() if day else -1


class EventColumns:
    def __init__(self, events: list[dict], plover_types: tuple[str, ...], quad_names: dict[int, str]):
        n = len(events)
        self.n = n
        self.types = list(plover_types) + sorted({e["type_key"] for e in events} - set(plover_types))
        type_pos = {t: i for i, t in enumerate(self.types)}
        self.type = np.fromiter((type_pos[e["type_key"]] for e in events), np.int32, n)
        self.quad_keys = list(quad_names.values()) + ["unknown"]
        quad_pos = {q: i for i, q in enumerate(self.quad_keys)}
        self.quad_key = np.fromiter((quad_pos[e["quad_key"]] for e in events), np.int32, n)
        self.quad = np.fromiter((e["quad"] or 0 for e in events), np.int32, n)
        self.root = np.fromiter((e["root"] or 0 for e in events), np.int32, n)
        self.negated = np.fromiter((bool(e.get("negated")) for e in events), bool, n)
        self.day = np.fromiter((_ordinal(e["day"]) for e in events), np.int64, n)
        gold = [e["goldstein"] for e in events]
        self.goldstein = np.array([np.nan if g is None else g for g in gold], dtype=np.float64)
        self.labels: dict[str, list[str]] = {}
        self.bucket: dict[str, np.ndarray] = {}
        for interval in INTERVALS:
            labels = sorted({e["buckets"][interval] for e in events if e["buckets"]})
            pos = {b: i for i, b in enumerate(labels)}
            self.labels[interval] = labels
            self.bucket[interval] = np.fromiter(
                (pos[e["buckets"][interval]] if e["buckets"] else -1 for e in events), np.int64, n)
        # inverted indices for the code and article filters
        self.by_source = self._inverted((e["source_codes"] for e in events), n)
        self.by_target = self._inverted((e["target_codes"] for e in events), n)
        self.by_article = self._inverted(([e["article_id"]] for e in events), n)
        # network: one row per (event, source code, target code) pair
        pair_pos: dict[tuple[str, str], int] = {}
        pair_event, pair_id = [], []
        for i, e in enumerate(events):
            for pair in e["pairs"]:
                pair_event.append(i)
                pair_id.append(pair_pos.setdefault(pair, len(pair_pos)))
        self.pairs = list(pair_pos)
        rank = sorted(range(len(self.pairs)), key=self.pairs.__getitem__)
        self.pair_rank = np.empty(len(self.pairs), dtype=np.int64)  # position in (source, target) order
        self.pair_rank[rank] = np.arange(len(self.pairs))
        self.pair_event = np.array(pair_event, dtype=np.int64)
        self.pair_id = np.array(pair_id, dtype=np.int64)

    @staticmethod
    def _inverted(values, n: int) -> dict[str, np.ndarray]:
        index: dict[str, list[int]] = {}
        for i, keys in enumerate(values):
            for key in dict.fromkeys(keys):
                index.setdefault(key, []).append(i)
        return {k: np.array(v, dtype=np.int64) for k, v in index.items()}

    def _members(self, index: dict[str, np.ndarray], key: str) -> np.ndarray:
        mask = np.zeros(self.n, dtype=bool)
        rows = index.get(key)
        if rows is not None:
            mask[rows] = True
        return mask

    def mask(self, f: "EventFilter") -> np.ndarray:
        m = np.ones(self.n, dtype=bool) if f.include_negated else ~self.negated
        if f.type:
            wanted = [i for i, t in enumerate(self.types) if t in f.type]
            m &= np.isin(self.type, wanted)
        if f.root is not None:
            m &= self.root == f.root
        if f.quad is not None:
            m &= self.quad == f.quad
        if f.source:
            m &= self._members(self.by_source, f.source)
        if f.target:
            m &= self._members(self.by_target, f.target)
        if f.actor_code:
            m &= self._members(self.by_source, f.actor_code) | self._members(self.by_target, f.actor_code)
        if f.article:
            m &= self._members(self.by_article, f.article)
        if f.date_from or f.date_to:
            m &= self.day >= 0
            if f.date_from:
                m &= self.day >= f.date_from.toordinal()
            if f.date_to:
                m &= self.day <= f.date_to.toordinal()
        return m

    def timeseries(self, m: np.ndarray, interval: str, by: str) -> dict:
        keys = self.quad_keys if by == "quad" else self.types
        key = (self.quad_key if by == "quad" else self.type)[m]
        bucket = self.bucket[interval][m]
        gold = self.goldstein[m]
        dated = bucket >= 0
        undated = int((~dated).sum())
        key, bucket, gold = key[dated], bucket[dated], gold[dated]
        n_buckets, n_keys = len(self.labels[interval]), len(keys)
        cells = np.bincount(bucket * n_keys + key, minlength=n_buckets * n_keys).reshape(n_buckets, n_keys)
        totals = cells.sum(axis=1)
        scored = ~np.isnan(gold)
        gsum = np.bincount(bucket[scored], weights=gold[scored], minlength=n_buckets)
        gcount = np.bincount(bucket[scored], minlength=n_buckets)
        used = np.flatnonzero(totals)
        cells, totals, gsum, gcount = cells[used], totals[used], gsum[used], gcount[used]
        labels = [self.labels[interval][i] for i in used]
        present = np.flatnonzero(cells.sum(axis=0))
        return {
            "interval": interval, "by": by, "buckets": labels,
            "series": {keys[k]: cells[:, k].tolist() for k in present},
            "total": totals.tolist(),
            "goldstein": [round(float(s) / int(c), 3) if c else None for s, c in zip(gsum, gcount)],
            "undated": undated,
        }

    def network(self, m: np.ndarray, min_count: int, limit: int) -> dict:
        keep = m[self.pair_event] if len(self.pair_event) else np.zeros(0, dtype=bool)
        events, pair = self.pair_event[keep], self.pair_id[keep]
        n_pairs, n_types = len(self.pairs), len(self.types)
        counts = np.bincount(pair, minlength=n_pairs)
        by_type = np.bincount(pair * n_types + self.type[events], minlength=n_pairs * n_types).reshape(n_pairs, n_types)
        gold = self.goldstein[events]
        scored = ~np.isnan(gold)
        gsum = np.bincount(pair[scored], weights=gold[scored], minlength=n_pairs)
        gcount = np.bincount(pair[scored], minlength=n_pairs)
        edges = []
        kept = np.flatnonzero(counts >= max(1, min_count))
        kept = kept[np.lexsort((self.pair_rank[kept], -counts[kept]))][:limit]  # most events first, then by codes
        types = self.types
        for p, row, n, g, gn in zip(kept.tolist(), by_type[kept].tolist(), counts[kept].tolist(),
                                    gsum[kept].tolist(), gcount[kept].tolist()):
            s, t = self.pairs[p]
            kinds = sorted((-c, types[k]) for k, c in enumerate(row) if c)
            edges.append({"source": s, "target": t, "count": n, "by_type": {k: -c for c, k in kinds},
                          "goldstein": round(g / gn, 3) if gn else None})
        weight: dict[str, int] = {}
        for e in edges:
            weight[e["source"]] = weight.get(e["source"], 0) + e["count"]
            weight[e["target"]] = weight.get(e["target"], 0) + e["count"]
        nodes = [{"id": code, "label": code, "events": n}
                 for code, n in sorted(weight.items(), key=lambda kv: (-kv[1], kv[0]))]
        return {"nodes": nodes, "edges": edges}
