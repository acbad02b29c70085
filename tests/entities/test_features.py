"""Lexical features of the entity recogniser (no trained model needed)."""

from pathlib import Path

from lagebild.entities import features

ACTORS = Path(features.__file__).resolve().parents[1] / "actors" / "data"


def test_lexicon_word_class_and_flags():
    lex = features.Lexicon({"merkel": ["Last=Yes"]}, {"merkel": "E.c3", "die": "O.l3"})
    assert lex.word_class("Merkel") == "CE.c3"
    assert lex.word_class("Merkels") == "CgE.c3"  # genitive falls back to the stem
    assert lex.word_class("Die") == "CO.l3"
    assert lex.word_class("Xyzabc") == "Cu"
    assert lex.word_class("2017") == "x"
    assert lex.morph("Merkel") == "Last=Yes"
    again = features.Lexicon.from_json(lex.to_json())
    assert again.entries == lex.entries and again.classes == lex.classes
    old = features.Lexicon.from_json({"berlin": ["Gaz=LOC"]})  # pre-classes format
    assert old.morph("Berlin") == "Gaz=LOC" and old.classes == {}


def test_actor_flags_from_actor_dictionary():
    flags, persons = features.actor_flags(ACTORS)
    assert "Dem=Yes" in flags[features.fold("Amerikaner")]
    assert "AdjLoc=Yes" in flags[features.fold("Deutsche")]
    assert "GazOrg=Yes" in flags[features.fold("NATO")]
    assert "Gaz=LOC" in flags[features.fold("Pjöngjang")]
    assert any(p[-1] == "Merkel" for p in persons)


def test_component_sets_and_restores_features():
    import spacy
    from spacy.tokens import Doc

    nlp = spacy.blank("de")
    comp = nlp.add_pipe("lagebild_lexfeat")
    comp.set_lexicon(features.Lexicon({"merkel": ["Last=Yes"]}, {"merkel": "E.c3"}))
    nlp.add_pipe("lagebild_lexfeat_restore")
    doc = Doc(nlp.vocab, words=["Angela", "Merkel", "sagte", ":", "Ja"], lemmas=["a", "b", "c", "d", "e"])
    comp(doc)
    seen = [t.lemma_ for t in doc]
    assert seen[0].startswith("I") and seen[1] == "CE.c3" and seen[4].startswith("I")
    assert str(doc[1].morph) == "Last=Yes"
    doc = nlp.get_pipe("lagebild_lexfeat_restore")(doc)
    assert [t.lemma_ for t in doc] == ["a", "b", "c", "d", "e"]
    assert str(doc[1].morph) == ""


def test_currency_and_web_flags_only_when_built_with_them():
    lex = features.Lexicon({"euro": ["Cur=Yes"], "$": ["Cur=Yes"], "<web>": ["Web=Yes"]})
    assert lex.morph("Euro") == "Cur=Yes" and lex.morph("$") == "Cur=Yes"
    assert lex.morph("stern.de") == "Web=Yes" and lex.morph("info@example.com") == "Web=Yes"
    assert lex.morph("Haus") == "" and lex.morph("z.B.") == ""
    old = features.Lexicon({"euro": ["Cur=Yes"], "$": ["Cur=Yes"]})  # no marker: as before
    assert old.morph("stern.de") == "" and old.morph("$") == ""


def test_currency_tokens_from_gazetteer():
    from lagebild.entities import corpora

    shared = corpora.shared_data_dir()
    if shared is None or not (shared / "gazetteers" / "mledoze_countries").exists():
        import pytest

        pytest.skip("shared data not available")
    toks = features.currency_tokens(shared / "gazetteers")
    assert {"eur", "usd", "chf", "dollar", "euro", "$", "franken"} <= toks
    assert "all" not in toks and "cup" not in toks


def test_faker_name_lists_latin_script_only():
    import pytest

    pytest.importorskip("faker", reason="Faker is not a dependency (the name_lists experiment needs pip install faker)")
    first, last = features.faker_person_names()
    assert {"Mladen", "Antoine", "Aron"} <= first and {"Kolb", "Sammer"} <= last
    assert len(first) > 10_000 and len(last) > 10_000
    assert all(features._LATIN_NAME.match(n) for n in list(first)[:2000] + list(last)[:2000])
    assert not any("Ива" in n or "王" in n for n in first | last)  # no Cyrillic or Chinese script


def test_extra_names_become_name_flags(tmp_path):
    (tmp_path / "gazetteers").mkdir()
    (tmp_path / "petrarch2_dictionaries").mkdir()
    (tmp_path / "petrarch2_dictionaries" / "Phoenix.Countries.actors.txt").write_text("", encoding="utf-8")
    lex = features.build_lexicon(tmp_path, classes=False, extra_names=({"Mladen"}, {"Laukötter"}))
    assert lex.morph("Mladen") == "First=Yes" and lex.morph("Laukötter") == "Last=Yes"
    plain = features.build_lexicon(tmp_path, classes=False)
    assert plain.morph("Mladen") == ""
