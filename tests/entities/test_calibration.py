"""The O-action shift of the NER decoder (calibration.py) and its nested choice."""

import pytest

from lagebild.entities import calibration

WORDS = ("Der Präsident der Bundesärztekammer vertritt die These seit Jahren , sagte "
         "Frank Ulrich Montgomery am Montag in Berlin .").split()


@pytest.fixture()
def fresh_ner(ner):
    """A private copy of the shipped model: the tests change its weights."""
    from lagebild.entities import load_ner

    return load_ner.__wrapped__()


def _ents(nlp):
    from spacy.tokens import Doc

    return [(e.start, e.end, e.label_) for e in nlp(Doc(nlp.vocab, words=WORDS)).ents]


def test_out_action_is_the_o_class(fresh_ner):
    from lagebild.entities.ensemble import ensemble_members

    for member in ensemble_members(fresh_ner):
        upper, o = calibration.out_action(member)
        ner = member.get_pipe("ner")
        assert ner.moves.get_class_name(o) == "O"
        assert upper.get_param("b").shape[0] == ner.moves.n_moves


def test_large_shift_makes_every_token_an_entity_and_undo_restores(fresh_ner):
    before = _ents(fresh_ner)
    calibration.shift_out_score(fresh_ner, 100.0)
    covered = {i for s, e, _ in _ents(fresh_ner) for i in range(s, e)}
    assert covered == set(range(len(WORDS)))
    calibration.shift_out_score(fresh_ner, -100.0)
    assert _ents(fresh_ner) == before


def test_predictions_by_bias_leave_the_model_as_it_was(fresh_ner):
    before = _ents(fresh_ner)

    def predict(nlp, sents):
        return [_ents(nlp) for _ in sents]

    by = calibration.predictions_by_bias(fresh_ner, predict, [WORDS], grid=(0.0, 1.0, 50.0))
    assert list(by) == [0.0, 1.0, 50.0]
    assert by[0.0] == [before]
    # more entity tokens as the O action loses score
    n = {d: sum(e - s for s, e, _ in p[0]) for d, p in by.items()}
    assert n[0.0] <= n[1.0] <= n[50.0] == len(WORDS)
    assert _ents(fresh_ner) == before


def test_best_bias_prefers_the_smaller_shift_on_ties():
    assert calibration.best_bias({0.0: 0.70, 0.5: 0.72, 1.0: 0.72}) == 0.5
    assert calibration.best_bias({0.0: 0.70, 0.5: 0.69}) == 0.0


def test_nested_choice_never_sees_the_fold_it_scores():
    # fold 2 alone would prefer 1.0; the others prefer 0.5
    table = {0: {0.0: 0.6, 0.5: 0.7, 1.0: 0.65}, 1: {0.0: 0.6, 0.5: 0.7, 1.0: 0.65},
             2: {0.0: 0.5, 0.5: 0.5, 1.0: 0.9}}

    def f1(folds, delta):
        assert folds, "scored on no folds"
        return sum(table[k][delta] for k in folds) / len(folds)

    choice = calibration.nested_choice(f1, [0, 1, 2], grid=(0.0, 0.5, 1.0))
    assert choice[2] == 0.5  # chosen on folds 0 and 1
    assert choice[0] == 1.0 and choice[1] == 1.0  # (0.7+0.9)/2 > (0.7+0.5)/2
