//! Output sinks: CSV and Parquet writers behind one small trait, and the dataset writer that
//! opens both for every table and finishes with the data package.

pub mod csv;
pub mod parquet;

use std::fs;
use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use crate::error::Error;
use crate::model::Extraction;
use crate::schema::{Cell, Record, SCHEMA_VERSION, Schemas, Table};

/// Where rows of one table go.
pub trait TableSink {
    /// Appends one row, its cells in the schema's column order.
    fn append(&mut self, cells: &[Cell]) -> Result<(), Error>;
    /// Flushes and closes the output.
    fn finish(self: Box<Self>) -> Result<(), Error>;
}

/// All tables of a dataset directory, as CSV and Parquet.
pub struct DatasetWriter {
    dir: PathBuf,
    sinks: Vec<(Table, Vec<Box<dyn TableSink + Send>>)>,
}

impl DatasetWriter {
    /// Creates `dir/<table>.csv` and `dir/<table>.parquet` for every table.
    pub fn create(dir: &Path) -> Result<DatasetWriter, Error> {
        let schemas = Schemas::embedded()?;
        let mut sinks = Vec::new();
        for table in Table::ALL {
            let csv = csv::CsvSink::create(&dir.join(format!("{}.csv", table.name())), schemas.table(table))?;
            let parquet = parquet::ParquetSink::create(
                &dir.join(format!("{}.parquet", table.name())),
                schemas.arrow(table),
            )?;
            let both: Vec<Box<dyn TableSink + Send>> = vec![Box::new(csv), Box::new(parquet)];
            sinks.push((table, both));
        }
        Ok(DatasetWriter { dir: dir.to_path_buf(), sinks })
    }

    fn append<R: Record>(&mut self, record: &R) -> Result<(), Error> {
        let cells = record.cells();
        if let Some((_, sinks)) = self.sinks.iter_mut().find(|(t, _)| *t == R::TABLE) {
            for sink in sinks {
                sink.append(&cells)?;
            }
        }
        Ok(())
    }

    /// Appends every record of one document.
    pub fn write(&mut self, x: &Extraction) -> Result<(), Error> {
        self.append(&x.document)?;
        if let Some(h) = &x.note_header {
            self.append(h)?;
        }
        x.paragraphs.iter().try_for_each(|r| self.append(r))?;
        x.operative_clauses.iter().try_for_each(|r| self.append(r))?;
        x.recitals.iter().try_for_each(|r| self.append(r))?;
        x.footnotes.iter().try_for_each(|r| self.append(r))?;
        x.references.iter().try_for_each(|r| self.append(r))?;
        x.dated_events.iter().try_for_each(|r| self.append(r))
    }

    /// Closes every table and writes `datapackage.json` and the schema files it points at.
    pub fn finish(self) -> Result<(), Error> {
        for (_, sinks) in self.sinks {
            for sink in sinks {
                sink.finish()?;
            }
        }
        write_package(&self.dir)
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
