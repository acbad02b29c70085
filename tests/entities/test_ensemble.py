"""Averaged decoding of several NER models (ensemble.py) and their compact storage (compact.py),
on tiny models trained here (no shared data needed), and the shipped ensemble."""

import numpy
import pytest
from spacy.tokens import Doc

from lagebild.entities import calibration, corpora, features
from lagebild.entities import train as T
from lagebild.entities.compact import compact_weights, expand_weights, load_member, save_member
from lagebild.entities.ensemble import (EnsembleNer, _step_model, action_names, build_ensemble,
                                        ensemble_members, load_ensemble, save_ensemble)

TRAIN = [corpora.NerSentence("Angela Merkel besucht Paris .".split(), [(0, 2, "PER"), (3, 4, "LOC")]),
         corpora.NerSentence("Die Firma Siemens wächst in Berlin .".split(), [(2, 3, "ORG"), (5, 6, "LOC")]),
         corpora.NerSentence("Olaf Scholz reist nach Kiew .".split(), [(0, 2, "PER"), (4, 5, "LOC")])]
SENTS = ["Angela Merkel wächst in Kiew .".split(), "Die Firma Scholz besucht Paris .".split(),
         "Siemens".split(), "in Berlin und Paris reist Olaf Scholz .".split()]


def _model(seed: int, epochs: int = 2):
    cfg = dict(T.DEFAULTS, width=32, depth=1, hidden_width=16, epochs=epochs,
               embed_rows=[500, 100, 100, 50, 20, 10, 20])
    lex = features.Lexicon({"merkel": ["Last=Yes"]}, {"merkel": "E.c3"})
    return T.train_model(cfg, TRAIN * 4, lex, seed)


@pytest.fixture(scope="module")
def models():
    return _model(0), _model(1)


def _ents(nlp, sents=SENTS):
    docs = [Doc(nlp.vocab, words=w) for w in sents]
    return [[(e.start, e.end, e.label_) for e in d.ents] for d in nlp.pipe(docs, batch_size=3)]


def _scores(nlp, words):
    """The first decoding step's action scores of a plain model."""
    doc = Doc(nlp.vocab, words=words)
    step = _step_model(nlp, [doc])
    return step.predict(nlp.get_pipe("ner").moves.init_batch([doc]))


def test_an_ensemble_of_one_model_twice_decodes_like_the_model(models):
    a, _ = models
    both = build_ensemble([a, a])
    assert both.pipe_names == ["ner"] and isinstance(both.get_pipe("ner"), EnsembleNer)
    assert _ents(both) == _ents(a)  # in batches of 3, with a one-word sentence
    assert build_ensemble([a]) is a


def test_the_ensemble_decodes_with_the_averaged_scores(models):
    a, b = models
    avg = (_scores(a, SENTS[0]) + _scores(b, SENTS[0])) / 2
    both = build_ensemble([a, b])
    # a's model with its output bias moved to the average of the two: the same first action
    doc = both(Doc(both.vocab, words=SENTS[0]))
    first = doc.ents[0] if doc.ents and doc.ents[0].start == 0 else None
    names = action_names(a.get_pipe("ner"))
    best = names[int(numpy.argmax(avg[0]))]
    if best.startswith(("B-", "U-")):
        assert first is not None and first.label_ == best[2:]
    else:
        assert first is None


def test_shift_out_score_moves_every_member(models):
    a, b = _model(0, 1), _model(1, 1)
    both = build_ensemble([a, b])
    before = [m.get_pipe("ner").model.get_ref("upper").get_param("b").copy() for m in (a, b)]
    calibration.shift_out_score(both, 1.5)
    for m, b0 in zip((a, b), before):
        upper, o = calibration.out_action(m)
        assert upper.get_param("b")[o] == pytest.approx(b0[o] - 1.5)
    calibration.shift_out_score(both, 100.0)
    assert all(sum(e - s for s, e, _ in p) == len(w) for p, w in zip(_ents(both), SENTS))


def test_members_with_other_actions_are_refused(models):
    a, _ = models
    other = T.make_nlp(dict(T.DEFAULTS, width=32, depth=1, hidden_width=16,
                            embed_rows=[500, 100, 100, 50, 20, 10, 20]), features.Lexicon())
    other.get_pipe("ner").add_label("PER")
    other.initialize()
    with pytest.raises(ValueError, match="member 1 has other NER actions"):
        EnsembleNer([a, other])
    with pytest.raises(ValueError, match="no members"):
        EnsembleNer()(Doc(a.vocab, words=["x"]))


def test_compact_weights_round_trip_within_half_a_step():
    rng = numpy.random.default_rng(0)
    table = rng.normal(size=(50, 8)).astype("float32")
    table[3] = 0.0  # an all-zero row keeps a usable scale
    msg = {"nodes": [{"name": "hashembed"}, {"name": "maxout"}, {"name": "extract_features"}],
           "params": [{"E": table}, {"W": table[:4], "b": None}, {}]}
    small = compact_weights(msg)
    assert small["params"][0]["E"]["int8"].dtype == numpy.int8
    assert small["params"][1]["W"]["float16"].dtype == numpy.float16
    back = expand_weights(small)["params"]
    step = numpy.abs(table).max(axis=1, keepdims=True) / 127
    assert numpy.all(numpy.abs(back[0]["E"] - table) <= step / 2 + 1e-7)
    assert not back[0]["E"][3].any()
    assert numpy.allclose(back[1]["W"], table[:4], atol=1e-2) and back[1]["b"] is None
    assert back[2] == {}


def test_saved_members_and_ensembles_load_and_tag_the_same(models, tmp_path):
    a, b = models
    save_member(a, tmp_path / "a")
    assert (tmp_path / "a" / "tok2vec" / "model.compact").exists()
    assert not (tmp_path / "a" / "tok2vec" / "model").exists()
    a2 = load_member(tmp_path / "a")
    assert _ents(a2) == _ents(a)
    t1 = a(Doc(a.vocab, words=SENTS[3])).tensor
    t2 = a2(Doc(a2.vocab, words=SENTS[3])).tensor
    assert numpy.abs(t1 - t2).max() < 0.05 * numpy.abs(t1).mean() + 1e-6
    save_ensemble([a, b], tmp_path / "ens", ["labeller", "student"], {"out_bias": 0.0})
    ens = load_ensemble(tmp_path / "ens")
    assert len(ensemble_members(ens)) == 2
    assert _ents(ens) == _ents(build_ensemble([a, b]))
    with pytest.raises(ValueError, match="one distinct folder name per member"):
        save_ensemble([a, b], tmp_path / "bad", ["x", "x"])


def test_shipped_ner_is_an_ensemble_with_its_members_agreeing_on_easy_names(ner):
    members = ensemble_members(ner)
    assert len(members) >= 2 and ner.pipe_names == ["ner"]
    words = "Bundeskanzlerin Angela Merkel traf in Paris den Präsidenten Emmanuel Macron .".split()
    want = {(1, 3, "PER"), (5, 6, "LOC"), (8, 10, "PER")}
    assert want <= set(_ents(ner, [words])[0])
    for m in members:
        assert want <= set(_ents(m, [words])[0])


def test_spacy_to_disk_and_load_round_trip(models, tmp_path):
    import spacy

    a, b = models
    ens = build_ensemble([a, b])
    ens.to_disk(tmp_path / "host")
    again = spacy.load(tmp_path / "host")
    assert again.pipe_names == ["ner"] and len(ensemble_members(again)) == 2
    assert _ents(again) == _ents(ens)
