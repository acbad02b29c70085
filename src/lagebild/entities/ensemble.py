"""Several trained NER models decoding as one.

``make train-ner`` trains a first model on the gold corpora and, with it as
labeller, a second one on gold + silver (self-training, ``train.py``). Both
are kept: the shipped recogniser runs every member's ``tok2vec`` and
transition model on the sentence and decodes *once*, greedily, with the
members' action scores averaged at every step (the transition system and
its action set are the same for all members). Averaging two models that
make different mistakes gains more than either alone (GermEval news CV,
README).

The result is an ordinary spaCy ``Language`` whose single pipe ``ner`` is
an :class:`EnsembleNer`, so ``nlp(text)``, ``nlp.pipe(docs)``,
``doc.ents``, displaCy and ``nlp.to_disk`` / ``spacy.load`` work as with
any spaCy model. On disk it is a
folder with ``ensemble.json`` (the members' folder names, in order) and one
folder per member, written by :func:`lagebild.entities.compact.save_member`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Iterable, Iterator, Sequence

import numpy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import minibatch

ENSEMBLE_FILE = "ensemble.json"


def action_names(ner) -> list[str]:
    """The transition actions of a spaCy NER pipe, in the order of its scores."""
    return [ner.moves.get_class_name(i) for i in range(ner.moves.n_moves)]


def _member_doc(member: Language, doc: Doc) -> Doc:
    return Doc(member.vocab, words=[t.text for t in doc], spaces=[bool(t.whitespace_) for t in doc])


def _step_model(member: Language, docs: Sequence[Doc]):
    """The member's transition model, primed on ``docs`` (its own copies of them)."""
    mdocs = [_member_doc(member, d) for d in docs]
    for name, proc in member.pipeline:
        if name == "ner":
            break
        mdocs = list(proc.pipe(mdocs)) if hasattr(proc, "pipe") else [proc(d) for d in mdocs]
    return member.get_pipe("ner").model.predict(mdocs)


class EnsembleNer:
    """Greedy transition decoding with the action scores averaged over ``members``."""

    def __init__(self, members: Sequence[Language] = (), batch_size: int = 128):
        self.members: list[Language] = []
        self.names: list[str] = []  # the members' folder names, when loaded from disk
        self.batch_size = batch_size
        if members:
            self.set_members(members)

    def set_members(self, members: Sequence[Language]) -> None:
        if not members:
            raise ValueError("an ensemble needs at least one member")
        first = action_names(members[0].get_pipe("ner"))
        for i, member in enumerate(members[1:], 1):
            if action_names(member.get_pipe("ner")) != first:
                raise ValueError(f"ensemble member {i} has other NER actions than member 0")
        self.members = list(members)

    @property
    def ner_pipes(self) -> list:
        return [m.get_pipe("ner") for m in self.members]

    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(self.ner_pipes[0].labels) if self.members else ()

    def __call__(self, doc: Doc) -> Doc:
        self._tag([doc])
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int | None = None) -> Iterator[Doc]:
        for batch in minibatch(docs, size=batch_size or self.batch_size):
            self._tag(batch)
            yield from batch

    def to_disk(self, path, exclude=()) -> None:
        """``nlp.to_disk`` writes the members here (``spacy.load`` reads them back, once
        ``lagebild.entities.ensemble`` is imported)."""
        save_ensemble(self.members, path, self.names or [f"member{i}" for i in range(len(self.members))])

    def from_disk(self, path, exclude=()) -> "EnsembleNer":
        from lagebild.entities.compact import load_member

        spec = json.loads((Path(path) / ENSEMBLE_FILE).read_text(encoding="utf-8"))
        self.set_members([load_member(Path(path) / name) for name in spec["members"]])
        self.names = list(spec["members"])
        return self

    def _tag(self, docs: list[Doc]) -> None:
        if not self.members:
            raise ValueError("EnsembleNer has no members: load it with load_ensemble")
        decoder = self.ner_pipes[0]
        steps = [_step_model(m, docs) for m in self.members]
        try:
            batch = decoder.moves.init_batch(docs)
            states = [s for s in batch if not s.is_final()]
            while states:
                scores = steps[0].predict(states)
                for step in steps[1:]:
                    scores = scores + step.predict(states)
                scores = numpy.ascontiguousarray(scores / len(steps), dtype="float32")
                states = decoder.transition_states(states, scores)
            decoder.set_annotations(docs, batch)
        finally:
            for step in steps:
                step.clear_memory()


@Language.factory("lagebild_ensemble_ner", default_config={"batch_size": 128})
def make_ensemble_ner(nlp: Language, name: str, batch_size: int) -> EnsembleNer:
    """Empty until :meth:`EnsembleNer.set_members` (``build_ensemble`` does it)."""
    return EnsembleNer(batch_size=batch_size)


def build_ensemble(members: Sequence[Language], meta: dict | None = None) -> Language:
    """A German ``Language`` whose pipe ``ner`` decodes with all ``members`` averaged.
    A single member is returned as it is."""
    if len(members) == 1:
        return members[0]
    import spacy

    nlp = spacy.blank("de")
    nlp.tokenizer.from_bytes(members[0].tokenizer.to_bytes())
    component = nlp.add_pipe("lagebild_ensemble_ner", name="ner")
    component.set_members(members)
    for label in component.labels:
        nlp.vocab.strings.add(label)
    nlp.meta.update(members[0].meta)
    nlp.meta.update(meta or {})
    return nlp


def ensemble_members(nlp: Language) -> list[Language]:
    """The members of an ensemble built by :func:`build_ensemble`; ``[nlp]`` for a plain model."""
    ner = nlp.get_pipe("ner") if "ner" in nlp.pipe_names else None
    return list(ner.members) if isinstance(ner, EnsembleNer) else [nlp]


def save_ensemble(members: Sequence[Language], path: str | Path, names: Sequence[str],
                  info: dict | None = None, compact: bool = True) -> None:
    """Write ``members`` under ``path/<name>`` and ``ensemble.json``; ``compact``: with their
    ``tok2vec`` weights quantised (``compact.py``, the shipped model), else as spaCy writes them."""
    from lagebild.entities.compact import save_member

    if len(names) != len(members) or len(set(names)) != len(names):
        raise ValueError("one distinct folder name per member")
    path = Path(path)
    path.mkdir(parents=True, exist_ok=True)
    for name, member in zip(names, members):
        if compact:
            save_member(member, path / name)
        else:
            member.to_disk(path / name)
    (path / ENSEMBLE_FILE).write_text(
        json.dumps({"members": list(names), **(info or {})}, ensure_ascii=False, indent=2) + "\n",
        encoding="utf-8")


def load_ensemble(path: str | Path) -> Language:
    from lagebild.entities.compact import load_member

    path = Path(path)
    spec = json.loads((path / ENSEMBLE_FILE).read_text(encoding="utf-8"))
    members = [load_member(path / name) for name in spec["members"]]
    nlp = build_ensemble(members, meta={"name": "lagebild_ner", "ensemble": spec})
    if len(members) > 1:
        nlp.get_pipe("ner").names = list(spec["members"])
    return nlp


__all__ = ["EnsembleNer", "build_ensemble", "ensemble_members", "save_ensemble", "load_ensemble",
           "ENSEMBLE_FILE"]
