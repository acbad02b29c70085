"""Evaluation of the actor layer against the event gold (`../shared/gold/events`).

    report = evaluate_actors("../shared/gold/events")

The event gold codes every participant of an event (`{"text", "code",
"sector"}`, format in `../shared/docs/event-annotation.md`), so it is also
gold for actor resolution: for each coded participant, found by its text in
its event's sentence, the actor layer should have a mention there that
resolves to the same code (and sector). Scored, per participant span (each
span once per article):

* recall: gold participants with an overlapping mention of an actor with
  the gold code (sector too, for the second level), over all located ones;
* precision: of the participant spans our actors cover, those where an
  overlapping actor has the gold code;
* F1 of the two. Participants whose sentence or text is not found in the
  article text are counted apart (``unlocated``), not scored.

Only what the gold codes is scored: actors outside event participants are
not judged.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Callable

AnalyzeFn = Callable[[str, "str | None"], dict]


def default_analyze_fn() -> AnalyzeFn:
    from lagebild.pipeline import Pipeline
    from lagebild.record import RawDocument, Source

    pipe = Pipeline(layers=("structure", "language", "actors"))

    def analyze(text: str, published: str | None) -> dict:
        raw = RawDocument(content=text, source=Source("-", "text"), given_published=published)
        return pipe(raw).to_dict()

    return analyze


def gold_participants(text: str, events: list[dict]) -> tuple[list[tuple[int, int, str, str | None]], int]:
    """(start, end, code, sector) of every coded participant found in `text`, once per span; and how many
    coded participants could not be located."""
    spans: dict[tuple[int, int], tuple[str, str | None]] = {}
    unlocated = 0
    for event in events:
        sentence = event.get("sentence") or ""
        s0 = text.find(sentence) if sentence else -1
        for role in ("source", "target"):
            for p in event.get(role) or []:
                if not p.get("code"):
                    continue
                k = text.find(p.get("text") or "\0", s0) if s0 >= 0 else -1
                if k < 0 or k + len(p["text"]) > s0 + len(sentence):
                    unlocated += 1
                    continue
                spans.setdefault((k, k + len(p["text"])), (p["code"], p.get("sector")))
    return [(a, b, code, sector) for (a, b), (code, sector) in sorted(spans.items())], unlocated


def _prf(tp_p: int, n_p: int, tp_r: int, n_r: int) -> dict:
    p = tp_p / n_p if n_p else 0.0
    r = tp_r / n_r if n_r else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "covered": n_p, "gold": n_r}


def evaluate_actors(gold_dir: str | Path, analyze_fn: AnalyzeFn | None = None) -> dict:
    analyze = analyze_fn or default_analyze_fn()
    gold_dir = Path(gold_dir)
    n_gold = covered = unlocated = 0
    code_ok = sector_ok = 0
    misses: list[dict] = []
    for path in sorted(gold_dir.glob("*.json")):
        source = path.with_suffix(".txt")
        if not source.exists():
            continue
        gold = json.loads(path.read_text(encoding="utf-8"))
        record = analyze(source.read_text(encoding="utf-8"), gold.get("published"))
        text = record.get("text") or ""
        spans, lost = gold_participants(text, gold.get("events") or [])
        unlocated += lost
        mentions = [(a, b, actor.get("code"), actor.get("sector"))
                    for actor in record.get("actors") or [] for a, b in actor.get("mentions") or []]
        for a, b, code, sector in spans:
            n_gold += 1
            over = [(c, s) for x, y, c, s in mentions if x < b and a < y]
            if over:
                covered += 1
            if any(c == code for c, _ in over):
                code_ok += 1
                if any(c == code and s == sector for c, s in over):
                    sector_ok += 1
            else:
                misses.append({"doc": path.stem, "text": text[a:b], "gold": code,
                               "ours": sorted({c or "-" for c, _ in over})})
    return {
        "documents": len(list(gold_dir.glob("*.json"))), "participants": n_gold, "unlocated": unlocated,
        "code": _prf(code_ok, covered, code_ok, n_gold),
        "code+sector": _prf(sector_ok, covered, sector_ok, n_gold),
        "misses": misses,
    }


def format_report(r: dict, show_misses: bool = False) -> str:
    lines = [f"{r['participants']} coded event participants in {r['documents']} gold articles "
             f"({r['unlocated']} not found in the text, not scored); {r['code']['covered']} covered by our actors",
             f"{'level':<14} {'P':>6} {'R':>6} {'F1':>6}"]
    for level in ("code", "code+sector"):
        m = r[level]
        lines.append(f"{level:<14} {m['precision']:>6.3f} {m['recall']:>6.3f} {m['f1']:>6.3f}")
    if show_misses:
        lines.append("")
        lines.extend(f"  {m['doc']}: {m['text']!r} gold {m['gold']} ours {', '.join(m['ours']) or 'none'}"
                     for m in r["misses"])
    return "\n".join(lines)
