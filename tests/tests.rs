//! Integration tests: the real binary in throwaway directories, golden files per seed and
//! table, Parquet read back as typed data, and whole-run properties.

mod cli;
mod diff;
mod extract;
mod golden;
mod report;
mod robust;
mod util;
mod validate;
