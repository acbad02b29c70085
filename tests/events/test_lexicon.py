"""The event dictionary: well-formed, complete over CAMEO and PLOVER, indexed by lemma."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from lagebild.events import build_ontology
from lagebild.events.lexicon import DATA, EventLexicon, LexiconError, PLOVER_TYPES

ROOT = Path(__file__).resolve().parents[2]
PLOVER = ROOT.parent / "shared" / "data" / "plover"


@pytest.fixture(scope="module")
def lex():
    return EventLexicon.load()


def test_ids_are_unique_across_files():
    ids = []
    for name in ("verbs.yaml", "nouns.yaml"):
        data = yaml.safe_load((DATA / name).read_text(encoding="utf-8"))
        for key in ("verbs", "nouns", "idioms", "predicates"):
            ids += [e["id"] for e in data.get(key) or []]
    dupes = {i for i in ids if ids.count(i) > 1}
    assert not dupes, dupes


def test_size(lex):
    assert len(lex.by_id) >= 500


def test_every_cameo_root_and_plover_type_is_covered(lex):
    codes = [lex.code(e.cameo) for e in lex.by_id.values() if e.cameo]
    roots = {c.code[:2] for c in codes}
    assert roots >= {f"{i:02d}" for i in range(3, 21)}
    types = {e.type or lex.code(e.cameo).type for e in lex.by_id.values() if e.cameo}
    assert types == PLOVER_TYPES
    # CAMEO 01 and 02 (plain statements) are not coded
    assert not {"01", "02"} & roots and "010" not in lex.codes


def test_ontology_row(lex):
    c = lex.code("138")
    assert (c.type, c.mode, c.goldstein) == ("THREATEN", "violence", -7.0)
    assert lex.code("163").type == "SANCTION"  # PLOVER v2: sanctions are SANCTION discontinue
    assert lex.code("0312").context == "military"


def test_compound_nouns_by_head(lex):
    assert lex.noun("Raketentest")[0].id == "n.raketentest"
    assert lex.noun("Massenprotest")[0].id == "n.massenprotest"
    e, head = lex.noun("Krisentreffen")
    assert e is not None and e.cameo.startswith("04")
    assert lex.noun("Außenministertreffen")[1] == "treffen"
    assert lex.noun("Tisch") == (None, "")


def test_verbs_indexed_by_full_lemma(lex):
    assert any(e.id == "v.zusammenkommen" for e in lex.verbs["zusammenkommen"])
    assert lex.verbs["drohen"][0].conditions >= lex.verbs["drohen"][-1].conditions


def test_user_file_extends_and_overrides(tmp_path):
    extra = tmp_path / "mine.yaml"
    extra.write_text("verbs:\n- {id: v.kritisieren, lemma: kritisieren, cameo: '112'}\n"
                     "- {id: my.anschwärzen, lemma: anschwärzen, cameo: '111'}\n", encoding="utf-8")
    lex = EventLexicon.load(extra=[extra])
    assert lex.by_id["v.kritisieren"].cameo == "112"
    assert lex.verbs["anschwärzen"][0].id == "my.anschwärzen"


def test_bad_entries_are_reported(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("verbs:\n- {id: x.y, lemma: foo, cameo: '999'}\n", encoding="utf-8")
    with pytest.raises(LexiconError, match="x.y"):
        EventLexicon.load(extra=[bad])


@pytest.mark.skipif(not (PLOVER / "CAMEO2PLOVER-2021.txt").exists(), reason="../shared/data/plover not available")
def test_ontology_file_is_up_to_date(tmp_path):
    out = tmp_path / "cameo_plover.tsv"
    assert build_ontology.main(["--plover", str(PLOVER), "--out", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == (DATA / "cameo_plover.tsv").read_text(encoding="utf-8"), (
        "cameo_plover.tsv differs from a fresh build: run python -m lagebild.events.build_ontology")
