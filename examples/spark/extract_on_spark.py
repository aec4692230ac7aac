"""Extracts a corpus on Spark: Spark reads the documents (`*.txt`, recursively) and sends each
to the task of its shard; every task runs `councildata extract --shard K/N` on its own documents,
writing part files. The result is read back as one table per directory with Spark SQL, and
checked: the parts merged equal an unsharded run of the same documents, byte for byte.

    python examples/spark/extract_on_spark.py --input seeds --out /tmp/councildata-spark --shards 4

On a cluster, --input may be any location Spark reads (HDFS, S3); --bin names the binary on the
executors, and --out a directory on storage every executor and the driver share.
"""

import argparse
import filecmp
import os
import pathlib
import re
import subprocess
import tempfile
from urllib.parse import urlparse

from pyspark.sql import SparkSession

SUMMARY = re.compile(r"extracted (\d+) documents? .*\((\d+) warned, (\d+) failed\)")


def fnv1a(data):
    """FNV-1a, 64 bits: the hash of a document's source path that orders and shards every run."""
    h = 0xCBF29CE484222325
    for b in data:
        h = ((h ^ b) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return h


def shard_of(source_path, count):
    """The shard (1..count) `councildata extract --shard K/N` puts a document in: the K-th of N
    equal ranges of its path's hash."""
    return ((fnv1a(source_path.encode()) * count) >> 64) + 1


def source_path(uri, root):
    """The path relative to the input root, as a run over that directory names the document."""
    return os.path.relpath(urlparse(uri).path, root).replace(os.sep, "/")


def extract_partition(binary, out, count):
    """One Spark task: writes its shard's documents into a local directory under their source
    paths and extracts them as shard K of N into the shared output directory."""

    def run(index, documents):
        k = index + 1
        with tempfile.TemporaryDirectory(prefix=f"councildata-shard-{k}-") as local:
            given = 0
            for _, (path, content) in documents:
                target = pathlib.Path(local, path)
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(content)
                given += 1
            proc = subprocess.run([binary, "extract", local, "--out", out, "--shard", f"{k}/{count}"],
                                  capture_output=True, text=True)
        summary = SUMMARY.search(proc.stderr)
        written, failed = (int(summary[1]), int(summary[3])) if summary else (0, 0)
        # Errors and warnings name the local copy: named here by the document's source path.
        problems = [line.replace(local + os.sep, "") for line in proc.stderr.splitlines()
                    if line.startswith(("error:", "warning:"))]
        yield k, given, written, failed, proc.returncode, problems, proc.stderr[-2000:]

    return run


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--input", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--shards", type=int, default=4)
    p.add_argument("--bin", default=str(pathlib.Path("target/release/councildata").resolve()))
    a = p.parse_args()
    root = str(pathlib.Path(urlparse(a.input).path).resolve())
    out = str(pathlib.Path(a.out).resolve())

    spark = SparkSession.builder.master("local[*]").appName("councildata").getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    # The RDD source, not the `binaryFile` DataFrame source, which skips empty files: a plain
    # run reports those as errors, and so must every shard.
    hadoop = spark.sparkContext._jsc.hadoopConfiguration()
    hadoop.set("mapreduce.input.fileinputformat.input.dir.recursive", "true")
    files = spark.sparkContext.binaryFiles(a.input).filter(lambda f: f[0].endswith(".txt"))
    documents = files.map(lambda f: (source_path(f[0], root), f[1]))
    by_shard = documents.map(lambda d: (shard_of(d[0], a.shards), d)).partitionBy(a.shards, lambda k: k - 1)
    results = by_shard.mapPartitionsWithIndex(extract_partition(a.bin, out, a.shards)).collect()
    for k, given, written, failed, rc, problems, err in sorted(results):
        print(f"shard {k}/{a.shards}: {given} documents sent, {written} extracted, {failed} failed")
        for line in problems:
            print(f"  {line}")
        # Exit status 1 is documents that failed, reported and left out; 2 stops the shard.
        if rc not in (0, 1) or written + failed != given:
            raise SystemExit(f"shard {k} of {a.shards}: exit status {rc}, {written + failed} of {given} "
                             f"documents accounted for:\n{err}")

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
    if urlparse(a.input).scheme in ("", "file"):
        compare_with_an_unsharded_run(a.bin, root, out)


def compare_with_an_unsharded_run(binary, corpus, out):
    """Merges the parts and extracts the corpus in one run: every file must be the same."""
    with tempfile.TemporaryDirectory(prefix="councildata-check-") as tmp:
        merged, single = pathlib.Path(tmp, "merged"), pathlib.Path(tmp, "single")
        subprocess.run([binary, "merge", out, "--out", str(merged)], check=True)
        # Exit status 1: documents that failed, as in the shards.
        if subprocess.run([binary, "extract", corpus, "--out", str(single), "--quiet"],
                          stderr=subprocess.DEVNULL).returncode not in (0, 1):
            raise SystemExit("the unsharded run failed")
        names = sorted(str(f.relative_to(single)) for f in single.rglob("*") if f.is_file())
        same, differ, missing = filecmp.cmpfiles(single, merged, names, shallow=False)
        if differ or missing or not same:
            raise SystemExit(f"the merged parts differ from an unsharded run: {differ + missing}")
        print(f"the merged parts equal an unsharded run byte for byte ({len(same)} files)")


if __name__ == "__main__":
    main()
