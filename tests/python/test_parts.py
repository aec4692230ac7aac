"""A sharded run's directory of parts read as one table by the clients our users have (DuckDB,
polars, pyarrow datasets), Parquet and CSV alike: the same rows as the single-file dataset of an
unsharded run, with no merge step. Three shards of the five seeds leave one shard empty, so an
empty part is read too."""

import duckdb
import polars as pl
import pyarrow.dataset as ds
import pytest

from seeds_run import TABLES, extract_seeds, schema

SHARDS = 3
POLARS_TYPE = {"string": pl.String, "integer": pl.Int64, "date": pl.Date}


@pytest.fixture(scope="module")
def single(tmp_path_factory):
    out = tmp_path_factory.mktemp("single") / "dataset"
    extract_seeds(out)
    return out


@pytest.fixture(scope="module")
def parts(tmp_path_factory):
    out = tmp_path_factory.mktemp("parts") / "dataset"
    for k in range(1, SHARDS + 1):
        extract_seeds(out, "--shard", f"{k}/{SHARDS}")
    return out


def polars_schema(table):
    return {f["name"]: POLARS_TYPE[f["type"]] for f in schema(table)["fields"]}


def test_every_table_has_one_part_per_shard_and_one_shard_is_empty(parts):
    expected = [f"part-{k}-of-{SHARDS}" for k in range(1, SHARDS + 1)]
    for table in TABLES:
        assert sorted(p.stem for p in (parts / table).iterdir()) == expected
        assert sorted(p.stem for p in (parts / "csv" / table).iterdir()) == expected
    rows = [duckdb.sql(f"SELECT count(*) FROM '{parts / 'documents' / (p + '.parquet')}'").fetchone()[0]
            for p in expected]
    assert 0 in rows and sum(rows) == 5


@pytest.mark.parametrize("table", TABLES)
def test_duckdb_reads_the_parquet_parts_as_the_table(single, parts, table):
    con = duckdb.connect()
    con.execute(f"CREATE VIEW s AS SELECT * FROM read_parquet('{single / (table + '.parquet')}')")
    con.execute(f"CREATE VIEW p AS SELECT * FROM read_parquet('{parts / table}/*.parquet')")
    assert con.sql("DESCRIBE p").fetchall() == con.sql("DESCRIBE s").fetchall()
    assert con.sql("SELECT count(*) FROM p").fetchone() == con.sql("SELECT count(*) FROM s").fetchone()
    assert con.sql("(SELECT * FROM p EXCEPT ALL SELECT * FROM s) UNION ALL "
                   "(SELECT * FROM s EXCEPT ALL SELECT * FROM p)").fetchall() == []


@pytest.mark.parametrize("table", TABLES)
def test_polars_and_pyarrow_read_the_parquet_parts_as_the_table(single, parts, table):
    whole = pl.read_parquet(single / f"{table}.parquet")
    columns = whole.columns
    assert whole.height > 0
    from_polars = pl.scan_parquet(parts / table / "*.parquet").collect()
    from_arrow = pl.from_arrow(ds.dataset(parts / table, format="parquet").to_table())
    for read in (from_polars, from_arrow):
        assert read.schema == whole.schema
        assert read.sort(columns, nulls_last=True).equals(whole.sort(columns, nulls_last=True))


@pytest.mark.parametrize("table", TABLES)
def test_the_csv_parts_read_with_the_schema_types_are_the_csv_table(single, parts, table):
    types = polars_schema(table)
    columns = list(types)
    whole = pl.read_csv(single / f"{table}.csv", schema=types)
    read = pl.read_csv(parts / "csv" / table / "*.csv", schema=types)
    assert read.height == whole.height
    assert read.sort(columns, nulls_last=True).equals(whole.sort(columns, nulls_last=True))
    by_duckdb = duckdb.sql(f"SELECT count(*) FROM read_csv('{parts / 'csv' / table}/*.csv')").fetchone()[0]
    assert by_duckdb == whole.height
