//! Cover headers: `NOTE / fra: / til: / Vedr.:` and their kin in every language, written inline
//! (`fra: Generalsekretariatet for Rådet`), one cell per line (`From:` / `General Secretariat…`)
//! or all labels first and then all values; with the `No. prev. doc.:` line, the place-and-date
//! line and subject codes. A subject runs over lines, `– …` continuations included, and stops
//! at page furniture or a page break.

use nom::{IResult, Parser, bytes::complete::tag, character::complete::space0, combinator::rest};

use super::furniture::{furniture_line, is_annex_heading, is_footer_item};
use super::text::{Line, fold_text};
use crate::lexicon::Lexicon;

/// Most lines before the cover label that may still belong to the cover page.
const COVER_LEAD: usize = 40;

/// A parsed cover header.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Header {
    /// The cover kind as printed (`NOTE`, `I/A ITEM NOTE`).
    pub label: String,
    /// Index (into the lines given) of the label line.
    pub label_index: usize,
    pub sender: Option<String>,
    pub recipient: Option<String>,
    pub subject: Option<String>,
    pub prev_doc: Option<String>,
    /// `Brussels, 30 June 2023 (OR. en)`.
    pub dated: Option<String>,
    /// Subject codes (`CYBER 142; JAI 851`).
    pub subject_codes: Option<String>,
    /// Indices of every line the header consumed, the label's included.
    pub consumed: Vec<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Sender,
    Recipient,
    Subject,
    PrevDoc,
}

// labelled = label space* value? ;
fn labelled<'a>(line: &'a str, lex: &Lexicon) -> Option<(Field, &'a str)> {
    let tables = [
        (Field::Sender, &lex.cover.sender),
        (Field::Recipient, &lex.cover.recipient),
        (Field::Subject, &lex.cover.subject),
        (Field::PrevDoc, &lex.cover.prev_doc),
    ];
    for (field, labels) in tables {
        for label in labels {
            let parsed: IResult<&str, (&str, &str, &str)> = (tag(label.as_str()), space0, rest).parse(line);
            if let Ok((_, (_, _, value))) = parsed {
                return Some((field, value.trim()));
            }
        }
    }
    None
}

// subject_code = upper{2,} space+ digit+ ;   `CYBER 142`
fn is_subject_code_line(line: &str) -> bool {
    let is_code = |w: &str| w.len() >= 2 && w.bytes().all(|b| b.is_ascii_uppercase());
    let is_number = |w: &str| w.bytes().all(|b| b.is_ascii_digit());
    let mut words = line.split_whitespace();
    let mut pairs = 0;
    loop {
        match (words.next(), words.next()) {
            (None, _) => return pairs > 0,
            (Some(code), Some(number)) if is_code(code) && is_number(number) => pairs += 1,
            _ => return false,
        }
    }
}

/// The cover header at the top of `lines`, if the document has one.
pub fn header(lines: &[Line], lex: &Lexicon) -> Option<Header> {
    let label_index = lines
        .iter()
        .take(COVER_LEAD)
        .position(|l| lex.cover.labels.iter().any(|label| l.trimmed() == label))?;
    let mut h = Header {
        label: lines.get(label_index)?.trimmed().to_string(),
        label_index,
        consumed: vec![label_index],
        ..Header::default()
    };
    let mut codes = Vec::new();
    for (i, line) in lines.iter().enumerate().take(label_index) {
        let t = line.trimmed();
        if lex.cover.place.iter().any(|p| t.starts_with(p.as_str())) {
            h.dated = Some(t.to_string());
            h.consumed.push(i);
        } else if is_subject_code_line(t) {
            codes.push(t.to_string());
            h.consumed.push(i);
        }
    }
    let mut pending: Vec<Field> = Vec::new();
    let mut current: Option<Field> = None;
    let mut values: Vec<(Field, Vec<String>)> = Vec::new();
    for (i, line) in lines.iter().enumerate().skip(label_index + 1) {
        let t = line.trimmed();
        if t.is_empty() {
            continue;
        }
        let after_subject = values.iter().any(|(f, _)| *f == Field::Subject);
        if (line.starts_page() && after_subject)
            || (pending.is_empty() && furniture_line(t, lex).is_some())
            || is_annex_heading(t, lex)
            || (after_subject && pending.is_empty() && is_footer_item(t, lex) && t.len() <= 8)
        {
            break;
        }
        if lex.cover.place.iter().any(|p| t.starts_with(p.as_str())) && h.dated.is_none() {
            h.dated = Some(t.to_string());
        } else if is_subject_code_line(t) {
            codes.push(t.to_string());
        } else if let Some((field, value)) = labelled(t, lex) {
            if value.is_empty() {
                pending.push(field);
                current = None;
            } else {
                values.push((field, vec![value.to_string()]));
                current = Some(field);
            }
        } else if !pending.is_empty() {
            let field = pending.remove(0);
            values.push((field, vec![t.to_string()]));
            current = Some(field);
        } else if let Some(field) = current {
            if let Some((_, v)) = values.iter_mut().rev().find(|(f, _)| *f == field) {
                v.push(t.to_string());
            }
        } else {
            break;
        }
        h.consumed.push(i);
    }
    for (field, parts) in values {
        let joined = join_wrapped(&parts);
        let slot = match field {
            Field::Sender => &mut h.sender,
            Field::Recipient => &mut h.recipient,
            Field::Subject => &mut h.subject,
            Field::PrevDoc => &mut h.prev_doc,
        };
        *slot = Some(joined);
    }
    if !codes.is_empty() {
        h.subject_codes = Some(codes.join("; "));
    }
    h.consumed.sort_unstable();
    Some(h)
}

/// Joins wrapped lines of a value with single spaces; a line-end hyphen joins without one.
fn join_wrapped(parts: &[String]) -> String {
    let mut out = String::new();
    for part in parts {
        let part = fold_text(part);
        if !out.is_empty() && (!out.ends_with('-') || out.ends_with(" -")) {
            out.push(' ');
        }
        out.push_str(&part);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::grammar::text::LineIndex;
    use crate::lexicon::Lexicons;

    fn parse(code: &str, text: &str) -> Header {
        let lex = Lexicons::embedded().unwrap().get(code).unwrap();
        let idx = LineIndex::new(text);
        header(&idx.lines, lex).unwrap()
    }

    #[test]
    fn inline_danish_cover() {
        // seeds/000, verbatim.
        let text = " NOTE \n\nfra: Generalsekretariatet for Rådet \n\ntil: De Faste Repræsentanters Komité/Rådet \n\n\
Vedr.: RÅDETS AFGØRELSE om undertegnelse på Den Europæiske Unions \nvegne af De Forenede Nationers konvention \n\n\
– Fælles erklæring fra Unionen og dens medlemsstater ved \nundertegnelsesceremonien \n\n \n\n12642/25 ADD 1   2 \n\nBILAG JAI.2 LIMITE DA \n";
        let h = parse("da", text);
        assert_eq!(h.label, "NOTE");
        assert_eq!(h.sender.as_deref(), Some("Generalsekretariatet for Rådet"));
        assert_eq!(h.recipient.as_deref(), Some("De Faste Repræsentanters Komité/Rådet"));
        assert_eq!(
            h.subject.as_deref(),
            Some(
                "RÅDETS AFGØRELSE om undertegnelse på Den Europæiske Unions vegne af De Forenede Nationers konvention – Fælles erklæring fra Unionen og dens medlemsstater ved undertegnelsesceremonien"
            )
        );
    }

    #[test]
    fn slovenian_cover_stops_at_page_break() {
        // seeds/001, verbatim.
        let text = " DOPIS \n\nPošiljatelj: Generalni sekretariat Sveta \n\nPrejemnik: Odbor stalnih predstavnikov/Svet \n\n\
Zadeva: SKLEP SVETA o podpisu \n\n– skupna izjava Unije in njenih držav članic na slovesnosti ob podpisu \n PRILOGA \n";
        let h = parse("sl", text);
        assert_eq!(h.label, "DOPIS");
        assert_eq!(h.sender.as_deref(), Some("Generalni sekretariat Sveta"));
        assert_eq!(
            h.subject.as_deref(),
            Some(
                "SKLEP SVETA o podpisu – skupna izjava Unije in njenih držav članic na slovesnosti ob podpisu"
            )
        );
    }

    #[test]
    fn subject_code_lines_are_code_and_number_pairs() {
        for line in ["CYBER 142", "CYBER 142 JAI 851", "JAI  851"] {
            assert!(is_subject_code_line(line), "{line}");
        }
        // seeds/000's footer `12642/25 ADD 1   2`, a code without its number, a capital
        // letter alone, a title-case word, a number glued to letters, nothing.
        for line in
            ["12642/25 ADD 1   2", "CYBER", "CYBER 142 JAI", "C 142", "Cyber 142", "CYBER 14a", "ÅR 12", ""]
        {
            assert!(!is_subject_code_line(line), "{line}");
        }
    }

    #[test]
    fn one_cell_per_line() {
        let text = "Council of the European Union\nBrussels, 30 June 2023 (OR. en)\n10289/23\nLIMITE\nCYBER 142\nJAI 851\n\
I/A ITEM NOTE\nFrom:\nGeneral Secretariat of the Council\nTo:\nPermanent Representatives Committee/Council\n\
No. prev. doc.:\n9876/23\nSubject:\nDraft Council conclusions on\ncyber diplomacy\n– Approval\n 1. The Council";
        let h = parse("en", text);
        assert_eq!(h.label, "I/A ITEM NOTE");
        assert_eq!(h.sender.as_deref(), Some("General Secretariat of the Council"));
        assert_eq!(h.recipient.as_deref(), Some("Permanent Representatives Committee/Council"));
        assert_eq!(h.prev_doc.as_deref(), Some("9876/23"));
        assert_eq!(h.subject.as_deref(), Some("Draft Council conclusions on cyber diplomacy – Approval"));
        assert_eq!(h.dated.as_deref(), Some("Brussels, 30 June 2023 (OR. en)"));
        assert_eq!(h.subject_codes.as_deref(), Some("CYBER 142; JAI 851"));
    }

    #[test]
    fn labels_first_then_values() {
        let text = "COVER NOTE\nFrom:\nTo:\nSubject:\nSecretary-General of the European Commission\nDelegations\n\
Commission staff working document\non cyber resilience\n\n10289/23   FM/es 1\n";
        let h = parse("en", text);
        assert_eq!(h.label, "COVER NOTE");
        assert_eq!(h.sender.as_deref(), Some("Secretary-General of the European Commission"));
        assert_eq!(h.recipient.as_deref(), Some("Delegations"));
        assert_eq!(h.subject.as_deref(), Some("Commission staff working document on cyber resilience"));
    }

    #[test]
    fn no_cover() {
        let lex = Lexicons::embedded().unwrap().get("da").unwrap();
        let idx = LineIndex::new(" BILAG \n\nRådets konklusioner om EU's strategi\n");
        assert_eq!(header(&idx.lines, lex), None);
    }
}
