//! Numbered paragraphs (`1. FREMHÆVER, at …`), their lettered points (`a) styrke …`) and the
//! numbered section headings they stand under (`1. INDLEDNING`), recognised at a line's start.

use nom::{
    IResult, Parser,
    branch::alt,
    bytes::complete::{tag, take_while_m_n},
    character::complete::{char, satisfy, space0, space1},
    combinator::{eof, map_res, recognize, verify},
    error::{Error, ErrorKind},
    multi::fold,
    sequence::{delimited, terminated},
};

use super::verb::is_caps;

// paragraph_number = digit{1,3} "." ( space+ | end ) ;
/// The number opening a paragraph line; the paragraph text follows (or stands on the next line).
pub fn paragraph_number(input: &str) -> IResult<&str, u32> {
    opens_with(input, |c, _| c.is_ascii_digit())?;
    terminated(
        verify(map_res(take_while_m_n(1, 3, |c: char| c.is_ascii_digit()), str::parse::<u32>), |n| *n > 0),
        (char('.'), alt((space1, eof))),
    )
    .parse(input)
}

// point_label = ( letter ")" | "(" letter ")" ) space+ ;
/// The letter opening a lettered point, `a)` or `(a)`, in any script (el `α)`, bg `а)`).
pub fn point_label(input: &str) -> IResult<&str, char> {
    opens_with(input, |c, next| c == '(' || (is_point_letter(c) && next == Some(')')))?;
    let letter = || satisfy(is_point_letter);
    terminated(alt((terminated(letter(), char(')')), delimited(char('('), letter(), char(')')))), space1)
        .parse(input)
}

fn is_point_letter(c: char) -> bool {
    c.is_lowercase() && c.is_alphabetic()
}

/// Fails where `input` does not open as its rule may, judged on the first character and the
/// next: tested before the combinators run, since most lines of a document open no paragraph,
/// point or heading.
fn opens_with(input: &str, opening: impl Fn(char, Option<char>) -> bool) -> IResult<&str, ()> {
    let mut chars = input.chars();
    match chars.next() {
        Some(c) if opening(c, chars.next()) => Ok((input, ())),
        _ => Err(nom::Err::Error(Error::new(input, ErrorKind::Satisfy))),
    }
}

// roman_number = ( "I" | "V" | "X" ){1,5} ;
fn roman_number(input: &str) -> IResult<&str, &str> {
    take_while_m_n(1, 5, is_roman_digit).parse(input)
}

fn is_roman_digit(c: char) -> bool {
    matches!(c, 'I' | 'V' | 'X')
}

// heading_number = ( digit{1,2} | roman_number ) "." space+ ;
fn heading_number(input: &str) -> IResult<&str, &str> {
    terminated(
        recognize(alt((take_while_m_n(1, 2, |c: char| c.is_ascii_digit()), roman_number))),
        (tag("."), space1),
    )
    .parse(input)
}

/// Most words a section heading has.
const HEADING_WORDS: usize = 12;

// section_heading = heading_number caps_word { space caps_word } space* end ;
/// A whole line that is a numbered heading in capitals (`2. PRIORITEREDE TILTAG`), returned
/// trimmed. A line in capitals ending with a comma, or longer than a heading, is a paragraph,
/// and a numbered paragraph (`1. FREMHÆVER, at …`) is told apart at its first word in lower
/// case, without reading the rest of its line.
pub fn section_heading(line: &str) -> Option<&str> {
    let trimmed = line.trim_start();
    opens_with(trimmed, |c, _| c.is_ascii_digit() || is_roman_digit(c)).ok()?;
    let trimmed = trimmed.trim_end();
    let (rest, _) = heading_number(trimmed).ok()?;
    let caps_word = verify(word_then_space, |word: &str| is_caps(word));
    let (_, words) =
        terminated(recognize(fold(1..=HEADING_WORDS, caps_word, || (), |(), _| ())), (space0, eof))
            .parse(rest)
            .ok()?;
    (!words.trim_end().ends_with([',', ';'])).then_some(trimmed)
}

fn word_then_space(input: &str) -> IResult<&str, &str> {
    terminated(nom::bytes::complete::take_till1(|c: char| c.is_whitespace()), space0).parse(input)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraph_numbers() {
        // seeds/002 paragraphs 1 and 12.
        assert_eq!(paragraph_number("1. FREMHÆVER, at"), Ok(("FREMHÆVER, at", 1)));
        assert_eq!(paragraph_number("12. HILSER det"), Ok(("HILSER det", 12)));
        // A number alone on its line, the text on the next.
        assert_eq!(paragraph_number("1."), Ok(("", 1)));
    }

    #[test]
    fn not_paragraph_numbers() {
        // seeds/003: section numbers of an article; a date; a decimal.
        assert!(paragraph_number("1.1.The background").is_err());
        assert!(paragraph_number("1.2. A Resolution").is_err());
        assert!(paragraph_number("19.2.2020 COM(2020) 67 final.").is_err());
        assert!(paragraph_number("2.500 delegates").is_err());
        assert!(paragraph_number("0. Nothing").is_err());
        assert!(paragraph_number("1234. Too long").is_err());
        // Lines opening with no digit end at their first character.
        assert!(paragraph_number("RÅDET FOR DEN EUROPÆISKE UNION,").is_err());
        assert!(paragraph_number("").is_err());
    }

    #[test]
    fn point_labels() {
        // seeds/004 paragraph 4.
        assert_eq!(point_label("a) styrke sin kapacitet"), Ok(("styrke sin kapacitet", 'a')));
        assert_eq!(point_label("(h) udvikle"), Ok(("udvikle", 'h')));
        assert!(point_label("a)styrke").is_err());
        assert!(point_label("A) Styrke").is_err());
        assert!(point_label("og) x").is_err());
        assert!(point_label("1) styrke").is_err());
        assert!(point_label("").is_err());
    }

    #[test]
    fn headings() {
        // seeds/004.
        assert_eq!(section_heading("1. INDLEDNING "), Some("1. INDLEDNING"));
        assert_eq!(section_heading("2. PRIORITEREDE TILTAG"), Some("2. PRIORITEREDE TILTAG"));
        assert_eq!(section_heading("II. EXTERNAL DIMENSION"), Some("II. EXTERNAL DIMENSION"));
    }

    #[test]
    fn paragraphs_are_not_headings() {
        // seeds/002 paragraph 1 opens in capitals but goes on in lower case.
        assert_eq!(section_heading("1. FREMHÆVER, at cybersikkerhed er afgørende"), None);
        assert_eq!(section_heading("3. UNDERSTREGER behovet for"), None);
        assert_eq!(section_heading("4. OPFORDRER TIL,"), None);
        assert_eq!(section_heading("INDLEDNING"), None);
        assert_eq!(section_heading("  "), None);
        // Twelve words in capitals make a heading, thirteen a paragraph; so does a space other
        // than a space or a tab between its words, or one before its first.
        let words = |n: usize| vec!["EU"; n].join(" ");
        assert!(section_heading(&format!("5. {}", words(12))).is_some());
        assert_eq!(section_heading(&format!("5. {}", words(13))), None);
        assert_eq!(section_heading("5. DEN\u{a0}EUROPÆISKE UNION"), None);
        assert_eq!(section_heading("5.  DEN EUROPÆISKE\tUNION"), Some("5.  DEN EUROPÆISKE\tUNION"));
        assert_eq!(section_heading("5. DEN europæiske UNION"), None);
    }
}
