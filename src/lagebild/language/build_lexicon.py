"""Build the shipped HanTa lexicon: `python -m lagebild.language.build_lexicon`.

Runs the language layer's tokenizer over German text that
may be shipped from (`../shared/data/README.md`, *ship: yes*): Bundestag
speeches (public domain), NTREX-128 news, Europarl NER, GermEval 2014 dev,
UD German GSD/PUD, SpkAtt-2023 task 1 and the SmartData corpus — never
Wikinews, 10kGNAD or SpkAtt task 2 (non-commercial) — plus lagebild's own
word lists (actor names and titles, event verbs and nouns, speech verbs,
temporal expressions under `lagebild/*/data/`). For every word form HanTa
has to analyse, and for the lemmas of the forms in HanTa's own model cache
(whose candidates HanTa already knows, but whose lemmas it computes live), it
stores

* HanTa's candidate analysis (what `analyze_forward` returns, scores rounded
  to 4 decimals, candidates no case mode can use dropped), unless HanTa's own
  model cache already has the form, and
* the lemma of the form for every tag the tagger can give it (names,
  numbers, punctuation and foreign words excepted: they keep their form),

as a gzip'd TSV `data/hanta_lexicon.tsv.gz` (see `hanta.format_line`) whose
first line names the HanTa model it was built with.

Forms seen fewer than ``--min-count`` times are left out (default 1: all);
``--text FILE`` adds more text (only text whose licence allows shipping what is
derived from it).
"""

from __future__ import annotations

import argparse
import glob
import gzip
import json
import os
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Iterator

from lagebild.language.hanta import LEXICON_FORMAT, LEXICON_PATH, format_line

ROOT = Path(__file__).resolve().parents[3]
SHARED = Path(os.environ.get("LAGEBILD_SHARED", ROOT.parent / "shared"))
DATA = SHARED / "data"


# -- sources (ship: yes only) ------------------------------------------------


def _bundestag() -> Iterator[str]:
    with (DATA / "corpora" / "bundestag_speeches.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            yield " ".join(json.loads(line)["sentences"])


def _ntrex() -> Iterator[str]:
    with (DATA / "corpora" / "ntrex128_news_de" / "newstest2019-ref.deu.txt").open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield line.strip()


def _token_columns(pattern: str, column: int, comment: str | None = None) -> Iterator[str]:
    for path in sorted(glob.glob(str(DATA / pattern))):
        words: list[str] = []
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                if comment and line.startswith(comment):
                    continue
                cols = line.rstrip("\n").split("\t")
                if len(cols) <= column or not cols[column]:
                    if words:
                        yield " ".join(words)
                        words = []
                    continue
                words.append(cols[column])
        if words:
            yield " ".join(words)


def _europarl() -> Iterator[str]:
    yield from _token_columns("europarl_ner_de/*.tsv", 0)


def _germeval() -> Iterator[str]:
    yield from _token_columns("germeval2014/germeval2014_dev.tsv", 1, comment="#")


def _ud() -> Iterator[str]:
    for path in sorted(glob.glob(str(DATA / "ud_german" / "*" / "*.conllu"))):
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("# text = "):
                    yield line[len("# text = ") :].strip()


def _spkatt_task1() -> Iterator[str]:
    for path in sorted(glob.glob(str(DATA / "spkatt2023_task1_bundestag" / "*" / "*.json"))):
        try:
            doc = json.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        sentences = doc.get("Sentences") if isinstance(doc, dict) else None
        if sentences:
            yield " ".join(" ".join(s.get("Tokens", [])) for s in sentences)


def _smartdata() -> Iterator[str]:
    from lagebild.entities.corpora import iter_avro_json  # the corpus readers of the NER training

    seen: set[str] = set()
    for path in sorted(glob.glob(str(DATA / "smartdata_corpus" / "*.json.gz"))):
        for obj in iter_avro_json(path):
            doc_id = obj.get("id")
            body = obj.get("text")
            if isinstance(body, dict):
                body = body.get("string")
            lang = obj.get("langCode")
            if isinstance(lang, dict):
                lang = lang.get("string")
            if doc_id in seen or not body or (lang or "de") != "de":
                continue
            seen.add(doc_id)
            yield body.replace("\r\n", "\n")


PROJECT_DATA = Path(__file__).resolve().parents[1]


def _project_data() -> Iterator[str]:
    """lagebild's own German word lists (actor names and titles, event verbs and nouns, speech
    verbs, temporal expressions): ours to ship (MIT, facts from PETRARCH2's MIT dictionaries)."""
    for pattern in ("actors/data/*.tsv", "actors/data/*.yaml", "events/data/nouns.yaml", "events/data/verbs.yaml",
                    "quotes/data/*.yaml", "time/data/*.yaml"):
        for path in sorted(PROJECT_DATA.glob(pattern)):
            text = path.read_text(encoding="utf-8")
            # one text per line, punctuation of the file formats apart
            for line in text.splitlines():
                line = line.translate(_FORMAT_CHARS).strip()
                if line and not line.startswith("#"):
                    yield line


_FORMAT_CHARS = str.maketrans({c: " " for c in "\t|[]{}:;,_=<>/\"\'"})


def _text_files(paths: list[Path]) -> Iterator[str]:
    """Extra text the user may ship from: plain text (one text per blank-line block) or JSON Lines
    with "text" or "sentences"."""
    for path in paths:
        if path.suffix in (".jsonl", ".ndjson"):
            with path.open(encoding="utf-8") as fh:
                for line in fh:
                    if line.strip():
                        rec = json.loads(line)
                        text = rec.get("text") or " ".join(rec.get("sentences") or [])
                        if text:
                            yield text
        else:
            for block in path.read_text(encoding="utf-8").split("\n\n"):
                if block.strip():
                    yield block


SOURCES = {
    "bundestag_speeches": _bundestag,
    "ntrex128": _ntrex,
    "europarl_ner": _europarl,
    "germeval2014_dev": _germeval,
    "ud_german": _ud,
    "spkatt2023_task1": _spkatt_task1,
    "smartdata": _smartdata,
    "lagebild_data": _project_data,
}


# -- build ---------------------------------------------------------------------


def build(out: Path, min_count: int = 1, sources: list[str] | None = None, limit: int | None = None,
          texts_from: list[Path] | None = None, own_cache: bool = True) -> dict:
    from lagebild.language import build_language

    nlp = build_language({"lagebild_hanta": {"lexicon": False, "user_cache": False}})
    component = nlp.get_pipe("lagebild_hanta")
    hanta = component.hanta
    keep_form = component.keep_form
    counts: Counter[str] = Counter()  # normalised forms HanTa read
    texts = 0
    started = time.perf_counter()
    seen_texts: set[int] = set()
    readers = {name: SOURCES[name] for name in (sources or list(SOURCES))}
    if texts_from:
        readers["--text"] = lambda: _text_files(texts_from)
    for name, read in readers.items():
        n_source = 0
        try:
            docs = list(read())
        except FileNotFoundError as exc:
            print(f"  {name}: missing ({exc.filename}), skipped", file=sys.stderr)
            continue
        docs = [d for d in docs if hash(d) not in seen_texts and not seen_texts.add(hash(d))]
        if limit:
            docs = docs[:limit]
        for doc in nlp.tokenizer.pipe(docs, batch_size=64):
            for t in doc:
                if not t.is_space:
                    counts[hanta.normalize(component.prep(t.text)[0])] += 1
            n_source += 1
        texts += n_source
        print(f"  {name}: {n_source} texts, {len(counts)} forms so far, {time.perf_counter() - started:.0f} s",
              file=sys.stderr)

    # every form seen at least min_count times: candidates (unless in HanTa's own cache) and
    # the lemma for each tag the tagger may give it
    names = hanta.int2tag
    lines = []
    n_lemmas = 0
    forms = {f for f, c in counts.items() if c >= min_count}
    if own_cache:
        # HanTa's own model cache: candidates known, but lemmas are computed live; add them
        forms |= set(hanta._hanta_cache)
    forms = sorted(forms)
    for k, form in enumerate(forms):
        if not form or "\t" in form or "\n" in form:
            continue
        own = hanta._hanta_cache.get(form)
        cand = None if own is not None else hanta.forward(form)
        tags = set()
        for mode in (0, 1, 2):
            adj = hanta._adjust(own if own is not None else cand, mode)
            if own is None and adj:
                limit_p = adj[0][1] - 5
                adj = [(t, p) for t, p in adj if p >= limit_p]
            tags.update(t for t, _ in adj)
        lemmas = {}
        if any(ch.isalpha() for ch in form):
            for tag in sorted(tags):
                name = names.get(tag, "XY")
                stts = component.to_stts.get(name, name)
                if stts in keep_form or tag <= 3:
                    continue
                lemma = hanta.lemma(form, tag)
                if "|" in lemma or "\t" in lemma or "\n" in lemma:
                    continue
                lemmas[name] = lemma
        n_lemmas += len(lemmas)
        if cand is None and not lemmas:
            continue
        lines.append(format_line(form, None if cand is None else [(names[t], p) for t, p in cand], lemmas))
        if k and k % 5000 == 0:
            print(f"  analysed {k}/{len(forms)} forms, {time.perf_counter() - started:.0f} s", file=sys.stderr)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(".tmp")
    with gzip.open(tmp, "wt", encoding="utf-8", compresslevel=9) as fh:
        fh.write(f"# {LEXICON_FORMAT}\t{hanta.signature}\n")
        fh.writelines(lines)
    os.replace(tmp, out)
    return {"texts": texts, "tokens": sum(counts.values()), "forms": len(forms), "lines": len(lines),
            "lemmas": n_lemmas, "bytes": out.stat().st_size, "seconds": time.perf_counter() - started}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=LEXICON_PATH)
    parser.add_argument("--min-count", type=int, default=1)
    parser.add_argument("--source", action="append", choices=sorted(SOURCES), help="only these sources (repeatable)")
    parser.add_argument("--limit", type=int, default=None, help="at most N texts per source (for a quick check)")
    parser.add_argument("--text", type=Path, action="append", default=[],
                        help="more German text to take forms from (.txt or .jsonl; only text you may ship from)")
    args = parser.parse_args(argv)
    if not DATA.exists():
        print(f"shared data not found under {DATA}", file=sys.stderr)
        return 1
    report = build(args.out, args.min_count, args.source, args.limit, args.text)
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
