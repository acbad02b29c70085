"""The seed article (tagesschau, 2017-08-17) end to end through the structure layer."""

from tests.conftest import SEED, need_shared

import lagebild


def test_seed_article_structure():
    need_shared("examples", "tagesschau-2017-08-17.txt")
    article = lagebild.analyze(SEED)
    record = article.to_dict()
    assert record["title"] == "USA und Japan Zusammenrücken gegen Kim"
    assert record["published"] == "2017-08-17T22:11:00+02:00"
    assert record["caption"] == "US-Außenminister Rex Tillerson (re.) mit seinem japanischen Amtskollegen Taro Kono."
    assert record["image_credit"] == "REUTERS"
    assert record["lead"].startswith("Gemeinsam sind wir stärker - unter diesem Motto")
    assert record["lead"].endswith("Doch nicht nur Pjöngjang könnte dadurch stärker unter Druck geraten.")
    assert [s["heading"] for s in record["sections"]] == [
        None,
        "Mattis droht erneut mit militärischen Konsequenzen",
        "Hat auch China das Nachsehen?",
    ]
    assert [len(s["paragraphs"]) for s in record["sections"]] == [3, 3, 1]
    assert record["sections"][0]["paragraphs"][0].startswith("Die USA und Japan gelten diplomatisch")
    assert record["sections"][2]["paragraphs"][0].endswith("alles andere werde Washington nicht hinnehmen.")
    assert record["notes"] == ["Über dieses Thema berichtete Inforadio am 17. August 2017 um 08:45 Uhr."]
    assert record["author"] is None and record["dateline"] is None
    assert record["language"] == "de"
    assert record["layers"][0] == "structure"
    serialised = str(record)
    assert "Darstellung" not in serialised
    assert "Bildquelle" not in serialised
    assert "Stand:" not in serialised


def test_seed_text_offsets_cover_title_lead_and_body():
    need_shared("examples", "tagesschau-2017-08-17.txt")
    article = lagebild.analyze(SEED)
    assert article.text.startswith(article.title + "\n\n" + article.lead + "\n\n")
    for paragraph in article.paragraphs:
        start = article.text.index(paragraph)
        assert article.text[start:start + len(paragraph)] == paragraph


def test_seed_id_is_stable_across_encodings(tmp_path):
    need_shared("examples", "tagesschau-2017-08-17.txt")
    text = SEED.read_text(encoding="utf-8")
    crlf_bom = tmp_path / "seed-bom-crlf.txt"
    crlf_bom.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    latin = tmp_path / "seed-cp1252.txt"
    latin.write_bytes(text.encode("cp1252"))
    ids = {lagebild.analyze(p).id for p in (SEED, crlf_bom, latin)}
    assert len(ids) == 1
