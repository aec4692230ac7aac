//! validate's findings drawn like rustc's diagnostics, by codespan-reporting: the severity, code
//! and message, an arrow to `file:line:column`, and the source line with a caret under the spot;
//! plain, or in colour for a terminal.

use std::ops::Range;

use codespan_reporting::diagnostic::{Diagnostic, Label};
use codespan_reporting::files::{Error as FilesError, Files};
use codespan_reporting::term::termcolor::{Buffer, WriteColor};
use codespan_reporting::term::{self, Chars, Config};

use super::Finding;

/// The one source line a finding points at, seen by codespan as a file whose only line carries
/// the finding's line number: the document itself need not be kept.
struct OneLine<'a> {
    name: &'a str,
    number: usize,
    text: &'a str,
}

impl<'a> Files<'a> for OneLine<'a> {
    type FileId = ();
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, (): ()) -> Result<&'a str, FilesError> {
        Ok(self.name)
    }

    fn source(&'a self, (): ()) -> Result<&'a str, FilesError> {
        Ok(self.text)
    }

    fn line_index(&'a self, (): (), _byte_index: usize) -> Result<usize, FilesError> {
        Ok(0)
    }

    fn line_number(&'a self, (): (), _line_index: usize) -> Result<usize, FilesError> {
        Ok(self.number)
    }

    fn line_range(&'a self, (): (), line_index: usize) -> Result<Range<usize>, FilesError> {
        match line_index {
            0 => Ok(0..self.text.len()),
            given => Err(FilesError::LineTooLarge { given, max: 0 }),
        }
    }
}

/// The finding drawn as rustc draws an error; ANSI colours when `color`.
pub fn render(finding: &Finding, color: bool) -> String {
    let severity = if finding.is_error() {
        codespan_reporting::diagnostic::Severity::Error
    } else {
        codespan_reporting::diagnostic::Severity::Warning
    };
    let mut diagnostic = Diagnostic::new(severity).with_code(finding.code).with_message(&finding.message);
    let source = finding.source_line.as_deref().unwrap_or_default();
    let files = OneLine { name: &finding.file, number: finding.line, text: source };
    match (&finding.source_line, caret(finding)) {
        (Some(_), Some(span)) => diagnostic = diagnostic.with_labels(vec![Label::primary((), span)]),
        _ => {
            let place = match &finding.field {
                Some(field) => format!("{}:{} (column `{field}`)", finding.file, finding.line),
                None => format!("{}:{}:{}", finding.file, finding.line, finding.column),
            };
            diagnostic = diagnostic.with_notes(vec![format!("at {place}")]);
        }
    }
    let config = Config { chars: Chars::ascii(), ..Config::default() };
    let mut buffer = if color { Buffer::ansi() } else { Buffer::no_color() };
    if term::emit_to_write_style(&mut buffer, &config, &files, &diagnostic).is_err() {
        // The line and span come from the same text, so this cannot happen; fall back to one line.
        return format!(
            "{}:{}: {}[{}]: {}\n",
            finding.file, finding.line, finding.severity, finding.code, finding.message
        );
    }
    let _ = buffer.reset();
    String::from_utf8_lossy(buffer.as_slice()).into_owned()
}

/// The byte range under the caret: from the finding's column, `width` characters, inside the line.
fn caret(finding: &Finding) -> Option<Range<usize>> {
    let line = finding.source_line.as_deref()?;
    let mut starts = line.char_indices().map(|(i, _)| i).chain(std::iter::once(line.len()));
    let start = starts.nth(finding.column.saturating_sub(1))?;
    let end = starts.nth(finding.width.saturating_sub(1)).unwrap_or(line.len()).max(start);
    Some(start..end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(line: &str, column: usize, width: usize) -> Finding {
        Finding {
            file: "doc.txt".into(),
            line: 12,
            column,
            severity: "error",
            code: "paragraph-numbering",
            message: "paragraph 4 follows paragraph 2: 3 missing".into(),
            source_line: Some(line.into()),
            width,
            table: None,
            row: None,
            field: None,
        }
    }

    #[test]
    fn draws_like_rustc() {
        assert_eq!(
            render(&finding("4. OPFORDRER TIL fremme", 1, 2), false),
            "error[paragraph-numbering]: paragraph 4 follows paragraph 2: 3 missing\n   \
             --> doc.txt:12:1\n   |\n12 | 4. OPFORDRER TIL fremme\n   | ^^\n\n"
        );
    }

    #[test]
    fn caret_counts_characters_not_bytes() {
        let f = finding("– den fælles meddelelse af 31. februar 2013 til", 28, 16);
        let drawn = render(&f, false);
        assert!(drawn.contains("--> doc.txt:12:28\n"), "{drawn}");
        assert!(drawn.contains("\n   |                            ^^^^^^^^^^^^^^^^\n"), "{drawn}");
    }

    #[test]
    fn a_finding_without_a_line_names_its_place() {
        let mut f = finding("", 3, 1);
        f.source_line = None;
        f.field = Some("text".into());
        let drawn = render(&f, false);
        assert!(drawn.starts_with("error[paragraph-numbering]: "), "{drawn}");
        assert!(drawn.contains("= at doc.txt:12 (column `text`)"), "{drawn}");
    }

    #[test]
    fn colour_only_when_asked() {
        let f = finding("4. OPFORDRER TIL fremme", 1, 2);
        assert!(!render(&f, false).contains('\u{1b}'));
        assert!(render(&f, true).contains("\u{1b}["));
    }
}
