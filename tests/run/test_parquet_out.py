"""`ingest --out DIR --engine dask`: a partitioned Parquet dataset, read back with DuckDB; a re-run adds
nothing; part files a killed run left without recording them are removed."""

import subprocess
import sys

import duckdb

from tests.run.corpus_helpers import make_corpus


def test_dask_run_writes_a_partitioned_parquet_dataset(tmp_path):
    corpus, out = tmp_path / "corpus", tmp_path / "ds"
    total = make_corpus(corpus, n=40)
    cmd = [sys.executable, "-m", "lagebild.cli", "ingest", str(corpus), "--out", str(out), "--engine", "dask",
           "--jobs", "2", "-q"]
    first = subprocess.run(cmd, capture_output=True, text=True, start_new_session=True)
    assert first.returncode == 0, first.stdout + first.stderr
    con = duckdb.connect()
    q = f"SELECT count(*), count(DISTINCT id) FROM read_parquet('{out}/articles/**/*.parquet', hive_partitioning=true)"
    assert con.execute(q).fetchone() == (total, total)
    months = con.execute(f"""SELECT year, month, count(*) FROM read_parquet('{out}/articles/**/*.parquet',
                             hive_partitioning=true) WHERE year IS NOT NULL GROUP BY ALL ORDER BY ALL""").fetchall()
    assert months == [(2024, 1, 14), (2024, 2, 13), (2024, 3, 13)]  # the feed's dates; text files have none
    # an orphan part (as a run killed between writing and recording leaves) is removed on the next run
    orphan = out / "articles" / "year=2024" / "month=1" / "part-orphan-0.parquet"
    orphan.write_bytes((next((out / "articles" / "year=2024" / "month=1").glob("*.parquet"))).read_bytes())
    second = subprocess.run(cmd, capture_output=True, text=True, start_new_session=True)
    assert second.returncode == 0, second.stdout + second.stderr
    assert not orphan.exists()
    assert con.execute(q).fetchone() == (total, total)
