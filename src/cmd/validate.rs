//! `councildata validate FILE...`: extracts each document in memory and reports its findings
//! like a compiler, `file:line:column: severity[code]: message` with the source line and a
//! caret, or as JSON for scripts.

use std::fmt::Write as _;
use std::path::PathBuf;

use serde::Serialize;

use crate::cmd::extract::{Encoding, decode, extract_bytes, read_input};
use crate::error::Error;
use crate::grammar::Grammar;
use crate::grammar::document::{Notice, Severity};

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
        }
    }

    /// Is this an error (not a warning)?
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error.as_str()
    }

    /// The finding as a compiler prints it, with the source line and a caret under the spot.
    pub fn render(&self) -> String {
        let mut out = format!(
            "{}:{}:{}: {}[{}]: {}\n",
            self.file, self.line, self.column, self.severity, self.code, self.message
        );
        if let Some(src) = &self.source_line {
            let gutter = self.line.to_string().len();
            let pad = " ".repeat(gutter);
            let indent: String = src
                .chars()
                .take(self.column.saturating_sub(1))
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            let _ = writeln!(out, "{pad} |");
            let _ = writeln!(out, "{} | {}", self.line, src);
            let _ = writeln!(out, "{pad} | {indent}{}", "^".repeat(self.width));
        }
        out
    }
}

/// Validates documents; returns every finding, in file order.
pub fn validate_files(files: &[PathBuf], max_doc_bytes: u64) -> Result<Vec<Finding>, Error> {
    let grammar = Grammar::embedded()?;
    let mut errors = Vec::new();
    let inputs = crate::cmd::extract::collect_inputs(files, &mut errors);
    let mut findings: Vec<Finding> = errors.iter().map(|e| Finding::from_error(&e.to_string(), e)).collect();
    for input in &inputs {
        let name = input.source_path.clone();
        let display = input.path.clone().unwrap_or_else(|| PathBuf::from("-"));
        let checked = read_input(input, max_doc_bytes).and_then(|bytes| {
            let doc = extract_bytes(&bytes, input, Encoding::Utf8, grammar)?;
            let text = decode(&bytes, &display)?;
            Ok(doc.notices.iter().map(|n| Finding::from_notice(&name, text, n)).collect::<Vec<_>>())
        });
        match checked {
            Ok(list) => findings.extend(list),
            Err(e) => findings.push(Finding::from_error(&name, &e)),
        }
    }
    Ok(findings)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_like_a_compiler() {
        let f = Finding {
            file: "doc.txt".into(),
            line: 12,
            column: 1,
            severity: "error",
            code: "paragraph-numbering",
            message: "paragraph 4 follows paragraph 2: 3 missing".into(),
            source_line: Some("4. OPFORDRER TIL fremme".into()),
            width: 2,
        };
        assert_eq!(
            f.render(),
            "doc.txt:12:1: error[paragraph-numbering]: paragraph 4 follows paragraph 2: 3 missing\n   |\n12 | 4. OPFORDRER TIL fremme\n   | ^^\n"
        );
    }
}
