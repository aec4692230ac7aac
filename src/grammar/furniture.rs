//! Page furniture: the footer lines a Council PDF prints on every page (`12642/25 ADD 1   2`,
//! `7290/21   kmm 8`, `BILAG JAI.2 LIMITE DA`), also when pdftotext writes them one item per
//! line (`10289/23` / `FM/es` / `1` / `JAI.2` / `LIMITE` / `EN`).

use nom::{
    IResult, Parser,
    branch::alt,
    bytes::complete::{tag, take_while_m_n, take_while1},
    character::complete::{char, space0, space1},
    combinator::{eof, opt, recognize, verify},
    multi::many0_count,
    sequence::{preceded, terminated},
};

use super::reference::{CouncilRef, council_ref};
use crate::lexicon::Lexicon;

/// A furniture line, with what it tells about the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Furniture {
    /// The document's number, with the page number when printed on the same line.
    Reference { council_ref: CouncilRef, printed: String, page: Option<u32> },
    /// The annex word, directorate code, marking and language code (`BILAG JAI.2 LIMITE DA`).
    Marking { language: Option<String> },
}

// initials = alpha{2,4} ( "/" alpha{2,4} )? ;   `kmm`, `FM/es`
fn initials(input: &str) -> IResult<&str, &str> {
    let alpha = || take_while_m_n(2, 4, |c: char| c.is_alphabetic());
    recognize((alpha(), opt((char('/'), alpha())))).parse(input)
}

// page_number = digit{1,3} ;
fn page_number(input: &str) -> IResult<&str, u32> {
    nom::combinator::map_res(take_while_m_n(1, 3, |c: char| c.is_ascii_digit()), str::parse).parse(input)
}

// reference_line = council_ref ( space{2,} ( initials space+ )? page_number )? space* end ;
fn reference_line(input: &str) -> IResult<&str, (CouncilRef, &str, Option<u32>)> {
    let (rest, (printed, parsed)) = nom::combinator::consumed(council_ref).parse(input)?;
    let (rest, page) = opt(preceded(
        verify(space1, |s: &str| s.len() >= 2),
        preceded(opt(terminated(initials, space1)), page_number),
    ))
    .parse(rest)?;
    let (rest, _) = (space0, eof).parse(rest)?;
    Ok((rest, (parsed, printed, page)))
}

// directorate = upper{2,8} ( "." ( upper | digit ){1,3} )+ ;   `JAI.2`, `RELEX.1.C`
fn directorate(input: &str) -> IResult<&str, &str> {
    recognize((
        take_while_m_n(2, 8, |c: char| c.is_ascii_uppercase()),
        nom::multi::many1_count((char('.'), take_while_m_n(1, 3, |c: char| c.is_ascii_alphanumeric()))),
    ))
    .parse(input)
}

// language_code = upper{2} ;
fn language_code(input: &str) -> IResult<&str, &str> {
    take_while_m_n(2, 2, |c: char| c.is_ascii_uppercase()).parse(input)
}

/// One of the lexicon's words, as a whole word.
fn one_of<'a>(words: &'a [String]) -> impl Fn(&'a str) -> IResult<&'a str, &'a str> + 'a {
    move |input: &'a str| {
        for w in words {
            if let Ok((rest, m)) = tag::<_, _, nom::error::Error<&str>>(w.as_str()).parse(input)
                && (rest.is_empty() || rest.starts_with(char::is_whitespace))
            {
                return Ok((rest, m));
            }
        }
        Err(nom::Err::Error(nom::error::Error::new(input, nom::error::ErrorKind::Tag)))
    }
}

// marking_line = ( annex_word space+ )? directorate ( space+ marking )* space+ language_code space* end ;
fn marking_line<'a>(input: &'a str, lex: &'a Lexicon) -> IResult<&'a str, &'a str> {
    let (rest, _) = opt(terminated(one_of(&lex.cover.annex), space1)).parse(input)?;
    let (rest, _) = directorate(rest)?;
    let (rest, _) = many0_count(preceded(space1, one_of(&lex.cover.markings))).parse(rest)?;
    let (rest, code) = preceded(space1, language_code).parse(rest)?;
    let (rest, _) = (space0, eof).parse(rest)?;
    Ok((rest, code))
}

// footer_item = initials | page_number | directorate | marking | language_code | annex_word ;
fn footer_item<'a>(input: &'a str, lex: &'a Lexicon) -> IResult<&'a str, &'a str> {
    terminated(
        alt((
            recognize(directorate),
            one_of(&lex.cover.markings),
            one_of(&lex.cover.annex),
            recognize(page_number),
            initials,
        )),
        (space0, eof),
    )
    .parse(input)
}

/// The furniture a trimmed line is, if any. Each rule is parsed only on a line with its ends:
/// a document number opens with a digit, a marking line ends in a language code.
pub fn furniture_line(line: &str, lex: &Lexicon) -> Option<Furniture> {
    let line = line.trim();
    if line.starts_with(|c: char| c.is_ascii_digit())
        && let Ok((_, (council_ref, printed, page))) = reference_line(line)
    {
        return Some(Furniture::Reference { council_ref, printed: printed.trim_end().to_string(), page });
    }
    if ends_in_language_code(line)
        && let Ok((_, code)) = marking_line(line, lex)
    {
        return Some(Furniture::Marking { language: Some(code.to_lowercase()) });
    }
    None
}

/// Whether a trimmed line ends as a marking line does: a space, then a language code
/// (`BILAG JAI.2 LIMITE DA`).
pub fn ends_in_language_code(line: &str) -> bool {
    match line.as_bytes() {
        [.., b' ' | b'\t', a, b] => a.is_ascii_uppercase() && b.is_ascii_uppercase(),
        _ => false,
    }
}

/// A line that can stand in a footer written one item per line.
pub fn is_footer_item(line: &str, lex: &Lexicon) -> bool {
    let line = line.trim();
    !line.is_empty() && footer_item(line, lex).is_ok()
}

/// A language code alone, the last item of a one-per-line footer (`EN`).
pub fn footer_language(line: &str) -> Option<String> {
    terminated(language_code, (space0, eof)).parse(line.trim()).ok().map(|(_, code)| code.to_lowercase())
}

/// An annex heading alone on its line (`BILAG`, `PRILOGA`).
pub fn is_annex_heading(line: &str, lex: &Lexicon) -> bool {
    let line = line.trim();
    // Both forms open with an annex word: other lines are not parsed.
    if !lex.cover.annex.iter().any(|a| line.starts_with(a.as_str())) {
        return false;
    }
    terminated(one_of(&lex.cover.annex), (space0, eof)).parse(line).is_ok()
        || terminated(take_while1(|c: char| c.is_uppercase()), (space1, page_number, eof))
            .parse(line)
            .is_ok_and(|(_, w)| lex.cover.annex.iter().any(|a| a == w))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::Lexicons;

    fn lex(code: &str) -> &'static Lexicon {
        Lexicons::embedded().unwrap().get(code).unwrap()
    }

    #[test]
    fn reference_lines() {
        // seeds/000 and seeds/002.
        match furniture_line("12642/25 ADD 1   2 ", lex("da")) {
            Some(Furniture::Reference { printed, page, council_ref }) => {
                assert_eq!(printed, "12642/25 ADD 1");
                assert_eq!(page, Some(2));
                assert_eq!(council_ref.register_id(), "ST-12642-2025-ADD-1");
            }
            other => panic!("{other:?}"),
        }
        match furniture_line("7290/21   kmm 8 ", lex("da")) {
            Some(Furniture::Reference { printed, page, .. }) => {
                assert_eq!(printed, "7290/21");
                assert_eq!(page, Some(8));
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            furniture_line("10289/23", lex("en")),
            Some(Furniture::Reference { page: None, .. })
        ));
    }

    #[test]
    fn marking_lines() {
        // seeds/000, seeds/001, seeds/002.
        let da = lex("da");
        assert_eq!(
            furniture_line("BILAG JAI.2 LIMITE DA ", da),
            Some(Furniture::Marking { language: Some("da".into()) })
        );
        assert_eq!(
            furniture_line("BILAG JAI.2  DA ", da),
            Some(Furniture::Marking { language: Some("da".into()) })
        );
        assert_eq!(
            furniture_line("PRILOGA JAI.2 LIMITE SL ", lex("sl")),
            Some(Furniture::Marking { language: Some("sl".into()) })
        );
        assert_eq!(
            furniture_line("RELEX.1.C LIMITE EN", lex("en")),
            Some(Furniture::Marking { language: Some("en".into()) })
        );
    }

    #[test]
    fn text_is_not_furniture() {
        let da = lex("da");
        // seeds/002 footnote bodies and running text.
        assert_eq!(furniture_line("1 12109/13. ", da), None);
        assert_eq!(furniture_line("12109/13.", da), None);
        assert_eq!(furniture_line("3 14435/17 + COR 1.", da), None);
        assert_eq!(furniture_line("BILAG", da), None);
        assert_eq!(furniture_line("EU og dets medlemsstater DA", da), None);
        assert_eq!(furniture_line("11/12/2025", da), None);
    }

    #[test]
    fn marking_lines_end_in_a_language_code() {
        assert!(ends_in_language_code("BILAG JAI.2 LIMITE DA"));
        assert!(ends_in_language_code("JAI.2\tLIMITE\tEN"));
        // No space before the code, a lower-case code, a full stop after it, the code alone.
        assert!(!ends_in_language_code("JAI.2 LIMITE-DA"));
        assert!(!ends_in_language_code("BILAG JAI.2 LIMITE da"));
        assert!(!ends_in_language_code("EU og dets medlemsstater DA."));
        assert!(!ends_in_language_code("DA"));
    }

    #[test]
    fn one_item_per_line() {
        let en = lex("en");
        for item in ["FM/es", "1", "JAI.2", "LIMITE", "kmm", "ANNEX"] {
            assert!(is_footer_item(item, en), "{item}");
        }
        assert_eq!(footer_language("EN"), Some("en".into()));
        assert!(!is_footer_item("The Council", en));
        assert!(!is_footer_item("1.", en));
    }

    #[test]
    fn annex_headings() {
        assert!(is_annex_heading(" BILAG ", lex("da")));
        assert!(is_annex_heading("ANNEX 2", lex("en")));
        assert!(!is_annex_heading("BILAG JAI.2 LIMITE DA", lex("da")));
        assert!(!is_annex_heading("Bilag", lex("da")));
        assert!(!is_annex_heading("BILAGENE 2", lex("da")));
        assert!(!is_annex_heading("RÅDET FOR DEN EUROPÆISKE UNION", lex("da")));
    }
}
