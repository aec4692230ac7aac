//! The table schemas: `schemas/v1/*.schema.json` (Frictionless Table Schemas), embedded and
//! parsed once. They are the one source of column names and types: the CSV header, the Arrow
//! schema written into Parquet and each record's cells all follow them.

use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

use arrow_schema::{DataType, Field as ArrowField, Schema as ArrowSchema, SchemaRef};
use chrono::NaiveDate;
use regex::Regex;
use serde::{Deserialize, Serialize, Serializer};

use crate::error::Error;
use crate::model::{
    DatedEvent, Document, Extraction, Footnote, NoteHeader, OperativeClause, Paragraph, Recital, Reference,
};

/// The schema version this build writes.
pub const SCHEMA_VERSION: &str = "1";

/// Every schema version this build can read and check, oldest first.
pub const KNOWN_VERSIONS: &[&str] = &[SCHEMA_VERSION];

/// The key under which Parquet files and the data package record the schema version.
pub const VERSION_KEY: &str = "councildata.schema_version";

/// The eight tables, in the order they are written and listed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Table {
    Documents,
    NoteHeaders,
    Paragraphs,
    OperativeClauses,
    Recitals,
    Footnotes,
    References,
    DatedEvents,
}

impl Table {
    /// Every table.
    pub const ALL: [Table; 8] = [
        Table::Documents,
        Table::NoteHeaders,
        Table::Paragraphs,
        Table::OperativeClauses,
        Table::Recitals,
        Table::Footnotes,
        Table::References,
        Table::DatedEvents,
    ];

    /// The table's name, as in file names and the data package.
    pub fn name(self) -> &'static str {
        match self {
            Table::Documents => "documents",
            Table::NoteHeaders => "note_headers",
            Table::Paragraphs => "paragraphs",
            Table::OperativeClauses => "operative_clauses",
            Table::Recitals => "recitals",
            Table::Footnotes => "footnotes",
            Table::References => "references",
            Table::DatedEvents => "dated_events",
        }
    }

    /// The table of a name.
    pub fn from_name(name: &str) -> Option<Table> {
        Table::ALL.into_iter().find(|t| t.name() == name)
    }

    fn schema_json(self) -> &'static str {
        match self {
            Table::Documents => include_str!("../schemas/v1/documents.schema.json"),
            Table::NoteHeaders => include_str!("../schemas/v1/note_headers.schema.json"),
            Table::Paragraphs => include_str!("../schemas/v1/paragraphs.schema.json"),
            Table::OperativeClauses => include_str!("../schemas/v1/operative_clauses.schema.json"),
            Table::Recitals => include_str!("../schemas/v1/recitals.schema.json"),
            Table::Footnotes => include_str!("../schemas/v1/footnotes.schema.json"),
            Table::References => include_str!("../schemas/v1/references.schema.json"),
            Table::DatedEvents => include_str!("../schemas/v1/dated_events.schema.json"),
        }
    }
}

/// A column's type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FieldType {
    String,
    Integer,
    Date,
}

/// A column's constraints.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Constraints {
    #[serde(default)]
    pub required: bool,
    #[serde(default, rename = "enum")]
    pub values: Option<Vec<String>>,
    #[serde(default)]
    pub pattern: Option<String>,
    #[serde(default)]
    pub minimum: Option<i64>,
    /// `pattern`, compiled and anchored at both ends (Frictionless patterns match whole values).
    #[serde(skip)]
    pub regex: Option<Regex>,
}

/// A column.
#[derive(Debug, Clone, Deserialize)]
pub struct Field {
    pub name: String,
    #[serde(rename = "type")]
    pub kind: FieldType,
    #[serde(default)]
    pub constraints: Constraints,
}

/// A foreign key: `fields` refer to `reference.fields` of `reference.resource`.
#[derive(Debug, Clone, Deserialize)]
pub struct ForeignKey {
    pub fields: Vec<String>,
    pub reference: KeyReference,
}

/// The target of a foreign key.
#[derive(Debug, Clone, Deserialize)]
pub struct KeyReference {
    pub resource: String,
    pub fields: Vec<String>,
}

/// One table's schema as the file declares it.
#[derive(Debug, Clone, Deserialize)]
pub struct TableSchema {
    pub name: String,
    pub fields: Vec<Field>,
    #[serde(default, rename = "primaryKey")]
    pub primary_key: Vec<String>,
    /// The table's key when part of it may be null (declared as a unique key).
    #[serde(default, rename = "councildata:key")]
    pub nullable_key: Vec<String>,
    #[serde(default, rename = "foreignKeys")]
    pub foreign_keys: Vec<ForeignKey>,
}

impl TableSchema {
    /// The columns that identify a row.
    pub fn key(&self) -> &[String] {
        if self.primary_key.is_empty() { &self.nullable_key } else { &self.primary_key }
    }

    /// The position of a column.
    pub fn position(&self, name: &str) -> Option<usize> {
        self.fields.iter().position(|f| f.name == name)
    }
}

/// The schemas of every table, with their Arrow forms.
pub struct Schemas {
    tables: HashMap<Table, (TableSchema, SchemaRef, &'static str)>,
}

impl Schemas {
    /// The embedded schemas of this build's version, parsed once.
    pub fn embedded() -> Result<&'static Schemas, Error> {
        static CELL: OnceLock<Result<Schemas, Error>> = OnceLock::new();
        CELL.get_or_init(Schemas::parse).as_ref().map_err(Clone::clone)
    }

    fn parse() -> Result<Schemas, Error> {
        let mut tables = HashMap::new();
        for table in Table::ALL {
            let file = format!("v{SCHEMA_VERSION}/{}.schema.json", table.name());
            let json = table.schema_json();
            let mut schema: TableSchema = serde_json::from_str(json)
                .map_err(|e| Error::Schema { file: file.clone(), message: e.to_string() })?;
            if schema.name != table.name() {
                return Err(Error::Schema { file, message: format!("names table {}", schema.name) });
            }
            for field in &mut schema.fields {
                if let Some(pattern) = &field.constraints.pattern {
                    let regex = Regex::new(&format!("^(?:{pattern})$")).map_err(|e| Error::Schema {
                        file: file.clone(),
                        message: format!("{}: {e}", field.name),
                    })?;
                    field.constraints.regex = Some(regex);
                }
            }
            let arrow = arrow_schema(&schema);
            tables.insert(table, (schema, arrow, json));
        }
        Ok(Schemas { tables })
    }

    /// The embedded schemas of a version, or an error naming the versions this build knows.
    pub fn of_version(version: &str) -> Result<&'static Schemas, Error> {
        if version == SCHEMA_VERSION {
            Schemas::embedded()
        } else {
            Err(Error::UnknownSchemaVersion {
                version: version.to_string(),
                known: KNOWN_VERSIONS.iter().map(|v| format!("v{v}")).collect::<Vec<_>>().join(", "),
            })
        }
    }

    /// The version these schemas describe.
    pub fn version(&self) -> &'static str {
        SCHEMA_VERSION
    }

    /// A table's schema.
    pub fn table(&self, table: Table) -> &TableSchema {
        &self.entry(table).0
    }

    /// A table's Arrow schema, with the schema version in its metadata.
    pub fn arrow(&self, table: Table) -> SchemaRef {
        self.entry(table).1.clone()
    }

    /// A table's schema file, verbatim.
    pub fn json(&self, table: Table) -> &'static str {
        self.entry(table).2
    }

    fn entry(&self, table: Table) -> &(TableSchema, SchemaRef, &'static str) {
        // Every table is inserted by `parse`, or `embedded` returned an error.
        &self.tables[&table]
    }
}

/// The Arrow schema of a table: strings as Utf8, integers as Int64, dates as Date32.
fn arrow_schema(schema: &TableSchema) -> SchemaRef {
    let fields: Vec<ArrowField> = schema
        .fields
        .iter()
        .map(|f| {
            let data_type = match f.kind {
                FieldType::String => DataType::Utf8,
                FieldType::Integer => DataType::Int64,
                FieldType::Date => DataType::Date32,
            };
            ArrowField::new(&f.name, data_type, !f.constraints.required)
        })
        .collect();
    let metadata = HashMap::from([(VERSION_KEY.to_string(), SCHEMA_VERSION.to_string())]);
    Arc::new(ArrowSchema::new_with_metadata(fields, metadata))
}

/// One value of a row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell<'a> {
    Str(Option<&'a str>),
    Int(Option<i64>),
    Date(Option<NaiveDate>),
}

impl Cell<'_> {
    /// The column type this cell belongs in.
    pub fn kind(&self) -> FieldType {
        match self {
            Cell::Str(_) => FieldType::String,
            Cell::Int(_) => FieldType::Integer,
            Cell::Date(_) => FieldType::Date,
        }
    }

    /// No value.
    pub fn is_null(&self) -> bool {
        matches!(self, Cell::Str(None) | Cell::Int(None) | Cell::Date(None))
    }

    /// The value as CSV writes it: ISO 8601 dates, decimal integers, empty for null.
    pub fn to_text(&self) -> String {
        match self {
            Cell::Str(v) => v.unwrap_or_default().to_string(),
            Cell::Int(v) => v.map(|n| n.to_string()).unwrap_or_default(),
            Cell::Date(v) => v.map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_default(),
        }
    }
}

/// One value of a row, owned: what a dataset reader returns and a diff compares.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Value {
    Null,
    Str(String),
    Int(i64),
    Date(NaiveDate),
}

impl Value {
    /// A cell's value.
    pub fn of(cell: &Cell) -> Value {
        match cell {
            Cell::Str(Some(v)) => Value::Str((*v).to_string()),
            Cell::Int(Some(v)) => Value::Int(*v),
            Cell::Date(Some(v)) => Value::Date(*v),
            _ => Value::Null,
        }
    }

    /// The value as a cell of a column of type `kind` (a value of another type gives a cell
    /// of its own type, which `violations` reports).
    pub fn cell(&self, kind: FieldType) -> Cell<'_> {
        match (self, kind) {
            (Value::Null, FieldType::String) => Cell::Str(None),
            (Value::Null, FieldType::Integer) => Cell::Int(None),
            (Value::Null, FieldType::Date) => Cell::Date(None),
            (Value::Str(v), _) => Cell::Str(Some(v)),
            (Value::Int(v), _) => Cell::Int(Some(*v)),
            (Value::Date(v), _) => Cell::Date(Some(*v)),
        }
    }

    /// Reads a CSV field of a column of type `kind`: empty is null.
    ///
    /// ```
    /// use councildata::schema::{FieldType, Value};
    /// assert_eq!(Value::parse("", FieldType::Integer), Ok(Value::Null));
    /// assert_eq!(Value::parse("12", FieldType::Integer), Ok(Value::Int(12)));
    /// assert!(Value::parse("31-02-2020", FieldType::Date).is_err());
    /// ```
    pub fn parse(text: &str, kind: FieldType) -> Result<Value, String> {
        if text.is_empty() {
            return Ok(Value::Null);
        }
        match kind {
            FieldType::String => Ok(Value::Str(text.to_string())),
            FieldType::Integer => {
                text.parse().map(Value::Int).map_err(|_| format!("`{text}` is not an integer"))
            }
            FieldType::Date => NaiveDate::parse_from_str(text, "%Y-%m-%d")
                .map(Value::Date)
                .map_err(|_| format!("`{text}` is not an ISO 8601 date (YYYY-MM-DD)")),
        }
    }

    /// No value.
    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }

    /// The value as CSV writes it.
    pub fn to_text(&self) -> String {
        match self {
            Value::Null => String::new(),
            Value::Str(v) => v.clone(),
            Value::Int(v) => v.to_string(),
            Value::Date(v) => v.format("%Y-%m-%d").to_string(),
        }
    }
}

/// JSON: null, a string, a number, or an ISO 8601 date string.
impl Serialize for Value {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Value::Null => serializer.serialize_none(),
            Value::Str(v) => serializer.serialize_str(v),
            Value::Int(v) => serializer.serialize_i64(*v),
            Value::Date(_) => serializer.serialize_str(&self.to_text()),
        }
    }
}

/// A record of a table: its cells in the schema's column order.
pub trait Record {
    /// The table it belongs to.
    const TABLE: Table;
    /// The cells of a row, held where the row is written rather than allocated.
    type Cells<'a>: AsRef<[Cell<'a>]>
    where
        Self: 'a;
    /// The cells, one per schema field, in order.
    fn cells(&self) -> Self::Cells<'_>;
}

fn s(v: &str) -> Cell<'_> {
    Cell::Str(Some(v))
}

fn opt(v: &Option<String>) -> Cell<'_> {
    Cell::Str(v.as_deref())
}

impl Record for Document {
    const TABLE: Table = Table::Documents;
    type Cells<'a> = [Cell<'a>; 12];
    fn cells(&self) -> Self::Cells<'_> {
        [
            s(&self.doc_id),
            s(&self.source_path),
            s(&self.source_sha256),
            s(&self.language),
            s(self.kind.as_str()),
            opt(&self.council_ref),
            opt(&self.register_id),
            opt(&self.title),
            Cell::Int(Some(self.byte_len)),
            Cell::Int(Some(self.line_count)),
            Cell::Int(Some(self.page_count)),
            Cell::Int(Some(self.furniture_lines)),
        ]
    }
}

impl Record for NoteHeader {
    const TABLE: Table = Table::NoteHeaders;
    type Cells<'a> = [Cell<'a>; 9];
    fn cells(&self) -> Self::Cells<'_> {
        [
            s(&self.doc_id),
            s(&self.label),
            opt(&self.sender),
            opt(&self.recipient),
            opt(&self.subject),
            Cell::Int(Some(self.line)),
            opt(&self.prev_doc),
            opt(&self.dated),
            opt(&self.subject_codes),
        ]
    }
}

impl Record for Paragraph {
    const TABLE: Table = Table::Paragraphs;
    type Cells<'a> = [Cell<'a>; 9];
    fn cells(&self) -> Self::Cells<'_> {
        [
            s(&self.doc_id),
            Cell::Int(Some(self.number)),
            opt(&self.sub),
            opt(&self.section),
            s(&self.text),
            Cell::Int(Some(self.line)),
            Cell::Int(Some(self.line_end)),
            Cell::Int(Some(self.byte_start)),
            Cell::Int(Some(self.byte_end)),
        ]
    }
}

impl Record for OperativeClause {
    const TABLE: Table = Table::OperativeClauses;
    type Cells<'a> = [Cell<'a>; 9];
    fn cells(&self) -> Self::Cells<'_> {
        [
            s(&self.doc_id),
            Cell::Int(self.paragraph),
            Cell::Int(Some(self.ordinal)),
            s(&self.surface),
            s(&self.canonical),
            Cell::Int(Some(self.line)),
            Cell::Int(Some(self.byte_start)),
            Cell::Int(Some(self.byte_end)),
            s(self.form.as_str()),
        ]
    }
}

impl Record for Recital {
    const TABLE: Table = Table::Recitals;
    type Cells<'a> = [Cell<'a>; 9];
    fn cells(&self) -> Self::Cells<'_> {
        [
            s(&self.doc_id),
            Cell::Int(Some(self.ordinal)),
            s(&self.surface),
            s(&self.canonical),
            s(&self.text),
            Cell::Int(Some(self.line)),
            Cell::Int(Some(self.line_end)),
            Cell::Int(Some(self.byte_start)),
            Cell::Int(Some(self.byte_end)),
        ]
    }
}

impl Record for Footnote {
    const TABLE: Table = Table::Footnotes;
    type Cells<'a> = [Cell<'a>; 8];
    fn cells(&self) -> Self::Cells<'_> {
        [
            s(&self.doc_id),
            Cell::Int(Some(self.number)),
            s(&self.body),
            Cell::Int(self.marker_line),
            Cell::Int(Some(self.line)),
            Cell::Int(self.paragraph),
            Cell::Int(Some(self.byte_start)),
            Cell::Int(Some(self.byte_end)),
        ]
    }
}

impl Record for Reference {
    const TABLE: Table = Table::References;
    type Cells<'a> = [Cell<'a>; 10];
    fn cells(&self) -> Self::Cells<'_> {
        [
            s(&self.doc_id),
            Cell::Int(Some(self.ordinal)),
            s(self.kind.as_str()),
            s(&self.surface),
            s(&self.normalized),
            Cell::Int(self.paragraph),
            Cell::Int(self.footnote),
            Cell::Int(Some(self.line)),
            Cell::Int(Some(self.byte_start)),
            Cell::Int(Some(self.byte_end)),
        ]
    }
}

impl Record for DatedEvent {
    const TABLE: Table = Table::DatedEvents;
    type Cells<'a> = [Cell<'a>; 12];
    fn cells(&self) -> Self::Cells<'_> {
        [
            s(&self.doc_id),
            Cell::Int(Some(self.ordinal)),
            s(&self.surface),
            Cell::Date(Some(self.date_start)),
            Cell::Date(Some(self.date_end)),
            s(self.precision.as_str()),
            s(&self.sentence),
            Cell::Int(self.paragraph),
            Cell::Int(self.footnote),
            Cell::Int(Some(self.line)),
            Cell::Int(Some(self.byte_start)),
            Cell::Int(Some(self.byte_end)),
        ]
    }
}

/// Every record of one document with its table, in the order the dataset writer appends them.
pub fn extraction_rows(x: &Extraction) -> Vec<(Table, Vec<Cell<'_>>)> {
    fn add<'a, R: Record + 'a>(
        out: &mut Vec<(Table, Vec<Cell<'a>>)>,
        records: impl IntoIterator<Item = &'a R>,
    ) {
        out.extend(records.into_iter().map(|r| (R::TABLE, r.cells().as_ref().to_vec())));
    }
    let mut out = vec![(Table::Documents, x.document.cells().as_ref().to_vec())];
    add(&mut out, &x.note_header);
    add(&mut out, &x.paragraphs);
    add(&mut out, &x.operative_clauses);
    add(&mut out, &x.recitals);
    add(&mut out, &x.footnotes);
    add(&mut out, &x.references);
    add(&mut out, &x.dated_events);
    out
}

/// Which constraint a value breaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Rule {
    /// The row has another number of cells than the table has columns.
    Width,
    /// A value of another type than the column's.
    Type,
    /// A required value is missing (null, or empty: CSV writes both as an empty field).
    Required,
    /// A value outside the column's `enum`.
    Enum,
    /// A value that does not match the column's `pattern`.
    Pattern,
    /// A number below the column's `minimum`.
    Minimum,
}

/// A constraint a row breaks: the column (empty for the row as a whole), the rule, and what
/// is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    pub column: String,
    pub rule: Rule,
    pub message: String,
}

/// The constraints a row's cells break.
pub fn violations(schema: &TableSchema, cells: &[Cell]) -> Vec<Violation> {
    let mut out = Vec::new();
    let mut push = |column: &str, rule: Rule, message: String| {
        out.push(Violation { column: column.to_string(), rule, message });
    };
    if cells.len() != schema.fields.len() {
        push("", Rule::Width, format!("{} cells for {} columns", cells.len(), schema.fields.len()));
        return out;
    }
    for (field, cell) in schema.fields.iter().zip(cells) {
        let c = &field.constraints;
        if cell.kind() != field.kind {
            push(&field.name, Rule::Type, format!("a {:?} value in a {:?} column", cell.kind(), field.kind));
            continue;
        }
        if cell.is_null() || *cell == Cell::Str(Some("")) {
            if c.required {
                push(&field.name, Rule::Required, "required value missing".into());
            }
            continue;
        }
        if let (Some(values), Cell::Str(Some(v))) = (&c.values, cell)
            && !values.iter().any(|x| x == v)
        {
            push(&field.name, Rule::Enum, format!("`{v}` is not one of {}", values.join(", ")));
        }
        if let (Some(regex), Cell::Str(Some(v))) = (&c.regex, cell)
            && !regex.is_match(v)
        {
            let pattern = c.pattern.as_deref().unwrap_or_default();
            push(&field.name, Rule::Pattern, format!("`{v}` does not match the pattern {pattern}"));
        }
        if let (Some(min), Cell::Int(Some(v))) = (c.minimum, cell)
            && *v < min
        {
            push(&field.name, Rule::Minimum, format!("{v} is below the minimum {min}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{DocId, DocKind, Precision, RefKind, VerbForm};

    fn check<R: Record>(record: &R) {
        let schemas = Schemas::embedded().unwrap();
        let schema = schemas.table(R::TABLE);
        let cells = record.cells();
        let cells = cells.as_ref();
        assert_eq!(cells.len(), schema.fields.len(), "{}", schema.name);
        assert_eq!(violations(schema, cells), Vec::<Violation>::new(), "{}", schema.name);
        assert_eq!(schemas.arrow(R::TABLE).fields().len(), cells.len());
    }

    #[test]
    fn every_record_fits_its_schema() {
        let id: DocId = "ST-7290-2021-INIT:da".into();
        check(&Document {
            doc_id: id.clone(),
            source_path: "a.txt".into(),
            source_sha256: "0".repeat(64),
            language: "da".into(),
            kind: DocKind::Conclusions,
            council_ref: Some("7290/21".into()),
            register_id: Some("ST-7290-2021-INIT".into()),
            title: None,
            byte_len: 10,
            line_count: 1,
            page_count: 1,
            furniture_lines: 0,
        });
        check(&NoteHeader {
            doc_id: id.clone(),
            label: "NOTE".into(),
            sender: None,
            recipient: None,
            subject: None,
            line: 1,
            prev_doc: None,
            dated: None,
            subject_codes: None,
        });
        check(&Paragraph {
            doc_id: id.clone(),
            number: 1,
            sub: Some("a".into()),
            section: None,
            text: "t".into(),
            line: 1,
            line_end: 2,
            byte_start: 0,
            byte_end: 1,
        });
        check(&OperativeClause {
            doc_id: id.clone(),
            paragraph: None,
            ordinal: 1,
            surface: "FREMHÆVER".into(),
            canonical: "STRESSES".into(),
            line: 1,
            byte_start: 0,
            byte_end: 10,
            form: VerbForm::Capitals,
        });
        check(&Recital {
            doc_id: id.clone(),
            ordinal: 1,
            surface: "SOM MINDER OM".into(),
            canonical: "RECALLING".into(),
            text: "t".into(),
            line: 1,
            line_end: 1,
            byte_start: 0,
            byte_end: 1,
        });
        check(&Footnote {
            doc_id: id.clone(),
            number: 1,
            body: "12109/13.".into(),
            marker_line: None,
            line: 3,
            paragraph: None,
            byte_start: 0,
            byte_end: 9,
        });
        check(&Reference {
            doc_id: id.clone(),
            ordinal: 1,
            kind: RefKind::CouncilDoc,
            surface: "12109/13".into(),
            normalized: "ST-12109-2013-INIT".into(),
            paragraph: None,
            footnote: Some(1),
            line: 3,
            byte_start: 0,
            byte_end: 8,
        });
        check(&DatedEvent {
            doc_id: id,
            ordinal: 1,
            surface: "2019-2024".into(),
            date_start: NaiveDate::from_ymd_opt(2019, 1, 1).unwrap(),
            date_end: NaiveDate::from_ymd_opt(2024, 12, 31).unwrap(),
            precision: Precision::Year,
            sentence: "s".into(),
            paragraph: None,
            footnote: None,
            line: 1,
            byte_start: 0,
            byte_end: 9,
        });
    }

    #[test]
    fn violations_name_the_column() {
        let schemas = Schemas::embedded().unwrap();
        let schema = schemas.table(Table::References);
        let mut cells = vec![Cell::Str(None); 0];
        cells.extend([
            Cell::Str(Some("x")),
            Cell::Int(Some(0)),
            Cell::Str(Some("treaty")),
            Cell::Str(None),
            Cell::Str(Some("n")),
            Cell::Int(None),
            Cell::Int(None),
            Cell::Int(Some(1)),
            Cell::Int(Some(0)),
            Cell::Int(Some(1)),
        ]);
        let v = violations(schema, &cells);
        let columns: Vec<(&str, Rule)> = v.iter().map(|v| (v.column.as_str(), v.rule)).collect();
        assert_eq!(columns, [("ordinal", Rule::Minimum), ("kind", Rule::Enum), ("surface", Rule::Required)]);
    }

    #[test]
    fn patterns_match_whole_values_and_empty_strings_are_missing() {
        let schemas = Schemas::embedded().unwrap();
        let schema = schemas.table(Table::Paragraphs);
        let row = |sub: Option<&'static str>, text: &'static str| {
            vec![
                Cell::Str(Some("file:x")),
                Cell::Int(Some(1)),
                Cell::Str(sub),
                Cell::Str(None),
                Cell::Str(Some(text)),
                Cell::Int(Some(1)),
                Cell::Int(Some(1)),
                Cell::Int(Some(0)),
                Cell::Int(Some(1)),
            ]
        };
        assert!(violations(schema, &row(Some("a"), "t")).is_empty());
        let rules: Vec<Rule> = violations(schema, &row(Some("ab"), "")).iter().map(|v| v.rule).collect();
        assert_eq!(rules, [Rule::Pattern, Rule::Required]);
        let sha = schemas.table(Table::Documents).fields[2].constraints.regex.as_ref().unwrap();
        assert!(sha.is_match(&"a".repeat(64)));
        assert!(!sha.is_match(&format!("x{}", "a".repeat(64))));
    }

    #[test]
    fn unknown_versions_are_refused_naming_the_known_ones() {
        assert!(Schemas::of_version("1").is_ok());
        let e = Schemas::of_version("7").err().unwrap().to_string();
        assert!(e.contains("v7") && e.contains("v1"), "{e}");
    }

    #[test]
    fn arrow_types_follow_the_schema() {
        let arrow = Schemas::embedded().unwrap().arrow(Table::DatedEvents);
        assert_eq!(arrow.field_with_name("date_start").unwrap().data_type(), &DataType::Date32);
        assert_eq!(arrow.field_with_name("ordinal").unwrap().data_type(), &DataType::Int64);
        assert!(arrow.field_with_name("paragraph").unwrap().is_nullable());
        assert_eq!(arrow.metadata().get(VERSION_KEY).map(String::as_str), Some("1"));
    }
}
