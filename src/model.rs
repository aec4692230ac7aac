//! The typed records of the dataset: one struct per table, plain data, no I/O and no parsing.
//!
//! Field order follows the column order of `schemas/v1/<table>.schema.json`; the schema module
//! checks that every record's cells agree with its table's fields in number and type.

use std::sync::Arc;

use chrono::NaiveDate;

/// A document's `doc_id`, shared by every record extracted from it: one allocation a
/// document, not one a row.
pub type DocId = Arc<str>;

/// A canonical id of the lexicon (`CALLS_ON`), shared by every record that carries it.
pub type Canonical = Arc<str>;

/// What a document is, as far as its structure tells.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DocKind {
    /// A cover note (`NOTE`, `DOPIS`, `I/A ITEM NOTE`, …) with sender, recipient and subject.
    Note,
    /// Council conclusions: numbered paragraphs carrying operative verbs.
    Conclusions,
    /// A statement or declaration.
    Statement,
    /// A web or journal article about Council matters.
    Article,
    /// Anything else; extracted, but with a warning.
    Other,
}

impl DocKind {
    /// The value written to the `kind` column.
    pub fn as_str(self) -> &'static str {
        match self {
            DocKind::Note => "note",
            DocKind::Conclusions => "conclusions",
            DocKind::Statement => "statement",
            DocKind::Article => "article",
            DocKind::Other => "other",
        }
    }
}

/// How precisely a dated event is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Precision {
    /// A day or a range of days.
    Day,
    /// A month or a range of months.
    Month,
    /// A year or a range of years.
    Year,
}

impl Precision {
    /// The value written to the `precision` column.
    pub fn as_str(self) -> &'static str {
        match self {
            Precision::Day => "day",
            Precision::Month => "month",
            Precision::Year => "year",
        }
    }
}

/// How an operative verb was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum VerbForm {
    /// In capitals, the classic form of conclusions.
    Capitals,
    /// In lower case next to the Council as subject (`Rådet understreger`, `opfordrer Rådet`).
    Subject,
    /// In lower case, coordinated with an earlier operative verb (`… og opfordrer`).
    Coordinated,
    /// Opening a sentence with no subject, capitalised only as a sentence start (`Deltager`).
    Initial,
}

impl VerbForm {
    /// The value written to the `form` column.
    pub fn as_str(self) -> &'static str {
        match self {
            VerbForm::Capitals => "capitals",
            VerbForm::Subject => "subject",
            VerbForm::Coordinated => "coordinated",
            VerbForm::Initial => "initial",
        }
    }
}

/// The kind of a reference.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RefKind {
    /// A Council document in the register (`12109/13`, `13084/1/20 REV 1`).
    CouncilDoc,
    /// A European Council document (`EUCO 13/20`).
    Euco,
    /// A Commission document (`COM(2020) 67 final`).
    Com,
    /// A joint communication (`JOIN(2020) 22 final`).
    Join,
    /// A web address.
    Url,
    /// Any other recognised reference (`SWD(2020) 3 final`).
    Other,
}

impl RefKind {
    /// The value written to the `kind` column.
    pub fn as_str(self) -> &'static str {
        match self {
            RefKind::CouncilDoc => "council_doc",
            RefKind::Euco => "euco",
            RefKind::Com => "com",
            RefKind::Join => "join",
            RefKind::Url => "url",
            RefKind::Other => "other",
        }
    }
}

/// One row of `documents`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    pub doc_id: DocId,
    pub source_path: String,
    pub source_sha256: String,
    pub language: String,
    pub kind: DocKind,
    pub council_ref: Option<String>,
    pub register_id: Option<String>,
    pub title: Option<String>,
    pub byte_len: i64,
    /// Lines in the source file.
    pub line_count: i64,
    /// Pages, counted from page breaks.
    pub page_count: i64,
    /// Page furniture lines recognised and removed from running text.
    pub furniture_lines: i64,
}

/// One row of `note_headers`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteHeader {
    pub doc_id: DocId,
    pub label: String,
    pub sender: Option<String>,
    pub recipient: Option<String>,
    pub subject: Option<String>,
    pub line: i64,
    /// `No. prev. doc.:` as printed.
    pub prev_doc: Option<String>,
    /// The place and date line, `Brussels, 30 June 2023 (OR. en)`.
    pub dated: Option<String>,
    /// Subject codes printed under the date line (`CYBER 142; JAI 851`).
    pub subject_codes: Option<String>,
}

/// One row of `paragraphs`: a numbered paragraph (`sub` is None) or one of its lettered points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph {
    pub doc_id: DocId,
    pub number: i64,
    pub sub: Option<String>,
    pub section: Option<String>,
    pub text: String,
    pub line: i64,
    pub line_end: i64,
    pub byte_start: i64,
    pub byte_end: i64,
}

/// One row of `operative_clauses`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OperativeClause {
    pub doc_id: DocId,
    pub paragraph: Option<i64>,
    pub ordinal: i64,
    pub surface: String,
    pub canonical: Canonical,
    pub line: i64,
    pub byte_start: i64,
    pub byte_end: i64,
    pub form: VerbForm,
}

/// One row of `recitals`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recital {
    pub doc_id: DocId,
    pub ordinal: i64,
    pub surface: String,
    pub canonical: Canonical,
    pub text: String,
    pub line: i64,
    pub line_end: i64,
    pub byte_start: i64,
    pub byte_end: i64,
}

/// One row of `footnotes`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Footnote {
    pub doc_id: DocId,
    pub number: i64,
    pub body: String,
    pub marker_line: Option<i64>,
    pub line: i64,
    /// The paragraph whose text carries the marker, if any.
    pub paragraph: Option<i64>,
    pub byte_start: i64,
    pub byte_end: i64,
}

/// One row of `references`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    pub doc_id: DocId,
    pub ordinal: i64,
    pub kind: RefKind,
    pub surface: String,
    pub normalized: String,
    pub paragraph: Option<i64>,
    pub footnote: Option<i64>,
    pub line: i64,
    pub byte_start: i64,
    pub byte_end: i64,
}

/// One row of `dated_events`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DatedEvent {
    pub doc_id: DocId,
    pub ordinal: i64,
    pub surface: String,
    pub date_start: NaiveDate,
    pub date_end: NaiveDate,
    pub precision: Precision,
    pub sentence: String,
    pub paragraph: Option<i64>,
    pub footnote: Option<i64>,
    pub line: i64,
    pub byte_start: i64,
    pub byte_end: i64,
}

/// Everything extracted from one document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Extraction {
    pub document: Document,
    pub note_header: Option<NoteHeader>,
    pub paragraphs: Vec<Paragraph>,
    pub operative_clauses: Vec<OperativeClause>,
    pub recitals: Vec<Recital>,
    pub footnotes: Vec<Footnote>,
    pub references: Vec<Reference>,
    pub dated_events: Vec<DatedEvent>,
}
