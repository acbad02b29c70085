"""The Python API: analyze() on text, HTML and paths, with metadata; the contract's record shape."""

import pytest

import lagebild
from lagebild.read import InputError
from tests.conftest import EXAMPLES

CONTRACT_STRUCTURE_FIELDS = {"id", "source", "language", "layers", "title", "published", "lead", "caption",
                             "image_credit", "author", "dateline", "sections", "notes", "text"}


def test_analyze_text_with_metadata():
    article = lagebild.analyze("Der erste Absatz des Artikels über den Gipfel.", title="Gipfel in Rom",
                               published="2021-10-30T12:00:00Z", url="https://x.example/gipfel", id="rom-1")
    record = article.to_dict()
    assert CONTRACT_STRUCTURE_FIELDS <= record.keys()
    assert record["id"] == "rom-1"
    assert record["title"] == "Gipfel in Rom"
    assert record["published"] == "2021-10-30T14:00:00+02:00"
    assert record["source"] == {"path": "<string>", "format": "text", "url": "https://x.example/gipfel"}
    assert record["sections"][0]["paragraphs"] == ["Der erste Absatz des Artikels über den Gipfel."]
    assert record["text"] == "Gipfel in Rom\n\nDer erste Absatz des Artikels über den Gipfel."


def test_analyze_path_and_html_example():
    path = EXAMPLES / "2016-07-12-schiedsspruch-suedchinesisches-meer.html"
    article = lagebild.analyze(path)
    assert article.source.format == "html" and article.title
    assert lagebild.analyze(str(path)).id == article.id


def test_analyze_rejects_bad_input_and_unknown_metadata(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    with pytest.raises(InputError, match="empty.txt: empty file"):
        lagebild.analyze(empty)
    with pytest.raises(InputError, match="holds 2 articles"):
        lagebild.analyze(EXAMPLES / "wire.jsonl")
    with pytest.raises(TypeError, match="unknown metadata"):
        lagebild.analyze("Text", autor="x")


def test_analyze_many_streams_articles_and_failures(tmp_path):
    (tmp_path / "bad.txt").write_bytes(b"")
    items = list(lagebild.analyze_many([EXAMPLES, tmp_path]))
    assert len(items) == 10
    assert sum(isinstance(i, lagebild.record.Article) for i in items) == 9


def test_long_text_is_never_mistaken_for_a_path():
    text = ("Ein sehr langer Absatz ohne Zeilenumbruch. " * 40).strip()
    assert lagebild.analyze(text).title == text  # one paragraph: it is the title (contract)
    assert lagebild.analyze("Titel\n\n" + text).sections[0].paragraphs == [text]
    assert lagebild.analyze("kurzer-text-ohne-datei.txt").title == "kurzer-text-ohne-datei.txt"
