"""Score the structure layer against gold files (`../shared/gold/structure/` format).

Each gold file `<doc>.json` holds `input_file` and `expected`. We report
per-field accuracy (exact match after whitespace normalisation; `published`
compared as instants, or as dates where gold has a date only), paragraph
precision/recall/F1 (multiset of body paragraphs), heading F1, and
boilerplate leaks (gold furniture strings found in title, lead or body).
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from lagebild.pipeline import Pipeline
from lagebild.read import ReadFailure
from lagebild.structure.text_layout import normalise_space

FIELDS = ("title", "published", "lead", "caption", "image_credit", "author", "dateline", "notes")


def _norm(value):
    if isinstance(value, str):
        return normalise_space(value)
    if isinstance(value, list):
        return [_norm(v) for v in value]
    return value


def same_published(predicted: str | None, gold: str | None) -> bool:
    if predicted is None or gold is None:
        return predicted == gold
    if len(gold) == 10:
        return predicted[:10] == gold
    try:
        return datetime.fromisoformat(predicted) == datetime.fromisoformat(gold)
    except ValueError:
        return False


@dataclass
class DocScore:
    doc: str
    layout: str
    fields: dict[str, bool]
    paragraphs: tuple[int, int, int]  # true positives, predicted, gold
    headings: tuple[int, int, int]
    leaks: list[str]
    error: str | None = None


@dataclass
class StructureReport:
    docs: list[DocScore] = field(default_factory=list)

    def field_accuracy(self) -> dict[str, float]:
        return {f: sum(d.fields[f] for d in self.docs) / len(self.docs) for f in FIELDS} if self.docs else {}

    def overall_field_accuracy(self) -> float:
        acc = self.field_accuracy()
        return sum(acc.values()) / len(acc) if acc else 0.0

    @staticmethod
    def _prf(counts: list[tuple[int, int, int]]) -> tuple[float, float, float]:
        tp, pred, gold = (sum(c[i] for c in counts) for i in range(3))
        if pred == 0 and gold == 0:
            return 1.0, 1.0, 1.0  # nothing to find and nothing found
        p = tp / pred if pred else 0.0
        r = tp / gold if gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    def paragraph_prf(self) -> tuple[float, float, float]:
        return self._prf([d.paragraphs for d in self.docs])

    def heading_prf(self) -> tuple[float, float, float]:
        return self._prf([d.headings for d in self.docs])

    def leaks(self) -> list[tuple[str, str]]:
        return [(d.doc, leak) for d in self.docs for leak in d.leaks]

    def by_layout(self) -> dict[str, "StructureReport"]:
        groups: dict[str, StructureReport] = defaultdict(StructureReport)
        for d in self.docs:
            groups[d.layout].docs.append(d)
        return dict(sorted(groups.items()))

    def as_dict(self) -> dict:
        p, r, f = self.paragraph_prf()
        hp, hr, hf = self.heading_prf()
        return {
            "documents": len(self.docs),
            "field_accuracy": self.field_accuracy(),
            "overall_field_accuracy": self.overall_field_accuracy(),
            "paragraphs": {"precision": p, "recall": r, "f1": f},
            "headings": {"precision": hp, "recall": hr, "f1": hf},
            "boilerplate_leaks": len(self.leaks()),
            "errors": [f"{d.doc}: {d.error}" for d in self.docs if d.error],
        }


def _matches(pred: list[str], gold: list[str]) -> tuple[int, int, int]:
    overlap = Counter(pred) & Counter(gold)
    return sum(overlap.values()), len(pred), len(gold)


def score_document(record: dict, expected: dict, doc: str, layout: str) -> DocScore:
    fields = {}
    for name in FIELDS:
        gold = _norm(expected.get(name))
        pred = _norm(record.get(name))
        if name == "published":
            fields[name] = same_published(pred, gold)
        elif name == "notes":
            fields[name] = (pred or []) == (gold or [])
        else:
            fields[name] = pred == gold
    gold_pars = [_norm(p) for s in expected.get("sections", []) for p in s["paragraphs"]]
    pred_pars = [_norm(p) for s in record.get("sections", []) for p in s["paragraphs"]]
    gold_heads = [_norm(s["heading"]) for s in expected.get("sections", []) if s.get("heading")]
    pred_heads = [_norm(s["heading"]) for s in record.get("sections", []) if s.get("heading")]
    content = " \n ".join([record.get("title") or "", record.get("lead") or ""] + pred_pars + pred_heads)
    leaks = [b for b in expected.get("boilerplate", []) if _norm(b) and _norm(b) in content]
    return DocScore(doc, layout, fields, _matches(pred_pars, gold_pars), _matches(pred_heads, gold_heads), leaks)


def evaluate_structure(gold_dir: str | Path, pipeline: Pipeline | None = None) -> StructureReport:
    gold_dir = Path(gold_dir)
    pipeline = pipeline or Pipeline()
    report = StructureReport()
    gold_files = sorted(p for p in gold_dir.rglob("*.json"))
    if not gold_files:
        raise FileNotFoundError(f"{gold_dir}: no gold files (*.json) found")
    for gold_file in gold_files:
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        if "expected" not in gold:
            continue
        doc = gold.get("doc", gold_file.stem)
        layout = gold.get("layout", "?")
        input_path = gold_file.parent / gold.get("input_file", "")
        items = list(pipeline.run([input_path]))
        if len(items) != 1 or isinstance(items[0], ReadFailure):
            reason = str(items[0]) if items else "no article read"
            report.docs.append(DocScore(doc, layout, {f: False for f in FIELDS}, (0, 0, len(gold["expected"].get("sections", []))),
                                        (0, 0, 0), [], error=reason))
            continue
        report.docs.append(score_document(items[0].to_dict(), gold["expected"], doc, layout))
    return report
