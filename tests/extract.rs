//! `extract` end to end: the seeds, determinism, bad inputs named and counted, Parquet and CSV
//! agreeing, Parquet's column encodings, byte spans slicing the source back.

use std::fs::File;

use arrow_array::{Array, RecordBatch};
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;

use crate::util::{TABLES, Workdir, big_corpus, root, seeds};

fn extract_seeds(wd: &Workdir, out: &str, extra: &[&str]) -> std::process::Output {
    let seeds_dir = root().join("seeds");
    let mut args = vec!["extract", seeds_dir.to_str().unwrap(), "--out", out];
    args.extend_from_slice(extra);
    wd.run(&args)
}

fn read_parquet(path: &std::path::Path) -> (Vec<RecordBatch>, Option<String>) {
    let builder = ParquetRecordBatchReaderBuilder::try_new(File::open(path).unwrap()).unwrap();
    let version = builder.metadata().file_metadata().key_value_metadata().and_then(|kv| {
        kv.iter().find(|k| k.key == "councildata.schema_version").and_then(|k| k.value.clone())
    });
    let batches = builder.build().unwrap().collect::<Result<Vec<_>, _>>().unwrap();
    (batches, version)
}

/// Every table's CSV and Parquet files in two dataset directories are byte-identical.
fn assert_same_tables(wd: &Workdir, a: &str, b: &str) {
    for table in TABLES {
        for ext in ["csv", "parquet"] {
            let read = |dir| std::fs::read(wd.path().join(format!("{dir}/{table}.{ext}"))).unwrap();
            assert!(read(a) == read(b), "{table}.{ext} differs");
        }
    }
}

#[test]
fn seeds_extract_into_every_table() {
    let wd = Workdir::new();
    let out = extract_seeds(&wd, "ds", &[]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(wd.path().join("ds/datapackage.json").exists());
    for table in TABLES {
        assert!(wd.path().join(format!("ds/{table}.csv")).exists(), "{table}.csv");
        assert!(wd.path().join(format!("ds/{table}.parquet")).exists(), "{table}.parquet");
    }
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("extracted 5 documents"), "{stderr}");
}

#[test]
fn output_is_identical_whatever_the_order_or_threads() {
    let wd = Workdir::new();
    let files: Vec<String> = seeds()
        .iter()
        .map(|p| {
            let name = format!("in/{}", p.file_name().unwrap().to_string_lossy());
            wd.write(&name, std::fs::read(p).unwrap());
            name
        })
        .collect();
    let reversed: Vec<String> = files.iter().rev().cloned().collect();
    let mut args_a: Vec<&str> = vec!["extract"];
    args_a.extend(files.iter().map(String::as_str));
    args_a.extend(["--out", "a", "--jobs", "1", "--quiet"]);
    let mut args_b: Vec<&str> = vec!["extract"];
    args_b.extend(reversed.iter().map(String::as_str));
    args_b.extend(["--out", "b", "--jobs", "4", "--quiet"]);
    assert!(wd.run(&args_a).status.success());
    assert!(wd.run(&args_b).status.success());
    assert_same_tables(&wd, "a", "b");
    assert_eq!(wd.read("a/datapackage.json"), wd.read("b/datapackage.json"));
}

#[test]
fn tables_written_on_threads_of_their_own_equal_one_writers() {
    // Two full chunks of 32 documents for the table threads and part of a third; and more
    // workers than may extract at once, of which only 64 start.
    let wd = Workdir::new();
    big_corpus(&wd, 75);
    for (out, jobs) in [("one", "1"), ("threads", "6"), ("many", "100")] {
        let run = wd.run(&["extract", "big", "--out", out, "--jobs", jobs, "--quiet"]);
        assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    }
    assert_same_tables(&wd, "one", "threads");
    assert_same_tables(&wd, "one", "many");
}

#[test]
fn parquet_and_csv_agree_row_for_row() {
    let wd = Workdir::new();
    assert!(extract_seeds(&wd, "ds", &["--quiet"]).status.success());
    for table in TABLES {
        let (batches, version) = read_parquet(&wd.path().join(format!("ds/{table}.parquet")));
        assert_eq!(version.as_deref(), Some("1"), "{table}");
        let mut csv = csv::Reader::from_path(wd.path().join(format!("ds/{table}.csv"))).unwrap();
        let header: Vec<String> = csv.headers().unwrap().iter().map(String::from).collect();
        let rows: Vec<csv::StringRecord> = csv.records().map(Result::unwrap).collect();
        let parquet_rows: usize = batches.iter().map(RecordBatch::num_rows).sum();
        assert_eq!(rows.len(), parquet_rows, "{table}");
        let mut r = 0;
        for batch in &batches {
            let names: Vec<String> = batch.schema().fields().iter().map(|f| f.name().clone()).collect();
            assert_eq!(names, header, "{table}");
            for i in 0..batch.num_rows() {
                for (c, col) in batch.columns().iter().enumerate() {
                    let shown =
                        if col.is_null(i) { String::new() } else { arrow_cast_display(col.as_ref(), i) };
                    assert_eq!(shown, rows[r][c], "{table} row {r} column {}", header[c]);
                }
                r += 1;
            }
        }
    }
}

#[test]
fn integer_columns_are_delta_encoded_and_text_keeps_its_dictionaries() {
    use parquet::basic::{Encoding, Type};
    let wd = Workdir::new();
    assert!(extract_seeds(&wd, "ds", &["--quiet"]).status.success());
    for table in TABLES {
        let file = File::open(wd.path().join(format!("ds/{table}.parquet"))).unwrap();
        let builder = ParquetRecordBatchReaderBuilder::try_new(file).unwrap();
        for row_group in builder.metadata().row_groups() {
            for chunk in row_group.columns() {
                let name = chunk.column_path().string();
                let encodings: Vec<Encoding> = chunk.encodings().collect();
                match chunk.column_type() {
                    Type::INT64 => {
                        assert!(encodings.contains(&Encoding::DELTA_BINARY_PACKED), "{table}.{name}");
                        assert!(chunk.dictionary_page_offset().is_none(), "{table}.{name}");
                    }
                    Type::BYTE_ARRAY => {
                        assert!(chunk.dictionary_page_offset().is_some(), "{table}.{name}");
                        assert!(!encodings.contains(&Encoding::DELTA_BINARY_PACKED), "{table}.{name}");
                    }
                    _ => {}
                }
            }
        }
    }
}

/// A cell as CSV writes it: strings verbatim, integers in decimal, dates ISO 8601.
fn arrow_cast_display(col: &dyn Array, i: usize) -> String {
    use arrow_array::cast::AsArray;
    use arrow_array::types::{Date32Type, Int64Type};
    use arrow_schema::DataType;
    match col.data_type() {
        DataType::Utf8 => col.as_string::<i32>().value(i).to_string(),
        DataType::Int64 => col.as_primitive::<Int64Type>().value(i).to_string(),
        DataType::Date32 => col.as_primitive::<Date32Type>().value_as_date(i).unwrap().to_string(),
        other => panic!("unexpected column type {other}"),
    }
}

#[test]
fn byte_spans_slice_the_source_back() {
    let wd = Workdir::new();
    assert!(extract_seeds(&wd, "ds", &["--quiet"]).status.success());
    let sources: std::collections::HashMap<String, Vec<u8>> = seeds()
        .iter()
        .map(|p| (p.file_name().unwrap().to_string_lossy().into_owned(), std::fs::read(p).unwrap()))
        .collect();
    let mut docs = csv::Reader::from_path(wd.path().join("ds/documents.csv")).unwrap();
    let paths: std::collections::HashMap<String, String> =
        docs.records().map(|r| r.unwrap()).map(|r| (r[0].to_string(), r[1].to_string())).collect();
    let squash = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    for (table, surface_col) in
        [("operative_clauses", "surface"), ("references", "surface"), ("dated_events", "surface")]
    {
        let mut rdr = csv::Reader::from_path(wd.path().join(format!("ds/{table}.csv"))).unwrap();
        let h = rdr.headers().unwrap().clone();
        let col = |n: &str| h.iter().position(|x| x == n).unwrap();
        for rec in rdr.records().map(Result::unwrap) {
            let src = &sources[&paths[&rec[col("doc_id")]]];
            let (s, e): (usize, usize) =
                (rec[col("byte_start")].parse().unwrap(), rec[col("byte_end")].parse().unwrap());
            let slice = String::from_utf8(src[s..e].to_vec()).unwrap();
            let surface = rec[col(surface_col)].replace('…', "");
            // The slice holds the surface's words in order, with line breaks (and, for a
            // discontinuous verb, the words between) in addition.
            let mut rest = squash(&slice);
            for word in surface.split_whitespace() {
                let w = squash(word).replace('-', "");
                let at = rest.replace('-', "").find(&w);
                assert!(at.is_some(), "{table}: {surface:?} not in {slice:?}");
                rest = rest.split_off(rest.len().min(w.len()));
            }
        }
    }
}

#[test]
fn bad_inputs_are_named_and_the_rest_extracted() {
    let wd = Workdir::new();
    wd.write("in/good.txt", std::fs::read(&seeds()[2]).unwrap());
    wd.write("in/empty.txt", "");
    wd.write("in/binary.txt", b"abc\n\x00\x01\x02");
    wd.write("in/latin1.txt", b"R\xe5dets konklusioner\n");
    wd.write("in/notes.md", "not a .txt file");
    let out = wd.run(&["extract", "in", "--out", "ds"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("empty.txt: empty file"), "{stderr}");
    assert!(stderr.contains("binary.txt:2:1: binary data"), "{stderr}");
    assert!(stderr.contains("latin1.txt:1:2: not valid UTF-8"), "{stderr}");
    assert!(
        stderr.contains("extracted 1 document into ds in ") && stderr.contains("(0 warned, 3 failed)"),
        "{stderr}"
    );
    let docs = wd.read("ds/documents.csv");
    assert_eq!(docs.lines().count(), 2, "{docs}");
}

#[test]
fn a_second_document_with_the_same_doc_id_is_refused_and_named() {
    let wd = Workdir::new();
    // The same Council document filed twice, in two folders: one doc_id, `ST-12642-2025-ADD-1:da`.
    let seed = std::fs::read(&seeds()[0]).unwrap();
    wd.write("in/a/doc.txt", &seed);
    wd.write("in/b/doc.txt", &seed);
    let out = wd.run(&["extract", "in", "--out", "ds"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    let refused =
        stderr.lines().filter(|l| l.contains("doc.txt: same doc_id ST-12642-2025-ADD-1:da as ")).count();
    assert_eq!(refused, 1, "{stderr}");
    assert!(stderr.contains("(0 warned, 1 failed)"), "{stderr}");
    assert_eq!(wd.read("ds/documents.csv").lines().count(), 2);
}

#[test]
fn a_text_that_is_no_council_document_is_other_with_a_warning() {
    let wd = Workdir::new();
    wd.write("in/recipe.txt", "Mix the flour and the water and bake it for an hour.\n");
    let out = wd.run(&["extract", "in", "--out", "ds"]);
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("recipe.txt:1:1: [not-council-document]"), "{stderr}");
    assert!(wd.read("ds/documents.csv").contains(",en,other,"));
}

#[test]
fn a_failed_run_leaves_the_previous_dataset_alone() {
    let wd = Workdir::new();
    wd.write("in/a.txt", std::fs::read(&seeds()[0]).unwrap());
    assert!(wd.run(&["extract", "in", "--out", "ds", "--quiet"]).status.success());
    let before = wd.read("ds/documents.csv");
    // The output's parent is a file: the new dataset cannot be written.
    wd.write("blocked", "x");
    let out = wd.run(&["extract", "in", "--out", "blocked/ds", "--quiet"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(wd.read("ds/documents.csv"), before);
    assert!(wd.run(&["extract", "in", "--out", "ds", "--quiet"]).status.success());
    assert_eq!(wd.read("ds/documents.csv"), before);
}

#[test]
fn a_sharded_run_merged_equals_an_unsharded_run_byte_for_byte() {
    let wd = Workdir::new();
    let seeds_dir = root().join("seeds");
    let seeds_dir = seeds_dir.to_str().unwrap();
    assert!(wd.run(&["extract", seeds_dir, "--out", "full", "--quiet"]).status.success());
    for shard in ["1/3", "2/3", "3/3"] {
        let out = wd.run(&["extract", seeds_dir, "--out", "parts", "--shard", shard, "--quiet"]);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    }
    assert!(wd.path().join("parts/paragraphs/part-2-of-3.parquet").exists());
    let out = wd.run(&["merge", "parts", "--out", "merged"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_same_tables(&wd, "full", "merged");
    assert_eq!(wd.read("full/datapackage.json"), wd.read("merged/datapackage.json"));
    // A missing part is named.
    std::fs::remove_file(wd.path().join("parts/footnotes/part-3-of-3.parquet")).unwrap();
    let out = wd.run(&["merge", "parts", "--out", "merged2"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("part-3-of-3.parquet"));
}
