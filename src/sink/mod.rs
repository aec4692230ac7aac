//! Output sinks: CSV and Parquet writers behind one small trait, and the dataset writer that
//! opens both for every table, hands each the rows of its table and finishes with the data
//! package.

pub mod csv;
pub mod parquet;
mod threads;

pub use threads::DocumentWriter;

use std::fs::{self, File};
use std::os::fd::AsRawFd;
use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use crate::error::Error;
use crate::model::Extraction;
use crate::schema::{Cell, Record, SCHEMA_VERSION, Schemas, Table};

/// Where rows of one table go.
pub trait TableSink {
    /// Appends one row, its cells in the schema's column order.
    fn append(&mut self, cells: &[Cell]) -> Result<(), Error>;
    /// Flushes and closes the output, and starts its last bytes on their way to the disk.
    fn finish(self: Box<Self>) -> Result<(), Error>;
}

/// Asks the kernel to start writing `file`'s bytes from `from` to its end on to the disk, and
/// returns at once (`sync_file_range`), so that the `fsync` before a dataset is swapped into
/// place finds little left to write. Only a hint: a failed write is reported by that `fsync`.
fn start_writeback(file: &File, from: u64) {
    let from = libc::off64_t::try_from(from).unwrap_or(libc::off64_t::MAX);
    // SAFETY: a plain system call on an open descriptor; a length of 0 means to the end.
    unsafe { libc::sync_file_range(file.as_raw_fd(), from, 0, libc::SYNC_FILE_RANGE_WRITE) };
}

/// How a dataset's files are laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// `DIR/<table>.csv`, `DIR/<table>.parquet` and `DIR/datapackage.json`.
    Single,
    /// One shard's parts: `DIR/<table>/part-K-of-N.parquet` and `DIR/csv/<table>/part-K-of-N.csv`;
    /// a directory of parts is one table for DuckDB, polars, Spark and Trino, and `merge` makes
    /// the single layout.
    Part { index: u64, count: u64 },
}

impl Layout {
    /// The path of a table's file with an extension, under `dir`.
    pub fn path(self, dir: &Path, table: Table, ext: &str) -> PathBuf {
        match self {
            Layout::Single => dir.join(format!("{}.{ext}", table.name())),
            // Parquet parts alone in their table's directory, so Spark and Trino read it whole.
            Layout::Part { index, count } if ext == "parquet" => {
                dir.join(table.name()).join(format!("part-{index}-of-{count}.{ext}"))
            }
            Layout::Part { index, count } => {
                dir.join(ext).join(table.name()).join(format!("part-{index}-of-{count}.{ext}"))
            }
        }
    }
}

/// All tables of a dataset directory, as CSV and Parquet.
pub struct DatasetWriter {
    dir: PathBuf,
    layout: Layout,
    tables: Vec<TableSinks>,
}

/// One table's CSV and Parquet sinks.
struct TableSinks {
    table: Table,
    csv: Box<dyn TableSink + Send>,
    parquet: Box<dyn TableSink + Send>,
}

impl TableSinks {
    /// Appends one row to both files.
    fn append(&mut self, cells: &[Cell]) -> Result<(), Error> {
        self.csv.append(cells)?;
        self.parquet.append(cells)
    }

    /// Appends every row of the table in a document's extraction.
    fn write(&mut self, x: &Extraction) -> Result<(), Error> {
        each_row(x, self.table, &mut |cells| self.append(cells))
    }

    fn finish(self) -> Result<(), Error> {
        self.csv.finish()?;
        self.parquet.finish()
    }
}

impl DatasetWriter {
    /// Creates every table's CSV and Parquet file under `dir`.
    pub fn create(dir: &Path, layout: Layout) -> Result<DatasetWriter, Error> {
        let schemas = Schemas::embedded()?;
        let mut tables = Vec::new();
        for table in Table::ALL {
            let csv_path = layout.path(dir, table, "csv");
            let parquet_path = layout.path(dir, table, "parquet");
            for parent in [csv_path.parent(), parquet_path.parent()].into_iter().flatten() {
                fs::create_dir_all(parent).map_err(|e| Error::io(parent, &e))?;
            }
            let csv = csv::CsvSink::create(&csv_path, schemas.table(table))?;
            let parquet = parquet::ParquetSink::create(&parquet_path, schemas.arrow(table))?;
            tables.push(TableSinks { table, csv: Box::new(csv), parquet: Box::new(parquet) });
        }
        Ok(DatasetWriter { dir: dir.to_path_buf(), layout, tables })
    }

    /// Appends one row of a table, its cells in schema order.
    pub fn append_cells(&mut self, table: Table, cells: &[Cell]) -> Result<(), Error> {
        self.tables.iter_mut().filter(|t| t.table == table).try_for_each(|t| t.append(cells))
    }

    /// Appends every record of one document.
    pub fn write(&mut self, x: &Extraction) -> Result<(), Error> {
        self.tables.iter_mut().try_for_each(|t| t.write(x))
    }

    /// Closes every table and, for the single layout, writes `datapackage.json` and the
    /// schema files it points at. Every CSV file is closed before the first Parquet file: they
    /// hold most of the bytes not yet on the disk, which then go while the Parquet files close.
    pub fn finish(self) -> Result<(), Error> {
        let parquets: Vec<_> =
            self.tables.into_iter().map(|t| t.csv.finish().map(|()| t.parquet)).collect::<Result<_, _>>()?;
        parquets.into_iter().try_for_each(|p| p.finish())?;
        finish_layout(&self.dir, self.layout)
    }
}

/// What a dataset holds beside its tables once they are closed: for the single layout,
/// `datapackage.json` and its schema files.
fn finish_layout(dir: &Path, layout: Layout) -> Result<(), Error> {
    match layout {
        Layout::Single => write_package(dir),
        Layout::Part { .. } => Ok(()),
    }
}

/// Hands each row of `table` in a document's extraction to `row`, as cells in schema order.
fn each_row(
    x: &Extraction,
    table: Table,
    row: &mut dyn FnMut(&[Cell]) -> Result<(), Error>,
) -> Result<(), Error> {
    fn all<R: Record>(records: &[R], row: &mut dyn FnMut(&[Cell]) -> Result<(), Error>) -> Result<(), Error> {
        records.iter().try_for_each(|r| row(r.cells().as_ref()))
    }
    match table {
        Table::Documents => row(x.document.cells().as_ref()),
        Table::NoteHeaders => all(x.note_header.as_slice(), row),
        Table::Paragraphs => all(&x.paragraphs, row),
        Table::OperativeClauses => all(&x.operative_clauses, row),
        Table::Recitals => all(&x.recitals, row),
        Table::Footnotes => all(&x.footnotes, row),
        Table::References => all(&x.references, row),
        Table::DatedEvents => all(&x.dated_events, row),
    }
}

/// `datapackage.json`: a Frictionless Tabular Data Package whose resources point at the CSV
/// files and at the schema files of the version used, copied beside them.
fn write_package(dir: &Path) -> Result<(), Error> {
    let schemas = Schemas::embedded()?;
    let schema_dir = dir.join("schemas").join(format!("v{SCHEMA_VERSION}"));
    fs::create_dir_all(&schema_dir).map_err(|e| Error::io(&schema_dir, &e))?;
    let mut resources = Vec::new();
    for table in Table::ALL {
        let name = table.name();
        let schema_file = schema_dir.join(format!("{name}.schema.json"));
        fs::write(&schema_file, schemas.json(table)).map_err(|e| Error::io(&schema_file, &e))?;
        resources.push(json!({
            "name": name,
            "path": format!("{name}.csv"),
            "profile": "tabular-data-resource",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "dialect": { "delimiter": ",", "header": true },
            "schema": format!("schemas/v{SCHEMA_VERSION}/{name}.schema.json"),
        }));
    }
    let package: Value = json!({
        "profile": "tabular-data-package",
        "name": "councildata",
        "title": "EU Council documents: headers, paragraphs, operative verbs, recitals, footnotes, references, dates",
        "councildata:schema_version": SCHEMA_VERSION,
        "resources": resources,
    });
    let text = serde_json::to_string_pretty(&package).map_err(|e| Error::output(dir, e))? + "\n";
    let path = dir.join("datapackage.json");
    fs::write(&path, text).map_err(|e| Error::io(&path, &e))
}
