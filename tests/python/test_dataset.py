"""The seeds dataset as our users load it: pyarrow for types, pandas for CSV against Parquet,
DuckDB for the questions the extraction must answer. Expected values were read off the seed
texts in seeds/, not off the output."""

import duckdb
import frictionless
import pandas as pd
import pyarrow.parquet as pq
import pytest

from seeds_run import TABLES, extract_seeds, schema

ARROW_TYPE = {"string": "string", "integer": "int64", "date": "date32[day]"}


@pytest.fixture(scope="module")
def dataset(tmp_path_factory):
    out = tmp_path_factory.mktemp("ds") / "dataset"
    extract_seeds(out)
    return out


@pytest.fixture(scope="module")
def db(dataset):
    con = duckdb.connect()
    for table in TABLES:
        con.execute(f"CREATE VIEW \"{table}\" AS SELECT * FROM read_parquet('{dataset / (table + '.parquet')}')")
    return con


@pytest.mark.parametrize("table", TABLES)
def test_parquet_types_follow_the_schema(dataset, table):
    pf = pq.ParquetFile(dataset / f"{table}.parquet")
    arrow = pf.schema_arrow
    fields = schema(table)["fields"]
    assert [f.name for f in arrow] == [f["name"] for f in fields]
    for f in fields:
        assert str(arrow.field(f["name"]).type) == ARROW_TYPE[f["type"]], f["name"]
    assert pf.metadata.metadata[b"councildata.schema_version"] == b"1"


@pytest.mark.parametrize("table", TABLES)
def test_csv_and_parquet_agree_row_for_row(dataset, table):
    fields = schema(table)["fields"]
    parquet = pd.read_parquet(dataset / f"{table}.parquet")
    dtypes = {f["name"]: "Int64" if f["type"] == "integer" else "string" for f in fields}
    csv = pd.read_csv(dataset / f"{table}.csv", dtype=dtypes, keep_default_na=False, na_values=[""])
    assert len(csv) == len(parquet)
    for f in fields:
        name = f["name"]
        if f["type"] == "date":
            left = pd.to_datetime(csv[name]).dt.date.astype("string")
            right = parquet[name].astype("string")
        elif f["type"] == "integer":
            left, right = csv[name], parquet[name].astype("Int64")
        else:
            left, right = csv[name], parquet[name].astype("string")
        pd.testing.assert_series_equal(left.reset_index(drop=True), right.reset_index(drop=True), check_names=False)


def test_documents(db):
    rows = db.sql("SELECT doc_id, language, kind, council_ref FROM documents ORDER BY doc_id").fetchall()
    assert rows == [
        ("ST-12642-2025-ADD-1:da", "da", "note", "12642/25 ADD 1"),
        ("ST-12642-2025-ADD-1:sl", "sl", "note", "12642/25 ADD 1"),
        ("ST-7290-2021-INIT:da", "da", "conclusions", "7290/21"),
        ("file:003_3794a6227ef3eabf", "en", "article", None),
        ("file:004_a15e6776a0e92f31", "da", "conclusions", None),
    ]


def test_note_headers_field_exact(db):
    rows = db.sql("SELECT doc_id, label, sender, recipient, subject, line FROM note_headers ORDER BY doc_id").fetchall()
    da, sl = rows
    assert da[:4] == ("ST-12642-2025-ADD-1:da", "NOTE", "Generalsekretariatet for Rådet",
                      "De Faste Repræsentanters Komité/Rådet")
    assert da[4] == (
        "RÅDETS AFGØRELSE om undertegnelse på Den Europæiske Unions vegne af De Forenede Nationers "
        "konvention om bekæmpelse af cyberkriminalitet – styrkelse af det internationale samarbejde om "
        "bekæmpelse af visse former for kriminalitet begået ved hjælp af informations- og "
        "kommunikationsteknologisystemer og om udveksling af bevismateriale i elektronisk form vedrørende "
        "grov kriminalitet – Fælles erklæring fra Unionen og dens medlemsstater ved undertegnelsesceremonien"
    )
    assert sl[:4] == ("ST-12642-2025-ADD-1:sl", "DOPIS", "Generalni sekretariat Sveta", "Odbor stalnih predstavnikov/Svet")
    assert sl[4].startswith("SKLEP SVETA o podpisu, v imenu Evropske unije, Konvencije Združenih narodov")
    assert sl[4].endswith("– skupna izjava Unije in njenih držav članic na slovesnosti ob podpisu")
    assert da[5] == sl[5] == 1


# seeds/002: the first operative verb of each of paragraphs 1–33, read off the text.
LEADING_VERBS_002 = [
    "STRESSES", "ACKNOWLEDGES", "UNDERLINES", "CALLS_FOR", "STRESSES", "UNDERLINES", "RECALLS",
    "REAFFIRMS", "STRONGLY_SUPPORTS", "STRESSES", "LOOKS_FORWARD_TO", "WELCOMES", "REITERATES",
    "ACKNOWLEDGES", "NOTES", "NOTES", "LOOKS_FORWARD_TO", "RECOGNISES", "POINTS_OUT", "RECOGNISES",
    "POINTS_OUT", "REAFFIRMS", "SUPPORTS", "RECOGNISES", "STRESSES", "COMMITS_TO", "RECOGNISES",
    "COMMITS_TO", "RECALLS", "LOOKS_FORWARD_TO", "WELCOMES", "COMMITS_TO", "CALLS_ON",
]


def test_conclusions_002_paragraphs_and_verbs(db):
    numbers = db.sql("""SELECT number FROM paragraphs WHERE doc_id = 'ST-7290-2021-INIT:da' AND sub IS NULL
                        ORDER BY number""").fetchall()
    assert [n for (n,) in numbers] == list(range(1, 34))
    leading = db.sql("""SELECT paragraph, canonical FROM operative_clauses
                        WHERE doc_id = 'ST-7290-2021-INIT:da' AND ordinal = 1 ORDER BY paragraph""").fetchall()
    assert [c for (_, c) in leading] == LEADING_VERBS_002
    p12 = db.sql("""SELECT surface, canonical FROM operative_clauses
                    WHERE doc_id = 'ST-7290-2021-INIT:da' AND paragraph = 12 ORDER BY ordinal""").fetchall()
    assert p12 == [("HILSER … VELKOMMEN", "WELCOMES"), ("SER … FREM TIL", "LOOKS_FORWARD_TO"),
                   ("ANERKENDER", "ACKNOWLEDGES")]
    p19 = db.sql("""SELECT surface FROM operative_clauses
                    WHERE doc_id = 'ST-7290-2021-INIT:da' AND paragraph = 19 ORDER BY ordinal""").fetchall()
    assert ("OPFORDRER INDTRÆNGENDE … TIL",) in p19
    acronyms = db.sql("""SELECT count(*) FROM operative_clauses
                         WHERE surface IN ('EU', 'ENISA', 'NATO', 'IKT', 'TEU', 'CSIRT''er')""").fetchone()
    assert acronyms == (0,)


def test_conclusions_002_recitals_footnotes_references(db):
    recitals = db.sql("""SELECT surface, canonical, line FROM recitals WHERE doc_id = 'ST-7290-2021-INIT:da'
                         ORDER BY ordinal""").fetchall()
    assert recitals == [("SOM MINDER OM", "RECALLING", line) for line in (9, 87, 93, 97, 101)]
    notes = db.sql("""SELECT number, body, marker_line, line FROM footnotes
                      WHERE doc_id = 'ST-7290-2021-INIT:da' ORDER BY number""").fetchall()
    assert len(notes) == 23
    assert notes[0] == (1, "12109/13.", 13, 36)
    assert notes[2] == (3, "14435/17 + COR 1.", 19, 38)
    assert notes[19] == (20, "EUCO 9/19.", 91, 131)
    assert notes[22] == (23, "2.12.2020 JOIN(2020) 22 final.", 103, 134)
    refs = dict(db.sql("""SELECT normalized, kind FROM "references"
                          WHERE doc_id = 'ST-7290-2021-INIT:da'""").fetchall())
    assert refs["ST-14435-2017-INIT"] == refs["ST-14435-2017-COR-1"] == "council_doc"
    assert refs["ST-13084-2020-REV-1"] == "council_doc"
    assert refs["EUCO-13-2020-INIT"] == "euco"
    assert refs["52020DC0067"] == "com"
    assert refs["52020JC0022"] == "join"


def test_conclusions_004_points_sections_footnotes(db):
    rows = db.sql("""SELECT number, sub, section FROM paragraphs WHERE doc_id = 'file:004_a15e6776a0e92f31'
                     ORDER BY number, sub NULLS FIRST""").fetchall()
    assert [r[0] for r in rows if r[1] is None] == list(range(1, 17))
    assert [r[1] for r in rows if r[0] == 4] == [None, "a", "b", "c", "d", "e", "f", "g", "h"]
    assert {r[2] for r in rows if r[0] <= 2} == {"1. INDLEDNING"}
    assert {r[2] for r in rows if r[0] >= 3} == {"2. PRIORITEREDE TILTAG"}
    notes = db.sql("""SELECT number, body FROM footnotes WHERE doc_id = 'file:004_a15e6776a0e92f31'
                      ORDER BY number""").fetchall()
    assert [n for n, _ in notes] == [1, 2, 3]
    assert notes[2][1].endswith(
        "https://international-partnerships.ec.europa.eu/publications/global-gateway-2023-flagship-projects-infographics_da")


def test_article_003_footnotes_and_dates(db):
    assert db.sql("SELECT count(*) FROM footnotes WHERE doc_id = 'file:003_3794a6227ef3eabf'").fetchone() == (21,)
    events = db.sql("""SELECT surface, date_start::VARCHAR, date_end::VARCHAR, precision FROM dated_events
                       WHERE doc_id = 'file:003_3794a6227ef3eabf' ORDER BY ordinal""").fetchall()
    assert ("January 2022 until august 2023", "2022-01-01", "2023-08-31", "month") in events
    assert ("29 January until 9 February 2024", "2024-01-29", "2024-02-09", "day") in events
    assert ("29 July to 9 August 2024", "2024-07-29", "2024-08-09", "day") in events
    assert ("25-26 October 2025", "2025-10-25", "2025-10-26", "day") in events
    assert ("11/12/2025", "2025-12-11", "2025-12-11", "day") in events
    surfaces = [e[0] for e in events]
    assert not any(s in ("24/7", "2.500", "may") for s in surfaces)


def test_dated_event_ranges_in_danish_and_slovenian(db):
    rows = dict(db.sql("SELECT surface, date_end::VARCHAR FROM dated_events").fetchall())
    assert rows["1.-2. oktober 2020"] == "2020-10-02"
    assert rows["25. in 26. oktober 2025"] == "2025-10-26"
    assert rows["2019-2024"] == "2024-12-31"
    assert rows["20. juni 2019"] == "2019-06-20"


def test_the_data_package_validates_with_frictionless(dataset):
    report = frictionless.validate(str(dataset / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
