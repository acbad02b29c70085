"""Training helpers (tiny, no shared data needed)."""

from lagebild.entities import corpora, features
from lagebild.entities import train as T


def test_pretrained_tok2vec_weights_load_into_training():
    cfg = dict(T.DEFAULTS, width=32, depth=1, hidden_width=16, epochs=1, pretrain_epochs=1,
               embed_rows=[500, 100, 100, 50, 20, 10, 20])
    lex = features.Lexicon({"merkel": ["Last=Yes"]}, {"merkel": "E.c3"})
    texts = [["Angela", "Merkel", "besucht", "Paris", "."],
             ["Der", "Bundestag", "tagt", "heute", "in", "Berlin", "."]] * 20
    blob = T.pretrain_tok2vec(cfg, texts, lex, seed=0)
    assert blob == T.pretrain_tok2vec(cfg, texts, lex, seed=0)  # seeded
    sent = corpora.NerSentence(["Angela", "Merkel", "besucht", "Paris", "."],
                               [(0, 2, "PER"), (3, 4, "LOC")])
    nlp = T.train_model(cfg, [sent] * 5, lex, 0, init_tok2vec=blob)
    assert nlp.pipe_names[:3] == ["lagebild_lexfeat", "tok2vec", "ner"]


def _tiny_cfg(**kw):
    return dict(T.DEFAULTS, width=32, depth=1, hidden_width=16, epochs=1,
                embed_rows=[500, 100, 100, 50, 20, 10, 20], **kw)


def _tiny_lexicon():
    return features.Lexicon({"merkel": ["Last=Yes"]}, {"merkel": "E.c3"})


def test_finetuning_phase_changes_the_model_only_when_asked():
    sent = corpora.NerSentence(["Angela", "Merkel", "besucht", "Paris", "."], [(0, 2, "PER"), (3, 4, "LOC")])
    other = corpora.NerSentence(["Die", "Firma", "Siemens", "wächst", "."], [(2, 3, "ORG")])
    plain = T.train_model(_tiny_cfg(), [sent] * 5, _tiny_lexicon(), 0, finetune=[other] * 5)
    again = T.train_model(_tiny_cfg(finetune_epochs=0), [sent] * 5, _tiny_lexicon(), 0, finetune=[other] * 5)
    tuned = T.train_model(_tiny_cfg(finetune_epochs=1), [sent] * 5, _tiny_lexicon(), 0, finetune=[other] * 5)
    weights = lambda nlp: nlp.get_pipe("ner").model.to_bytes()  # noqa: E731
    assert weights(plain) == weights(again)
    assert weights(plain) != weights(tuned)


def test_beam_search_decoder_is_configurable():
    nlp = T.make_nlp(_tiny_cfg(ner_factory="beam_ner", beam_width=3), _tiny_lexicon())
    ner = nlp.get_pipe("ner")
    assert type(ner).__name__ == "EntityRecognizer" and ner.cfg["beam_width"] == 3
    assert T.make_nlp(_tiny_cfg(), _tiny_lexicon()).get_pipe("ner").cfg["beam_width"] == 1


def test_silver_sources(shared_data):
    import pytest
    import spacy

    data = T.Data.__new__(T.Data)  # only the shared folder: no corpora read
    data.shared = shared_data
    ud = T.Data.silver_sentences(data, spacy.blank("de"), ["ud"])
    assert len(ud) > 1000 and all(3 <= len(s) <= 80 and all(s) for s in ud)
    with pytest.raises(ValueError, match="unknown self_train source 'wikinews'"):
        T.Data.silver_sentences(data, spacy.blank("de"), ["wikinews"])  # not ship-yes, never a silver source


def test_member_names_follow_the_training_order():
    assert T.member_names(1) == ["model"]
    assert T.member_names(3) == ["labeller", "student", "student2"]


def test_reused_models_by_member_name(tmp_path, monkeypatch):
    import pytest

    (tmp_path / "fold0").mkdir()
    (tmp_path / "fold0" / "meta.json").write_text("{}")  # a plain model folder: the labeller
    for member in ("labeller", "student"):
        (tmp_path / "fold1" / member).mkdir(parents=True)
        (tmp_path / "fold1" / member / "meta.json").write_text("{}")
    (tmp_path / "fold2").mkdir()
    monkeypatch.setattr(T, "_REUSE", str(tmp_path))
    assert T._reused("fold0") == {"labeller": tmp_path / "fold0"}
    assert T._reused("fold1") == {"labeller": tmp_path / "fold1" / "labeller",
                                  "student": tmp_path / "fold1" / "student"}
    with pytest.raises(SystemExit, match="no saved model in"):
        T._reused("fold2")
    monkeypatch.setattr(T, "_REUSE", None)
    assert T._reused("fold0") == {}


def test_write_model_replaces_the_folder_and_keeps_its_metrics(tmp_path):
    import json

    from lagebild.entities import load_ner
    from lagebild.entities.ensemble import ensemble_members

    sent = corpora.NerSentence(["Angela", "Merkel", "besucht", "Paris", "."], [(0, 2, "PER"), (3, 4, "LOC")])
    a = T.train_model(_tiny_cfg(), [sent] * 3, _tiny_lexicon(), 0)
    b = T.train_model(_tiny_cfg(), [sent] * 3, _tiny_lexicon(), 1)
    out = tmp_path / "model"
    a.to_disk(out)  # an older single-model folder
    (out / "metrics.json").write_text('{"kept": true}')
    T.write_model([a, b], out, {"out_bias": 0.5})
    assert sorted(p.name for p in out.iterdir()) == ["ensemble.json", "labeller", "metrics.json", "student"]
    assert json.loads((out / "metrics.json").read_text()) == {"kept": True}
    assert json.loads((out / "ensemble.json").read_text())["out_bias"] == 0.5
    assert len(ensemble_members(load_ner.__wrapped__(out))) == 2
    assert not (tmp_path / "model.new").exists()
