"""Write `data/cameo_plover.tsv`: every CAMEO event code with its PLOVER type, mode, context and Goldstein score.

Reads the CAMEO→PLOVER table and the Goldstein scale from ``../shared/data/plover``
(facts, not copied: only code, type, mode, context and score are kept), applies
the version-2 conventions of `data/plover_v2.yaml` and writes a compact TSV that
the coder loads at run time::

    python -m lagebild.events.build_ontology [--plover DIR] [--out FILE]
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import yaml

DATA = Path(__file__).resolve().parent / "data"
OUT = DATA / "cameo_plover.tsv"
OVERRIDES = DATA / "plover_v2.yaml"
DEFAULT_PLOVER = Path(__file__).resolve().parents[3] / ".." / "shared" / "data" / "plover"

ROW = re.compile(r"^(\d{2,4}):\s*([A-Z]+)\s*(?:,([^,#]*))?(?:,([^#]*))?(?:#\s*(.*))?$")

HEADER = (
    "# cameo_plover.tsv: CAMEO event code → PLOVER type, mode, context and Goldstein score.\n"
    "# Written by `python -m lagebild.events.build_ontology` from CAMEO2PLOVER-2021.txt and\n"
    "# cameo_goldstein.tsv (../shared/data/plover, CC BY-SA 4.0: facts) with the version-2\n"
    "# conventions of plover_v2.yaml. Do not edit by hand; edit plover_v2.yaml and rebuild.\n"
)


def parse_table(path: Path) -> dict[str, dict]:
    rows: dict[str, dict] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        m = ROW.match(line.strip())
        if not m:
            continue
        code, ptype, mode, context, desc = m.groups()
        if code in rows:  # "08: CONCEDE" then "08: RETREAT", "175" twice: the first wins
            continue
        context = (context or "").split("21.09")[0]  # a dated editor's note after the context
        rows[code] = {
            "type": ptype.strip(),
            "mode": (mode or "").strip().replace(" ", "") or None,
            "context": ";".join(c.strip() for c in context.split(";") if c.strip()) or None,
            "description": (desc or "").strip(),
        }
    return rows


def parse_goldstein(path: Path) -> dict[str, float]:
    scores: dict[str, float] = {}
    for line in path.read_text(encoding="utf-8").splitlines()[1:]:
        parts = line.split("\t")
        if len(parts) >= 2 and parts[0].strip().isdigit():
            scores[parts[0].strip()] = float(parts[1])
    return scores


def build(plover_dir: Path) -> list[dict]:
    table = parse_table(plover_dir / "CAMEO2PLOVER-2021.txt")
    goldstein = parse_goldstein(plover_dir / "cameo_goldstein.tsv")
    conf = yaml.safe_load(OVERRIDES.read_text(encoding="utf-8"))
    for code, change in (conf.get("overrides") or {}).items():
        row = table.setdefault(str(code), {"type": None, "mode": None, "context": None, "description": ""})
        row.update(change)
    skip = {str(c) for c in conf.get("not_events", [])}
    out = []
    for code in sorted(table, key=lambda c: (c[:2], c)):
        if code[:2] in skip:
            continue
        row = table[code]
        score = goldstein.get(code)
        probe = code
        while score is None and len(probe) > 2:  # a 4-digit code without a score: its parent's
            probe = probe[:-1]
            score = goldstein.get(probe)
        out.append({"code": code, **row, "goldstein": score})
    return out


def write(rows: list[dict], path: Path) -> None:
    lines = [HEADER, "code\ttype\tmode\tcontext\tgoldstein\n"]
    for r in rows:
        g = "" if r["goldstein"] is None else f"{r['goldstein']:g}"
        lines.append(f"{r['code']}\t{r['type']}\t{r['mode'] or ''}\t{r['context'] or ''}\t{g}\n")
    path.write_text("".join(lines), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--plover", type=Path, default=DEFAULT_PLOVER, help="folder with CAMEO2PLOVER-2021.txt")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    if not (args.plover / "CAMEO2PLOVER-2021.txt").exists():
        print(f"not found: {args.plover / 'CAMEO2PLOVER-2021.txt'}", file=sys.stderr)
        return 2
    rows = build(args.plover)
    write(rows, args.out)
    print(f"{len(rows)} codes → {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
