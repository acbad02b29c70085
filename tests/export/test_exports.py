"""Every export format, read back with the library its users would use, values checked.

Fixtures: the seed article with its gold events (../shared, skipped without it), a near-duplicate
copy from another outlet, and two short reports of Mattis' threat (tests/export/records.py)."""

import csv
import json

import duckdb
import networkx as nx
import pyarrow.dataset as ds
import pytest
from typer.testing import CliRunner

from lagebild.cli import app
from lagebild.export.gdelt import COLUMNS
from tests.export.records import all_records, store_records

runner = CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("export") / "x.db"
    store_records(path, all_records())
    return path


def _export(db, fmt, out, *extra):
    result = runner.invoke(app, ["export", fmt, "--db", str(db), "-o", str(out), *extra])
    assert result.exit_code == 0, result.output
    return out


def test_jsonl_leaves_out_the_near_duplicate(db, tmp_path):
    out = _export(db, "jsonl", tmp_path / "x.jsonl")
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in records][1:] == ["morgenkurier-mattis", "abendblatt-mattis"]
    assert records[0]["title"] == "USA und Japan Zusammenrücken gegen Kim" and records[0]["events"]
    assert "nachrichten-copy" not in {r["id"] for r in records}
    both = _export(db, "jsonl", tmp_path / "y.jsonl", "--with-duplicates")
    assert len(both.read_text(encoding="utf-8").splitlines()) == 4


def test_filters_since_until_actor(db, tmp_path):
    out = _export(db, "jsonl", tmp_path / "x.jsonl", "--since", "2017-08-18", "--until", "2017-08-20")
    assert [json.loads(l)["id"] for l in out.read_text().splitlines()] == ["morgenkurier-mattis"]
    out = _export(db, "jsonl", tmp_path / "y.jsonl", "--actor", "JPN")
    assert len(out.read_text().splitlines()) == 1  # only the seed has Japanese actors


def test_parquet_with_duckdb_and_pyarrow(db, tmp_path):
    out = _export(db, "parquet", tmp_path / "pq")
    con = duckdb.connect()
    glob = lambda t: f"'{out}/{t}/**/*.parquet'"  # noqa: E731
    n_articles, = con.execute(f"SELECT count(*) FROM read_parquet({glob('articles')}, hive_partitioning=true)").fetchone()
    assert n_articles == 3
    rows = con.execute(
        f"SELECT type, count(*) FROM read_parquet({glob('events')}, hive_partitioning=true) GROUP BY type ORDER BY type"
    ).fetchall()
    assert dict(rows)["THREATEN"] == 3 + 2  # three in the seed, one in each report
    mattis = con.execute(
        f"""SELECT a.title, e.cameo, e.source_codes, e.target_codes, e.goldstein, a.month
            FROM read_parquet({glob('events')}, hive_partitioning=true) e
            JOIN read_parquet({glob('articles')}, hive_partitioning=true) a ON a.id = e.article_id
            WHERE e.trigger = 'erneuerte die Warnung'""").fetchall()
    assert mattis == [("USA und Japan Zusammenrücken gegen Kim", "138", ["USA"], ["PRK"], -7.0, 8)]
    quotes = ds.dataset(out / "quotes", partitioning="hive").to_table().to_pylist()
    assert {q["speaker"] for q in quotes} == {"Tillerson"} and quotes[0]["year"] == 2017
    assert "keinen Grund für schlaflose Nächte" in {q["message"] for q in quotes}
    actors = ds.dataset(out / "actors", partitioning="hive").to_table().to_pandas() if False else \
        ds.dataset(out / "actors", partitioning="hive").to_table().to_pylist()
    assert {"JPN", "USA", "PRK"} <= {a["code"] for a in actors}
    assert sorted(p.name for p in (out / "articles").iterdir()) == ["year=2017"]


def test_gdelt_tsv(db, tmp_path):
    out = _export(db, "gdelt", tmp_path / "events.tsv")
    with out.open(encoding="utf-8", newline="") as fh:
        rows = [dict(zip(COLUMNS, r)) for r in csv.reader(fh, delimiter="\t")]
    assert all(len(r) == 61 for r in rows)
    threats = [r for r in rows if r["EventCode"] == "138" and r["Actor2CountryCode"] == "PRK"]
    by_day = {r["Day"]: r for r in threats}
    assert set(by_day) == {"20170817", "20170825"}  # the 18th joins the 17th (±1 day), the 25th is new
    t = by_day["20170817"]
    assert (t["Actor1Code"], t["Actor1CountryCode"], t["Actor1Type1Code"], t["Actor2Code"]) == ("USAGOV", "USA", "GOV", "PRK")
    assert (t["EventBaseCode"], t["EventRootCode"], t["QuadClass"], t["GoldsteinScale"]) == ("138", "13", "3", "-7.0")
    assert (t["NumMentions"], t["NumArticles"], t["NumSources"]) == ("3", "2", "2")  # copy not counted
    assert (t["MonthYear"], t["Year"], t["FractionDate"]) == ("201708", "2017", "2017.6274")
    assert t["SOURCEURL"].startswith("https://www.tagesschau.de/") and t["DATEADDED"] == "20170817201100"
    assert by_day["20170825"]["NumMentions"] == "1"
    consult = next(r for r in rows if r["EventCode"] == "046")
    assert (consult["Actor1Code"], consult["Actor2Code"], consult["QuadClass"], consult["IsRootEvent"]) == (
        "USAGOV", "JPNGOV", "1", "0")
    agree = next(r for r in rows if r["EventCode"] == "0312")
    assert agree["IsRootEvent"] == "1"  # in the lead


def test_plover_jsonl(db, tmp_path):
    out = _export(db, "plover", tmp_path / "events.jsonl")
    items = [json.loads(l) for l in out.read_text(encoding="utf-8").splitlines()]
    threat = next(i for i in items if i["cameo"] == "138" and i["date"] == "2017-08-17")
    assert threat["event"] == ["THREATEN"] and threat["mode"] == ["violence"] and threat["quad_code"] == 3
    assert threat["actor"][0]["code"] == "USA" and threat["recipient"] == [{"code": "PRK", "text": "Nordkorea", "actor": threat["recipient"][0].get("actor")}]
    assert (threat["num_mentions"], threat["num_articles"], threat["num_sources"]) == (3, 2, 2)
    assert threat["text"].startswith("Verteidigungsminister James Mattis erneuerte die Warnung")
    assert all(i["id"] and i["date"] and i["event"] for i in items)


def test_spkatt_json(db, tmp_path):
    out = _export(db, "spkatt", tmp_path / "spkatt")
    [doc_file] = list(out.glob("*.json"))
    doc = json.loads(doc_file.read_text(encoding="utf-8"))
    assert set(doc) == {"DocumentName", "Sentences", "Annotations"} and len(doc["Annotations"]) == 2
    tokens = {(s["SentenceId"], i): t for s in doc["Sentences"] for i, t in enumerate(s["Tokens"])}
    words = lambda ids: " ".join(tokens[tuple(map(int, x.split(":")))] for x in ids)  # noqa: E731
    first = doc["Annotations"][0]
    assert words(first["Cue"]) == "betonte" and words(first["Source"]) == "Tillerson"
    assert words(first["Message"]) == "keinen Grund für schlaflose Nächte" and first["Form"] == "Direct"
    assert {a.split(":")[0] for a in first["Cue"] + first["Source"] + first["Message"]} == {first["Cue"][0].split(":")[0]}


def test_graphml_actor_network(db, tmp_path):
    out = _export(db, "graphml", tmp_path / "net.graphml")
    graph = nx.read_graphml(out)
    assert isinstance(graph, nx.MultiDiGraph)
    # actors linked to the same dictionary entry are one node, however each article names them
    assert graph.nodes["person:james-mattis"]["label"] in {"Verteidigungsminister James Mattis", "US-Verteidigungsminister Jim Mattis"}
    assert graph.nodes["person:james-mattis"]["articles"] == 3
    nordkorea = ["state:PRK"]
    edges = graph.get_edge_data("person:james-mattis", "state:PRK")
    threat = next(e for e in edges.values() if e["type"] == "THREATEN")
    assert threat["weight"] == 3.0 and threat["articles"] == 3 and threat["cameo"] == "138" and threat["goldstein"] == -7.0
    assert graph.nodes[nordkorea[0]]["code"] == "PRK"
    consult = graph.get_edge_data("person:james-mattis", "JPN:Taro Kono")["CONSULT"]
    assert consult["weight"] == 1.0 and consult["quad_class"] == 1
