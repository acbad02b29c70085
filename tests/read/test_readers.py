"""Readers: encodings, formats, folders, stdin, and every kind of bad input."""

import io
import json

import pytest

from lagebild.read import InputError, Reader, ReadFailure
from lagebild.record import RawDocument

ARTICLE = "Minister treffen sich in Genf\n\nDie Außenminister beraten über Sanktionen gegen Pjöngjang. Größere Fortschritte gab es nicht.\n"


def read_all(*paths, **kw):
    return list(Reader(**kw)(paths))


@pytest.mark.parametrize(
    "encoded",
    [ARTICLE.encode("utf-8"), b"\xef\xbb\xbf" + ARTICLE.encode("utf-8"), ARTICLE.encode("cp1252"), ARTICLE.encode("latin-1"),
     ARTICLE.replace("\n", "\r\n").encode("utf-8"), ARTICLE.encode("utf-16")],
    ids=["utf8", "utf8-bom", "cp1252", "latin1", "crlf", "utf16-bom"],
)
def test_text_encodings_decode_to_the_same_text(tmp_path, encoded):
    path = tmp_path / "a.txt"
    path.write_bytes(encoded)
    [doc] = read_all(path)
    assert isinstance(doc, RawDocument)
    assert doc.content == ARTICLE
    assert doc.source.format == "text"


def test_cp1252_typographic_quotes(tmp_path):
    text = "Titel\n\n„Wir sind bereit“, sagte er – und ging.\n"
    path = tmp_path / "a.txt"
    path.write_bytes(text.encode("cp1252"))
    assert read_all(path)[0].content == text


@pytest.mark.parametrize(
    "data, problem",
    [(b"", "empty file"), (b"   \n\n  ", "empty file"), (b"\x00\x01\x02\x03binary\x00\xff" * 50, "binary file"),
     (b"Hallo \x81\x8d\x90\x9d Welt, das ist kein Text in einer bekannten Kodierung.", "undecodable bytes")],
    ids=["empty", "whitespace", "binary", "undecodable"],
)
def test_bad_files_fail_with_file_and_problem(tmp_path, data, problem):
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    [failure] = read_all(path)
    assert isinstance(failure, ReadFailure)
    assert failure.path == str(path)
    assert problem in failure.reason


def test_size_limit(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text(ARTICLE * 100, encoding="utf-8")
    [failure] = read_all(path, max_bytes=1000)
    assert isinstance(failure, ReadFailure) and "size limit" in failure.reason
    [ok] = read_all(path)  # default limit is 20 MB
    assert isinstance(ok, RawDocument)


def test_missing_path_fails_cleanly(tmp_path):
    [failure] = read_all(tmp_path / "nope.txt")
    assert failure.reason == "no such file or directory"
    link = tmp_path / "dangling.txt"
    link.symlink_to(tmp_path / "gone.txt")
    [failure] = read_all(link)
    assert failure.path == str(link) and "no such file" in failure.reason


def test_unreadable_file_fails_cleanly(tmp_path, monkeypatch):
    path = tmp_path / "locked.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    real_read = type(path).read_bytes

    def denied(self):
        if self == path:
            raise PermissionError(13, "Permission denied", str(self))
        return real_read(self)

    monkeypatch.setattr(type(path), "read_bytes", denied)  # root ignores chmod, so simulate the OS refusal
    [failure] = read_all(path)
    assert failure.reason == "permission denied"


def test_jsonl_with_one_broken_line(tmp_path):
    path = tmp_path / "feed.jsonl"
    lines = [
        json.dumps({"id": "a1", "title": "Erster Titel", "text": "Erster Absatz.", "published": "2020-01-19T22:45:00+01:00", "url": "https://x.example/1"}),
        '{"id": "a2", "text": "kaputt',
        json.dumps({"id": "a3", "html": "<html><body><article><h1>Dritter</h1><p>Absatz drei ist hier.</p></article></body></html>"}),
        json.dumps({"id": "a4", "title": "ohne Text"}),
        json.dumps(["keine", "Zeitung"]),
    ]
    path.write_text("\n".join(lines) + "\n\n", encoding="utf-8")
    items = read_all(path)
    assert [type(i).__name__ for i in items] == ["RawDocument", "ReadFailure", "RawDocument", "ReadFailure", "ReadFailure"]
    assert items[0].given_id == "a1" and items[0].source.url == "https://x.example/1" and items[0].source.path == f"{path}:1"
    assert items[1].path == f"{path}:2" and "invalid JSON" in items[1].reason
    assert items[2].source.format == "html"
    assert "neither" in items[3].reason
    assert "must be an object" in items[4].reason


def test_malformed_and_truncated_html(tmp_path):
    truncated = tmp_path / "cut.html"
    truncated.write_text("<html><body><article><h1>Titel</h1><p>Der Absatz bricht ab", encoding="utf-8")
    [doc] = read_all(truncated)
    assert any("truncated" in w for w in doc.warnings)
    garbage = tmp_path / "garbage.html"
    garbage.write_text("this is not markup at all, just words", encoding="utf-8")
    [failure] = read_all(garbage)
    assert isinstance(failure, ReadFailure) and "malformed HTML" in failure.reason


def test_html_in_declared_legacy_charset(tmp_path):
    path = tmp_path / "alt.htm"
    path.write_bytes('<html><head><meta charset="windows-1252"></head><body><h1>Größer</h1><p>Text über Straßen.</p></body></html>'.encode("cp1252"))
    [doc] = read_all(path)
    assert "Größer" in doc.content


def test_directory_is_walked_recursively_by_extension(tmp_path):
    (tmp_path / "sub" / "deeper").mkdir(parents=True)
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "sub" / "b.html").write_text("<html><body><h1>B</h1><p>Text.</p></body></html>", encoding="utf-8")
    (tmp_path / "sub" / "deeper" / "c.jsonl").write_text(json.dumps({"text": "C\n\nText."}) + "\n", encoding="utf-8")
    (tmp_path / "sub" / "image.png").write_bytes(b"\x89PNG\x00\x00")
    (tmp_path / ".hidden.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    items = read_all(tmp_path)
    good = [i.source.path for i in items if isinstance(i, RawDocument)]
    bad = [i.path for i in items if isinstance(i, ReadFailure)]
    assert good == [str(tmp_path / "a.txt"), str(tmp_path / "sub" / "b.html"), f"{tmp_path / 'sub' / 'deeper' / 'c.jsonl'}:1"]
    assert bad == [str(tmp_path / "empty.txt")]


def test_stdin_is_sniffed():
    reader = Reader()
    [doc] = reader(["-"], stdin=io.BytesIO(ARTICLE.encode("utf-8")))
    assert doc.source.path == "-" and doc.source.format == "text"
    [doc] = reader(["-"], stdin=io.BytesIO(b"<!DOCTYPE html><html><body><p>x</p></body></html>"))
    assert doc.source.format == "html"
    docs = list(reader(["-"], stdin=io.BytesIO(b'{"text": "A\\n\\nB."}\n{"text": "C\\n\\nD."}\n')))
    assert [d.source.path for d in docs] == ["-:1", "-:2"]


def test_input_error_message_names_file_and_problem():
    exc = InputError("some/file.txt", "empty file")
    assert str(exc) == "some/file.txt: empty file"
