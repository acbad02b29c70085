"""Quotes in the SpkAtt-2023 JSON format (GermEval 2023 speaker attribution).

One JSON document per article with quotes, in a folder: ``Sentences`` (each
``SentenceId`` with its ``Tokens``) and ``Annotations`` whose roles — ``Cue``,
``Source``, ``Message``, ``Addr`` — are lists of ``"sentence:token"`` ids, as in
the shared task's data. Tokens and sentences come from spaCy's German
tokenizer and rule-based sentencizer over the record's `text`; a role span
covers every token it overlaps. ``Form`` maps the contract's forms (direct →
Direct, indirect → Indirect, free_indirect → FreeIndirect, reported →
Reported); ``STWR`` is ``Speech``.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Iterable

FORMS = {"direct": "Direct", "indirect": "Indirect", "free_indirect": "FreeIndirect", "reported": "Reported"}


@lru_cache(maxsize=1)
def _nlp():
    import spacy

    nlp = spacy.blank("de")
    nlp.add_pipe("sentencizer")
    return nlp


def _span(value) -> tuple[int, int] | None:
    if isinstance(value, dict) and value.get("start") is not None and value.get("end") is not None:
        return value["start"], value["end"]
    return None


def spkatt_document(record: dict) -> dict:
    doc = _nlp()(record.get("text") or "")
    sentences, index = [], []  # index: (start char, end char, "s:t")
    for s_id, sent in enumerate(doc.sents):
        tokens = [t for t in sent if not t.is_space]
        sentences.append({"SentenceId": s_id, "Tokens": [t.text for t in tokens]})
        index.extend((t.idx, t.idx + len(t.text), f"{s_id}:{i}") for i, t in enumerate(tokens))

    def ids(value) -> list[str]:
        span = _span(value)
        if not span:
            return []
        return [tid for start, end, tid in index if start < span[1] and end > span[0]]

    annotations = []
    for quote in record.get("quotes") or []:
        roles = {"Cue": ids(quote.get("cue")), "Source": ids(quote.get("speaker")),
                 "Message": ids(quote.get("message")), "Addr": ids(quote.get("addressee"))}
        frame = sorted({t for v in roles.values() for t in v}, key=lambda t: tuple(map(int, t.split(":"))))
        annotations.append({**roles, "Form": FORMS.get(quote.get("form") or "", "Direct"), "Frame": frame,
                            "HasNested": False, "IsNested": False, "STWR": "Speech"})
    return {"DocumentName": record.get("title") or record["id"], "Sentences": sentences, "Annotations": annotations}


def write_spkatt(records: Iterable[dict], out: Path) -> int:
    out.mkdir(parents=True, exist_ok=True)
    n = 0
    for record in records:
        if not record.get("quotes"):
            continue
        name = re.sub(r"[^\w.-]+", "_", record["id"])[:100]
        (out / f"{name}.json").write_text(json.dumps(spkatt_document(record), ensure_ascii=False, indent=1),
                                          encoding="utf-8")
        n += 1
    return n
