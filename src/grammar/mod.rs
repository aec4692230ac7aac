//! The nom parsers, one module per structure. They read language data from [`crate::lexicon`]
//! and never touch files; positions are byte offsets into the text they are given.

pub mod date;
pub mod document;
pub mod footnote;
pub mod furniture;
pub mod header;
pub mod language;
#[cfg(test)]
mod languages_tests;
pub mod paragraph;
pub mod reference;
pub mod text;
pub mod verb;

use std::sync::OnceLock;

use crate::error::Error;
use crate::lexicon::{Lexicon, Lexicons};
use date::DateGrammar;
use verb::VerbMatcher;

/// One language's vocabularies compiled into matchers.
#[derive(Debug)]
pub struct Compiled {
    /// Operative verbs.
    pub verbs: VerbMatcher,
    /// Recital openers.
    pub recitals: VerbMatcher,
    /// Dates.
    pub dates: DateGrammar<'static>,
}

/// The lexicons of every language with their compiled matchers, built once per process.
pub struct Grammar {
    /// The language data.
    pub lexicons: &'static Lexicons,
    /// Each language's matchers, compiled when the first document in it is read: most runs
    /// read a few of the languages, and compiling all of them was a third of the instructions
    /// of a run on one document.
    compiled: Vec<OnceLock<Compiled>>,
}

impl Grammar {
    /// The embedded grammars, compiled.
    pub fn embedded() -> Result<&'static Grammar, Error> {
        static CELL: OnceLock<Result<Grammar, Error>> = OnceLock::new();
        CELL.get_or_init(|| {
            let lexicons = Lexicons::embedded()?;
            if lexicons.languages.is_empty() {
                return Err(Error::Grammar { file: "*.toml".into(), message: "no language grammar".into() });
            }
            let compiled = lexicons.languages.iter().map(|_| OnceLock::new()).collect();
            Ok(Grammar { lexicons, compiled })
        })
        .as_ref()
        .map_err(Clone::clone)
    }

    /// The compiled matchers of a language (the fallback's when the code is unknown).
    pub fn compiled(&self, code: &str) -> &Compiled {
        let i = self.lexicons.languages.iter().position(|l| l.code == code).unwrap_or(self.fallback_index());
        let i = i.min(self.compiled.len() - 1);
        self.compiled[i].get_or_init(|| compile(&self.lexicons.languages[i]))
    }

    /// The language used when none can be detected: English.
    pub fn fallback(&self) -> &Lexicon {
        &self.lexicons.languages[self.fallback_index()]
    }

    fn fallback_index(&self) -> usize {
        self.lexicons.languages.iter().position(|l| l.code == "en").unwrap_or(0)
    }
}

/// One language's matchers.
fn compile(lex: &'static Lexicon) -> Compiled {
    // Inside a paragraph a recital phrase (`SOM MINDER OM`) is a clause too.
    let mut clauses = lex.operative.verbs.clone();
    clauses.extend(lex.recitals.iter().map(|(k, v)| (k.clone(), v.clone())));
    Compiled {
        verbs: VerbMatcher::new(&clauses, lex),
        recitals: VerbMatcher::new(&lex.recitals, lex),
        dates: DateGrammar::new(lex),
    }
}
