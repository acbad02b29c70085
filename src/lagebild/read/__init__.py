"""Reading stage: paths (files, folders, ``-`` for stdin) → RawDocument or ReadFailure.

Inputs are streamed: a folder is walked lazily and a JSON Lines file is read
line by line, so memory does not grow with the corpus. Every problem becomes
a `ReadFailure` naming the input and the problem; reading goes on with the
next input.
"""

from __future__ import annotations

import json
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Iterable, Iterator

from lagebild.read.decode import decode_bytes
from lagebild.read.errors import InputError, ReadFailure
from lagebild.record import RawDocument, Source

__all__ = ["Reader", "InputError", "ReadFailure", "DEFAULT_MAX_BYTES"]

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
TEXT_EXTENSIONS = {".txt", ".text"}
HTML_EXTENSIONS = {".html", ".htm", ".xhtml", ".shtml"}
JSONL_EXTENSIONS = {".jsonl", ".ndjson"}
JSON_EXTENSIONS = {".json"}
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w-]+)""", re.IGNORECASE)
_MARKUP = re.compile(r"<\s*(!doctype\s+html|html|head|body|article|div|p)\b", re.IGNORECASE)

Item = RawDocument | ReadFailure


@dataclass(frozen=True)
class Reader:
    """Reads inputs into RawDocuments; `max_bytes` caps the size of one file or stdin."""

    max_bytes: int = DEFAULT_MAX_BYTES

    def __call__(self, paths: Iterable[str | Path], stdin: IO[bytes] | None = None) -> Iterator[Item]:
        for path in self.files(paths):
            if isinstance(path, ReadFailure):
                yield path
            elif path == "-":
                yield from self.read_stream(stdin or sys.stdin.buffer, "-")
            else:
                try:
                    yield from self.read_file(Path(path))
                except InputError as exc:
                    yield ReadFailure(exc.path, exc.problem)

    def files(self, paths: Iterable[str | Path]) -> Iterator[str | ReadFailure]:
        """The single inputs behind `paths`: folders walked (sorted, hidden entries and
        unknown extensions skipped), files and ``-`` passed through as given."""
        for path in paths:
            path = str(path)
            if path != "-" and Path(path).is_dir():
                yield from self._walk(Path(path))
            else:
                yield path

    # ---- walking ---------------------------------------------------------------

    def _walk(self, root: Path) -> Iterator[str | ReadFailure]:
        failures: list[ReadFailure] = []

        def on_error(exc: OSError) -> None:
            failures.append(ReadFailure(str(exc.filename or root), _os_problem(exc)))

        for dirpath, dirnames, filenames in os.walk(root, onerror=on_error):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            for name in sorted(filenames):
                if not name.startswith(".") and self.format_of(Path(name)) is not None:
                    yield str(Path(dirpath) / name)
        yield from failures

    @staticmethod
    def format_of(path: Path) -> str | None:
        suffix = path.suffix.lower()
        if suffix in TEXT_EXTENSIONS:
            return "text"
        if suffix in HTML_EXTENSIONS:
            return "html"
        if suffix in JSONL_EXTENSIONS:
            return "jsonl"
        if suffix in JSON_EXTENSIONS:
            return "json"
        return None

    # ---- one file ----------------------------------------------------------------

    def read_file(self, path: Path) -> Iterator[Item]:
        name = str(path)
        try:
            size = path.stat().st_size
        except OSError as exc:
            raise InputError(name, _os_problem(exc)) from exc
        if size > self.max_bytes:
            raise InputError(name, f"file is {size / 1e6:.1f} MB, over the size limit of {self.max_bytes / 1e6:.1f} MB (--max-size)")
        fmt = self.format_of(path)
        if fmt == "jsonl":
            yield from self._jsonl_lines(path)
            return
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise InputError(name, _os_problem(exc)) from exc
        yield from self.read_bytes(data, name, fmt)

    def read_stream(self, stream: IO[bytes], name: str) -> Iterator[Item]:
        data = stream.read(self.max_bytes + 1)
        if len(data) > self.max_bytes:
            yield ReadFailure(name, f"input is over the size limit of {self.max_bytes / 1e6:.1f} MB (--max-size)")
            return
        try:
            yield from self.read_bytes(data, name, None)
        except InputError as exc:
            yield ReadFailure(exc.path, exc.problem)

    def read_bytes(self, data: bytes, name: str, fmt: str | None) -> Iterator[Item]:
        if fmt == "html":
            yield self._html(data, name)
            return
        text, _encoding = decode_bytes(data, name)
        if fmt is None:
            fmt = sniff_format(text)
        if fmt == "html":
            yield self._html(data, name)
        elif fmt in ("jsonl", "json"):
            yield from self._json_records(text, name, whole=fmt == "json")
        else:
            yield RawDocument(text, Source(name, "text"))

    def _html(self, data: bytes, name: str) -> RawDocument:
        declared = _CHARSET.search(data[:4096])
        try:
            text, _ = decode_bytes(data, name)
        except InputError:
            if not declared:
                raise
            try:
                text = data.decode(declared.group(1).decode("ascii"))
            except (LookupError, UnicodeDecodeError) as exc:
                raise InputError(name, f"undecodable bytes: not valid {declared.group(1).decode()} as the page declares") from exc
        return html_document(text, name)

    # ---- JSON ----------------------------------------------------------------------

    def _jsonl_lines(self, path: Path) -> Iterator[Item]:
        name = str(path)
        try:
            handle = path.open("rb")
        except OSError as exc:
            raise InputError(name, _os_problem(exc)) from exc
        with handle:
            seen_any = False
            for number, raw in enumerate(handle, start=1):
                if not raw.strip():
                    continue
                seen_any = True
                where = f"{name}:{number}"
                try:
                    text, _ = decode_bytes(raw, where)
                    yield record_document(_parse_json(text, where), where)
                except InputError as exc:
                    yield ReadFailure(exc.path, exc.problem)
            if not seen_any:
                yield ReadFailure(name, "empty file")

    def _json_records(self, text: str, name: str, whole: bool) -> Iterator[Item]:
        if whole:
            try:
                data = json.loads(text)
            except json.JSONDecodeError as exc:
                raise InputError(name, f"invalid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})") from exc
            records = data if isinstance(data, list) else [data]
            for index, record in enumerate(records, start=1):
                where = f"{name}:{index}" if isinstance(data, list) else name
                try:
                    yield record_document(record, where)
                except InputError as exc:
                    yield ReadFailure(exc.path, exc.problem)
            return
        for number, line in enumerate(text.split("\n"), start=1):
            if not line.strip():
                continue
            where = f"{name}:{number}"
            try:
                yield record_document(_parse_json(line, where), where)
            except InputError as exc:
                yield ReadFailure(exc.path, exc.problem)


def sniff_format(text: str) -> str:
    head = text.lstrip()[:2000]
    if head.startswith("{"):
        first = head.split("\n", 1)[0]
        try:
            json.loads(first)
            return "jsonl"
        except json.JSONDecodeError:
            return "json" if text.strip().endswith("}") else "text"
    if head.startswith("[") and text.strip().endswith("]"):
        return "json"
    if head.startswith("<") and _MARKUP.search(head):
        return "html"
    return "text"


def html_document(markup: str, name: str, **given: str | None) -> RawDocument:
    if not _MARKUP.search(markup[:100_000]):
        raise InputError(name, "malformed HTML: no HTML elements found")
    warnings = []
    tail = markup[-2000:].lower()
    if "</html>" not in tail and "</body>" not in tail:
        warnings.append("HTML looks truncated (no closing </body> or </html>): read what is there")
    return RawDocument(markup, Source(name, "html", given.pop("url", None)), warnings=tuple(warnings), **given)


def _parse_json(line: str, where: str) -> object:
    try:
        return json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(where, f"invalid JSON ({exc.msg} at column {exc.colno})") from exc


def record_document(record: object, where: str) -> RawDocument:
    """One JSON Lines record: `text` or `html`, optional `id`, `url`, `title`, `published`."""
    if not isinstance(record, dict):
        raise InputError(where, f"a JSON record must be an object, not {type(record).__name__}")
    given = {
        "given_id": _opt_str(record, "id", where),
        "given_title": _opt_str(record, "title", where),
        "given_published": _opt_str(record, "published", where),
    }
    url = _opt_str(record, "url", where)
    text, html = record.get("text"), record.get("html")
    if isinstance(html, str) and html.strip():
        return html_document(html, where, url=url, **given)
    if isinstance(text, str) and text.strip():
        return RawDocument(text.replace("\r\n", "\n"), Source(where, "jsonl", url), **given)
    raise InputError(where, "record has neither a non-empty 'text' nor 'html' field")


def _opt_str(record: dict, key: str, where: str) -> str | None:
    value = record.get(key)
    if value is None or value == "":
        return None
    if isinstance(value, (str, int)):
        return str(value)
    raise InputError(where, f"field {key!r} must be a string, not {type(value).__name__}")


def _os_problem(exc: OSError) -> str:
    if isinstance(exc, FileNotFoundError):
        return "no such file or directory"
    if isinstance(exc, PermissionError):
        return "permission denied"
    if isinstance(exc, IsADirectoryError):
        return "is a directory"
    return exc.strerror or str(exc)
