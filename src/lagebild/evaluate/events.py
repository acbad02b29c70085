"""Evaluation of the events layer against the gold event files.

    report = evaluate_events("../shared/gold/events", analyze_fn)
    print_event_summary(report)            # rich tables
    report.as_dict()                       # JSON-able numbers

Gold (`../shared/docs/event-annotation.md`): one ``<doc>.json`` per article
with the exact input ``<doc>.txt`` beside it; ``published`` is the date to
resolve relative dates against. ``analyze_fn(text, published)`` returns the
article's events (an `Article` with ``events``, or a list of `Event`s or
event dicts of the output contract).

Metric (per article, then summed):

* events that are negated or hypothetical are left out on both sides;
* predicted and gold events are paired one-to-one (maximum matching) at
  three levels: **type** (same PLOVER type), **type+source** (and the source
  country codes overlap: some code in common, or both without any code),
  **type+source+target** (and the target codes overlap likewise);
  precision = pairs / predicted, recall = pairs / gold, F1;
* **date accuracy**: share of the type+source+target pairs whose dates are
  equal (both null counts as equal);
* per type: P/R/F1 at the type and at the type+source+target level.

`evaluate_event_sentences(path, analyze_fn)` scores the sentence gold
(`gold/events-sentences/*.jsonl`, one gold event per sentence, no date):
**type accuracy** = share of sentences where the gold type is among the
predicted (counted) events, as its README defines; also the share where it
is the most confident prediction, and source-code accuracy.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable

LEVELS = ("type", "type+source", "type+source+target")

AnalyzeFn = Callable[[str, "str | None"], Any]


# ---------------------------------------------------------------------------- event normalisation


def _as_dicts(result: Any) -> list[dict]:
    if result is None:
        return []
    events = getattr(result, "events", result)
    if events is None:
        return []
    out = []
    for e in events:
        out.append(e.to_dict() if hasattr(e, "to_dict") else dict(e))
    return out


def counts(e: dict) -> bool:
    return not e.get("negated") and e.get("modality") != "hypothetical"


def codes(parts: Iterable[dict] | None) -> frozenset:
    return frozenset(p.get("code") for p in (parts or []) if p.get("code"))


def _overlap(a: frozenset, b: frozenset) -> bool:
    return bool(a & b) or (not a and not b)


def compatible(g: dict, p: dict, level: str) -> bool:
    if g["type"] != p["type"]:
        return False
    if level == "type":
        return True
    if not _overlap(codes(g.get("source")), codes(p.get("source"))):
        return False
    if level == "type+source":
        return True
    return _overlap(codes(g.get("target")), codes(p.get("target")))


def max_matching(gold: list[dict], pred: list[dict], level: str) -> list[tuple[int, int]]:
    """Maximum one-to-one pairing of compatible events (augmenting paths; articles are small)."""
    adj = [[j for j, p in enumerate(pred) if compatible(g, p, level)] for g in gold]
    # try exact code matches first so that the pairing is also the closest one
    for i, g in enumerate(gold):
        adj[i].sort(key=lambda j: (codes(pred[j].get("source")) != codes(g.get("source")),
                                   codes(pred[j].get("target")) != codes(g.get("target")),
                                   pred[j].get("date") != g.get("date")))
    match_p: dict[int, int] = {}

    def augment(i: int, seen: set[int]) -> bool:
        for j in adj[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in match_p or augment(match_p[j], seen):
                match_p[j] = i
                return True
        return False

    for i in range(len(gold)):
        augment(i, set())
    return sorted((i, j) for j, i in match_p.items())


# ---------------------------------------------------------------------------- reports


def prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "tp": tp, "pred": n_pred,
            "gold": n_gold}


@dataclass
class DocResult:
    doc: str
    gold: list[dict]
    pred: list[dict]
    matches: dict[str, list[tuple[int, int]]]


@dataclass
class EventReport:
    docs: list[DocResult] = field(default_factory=list)

    def level(self, level: str) -> dict[str, float]:
        tp = sum(len(d.matches[level]) for d in self.docs)
        return prf(tp, sum(len(d.pred) for d in self.docs), sum(len(d.gold) for d in self.docs))

    def date_accuracy(self) -> dict[str, float]:
        pairs = [(d.gold[i], d.pred[j]) for d in self.docs for i, j in d.matches["type+source+target"]]
        ok = sum(1 for g, p in pairs if (g.get("date") or None) == (p.get("date") or None))
        return {"accuracy": round(ok / len(pairs), 4) if pairs else 0.0, "correct": ok, "pairs": len(pairs)}

    def per_type(self) -> dict[str, dict[str, Any]]:
        types = sorted({e["type"] for d in self.docs for e in d.gold + d.pred})
        out = {}
        for t in types:
            row = {}
            for level in ("type", "type+source+target"):
                tp = sum(1 for d in self.docs for i, j in d.matches[level] if d.gold[i]["type"] == t)
                n_pred = sum(1 for d in self.docs for e in d.pred if e["type"] == t)
                n_gold = sum(1 for d in self.docs for e in d.gold if e["type"] == t)
                row[level] = prf(tp, n_pred, n_gold)
            out[t] = row
        return out

    def as_dict(self) -> dict[str, Any]:
        return {
            "documents": len(self.docs),
            "gold_events": sum(len(d.gold) for d in self.docs),
            "predicted_events": sum(len(d.pred) for d in self.docs),
            "levels": {lv: self.level(lv) for lv in LEVELS},
            "date": self.date_accuracy(),
            "per_type": self.per_type(),
            "per_document": {d.doc: {lv: prf(len(d.matches[lv]), len(d.pred), len(d.gold)) for lv in LEVELS}
                             for d in self.docs},
        }

    def errors(self, level: str = "type") -> list[dict[str, Any]]:
        """Unmatched gold (missed) and predicted (spurious) events per document, for error analysis."""
        out = []
        for d in self.docs:
            mg = {i for i, _ in d.matches[level]}
            mp = {j for _, j in d.matches[level]}
            out.append({"doc": d.doc,
                        "missed": [d.gold[i] for i in range(len(d.gold)) if i not in mg],
                        "spurious": [d.pred[j] for j in range(len(d.pred)) if j not in mp]})
        return out


def score_document(doc: str, gold_events: list[dict], predicted: list[dict]) -> DocResult:
    gold = [e for e in gold_events if counts(e)]
    pred = [e for e in predicted if counts(e)]
    return DocResult(doc, gold, pred, {lv: max_matching(gold, pred, lv) for lv in LEVELS})


def evaluate_events(gold_dir: str | Path, analyze_fn: AnalyzeFn | None = None) -> EventReport:
    """Score ``analyze_fn`` on every ``<doc>.json`` + ``<doc>.txt`` of ``gold_dir``."""
    gold_dir = Path(gold_dir)
    fn = analyze_fn or default_analyze_fn()
    report = EventReport()
    for path in sorted(gold_dir.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        txt = path.with_suffix(".txt")
        text = txt.read_text(encoding="utf-8") if txt.exists() else gold["text"]
        predicted = _as_dicts(fn(text, gold.get("published")))
        report.docs.append(score_document(gold.get("doc", path.stem), gold.get("events", []), predicted))
    return report


# ---------------------------------------------------------------------------- sentence gold


@dataclass
class SentenceReport:
    rows: list[dict] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        n = len(self.rows)
        by_type: dict[str, list[dict]] = defaultdict(list)
        for r in self.rows:
            by_type[r["gold_type"]].append(r)

        def share(rows, key):
            return round(sum(1 for r in rows if r[key]) / len(rows), 4) if rows else 0.0

        return {
            "sentences": n,
            "type_accuracy": share(self.rows, "type_found"),
            "top_type_accuracy": share(self.rows, "top_type"),
            "type_source_accuracy": share(self.rows, "type_source_found"),
            "no_event": share(self.rows, "no_event"),
            "mean_predicted": round(sum(r["n_pred"] for r in self.rows) / n, 3) if n else 0.0,
            "per_type": {t: {"n": len(rs), "type_accuracy": share(rs, "type_found"),
                             "top_type_accuracy": share(rs, "top_type")} for t, rs in sorted(by_type.items())},
        }


def evaluate_event_sentences(path: str | Path, analyze_fn: AnalyzeFn | None = None) -> SentenceReport:
    """Type accuracy on the sentence gold (JSON lines, one gold event per sentence); a folder reads every .jsonl."""
    path = Path(path)
    files = sorted(path.glob("*.jsonl")) if path.is_dir() else [path]
    fn = analyze_fn or default_analyze_fn()
    report = SentenceReport()
    for f in files:
        for line in f.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            rec = json.loads(line)
            gold = [e for e in rec.get("events", []) if counts(e)]
            if not gold:
                continue
            g = gold[0]
            pred = [e for e in _as_dicts(fn(rec["text"], None)) if counts(e)]
            types = {e["type"] for e in pred}
            top = max(pred, key=lambda e: e.get("confidence") or 0)["type"] if pred else None
            report.rows.append({
                "id": rec.get("id"), "text": rec["text"], "gold_type": g["type"],
                "pred_types": sorted(types), "type_found": g["type"] in types, "top_type": top == g["type"],
                "type_source_found": any(compatible(g, p, "type+source") for p in pred),
                "no_event": not pred, "n_pred": len(pred),
            })
    return report


# ---------------------------------------------------------------------------- running the pipeline


def default_analyze_fn(pipeline=None) -> AnalyzeFn:
    """Text (+ publication date) → events, through the project's pipeline (structure, language, actors
    with entities, quotes, events), as `lagebild analyze` would run it; when the pipeline does not include
    the events layer yet, the events stage runs on its result."""
    from lagebild.pipeline import Pipeline
    from lagebild.record import RawDocument, Source

    pipe = pipeline or Pipeline()
    events_stage = None
    if "events" not in pipe.layers:
        from lagebild.events.stage import EventStage

        events_stage = EventStage()

    def analyze(text: str, published: str | None):
        raw = RawDocument(content=text, source=Source("-", "text"), given_published=published)
        article = pipe(raw)
        if events_stage is not None and getattr(article, "doc", None) is not None:
            events_stage(article)
        return article.events or []

    return analyze


# ---------------------------------------------------------------------------- printing


def print_event_summary(report: EventReport, console=None, sentences: SentenceReport | None = None) -> None:
    """Rich tables: the three levels, date accuracy, per type (and the sentence gold if given)."""
    from rich.console import Console
    from rich.table import Table

    con = console or Console()
    d = report.as_dict()
    t = Table(title=f"Events: {d['documents']} articles, {d['gold_events']} gold, {d['predicted_events']} predicted")
    for col in ("level", "precision", "recall", "F1", "pairs"):
        t.add_column(col, justify="right" if col != "level" else "left")
    for lv, v in d["levels"].items():
        t.add_row(lv, f"{v['precision']:.3f}", f"{v['recall']:.3f}", f"{v['f1']:.3f}", str(v["tp"]))
    da = d["date"]
    t.add_row("date accuracy (matched)", "", "", f"{da['accuracy']:.3f}", f"{da['correct']}/{da['pairs']}")
    con.print(t)
    pt = Table(title="Per type")
    for col in ("type", "gold", "pred", "type P", "type R", "type F1", "full F1"):
        pt.add_column(col, justify="right" if col != "type" else "left")
    for typ, row in d["per_type"].items():
        a, b = row["type"], row["type+source+target"]
        pt.add_row(typ, str(a["gold"]), str(a["pred"]), f"{a['precision']:.2f}", f"{a['recall']:.2f}",
                   f"{a['f1']:.2f}", f"{b['f1']:.2f}")
    con.print(pt)
    if sentences is not None:
        s = sentences.as_dict()
        st = Table(title=f"Sentence gold: {s['sentences']} sentences")
        st.add_column("measure")
        st.add_column("value", justify="right")
        for k in ("type_accuracy", "top_type_accuracy", "type_source_accuracy", "no_event", "mean_predicted"):
            st.add_row(k, f"{s[k]:.3f}")
        con.print(st)


def main(argv: list[str] | None = None) -> int:
    import argparse

    ap = argparse.ArgumentParser(description="Score the events layer on the gold event files")
    ap.add_argument("--gold", default="../shared/gold/events")
    ap.add_argument("--sentences", default=None, help="sentence gold (.jsonl or folder)")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    fn = default_analyze_fn()
    report = evaluate_events(args.gold, fn)
    sent = evaluate_event_sentences(args.sentences, fn) if args.sentences else None
    if args.json:
        out = report.as_dict()
        if sent is not None:
            out["sentences"] = sent.as_dict()
        print(json.dumps(out, ensure_ascii=False, indent=2))
    else:
        print_event_summary(report, sentences=sent)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
