//! `councildata extract INPUT... --out DIR`: reads documents (files, directories, stdin),
//! extracts them on worker threads and streams the records, in input order, into the dataset,
//! written atomically: into a temporary directory beside DIR, swapped into place only when
//! complete, under a lock. With `--shard K/N` it writes one shard's part files instead.

use std::collections::HashSet;
use std::ffi::OsString;
use std::fs;
use std::io::{self, BufRead, IsTerminal, Read, Write};
use std::os::unix::ffi::{OsStrExt, OsStringExt};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressState, ProgressStyle};
use sha2::{Digest, Sha256};

use crate::cmd::order::InputOrder;
use crate::cmd::pipeline;
use crate::error::{Error, Position};
use crate::grammar::Grammar;
use crate::grammar::document::{Notice, Source, extract};
use crate::model::Extraction;
use crate::sink::{DatasetWriter, Layout};

/// Default largest document, in bytes: far above any Council document, and a bound on the
/// memory one document takes (about 30 times its size at worst).
pub const DEFAULT_MAX_DOC_BYTES: u64 = 16 * 1024 * 1024;

/// Documents a worker thread may extract ahead of the one written next: the memory a run holds
/// does not grow with the corpus.
const AHEAD_PER_THREAD: usize = 32;

/// Documents extracted ahead of the one written next, over all workers: sixteen workers'
/// worth, however many there are. The busiest table thread takes a twentieth of a run, so past
/// about twenty workers a wider window holds more documents without writing them sooner. It
/// also bounds the workers extracting at once at 64 (eight documents each), and the pipeline
/// starts no more. Peak RSS with 128 workers on the 640 MB bench corpus fell from 308–316 MB to
/// 119–123 MB.
const MOST_AHEAD: usize = 16 * AHEAD_PER_THREAD;

/// Workers from which each table is written on a thread of its own. Writing all of them takes a
/// fifth of a run's time on one core (19% of perf samples at two workers): one writer keeps up
/// with about four workers, and past them holds every further one back.
const TABLE_THREADS_FROM: usize = 4;

/// How to read bytes that are not UTF-8.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Encoding {
    /// UTF-8 only: anything else is an error naming the first bad byte.
    #[default]
    Utf8,
    /// ISO 8859-1.
    Latin1,
    /// Windows-1252.
    Windows1252,
}

/// One shard of a run split over processes or machines: `K/N`, K from 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    pub index: u64,
    pub count: u64,
}

impl std::str::FromStr for Shard {
    type Err = String;
    fn from_str(s: &str) -> Result<Shard, String> {
        let (k, n) = s.split_once('/').ok_or("expected K/N, as in 2/8")?;
        let index: u64 = k.parse().map_err(|_| format!("`{k}` is not a number"))?;
        let count: u64 = n.parse().map_err(|_| format!("`{n}` is not a number"))?;
        if count == 0 || index == 0 || index > count {
            return Err(format!("shard {index} of {count}: K must be from 1 to N"));
        }
        Ok(Shard { index, count })
    }
}

impl Shard {
    /// Whether a document belongs to this shard: shards are contiguous ranges of the order
    /// every run writes in, so their parts concatenate to the unsharded dataset.
    pub fn holds(&self, key: u64) -> bool {
        let bucket = (u128::from(key) * u128::from(self.count)) >> 64;
        bucket == u128::from(self.index - 1)
    }
}

/// Options of `extract`.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Files, directories (walked recursively for `*.txt`), or `-` for standard input.
    pub inputs: Vec<PathBuf>,
    /// The dataset directory.
    pub out: PathBuf,
    /// Worker threads; 0 means all cores.
    pub jobs: usize,
    /// Largest document accepted.
    pub max_doc_bytes: u64,
    /// File-name patterns taken from directories (default `*.txt`).
    pub globs: Vec<String>,
    /// How to read non-UTF-8 files.
    pub encoding: Encoding,
    /// Write only this shard's part files.
    pub shard: Option<Shard>,
    /// Print nothing but errors.
    pub quiet: bool,
    /// Print a line per document.
    pub verbose: bool,
}

/// One input document. A run holds one for every document until it ends, so a file found
/// under a directory keeps its path once, as `source_path` under a shared root.
#[derive(Debug, Clone)]
pub struct Input {
    location: Location,
    /// `source_path`: as given, or relative to the input root.
    pub source_path: Box<str>,
}

/// Where an input is read from.
#[derive(Debug, Clone)]
enum Location {
    Stdin,
    /// A file named as it was given, or found under a directory with a name `source_path`
    /// cannot spell (not UTF-8, or with a `\`).
    File(Box<Path>),
    /// The file `source_path` under this directory.
    Under(Arc<Path>),
}

impl Input {
    /// Standard input.
    pub fn stdin() -> Input {
        Input { location: Location::Stdin, source_path: "-".into() }
    }

    /// A file named on the command line: its source path is the name as given.
    pub fn file(path: &Path) -> Input {
        Input { location: Location::File(path.into()), source_path: path.to_string_lossy().into() }
    }

    /// A file found at `path` under the directory `root`: its source path is relative to
    /// `root`, with `/` between its parts.
    fn under(root: &Arc<Path>, path: &Path) -> Input {
        let rel = path.strip_prefix(root).unwrap_or(path);
        match rel.to_str() {
            Some(spelled) if !spelled.contains('\\') && rel.is_relative() => {
                Input { location: Location::Under(root.clone()), source_path: spelled.into() }
            }
            _ => Input {
                location: Location::File(path.into()),
                source_path: rel.to_string_lossy().replace('\\', "/").into(),
            },
        }
    }

    /// Where to read it (None for standard input).
    pub fn path(&self) -> Option<PathBuf> {
        match &self.location {
            Location::Stdin => None,
            Location::File(path) => Some(path.to_path_buf()),
            Location::Under(root) => Some(root.join(&*self.source_path)),
        }
    }

    /// The document's place in every run's order: a stable hash of its source path.
    pub fn order_key(&self) -> u64 {
        fnv1a(self.source_path.as_bytes())
    }

    /// Writes this input to a spill file: a kind byte; for a file named as given, its path;
    /// for a file under a directory, the directory's index in `roots`; then `source_path`.
    pub(crate) fn spill(&self, roots: &mut Vec<Arc<Path>>, out: &mut impl Write) -> io::Result<()> {
        match &self.location {
            Location::Stdin => out.write_all(&[SPILLED_STDIN])?,
            Location::File(path) => {
                out.write_all(&[SPILLED_FILE])?;
                write_spilled_bytes(out, path.as_os_str().as_bytes())?;
            }
            Location::Under(root) => {
                let index = match roots.iter().position(|r| Arc::ptr_eq(r, root)) {
                    Some(i) => i,
                    None => {
                        roots.push(root.clone());
                        roots.len() - 1
                    }
                };
                out.write_all(&[SPILLED_UNDER])?;
                out.write_all(&u32::try_from(index).map_err(io::Error::other)?.to_le_bytes())?;
            }
        }
        write_spilled_bytes(out, self.source_path.as_bytes())
    }

    /// Reads back an input [`Input::spill`] wrote; None at the end of the file.
    pub(crate) fn unspill(roots: &[Arc<Path>], from: &mut impl BufRead) -> io::Result<Option<Input>> {
        if from.fill_buf()?.is_empty() {
            return Ok(None);
        }
        let mut kind = [0];
        from.read_exact(&mut kind)?;
        let location = match kind[0] {
            SPILLED_STDIN => Location::Stdin,
            SPILLED_FILE => {
                Location::File(PathBuf::from(OsString::from_vec(read_spilled_bytes(from)?)).into())
            }
            SPILLED_UNDER => {
                let mut index = [0; 4];
                from.read_exact(&mut index)?;
                let root = usize::try_from(u32::from_le_bytes(index)).ok().and_then(|i| roots.get(i));
                Location::Under(root.ok_or_else(|| spill_damaged("a root that was never named"))?.clone())
            }
            _ => return Err(spill_damaged("an unknown kind of input")),
        };
        let source_path = String::from_utf8(read_spilled_bytes(from)?)
            .map_err(|_| spill_damaged("a path that is not UTF-8"))?;
        Ok(Some(Input { location, source_path: source_path.into() }))
    }
}

/// The doc_ids written so far, each held as the first 128 bits of its SHA-256: 16 bytes a
/// document however long its id, for a run of any size, and a false duplicate far less
/// likely than a disk error.
struct WrittenIds(HashSet<u128>);

impl WrittenIds {
    /// Room for `count` ids, made once: never two tables at once while one grows into another.
    fn for_documents(count: usize) -> WrittenIds {
        WrittenIds(HashSet::with_capacity(count))
    }

    /// Records `doc_id`; false when it was already written.
    fn insert(&mut self, doc_id: &str) -> bool {
        let digest = Sha256::digest(doc_id.as_bytes());
        let mut first = [0; 16];
        first.copy_from_slice(&digest[..16]);
        self.0.insert(u128::from_le_bytes(first))
    }
}

const SPILLED_STDIN: u8 = 0;
const SPILLED_FILE: u8 = 1;
const SPILLED_UNDER: u8 = 2;

/// A length (u32, little-endian), then the bytes.
fn write_spilled_bytes(out: &mut impl Write, bytes: &[u8]) -> io::Result<()> {
    out.write_all(&u32::try_from(bytes.len()).map_err(io::Error::other)?.to_le_bytes())?;
    out.write_all(bytes)
}

fn read_spilled_bytes(from: &mut impl BufRead) -> io::Result<Vec<u8>> {
    let mut len = [0; 4];
    from.read_exact(&mut len)?;
    let mut bytes = vec![0; usize::try_from(u32::from_le_bytes(len)).map_err(io::Error::other)?];
    from.read_exact(&mut bytes)?;
    Ok(bytes)
}

fn spill_damaged(what: &str) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, format!("the spilled input list holds {what}"))
}

/// FNV-1a, 64 bits: stable across runs, machines and Rust versions.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3))
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
    /// Rows written per table, in `Table::ALL` order.
    pub rows: [usize; 8],
}

/// Runs `extract`. Per-document errors are reported and counted; they never stop the run.
pub fn run(opts: &Options) -> Result<Summary, Error> {
    let started = Instant::now();
    let grammar = Grammar::embedded()?;
    let mut errors = Vec::new();
    let mut skipped = Vec::new();
    let spill_dir = out_parent(&opts.out);
    fs::create_dir_all(spill_dir).map_err(|e| Error::io(spill_dir, &e))?;
    let mut order = InputOrder::new(opts.shard, spill_dir);
    collect_inputs_matching(&opts.inputs, &opts.globs, &mut errors, &mut skipped, &mut |i| order.push(i))?;
    let count = order.len();
    let inputs = order.into_inputs()?;
    let progress = progress_bar(count as u64, opts.quiet);
    let say = |line: String| progress.suspend(|| eprintln!("{line}"));
    if !opts.quiet {
        for path in &skipped {
            say(format!("skipped: {} (not matched by {})", path.display(), globs_text(&opts.globs)));
        }
    }
    let jobs = match opts.jobs {
        0 => std::thread::available_parallelism().map_or(1, usize::from),
        n => n,
    };

    let mut summary = Summary::default();
    let mut written_ids = WrittenIds::for_documents(count);
    let layout = match opts.shard {
        Some(s) => Layout::Part { index: s.index, count: s.count },
        None => Layout::Single,
    };
    let extract_input = |input: &Input| extract_one(input, opts.max_doc_bytes, opts.encoding, grammar);
    let written = write_atomically(&opts.out, layout, |writer| {
        let mut sinks = writer.for_documents(jobs >= TABLE_THREADS_FROM);
        // The worker that hands over the documents next due writes them, while the others
        // extract the next ones, which wait only when they are a window ahead of the writing.
        let write_one = |input: Input, result: Result<Extracted, Error>| {
            progress.inc(1);
            let d = match result {
                Ok(d) => d,
                Err(e) => {
                    say(format!("error: {e}"));
                    summary.failed += 1;
                    return Ok(());
                }
            };
            let doc = &d.extraction.document;
            if !written_ids.insert(&doc.doc_id) {
                let e = Error::DuplicateDocument {
                    path: PathBuf::from(&*input.source_path),
                    doc_id: doc.doc_id.to_string(),
                    other: "an earlier document".into(),
                };
                say(format!("error: {e}"));
                summary.failed += 1;
                return Ok(());
            }
            summary.extracted += 1;
            summary.warned += usize::from(!d.notices.is_empty());
            for (count, n) in summary.rows.iter_mut().zip(row_counts(&d.extraction)) {
                *count += n;
            }
            if !opts.quiet {
                for n in &d.notices {
                    say(format!(
                        "{}: {}:{}:{}: [{}] {}",
                        n.severity.as_str(),
                        doc.source_path,
                        n.line,
                        n.column,
                        n.code,
                        n.message
                    ));
                }
            }
            if opts.verbose {
                say(format!("{}: {} ({}, {})", doc.source_path, doc.doc_id, doc.language, doc.kind.as_str()));
            }
            sinks.write(d.extraction)
        };
        let ahead = (AHEAD_PER_THREAD * jobs).min(MOST_AHEAD);
        pipeline::in_order(inputs, jobs, ahead, extract_input, write_one)?;
        sinks.finish()
    });
    progress.finish_and_clear();
    for e in errors {
        eprintln!("error: {e}");
        summary.failed += 1;
    }
    written?;
    if !opts.quiet {
        let [_, h, p, o, r, f, refs, dates] = summary.rows;
        eprintln!(
            "extracted {} document{} into {} in {:.2}s ({} warned, {} failed): {h} note headers, {p} paragraphs, {o} operative clauses, {r} recitals, {f} footnotes, {refs} references, {dates} dated events",
            summary.extracted,
            if summary.extracted == 1 { "" } else { "s" },
            opts.out.display(),
            started.elapsed().as_secs_f64(),
            summary.warned,
            summary.failed,
        );
    }
    Ok(summary)
}

fn row_counts(x: &Extraction) -> [usize; 8] {
    [
        1,
        usize::from(x.note_header.is_some()),
        x.paragraphs.len(),
        x.operative_clauses.len(),
        x.recitals.len(),
        x.footnotes.len(),
        x.references.len(),
        x.dated_events.len(),
    ]
}

/// A progress bar on stderr, drawn only on a terminal and without `--quiet`.
fn progress_bar(len: u64, quiet: bool) -> ProgressBar {
    if quiet || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(len), ProgressDrawTarget::stderr());
    let template = if std::env::var_os("NO_COLOR").is_some() {
        "{elapsed_precise} [{bar:40}] {human_pos}/{human_len} documents ({rate}, {eta} left)"
    } else {
        "{elapsed_precise} [{bar:40.cyan/blue}] {human_pos}/{human_len} documents ({rate}, {eta} left)"
    };
    if let Ok(style) = ProgressStyle::with_template(template) {
        let rate = |state: &ProgressState, w: &mut dyn std::fmt::Write| {
            let _ = write!(w, "{:.0}/s", state.per_sec());
        };
        bar.set_style(style.with_key("rate", rate).progress_chars("=> "));
    }
    bar
}

fn globs_text(globs: &[String]) -> String {
    if globs.is_empty() { "*.txt; add --glob to include".into() } else { globs.join(", ") }
}

/// Expands the inputs: files as given, directories walked (sorted, `*.txt`, symlinked
/// directories not followed), `-` for standard input.
pub fn collect_inputs(inputs: &[PathBuf], errors: &mut Vec<Error>) -> Vec<Input> {
    let mut found = Vec::new();
    if let Err(e) = collect_inputs_matching(inputs, &[], errors, &mut Vec::new(), &mut |i| found.push(i)) {
        errors.push(e);
    }
    found
}

/// Like [`collect_inputs`], taking files from directories by name patterns (default `*.txt`)
/// and listing the files passed over.
pub fn collect_inputs_matching(
    inputs: &[PathBuf],
    globs: &[String],
    errors: &mut Vec<Error>,
    skipped: &mut Vec<PathBuf>,
    found: &mut dyn FnMut(Input),
) -> Result<(), Error> {
    let mut builder = globset::GlobSetBuilder::new();
    let patterns: Vec<&str> =
        if globs.is_empty() { vec!["*.txt"] } else { globs.iter().map(String::as_str).collect() };
    for p in patterns {
        let glob = globset::Glob::new(p).map_err(|e| Error::output(p, e))?;
        builder.add(glob);
    }
    let matcher = builder.build().map_err(|e| Error::output("--glob", e))?;
    for input in inputs {
        if input.as_os_str() == "-" {
            found(Input::stdin());
        } else if input.is_dir() {
            walk(&input.as_path().into(), input, &matcher, found, errors, skipped);
        } else {
            found(Input::file(input));
        }
    }
    Ok(())
}

fn walk(
    root: &Arc<Path>,
    dir: &Path,
    matcher: &globset::GlobSet,
    found: &mut dyn FnMut(Input),
    errors: &mut Vec<Error>,
    skipped: &mut Vec<PathBuf>,
) {
    let entries = match fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            errors.push(Error::io(dir, &e));
            return;
        }
    };
    let mut entries: Vec<(OsString, fs::DirEntry)> =
        entries.filter_map(|e| e.ok().map(|e| (e.file_name(), e))).collect();
    // Names are unique in a directory, so sorting by name sorts by path, without parsing every
    // path's components again at each comparison.
    entries.sort_unstable_by(|(a, _), (b, _)| a.cmp(b));
    for (_, entry) in entries {
        let path = entry.path();
        // The directory listing's own type where the file system gives it: no stat per file.
        let Ok(kind) = entry.file_type() else { continue };
        if kind.is_dir() {
            walk(root, &path, matcher, found, errors, skipped);
        } else if kind.is_symlink() && path.is_dir() {
            // A symlinked directory is not followed: that is how loops end.
            skipped.push(path);
        } else if path.file_name().is_some_and(|n| matcher.is_match(n)) {
            found(Input::under(root, &path));
        } else {
            skipped.push(path);
        }
    }
}

/// Most of a worker's read buffer kept between documents: far more than a Council document
/// takes, so only an unusually long one leaves it to be given back.
const READ_BUFFER_KEPT: usize = 1024 * 1024;

/// Reads and extracts one document. Each worker thread reads into one buffer of its own,
/// kept from document to document: the allocator then neither maps nor faults in fresh pages
/// for every file read.
pub fn extract_one(
    input: &Input,
    max_doc_bytes: u64,
    encoding: Encoding,
    grammar: &Grammar,
) -> Result<Extracted, Error> {
    thread_local! {
        static READ_BUFFER: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    READ_BUFFER.with_borrow_mut(|bytes| {
        let extracted = read_input_into(input, max_doc_bytes, bytes)
            .and_then(|()| extract_bytes(bytes, input, encoding, grammar));
        // A long document's bytes are not held by the worker for the rest of the run.
        bytes.clear();
        bytes.shrink_to(READ_BUFFER_KEPT);
        extracted
    })
}

/// The bytes of one input, refused when over `max_doc_bytes`.
pub fn read_input(input: &Input, max_doc_bytes: u64) -> Result<Vec<u8>, Error> {
    let mut bytes = Vec::new();
    read_input_into(input, max_doc_bytes, &mut bytes)?;
    Ok(bytes)
}

/// [`read_input`] into `bytes`, which it empties first.
fn read_input_into(input: &Input, max_doc_bytes: u64, bytes: &mut Vec<u8>) -> Result<(), Error> {
    bytes.clear();
    let path = input.path();
    let display = || path.clone().unwrap_or_else(|| PathBuf::from("-"));
    match &path {
        Some(p) => {
            let file = fs::File::open(p).map_err(|e| Error::io(p, &e))?;
            let size = file.metadata().map_err(|e| Error::io(p, &e))?.len();
            if size > max_doc_bytes {
                return Err(Error::TooLarge { path: display(), size, limit: max_doc_bytes });
            }
            bytes.reserve(usize::try_from(size).unwrap_or(0));
            file.take(max_doc_bytes + 1).read_to_end(bytes).map_err(|e| Error::io(p, &e))?;
        }
        None => {
            std::io::stdin().take(max_doc_bytes + 1).read_to_end(bytes).map_err(|e| Error::io("-", &e))?;
        }
    }
    // A file may have grown since its size was read.
    if bytes.len() as u64 > max_doc_bytes {
        return Err(Error::TooLarge { path: display(), size: bytes.len() as u64, limit: max_doc_bytes });
    }
    Ok(())
}

/// Extracts one document from its bytes.
pub fn extract_bytes(
    bytes: &[u8],
    input: &Input,
    encoding: Encoding,
    grammar: &Grammar,
) -> Result<Extracted, Error> {
    let path = input.path();
    let display = path.as_deref().unwrap_or(Path::new("-"));
    let text = decode_with(bytes, display, encoding)?;
    let sha256 = hex(&Sha256::digest(bytes));
    let stem = path
        .as_ref()
        .and_then(|p| p.file_stem())
        .map_or_else(|| "stdin".to_string(), |s| s.to_string_lossy().into_owned());
    let source = Source { path: &input.source_path, stem: &stem, sha256: &sha256 };
    // No input should panic the pipeline (the fuzzer and property tests look for it); if one
    // does, that document fails with a message and the others are still extracted.
    let outcome = std::panic::catch_unwind(|| extract(&text, source, grammar))
        .map_err(|_| Error::output(display, "internal error while extracting; please report this file"))?;
    Ok(Extracted { extraction: outcome.extraction, notices: outcome.notices })
}

/// The text of a file in an encoding: UTF-8 as is (checked); Latin-1 and Windows-1252
/// transcoded, so byte offsets then index the UTF-8 transcoding.
pub fn decode_with<'a>(
    bytes: &'a [u8],
    path: &Path,
    encoding: Encoding,
) -> Result<std::borrow::Cow<'a, str>, Error> {
    match encoding {
        Encoding::Utf8 => decode(bytes, path).map(std::borrow::Cow::Borrowed),
        Encoding::Latin1 | Encoding::Windows1252 => {
            check_text(bytes, path)?;
            // encoding_rs decodes ISO-8859-1 as Windows-1252, a superset for printable text.
            let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
            Ok(text)
        }
    }
}

/// The text of a file: UTF-8, a byte-order mark dropped; empty, binary and invalid files refused.
pub fn decode<'a>(bytes: &'a [u8], path: &Path) -> Result<&'a str, Error> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    check_text(bytes, path)?;
    // simdutf8 checks valid text, nearly all of it, several times faster than std; std finds
    // where invalid text goes wrong.
    if let Ok(text) = simdutf8::basic::from_utf8(bytes) {
        return Ok(text);
    }
    std::str::from_utf8(bytes)
        .map_err(|e| Error::NotUtf8 { path: path.to_path_buf(), position: position(bytes, e.valid_up_to()) })
}

/// Refuses empty files (only whitespace) and binary files (a NUL byte).
fn check_text(bytes: &[u8], path: &Path) -> Result<(), Error> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(Error::Empty { path: path.to_path_buf() });
    }
    if let Some(at) = memchr::memchr(0, bytes) {
        return Err(Error::Binary { path: path.to_path_buf(), position: position(bytes, at) });
    }
    Ok(())
}

/// Line and column of a byte in (possibly invalid) text.
fn position(bytes: &[u8], at: usize) -> Position {
    let before = bytes.get(..at).unwrap_or(bytes);
    let line = memchr::memchr_iter(b'\n', before).count() + 1;
    let line_start = memchr::memrchr(b'\n', before).map_or(0, |p| p + 1);
    let column = String::from_utf8_lossy(before.get(line_start..).unwrap_or_default()).chars().count() + 1;
    Position { line, column, byte: at }
}

/// Lower-case hexadecimal, two digits a byte, with no allocation but the string's.
fn hex(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(2 * bytes.len());
    for &b in bytes {
        for digit in [b >> 4, b & 0xf] {
            out.extend(char::from_digit(u32::from(digit), 16));
        }
    }
    out
}

/// Writes a dataset (or one shard's parts) into `.DIR.tmp-<pid>` beside DIR and swaps it into
/// place, under `.DIR.lock`; `fill` writes the tables and finishes the writer. The previous
/// dataset stays whole until the swap, which is one atomic `renameat2(RENAME_EXCHANGE)`, and
/// the new one is on the disk before it: a power cut at any moment leaves one of the two whole.
pub fn write_atomically<F>(out: &Path, layout: Layout, fill: F) -> Result<(), Error>
where
    F: FnOnce(DatasetWriter) -> Result<(), Error>,
{
    let parent = out_parent(out);
    fs::create_dir_all(parent).map_err(|e| Error::io(parent, &e))?;
    let name = out.file_name().map_or_else(|| "dataset".into(), |n| n.to_string_lossy().into_owned());
    // Shards of one run write into one directory at once, each its own parts: one lock each.
    let lock_name = match layout {
        Layout::Single => format!(".{name}.lock"),
        Layout::Part { index, count } => format!(".{name}.part-{index}-of-{count}.lock"),
    };
    let _lock = Lock::acquire(&parent.join(lock_name))?;
    remove_stale(parent, &name);
    let pid = std::process::id();
    let tmp = parent.join(format!(".{name}.tmp-{pid}"));
    if tmp.exists() {
        fs::remove_dir_all(&tmp).map_err(|e| Error::io(&tmp, &e))?;
    }
    match layout {
        Layout::Single => fs::create_dir_all(&tmp).map_err(|e| Error::io(&tmp, &e))?,
        // Shards of one dataset share DIR: each writes its own part files into it.
        Layout::Part { .. } => {
            fs::create_dir_all(out).map_err(|e| Error::io(out, &e))?;
            fs::create_dir_all(&tmp).map_err(|e| Error::io(&tmp, &e))?;
        }
    }
    let filled = DatasetWriter::create(&tmp, layout).and_then(fill).and_then(|()| sync_tree(&tmp));
    if let Err(e) = filled {
        let _ = fs::remove_dir_all(&tmp);
        return Err(e);
    }
    match layout {
        Layout::Single => swap_into_place(&tmp, out)?,
        Layout::Part { .. } => {
            move_parts(&tmp, out)?;
            sync_dir(parent)?;
        }
    }
    Ok(())
}

/// Flushes every file and directory under `dir` to the disk (`fsync`), the files at once on
/// threads of their own, so that their writes to the disk overlap.
fn sync_tree(dir: &Path) -> Result<(), Error> {
    let mut dirs = vec![dir.to_path_buf()];
    let mut files = Vec::new();
    let mut next = 0;
    while let Some(d) = dirs.get(next).cloned() {
        for entry in fs::read_dir(&d).map_err(|e| Error::io(&d, &e))? {
            let entry = entry.map_err(|e| Error::io(&d, &e))?;
            // The listing's own type, as the input walk reads it: no stat per file.
            let path = entry.path();
            let is_dir = entry.file_type().map_err(|e| Error::io(&path, &e))?.is_dir();
            if is_dir { dirs.push(path) } else { files.push(path) }
        }
        next += 1;
    }
    std::thread::scope(|scope| {
        let syncs: Vec<_> = files.iter().map(|f| scope.spawn(|| sync_file(f))).collect();
        syncs.into_iter().try_for_each(|s| s.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
    })?;
    dirs.iter().try_for_each(|d| sync_dir(d))
}

/// `fsync` of a file: its data and the metadata needed to read it.
fn sync_file(path: &Path) -> Result<(), Error> {
    fs::File::open(path).and_then(|f| f.sync_all()).map_err(|e| Error::io(path, &e))
}

/// `fsync` of a directory, for the names it holds. A file system that cannot sync a
/// directory (`EINVAL`, `ENOTSUP`) keeps its names as it can; that does not fail the run.
fn sync_dir(path: &Path) -> Result<(), Error> {
    match fs::File::open(path).and_then(|f| f.sync_all()) {
        Err(e) if matches!(e.raw_os_error(), Some(libc::EINVAL | libc::ENOTSUP)) => Ok(()),
        other => other.map_err(|e| Error::io(path, &e)),
    }
}

/// The directory a dataset directory is written beside, and a run's input list spilled into:
/// the same file system as the dataset, never a RAM-backed temporary directory.
fn out_parent(out: &Path) -> &Path {
    out.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."))
}

/// Puts the finished dataset at `out`: an atomic exchange when `out` exists, made durable
/// before the old one (now at `tmp`) is removed.
fn swap_into_place(tmp: &Path, out: &Path) -> Result<(), Error> {
    if !out.exists() {
        fs::rename(tmp, out).map_err(|e| Error::io(out, &e))?;
        return sync_dir(out_parent(out));
    }
    exchange(tmp, out)?;
    sync_dir(out_parent(out))?;
    fs::remove_dir_all(tmp).map_err(|e| Error::io(tmp, &e))
}

fn exchange(a: &Path, b: &Path) -> Result<(), Error> {
    use std::ffi::CString;
    let ca = CString::new(a.as_os_str().as_bytes()).map_err(|e| Error::output(a, e))?;
    let cb = CString::new(b.as_os_str().as_bytes()).map_err(|e| Error::output(b, e))?;
    // SAFETY: both paths are valid NUL-terminated strings that outlive the call.
    let rc = unsafe {
        libc::syscall(
            libc::SYS_renameat2,
            libc::AT_FDCWD,
            ca.as_ptr(),
            libc::AT_FDCWD,
            cb.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if rc == 0 { Ok(()) } else { Err(Error::io(b, &std::io::Error::last_os_error())) }
}

/// Moves one shard's part files from `tmp` into `out`, each with an atomic rename, and makes
/// the renames durable.
fn move_parts(tmp: &Path, out: &Path) -> Result<(), Error> {
    for entry in fs::read_dir(tmp).map_err(|e| Error::io(tmp, &e))? {
        let entry = entry.map_err(|e| Error::io(tmp, &e))?;
        let target = out.join(entry.file_name());
        if entry.path().is_dir() {
            fs::create_dir_all(&target).map_err(|e| Error::io(&target, &e))?;
            move_parts(&entry.path(), &target)?;
        } else {
            fs::rename(entry.path(), &target).map_err(|e| Error::io(&target, &e))?;
        }
    }
    sync_dir(out)?;
    fs::remove_dir_all(tmp).map_err(|e| Error::io(tmp, &e))
}

/// Removes temporary directories left by runs that were killed.
fn remove_stale(parent: &Path, name: &str) {
    let prefix = format!(".{name}.tmp-");
    let Ok(entries) = fs::read_dir(parent) else { return };
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        let Some(pid) = file_name.strip_prefix(&prefix).and_then(|p| p.parse::<u32>().ok()) else { continue };
        if !process_alive(pid) {
            let _ = fs::remove_dir_all(entry.path());
        }
    }
}

fn process_alive(pid: u32) -> bool {
    Path::new(&format!("/proc/{pid}")).exists()
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
                    if let Some(pid) = holder.filter(|pid| process_alive(*pid)) {
                        return Err(Error::output(
                            path,
                            format!(
                                "another extraction (pid {pid}) is writing this dataset; wait for it or remove the lock"
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
    fn a_directory_its_file_system_cannot_sync_does_not_fail_the_run() {
        // procfs refuses fsync with EINVAL, as some network and FUSE file systems do.
        let refused = fs::File::open("/proc").and_then(|f| f.sync_all()).unwrap_err();
        assert_eq!(refused.raw_os_error(), Some(libc::EINVAL));
        assert!(sync_dir(Path::new("/proc")).is_ok());
        let missing = sync_dir(Path::new("/no/such/dataset")).unwrap_err().to_string();
        assert!(missing.contains("/no/such/dataset"), "{missing}");
    }

    #[test]
    fn decode_refuses_bad_bytes_with_positions() {
        let p = Path::new("x.txt");
        assert!(matches!(decode(b"", p), Err(Error::Empty { .. })));
        assert!(matches!(decode(b" \n\n", p), Err(Error::Empty { .. })));
        match decode(b"ok\nab\0c", p) {
            Err(Error::Binary { position, .. }) => assert_eq!((position.line, position.column), (2, 3)),
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

    #[test]
    fn a_file_under_a_directory_is_read_from_its_source_path_under_the_root() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir_all(dir.path().join("da/2014")).unwrap();
        fs::write(dir.path().join("da/2014/st06931.txt"), "x").unwrap();
        fs::write(dir.path().join("notes.md"), "x").unwrap();
        let inputs = collect_inputs(&[dir.path().to_path_buf()], &mut Vec::new());
        let [input] = inputs.as_slice() else { panic!("{inputs:?}") };
        assert_eq!(&*input.source_path, "da/2014/st06931.txt");
        assert_eq!(input.path(), Some(dir.path().join("da/2014/st06931.txt")));
        let named = Input::file(Path::new("in/st06931.txt"));
        assert_eq!((&*named.source_path, named.path()), ("in/st06931.txt", Some("in/st06931.txt".into())));
        assert_eq!((&*Input::stdin().source_path, Input::stdin().path()), ("-", None));
    }

    #[cfg(unix)]
    #[test]
    fn a_file_name_that_is_not_utf8_is_still_read() {
        use std::os::unix::ffi::OsStrExt;
        let dir = tempfile::tempdir().unwrap();
        let name = std::ffi::OsStr::from_bytes(b"r\xe5d.txt");
        fs::write(dir.path().join(name), "x").unwrap();
        let inputs = collect_inputs(&[dir.path().to_path_buf()], &mut Vec::new());
        let [input] = inputs.as_slice() else { panic!("{inputs:?}") };
        assert_eq!(&*input.source_path, "r\u{fffd}d.txt");
        assert_eq!(input.path(), Some(dir.path().join(name)));
    }

    #[test]
    fn a_doc_id_is_written_once() {
        let mut ids = WrittenIds::for_documents(2);
        assert!(ids.insert("ST-12642-2025-ADD-1:da"));
        assert!(ids.insert("ST-12642-2025-ADD-1:sl"));
        assert!(!ids.insert("ST-12642-2025-ADD-1:da"));
    }

    #[test]
    fn latin1_is_read_when_asked() {
        let text = decode_with(b"R\xe5dets konklusioner", Path::new("x"), Encoding::Latin1).unwrap();
        assert_eq!(text, "Rådets konklusioner");
        assert!(decode_with(b"a\0b", Path::new("x"), Encoding::Windows1252).is_err());
    }

    #[test]
    fn shards_cover_every_key_once() {
        let shards: Vec<Shard> = (1..=3).map(|k| Shard { index: k, count: 3 }).collect();
        for key in [0, 1, u64::MAX / 3, u64::MAX / 2, u64::MAX - 1, u64::MAX, fnv1a(b"seeds/002.txt")] {
            assert_eq!(shards.iter().filter(|s| s.holds(key)).count(), 1, "{key}");
        }
        assert_eq!("2/8".parse::<Shard>(), Ok(Shard { index: 2, count: 8 }));
        assert!("0/8".parse::<Shard>().is_err());
        assert!("9/8".parse::<Shard>().is_err());
        assert!("x".parse::<Shard>().is_err());
    }

    #[test]
    fn a_digest_is_written_in_lower_case_hexadecimal() {
        assert_eq!(hex(&[0x00, 0x0f, 0xa5, 0xff]), "000fa5ff");
        assert_eq!(
            hex(&Sha256::digest(b"abc")),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
