//! `councildata grammars [--format json]`: the embedded language grammars side by side, with
//! counts per language, so that gaps in a language's data are visible.

use serde::Serialize;

use crate::error::Error;
use crate::lexicon::{Lexicon, Lexicons};

/// Output format of `grammars`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// An aligned table.
    Table,
    /// A JSON array, one object per language.
    Json,
}

/// One language's counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// ISO 639-1 code.
    pub code: String,
    /// English name.
    pub name: String,
    /// Operative-verb phrases.
    pub verbs: usize,
    /// Canonical verb ids with at least one phrase.
    pub canonical: usize,
    /// Canonical verb ids in `canonical.toml`.
    pub canonical_total: usize,
    /// Recital phrases.
    pub recitals: usize,
    /// Month forms, all months together.
    pub months: usize,
    /// Cover labels: kinds, sender, recipient, subject, previous-document and place labels.
    pub labels: usize,
    /// Annex words.
    pub annex: usize,
    /// Stopwords for language detection.
    pub stopwords: usize,
}

impl Counts {
    fn of(lex: &Lexicon, canonical_total: usize) -> Counts {
        let cover = &lex.cover;
        Counts {
            code: lex.code.clone(),
            name: lex.name.clone(),
            verbs: lex.operative.verbs.values().map(Vec::len).sum(),
            canonical: lex.operative.verbs.values().filter(|v| !v.is_empty()).count(),
            canonical_total,
            recitals: lex.recitals.values().map(Vec::len).sum(),
            months: lex.dates.months.iter().map(Vec::len).sum(),
            labels: [
                &cover.labels,
                &cover.sender,
                &cover.recipient,
                &cover.subject,
                &cover.prev_doc,
                &cover.place,
            ]
            .iter()
            .map(|l| l.len())
            .sum(),
            annex: cover.annex.len(),
            stopwords: lex.stopwords.len(),
        }
    }
}

/// The counts of every embedded language, ordered by code.
pub fn counts() -> Result<Vec<Counts>, Error> {
    let lexicons = Lexicons::embedded()?;
    let total = lexicons.canonical.verbs.len();
    Ok(lexicons.languages.iter().map(|l| Counts::of(l, total)).collect())
}

/// The report as text, in the format asked for.
pub fn render(counts: &[Counts], format: Format) -> Result<String, Error> {
    match format {
        Format::Json => serde_json::to_string_pretty(counts)
            .map(|s| s + "\n")
            .map_err(|e| Error::Grammar { file: "*.toml".into(), message: e.to_string() }),
        Format::Table => {
            let mut out = format!(
                "{:<4} {:<11} {:>5} {:>9} {:>8} {:>6} {:>6} {:>5} {:>9}\n",
                "code", "name", "verbs", "canonical", "recitals", "months", "labels", "annex", "stopwords"
            );
            for c in counts {
                let canonical = format!("{}/{}", c.canonical, c.canonical_total);
                out.push_str(&format!(
                    "{:<4} {:<11} {:>5} {:>9} {:>8} {:>6} {:>6} {:>5} {:>9}\n",
                    c.code, c.name, c.verbs, canonical, c.recitals, c.months, c.labels, c.annex, c.stopwords
                ));
            }
            Ok(out)
        }
    }
}

/// Runs `grammars`: the report, for standard output.
pub fn run(format: Format) -> Result<String, Error> {
    render(&counts()?, format)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_is_listed_with_its_counts() {
        let counts = counts().unwrap();
        let codes: Vec<&str> = counts.iter().map(|c| c.code.as_str()).collect();
        assert_eq!(
            codes,
            [
                "bg", "cs", "da", "de", "el", "en", "es", "et", "fi", "fr", "ga", "hr", "hu", "it", "lt",
                "lv", "mt", "nl", "pl", "pt", "ro", "sk", "sl", "sv"
            ]
        );
        for c in &counts {
            assert!(c.verbs >= 20 && c.canonical >= 20, "{c:?}");
            assert!(c.months >= 12 && c.labels >= 8 && c.annex >= 1 && c.stopwords >= 20, "{c:?}");
        }
    }

    #[test]
    fn table_and_json() {
        let counts = counts().unwrap();
        let table = render(&counts, Format::Table).unwrap();
        assert!(table.starts_with("code name"));
        assert!(table.lines().any(|l| l.starts_with("de   German")));
        let json: serde_json::Value = serde_json::from_str(&render(&counts, Format::Json).unwrap()).unwrap();
        assert_eq!(json.as_array().map(Vec::len), Some(24));
        assert_eq!(json[3]["code"], "de");
    }
}
