//! Robustness: awkward but valid input extracts like its clean twin; pathological input ends
//! in bounded time; input walking survives loops and odd files; an extraction killed at any
//! moment leaves the previous dataset byte-identical; concurrent runs are locked out; and no
//! input makes the pipeline panic (property tests).

use std::collections::BTreeMap;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use councildata::grammar::Grammar;
use councildata::grammar::document::{Source, extract};
use proptest::prelude::*;

use crate::util::{TABLES, Workdir, big_corpus, seeds};

/// Columns that change with the bytes of a file but not with what it says.
const PROVENANCE: &[&str] =
    &["source_path", "source_sha256", "byte_len", "byte_start", "byte_end", "doc_id", "title"];

/// A table's content columns, row by row, as text.
fn content(wd: &Workdir, dir: &str, table: &str) -> Vec<Vec<String>> {
    let mut rdr = csv::Reader::from_path(wd.path().join(format!("{dir}/{table}.csv"))).unwrap();
    let header = rdr.headers().unwrap().clone();
    let keep: Vec<usize> =
        header.iter().enumerate().filter(|(_, h)| !PROVENANCE.contains(h)).map(|(i, _)| i).collect();
    rdr.records().map(|r| r.unwrap()).map(|r| keep.iter().map(|&i| r[i].to_string()).collect()).collect()
}

/// Awkward forms of a clean text, as PDF-to-text tools write them.
fn twins(clean: &str) -> BTreeMap<&'static str, String> {
    let mut t = BTreeMap::new();
    t.insert("crlf", clean.replace('\n', "\r\n"));
    t.insert("bom", format!("\u{feff}{clean}"));
    // pdftotext starts a page with a form feed where this text has one leading space.
    let ff: Vec<String> = clean
        .split('\n')
        .map(|l| match l.strip_prefix(' ') {
            Some(rest) if rest.starts_with(|c: char| !c.is_whitespace()) => format!("\u{c}{rest}"),
            _ => l.to_string(),
        })
        .collect();
    t.insert("form-feed", ff.join("\n"));
    t.insert("nbsp", inside_lines(clean, &[(" og ", "\u{a0}og\u{a0}"), (" and ", "\u{a0}and\u{a0}")]));
    t.insert("tabs", inside_lines(clean, &[(" og ", "\tog\t"), (" the ", " \tthe ")]));
    t.insert(
        "soft-hyphen",
        clean.replace("sikkerhed", "sikker\u{ad}hed").replace("Convention", "Conven\u{ad}tion"),
    );
    t.insert("ligatures", clean.replace("fi", "\u{fb01}").replace("fl", "\u{fb02}"));
    t
}

/// Replacements inside lines, leaving the first character (a page's leading space) alone.
fn inside_lines(text: &str, pairs: &[(&str, &str)]) -> String {
    let lines: Vec<String> = text
        .split('\n')
        .map(|line| {
            let split = line.chars().next().map_or(0, char::len_utf8);
            let (head, mut rest) = (line[..split].to_string(), line[split..].to_string());
            for (from, to) in pairs {
                rest = rest.replace(from, to);
            }
            head + &rest
        })
        .collect();
    lines.join("\n")
}

#[test]
fn awkward_input_extracts_like_its_clean_twin() {
    for seed in seeds() {
        let wd = Workdir::new();
        let clean = std::fs::read_to_string(&seed).unwrap();
        wd.write("clean/doc.txt", &clean);
        assert!(wd.run(&["extract", "clean", "--out", "clean-ds", "--quiet"]).status.success());
        for (name, text) in twins(&clean) {
            wd.write(&format!("{name}/doc.txt"), &text);
            let out = wd.run(&["extract", name, "--out", &format!("{name}-ds"), "--quiet"]);
            assert!(out.status.success(), "{name}: {}", String::from_utf8_lossy(&out.stderr));
            for table in TABLES {
                let want = content(&wd, "clean-ds", table);
                let got = content(&wd, &format!("{name}-ds"), table);
                assert!(want == got, "{}: {name} twin differs in {table}", seed.display());
            }
        }
    }
}

/// Runs the binary on one generated file; it must finish within `limit`.
fn finishes(name: &str, body: &[u8], limit: Duration) {
    let wd = Workdir::new();
    wd.write(&format!("in/{name}.txt"), body);
    let started = Instant::now();
    let out = wd.run(&["extract", "in", "--out", "ds", "--quiet"]);
    let took = started.elapsed();
    assert!(out.status.code().is_some_and(|c| c <= 1), "{name}: {}", String::from_utf8_lossy(&out.stderr));
    assert!(took < limit, "{name} took {took:?}");
}

#[test]
fn pathological_input_ends_in_bounded_time() {
    // Sizes are a tenth of `make bench`'s, for a debug build; the limits are generous.
    let limit = Duration::from_secs(60);
    finishes("long-line", "ord ".repeat(750_000).as_bytes(), limit);
    finishes("parens", &vec![b'('; 200_000], limit);
    finishes("digits", &vec![b'7'; 100_000], limit);
    finishes("caps", "FREMHÆVER UNDERSTREGER ".repeat(1_000).as_bytes(), limit);
    finishes("numbers", "1. 1. 1.\n".repeat(20_000).as_bytes(), limit);
    finishes("markers", "internet1 2 3 4 5 6 7 8 9\n".repeat(10_000).as_bytes(), limit);
}

#[test]
fn input_walking_survives_loops_and_odd_files() {
    let wd = Workdir::new();
    wd.write("in/a.txt", std::fs::read(&seeds()[0]).unwrap());
    wd.write("in/notes.md", "# not a document");
    std::os::unix::fs::symlink(wd.path().join("in"), wd.path().join("in/loop")).unwrap();
    std::os::unix::fs::symlink(wd.path().join("in/missing.txt"), wd.path().join("in/dangling.txt")).unwrap();
    let out = wd.run(&["extract", "in", "--out", "ds"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("skipped: in/notes.md"), "{stderr}");
    assert!(stderr.contains("skipped: in/loop"), "{stderr}");
    assert!(stderr.contains("dangling.txt: cannot read"), "{stderr}");
    assert!(stderr.contains("extracted 1 document "), "{stderr}");
    let out = wd.run(&["extract", "in", "--out", "ds2", "--glob", "*.md", "--quiet"]);
    assert!(wd.read("ds2/documents.csv").contains("notes.md"), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn non_utf8_input_is_read_when_its_encoding_is_given() {
    let wd = Workdir::new();
    wd.write(
        "in/latin1.txt",
        b"R\xe5dets konklusioner om cybersikkerhed\n\n1. FREMH\xc6VER, at det er vigtigt.\n",
    );
    let out = wd.run(&["extract", "in", "--out", "ds"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--encoding"));
    let out = wd.run(&["extract", "in", "--out", "ds", "--encoding", "latin1", "--quiet"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(wd.read("ds/operative_clauses.csv").contains("FREMHÆVER,STRESSES"));
}

fn snapshot(wd: &Workdir, dir: &str) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    for entry in std::fs::read_dir(wd.path().join(dir)).unwrap() {
        let p = entry.unwrap().path();
        if p.is_file() {
            files.insert(p.file_name().unwrap().to_string_lossy().into_owned(), std::fs::read(&p).unwrap());
        }
    }
    files
}

#[test]
fn an_extraction_killed_at_any_moment_leaves_the_previous_dataset_alone() {
    let wd = Workdir::new();
    big_corpus(&wd, 600);
    wd.write("small/a.txt", std::fs::read(&seeds()[2]).unwrap());
    assert!(wd.run(&["extract", "small", "--out", "ds", "--quiet"]).status.success());
    let before = snapshot(&wd, "ds");
    // One writer, and from four workers a thread per table.
    for (delay_ms, jobs) in [(5, "1"), (40, "4"), (120, "1"), (300, "4"), (700, "1"), (700, "4")] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_councildata"))
            .args(["extract", "big", "--out", "ds", "--quiet", "--jobs", jobs])
            .current_dir(wd.path())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(delay_ms));
        let finished = child.try_wait().unwrap().is_some();
        // kill -9: no destructor, no cleanup.
        unsafe_kill(child.id());
        let _ = child.wait();
        if !finished {
            assert!(
                snapshot(&wd, "ds") == before,
                "dataset changed after kill at {delay_ms} ms, {jobs} jobs"
            );
        }
    }
    // The next run takes over the dead run's lock and cleans its temporary directory.
    assert!(wd.run(&["extract", "small", "--out", "ds", "--quiet"]).status.success());
    assert!(snapshot(&wd, "ds") == before);
    let leftovers: Vec<String> = std::fs::read_dir(wd.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".ds."))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

fn unsafe_kill(pid: u32) {
    let status = Command::new("kill").args(["-9", &pid.to_string()]).status().unwrap();
    let _ = status;
}

/// Every file and directory of a finished dataset, relative to it (`""` for itself).
fn entries(dir: &std::path::Path) -> std::collections::BTreeSet<String> {
    let mut found = std::collections::BTreeSet::from([String::new()]);
    let mut pending = vec![dir.to_path_buf()];
    while let Some(d) = pending.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            found.insert(path.strip_prefix(dir).unwrap().to_string_lossy().into_owned());
            if path.is_dir() {
                pending.push(path);
            }
        }
    }
    found
}

#[test]
fn a_finished_dataset_is_on_the_disk_before_it_replaces_the_previous_one() {
    let wd = Workdir::new();
    wd.write("small/a.txt", std::fs::read(&seeds()[2]).unwrap());
    assert!(wd.run(&["extract", "small", "--out", "ds", "--quiet"]).status.success());
    // The second run replaces the first's dataset; strace (-y) names each descriptor's path.
    // This machine's image has it; a machine with only the toolchains may not.
    let log = wd.path().join("strace.log");
    let traced = Command::new("strace")
        .args(["-f", "-y", "-qq", "-e", "trace=fsync,renameat2", "-o"])
        .arg(&log)
        .arg(env!("CARGO_BIN_EXE_councildata"))
        .args(["extract", "small", "--out", "ds", "--quiet"])
        .current_dir(wd.path())
        .status();
    let status = match traced {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            eprintln!("strace is not installed: the order of fsync and exchange is not checked");
            return;
        }
        other => other.unwrap(),
    };
    assert!(status.success());
    let log = std::fs::read_to_string(log).unwrap();
    assert!(!log.contains("= -1"), "{log}");
    let lines: Vec<&str> = log.lines().collect();
    let swap = lines.iter().position(|l| l.contains("RENAME_EXCHANGE")).expect("an exchange");
    let synced = |l: &&str| Some(l.split_once("fsync(")?.1.split_once('<')?.1.split_once('>')?.0.to_string());
    let parent = wd.path().canonicalize().unwrap().to_string_lossy().into_owned();
    let tmp = format!("{parent}/.ds.tmp-");
    // Before the exchange: every file and directory of the new dataset, at its temporary path.
    let before: std::collections::BTreeSet<String> = lines[..swap]
        .iter()
        .filter_map(synced)
        .filter_map(|p| {
            let rest = p.strip_prefix(&tmp)?;
            let relative = rest.trim_start_matches(|c: char| c.is_ascii_digit());
            Some(relative.trim_start_matches('/').to_string())
        })
        .collect();
    assert_eq!(before, entries(&wd.path().join("ds")));
    // After it, the directory that holds both, before the old dataset is removed.
    let after: Vec<String> = lines[swap..].iter().filter_map(synced).collect();
    assert_eq!(after, [parent]);
}

#[test]
fn two_runs_into_one_dataset_never_interleave() {
    let wd = Workdir::new();
    big_corpus(&wd, 300);
    let mut first = Command::new(env!("CARGO_BIN_EXE_councildata"))
        .args(["extract", "big", "--out", "ds", "--quiet", "--jobs", "1"])
        .current_dir(wd.path())
        .spawn()
        .unwrap();
    let lock = wd.path().join(".ds.lock");
    let started = Instant::now();
    while !lock.exists() && started.elapsed() < Duration::from_secs(20) {
        std::thread::sleep(Duration::from_millis(5));
    }
    let second = wd.run(&["extract", "big", "--out", "ds", "--quiet"]);
    let first_status = first.wait().unwrap();
    assert!(first_status.success());
    if lock.exists() || second.status.code() == Some(2) {
        let stderr = String::from_utf8_lossy(&second.stderr);
        assert!(stderr.contains("another extraction (pid"), "{stderr}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    /// Any text made of seed fragments and noise: no panic, spans inside the text on
    /// character boundaries.
    #[test]
    fn extraction_never_panics(pieces in proptest::collection::vec(
        prop_oneof![
            Just("1. FREMHÆVER, at ".to_string()),
            Just("SOM MINDER OM ".to_string()),
            Just(" NOTE \nfra: X\ntil: Y\nVedr.: Z\n".to_string()),
            Just("12642/25 ADD 1   2\n".to_string()),
            Just("BILAG JAI.2 LIMITE DA\n".to_string()),
            Just("internet\"1 ".to_string()),
            Just("\n                                                 \n1 12109/13.\n".to_string()),
            Just("25.-26. oktober 2025 ".to_string()),
            Just("(1)See https://x.eu/a- ".to_string()),
            Just("HILSER ".to_string()),
            Just("VELKOMMEN ".to_string()),
            Just("\n a) ".to_string()),
            Just("\u{c}".to_string()),
            "\\PC{0,12}",
        ],
        0..60,
    )) {
        let text: String = pieces.concat();
        let grammar = Grammar::embedded().unwrap();
        let x = extract(&text, Source { path: "p.txt", stem: "p", sha256: "" }, grammar).extraction;
        let spans = x.paragraphs.iter().map(|p| (p.byte_start, p.byte_end))
            .chain(x.operative_clauses.iter().map(|c| (c.byte_start, c.byte_end)))
            .chain(x.references.iter().map(|r| (r.byte_start, r.byte_end)))
            .chain(x.dated_events.iter().map(|d| (d.byte_start, d.byte_end)))
            .chain(x.footnotes.iter().map(|f| (f.byte_start, f.byte_end)));
        for (s, e) in spans {
            let (s, e) = (s as usize, e as usize);
            prop_assert!(s <= e && e <= text.len());
            prop_assert!(text.is_char_boundary(s) && text.is_char_boundary(e));
        }
    }
}

/// Inputs the fuzzer found crashing, kept so they never crash again: a notes list numbered
/// again from 1 after page footnotes made `check_missing_bodies` subtract below zero.
#[test]
fn fuzz_regressions_do_not_panic() {
    let grammar = Grammar::embedded().unwrap();
    let dir = crate::util::root().join("tests/fuzz-regressions");
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let text = String::from_utf8_lossy(&std::fs::read(&path).unwrap()).into_owned();
        let x = extract(&text, Source { path: "f.txt", stem: "f", sha256: "" }, grammar).extraction;
        let mut numbers: Vec<i64> = x.footnotes.iter().map(|f| f.number).collect();
        numbers.dedup();
        assert_eq!(numbers.len(), x.footnotes.len(), "{}: footnote numbers repeat", path.display());
    }
}
