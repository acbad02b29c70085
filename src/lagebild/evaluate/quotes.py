"""Evaluation of the quotes layer on SpkAtt-2023 (speaker attribution) JSON files.

    report = evaluate_spkatt("../shared/data/spkatt2023_task2_wikinews/train", write_predictions="out/")
    print(report.render())

Each file holds tokenised sentences (``Sentences``: ``SentenceId``,
``Tokens``) and gold ``Annotations`` whose roles (``Cue``, ``Source``,
``Message``, ``Addr``, ``Frame``; task 1 also ``PTC``, the particle of the
cue) are lists of ``"sentence:token"`` ids. The language layer runs on the
given tokens (a `Doc` built from them with the given sentence starts; no
re-tokenisation), the quote detector on that Doc, and predictions are
written in the same format, one file per document under the same name.
The quote rules read the given sentences with broken boundaries repaired
(`repair_sentence_starts`: a "sentence" that does not end like one runs on
into the next; the language layer's boundaries inside a given sentence are
added); token ids and the written sentences are unchanged.

Metric — the official SpkAtt-2023 task 2 scorer, re-implemented
(``uhh-lt/news-speaker-attribution-2023``, ``eval/classes.py``):

* token ids become document-absolute, sorted, duplicates dropped;
* per document, predicted and gold annotations are paired by a maximum
  assignment (Hungarian) on the token-overlap F1 of their messages, with
  +0.01 for the same form and +0.001 for the same STWR label as
  tie-breakers when the messages overlap; every pairing the assignment
  makes counts (min(#pred, #gold) pairs), the rest are unpaired;
* per pair and role, tokens in both are true positives, the others false
  positives / false negatives; an unpaired annotation has only false
  positives (predicted) or false negatives (gold);
* proportional ("macro") precision of a role = mean over pairs and
  unpaired annotations with tp+fp > 0 of tp/(tp+fp); recall likewise with
  tp+fn > 0; F1 from those two.

``full`` scores every annotation (roles Message, Cue, Source, Addr,
Frame); ``simplified`` only top-level ones (IsNested false; the shared
task scored Message and Source there). Exact-span F1 counts a role as
right only when the pair's token sets are identical (precision over
predictions with the role, recall over gold annotations with it).

Task 1 (Bundestag) files have no ``Form`` and many annotations without a
message; every one has a cue. They are paired on their cue tokens (the
particle ``PTC`` joins the cue) with the same scorer; that alignment is our
choice, the task 1 scorer is not public.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

ROLES = ("Message", "Cue", "Source", "Addr", "Frame")
FORMS = {"direct": "Direct", "indirect": "Indirect", "free_indirect": "FreeIndirect", "reported": "Reported"}
NO_SPACE_BEFORE = {".", ",", ";", ":", "!", "?", ")", "]", "“", "”", "«", "‘", "’", "%", "…"}
NO_SPACE_AFTER = {"„", "(", "[", "»", "‚"}


# ==========================================================================================
# reading and writing the format


def read_spkatt(path: str | Path) -> dict[str, Any]:
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)


def sentence_offsets(sentences: list[dict]) -> list[int]:
    offs = [0]
    for s in sentences:
        offs.append(offs[-1] + len(s["Tokens"]))
    return offs


def to_abs(ids: Iterable[str], offs: list[int]) -> list[int]:
    out = sorted(offs[int(x.split(":")[0])] + int(x.split(":")[1]) for x in ids)
    dedup: list[int] = []
    for x in out:
        if not dedup or dedup[-1] != x:
            dedup.append(x)
    return dedup


def to_ids(tokens: Iterable[int], offs: list[int]) -> list[str]:
    import bisect

    out = []
    for t in sorted(set(tokens)):
        s = bisect.bisect_right(offs, t) - 1
        out.append(f"{s}:{t - offs[s]}")
    return out


def is_task1(doc: dict) -> bool:
    anns = doc.get("Annotations") or []
    if anns:
        return "PTC" in anns[0] or "Form" not in anns[0]
    return False


# ==========================================================================================
# running the layer on given tokens


def build_doc(nlp, sentences: list[dict]):
    """A Doc over exactly the given tokens, sentence starts as given, the language components run on it."""
    from spacy.tokens import Doc

    words: list[str] = []
    starts: list[bool] = []
    for s in sentences:
        for k, tok in enumerate(s["Tokens"]):
            words.append(tok if tok and not tok.isspace() else "_")
            starts.append(k == 0)
    spaces = []
    for i, w in enumerate(words):
        nxt = words[i + 1] if i + 1 < len(words) else None
        spaces.append(nxt is not None and nxt not in NO_SPACE_BEFORE and w not in NO_SPACE_AFTER)
    doc = Doc(nlp.vocab, words=words, spaces=spaces, sent_starts=starts)
    for name, proc in nlp.pipeline:
        if "sentence" in name or name in ("senter", "sentencizer", "parser"):
            continue  # keep the given sentence boundaries
        doc = proc(doc)
    return doc, [i for i, st in enumerate(starts) if st]


@lru_cache(maxsize=1)
def _sentence_rules():
    from lagebild.language.sentences import make_rules

    return make_rules()


SENTENCE_END = {".", "!", "?", "…", ":", "“", "”", '"', "«", "»", "'", "’"}


def repair_sentence_starts(doc, starts: list[int]) -> list[int]:
    """Sentence starts for the quote rules: the given ones where the sentence before ends like a sentence
    (terminal mark, colon or closing quote), plus the language layer's own boundaries inside the given
    sentences. Some files split sentences at line breaks of the source (before a link, inside a name) and
    join others (`… abzuschöpfen . Todor Kolarow , dessen …`); the token ids are not touched, only which
    tokens the rules read as one sentence."""
    words = [t.text for t in doc]
    spaces = [bool(t.whitespace_) for t in doc]
    ours = _sentence_rules().starts(words, spaces, [False] * len(words))
    kept = {s for s in starts if s == 0 or words[s - 1] in SENTENCE_END or words[s - 1][-1:] in ".!?"}
    return sorted(kept | {i for i, x in enumerate(ours) if x})


def default_language():
    from lagebild.language import build_language

    return build_language({"lagebild_hanta": {"user_cache": False}})


def predict_document(doc_json: dict, nlp, detector) -> list[dict]:
    """Predicted annotations (SpkAtt format) for one document."""
    from lagebild.quotes.tokens import TokenView

    sentences = doc_json["Sentences"]
    offs = sentence_offsets(sentences)
    doc, starts = build_doc(nlp, sentences)
    view = TokenView(doc, sentence_starts=repair_sentence_starts(doc, starts))
    cands = detector(view)
    task1 = is_task1(doc_json)
    return [candidate_to_spkatt(c, offs, view, task1) for c in cands]


def candidate_to_spkatt(c, offs: list[int], view, task1: bool = False) -> dict:
    from lagebild.quotes.lexicon import STWR

    # the task 2 scheme leaves the cue of reported and free indirect speech empty; task 1 marks every cue
    cue = [] if c.form in ("reported", "free_indirect") and not task1 else list(c.cue)
    ann: dict[str, Any] = {
        "Addr": to_ids(c.addressee, offs),
        "Cue": to_ids(cue, offs),
        "Form": c.spkatt_form or FORMS[c.form],
        "Frame": to_ids(sorted(set(c.frame) | set(cue) | set(c.source)) if c.frame or cue else [], offs),
        "HasNested": False,
        "IsNested": bool(c.nested),
        "Message": to_ids(c.message, offs),
        "STWR": STWR.get(c.mode or "speech", "Speech"),
        "Source": to_ids(c.source, offs),
    }
    if c.rule:
        ann["Rule"] = c.rule  # which rule fired (not part of the SpkAtt format; ignored by scorers)
    if c.verb is not None:
        ann["Verb"] = c.verb.lemma
    if task1:
        ptc = [i for i in cue if view.tag[i] == "PTKVZ"]
        ann["Cue"] = to_ids([i for i in cue if i not in ptc], offs)
        ann["PTC"] = to_ids(ptc, offs)
        for role in ("Topic", "Medium", "Evidence"):
            ann[role] = []
    return ann


# ==========================================================================================
# the metric


@dataclass
class Group:
    msg: list[int]
    roles: dict[str, list[int]]
    form: str | None
    stwr: str | None
    nested: bool = False


def groups_of(doc_json: dict, offs: list[int] | None = None, task1: bool | None = None) -> list[Group]:
    offs = offs or sentence_offsets(doc_json["Sentences"])
    task1 = is_task1(doc_json) if task1 is None else task1
    out = []
    for ann in doc_json.get("Annotations", []):
        roles = {r: to_abs(ann.get(r, []), offs) for r in ROLES}
        if task1 or "PTC" in ann:
            roles["Cue"] = sorted(set(roles["Cue"]) | set(to_abs(ann.get("PTC", []), offs)))
        out.append(Group(roles["Message"], roles, ann.get("Form"), ann.get("STWR"), bool(ann.get("IsNested", False))))
    return out


def overlap_f1(gold: list[int], sys: list[int]) -> float:
    if not gold or not sys:
        return 0.0
    both = len(set(gold) & set(sys))
    if not both:
        return 0.0
    p, r = both / len(sys), both / len(gold)
    return 2 * p * r / (p + r)


def assign(scores: list[list[float]]) -> list[tuple[int, int]]:
    """Maximum-weight assignment on a (gold × sys) score matrix; min(#gold, #sys) pairs (Hungarian)."""
    n_rows = len(scores)
    n_cols = len(scores[0]) if scores else 0
    if not n_rows or not n_cols:
        return []
    n = max(n_rows, n_cols)
    big = 1 + max((max(r) for r in scores), default=0)
    # cost matrix for minimisation; real pairs get a tiny bonus so that every possible pair is made
    cost = [[(big - scores[i][j] - 1e-9) if i < n_rows and j < n_cols else big for j in range(n)] for i in range(n)]
    INF = float("inf")
    u = [0.0] * (n + 1)
    w = [0.0] * (n + 1)
    p = [0] * (n + 1)
    way = [0] * (n + 1)
    for i in range(1, n + 1):
        p[0] = i
        j0 = 0
        minv = [INF] * (n + 1)
        used = [False] * (n + 1)
        while True:
            used[j0] = True
            i0 = p[j0]
            delta = INF
            j1 = 0
            for j in range(1, n + 1):
                if not used[j]:
                    cur = cost[i0 - 1][j - 1] - u[i0] - w[j]
                    if cur < minv[j]:
                        minv[j] = cur
                        way[j] = j0
                    if minv[j] < delta:
                        delta = minv[j]
                        j1 = j
            for j in range(n + 1):
                if used[j]:
                    u[p[j]] += delta
                    w[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if p[j0] == 0:
                break
        while True:
            j1 = way[j0]
            p[j0] = p[j1]
            j0 = j1
            if j0 == 0:
                break
    pairs = []
    for j in range(1, n + 1):
        i = p[j]
        if i and i - 1 < n_rows and j - 1 < n_cols:
            pairs.append((i - 1, j - 1))
    return sorted(pairs)


@dataclass
class RoleScore:
    p_values: list[float] = field(default_factory=list)
    r_values: list[float] = field(default_factory=list)
    exact_tp: int = 0
    n_pred: int = 0
    n_gold: int = 0
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, gold: list[int], sys: list[int], paired: bool) -> None:
        gs, ss = set(gold), set(sys)
        tp, fp, fn = len(gs & ss), len(ss - gs), len(gs - ss)
        self.tp += tp
        self.fp += fp
        self.fn += fn
        if tp + fp:
            self.p_values.append(tp / (tp + fp))
        if tp + fn:
            self.r_values.append(tp / (tp + fn))
        if sys:
            self.n_pred += 1
        if gold:
            self.n_gold += 1
        if paired and gold and gs == ss:
            self.exact_tp += 1

    def result(self) -> dict[str, float]:
        p = sum(self.p_values) / len(self.p_values) if self.p_values else 0.0
        r = sum(self.r_values) / len(self.r_values) if self.r_values else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        ep = self.exact_tp / self.n_pred if self.n_pred else 0.0
        er = self.exact_tp / self.n_gold if self.n_gold else 0.0
        ef = 2 * ep * er / (ep + er) if ep + er else 0.0
        mp = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        mr = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        mf = 2 * mp * mr / (mp + mr) if mp + mr else 0.0
        return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4),
                "exact_precision": round(ep, 4), "exact_recall": round(er, 4), "exact_f1": round(ef, 4),
                "token_micro_f1": round(mf, 4), "pred": self.n_pred, "gold": self.n_gold}


def score(gold_docs: dict[str, list[Group]], pred_docs: dict[str, list[Group]], roles: Iterable[str] = ROLES,
          nested: bool = True, anchor: str = "Message") -> dict[str, dict[str, float]]:
    """Proportional P/R/F1 per role (the official scorer) plus exact-span F1, over documents."""
    roles = list(roles)
    acc = {r: RoleScore() for r in roles}
    for name, gold in gold_docs.items():
        sys = pred_docs.get(name, [])
        if not nested:
            gold = [g for g in gold if not g.nested]
            sys = [s for s in sys if not s.nested]
        scores = []
        for g in gold:
            row = []
            for s in sys:
                ov = overlap_f1(g.roles[anchor], s.roles[anchor])
                bonus = (0.01 if g.form == s.form else 0.0) + (0.001 if g.stwr == s.stwr else 0.0) if ov > 0 else 0.0
                row.append(ov + bonus)
            scores.append(row)
        pairs = assign(scores) if gold and sys else []
        seen_g = {i for i, _ in pairs}
        seen_s = {j for _, j in pairs}
        for i, j in pairs:
            for r in roles:
                acc[r].add(gold[i].roles[r], sys[j].roles[r], True)
        for j, s in enumerate(sys):
            if j not in seen_s:
                for r in roles:
                    acc[r].add([], s.roles[r], False)
        for i, g in enumerate(gold):
            if i not in seen_g:
                for r in roles:
                    acc[r].add(g.roles[r], [], False)
    return {r: acc[r].result() for r in roles}


# ==========================================================================================
# the report


@dataclass
class SpkAttReport:
    path: str
    task: str
    documents: int
    gold_annotations: int
    predicted_annotations: int
    full: dict[str, dict[str, float]]
    simplified: dict[str, dict[str, float]]
    seconds: float
    anchor: str = "Message"

    def as_dict(self) -> dict[str, Any]:
        return {"path": self.path, "task": self.task, "documents": self.documents,
                "gold_annotations": self.gold_annotations, "predicted_annotations": self.predicted_annotations,
                "aligned_on": self.anchor, "full": self.full, "simplified": self.simplified,
                "seconds": round(self.seconds, 2)}

    def render(self) -> str:
        lines = [f"SpkAtt {self.task}: {self.path}",
                 f"{self.documents} documents, {self.gold_annotations} gold / {self.predicted_annotations} predicted annotations "
                 f"(paired on {self.anchor}), {self.seconds:.1f} s",
                 "",
                 f"{'role':<9} {'P':>6} {'R':>6} {'F1':>6}   {'exact P':>7} {'exact R':>7} {'exact F1':>8}   {'pred':>5} {'gold':>5}"]
        for title, table in (("all annotations (proportional token overlap, official)", self.full),
                             ("top-level annotations only (IsNested false)", self.simplified)):
            lines.append(f"-- {title}")
            for role, r in table.items():
                name = {"Addr": "addressee"}.get(role, role.lower())
                lines.append(f"{name:<9} {r['precision']:>6.3f} {r['recall']:>6.3f} {r['f1']:>6.3f}   "
                             f"{r['exact_precision']:>7.3f} {r['exact_recall']:>7.3f} {r['exact_f1']:>8.3f}   "
                             f"{r['pred']:>5} {r['gold']:>5}")
        return "\n".join(lines)


def evaluate_spkatt(directory: str | Path, write_predictions: str | Path | None = None, *, nlp=None, detector=None,
                    limit: int | None = None, echo: bool = False) -> SpkAttReport:
    """Run the quotes layer on every SpkAtt JSON file in `directory` and score it against the gold annotations."""
    from lagebild.quotes.detect import QuoteDetector

    directory = Path(directory)
    files = sorted(p for p in directory.glob("*.json") if not p.name.endswith(".pretty.json"))
    if limit:
        files = files[:limit]
    if not files:
        raise FileNotFoundError(f"{directory}: no SpkAtt .json files")
    nlp = nlp or default_language()
    detector = detector or QuoteDetector()
    out_dir = Path(write_predictions) if write_predictions else None
    if out_dir:
        out_dir.mkdir(parents=True, exist_ok=True)
    gold_docs: dict[str, list[Group]] = {}
    pred_docs: dict[str, list[Group]] = {}
    task1_any = False
    started = time.perf_counter()
    n_gold = n_pred = 0
    for path in files:
        doc_json = read_spkatt(path)
        task1 = is_task1(doc_json)
        task1_any |= task1
        offs = sentence_offsets(doc_json["Sentences"])
        pred = predict_document(doc_json, nlp, detector)
        gold_docs[path.name] = groups_of(doc_json, offs, task1)
        pred_json = {k: v for k, v in doc_json.items() if k != "Annotations"}
        pred_json["Annotations"] = pred
        pred_docs[path.name] = groups_of(pred_json, offs, task1)
        n_gold += len(gold_docs[path.name])
        n_pred += len(pred)
        if out_dir:
            ordered = {"Annotations": pred, **{k: v for k, v in doc_json.items() if k != "Annotations"}}
            (out_dir / path.name).write_text(json.dumps(ordered, ensure_ascii=False, indent=1), encoding="utf-8")
    anchor = "Cue" if task1_any else "Message"
    roles = ("Cue", "Source", "Message", "Addr") if task1_any else ("Cue", "Source", "Message", "Addr", "Frame")
    full = score(gold_docs, pred_docs, roles, nested=True, anchor=anchor)
    simplified = score(gold_docs, pred_docs, ("Cue", "Source", "Message", "Addr"), nested=False, anchor=anchor)
    report = SpkAttReport(str(directory), "task 1 (debates)" if task1_any else "task 2 (news)", len(files), n_gold, n_pred,
                          full, simplified, time.perf_counter() - started, anchor)
    if echo:
        print(report.render())
    return report


def main(argv: list[str] | None = None) -> int:
    import argparse

    ap = argparse.ArgumentParser(description="Score the quotes layer on SpkAtt-2023 JSON files.")
    ap.add_argument("directory")
    ap.add_argument("--write-predictions", default=None)
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    report = evaluate_spkatt(args.directory, args.write_predictions, limit=args.limit)
    print(json.dumps(report.as_dict(), indent=2) if args.json else report.render())
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
