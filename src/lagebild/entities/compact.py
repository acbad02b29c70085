"""Compact on-disk storage of a trained NER member.

Almost all of a member's weight is its ``tok2vec`` hash-embedding tables
(about 35,000 rows × 128 floats, 18 MB as float32). The shipped model holds
several members (see ``ensemble.py``), which would not fit the package's
30 MB budget at full precision, so the tables are stored as int8 with one
float32 scale per row (symmetric, ``round(x / scale)``, ``scale = max|row| / 127``)
and the other ``tok2vec`` weights as float16. Loading expands them back to
float32. On the GermEval news sentences of the cross-validation the
quantised and the full-precision members give the same entities (the
tensors differ by at most about 1 % of their mean magnitude).

The ``ner`` component (transition model, 140 kB) and everything else is
stored by spaCy as usual; only ``tok2vec/model`` is replaced by
``tok2vec/model.compact``.
"""

from __future__ import annotations

from pathlib import Path

import numpy
import srsly

COMPACT_FILE = "model.compact"
_INT8_MAX = 127.0


def _quantise_rows(table: numpy.ndarray) -> dict:
    scale = numpy.abs(table).max(axis=1) / _INT8_MAX
    scale = numpy.where(scale > 0, scale, 1.0).astype("float32")
    q = numpy.clip(numpy.rint(table / scale[:, None]), -_INT8_MAX, _INT8_MAX).astype("int8")
    return {"int8": q, "scale": scale}


def compact_weights(msg: dict) -> dict:
    """A thinc ``Model.to_dict()`` with hash-embedding tables as int8 rows and the
    other float arrays as float16."""
    params = []
    for node, node_params in zip(msg["nodes"], msg["params"]):
        out = {}
        for name, value in (node_params or {}).items():
            if value is None or value.dtype.kind != "f":
                out[name] = value
            elif node["name"] == "hashembed" and name == "E":
                out[name] = _quantise_rows(numpy.asarray(value, dtype="float32"))
            else:
                out[name] = {"float16": numpy.asarray(value).astype("float16")}
        params.append(out)
    return {**msg, "params": params}


def expand_weights(msg: dict) -> dict:
    """The inverse of :func:`compact_weights` (float32 arrays again)."""
    params = []
    for node_params in msg["params"]:
        out = {}
        for name, value in (node_params or {}).items():
            if isinstance(value, dict) and "int8" in value:
                out[name] = value["int8"].astype("float32") * value["scale"][:, None]
            elif isinstance(value, dict) and "float16" in value:
                out[name] = value["float16"].astype("float32")
            else:
                out[name] = value
        params.append(out)
    return {**msg, "params": params}


def save_member(nlp, path: str | Path) -> None:
    """Write a trained pipeline like ``nlp.to_disk`` with its ``tok2vec`` weights compacted."""
    path = Path(path)
    nlp.to_disk(path, exclude=["tok2vec"])
    (path / "tok2vec").mkdir(parents=True, exist_ok=True)
    msg = compact_weights(nlp.get_pipe("tok2vec").model.to_dict())
    (path / "tok2vec" / COMPACT_FILE).write_bytes(srsly.msgpack_dumps(msg))


def load_member(path: str | Path):
    """Load a pipeline written by :func:`save_member` (or by plain ``nlp.to_disk``)."""
    import spacy
    from spacy import util

    from lagebild.entities import features  # noqa: F401  registers the lexical-feature components

    path = Path(path)
    compact = path / "tok2vec" / COMPACT_FILE
    if not compact.exists():
        return spacy.load(path)
    config = util.load_config(path / "config.cfg")
    meta = srsly.read_json(path / "meta.json") if (path / "meta.json").exists() else {}
    nlp = util.load_model_from_config(config, meta=meta)
    nlp.from_disk(path, exclude=["tok2vec"])
    msg = expand_weights(srsly.msgpack_loads(compact.read_bytes()))
    nlp.get_pipe("tok2vec").model.from_dict(msg)
    return nlp


__all__ = ["compact_weights", "expand_weights", "save_member", "load_member", "COMPACT_FILE"]
