"""Extracts a corpus on Spark: the documents are split into N shards, each Spark task runs
`councildata extract --shard K/N` on its shard and writes part files, and the result is read
back as one table per directory with Spark SQL. On a cluster, point --bin at the binary on the
executors' path and --out at shared storage.

    python examples/spark/extract_on_spark.py --input seeds --out /tmp/councildata-spark --shards 4
"""

import argparse
import pathlib
import subprocess

from pyspark.sql import SparkSession


def run_shard(args):
    """One Spark task: extract shard K of N into the shared output directory."""
    binary, corpus, out, k, n = args
    proc = subprocess.run(
        [binary, "extract", corpus, "--out", out, "--shard", f"{k}/{n}", "--quiet"],
        capture_output=True, text=True,
    )
    return k, proc.returncode, proc.stderr[-2000:]


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--input", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--shards", type=int, default=4)
    p.add_argument("--bin", default=str(pathlib.Path("target/release/councildata").resolve()))
    a = p.parse_args()
    corpus, out = str(pathlib.Path(a.input).resolve()), str(pathlib.Path(a.out).resolve())

    spark = SparkSession.builder.master("local[*]").appName("councildata").getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    tasks = [(a.bin, corpus, out, k, a.shards) for k in range(1, a.shards + 1)]
    results = spark.sparkContext.parallelize(tasks, a.shards).map(run_shard).collect()
    failed = [(k, err) for k, rc, err in results if rc not in (0, 1)]
    if failed:
        raise SystemExit(f"shards failed: {failed}")

    for table in ["documents", "paragraphs", "operative_clauses", "dated_events", "references"]:
        spark.read.parquet(f"{out}/{table}").createOrReplaceTempView(table)
    spark.sql("SELECT language, kind, count(*) AS documents FROM documents GROUP BY language, kind "
              "ORDER BY language, kind").show()
    spark.sql("SELECT canonical, count(*) AS n FROM operative_clauses GROUP BY canonical "
              "ORDER BY n DESC, canonical LIMIT 10").show()
    spark.sql("SELECT d.doc_id, min(e.date_start) AS first, max(e.date_end) AS last, count(*) AS events "
              "FROM dated_events e JOIN documents d USING (doc_id) GROUP BY d.doc_id ORDER BY d.doc_id"
              ).show(truncate=False)
    counts = {t: spark.table(t).count() for t in ["documents", "paragraphs", "operative_clauses"]}
    print("rows:", counts)
    spark.stop()


if __name__ == "__main__":
    main()
