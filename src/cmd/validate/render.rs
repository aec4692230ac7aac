//! validate's findings drawn like a compiler's, by codespan-reporting's renderer: the line
//! `file:line:column: severity[code]: message`, then the source line with a caret under the
//! spot, as rustc draws it; plain, or in colour for a terminal.

use std::io::Write as _;
use std::ops::Range;

use codespan_reporting::diagnostic::{LabelStyle, Severity};
use codespan_reporting::term::termcolor::{Buffer, WriteColor};
use codespan_reporting::term::{Chars, Config, Renderer};

use super::Finding;

/// The finding drawn as a compiler draws it; ANSI colours when `color`.
pub fn render(finding: &Finding, color: bool) -> String {
    let mut buffer = if color { Buffer::ansi() } else { Buffer::no_color() };
    if draw(finding, &mut buffer).is_err() {
        // Writing to memory does not fail; should it, the plain header still says everything.
        return format!("{}\n", header(finding));
    }
    let _ = buffer.reset();
    String::from_utf8_lossy(buffer.as_slice()).into_owned()
}

fn draw(finding: &Finding, buffer: &mut Buffer) -> Result<(), codespan_reporting::files::Error> {
    let severity = if finding.is_error() { Severity::Error } else { Severity::Warning };
    let config = Config { chars: Chars::ascii(), ..Config::default() };
    write!(buffer, "{}:{}:{}: ", finding.file, finding.line, finding.column)?;
    let mut renderer = Renderer::new(buffer, &config);
    renderer.render_header(None, severity, Some(finding.code), &finding.message)?;
    if let (Some(source), Some(caret)) = (&finding.source_line, caret(finding)) {
        let gutter = finding.line.to_string().len();
        renderer.render_snippet_empty(gutter, severity, 0, &[])?;
        let label = (LabelStyle::Primary, caret, "");
        renderer.render_snippet_source(gutter, finding.line, source, severity, &[label], 0, &[])?;
        renderer.render_empty()?;
    }
    Ok(())
}

fn header(finding: &Finding) -> String {
    format!(
        "{}:{}:{}: {}[{}]: {}",
        finding.file, finding.line, finding.column, finding.severity, finding.code, finding.message
    )
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
    fn draws_like_a_compiler() {
        assert_eq!(
            render(&finding("4. OPFORDRER TIL fremme", 1, 2), false),
            "doc.txt:12:1: error[paragraph-numbering]: paragraph 4 follows paragraph 2: 3 missing\n   \
             |\n12 | 4. OPFORDRER TIL fremme\n   | ^^\n\n"
        );
    }

    #[test]
    fn caret_counts_characters_not_bytes() {
        let drawn = render(&finding("– den fælles meddelelse af 31. februar 2013 til", 28, 16), false);
        assert!(drawn.starts_with("doc.txt:12:28: error[paragraph-numbering]: "), "{drawn}");
        assert!(drawn.contains("\n   |                            ^^^^^^^^^^^^^^^^\n"), "{drawn}");
    }

    #[test]
    fn a_finding_without_a_line_is_its_header() {
        let mut f = finding("", 3, 1);
        f.source_line = None;
        assert_eq!(render(&f, false), format!("{}\n", header(&f)));
    }

    #[test]
    fn colour_only_when_asked() {
        let f = finding("4. OPFORDRER TIL fremme", 1, 2);
        assert!(!render(&f, false).contains('\u{1b}'));
        assert!(render(&f, true).contains("\u{1b}["));
    }
}
