//! Integration tests: the real binary in throwaway directories, golden files per seed and
//! table, Parquet read back as typed data, and whole-run properties.

mod cli;
mod extract;
mod golden;
mod report;
mod util;
