//! The councildata binary: parses arguments, dispatches to a command, maps errors to exit codes
//! (0 success, 1 some input failed or differences/invalid, 2 usage or I/O error).

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand};
use councildata::cmd::{diff, extract, grammars, manual, merge, report, validate};

/// mimalloc: extraction allocates many short strings per document, and glibc's malloc was a
/// tenth of the profile. Built without transparent huge pages (the `no_thp` feature), whose
/// 2 MiB faults cost a run up to 40 MB of resident memory and the time to clear them.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's `mi_option_purge_delay` (its place in `mi_option_e`, mimalloc.h, v2 and v3).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Milliseconds before memory freed goes back to the system. mimalloc's default, a second,
/// kept the batches of records freed in that second: 15–20 MB more peak RSS, growing with the
/// run. At 10 ms a run is about 2% slower than at 1 s, and at 0 about 5% (160 MB bench corpus).
const PURGE_DELAY_MS: std::ffi::c_long = 10;

/// Sets [`PURGE_DELAY_MS`], unless `MIMALLOC_PURGE_DELAY` in the environment has set it.
fn give_freed_memory_back_soon() {
    if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
        // SAFETY: mi_option_set stores one integer option, and any delay is a valid value.
        unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, PURGE_DELAY_MS) };
    }
}

/// EU Council document text in, a typed CSV + Parquet dataset out.
#[derive(Parser)]
#[command(
    name = "councildata",
    version,
    about,
    after_help = "Examples:\n  councildata extract seeds --out dataset\n  councildata validate new.txt\n  councildata report dataset --out report.html\n  councildata completions bash > councildata.bash"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Extract documents into a dataset directory.
    #[command(
        after_help = "Examples:\n  councildata extract seeds --out dataset\n  pdftotext doc.pdf - | councildata extract - --out dataset"
    )]
    Extract {
        /// Files, directories (searched recursively for *.txt), or - for standard input.
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        /// The dataset directory to write (replaced atomically).
        #[arg(long)]
        out: PathBuf,
        /// Worker threads (default: all cores; at most 64 extract at once).
        #[arg(long, default_value_t = 0)]
        jobs: usize,
        /// Largest document accepted, in bytes.
        #[arg(long, default_value_t = extract::DEFAULT_MAX_DOC_BYTES)]
        max_doc_bytes: u64,
        /// File-name pattern taken from directories, repeatable (default: *.txt).
        #[arg(long = "glob", value_name = "PATTERN")]
        globs: Vec<String>,
        /// How to read files that are not UTF-8.
        #[arg(long, value_enum, default_value_t = EncodingArg::Utf8)]
        encoding: EncodingArg,
        /// Write only shard K of N (part files under DIR/<table>/); `merge` joins them.
        #[arg(long, value_name = "K/N")]
        shard: Option<extract::Shard>,
        /// Print nothing but errors.
        #[arg(long, short)]
        quiet: bool,
        /// Print a line per document.
        #[arg(long, short)]
        verbose: bool,
    },
    /// Join the part files of a sharded extraction into one dataset.
    #[command(
        after_help = "Examples:\n  councildata extract corpus --shard 1/2 --out parts\n  councildata extract corpus --shard 2/2 --out parts\n  councildata merge parts --out dataset"
    )]
    Merge {
        /// The directory the shards wrote into.
        dir: PathBuf,
        /// The dataset directory to write (replaced atomically).
        #[arg(long)]
        out: PathBuf,
    },
    /// Check documents against the grammar and the schemas, like a compiler.
    #[command(
        after_help = "Examples:\n  councildata validate new.txt\n  councildata validate --format json incoming/\n  councildata validate --dataset dataset"
    )]
    Validate {
        /// Documents to check: files or directories.
        #[arg(required_unless_present = "dataset", conflicts_with = "dataset")]
        files: Vec<PathBuf>,
        /// Check a dataset directory (CSV and Parquet) against the schema version it declares.
        #[arg(long, value_name = "DIR")]
        dataset: Option<PathBuf>,
        /// Output: text for people, json for scripts.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Largest document accepted, in bytes.
        #[arg(long, default_value_t = extract::DEFAULT_MAX_DOC_BYTES)]
        max_doc_bytes: u64,
    },
    /// Show what changed between two datasets, or two sets of documents extracted on the fly.
    #[command(
        after_help = "Rows are matched by meaning: a paragraph inserted above others is one added row, the\nrenumbered ones are moved; provenance (lines, byte spans, paths) never counts as a change.\nExit status: 0 no differences, 1 differences, 2 error.\n\nExamples:\n  councildata diff dataset-2024 dataset-2025\n  councildata diff --format json old/ new/"
    )]
    Diff {
        /// The old side: a dataset directory (with datapackage.json), or documents (a file or a
        /// directory of *.txt).
        old: PathBuf,
        /// The new side, likewise.
        new: PathBuf,
        /// Output: text for people, json for scripts.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Largest document accepted, in bytes.
        #[arg(long, default_value_t = extract::DEFAULT_MAX_DOC_BYTES)]
        max_doc_bytes: u64,
    },
    /// List the embedded language grammars with counts of verbs, months and labels.
    #[command(
        after_help = "Examples:\n  councildata grammars\n  councildata grammars --format json | jq '.[] | select(.verbs < 40)'"
    )]
    Grammars {
        /// `table` or `json`.
        #[arg(long, default_value = "table", value_parser = ["table", "json"])]
        format: String,
    },
    /// Draw a dataset as one self-contained HTML page: documents, timeline, verbs, references.
    #[command(
        after_help = "Examples:\n  councildata report dataset --out report.html\n  councildata extract seeds --out ds && councildata report ds --out ds/report.html"
    )]
    Report {
        /// The dataset directory, as extract --out wrote it.
        dir: PathBuf,
        /// The HTML file to write.
        #[arg(long)]
        out: PathBuf,
        /// Print nothing but errors.
        #[arg(long, short)]
        quiet: bool,
    },
    /// Print a shell completion script, generated from this command line's definition.
    #[command(
        after_help = "Examples:\n  councildata completions bash > ~/.local/share/bash-completion/completions/councildata\n  councildata completions zsh > ~/.zfunc/_councildata\n  councildata completions fish > ~/.config/fish/completions/councildata.fish"
    )]
    Completions {
        /// The shell to complete for.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff), or write one page per command into a directory.
    #[command(
        after_help = "Examples:\n  councildata man | man -l -\n  councildata man --out-dir /usr/local/share/man/man1"
    )]
    Man {
        /// Write councildata.1 and councildata-<command>.1 here instead of printing.
        #[arg(long)]
        out_dir: Option<PathBuf>,
    },
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum EncodingArg {
    #[value(name = "utf-8", alias = "utf8")]
    Utf8,
    #[value(name = "latin1", alias = "iso-8859-1")]
    Latin1,
    #[value(name = "windows-1252", alias = "cp1252")]
    Windows1252,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    Text,
    Json,
}

fn main() -> ExitCode {
    give_freed_memory_back_soon();
    let cli = Cli::parse();
    match cli.command {
        Command::Merge { dir, out } => match merge::run(&dir, &out) {
            Ok(_) => ExitCode::SUCCESS,
            Err(e) => failure(e),
        },
        Command::Validate { files, dataset, format, max_doc_bytes } => {
            let checked = match &dataset {
                Some(dir) => validate::validate_dataset(dir),
                None => validate::validate_files(&files, max_doc_bytes),
            };
            match checked {
                Ok(findings) => {
                    if format == Format::Json {
                        if let Err(code) = write_json(&findings) {
                            return code;
                        }
                    } else {
                        let color = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
                        let drawn: String = findings.iter().map(|f| f.render(color)).collect();
                        if let Err(code) = write_stdout(drawn.as_bytes()) {
                            return code;
                        }
                        let errors = findings.iter().filter(|f| f.is_error()).count();
                        let warnings = findings.len() - errors;
                        eprintln!("{errors} error{}, {warnings} warning{}", plural(errors), plural(warnings));
                    }
                    if findings.iter().any(validate::Finding::is_error) {
                        ExitCode::from(1)
                    } else {
                        ExitCode::SUCCESS
                    }
                }
                Err(e) => failure(e),
            }
        }
        Command::Diff { old, new, format, max_doc_bytes } => match diff::run(&old, &new, max_doc_bytes) {
            Ok(d) => {
                if format == Format::Json {
                    if let Err(code) = write_json(&d) {
                        return code;
                    }
                } else if let Err(code) = write_stdout(d.render().as_bytes()) {
                    return code;
                }
                if d.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(1) }
            }
            Err(e) => failure(e),
        },
        Command::Extract { inputs, out, jobs, max_doc_bytes, globs, encoding, shard, quiet, verbose } => {
            let encoding = match encoding {
                EncodingArg::Utf8 => extract::Encoding::Utf8,
                EncodingArg::Latin1 => extract::Encoding::Latin1,
                EncodingArg::Windows1252 => extract::Encoding::Windows1252,
            };
            let opts =
                extract::Options { inputs, out, jobs, max_doc_bytes, globs, encoding, shard, quiet, verbose };
            match extract::run(&opts) {
                Ok(summary) if summary.failed == 0 => ExitCode::SUCCESS,
                Ok(_) => ExitCode::from(1),
                Err(e) => failure(e),
            }
        }
        Command::Grammars { format } => {
            let format = if format == "json" { grammars::Format::Json } else { grammars::Format::Table };
            match grammars::run(format) {
                Ok(text) => print_bytes(text.as_bytes()),
                Err(e) => failure(e),
            }
        }
        Command::Report { dir, out, quiet } => {
            match report::run(&report::Options { dir, out: out.clone() }) {
                Ok(summary) => {
                    if !quiet {
                        eprintln!(
                            "wrote {}: {} documents, {} dated events, {} bytes",
                            out.display(),
                            summary.documents,
                            summary.dated_events,
                            summary.bytes
                        );
                    }
                    ExitCode::SUCCESS
                }
                Err(e) => failure(e),
            }
        }
        Command::Completions { shell } => print_bytes(&manual::completions(shell, Cli::command())),
        Command::Man { out_dir: None } => match manual::man_page(Cli::command()) {
            Ok(page) => print_bytes(&page),
            Err(e) => failure(e),
        },
        Command::Man { out_dir: Some(dir) } => match manual::man_pages(Cli::command(), &dir) {
            Ok(files) => {
                let listing: String = files.iter().map(|f| format!("{}\n", f.display())).collect();
                print_bytes(listing.as_bytes())
            }
            Err(e) => failure(e),
        },
    }
}

/// Writes generated text to standard output; a closed pipe (`| head`) ends the output quietly
/// rather than panicking, any other failure is exit status 2.
fn write_stdout(bytes: &[u8]) -> Result<(), ExitCode> {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => {
            eprintln!("error: writing to standard output: {e}");
            Err(ExitCode::from(2))
        }
    }
}

/// A value as pretty JSON on standard output, for `--format json`.
fn write_json(value: &impl serde::Serialize) -> Result<(), ExitCode> {
    let json = serde_json::to_string_pretty(value).map_err(failure)?;
    write_stdout((json + "\n").as_bytes())
}

/// An error that stops the command: said on stderr, exit status 2.
fn failure(e: impl std::fmt::Display) -> ExitCode {
    eprintln!("error: {e}");
    ExitCode::from(2)
}

/// [`write_stdout`] for a command whose output is all it does.
fn print_bytes(bytes: &[u8]) -> ExitCode {
    match write_stdout(bytes) {
        Ok(()) => ExitCode::SUCCESS,
        Err(code) => code,
    }
}

/// The plural ending of a count's noun.
fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
