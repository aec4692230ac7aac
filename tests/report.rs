//! `report` end to end: the seeds' dataset drawn as one self-contained page, the same bytes
//! every time, and errors for what is not a dataset.

use crate::util::{Workdir, root};

fn seeds_report(wd: &Workdir) -> String {
    let seeds = root().join("seeds");
    let out = wd.run(&["extract", seeds.to_str().unwrap(), "--out", "ds", "--quiet"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let out = wd.run(&["report", "ds", "--out", "report.html"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("wrote report.html: 5 documents, 58 dated events"), "{stderr}");
    wd.read("report.html")
}

#[test]
fn seeds_report_shows_documents_timeline_verbs_and_references() {
    let wd = Workdir::new();
    let html = seeds_report(&wd);
    for doc_id in [
        "ST-12642-2025-ADD-1:da",
        "ST-12642-2025-ADD-1:sl",
        "ST-7290-2021-INIT:da",
        "file:003_3794a6227ef3eabf",
        "file:004_a15e6776a0e92f31",
    ] {
        assert!(html.contains(&format!("<code>{doc_id}</code>")), "{doc_id}");
    }
    // The timeline: one row label per document, dots for days.
    let svg_start = html.find("<figure id=\"timeline-plot\">\n<svg").expect("timeline figure");
    let svg = &html[svg_start..html.find("</svg>").expect("end of svg")];
    assert!(svg.contains(">\nST-7290-2021-INIT:da\n</text>"));
    assert!(svg.matches("<circle").count() > 30);
    assert!(html.contains("58 dated events of 5 documents"));
    // 7290/21 in its own language in the register; a cited Council document, COM and JOIN.
    assert!(html.contains("href=\"https://data.consilium.europa.eu/doc/document/ST-7290-2021-INIT/da/pdf\""));
    assert!(
        html.contains("href=\"https://data.consilium.europa.eu/doc/document/ST-12109-2013-INIT/en/pdf\"")
    );
    assert!(html.contains("href=\"https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:52020DC0067\""));
    assert!(html.contains("href=\"https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:52020JC0022\""));
    assert!(html.contains("href=\"https://hanoiconvention.org\""));
    // Operative verbs per canonical id: 7290/21 and the digital diplomacy conclusions.
    assert!(html.contains("<tr><td><code>CALLS_ON</code></td>"));
    assert!(html.contains("117 operative clauses"));
    // Self-contained: nothing to load.
    assert!(!html.contains("<script") && !html.contains(" src=") && !html.contains("<link"));
}

#[test]
fn the_same_dataset_gives_the_same_page() {
    let wd = Workdir::new();
    let first = seeds_report(&wd);
    assert!(wd.run(&["report", "ds", "--out", "again.html", "--quiet"]).status.success());
    assert_eq!(first, wd.read("again.html"));
}

#[test]
fn a_directory_without_a_dataset_is_an_error() {
    let wd = Workdir::new();
    wd.write("empty/readme.txt", "not a dataset");
    let out = wd.run(&["report", "empty", "--out", "r.html"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("datapackage.json"), "{stderr}");
    assert!(!wd.path().join("r.html").exists());
}

#[test]
fn a_table_with_other_columns_is_an_error() {
    let wd = Workdir::new();
    let seeds = root().join("seeds");
    assert!(wd.run(&["extract", seeds.to_str().unwrap(), "--out", "ds", "--quiet"]).status.success());
    wd.write("ds/references.csv", "doc_id,kind\nx,url\n");
    let out = wd.run(&["report", "ds", "--out", "r.html"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("references.csv") && stderr.contains("differ from schema v1"), "{stderr}");
}

#[test]
fn a_bad_date_is_named_with_its_line() {
    let wd = Workdir::new();
    let seeds = root().join("seeds");
    assert!(wd.run(&["extract", seeds.to_str().unwrap(), "--out", "ds", "--quiet"]).status.success());
    let events = wd.read("ds/dated_events.csv");
    let mut lines: Vec<String> = events.lines().map(str::to_string).collect();
    let row = lines.iter().position(|l| l.contains(",2025-10-25,")).expect("the seeds' October 2025 date");
    lines[row] = lines[row].replacen(",2025-10-25,", ",2025-13-25,", 1);
    wd.write("ds/dated_events.csv", lines.join("\n") + "\n");
    let out = wd.run(&["report", "ds", "--out", "r.html"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    let expected = format!("dated_events.csv: cannot read: line {}: date `2025-13-25`", row + 1);
    assert!(stderr.contains(&expected), "{stderr}");
}
