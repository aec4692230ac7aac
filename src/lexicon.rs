//! Language data: the `grammars/*.toml` files, embedded in the binary, parsed into typed
//! lexicons that the language-independent parsers in `grammar/` read.

use std::collections::{BTreeMap, HashMap};
use std::sync::OnceLock;

use serde::Deserialize;

use crate::error::Error;

/// The grammar files, embedded so the binary runs from any directory.
const GRAMMAR_FILES: &[(&str, &str)] = &[
    ("da.toml", include_str!("../grammars/da.toml")),
    ("en.toml", include_str!("../grammars/en.toml")),
    ("sl.toml", include_str!("../grammars/sl.toml")),
];

/// The language-independent vocabulary: canonical ids and their English glosses.
const CANONICAL_FILE: &str = include_str!("../grammars/canonical.toml");

/// The language-independent vocabulary (`grammars/canonical.toml`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Canonical {
    /// Operative-verb ids with an English gloss.
    pub verbs: BTreeMap<String, String>,
    /// Recital ids with an English gloss.
    pub recitals: BTreeMap<String, String>,
}

/// One language's data (`grammars/<code>.toml`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lexicon {
    /// ISO 639-1 code, lower case.
    pub code: String,
    /// The language's English name.
    pub name: String,
    /// Frequent short words, for detecting the language of a text without a footer code.
    pub stopwords: Vec<String>,
    /// Cover-page words.
    pub cover: Cover,
    /// Words that classify a document.
    pub document: DocumentWords,
    /// Operative verbs and how the lower-case form is recognised.
    pub operative: Operative,
    /// Recital openers: canonical id → phrases.
    pub recitals: BTreeMap<String, Vec<String>>,
    /// Month names and date connectives.
    pub dates: Dates,
    /// Words that may follow a line-end hyphen with a space (`regulerings- og`).
    pub hyphen_conjunctions: Vec<String>,
    /// Month forms folded to lower case, for one look-up per word.
    #[serde(skip)]
    month_index: HashMap<String, u32>,
    /// The first letters (lower case) of every month form: most words are rejected on these.
    #[serde(skip)]
    month_initials: Vec<char>,
}

/// Cover-page labels.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cover {
    /// Cover kinds as printed on the first line (`NOTE`, `I/A ITEM NOTE`, `DOPIS`).
    pub labels: Vec<String>,
    /// Sender labels, with their colon (`fra:`).
    pub sender: Vec<String>,
    /// Recipient labels (`til:`).
    pub recipient: Vec<String>,
    /// Subject labels (`Vedr.:`).
    pub subject: Vec<String>,
    /// Previous-document labels (`No. prev. doc.:`).
    pub prev_doc: Vec<String>,
    /// Words that open the place-and-date line (`Brussels,`).
    pub place: Vec<String>,
    /// Annex headings (`BILAG`, `ANNEX`).
    pub annex: Vec<String>,
    /// Distribution markings (`LIMITE`).
    pub markings: Vec<String>,
}

/// Words that tell what kind of document this is.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentWords {
    /// Words in a title that make the document conclusions (`konklusioner`).
    pub conclusions: Vec<String>,
    /// Titles of statements (`Erklæring`).
    pub statement: Vec<String>,
    /// Headings of a web article's notes list (`Notes`).
    pub notes_headings: Vec<String>,
    /// Words that open a web article's inline note (`See`).
    pub note_openers: Vec<String>,
}

/// Operative verbs.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Operative {
    /// Canonical id → phrases as printed in capitals; `…` marks where other words may stand.
    pub verbs: BTreeMap<String, Vec<String>>,
    /// The Council as the subject of a lower-case operative verb (`Rådet`, `The Council`).
    pub subjects: Vec<String>,
    /// Words that coordinate a further lower-case operative verb with an earlier one (`og`).
    pub coordinators: Vec<String>,
}

/// Date vocabulary.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dates {
    /// Twelve lists, January first: every form a month name takes in dates, lower case.
    pub months: Vec<Vec<String>>,
    /// Month forms that are also ordinary words and count only when capitalised (`may`).
    pub capitalised_only: Vec<String>,
    /// Day ordinal suffix after the day number (`.` in da/sl/de, empty in en).
    pub day_suffix: String,
    /// Words and dashes that always join the two ends of a range (`-`, `til`, `to`, `do`).
    pub range_connectives: Vec<String>,
    /// Words for "and" (`og`, `and`, `in`): they join a range only between two days of one
    /// month (`25. in 26. oktober 2025`) or after a range opener (`between 2019 and 2024`);
    /// elsewhere they join two separate dates (`i 2016 og … i 2018`).
    pub pair_connectives: Vec<String>,
    /// Words that may open a range (`from`, `between`, `fra`, `od`); never part of the surface.
    pub range_openers: Vec<String>,
}

impl Lexicon {
    /// Month number (1–12) for a word in any of its date forms, honouring `capitalised_only`.
    pub fn month(&self, word: &str) -> Option<u32> {
        let initial = word.chars().next()?.to_lowercase().next()?;
        if !self.month_initials.contains(&initial) {
            return None;
        }
        let month = *self.month_index.get(&fold(word))?;
        let lower_case = !word.chars().any(char::is_uppercase);
        if lower_case && self.dates.capitalised_only.iter().any(|w| same_word(word, w)) {
            return None;
        }
        Some(month)
    }

    /// Builds the look-up tables the parsed data does not carry.
    fn prepare(&mut self) {
        for (i, forms) in self.dates.months.iter().enumerate() {
            for form in forms {
                let month = u32::try_from(i + 1).unwrap_or(0);
                self.month_index.insert(fold(form), month);
                if let Some(c) = form.chars().next().and_then(|c| c.to_lowercase().next())
                    && !self.month_initials.contains(&c)
                {
                    self.month_initials.push(c);
                }
            }
        }
    }

    /// Whether a word, in any case, opens a range (`from`, `From`, `fra`).
    pub fn is_range_opener(&self, word: &str) -> bool {
        self.dates.range_openers.iter().any(|w| same_word(word, w))
    }
}

/// A word in lower case, final sigma as sigma, as [`same_word`] compares.
fn fold(word: &str) -> String {
    if word.is_ascii() {
        return word.to_ascii_lowercase();
    }
    word.chars().flat_map(char::to_lowercase).map(|l| if l == 'ς' { 'σ' } else { l }).collect()
}

/// Whether two words are equal ignoring case. Called for every candidate word in a text, so it
/// compares character by character instead of allocating lower-case copies. Final sigma folds to
/// sigma, as Unicode case folding does, so that a word in capitals ending in `Σ` finds a form
/// ending in `ς`.
fn same_word(a: &str, b: &str) -> bool {
    if a.is_ascii() && b.is_ascii() {
        return a.eq_ignore_ascii_case(b);
    }
    let fold = |c: char| c.to_lowercase().map(|l| if l == 'ς' { 'σ' } else { l });
    a.chars().flat_map(fold).eq(b.chars().flat_map(fold))
}

/// All lexicons, parsed once.
pub struct Lexicons {
    /// The shared vocabulary.
    pub canonical: Canonical,
    /// One per language, ordered by code.
    pub languages: Vec<Lexicon>,
    /// Stopword → indices of the languages that list it.
    stopwords: HashMap<String, Vec<usize>>,
}

impl Lexicons {
    /// The embedded grammars, parsed and checked once per process.
    pub fn embedded() -> Result<&'static Lexicons, Error> {
        static CELL: OnceLock<Result<Lexicons, Error>> = OnceLock::new();
        CELL.get_or_init(Lexicons::parse_embedded).as_ref().map_err(Clone::clone)
    }

    fn parse_embedded() -> Result<Lexicons, Error> {
        let canonical: Canonical = toml::from_str(CANONICAL_FILE)
            .map_err(|e| Error::Grammar { file: "canonical.toml".into(), message: e.to_string() })?;
        let mut languages = Vec::new();
        for (file, text) in GRAMMAR_FILES {
            let mut lexicon: Lexicon = toml::from_str(text)
                .map_err(|e| Error::Grammar { file: (*file).into(), message: e.to_string() })?;
            check(file, &lexicon, &canonical)?;
            lexicon.prepare();
            languages.push(lexicon);
        }
        languages.sort_by(|a, b| a.code.cmp(&b.code));
        let mut stopwords: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, lex) in languages.iter().enumerate() {
            for w in &lex.stopwords {
                stopwords.entry(w.to_lowercase()).or_default().push(i);
            }
        }
        Ok(Lexicons { canonical, languages, stopwords })
    }

    /// The indices (into `languages`) of the languages listing a lower-case stopword.
    pub fn stopword_languages(&self, word: &str) -> &[usize] {
        self.stopwords.get(word).map_or(&[], Vec::as_slice)
    }

    /// The lexicon of a language code.
    pub fn get(&self, code: &str) -> Option<&Lexicon> {
        self.languages.iter().find(|l| l.code == code)
    }
}

/// Every id a grammar uses must be in the canonical vocabulary, and every month listed.
fn check(file: &str, lexicon: &Lexicon, canonical: &Canonical) -> Result<(), Error> {
    let fail = |message: String| Error::Grammar { file: file.into(), message };
    if lexicon.dates.months.len() != 12 {
        return Err(fail(format!("{} month lists, expected 12", lexicon.dates.months.len())));
    }
    for id in lexicon.operative.verbs.keys() {
        if !canonical.verbs.contains_key(id) {
            return Err(fail(format!("operative verb id {id} is not in canonical.toml")));
        }
    }
    for id in lexicon.recitals.keys() {
        if !canonical.recitals.contains_key(id) {
            return Err(fail(format!("recital id {id} is not in canonical.toml")));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lex(code: &str) -> &'static Lexicon {
        Lexicons::embedded().unwrap().get(code).unwrap()
    }

    #[test]
    fn month_takes_any_case_but_capitalised_only_forms_need_a_capital() {
        assert_eq!(lex("da").month("juni"), Some(6));
        assert_eq!(lex("da").month("Juni"), Some(6));
        assert_eq!(lex("sl").month("OKTOBRA"), Some(10));
        assert_eq!(lex("en").month("Sept."), Some(9));
        assert_eq!(lex("en").month("May"), Some(5));
        assert_eq!(lex("en").month("MAY"), Some(5));
        assert_eq!(lex("en").month("may"), None);
        assert_eq!(lex("en").month("march"), None);
        assert_eq!(lex("en").month("Mayor"), None);
        assert_eq!(lex("da").month(""), None);
    }

    #[test]
    fn range_openers_in_any_case() {
        assert!(lex("en").is_range_opener("From"));
        assert!(lex("sl").is_range_opener("od"));
        assert!(!lex("da").is_range_opener("den"));
    }

    #[test]
    fn same_word_folds_case_beyond_ascii() {
        assert!(same_word("ÅR", "år"));
        assert!(same_word("OKTÓBER", "október"));
        assert!(same_word("ΜΑΐΟΣ", "μαΐος"));
        assert!(!same_word("maj", "maja"));
        assert!(!same_word("år", "ar"));
    }
}
