//! `councildata validate FILE...`: extracts each document in memory and reports its findings
//! (the grammar's, and every record's schema constraints) like a compiler,
//! `file:line:column: severity[code]: message` with the source line and a caret, or as JSON for
//! scripts. `validate --dataset DIR` checks a written dataset against the schema version it
//! declares, both its CSV and its Parquet files.

mod render;

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::cmd::extract::{Encoding, decode, extract_bytes, read_input};
use crate::dataset::{Package, read_csv, read_parquet};
use crate::error::Error;
use crate::grammar::Grammar;
use crate::grammar::document::{Notice, Severity};
use crate::grammar::text::LineIndex;
use crate::model::Extraction;
use crate::schema::{Cell, Rule, Schemas, Table, TableSchema, Value, extraction_rows, violations};

/// Findings of one code in one file reported in full; past this, one finding counts the rest.
const MAX_PER_CODE: usize = 100;
/// Characters of a value shown in a message.
const SHOWN_CHARS: usize = 60;

/// One finding, as `--format json` writes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub severity: &'static str,
    pub code: &'static str,
    pub message: String,
    /// The source line the finding points at, when there is one.
    #[serde(skip)]
    pub source_line: Option<String>,
    /// How many characters the caret underlines.
    #[serde(skip)]
    pub width: usize,
    /// The table a schema finding is about.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub table: Option<&'static str>,
    /// The 1-based data row of a dataset finding (its CSV line is `row + 1`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub row: Option<usize>,
    /// The column a schema finding is about.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
}

impl Finding {
    fn from_notice(file: &str, text: &str, n: &Notice) -> Finding {
        let source_line =
            text.lines().nth(n.line.saturating_sub(1)).map(|l| l.trim_end_matches('\r').to_string());
        let width = source_line
            .as_deref()
            .map(|l| {
                let start: usize = l.chars().take(n.column.saturating_sub(1)).map(char::len_utf8).sum();
                l.get(start..)
                    .unwrap_or_default()
                    .get(..n.len.min(l.len() - start))
                    .map_or(1, |s| s.chars().count())
            })
            .unwrap_or(1)
            .max(1);
        Finding {
            file: file.to_string(),
            line: n.line,
            column: n.column,
            severity: n.severity.as_str(),
            code: n.code,
            message: n.message.clone(),
            source_line,
            width,
            table: None,
            row: None,
            field: None,
        }
    }

    fn from_error(file: &str, e: &Error) -> Finding {
        let (line, column) = match e {
            Error::NotUtf8 { position, .. } | Error::Binary { position, .. } => {
                (position.line, position.column)
            }
            _ => (1, 1),
        };
        let code = match e {
            Error::NotUtf8 { .. } => "not-utf8",
            Error::Binary { .. } => "binary",
            Error::Empty { .. } => "empty",
            Error::TooLarge { .. } => "too-large",
            _ => "unreadable",
        };
        Finding {
            file: file.to_string(),
            line,
            column,
            severity: "error",
            code,
            message: e.to_string(),
            source_line: None,
            width: 1,
            table: None,
            row: None,
            field: None,
        }
    }

    /// Is this an error (not a warning)?
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error.as_str()
    }

    /// The finding drawn like a rustc diagnostic (see [`render`]); ANSI colours when `color`.
    pub fn render(&self, color: bool) -> String {
        render::render(self, color)
    }
}

/// Validates documents; returns every finding, in file order.
pub fn validate_files(files: &[PathBuf], max_doc_bytes: u64) -> Result<Vec<Finding>, Error> {
    let grammar = Grammar::embedded()?;
    let mut errors = Vec::new();
    let inputs = crate::cmd::extract::collect_inputs(files, &mut errors);
    let mut findings: Vec<Finding> = errors.iter().map(|e| Finding::from_error(&e.to_string(), e)).collect();
    for input in &inputs {
        let name = input.source_path.to_string();
        let display = input.path().unwrap_or_else(|| PathBuf::from("-"));
        let checked = read_input(input, max_doc_bytes).and_then(|bytes| {
            let doc = extract_bytes(&bytes, input, Encoding::Utf8, grammar)?;
            let text = decode(&bytes, &display)?;
            let mut list: Vec<Finding> =
                doc.notices.iter().map(|n| Finding::from_notice(&name, text, n)).collect();
            list.extend(schema_findings(&name, text, &doc.extraction)?);
            list.sort_by_key(|f| (f.line, f.column));
            Ok(list)
        });
        match checked {
            Ok(list) => findings.extend(list),
            Err(e) => findings.push(Finding::from_error(&name, &e)),
        }
    }
    Ok(findings)
}

/// Every extracted record checked against its table's schema: a broken constraint is an
/// error (`schema-constraint`) at the record's position in the source.
fn schema_findings(file: &str, text: &str, x: &Extraction) -> Result<Vec<Finding>, Error> {
    let schemas = Schemas::embedded()?;
    let idx = LineIndex::new(text);
    let mut out = Vec::new();
    for (table, cells) in extraction_rows(x) {
        let schema = schemas.table(table);
        let broken = violations(schema, &cells);
        if broken.is_empty() {
            continue;
        }
        let int = |name: &str| match schema.position(name).and_then(|i| cells.get(i)) {
            Some(Cell::Int(Some(v))) => usize::try_from(*v).ok(),
            _ => None,
        };
        let (line, column) = match (int("byte_start"), int("line")) {
            (Some(at), _) => idx.position(at),
            (None, Some(line)) => {
                let column = idx
                    .lines
                    .get(line.saturating_sub(1))
                    .map_or(1, |l| l.text.chars().take_while(|c| c.is_whitespace()).count() + 1);
                (line, column)
            }
            (None, None) => (1, 1),
        };
        let len = match (int("byte_start"), int("byte_end")) {
            (Some(s), Some(e)) => e.saturating_sub(s),
            _ => 0,
        };
        let key = describe_key(schema, &cells);
        for v in broken {
            let notice = Notice {
                line,
                column,
                len,
                severity: Severity::Error,
                code: "schema-constraint",
                message: format!("{} {key}: `{}`: {}", table.name(), v.column, v.message),
            };
            let mut finding = Finding::from_notice(file, text, &notice);
            finding.table = Some(table.name());
            finding.field = Some(v.column);
            out.push(finding);
        }
    }
    Ok(out)
}

/// A row's key without its document: `(number 3, sub h)`.
fn describe_key(schema: &TableSchema, cells: &[Cell]) -> String {
    let parts: Vec<String> = schema
        .key()
        .iter()
        .filter(|k| *k != "doc_id")
        .filter_map(|k| {
            let cell = schema.position(k).and_then(|i| cells.get(i))?;
            let text = cell.to_text();
            Some(format!("{k} {}", if text.is_empty() { "null" } else { text.as_str() }))
        })
        .collect();
    if parts.is_empty() { String::new() } else { format!("({})", parts.join(", ")) }
}

/// Checks a dataset against the schema version it declares: each table's CSV and Parquet
/// file for columns, types, required values, enums, patterns, minimums, unique keys and
/// foreign keys to `documents`, the two formats against each other cell for cell, and the
/// version in the Parquet metadata. A dataset without a package, or of a version this build
/// does not know, is an error (not a finding).
pub fn validate_dataset(dir: &Path) -> Result<Vec<Finding>, Error> {
    let package = Package::open(dir)?;
    let schemas = Schemas::of_version(&package.version)?;
    let mut report = Report::default();
    let mut tables: Vec<(Table, Option<Rows>, Option<Rows>)> = Vec::new();
    for table in Table::ALL {
        let csv = csv_rows(&package, schemas, table, &mut report);
        let parquet = parquet_rows(&package, schemas, table, &mut report);
        if let (Some(c), Some(p)) = (&csv, &parquet) {
            compare_formats(schemas.table(table), table, c, p, &mut report);
        }
        tables.push((table, csv, parquet));
    }
    let doc_ids = |parquet: bool| -> Option<HashSet<Value>> {
        let (_, csv, pq) = tables.iter().find(|(t, _, _)| *t == Table::Documents)?;
        let rows = if parquet { pq.as_ref()? } else { csv.as_ref()? };
        Some(rows.values.iter().filter_map(|r| r.first().cloned().flatten()).collect())
    };
    let (csv_ids, parquet_ids) = (doc_ids(false), doc_ids(true));
    for (table, csv, parquet) in &tables {
        let schema = schemas.table(*table);
        if let Some(rows) = csv {
            check_rows(schema, *table, rows, csv_ids.as_ref(), &mut report);
        }
        if let Some(rows) = parquet {
            check_rows(schema, *table, rows, parquet_ids.as_ref(), &mut report);
        }
    }
    Ok(report.finish())
}

/// Rows of one file read back: the file's name, each row's line (its CSV line; for Parquet,
/// `row + 1`, the same line as in the CSV), and its values in schema order (`None` where the
/// value could not be read as the column's type, already reported).
struct Rows {
    file: String,
    lines: Vec<usize>,
    values: Vec<Vec<Option<Value>>>,
}

/// Findings collected while checking a dataset, at most `MAX_PER_CODE` per file and code.
#[derive(Default)]
struct Report {
    findings: Vec<Finding>,
    counts: HashMap<(String, &'static str), usize>,
}

impl Report {
    #[allow(clippy::too_many_arguments)]
    fn push(
        &mut self,
        file: &str,
        table: Table,
        row: Option<usize>,
        line: usize,
        column: usize,
        field: Option<&str>,
        code: &'static str,
        message: String,
    ) {
        let n = self.counts.entry((file.to_string(), code)).or_insert(0);
        *n += 1;
        if *n > MAX_PER_CODE {
            return;
        }
        self.findings.push(Finding {
            file: file.to_string(),
            line,
            column,
            severity: Severity::Error.as_str(),
            code,
            message,
            source_line: None,
            width: 1,
            table: Some(table.name()),
            row,
            field: field.map(String::from),
        });
    }

    fn finish(mut self) -> Vec<Finding> {
        let mut more: Vec<(&(String, &'static str), &usize)> =
            self.counts.iter().filter(|(_, n)| **n > MAX_PER_CODE).collect();
        more.sort();
        for ((file, code), n) in more {
            self.findings.push(Finding {
                file: file.clone(),
                line: 1,
                column: 1,
                severity: Severity::Error.as_str(),
                code,
                message: format!("{} more findings like these not shown", n - MAX_PER_CODE),
                source_line: None,
                width: 1,
                table: None,
                row: None,
                field: None,
            });
        }
        self.findings.sort_by(|a, b| (&a.file, a.line).cmp(&(&b.file, b.line)));
        self.findings
    }
}

fn display(path: &Path) -> String {
    path.display().to_string()
}

/// Findings for columns that are not the schema's, in name or order; true when they agree.
fn check_columns(
    file: &str,
    table: Table,
    schema: &TableSchema,
    found: &[&str],
    report: &mut Report,
) -> bool {
    let want: Vec<&str> = schema.fields.iter().map(|f| f.name.as_str()).collect();
    if found == want.as_slice() {
        return true;
    }
    let v = schema_label(schema);
    for (i, name) in want.iter().enumerate() {
        if !found.contains(name) {
            let message = format!("column `{name}` of {v} is missing");
            report.push(file, table, None, 1, i + 1, Some(name), "column-mismatch", message);
        }
    }
    for (i, name) in found.iter().enumerate() {
        if !want.contains(name) {
            let message = format!("column `{name}` is not in {v}");
            report.push(file, table, None, 1, i + 1, Some(name), "column-mismatch", message);
        }
    }
    if found.len() == want.len() && found.iter().all(|n| want.contains(n)) {
        let at = found.iter().zip(&want).position(|(a, b)| a != b).unwrap_or(0);
        let message = format!(
            "columns out of order: column {} is `{}`, {v} has `{}` there",
            at + 1,
            found.get(at).copied().unwrap_or_default(),
            want.get(at).copied().unwrap_or_default()
        );
        report.push(file, table, None, 1, at + 1, found.get(at).copied(), "column-mismatch", message);
    }
    false
}

fn schema_label(schema: &TableSchema) -> String {
    format!("the `{}` schema", schema.name)
}

/// A file that cannot be read: missing or unreadable, at its first line.
fn unreadable(path: &Path, table: Table, e: &Error, report: &mut Report) {
    let code = if path.exists() { "unreadable" } else { "missing-file" };
    report.push(&display(path), table, None, 1, 1, None, code, e.to_string());
}

/// A table's CSV file: header, then each field parsed as its column's type.
fn csv_rows(package: &Package, schemas: &Schemas, table: Table, report: &mut Report) -> Option<Rows> {
    let path = package.csv_path(table);
    let file = display(&path);
    let csv = match read_csv(&path) {
        Ok(csv) => csv,
        Err(e) => {
            unreadable(&path, table, &e, report);
            return None;
        }
    };
    let schema = schemas.table(table);
    let header: Vec<&str> = csv.header.iter().map(String::as_str).collect();
    if !check_columns(&file, table, schema, &header, report) {
        return None;
    }
    let mut rows = Rows { file: file.clone(), lines: Vec::new(), values: Vec::new() };
    for (i, (line, record)) in csv.records.iter().enumerate() {
        let row = i + 1;
        if record.len() != schema.fields.len() {
            let message = format!(
                "{} row {row}: {} fields for {} columns",
                table.name(),
                record.len(),
                schema.fields.len()
            );
            report.push(&file, table, Some(row), *line, 1, None, "row-width", message);
        }
        let values = schema
            .fields
            .iter()
            .enumerate()
            .map(|(c, field)| {
                let text = record.get(c).map_or("", String::as_str);
                match Value::parse(text, field.kind) {
                    Ok(v) => Some(v),
                    Err(m) => {
                        let message = format!("{} row {row}, column `{}`: {m}", table.name(), field.name);
                        report.push(
                            &file,
                            table,
                            Some(row),
                            *line,
                            c + 1,
                            Some(&field.name),
                            "type-mismatch",
                            message,
                        );
                        None
                    }
                }
            })
            .collect();
        rows.lines.push(*line);
        rows.values.push(values);
    }
    Some(rows)
}

/// A table's Parquet file: columns, their Arrow types, and the schema version in its metadata.
fn parquet_rows(package: &Package, schemas: &Schemas, table: Table, report: &mut Report) -> Option<Rows> {
    let path = package.parquet_path(table);
    let file = display(&path);
    let parquet = match read_parquet(&path) {
        Ok(p) => p,
        Err(e) => {
            unreadable(&path, table, &e, report);
            return None;
        }
    };
    if parquet.version.as_deref() != Some(package.version.as_str()) {
        let message = format!(
            "the Parquet metadata `{}` is {}, the package declares v{}",
            crate::schema::VERSION_KEY,
            parquet.version.as_deref().map_or_else(|| "missing".to_string(), |v| format!("v{v}")),
            package.version
        );
        report.push(&file, table, None, 1, 1, None, "schema-version", message);
    }
    let schema = schemas.table(table);
    let names: Vec<&str> = parquet.columns.iter().map(|(n, _)| n.as_str()).collect();
    if !check_columns(&file, table, schema, &names, report) {
        return None;
    }
    let arrow = schemas.arrow(table);
    let mut bad_columns = Vec::new();
    for (c, ((name, found), want)) in parquet.columns.iter().zip(arrow.fields().iter()).enumerate() {
        if found != want.data_type() {
            let message =
                format!("column `{name}` is {found}, {} has {}", schema_label(schema), want.data_type());
            report.push(&file, table, None, 1, c + 1, Some(name), "type-mismatch", message);
            bad_columns.push(c);
        }
    }
    let mut values = parquet.rows;
    for row in &mut values {
        for &c in &bad_columns {
            if let Some(v) = row.get_mut(c) {
                *v = None;
            }
        }
    }
    let lines = (1..=values.len()).map(|r| r + 1).collect();
    Some(Rows { file, lines, values })
}

/// Required values, enums, patterns and minimums of every row; unique keys (nulls compared as
/// values); foreign keys to `documents`.
fn check_rows(
    schema: &TableSchema,
    table: Table,
    rows: &Rows,
    doc_ids: Option<&HashSet<Value>>,
    report: &mut Report,
) {
    let key: Vec<usize> = schema.key().iter().filter_map(|k| schema.position(k)).collect();
    let mut seen: HashMap<Vec<Value>, usize> = HashMap::new();
    let fks: Vec<usize> = schema
        .foreign_keys
        .iter()
        .filter(|fk| fk.reference.resource == Table::Documents.name() && fk.fields.len() == 1)
        .filter_map(|fk| fk.fields.first().and_then(|f| schema.position(f)))
        .collect();
    for (i, (values, &line)) in rows.values.iter().zip(&rows.lines).enumerate() {
        let row = i + 1;
        let cells: Vec<Cell> = values
            .iter()
            .zip(&schema.fields)
            .map(|(v, f)| v.as_ref().unwrap_or(&Value::Null).cell(f.kind))
            .collect();
        for v in violations(schema, &cells) {
            let c = schema.position(&v.column);
            if c.is_some_and(|c| values.get(c).is_some_and(Option::is_none)) {
                continue;
            }
            let code = match v.rule {
                Rule::Width => "row-width",
                Rule::Type => "type-mismatch",
                Rule::Required => "required-missing",
                Rule::Enum => "enum-value",
                Rule::Pattern => "pattern-mismatch",
                Rule::Minimum => "below-minimum",
            };
            let message = format!("{} row {row}, column `{}`: {}", table.name(), v.column, v.message);
            report.push(
                &rows.file,
                table,
                Some(row),
                line,
                c.map_or(1, |c| c + 1),
                Some(&v.column),
                code,
                message,
            );
        }
        if !key.is_empty() {
            let k: Vec<Value> =
                key.iter().map(|&c| values.get(c).cloned().flatten().unwrap_or(Value::Null)).collect();
            if let Some(first) = seen.get(&k) {
                let shown: Vec<String> =
                    k.iter().map(|v| if v.is_null() { "null".into() } else { v.to_text() }).collect();
                let message = format!(
                    "{} row {row}: key ({}) = ({}) already in row {first}",
                    table.name(),
                    schema.key().join(", "),
                    shown.join(", ")
                );
                let field = schema.key().last().map(String::as_str);
                let column = key.last().map_or(1, |c| c + 1);
                report.push(&rows.file, table, Some(row), line, column, field, "duplicate-key", message);
            } else {
                seen.insert(k, row);
            }
        }
        if let Some(ids) = doc_ids {
            for &c in &fks {
                if let Some(Some(v)) = values.get(c)
                    && !v.is_null()
                    && !ids.contains(v)
                {
                    let name = schema.fields.get(c).map_or("", |f| f.name.as_str());
                    let message = format!(
                        "{} row {row}, column `{name}`: `{}` is not a documents.doc_id",
                        table.name(),
                        v.to_text()
                    );
                    report.push(
                        &rows.file,
                        table,
                        Some(row),
                        line,
                        c + 1,
                        Some(name),
                        "foreign-key",
                        message,
                    );
                }
            }
        }
    }
}

/// The CSV and Parquet files of a table hold the same rows, cell for cell (an empty string in
/// Parquet is null, as in CSV).
fn compare_formats(schema: &TableSchema, table: Table, csv: &Rows, parquet: &Rows, report: &mut Report) {
    if csv.values.len() != parquet.values.len() {
        let message = format!(
            "{} rows in {}, {} in {}",
            csv.values.len(),
            csv.file,
            parquet.values.len(),
            parquet.file
        );
        report.push(&parquet.file, table, None, 1, 1, None, "csv-parquet-mismatch", message);
    }
    for (i, ((a, b), &line)) in csv.values.iter().zip(&parquet.values).zip(&csv.lines).enumerate() {
        let differ: Vec<(usize, &Value, &Value)> = a
            .iter()
            .zip(b)
            .enumerate()
            .filter_map(|(c, (x, y))| Some((c, x.as_ref()?, y.as_ref()?)))
            .map(|(c, x, y)| (c, x, if *y == Value::Str(String::new()) { &Value::Null } else { y }))
            .filter(|(_, x, y)| x != y)
            .collect();
        let Some(&(first, x, y)) = differ.first() else { continue };
        let names: Vec<&str> =
            differ.iter().filter_map(|(c, _, _)| schema.fields.get(*c).map(|f| f.name.as_str())).collect();
        let name = names.first().copied().unwrap_or_default();
        let message = format!(
            "{} row {}: CSV and Parquet differ in `{}`: `{name}` is {} in the CSV, {} in the Parquet file",
            table.name(),
            i + 1,
            names.join("`, `"),
            shown(x),
            shown(y)
        );
        report.push(
            &csv.file,
            table,
            Some(i + 1),
            line,
            first + 1,
            Some(name),
            "csv-parquet-mismatch",
            message,
        );
    }
}

/// A value in a message: quoted, cut after `SHOWN_CHARS` characters; `null` for no value.
fn shown(v: &Value) -> String {
    if v.is_null() {
        return "null".into();
    }
    let text = v.to_text();
    match text.char_indices().nth(SHOWN_CHARS) {
        Some((at, _)) => format!("`{}…`", &text[..at]),
        None => format!("`{text}`"),
    }
}
