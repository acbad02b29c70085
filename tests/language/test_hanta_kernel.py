"""The compiled HanTa kernel (`lagebild.language._hanta_kernel`) gives what the pure-Python code gives.

Compared: candidates (`FastAnalysis.forward`, unrounded, with numpy's types
where HanTa has them), lemma analyses (`FastAnalysis.viterbi`), sentence tags
(`CachedHanTa.tag_ids`, with and without case) and (tag, lemma) per word —
on fixed German sentences and words (always), and on a few thousand words and
sentences of the Bundestag speeches in ../shared (skipped without them).
"""

from __future__ import annotations

import json
import random

import pytest

from lagebild.language import hanta as H
from tests.conftest import need_shared
from tests.language.test_hanta import SENTENCES as HANTA_SENTENCES

SENTENCES = HANTA_SENTENCES + [
    "„ Wir werden das nicht hinnehmen “ , sagte die Bundeskanzlerin am Rande des Gipfels in Brüssel .",
    "Laut Polizeiangaben wurden 17 Menschen verletzt , darunter 3 schwer ; die A 7 blieb bis 18:30 Uhr gesperrt .",
    "Der Bundestag verabschiedete das Gesetz mit 412 zu 198 Stimmen bei 7 Enthaltungen .",
    "Xyzzqw plonkt grumfig , aber Ümläüte ßind €uro-tauglich !",
    "ΑΒΓ δεζ und 東京 sowie 🙂 im Satz .",
]
# edge cases: empty, one character, past the longest morpheme (65), characters beyond U+00FF
WORDS = ["", "a", "x", "xy", "-", ".", "“", "€", "δ", "東京", "🙂", "us-außenministern", "raketenabwehrsystemen",
         "donaudampfschifffahrtsgesellschaftskapitänswitwenrentenversicherungsanstaltsdirektorin",
         "https://de.wikinews.org/wiki/eine-sehr-lange-adresse-mit-vielen-teilen-und-zeichen-2017",
         "x" * 80, "ab" * 40]


@pytest.fixture(scope="module")
def kernel():
    return pytest.importorskip("lagebild.language._hanta_kernel", reason="compiled kernel not built (no Cython or C compiler at install)")


@pytest.fixture(scope="module")
def pair(kernel):
    """(compiled, pure) FastAnalysis, each on its own HanTa instance."""
    from HanTa import HanoverTagger as ht

    return (H.FastAnalysis(ht.HanoverTagger(H.HANTA_MODEL), compiled=True),
            H.FastAnalysis(ht.HanoverTagger(H.HANTA_MODEL), compiled=False))


@pytest.fixture(scope="module")
def taggers(kernel):
    """(compiled, pure) CachedHanTa without lexicon, so that everything is analysed live."""
    return H.CachedHanTa(lexicon=None, compiled=True), H.CachedHanTa(lexicon=None, compiled=False)


def same_analyses(pair, words):
    fk, fp = pair
    assert fk.kernel is not None and fp.kernel is None
    for w in words:
        expected = fp.forward(w)
        got = fk.forward(w)
        assert got == expected, w
        assert [type(p) for _, p in got] == [type(p) for _, p in expected], w  # numpy floats where HanTa sums
        for tag, _ in expected[:3]:
            assert fk.viterbi(w, -tag) == fp.viterbi(w, -tag), (w, tag)


def same_tags(taggers, sentences):
    tk, tp = taggers
    for words in sentences:
        assert tk.tag_ids(words) == tp.tag_ids(words), words
        assert tk.tag_ids(words, casesensitive=False) == tp.tag_ids(words, casesensitive=False), words
        caseless = [w in {"„", ":"} or (i > 0 and words[i - 1] in {"„", ":"}) for i, w in enumerate(words)]
        assert tk.tag_ids(words, caseless=caseless) == tp.tag_ids(words, caseless=caseless), words
        assert tk.tag(words) == tp.tag(words), words


def test_pure_python_switch(monkeypatch, kernel):
    monkeypatch.setenv(H.PURE_PYTHON_ENV, "1")
    assert H.kernel_module() is None
    t = H.CachedHanTa(lexicon=None)
    assert t._kmod is None and t.fast.kernel is None
    assert t.tag_ids(SENTENCES[0].split())  # the pure-Python path runs
    monkeypatch.setenv(H.PURE_PYTHON_ENV, "0")
    assert H.kernel_module() is kernel
    assert H.kernel_module(compiled=False) is None


def test_missing_kernel_falls_back_to_python(monkeypatch):
    """Not built or not importable: the pure-Python code runs (an ImportError only when asked for)."""
    import sys

    import lagebild.language

    monkeypatch.delenv(H.PURE_PYTHON_ENV, raising=False)
    monkeypatch.setitem(sys.modules, "lagebild.language._hanta_kernel", None)  # import fails
    monkeypatch.delattr(lagebild.language, "_hanta_kernel", raising=False)
    assert H.kernel_module() is None
    with pytest.raises(ImportError):
        H.kernel_module(compiled=True)
    t = H.CachedHanTa(lexicon=None)
    assert t._kmod is None and t.fast.kernel is None
    assert [tag for tag, _ in t.tag("Die Minister kamen .".split())] == ["ART", "NN", "VV(FIN)", "$."]


def test_kernel_is_used_by_default(kernel, monkeypatch):
    monkeypatch.delenv(H.PURE_PYTHON_ENV, raising=False)
    t = H.CachedHanTa(lexicon=None)
    assert t._kmod is kernel and t.fast.kernel is not None


def test_fixed_words_equal(pair):
    words = {w.lower() for s in SENTENCES for w in s.split()} | set(WORDS)
    same_analyses(pair, sorted(words))


def test_fixed_sentences_equal(taggers):
    same_tags(taggers, [s.split() for s in SENTENCES] + [["Haus"], ["."], ["xyzzqw"], ["🙂", "🙂"]])


def test_equal_to_hanta_itself(pair):
    from HanTa import HanoverTagger as ht

    ref = ht.HanoverTagger(H.HANTA_MODEL)
    fk, _ = pair
    for w in sorted({w.lower() for s in SENTENCES for w in s.split()} | set(WORDS)):
        expected = ref.analyze_forward(w)
        assert fk.forward(w) == expected, w
        for tag, _ in expected[:3]:
            assert fk.viterbi(w, -tag) == ref.analyze_viterbi(w, -tag), (w, tag)


def test_viterbi_for_any_target(pair):
    """Every final tag as target, reachable or not (no analysis: HanTa's UNKNOWN path)."""
    fk, fp = pair
    targets = sorted(t for t in fk.t.int2tag if t < 0)
    for w in ["haus", "gesprächen", "xy", "a", "😀"]:
        for t in targets:
            assert fk.viterbi(w, t) == fp.viterbi(w, t), (w, t)


def _speeches(limit_sentences: int) -> list[list[str]]:
    path = need_shared("data", "corpora", "bundestag_speeches.jsonl")
    import re

    sents = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            for s in json.loads(line)["sentences"]:
                words = re.findall(r"\w[\w\-]*|[^\w\s]", s)
                if words:
                    sents.append(words)
            if len(sents) >= limit_sentences:
                break
    return sents[:limit_sentences]


def test_corpus_words_equal(pair):
    sents = _speeches(4000)
    words = sorted({w.lower() for s in sents for w in s})
    random.Random(7).shuffle(words)
    same_analyses(pair, words[:3000])


def test_corpus_sentences_equal(taggers):
    same_tags(taggers, _speeches(600))
