//! `councildata merge DIR --out OUT`: joins the part files of a sharded run
//! (`DIR/<table>/part-K-of-N.parquet`) into the single-file layout with its data package.
//! Shards are contiguous ranges of the order every run writes in, so concatenating parts
//! 1..N gives the same bytes as an unsharded run.

use std::fs::File;
use std::path::{Path, PathBuf};

use arrow_array::cast::AsArray;
use arrow_array::types::{Date32Type, Int64Type};
use arrow_array::{Array, RecordBatch};
use arrow_schema::DataType;
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;

use crate::cmd::extract::write_atomically;
use crate::error::Error;
use crate::schema::{Cell, Table};
use crate::sink::{DatasetWriter, Layout};

/// Merges the parts under `dir` into `out`; returns the number of parts per table.
pub fn run(dir: &Path, out: &Path) -> Result<u64, Error> {
    let count = part_count(dir)?;
    write_atomically(out, Layout::Single, |mut writer| {
        for table in Table::ALL {
            for index in 1..=count {
                let path = Layout::Part { index, count }.path(dir, table, "parquet");
                append_parquet(&mut writer, table, &path)?;
            }
        }
        writer.finish()
    })?;
    Ok(count)
}

/// N, from the part files of `documents`; every part 1..N of every table must be there.
fn part_count(dir: &Path) -> Result<u64, Error> {
    let docs = dir.join(Table::Documents.name());
    let entries = std::fs::read_dir(&docs).map_err(|e| Error::io(&docs, &e))?;
    let mut counts: Vec<u64> = entries
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let rest = name.strip_prefix("part-")?.strip_suffix(".parquet")?;
            rest.split_once("-of-")?.1.parse().ok()
        })
        .collect();
    counts.sort_unstable();
    counts.dedup();
    let count = match counts.as_slice() {
        [n] => *n,
        [] => return Err(Error::output(&docs, "no part files (part-K-of-N.parquet)")),
        _ => return Err(Error::output(&docs, format!("parts of different runs: of-{counts:?}"))),
    };
    let missing: Vec<PathBuf> = Table::ALL
        .iter()
        .flat_map(|t| (1..=count).map(move |k| Layout::Part { index: k, count }.path(dir, *t, "parquet")))
        .filter(|p| !p.exists())
        .collect();
    if let Some(first) = missing.first() {
        return Err(Error::output(first, format!("missing ({} part files missing in all)", missing.len())));
    }
    Ok(count)
}

fn append_parquet(writer: &mut DatasetWriter, table: Table, path: &Path) -> Result<(), Error> {
    let file = File::open(path).map_err(|e| Error::io(path, &e))?;
    let reader = ParquetRecordBatchReaderBuilder::try_new(file)
        .and_then(|b| b.build())
        .map_err(|e| Error::output(path, e))?;
    for batch in reader {
        let batch = batch.map_err(|e| Error::output(path, e))?;
        for row in 0..batch.num_rows() {
            let cells = row_cells(&batch, row).map_err(|m| Error::output(path, m))?;
            writer.append_cells(table, &cells)?;
        }
    }
    Ok(())
}

/// One row of a batch as cells.
pub fn row_cells(batch: &RecordBatch, row: usize) -> Result<Vec<Cell<'_>>, String> {
    batch
        .columns()
        .iter()
        .map(|col| {
            let null = col.is_null(row);
            Ok(match col.data_type() {
                DataType::Utf8 => Cell::Str((!null).then(|| col.as_string::<i32>().value(row))),
                DataType::Int64 => Cell::Int((!null).then(|| col.as_primitive::<Int64Type>().value(row))),
                DataType::Date32 => {
                    Cell::Date(if null { None } else { col.as_primitive::<Date32Type>().value_as_date(row) })
                }
                other => return Err(format!("unexpected column type {other}")),
            })
        })
        .collect()
}
