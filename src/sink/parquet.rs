//! The Parquet sink: one typed Arrow builder per column, a record batch handed to the writer
//! every `BATCH_ROWS` rows, a row group closed every `ROW_GROUP_BYTES`, `ROW_GROUP_ROWS` or
//! `ROW_GROUP_MEMORY` (so its buffers do not grow with the corpus), integer columns
//! delta-encoded, Snappy compression, and the schema version in the file's key-value metadata.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use arrow_array::builder::{Date32Builder, Int64Builder, StringBuilder};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{DataType, SchemaRef};
use parquet::arrow::ArrowWriter;
use parquet::basic::{Compression, Encoding};
use parquet::file::metadata::KeyValue;
use parquet::file::properties::{WriterProperties, WriterPropertiesBuilder};
use parquet::schema::types::ColumnPath;

use super::{TableSink, start_writeback};
use crate::error::Error;
use crate::schema::{Cell, SCHEMA_VERSION, VERSION_KEY};

/// Rows per record batch handed to the Parquet writer: the builders hold this many rows of
/// text for each of the eight tables at once, so it is kept small (massif: 8 Ki rows held
/// 29 MB of paragraph and recital text in builders).
const BATCH_ROWS: usize = 1024;

/// Encoded bytes, and rows, after which a row group is written out: the writer buffers a whole
/// row group, which without these bounds would be the whole table. Rows bound it too because
/// repetitive text encodes to little while its per-row buffers (dictionary indices, levels)
/// still grow: in massif the live heap climbed from 6 to 33 MB over the 160 MB bench corpus
/// with 128 Ki rows, and with 16 Ki stays between 15 and 29 MB over the 640 MB one.
const ROW_GROUP_BYTES: usize = 8 * 1024 * 1024;
const ROW_GROUP_ROWS: usize = 16 * 1024;

/// Heap the writer may hold for one table's open row group (dictionaries, their hash tables,
/// pages not yet written) before the row group is closed. The bounds above count encoded bytes
/// and rows; `documents`, whose ids, paths and digests are all distinct, kept 16 Ki rows of
/// them in dictionaries. With this bound, peak RSS on one thread fell from 42/50/69 MB to
/// 36/46/62 MB on the 160/640/2560 MB bench corpora.
const ROW_GROUP_MEMORY: usize = 2 * 1024 * 1024;

/// Days from 0001-01-01 (chrono's day 1) to 1970-01-01, Arrow's day 0.
const UNIX_EPOCH_DAYS: i32 = 719_163;

enum Column {
    /// Text, and the bytes of text its last batch held.
    Str(StringBuilder, usize),
    Int(Int64Builder),
    Date(Date32Builder),
}

/// Writes one table as Parquet.
pub struct ParquetSink {
    path: PathBuf,
    schema: SchemaRef,
    columns: Vec<Column>,
    rows: usize,
    writer: ArrowWriter<File>,
}

impl ParquetSink {
    /// Creates the file.
    pub fn create(path: &Path, schema: SchemaRef) -> Result<ParquetSink, Error> {
        let file = File::create(path).map_err(|e| Error::io(path, &e))?;
        let mut props = WriterProperties::builder();
        for field in schema.fields().iter().filter(|f| f.data_type() == &DataType::Int64) {
            props = delta_encoded(props, ColumnPath::from(field.name().as_str()));
        }
        let props = props
            .set_compression(Compression::SNAPPY)
            .set_max_row_group_bytes(Some(ROW_GROUP_BYTES))
            .set_max_row_group_row_count(Some(ROW_GROUP_ROWS))
            .set_created_by(format!("councildata {}", env!("CARGO_PKG_VERSION")))
            .set_key_value_metadata(Some(vec![KeyValue::new(
                VERSION_KEY.to_string(),
                SCHEMA_VERSION.to_string(),
            )]))
            .build();
        let writer =
            ArrowWriter::try_new(file, schema.clone(), Some(props)).map_err(|e| Error::output(path, e))?;
        let columns = new_columns(&schema);
        Ok(ParquetSink { path: path.to_path_buf(), schema, columns, rows: 0, writer })
    }

    fn flush(&mut self) -> Result<(), Error> {
        if self.rows == 0 {
            return Ok(());
        }
        let arrays: Vec<ArrayRef> = self.columns.iter_mut().map(Column::finish).collect();
        let batch =
            RecordBatch::try_new(self.schema.clone(), arrays).map_err(|e| Error::output(&self.path, e))?;
        self.writer.write(&batch).map_err(|e| Error::output(&self.path, e))?;
        // The batch's buffers are freed before the next batch's are made: the allocator hands
        // the same memory back, where buffers made earlier took fresh pages to fault in.
        drop(batch);
        self.columns.iter_mut().for_each(Column::make_room);
        if self.writer.memory_size() >= ROW_GROUP_MEMORY {
            self.writer.flush().map_err(|e| Error::output(&self.path, e))?;
        }
        self.rows = 0;
        Ok(())
    }
}

/// An integer column written as differences (`DELTA_BINARY_PACKED`), not through a dictionary.
/// Line numbers and byte offsets rise within a document and are seldom repeated across a real
/// corpus, so a dictionary holds nearly every value, and its indices wait as 8-byte integers
/// until their page is written. On the 40 MB bench corpus with each copy's offsets shifted (a
/// few blank lines added at its top) the Parquet files fell from 2.13 to 0.98 MB and peak RSS
/// on one core from 32.7 to 26.6 MB; on the plain bench corpus, whose copies repeat every
/// offset, the files grew from 486 to 533 KB.
fn delta_encoded(props: WriterPropertiesBuilder, column: ColumnPath) -> WriterPropertiesBuilder {
    props
        .set_column_dictionary_enabled(column.clone(), false)
        .set_column_encoding(column, Encoding::DELTA_BINARY_PACKED)
}

fn new_columns(schema: &SchemaRef) -> Vec<Column> {
    schema
        .fields()
        .iter()
        .map(|f| match f.data_type() {
            DataType::Int64 => Column::Int(Int64Builder::with_capacity(BATCH_ROWS)),
            DataType::Date32 => Column::Date(Date32Builder::with_capacity(BATCH_ROWS)),
            _ => Column::Str(StringBuilder::new(), 0),
        })
        .collect()
}

impl Column {
    /// The batch's array; the builder is left empty.
    fn finish(&mut self) -> ArrayRef {
        match self {
            Column::Str(b, last_text) => {
                let array = b.finish();
                *last_text = array.value_data().len();
                Arc::new(array)
            }
            Column::Int(b) => Arc::new(b.finish()),
            Column::Date(b) => Arc::new(b.finish()),
        }
    }

    /// Room for the next batch, which finishing does not leave, so that the builder does not
    /// grow by doubling, each step a copy. The next batch holds about as much text as the last:
    /// room for that and a quarter more.
    fn make_room(&mut self) {
        match self {
            Column::Str(b, last_text) => {
                *b = StringBuilder::with_capacity(BATCH_ROWS, *last_text + *last_text / 4);
            }
            Column::Int(b) => *b = Int64Builder::with_capacity(BATCH_ROWS),
            Column::Date(b) => *b = Date32Builder::with_capacity(BATCH_ROWS),
        }
    }
}

impl TableSink for ParquetSink {
    fn append(&mut self, cells: &[Cell]) -> Result<(), Error> {
        if cells.len() != self.columns.len() {
            return Err(Error::output(
                &self.path,
                format!("{} cells for {} columns", cells.len(), self.columns.len()),
            ));
        }
        for (column, cell) in self.columns.iter_mut().zip(cells) {
            match (column, cell) {
                (Column::Str(b, _), Cell::Str(v)) => b.append_option(*v),
                (Column::Int(b), Cell::Int(v)) => b.append_option(*v),
                (Column::Date(b), Cell::Date(v)) => {
                    b.append_option(v.map(|d| chrono::Datelike::num_days_from_ce(&d) - UNIX_EPOCH_DAYS))
                }
                _ => return Err(Error::output(&self.path, "a cell of the wrong type")),
            }
        }
        self.rows += 1;
        if self.rows >= BATCH_ROWS {
            self.flush()?;
        }
        Ok(())
    }

    fn finish(mut self: Box<Self>) -> Result<(), Error> {
        self.flush()?;
        let file = self.writer.into_inner().map_err(|e| Error::output(&self.path, e))?;
        start_writeback(&file, 0);
        Ok(())
    }
}
