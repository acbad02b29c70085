"""Reading and checking the data files: where they are (``DATA_DIR``), TSV rows, list, date and
sector cells, code patterns, YAML with the line of every mapping; ``DictionaryError`` names the
file and line of a malformed row."""

from __future__ import annotations

import datetime as _dt
import operator
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import yaml

from ..codes import SECTORS

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


class DictionaryError(ValueError):
    """A malformed data file; the message starts with ``file:line:``."""

    def __init__(self, path: Path | str, line: int | None, message: str):
        self.path = str(path)
        self.line = line
        where = f"{self.path}:{line}" if line else self.path
        super().__init__(f"{where}: {message}")


def _split_list(cell: str) -> list[str]:
    return [v.strip() for v in cell.split("|") if v.strip()] if cell else []


def _read_tsv(
    path: Path, required: Iterable[str], as_tuple: bool = False
) -> Iterator[tuple[int, Any]]:
    """Rows of a TSV file with a header line after its comment lines.

    Yields ``(line number, row)``: a dict by column name, or with
    ``as_tuple`` a tuple in the order of ``required``. Short rows are padded
    (editors drop trailing tabs); a row longer than the header is an error."""
    header: list[str] | None = None
    required = tuple(required)
    order: list[int] = []
    with path.open(encoding="utf-8") as fh:
        for lineno, raw in enumerate(fh, start=1):
            line = raw.rstrip("\r\n")
            if not line or line[0] == "#" or not line.strip() or line.lstrip().startswith("#"):
                continue
            cells = line.split("\t")
            if header is None:
                header = [c.strip() for c in cells]
                missing = [c for c in required if c not in header]
                if missing:
                    raise DictionaryError(path, lineno, f"header lacks column(s) {', '.join(missing)}")
                order = [header.index(c) for c in required]
                pick = (lambda cells, i=order[0]: (cells[i],)) if len(order) == 1 else operator.itemgetter(*order)
                width = len(header)
                continue
            n = len(cells)
            if n > width:
                raise DictionaryError(path, lineno, f"{n} fields, the header has {width} (a stray tab?)")
            if n < width:
                cells += [""] * (width - n)
            if " \t" in line or "\t " in line or line[0] == " " or line[-1] == " ":
                cells = [c.strip() for c in cells]  # cells padded with blanks (rare)
            if as_tuple:
                yield lineno, pick(cells)
            else:
                yield lineno, dict(zip(header, cells))
    if header is None:
        raise DictionaryError(path, None, "no header line")



def _date_cell(path: Path, lineno: int, value: str, column: str) -> _dt.date | None:
    if not value:
        return None
    try:
        return _dt.date.fromisoformat(value)
    except ValueError:
        raise DictionaryError(path, lineno, f"{column} {value!r} is not a date (YYYY-MM-DD)") from None


def _check_period(path: Path, lineno: int, start, end) -> None:
    if start and end and end < start:
        raise DictionaryError(path, lineno, f"end {end} is before start {start}")


def _check_sector(path: Path, lineno: int, value: str | None, allowed=SECTORS) -> str | None:
    if not value:
        return None
    if value not in allowed:
        raise DictionaryError(path, lineno, f"unknown sector {value!r} (allowed: {', '.join(sorted(allowed))})")
    return value


_CODE3 = re.compile(r"^[A-Z]{3}$")
_CAMEO = re.compile(r"^(?:[A-Z]{3})+$|^[A-Z]{3}[A-Z0-9]*$")


class _LineLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml when there
    """A safe YAML loader that records the line of every mapping as ``__line__``."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> dict:
    mapping = loader.construct_mapping(node, deep=True)
    mapping["__line__"] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _read_yaml(path: Path) -> Any:
    try:
        with path.open(encoding="utf-8") as fh:
            return yaml.load(fh, Loader=_LineLoader)  # noqa: S506 (a SafeLoader subclass)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise DictionaryError(path, mark.line + 1 if mark else None, f"YAML error: {exc}") from None
