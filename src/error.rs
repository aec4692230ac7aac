//! The library's one error type: every kind says which file, and where it applies, which line.

use std::path::PathBuf;

/// A position in a source file, 1-based line and column, 0-based byte.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    pub line: usize,
    pub column: usize,
    pub byte: usize,
}

/// What went wrong, and where.
#[derive(Debug, Clone, thiserror::Error)]
pub enum Error {
    #[error("{path}: cannot read: {message}")]
    Io { path: PathBuf, message: String },
    #[error("{path}:{}:{}: not valid UTF-8 (byte {}); convert it first, or pass --encoding latin1 / windows-1252", .position.line, .position.column, .position.byte)]
    NotUtf8 { path: PathBuf, position: Position },
    #[error("{path}: empty file")]
    Empty { path: PathBuf },
    #[error("{path}:{}:{}: binary data (NUL byte at byte {}); not a text file", .position.line, .position.column, .position.byte)]
    Binary { path: PathBuf, position: Position },
    #[error("{path}: {size} bytes is over the limit of {limit} (raise it with --max-doc-bytes)")]
    TooLarge { path: PathBuf, size: u64, limit: u64 },
    #[error("{path}: same doc_id {doc_id} as {other}")]
    DuplicateDocument { path: PathBuf, doc_id: String, other: String },
    #[error("grammars/{file}: {message}")]
    Grammar { file: String, message: String },
    #[error("schemas/{file}: {message}")]
    Schema { file: String, message: String },
    #[error("{path}: {message}")]
    Output { path: PathBuf, message: String },
    #[error("schema version v{version} is unknown to this build, which knows {known}")]
    UnknownSchemaVersion { version: String, known: String },
    #[error(
        "cannot compare {old_path} (schema v{old}) with {new_path} (schema v{new}): schemas/CHANGELOG.md maps no version onto another; extract both sides with one build"
    )]
    SchemaVersions { old_path: PathBuf, old: String, new_path: PathBuf, new: String },
}

impl Error {
    /// An I/O error on a path.
    pub fn io(path: impl Into<PathBuf>, err: &std::io::Error) -> Error {
        Error::Io { path: path.into(), message: err.to_string() }
    }

    /// An error while writing output.
    pub fn output(path: impl Into<PathBuf>, message: impl std::fmt::Display) -> Error {
        Error::Output { path: path.into(), message: message.to_string() }
    }
}
