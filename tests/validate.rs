//! `validate`: broken variants of the seeds, made here from the seed text, one or more per
//! finding code, each caught at its line and absent on the seeds; datasets extracted from the
//! seeds and then tampered with, one per `--dataset` rule, each rejected naming the table, the
//! row and the column.

use std::fs::File;
use std::path::Path;
use std::sync::Arc;

use arrow_array::cast::AsArray;
use arrow_array::types::Int64Type;
use arrow_array::{ArrayRef, Int32Array, RecordBatch, StringArray};
use arrow_schema::{DataType, Field, Schema};
use parquet::arrow::ArrowWriter;
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use parquet::file::metadata::KeyValue;
use parquet::file::properties::WriterProperties;
use serde_json::Value;

use crate::util::{Workdir, edit, json, line_of, root, seed_text, seeds};

/// A broken variant: seed, edit, and the finding expected at the line of `at` in the result,
/// at `column`.
struct Broken {
    name: &'static str,
    seed: &'static str,
    from: &'static str,
    to: &'static str,
    code: &'static str,
    at: &'static str,
    message: &'static str,
    column: usize,
}

const BROKEN: &[Broken] = &[
    Broken {
        name: "gap",
        seed: "002",
        from: "\n3. UNDERSTREGER behovet",
        to: "\nUNDERSTREGER behovet",
        code: "paragraph-numbering",
        at: "4. OPFORDRER TIL",
        message: "paragraph 4 follows paragraph 2: 3 missing",
        column: 1,
    },
    Broken {
        name: "duplicate",
        seed: "002",
        from: "\n3. UNDERSTREGER behovet",
        to: "\n2. UNDERSTREGER behovet",
        code: "paragraph-numbering",
        at: "2. UNDERSTREGER behovet",
        message: "paragraph 2 is numbered twice",
        column: 1,
    },
    Broken {
        name: "disorder",
        seed: "002",
        from: "\n5. FREMHÆVER, at det",
        to: "\n3. FREMHÆVER, at det",
        code: "paragraph-numbering",
        at: "3. FREMHÆVER, at det",
        message: "paragraph 3 after paragraph 4: out of order",
        column: 1,
    },
    Broken {
        name: "body-missing",
        seed: "002",
        from: "4 7737/19. \n",
        to: "",
        code: "footnote-numbering",
        at: "5 14517/19.",
        message: "footnote 5 follows footnote 3: no body for 4",
        column: 1,
    },
    Broken {
        name: "marker-without-body",
        seed: "002",
        from: "4 7737/19. \n",
        to: "",
        code: "footnote-marker-without-body",
        at: "cybersikkerhedskapacitet i EU4",
        message: "footnote marker 4 has no body",
        column: 45,
    },
    Broken {
        name: "body-without-marker",
        seed: "002",
        from: "internetforvaltning2",
        to: "internetforvaltning",
        code: "footnote-without-marker",
        at: "2 16200/14.",
        message: "footnote 2 has a body but no marker in the text",
        column: 1,
    },
    Broken {
        name: "no-recipient",
        seed: "000",
        from: "til: De Faste Repræsentanters Komité/Rådet",
        to: "",
        code: "note-header-incomplete",
        at: " NOTE",
        message: "NOTE cover without recipient",
        column: 2,
    },
    Broken {
        name: "no-sender",
        seed: "001",
        from: "Pošiljatelj: Generalni sekretariat Sveta",
        to: "",
        code: "note-header-incomplete",
        at: " DOPIS",
        message: "DOPIS cover without sender",
        column: 2,
    },
    Broken {
        name: "no-subject",
        seed: "000",
        from: "Vedr.: RÅDETS AFGØRELSE",
        to: "RÅDETS AFGØRELSE",
        code: "note-header-incomplete",
        at: " NOTE",
        message: "NOTE cover without subject",
        column: 2,
    },
    Broken {
        name: "unknown-verb",
        seed: "002",
        from: "3. UNDERSTREGER behovet",
        to: "3. BEKLAGER DYBT behovet",
        code: "unknown-operative",
        at: "BEKLAGER DYBT",
        message: "`BEKLAGER DYBT` looks like an operative verb but is not in grammars/da.toml",
        column: 4,
    },
    Broken {
        name: "february-31",
        seed: "002",
        from: "25. juni 2013",
        to: "31. februar 2013",
        code: "impossible-date",
        at: "31. februar 2013",
        message: "`31. februar 2013` is not a date that exists",
        column: 28,
    },
    Broken {
        name: "bad-reference",
        seed: "002",
        from: "1 12109/13.",
        to: "1 12109/1.",
        code: "unparsed-reference",
        at: "12109/1.",
        message: "`12109/1.` looks like a document reference but does not parse",
        column: 3,
    },
    Broken {
        name: "empty-point",
        seed: "004",
        from: " 5. Rådet opfordrer Kommissionen,",
        to: "i) \n\n 5. Rådet opfordrer Kommissionen,",
        code: "schema-constraint",
        at: "i) \n",
        message: "paragraphs (number 4, sub i): `text`: required value missing",
        column: 3,
    },
];

/// Runs `validate --format json` on one text; the exit status and the findings.
fn validate(wd: &Workdir, name: &str, text: &str) -> (i32, Vec<Value>) {
    let file = format!("{name}.txt");
    wd.write(&file, text);
    let out = wd.run(&["validate", "--format", "json", &file]);
    let findings = json(&out).as_array().cloned().unwrap_or_default();
    (out.status.code().unwrap_or(-1), findings)
}

fn is_error(f: &Value) -> bool {
    f["severity"] == "error"
}

#[test]
fn the_seeds_are_valid() {
    let wd = Workdir::new();
    let mut args = vec!["validate".to_string(), "--format".into(), "json".into()];
    args.extend(seeds().iter().map(|p| p.to_string_lossy().into_owned()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = wd.run(&args);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stdout));
    let findings = json(&out);
    let errors: Vec<&Value> = findings.as_array().unwrap().iter().filter(|f| is_error(f)).collect();
    assert!(errors.is_empty(), "{errors:?}");
    for b in BROKEN {
        assert!(!findings.as_array().unwrap().iter().any(|f| f["code"] == b.code), "{} on the seeds", b.code);
    }
}

#[test]
fn every_finding_is_caught_at_its_line() {
    let wd = Workdir::new();
    for b in BROKEN {
        let text = edit(&seed_text(b.seed), b.from, b.to);
        let (status, findings) = validate(&wd, b.name, &text);
        let line = line_of(&text, b.at);
        let hit = findings.iter().find(|f| f["code"] == b.code && f["message"] == b.message);
        let Some(hit) = hit else { panic!("{}: no {} `{}` in {findings:#?}", b.name, b.code, b.message) };
        assert_eq!((&hit["line"], &hit["column"]), (&line.into(), &b.column.into()), "{}: {hit}", b.name);
        assert_eq!(hit["file"], format!("{}.txt", b.name), "{}", b.name);
        let want_status = if findings.iter().any(is_error) { 1 } else { 0 };
        assert_eq!(status, want_status, "{}: {findings:#?}", b.name);
        let warning = matches!(b.code, "unknown-operative" | "unparsed-reference");
        assert_eq!(hit["severity"], if warning { "warning" } else { "error" }, "{}", b.name);
    }
}

#[test]
fn warnings_alone_exit_zero_and_errors_exit_one() {
    let wd = Workdir::new();
    let warned = edit(&seed_text("002"), "1 12109/13.", "1 12109/1.");
    assert_eq!(validate(&wd, "warned", &warned).0, 0);
    let broken = edit(&seed_text("002"), "25. juni 2013", "31. februar 2013");
    assert_eq!(validate(&wd, "broken", &broken).0, 1);
}

#[test]
fn a_text_without_structure_is_not_a_council_document() {
    let wd = Workdir::new();
    // The statement of seeds/001 without its cover, its annex heading or its title word.
    let body: String = seed_text("001").lines().skip(19).take(40).collect::<Vec<_>>().join("\n");
    let (status, findings) = validate(&wd, "bare", &body);
    assert_eq!(status, 0);
    let f = findings.iter().find(|f| f["code"] == "not-council-document").expect("not-council-document");
    assert_eq!((f["line"].as_u64(), f["severity"].as_str()), (Some(1), Some("warning")));
}

#[test]
fn text_output_shows_the_source_line_under_the_position() {
    let wd = Workdir::new();
    let text = edit(&seed_text("002"), "25. juni 2013", "31. februar 2013");
    wd.write("d.txt", &text);
    let out = wd.run(&["validate", "d.txt"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.starts_with(
            "d.txt:11:28: error[impossible-date]: `31. februar 2013` is not a date that exists\n   |\n11 | – den fælles meddelelse af 31. februar 2013"
        ),
        "{stdout}"
    );
    assert!(stdout.contains("\n   |                            ^^^^^^^^^^^^^^^^\n"), "{stdout}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("1 error, 0 warnings"));
}

// --- validate --dataset ---

/// The seeds extracted into `ds`.
fn seeds_dataset() -> Workdir {
    let wd = Workdir::new();
    let seeds_dir = root().join("seeds");
    let out = wd.run(&["extract", seeds_dir.to_str().unwrap(), "--out", "ds", "--quiet"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    wd
}

/// Rewrites `ds/<table>.csv`, header included (`rows[0]`).
fn tamper_csv(wd: &Workdir, table: &str, f: impl FnOnce(&mut Vec<Vec<String>>)) {
    let path = wd.path().join(format!("ds/{table}.csv"));
    let mut reader = csv::ReaderBuilder::new().has_headers(false).from_path(&path).unwrap();
    let mut rows: Vec<Vec<String>> =
        reader.records().map(|r| r.unwrap().iter().map(String::from).collect()).collect();
    f(&mut rows);
    let mut writer =
        csv::WriterBuilder::new().terminator(csv::Terminator::Any(b'\n')).from_path(&path).unwrap();
    for row in rows {
        writer.write_record(row).unwrap();
    }
    writer.flush().unwrap();
}

/// Rewrites `ds/<table>.parquet` with its batches changed by `f`, and `version` in its
/// key-value metadata.
fn tamper_parquet(wd: &Workdir, table: &str, version: &str, f: impl Fn(RecordBatch) -> RecordBatch) {
    let path = wd.path().join(format!("ds/{table}.parquet"));
    let reader =
        ParquetRecordBatchReaderBuilder::try_new(File::open(&path).unwrap()).unwrap().build().unwrap();
    let batches: Vec<RecordBatch> = reader.map(|b| f(b.unwrap())).collect();
    let props = WriterProperties::builder()
        .set_key_value_metadata(Some(vec![KeyValue::new(
            "councildata.schema_version".into(),
            version.to_string(),
        )]))
        .build();
    let schema = batches[0].schema();
    let mut writer = ArrowWriter::try_new(File::create(&path).unwrap(), schema, Some(props)).unwrap();
    for b in &batches {
        writer.write(b).unwrap();
    }
    writer.close().unwrap();
}

/// A batch with column `name` replaced.
fn replace_column(batch: &RecordBatch, name: &str, field: Field, array: ArrayRef) -> RecordBatch {
    let i = batch.schema().index_of(name).unwrap();
    let mut fields: Vec<Field> = batch.schema().fields().iter().map(|f| f.as_ref().clone()).collect();
    let mut columns = batch.columns().to_vec();
    fields[i] = field;
    columns[i] = array;
    RecordBatch::try_new(Arc::new(Schema::new(fields)), columns).unwrap()
}

/// `validate --dataset ds`: the exit status and the findings.
fn check(wd: &Workdir) -> (i32, Vec<Value>) {
    let out = wd.run(&["validate", "--dataset", "ds", "--format", "json"]);
    (out.status.code().unwrap_or(-1), json(&out).as_array().cloned().unwrap_or_default())
}

/// The finding of `code` about `file`, at `line`, naming `field` (none when empty); the run
/// must have exited 1.
fn expect(wd: &Workdir, code: &str, file: &str, line: usize, field: &str) -> Value {
    let (status, findings) = check(wd);
    assert_eq!(status, 1, "{findings:#?}");
    let hit = findings
        .iter()
        .find(|f| f["code"] == code && f["file"] == Path::new("ds").join(file).to_string_lossy().as_ref());
    let Some(hit) = hit else { panic!("no {code} on {file} in {findings:#?}") };
    assert_eq!(hit["line"], line, "{hit}");
    if field.is_empty() {
        assert_eq!(hit.get("field"), None, "{hit}");
    } else {
        assert_eq!(hit["field"], field, "{hit}");
    }
    let table = file.split('.').next().unwrap();
    assert_eq!(hit["table"], table, "{hit}");
    if line > 1 {
        assert_eq!(hit["row"], line - 1, "{hit}");
    }
    hit.clone()
}

#[test]
fn the_seeds_dataset_is_valid() {
    let wd = seeds_dataset();
    assert_eq!(check(&wd), (0, Vec::new()));
}

#[test]
fn a_missing_column_is_named() {
    let wd = seeds_dataset();
    tamper_csv(&wd, "paragraphs", |rows| {
        for r in rows.iter_mut() {
            r.remove(3);
        }
    });
    let hit = expect(&wd, "column-mismatch", "paragraphs.csv", 1, "section");
    assert_eq!(hit["column"], 4);
}

#[test]
fn columns_out_of_order_are_named() {
    let wd = seeds_dataset();
    tamper_csv(&wd, "footnotes", |rows| {
        for r in rows.iter_mut() {
            r.swap(2, 3);
        }
    });
    let hit = expect(&wd, "column-mismatch", "footnotes.csv", 1, "marker_line");
    assert!(hit["message"].as_str().unwrap().contains("schema has `body` there"), "{hit}");
}

#[test]
fn a_value_of_the_wrong_type_in_csv() {
    let wd = seeds_dataset();
    tamper_csv(&wd, "documents", |rows| rows[2][8] = "many".into());
    let hit = expect(&wd, "type-mismatch", "documents.csv", 3, "byte_len");
    assert_eq!(hit["column"], 9);
}

#[test]
fn a_column_of_the_wrong_arrow_type_in_parquet() {
    let wd = seeds_dataset();
    tamper_parquet(&wd, "paragraphs", "1", |b| {
        let numbers = b.column_by_name("number").unwrap().as_primitive::<Int64Type>();
        let narrow: Int32Array = numbers.iter().map(|v| v.map(|n| n as i32)).collect();
        replace_column(&b, "number", Field::new("number", DataType::Int32, false), Arc::new(narrow))
    });
    let hit = expect(&wd, "type-mismatch", "paragraphs.parquet", 1, "number");
    assert!(hit["message"].as_str().unwrap().contains("Int32"), "{hit}");
}

#[test]
fn a_required_value_missing() {
    let wd = seeds_dataset();
    tamper_csv(&wd, "paragraphs", |rows| rows[3][4] = String::new());
    expect(&wd, "required-missing", "paragraphs.csv", 4, "text");
}

#[test]
fn a_required_value_missing_in_parquet_only() {
    let wd = seeds_dataset();
    tamper_parquet(&wd, "footnotes", "1", |b| {
        let bodies = b.column_by_name("body").unwrap().as_string::<i32>();
        let blanked: StringArray =
            bodies.iter().enumerate().map(|(i, v)| if i == 1 { None } else { v }).collect();
        replace_column(&b, "body", Field::new("body", DataType::Utf8, true), Arc::new(blanked))
    });
    expect(&wd, "required-missing", "footnotes.parquet", 3, "body");
    expect(&wd, "csv-parquet-mismatch", "footnotes.csv", 3, "body");
}

#[test]
fn a_value_outside_the_enum() {
    let wd = seeds_dataset();
    tamper_csv(&wd, "documents", |rows| rows[1][4] = "memo".into());
    expect(&wd, "enum-value", "documents.csv", 2, "kind");
}

#[test]
fn a_value_not_matching_the_pattern() {
    let wd = seeds_dataset();
    tamper_csv(&wd, "documents", |rows| rows[4][3] = "DAN".into());
    expect(&wd, "pattern-mismatch", "documents.csv", 5, "language");
}

#[test]
fn a_number_below_the_minimum() {
    let wd = seeds_dataset();
    tamper_csv(&wd, "references", |rows| rows[2][7] = "0".into());
    expect(&wd, "below-minimum", "references.csv", 3, "line");
}

#[test]
fn a_duplicate_key_with_a_null_part() {
    let wd = seeds_dataset();
    // Paragraphs 1 and 2 of a document, both with a null `sub`: 2 renumbered 1.
    tamper_csv(&wd, "paragraphs", |rows| {
        assert_eq!((rows[1][1].as_str(), rows[1][2].as_str()), ("1", ""));
        assert_eq!((rows[2][1].as_str(), rows[2][2].as_str(), &rows[2][0]), ("2", "", &rows[1][0]));
        rows[2][1] = "1".into();
    });
    let hit = expect(&wd, "duplicate-key", "paragraphs.csv", 3, "sub");
    assert!(hit["message"].as_str().unwrap().ends_with(", 1, null) already in row 1"), "{hit}");
}

#[test]
fn a_foreign_key_to_no_document() {
    let wd = seeds_dataset();
    tamper_csv(&wd, "dated_events", |rows| rows[5][0] = "file:ghost".into());
    let hit = expect(&wd, "foreign-key", "dated_events.csv", 6, "doc_id");
    assert!(hit["message"].as_str().unwrap().contains("`file:ghost` is not a documents.doc_id"), "{hit}");
}

#[test]
fn csv_and_parquet_disagreeing() {
    let wd = seeds_dataset();
    let mut row = 0;
    tamper_csv(&wd, "paragraphs", |rows| {
        row = rows.iter().position(|r| r[0] == "ST-7290-2021-INIT:da" && r[1] == "3").unwrap();
        rows[row][4] = rows[row][4].replacen("behovet", "ønsket", 1);
    });
    let hit = expect(&wd, "csv-parquet-mismatch", "paragraphs.csv", row + 1, "text");
    let (_, findings) = check(&wd);
    assert_eq!(findings.len(), 1, "{findings:#?}");
    assert!(hit["message"].as_str().unwrap().contains("CSV and Parquet differ in `text`"), "{hit}");
}

#[test]
fn csv_and_parquet_with_different_row_counts() {
    let wd = seeds_dataset();
    tamper_csv(&wd, "recitals", |rows| {
        rows.pop();
    });
    let hit = expect(&wd, "csv-parquet-mismatch", "recitals.parquet", 1, "");
    assert!(hit["message"].as_str().unwrap().contains("4 rows in ds/recitals.csv, 5 in ds/recitals.parquet"));
}

#[test]
fn a_parquet_file_of_another_version() {
    let wd = seeds_dataset();
    tamper_parquet(&wd, "documents", "2", |b| b);
    let (status, findings) = check(&wd);
    assert_eq!(status, 1);
    let hit = findings.iter().find(|f| f["code"] == "schema-version").expect("schema-version");
    assert_eq!(hit["file"], "ds/documents.parquet");
    assert!(hit["message"].as_str().unwrap().contains("is v2, the package declares v1"), "{hit}");
}

#[test]
fn a_missing_table_file() {
    let wd = seeds_dataset();
    std::fs::remove_file(wd.path().join("ds/note_headers.parquet")).unwrap();
    let (status, findings) = check(&wd);
    assert_eq!(status, 1);
    assert!(
        findings.iter().any(|f| f["code"] == "missing-file" && f["table"] == "note_headers"),
        "{findings:#?}"
    );
}

#[test]
fn a_dataset_of_an_unknown_version_is_refused_naming_the_known_ones() {
    let wd = seeds_dataset();
    let package = wd
        .read("ds/datapackage.json")
        .replace("\"councildata:schema_version\": \"1\"", "\"councildata:schema_version\": \"9\"");
    wd.write("ds/datapackage.json", package);
    let out = wd.run(&["validate", "--dataset", "ds"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("schema version v9 is unknown to this build, which knows v1"), "{stderr}");
}

#[test]
fn a_directory_without_a_package_is_refused() {
    let wd = Workdir::new();
    std::fs::create_dir_all(wd.path().join("ds")).unwrap();
    let out = wd.run(&["validate", "--dataset", "ds"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("datapackage.json"));
}

#[test]
fn a_reader_that_stops_early_is_no_panic() {
    let wd = Workdir::new();
    wd.write("d.txt", edit(&seed_text("002"), "25. juni 2013", "31. februar 2013"));
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_councildata"))
        .current_dir(wd.path())
        .args(["validate", "d.txt"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}
