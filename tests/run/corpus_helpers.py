"""Small German corpora for run tests, written at test time."""

import json
import sqlite3


def make_corpus(folder, n=400):
    """n text files and a JSON Lines feed of n records: 2n articles."""
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (folder / f"a{i:04d}.txt").write_text(
            f"Meldung Nummer {i}\n\nIn der Stadt {i} trafen sich am Montag die Vertreter von {i % 7} Parteien. "
            f"Sie berieten über den Haushalt des Jahres {2000 + i % 20}.\n", encoding="utf-8")
    with (folder / "feed.jsonl").open("w", encoding="utf-8") as fh:
        for i in range(n):
            fh.write(json.dumps({"id": f"feed-{i}", "title": f"Feed {i}", "text": f"Absatz {i} des Feeds.",
                                 "published": f"2024-0{1 + i % 3}-1{i % 10}T10:00:00+01:00"}) + "\n")
    return 2 * n


def count(db):
    try:
        with sqlite3.connect(db, timeout=5) as con:
            return con.execute("SELECT count(*), count(DISTINCT id) FROM articles").fetchone()
    except sqlite3.OperationalError:
        return (0, 0)


def summary_row(stdout):
    """new, updated, unchanged, failed from the summary table the CLI prints."""
    digits = [l for l in stdout.splitlines() if "│" in l and any(c.isdigit() for c in l)][-1]
    return [int(c.strip()) for c in digits.strip("│ ").split("│")]
