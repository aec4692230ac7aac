//! `councildata report DIR --out report.html`: one self-contained HTML page that shows a
//! dataset — its documents with their row counts, a timeline of dated events, operative-verb
//! frequencies per language, and references as links to the Council register and EUR-Lex.
//!
//! The page has no scripts and loads nothing: CSS and the SVG plot are inline, and the only
//! URLs are the hyperlinks of references. The same dataset gives the same bytes.

mod timeline;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::{self, Write as _};
use std::fs;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use csv::StringRecord;

use crate::dataset::{self, Package};
use crate::error::Error;
use crate::model::RefKind;
use crate::schema::{SCHEMA_VERSION, Schemas, Table, TableSchema};

/// Options of `report`.
#[derive(Debug, Clone)]
pub struct Options {
    /// The dataset directory, as `extract --out` wrote it.
    pub dir: PathBuf,
    /// The HTML file to write.
    pub out: PathBuf,
}

/// What a run wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Summary {
    pub documents: usize,
    pub dated_events: usize,
    pub bytes: usize,
}

/// Runs `report`: reads the dataset's CSV tables and writes the page.
pub fn run(opts: &Options) -> Result<Summary, Error> {
    let data = Dataset::load(&opts.dir)?;
    let html = render(&data)?;
    // Beside the target, then renamed: a failed write never leaves half a page.
    let mut tmp = opts.out.clone().into_os_string();
    tmp.push(format!(".tmp-{}", std::process::id()));
    let tmp = PathBuf::from(tmp);
    fs::write(&tmp, &html).and_then(|()| fs::rename(&tmp, &opts.out)).map_err(|e| {
        let _ = fs::remove_file(&tmp);
        Error::output(&opts.out, format!("cannot write: {e}"))
    })?;
    Ok(Summary { documents: data.documents.len(), dated_events: data.events.len(), bytes: html.len() })
}

/// A row of `documents`, as the report shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    pub doc_id: String,
    pub language: String,
    pub kind: String,
    pub council_ref: Option<String>,
    pub register_id: Option<String>,
    pub title: Option<String>,
}

/// A row of `dated_events`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    pub doc_id: String,
    pub surface: String,
    pub date_start: NaiveDate,
    pub date_end: NaiveDate,
    pub precision: String,
    pub sentence: String,
}

/// A row of `references`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    pub doc_id: String,
    pub kind: String,
    pub surface: String,
    pub normalized: String,
}

/// The part of a dataset the report draws.
#[derive(Debug, Clone, Default)]
pub struct Dataset {
    pub documents: Vec<Document>,
    /// Rows per document and table.
    pub counts: BTreeMap<String, BTreeMap<Table, usize>>,
    /// `(doc_id, canonical)` of every operative clause.
    pub clauses: Vec<(String, String)>,
    pub references: Vec<Reference>,
    pub events: Vec<Event>,
}

impl Dataset {
    /// Reads `DIR/datapackage.json` (for the schema version) and every table's CSV file, row by
    /// row: only what the page shows is kept.
    pub fn load(dir: &Path) -> Result<Dataset, Error> {
        let package = check_version(dir)?;
        let mut data = Dataset::default();
        for table in Table::ALL {
            let mut file = TableFile::open(&package, table)?;
            let counts = &mut data.counts;
            match table {
                Table::Documents => {
                    let [doc_id, language, kind, council_ref, register_id, title] =
                        file.columns(["doc_id", "language", "kind", "council_ref", "register_id", "title"])?;
                    file.each(counts, |r| {
                        data.documents.push(Document {
                            doc_id: field(r, doc_id).to_string(),
                            language: field(r, language).to_string(),
                            kind: field(r, kind).to_string(),
                            council_ref: optional(r, council_ref),
                            register_id: optional(r, register_id),
                            title: optional(r, title),
                        });
                        Ok(())
                    })?;
                }
                Table::OperativeClauses => {
                    let [doc_id, canonical] = file.columns(["doc_id", "canonical"])?;
                    file.each(counts, |r| {
                        data.clauses.push((field(r, doc_id).to_string(), field(r, canonical).to_string()));
                        Ok(())
                    })?;
                }
                Table::References => {
                    let [doc_id, kind, surface, normalized] =
                        file.columns(["doc_id", "kind", "surface", "normalized"])?;
                    file.each(counts, |r| {
                        data.references.push(Reference {
                            doc_id: field(r, doc_id).to_string(),
                            kind: field(r, kind).to_string(),
                            surface: field(r, surface).to_string(),
                            normalized: field(r, normalized).to_string(),
                        });
                        Ok(())
                    })?;
                }
                Table::DatedEvents => {
                    let [doc_id, surface, start, end, precision, sentence] = file.columns([
                        "doc_id",
                        "surface",
                        "date_start",
                        "date_end",
                        "precision",
                        "sentence",
                    ])?;
                    let path = file.path.clone();
                    file.each(counts, |r| {
                        data.events.push(Event {
                            doc_id: field(r, doc_id).to_string(),
                            surface: field(r, surface).to_string(),
                            date_start: date(&path, r, start)?,
                            date_end: date(&path, r, end)?,
                            precision: field(r, precision).to_string(),
                            sentence: field(r, sentence).to_string(),
                        });
                        Ok(())
                    })?;
                }
                _ => file.each(counts, |_| Ok(()))?,
            }
        }
        Ok(data)
    }

    /// Rows of `table` for one document.
    pub fn count(&self, doc_id: &str, table: Table) -> usize {
        self.counts.get(doc_id).and_then(|by| by.get(&table)).copied().unwrap_or(0)
    }

    /// Rows of `table` in all.
    pub fn total(&self, table: Table) -> usize {
        self.counts.values().filter_map(|by| by.get(&table)).sum()
    }
}

/// The dataset's package; refuses a dataset written under another schema version (its columns may mean other things),
/// and a directory of shard part files, which `merge` turns into a dataset first.
fn check_version(dir: &Path) -> Result<Package, Error> {
    if !dataset::is_dataset(dir) && dir.join("csv").is_dir() {
        return Err(Error::output(
            dir,
            "holds shard part files, not a dataset: join them first with `councildata merge DIR --out DATASET`",
        ));
    }
    let package = Package::open(dir)?;
    if package.version == SCHEMA_VERSION {
        Ok(package)
    } else {
        Err(Error::output(
            dir.join("datapackage.json"),
            format!("schema version {}; this build reads version {SCHEMA_VERSION}", package.version),
        ))
    }
}

/// One table's CSV file, its header checked against the schema so that the schema's column
/// positions are the file's.
struct TableFile {
    path: PathBuf,
    table: Table,
    schema: &'static TableSchema,
    reader: csv::Reader<fs::File>,
}

impl TableFile {
    fn open(package: &Package, table: Table) -> Result<TableFile, Error> {
        let schema = Schemas::embedded()?.table(table);
        let path = package.csv_path(table);
        let bad = |e: csv::Error| Error::Io { path: path.clone(), message: e.to_string() };
        let mut reader = csv::Reader::from_path(&path).map_err(bad)?;
        let header = reader.headers().map_err(bad)?;
        if !header.iter().eq(schema.fields.iter().map(|f| f.name.as_str())) {
            return Err(Error::Io {
                path: path.clone(),
                message: format!(
                    "columns {} differ from schema v{SCHEMA_VERSION}'s {}",
                    header.iter().collect::<Vec<_>>().join(","),
                    schema.fields.iter().map(|f| f.name.as_str()).collect::<Vec<_>>().join(",")
                ),
            });
        }
        Ok(TableFile { path, table, schema, reader })
    }

    fn column(&self, name: &str) -> Result<usize, Error> {
        self.schema.position(name).ok_or_else(|| Error::Schema {
            file: format!("v{SCHEMA_VERSION}/{}.schema.json", self.schema.name),
            message: format!("no column {name}, which the report reads"),
        })
    }

    fn columns<const N: usize>(&self, names: [&str; N]) -> Result<[usize; N], Error> {
        let mut out = [0; N];
        for (slot, name) in out.iter_mut().zip(names) {
            *slot = self.column(name)?;
        }
        Ok(out)
    }

    /// Reads every row: counts it under its document, then hands it to `keep`.
    fn each(
        &mut self,
        counts: &mut BTreeMap<String, BTreeMap<Table, usize>>,
        mut keep: impl FnMut(&StringRecord) -> Result<(), Error>,
    ) -> Result<(), Error> {
        let doc_id = self.column("doc_id")?;
        let mut row = StringRecord::new();
        while self
            .reader
            .read_record(&mut row)
            .map_err(|e| Error::Io { path: self.path.clone(), message: e.to_string() })?
        {
            let id = field(&row, doc_id);
            let by_table = match counts.get_mut(id) {
                Some(by) => by,
                None => counts.entry(id.to_string()).or_default(),
            };
            *by_table.entry(self.table).or_default() += 1;
            keep(&row)?;
        }
        Ok(())
    }
}

/// A date cell; a bad one is named with its file and line.
fn date(path: &Path, row: &StringRecord, column: usize) -> Result<NaiveDate, Error> {
    let text = field(row, column);
    NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|e| {
        let line = row.position().map_or(0, csv::Position::line);
        Error::Io { path: path.to_path_buf(), message: format!("line {line}: date `{text}`: {e}") }
    })
}

/// A cell; the header check makes every record as long as the schema.
fn field(row: &StringRecord, column: usize) -> &str {
    row.get(column).unwrap_or_default()
}

/// A cell, `None` for the empty field CSV writes for null.
fn optional(row: &StringRecord, column: usize) -> Option<String> {
    Some(field(row, column)).filter(|s| !s.is_empty()).map(str::to_string)
}

/// Text escaped for HTML content and quoted attribute values.
pub struct Esc<'a>(pub &'a str);

impl fmt::Display for Esc<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut rest = self.0;
        while let Some(i) = rest.find(['&', '<', '>', '"', '\'']) {
            f.write_str(&rest[..i])?;
            f.write_str(match rest.as_bytes()[i] {
                b'&' => "&amp;",
                b'<' => "&lt;",
                b'>' => "&gt;",
                b'"' => "&quot;",
                _ => "&#39;",
            })?;
            rest = &rest[i + 1..];
        }
        f.write_str(rest)
    }
}

/// Where a referenced document can be read: the Council register for Council and EUCO
/// documents, EUR-Lex for COM/JOIN (by CELEX), the URL itself for web addresses. `None` when
/// the normalized form is not one a link can be built from.
pub fn reference_link(kind: &str, normalized: &str) -> Option<String> {
    let id_like = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
    if kind == RefKind::CouncilDoc.as_str() || kind == RefKind::Euco.as_str() {
        id_like(normalized).then(|| register_link(normalized, "en"))
    } else if kind == RefKind::Com.as_str() || kind == RefKind::Join.as_str() {
        id_like(normalized)
            .then(|| format!("https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:{normalized}"))
    } else if kind == RefKind::Url.as_str() {
        let web = normalized.starts_with("https://") || normalized.starts_with("http://");
        (web && !normalized.contains(char::is_whitespace)).then(|| normalized.to_string())
    } else {
        None
    }
}

/// A document's PDF in the Council register, in one language.
fn register_link(register_id: &str, language: &str) -> String {
    format!("https://data.consilium.europa.eu/doc/document/{register_id}/{language}/pdf")
}

/// The tables counted per document, with their column headings.
const COUNTED: [(Table, &str); 7] = [
    (Table::NoteHeaders, "header"),
    (Table::Paragraphs, "paragraphs"),
    (Table::OperativeClauses, "clauses"),
    (Table::Recitals, "recitals"),
    (Table::Footnotes, "footnotes"),
    (Table::References, "references"),
    (Table::DatedEvents, "dates"),
];

const STYLE: &str = "
body{font:15px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#1b1f24;margin:0;background:#fff}
main{max-width:1240px;margin:0 auto;padding:16px 20px 48px}
h1{font-size:24px;margin:0 0 4px}h2{font-size:19px;margin:32px 0 8px;border-bottom:1px solid #d0d7de;padding-bottom:4px}
p.lead{margin:0 0 8px;color:#57606a}nav a{margin-right:14px}
a{color:#0a58ca}figure{margin:8px 0}figcaption{color:#57606a;font-size:13px}
table{border-collapse:collapse;width:100%;font-size:13.5px;margin:6px 0}
th,td{border-bottom:1px solid #e4e7eb;padding:4px 8px;text-align:left;vertical-align:top;overflow-wrap:anywhere}
h3{font-size:15px;margin:20px 0 4px}h3 code{font-size:15px}
th{background:#f6f8fa;font-weight:600;white-space:nowrap}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
code{font:12.5px ui-monospace,SFMono-Regular,Menlo,monospace}
.legend span{display:inline-block;margin-right:16px}.legend i{display:inline-block;width:12px;height:12px;margin-right:5px;vertical-align:-1px;border-radius:2px}
.bar{display:inline-block;height:10px;background:#1f77b4;border-radius:2px;vertical-align:0}
.title{font-size:13px;color:#3d444d;margin-top:2px}.nowrap{white-space:nowrap}
.kind{font-size:12px;padding:1px 6px;border-radius:8px;background:#eef1f4;white-space:nowrap}
details summary{cursor:pointer;margin:6px 0}
";

/// The whole page.
pub fn render(data: &Dataset) -> Result<String, Error> {
    let mut out = String::new();
    let languages: BTreeSet<&str> = data.documents.iter().map(|d| d.language.as_str()).collect();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>councildata report</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n\
         <h1>councildata dataset</h1>\n<p class=\"lead\">Schema v{SCHEMA_VERSION} · {} documents in {} \
         languages ({}) · {}</p>\n",
        data.documents.len(),
        languages.len(),
        Esc(&languages.iter().copied().collect::<Vec<_>>().join(", ")),
        [
            (Table::Paragraphs, "paragraphs"),
            (Table::OperativeClauses, "operative clauses"),
            (Table::Recitals, "recitals"),
            (Table::Footnotes, "footnotes"),
            (Table::References, "references"),
            (Table::DatedEvents, "dated events"),
        ]
        .iter()
        .map(|(t, label)| format!("{} {label}", data.total(*t)))
        .collect::<Vec<_>>()
        .join(" · "),
    );
    out.push_str(
        "<nav><a href=\"#timeline\">Timeline</a><a href=\"#documents\">Documents</a>\
         <a href=\"#verbs\">Operative verbs</a><a href=\"#references\">References</a></nav>\n",
    );
    timeline_section(&mut out, data)?;
    documents_section(&mut out, data);
    verbs_section(&mut out, data);
    references_section(&mut out, data);
    out.push_str("</main>\n</body>\n</html>\n");
    Ok(out)
}

fn timeline_section(out: &mut String, data: &Dataset) -> Result<(), Error> {
    out.push_str("<section id=\"timeline\">\n<h2>Timeline of dated events</h2>\n");
    if data.events.is_empty() {
        out.push_str("<p>No dated events.</p>\n</section>\n");
        return Ok(());
    }
    let plot = timeline::plot(&data.documents, &data.events)?;
    let _ = write!(
        out,
        "<figure id=\"timeline-plot\">\n{}\n<figcaption>{} dated events of {} documents, one row per {}; \
         bars span a date range or a month or year, dots mark days.</figcaption>\n</figure>\n",
        plot.svg,
        data.events.len(),
        plot.documents,
        if plot.by_language { "language" } else { "document" },
    );
    out.push_str("<p class=\"legend\">");
    for (precision, color) in timeline::PRECISION_COLORS {
        let _ = write!(out, "<span><i style=\"background:{color}\"></i>{precision}</span>");
    }
    out.push_str("</p>\n");
    let mut events: Vec<&Event> = data.events.iter().collect();
    events.sort_by_key(|e| (e.date_start, e.date_end));
    let _ = write!(
        out,
        "<details>\n<summary>All {} dated events, by date</summary>\n<table>\n<thead><tr><th>date</th>\
         <th>precision</th><th>document</th><th>as written</th><th>sentence</th></tr></thead>\n<tbody>\n",
        events.len()
    );
    for e in events {
        let _ = writeln!(
            out,
            "<tr><td><code>{}</code></td><td>{}</td><td><a href=\"#{}\">{}</a></td><td>{}</td><td>{}</td></tr>",
            date_span(e),
            Esc(&e.precision),
            Esc(&anchor(&e.doc_id)),
            Esc(&e.doc_id),
            Esc(&e.surface),
            Esc(&e.sentence),
        );
    }
    out.push_str("</tbody>\n</table>\n</details>\n</section>\n");
    Ok(())
}

/// An event's dates at its precision: `2020-10-01 – 2020-10-02`, `2022-01 – 2023-08`, `2019 – 2024`.
fn date_span(e: &Event) -> String {
    let format = match e.precision.as_str() {
        "year" => "%Y",
        "month" => "%Y-%m",
        _ => "%Y-%m-%d",
    };
    let (start, end) = (e.date_start.format(format).to_string(), e.date_end.format(format).to_string());
    if start == end { start } else { format!("{start} – {end}") }
}

/// The id of a document's row in the page.
fn anchor(doc_id: &str) -> String {
    let slug: String = doc_id.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '-' }).collect();
    format!("doc-{slug}")
}

fn documents_section(out: &mut String, data: &Dataset) {
    out.push_str(
        "<section id=\"documents\">\n<h2>Documents</h2>\n<table>\n<thead><tr><th>document and title</th>\
         <th>language</th><th>kind</th><th>number</th>",
    );
    for (_, label) in COUNTED {
        let _ = write!(out, "<th class=\"n\">{label}</th>");
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for d in &data.documents {
        let number = match (&d.council_ref, &d.register_id) {
            (Some(r), Some(id)) => {
                format!("<a href=\"{}\">{}</a>", Esc(&register_link(id, &d.language)), Esc(r))
            }
            (Some(r), None) => Esc(r).to_string(),
            (None, _) => String::new(),
        };
        let _ = write!(
            out,
            "<tr id=\"{}\"><td><code>{}</code><div class=\"title\">{}</div></td><td>{}</td><td>{}</td>\
             <td class=\"nowrap\">{number}</td>",
            Esc(&anchor(&d.doc_id)),
            Esc(&d.doc_id),
            Esc(d.title.as_deref().unwrap_or_default()),
            Esc(&d.language),
            Esc(&d.kind),
        );
        for (table, _) in COUNTED {
            let _ = write!(out, "<td class=\"n\">{}</td>", data.count(&d.doc_id, table));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n</section>\n");
}

fn verbs_section(out: &mut String, data: &Dataset) {
    out.push_str("<section id=\"verbs\">\n<h2>Operative verbs</h2>\n");
    let language: BTreeMap<&str, &str> =
        data.documents.iter().map(|d| (d.doc_id.as_str(), d.language.as_str())).collect();
    let mut counts: BTreeMap<&str, BTreeMap<&str, usize>> = BTreeMap::new();
    for (doc_id, canonical) in &data.clauses {
        let lang = language.get(doc_id.as_str()).copied().unwrap_or("?");
        *counts.entry(canonical).or_default().entry(lang).or_default() += 1;
    }
    if counts.is_empty() {
        out.push_str("<p>No operative clauses.</p>\n</section>\n");
        return;
    }
    // Every language of the dataset, so that a language without clauses shows its zeros.
    let languages: BTreeSet<&str> =
        language.values().copied().chain(counts.values().flat_map(|m| m.keys().copied())).collect();
    let mut rows: Vec<(&str, usize, &BTreeMap<&str, usize>)> =
        counts.iter().map(|(c, by)| (*c, by.values().sum(), by)).collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let max = rows.first().map_or(1, |r| r.1.max(1));
    let _ = write!(
        out,
        "<p>{} operative clauses, {} canonical verbs: how often the Council uses each, per language \
         of the documents.</p>\n<table>\n<thead><tr><th>canonical verb</th>",
        data.clauses.len(),
        rows.len()
    );
    for l in &languages {
        let _ = write!(out, "<th class=\"n\">{}</th>", Esc(l));
    }
    out.push_str("<th class=\"n\">total</th><th></th></tr></thead>\n<tbody>\n");
    for (canonical, total, by) in rows {
        let _ = write!(out, "<tr><td><code>{}</code></td>", Esc(canonical));
        for l in &languages {
            let _ = write!(out, "<td class=\"n\">{}</td>", by.get(l).copied().unwrap_or(0));
        }
        let width = (total * 240).div_ceil(max);
        let _ = writeln!(
            out,
            "<td class=\"n\">{total}</td><td><span class=\"bar\" style=\"width:{width}px\"></span></td></tr>"
        );
    }
    out.push_str("</tbody>\n</table>\n</section>\n");
}

fn references_section(out: &mut String, data: &Dataset) {
    out.push_str("<section id=\"references\">\n<h2>References</h2>\n");
    let in_dataset: BTreeMap<&str, Vec<&Document>> = data
        .documents
        .iter()
        .filter_map(|d| d.register_id.as_deref().map(|id| (id, d)))
        .fold(BTreeMap::new(), |mut m, (id, d)| {
            m.entry(id).or_insert_with(Vec::new).push(d);
            m
        });
    let cites: Vec<(&Reference, &Vec<&Document>)> = data
        .references
        .iter()
        .filter_map(|r| in_dataset.get(r.normalized.as_str()).map(|ds| (r, ds)))
        .collect();
    if cites.is_empty() {
        let _ = writeln!(
            out,
            "<p>None of the {} references points at a document of this dataset.</p>",
            data.references.len()
        );
    } else {
        out.push_str("<p>Documents citing documents of this dataset:</p>\n<ul>\n");
        for (r, targets) in cites {
            let links: Vec<String> = targets
                .iter()
                .map(|d| format!("<a href=\"#{}\">{}</a>", Esc(&anchor(&d.doc_id)), Esc(&d.doc_id)))
                .collect();
            let _ = writeln!(
                out,
                "<li><a href=\"#{}\">{}</a> cites {} → {}</li>",
                Esc(&anchor(&r.doc_id)),
                Esc(&r.doc_id),
                Esc(&r.surface),
                links.join(", ")
            );
        }
        out.push_str("</ul>\n");
    }
    for d in &data.documents {
        let refs: Vec<&Reference> = data.references.iter().filter(|r| r.doc_id == d.doc_id).collect();
        if refs.is_empty() {
            continue;
        }
        let mut kinds: BTreeMap<&str, usize> = BTreeMap::new();
        for r in &refs {
            *kinds.entry(&r.kind).or_default() += 1;
        }
        let kinds: Vec<String> = kinds.iter().map(|(k, n)| format!("{n} {}", Esc(k))).collect();
        let _ = write!(
            out,
            "<h3><code>{}</code></h3>\n<p>{} references: {}</p>\n<table>\n<thead><tr><th>kind</th>\
             <th>as written</th><th>normalized</th></tr></thead>\n<tbody>\n",
            Esc(&d.doc_id),
            refs.len(),
            kinds.join(", ")
        );
        for r in refs {
            let target = match reference_link(&r.kind, &r.normalized) {
                Some(url) => format!("<a href=\"{}\">{}</a>", Esc(&url), Esc(&r.normalized)),
                None => Esc(&r.normalized).to_string(),
            };
            // A URL written whole is its own normalized form: shown once.
            let written = if r.surface == r.normalized {
                format!("<td colspan=\"2\">{target}</td>")
            } else {
                format!("<td>{}</td><td>{target}</td>", Esc(&r.surface))
            };
            let _ = writeln!(out, "<tr><td><span class=\"kind\">{}</span></td>{written}</tr>", Esc(&r.kind));
        }
        out.push_str("</tbody>\n</table>\n");
    }
    out.push_str("</section>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn doc(doc_id: &str, language: &str, register_id: Option<&str>) -> Document {
        Document {
            doc_id: doc_id.into(),
            language: language.into(),
            kind: "conclusions".into(),
            council_ref: register_id.map(|_| "7290/21".into()),
            register_id: register_id.map(Into::into),
            title: Some("Rådets konklusioner om EU's strategi <for> \"cybersikkerhed\"".into()),
        }
    }

    fn event(doc_id: &str, start: &str, end: &str, precision: &str) -> Event {
        Event {
            doc_id: doc_id.into(),
            surface: format!("{start}–{end}"),
            date_start: date(start),
            date_end: date(end),
            precision: precision.into(),
            sentence: "den fælles meddelelse af 25. juni 2013 & mere".into(),
        }
    }

    fn sample() -> Dataset {
        let a = "ST-7290-2021-INIT:da";
        let b = "file:003_3794a6227ef3eabf";
        let counts = BTreeMap::from([
            (a.to_string(), BTreeMap::from([(Table::Documents, 1), (Table::Paragraphs, 12)])),
            (b.to_string(), BTreeMap::from([(Table::Documents, 1), (Table::References, 2)])),
        ]);
        Dataset {
            documents: vec![doc(a, "da", Some("ST-7290-2021-INIT")), doc(b, "en", None)],
            counts,
            clauses: vec![
                (a.into(), "STRESSES".into()),
                (a.into(), "WELCOMES".into()),
                (a.into(), "STRESSES".into()),
                (b.into(), "WELCOMES".into()),
            ],
            references: vec![
                Reference {
                    doc_id: b.into(),
                    kind: "council_doc".into(),
                    surface: "7290/21".into(),
                    normalized: "ST-7290-2021-INIT".into(),
                },
                Reference {
                    doc_id: b.into(),
                    kind: "url".into(),
                    surface: "javascript:alert(1)".into(),
                    normalized: "javascript:alert(1)".into(),
                },
            ],
            events: vec![
                event(a, "2013-06-25", "2013-06-25", "day"),
                event(a, "2019-01-01", "2024-12-31", "year"),
                event(b, "2024-12-01", "2024-12-31", "month"),
            ],
        }
    }

    #[test]
    fn escapes_every_special_character() {
        assert_eq!(Esc("a<b>&\"c\"'d'").to_string(), "a&lt;b&gt;&amp;&quot;c&quot;&#39;d&#39;");
        assert_eq!(Esc("FREMHÆVER – ok").to_string(), "FREMHÆVER – ok");
    }

    #[test]
    fn references_link_to_the_register_and_eur_lex() {
        assert_eq!(
            reference_link("council_doc", "ST-12109-2013-INIT").as_deref(),
            Some("https://data.consilium.europa.eu/doc/document/ST-12109-2013-INIT/en/pdf")
        );
        assert_eq!(
            reference_link("com", "52020DC0067").as_deref(),
            Some("https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:52020DC0067")
        );
        assert_eq!(
            reference_link("join", "52020JC0022").as_deref(),
            Some("https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:52020JC0022")
        );
        assert_eq!(
            reference_link("url", "https://hanoiconvention.org").as_deref(),
            Some("https://hanoiconvention.org")
        );
    }

    #[test]
    fn no_link_for_what_is_not_a_web_address_or_an_id() {
        assert_eq!(reference_link("url", "javascript:alert(1)"), None);
        assert_eq!(reference_link("council_doc", "ST-1\"onclick=x"), None);
        assert_eq!(reference_link("other", "Treaty"), None);
    }

    #[test]
    fn page_is_self_contained_and_escaped() {
        let html = render(&sample()).unwrap();
        assert!(html.starts_with("<!DOCTYPE html>"));
        assert!(!html.contains("<script"));
        assert!(!html.contains("src="));
        assert!(!html.contains("<link"));
        assert!(!html.contains("href=\"javascript"));
        assert!(html.contains("strategi &lt;for&gt; &quot;cybersikkerhed&quot;"));
        assert!(html.contains("25. juni 2013 &amp; mere"));
        // Every URL is a hyperlink, but the SVG namespace, which names and fetches nothing.
        let urls = html.replace("xmlns=\"http://www.w3.org/2000/svg\"", "");
        let before: Vec<&str> =
            urls.match_indices("http").map(|(i, _)| &urls[i.saturating_sub(6)..i]).collect();
        assert!(before.iter().all(|b| *b == "href=\""), "{before:?}");
    }

    #[test]
    fn page_has_the_timeline_documents_verbs_and_references() {
        let html = render(&sample()).unwrap();
        for id in ["timeline", "documents", "verbs", "references"] {
            assert!(html.contains(&format!("<section id=\"{id}\">")), "{id}");
        }
        assert!(html.contains("<figure id=\"timeline-plot\">\n<svg"));
        assert!(
            html.contains("href=\"https://data.consilium.europa.eu/doc/document/ST-7290-2021-INIT/da/pdf\"")
        );
        assert!(html.contains("<code>2019 – 2024</code>"));
        assert!(html.contains("<code>2024-12</code>"));
        assert!(
            html.contains("<tr><td><code>STRESSES</code></td><td class=\"n\">2</td><td class=\"n\">0</td>")
        );
        assert!(html.contains("<td class=\"n\">12</td>"));
        assert!(html.contains("cites 7290/21 → <a href=\"#doc-ST-7290-2021-INIT-da\">"));
    }

    #[test]
    fn output_is_deterministic() {
        assert_eq!(render(&sample()).unwrap(), render(&sample()).unwrap());
    }

    #[test]
    fn an_empty_dataset_still_renders() {
        let html = render(&Dataset::default()).unwrap();
        assert!(html.contains("No dated events."));
        assert!(html.contains("No operative clauses."));
        assert!(!html.contains("<svg"));
    }
}
