//! councildata: EU Council document text in, a typed, versioned dataset out.
//!
//! The pipeline reads plain text (as pdftotext writes it from the Council register's PDFs),
//! recognises cover headers, page furniture, numbered paragraphs, operative verbs, recitals,
//! footnotes, references and dated events, and writes eight tables as CSV and Parquet.
//!
//! - [`grammar`]: nom parsers, language-independent, reading [`lexicon`] data; no I/O.
//! - [`model`]: the typed records.
//! - [`schema`]: the table schemas (`schemas/v1`), the one source of column names and types.
//! - [`sink`]: CSV and Parquet writers.
//! - [`dataset`]: a dataset directory read back (data package, CSV, Parquet).
//! - [`cmd`]: the commands.

pub mod cmd;
pub mod dataset;
pub mod error;
pub mod grammar;
pub mod lexicon;
pub mod model;
pub mod schema;
pub mod sink;
#[cfg(test)]
mod test_texts;

pub use error::Error;
