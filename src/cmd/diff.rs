//! `councildata diff OLD NEW`: what changed between two revisions of a corpus. Each side is a
//! dataset directory or documents extracted in memory; rows are matched by meaning, table by
//! table and document by document, and reported as added, removed, changed or moved.
//!
//! Matching, within one document: rows with the same content are the same row (a paragraph
//! that only got a new number is moved, not changed); of the rest, rows at the same position
//! (the table's key) are the same row when their content is similar, and any two rows whose
//! content is similar enough are the same row, edited. Numbers that point at paragraphs and
//! footnotes (`paragraph`, `footnote`) are compared through the paragraphs and footnotes
//! already matched, so the clauses of a renumbered paragraph are moved with it. Provenance
//! columns (lines, byte spans, paths, hashes, sizes) never make a row changed.

use std::collections::{BTreeMap, HashMap, HashSet, VecDeque};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

use crate::cmd::extract::{Encoding, Extracted, collect_inputs, extract_one};
use crate::dataset::{Package, is_dataset, load_table};
use crate::error::Error;
use crate::grammar::Grammar;
use crate::schema::{SCHEMA_VERSION, Schemas, Table, TableSchema, Value, extraction_rows};

/// Columns that say where a row came from, not what it says.
pub const PROVENANCE: [&str; 9] = [
    "line",
    "line_end",
    "byte_start",
    "byte_end",
    "source_path",
    "source_sha256",
    "marker_line",
    "byte_len",
    "line_count",
];

/// Rows at the same position are the same row, edited, from this similarity on.
const SAME_POSITION_SIMILARITY: f64 = 0.3;
/// Rows anywhere in a document are the same row, edited, from this similarity on.
const SIMILARITY: f64 = 0.5;
/// Most pairs of leftover rows in one document compared for similarity; past it, leftovers
/// are added and removed rows (keeps a diff of unrelated revisions near linear).
const MAX_PAIRS: usize = 250_000;
/// Most words on each side given to the word diff after common ends are cut; past it, the
/// middle is shown as replaced whole.
const MAX_DIFF_WORDS: usize = 2_000;
/// Unchanged words shown around each edit in text output.
const CONTEXT_WORDS: usize = 4;
/// Moved rows in a run listed one by one in text output; longer runs take one line.
const MOVED_LISTED: usize = 3;
/// The column that shows what an added or removed row is, the first a table has.
const PREVIEW_COLUMNS: [&str; 6] = ["title", "text", "body", "sentence", "subject", "surface"];
/// Characters of a value shown in text output.
const SHOWN_CHARS: usize = 70;

/// One side of a diff: every table's rows, in schema column order.
struct Side {
    tables: HashMap<Table, Vec<Vec<Value>>>,
}

/// Where a side comes from.
enum Origin {
    Dataset(Package),
    Inputs,
}

impl Side {
    /// Reads a dataset, or extracts documents in memory (every input must extract, and no two
    /// may share a `doc_id`).
    fn load(path: &Path, origin: Origin, max_doc_bytes: u64) -> Result<Side, Error> {
        let mut tables: HashMap<Table, Vec<Vec<Value>>> = HashMap::new();
        match origin {
            Origin::Dataset(package) => {
                let schemas = Schemas::of_version(&package.version)?;
                for table in Table::ALL {
                    tables.insert(table, load_table(&package, schemas, table)?);
                }
            }
            Origin::Inputs => {
                for doc in extract_inputs(path, max_doc_bytes)? {
                    for (table, cells) in extraction_rows(&doc.extraction) {
                        tables.entry(table).or_default().push(cells.iter().map(Value::of).collect());
                    }
                }
            }
        }
        Ok(Side { tables })
    }

    fn rows(&self, table: Table) -> &[Vec<Value>] {
        self.tables.get(&table).map_or(&[], Vec::as_slice)
    }
}

fn extract_inputs(path: &Path, max_doc_bytes: u64) -> Result<Vec<Extracted>, Error> {
    let grammar = Grammar::embedded()?;
    let mut errors = Vec::new();
    let inputs = collect_inputs(&[path.to_path_buf()], &mut errors);
    if let Some(e) = errors.into_iter().next() {
        return Err(e);
    }
    let docs: Vec<Extracted> = inputs
        .par_iter()
        .map(|i| extract_one(i, max_doc_bytes, Encoding::Utf8, grammar))
        .collect::<Result<_, _>>()?;
    let mut seen: HashMap<&str, &str> = HashMap::new();
    for d in &docs {
        let doc = &d.extraction.document;
        if let Some(other) = seen.insert(&doc.doc_id, &doc.source_path) {
            return Err(Error::DuplicateDocument {
                path: PathBuf::from(&doc.source_path),
                doc_id: doc.doc_id.to_string(),
                other: other.to_string(),
            });
        }
    }
    Ok(docs)
}

/// Compares OLD and NEW: each a dataset directory (with `datapackage.json`) or documents.
/// Refuses two datasets of different schema versions.
pub fn run(old: &Path, new: &Path, max_doc_bytes: u64) -> Result<Diff, Error> {
    let origin = |p: &Path| -> Result<(Origin, String), Error> {
        if is_dataset(p) {
            let package = Package::open(p)?;
            let version = package.version.clone();
            Ok((Origin::Dataset(package), version))
        } else {
            Ok((Origin::Inputs, SCHEMA_VERSION.to_string()))
        }
    };
    let ((old_origin, old_version), (new_origin, new_version)) = (origin(old)?, origin(new)?);
    if old_version != new_version {
        return Err(Error::SchemaVersions {
            old_path: old.to_path_buf(),
            old: old_version,
            new_path: new.to_path_buf(),
            new: new_version,
        });
    }
    let schemas = Schemas::of_version(&old_version)?;
    let (old, new) = rayon::join(
        || Side::load(old, old_origin, max_doc_bytes),
        || Side::load(new, new_origin, max_doc_bytes),
    );
    Ok(compare(schemas, &old?, &new?))
}

/// What happened to a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Added,
    Removed,
    Changed,
    Moved,
}

impl Status {
    fn as_str(self) -> &'static str {
        match self {
            Status::Added => "added",
            Status::Removed => "removed",
            Status::Changed => "changed",
            Status::Moved => "moved",
        }
    }
}

/// Named values in column order, written as a JSON object.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fields(pub Vec<(String, Value)>);

impl Serialize for Fields {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

/// A column whose value differs between the old and the new row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    pub column: String,
    pub old: Value,
    pub new: Value,
    /// For text of more than one word: the new text with the edit marked, `[-old-]{+new+}`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub words: Option<String>,
}

/// One row that differs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RowDiff {
    pub status: Status,
    /// The row's key columns: the new row's, or the old row's when it was removed.
    pub key: Fields,
    /// The old row, every column (none for an added row).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub old: Option<Fields>,
    /// The new row, every column (none for a removed row).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub new: Option<Fields>,
    /// The columns that differ, provenance left out: content columns for a changed row, only
    /// position columns (number, ordinal, paragraph, …) for a moved one.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub changes: Vec<Change>,
}

/// The differences of one table.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct TableDiff {
    pub added: usize,
    pub removed: usize,
    pub changed: usize,
    pub moved: usize,
    pub rows: Vec<RowDiff>,
}

/// The differences of every table: `{"tables": {"<table>": TableDiff, …}}`, tables in the
/// order of the schema.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diff {
    pub tables: Vec<(Table, TableDiff)>,
    /// Documents only on one side: their rows in other tables are counted, not listed in text.
    one_sided: HashSet<Value>,
}

impl Serialize for Diff {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        struct Tables<'a>(&'a [(Table, TableDiff)]);
        impl Serialize for Tables<'_> {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let mut map = serializer.serialize_map(Some(self.0.len()))?;
                for (t, d) in self.0 {
                    map.serialize_entry(t.name(), d)?;
                }
                map.end()
            }
        }
        let mut map = serializer.serialize_map(Some(1))?;
        map.serialize_entry("tables", &Tables(&self.tables))?;
        map.end()
    }
}

impl Diff {
    /// Nothing differs.
    pub fn is_empty(&self) -> bool {
        self.tables.iter().all(|(_, d)| d.rows.is_empty())
    }

    /// The diff for people: a summary line per table, then each differing row, changed ones
    /// with old and new values side by side and long text as a word diff.
    pub fn render(&self) -> String {
        let mut out = String::new();
        let width = Table::ALL.iter().map(|t| t.name().len()).max().unwrap_or(0);
        for (table, d) in &self.tables {
            let _ = writeln!(
                out,
                "{:width$}  {} added, {} removed, {} changed, {} moved",
                table.name(),
                d.added,
                d.removed,
                d.changed,
                d.moved
            );
        }
        if self.is_empty() {
            out.push_str("no differences\n");
            return out;
        }
        let mut hidden = 0;
        for (table, d) in &self.tables {
            let shown_rows: Vec<&RowDiff> = d
                .rows
                .iter()
                .filter(|row| {
                    let doc = row.key.0.first().map(|(_, v)| v);
                    let one_sided = doc.is_some_and(|v| self.one_sided.contains(v));
                    let hide = *table != Table::Documents && one_sided;
                    hidden += usize::from(hide);
                    !hide
                })
                .collect();
            let mut i = 0;
            while let Some(row) = shown_rows.get(i) {
                let doc = row.key.0.first().map(|(_, v)| v);
                let run = shown_rows[i..]
                    .iter()
                    .take_while(|r| r.status == Status::Moved && r.key.0.first().map(|(_, v)| v) == doc)
                    .count();
                if run > MOVED_LISTED {
                    render_moved_run(&mut out, *table, &shown_rows[i..i + run]);
                    i += run;
                } else {
                    render_row(&mut out, *table, row);
                    i += 1;
                }
            }
        }
        if hidden > 0 {
            let _ =
                writeln!(out, "\n({hidden} rows of added or removed documents counted above, not listed)");
        }
        out
    }
}

/// Many rows moved together (renumbered after an insertion): one line, the first and last move.
fn render_moved_run(out: &mut String, table: Table, rows: &[&RowDiff]) {
    let doc = rows.first().and_then(|r| r.key.0.first()).map(|(_, v)| v.to_text()).unwrap_or_default();
    let moves = |r: Option<&&RowDiff>| {
        r.map(|r| r.changes.iter().map(|c| format!("{} {} → {}", c.column, shown(&c.old), shown(&c.new))))
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(", ")
    };
    let _ = writeln!(
        out,
        "\n{:8} {} {doc}: {} rows, {} … {}",
        Status::Moved.as_str(),
        table.name(),
        rows.len(),
        moves(rows.first()),
        moves(rows.last())
    );
}

fn render_row(out: &mut String, table: Table, row: &RowDiff) {
    let key = key_text(&row.key);
    let _ = write!(out, "\n{:8} {} {key}", row.status.as_str(), table.name());
    match row.status {
        Status::Added | Status::Removed => {
            let fields = if row.status == Status::Added { &row.new } else { &row.old };
            let preview = fields.as_ref().and_then(|f| {
                let named = |name: &str| f.0.iter().find(|(k, v)| k == name && !v.is_null());
                PREVIEW_COLUMNS.iter().find_map(|n| named(n))
            });
            if let Some((k, v)) = preview {
                let _ = write!(out, "\n    {k}: {}", cut(&v.to_text()));
            }
            out.push('\n');
        }
        Status::Moved => {
            let moves: Vec<String> = row
                .changes
                .iter()
                .map(|c| format!("{} {} → {}", c.column, shown(&c.old), shown(&c.new)))
                .collect();
            let _ = writeln!(out, ": {}", moves.join(", "));
        }
        Status::Changed => {
            out.push('\n');
            let name_width = row.changes.iter().map(|c| c.column.chars().count()).max().unwrap_or(0);
            let old_width = row
                .changes
                .iter()
                .filter(|c| c.words.is_none())
                .map(|c| shown(&c.old).chars().count())
                .max()
                .unwrap_or(0);
            for c in &row.changes {
                match &c.words {
                    Some(words) => {
                        let _ = writeln!(out, "    {:name_width$}  {}", c.column, excerpt(words));
                    }
                    None => {
                        let old = shown(&c.old);
                        let _ = writeln!(
                            out,
                            "    {:name_width$}  {old:old_width$}  →  {}",
                            c.column,
                            shown(&c.new)
                        );
                    }
                }
            }
        }
    }
}

/// `ST-7290-2021-INIT:da (number 4)`: the key, null parts left out.
fn key_text(key: &Fields) -> String {
    let mut parts = key.0.iter();
    let doc = parts.next().map(|(_, v)| v.to_text()).unwrap_or_default();
    let rest: Vec<String> =
        parts.filter(|(_, v)| !v.is_null()).map(|(k, v)| format!("{k} {}", shown(v))).collect();
    if rest.is_empty() { doc } else { format!("{doc} ({})", rest.join(", ")) }
}

fn shown(v: &Value) -> String {
    if v.is_null() { "null".into() } else { cut(&v.to_text()) }
}

fn cut(text: &str) -> String {
    match text.char_indices().nth(SHOWN_CHARS) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_string(),
    }
}

/// A word diff with long unchanged runs cut to `CONTEXT_WORDS` words either side of an edit.
fn excerpt(words: &str) -> String {
    let tokens: Vec<&str> = words.split(' ').collect();
    // Depth of `[-…-]` / `{+…+}` brackets open after each token.
    let mut depth = 0i32;
    let edited: Vec<bool> = tokens
        .iter()
        .map(|t| {
            let opens = t.matches("[-").count() + t.matches("{+").count();
            let closes = t.matches("-]").count() + t.matches("+}").count();
            let inside = depth > 0 || opens > 0;
            depth = (depth + i32::try_from(opens).unwrap_or(0) - i32::try_from(closes).unwrap_or(0)).max(0);
            inside
        })
        .collect();
    let near = |i: usize| {
        let lo = i.saturating_sub(CONTEXT_WORDS);
        let hi = (i + CONTEXT_WORDS).min(tokens.len().saturating_sub(1));
        edited.get(lo..=hi).is_some_and(|w| w.iter().any(|e| *e))
    };
    let mut out: Vec<&str> = Vec::new();
    let mut skipped = false;
    for (i, t) in tokens.iter().enumerate() {
        if near(i) {
            out.push(t);
            skipped = false;
        } else if !skipped {
            out.push("…");
            skipped = true;
        }
    }
    out.join(" ")
}

/// How a table's columns take part in matching.
struct Columns {
    names: Vec<String>,
    key: Vec<usize>,
    /// Columns that say where the row stands: a change in them alone is a move.
    position: Vec<usize>,
    /// Columns that say what the row is: a change in them is an edit.
    content: Vec<usize>,
    paragraph: Option<usize>,
    footnote: Option<usize>,
    /// One row per document (`documents`, `note_headers`): matched by `doc_id` alone.
    per_document: bool,
}

impl Columns {
    fn of(table: Table, schema: &TableSchema) -> Columns {
        let position_names: &[&str] = match table {
            Table::Documents | Table::NoteHeaders => &[],
            Table::Paragraphs => &["number", "sub"],
            Table::Footnotes => &["number", "paragraph"],
            Table::OperativeClauses => &["paragraph", "ordinal"],
            Table::Recitals => &["ordinal"],
            Table::References | Table::DatedEvents => &["ordinal", "paragraph", "footnote"],
        };
        let names: Vec<String> = schema.fields.iter().map(|f| f.name.clone()).collect();
        let position: Vec<usize> = position_names.iter().filter_map(|n| schema.position(n)).collect();
        let content = (0..names.len())
            .filter(|i| {
                let n = names[*i].as_str();
                n != "doc_id" && !position.contains(i) && !PROVENANCE.contains(&n)
            })
            .collect();
        let points_at = |name: &str| if table == Table::Paragraphs { None } else { schema.position(name) };
        Columns {
            key: schema.key().iter().filter_map(|k| schema.position(k)).collect(),
            position,
            content,
            paragraph: points_at("paragraph"),
            footnote: if table == Table::Footnotes { None } else { points_at("footnote") },
            per_document: matches!(table, Table::Documents | Table::NoteHeaders),
            names,
        }
    }
}

/// Old paragraph and footnote numbers → new ones, per document, from the rows matched.
#[derive(Default)]
struct Renumbering {
    paragraphs: HashMap<(Value, i64), i64>,
    footnotes: HashMap<(Value, i64), i64>,
}

impl Renumbering {
    /// An old row's value of a column that points at a paragraph or footnote, as the new side
    /// numbers it; a number whose row is gone maps to a value no new row has.
    fn translate(&self, doc: &Value, column: usize, cols: &Columns, value: &Value) -> Value {
        let map = if Some(column) == cols.paragraph {
            &self.paragraphs
        } else if Some(column) == cols.footnote {
            &self.footnotes
        } else {
            return value.clone();
        };
        match value {
            Value::Int(n) => {
                map.get(&(doc.clone(), *n)).map_or(Value::Str(format!("gone {n}")), |m| Value::Int(*m))
            }
            other => other.clone(),
        }
    }
}

/// Compares two sides table by table.
fn compare(schemas: &Schemas, old: &Side, new: &Side) -> Diff {
    let mut renumbering = Renumbering::default();
    let mut results: BTreeMap<Table, TableDiff> = BTreeMap::new();
    // Paragraphs, then footnotes, are matched before the tables that point at them.
    let order = [
        Table::Documents,
        Table::NoteHeaders,
        Table::Paragraphs,
        Table::Footnotes,
        Table::OperativeClauses,
        Table::Recitals,
        Table::References,
        Table::DatedEvents,
    ];
    for table in order {
        let cols = Columns::of(table, schemas.table(table));
        let (o, n) = (old.rows(table), new.rows(table));
        let pairs = match_table(&cols, o, n, &renumbering);
        if matches!(table, Table::Paragraphs | Table::Footnotes) {
            learn_numbers(table, &cols, o, n, &pairs, &mut renumbering);
        }
        results.insert(table, table_diff(&cols, o, n, &pairs));
    }
    let doc_ids = |side: &Side| -> HashSet<Value> {
        side.rows(Table::Documents).iter().filter_map(|r| r.first().cloned()).collect()
    };
    let (old_docs, new_docs) = (doc_ids(old), doc_ids(new));
    let one_sided = old_docs.symmetric_difference(&new_docs).cloned().collect();
    let tables = Table::ALL.iter().map(|t| (*t, results.remove(t).unwrap_or_default())).collect();
    Diff { tables, one_sided }
}

/// A pair of row indices: old, new (one may be missing).
type Pair = (Option<usize>, Option<usize>);

fn learn_numbers(
    table: Table,
    cols: &Columns,
    old: &[Vec<Value>],
    new: &[Vec<Value>],
    pairs: &[Pair],
    r: &mut Renumbering,
) {
    let number = cols.names.iter().position(|n| n == "number");
    let sub = cols.names.iter().position(|n| n == "sub");
    for &(o, n) in pairs {
        let (Some(o), Some(n), Some(c)) = (o, n, number) else { continue };
        let (Some(or), Some(nr)) = (old.get(o), new.get(n)) else { continue };
        if sub.is_some_and(|s| or.get(s).is_some_and(|v| !v.is_null())) {
            continue;
        }
        if let (Some(doc), Some(Value::Int(a)), Some(Value::Int(b))) = (or.first(), or.get(c), nr.get(c)) {
            let map = if table == Table::Paragraphs { &mut r.paragraphs } else { &mut r.footnotes };
            map.insert((doc.clone(), *a), *b);
        }
    }
}

/// Matches the rows of one table, document by document; returns every row once, paired or
/// alone, in the order they should be reported.
fn match_table(cols: &Columns, old: &[Vec<Value>], new: &[Vec<Value>], r: &Renumbering) -> Vec<Pair> {
    let mut docs: BTreeMap<&Value, (Vec<usize>, Vec<usize>)> = BTreeMap::new();
    for (i, row) in old.iter().enumerate() {
        if let Some(doc) = row.first() {
            docs.entry(doc).or_default().0.push(i);
        }
    }
    for (i, row) in new.iter().enumerate() {
        if let Some(doc) = row.first() {
            docs.entry(doc).or_default().1.push(i);
        }
    }
    docs.into_iter().flat_map(|(doc, (o, n))| match_document(cols, doc, old, new, &o, &n, r)).collect()
}

#[allow(clippy::too_many_arguments)]
fn match_document(
    cols: &Columns,
    doc: &Value,
    old: &[Vec<Value>],
    new: &[Vec<Value>],
    old_ids: &[usize],
    new_ids: &[usize],
    r: &Renumbering,
) -> Vec<Pair> {
    let mut old_match: HashMap<usize, usize> = HashMap::new();
    let mut new_match: HashMap<usize, usize> = HashMap::new();
    let values = |i: usize, is_old: bool, which: &[usize]| -> Vec<Value> {
        let row = if is_old { old.get(i) } else { new.get(i) };
        which
            .iter()
            .map(|&c| {
                let v = row.and_then(|r| r.get(c)).cloned().unwrap_or(Value::Null);
                if is_old { r.translate(doc, c, cols, &v) } else { v }
            })
            .collect()
    };
    let anchor_columns: Vec<usize> =
        cols.content.iter().copied().chain(cols.paragraph).chain(cols.footnote).collect();

    if cols.per_document {
        if let (Some(&o), Some(&n)) = (old_ids.first(), new_ids.first()) {
            old_match.insert(o, n);
            new_match.insert(n, o);
        }
    } else {
        // Same content (and same paragraph or footnote, renumbered): the same row.
        let mut by_anchor: HashMap<Vec<Value>, VecDeque<usize>> = HashMap::new();
        for &o in old_ids {
            by_anchor.entry(values(o, true, &anchor_columns)).or_default().push_back(o);
        }
        for &n in new_ids {
            if let Some(o) =
                by_anchor.get_mut(&values(n, false, &anchor_columns)).and_then(VecDeque::pop_front)
            {
                old_match.insert(o, n);
                new_match.insert(n, o);
            }
        }
        // Same position and similar content: the same row, edited.
        let mut by_position: HashMap<Vec<Value>, usize> = HashMap::new();
        for &o in old_ids.iter().filter(|o| !old_match.contains_key(o)) {
            by_position.entry(values(o, true, &cols.position)).or_insert(o);
        }
        let unmatched: Vec<usize> = new_ids.iter().copied().filter(|n| !new_match.contains_key(n)).collect();
        for n in unmatched {
            let Some(&o) = by_position.get(&values(n, false, &cols.position)) else { continue };
            if old_match.contains_key(&o) {
                continue;
            }
            if let (Some(a), Some(b)) = (old.get(o), new.get(n))
                && similarity(&bag(a, &cols.content), &bag(b, &cols.content)) >= SAME_POSITION_SIMILARITY
            {
                old_match.insert(o, n);
                new_match.insert(n, o);
            }
        }
        // Similar content anywhere in the document: the same row, edited and moved.
        let left_old: Vec<usize> = old_ids.iter().copied().filter(|o| !old_match.contains_key(o)).collect();
        let left_new: Vec<usize> = new_ids.iter().copied().filter(|n| !new_match.contains_key(n)).collect();
        if !left_old.is_empty() && !left_new.is_empty() && left_old.len() * left_new.len() <= MAX_PAIRS {
            let bags_old: Vec<Bag> = left_old.iter().map(|&o| bag(&old[o], &cols.content)).collect();
            let bags_new: Vec<Bag> = left_new.iter().map(|&n| bag(&new[n], &cols.content)).collect();
            let mut candidates: Vec<(f64, usize, usize)> = Vec::new();
            for (i, a) in bags_old.iter().enumerate() {
                for (j, b) in bags_new.iter().enumerate() {
                    let s = similarity(a, b);
                    if s >= SIMILARITY {
                        candidates.push((s, i, j));
                    }
                }
            }
            candidates.sort_by(|x, y| y.0.total_cmp(&x.0).then((x.1, x.2).cmp(&(y.1, y.2))));
            for (_, i, j) in candidates {
                let (o, n) = (left_old[i], left_new[j]);
                if !old_match.contains_key(&o) && !new_match.contains_key(&n) {
                    old_match.insert(o, n);
                    new_match.insert(n, o);
                }
            }
        }
    }

    // Report in the new side's order; a removed row just before the row that followed it.
    let mut ordered: Vec<((usize, u8, usize), Pair)> = Vec::new();
    for &n in new_ids {
        ordered.push(((n, 1, 0), (new_match.get(&n).copied(), Some(n))));
    }
    let mut next_new = usize::MAX;
    for &o in old_ids.iter().rev() {
        match old_match.get(&o) {
            Some(&n) => next_new = n,
            None => ordered.push(((next_new, 0, o), (Some(o), None))),
        }
    }
    ordered.sort_by_key(|(k, _)| *k);
    ordered.into_iter().map(|(_, p)| p).collect()
}

/// The words of a row's content columns, counted, each tagged with its column.
type Bag = HashMap<(usize, String), u32>;

fn bag(row: &[Value], columns: &[usize]) -> Bag {
    let mut out = Bag::new();
    for &c in columns {
        match row.get(c) {
            Some(Value::Str(s)) => {
                for w in s.split_whitespace() {
                    *out.entry((c, w.to_string())).or_insert(0) += 1;
                }
            }
            Some(Value::Null) | None => {}
            Some(v) => *out.entry((c, v.to_text())).or_insert(0) += 1,
        }
    }
    out
}

/// Dice coefficient of two word bags: shared words over all words; 1 for two empty bags.
fn similarity(a: &Bag, b: &Bag) -> f64 {
    let total: u32 = a.values().sum::<u32>() + b.values().sum::<u32>();
    if total == 0 {
        return 1.0;
    }
    let (small, large) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let shared: u32 = small.iter().map(|(k, n)| (*n).min(large.get(k).copied().unwrap_or(0))).sum();
    f64::from(2 * shared) / f64::from(total)
}

/// Classifies the pairs of one table into the rows a diff reports.
fn table_diff(cols: &Columns, old: &[Vec<Value>], new: &[Vec<Value>], pairs: &[Pair]) -> TableDiff {
    let fields = |row: &[Value]| Fields(cols.names.iter().cloned().zip(row.iter().cloned()).collect());
    let key = |row: &[Value]| {
        Fields(
            cols.key
                .iter()
                .filter_map(|&c| Some((cols.names.get(c)?.clone(), row.get(c)?.clone())))
                .collect(),
        )
    };
    let changes = |a: &[Value], b: &[Value], which: &[usize]| -> Vec<Change> {
        which
            .iter()
            .filter_map(|&c| {
                let (x, y) = (a.get(c)?, b.get(c)?);
                (x != y).then(|| Change {
                    column: cols.names.get(c).cloned().unwrap_or_default(),
                    old: x.clone(),
                    new: y.clone(),
                    words: word_diff(x, y),
                })
            })
            .collect()
    };
    let mut d = TableDiff::default();
    for &pair in pairs {
        let row = match pair {
            (Some(o), Some(n)) => {
                let (Some(a), Some(b)) = (old.get(o), new.get(n)) else { continue };
                let edited = changes(a, b, &cols.content);
                let mut all_columns: Vec<usize> = cols.content.clone();
                all_columns.extend(&cols.position);
                all_columns.sort_unstable();
                let status = if !edited.is_empty() {
                    Status::Changed
                } else if cols.position.iter().any(|&c| a.get(c) != b.get(c)) {
                    Status::Moved
                } else {
                    continue;
                };
                RowDiff {
                    status,
                    key: key(b),
                    old: Some(fields(a)),
                    new: Some(fields(b)),
                    changes: changes(a, b, &all_columns),
                }
            }
            (Some(o), None) => {
                let Some(a) = old.get(o) else { continue };
                RowDiff {
                    status: Status::Removed,
                    key: key(a),
                    old: Some(fields(a)),
                    new: None,
                    changes: Vec::new(),
                }
            }
            (None, Some(n)) => {
                let Some(b) = new.get(n) else { continue };
                RowDiff {
                    status: Status::Added,
                    key: key(b),
                    old: None,
                    new: Some(fields(b)),
                    changes: Vec::new(),
                }
            }
            (None, None) => continue,
        };
        match row.status {
            Status::Added => d.added += 1,
            Status::Removed => d.removed += 1,
            Status::Changed => d.changed += 1,
            Status::Moved => d.moved += 1,
        }
        d.rows.push(row);
    }
    d
}

/// The word diff of two texts of more than one word: `[-removed words-]{+added words+}`.
///
/// ```
/// use councildata::cmd::diff::word_diff;
/// use councildata::schema::Value;
/// let (a, b) = (Value::Str("at øge bevidstheden om".into()), Value::Str("at øge forståelsen om".into()));
/// assert_eq!(word_diff(&a, &b).unwrap(), "at øge [-bevidstheden-]{+forståelsen+} om");
/// ```
pub fn word_diff(old: &Value, new: &Value) -> Option<String> {
    let (Value::Str(a), Value::Str(b)) = (old, new) else { return None };
    let a: Vec<&str> = a.split_whitespace().collect();
    let b: Vec<&str> = b.split_whitespace().collect();
    if a.len() < 2 && b.len() < 2 {
        return None;
    }
    let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let suffix = a[prefix..].iter().rev().zip(b[prefix..].iter().rev()).take_while(|(x, y)| x == y).count();
    let (mid_a, mid_b) = (&a[prefix..a.len() - suffix], &b[prefix..b.len() - suffix]);
    let mut ops: Vec<(char, &str)> = a[..prefix].iter().map(|w| ('=', *w)).collect();
    if mid_a.len() <= MAX_DIFF_WORDS && mid_b.len() <= MAX_DIFF_WORDS {
        ops.extend(lcs_ops(mid_a, mid_b));
    } else {
        ops.extend(mid_a.iter().map(|w| ('-', *w)));
        ops.extend(mid_b.iter().map(|w| ('+', *w)));
    }
    ops.extend(a[a.len() - suffix..].iter().map(|w| ('=', *w)));
    Some(render_ops(&ops))
}

/// Edit operations from the longest common subsequence of two word lists.
fn lcs_ops<'a>(a: &[&'a str], b: &[&'a str]) -> Vec<(char, &'a str)> {
    let (n, m) = (a.len(), b.len());
    let width = m + 1;
    let mut table = vec![0u32; (n + 1) * width];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            table[i * width + j] = if a[i] == b[j] {
                table[(i + 1) * width + j + 1] + 1
            } else {
                table[(i + 1) * width + j].max(table[i * width + j + 1])
            };
        }
    }
    let mut ops = Vec::with_capacity(n + m);
    let (mut i, mut j) = (0, 0);
    while i < n || j < m {
        if i < n && j < m && a[i] == b[j] {
            ops.push(('=', a[i]));
            i += 1;
            j += 1;
        } else if j < m && (i == n || table[i * width + j + 1] >= table[(i + 1) * width + j]) {
            ops.push(('+', b[j]));
            j += 1;
        } else {
            ops.push(('-', a[i]));
            i += 1;
        }
    }
    // Within one run of edits, removals first: `[-a b-]{+c d+}` reads better than interleaved.
    let mut out = Vec::with_capacity(ops.len());
    let mut run: Vec<(char, &str)> = Vec::new();
    for op in ops {
        if op.0 == '=' {
            run.sort_by_key(|(k, _)| *k != '-');
            out.append(&mut run);
            out.push(op);
        } else {
            run.push(op);
        }
    }
    run.sort_by_key(|(k, _)| *k != '-');
    out.append(&mut run);
    out
}

fn render_ops(ops: &[(char, &str)]) -> String {
    let mut out = String::new();
    let mut i = 0;
    while let Some(&(kind, _)) = ops.get(i) {
        let run: Vec<&str> = ops[i..].iter().take_while(|(k, _)| *k == kind).map(|(_, w)| *w).collect();
        i += run.len();
        // A replacement reads `[-old-]{+new+}`, without a space between.
        let replaces = kind == '+' && out.ends_with("-]");
        if !out.is_empty() && !replaces {
            out.push(' ');
        }
        let words = run.join(" ");
        match kind {
            '-' => {
                let _ = write!(out, "[-{words}-]");
            }
            '+' => {
                let _ = write!(out, "{{+{words}+}}");
            }
            _ => out.push_str(&words),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &str) -> Value {
        Value::Str(v.into())
    }

    #[test]
    fn word_diffs_mark_removed_then_added_words() {
        assert_eq!(word_diff(&s("a b c d"), &s("a x c d")).unwrap(), "a [-b-]{+x+} c d");
        assert_eq!(word_diff(&s("a b c"), &s("a b c d e")).unwrap(), "a b c {+d e+}");
        assert_eq!(word_diff(&s("x a b"), &s("a b")).unwrap(), "[-x-] a b");
        assert_eq!(word_diff(&s("a"), &s("b")), None);
        assert_eq!(word_diff(&Value::Int(1), &Value::Int(2)), None);
    }

    #[test]
    fn excerpts_keep_context_around_edits() {
        let words = "one two three four five six seven [-eight-]{+acht+} nine ten eleven twelve thirteen";
        assert_eq!(excerpt(words), "… four five six seven [-eight-]{+acht+} nine ten eleven twelve …");
    }

    #[test]
    fn similarity_counts_shared_words_per_column() {
        let a = bag(&[s("x"), s("a b c d")], &[1]);
        let b = bag(&[s("x"), s("a b c e")], &[1]);
        assert!((similarity(&a, &b) - 0.75).abs() < 1e-9);
        assert_eq!(similarity(&Bag::new(), &Bag::new()), 1.0);
    }
}
