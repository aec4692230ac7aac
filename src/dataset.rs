//! A dataset directory read back: `datapackage.json` with its schema version, and each table's
//! CSV and Parquet files as rows of values, for `validate --dataset` and `diff`.

use std::collections::HashMap;
use std::fs::File;
use std::path::{Path, PathBuf};

use arrow_array::Array;
use arrow_array::cast::AsArray;
use arrow_array::types::{Date32Type, Date64Type, Int8Type, Int16Type, Int32Type, Int64Type};
use arrow_schema::DataType;
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use serde_json::Value as Json;

use crate::error::Error;
use crate::schema::{Schemas, Table, VERSION_KEY, Value};

/// The data package's key for the schema version (the Parquet files use [`VERSION_KEY`]).
pub const PACKAGE_VERSION_KEY: &str = "councildata:schema_version";

/// Is `dir` a dataset (a directory with a `datapackage.json`)?
pub fn is_dataset(dir: &Path) -> bool {
    dir.join("datapackage.json").is_file()
}

/// A dataset's `datapackage.json`: the schema version it declares and where its tables are.
#[derive(Debug, Clone)]
pub struct Package {
    pub dir: PathBuf,
    /// `councildata:schema_version`, as declared.
    pub version: String,
    /// The CSV path of each resource, by table name, as the package gives it.
    resources: HashMap<String, String>,
}

impl Package {
    /// Reads `dir/datapackage.json`.
    pub fn open(dir: &Path) -> Result<Package, Error> {
        let path = dir.join("datapackage.json");
        let text = std::fs::read_to_string(&path).map_err(|e| Error::io(&path, &e))?;
        let json: Json = serde_json::from_str(&text)
            .map_err(|e| Error::output(&path, format!("not a data package: {e}")))?;
        let version = match json.get(PACKAGE_VERSION_KEY) {
            Some(Json::String(v)) => v.clone(),
            Some(Json::Number(n)) => n.to_string(),
            _ => {
                return Err(Error::output(&path, format!("declares no `{PACKAGE_VERSION_KEY}`")));
            }
        };
        let resources = json
            .get("resources")
            .and_then(Json::as_array)
            .into_iter()
            .flatten()
            .filter_map(|r| {
                Some((r.get("name")?.as_str()?.to_string(), r.get("path")?.as_str()?.to_string()))
            })
            .collect();
        Ok(Package { dir: dir.to_path_buf(), version, resources })
    }

    /// A table's CSV file: the resource's path, or `<table>.csv`.
    pub fn csv_path(&self, table: Table) -> PathBuf {
        let name =
            self.resources.get(table.name()).cloned().unwrap_or_else(|| format!("{}.csv", table.name()));
        self.dir.join(name)
    }

    /// A table's Parquet file.
    pub fn parquet_path(&self, table: Table) -> PathBuf {
        self.dir.join(format!("{}.parquet", table.name()))
    }
}

/// A CSV file as written: the header and every record as text, with the line it starts on.
#[derive(Debug, Clone)]
pub struct CsvTable {
    pub header: Vec<String>,
    pub records: Vec<(usize, Vec<String>)>,
}

/// Reads a CSV file (records of any width; the checks say which are wrong).
pub fn read_csv(path: &Path) -> Result<CsvTable, Error> {
    let mut reader =
        csv::ReaderBuilder::new().flexible(true).from_path(path).map_err(|e| Error::output(path, e))?;
    let header = reader.headers().map_err(|e| Error::output(path, e))?.iter().map(String::from).collect();
    let mut records = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| Error::output(path, e))?;
        let line = record.position().map_or(0, |p| usize::try_from(p.line()).unwrap_or(usize::MAX));
        records.push((line, record.iter().map(String::from).collect()));
    }
    Ok(CsvTable { header, records })
}

/// A Parquet file as written: its columns with their Arrow types, the schema version in its
/// key-value metadata, and its rows. A value of a type no schema uses is read as `None`.
#[derive(Debug, Clone)]
pub struct ParquetTable {
    pub columns: Vec<(String, DataType)>,
    pub version: Option<String>,
    pub rows: Vec<Vec<Option<Value>>>,
}

/// Reads a Parquet file.
pub fn read_parquet(path: &Path) -> Result<ParquetTable, Error> {
    let file = File::open(path).map_err(|e| Error::io(path, &e))?;
    let builder = ParquetRecordBatchReaderBuilder::try_new(file).map_err(|e| Error::output(path, e))?;
    let version = builder
        .metadata()
        .file_metadata()
        .key_value_metadata()
        .and_then(|kv| kv.iter().find(|k| k.key == VERSION_KEY).and_then(|k| k.value.clone()));
    let columns =
        builder.schema().fields().iter().map(|f| (f.name().clone(), f.data_type().clone())).collect();
    let mut rows = Vec::new();
    for batch in builder.build().map_err(|e| Error::output(path, e))? {
        let batch = batch.map_err(|e| Error::output(path, e))?;
        let start = rows.len();
        rows.resize_with(start + batch.num_rows(), Vec::new);
        for column in batch.columns() {
            for (i, row) in rows.iter_mut().skip(start).enumerate() {
                row.push(arrow_value(column.as_ref(), i));
            }
        }
    }
    Ok(ParquetTable { columns, version, rows })
}

/// One value of an Arrow array: strings, integers and dates; `None` for any other type.
fn arrow_value(array: &dyn Array, i: usize) -> Option<Value> {
    if array.is_null(i) {
        return Some(Value::Null);
    }
    let int = |v: i64| Some(Value::Int(v));
    match array.data_type() {
        DataType::Utf8 => array.as_string_opt::<i32>().map(|a| Value::Str(a.value(i).to_string())),
        DataType::LargeUtf8 => array.as_string_opt::<i64>().map(|a| Value::Str(a.value(i).to_string())),
        DataType::Int64 => array.as_primitive_opt::<Int64Type>().and_then(|a| int(a.value(i))),
        DataType::Int32 => array.as_primitive_opt::<Int32Type>().and_then(|a| int(a.value(i).into())),
        DataType::Int16 => array.as_primitive_opt::<Int16Type>().and_then(|a| int(a.value(i).into())),
        DataType::Int8 => array.as_primitive_opt::<Int8Type>().and_then(|a| int(a.value(i).into())),
        DataType::Date32 => {
            array.as_primitive_opt::<Date32Type>().and_then(|a| a.value_as_date(i)).map(Value::Date)
        }
        DataType::Date64 => {
            array.as_primitive_opt::<Date64Type>().and_then(|a| a.value_as_date(i)).map(Value::Date)
        }
        _ => None,
    }
}

/// A table's rows as typed values in its schema's column order, read from the CSV file the
/// package names; refused when its header or a value does not fit the schema.
pub fn load_table(package: &Package, schemas: &Schemas, table: Table) -> Result<Vec<Vec<Value>>, Error> {
    let path = package.csv_path(table);
    let csv = read_csv(&path)?;
    let schema = schemas.table(table);
    let names: Vec<&str> = schema.fields.iter().map(|f| f.name.as_str()).collect();
    if csv.header != names {
        return Err(Error::output(
            &path,
            format!(
                "the columns are not those of schema v{}; check it with `councildata validate --dataset`",
                schemas.version()
            ),
        ));
    }
    csv.records
        .iter()
        .map(|(line, record)| {
            if record.len() != names.len() {
                return Err(Error::output(
                    &path,
                    format!("line {line}: {} fields for {} columns", record.len(), names.len()),
                ));
            }
            record
                .iter()
                .zip(&schema.fields)
                .map(|(text, field)| {
                    Value::parse(text, field.kind)
                        .map_err(|m| Error::output(&path, format!("line {line}, column {}: {m}", field.name)))
                })
                .collect()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_package_must_declare_its_version() {
        let dir = tempfile::tempdir().unwrap();
        let write = |json: &str| std::fs::write(dir.path().join("datapackage.json"), json).unwrap();
        write(r#"{"resources": []}"#);
        let e = Package::open(dir.path()).unwrap_err().to_string();
        assert!(e.contains("declares no `councildata:schema_version`"), "{e}");
        write(
            r#"{"councildata:schema_version": "1", "resources": [{"name": "documents", "path": "docs.csv"}]}"#,
        );
        let p = Package::open(dir.path()).unwrap();
        assert_eq!(p.version, "1");
        assert_eq!(p.csv_path(Table::Documents), dir.path().join("docs.csv"));
        assert_eq!(p.csv_path(Table::Footnotes), dir.path().join("footnotes.csv"));
        assert_eq!(p.parquet_path(Table::Footnotes), dir.path().join("footnotes.parquet"));
    }
}
