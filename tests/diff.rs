//! `diff`: revision pairs made here from the seed texts (an edited word, a changed footnote, a
//! removed and an added document, an inserted paragraph, a corrigendum that changes a date),
//! each reported as exactly what was edited; datasets and documents on either side; schema
//! versions that cannot be compared refused.

use serde_json::Value;

use crate::util::{TABLES, Workdir, edit, json, root, seed_text, seeds};

const SEED_002: &str = "002_a4da9ab59f792bf4.txt";

/// `old/` and `new/` each holding the given documents, by file name.
fn revision(old: &[(&str, String)], new: &[(&str, String)]) -> Workdir {
    let wd = Workdir::new();
    for (name, text) in old {
        wd.write(&format!("old/{name}"), text);
    }
    for (name, text) in new {
        wd.write(&format!("new/{name}"), text);
    }
    wd
}

/// `diff --format json OLD NEW`: the exit status and the JSON.
fn diff(wd: &Workdir, old: &str, new: &str) -> (i32, Value) {
    let out = wd.run(&["diff", "--format", "json", old, new]);
    (out.status.code().unwrap_or(-1), json(&out))
}

/// `(added, removed, changed, moved)` of a table.
type Counts = (u64, u64, u64, u64);

/// The counts of a table.
fn counts(d: &Value, table: &str) -> Counts {
    let t = &d["tables"][table];
    let n = |k: &str| t[k].as_u64().unwrap_or_else(|| panic!("{table}.{k} in {t}"));
    (n("added"), n("removed"), n("changed"), n("moved"))
}

/// Every table not named in `expected` has no differences; those named have these counts.
fn assert_counts(d: &Value, expected: &[(&str, Counts)]) {
    for table in TABLES {
        let want = expected.iter().find(|(t, _)| *t == table).map_or((0, 0, 0, 0), |(_, c)| *c);
        assert_eq!(counts(d, table), want, "{table}: {:#}", d["tables"][table]["rows"]);
        assert_eq!(
            d["tables"][table]["rows"].as_array().unwrap().len() as u64,
            want.0 + want.1 + want.2 + want.3
        );
    }
}

fn rows<'a>(d: &'a Value, table: &str) -> &'a [Value] {
    d["tables"][table]["rows"].as_array().unwrap()
}

/// The one change of `column` in a changed row.
fn change<'a>(row: &'a Value, column: &str) -> &'a Value {
    row["changes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["column"] == column)
        .unwrap_or_else(|| panic!("{column} in {row:#}"))
}

#[test]
fn identical_inputs_do_not_differ() {
    let all: Vec<(String, String)> = seeds()
        .iter()
        .map(|p| (p.file_name().unwrap().to_string_lossy().into_owned(), std::fs::read_to_string(p).unwrap()))
        .collect();
    let docs: Vec<(&str, String)> = all.iter().map(|(n, t)| (n.as_str(), t.clone())).collect();
    let wd = revision(&docs, &docs);
    let (status, d) = diff(&wd, "old", "new");
    assert_eq!(status, 0);
    assert_counts(&d, &[]);
    let text = wd.run(&["diff", "old", "new"]);
    assert_eq!(text.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&text.stdout).ends_with("no differences\n"));
}

#[test]
fn an_edited_word_is_one_changed_paragraph_with_the_words_shown() {
    let old = seed_text("002");
    let new = edit(&old, "øge bevidstheden om cyberspørgsmål", "øge forståelsen af cyberspørgsmål");
    let wd = revision(&[(SEED_002, old)], &[(SEED_002, new)]);
    let (status, d) = diff(&wd, "old", "new");
    assert_eq!(status, 1);
    assert_counts(&d, &[("paragraphs", (0, 0, 1, 0))]);
    let row = &rows(&d, "paragraphs")[0];
    assert_eq!(row["status"], "changed");
    assert_eq!(row["key"]["number"], 3);
    assert_eq!(row["changes"].as_array().unwrap().len(), 1, "{row:#}");
    let words = change(row, "text")["words"].as_str().unwrap();
    assert!(words.contains("at øge [-bevidstheden om-]{+forståelsen af+} cyberspørgsmål"), "{words}");

    let text = wd.run(&["diff", "old", "new"]);
    let stdout = String::from_utf8_lossy(&text.stdout);
    assert!(stdout.starts_with("documents          0 added, 0 removed, 0 changed, 0 moved\n"), "{stdout}");
    assert!(stdout.contains("paragraphs         0 added, 0 removed, 1 changed, 0 moved\n"), "{stdout}");
    assert!(
        stdout.contains(
            "changed  paragraphs ST-7290-2021-INIT:da (number 3)\n    text  … behovet for at øge [-bevidstheden om-]{+forståelsen af+} cyberspørgsmål på det politiske …\n"
        ),
        "{stdout}"
    );
}

#[test]
fn a_changed_footnote_is_one_changed_footnote_and_its_reference() {
    let old = seed_text("002");
    let new = edit(&old, "3 14435/17 + COR 1.", "3 14435/17 + COR 2.");
    let wd = revision(&[(SEED_002, old)], &[(SEED_002, new)]);
    let (status, d) = diff(&wd, "old", "new");
    assert_eq!(status, 1);
    assert_counts(&d, &[("footnotes", (0, 0, 1, 0)), ("references", (0, 0, 1, 0))]);
    let note = &rows(&d, "footnotes")[0];
    assert_eq!(note["key"]["number"], 3);
    assert_eq!(change(note, "body")["words"], "14435/17 + COR [-1.-]{+2.+}");
    let reference = &rows(&d, "references")[0];
    let normalized = change(reference, "normalized");
    assert_eq!(
        (normalized["old"].as_str(), normalized["new"].as_str()),
        (Some("ST-14435-2017-COR-1"), Some("ST-14435-2017-COR-2"))
    );
}

#[test]
fn a_removed_and_an_added_document() {
    let files: Vec<(String, String)> = seeds()
        .iter()
        .map(|p| (p.file_name().unwrap().to_string_lossy().into_owned(), std::fs::read_to_string(p).unwrap()))
        .collect();
    let docs = |skip: &str| -> Vec<(&str, String)> {
        files.iter().filter(|(n, _)| !n.starts_with(skip)).map(|(n, t)| (n.as_str(), t.clone())).collect()
    };
    // The NOTE of seeds/000 leaves; the conclusions of seeds/004 arrive.
    let wd = revision(&docs("004"), &docs("000"));
    let (status, d) = diff(&wd, "old", "new");
    assert_eq!(status, 1);
    let documents = rows(&d, "documents");
    assert_eq!(counts(&d, "documents"), (1, 1, 0, 0));
    let removed = documents.iter().find(|r| r["status"] == "removed").unwrap();
    let added = documents.iter().find(|r| r["status"] == "added").unwrap();
    assert_eq!(removed["key"]["doc_id"], "ST-12642-2025-ADD-1:da");
    assert_eq!(added["key"]["doc_id"], "file:004_a15e6776a0e92f31");
    assert_eq!(counts(&d, "note_headers"), (0, 1, 0, 0));
    // Every other row is the removed or the added document's: none changed or moved.
    for table in TABLES {
        let (_, _, changed, moved) = counts(&d, table);
        assert_eq!((changed, moved), (0, 0), "{table}");
        for row in rows(&d, table) {
            let doc = &row["key"]["doc_id"];
            assert!(*doc == added["key"]["doc_id"] || *doc == removed["key"]["doc_id"], "{table}: {row:#}");
        }
    }
    assert!(counts(&d, "paragraphs").0 > 0);
    let text = String::from_utf8_lossy(&wd.run(&["diff", "old", "new"]).stdout).into_owned();
    assert!(
        text.contains("removed  documents ST-12642-2025-ADD-1:da\n    title: RÅDETS AFGØRELSE"),
        "{text}"
    );
    assert!(text.contains("rows of added or removed documents counted above, not listed"), "{text}");
}

/// seeds/002 with a paragraph inserted as number 3 and the paragraphs after it renumbered.
fn with_inserted_paragraph(text: &str) -> String {
    let mut out = Vec::new();
    for line in text.split('\n') {
        let body = line.strip_prefix(' ').unwrap_or(line);
        let digits: String = body.chars().take_while(char::is_ascii_digit).collect();
        let rest = &body[digits.len()..];
        let opens = rest.starts_with(". ") && rest[2..].starts_with(|c: char| c.is_uppercase());
        match digits.parse::<u32>() {
            Ok(n) if n >= 3 && opens => {
                if n == 3 {
                    out.push(
                        "3. OPFORDRER TIL et styrket samarbejde om cybersikkerhed mellem medlemsstaterne. "
                            .to_string(),
                    );
                    out.push(String::new());
                }
                out.push(line.replacen(&format!("{n}. "), &format!("{}. ", n + 1), 1));
            }
            _ => out.push(line.to_string()),
        }
    }
    out.join("\n")
}

#[test]
fn an_inserted_paragraph_is_one_added_row_and_the_renumbered_ones_moved() {
    let old = seed_text("002");
    let new = with_inserted_paragraph(&old);
    let wd = revision(&[(SEED_002, old)], &[(SEED_002, new)]);
    let (status, d) = diff(&wd, "old", "new");
    assert_eq!(status, 1);
    // seeds/002 has paragraphs 1–33: 3–33 are renumbered 4–34.
    let (added, removed, changed, moved) = counts(&d, "paragraphs");
    assert_eq!((added, removed, changed, moved), (1, 0, 0, 31));
    for table in TABLES {
        let (_, removed, changed, _) = counts(&d, table);
        assert_eq!((removed, changed), (0, 0), "{table}");
    }
    let paragraphs = rows(&d, "paragraphs");
    let inserted = paragraphs.iter().find(|r| r["status"] == "added").unwrap();
    assert_eq!(inserted["key"]["number"], 3);
    assert!(inserted["new"]["text"].as_str().unwrap().starts_with("OPFORDRER TIL et styrket samarbejde"));
    for row in paragraphs.iter().filter(|r| r["status"] == "moved") {
        let changes = row["changes"].as_array().unwrap();
        assert_eq!(changes.len(), 1, "{row:#}");
        assert_eq!(changes[0]["column"], "number");
        assert_eq!(changes[0]["new"].as_i64(), changes[0]["old"].as_i64().map(|n| n + 1));
        assert_eq!(row["old"]["text"], row["new"]["text"]);
    }
    // The new paragraph's verb is the one clause added; the renumbered paragraphs' clauses moved.
    assert_eq!(counts(&d, "operative_clauses").0, 1);
    assert!(
        rows(&d, "operative_clauses")
            .iter()
            .filter(|r| r["status"] == "moved")
            .all(|r| { r["changes"].as_array().unwrap().iter().all(|c| c["column"] == "paragraph") })
    );
    let text = String::from_utf8_lossy(&wd.run(&["diff", "old", "new"]).stdout).into_owned();
    assert!(
        text.contains("moved    paragraphs ST-7290-2021-INIT:da: 31 rows, number 3 → 4 … number 33 → 34\n"),
        "{text}"
    );
}

#[test]
fn a_corrigendum_that_changes_a_date() {
    let old = seed_text("002");
    let new = edit(&old, "meddelelse af 25. juni 2013", "meddelelse af 26. juni 2013");
    let wd = revision(&[(SEED_002, old)], &[(SEED_002, new)]);
    let (status, d) = diff(&wd, "old", "new");
    assert_eq!(status, 1);
    // The date, and the recital whose text holds it.
    assert_counts(&d, &[("dated_events", (0, 0, 1, 0)), ("recitals", (0, 0, 1, 0))]);
    let event = &rows(&d, "dated_events")[0];
    assert_eq!(event["key"]["ordinal"], 1);
    let start = change(event, "date_start");
    assert_eq!((start["old"].as_str(), start["new"].as_str()), (Some("2013-06-25"), Some("2013-06-26")));
    assert_eq!(change(event, "surface")["words"], "[-25.-]{+26.+} juni 2013");
    let columns: Vec<&str> =
        event["changes"].as_array().unwrap().iter().map(|c| c["column"].as_str().unwrap()).collect();
    assert_eq!(columns, ["surface", "date_start", "date_end", "sentence"]);
}

#[test]
fn provenance_alone_is_no_difference() {
    let old = seed_text("002");
    // Every later line and byte offset shifts; nothing the document says changes.
    let new = edit(&old, "\n3. UNDERSTREGER behovet", "\n\n\n3. UNDERSTREGER behovet");
    let wd = revision(&[(SEED_002, old)], &[("renamed.txt", new)]);
    let (status, d) = diff(&wd, "old", "new");
    assert_eq!(status, 0, "{d:#}");
    assert_counts(&d, &[]);
}

#[test]
fn datasets_and_documents_compare_alike() {
    let old = seed_text("002");
    let new = edit(&old, "øge bevidstheden om cyberspørgsmål", "øge forståelsen af cyberspørgsmål");
    let wd = revision(&[(SEED_002, old)], &[(SEED_002, new)]);
    for (dir, out) in [("old", "old-ds"), ("new", "new-ds")] {
        assert!(wd.run(&["extract", dir, "--out", out, "--quiet"]).status.success());
    }
    let (_, from_documents) = diff(&wd, "old", "new");
    let (status, from_datasets) = diff(&wd, "old-ds", "new-ds");
    assert_eq!(status, 1);
    assert_eq!(from_datasets, from_documents);
    let (status, mixed) = diff(&wd, "old-ds", "new");
    assert_eq!(status, 1);
    assert_eq!(mixed, from_documents);
    assert_eq!(diff(&wd, "old-ds", "old").0, 0);
}

#[test]
fn datasets_of_different_schema_versions_are_refused() {
    let wd = Workdir::new();
    let seeds_dir = root().join("seeds");
    for out in ["a", "b"] {
        assert!(wd.run(&["extract", seeds_dir.to_str().unwrap(), "--out", out, "--quiet"]).status.success());
    }
    let package = wd.read("b/datapackage.json");
    wd.write(
        "b/datapackage.json",
        package.replace("\"councildata:schema_version\": \"1\"", "\"councildata:schema_version\": \"2\""),
    );
    let out = wd.run(&["diff", "a", "b"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("cannot compare a (schema v1) with b (schema v2)"), "{stderr}");
    assert!(out.stdout.is_empty());
}

#[test]
fn a_missing_side_is_an_error() {
    let wd = Workdir::new();
    wd.write("old/a.txt", seed_text("002"));
    let out = wd.run(&["diff", "old", "nowhere"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("nowhere"));
}

#[test]
fn an_edit_below_an_inserted_paragraph_is_changed_and_renumbered() {
    let old = seed_text("002");
    let new = edit(
        &with_inserted_paragraph(&old),
        "fremme og beskyttelse af EU's centrale værdier",
        "fremme og styrkelse af EU's centrale værdier",
    );
    let wd = revision(&[(SEED_002, old)], &[(SEED_002, new)]);
    let (_, d) = diff(&wd, "old", "new");
    assert_eq!(counts(&d, "paragraphs"), (1, 0, 1, 30));
    let row = rows(&d, "paragraphs").iter().find(|r| r["status"] == "changed").unwrap();
    let number = change(row, "number");
    assert_eq!((number["old"].as_i64(), number["new"].as_i64()), (Some(4), Some(5)));
    assert!(
        change(row, "text")["words"].as_str().unwrap().contains("fremme og [-beskyttelse-]{+styrkelse+} af")
    );
    assert_eq!(counts(&d, "operative_clauses"), (1, 0, 0, 88));
}
