"""Readers for the NER corpora used to train and evaluate the entity recogniser.

Every reader returns :class:`NerSentence` objects: the tokens *as given* by the
corpus plus entity spans (token offsets, end exclusive) with labels from the
shipped label set ``PER``, ``ORG``, ``LOC``, ``MISC``, and optionally token
ranges whose annotation is unknown (``missing``; these carry no training
signal, neither "entity" nor "no entity").  :func:`to_doc` turns a sentence
into a spaCy ``Doc`` (no re-tokenisation).

Label harmonisation (documented decisions)
------------------------------------------
* **GermEval 2014** (BIO, nested): only the *outer* column is used.
  ``PER``/``LOC``/``ORG`` keep their label, ``OTH`` becomes ``MISC``.
  ``*deriv`` (``deutschen`` = LOCderiv) and ``*part`` (``SPD-Politiker`` =
  ORGpart) are **not names**: by default (``derivpart="O"``) they are treated
  as ``O`` so that the model learns *not* to tag them, which is exactly what
  the base-class metric (outer PER/LOC/ORG/OTH) rewards.  ``"MISC"`` and
  ``"missing"`` are available for experiments.
* **Europarl** (Faruqui & Padó, IOB1, CoNLL conventions): ``PER``/``LOC``/
  ``ORG``/``MISC`` kept.  CoNLL conventions tag nationality adjectives
  (``europäischen``, ``marokkanischen``) as MISC, which contradicts GermEval's
  deriv convention; with ``harmonise_adjectives=True`` (the default for
  training) MISC chunks made only of lower-case-initial tokens become ``O``.
  Evaluation on Europarl test always uses the unmodified gold.
* **SmartData** (16 fine-grained types): ``person``→PER;
  ``organization``/``organization-company``→ORG;
  ``location``/``location-city``/``location-street``/``location-stop``→LOC;
  ``location-route`` (train lines like ``IC 2083``, ``S2``) → *missing*;
  ``date``/``time``/``duration``/``distance``/``number``/``trigger``/
  ``disaster-type``/``org-position`` are not names → ``O``.  Mapped LOC/ORG
  mentions that start lower-case (``deutschen``, ``beiden Richtungen``) → ``O``;
  SmartData also tags generic nouns (``Gruppe``, ``Konzern``): single-token
  ORG/LOC mentions that the lexical filter ``is_common_noun`` recognises as a
  common noun become *missing*.  v1 (train+test) has no tokens; v3 dev/test
  (a tokenised subset of v1) are used where available, deduplicated against v1
  by document ``id``; the remaining v1 documents are tokenised with spaCy's
  German rule tokenizer and mentions that do not align to token boundaries
  are marked *missing*.
"""

from __future__ import annotations

import csv
import gzip
import json
import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

LABELS = ("PER", "LOC", "ORG", "MISC")

Span = tuple[int, int, str]


@dataclass
class NerSentence:
    words: list[str]
    spans: list[Span] = field(default_factory=list)
    missing: list[tuple[int, int]] = field(default_factory=list)
    meta: dict = field(default_factory=dict)

    def iob(self) -> list[str | None]:
        """BIO tags; ``None`` for tokens with unknown annotation."""
        tags: list[str | None] = ["O"] * len(self.words)
        for s, e in self.missing:
            for i in range(s, e):
                tags[i] = None
        for s, e, lab in self.spans:
            tags[s] = "B-" + lab
            for i in range(s + 1, e):
                tags[i] = "I-" + lab
        return tags


# --------------------------------------------------------------------------
# shared data location
# --------------------------------------------------------------------------

def shared_data_dir(required: bool = False) -> Path | None:
    """``$LAGEBILD_SHARED`` (the ``shared`` folder or its ``data`` folder) or
    ``../shared/data`` relative to the repository root."""
    cands: list[Path] = []
    env = os.environ.get("LAGEBILD_SHARED")
    if env:
        p = Path(env)
        cands += [p / "data", p]
    repo_root = Path(__file__).resolve().parents[3]
    cands += [repo_root.parent / "shared" / "data", Path.cwd().parent / "shared" / "data"]
    for c in cands:
        if (c / "germeval2014").is_dir() or (c / "europarl_ner_de").is_dir():
            return c
    if required:
        raise FileNotFoundError(
            "shared data not found: set LAGEBILD_SHARED or place it at ../shared/data")
    return None


# --------------------------------------------------------------------------
# chunk decoding
# --------------------------------------------------------------------------

def tags_to_spans(tags: list[str]) -> list[Span]:
    """Decode BIO *or* IOB1 tags into (start, end, label) chunks.

    ``B-X`` always starts a chunk; ``I-X`` continues a chunk of the same type
    directly before it and otherwise starts one (IOB1, and the usual lenient
    reading of an ill-formed BIO sequence).
    """
    spans: list[Span] = []
    start, label = None, None
    for i, t in enumerate(list(tags) + ["O"]):
        if t is None or t == "O" or t == "" or "-" not in t:
            if label is not None:
                spans.append((start, i, label))
            start, label = None, None
            continue
        prefix, lab = t.split("-", 1)
        if prefix == "B" or lab != label:
            if label is not None:
                spans.append((start, i, label))
            start, label = i, lab
    return spans


def spans_to_iob1(n: int, spans: Iterable[Span]) -> list[str]:
    """Encode chunks as IOB1 (``B-`` only between adjacent chunks of one type)."""
    tags = ["O"] * n
    prev_end, prev_lab = -1, None
    for s, e, lab in sorted(spans):
        for i in range(s, e):
            tags[i] = "I-" + lab
        if s == prev_end and lab == prev_lab:
            tags[s] = "B-" + lab
        prev_end, prev_lab = e, lab
    return tags


def spans_to_bio(n: int, spans: Iterable[Span]) -> list[str]:
    tags = ["O"] * n
    for s, e, lab in spans:
        tags[s] = "B-" + lab
        for i in range(s + 1, e):
            tags[i] = "I-" + lab
    return tags


# --------------------------------------------------------------------------
# GermEval 2014
# --------------------------------------------------------------------------

@dataclass
class GermEvalSentence:
    words: list[str]
    outer: list[str]
    inner: list[str]
    index: int = 0


def read_germeval_tsv(path: str | Path) -> list[GermEvalSentence]:
    """Read the 4-column GermEval TSV (index, token, outer, inner).

    Lines starting with ``#`` (source comments of the original release) are
    skipped; a blank line ends a sentence.
    """
    sents: list[GermEvalSentence] = []
    words: list[str] = []
    outer: list[str] = []
    inner: list[str] = []

    def flush():
        nonlocal words, outer, inner
        if words:
            sents.append(GermEvalSentence(words, outer, inner, len(sents)))
        words, outer, inner = [], [], []

    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n").rstrip("\r")
            if line.startswith("#"):
                continue
            if not line.strip():
                flush()
                continue
            cols = line.split("\t")
            if len(cols) < 3:
                raise ValueError(f"{path}: bad GermEval line {line!r}")
            words.append(cols[1])
            outer.append(cols[2])
            inner.append(cols[3] if len(cols) > 3 else "O")
    flush()
    return sents


GERMEVAL_BASE = {"PER": "PER", "LOC": "LOC", "ORG": "ORG", "OTH": "MISC"}


def germeval_to_ner(sent: GermEvalSentence, derivpart: str = "O") -> NerSentence:
    """Outer chunks only; OTH→MISC; -deriv/-part per ``derivpart``
    (``"O"``, ``"MISC"`` or ``"missing"``)."""
    spans: list[Span] = []
    missing: list[tuple[int, int]] = []
    for s, e, lab in tags_to_spans(sent.outer):
        if lab in GERMEVAL_BASE:
            spans.append((s, e, GERMEVAL_BASE[lab]))
        elif derivpart == "MISC":
            spans.append((s, e, "MISC"))
        elif derivpart == "missing":
            missing.append((s, e))
        elif derivpart != "O":
            raise ValueError(derivpart)
    return NerSentence(list(sent.words), spans, missing, {"corpus": "germeval", "index": sent.index})


def germeval_gold_base(sent: GermEvalSentence) -> list[Span]:
    """Gold outer chunks of the base classes PER/LOC/ORG/OTH (evaluation)."""
    return [(s, e, lab) for s, e, lab in tags_to_spans(sent.outer) if lab in GERMEVAL_BASE]


def read_germeval_sources(path: str | Path) -> dict[int, str]:
    """sentence index → source_type (``news/web`` or ``wikipedia``)."""
    out: dict[int, str] = {}
    with open(path, encoding="utf-8") as fh:
        reader = csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        for row in reader:
            out[int(row["sentence_index"])] = row["source_type"]
    return out


def germeval_sources_path(tsv_path: str | Path) -> Path | None:
    p = Path(tsv_path)
    cand = p.with_name(p.stem + "_sentence_sources.tsv")
    return cand if cand.exists() else None


# --------------------------------------------------------------------------
# CoNLL / Europarl
# --------------------------------------------------------------------------

@dataclass
class ConllSentence:
    rows: list[list[str]]

    @property
    def words(self) -> list[str]:
        return [r[0] for r in self.rows]

    @property
    def tags(self) -> list[str]:
        return [r[-1] for r in self.rows]


def read_conll(path: str | Path) -> list[ConllSentence]:
    """Whitespace/tab separated CoNLL: token first, NER tag last column."""
    sents: list[ConllSentence] = []
    rows: list[list[str]] = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n").rstrip("\r")
            if not line.strip() or line.startswith("-DOCSTART-"):
                if rows:
                    sents.append(ConllSentence(rows))
                rows = []
                continue
            cols = line.split("\t") if "\t" in line else line.split()
            rows.append(cols)
    if rows:
        sents.append(ConllSentence(rows))
    return sents


def _is_lower_initial(w: str) -> bool:
    return bool(w) and w[0].isalpha() and w[0].islower()


def conll_to_ner(sent: ConllSentence, harmonise_adjectives: bool = False) -> NerSentence:
    spans = []
    for s, e, lab in tags_to_spans(sent.tags):
        if lab not in LABELS:
            continue
        if (harmonise_adjectives and lab == "MISC"
                and all(_is_lower_initial(w) or not w[:1].isalpha() for w in sent.words[s:e])):
            continue  # nationality adjective (europäischen) → O, GermEval convention
        spans.append((s, e, lab))
    return NerSentence(sent.words, spans, [], {"corpus": "europarl"})


def read_europarl(path: str | Path, harmonise_adjectives: bool = False) -> list[NerSentence]:
    return [conll_to_ner(s, harmonise_adjectives) for s in read_conll(path)]


# --------------------------------------------------------------------------
# SmartData
# --------------------------------------------------------------------------

SMARTDATA_MAP = {
    "person": "PER",
    "organization": "ORG",
    "organization-company": "ORG",
    "location": "LOC",
    "location-city": "LOC",
    "location-street": "LOC",
    "location-stop": "LOC",
    "location-route": None,  # missing: train lines / routes are not clearly names
}
SMARTDATA_O = {"date", "time", "duration", "distance", "number", "trigger",
               "disaster-type", "org-position"}


def _norm_type(t: str) -> str:
    return t.lower().replace("_", "-")


def _unwrap(v):
    """Avro-JSON union values are wrapped as {"type": value}."""
    if isinstance(v, dict) and len(v) == 1:
        (k, inner), = v.items()
        if k in ("string", "array", "map", "float", "int", "long", "boolean") or "." in k:
            return inner
    return v


def iter_avro_json(path: str | Path) -> Iterator[dict]:
    """Concatenated (pretty printed) JSON objects in a gzip file."""
    opener = gzip.open if str(path).endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as fh:
        raw = fh.read()
    dec = json.JSONDecoder()
    i, n = 0, len(raw)
    while i < n:
        while i < n and raw[i].isspace():
            i += 1
        if i >= n:
            break
        obj, i = dec.raw_decode(raw, i)
        yield obj


def _mentions(doc: dict) -> list[tuple[int, int, str]]:
    out = []
    for cm in _unwrap(doc.get("conceptMentions")) or []:
        sp = cm["span"]
        out.append((sp["start"], sp["end"], _norm_type(cm["type"])))
    return out


_SENT_END = re.compile(r"^[.!?]+$")


def _split_tokens(text: str, toks: list[tuple[int, int]]) -> list[list[int]]:
    """Sentence split for untokenised SmartData v1 text: line breaks and
    sentence-final punctuation followed by an upper-case/quote token."""
    sents: list[list[int]] = []
    cur: list[int] = []
    for k, (s, e) in enumerate(toks):
        if cur and "\n" in text[toks[cur[-1]][1]:s]:
            sents.append(cur)
            cur = []
        cur.append(k)
        w = text[s:e]
        if _SENT_END.match(w) and k + 1 < len(toks):
            nxt = text[toks[k + 1][0]:toks[k + 1][1]]
            if nxt[:1].isupper() or nxt[:1] in "\"„“»":
                sents.append(cur)
                cur = []
    if cur:
        sents.append(cur)
    return sents


def _sentences_from_doc(text: str, toks: list[tuple[int, int]], sent_groups: list[list[int]],
                        mentions: list[tuple[int, int, str]],
                        is_common_noun: Callable[[str], bool] | None,
                        meta: dict) -> list[NerSentence]:
    # char → token index maps
    start_of = {s: k for k, (s, e) in enumerate(toks)}
    end_of = {e: k for k, (s, e) in enumerate(toks)}
    tok_label: dict[int, tuple[int, int, str | None]] = {}
    missing_tokens: set[int] = set()
    for cs, ce, typ in mentions:
        if typ in SMARTDATA_O:
            continue
        if typ not in SMARTDATA_MAP:
            continue
        lab = SMARTDATA_MAP[typ]
        # tokens overlapping the mention
        covered = [k for k, (s, e) in enumerate(toks) if s < ce and e > cs]
        if not covered:
            continue
        ks, ke = start_of.get(cs), end_of.get(ce)
        if ks is None or ke is None or lab is None:
            missing_tokens.update(covered)
            continue
        surface = text[cs:ce]
        if lab in ("LOC", "ORG") and _is_lower_initial(surface):
            continue  # adjectives / descriptions → O
        if lab in ("LOC", "ORG") and ke == ks and is_common_noun and is_common_noun(surface):
            missing_tokens.update(covered)
            continue
        if any(k in tok_label for k in range(ks, ke + 1)):
            missing_tokens.update(range(ks, ke + 1))  # overlapping mentions
            continue
        for k in range(ks, ke + 1):
            tok_label[k] = (ks, ke + 1, lab)
    out = []
    for group in sent_groups:
        if not group:
            continue
        base = group[0]
        words = [text[toks[k][0]:toks[k][1]] for k in group]
        if all(not w.strip() for w in words):
            continue
        spans, missing = [], []
        gset = set(group)
        seen = set()
        for k in group:
            if k in tok_label and tok_label[k] not in seen:
                s, e, lab = tok_label[k]
                seen.add(tok_label[k])
                if s in gset and (e - 1) in gset:
                    spans.append((s - base, e - base, lab))
                else:
                    missing.append((max(s, base) - base, min(e - 1, group[-1]) - base + 1))
            if k in missing_tokens and k not in tok_label:
                missing.append((k - base, k - base + 1))
        out.append(NerSentence(words, spans, missing, dict(meta)))
    return out


def read_smartdata(directory: str | Path, is_common_noun: Callable[[str], bool] | None = None,
                   tokenizer=None) -> list[NerSentence]:
    """All SmartData documents (v1 train+test, with the tokenised v3 version of
    a document where available), deduplicated by document id."""
    directory = Path(directory)
    v3: dict[str, dict] = {}
    for name in sorted(directory.glob("v3_*.json.gz")):
        for doc in iter_avro_json(name):
            v3.setdefault(doc["id"], doc)
    v1: dict[str, dict] = {}
    for name in sorted(directory.glob("v1_*.json.gz")):
        for doc in iter_avro_json(name):
            v1.setdefault(doc["id"], doc)
    if tokenizer is None:
        import spacy
        tokenizer = spacy.blank("de").tokenizer
    out: list[NerSentence] = []
    for doc_id in sorted(set(v1) | set(v3)):
        doc = v3.get(doc_id) or v1[doc_id]
        text = _unwrap(doc["text"])
        source = (_unwrap(doc.get("refids")) or {}).get("source", "")
        meta = {"corpus": "smartdata", "doc_id": doc_id, "source": source,
                "version": "v3" if doc_id in v3 else "v1"}
        toks_raw = _unwrap(doc.get("tokens"))
        if toks_raw:
            toks = [(t["span"]["start"], t["span"]["end"]) for t in toks_raw]
            sent_groups = []
            sents = _unwrap(doc.get("sentences")) or []
            start_idx = {s: k for k, (s, e) in enumerate(toks)}
            for sent in sents:
                ss, se = sent["span"]["start"], sent["span"]["end"]
                sent_groups.append([k for k, (s, e) in enumerate(toks) if s >= ss and e <= se])
            if not sent_groups:
                sent_groups = _split_tokens(text, toks)
            del start_idx
        else:
            sdoc = tokenizer(text)
            toks = [(t.idx, t.idx + len(t.text)) for t in sdoc if not t.is_space]
            sent_groups = _split_tokens(text, toks)
        out.extend(_sentences_from_doc(text, toks, sent_groups, _mentions(doc), is_common_noun, meta))
    return out


# --------------------------------------------------------------------------
# spaCy Docs
# --------------------------------------------------------------------------

def to_doc(vocab, sent: NerSentence):
    """spaCy ``Doc`` with the tokens as given and the gold entities
    (unknown tokens get a missing entity annotation)."""
    from spacy.tokens import Doc

    words = [w if w else "_" for w in sent.words]
    return Doc(vocab, words=words, ents=sent.iob())
