//! One document, start to finish: lines classified (cover, furniture, footnote zones, notes
//! list), running text cut into units (title, recitals, headings, paragraphs, points, prose),
//! footnote markers matched to bodies, and every unit scanned for verbs, references and dates.
//! The result is the document's records for all eight tables, with provenance.

use std::collections::BTreeMap;
use std::ops::Range;

use super::date::DateGrammar;
use super::footnote::{footnote_body_line, glued_marker, is_separator, web_marker, web_note_line};
use super::furniture::{
    Furniture, ends_in_language_code, footer_language, furniture_line, is_annex_heading, is_footer_item,
};
use super::header::header;
use super::language::detect;
use super::paragraph::{paragraph_number, point_label, section_heading};
use super::reference::{find_references, line_ends_in_url};
use super::text::{
    Clean, Excluded, Join, Line, LineIndex, any_capital_run, ligature, token_around, tokens, tokens_holding,
};
use super::verb::VerbMatch;
use super::{Compiled, Grammar};
use crate::lexicon::Lexicon;
use crate::model::{
    Canonical, DatedEvent, DocId, DocKind, Document, Extraction, Footnote, NoteHeader, OperativeClause,
    Paragraph, Recital, Reference, VerbForm,
};

/// Most lines of a one-item-per-line footer after its document number.
const FOOTER_ITEMS: usize = 8;
/// A paragraph number may skip at most this many numbers and still open a paragraph.
const NUMBER_JUMP: u32 = 5;
/// A prose line shorter than this, without closing punctuation, ends its block (a heading).
const SHORT_LINE: usize = 60;
/// A document with a line longer than this was not wrapped by a PDF: one line, one block.
const UNWRAPPED_LINE: usize = 300;
/// Most words in a block taken as a heading or title.
const HEADING_WORDS: usize = 15;
/// Fewest letters in a capitalised word that may be an unknown operative verb (not an acronym).
const UNKNOWN_CAPS_LETTERS: usize = 6;
/// Fewest words in a line taken as a title.
const TITLE_WORDS: usize = 4;

/// The file a text came from.
#[derive(Debug, Clone, Copy)]
pub struct Source<'a> {
    /// The path as given, relative to the input root for directory inputs.
    pub path: &'a str,
    /// The file name without its extension.
    pub stem: &'a str,
    /// SHA-256 of the file's bytes, lower-case hex.
    pub sha256: &'a str,
}

/// How bad a finding is: errors make a document invalid, warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    /// `error` or `warning`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// A finding about a document that did not stop its extraction: data, not an error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub line: usize,
    pub column: usize,
    /// Bytes of source the finding points at (for a caret under the source line).
    pub len: usize,
    pub severity: Severity,
    /// A stable code (`paragraph-numbering`, `footnote-without-marker`, …).
    pub code: &'static str,
    pub message: String,
}

/// Collects findings with positions computed from byte offsets.
struct Findings<'i, 'a> {
    idx: &'i LineIndex<'a>,
    list: Vec<Notice>,
}

impl Findings<'_, '_> {
    fn push(&mut self, at: usize, len: usize, severity: Severity, code: &'static str, message: String) {
        let (line, column) = self.idx.position(at);
        self.list.push(Notice { line, column, len, severity, code, message });
    }
}

/// A document's records and notices.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub extraction: Extraction,
    pub notices: Vec<Notice>,
}

/// What a line is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Blank,
    Cover,
    Furniture,
    Annex,
    Separator,
    /// Part of footnote body `n` (index into the bodies).
    Body(usize),
    /// A bare URL under a footnote that already has one: a link target of the page.
    LinkTarget,
    NotesHeading,
    Content,
}

/// A footnote body: its number and the source spans of its lines.
#[derive(Debug, Clone)]
struct Body {
    number: u32,
    spans: Vec<(usize, usize)>,
    has_url: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum UnitKind {
    Prose,
    Heading(String),
    Recital { surface: String, canonical: Canonical },
    Paragraph(u32),
    Point(u32, char),
}

/// A run of running text: source spans of its lines, a range of the list all units share.
#[derive(Debug, Clone)]
struct Unit {
    kind: UnitKind,
    spans: Range<usize>,
    section: Option<String>,
}

impl Unit {
    /// Its source spans, from the list of every unit's (see [`cut_units`]).
    fn spans<'s>(&self, all: &'s [(usize, usize)]) -> &'s [(usize, usize)] {
        all.get(self.spans.clone()).unwrap_or_default()
    }

    fn paragraph(&self) -> Option<u32> {
        match self.kind {
            UnitKind::Paragraph(n) | UnitKind::Point(n, _) => Some(n),
            _ => None,
        }
    }
}

/// Extracts one document's records.
pub fn extract(text: &str, source: Source, grammar: &Grammar) -> Outcome {
    let idx = LineIndex::new(text);
    let lines = &idx.lines;
    let mut findings = Findings { idx: &idx, list: Vec::new() };

    let footer_code = footer_language_code(lines, grammar);
    let (lex, compiled) = match detect(text, footer_code.as_deref(), grammar.lexicons) {
        Some((lex, _)) => (lex, grammar.compiled(&lex.code)),
        None => (grammar.fallback(), grammar.compiled(&grammar.fallback().code)),
    };
    let language =
        footer_code.clone().filter(|c| grammar.lexicons.get(c).is_some()).unwrap_or(lex.code.clone());

    let mut roles = vec![Role::Content; lines.len()];
    for (role, line) in roles.iter_mut().zip(lines) {
        if line.is_blank() && !separator_line(line) {
            *role = Role::Blank;
        }
    }

    let cover = header(lines, lex);
    if let Some(h) = &cover {
        for &i in &h.consumed {
            set(&mut roles, i, Role::Cover);
        }
    }

    let mut refs_printed: Vec<(String, String)> = Vec::new();
    let mut page_count = 1;
    mark_furniture(lines, lex, &mut roles, &mut refs_printed, &mut page_count);
    let bodies = mark_footnotes(lines, &mut roles, &mut findings);
    // A document has one kind of footnotes: page bodies, or else a web article's notes list.
    let web_notes = if bodies.is_empty() { mark_web_notes(lines, lex, &mut roles) } else { Vec::new() };
    let furniture_lines = roles.iter().filter(|r| **r == Role::Furniture).count();

    let (units, unit_spans) = cut_units(lines, &roles, lex, compiled, &mut findings);

    // Footnote bodies: from the page foot, or from the web article's notes list.
    let mut notes: Vec<(u32, Clean, usize)> = Vec::new();
    for body in &bodies {
        let clean = join_spans(text, &body.spans, lex, &[]);
        notes.push((body.number, clean, body.spans.first().map_or(0, |s| s.0)));
    }
    for (n, start, end) in &web_notes {
        let clean = join_spans(text, &[(*start, *end)], lex, &[]);
        notes.push((*n, clean, *start));
    }

    let prelim: Vec<Clean> = units.iter().map(|u| join_spans(text, u.spans(&unit_spans), lex, &[])).collect();
    let index = MarkerIndex::new(&units, &prelim, &notes);
    let (markers, excluded) = find_markers(text, &index, &notes, lex);
    // Only units holding a marker are joined again; the others read as they did.
    let rejoined: Vec<Option<Clean>> = units
        .iter()
        .map(|u| {
            let ex = excluded.within(u.spans(&unit_spans));
            (!ex.is_empty()).then(|| join_spans(text, u.spans(&unit_spans), lex, &ex))
        })
        .collect();
    let cleans: Vec<Clean> = rejoined.into_iter().zip(prelim).map(|(r, p)| r.unwrap_or(p)).collect();

    let council_ref = most_common(&refs_printed);
    let register_id = council_ref.as_ref().map(|(_, id)| id.clone());
    let doc_id: DocId = match &register_id {
        Some(id) => format!("{id}:{language}").into(),
        None => format!("file:{}", source.stem).into(),
    };

    let has_paragraphs = units.iter().any(|u| matches!(u.kind, UnitKind::Paragraph(_)));
    let title = match &cover {
        Some(h) => h.subject.clone(),
        None => units
            .iter()
            .zip(&cleans)
            .take_while(|(u, _)| u.paragraph().is_none())
            .find(|(u, c)| {
                u.kind == UnitKind::Prose && c.text.split_whitespace().nth(TITLE_WORDS - 1).is_some()
            })
            .map(|(_, c)| c.text.clone()),
    };
    let names_conclusions = |t: &str| {
        t.split(|c: char| !c.is_alphanumeric()).any(|w| lex.document.conclusions.iter().any(|c| c == w))
    };
    let conclusions_word = title.as_deref().is_some_and(names_conclusions);
    // A cover note may carry conclusions in its annex, under a title of their own.
    let annexed_conclusions =
        units.iter().zip(&cleans).take_while(|(u, _)| u.paragraph().is_none()).any(|(u, c)| {
            u.kind == UnitKind::Prose
                && tokens(&c.text).nth(HEADING_WORDS).is_none()
                && names_conclusions(&c.text)
        });
    // Lower-case verbs are kept in the paragraphs of conclusions alone, and a document with a
    // cover holds conclusions only in its annex.
    let may_keep_lower_case = |u: &Unit| u.paragraph().is_some() && (cover.is_none() || annexed_conclusions);
    // Every verb, lower-case forms included where they may be kept; elsewhere only phrases in
    // capitals count, and a text without a word that may anchor one is not read word by word.
    let unit_verbs: Vec<Vec<VerbMatch>> = units
        .iter()
        .zip(&cleans)
        .map(|(u, c)| match u.kind {
            UnitKind::Recital { .. } | UnitKind::Heading(_) => Vec::new(),
            _ if !may_keep_lower_case(u) && !compiled.verbs.may_match_in_capitals(&c.text) => Vec::new(),
            _ => compiled.verbs.find(&c.text, true),
        })
        .collect();
    let capitals: usize = units
        .iter()
        .zip(&unit_verbs)
        .filter(|(u, _)| u.paragraph().is_some())
        .map(|(_, v)| v.iter().filter(|m| m.form == VerbForm::Capitals).count())
        .sum();
    let statement_title = units
        .iter()
        .zip(&cleans)
        .any(|(u, c)| u.kind == UnitKind::Prose && lex.document.statement.contains(&c.text));
    let kind = if cover.is_some() {
        DocKind::Note
    } else if conclusions_word || (has_paragraphs && capitals >= 2) {
        DocKind::Conclusions
    } else if statement_title {
        DocKind::Statement
    } else if !web_notes.is_empty() || markers.values().any(|m| m.web) {
        DocKind::Article
    } else {
        DocKind::Other
    };
    if kind == DocKind::Other {
        findings.push(
            0,
            0,
            Severity::Warning,
            "not-council-document",
            "no cover, numbered paragraphs, operative verbs or notes: extracted as `other`".into(),
        );
    }
    if let Some(h) = &cover {
        let missing: Vec<&str> =
            [("sender", &h.sender), ("recipient", &h.recipient), ("subject", &h.subject)]
                .iter()
                .filter(|(_, v)| v.is_none())
                .map(|(name, _)| *name)
                .collect();
        if !missing.is_empty() {
            let at = lines.get(h.label_index).map_or(0, Line::content_start);
            let message = format!("{} cover without {}", h.label, missing.join(", "));
            findings.push(at, h.label.len(), Severity::Error, "note-header-incomplete", message);
        }
    }
    check_missing_bodies(&index, &notes, &markers, &mut findings);

    let mut x = Extraction {
        document: Document {
            doc_id: doc_id.clone(),
            source_path: source.path.to_string(),
            source_sha256: source.sha256.to_string(),
            language,
            kind,
            council_ref: council_ref.map(|(printed, _)| printed),
            register_id,
            title,
            byte_len: i64::try_from(text.len()).unwrap_or(i64::MAX),
            line_count: count(lines.len()),
            page_count: count(page_count),
            furniture_lines: count(furniture_lines),
        },
        note_header: cover.as_ref().map(|h| NoteHeader {
            doc_id: doc_id.clone(),
            label: h.label.clone(),
            sender: h.sender.clone(),
            recipient: h.recipient.clone(),
            subject: h.subject.clone(),
            line: count(lines.get(h.label_index).map_or(1, |l| l.number)),
            prev_doc: h.prev_doc.clone(),
            dated: h.dated.clone(),
            subject_codes: h.subject_codes.clone(),
        }),
        paragraphs: Vec::new(),
        operative_clauses: Vec::new(),
        recitals: Vec::new(),
        footnotes: Vec::new(),
        references: Vec::new(),
        dated_events: Vec::new(),
    };

    let mut verb_ordinals: BTreeMap<Option<u32>, i64> = BTreeMap::new();
    let mut refs: Vec<Reference> = Vec::new();
    let mut dates: Vec<DatedEvent> = Vec::new();
    let lower_case = kind == DocKind::Conclusions || annexed_conclusions;
    let date_grammar = &compiled.dates;
    for ((unit, clean), verbs) in units.into_iter().zip(cleans).zip(unit_verbs) {
        let Some(&(first_start, _)) = unit.spans(&unit_spans).first() else {
            continue;
        };
        let start = clean.source_start(0).max(first_start);
        let end = clean.source_end(clean.text.len()).max(start);
        let line = count(idx.line_of(start));
        let line_end = count(idx.line_of(end.saturating_sub(1).max(start)));
        if !matches!(unit.kind, UnitKind::Recital { .. } | UnitKind::Heading(_)) {
            let paragraph = unit.paragraph();
            let verbs: Vec<VerbMatch> = verbs
                .into_iter()
                .filter(|m| m.form == VerbForm::Capitals || (lower_case && may_keep_lower_case(&unit)))
                .collect();
            if paragraph.is_some() {
                check_unknown_capitals(&clean, &verbs, lex, &mut findings);
            }
            for m in verbs {
                let ordinal = verb_ordinals.entry(paragraph).or_insert(0);
                *ordinal += 1;
                let s = clean.source_start(m.start);
                x.operative_clauses.push(OperativeClause {
                    doc_id: doc_id.clone(),
                    paragraph: paragraph.map(i64::from),
                    ordinal: *ordinal,
                    surface: m.surface,
                    canonical: m.canonical,
                    line: count(idx.line_of(s)),
                    byte_start: count(s),
                    byte_end: count(clean.source_end(m.end)),
                    form: m.form,
                });
            }
        }
        scan(
            &doc_id,
            &clean,
            &idx,
            date_grammar,
            unit.paragraph(),
            None,
            &mut refs,
            &mut dates,
            &mut findings,
        );
        // The unit's text is read for the last time above: its record takes it.
        match unit.kind {
            UnitKind::Paragraph(n) | UnitKind::Point(n, _) => {
                let sub = match unit.kind {
                    UnitKind::Point(_, letter) => Some(letter.to_string()),
                    _ => None,
                };
                x.paragraphs.push(Paragraph {
                    doc_id: doc_id.clone(),
                    number: i64::from(n),
                    sub,
                    section: unit.section,
                    text: clean.text,
                    line,
                    line_end,
                    byte_start: count(start),
                    byte_end: count(end),
                });
            }
            UnitKind::Recital { surface, canonical } => {
                x.recitals.push(Recital {
                    doc_id: doc_id.clone(),
                    ordinal: count(x.recitals.len() + 1),
                    surface,
                    canonical,
                    text: clean.text,
                    line,
                    line_end,
                    byte_start: count(start),
                    byte_end: count(end),
                });
            }
            UnitKind::Prose | UnitKind::Heading(_) => {}
        }
    }

    for (n, clean, start) in notes {
        let marker = markers.get(&n);
        let paragraph = marker.and_then(|m| m.paragraph);
        if marker.is_none() {
            // The caret goes under the body's number, which opens its line.
            let at = lines.get(idx.line_of(start).saturating_sub(1)).map_or(start, Line::content_start);
            let message = format!("footnote {n} has a body but no marker in the text");
            findings.push(at, n.to_string().len(), Severity::Error, "footnote-without-marker", message);
        }
        scan(&doc_id, &clean, &idx, date_grammar, paragraph, Some(n), &mut refs, &mut dates, &mut findings);
        let byte_start = clean.source_start(0);
        x.footnotes.push(Footnote {
            doc_id: doc_id.clone(),
            number: i64::from(n),
            marker_line: marker.map(|m| count(idx.line_of(m.start))),
            line: count(idx.line_of(start)),
            paragraph: paragraph.map(i64::from),
            byte_start: count(byte_start),
            byte_end: count(clean.source_end(clean.text.len()).max(byte_start)),
            body: clean.text,
        });
    }
    for (i, line) in lines.iter().enumerate() {
        if roles.get(i) == Some(&Role::LinkTarget) {
            let clean = join_spans(text, &[(line.content_start(), line.content_end())], lex, &[]);
            scan(&doc_id, &clean, &idx, date_grammar, None, None, &mut refs, &mut Vec::new(), &mut findings);
        }
    }
    x.footnotes.sort_by_key(|f| f.number);
    refs.sort_by_key(|r| (r.byte_start, r.byte_end));
    for (i, r) in refs.iter_mut().enumerate() {
        r.ordinal = count(i + 1);
    }
    dates.sort_by_key(|d| (d.byte_start, d.byte_end));
    for (i, d) in dates.iter_mut().enumerate() {
        d.ordinal = count(i + 1);
    }
    x.references = refs;
    x.dated_events = dates;
    let mut notices = findings.list;
    notices.sort_by_key(|n| (n.line, n.column, n.code));
    Outcome { extraction: x, notices }
}

fn count(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

fn set(roles: &mut [Role], i: usize, role: Role) {
    if let Some(r) = roles.get_mut(i) {
        *r = role;
    }
}

/// The language code printed in the footer (`BILAG JAI.2 LIMITE DA`), trying every grammar's
/// annex and marking words.
fn footer_language_code(lines: &[Line], grammar: &Grammar) -> Option<String> {
    // Only lines that end in a language code are parsed, in each grammar.
    lines.iter().filter(|l| ends_in_language_code(l.trimmed())).find_map(|l| {
        grammar.lexicons.languages.iter().find_map(|lex| match furniture_line(l.trimmed(), lex) {
            Some(Furniture::Marking { language }) => language,
            _ => None,
        })
    })
}

/// Marks furniture lines (also footers written one item per line) and annex headings; counts
/// pages; collects the document numbers printed in the footers.
fn mark_furniture(
    lines: &[Line],
    lex: &Lexicon,
    roles: &mut [Role],
    refs: &mut Vec<(String, String)>,
    page_count: &mut usize,
) {
    for (i, line) in lines.iter().enumerate() {
        if line.starts_page() && i > 0 {
            *page_count += 1;
        }
        if roles.get(i) != Some(&Role::Content) {
            continue;
        }
        let t = line.trimmed();
        if !may_open_furniture(t, lex) {
            continue;
        }
        match furniture_line(t, lex) {
            Some(Furniture::Reference { council_ref, printed, page }) => {
                refs.push((printed, council_ref.register_id()));
                set(roles, i, Role::Furniture);
                if page.is_none() {
                    mark_footer_items(lines, lex, roles, i);
                }
            }
            Some(Furniture::Marking { .. }) => set(roles, i, Role::Furniture),
            None if is_annex_heading(t, lex) => set(roles, i, Role::Annex),
            None => {}
        }
    }
}

/// Whether a trimmed line may be furniture or an annex heading, on its first character: a
/// document number opens with a digit, a marking with a directorate in capitals or an annex
/// word, an annex heading with an annex word or a capital. Most lines of running text open
/// otherwise and are not parsed.
fn may_open_furniture(line: &str, lex: &Lexicon) -> bool {
    let Some(first) = line.chars().next() else {
        return true;
    };
    first.is_ascii_digit()
        || first.is_uppercase()
        || lex.cover.annex.iter().any(|word| word.chars().next().is_none_or(|c| c == first))
}

/// After a document number alone on its line, the footer items that follow one per line.
fn mark_footer_items(lines: &[Line], lex: &Lexicon, roles: &mut [Role], from: usize) {
    let mut taken = 0;
    for (j, line) in lines.iter().enumerate().skip(from + 1) {
        if line.is_blank() {
            continue;
        }
        let t = line.trimmed();
        let item = is_footer_item(t, lex) || footer_language(t).is_some();
        if taken >= FOOTER_ITEMS || line.starts_page() || !item {
            break;
        }
        set(roles, j, Role::Furniture);
        taken += 1;
    }
}

/// Marks footnote zones (after a separator line, up to the next page) and collects the bodies,
/// numbered in sequence through the document.
fn mark_footnotes(lines: &[Line], roles: &mut [Role], findings: &mut Findings) -> Vec<Body> {
    let mut bodies: Vec<Body> = Vec::new();
    let mut in_zone = false;
    for (i, line) in lines.iter().enumerate() {
        let role = roles.get(i).copied().unwrap_or(Role::Blank);
        if separator_line(line) && matches!(role, Role::Content | Role::Blank) {
            in_zone = true;
            set(roles, i, Role::Separator);
            continue;
        }
        if !in_zone {
            continue;
        }
        if line.starts_page() || matches!(role, Role::Furniture | Role::Annex | Role::Cover) {
            in_zone = false;
            continue;
        }
        if role != Role::Content {
            continue;
        }
        let t = line.trimmed();
        let expected = bodies.last().map_or(1, |b| b.number + 1);
        if let Ok((_, (n, first))) = footnote_body_line(t) {
            if n > expected && n <= expected + NUMBER_JUMP {
                let message = format!(
                    "footnote {n} follows footnote {}: no body for {}",
                    expected - 1,
                    range_text(expected, n)
                );
                findings.push(
                    line.content_start(),
                    n.to_string().len(),
                    Severity::Error,
                    "footnote-numbering",
                    message,
                );
            }
            if n >= expected && n <= expected + NUMBER_JUMP {
                let start = line.content_end() - t.len() + (t.len() - first.len());
                bodies.push(Body {
                    number: n,
                    spans: vec![(start, line.content_end())],
                    has_url: first.contains("://"),
                });
                set(roles, i, Role::Body(bodies.len() - 1));
                continue;
            }
        }
        match bodies.last_mut() {
            Some(body) if body.has_url && is_bare_url(t) => set(roles, i, Role::LinkTarget),
            Some(body) => {
                body.spans.push((line.content_start(), line.content_end()));
                body.has_url |= t.contains("://");
                set(roles, i, Role::Body(bodies.len() - 1));
            }
            None => in_zone = false,
        }
    }
    bodies
}

/// A footnote separator ([`is_separator`]): a line whose trimmed text holds a word, most of
/// them, is rejected on that text's first byte, found when the lines were split.
fn separator_line(line: &Line) -> bool {
    line.trimmed().as_bytes().first().is_none_or(|&b| b == b'_') && is_separator(line.text)
}

fn is_bare_url(t: &str) -> bool {
    (t.starts_with("http://") || t.starts_with("https://")) && !t.contains(char::is_whitespace)
}

/// Marks a web article's notes list (`Notes` / `1. See https://…`) and returns its entries:
/// number and the source span of the entry's text.
fn mark_web_notes(lines: &[Line], lex: &Lexicon, roles: &mut [Role]) -> Vec<(u32, usize, usize)> {
    let mut notes = Vec::new();
    let Some(heading) = lines.iter().enumerate().rposition(|(i, l)| {
        roles.get(i) == Some(&Role::Content) && lex.document.notes_headings.iter().any(|h| h == l.trimmed())
    }) else {
        return notes;
    };
    for (i, line) in lines.iter().enumerate().skip(heading + 1) {
        if line.is_blank() {
            continue;
        }
        match web_note_line(line.text) {
            Ok((_, (n, body))) if n == notes.last().map_or(1, |(m, _, _)| m + 1) => {
                let start = line.start + (line.text.len() - body.len());
                notes.push((n, start, line.content_end()));
                set(roles, i, Role::Body(0));
            }
            _ => break,
        }
    }
    if !notes.is_empty() {
        set(roles, heading, Role::NotesHeading);
    }
    notes
}

/// Cuts the content lines into units.
fn cut_units(
    lines: &[Line],
    roles: &[Role],
    lex: &Lexicon,
    compiled: &Compiled,
    findings: &mut Findings,
) -> (Vec<Unit>, Vec<(usize, usize)>) {
    // Text from the web keeps each paragraph on one line; a PDF's text wraps every line.
    let unwrapped = lines.iter().any(|l| l.text.len() > UNWRAPPED_LINE);
    let mut units: Vec<Unit> = Vec::new();
    // Every unit's spans, in order: only the last unit ever grows, at the list's end.
    let mut spans: Vec<(usize, usize)> = Vec::new();
    let mut last_number = 0u32;
    let mut section: Option<String> = None;
    let mut prev_line: Option<&str> = None;
    let mut pending_number: Option<u32> = None;
    let mut blanks = 0;
    for (i, line) in lines.iter().enumerate() {
        match roles.get(i) {
            Some(Role::Content) => {}
            Some(Role::Blank) => {
                blanks += 1;
                continue;
            }
            _ => continue,
        }
        // Two blank lines or more between lines of prose end a block (a title, a heading).
        let gap = std::mem::take(&mut blanks) >= 2;
        let body = line.text.trim_start_matches([' ', '\u{c}']);
        let lead = line.text.len() - body.len();
        let at_margin = lead <= 1 || line.text.starts_with('\u{c}');
        let span_from = |s: &str| (line.content_end() - s.trim_end().len(), line.content_end());
        let current = units.last().map(|u| &u.kind);

        if at_margin && let Some(heading) = section_heading(body) {
            section = Some(heading.to_string());
            units.push(Unit {
                kind: UnitKind::Heading(heading.to_string()),
                spans: open_span(&mut spans, span_from(body)),
                section: None,
            });
            prev_line = None;
            continue;
        }
        if at_margin && let Ok((rest, n)) = paragraph_number(body) {
            let opens = rest.trim().is_empty()
                || rest
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_uppercase() || matches!(c, '"' | '“' | '„' | '('));
            let month = rest.split_whitespace().next().is_some_and(|w| lex.month(w).is_some());
            let in_sequence =
                if last_number == 0 { n == 1 } else { n > last_number && n <= last_number + NUMBER_JUMP };
            if opens && !month && last_number > 0 {
                let at = line.content_start();
                let width = n.to_string().len() + 1;
                if n <= last_number {
                    let message = if n == last_number {
                        format!("paragraph {n} is numbered twice")
                    } else {
                        format!("paragraph {n} after paragraph {last_number}: out of order")
                    };
                    findings.push(at, width, Severity::Error, "paragraph-numbering", message);
                } else if in_sequence && n > last_number + 1 {
                    let message = format!(
                        "paragraph {n} follows paragraph {last_number}: {} missing",
                        range_text(last_number + 1, n)
                    );
                    findings.push(at, width, Severity::Error, "paragraph-numbering", message);
                }
            }
            if in_sequence && opens && !month {
                last_number = n;
                if rest.trim().is_empty() {
                    pending_number = Some(n);
                    prev_line = None;
                    continue;
                }
                units.push(Unit {
                    kind: UnitKind::Paragraph(n),
                    spans: open_span(&mut spans, span_from(rest)),
                    section: section.clone(),
                });
                prev_line = Some(rest);
                continue;
            }
        }
        if let Some(n) = pending_number.take() {
            units.push(Unit {
                kind: UnitKind::Paragraph(n),
                spans: open_span(&mut spans, span_from(body)),
                section: section.clone(),
            });
            prev_line = Some(body);
            continue;
        }
        if at_margin
            && last_number > 0
            && let Ok((rest, letter)) = point_label(body)
        {
            let expected = match current {
                Some(UnitKind::Point(_, l)) => char::from_u32(u32::from(*l) + 1),
                Some(UnitKind::Paragraph(_)) => Some('a'),
                _ => None,
            };
            if expected == Some(letter) {
                units.push(Unit {
                    kind: UnitKind::Point(last_number, letter),
                    spans: open_span(&mut spans, span_from(rest)),
                    section: section.clone(),
                });
                prev_line = Some(rest);
                continue;
            }
        }
        if last_number == 0
            && let Some((canonical, len)) = compiled.recitals.opening(body.trim_end())
        {
            let surface = body.get(..len).unwrap_or_default().to_string();
            units.push(Unit {
                kind: UnitKind::Recital { surface, canonical },
                spans: open_span(&mut spans, span_from(body)),
                section: None,
            });
            prev_line = Some(body);
            continue;
        }
        let continues = match current {
            None | Some(UnitKind::Heading(_)) => false,
            Some(UnitKind::Prose) => !gap && !unwrapped && prev_line.is_some_and(|p| !ends_block(p, body)),
            Some(_) => true,
        };
        match units.last_mut() {
            Some(unit) if continues => {
                spans.push((line.content_start(), line.content_end()));
                unit.spans.end = spans.len();
            }
            _ => units.push(Unit {
                kind: UnitKind::Prose,
                spans: open_span(&mut spans, (line.content_start(), line.content_end())),
                section: None,
            }),
        }
        prev_line = Some(body);
    }
    (units, spans)
}

/// Starts a unit's spans with `span`, at the end of the list of every unit's.
fn open_span(spans: &mut Vec<(usize, usize)>, span: (usize, usize)) -> Range<usize> {
    spans.push(span);
    spans.len() - 1..spans.len()
}

/// A prose line ends its block when it closes a sentence or is short (a heading), and the next
/// line opens like a new block.
fn ends_block(prev: &str, next: &str) -> bool {
    // Most lines continue a sentence in lower case: the previous line is not read for them.
    let opens = next.trim_start().chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
    let prev = prev.trim_end();
    let closes = || prev.ends_with(['.', '!', '?', ':']);
    let short = || prev.chars().count() < SHORT_LINE && !prev.ends_with([',', ';', '-']);
    opens && (closes() || short())
}

/// The source ranges a document's running text leaves out, sorted by start, with how far the
/// ranges up to each reach (the furthest end of it and those before): the ranges a unit may
/// overlap are bounded by two binary searches, not found by testing every range of the
/// document for every unit.
struct Exclusions {
    ranges: Vec<Excluded>,
    reach: Vec<usize>,
}

impl Exclusions {
    fn new(mut ranges: Vec<Excluded>) -> Exclusions {
        ranges.sort_by_key(|e| e.start);
        let reach = ranges
            .iter()
            .scan(0, |far, e| {
                *far = e.end.max(*far);
                Some(*far)
            })
            .collect();
        Exclusions { ranges, reach }
    }

    /// The ranges that overlap one of `spans`, in order.
    fn within(&self, spans: &[(usize, usize)]) -> Vec<Excluded> {
        let (Some(low), Some(high)) = (spans.iter().map(|s| s.0).min(), spans.iter().map(|s| s.1).max())
        else {
            return Vec::new();
        };
        let first = self.reach.partition_point(|&r| r <= low);
        let until = self.ranges.partition_point(|e| e.start < high);
        let near = self.ranges.get(first..until).unwrap_or_default();
        near.iter().filter(|e| spans.iter().any(|&(s, en)| e.start < en && e.end > s)).copied().collect()
    }
}

/// Joins source spans (lines) into clean text: one space between lines; a line-end hyphen
/// glued to the next word unless that word is a conjunction (`regulerings- og`); a URL broken
/// over lines glued back together.
fn join_spans(text: &str, spans: &[(usize, usize)], lex: &Lexicon, excluded: &[Excluded]) -> Clean {
    // Clean text is never longer than its lines and a separator each.
    let len = spans.iter().map(|&(s, e)| e.saturating_sub(s) + 1).sum();
    let mut clean = Clean::with_capacity(len, spans.len());
    for (k, &(start, end)) in spans.iter().enumerate() {
        if k > 0 {
            let next = text.get(start..end).unwrap_or_default();
            let prev = spans.get(k - 1).and_then(|&(s, e)| text.get(s..e)).unwrap_or_default();
            // A soft hyphen at a line's end breaks a word: the two halves join directly.
            let soft_break = prev.trim_end().ends_with('\u{ad}');
            clean.join(if soft_break { Join::Glue } else { join_kind(&clean.text, next, lex) });
        }
        clean.push_span(text, start, end, excluded);
    }
    clean.finish()
}

fn join_kind(before: &str, next: &str, lex: &Lexicon) -> Join {
    let before = before.trim_end();
    // The next line's first word, read only where a URL or a hyphen ends the line.
    let first = || next.split_whitespace().next().unwrap_or_default();
    if line_ends_in_url(before) && !first().starts_with("http") {
        return Join::Glue;
    }
    if before.ends_with('-') && !before.ends_with("--") {
        let first = first();
        let conjunction = lex.hyphen_conjunctions.iter().any(|c| c == first);
        return if conjunction { Join::Space } else { Join::Glue };
    }
    Join::Space
}

/// Where a marker was found.
#[derive(Debug, Clone, Copy)]
struct Marker {
    start: usize,
    paragraph: Option<u32>,
    web: bool,
}

/// Finds each footnote's marker in the running text: marker `n` after marker `n - 1` and
/// before body `n`. Returns the markers and the source ranges to leave out of running text
/// (the markers, and a web note's inline copy of its body).
fn find_markers(
    text: &str,
    index: &MarkerIndex,
    notes: &[(u32, Clean, usize)],
    lex: &Lexicon,
) -> (BTreeMap<u32, Marker>, Exclusions) {
    let mut markers = BTreeMap::new();
    let mut excluded = Vec::new();
    let mut after = 0usize;
    for (n, body, body_start) in notes {
        let Some(c) = index.first(*n, after, *body_start) else { continue };
        after = c.end;
        markers.insert(*n, Marker { start: c.start, paragraph: c.paragraph, web: c.web });
        excluded.push(Excluded { start: c.start, end: c.end, space: false });
        if c.web
            && let Some(len) = inline_copy(text.get(c.end..).unwrap_or_default(), &body.text, lex)
        {
            excluded.push(Excluded { start: c.end, end: c.end + len, space: true });
            after = c.end + len;
        }
    }
    (markers, Exclusions::new(excluded))
}

/// A token that may be footnote marker `n`: its source span and where it stands.
#[derive(Debug, Clone, Copy)]
struct MarkerCandidate {
    start: usize,
    end: usize,
    paragraph: Option<u32>,
    web: bool,
}

/// Every possible marker in the running text, by number and in source order, so finding
/// marker `n` after a position is a binary search, not a scan.
struct MarkerIndex {
    by_number: BTreeMap<u32, Vec<MarkerCandidate>>,
}

impl MarkerIndex {
    /// The candidates for the numbers from the first note's to the last's: the markers of the
    /// notes and of the bodies missing between them, all that is ever looked up. A document
    /// without notes reads no token.
    fn new(units: &[Unit], prelim: &[Clean], notes: &[(u32, Clean, usize)]) -> MarkerIndex {
        let mut by_number: BTreeMap<u32, Vec<MarkerCandidate>> = BTreeMap::new();
        let numbers = notes.iter().map(|(n, _, _)| *n);
        let (Some(lowest), Some(highest)) = (numbers.clone().min(), numbers.max()) else {
            return MarkerIndex { by_number };
        };
        for (unit, clean) in units.iter().zip(prelim) {
            for (at, tok) in tokens_holding(&clean.text, DIGIT_OR_BRACKET) {
                for n in marker_numbers(tok).filter(|n| (lowest..=highest).contains(n)) {
                    if let Some((off, len, web)) = marker_in(tok, n) {
                        by_number.entry(n).or_default().push(MarkerCandidate {
                            start: clean.source_start(at + off),
                            end: clean.source_end(at + off + len),
                            paragraph: unit.paragraph(),
                            web,
                        });
                    }
                }
            }
        }
        for list in by_number.values_mut() {
            list.sort_by_key(|c| c.start);
        }
        MarkerIndex { by_number }
    }

    /// The first candidate for `n` at or after `after` and before `before`.
    fn first(&self, n: u32, after: usize, before: usize) -> Option<MarkerCandidate> {
        let list = self.by_number.get(&n)?;
        let i = list.partition_point(|c| c.start < after);
        list.get(i).filter(|c| c.start < before).copied()
    }
}

/// The bytes a marker's token holds, one at least: only tokens with one are read for markers.
const DIGIT_OR_BRACKET: [(u8, u8); 2] = [(b'0', b'9'), (b'(', b'(')];

/// The series written with a bracket before their number, as [`looks_like_reference`] knows
/// them.
const BRACKETED_SERIES: [&str; 3] = ["COM(", "JOIN(", "SWD("];

/// The tokens of `text` that may look like a reference ([`looks_like_reference`]), with their
/// offsets: those holding a slash after a digit (`NNNN/N`) or a bracket after the last letter of
/// one of [`BRACKETED_SERIES`]. Slashes and brackets are found with memchr; most (`and/or`,
/// `(EU)`, `(a)`) are turned away on the byte before, and only the tokens around the others
/// are cut out.
fn reference_shaped_tokens(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let bytes = text.as_bytes();
    let mut next_token = 0;
    memchr::memchr2_iter(b'/', b'(', bytes).filter_map(move |hit| {
        let before = *bytes.get(hit.checked_sub(1)?)?;
        let shaped = match bytes.get(hit) {
            Some(b'/') => before.is_ascii_digit(),
            _ => BRACKETED_SERIES.iter().any(|series| series.as_bytes().iter().rev().nth(1) == Some(&before)),
        };
        if !shaped || hit < next_token {
            return None;
        }
        let (start, token) = token_around(text, next_token, hit);
        next_token = start + token.len() + 1;
        Some((start, token))
    })
}

/// The numbers a token could carry as a marker: its last one, two or three digits, or the
/// number in a `(n)`. Nothing is allocated: most tokens carry none.
fn marker_numbers(tok: &str) -> impl Iterator<Item = u32> + '_ {
    // Most tokens are words: no closing mark to trim, no digit at the end, no bracket.
    let core = match tok.as_bytes().last() {
        Some(b) if b.is_ascii_alphanumeric() => tok,
        _ => tok.trim_end_matches(['.', ',', ';', ':', '!', '?']),
    };
    let digits = core.len() - core.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    let trailing = (1..=digits.min(3))
        .filter_map(move |k| core.get(core.len() - k..))
        .filter(|d| !d.starts_with('0'))
        .filter_map(|d| d.parse().ok());
    let bracketed =
        tok.find('(').and_then(|p| web_marker(tok.get(p..).unwrap_or_default()).ok()).map(|(_, n)| n);
    trailing.chain(bracketed)
}

/// Marker `n` in a token: offset and length in the token, and whether it is the web form.
fn marker_in(token: &str, n: u32) -> Option<(usize, usize, bool)> {
    if let Some(p) = token.find('(') {
        let after_open = token.get(p..).unwrap_or_default();
        if p > 0 && web_marker(after_open).is_ok_and(|(_, m)| m == n) {
            let len = after_open.find(')').map_or(0, |c| c + 1);
            return Some((p, len, true));
        }
    }
    let core = token.trim_end_matches(['.', ',', ';', ':', '!', '?']);
    let digits = n.to_string().len();
    glued_marker(core, n).map(|at| (at, digits, false))
}

/// The length of the inline copy of a web note's body right after its marker (`(1)See
/// https://…`), matching the notes list's text, or a note opener and one URL when no list.
fn inline_copy(after: &str, body: &str, lex: &Lexicon) -> Option<usize> {
    let mut b = body.chars().filter(|c| !c.is_whitespace()).peekable();
    let mut consumed = 0;
    if !body.is_empty() {
        for (i, c) in after.char_indices() {
            if b.peek().is_none() {
                consumed = i;
                break;
            }
            if c.is_whitespace() || c == '\u{ad}' {
                continue;
            }
            // The body is clean text: compare the source as clean text reads it.
            let mut buf = [0u8; 4];
            let letters = ligature(c).unwrap_or_else(|| c.encode_utf8(&mut buf));
            for l in letters.chars() {
                if Some(&l) != b.peek() {
                    return None;
                }
                b.next();
            }
            consumed = i + c.len_utf8();
        }
        return (b.peek().is_none()).then_some(consumed);
    }
    let opener = lex.document.note_openers.iter().find(|o| after.starts_with(o.as_str()))?;
    let rest = &after[opener.len()..];
    let url_start = rest.len() - rest.trim_start().len();
    let url_len = rest.trim_start().find(char::is_whitespace).unwrap_or(rest.trim_start().len());
    Some(opener.len() + url_start + url_len)
}

/// The printed document number seen most often in the footers, with its register id.
fn most_common(refs: &[(String, String)]) -> Option<(String, String)> {
    let mut counts: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for (i, (_, id)) in refs.iter().enumerate() {
        let e = counts.entry(id.as_str()).or_insert((0, i));
        e.0 += 1;
    }
    let (_, &(_, first)) = counts.iter().max_by_key(|(_, (c, first))| (*c, std::cmp::Reverse(*first)))?;
    refs.get(first).cloned()
}

/// References and dates of one unit or footnote body.
#[allow(clippy::too_many_arguments)]
fn scan(
    doc_id: &DocId,
    clean: &Clean,
    idx: &LineIndex,
    date_grammar: &DateGrammar,
    paragraph: Option<u32>,
    footnote: Option<u32>,
    refs: &mut Vec<Reference>,
    dates: &mut Vec<DatedEvent>,
    findings: &mut Findings,
) {
    let found = find_references(&clean.text);
    let mut next_ref = 0;
    for (at, tok) in reference_shaped_tokens(&clean.text) {
        while found.get(next_ref).is_some_and(|r| r.end <= at) {
            next_ref += 1;
        }
        let covered = found.get(next_ref).is_some_and(|r| r.start < at + tok.len());
        if !covered && looks_like_reference(tok) {
            let start = clean.source_start(at);
            let message = format!("`{tok}` looks like a document reference but does not parse");
            findings.push(start, tok.len(), Severity::Warning, "unparsed-reference", message);
        }
    }
    for r in found {
        let start = clean.source_start(r.start);
        refs.push(Reference {
            doc_id: doc_id.clone(),
            ordinal: 0,
            kind: r.kind,
            surface: clean.text.get(r.start..r.end).unwrap_or_default().to_string(),
            normalized: r.normalized,
            paragraph: paragraph.map(i64::from),
            footnote: footnote.map(i64::from),
            line: count(idx.line_of(start)),
            byte_start: count(start),
            byte_end: count(clean.source_end(r.end)),
        });
    }
    let (found_dates, impossible) = date_grammar.scan(&clean.text);
    for bad in impossible {
        let start = clean.source_start(bad.start);
        let surface = clean.text.get(bad.clone()).unwrap_or_default();
        let message = format!("`{surface}` is not a date that exists");
        findings.push(start, bad.len(), Severity::Error, "impossible-date", message);
    }
    let starts = if found_dates.is_empty() { Vec::new() } else { sentence_starts(clean) };
    for d in found_dates {
        let start = clean.source_start(d.start);
        dates.push(DatedEvent {
            doc_id: doc_id.clone(),
            ordinal: 0,
            surface: clean.text.get(d.start..d.end).unwrap_or_default().to_string(),
            date_start: d.date_start,
            date_end: d.date_end,
            precision: d.precision,
            sentence: sentence_around(&clean.text, &starts, d.start, d.end),
            paragraph: paragraph.map(i64::from),
            footnote: footnote.map(i64::from),
            line: count(idx.line_of(start)),
            byte_start: count(start),
            byte_end: count(clean.source_end(d.end)),
        });
    }
}

/// A token shaped like a reference: `COM(`, `JOIN(`, `SWD(` or a Council number `NNNN/N`.
/// Either holds a bracket or a slash after the byte [`reference_shaped_tokens`] looks for.
fn looks_like_reference(tok: &str) -> bool {
    let t = tok.trim_matches(|c: char| matches!(c, '(' | ')' | '.' | ',' | ';' | ':'));
    if tok.bytes().any(|b| b == b'(') && BRACKETED_SERIES.iter().any(|p| tok.contains(p)) {
        return true;
    }
    let (number, rest) = t.split_once('/').unwrap_or((t, ""));
    let digits = number.len();
    (3..=5).contains(&digits)
        && number.chars().all(|c| c.is_ascii_digit())
        && rest.len() == 1
        && rest.chars().all(|c| c.is_ascii_digit())
}

/// Where sentences and list items start in a unit's clean text: after `.`, `!` or `?` before
/// a capital, and where a line opens a list item ([`Clean::item_starts`]).
fn sentence_starts(clean: &Clean) -> Vec<usize> {
    let text = clean.text.as_str();
    let mut bounds = clean.item_starts.clone();
    let bytes = text.as_bytes();
    for i in memchr::memchr3_iter(b'.', b'!', b'?', bytes) {
        if bytes.get(i + 1) == Some(&b' ') {
            let next = text.get(i + 2..).and_then(|t| t.chars().next());
            if next.is_some_and(|c| c.is_uppercase() || matches!(c, '"' | '“' | '„' | '–' | '•')) {
                bounds.push(i + 2);
            }
        }
    }
    bounds.sort_unstable();
    bounds
}

/// The sentence or list item holding `start..end`, given the unit's sentence starts.
fn sentence_around(text: &str, starts: &[usize], start: usize, end: usize) -> String {
    let i = starts.partition_point(|&b| b <= start);
    let from = i.checked_sub(1).and_then(|k| starts.get(k)).copied().unwrap_or(0);
    let to = starts[i..].iter().find(|&&b| b >= end).copied().unwrap_or(text.len());
    text.get(from..to).unwrap_or_default().trim().to_string()
}

/// `4` or `4–6`: the numbers from `from` up to, not including, `to`.
fn range_text(from: u32, to: u32) -> String {
    if to <= from + 1 { from.to_string() } else { format!("{from}–{}", to - 1) }
}

/// A marker for a footnote whose body is missing (`5G5` with no body 5): found between the
/// neighbouring markers and reported there.
fn check_missing_bodies(
    index: &MarkerIndex,
    notes: &[(u32, Clean, usize)],
    markers: &BTreeMap<u32, Marker>,
    findings: &mut Findings,
) {
    let numbers: Vec<u32> = notes.iter().map(|(n, _, _)| *n).collect();
    if !numbers.windows(2).any(|w| matches!(w, [a, b] if *b > a + 1)) {
        return;
    }
    for pair in numbers.windows(2) {
        let [a, b] = pair else { continue };
        let from = markers.get(a).map_or(0, |m| m.start + 1);
        let to = markers.get(b).map_or(usize::MAX, |m| m.start);
        for missing in a + 1..*b {
            if let Some(c) = index.first(missing, from, to) {
                let message = format!("footnote marker {missing} has no body");
                findings.push(
                    c.start,
                    c.end.saturating_sub(c.start),
                    Severity::Error,
                    "footnote-marker-without-body",
                    message,
                );
            }
        }
    }
}

/// Capitalised words where an operative verb would stand that the vocabulary does not know:
/// a warning naming the phrase, so the vocabulary can grow. Acronyms are not phrases: the
/// first word must have at least `UNKNOWN_CAPS_LETTERS` letters.
fn check_unknown_capitals(
    clean: &Clean,
    verbs: &[super::verb::VerbMatch],
    lex: &Lexicon,
    findings: &mut Findings,
) {
    let text = clean.text.as_str();
    if !capitals_outside(text, verbs) {
        return;
    }
    let mut prev_end_sentence = true;
    let mut prev_word = "";
    let mut next_verb = 0;
    let mut iter = tokens(text).peekable();
    while let Some((at, tok)) = iter.next() {
        let word = trim_clause_marks(tok);
        // After a sentence end or a coordinating word (`og`, `and`); a bare comma lists names.
        // The cheap tests first: most words are not in capitals (most fail on their first
        // letter), and few open a clause.
        let unknown = super::verb::is_caps(word)
            && (prev_end_sentence || lex.operative.coordinators.iter().any(|c| c == prev_word))
            && word.chars().filter(|c| c.is_alphabetic()).count() >= UNKNOWN_CAPS_LETTERS
            && word.chars().all(|c| c.is_alphabetic() || c == '-')
            && {
                // Verbs are in order and words come in order: the verb that may cover this
                // word is the first not ended before it.
                while verbs.get(next_verb).is_some_and(|v| v.end <= at) {
                    next_verb += 1;
                }
                verbs.get(next_verb).is_none_or(|v| v.start > at)
            };
        if unknown {
            let mut phrase = word.to_string();
            let mut end = at + word.len();
            while let Some((next_at, next)) = iter.peek() {
                let w = trim_clause_marks(next);
                if !super::verb::is_caps(w) || !w.chars().all(char::is_alphabetic) {
                    break;
                }
                phrase.push(' ');
                phrase.push_str(w);
                end = next_at + w.len();
                iter.next();
            }
            let start = clean.source_start(at);
            let len = clean.source_end(end).saturating_sub(start);
            let message =
                format!("`{phrase}` looks like an operative verb but is not in grammars/{}.toml", lex.code);
            findings.push(start, len, Severity::Warning, "unknown-operative", message);
        }
        prev_end_sentence = matches!(tok.as_bytes().last(), Some(b'.' | b'!' | b'?'));
        prev_word = tok;
    }
}

/// Whether `text` may hold a word [`check_unknown_capitals`] reports. Such a word is made of
/// capital or caseless letters and hyphens, so of bytes that are `A`–`Z`, `-` or part of a
/// character outside ASCII, and it has spaces or clause marks around it: it is a whole run of
/// at least `UNKNOWN_CAPS_LETTERS` such bytes, starting outside the verbs found. Most units have
/// no such run, or only in their verbs, and are not read word by word.
fn capitals_outside(text: &str, verbs: &[VerbMatch]) -> bool {
    let mut next_verb = 0;
    // As the word-by-word check finds the verb that may cover the word starting at `at`.
    any_capital_run(text, UNKNOWN_CAPS_LETTERS, |at| {
        while verbs.get(next_verb).is_some_and(|v: &VerbMatch| v.end <= at) {
            next_verb += 1;
        }
        verbs.get(next_verb).is_none_or(|v| v.start > at)
    })
}

/// A token without the `,` `.` `;` `:` it ends with (`FREMHÆVER,` is `FREMHÆVER`): ASCII marks,
/// trimmed as bytes.
fn trim_clause_marks(token: &str) -> &str {
    let kept = token.bytes().rposition(|b| !matches!(b, b',' | b'.' | b';' | b':')).map_or(0, |i| i + 1);
    token.get(..kept).unwrap_or(token)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excluded_within_spans_are_those_that_overlap_one() {
        let range = |start, end, space| Excluded { start, end, space };
        // Markers, and a web note's body (10..40) that runs past the markers after it.
        let excluded = [range(3, 4, false), range(10, 40, true), range(12, 13, false), range(50, 52, false)];
        let exclusions = Exclusions::new(excluded.to_vec());
        let every_span = [(0, 3), (0, 4), (4, 10), (5, 11), (14, 20), (40, 50), (41, 51), (52, 60), (0, 60)];
        for a in every_span {
            for b in every_span.iter().filter(|b| b.0 >= a.1) {
                let spans = [a, *b];
                let brute: Vec<Excluded> = excluded
                    .iter()
                    .filter(|e| spans.iter().any(|&(s, en)| e.start < en && e.end > s))
                    .copied()
                    .collect();
                assert_eq!(exclusions.within(&spans), brute, "{spans:?}");
            }
        }
        assert_eq!(exclusions.within(&[(14, 20)]), [range(10, 40, true)]);
        assert_eq!(exclusions.within(&[(40, 50)]), []);
    }

    #[test]
    fn clause_marks_are_trimmed_from_the_end_only() {
        assert_eq!(trim_clause_marks("FREMHÆVER,"), "FREMHÆVER");
        assert_eq!(trim_clause_marks("POZIVA:"), "POZIVA");
        assert_eq!(trim_clause_marks("tilgange;."), "tilgange");
        assert_eq!(trim_clause_marks("(2020)."), "(2020)");
        assert_eq!(trim_clause_marks("2.4"), "2.4");
        assert_eq!(trim_clause_marks(",."), "");
        assert_eq!(trim_clause_marks("RÅDET"), "RÅDET");
    }

    fn verb_at(text: &str, surface: &str) -> VerbMatch {
        let start = text.find(surface).unwrap();
        VerbMatch {
            start,
            end: start + surface.len(),
            surface: surface.into(),
            canonical: "".into(),
            form: VerbForm::Capitals,
        }
    }

    #[test]
    fn furniture_opens_with_a_digit_a_capital_or_an_annex_word() {
        let da = crate::lexicon::Lexicons::embedded().unwrap().get("da").unwrap();
        // seeds/002: a footer, a marking, an annex heading, and running text that is none.
        for line in ["7290/21   kmm 8", "BILAG JAI.2  DA", "BILAG", "Rådet minder om"] {
            assert!(may_open_furniture(line, da), "{line}");
        }
        for line in ["og beskyttet internet", "– styrke", "(2020)", "«det»"] {
            assert!(!may_open_furniture(line, da), "{line}");
            assert!(furniture_line(line, da).is_none() && !is_annex_heading(line, da), "{line}");
        }
    }

    #[test]
    fn capitals_outside_the_verbs_are_found_and_the_verbs_own_are_not() {
        // seeds/002, paragraph 3, and the validate test's unknown verb in its place.
        let known = "UNDERSTREGER behovet for at styrke EU's kapacitet";
        assert!(!capitals_outside(known, &[verb_at(known, "UNDERSTREGER")]));
        assert!(capitals_outside(known, &[]));
        let unknown = "BEKLAGER DYBT behovet for at styrke EU's kapacitet";
        assert!(capitals_outside(unknown, &[]));
        // A known verb before an unknown one covers only itself.
        let both = "UNDERSTREGER og BEKLAGER behovet";
        assert!(capitals_outside(both, &[verb_at(both, "UNDERSTREGER")]));
        // Non-ASCII capitals and hyphens are read as parts of a word (seeds/001, sl).
        assert!(capitals_outside("in ČESTITA Svetu", &[]));
        assert!(capitals_outside("X-Y-Z-W", &[]));
        // Near-misses: acronyms under six letters, and lower-case words with letters outside
        // ASCII, never make a run long enough.
        assert!(!capitals_outside("EU's, NATO's og OSCE's mandat", &[]));
        // `COVID-` is a run: such a unit is read word by word, where the digits rule it out.
        assert!(capitals_outside("COVID-19-pandemien", &[]));
        assert!(!capitals_outside("Rådet opfordrer Kommissionen til at fremlægge forslag", &[]));
        assert!(!capitals_outside("države članice so zavezane boju proti kibernetski", &[]));
    }

    fn run(text: &str) -> Outcome {
        let grammar = Grammar::embedded().unwrap();
        extract(text, Source { path: "t.txt", stem: "t", sha256: "" }, grammar)
    }

    /// A cover page as pdftotext writes the register's PDFs one cell per line, a footer one
    /// item per line, paragraph numbers alone on their lines, and a footnote.
    const ONE_PER_LINE: &str = "Council of the European Union
Brussels, 30 June 2023 (OR. en)
10289/23
LIMITE
CYBER 142
JAI 851
OUTCOME OF PROCEEDINGS
From:
General Secretariat of the Council
To:
Delegations
No. prev. doc.:
9876/23
Subject:
Cyber diplomacy
– Council conclusions (27 June 2023)
 Delegations will find in the annex the Council conclusions on cyber diplomacy, approved by the
Council at its meeting held on 27 June 2023.
10289/23
FM/es
1
JAI.2
LIMITE
EN
\u{c}ANNEX
COUNCIL CONCLUSIONS ON CYBER DIPLOMACY
THE COUNCIL OF THE EUROPEAN UNION,
RECALLING its conclusions of 19 June 2017 on a Framework for a Joint EU Diplomatic Response1,
1.
The Council reiterates its commitment to an open, free, stable and secure cyberspace and
underlines the importance of the framework.
2.
STRESSES the need to make full use of the EU cyber diplomacy toolbox and CALLS ON the
Member States to contribute to it.
                                                            
1 10474/17.
10289/23
FM/es
2
JAI.2
LIMITE
EN
";

    #[test]
    fn cover_footer_and_paragraphs_one_per_line() {
        let o = run(ONE_PER_LINE);
        let x = &o.extraction;
        assert_eq!(&*x.document.doc_id, "ST-10289-2023-INIT:en");
        assert_eq!(x.document.kind, DocKind::Note);
        // Lines 3-4, 19-24 and 37-42; 13 (`9876/23`) is the previous document's number.
        assert_eq!(x.document.furniture_lines, 14);
        let h = x.note_header.as_ref().unwrap();
        assert_eq!(h.label, "OUTCOME OF PROCEEDINGS");
        assert_eq!(h.sender.as_deref(), Some("General Secretariat of the Council"));
        assert_eq!(h.recipient.as_deref(), Some("Delegations"));
        assert_eq!(h.prev_doc.as_deref(), Some("9876/23"));
        assert_eq!(h.subject.as_deref(), Some("Cyber diplomacy – Council conclusions (27 June 2023)"));
        assert_eq!(h.subject_codes.as_deref(), Some("CYBER 142; JAI 851"));
        let numbers: Vec<i64> = x.paragraphs.iter().map(|p| p.number).collect();
        assert_eq!(numbers, [1, 2]);
        assert!(x.paragraphs[0].text.starts_with("The Council reiterates its commitment"));
        assert!(x.paragraphs[1].text.ends_with(" it."));
        let verbs: Vec<(Option<i64>, &str)> =
            x.operative_clauses.iter().map(|c| (c.paragraph, &*c.canonical)).collect();
        assert_eq!(
            verbs,
            [(Some(1), "REITERATES"), (Some(1), "UNDERLINES"), (Some(2), "STRESSES"), (Some(2), "CALLS_ON")]
        );
        assert_eq!(x.recitals.len(), 1);
        assert_eq!(&*x.recitals[0].canonical, "RECALLING");
        assert_eq!(x.footnotes.len(), 1);
        assert_eq!(x.footnotes[0].body, "10474/17.");
        assert_eq!(x.footnotes[0].marker_line, Some(28));
        assert!(x.references.iter().any(|r| r.normalized == "ST-10474-2017-INIT"));
        assert!(x.dated_events.iter().any(|d| d.surface == "19 June 2017"));
    }

    #[test]
    fn no_structure_is_other_with_a_notice() {
        let o = run("Mix the flour and the water.\nBake it for an hour.\n");
        assert_eq!(o.extraction.document.kind, DocKind::Other);
        assert_eq!(o.notices.first().map(|n| n.code), Some("not-council-document"));
    }

    #[test]
    fn reference_like_tokens_are_read_and_few_others() {
        // seeds/002's references and numbers around them, and near-misses.
        let text = "14435/17 COR 1, 7737/19; COM(2013) 48 final, (JOIN(2017) 450) 1234/5 12/2 \
                    123456/7 12. marts 2021 2019-2024 SWD(2020) 0123/4. og/eller (EU) (a) x/1234/5";
        let alike: Vec<&str> = tokens(text).map(|(_, t)| t).filter(|t| looks_like_reference(t)).collect();
        assert_eq!(alike, ["COM(2013)", "(JOIN(2017)", "1234/5", "SWD(2020)", "0123/4."]);
        let read: Vec<(usize, &str)> = reference_shaped_tokens(text).collect();
        assert!(read.iter().all(|&(at, t)| text.get(at..at + t.len()) == Some(t)), "{read:?}");
        let read: Vec<&str> = read.into_iter().map(|(_, t)| t).collect();
        assert_eq!(
            read,
            ["14435/17", "7737/19;", "COM(2013)", "(JOIN(2017)", "1234/5", "12/2", "123456/7", "SWD(2020)"]
                .into_iter()
                .chain(["0123/4.", "x/1234/5"])
                .collect::<Vec<_>>()
        );
        // Every token of the seeds that looks like a reference is read.
        for (_, seed) in crate::test_texts::texts_in("seeds") {
            let text = crate::grammar::text::fold_text(&seed);
            let alike: Vec<(usize, &str)> = tokens(&text).filter(|(_, t)| looks_like_reference(t)).collect();
            let read: Vec<(usize, &str)> =
                reference_shaped_tokens(&text).filter(|(_, t)| looks_like_reference(t)).collect();
            assert_eq!(read, alike);
        }
    }

    #[test]
    fn marker_tokens_are_the_tokens_with_digits_or_brackets() {
        // seeds/002: a glued marker, a bracketed one, words and a bare number around them.
        let text = "Rådet1 noterer sig (2) udtalelsen af 12. marts  og COM(2013) 7 ok";
        let wanted: Vec<(usize, &str)> =
            tokens(text).filter(|(_, t)| t.bytes().any(|b| b.is_ascii_digit() || b == b'(')).collect();
        assert_eq!(tokens_holding(text, DIGIT_OR_BRACKET).collect::<Vec<_>>(), wanted);
        assert_eq!(tokens_holding("ingen tal her", DIGIT_OR_BRACKET).count(), 0);
        assert_eq!(tokens_holding("", DIGIT_OR_BRACKET).count(), 0);
    }

    #[test]
    fn line_end_hyphens() {
        let lex = Grammar::embedded().unwrap().lexicons.get("da").unwrap();
        let text = "to EU-udbydere af DNS-\nrodservere og regulerings-\nog lovgivningsmæssig";
        let idx = LineIndex::new(text);
        let spans: Vec<(usize, usize)> = idx.lines.iter().map(|l| (l.start, l.end())).collect();
        assert_eq!(
            join_spans(text, &spans, lex, &[]).text,
            "to EU-udbydere af DNS-rodservere og regulerings- og lovgivningsmæssig"
        );
    }
}
