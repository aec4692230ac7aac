//! `councildata extract INPUT... --out DIR`: reads documents (files, directories, stdin),
//! extracts them in parallel, and writes the dataset atomically: into a temporary directory
//! beside DIR, renamed into place only when complete, under a lock.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Instant;

use rayon::prelude::*;
use sha2::{Digest, Sha256};

use crate::error::{Error, Position};
use crate::grammar::Grammar;
use crate::grammar::document::{Notice, Source, extract};
use crate::model::Extraction;
use crate::sink::DatasetWriter;

/// Default largest document, in bytes.
pub const DEFAULT_MAX_DOC_BYTES: u64 = 64 * 1024 * 1024;

/// Options of `extract`.
#[derive(Debug, Clone)]
pub struct Options {
    /// Files, directories (walked recursively for `*.txt`), or `-` for standard input.
    pub inputs: Vec<PathBuf>,
    /// The dataset directory.
    pub out: PathBuf,
    /// Worker threads; 0 means all cores.
    pub jobs: usize,
    /// Largest document accepted.
    pub max_doc_bytes: u64,
    /// Print nothing but errors.
    pub quiet: bool,
}

/// One input document.
#[derive(Debug, Clone)]
pub struct Input {
    /// Where to read it (None for standard input).
    pub path: Option<PathBuf>,
    /// `source_path`: as given, or relative to the input root.
    pub source_path: String,
}

/// A document extracted, with its notices.
#[derive(Debug)]
pub struct Extracted {
    pub extraction: Extraction,
    pub notices: Vec<Notice>,
}

/// What a run did.
#[derive(Debug, Default)]
pub struct Summary {
    pub extracted: usize,
    pub warned: usize,
    pub failed: usize,
}

/// Runs `extract`. Per-document errors are reported and counted; they never stop the run.
pub fn run(opts: &Options) -> Result<Summary, Error> {
    let started = Instant::now();
    let grammar = Grammar::embedded()?;
    let mut errors = Vec::new();
    let inputs = collect_inputs(&opts.inputs, &mut errors);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(opts.jobs)
        .build()
        .map_err(|e| Error::output(&opts.out, e))?;
    let results: Vec<Result<Extracted, Error>> = pool
        .install(|| inputs.par_iter().map(|input| extract_one(input, opts.max_doc_bytes, grammar)).collect());

    let mut docs = Vec::new();
    for r in results {
        match r {
            Ok(d) => docs.push(d),
            Err(e) => errors.push(e),
        }
    }
    docs.sort_by(|a, b| {
        (&a.extraction.document.doc_id, &a.extraction.document.source_path)
            .cmp(&(&b.extraction.document.doc_id, &b.extraction.document.source_path))
    });
    let mut unique: Vec<Extracted> = Vec::with_capacity(docs.len());
    for d in docs {
        match unique.last() {
            Some(prev) if prev.extraction.document.doc_id == d.extraction.document.doc_id => {
                errors.push(Error::DuplicateDocument {
                    path: PathBuf::from(&d.extraction.document.source_path),
                    doc_id: d.extraction.document.doc_id.clone(),
                    other: prev.extraction.document.source_path.clone(),
                });
            }
            _ => unique.push(d),
        }
    }

    write_atomically(&opts.out, &unique)?;

    let mut summary = Summary { failed: errors.len(), ..Summary::default() };
    for e in &errors {
        eprintln!("error: {e}");
    }
    for d in &unique {
        summary.extracted += 1;
        if !d.notices.is_empty() {
            summary.warned += 1;
        }
        if !opts.quiet {
            for n in &d.notices {
                eprintln!(
                    "warning: {}:{}:{}: [{}] {}",
                    d.extraction.document.source_path, n.line, n.column, n.code, n.message
                );
            }
        }
    }
    if !opts.quiet {
        let rows = |f: fn(&Extraction) -> usize| unique.iter().map(|d| f(&d.extraction)).sum::<usize>();
        eprintln!(
            "extracted {} documents ({} warned, {} failed) into {}: {} paragraphs, {} operative clauses, {} recitals, {} footnotes, {} references, {} dated events in {:.2}s",
            summary.extracted,
            summary.warned,
            summary.failed,
            opts.out.display(),
            rows(|x| x.paragraphs.len()),
            rows(|x| x.operative_clauses.len()),
            rows(|x| x.recitals.len()),
            rows(|x| x.footnotes.len()),
            rows(|x| x.references.len()),
            rows(|x| x.dated_events.len()),
            started.elapsed().as_secs_f64()
        );
    }
    Ok(summary)
}

/// Expands the inputs: files as given, directories walked (sorted, `*.txt`, symlinked
/// directories not followed), `-` for standard input.
pub fn collect_inputs(inputs: &[PathBuf], errors: &mut Vec<Error>) -> Vec<Input> {
    let mut out = Vec::new();
    for input in inputs {
        if input.as_os_str() == "-" {
            out.push(Input { path: None, source_path: "-".into() });
        } else if input.is_dir() {
            walk(input, input, &mut out, errors);
        } else {
            out.push(Input { path: Some(input.clone()), source_path: input.to_string_lossy().into_owned() });
        }
    }
    out
}

fn walk(root: &Path, dir: &Path, out: &mut Vec<Input>, errors: &mut Vec<Error>) {
    let entries = match fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            errors.push(Error::io(dir, &e));
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        let Ok(meta) = fs::symlink_metadata(&path) else {
            continue;
        };
        if meta.is_dir() {
            walk(root, &path, out, errors);
        } else if path.extension().is_some_and(|e| e == "txt") && (meta.is_file() || path.is_file()) {
            let rel = path.strip_prefix(root).unwrap_or(&path);
            out.push(Input {
                path: Some(path.clone()),
                source_path: rel.to_string_lossy().replace('\\', "/"),
            });
        }
    }
}

/// Reads and extracts one document.
pub fn extract_one(input: &Input, max_doc_bytes: u64, grammar: &Grammar) -> Result<Extracted, Error> {
    let bytes = read_input(input, max_doc_bytes)?;
    extract_bytes(&bytes, input, grammar)
}

/// The bytes of one input, refused when over `max_doc_bytes`.
pub fn read_input(input: &Input, max_doc_bytes: u64) -> Result<Vec<u8>, Error> {
    let display = input.path.clone().unwrap_or_else(|| PathBuf::from("-"));
    match &input.path {
        Some(p) => {
            let size = fs::metadata(p).map_err(|e| Error::io(p, &e))?.len();
            if size > max_doc_bytes {
                return Err(Error::TooLarge { path: display, size, limit: max_doc_bytes });
            }
            fs::read(p).map_err(|e| Error::io(p, &e))
        }
        None => {
            let mut buf = Vec::new();
            std::io::stdin().take(max_doc_bytes + 1).read_to_end(&mut buf).map_err(|e| Error::io("-", &e))?;
            if buf.len() as u64 > max_doc_bytes {
                return Err(Error::TooLarge { path: display, size: buf.len() as u64, limit: max_doc_bytes });
            }
            Ok(buf)
        }
    }
}

/// Extracts one document from its bytes.
pub fn extract_bytes(bytes: &[u8], input: &Input, grammar: &Grammar) -> Result<Extracted, Error> {
    let display = input.path.clone().unwrap_or_else(|| PathBuf::from("-"));
    let text = decode(bytes, &display)?;
    let sha256 = hex(&Sha256::digest(bytes));
    let stem = input
        .path
        .as_ref()
        .and_then(|p| p.file_stem())
        .map_or_else(|| "stdin".to_string(), |s| s.to_string_lossy().into_owned());
    let outcome = extract(text, Source { path: &input.source_path, stem: &stem, sha256: &sha256 }, grammar);
    Ok(Extracted { extraction: outcome.extraction, notices: outcome.notices })
}

/// The text of a file: UTF-8, a byte-order mark dropped; empty, binary and invalid files refused.
pub fn decode<'a>(bytes: &'a [u8], path: &Path) -> Result<&'a str, Error> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(Error::Empty { path: path.to_path_buf() });
    }
    if let Some(at) = memchr::memchr(0, bytes) {
        return Err(Error::Binary { path: path.to_path_buf(), position: position(bytes, at) });
    }
    std::str::from_utf8(bytes)
        .map_err(|e| Error::NotUtf8 { path: path.to_path_buf(), position: position(bytes, e.valid_up_to()) })
}

/// Line and column of a byte in (possibly invalid) text.
fn position(bytes: &[u8], at: usize) -> Position {
    let before = bytes.get(..at).unwrap_or(bytes);
    let line = memchr::memchr_iter(b'\n', before).count() + 1;
    let line_start = memchr::memrchr(b'\n', before).map_or(0, |p| p + 1);
    let column = String::from_utf8_lossy(before.get(line_start..).unwrap_or_default()).chars().count() + 1;
    Position { line, column, byte: at }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Writes the dataset into `DIR.tmp-<pid>` and swaps it into place, under `DIR.lock`.
fn write_atomically(out: &Path, docs: &[Extracted]) -> Result<(), Error> {
    let parent = out.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    fs::create_dir_all(parent).map_err(|e| Error::io(parent, &e))?;
    let name = out.file_name().map_or_else(|| "dataset".into(), |n| n.to_string_lossy().into_owned());
    let _lock = Lock::acquire(&parent.join(format!(".{name}.lock")))?;
    let pid = std::process::id();
    let tmp = parent.join(format!(".{name}.tmp-{pid}"));
    let old = parent.join(format!(".{name}.old-{pid}"));
    if tmp.exists() {
        fs::remove_dir_all(&tmp).map_err(|e| Error::io(&tmp, &e))?;
    }
    fs::create_dir_all(&tmp).map_err(|e| Error::io(&tmp, &e))?;
    let written = (|| {
        let mut writer = DatasetWriter::create(&tmp)?;
        for d in docs {
            writer.write(&d.extraction)?;
        }
        writer.finish()
    })();
    if let Err(e) = written {
        let _ = fs::remove_dir_all(&tmp);
        return Err(e);
    }
    if out.exists() {
        fs::rename(out, &old).map_err(|e| Error::io(out, &e))?;
    }
    fs::rename(&tmp, out).map_err(|e| Error::io(out, &e))?;
    if old.exists() {
        fs::remove_dir_all(&old).map_err(|e| Error::io(&old, &e))?;
    }
    Ok(())
}

/// A lock file holding the writer's pid; a lock left by a dead process is taken over.
struct Lock {
    path: PathBuf,
}

impl Lock {
    fn acquire(path: &Path) -> Result<Lock, Error> {
        for _ in 0..2 {
            match fs::OpenOptions::new().write(true).create_new(true).open(path) {
                Ok(mut f) => {
                    use std::io::Write;
                    let _ = writeln!(f, "{}", std::process::id());
                    return Ok(Lock { path: path.to_path_buf() });
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                    let holder = fs::read_to_string(path).ok().and_then(|s| s.trim().parse::<u32>().ok());
                    let alive = holder.is_some_and(|pid| Path::new(&format!("/proc/{pid}")).exists());
                    if alive {
                        return Err(Error::output(
                            path,
                            format!(
                                "another extraction (pid {}) is writing this dataset",
                                holder.unwrap_or(0)
                            ),
                        ));
                    }
                    fs::remove_file(path).map_err(|e| Error::io(path, &e))?;
                }
                Err(e) => return Err(Error::io(path, &e)),
            }
        }
        Err(Error::output(path, "cannot take the lock"))
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        let _ = fs::remove_file(&self.path);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_refuses_bad_bytes_with_positions() {
        let p = Path::new("x.txt");
        assert!(matches!(decode(b"", p), Err(Error::Empty { .. })));
        assert!(matches!(decode(b" \n\n", p), Err(Error::Empty { .. })));
        match decode(b"ok\nab\0c", p) {
            Err(Error::Binary { position, .. }) => {
                assert_eq!((position.line, position.column), (2, 3))
            }
            other => panic!("{other:?}"),
        }
        match decode(b"line\nR\xe5det", p) {
            Err(Error::NotUtf8 { position, .. }) => {
                assert_eq!((position.line, position.column, position.byte), (2, 2, 6))
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(decode(b"\xEF\xBB\xBFtekst", p).unwrap(), "tekst");
    }
}
