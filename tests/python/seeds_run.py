"""What the pytest modules share: the binary under test, the eight tables, the schema files, and
an extraction of the seeds."""

import json
import os
import pathlib
import subprocess

ROOT = pathlib.Path(__file__).resolve().parents[2]
BIN = ROOT / os.environ.get("COUNCILDATA_BIN", "target/release/councildata")
TABLES = [
    "documents", "note_headers", "paragraphs", "operative_clauses",
    "recitals", "footnotes", "references", "dated_events",
]


def extract_seeds(out, *flags):
    """`councildata extract seeds --out OUT`, with any further flags."""
    subprocess.run([str(BIN), "extract", str(ROOT / "seeds"), "--out", str(out), "--quiet", *flags], check=True)


def schema(table):
    """A table's Frictionless schema, as the project ships it."""
    return json.loads((ROOT / "schemas" / "v1" / f"{table}.schema.json").read_text())
