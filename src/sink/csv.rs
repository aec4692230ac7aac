//! The CSV sink: UTF-8, a header row from the schema, RFC 4180 quoting, ISO 8601 dates, an
//! empty field for null; fields written from borrowed bytes, without a copy per cell, and sent
//! on to the disk as the file grows.

use std::fs::File;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};

use super::{TableSink, start_writeback};
use crate::error::Error;
use crate::schema::{Cell, TableSchema};

/// Bytes the CSV writer gathers before each write to the file: its own buffer is the only
/// one, so a field is copied once, and a table of hundreds of MB takes a few thousand writes.
const WRITE_BYTES: usize = 64 * 1024;
/// Bytes written between requests to start writing them to the disk.
const WRITEBACK_BYTES: u64 = 4 * 1024 * 1024;

/// Writes one table as CSV.
pub struct CsvSink {
    path: PathBuf,
    writer: csv::Writer<WritebackFile>,
}

impl CsvSink {
    /// Creates the file and writes the header row.
    pub fn create(path: &Path, schema: &TableSchema) -> Result<CsvSink, Error> {
        let file = File::create(path).map_err(|e| Error::io(path, &e))?;
        let mut writer = csv::WriterBuilder::new()
            .terminator(csv::Terminator::Any(b'\n'))
            .buffer_capacity(WRITE_BYTES)
            .from_writer(WritebackFile { file, written: 0, sent: 0 });
        writer
            .write_record(schema.fields.iter().map(|f| f.name.as_str()))
            .map_err(|e| Error::output(path, e))?;
        Ok(CsvSink { path: path.to_path_buf(), writer })
    }
}

impl TableSink for CsvSink {
    fn append(&mut self, cells: &[Cell]) -> Result<(), Error> {
        // Each field straight from the record's own bytes or a stack buffer: no allocation.
        let mut number = itoa::Buffer::new();
        for cell in cells {
            let written = match cell {
                Cell::Str(v) => self.writer.write_field(v.unwrap_or_default()),
                Cell::Int(Some(n)) => self.writer.write_field(number.format(*n)),
                Cell::Date(Some(d)) => match iso_date(*d) {
                    Some(bytes) => self.writer.write_field(bytes),
                    None => self.writer.write_field(cell.to_text()),
                },
                Cell::Int(None) | Cell::Date(None) => self.writer.write_field(""),
            };
            written.map_err(|e| Error::output(&self.path, e))?;
        }
        self.writer.write_record(None::<&[u8]>).map_err(|e| Error::output(&self.path, e))
    }

    fn finish(self: Box<Self>) -> Result<(), Error> {
        let out = self.writer.into_inner().map_err(|e| Error::io(&self.path, e.error()))?;
        start_writeback(&out.file, out.sent);
        Ok(())
    }
}

/// The CSV file, its bytes sent on to the disk every `WRITEBACK_BYTES` while the run goes on.
struct WritebackFile {
    file: File,
    written: u64,
    sent: u64,
}

impl Write for WritebackFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.file.write(buf)?;
        self.written += n as u64;
        if self.written - self.sent >= WRITEBACK_BYTES {
            start_writeback(&self.file, self.sent);
            self.sent = self.written;
        }
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.file.flush()
    }
}

/// `YYYY-MM-DD` for a four-digit year, as [`Cell::to_text`] writes it; other years are left
/// to it.
fn iso_date(d: NaiveDate) -> Option<[u8; 10]> {
    let year = u32::try_from(d.year()).ok().filter(|y| *y <= 9999)?;
    let digit = |n: u32| b'0' + u8::try_from(n % 10).unwrap_or(0);
    let (month, day) = (d.month(), d.day());
    Some([
        digit(year / 1000),
        digit(year / 100),
        digit(year / 10),
        digit(year),
        b'-',
        digit(month / 10),
        digit(month),
        b'-',
        digit(day / 10),
        digit(day),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_dates_match_the_cell_text() {
        for (y, m, d) in [(2013, 2, 28), (1, 1, 1), (999, 12, 31), (9999, 12, 31), (2024, 7, 9)] {
            let date = NaiveDate::from_ymd_opt(y, m, d).unwrap();
            let text = Cell::Date(Some(date)).to_text();
            assert_eq!(iso_date(date).map(|b| String::from_utf8(b.to_vec()).unwrap()), Some(text));
        }
        // Five-digit and negative years are written by chrono's formatter instead.
        assert_eq!(iso_date(NaiveDate::from_ymd_opt(10000, 1, 1).unwrap()), None);
        assert_eq!(iso_date(NaiveDate::from_ymd_opt(-5, 1, 1).unwrap()), None);
    }
}
