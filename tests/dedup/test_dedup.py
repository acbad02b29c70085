"""Near duplicates (our example articles plus edited copies) and event clusters."""

import json
import re

from lagebild.dedup import cluster_events
from lagebild.dedup.minhash import NearDuplicateIndex, signature
from lagebild.run.corpus import ingest_corpus
from lagebild.store.sqlite import Store
from tests.conftest import EXAMPLES


def _edited_copies(folder):
    """Each example text reprinted: other title line, an agency credit added, two words changed."""
    copies = {}
    for src in sorted(EXAMPLES.glob("*.txt")):
        text = src.read_text(encoding="utf-8")
        edited = re.sub(r"\bam\b", "an dem", text, count=2).replace("\n", "\n", 1)
        edited = "Nachgedruckt: " + edited + "\n(dpa/AFP)\n"
        (folder / f"kopie-{src.name}").write_text(edited, encoding="utf-8")
        copies[f"kopie-{src.name}"] = src.name
    return copies


def test_edited_copies_point_at_the_first_seen_original(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for src in EXAMPLES.glob("*"):
        if src.suffix in (".txt", ".html", ".jsonl"):
            (corpus / ("a-" + src.name)).write_bytes(src.read_bytes())  # originals sort (and are seen) first
    copies = _edited_copies(corpus)
    db = tmp_path / "d.db"
    summary = ingest_corpus([corpus], db=db, jobs=2, progress=False)
    assert summary.failed == 0
    with Store(db, read_only=True) as store:
        dups = store.duplicates()
        by_id = {r["id"]: r["source"]["path"].rsplit("/", 1)[-1] for r in store.select_records(include_duplicates=True)}
        exported = list(store.select_records())
    linked = {by_id[copy]: by_id[orig] for copy, (orig, sim) in dups.items()}
    assert linked == {c: "a-" + o for c, o in copies.items()}
    assert all(sim >= 0.7 for _, sim in dups.values())
    assert len(exported) == len(by_id) - len(copies)  # copies are left out of exports


def test_minhash_tells_copies_from_other_articles():
    texts = [json.loads(line)["text"] for line in (EXAMPLES / "wire.jsonl").read_text(encoding="utf-8").splitlines()]
    index = NearDuplicateIndex()
    assert index.add("iran", signature(texts[0])) is None
    assert index.add("libyen", signature(texts[1])) is None  # a different article
    edited = texts[0].replace("Wien", "der österreichischen Hauptstadt", 1) + " Das meldeten mehrere Agenturen."
    original, sim = index.add("iran-kopie", signature(edited))
    assert original == "iran" and 0.7 <= sim < 1.0
    assert signature("Zu kurz für einen Vergleich.") is None


def _rec(rid, url, events):
    return {"id": rid, "source": {"path": rid, "format": "jsonl", "url": url}, "published": events[0]["date"],
            "events": events}


def _ev(kind, cameo, src, tgt, day):
    return {"type": kind, "cameo": cameo, "source": [{"text": src, "code": src}], "target": [{"text": tgt, "code": tgt}],
            "date": day}


def test_event_clusters_count_mentions_articles_sources():
    records = [
        _rec("a", "https://www.tagesschau.de/1", [_ev("SANCTION", "163", "EU", "RUS", "2022-02-23"),
                                                  _ev("SANCTION", "163", "EU", "RUS", "2022-02-23")]),
        _rec("b", "https://www.tagesschau.de/2", [_ev("SANCTION", "163", "EU", "RUS", "2022-02-24")]),
        _rec("c", "https://www.zeit.de/3", [_ev("SANCTION", "163", "EU", "RUS", "2022-02-22")]),
        _rec("d", "https://www.faz.net/4", [_ev("SANCTION", "163", "EU", "RUS", "2022-02-26"),
                                            _ev("SANCTION", "163", "USA", "RUS", "2022-02-23")]),
    ]
    clusters = cluster_events(records)
    eu = [c for c in clusters if c.source_codes == ("EU",)]
    # the window is ±1 day around the cluster's first date: the 24th is two days after the 22nd
    assert [(c.date, c.mentions, c.articles, c.sources) for c in eu] == [
        ("2022-02-22", 3, 2, 2), ("2022-02-24", 1, 1, 1), ("2022-02-26", 1, 1, 1)]
    usa = [c for c in clusters if c.source_codes == ("USA",)]
    assert [(c.mentions, c.articles) for c in usa] == [(1, 1)]
