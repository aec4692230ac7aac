//! Footnotes: body lines at a page's foot (`1 12109/13.`), the separator above them, the
//! numbered notes list of a web article (`1. See https://…`), and markers glued to words in
//! the running text (`internet"1`, `5G5`, `2019-202420`, `Resolution(1)`).

use nom::{
    IResult, Parser,
    bytes::complete::{take_while_m_n, take_while1},
    character::complete::{char, space0, space1},
    combinator::{map_res, rest, verify},
    sequence::{delimited, preceded, terminated},
};

/// Fewest spaces in a line that separates the footnotes from the page's text.
const SEPARATOR_WIDTH: usize = 20;

// note_number = digit{1,3} ;  (1 or more)
fn note_number(input: &str) -> IResult<&str, u32> {
    verify(map_res(take_while_m_n(1, 3, |c: char| c.is_ascii_digit()), str::parse::<u32>), |n| *n > 0)
        .parse(input)
}

// footnote_body_line = note_number space+ text ;
/// A footnote body line at a page's foot: its number and the body's first line.
pub fn footnote_body_line(input: &str) -> IResult<&str, (u32, &str)> {
    (terminated(note_number, space1), verify(rest, |s: &str| !s.trim().is_empty())).parse(input)
}

// web_note_line = space* note_number "." space+ text ;
/// An entry of a web article's notes list (`  1. See https://undocs.org/A/Res/74/247`).
pub fn web_note_line(input: &str) -> IResult<&str, (u32, &str)> {
    preceded(
        space0,
        (terminated(note_number, (char('.'), space1)), verify(rest, |s: &str| !s.trim().is_empty())),
    )
    .parse(input)
}

// web_marker = "(" note_number ")" ;
/// A web article's inline note marker, `(1)`.
pub fn web_marker(input: &str) -> IResult<&str, u32> {
    delimited(char('('), note_number, char(')')).parse(input)
}

// separator = " "{20,} | "_"{5,} ;
/// The line between a page's text and its footnotes: a long run of spaces (pdftotext's
/// rendering of the rule) or underscores.
pub fn is_separator(line: &str) -> bool {
    let rest = line.trim_start();
    match rest.as_bytes().first() {
        // A blank line: a rule drawn in spaces.
        None => line.bytes().take_while(|&b| b == b' ').count() >= SEPARATOR_WIDTH,
        Some(b'_') => {
            let underscores: IResult<&str, &str> = terminated(take_while1(|c| c == '_'), space0).parse(rest);
            underscores.is_ok_and(|(rest, run)| rest.is_empty() && run.len() >= 5)
        }
        // Most lines: a word.
        Some(_) => false,
    }
}

/// Where marker `n` is glued to the end of `token` (a word with its punctuation stripped): the
/// byte offset of the marker's digits in `token`, if the rest is a word.
///
/// A marker follows a letter, a closing quote or bracket, or a four-digit year
/// (`fra 20221` is 2022 + marker 1, `2019-202420` is 2019-2024 + marker 20); a token that is
/// only the number, or a shorter number, is not a marker.
pub fn glued_marker(token: &str, n: u32) -> Option<usize> {
    let mut number = itoa::Buffer::new();
    let prefix = token.strip_suffix(number.format(n))?;
    let last = prefix.chars().next_back()?;
    if last.is_alphabetic() || matches!(last, '"' | '”' | '“' | '\'' | '’' | ')' | ']' | '»') {
        return Some(prefix.len());
    }
    if last.is_ascii_digit() {
        let run = prefix.len() - prefix.trim_end_matches(|c: char| c.is_ascii_digit()).len();
        let before = prefix[..prefix.len() - run].chars().next_back();
        let year_like = run == 4
            && prefix[prefix.len() - 4..].parse::<u32>().is_ok_and(|y| (1900..=2099).contains(&y))
            && before.is_none_or(|c| !c.is_alphanumeric() || c == '-');
        if year_like {
            return Some(prefix.len());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn body_lines() {
        // seeds/002 and seeds/004.
        assert_eq!(footnote_body_line("1 12109/13. "), Ok(("", (1, "12109/13. "))));
        assert_eq!(footnote_body_line("18 13084/1/20 REV 1."), Ok(("", (18, "13084/1/20 REV 1."))));
        assert_eq!(
            footnote_body_line("21 19.2.2020 COM(2020) 67 final."),
            Ok(("", (21, "19.2.2020 COM(2020) 67 final.")))
        );
        assert!(footnote_body_line("12109/13.").is_err());
        assert!(footnote_body_line("1.").is_err());
        assert!(footnote_body_line("0 nothing").is_err());
    }

    #[test]
    fn web_notes() {
        // seeds/003.
        assert_eq!(
            web_note_line("  1. See https://undocs.org/A/Res/74/247"),
            Ok(("", (1, "See https://undocs.org/A/Res/74/247")))
        );
        assert_eq!(web_marker("(12)See"), Ok(("See", 12)));
        assert!(web_marker("(b)").is_err());
        assert!(web_marker("(2020)").is_err());
    }

    #[test]
    fn separators() {
        assert!(is_separator(&" ".repeat(49)));
        assert!(is_separator("__________"));
        assert!(!is_separator(" "));
        assert!(!is_separator("   text   "));
        assert!(is_separator("   _____  "));
        assert!(!is_separator(&" ".repeat(19)));
        assert!(is_separator(&format!("{}\t", " ".repeat(20))));
        assert!(!is_separator(&format!("\t{}", " ".repeat(20))));
        assert!(!is_separator("____"));
        assert!(!is_separator("_____ Rådets"));
        assert!(!is_separator("A_____"));
    }

    #[test]
    fn markers_glued_to_words() {
        // seeds/002: internet"1, internetforvaltning2, 5G5, covid-19-pandemien10, 2019-202420.
        assert_eq!(glued_marker("internet\"1", 1), Some(9));
        assert_eq!(glued_marker("internetforvaltning2", 2), Some(19));
        assert_eq!(glued_marker("5G5", 5), Some(2));
        assert_eq!(glued_marker("covid-19-pandemien10", 10), Some(18));
        assert_eq!(glued_marker("2019-202420", 20), Some(9));
        let token = "(\"cyberdiplomatisk værktøjskasse\")13";
        assert_eq!(glued_marker(token, 13), Some(token.len() - 2));
        // seeds/004: fra 20221 = 2022 + marker 1.
        assert_eq!(glued_marker("20221", 1), Some(4));
    }

    #[test]
    fn numbers_that_are_not_markers() {
        assert_eq!(glued_marker("1", 1), None);
        assert_eq!(glued_marker("2021", 1), None);
        assert_eq!(glued_marker("2021", 21), None);
        assert_eq!(glued_marker("covid-19", 19), None);
        assert_eq!(glued_marker("5G", 5), None);
        assert_eq!(glued_marker("123452", 2), None);
        assert_eq!(glued_marker("internet2", 1), None);
    }
}
