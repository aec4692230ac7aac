//! References: Council documents, EUCO, COM and JOIN documents, URLs, normalised.
//!
//! Two entry points:
//!
//! - [`council_ref`], the nom production for a Council document number as printed
//!   (`13084/1/20 REV 1`), shared with the page-furniture parser;
//! - [`find_references`], which scans clean running text (furniture and footnote markers
//!   removed, lines joined with single spaces) and returns every reference in order.
//!
//! and [`line_ends_in_url`], which tells the line joiner where pdftotext broke a URL across
//! lines.
//!
//! The grammar is written out in `grammars/reference.ebnf`, one rule per production below.
//!
//! Normalised forms (`references.normalized`):
//!
//! | kind          | printed                     | normalised                   |
//! |---------------|-----------------------------|------------------------------|
//! | `council_doc` | `12109/13`                  | `ST-12109-2013-INIT`         |
//! | `council_doc` | `13084/1/20 REV 1`          | `ST-13084-2020-REV-1`        |
//! | `council_doc` | `ST 7290 2021 INIT`         | `ST-7290-2021-INIT`          |
//! | `euco`        | `EUCO 13/20`                | `EUCO-13-2020-INIT`          |
//! | `com`         | `COM(2020) 67 final`        | `52020DC0067` (CELEX)        |
//! | `join`        | `JOIN(2020) 22 final`       | `52020JC0022`                |
//! | `other`       | `SWD(2020) 3 final`         | `52020SC0003`                |
//! | `url`         | `https://…`                 | the URL                      |
//!
//! Decisions:
//!
//! - Two-digit years pivot at 50: `yy` is `19yy` when `yy > 50`, else `20yy`
//!   (`12345/51` → 1951, `12345/50` → 2050).
//! - The register writes an addendum before its revision (`ST-10149-2021-ADD-1-REV-1` for
//!   the printed `10149/1/21 REV 1 ADD 1`), so suffixes are put in the order ADD, REV, COR,
//!   AMD, EXT, DCL; only ADD before REV is attested, the rest follows the same logic. The
//!   middle number of `13084/1/20` is the revision counter: without a printed `REV n` it
//!   stands for `REV-1`.
//! - `14435/17 + COR 1` is two matches with disjoint spans: `14435/17` → `ST-14435-2017-INIT`
//!   and `COR 1` → `ST-14435-2017-COR-1`; the corrigendum's surface is `COR 1`, without the
//!   `+`, so that the two surfaces never overlap.
//! - A bare number needs 3 to 5 digits before the slash and may not read as a year
//!   (1950–2099): `2024/25` is a year span, `(EU) 2019/88` an act, `2022/10/17` a date. Small
//!   numbers (`9/19`) only count after `EUCO`. The two-digit year must end the word, so
//!   `11/12/2025` and `2016/679` yield nothing.
//! - COM numbers always normalise to the communication sector `DC`: a legislative proposal
//!   is `PC` in CELEX (`COM(2020) 825 final` → `52020PC0825`), which the number alone does
//!   not tell. SWD and SEC documents are `SC`; their kind is `other`.
//! - A URL runs from `http://` or `https://` to whitespace, a quote or an angle bracket;
//!   trailing `.`, `,`, `;`, `:`, `!`, `?`, `'` and an unbalanced `)` or `]` are sentence
//!   punctuation, not URL. A second scheme glued to a letter, digit, `-`, `_` or `.`
//!   (`…-bookhttps://www.norli.no/…`) starts a second URL; after `/`, `=` or `?` it is part of
//!   the first (archive and redirect links). A URL glued to the prose after it
//!   (`…-plenary/Many statements`) is left whole: no rule tells a path segment from a word.
//!   The scheme may be glued to the word before it (`2023https://…`).

use std::fmt::Write as _;
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, Input, MatchKind};
use memchr::memmem;
use nom::branch::alt;
use nom::bytes::complete::{tag, take_while_m_n, take_while1};
use nom::character::complete::{char, satisfy};
use nom::combinator::{map, not, opt, value, verify};
use nom::error::ErrorKind;
use nom::multi::many0;
use nom::sequence::{preceded, terminated};
use nom::{IResult, Parser};

use super::text::find_byte;
use crate::model::RefKind;

/// A Council document number as printed: `12109/13`, `13084/1/20 REV 1`, `12642/25 ADD 1`,
/// `14435/17 COR 1`, `12642/25 ADD 1 REV 2`.
///
/// ```
/// use councildata::grammar::reference::council_ref;
/// let (rest, r) = council_ref("13084/1/20 REV 1").unwrap();
/// assert_eq!(rest, "");
/// assert_eq!(r.register_id(), "ST-13084-2020-REV-1");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct CouncilRef {
    /// The document number, `13084`.
    pub number: u32,
    /// The middle number of `13084/1/20`, the revision counter.
    pub part: Option<u32>,
    /// Four-digit year; a printed `20` is 2020 (see the module docs for the pivot).
    pub year: i32,
    /// `REV 1`, `ADD 1`, … in printed order.
    pub suffixes: Vec<(Suffix, u32)>,
}

/// A version suffix of a Council document, as the register uses them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Suffix {
    /// A revision, `REV 1`.
    Rev,
    /// An addendum, `ADD 1`.
    Add,
    /// A corrigendum, `COR 1`.
    Cor,
    /// An amendment, `AMD 1`.
    Amd,
    /// A declassification, `DCL 1`.
    Dcl,
    /// An extract (partial release), `EXT 1`.
    Ext,
}

impl Suffix {
    /// The suffix as printed and in register identifiers: `REV`, `ADD`, ….
    pub fn as_str(self) -> &'static str {
        match self {
            Suffix::Rev => "REV",
            Suffix::Add => "ADD",
            Suffix::Cor => "COR",
            Suffix::Amd => "AMD",
            Suffix::Dcl => "DCL",
            Suffix::Ext => "EXT",
        }
    }

    /// Position in a register identifier: the addendum is the document, then its revision,
    /// then corrections and releases of that revision.
    fn register_rank(self) -> u8 {
        match self {
            Suffix::Add => 0,
            Suffix::Rev => 1,
            Suffix::Cor => 2,
            Suffix::Amd => 3,
            Suffix::Ext => 4,
            Suffix::Dcl => 5,
        }
    }
}

impl CouncilRef {
    /// The Council register's identifier: `ST-13084-2020-REV-1`, `ST-12109-2013-INIT`,
    /// `ST-12642-2025-ADD-1`, `ST-12642-2025-ADD-1-REV-2`.
    ///
    /// ```
    /// use councildata::grammar::reference::council_ref;
    /// let (_, r) = council_ref("12642/25 ADD 1 REV 2").unwrap();
    /// assert_eq!(r.register_id(), "ST-12642-2025-ADD-1-REV-2");
    /// ```
    pub fn register_id(&self) -> String {
        self.register_form("ST")
    }

    /// `{series}-{number}-{year}-` and `INIT` or the suffixes in register order.
    fn register_form(&self, series: &str) -> String {
        let mut suffixes = self.suffixes.clone();
        if let Some(part) = self.part
            && !suffixes.iter().any(|(s, _)| *s == Suffix::Rev)
        {
            suffixes.push((Suffix::Rev, part));
        }
        suffixes.sort_by_key(|(s, _)| s.register_rank());
        let mut id = format!("{series}-{}-{}", self.number, self.year);
        if suffixes.is_empty() {
            id.push_str("-INIT");
        }
        for (suffix, n) in suffixes {
            // Writing to a String cannot fail.
            let _ = write!(id, "-{}-{n}", suffix.as_str());
        }
        id
    }
}

/// One reference found by [`find_references`]: `&text[start..end]` is the surface as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefMatch {
    /// Byte offset of the first byte of the surface.
    pub start: usize,
    /// Byte offset one past the surface.
    pub end: usize,
    /// What was referred to.
    pub kind: RefKind,
    /// The register identifier, CELEX number or URL (see the module docs).
    pub normalized: String,
}

// ---------------------------------------------------------------------------------------
// Productions
// ---------------------------------------------------------------------------------------

fn error<T>(input: &str, kind: ErrorKind) -> IResult<&str, T> {
    Err(nom::Err::Error(nom::error::Error::new(input, kind)))
}

/// `min` to `max` ASCII digits not followed by another digit, as a number.
fn digits<'a>(min: usize, max: usize) -> impl Fn(&'a str) -> IResult<&'a str, u32> {
    move |input| {
        let (rest, ds) = terminated(
            take_while_m_n(min, max, |c: char| c.is_ascii_digit()),
            not(satisfy(|c| c.is_ascii_digit())),
        )
        .parse(input)?;
        match ds.parse() {
            Ok(n) => Ok((rest, n)),
            Err(_) => error(input, ErrorKind::Digit),
        }
    }
}

// blank = (" " | TAB | NO-BREAK SPACE)+
fn blank(input: &str) -> IResult<&str, &str> {
    take_while1(|c| c == ' ' || c == '\t' || c == '\u{a0}').parse(input)
}

// boundary = !(letter | digit | "_" | "/")      (a lookahead; consumes nothing)
fn boundary(input: &str) -> IResult<&str, ()> {
    not(satisfy(|c: char| c.is_alphanumeric() || c == '_' || c == '/')).parse(input)
}

// council_number = digit{3,5}, not a year 1950–2099
fn council_number(input: &str) -> IResult<&str, u32> {
    verify(digits(3, 5), |n| !(1950..=2099).contains(n)).parse(input)
}

// council_part = digit{1,2}
fn council_part(input: &str) -> IResult<&str, u32> {
    digits(1, 2).parse(input)
}

// council_year = digit{2} boundary        (yy > 50 → 19yy, else 20yy)
fn council_year(input: &str) -> IResult<&str, i32> {
    map(terminated(digits(2, 2), boundary), |yy| {
        let yy = yy as i32;
        if yy > 50 { 1900 + yy } else { 2000 + yy }
    })
    .parse(input)
}

// year4 = digit{4}
fn year4(input: &str) -> IResult<&str, i32> {
    map(digits(4, 4), |y| y as i32).parse(input)
}

// suffix = "REV" | "ADD" | "COR" | "AMD" | "DCL" | "EXT"
fn suffix(input: &str) -> IResult<&str, Suffix> {
    alt((
        value(Suffix::Rev, tag("REV")),
        value(Suffix::Add, tag("ADD")),
        value(Suffix::Cor, tag("COR")),
        value(Suffix::Amd, tag("AMD")),
        value(Suffix::Dcl, tag("DCL")),
        value(Suffix::Ext, tag("EXT")),
    ))
    .parse(input)
}

// suffix_pair = suffix st_sep digit{1,3} boundary
fn suffix_pair(input: &str) -> IResult<&str, (Suffix, u32)> {
    map((suffix, st_sep, terminated(digits(1, 3), boundary)), |(s, _, n)| (s, n)).parse(input)
}

// suffixes = (blank suffix_pair)*
fn suffixes(input: &str) -> IResult<&str, Vec<(Suffix, u32)>> {
    many0(preceded(blank, suffix_pair)).parse(input)
}

/// `number "/" [council_part "/"] council_year suffixes`, for Council and EUCO numbers.
fn numbered<'a>(
    number: fn(&'a str) -> IResult<&'a str, u32>,
    input: &'a str,
) -> IResult<&'a str, CouncilRef> {
    let (rest, (number, part, year)) = alt((
        map((number, char('/'), council_part, char('/'), council_year), |(n, _, p, _, y)| (n, Some(p), y)),
        map((number, char('/'), council_year), |(n, _, y)| (n, None, y)),
    ))
    .parse(input)?;
    let (rest, suffixes) = suffixes(rest)?;
    Ok((rest, CouncilRef { number, part, year, suffixes }))
}

/// The nom production for a printed Council document number; used by the page-furniture
/// parser too. It does not look behind: callers check that the number starts a word.
///
/// ```text
/// council_ref = council_number "/" [council_part "/"] council_year suffixes
/// ```
///
/// ```
/// use councildata::grammar::reference::council_ref;
/// let (rest, r) = council_ref("12642/25 ADD 1   2").unwrap();
/// assert_eq!((rest, r.register_id().as_str()), ("   2", "ST-12642-2025-ADD-1"));
/// assert!(council_ref("11/12/2025").is_err());
/// ```
pub fn council_ref(input: &str) -> IResult<&str, CouncilRef> {
    numbered(council_number, input)
}

// plus_suffix = [blank] "+" [blank] suffix_pair
/// Returns the input at the start of `suffix_pair`, where the attached reference's surface
/// begins.
fn plus_suffix(input: &str) -> IResult<&str, (&str, (Suffix, u32))> {
    let (at, _) = (opt(blank), char('+'), opt(blank)).parse(input)?;
    let (rest, pair) = suffix_pair(at)?;
    Ok((rest, (at, pair)))
}

// euco_number = digit{1,5}
fn euco_number(input: &str) -> IResult<&str, u32> {
    digits(1, 5).parse(input)
}

// euco_ref = "EUCO" blank euco_number "/" [council_part "/"] council_year suffixes
fn euco_ref(input: &str) -> IResult<&str, CouncilRef> {
    let (rest, _) = (tag("EUCO"), blank).parse(input)?;
    numbered(euco_number, rest)
}

// st_sep = blank | "-" | NON-BREAKING HYPHEN
fn st_sep(input: &str) -> IResult<&str, &str> {
    alt((blank, tag("-"), tag("\u{2011}"))).parse(input)
}

// st_version = "INIT" boundary | suffix_pair (st_sep suffix_pair)*
fn st_version(input: &str) -> IResult<&str, Vec<(Suffix, u32)>> {
    alt((
        value(Vec::new(), terminated(tag("INIT"), boundary)),
        map((suffix_pair, many0(preceded(st_sep, suffix_pair))), |(first, mut more)| {
            more.insert(0, first);
            more
        }),
    ))
    .parse(input)
}

// st_ref = "ST" st_sep digit{1,5} st_sep year4 st_sep st_version
//        | "ST" blank council_ref
fn st_ref(input: &str) -> IResult<&str, CouncilRef> {
    preceded(
        tag("ST"),
        alt((
            map(
                (st_sep, digits(1, 5), st_sep, year4, st_sep, st_version),
                |(_, number, _, year, _, suffixes)| CouncilRef { number, part: None, year, suffixes },
            ),
            preceded(blank, council_ref),
        )),
    )
    .parse(input)
}

/// A Commission document series and its CELEX sector-5 descriptor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Series {
    Com,
    Join,
    Swd,
    Sec,
}

impl Series {
    fn kind(self) -> RefKind {
        match self {
            Series::Com => RefKind::Com,
            Series::Join => RefKind::Join,
            Series::Swd | Series::Sec => RefKind::Other,
        }
    }

    fn celex_descriptor(self) -> &'static str {
        match self {
            Series::Com => "DC",
            Series::Join => "JC",
            Series::Swd | Series::Sec => "SC",
        }
    }
}

/// `COM(2020) 67 final` and its relatives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct CommissionRef {
    series: Series,
    year: i32,
    number: u32,
}

impl CommissionRef {
    /// `5` + year + descriptor + number padded to four digits: `52020DC0067`.
    fn celex(self) -> String {
        format!("5{}{}{:04}", self.year, self.series.celex_descriptor(), self.number)
    }
}

// commission_series = "COM" | "JOIN" | "SWD" | "SEC"
fn commission_series(input: &str) -> IResult<&str, Series> {
    alt((
        value(Series::Com, tag("COM")),
        value(Series::Join, tag("JOIN")),
        value(Series::Swd, tag("SWD")),
        value(Series::Sec, tag("SEC")),
    ))
    .parse(input)
}

// commission_number = digit{1,4} boundary
fn commission_number(input: &str) -> IResult<&str, u32> {
    terminated(digits(1, 4), boundary).parse(input)
}

// commission_ref = commission_series [blank] "(" year4 ")" [blank] commission_number [final]
//                | commission_series "/" year4 "/" commission_number [final]
// final = blank "final" boundary
fn commission_ref(input: &str) -> IResult<&str, CommissionRef> {
    let (rest, (series, (year, number))) = (
        commission_series,
        alt((
            map(
                (opt(blank), char('('), year4, char(')'), opt(blank), commission_number),
                |(_, _, y, _, _, n)| (y, n),
            ),
            map((char('/'), year4, char('/'), commission_number), |(_, y, _, n)| (y, n)),
        )),
    )
        .parse(input)?;
    let (rest, _) = opt((blank, tag("final"), boundary)).parse(rest)?;
    Ok((rest, CommissionRef { series, year, number }))
}

/// Characters that end a URL's run.
fn url_stop(c: char) -> bool {
    c.is_whitespace() || matches!(c, '<' | '>' | '"' | '“' | '”' | '‘' | '’' | '«' | '»')
}

/// Cuts `run` (a URL body after its scheme) where another scheme is glued to it.
fn before_glued_url(run: &str) -> &str {
    let bytes = run.as_bytes();
    for at in memmem::find_iter(bytes, b"http") {
        let rest = bytes.get(at..).unwrap_or_default();
        if !(rest.starts_with(b"http://") || rest.starts_with(b"https://")) {
            continue;
        }
        let glued = at
            .checked_sub(1)
            .and_then(|i| bytes.get(i))
            .is_some_and(|&b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'));
        if glued {
            return run.get(..at).unwrap_or(run);
        }
    }
    run
}

/// Strips sentence punctuation and unbalanced closing brackets from the end of a URL.
fn trim_url_end(mut url: &str) -> &str {
    let unbalanced = |s: &str, open: char, close: char| s.matches(close).count() > s.matches(open).count();
    while let Some(last) = url.chars().next_back() {
        let strip = match last {
            '.' | ',' | ';' | ':' | '!' | '?' | '\'' => true,
            ')' => unbalanced(url, '(', ')'),
            ']' => unbalanced(url, '[', ']'),
            _ => false,
        };
        if !strip {
            break;
        }
        url = url.get(..url.len() - last.len_utf8()).unwrap_or_default();
    }
    url
}

// scheme = "https://" | "http://"
fn scheme(input: &str) -> IResult<&str, &str> {
    alt((tag("https://"), tag("http://"))).parse(input)
}

// url = scheme (letter | digit) url_char*
//   up to whitespace, a quote or an angle bracket, or a second scheme glued on; trailing
//   sentence punctuation and unbalanced ")" or "]" are not part of it
fn url(input: &str) -> IResult<&str, &str> {
    let (body, _) = scheme(input)?;
    let run_end = body.find(url_stop).unwrap_or(body.len());
    let run = body.get(..run_end).unwrap_or_default();
    let kept = trim_url_end(before_glued_url(run));
    if !kept.starts_with(|c: char| c.is_alphanumeric()) {
        return error(input, ErrorKind::Verify);
    }
    let len = input.len() - body.len() + kept.len();
    match input.split_at_checked(len) {
        Some((url, rest)) => Ok((rest, url)),
        None => error(input, ErrorKind::Eof),
    }
}

// ---------------------------------------------------------------------------------------
// Scanning
// ---------------------------------------------------------------------------------------

/// What a candidate string announces.
#[derive(Debug, Clone, Copy)]
enum Trigger {
    /// A slash: maybe a Council number ends before it.
    Slash,
    Url,
    Euco,
    Commission,
    St,
}

/// The strings where a reference may be; the automaton finds them in one pass.
const TRIGGERS: [(&str, Trigger); 8] = [
    ("/", Trigger::Slash),
    ("http", Trigger::Url),
    ("EUCO", Trigger::Euco),
    ("COM", Trigger::Commission),
    ("JOIN", Trigger::Commission),
    ("SWD", Trigger::Commission),
    ("SEC", Trigger::Commission),
    ("ST", Trigger::St),
];

static CANDIDATES: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostFirst)
        .build(TRIGGERS.map(|(pattern, _)| pattern))
        // Eight short constant patterns: building cannot fail whatever the input.
        .expect("reference trigger automaton")
});

/// Finds every reference in `text`, in order, without overlaps; `&text[m.start..m.end]` is the
/// surface as written. `text` is clean running text: furniture and footnote markers removed,
/// lines joined with single spaces. See the module docs for what is recognised.
///
/// ```
/// use councildata::grammar::reference::find_references;
/// use councildata::model::RefKind;
/// let text = "3 14435/17 + COR 1.";
/// let found = find_references(text);
/// let got: Vec<_> = found.iter().map(|m| (&text[m.start..m.end], m.normalized.as_str())).collect();
/// assert_eq!(got, [("14435/17", "ST-14435-2017-INIT"), ("COR 1", "ST-14435-2017-COR-1")]);
/// assert_eq!(found[0].kind, RefKind::CouncilDoc);
/// ```
pub fn find_references(text: &str) -> Vec<RefMatch> {
    let mut found = Vec::new();
    // Every production but `url` reads a digit, and a URL's scheme has a colon: most
    // paragraphs have neither, and no candidate of theirs can parse.
    if find_byte(text.as_bytes(), [(b'0', b'9'), (b':', b':')]).is_none() {
        return found;
    }
    let mut pos = 0;
    while pos < text.len() {
        let Some(candidate) = CANDIDATES.find(Input::new(text).span(pos..text.len())) else {
            break;
        };
        let floor = found.last().map_or(0, |m: &RefMatch| m.end);
        let trigger = TRIGGERS.get(candidate.pattern().as_usize()).map(|t| t.1);
        let at = candidate.start();
        let end = match trigger {
            Some(Trigger::Slash) => council_doc_at(text, at, floor, &mut found),
            Some(Trigger::Url) => url_at(text, at, &mut found),
            Some(Trigger::Euco) => euco_at(text, at, &mut found),
            Some(Trigger::Commission) => commission_at(text, at, &mut found),
            Some(Trigger::St) => st_at(text, at, &mut found),
            None => None,
        };
        pos = end.unwrap_or(candidate.end());
    }
    found
}

/// Whether the character before `at` lets a word start at `at`.
fn starts_word(text: &str, at: usize, also_forbidden: &[char]) -> bool {
    match text.get(..at).and_then(|s| s.chars().next_back()) {
        None => true,
        Some(c) => !(c.is_alphanumeric() || c == '_' || also_forbidden.contains(&c)),
    }
}

/// Byte offset in `text` of `rest`, a suffix of it.
fn offset(text: &str, rest: &str) -> usize {
    text.len() - rest.len()
}

/// A Council number whose digits end at the slash at `slash`, plus `+ COR 1` attachments.
fn council_doc_at(text: &str, slash: usize, floor: usize, found: &mut Vec<RefMatch>) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut start = slash;
    while start > floor && slash - start < 6 && bytes.get(start - 1).is_some_and(u8::is_ascii_digit) {
        start -= 1;
    }
    if slash - start < 3 || !starts_word(text, start, &['/', '.', '-']) {
        return None;
    }
    let (rest, doc) = council_ref(text.get(start..)?).ok()?;
    found.push(RefMatch {
        start,
        end: offset(text, rest),
        kind: RefKind::CouncilDoc,
        normalized: doc.register_id(),
    });
    Some(attachments(text, rest, &doc, "ST", RefKind::CouncilDoc, found))
}

/// `+ COR 1` after a document: one more match each, relative to `doc`. Returns the end.
fn attachments(
    text: &str,
    mut rest: &str,
    doc: &CouncilRef,
    series: &str,
    kind: RefKind,
    found: &mut Vec<RefMatch>,
) -> usize {
    while let Ok((after, (at, pair))) = plus_suffix(rest) {
        let mut attached = doc.clone();
        attached.suffixes.push(pair);
        found.push(RefMatch {
            start: offset(text, at),
            end: offset(text, after),
            kind,
            normalized: attached.register_form(series),
        });
        rest = after;
    }
    offset(text, rest)
}

fn url_at(text: &str, at: usize, found: &mut Vec<RefMatch>) -> Option<usize> {
    let (rest, url) = url(text.get(at..)?).ok()?;
    let end = offset(text, rest);
    found.push(RefMatch { start: at, end, kind: RefKind::Url, normalized: url.to_owned() });
    Some(end)
}

fn euco_at(text: &str, at: usize, found: &mut Vec<RefMatch>) -> Option<usize> {
    if !starts_word(text, at, &[]) {
        return None;
    }
    let (rest, doc) = euco_ref(text.get(at..)?).ok()?;
    found.push(RefMatch {
        start: at,
        end: offset(text, rest),
        kind: RefKind::Euco,
        normalized: doc.register_form("EUCO"),
    });
    Some(attachments(text, rest, &doc, "EUCO", RefKind::Euco, found))
}

fn commission_at(text: &str, at: usize, found: &mut Vec<RefMatch>) -> Option<usize> {
    if !starts_word(text, at, &[]) {
        return None;
    }
    let (rest, doc) = commission_ref(text.get(at..)?).ok()?;
    let end = offset(text, rest);
    found.push(RefMatch { start: at, end, kind: doc.series.kind(), normalized: doc.celex() });
    Some(end)
}

fn st_at(text: &str, at: usize, found: &mut Vec<RefMatch>) -> Option<usize> {
    if !starts_word(text, at, &[]) {
        return None;
    }
    let (rest, doc) = st_ref(text.get(at..)?).ok()?;
    found.push(RefMatch {
        start: at,
        end: offset(text, rest),
        kind: RefKind::CouncilDoc,
        normalized: doc.register_id(),
    });
    Some(attachments(text, rest, &doc, "ST", RefKind::CouncilDoc, found))
}

// ---------------------------------------------------------------------------------------
// Footnote bodies: joining lines, mending URLs
// ---------------------------------------------------------------------------------------

/// Whether `line` ends inside a URL that goes on on the next line: its last word holds a URL
/// (the scheme may be glued to the word, `2023https://international-`) that stops right after
/// the scheme or at a character where pdftotext breaks URLs and a URL does not end:
/// `-`, `/`, `_`, `=`, `?`, `&`, `#`, `~`, `%`, `+`. A URL that ends in a letter or digit is
/// taken as complete (a break in the middle of a word cannot be told from the end of the
/// URL), as is one followed by sentence punctuation.
///
/// Give it the text joined so far, as [`join_lines`] does, not the bare last line: the middle
/// line of a URL broken over three lines (`partnerships.ec.europa.eu/…-projects-`) has no
/// scheme of its own.
///
/// ```
/// use councildata::grammar::reference::line_ends_in_url;
/// assert!(line_ends_in_url("3 Se listen over flagskibsprojekter for 2023https://international- "));
/// assert!(!line_ends_in_url("leverandører af EU-"));
/// assert!(!line_ends_in_url("https://data.consilium.europa.eu/doc/document/ST-11406-2022-INIT/da/pdf"));
/// ```
pub fn line_ends_in_url(line: &str) -> bool {
    const URL_BREAKS: [char; 10] = ['-', '/', '_', '=', '?', '&', '#', '~', '%', '+'];
    let line = line.trim_end();
    // A broken URL ends in one of the breaks (a bare scheme in its `/`), all ASCII: most lines
    // end here, on their last byte.
    if !line.as_bytes().last().is_some_and(|&b| URL_BREAKS.contains(&char::from(b))) {
        return false;
    }
    // Both schemes have a colon: most other lines end here, before the last word is cut out.
    // The bytes after the last ASCII white space hold that word, and other white space only
    // shortens it.
    let bytes = line.as_bytes();
    let tail =
        bytes.iter().rposition(|b| matches!(b, b'\t'..=b'\r' | b' ')).map_or(bytes, |at| &bytes[at + 1..]);
    if !tail.contains(&b':') {
        return false;
    }
    let Some(word) = line.rsplit(char::is_whitespace).next() else {
        return false;
    };
    let starts = [word.rfind("http://"), word.rfind("https://")];
    let Some(at) = starts.into_iter().flatten().max() else {
        return false;
    };
    let url = word.get(at..).unwrap_or_default();
    let Ok((after_scheme, _)) = scheme(url) else {
        return false;
    };
    after_scheme.is_empty() || url.ends_with(URL_BREAKS)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `(surface, kind, normalized)` for every reference in `text`; checks the spans first.
    fn refs(text: &str) -> Vec<(&str, RefKind, String)> {
        let found = find_references(text);
        let mut prev_end = 0;
        for m in &found {
            assert!(m.start >= prev_end && m.start < m.end, "{m:?} in {text:?}");
            prev_end = m.end;
        }
        found.into_iter().map(|m| (&text[m.start..m.end], m.kind, m.normalized)).collect()
    }

    fn one(text: &str) -> (&str, RefKind, String) {
        let mut all = refs(text);
        assert_eq!(all.len(), 1, "{text:?}: {all:?}");
        all.remove(0)
    }

    fn ids(text: &str) -> Vec<String> {
        refs(text).into_iter().map(|r| r.2).collect()
    }

    fn council(input: &str) -> (&str, String) {
        let (rest, r) = council_ref(input).unwrap();
        (rest, r.register_id())
    }

    #[test]
    fn text_without_digit_or_colon_has_no_reference() {
        for text in ["EUCO / COM ( JOIN SWD SEC ST INIT http", "ST-INIT EUCO XX/YY COM(XXXX) final", ""] {
            assert!(find_references(text).is_empty(), "{text:?}");
        }
        // A URL needs no digit: its colon lets the scan run.
        assert_eq!(
            ids("see https://www.consilium.europa.eu/en/press for more"),
            ["https://www.consilium.europa.eu/en/press"]
        );
        assert_eq!(ids("ST 7290 2021 INIT"), ["ST-7290-2021-INIT"]);
    }

    // --- council_ref and its parts -------------------------------------------------------

    #[test]
    fn council_ref_plain() {
        let (rest, r) = council_ref("12109/13").unwrap();
        assert_eq!(rest, "");
        assert_eq!(r, CouncilRef { number: 12109, part: None, year: 2013, suffixes: vec![] });
        assert_eq!(r.register_id(), "ST-12109-2013-INIT");
    }

    #[test]
    fn council_ref_revision_with_part() {
        // seeds/002, footnote 18
        let (rest, r) = council_ref("13084/1/20 REV 1").unwrap();
        assert_eq!(rest, "");
        assert_eq!(r.part, Some(1));
        assert_eq!(r.suffixes, vec![(Suffix::Rev, 1)]);
        assert_eq!(r.register_id(), "ST-13084-2020-REV-1");
    }

    #[test]
    fn council_ref_suffixes() {
        assert_eq!(council("12642/25 ADD 1"), ("", "ST-12642-2025-ADD-1".into()));
        assert_eq!(council("14435/17 COR 1"), ("", "ST-14435-2017-COR-1".into()));
        assert_eq!(council("12642/25 ADD 1 REV 2"), ("", "ST-12642-2025-ADD-1-REV-2".into()));
        assert_eq!(council("9999/20 DCL 1"), ("", "ST-9999-2020-DCL-1".into()));
        assert_eq!(council("9999/20 EXT 2"), ("", "ST-9999-2020-EXT-2".into()));
        assert_eq!(council("9999/20 AMD 1"), ("", "ST-9999-2020-AMD-1".into()));
    }

    #[test]
    fn council_ref_register_puts_addendum_before_revision() {
        assert_eq!(council("10149/1/21 REV 1 ADD 1"), ("", "ST-10149-2021-ADD-1-REV-1".into()));
    }

    #[test]
    fn council_ref_part_without_printed_revision_is_a_revision() {
        assert_eq!(council("13084/2/20"), ("", "ST-13084-2020-REV-2".into()));
    }

    #[test]
    fn council_ref_in_page_furniture_leaves_the_rest() {
        // seeds/000 and seeds/002 furniture lines
        assert_eq!(council("12642/25 ADD 1   2 "), ("   2 ", "ST-12642-2025-ADD-1".into()));
        assert_eq!(council("7290/21   kmm 8 "), ("   kmm 8 ", "ST-7290-2021-INIT".into()));
    }

    #[test]
    fn council_ref_leaves_sentence_punctuation() {
        assert_eq!(council("12109/13."), (".", "ST-12109-2013-INIT".into()));
        assert_eq!(council("13084/1/20 REV 1."), (".", "ST-13084-2020-REV-1".into()));
        assert_eq!(council("12930/22)"), (")", "ST-12930-2022-INIT".into()));
    }

    #[test]
    fn council_ref_does_not_take_a_following_word_for_a_suffix() {
        assert_eq!(council("12109/13 REVIEW 1"), (" REVIEW 1", "ST-12109-2013-INIT".into()));
        assert_eq!(council("12109/13 REV 1a"), (" REV 1a", "ST-12109-2013-INIT".into()));
        assert_eq!(council("12109/13 rev 1"), (" rev 1", "ST-12109-2013-INIT".into()));
    }

    #[test]
    fn council_year_pivots_at_50() {
        assert_eq!(council_year("51").unwrap(), ("", 1951));
        assert_eq!(council_year("99").unwrap(), ("", 1999));
        assert_eq!(council_year("50").unwrap(), ("", 2050));
        assert_eq!(council_year("00").unwrap(), ("", 2000));
        assert_eq!(council("12345/98"), ("", "ST-12345-1998-INIT".into()));
    }

    #[test]
    fn council_year_needs_a_word_end() {
        assert!(council_year("2025").is_err());
        assert!(council_year("13x").is_err());
        assert!(council_year("13/").is_err());
        assert!(council_year("1").is_err());
        assert_eq!(council_year("13-").unwrap(), ("-", 2013));
    }

    #[test]
    fn council_number_takes_three_to_five_digits_not_a_year() {
        assert_eq!(council_number("123/").unwrap(), ("/", 123));
        assert_eq!(council_number("12109/").unwrap(), ("/", 12109));
        assert!(council_number("12/").is_err());
        assert!(council_number("123456/").is_err());
        assert!(council_number("2024/").is_err());
        assert!(council_number("1950/").is_err());
        assert_eq!(council_number("1949/").unwrap(), ("/", 1949));
    }

    #[test]
    fn council_ref_near_misses() {
        for text in [
            "11/12/2025",
            "111/12/2025",
            "4/2025",
            "24/7",
            "74/247",
            "2019-2024",
            "2024/25",
            "2019/88",
            "2022/10/17",
            "2016/679",
            "1049/2001",
            "12109/2013",
            "12109/13x",
            "12109/13/",
            "/79/243",
        ] {
            assert!(council_ref(text).is_err(), "{text}");
        }
    }

    #[test]
    fn suffix_pair_alone() {
        assert_eq!(suffix_pair("COR 1").unwrap(), ("", (Suffix::Cor, 1)));
        assert_eq!(suffix_pair("REV 12").unwrap(), ("", (Suffix::Rev, 12)));
        assert_eq!(suffix_pair("ADD-1").unwrap(), ("", (Suffix::Add, 1)));
        assert!(suffix_pair("COR").is_err());
        assert!(suffix_pair("CORE 1").is_err());
        assert!(suffix_pair("REV 1234").is_err());
    }

    #[test]
    fn plus_suffix_alone() {
        let (rest, (at, pair)) = plus_suffix(" + COR 1").unwrap();
        assert_eq!((rest, at, pair), ("", "COR 1", (Suffix::Cor, 1)));
        assert!(plus_suffix(" + 3").is_err());
    }

    #[test]
    fn euco_ref_alone() {
        let (rest, r) = euco_ref("EUCO 13/20").unwrap();
        assert_eq!(rest, "");
        assert_eq!(r.register_form("EUCO"), "EUCO-13-2020-INIT");
        let (rest, r) = euco_ref("EUCO 9/19").unwrap();
        assert_eq!(rest, "");
        assert_eq!(r.register_form("EUCO"), "EUCO-9-2019-INIT");
        assert!(euco_ref("EUCO 9/2019").is_err());
        assert!(euco_ref("EUCO-topmøde").is_err());
    }

    #[test]
    fn st_ref_alone() {
        for (text, id) in [
            ("ST 7290 2021 INIT", "ST-7290-2021-INIT"),
            ("ST-11406-2022-INIT", "ST-11406-2022-INIT"),
            ("ST 13084 2020 REV 1", "ST-13084-2020-REV-1"),
            ("ST 10149 2021 ADD 1 REV 1", "ST-10149-2021-ADD-1-REV-1"),
            ("ST\u{2011}16430\u{2011}2025\u{2011}INIT", "ST-16430-2025-INIT"),
            ("ST 7290/21", "ST-7290-2021-INIT"),
        ] {
            let (rest, r) = st_ref(text).unwrap();
            assert_eq!((rest, r.register_id().as_str()), ("", id), "{text}");
        }
        assert!(st_ref("ST 7290 2021").is_err());
        assert!(st_ref("ST 7290 2021 INITIAL").is_err());
        assert!(st_ref("STRESSES").is_err());
    }

    #[test]
    fn commission_ref_alone() {
        for (text, celex, series) in [
            ("COM(2020) 67 final", "52020DC0067", Series::Com),
            ("COM(2020) 605 final", "52020DC0605", Series::Com),
            ("COM/2020/67 final", "52020DC0067", Series::Com),
            ("COM (2020) 67", "52020DC0067", Series::Com),
            ("JOIN(2020) 22 final", "52020JC0022", Series::Join),
            ("SWD(2020) 3 final", "52020SC0003", Series::Swd),
            ("SEC(2008) 1234 final", "52008SC1234", Series::Sec),
        ] {
            let (rest, r) = commission_ref(text).unwrap();
            assert_eq!((rest, r.celex().as_str(), r.series), ("", celex, series));
        }
        assert_eq!(commission_ref("COM(2020) 67 finalised").unwrap().0, " finalised");
        assert!(commission_ref("COM(20) 67").is_err());
        assert!(commission_ref("COM(2020) 12345 final").is_err());
        assert!(commission_ref("COM(2020)").is_err());
        assert!(commission_ref("COMMISSION").is_err());
    }

    #[test]
    fn url_alone() {
        for text in [
            "https://undocs.org/A/Res/74/247",
            "https://hanoiconvention.org",
            "https://hanoiconvention.org/statements/",
            "http://example.org/a_(b)",
        ] {
            assert_eq!(url(text).unwrap(), ("", text));
        }
        assert_eq!(url("https://x.org/a. Then").unwrap(), (". Then", "https://x.org/a"));
        assert_eq!(url("https://x.org/a),").unwrap(), ("),", "https://x.org/a"));
        assert_eq!(url("https://x.org/”").unwrap(), ("”", "https://x.org/"));
        assert!(url("https://").is_err());
        assert!(url("https:// x").is_err());
        assert!(url("https://.").is_err());
        assert!(url("http:/x.org").is_err());
    }

    #[test]
    fn url_keeps_a_nested_scheme_after_a_slash_or_equals() {
        for text in
            ["https://web.archive.org/web/2020/https://example.org/", "https://x.org/?u=https://y.org"]
        {
            assert_eq!(url(text).unwrap(), ("", text));
        }
    }

    // --- find_references on verbatim phrases -------------------------------------------

    #[test]
    fn seed_002_footnotes() {
        use RefKind::*;
        // seeds/002, footnote bodies as the footnote parser hands them over
        assert_eq!(refs("12109/13."), [("12109/13", CouncilDoc, "ST-12109-2013-INIT".into())]);
        assert_eq!(
            refs("14435/17 + COR 1."),
            [
                ("14435/17", CouncilDoc, "ST-14435-2017-INIT".into()),
                ("COR 1", CouncilDoc, "ST-14435-2017-COR-1".into()),
            ]
        );
        assert_eq!(
            refs("6122/15 + COR 1."),
            [
                ("6122/15", CouncilDoc, "ST-6122-2015-INIT".into()),
                ("COR 1", CouncilDoc, "ST-6122-2015-COR-1".into()),
            ]
        );
        assert_eq!(one("13084/1/20 REV 1."), ("13084/1/20 REV 1", CouncilDoc, "ST-13084-2020-REV-1".into()));
        assert_eq!(one("EUCO 13/20."), ("EUCO 13/20", Euco, "EUCO-13-2020-INIT".into()));
        assert_eq!(one("EUCO 9/19."), ("EUCO 9/19", Euco, "EUCO-9-2019-INIT".into()));
        assert_eq!(one("19.2.2020 COM(2020) 67 final."), ("COM(2020) 67 final", Com, "52020DC0067".into()));
        assert_eq!(one("24.7.2020 COM(2020) 605 final."), ("COM(2020) 605 final", Com, "52020DC0605".into()));
        assert_eq!(
            one("2.12.2020 JOIN(2020) 22 final."),
            ("JOIN(2020) 22 final", Join, "52020JC0022".into())
        );
    }

    #[test]
    fn seed_004_parenthesised_number() {
        // seeds/004, footnote 2
        assert_eq!(
            one("Se: Rådets konklusioner om sikkerhed i IKT-forsyningskæden (12930/22)."),
            ("12930/22", RefKind::CouncilDoc, "ST-12930-2022-INIT".into())
        );
    }

    #[test]
    fn seed_004_broken_url_is_recognised_at_each_line_end() {
        // seeds/004, footnote 3, lines as pdftotext wrote them, joined so far.
        assert!(line_ends_in_url(
            "3 Se listen over flagskibsprojekter under Global Gateway for 2023https://international-"
        ));
        assert!(line_ends_in_url(
            "2023https://international-partnerships.ec.europa.eu/publications/global-gateway-2023-flagship-projects-"
        ));
        assert!(!line_ends_in_url("https://data.consilium.europa.eu/doc/document/ST-11406-2022-INIT/da/pdf"));
        assert!(!line_ends_in_url(""));
        assert!(!line_ends_in_url("   "));
        // A URL ending in a letter outside ASCII: its last byte is no break.
        assert!(!line_ends_in_url("se https://www.consilium.europa.eu/da/ø"));
    }

    #[test]
    fn seed_004_url_inside_is_one_reference() {
        // seeds/004, footnote 1: the register id inside the URL is not a second reference
        let text = "1 Rådets konklusioner om EU's digitale diplomati, 18. juli 2022. \
                    https://data.consilium.europa.eu/doc/document/ST-11406-2022-INIT/da/pdf";
        assert_eq!(refs(text).len(), 1);
        assert_eq!(refs(text)[0].1, RefKind::Url);
    }

    #[test]
    fn seed_003_inline_urls() {
        // seeds/003, line 18
        let text = "a Resolution(1)See https://undocs.org/A/Res/74/247 on the report of the Third \
                    Committee of 25 November 2019";
        assert_eq!(
            one(text),
            ("https://undocs.org/A/Res/74/247", RefKind::Url, "https://undocs.org/A/Res/74/247".into())
        );
        // seeds/003, line 26
        let text = "sent to the United Nations General Assembly,(4)See \
                    https://documents.un.org/doc/undoc/gen/v24/056/82/pdf/v2405682.pdf and was";
        assert_eq!(ids(text), ["https://documents.un.org/doc/undoc/gen/v24/056/82/pdf/v2405682.pdf"]);
        // seeds/003, line 32
        assert_eq!(
            ids("adopted without a vote,(6)See https://docs.un.org/en/A/RES/79/243 and opens"),
            ["https://docs.un.org/en/A/RES/79/243"]
        );
        // seeds/003, line 254: sentence end after the URL
        assert_eq!(
            ids("found on the official website.(20)See https://hanoiconvention.org."),
            ["https://hanoiconvention.org"]
        );
    }

    #[test]
    fn seed_003_glued_urls_are_two() {
        // seeds/003, footnote 21
        let text = "(21)See https://bokhandel.kolofon.no/b/fn-konvensjon-om-cyberkriminalitete-\
                    bookhttps://www.norli.no/boker/fn-konvensjon-om-cyberkriminalitet-9788230028667";
        assert_eq!(
            ids(text),
            [
                "https://bokhandel.kolofon.no/b/fn-konvensjon-om-cyberkriminalitete-book",
                "https://www.norli.no/boker/fn-konvensjon-om-cyberkriminalitet-9788230028667",
            ]
        );
    }

    #[test]
    fn seed_003_url_glued_to_prose_is_left_whole() {
        // seeds/003, line 134: the notes list gives the URL as ending in `plenary/`
        let text = "(15)See https://hanoiconvention.org/statement/provisional-list-of-speakers-in-\
                    the-plenary/Many statements at the Signing Ceremony";
        assert_eq!(
            ids(text),
            ["https://hanoiconvention.org/statement/provisional-list-of-speakers-in-the-plenary/Many"]
        );
    }

    #[test]
    fn url_trailing_punctuation_and_brackets() {
        assert_eq!(ids("(see https://x.org/a)."), ["https://x.org/a"]);
        assert_eq!(ids("(see https://x.org/a_(b))."), ["https://x.org/a_(b)"]);
        assert_eq!(ids("https://x.org/a; https://y.org/b:"), ["https://x.org/a", "https://y.org/b"]);
        assert_eq!(ids("«https://x.org/a»"), ["https://x.org/a"]);
    }

    #[test]
    fn other_forms_in_text() {
        use RefKind::*;
        assert_eq!(one("jf. SWD(2020) 3 final."), ("SWD(2020) 3 final", Other, "52020SC0003".into()));
        assert_eq!(one("se COM/2020/67 final"), ("COM/2020/67 final", Com, "52020DC0067".into()));
        assert_eq!(
            one("dok. ST 7290 2021 INIT."),
            ("ST 7290 2021 INIT", CouncilDoc, "ST-7290-2021-INIT".into())
        );
        assert_eq!(
            one("12642/25 ADD 1 REV 2,"),
            ("12642/25 ADD 1 REV 2", CouncilDoc, "ST-12642-2025-ADD-1-REV-2".into())
        );
        assert_eq!(
            refs("EUCO 13/20 + COR 1"),
            [("EUCO 13/20", Euco, "EUCO-13-2020-INIT".into()), ("COR 1", Euco, "EUCO-13-2020-COR-1".into()),]
        );
        assert_eq!(
            ids("12642/25 ADD 1 + COR 1 + COR 2"),
            ["ST-12642-2025-ADD-1", "ST-12642-2025-ADD-1-COR-1", "ST-12642-2025-ADD-1-COR-2"]
        );
    }

    #[test]
    fn several_in_one_sentence() {
        assert_eq!(
            ids("dokument 12109/13, 16200/14 og 14435/17 + COR 1 samt EUCO 9/19 og COM(2020) 67 final"),
            [
                "ST-12109-2013-INIT",
                "ST-16200-2014-INIT",
                "ST-14435-2017-INIT",
                "ST-14435-2017-COR-1",
                "EUCO-9-2019-INIT",
                "52020DC0067",
            ]
        );
    }

    #[test]
    fn near_misses_in_text() {
        for text in [
            // seeds/003, lines 5 and 6
            "4/2025: Artikler",
            "publisert 11/12/2025 av",
            // seeds/003, line 210
            "law enforcement cooperation and 24/7 networks for police cooperation",
            // seeds/002, line 91: a year range and a footnote marker
            "en ny strategisk dagsorden 2019-202420,",
            "i perioden 2019-2024",
            "forordning (EU) 2019/88 og direktiv 2013/40/EU og forordning (EF) nr. 1049/2001",
            "sæsonen 2024/25",
            "den 2022/10/17",
            "ECOM(2020) 67 final",
            "COMMISSION, JOINT, SWDX, SECURITY, STRESSES, EUCO-topmødet",
            "A12109/13",
            "1.12109/13",
            "side 9/19",
            "https://",
            "",
        ] {
            assert_eq!(refs(text), [], "{text}");
        }
    }

    #[test]
    fn numbers_inside_urls_are_not_documents() {
        // seeds/003, line 265 and 263
        assert_eq!(
            ids("6. See https://docs.un.org/en/A/RES/79/243"),
            ["https://docs.un.org/en/A/RES/79/243"]
        );
        assert_eq!(refs("/79/243 and A/Res/74/247"), []);
        assert_eq!(refs("gen/v24/056/82/pdf"), []);
    }

    #[test]
    fn multibyte_text_around_candidates() {
        assert_eq!(ids("æøå 12109/13 ÆØÅ"), ["ST-12109-2013-INIT"]);
        assert_eq!(refs("ø12109/13"), []);
        assert_eq!(ids("“https://x.org/æ”"), ["https://x.org/æ"]);
    }

    // --- every seed, whole ----------------------------------------------------------

    const SEEDS: [(&str, &str); 5] = [
        ("000", include_str!("../../seeds/000_d9e73ef111882472.txt")),
        ("001", include_str!("../../seeds/001_8192ad802971ff9a.txt")),
        ("002", include_str!("../../seeds/002_a4da9ab59f792bf4.txt")),
        ("003", include_str!("../../seeds/003_3794a6227ef3eabf.txt")),
        ("004", include_str!("../../seeds/004_a15e6776a0e92f31.txt")),
    ];

    #[test]
    fn every_seed_scans_with_valid_spans() {
        for (name, text) in SEEDS {
            let found = find_references(text);
            let mut prev_end = 0;
            for m in &found {
                assert!(m.start >= prev_end && m.start < m.end, "{name}: {m:?}");
                assert!(text.get(m.start..m.end).is_some(), "{name}: {m:?}");
                prev_end = m.end;
            }
        }
    }

    #[test]
    fn every_seed_prefix_scans() {
        // Cut every seed at many places, including inside references and multi-byte letters.
        for (_, text) in SEEDS {
            for cut in (0..text.len()).step_by(97) {
                let mut end = cut;
                while !text.is_char_boundary(end) {
                    end += 1;
                }
                let _ = find_references(&text[..end]);
                let _ = find_references(&text[end..]);
            }
        }
    }

    #[test]
    fn seed_002_raw_text_yields_its_footnote_references() {
        let found = find_references(SEEDS[2].1);
        let count = |kind| found.iter().filter(|m| m.kind == kind).count();
        // 18 footnotes with Council numbers, two with `+ COR 1`, and the `7290/21` furniture
        // lines the raw text still has.
        let furniture = SEEDS[2].1.matches("7290/21 ").count();
        assert_eq!(count(RefKind::CouncilDoc), 20 + furniture);
        assert_eq!(count(RefKind::Euco), 2);
        assert_eq!(count(RefKind::Com), 2);
        assert_eq!(count(RefKind::Join), 1);
        assert_eq!(count(RefKind::Url), 0);
    }

    #[test]
    fn seed_003_raw_text_yields_its_urls() {
        let found = find_references(SEEDS[3].1);
        assert!(found.iter().all(|m| m.kind == RefKind::Url), "{found:?}");
        // 21 notes inline and 21 in the list, footnote 21 holding two glued URLs each time.
        assert_eq!(found.len(), 44);
    }

    // --- joining footnote lines --------------------------------------------------------

    #[test]
    fn line_ends_in_url_cases() {
        // seeds/004, footnote 3
        assert!(line_ends_in_url(
            "3 Se listen over flagskibsprojekter under Global Gateway for 2023https://international-"
        ));
        // The middle line of a URL broken over three has no scheme: give the joined text.
        assert!(!line_ends_in_url(
            "partnerships.ec.europa.eu/publications/global-gateway-2023-flagship-projects-"
        ));
        assert!(line_ends_in_url(
            "for 2023https://international-partnerships.ec.europa.eu/publications/\
             global-gateway-2023-flagship-projects-"
        ));
        assert!(line_ends_in_url("https://international-partnerships.ec.europa.eu/publications/"));
        assert!(line_ends_in_url("se https://"));
        assert!(line_ends_in_url("se https://x.org/?a=1& "));
        // The last word ends at any white space, a no-break space included.
        assert!(line_ends_in_url("se\u{a0}https://international-"));
        assert!(line_ends_in_url("se\thttps://international-\u{a0}"));
        assert!(!line_ends_in_url("https://international-\u{a0}partnerships"));
        assert!(!line_ends_in_url("kl.\u{a0}10:30"));
        assert!(!line_ends_in_url("https://data.consilium.europa.eu/doc/document/ST-11406-2022-INIT/da/pdf"));
        assert!(!line_ends_in_url("se https://hanoiconvention.org/statements/."));
        assert!(!line_ends_in_url("leverandører af EU-"));
        assert!(!line_ends_in_url(""));
        assert!(!line_ends_in_url("   "));
    }
}
