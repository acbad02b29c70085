"""Human-readable terminal output (rich) for records and evaluation reports."""

from __future__ import annotations

from rich.console import Console
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from lagebild.evaluate.structure import FIELDS, StructureReport


def print_article(console: Console, record: dict) -> None:
    meta = Table.grid(padding=(0, 2))
    meta.add_column(style="bold cyan")
    meta.add_column()
    for name in ("id", "published", "language", "kicker", "author", "dateline", "caption", "image_credit"):
        if record.get(name):
            meta.add_row(name, str(record[name]))
    meta.add_row("source", f"{record['source'].get('path')} ({record['source'].get('format')})")
    meta.add_row("layers", ", ".join(record.get("layers", [])))
    body = Text()
    if record.get("lead"):
        body.append(record["lead"] + "\n\n", style="italic")
    for section in record.get("sections", []):
        if section.get("heading"):
            body.append(section["heading"] + "\n", style="bold")
        for paragraph in section["paragraphs"]:
            body.append(paragraph + "\n\n")
    for note in record.get("notes", []):
        body.append(note + "\n", style="dim")
    console.print(Panel.fit(meta, title=Text(record.get("title") or "(no title)", style="bold")))
    console.print(body)
    if record.get("actors"):
        actors = Table("id", "actor", "kind", "code", "sector", "role", "mentions", title="actors")
        for a in record["actors"]:
            actors.add_row(a["id"], a["name"], a["kind"], a.get("code") or "", a.get("sector") or "",
                           a.get("role") or "", str(len(a.get("mentions", []))))
        console.print(actors)
    for warning in record.get("warnings", []):
        console.print(f"[yellow]warning:[/yellow] {warning}")


def print_structure_report(console: Console, report: StructureReport, details: bool = False) -> None:
    groups = {"all": report, **report.by_layout()}
    table = Table(title=f"structure: {len(report.docs)} documents")
    table.add_column("measure")
    for name in groups:
        table.add_column(name if name == "all" else f"layout {name}", justify="right")
    for name in FIELDS:
        table.add_row(f"{name} accuracy", *(f"{g.field_accuracy()[name]:.3f}" for g in groups.values()))
    table.add_row("[bold]field accuracy (mean)", *(f"[bold]{g.overall_field_accuracy():.3f}" for g in groups.values()))
    for label, fn in (("paragraph", "paragraph_prf"), ("heading", "heading_prf")):
        for i, part in enumerate(("P", "R", "F1")):
            style = "[bold]" if part == "F1" and label == "paragraph" else ""
            table.add_row(f"{style}{label} {part}", *(f"{style}{getattr(g, fn)()[i]:.3f}" for g in groups.values()))
    table.add_row("boilerplate leaks", *(str(len(g.leaks())) for g in groups.values()))
    console.print(table)
    for doc, leak in report.leaks():
        console.print(f"[red]leak[/red] {doc}: {leak!r}", highlight=False)
    for d in report.docs:
        if d.error:
            console.print(f"[red]error[/red] {d.doc}: {d.error}", highlight=False)
        elif details:
            wrong = [f for f, ok in d.fields.items() if not ok]
            if wrong or d.paragraphs[0] != max(d.paragraphs[1], d.paragraphs[2]):
                console.print(f"{d.doc}: wrong fields {wrong}; paragraphs tp/pred/gold {d.paragraphs}", highlight=False)
