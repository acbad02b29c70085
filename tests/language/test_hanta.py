"""HanTa with caches: same tags as HanTa, shipped lexicon, user cache."""

from __future__ import annotations

import gzip
import json
import multiprocessing as mp
from pathlib import Path

import pytest

from lagebild.language import hanta as H

SENTENCES = [
    "Die Außenminister der USA und Japans trafen sich am Donnerstag in Washington .",
    "Tillerson betonte , es gebe keine Bedrohung für die Region .",
    "Nordkorea hatte zuvor mit einem Angriff auf die Pazifikinsel Guam gedroht .",
    "Die Verteidigungsminister Mattis und Onodera sprachen über Raketenabwehrsysteme und Sanktionen .",
    "Ob die Gespräche erfolgreich waren , blieb zunächst unklar .",
    "Kims Regime reagierte mit Drohgebärden auf die Manöver .",
]


@pytest.fixture(scope="module")
def plain():
    """HanTa without any shipped lexicon or user cache."""
    return H.CachedHanTa(lexicon=None)


def test_viterbi_port_gives_hantas_tags(plain):
    for s in SENTENCES:
        words = s.split()
        assert plain.tag_ids(words) == plain.tagger.__class__.tag_sent_viterbi(plain.tagger, words)


def test_fast_analyses_equal_hantas():
    from HanTa import HanoverTagger as ht

    ref = ht.HanoverTagger(H.HANTA_MODEL)
    fast = H.FastAnalysis(ht.HanoverTagger(H.HANTA_MODEL))
    words = {w.lower() for s in SENTENCES for w in s.split()} | {"us-außenministern", "raketenabwehrsystemen", "a", "xy"}
    for w in sorted(words):
        expected = ref.analyze_forward(w)
        assert fast.forward(w) == expected, w
        for tag, _ in expected[:3]:
            assert fast.viterbi(w, -tag) == ref.analyze_viterbi(w, -tag), (w, tag)


def test_lemmas_as_hanta(plain):
    from HanTa import HanoverTagger as ht

    ref = ht.HanoverTagger(H.HANTA_MODEL)
    for s in SENTENCES:
        words = s.split()
        assert plain.tag(words) == [(tag, lemma) for _, lemma, tag in ref.tag_sent(words)]


def test_shipped_lexicon_is_valid_and_used():
    path = H.LEXICON_PATH
    assert path.exists(), "run python -m lagebild.language.build_lexicon"
    assert path.stat().st_size < 5 * 2**20
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        header = fh.readline()
    assert header.startswith(f"# {H.LEXICON_FORMAT}\t")
    assert header.rstrip("\n").split("\t")[1] == H.model_signature()
    tagger = H.CachedHanTa()
    assert tagger.lexicon_forms > 10_000
    # a form from the lexicon needs no live analysis and gives the same result as HanTa
    form = next(f for f in tagger._raw if tagger._raw[f].split("\t")[0] not in ("", "-") and f.isalpha())
    cand = tagger.forward(form)
    assert tagger.stats["forward_live"] == 0
    assert cand == tagger.prune([(t, round(p, H.ROUND)) for t, p in H.FastAnalysis(tagger.tagger).forward(form)])


def test_lexicon_for_another_model_is_ignored(tmp_path):
    bad = tmp_path / "lex.tsv.gz"
    with gzip.open(bad, "wt", encoding="utf-8") as fh:
        fh.write(f"# {H.LEXICON_FORMAT}\tHanTa 0.0 other.pgz 1\n")
        fh.write("haus\tNN:-1\tNN=Haus\n")
    assert H.CachedHanTa(lexicon=bad).lexicon_forms == 0


def test_user_cache_round_trip(tmp_path):
    cache = tmp_path / "forms.tsv"
    first = H.CachedHanTa(lexicon=None, user_cache=cache)
    words = "Die Quarkspeisenverkäuferin zwitscherte unverdrossen".split()
    tags = first.tag(words)
    first.flush()
    assert cache.read_text(encoding="utf-8").startswith(f"# {H.LEXICON_FORMAT}\t")
    second = H.CachedHanTa(lexicon=None, user_cache=cache)
    assert second.tag(words) == tags
    assert second.stats == {"forward_live": 0, "lemma_live": 0}


def test_user_cache_tolerates_torn_and_foreign_lines(tmp_path):
    cache = tmp_path / "forms.tsv"
    t = H.CachedHanTa(lexicon=None, user_cache=cache)
    t.tag("Die Quarkspeisenverkäuferin zwitscherte".split())
    t.flush()
    with cache.open("a", encoding="utf-8") as fh:
        fh.write("kaputt\tNN:-1")  # a torn last line (a process died mid-write)
    again = H.CachedHanTa(lexicon=None, user_cache=cache)
    assert "kaputt" not in again._raw
    assert again.tag("Die Quarkspeisenverkäuferin zwitscherte".split())
    other = tmp_path / "other.tsv"
    other.write_text("# something else\nhaus\tNN:-1\t\n", encoding="utf-8")
    ignored = H.CachedHanTa(lexicon=None, user_cache=other)
    assert "haus" not in ignored._raw
    ignored.tag(["Hausboot"])
    ignored.flush()
    assert other.read_text(encoding="utf-8") == "# something else\nhaus\tNN:-1\t\n"  # not appended to


def _fill(path: str, words: list[str], queue) -> None:
    t = H.CachedHanTa(lexicon=None, user_cache=Path(path))
    for w in words:
        t.tag([w])
        t.flush()
    queue.put(len(words))


def test_user_cache_concurrent_writers(tmp_path):
    cache = tmp_path / "forms.tsv"
    ctx = mp.get_context("spawn")
    queue = ctx.Queue()
    groups = [["Quarkspeise", "Bohnenstange", "Zitterpartie"], ["Nebelhorn", "Wackelpudding", "Sturmflutwarnung"]]
    procs = [ctx.Process(target=_fill, args=(str(cache), g, queue)) for g in groups]
    for p in procs:
        p.start()
    for p in procs:
        p.join(timeout=120)
        assert p.exitcode == 0
    text = cache.read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[0].startswith(f"# {H.LEXICON_FORMAT}") and sum(l.startswith("#") for l in lines) == 1
    forms = {l.split("\t")[0] for l in lines[1:]}
    assert {w.lower() for g in groups for w in g} <= forms
    assert all(len(l.split("\t")) == 3 for l in lines[1:])


def test_user_cache_switch(monkeypatch, tmp_path):
    monkeypatch.setenv(H.USER_CACHE_ENV, "0")
    assert H.default_user_cache() is None
    monkeypatch.setenv(H.USER_CACHE_ENV, str(tmp_path / "x.tsv"))
    assert H.default_user_cache() == tmp_path / "x.tsv"
    monkeypatch.delenv(H.USER_CACHE_ENV)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert H.default_user_cache() == tmp_path / "lagebild" / "hanta-forms.tsv"


def test_unwritable_user_cache_is_not_an_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    t = H.CachedHanTa(lexicon=None, user_cache=blocker / "sub" / "forms.tsv")
    assert t.tag(["Quarkspeise"])
    t.flush()  # cannot create the folder: silently off
    assert t.user_cache is not None and not t.user_cache.enabled


def test_bench_language_reports_throughput(nlp):
    from lagebild.language.bench import bench_language

    r = bench_language(["Tillerson betonte, es gebe keine Bedrohung.", "Die Minister kamen."], nlp=nlp, passes=2)
    assert r["texts"] == 2 and r["tokens"] == 12 and r["seconds"] > 0 and r["tokens_per_s"] > 0
    assert len(r["passes"]) == 2 and r["passes"][1]["forward_live"] == 0
    json.dumps(r)


def test_fast_analyses_equal_hantas_with_reused_prefix_rows():
    """Rows of prefixes seen before are reused (forward and viterbi): the results stay HanTa's,
    for words sharing prefixes, for long words and for the empty word."""
    from HanTa import HanoverTagger as ht

    ref = ht.HanoverTagger(H.HANTA_MODEL)
    fast = H.FastAnalysis(ht.HanoverTagger(H.HANTA_MODEL))
    words = ["raketenabwehr", "raketenabwehrsystem", "raketenabwehrsystemen", "raketentests", "raketen",
             "verteidigungsminister", "verteidigungsministerin", "verteidigungsministeriums", "ver", "",
             "donaudampfschifffahrtsgesellschaftskapitänswitwenrentenversicherungsanstaltsdirektorin",
             "https://de.wikinews.org/wiki/eine-sehr-lange-adresse-mit-vielen-teilen-und-zeichen-2017"]
    for _ in range(2):  # second round: every prefix row comes from the caches
        for w in words:
            expected = ref.analyze_forward(w)
            assert fast.forward(w) == expected, w
            for tag, _ in expected[:3]:
                assert fast.viterbi(w, -tag) == ref.analyze_viterbi(w, -tag), (w, tag)
