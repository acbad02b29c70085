"""Bytes → text: UTF-8 (with or without BOM), UTF-16 with BOM, cp1252 and latin-1.

A file is rejected, with the reason, when it is empty, binary, or not text in
any of these encodings. Line endings are normalised to ``\\n``.
"""

from __future__ import annotations

import codecs
import re

from lagebild.read.errors import InputError

# C0 controls other than tab/newline/CR/form feed, and the C1 range: text
# decoded into these is not text.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


def looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample and not sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return True
    controls = sum(1 for b in sample if b < 9 or 13 < b < 32)
    return controls > max(8, len(sample) // 100)


def decode_bytes(data: bytes, path: str) -> tuple[str, str]:
    """Returns (text, encoding) or raises InputError naming the file."""
    if not data.strip():
        raise InputError(path, "empty file")
    if data.startswith(codecs.BOM_UTF8):
        text, encoding = _strict(data[3:], "utf-8", path), "utf-8-sig"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text, encoding = _strict(data, "utf-16", path), "utf-16"
    elif looks_binary(data):
        raise InputError(path, "binary file, not text (contains NUL or control bytes)")
    else:
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            text, encoding = _legacy(data, path)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError(path, "empty file (only whitespace)")
    return text, encoding


def _strict(data: bytes, encoding: str, path: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(path, f"undecodable bytes: not valid {encoding} at byte {exc.start}") from exc


def _legacy(data: bytes, path: str) -> tuple[str, str]:
    """Windows-1252 first (what German Windows software writes), latin-1 second.

    Latin-1 maps every byte, so a result is only accepted if it holds no
    control characters: bytes 0x80–0x9F in a file that is not cp1252 are a
    sign of some other encoding, and guessing would mangle the text.
    """
    for encoding in ("cp1252", "latin-1"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if not _CONTROL.search(text):
            return text, encoding
    first_bad = next((i for i, b in enumerate(data) if b >= 0x80), 0)
    raise InputError(
        path, f"undecodable bytes: not UTF-8, Windows-1252 or Latin-1 text (first non-ASCII byte at offset {first_bad})"
    )
