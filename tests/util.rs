//! Test helpers: a throwaway work directory and a way to run the built binary in it.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The eight tables of schema v1.
pub const TABLES: [&str; 8] = [
    "documents",
    "note_headers",
    "paragraphs",
    "operative_clauses",
    "recitals",
    "footnotes",
    "references",
    "dated_events",
];

/// The project's root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The seed documents, sorted.
pub fn seeds() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(root().join("seeds"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    v.sort();
    v
}

/// A temporary directory that is removed when dropped.
pub struct Workdir {
    dir: tempfile::TempDir,
}

impl Workdir {
    pub fn new() -> Workdir {
        Workdir { dir: tempfile::tempdir().unwrap() }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Writes a file (and its folders) under the work directory.
    pub fn write(&self, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let p = self.path().join(name);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, contents).unwrap();
        p
    }

    /// Runs the binary with `args` in the work directory.
    pub fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_councildata")).args(args).current_dir(self.path()).output().unwrap()
    }

    /// Reads a file under the work directory as text.
    pub fn read(&self, name: &str) -> String {
        std::fs::read_to_string(self.path().join(name)).unwrap()
    }
}

/// The text of the seed whose name starts with `prefix` (`"002"`).
pub fn seed_text(prefix: &str) -> String {
    let path = seeds()
        .into_iter()
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with(prefix))
        .unwrap_or_else(|| panic!("no seed {prefix}"));
    std::fs::read_to_string(path).unwrap()
}

/// `text` with the first `from` replaced by `to`; panics when `from` is not there, so a seed
/// that changes cannot silently make a test vacuous.
pub fn edit(text: &str, from: &str, to: &str) -> String {
    assert!(text.contains(from), "`{from}` is not in the text");
    text.replacen(from, to, 1)
}

/// The 1-based line holding the first `needle`.
pub fn line_of(text: &str, needle: &str) -> usize {
    let at = text.find(needle).unwrap_or_else(|| panic!("`{needle}` is not in the text"));
    text[..at].matches('\n').count() + 1
}

/// Standard output parsed as JSON.
pub fn json(out: &Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!("{e}: {}\n{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr))
    })
}

/// `big/` with `copies` distinct documents, the seeds in turn with their numbers changed.
pub fn big_corpus(wd: &Workdir, copies: usize) {
    let texts: Vec<String> = seeds().iter().map(|p| std::fs::read_to_string(p).unwrap()).collect();
    for i in 0..copies {
        let t = texts[i % texts.len()]
            .replace("7290/21", &format!("{}/21", 1000 + i))
            .replace("12642/25", &format!("{}/25", 20000 + i));
        wd.write(&format!("big/{i:05}.txt"), t);
    }
}
