//! Language detection: the footer's language code when the document prints one, else the
//! language whose frequent short words the text uses most.

use super::text::alphabetic_words;
use crate::lexicon::{Lexicon, Lexicons};

/// Words read for detection: a page or two, far more than stopword counts need to decide, and
/// bounded so a long document costs no more than a short one.
const SAMPLE_WORDS: usize = 1000;
/// Words read between two looks at whether the leading language can still be overtaken.
const LEAD_CHECK: usize = 32;
/// Longer words are no stopwords (in bytes; Greek and Bulgarian letters take two).
const MAX_STOPWORD: usize = 24;

/// How a language was decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Evidence {
    /// The footer's language code.
    Footer,
    /// Counting frequent words.
    Stopwords,
}

/// The lexicon for a document: the footer code if a grammar exists for it, else by stopwords.
pub fn detect<'l>(
    text: &str,
    footer_code: Option<&str>,
    lexicons: &'l Lexicons,
) -> Option<(&'l Lexicon, Evidence)> {
    if let Some(lex) = footer_code.and_then(|code| lexicons.get(code)) {
        return Some((lex, Evidence::Footer));
    }
    let mut scores = vec![0usize; lexicons.languages.len()];
    let words = alphabetic_words(text).filter(|w| w.len() <= MAX_STOPWORD);
    for (read, word) in words.take(SAMPLE_WORDS).enumerate() {
        let mut languages = lexicons.stopword_languages(word);
        while languages != 0 {
            if let Some(score) = scores.get_mut(languages.trailing_zeros() as usize) {
                *score += 1;
            }
            languages &= languages - 1;
        }
        // Each word left in the sample adds at most one to any score: once the leader is
        // further ahead than that, the rest cannot change it.
        if read % LEAD_CHECK == 0 && lead(&scores) > SAMPLE_WORDS - read - 1 {
            break;
        }
    }
    let (best, score) = scores.iter().enumerate().max_by_key(|(i, s)| (**s, std::cmp::Reverse(*i)))?;
    (*score > 0).then(|| lexicons.languages.get(best).map(|l| (l, Evidence::Stopwords)))?
}

/// How far the best score is ahead of the second best.
fn lead(scores: &[usize]) -> usize {
    let (best, second) = scores.iter().fold(
        (0, 0),
        |(best, second), &s| {
            if s > best { (s, best) } else { (best, second.max(s)) }
        },
    );
    best - second
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(text: &str, footer: Option<&str>) -> Option<&'static str> {
        let lexicons = Lexicons::embedded().unwrap();
        detect(text, footer, lexicons).map(|(l, _)| l.code.as_str())
    }

    #[test]
    fn footer_code_wins() {
        assert_eq!(code("The Council of the European Union", Some("da")), Some("da"));
    }

    #[test]
    fn by_frequent_words() {
        // seeds/004, seeds/001, seeds/003.
        assert_eq!(
            code("I en stadig mere udfordrende geopolitisk kontekst, som forværres af Ruslands", None),
            Some("da")
        );
        assert_eq!(
            code("EU in njene države članice so zavezane boju proti kibernetski kriminaliteti", None),
            Some("sl")
        );
        assert_eq!(
            code("The General Assembly adopted on 27 December 2019 a Resolution on the report", None),
            Some("en")
        );
    }

    #[test]
    fn reading_stops_only_when_the_leader_is_decided() {
        assert_eq!(lead(&[3, 7, 5, 7]), 0);
        assert_eq!(lead(&[3, 9, 5, 7]), 2);
        assert_eq!(lead(&[0, 0]), 0);
        // seeds/004 repeated past the sample, then English: the Danish lead decides it.
        let danish =
            "I en stadig mere udfordrende geopolitisk kontekst, som forværres af Ruslands ".repeat(80);
        let english = " the of and to in is that for it with as on at by".repeat(200);
        assert_eq!(code(&format!("{danish}{english}"), None), Some("da"));
        // A mixed sample is read to its end: English wins on the last words.
        let half = "I en stadig mere udfordrende geopolitisk kontekst ".repeat(40);
        let rest = " the of and to in is that for it with".repeat(50);
        assert_eq!(code(&format!("{half}{rest}"), None), Some("en"));
    }

    #[test]
    fn unknown_footer_code_falls_back_to_words() {
        assert_eq!(code("The report of the Committee", Some("xx")), Some("en"));
        assert_eq!(code("12345 67890", None), None);
    }
}
