"""Evaluation of the entity recogniser on gold NER files.

Metric: strict chunk matching (a predicted entity counts only if start, end
and label all equal a gold entity), micro-averaged precision / recall / F1
overall and per class.  For GermEval 2014 this is the official "outer chunk"
measure restricted to the base classes PER/LOC/ORG/OTH (``*deriv``/``*part``
gold chunks are not counted; the model's ``MISC`` is scored as ``OTH``).

Tokens are tagged exactly as given in the file: a ``Doc`` is built from the
words and the pipeline components run on it, no re-tokenisation.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

from lagebild.entities.corpora import (
    GERMEVAL_BASE,
    germeval_gold_base,
    germeval_sources_path,
    read_conll,
    read_germeval_sources,
    read_germeval_tsv,
    spans_to_bio,
    spans_to_iob1,
    tags_to_spans,
)

Span = tuple[int, int, str]


def prf(tp: int, fp: int, fn: int) -> dict:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4),
            "tp": tp, "fp": fp, "fn": fn, "support": tp + fn}


def score_spans(gold: Sequence[Iterable[Span]], pred: Sequence[Iterable[Span]],
                labels: Iterable[str] | None = None) -> dict:
    """Strict chunk P/R/F1, overall (micro) and per class.

    ``gold`` and ``pred`` are parallel per-sentence lists of
    ``(start, end, label)`` chunks."""
    if len(gold) != len(pred):
        raise ValueError("gold and pred differ in number of sentences")
    tp, fp, fn = Counter(), Counter(), Counter()
    for g, p in zip(gold, pred):
        gs, ps = set(g), set(p)
        for s in gs & ps:
            tp[s[2]] += 1
        for s in ps - gs:
            fp[s[2]] += 1
        for s in gs - ps:
            fn[s[2]] += 1
    labs = sorted(set(labels) if labels is not None else set(tp) | set(fp) | set(fn))
    per = {lab: prf(tp[lab], fp[lab], fn[lab]) for lab in labs}
    overall = prf(sum(tp.values()), sum(fp.values()), sum(fn.values()))
    return {**overall, "per_class": per, "sentences": len(gold)}


# ---------------------------------------------------------------------------
# model access
# ---------------------------------------------------------------------------

def load_ner():
    """The shipped NER pipeline (see :func:`lagebild.entities.load_ner`)."""
    from lagebild.entities import load_ner as _load

    return _load()


def predict_spans(nlp, sentences: Sequence[Sequence[str]], batch_size: int = 256) -> list[list[Span]]:
    """Run the pipeline on pre-tokenised sentences; entity chunks per sentence."""
    from spacy.tokens import Doc

    docs = (Doc(nlp.vocab, words=[w if w else "_" for w in words]) for words in sentences)
    out = []
    for doc in nlp.pipe(docs, batch_size=batch_size):
        out.append([(e.start, e.end, e.label_) for e in doc.ents])
    return out


# ---------------------------------------------------------------------------
# GermEval 2014
# ---------------------------------------------------------------------------

_TO_GERMEVAL = {"PER": "PER", "LOC": "LOC", "ORG": "ORG", "MISC": "OTH", "OTH": "OTH"}
GERMEVAL_LABELS = ("LOC", "ORG", "OTH", "PER")


def germeval_pred_spans(spans: Iterable[Span]) -> list[Span]:
    return [(s, e, _TO_GERMEVAL[l]) for s, e, l in spans if l in _TO_GERMEVAL]


def evaluate_germeval(path: str | Path, nlp=None, write_predictions: str | Path | None = None,
                      indices: Iterable[int] | None = None, source_type: str | None = None) -> dict:
    """Strict outer-chunk P/R/F1 (base classes PER/LOC/ORG/OTH) on a GermEval TSV.

    ``indices`` restricts scoring to these sentence numbers (0-based);
    ``source_type`` (``"news/web"`` or ``"wikipedia"``) to the sentences of that
    source according to the ``*_sentence_sources.tsv`` file beside ``path``.
    ``write_predictions`` writes the 4-column format back (outer column
    predicted, inner column ``O``).
    """
    nlp = nlp or load_ner()
    sents = read_germeval_tsv(path)
    if indices is not None:
        keep = set(indices)
        sents = [s for s in sents if s.index in keep]
    if source_type is not None:
        src_path = germeval_sources_path(path)
        if src_path is None:
            raise FileNotFoundError(f"no sentence sources file beside {path}")
        sources = read_germeval_sources(src_path)
        sents = [s for s in sents if sources.get(s.index) == source_type]
    pred = [germeval_pred_spans(p) for p in predict_spans(nlp, [s.words for s in sents])]
    gold = [germeval_gold_base(s) for s in sents]
    if write_predictions:
        write_germeval(write_predictions, [s.words for s in sents], pred)
    res = score_spans(gold, pred, GERMEVAL_LABELS)
    res["file"] = str(path)
    if source_type:
        res["source_type"] = source_type
    return res


def write_germeval(path: str | Path, sentences: Sequence[Sequence[str]], pred: Sequence[Iterable[Span]]):
    with open(path, "w", encoding="utf-8") as fh:
        for words, spans in zip(sentences, pred):
            tags = spans_to_bio(len(words), spans)
            for i, (w, t) in enumerate(zip(words, tags), 1):
                fh.write(f"{i}\t{w}\t{t}\tO\n")
            fh.write("\n")


# ---------------------------------------------------------------------------
# CoNLL (Europarl, IOB1)
# ---------------------------------------------------------------------------

CONLL_LABELS = ("LOC", "MISC", "ORG", "PER")


def evaluate_conll(path: str | Path, nlp=None, write_predictions: str | Path | None = None) -> dict:
    """Strict chunk P/R/F1 on a CoNLL file with the NER tag (IOB1 or BIO) in
    the last column (German Europarl: token, lemma, STTS, chunk, NER).
    ``write_predictions`` writes the file back with the NER column replaced by
    the predicted IOB1 tags."""
    nlp = nlp or load_ner()
    sents = read_conll(path)
    gold = [tags_to_spans(s.tags) for s in sents]
    pred = predict_spans(nlp, [s.words for s in sents])
    if write_predictions:
        with open(write_predictions, "w", encoding="utf-8") as fh:
            for s, spans in zip(sents, pred):
                tags = spans_to_iob1(len(s.rows), spans)
                for row, t in zip(s.rows, tags):
                    fh.write("\t".join(row[:-1] + [t]) + "\n")
                fh.write("\n")
    res = score_spans(gold, pred, CONLL_LABELS)
    res["file"] = str(path)
    return res


def format_table(results: dict[str, dict]) -> str:
    """Small text table: one row per evaluation set."""
    lines = [f"{'set':34s} {'P':>6s} {'R':>6s} {'F1':>6s}  per-class F1"]
    for name, r in results.items():
        per = " ".join(f"{k}={v['f1']:.3f}" for k, v in r.get("per_class", {}).items())
        lines.append(f"{name:34s} {r['precision']:6.3f} {r['recall']:6.3f} {r['f1']:6.3f}  {per}")
    return "\n".join(lines)


__all__ = ["evaluate_germeval", "evaluate_conll", "score_spans", "prf", "load_ner",
           "predict_spans", "GERMEVAL_BASE"]
