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
