"""Evaluation of the language layer on Universal Dependencies CoNLL-U files.

    report = evaluate_conllu("../shared/data/ud_german/gsd/de_gsd-ud-test.conllu")
    print(format_report({"gsd test": report}))

The language layer runs on the given words, sentence by sentence as given
(no re-tokenisation; `SpaceAfter=No` is kept). What is scored:

* **tags**: STTS (XPOS; not scored where a file's XPOS column is another
  tag set, as in UD German PUD), UPOS and lemma accuracy over the scored words, and
  P/R/F1 per STTS tag. A multi-word token (`zum` = `zu dem`) is given to the
  tagger as its surface form and left out of the scores, since our tagger
  gives it one tag (`APPRART`) where UD splits it in two.
* **morphology**: for `Case` and `Mood=Sub` (Konjunktiv; UD also marks
  `Mood=Ind`, which we do not set), precision (of the words we give the
  feature, how many agree with UD: a value set like `Acc,Dat` agrees when it
  holds UD's value) and recall (of the words UD gives it, how many we give
  an agreeing value).
* **sentences**: P/R/F1 of the sentence starts our rules find on the file's
  words (all sentences joined), against UD's (the first word of the file
  does not count).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

SKIP_COMPONENTS = ("sentence", "senter", "sentencizer", "parser")


@dataclass
class UdWord:
    form: str
    lemma: str | None  # None: part of a multi-word token, not scored
    upos: str | None
    xpos: str | None
    feats: dict[str, set[str]] = field(default_factory=dict)
    space_after: bool = True


def _feats(value: str) -> dict[str, set[str]]:
    if not value or value == "_":
        return {}
    out: dict[str, set[str]] = {}
    for item in value.split("|"):
        key, _, vals = item.partition("=")
        out[key] = set(vals.split(","))
    return out


def read_conllu(path: str | Path) -> list[list[UdWord]]:
    """Sentences of surface words; a multi-word token is one word with no tags."""
    sentences: list[list[UdWord]] = []
    words: list[UdWord] = []
    skip_to = 0
    with open(path, encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            line = line.rstrip("\n")
            if not line:
                if words:
                    sentences.append(words)
                words, skip_to = [], 0
                continue
            if line.startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) != 10:
                raise ValueError(f"{path}:{lineno}: a CoNLL-U line has 10 tab-separated columns, this one {len(cols)}")
            wid, form = cols[0], cols[1]
            space = "SpaceAfter=No" not in cols[9]
            if "." in wid:
                continue  # empty node
            if "-" in wid:
                first, last = wid.split("-")
                skip_to = int(last)
                words.append(UdWord(form, None, None, None, {}, space))
                continue
            if int(wid) <= skip_to:
                continue  # a syntactic word of the multi-word token before
            words.append(UdWord(form, cols[2], cols[3], cols[4], _feats(cols[5]), space))
    if words:
        sentences.append(words)
    return sentences


def _prf(tp: int, fp: int, fn: int) -> dict:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "tp": tp, "fp": fp, "fn": fn}


def _tag_sentence(nlp, words: list[UdWord]):
    from spacy.tokens import Doc

    doc = Doc(nlp.vocab, words=[w.form for w in words], spaces=[w.space_after for w in words],
              sent_starts=[i == 0 for i in range(len(words))])
    for name, proc in nlp.pipeline:
        if not any(s in name for s in SKIP_COMPONENTS):
            doc = proc(doc)
    return doc


def _stts_tags() -> set[str]:
    from lagebild.language.data import load

    return set(load("tags")["stts_to_upos"])


def evaluate_conllu(path: str | Path, nlp=None, features: tuple[str, ...] = ("Case", "Mood=Sub")) -> dict:
    """Scores of the language layer on one CoNLL-U file (see the module docstring)."""
    if nlp is None:
        from lagebild.language import build_language

        nlp = build_language({"lagebild_hanta": {"user_cache": False}})
    sentences = read_conllu(path)
    n = xpos_ok = upos_ok = lemma_ok = skipped = 0
    tag_tp: Counter = Counter()
    tag_fp: Counter = Counter()
    tag_fn: Counter = Counter()
    feat = {f: Counter() for f in features}
    for words in sentences:
        doc = _tag_sentence(nlp, words)
        for w, t in zip(words, doc):
            if w.xpos is None:
                skipped += 1
                continue
            n += 1
            xpos_ok += t.tag_ == w.xpos
            upos_ok += t.pos_ == w.upos
            lemma_ok += t.lemma_ == w.lemma
            if t.tag_ == w.xpos:
                tag_tp[w.xpos] += 1
            else:
                tag_fp[t.tag_] += 1
                tag_fn[w.xpos] += 1
            ours = {k: set(v.split(",")) for k, v in t.morph.to_dict().items()}
            for f, c in feat.items():
                key, _, value = f.partition("=")
                gold, pred = w.feats.get(key), ours.get(key)
                if value:  # one value of the feature (UD marks Mood=Ind too; we mark only Konjunktiv)
                    gold = {value} & gold if gold else None
                    pred = {value} & pred if pred else None
                if pred:
                    c["pred"] += 1
                    c["pred_ok"] += bool(gold) and bool(gold & pred)
                if gold:
                    c["gold"] += 1
                    c["gold_ok"] += bool(pred) and bool(gold & pred)
    gold_tags = tag_tp + tag_fn
    stts = sum(c for tag, c in gold_tags.items() if tag in _stts_tags()) >= 0.8 * n if n else False
    if not stts:  # the file's XPOS column is another tag set (UD German PUD): no STTS scores
        tag_tp, tag_fp, tag_fn = Counter(), Counter(), Counter()
    per_tag = {tag: _prf(tag_tp[tag], tag_fp[tag], tag_fn[tag])
               for tag in sorted(set(tag_tp) | set(tag_fn) | set(tag_fp))}
    morph = {f: {"precision": round(c["pred_ok"] / c["pred"], 4) if c["pred"] else 0.0,
                 "recall": round(c["gold_ok"] / c["gold"], 4) if c["gold"] else 0.0,
                 "predicted": c["pred"], "gold": c["gold"]} for f, c in feat.items()}
    return {
        "sentences": len(sentences), "words": n, "multiword_tokens_skipped": skipped,
        "xpos_is_stts": stts,
        "xpos_accuracy": round(xpos_ok / n, 4) if n and stts else None,
        "upos_accuracy": round(upos_ok / n, 4) if n else 0.0,
        "lemma_accuracy": round(lemma_ok / n, 4) if n else 0.0,
        "per_tag": per_tag, "morphology": morph,
        "sentence_starts": _sentence_scores(sentences),
    }


def _sentence_scores(sentences: list[list[UdWord]]) -> dict:
    from lagebild.language.sentences import make_rules

    words = [w.form for s in sentences for w in s]
    spaces = [w.space_after for s in sentences for w in s]
    gold, k = set(), 0
    for s in sentences:
        if k:
            gold.add(k)
        k += len(s)
    found = make_rules().starts(words, spaces, [False] * len(words))
    pred = {i for i, x in enumerate(found) if x and i}
    return _prf(len(gold & pred), len(pred - gold), len(gold - pred))


def format_report(reports: dict[str, dict], top_tags: int = 12) -> str:
    lines = [f"{'set':<24} {'words':>7} {'STTS':>7} {'UPOS':>7} {'lemma':>7}   sentence starts P / R / F1"]
    for name, r in reports.items():
        s = r["sentence_starts"]
        xpos = f"{r['xpos_accuracy']:>7.3f}" if r["xpos_accuracy"] is not None else f"{'n/a':>7}"
        lines.append(f"{name:<24} {r['words']:>7} {xpos} {r['upos_accuracy']:>7.3f} "
                     f"{r['lemma_accuracy']:>7.3f}   {s['precision']:.3f} / {s['recall']:.3f} / {s['f1']:.3f}")
    for name, r in reports.items():
        lines.append("")
        lines.append(f"{name}: morphology (P: agrees with UD where we set it; R: set and agreeing where UD has it)")
        for f, m in r["morphology"].items():
            lines.append(f"  {f:<8} P {m['precision']:.3f}  R {m['recall']:.3f}  (ours {m['predicted']}, UD {m['gold']})")
        if not r["per_tag"]:
            lines.append(f"{name}: XPOS is not STTS in this file: no per-tag scores")
            continue
        lines.append(f"{name}: STTS tags, P / R / F1 (the {top_tags} most frequent)")
        tags = sorted(r["per_tag"].items(), key=lambda kv: -(kv[1]["tp"] + kv[1]["fn"]))[:top_tags]
        for tag, m in tags:
            lines.append(f"  {tag:<8} {m['precision']:.3f} / {m['recall']:.3f} / {m['f1']:.3f}  ({m['tp'] + m['fn']})")
    return "\n".join(lines)
