//! The CSV sink: UTF-8, a header row from the schema, RFC 4180 quoting, ISO 8601 dates, an
//! empty field for null.

use std::fs::File;
use std::io::BufWriter;
use std::path::{Path, PathBuf};

use super::TableSink;
use crate::error::Error;
use crate::schema::{Cell, TableSchema};

/// Writes one table as CSV.
pub struct CsvSink {
    path: PathBuf,
    writer: csv::Writer<BufWriter<File>>,
}

impl CsvSink {
    /// Creates the file and writes the header row.
    pub fn create(path: &Path, schema: &TableSchema) -> Result<CsvSink, Error> {
        let file = File::create(path).map_err(|e| Error::io(path, &e))?;
        let mut writer = csv::WriterBuilder::new()
            .terminator(csv::Terminator::Any(b'\n'))
            .from_writer(BufWriter::new(file));
        writer
            .write_record(schema.fields.iter().map(|f| f.name.as_str()))
            .map_err(|e| Error::output(path, e))?;
        Ok(CsvSink { path: path.to_path_buf(), writer })
    }
}

impl TableSink for CsvSink {
    fn append(&mut self, cells: &[Cell]) -> Result<(), Error> {
        self.writer.write_record(cells.iter().map(Cell::to_text)).map_err(|e| Error::output(&self.path, e))
    }

    fn finish(mut self: Box<Self>) -> Result<(), Error> {
        self.writer.flush().map_err(|e| Error::io(&self.path, &e))
    }
}
