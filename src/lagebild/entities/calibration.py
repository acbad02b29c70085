"""Precision/recall calibration of the greedy NER decoder.

spaCy's NER is a transition system: at each token the greedy decoder takes
the best-scoring valid action, and ``O`` (outside) competes with starting an
entity (``B-X``/``U-X``). Trained on corpora where most tokens are ``O``, the
model is cautious: on GermEval news its precision is well above its recall.
Lowering the score of the ``O`` action by a constant ``delta`` makes it start
entities more readily, the decoder's counterpart of a probability threshold.

``delta`` is chosen by cross-validation (see ``train.py``): each fold's
held-out sentences are tagged at every value of :data:`OUT_BIAS_GRID`, and a
fold's reported score uses the value that is best on the *other* folds
(nested, so the choice never sees the sentences it is scored on). The shipped
model has the chosen shift written into its weights (``DEFAULTS["out_bias"]``),
so every user of the model gets it.
"""

from __future__ import annotations

from typing import Callable, Sequence

OUT_BIAS_GRID = (0.0, 0.25, 0.5, 0.75, 1.0, 1.25, 1.5, 2.0)


def out_action(nlp) -> tuple[object, int]:
    """The output layer of the NER's transition model and the index of its ``O`` action."""
    from lagebild.entities.ensemble import action_names

    ner = nlp.get_pipe("ner")
    names = action_names(ner)
    upper = ner.model.get_ref("upper")
    if upper.get_param("b").shape[0] != len(names):
        raise ValueError(f"NER output layer has {upper.get_param('b').shape[0]} classes, "
                         f"the transition system {len(names)}")
    return upper, names.index("O")


def shift_out_score(nlp, delta: float) -> None:
    """Lower the score of the ``O`` action by ``delta`` (negative: raise it). For an
    ensemble (``ensemble.py``) every member is shifted, which shifts their average by ``delta``."""
    from lagebild.entities.ensemble import ensemble_members

    if not delta:
        return
    for member in ensemble_members(nlp):
        upper, o = out_action(member)
        b = upper.get_param("b").copy()
        b[o] -= delta
        upper.set_param("b", b)


def predictions_by_bias(nlp, predict: Callable, sentences: Sequence[Sequence[str]],
                        grid: Sequence[float] = OUT_BIAS_GRID) -> dict[float, list]:
    """``predict(nlp, sentences)`` at every shift of ``grid``; the model is left as it was."""
    out: dict[float, list] = {}
    applied = 0.0
    try:
        for delta in grid:
            shift_out_score(nlp, delta - applied)
            applied = delta
            out[delta] = predict(nlp, sentences)
    finally:
        shift_out_score(nlp, -applied)
    return out


def best_bias(scores: dict[float, float]) -> float:
    """The shift with the highest score; ties go to the smallest shift."""
    return max(sorted(scores), key=lambda d: (scores[d], -d))


def nested_choice(fold_f1: Callable[[Sequence[int], float], float], folds: Sequence[int],
                  grid: Sequence[float] = OUT_BIAS_GRID) -> dict[int, float]:
    """For each fold, the shift that is best on the pooled other folds.

    ``fold_f1(fold_ids, delta)`` scores the pooled held-out predictions of
    ``fold_ids`` at shift ``delta``."""
    return {k: best_bias({d: fold_f1([j for j in folds if j != k], d) for d in grid})
            for k in folds}
