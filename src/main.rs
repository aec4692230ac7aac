//! The councildata binary: parses arguments, dispatches to a command, maps errors to exit codes
//! (0 success, 1 some input failed or differences/invalid, 2 usage or I/O error).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use councildata::cmd::{extract, grammars};

/// EU Council document text in, a typed CSV + Parquet dataset out.
#[derive(Parser)]
#[command(name = "councildata", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Extract documents into a dataset directory.
    #[command(after_help = "Examples:\n  councildata extract seeds --out dataset\n  pdftotext doc.pdf - | councildata extract - --out dataset")]
    Extract {
        /// Files, directories (searched recursively for *.txt), or - for standard input.
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        /// The dataset directory to write (replaced atomically).
        #[arg(long)]
        out: PathBuf,
        /// Worker threads (default: all cores).
        #[arg(long, default_value_t = 0)]
        jobs: usize,
        /// Largest document accepted, in bytes.
        #[arg(long, default_value_t = extract::DEFAULT_MAX_DOC_BYTES)]
        max_doc_bytes: u64,
        /// Print nothing but errors.
        #[arg(long, short)]
        quiet: bool,
    },
    /// List the embedded language grammars with counts of verbs, months and labels.
    Grammars {
        /// `table` or `json`.
        #[arg(long, default_value = "table", value_parser = ["table", "json"])]
        format: String,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Extract { inputs, out, jobs, max_doc_bytes, quiet } => {
            let opts = extract::Options { inputs, out, jobs, max_doc_bytes, quiet };
            match extract::run(&opts) {
                Ok(summary) if summary.failed == 0 => ExitCode::SUCCESS,
                Ok(_) => ExitCode::from(1),
                Err(e) => {
                    eprintln!("error: {e}");
                    ExitCode::from(2)
                }
            }
        }
        Command::Grammars { format } => {
            let format = if format == "json" { grammars::Format::Json } else { grammars::Format::Table };
            match grammars::run(format) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("error: {e}");
                    ExitCode::from(2)
                }
            }
        }
    }
}
