"""The `lagebild` command line: each command a few lines over the pipeline and the store."""

from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.table import Table

from lagebild import __version__

app = typer.Typer(
    help="German news → structured articles (and, layer by layer, actors, quotes and political events).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
eval_app = typer.Typer(help="Score a layer against gold data and print precision/recall/F1.", no_args_is_help=True)
app.add_typer(eval_app, name="eval")

out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)

CuesOpt = Annotated[Optional[list[Path]], typer.Option("--cues", help="Extra cue file(s) (YAML) merged over the packaged structure cues.")]
MaxSizeOpt = Annotated[float, typer.Option("--max-size", help="Largest input file to read, in MB.")]
DbOpt = Annotated[Path, typer.Option("--db", help="SQLite database file.", envvar="LAGEBILD_DB")]


class OutputFormat(str, Enum):
    json = "json"
    jsonl = "jsonl"
    pretty = "pretty"


LayersOpt = Annotated[Optional[str], typer.Option(
    "--layers", help="Comma-separated layers to run, in order: structure, language, ner (optional statistical NER, "
                     "off by default), actors, quotes, events; e.g. structure or structure,language,actors "
                     "(default: all but ner).")]


def _layer_list(layers: str | None) -> list[str] | None:
    return [name.strip() for name in layers.split(",") if name.strip()] if layers else None


def _pipeline(cues: list[Path] | None, max_size: float, layers: str | None = None):
    from lagebild.pipeline import Pipeline
    from lagebild.structure import CueFileError

    try:
        return Pipeline(cue_files=cues or (), max_bytes=int(max_size * 1024 * 1024), layers=_layer_list(layers))
    except (CueFileError, ValueError) as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2)


def _version(value: bool) -> None:
    if value:
        out.print(f"lagebild {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")] = False,
) -> None:
    """lagebild: German-language news → political event data, offline."""


@app.command()
def analyze(
    paths: Annotated[list[str], typer.Argument(help="Files, folders, or - for standard input.")],
    format: Annotated[OutputFormat, typer.Option("--format", "-f", help="Output format.")] = OutputFormat.json,
    cues: CuesOpt = None,
    max_size: MaxSizeOpt = 20.0,
    layers: LayersOpt = None,
) -> None:
    """Analyse articles and print their records, without storing them."""
    from lagebild.read import ReadFailure
    from lagebild.report import print_article

    pipeline = _pipeline(cues, max_size, layers)
    failed = 0
    articles = []
    for item in pipeline.run(paths):
        if isinstance(item, ReadFailure):
            failed += 1
            err.print(f"[red]failed:[/red] {item.path}: {item.reason}", highlight=False)
            continue
        for warning in item.warnings:
            err.print(f"[yellow]warning:[/yellow] {item.source.path}: {warning}", highlight=False)
        if format is OutputFormat.jsonl:
            sys.stdout.write(json.dumps(item.to_dict(), ensure_ascii=False) + "\n")
        elif format is OutputFormat.pretty:
            print_article(out, item.to_dict())
        else:
            articles.append(item.to_dict())
    if format is OutputFormat.json and articles:
        payload = articles[0] if len(articles) == 1 else articles
        sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
    if failed:
        raise typer.Exit(1)


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, folders, or - for standard input.")],
    db: DbOpt = Path("lagebild.db"),
    cues: CuesOpt = None,
    max_size: MaxSizeOpt = 20.0,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    batch_size: Annotated[int, typer.Option("--batch-size", min=1, help="Articles per transaction.")] = 100,
    jobs: Annotated[Optional[int], typer.Option("--jobs", "-j", min=1, help="Worker processes (default: all cores).")] = None,
    engine: Annotated[str, typer.Option("--engine", help="processes, or dask (Dask distributed).")] = "processes",
    scheduler: Annotated[Optional[str], typer.Option("--scheduler", help="Dask scheduler tcp://HOST:PORT (default: a LocalCluster).")] = None,
    out_dir: Annotated[Optional[Path], typer.Option("--out", help="Write a partitioned Parquet dataset to this folder instead of the database.")] = None,
    timeout: Annotated[float, typer.Option("--timeout", min=0, help="Seconds one article may take before it is marked failed (0: no limit).")] = 120.0,
    no_dedup: Annotated[bool, typer.Option("--no-dedup", help="Do not link near-duplicate articles.")] = False,
    layers: LayersOpt = None,
) -> None:
    """Analyse articles and store them (idempotent: unchanged articles are not written again)."""
    from lagebild.run.corpus import ingest_corpus
    from lagebild.run.parallel import EngineError
    from lagebild.run.parquet_writer import ParquetVersionError
    from lagebild.store.sqlite import StoreError

    if engine not in ("processes", "dask"):
        err.print(f"[red]error:[/red] --engine must be processes or dask, not {engine!r}")
        raise typer.Exit(2)
    _pipeline(cues, max_size, layers)  # check the cue files and layers here, before any worker starts
    kwargs = {"cue_files": [str(c) for c in cues or ()], "max_bytes": int(max_size * 1024 * 1024)}
    if layers is not None:
        kwargs["layers"] = _layer_list(layers)
    try:
        summary = ingest_corpus(paths, db=db, out=out_dir, pipeline_kwargs=kwargs, jobs=jobs, engine=engine,
                                scheduler=scheduler, timeout=timeout or None, batch_size=batch_size,
                                dedup=not no_dedup, console=err, progress=not quiet)
    except (StoreError, EngineError, ParquetVersionError) as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2)
    summary.print(out)
    if summary.failed:
        raise typer.Exit(1)


@app.command()
def search(
    query: Annotated[str, typer.Argument(help="Words to find in title and text (FTS5 syntax allowed).")],
    db: DbOpt = Path("lagebild.db"),
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, max=1000)] = 20,
) -> None:
    """Full-text search over stored articles."""
    store = _open_store(db)
    try:
        hits = store.search(query, limit=limit)
    except ValueError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2)
    finally:
        store.close()
    if not hits:
        out.print("no matches")
        raise typer.Exit(0)
    table = Table("id", "published", "title", "match")
    for hit in hits:
        table.add_row(hit.id, hit.published or "", hit.title or "", hit.snippet)
    out.print(table)


@app.command()
def show(
    article_id: Annotated[str, typer.Argument(help="Article id (or an unambiguous prefix).")],
    db: DbOpt = Path("lagebild.db"),
    format: Annotated[OutputFormat, typer.Option("--format", "-f")] = OutputFormat.pretty,
) -> None:
    """Print one stored article."""
    from lagebild.report import print_article

    store = _open_store(db)
    try:
        record = store.get(article_id)
    finally:
        store.close()
    if record is None:
        err.print(f"[red]error:[/red] no article with id {article_id!r} in {db}")
        raise typer.Exit(1)
    if format is OutputFormat.pretty:
        print_article(out, record)
    else:
        sys.stdout.write(json.dumps(record, ensure_ascii=False, indent=2 if format is OutputFormat.json else None) + "\n")


@app.command(name="list")
def list_articles(
    db: DbOpt = Path("lagebild.db"),
    limit: Annotated[int, typer.Option("--limit", "-n", min=1)] = 50,
) -> None:
    """List stored articles, newest first, with the failures of earlier ingests."""
    store = _open_store(db)
    try:
        rows, total, failures = store.list(limit=limit), store.count(), store.failures()
    finally:
        store.close()
    table = Table("id", "published", "lang", "title", title=f"{total} articles in {db}")
    for row in rows:
        table.add_row(row["id"], row["published"] or "", row["language"] or "", row["title"] or "")
    out.print(table)
    if failures:
        out.print(f"{len(failures)} recorded failures; latest: {failures[-1][0]}: {failures[-1][1]}")


@app.command(name="actors")
def list_actors(
    db: DbOpt = Path("lagebild.db"),
    code: Annotated[Optional[str], typer.Option("--code", help="Only actors with this code (USA, PRK, EU …).")] = None,
    kind: Annotated[Optional[str], typer.Option("--kind", help="person, state, organisation, location or group.")] = None,
    name: Annotated[Optional[str], typer.Option("--name", help="Only actors whose name contains this.")] = None,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1)] = 50,
) -> None:
    """The actors of the store with their mention and article counts."""
    store = _open_store(db)
    try:
        rows = store.actor_summary(code=code, kind=kind, name=name, limit=limit)
    finally:
        store.close()
    if not rows:
        out.print("no actors stored (ingest German articles first)")
        return
    table = Table("actor", "kind", "code", "sector", "role", "mentions", "articles", title=f"actors in {db}")
    for r in rows:
        table.add_row(r["name"], r["kind"], r["code"] or "", r["sector"] or "", r["role"] or "", str(r["mentions"]), str(r["articles"]))
    out.print(table)


@app.command()
def serve(
    db: DbOpt = Path("lagebild.db"),
    host: Annotated[str, typer.Option("--host", help="Address to listen on; off loopback a token is required.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535)] = 8000,
    token: Annotated[Optional[str], typer.Option("--token", envvar="LAGEBILD_TOKEN", help="Bearer token clients must send.")] = None,
    workers: Annotated[int, typer.Option("--workers", min=1, max=64, help="Server processes (each holds its own index).")] = 1,
) -> None:
    """Serve the web API (/api, docs at /docs) and the dashboard over a store, read-only."""
    from lagebild.web.server import ServeError
    from lagebild.web.server import serve as run_server

    try:
        run_server(db, host=host, port=port, token=token, workers=workers)
    except ServeError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2)


@app.command(name="export")
def export_cmd(
    fmt: Annotated[str, typer.Argument(metavar="FORMAT", help="jsonl, parquet, gdelt, plover, spkatt or graphml.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Output file (a folder for parquet and spkatt).")],
    db: DbOpt = Path("lagebild.db"),
    since: Annotated[Optional[str], typer.Option("--since", help="Only articles published on or after this date (YYYY-MM-DD).")] = None,
    until: Annotated[Optional[str], typer.Option("--until", help="Only articles published on or before this date.")] = None,
    actor: Annotated[Optional[str], typer.Option("--actor", help="Only articles with an actor (or event side) of this code.")] = None,
    with_duplicates: Annotated[bool, typer.Option("--with-duplicates", help="Keep near-duplicate copies.")] = False,
) -> None:
    """Export stored articles, actors, quotes and events for other tools (near-duplicate copies left out)."""
    from lagebild.export import FORMATS, export, filter_actor

    if fmt not in FORMATS:
        err.print(f"[red]error:[/red] unknown format {fmt!r}: use one of {', '.join(FORMATS)}")
        raise typer.Exit(2)
    store = _open_store(db)
    try:
        records = filter_actor(store.select_records(since=since, until=until, include_duplicates=with_duplicates), actor)
        n = export(fmt, records, output)
    finally:
        store.close()
    err.print(f"{n} {'records' if fmt == 'jsonl' else 'items'} written to {output}", highlight=False)


@eval_app.command("events")
def eval_events(
    gold: Annotated[Optional[Path], typer.Option("--gold", help="Folder of gold articles (<doc>.txt + <doc>.json).")] = None,
    sentences: Annotated[Optional[Path], typer.Option("--sentences", help="Sentence-level gold: a JSON Lines file or a folder of them.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
) -> None:
    """Event P/R/F1 (type, type+source, type+source+target), date accuracy, per-type table; sentence type accuracy."""
    from lagebild.evaluate.events import default_analyze_fn, evaluate_event_sentences, evaluate_events, print_event_summary

    if gold is None and sentences is None:
        err.print("[red]error:[/red] give --gold DIR and/or --sentences PATH")
        raise typer.Exit(2)
    for path in (gold, sentences):
        if path is not None and not path.exists():
            err.print(f"[red]error:[/red] {path}: no such file or folder")
            raise typer.Exit(2)
    analyze_fn = default_analyze_fn()
    report = evaluate_events(gold, analyze_fn) if gold else None
    sent = evaluate_event_sentences(sentences, analyze_fn) if sentences else None
    if as_json:
        payload = {"articles": report.as_dict() if report else None, "sentences": sent.as_dict() if sent else None}
        sys.stdout.write(json.dumps(payload, indent=2) + "\n")
    elif report is not None:
        print_event_summary(report, console=out, sentences=sent)
    else:
        sys.stdout.write(json.dumps(sent.as_dict(), indent=2) + "\n")


def _require_folder(path: Path) -> None:
    """Exit with status 2 and a message naming ``path`` unless it is a folder."""
    if not path.is_dir():
        err.print(f"[red]error:[/red] {path}: not a folder")
        raise typer.Exit(2)


@eval_app.command("actors")
def eval_actors(
    gold: Annotated[Path, typer.Option("--gold", help="Folder of event gold articles (<doc>.txt + <doc>.json).")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
    details: Annotated[bool, typer.Option("--details", help="List the participants we code wrong or miss.")] = False,
) -> None:
    """P/R/F1 of actor codes (and sectors) on the coded participants of the event gold."""
    from lagebild.evaluate.actors import evaluate_actors, format_report

    _require_folder(gold)
    report = evaluate_actors(gold)
    if as_json:
        sys.stdout.write(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    else:
        out.print(format_report(report, show_misses=details), highlight=False)


@eval_app.command("language")
def eval_language(
    conllu: Annotated[list[Path], typer.Option("--conllu", help="A Universal Dependencies CoNLL-U file (repeatable).")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
) -> None:
    """STTS/UPOS/lemma accuracy, P/R/F1 per tag, Case/Mood agreement and sentence-start P/R/F1 on UD data."""
    from lagebild.evaluate.language import evaluate_conllu, format_report

    reports = {}
    for path in conllu:
        if not path.is_file():
            err.print(f"[red]error:[/red] {path}: no such file")
            raise typer.Exit(2)
        try:
            reports[path.name] = evaluate_conllu(path)
        except ValueError as e:
            err.print(f"[red]error:[/red] {e}")
            raise typer.Exit(2)
    if as_json:
        sys.stdout.write(json.dumps(reports, indent=2) + "\n")
    else:
        out.print(format_report(reports), highlight=False)


@eval_app.command("ner")
def eval_ner(
    germeval: Annotated[Optional[Path], typer.Option("--germeval", help="GermEval 2014 TSV file.")] = None,
    conll: Annotated[Optional[Path], typer.Option("--conll", help="German Europarl NER file (CoNLL, IOB1).")] = None,
    write_predictions: Annotated[Optional[Path], typer.Option("--write-predictions", help="Write predictions in the input's format.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
) -> None:
    """Strict outer-chunk P/R/F1 of the shipped NER model on tokens as given (no re-tokenisation)."""
    from lagebild.evaluate.ner import evaluate_conll, evaluate_germeval, format_table

    if (germeval is None) == (conll is None):
        err.print("[red]error:[/red] give exactly one of --germeval FILE or --conll FILE")
        raise typer.Exit(2)
    path = germeval or conll
    if not path.is_file():
        err.print(f"[red]error:[/red] {path}: no such file")
        raise typer.Exit(2)
    scores = (evaluate_germeval if germeval else evaluate_conll)(path, write_predictions=write_predictions)
    if as_json:
        sys.stdout.write(json.dumps(scores, indent=2) + "\n")
    else:
        out.print(format_table({str(path.name): scores}), highlight=False)


@eval_app.command("quotes")
def eval_quotes(
    spkatt: Annotated[Path, typer.Option("--spkatt", help="A SpkAtt-2023 folder of JSON files (task 1 or task 2 format).")],
    write_predictions: Annotated[Optional[Path], typer.Option("--write-predictions", help="Write our predictions here, one JSON per document.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
) -> None:
    """Cue, source, message and addressee P/R/F1 (proportional token overlap, and exact spans) on SpkAtt data."""
    from lagebild.evaluate.quotes import evaluate_spkatt

    _require_folder(spkatt)
    report = evaluate_spkatt(spkatt, write_predictions=write_predictions)
    if as_json:
        sys.stdout.write(json.dumps(report.as_dict(), indent=2) + "\n")
    else:
        out.print(report.render())


@eval_app.command("structure")
def eval_structure(
    gold: Annotated[Path, typer.Option("--gold", help="Folder of gold files (<doc>.json + input).")],
    cues: CuesOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
    details: Annotated[bool, typer.Option("--details", help="List every document's mismatches.")] = False,
) -> None:
    """Per-field accuracy, paragraph and heading P/R/F1 and boilerplate leaks of the structure layer."""
    from lagebild.evaluate.structure import evaluate_structure
    from lagebild.report import print_structure_report

    _require_folder(gold)
    report = evaluate_structure(gold, _pipeline(cues, 20.0))
    if as_json:
        sys.stdout.write(json.dumps(report.as_dict(), indent=2) + "\n")
    else:
        print_structure_report(out, report, details=details)


def _open_store(db: Path):
    from lagebild.store.sqlite import Store, StoreError

    try:
        return Store(db, read_only=True)
    except StoreError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
