"""Reproducible training of the German NER pipeline (``tok2vec`` + ``ner``).

    python -m lagebild.entities.train            # shipped model, all data
    python -m lagebild.entities.train --cv       # 5-fold GermEval CV first, then the shipped model
    python -m lagebild.entities.train --eval-only

Training data (all *ship: yes* in ``../shared/data/README.md``):
Europarl NER train (adjective MISC harmonised, see ``corpora``), SmartData
(v1 ∪ v3, deduplicated by id), and GermEval 2014 dev (outer chunks; in ``--cv``
mode only the four training folds of each split).  The lexicon for the
lexical features comes from the gazetteers, the PETRARCH2 person entries, the
project's actor dictionary (``lagebild/actors/data``), the person names of
Europarl train / SmartData, and word classes counted in UD German, Europarl
train, SmartData, the Bundestag speeches and NTREX news (never from GermEval,
so it is the same for every CV fold).

Self-training (on by default): a first model tags the ship-yes raw text of
``self_train_sources`` (``bundestag``, ``ntrex``, ``ud``), its sentences with
at least ``self_train_min_ents`` entities join the training data as silver
data, and a second model is trained from scratch (``self_train_rounds`` > 1:
again, labelled by the newest model); in the CV the labeller of fold k never
saw fold k.  With ``ensemble`` (on) the shipped recogniser keeps all of these
models and averages their action scores (``ensemble.py``), and the CV scores
that ensemble.  ``out_bias`` is the shift of the O action's score written
into the shipped models (``calibration.py``; every CV reports news F1 at each
shift and the shift each fold would get from the others).

Experiments: ``--cv-only --only-folds 0 --monitor`` trains and scores one fold
(held-out F1 after every epoch); ``--set key=json`` overrides any setting;
``--save-fold-models DIR`` keeps the fold models (``DIR/fold<k>/labeller``,
``…/student``, …), ``--reuse-models DIR`` loads the models of ``DIR/fold<k>``
and ``DIR/final`` saved that way (same settings and seed) instead of training
them again; a plain model folder there stands for the labeller.  Opt-in settings (off by default):
``pretrain_epochs`` (tok2vec pretrained with spaCy's character cloze
objective on raw ship-yes text, ``pretrain_sources``; cached under
``~/.cache/lagebild``), ``currency_web`` (currency and web-address flags),
``name_lists`` (``faker``: Faker's first and last names as name flags; needs
``pip install faker``), ``germeval_news_weight`` (GermEval's news/web
sentences weighed apart from its Wikipedia ones), ``finetune_epochs`` (a last
phase on GermEval alone), ``ner_factory`` (``beam_ner``: beam search).

Held-out evaluation: Europarl test (never trained on), and GermEval dev by
5-fold cross-validation grouped by source URL (the model of fold k never sees
fold k).  Results and the exact training data go to ``metrics.json`` beside the
model.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import sys
import time
from collections import Counter
from pathlib import Path

# single-threaded numeric kernels: reproducible and fair on 2 cores
for _v in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS"):
    os.environ.setdefault(_v, "1")

import spacy  # noqa: E402
from spacy.tokens import Doc  # noqa: E402
from spacy.training import Example  # noqa: E402
from spacy.util import compounding, fix_random_seed, minibatch  # noqa: E402
from thinc.api import Adam  # noqa: E402

from lagebild.entities import calibration, corpora  # noqa: E402
from lagebild.entities import features  # noqa: E402  (registers components)
from lagebild.entities.compact import load_member  # noqa: E402
from lagebild.entities.corpora import LABELS, NerSentence  # noqa: E402
from lagebild.entities.ensemble import ENSEMBLE_FILE, build_ensemble, save_ensemble  # noqa: E402

MODEL_DIR = Path(__file__).resolve().parent / "model"
ACTORS_DIR = Path(__file__).resolve().parents[1] / "actors" / "data"

DEFAULTS = {
    "width": 128,
    "depth": 4,
    "window": 1,
    "embed_rows": [20000, 4000, 10000, 1000, 200, 50, 300],
    "hidden_width": 64,
    "dropout": 0.3,
    "epochs": 2,
    "learn_rate": 0.001,
    "batch_start": 100,
    "batch_end": 1000,
    "germeval_weight": 3,
    "germeval_news_weight": None,  # None: the news/web sentences weigh like the rest of GermEval
    "smartdata_weight": 0.5,
    "features": True,
    "lexclass": True,
    "actor_gaz": True,
    # extra first/last-name lists for the name flags: "faker" (Faker's person providers, Latin script)
    "name_lists": [],
    "currency_web": False,
    "derivpart": "O",
    "harmonise_adjectives": True,
    # self-training (session 5): the first model tags the ship-yes raw text, the sentences in which it
    # finds an entity are added as silver data (weight 0.5 per epoch) and a second model is trained
    "self_train": True,
    "self_train_weight": 0.5,
    "self_train_sources": ["bundestag", "ntrex", "ud"],
    "self_train_min_ents": 1,
    # settings of the first model (the labeller) that differ from the second one's
    "self_train_labeller": {},
    # rounds of self-training, each labelled by the previous round's model
    "self_train_rounds": 2,
    # ship the labeller and the self-trained model(s) together, their action scores averaged
    # (ensemble.py, session 6); False: only the last model
    "ensemble": True,
    "folds": 5,
    "pretrain_epochs": 0,
    "pretrain_sources": ["bundestag", "ntrex", "ud", "europarl", "smartdata"],
    "pretrain_mask": 0.15,
    # score taken off the NER's O action in the shipped model (calibration.py);
    # the value the nested CV chooses is printed by --cv
    "out_bias": 0.25,
    # domain adaptation: after the main epochs, this many epochs on GermEval's training sentences
    # only (``finetune_subset``: "all" or "news"), with a fresh optimiser at ``finetune_lr``
    "finetune_epochs": 0,
    "finetune_lr": 0.0003,
    "finetune_subset": "all",
    # "ner" (greedy transition decoder) or "beam_ner" (beam search, global training objective)
    "ner_factory": "ner",
    "beam_width": 4,
}


# the settings the lexicon of the lexical features is built from
LEXICON_KEYS = ("actor_gaz", "lexclass", "currency_web", "name_lists")


def log(*a):
    print(time.strftime("%H:%M:%S"), *a, file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------
# pipeline
# ---------------------------------------------------------------------------

def make_config(cfg: dict) -> str:
    attrs = ["NORM", "PREFIX", "SUFFIX", "SHAPE"]
    rows = list(cfg["embed_rows"][:4])
    pipeline = ["tok2vec", "ner"]
    if cfg["features"]:
        attrs += ["TAG", "MORPH"]
        rows += list(cfg["embed_rows"][4:6])
        if cfg.get("lexclass"):
            attrs += ["LEMMA"]
            rows += list(cfg["embed_rows"][6:7])
        pipeline = ["lagebild_lexfeat", "tok2vec", "ner", "lagebild_lexfeat_restore"]
    w = cfg["width"]
    beam = f"beam_width = {int(cfg.get('beam_width', 4))}\n" if cfg.get("ner_factory") == "beam_ner" else ""
    comp = ""
    if cfg["features"]:
        comp += """
[components.lagebild_lexfeat]
factory = "lagebild_lexfeat"

[components.lagebild_lexfeat_restore]
factory = "lagebild_lexfeat_restore"
"""
    return f"""
[nlp]
lang = "de"
pipeline = {json.dumps(pipeline)}

[components]
{comp}
[components.tok2vec]
factory = "tok2vec"

[components.tok2vec.model]
@architectures = "spacy.Tok2Vec.v2"

[components.tok2vec.model.embed]
@architectures = "spacy.MultiHashEmbed.v2"
width = {w}
attrs = {json.dumps(attrs)}
rows = {json.dumps(rows)}
include_static_vectors = false

[components.tok2vec.model.encode]
@architectures = "spacy.MaxoutWindowEncoder.v2"
width = {w}
depth = {cfg['depth']}
window_size = {cfg['window']}
maxout_pieces = 3

[components.ner]
factory = "{cfg.get('ner_factory', 'ner')}"
{beam}
[components.ner.model]
@architectures = "spacy.TransitionBasedParser.v2"
state_type = "ner"
extra_state_tokens = false
hidden_width = {cfg['hidden_width']}
maxout_pieces = 2
use_upper = true
nO = null

[components.ner.model.tok2vec]
@architectures = "spacy.Tok2VecListener.v1"
width = {w}
upstream = "*"
"""


def make_nlp(cfg: dict, lexicon: features.Lexicon | None):
    from thinc.api import Config

    nlp = spacy.util.load_model_from_config(Config().from_str(make_config(cfg)), auto_fill=True)
    if cfg["features"] and lexicon is not None:
        nlp.get_pipe("lagebild_lexfeat").set_lexicon(lexicon)
    return nlp


def _predicted_doc(nlp, words: list[str]) -> Doc:
    doc = Doc(nlp.vocab, words=[w if w else "_" for w in words])
    if "lagebild_lexfeat" in nlp.pipe_names:
        nlp.get_pipe("lagebild_lexfeat")(doc)
        doc.user_data.clear()
    return doc


def make_examples(nlp, sents: list[NerSentence]) -> list[Example]:
    return [Example(_predicted_doc(nlp, s.words), corpora.to_doc(nlp.vocab, s)) for s in sents]


def predict(nlp, sentences: list[list[str]]) -> list[list[tuple[int, int, str]]]:
    from lagebild.evaluate.ner import predict_spans

    return predict_spans(nlp, sentences)


def pretrain_tok2vec(cfg: dict, texts: list[list[str]], lexicon, seed: int) -> bytes:
    """Pretrain the ``tok2vec`` weights on raw ship-yes text with spaCy's
    character cloze objective (predict the first and last two characters of
    masked words).  Returns ``tok2vec.to_bytes()``; masked words lose their
    lexical features too."""
    import numpy
    from spacy.ml.models.multi_task import get_characters_loss
    from thinc.api import LayerNorm, Maxout, chain, list2array
    from thinc.layers import MultiSoftmax

    fix_random_seed(seed)
    rng = random.Random(seed)
    nlp = make_nlp(cfg, lexicon)
    tok2vec = nlp.get_pipe("tok2vec").model
    nr_char, hidden = 4, 300
    head = chain(list2array(), Maxout(nO=hidden, nP=3), LayerNorm(nI=hidden),
                 MultiSoftmax([256] * nr_char, nI=hidden))
    model = chain(tok2vec, head)
    sample = [_predicted_doc(nlp, w) for w in texts[:200]]
    model.initialize(X=sample)
    optimizer = Adam(learn_rate=cfg["learn_rate"], L2=0.01, grad_clip=1.0)
    mask_p = float(cfg["pretrain_mask"])
    np_rng = numpy.random.RandomState(seed)
    order = list(range(len(texts)))
    t0 = time.time()
    for epoch in range(cfg["pretrain_epochs"]):
        rng.shuffle(order)
        total, n = 0.0, 0
        for b in range(0, len(order), 64):
            batch = [texts[i] for i in order[b:b + 64]]
            originals, masked, keep = [], [], []
            for words in batch:
                m = np_rng.uniform(size=len(words)) < mask_p
                mw = []
                for w, hit in zip(words, m):
                    if not hit:
                        mw.append(w)
                    else:
                        r = np_rng.uniform()
                        if r < 0.8:
                            mw.append("[MASK]")
                        elif r < 0.9:
                            other = texts[np_rng.randint(len(texts))]
                            mw.append(other[np_rng.randint(len(other))])
                        else:
                            mw.append(w)
                originals.append(Doc(nlp.vocab, words=words))
                masked.append(_predicted_doc(nlp, mw))
                keep.extend(~m)
            pred, backprop = model.begin_update(masked)
            loss, d = get_characters_loss(model.ops, originals, pred, nr_char)
            d *= model.ops.asarray(1.0 - numpy.asarray(keep, dtype="f")).reshape((-1, 1))
            backprop(d)
            model.finish_update(optimizer)
            total += float(loss)
            n += sum(len(w) for w in batch)
        log(f"[pretrain] epoch {epoch + 1}/{cfg['pretrain_epochs']} loss/token={total / max(n, 1):.4f} "
            f"{time.time() - t0:.0f}s")
    return tok2vec.to_bytes()


_PRETRAINED: dict = {}


def pretrained_weights(data: "Data", cfg: dict, lexicon, seed: int) -> bytes | None:
    """Pretrained tok2vec weights for ``cfg`` (computed once per process and
    cached on disk under ``LAGEBILD_NER_PRETRAIN_CACHE``, default
    ``~/.cache/lagebild``); ``None`` when ``pretrain_epochs`` is 0."""
    if not cfg.get("pretrain_epochs"):
        return None
    keys = ("width", "depth", "window", "embed_rows", "features", "lexclass", "actor_gaz",
            "learn_rate", "pretrain_epochs", "pretrain_sources", "pretrain_mask")
    key = hashlib.sha256(json.dumps([{k: cfg.get(k) for k in keys}, seed,
                                     len(lexicon.entries), len(lexicon.classes)],
                                    sort_keys=True).encode()).hexdigest()[:16]
    if key in _PRETRAINED:
        return _PRETRAINED[key]
    cache = Path(os.environ.get("LAGEBILD_NER_PRETRAIN_CACHE",
                                Path.home() / ".cache" / "lagebild")) / f"ner_pretrain_{key}.bin"
    if cache.exists():
        blob = cache.read_bytes()
    else:
        texts = data.raw_sentences(cfg["pretrain_sources"])
        log(f"[pretrain] {len(texts)} sentences, {sum(map(len, texts))} tokens")
        blob = pretrain_tok2vec(cfg, texts, lexicon, seed)
        cache.parent.mkdir(parents=True, exist_ok=True)
        cache.write_bytes(blob)
    _PRETRAINED[key] = blob
    return blob


def train_model(cfg: dict, train: list[NerSentence], lexicon, seed: int,
                weighted: list[tuple[list[NerSentence], float]] = (),
                monitor: list | None = None, tag: str = "",
                init_tok2vec: bytes | None = None,
                finetune: list[NerSentence] = ()) -> spacy.Language:
    """Train tok2vec+ner for ``cfg['epochs']`` epochs, then ``cfg['finetune_epochs']``
    epochs on ``finetune`` alone.

    ``weighted``: extra sentence lists sampled per epoch with a factor (1.5 =
    every sentence once plus a random half)."""
    fix_random_seed(seed)
    rng = random.Random(seed)
    nlp = make_nlp(cfg, lexicon)
    base = make_examples(nlp, train)
    extra = [(make_examples(nlp, s), w) for s, w in weighted]
    ner = nlp.get_pipe("ner")
    for lab in LABELS:
        ner.add_label(lab)
    init_sample = base[:2000] if base else [e for ex, _ in extra for e in ex][:2000]
    optimizer = Adam(learn_rate=cfg["learn_rate"], L2=0.01, grad_clip=1.0, use_averages=True)
    nlp.initialize(lambda: init_sample, sgd=optimizer)
    if init_tok2vec is not None:
        nlp.get_pipe("tok2vec").model.from_bytes(init_tok2vec)
    train_names = [n for n in nlp.pipe_names if n in ("tok2vec", "ner")]
    t0 = time.time()
    for epoch in range(cfg["epochs"]):
        epoch_ex = list(base)
        for ex, w in extra:
            full, frac = int(w), w - int(w)
            epoch_ex += ex * full
            if frac > 0:
                epoch_ex += rng.sample(ex, int(round(frac * len(ex))))
        rng.shuffle(epoch_ex)
        losses: dict = {}
        sizes = compounding(cfg["batch_start"], cfg["batch_end"], 1.001)
        from spacy.training.batchers import minibatch_by_words

        for batch in minibatch_by_words(epoch_ex, size=sizes, discard_oversize=False):
            nlp.update(batch, drop=cfg["dropout"], sgd=optimizer, losses=losses,
                       exclude=[n for n in nlp.pipe_names if n not in train_names])
        log(f"{tag} epoch {epoch + 1}/{cfg['epochs']} loss={losses.get('ner', 0):.1f} {time.time() - t0:.0f}s"
            + _held_out_scores(nlp, optimizer, monitor))
    _keep_averages(nlp, optimizer)
    n_ft = int(cfg.get("finetune_epochs") or 0)
    if n_ft and finetune:
        ft_ex = make_examples(nlp, list(finetune))
        ft_opt = Adam(learn_rate=cfg["finetune_lr"], L2=0.01, grad_clip=1.0, use_averages=True)
        for epoch in range(n_ft):
            rng.shuffle(ft_ex)
            losses = {}
            for batch in minibatch(ft_ex, size=32):
                nlp.update(batch, drop=cfg["dropout"], sgd=ft_opt, losses=losses,
                           exclude=[n for n in nlp.pipe_names if n not in train_names])
            log(f"{tag} finetune {epoch + 1}/{n_ft} loss={losses.get('ner', 0):.1f}"
                + _held_out_scores(nlp, ft_opt, monitor))
        _keep_averages(nlp, ft_opt)
    return nlp


def _held_out_scores(nlp, optimizer, monitor) -> str:
    """`` newsF1=… allF1=…`` with the averaged parameters (experiments: ``--monitor``), else ``""``."""
    if not monitor:
        return ""
    from lagebild.evaluate.ner import score_spans

    with nlp.use_params(optimizer.averages):
        return "".join(f" {name}F1={score_spans(gold, predict(nlp, words))['f1']:.4f}"
                       for name, words, gold in monitor)


def _keep_averages(nlp, optimizer) -> None:
    """Make the optimiser's averaged parameters the model's own."""
    with nlp.use_params(optimizer.averages):
        blob = nlp.to_bytes()
    nlp.from_bytes(blob)


# ---------------------------------------------------------------------------
# data
# ---------------------------------------------------------------------------

def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


class Data:
    def __init__(self, shared: Path, cfg: dict):
        self.shared = shared
        ge_path = shared / "germeval2014" / "germeval2014_dev.tsv"
        self.germeval_path = ge_path
        self.germeval = corpora.read_germeval_tsv(ge_path)
        src = corpora.read_germeval_sources(corpora.germeval_sources_path(ge_path))
        self.ge_source = src
        self.ge_url = {}
        import csv

        with open(corpora.germeval_sources_path(ge_path), encoding="utf-8") as fh:
            for row in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
                self.ge_url[int(row["sentence_index"])] = row["source_url"]
        ep = shared / "europarl_ner_de"
        self.europarl_train = corpora.read_europarl(ep / "train.tsv", cfg["harmonise_adjectives"])
        self.europarl_dev_path = ep / "dev.tsv"
        self.europarl_test_path = ep / "test.tsv"
        log("reading SmartData …")
        self.smartdata = corpora.read_smartdata(shared / "smartdata_corpus",
                                                is_common_noun=features.is_common_noun)
        self.files = [ge_path, corpora.germeval_sources_path(ge_path), ep / "train.tsv"] + \
            sorted((shared / "smartdata_corpus").glob("v*_*.json.gz"))

    def germeval_train(self, indices, cfg) -> list[NerSentence]:
        return [corpora.germeval_to_ner(self.germeval[i], cfg["derivpart"]) for i in indices]

    def folds(self, k: int, seed: int = 0) -> list[list[int]]:
        """k folds of GermEval sentence indices, grouped by source URL (no
        document is split across folds), deterministic."""
        groups: dict[str, list[int]] = {}
        for s in self.germeval:
            groups.setdefault(self.ge_url.get(s.index, str(s.index)), []).append(s.index)
        keys = sorted(groups)
        random.Random(seed).shuffle(keys)
        folds: list[list[int]] = [[] for _ in range(k)]
        for key in keys:  # greedy: smallest fold first → balanced sizes
            min(folds, key=len).extend(groups[key])
        return [sorted(f) for f in folds]

    def lexicon(self, cfg: dict | None = None) -> features.Lexicon:
        """The lexicon of the lexical features for ``cfg`` (built once per setting of ``LEXICON_KEYS``)."""
        cfg = cfg or DEFAULTS
        key = json.dumps([cfg.get(k) for k in LEXICON_KEYS])
        cache = self.__dict__.setdefault("_lexicons", {})
        if key not in cache:
            cache[key] = self._build_lexicon(cfg)
        return cache[key]

    def _build_lexicon(self, cfg: dict) -> features.Lexicon:
        persons = []
        for s in self.europarl_train + self.smartdata:
            for a, b, lab in s.spans:
                if lab == "PER":
                    persons.append(s.words[a:b])
        return features.build_lexicon(
            self.shared, persons,
            sentences=[s.words for s in self.europarl_train + self.smartdata],
            actors_dir=ACTORS_DIR if cfg.get("actor_gaz") else None,
            classes=bool(cfg.get("lexclass")), currencies=bool(cfg.get("currency_web")),
            extra_names=features.faker_person_names() if "faker" in (cfg.get("name_lists") or []) else None)

    def bundestag_sentences(self, nlp, limit: int | None = None) -> list[list[str]]:
        path = self.shared / "corpora" / "bundestag_speeches.jsonl"
        out = []
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                for sent in json.loads(line)["sentences"]:
                    words = [t.text for t in nlp.tokenizer(sent) if not t.is_space]
                    if 3 <= len(words) <= 80:
                        out.append(words)
        return out[:limit] if limit else out

    def ntrex_sentences(self, nlp) -> list[list[str]]:
        path = self.shared / "corpora" / "ntrex128_news_de" / "newstest2019-ref.deu.txt"
        out = []
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                words = [t.text for t in nlp.tokenizer(line.strip()) if not t.is_space]
                if 3 <= len(words) <= 80:
                    out.append(words)
        return out

    def silver_sentences(self, nlp, sources) -> list[list[str]]:
        out = []
        for src in sources:
            if src == "ntrex":
                out += self.ntrex_sentences(nlp)
            elif src == "bundestag":
                out += self.bundestag_sentences(nlp)
            elif src == "ud":
                out += [s for s in self.ud_sentences() if 3 <= len(s) <= 80]
            else:
                raise ValueError(f"unknown self_train source {src!r} (bundestag, ntrex, ud)")
        return out

    def ud_sentences(self) -> list[list[str]]:
        """The words of UD German GSD/PUD (web and news text), as given."""
        out: list[list[str]] = []
        for path in sorted((self.shared / "ud_german").glob("*/*.conllu")):
            out += [[f if f else "_" for f, _ in s] for s in features._ud_forms(path)]
        return out

    def raw_sentences(self, sources) -> list[list[str]]:
        """Unlabelled ship-yes sentences for tok2vec pretraining (never GermEval)."""
        tok = spacy.blank("de")
        out: list[list[str]] = []
        for src in sources:
            if src in ("bundestag", "ntrex"):
                out += self.silver_sentences(tok, [src])
            elif src == "ud":
                out += self.ud_sentences()
            elif src == "europarl":
                out += [s.words for s in self.europarl_train]
            elif src == "smartdata":
                out += [s.words for s in self.smartdata]
        return [[w if w else "_" for w in s] for s in out if s]

    def prewarm(self):
        words = {w for s in self.germeval for w in s.words}
        words |= {w for s in self.europarl_train + self.smartdata for w in s.words}
        for w in sorted(words):
            features.hanta_feature(w)

    def summary(self, ge_indices) -> dict:
        def stats(sents):
            c = Counter(lab for s in sents for _, _, lab in s.spans)
            return {"sentences": len(sents), "tokens": sum(len(s.words) for s in sents),
                    "entities": dict(sorted(c.items()))}

        return {
            "europarl_train": stats(self.europarl_train),
            "smartdata": stats(self.smartdata),
            "germeval_dev": {**stats([corpora.germeval_to_ner(self.germeval[i]) for i in ge_indices]),
                             "sentence_indices": "all" if len(ge_indices) == len(self.germeval)
                             else sorted(ge_indices)},
            "files": {str(p.relative_to(self.shared)): sha256(p) for p in self.files},
        }


# ---------------------------------------------------------------------------
# training runs
# ---------------------------------------------------------------------------

def build_training(data: Data, cfg: dict, ge_indices) -> tuple[list, list]:
    """Europarl train once per epoch; SmartData and GermEval sampled by their weights
    (``germeval_news_weight``, when set, weighs GermEval's news/web sentences apart from its
    Wikipedia ones)."""
    base = list(data.europarl_train)
    weighted = [(data.smartdata, float(cfg["smartdata_weight"]))]
    news_w = cfg.get("germeval_news_weight")
    if news_w is None:
        weighted.append((data.germeval_train(ge_indices, cfg), float(cfg["germeval_weight"])))
    else:
        news = [i for i in ge_indices if data.ge_source.get(i) == "news/web"]
        rest = [i for i in ge_indices if data.ge_source.get(i) != "news/web"]
        weighted += [(data.germeval_train(news, cfg), float(news_w)),
                     (data.germeval_train(rest, cfg), float(cfg["germeval_weight"]))]
    return base, weighted


def fit(data: Data, cfg: dict, ge_indices, seed: int, lexicon, tag: str = "",
        monitor=None, reuse: dict[str, Path] | None = None) -> list[spacy.Language]:
    """Train on the GermEval sentences ``ge_indices`` plus the other corpora. Returns the models
    the shipped recogniser averages (``ensemble.py``): with ``self_train``, a first model (settings:
    ``cfg`` with ``self_train_labeller`` on top) tags the silver sentences and a second model is
    trained with them; ``self_train_rounds`` > 1 repeats that with the newest model as labeller.
    With ``ensemble`` all of these models are returned (first model first), else only the last.
    ``reuse``: saved models of the same data, settings and seed by member name
    (:func:`member_names`), loaded instead of trained."""
    rounds = int(cfg.get("self_train_rounds", 1)) if cfg["self_train"] else 0
    names = member_names(rounds + 1)
    reuse = reuse or {}
    labeller = reuse.get(names[0]) if cfg["self_train"] else None
    base, weighted = build_training(data, cfg, ge_indices)
    init = pretrained_weights(data, cfg, lexicon, seed)
    ft_idx = ge_indices if cfg.get("finetune_subset", "all") == "all" else \
        [i for i in ge_indices if data.ge_source.get(i) == "news/web"]
    finetune = data.germeval_train(ft_idx, cfg) if cfg.get("finetune_epochs") else []
    if cfg["self_train"] and labeller is not None:
        log(f"{tag} self-training: labeller {labeller}")
        nlp = load_member(labeller)
    elif cfg["self_train"] and cfg.get("self_train_labeller"):
        lab_cfg = {**cfg, **cfg["self_train_labeller"], "self_train": False}
        lab_lex = data.lexicon(lab_cfg)
        nlp = train_model(lab_cfg, base, lab_lex, seed, weighted, tag=tag, monitor=monitor,
                          init_tok2vec=pretrained_weights(data, lab_cfg, lab_lex, seed),
                          finetune=finetune)
    else:
        nlp = train_model(cfg, base, lexicon, seed, weighted, tag=tag, monitor=monitor,
                          init_tok2vec=init, finetune=finetune)
    models = [nlp]
    for r in range(1, rounds + 1):
        rtag = tag + "+self" + (str(r) if r > 1 else "")
        if names[r] in reuse:
            log(f"{rtag} self-training: reusing {reuse[names[r]]}")
            nlp = load_member(reuse[names[r]])
            models.append(nlp)
            continue
        log(f"{rtag} self-training: tagging {cfg['self_train_sources']}")
        sents = data.silver_sentences(nlp, cfg["self_train_sources"])
        silver = [NerSentence(w, p, [], {"corpus": "silver"})
                  for w, p in zip(sents, predict(nlp, sents))
                  if len(p) >= cfg["self_train_min_ents"]]
        log(f"{rtag} self-training: {len(silver)} silver sentences, "
            f"{sum(len(s.spans) for s in silver)} entities")
        nlp = train_model(cfg, base, lexicon, seed,
                          weighted + [(silver, cfg["self_train_weight"])], tag=rtag,
                          init_tok2vec=init, finetune=finetune)
        models.append(nlp)
    return models if cfg.get("ensemble") else models[-1:]


def member_names(n: int) -> list[str]:
    """Folder names of the ensemble's members in the order ``fit`` returns them."""
    if n == 1:
        return ["model"]
    return ["labeller", "student"] + [f"student{r}" for r in range(2, n)]


def evaluate_fold(nlp, data: Data, indices) -> dict:
    """Held-out predictions of a fold model, unshifted (``pred``) and at every
    shift of the O action's score (``pred_by_bias``, see calibration.py)."""
    from lagebild.evaluate.ner import germeval_pred_spans

    sents = [data.germeval[i].words for i in indices]
    by_bias = calibration.predictions_by_bias(
        nlp, lambda m, s: [germeval_pred_spans(p) for p in predict(m, s)], sents)
    return {"indices": list(indices), "pred": by_bias[0.0],
            "pred_by_bias": {str(d): p for d, p in by_bias.items()}}


def europarl_test(nlp, data: Data) -> dict:
    from lagebild.evaluate.ner import evaluate_conll

    return evaluate_conll(data.europarl_test_path, nlp)


_DATA: Data | None = None
_LEX = None
_MONITOR = False
_SAVE_FOLDS: str | None = None
_REUSE: str | None = None


def _reused(name: str) -> dict[str, Path]:
    """Saved models for ``fit(reuse=…)`` from ``--reuse-models DIR``: ``DIR/<name>/<member>``
    (folders with a ``meta.json``), or ``DIR/<name>`` itself as the labeller."""
    if not _REUSE:
        return {}
    path = Path(_REUSE) / name
    if (path / "meta.json").exists():
        return {"labeller": path}
    found = {p.name: p for p in sorted(path.glob("*")) if (p / "meta.json").exists()}
    if not found:
        raise SystemExit(f"--reuse-models: no saved model in {path}")
    return found


def train_final(data: Data, cfg: dict, seed: int, lexicon, out: Path) -> dict:
    """Train the shipped model on all training data, write it to ``out`` and
    return its held-out Europarl numbers and timings."""
    t0, c0 = time.time(), time.process_time()
    all_idx = list(range(len(data.germeval)))
    members = fit(data, cfg, all_idx, seed, lexicon, tag="[final]", reuse=_reused("final"))
    if _SAVE_FOLDS:  # unshifted and at full precision, for --reuse-models
        save_ensemble(members, Path(_SAVE_FOLDS) / "final", member_names(len(members)), compact=False)
    nlp = build_ensemble(members)
    calibration.shift_out_score(nlp, float(cfg.get("out_bias", 0.0)))
    res = {"train_seconds_wall": round(time.time() - t0, 1),
           "train_seconds_cpu": round(time.process_time() - c0, 1)}
    for m in members:
        m.meta["name"] = "lagebild_ner"
        m.meta["version"] = "0.1.0"
        m.meta["description"] = ("German NER (PER/LOC/ORG/MISC), spaCy tok2vec+ner trained from "
                                 "scratch on Europarl NER, SmartData and GermEval 2014 dev")
        m.meta["license"] = "CC BY 4.0 (training data: GermEval 2014, SmartData; Europarl)"
    write_model(members, out, {"out_bias": float(cfg.get("out_bias", 0.0))})
    from lagebild.evaluate.ner import evaluate_conll

    res["europarl_test"] = evaluate_conll(data.europarl_test_path, nlp)
    res["europarl_dev"] = evaluate_conll(data.europarl_dev_path, nlp)
    res.update(_member_scores(members, data))
    return res


def _member_scores(members: list, data: Data) -> dict:
    """Europarl test F1 of each member alone (``europarl_test_members``), beside the ensemble's."""
    if len(members) < 2:
        return {}
    return {"europarl_test_members": {name: round(europarl_test(m, data)["f1"], 4)
                                      for name, m in zip(member_names(len(members)), members)}}


def write_model(members: list, out: Path, info: dict) -> None:
    """Replace the model folder ``out`` by the ensemble of ``members`` (written beside it
    first, so an interrupted run leaves the old model whole)."""
    import shutil

    tmp = out.with_name(out.name + ".new")
    if tmp.exists():
        shutil.rmtree(tmp)
    save_ensemble(members, tmp, member_names(len(members)), info)
    keep = out / "metrics.json"
    if keep.exists():
        shutil.copy2(keep, tmp / "metrics.json")
    if out.exists():
        shutil.rmtree(out)
    tmp.rename(out)


def _cv_worker(args):
    k, train_idx, test_idx, cfg, seed = args
    if k == "final":
        return k, train_final(_DATA, cfg, seed, _LEX, Path(train_idx))
    t0, c0 = time.time(), time.process_time()
    monitor = None
    if _MONITOR:  # experiments only: per-epoch F1 on the held-out fold's news sentences
        from lagebild.entities.corpora import germeval_gold_base
        from lagebild.evaluate.ner import germeval_pred_spans

        monitor = []
        for mname, idx in (("news", [i for i in test_idx if _DATA.ge_source.get(i) == "news/web"]),
                           ("all", test_idx)):
            monitor.append((mname, [_DATA.germeval[i].words for i in idx],
                            [[(a, b, {"OTH": "MISC"}.get(l, l)) for a, b, l in
                              germeval_gold_base(_DATA.germeval[i])] for i in idx]))
    members = fit(_DATA, cfg, train_idx, seed, _LEX, tag=f"[fold {k}]", monitor=monitor,
                  reuse=_reused(f"fold{k}"))
    nlp = build_ensemble(members)
    res = evaluate_fold(nlp, _DATA, test_idx)
    res["europarl_test"] = europarl_test(nlp, _DATA)
    ep = res["europarl_test"]
    log(f"[fold {k}] europarl test F1={ep['f1']:.4f} " +
        " ".join(f"{c}={v['f1']:.3f}" for c, v in ep["per_class"].items()))
    res.update(_member_scores(members, _DATA))
    if _SAVE_FOLDS:
        save_ensemble(members, Path(_SAVE_FOLDS) / f"fold{k}", member_names(len(members)), compact=False)
    res["seconds"] = round(time.time() - t0, 1)
    res["cpu_seconds"] = round(time.process_time() - c0, 1)
    return k, res


def cross_validate(data: Data, cfg: dict, seed: int, jobs: int, only_folds=None,
                   final_out: Path | None = None) -> dict:
    """k-fold CV on GermEval dev; with ``final_out`` the shipped model is
    trained in the same worker pool (first task) and its results are returned
    under ``"final"``."""
    global _DATA, _LEX
    from lagebild.evaluate.ner import GERMEVAL_LABELS, score_spans
    from lagebild.entities.corpora import germeval_gold_base

    _DATA, _LEX = data, data.lexicon(cfg)
    data.prewarm()  # HanTa features computed once, inherited by the forked workers
    pretrained_weights(data, cfg, _LEX, seed)  # once, before the workers fork
    folds = data.folds(cfg["folds"])
    all_idx = set(range(len(data.germeval)))
    tasks = [(k, sorted(all_idx - set(f)), f, cfg, seed) for k, f in enumerate(folds)
             if only_folds is None or k in only_folds]
    if final_out is not None:
        tasks.insert(0, ("final", str(final_out), [], cfg, seed))
    results = {}
    final = None
    if jobs > 1:
        import multiprocessing as mp

        with mp.get_context("fork").Pool(jobs) as pool:
            for k, r in pool.imap_unordered(_cv_worker, tasks):
                if k == "final":
                    final = r
                    log(f"final model done in {r['train_seconds_wall']}s")
                    continue
                results[k] = r
                log(f"fold {k} done in {r['seconds']}s")
    else:
        for t in tasks:
            k, r = _cv_worker(t)
            if k == "final":
                final = r
            else:
                results[k] = r
    out = {"folds": len(folds), "grouping": "source URL", "fold_sizes": [len(f) for f in folds]}

    # pooled and per-fold scores, all sentences and news only
    def pairs(k: int, preds: list, subset: str) -> tuple[list, list]:
        g, p = [], []
        for i, sp in zip(results[k]["indices"], preds):
            if subset == "all" or data.ge_source.get(i) == subset:
                g.append(germeval_gold_base(data.germeval[i]))
                p.append(sp)
        return g, p

    def pooled(subset: str, pred_of, ks) -> tuple[dict, list[float]]:
        gold_all, pred_all, per_fold = [], [], []
        for k in ks:
            g, p = pairs(k, pred_of(k), subset)
            per_fold.append(score_spans(g, p, GERMEVAL_LABELS)["f1"])
            gold_all += g
            pred_all += p
        return score_spans(gold_all, pred_all, GERMEVAL_LABELS), per_fold

    def summary(pred_of) -> dict:
        res = {}
        for subset in ("all", "news/web", "wikipedia"):
            pool, per_fold = pooled(subset, pred_of, sorted(results))
            mean = sum(per_fold) / len(per_fold)
            sd = (sum((x - mean) ** 2 for x in per_fold) / max(1, len(per_fold) - 1)) ** 0.5
            res[subset] = {"pooled": pool, "fold_f1": per_fold, "mean_f1": round(mean, 4),
                           "sd_f1": round(sd, 4)}
        return res

    # the headline numbers are at the shift the shipped model uses (cfg out_bias); beside them the news F1
    # at every shift of the O action's score (calibration.py) and the nested estimate of choosing it by CV
    # (each fold scored at the shift that is best on the other folds' news sentences)
    def news_f1(ks, delta):
        return pooled("news/web", lambda k: results[k]["pred_by_bias"][str(delta)], ks)[0]["f1"]

    ks = sorted(results)
    shipped = float(cfg.get("out_bias", 0.0))
    out.update(summary(lambda k: results[k]["pred_by_bias"][str(shipped)]))
    choice = calibration.nested_choice(news_f1, ks) if len(ks) > 1 else {k: shipped for k in ks}
    grid_f1 = {str(d): news_f1(ks, d) for d in calibration.OUT_BIAS_GRID}
    out["out_bias"] = {
        "shipped": shipped,
        "grid": list(calibration.OUT_BIAS_GRID),
        "news_f1_all_folds": grid_f1,
        "best_all_folds": calibration.best_bias({float(d): f for d, f in grid_f1.items()}),
        "nested_choice_per_fold": {str(k): choice[k] for k in ks},
        "nested_news": pooled("news/web", lambda k: results[k]["pred_by_bias"][str(choice[k])], ks)[0],
    }
    ep = [results[k]["europarl_test"] for k in sorted(results)]
    out["europarl_test_mean_f1_of_fold_models"] = round(sum(r["f1"] for r in ep) / len(ep), 4)
    out["seconds_per_fold"] = [results[k]["seconds"] for k in sorted(results)]
    out["cpu_seconds_per_fold"] = [results[k]["cpu_seconds"] for k in sorted(results)]
    if final is not None:
        out["final"] = final
    out["predictions"] = {k: {"indices": results[k]["indices"], "pred": results[k]["pred_by_bias"][str(shipped)],
                              "pred_by_bias": results[k]["pred_by_bias"]} for k in sorted(results)}
    return out


def model_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=MODEL_DIR)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--eval-only", action="store_true")
    ap.add_argument("--cv", action="store_true", help="5-fold GermEval CV before the shipped model")
    ap.add_argument("--cv-only", action="store_true", help="only the CV (no shipped model)")
    ap.add_argument("--only-folds", type=str, default=None, help="e.g. 0,1 (experiments)")
    ap.add_argument("--jobs", type=int, default=2, help="CV folds trained in parallel")
    ap.add_argument("--epochs", type=int)
    ap.add_argument("--width", type=int)
    ap.add_argument("--depth", type=int)
    ap.add_argument("--dropout", type=float)
    ap.add_argument("--germeval-weight", type=float)
    ap.add_argument("--smartdata-weight", type=float)
    ap.add_argument("--no-features", action="store_true")
    ap.add_argument("--self-train", action=argparse.BooleanOptionalAction, default=None,
                    help="self-training (on by default: DEFAULTS['self_train'])")
    ap.add_argument("--derivpart", choices=["O", "MISC", "missing"])
    ap.add_argument("--no-harmonise", action="store_true")
    ap.add_argument("--monitor", action="store_true",
                    help="experiments: log held-out fold F1 after every epoch")
    ap.add_argument("--set", action="append", default=[], metavar="KEY=JSON",
                    help="experiments: override any config value, e.g. embed_rows=[...]")
    ap.add_argument("--save-fold-models", type=str, default=None, metavar="DIR",
                    help="write each CV fold's models to DIR/fold<k> and the final ones to DIR/final "
                         "(ensemble folders, unshifted, full precision)")
    ap.add_argument("--reuse-models", "--labeller-models", type=str, default=None, metavar="DIR",
                    help="load the models saved by --save-fold-models with the same settings and seed "
                         "(DIR/fold<k>/<member>, DIR/final/<member>; a plain model folder DIR/fold<k> is "
                         "the labeller) instead of training them")
    ap.add_argument("--smoke", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--report", type=Path, default=None, help="write CV results JSON here too")
    args = ap.parse_args(argv)

    cfg = dict(DEFAULTS)
    for k in ("epochs", "width", "depth", "dropout", "germeval_weight", "smartdata_weight",
              "derivpart"):
        v = getattr(args, k)
        if v is not None:
            cfg[k] = v
    if args.no_features:
        cfg["features"] = False
    if args.self_train is not None:
        cfg["self_train"] = args.self_train
    if args.no_harmonise:
        cfg["harmonise_adjectives"] = False
    for kv in args.set:
        k, v = kv.split("=", 1)
        if k not in DEFAULTS:
            ap.error(f"unknown config key {k}")
        cfg[k] = json.loads(v)

    global _MONITOR, _SAVE_FOLDS, _REUSE
    _MONITOR = args.monitor
    _SAVE_FOLDS = args.save_fold_models
    _REUSE = args.reuse_models
    if args.smoke and args.out.resolve() == MODEL_DIR.resolve():
        ap.error("--smoke needs --out DIR (it must not overwrite the shipped model)")
    shared = corpora.shared_data_dir(required=True)
    out: Path = args.out
    metrics_path = out / "metrics.json"

    if args.eval_only:
        from lagebild.evaluate.ner import evaluate_conll, format_table

        from lagebild.entities import load_ner

        nlp = load_ner(out)
        res = {"europarl_test": evaluate_conll(shared / "europarl_ner_de" / "test.tsv", nlp),
               "europarl_dev": evaluate_conll(shared / "europarl_ner_de" / "dev.tsv", nlp)}
        print(format_table(res))
        if metrics_path.exists():
            m = json.loads(metrics_path.read_text())
            if "germeval_cv" in m:
                cv = m["germeval_cv"]
                print("GermEval dev 5-fold CV (from metrics.json; the shipped model was trained "
                      "on all of GermEval dev, so it is not re-scored there):")
                print(format_table({f"germeval-cv {k} (pooled)": cv[k]["pooled"]
                                    for k in ("news/web", "all", "wikipedia")}))
        return 0

    t_start = time.time()
    data = Data(shared, cfg)
    if args.smoke:  # tiny end-to-end check of the code path
        data.germeval = data.germeval[:150]
        data.europarl_train = data.europarl_train[:150]
        data.smartdata = data.smartdata[:150]
        cfg["epochs"] = 1
    log(f"data: europarl train {len(data.europarl_train)}, smartdata {len(data.smartdata)}, "
        f"germeval dev {len(data.germeval)} sentences")
    metrics: dict = {"config": cfg, "seed": args.seed, "spacy": spacy.__version__}

    lexicon = data.lexicon(cfg)
    all_idx = list(range(len(data.germeval)))
    final = None
    if args.cv or args.cv_only:
        only = {int(x) for x in args.only_folds.split(",")} if args.only_folds else None
        t0 = time.time()
        cv = cross_validate(data, cfg, args.seed, args.jobs, only,
                            final_out=None if args.cv_only else out)
        cv["seconds"] = round(time.time() - t0, 1)
        predictions = cv.pop("predictions")
        final = cv.pop("final", None)
        metrics["germeval_cv"] = cv
        from lagebild.evaluate.ner import format_table

        print(format_table({f"germeval-cv {k} (pooled)": cv[k]["pooled"]
                            for k in ("news/web", "all", "wikipedia")}))
        print("fold F1 (all):", cv["all"]["fold_f1"], "mean", cv["all"]["mean_f1"],
              "| news mean", cv["news/web"]["mean_f1"],
              "| europarl test (fold models) mean", cv["europarl_test_mean_f1_of_fold_models"])
        ob = cv["out_bias"]
        print(f"O-action shift: news F1 by shift (all folds) {ob['news_f1_all_folds']}; chosen by the "
              f"other folds {ob['nested_choice_per_fold']} → news F1 {ob['nested_news']['f1']:.4f}")
        if ob["best_all_folds"] != cfg["out_bias"]:
            log(f"note: the CV's best O-action shift is {ob['best_all_folds']}, the model is "
                f"trained with out_bias={cfg['out_bias']} (set DEFAULTS['out_bias'] to change it)")
        if args.report:
            args.report.write_text(json.dumps({**metrics, "cv_predictions": predictions},
                                              ensure_ascii=False))
        if args.cv_only:
            return 0

    if final is None:
        final = train_final(data, cfg, args.seed, lexicon, out)
    from lagebild.evaluate.ner import format_table

    metrics["europarl_test"] = final["europarl_test"]
    metrics["europarl_dev"] = final["europarl_dev"]
    if "europarl_test_members" in final:
        metrics["europarl_test_members"] = final["europarl_test_members"]
    metrics["training_data"] = data.summary(all_idx)
    metrics["training_data"]["lexicon"] = {
        "entries": len(lexicon.entries),
        "sources": ["gazetteers/umpirsky_country_list_de", "gazetteers/mledoze_countries",
                    "gazetteers/geonames_countryinfo",
                    "petrarch2_dictionaries/Phoenix.Countries.actors.txt (person names)",
                    "PER names of europarl_ner_de/train.tsv and smartdata_corpus"]
        + (["lagebild/actors/data (organisations, states, demonyms, adjectives, people)"]
           if cfg.get("actor_gaz") else [])
        + (["word classes: ud_german (UPOS), europarl_ner_de/train.tsv (STTS), capitalisation "
            "in ud_german, europarl train, smartdata, corpora/bundestag_speeches.jsonl, "
            "corpora/ntrex128_news_de"] if cfg.get("lexclass") else []),
        "classes": len(lexicon.classes)}
    if cfg["self_train"]:
        metrics["training_data"]["self_training"] = f"silver: {cfg['self_train_sources']}"
    if cfg.get("pretrain_epochs"):
        metrics["training_data"]["tok2vec_pretraining"] = f"raw text: {cfg['pretrain_sources']}"
    metrics["train_seconds_final_model"] = final["train_seconds_wall"]
    metrics["train_cpu_seconds_final_model"] = final["train_seconds_cpu"]
    metrics["total_seconds"] = round(time.time() - t_start, 1)
    metrics["model_bytes"] = model_size(out)
    metrics_path.write_text(json.dumps(metrics, indent=1, ensure_ascii=False))
    print(format_table({"europarl test (held out)": metrics["europarl_test"],
                        "europarl dev": metrics["europarl_dev"]}))
    log(f"model written to {out} ({metrics['model_bytes'] / 1e6:.1f} MB), "
        f"final training {final['train_seconds_wall']}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
