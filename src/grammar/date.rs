//! Dated events: day, month and year dates and ranges, in every language of grammars/.
//!
//! The grammar (`grammars/date.ebnf`, one function per rule) is language-independent: month
//! names in all their forms, the day suffix, range connectives and range openers come from the
//! [`Lexicon`]. Every production checks its numbers as it reads them (the day exists in that
//! month, a range runs forwards), so `alt` backtracks to another reading instead of accepting
//! an impossible one.
//!
//! [`find_dates`] tries the grammar once per whitespace-separated token, at its first character
//! after any opening bracket or quote, and only if the token starts with a digit, a month name
//! or a range opener: the scan is linear, and most words are turned away on their first two
//! letters ([`Lexicon::may_open_date_word`]) before any production runs. Since every date reads
//! a digit, tokens more than a few before the next digit, and all after the last, are passed
//! over without a look (`DateGrammar::lead_tokens`). Numbers inside a
//! token (`covid-19`, `COM(2020)`, `12109/13`, `…/2024/December/…`) are never tried, and a
//! date must end where a word ends (`2030-dagsordenen`, `5G` are not dates).

use std::cell::Cell;

use chrono::{Datelike, Months, NaiveDate};
use nom::branch::alt;
use nom::bytes::complete::{tag, take_while1};
use nom::combinator::{consumed, map, map_opt, opt, verify};
use nom::error::{Error, ErrorKind};
use nom::sequence::{preceded, terminated};
use nom::{IResult, Offset, Parser};

use super::text::{DIGITS, find_byte, find_last_byte, visible_ascii_end};
use crate::lexicon::{Dates, Lexicon, Order, same_word};
use crate::model::Precision;

/// A date or period found in running text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateMatch {
    /// Byte offset of the first date token: `29` in `from 29 July to 9 August 2024` (a range
    /// opener such as `from` is not part of the surface).
    pub start: usize,
    /// Byte offset just past the last token, so `&text[start..end]` is the date as written.
    pub end: usize,
    /// The first day covered.
    pub date_start: NaiveDate,
    /// The last day covered; equal to `date_start` for a single day.
    pub date_end: NaiveDate,
    /// Whether the text names days, months or years.
    pub precision: Precision,
}

/// Every date and period in `text`, in order, without overlaps.
///
/// `text` is running text: page furniture and footnote markers removed, lines joined with
/// single spaces. A day and month without a year (`24 December shall be designated`) is not
/// returned, since it cannot be placed in time.
///
/// ```
/// use councildata::grammar::date::find_dates;
/// use councildata::lexicon::Lexicons;
/// use councildata::model::Precision;
///
/// let da = Lexicons::embedded()?.get("da").expect("Danish is embedded");
/// let text = "konklusioner af 1.-2. oktober 2020 om covid-19";
/// let dates = find_dates(text, da);
/// assert_eq!(dates.len(), 1);
/// assert_eq!(&text[dates[0].start..dates[0].end], "1.-2. oktober 2020");
/// assert_eq!(dates[0].precision, Precision::Day);
/// # Ok::<(), councildata::Error>(())
/// ```
pub fn find_dates(text: &str, lex: &Lexicon) -> Vec<DateMatch> {
    scan_dates(text, lex).0
}

/// The dates in `text`, and the byte ranges of days that do not exist (`31. februar`,
/// `29. februar 2021`), for validation.
pub fn scan_dates(text: &str, lex: &Lexicon) -> (Vec<DateMatch>, Vec<std::ops::Range<usize>>) {
    DateGrammar::new(lex).scan(text)
}

impl DateGrammar<'_> {
    /// [`scan_dates`] with this grammar, built once per language rather than once per text.
    pub fn scan(&self, text: &str) -> (Vec<DateMatch>, Vec<std::ops::Range<usize>>) {
        let mut scan = Scan::default();
        // Every production reads a day or a year: no date starts after the text's last digit,
        // nor more than `lead_tokens` tokens before the next digit. Most text is passed over.
        let bytes = text.as_bytes();
        let Some(last_digit) = find_last_byte(bytes, DIGITS) else {
            return (scan.found, scan.impossible);
        };
        let next_digit_from = |at: usize| find_byte(bytes.get(at..).unwrap_or_default(), DIGITS);
        let mut next_digit = next_digit_from(0).unwrap_or(last_digit);
        let mut lead_start = self.lead_start(text, next_digit);
        let mut tokens = white_space_split(text);
        while let Some(token) = tokens.next() {
            let at = text.offset(token);
            if at > last_digit {
                break;
            }
            if at < scan.resume {
                continue;
            }
            if next_digit < at {
                next_digit = next_digit_from(at).map_or(last_digit, |d| at + d);
                lead_start = self.lead_start(text, next_digit);
            }
            if at < lead_start {
                tokens = white_space_split(text.get(lead_start..).unwrap_or_default());
                continue;
            }
            self.try_token(text, token, &mut scan);
        }
        (scan.found, scan.impossible)
    }

    /// Tries the grammar at `token` of `text`, if a date may start there.
    #[inline]
    fn try_token(&self, text: &str, token: &str, scan: &mut Scan) {
        // Marks are never letters or digits: most tokens have none to trim.
        let opened = match token.as_bytes().first() {
            Some(b) if b.is_ascii_alphanumeric() => token,
            _ => token.trim_start_matches(OPENING_MARKS),
        };
        // What `may_start` accepts, a day prefix included, begins with a digit or as a word
        // the lexicon lists does: most tokens end here, before any production runs.
        if !opened.starts_with(|c: char| c.is_ascii_digit()) && !self.lex.may_open_date_word(opened) {
            return;
        }
        let word = self.without_day_prefix(opened);
        let Some(input) = text.get(text.offset(word)..) else {
            return;
        };
        if !number_may_open_date(input) || !self.may_start(input) || is_url(token) {
            return;
        }
        let readings = Readings::default();
        match self.date_phrase(&readings).parse(input) {
            Ok((_, (surface, period))) => {
                let start = text.offset(surface);
                let end = start + surface.len();
                scan.found.push(DateMatch {
                    start,
                    end,
                    date_start: period.start,
                    date_end: period.end,
                    precision: period.precision,
                });
                scan.resume = end;
            }
            // The month and year of an impossible or year-less day (`31. februar 2021`) are
            // not read again on their own as `februar 2021` or `2021`.
            Err(_) => {
                if let Ok((rest, with_year)) = self.day_month_shape().parse(input) {
                    scan.resume = text.offset(rest);
                    // Without a year only a day no year has is impossible (`31. februar`).
                    if with_year || self.day_month(&readings).parse(input).is_err() {
                        scan.impossible.push(text.offset(input)..scan.resume);
                    }
                }
            }
        }
    }
}

/// What a scan has found so far, and where the next date may start.
#[derive(Default)]
struct Scan {
    found: Vec<DateMatch>,
    impossible: Vec<std::ops::Range<usize>>,
    resume: usize,
}

/// What each byte can be the first of: a white space character, or a character that may be one.
#[derive(Clone, Copy, PartialEq, Eq)]
enum ByteClass {
    Other,
    /// ASCII white space: tab, line feed, vertical tab, form feed, carriage return, space.
    Space,
    /// The lead byte of U+0080–U+00BF or U+1000–U+3FFF, where the other white space lies
    /// (U+0085, U+00A0, U+1680, U+2000–U+200A, U+2028, U+2029, U+202F, U+205F, U+3000).
    MaybeSpace,
}

/// [`ByteClass`] by byte value.
static BYTE_CLASSES: [ByteClass; 256] = {
    let mut classes = [ByteClass::Other; 256];
    let mut b = 0;
    while b < 256 {
        classes[b] = match b as u8 {
            b'\t'..=b'\r' | b' ' => ByteClass::Space,
            0xC2 | 0xE1..=0xE3 => ByteClass::MaybeSpace,
            _ => ByteClass::Other,
        };
        b += 1;
    }
    classes
};

/// `text.split(char::is_whitespace)`, found a byte at a time: only the lead bytes of the
/// ranges holding non-ASCII white space are decoded.
fn white_space_split(text: &str) -> WhiteSpaceSplit<'_> {
    WhiteSpaceSplit { rest: Some(text) }
}

/// The iterator of [`white_space_split`].
struct WhiteSpaceSplit<'t> {
    rest: Option<&'t str>,
}

impl<'t> Iterator for WhiteSpaceSplit<'t> {
    type Item = &'t str;

    fn next(&mut self) -> Option<&'t str> {
        let rest = self.rest?;
        let bytes = rest.as_bytes();
        // Visible ASCII, most of a word, is never white space: passed over in bulk.
        let mut at = visible_ascii_end(bytes, 0);
        while let Some(&b) = bytes.get(at) {
            let width = match BYTE_CLASSES[usize::from(b)] {
                ByteClass::Other => None,
                ByteClass::Space => Some(1),
                ByteClass::MaybeSpace => {
                    let c = rest.get(at..).and_then(|s| s.chars().next());
                    c.filter(|c| c.is_whitespace()).map(char::len_utf8)
                }
            };
            if let Some(width) = width {
                self.rest = rest.get(at + width..);
                return rest.get(..at);
            }
            at = visible_ascii_end(bytes, at + 1);
        }
        self.rest = None;
        Some(rest)
    }
}

/// The most words any of `forms` has, 0 for none.
fn most_words<'a>(forms: impl IntoIterator<Item = &'a String>) -> usize {
    forms.into_iter().map(|form| form.split_whitespace().count()).max().unwrap_or(0)
}

/// Whether the character that ends `text[..end]` is white space, and where it starts; none at
/// the text's start. ASCII is judged by the byte, as [`white_space_split`] judges it.
fn char_before(text: &str, end: usize) -> Option<(bool, usize)> {
    let last = *text.as_bytes().get(end.checked_sub(1)?)?;
    if last.is_ascii() {
        return Some((BYTE_CLASSES[usize::from(last)] == ByteClass::Space, end - 1));
    }
    let c = text.get(..end)?.chars().next_back()?;
    Some((c.is_whitespace(), end - c.len_utf8()))
}

/// Brackets and quotes that may stand before a date in the same token (`(2020)`, `»2020«`).
const OPENING_MARKS: &[char] = &['(', '[', '{', '"', '\'', '«', '»', '„', '“', '‘', '‚', '‹', '›'];

/// Characters that glue a number into a longer token: `2030-dagsordenen`, `2019/881`, `5G`.
const GLUE: &[char] = &['-', '‐', '‑', '/', '\\', '_', '@', '%', '+', '=', '&', '#', '°'];

/// Whether the digits `input` starts with, if any, may open a date: every production opens
/// with a word or with `day` or `year`, which read one or two digits (`day_month_shape` any
/// two) or a [`year`]. Most other numbers (`12109/13`, `2.500`) end here.
fn number_may_open_date(input: &str) -> bool {
    match leading_digits(input) {
        0..=2 => true,
        _ => year(input).is_ok(),
    }
}

/// A web address: its numbers are paths and ids, never dates.
fn is_url(token: &str) -> bool {
    token.contains("://") || token.trim_start_matches(OPENING_MARKS).starts_with("www.")
}

/// What one attempt has read where the alternatives of a date begin alike: a full range, a
/// range of days and months and a single date all open with one day and month, the first and
/// last with one year too. The last reading of each is kept, so the alternatives tried one
/// after another at the attempt's start read them once. Only for one attempt's text, which
/// does not change while it lasts.
#[derive(Default)]
struct Readings<'a> {
    day_month: Cell<Option<Reading<'a, DayMonth>>>,
    day_month_year: Cell<Option<Reading<'a, NaiveDate>>>,
}

/// What a production read at `input`: the input after it and its value, or nothing.
#[derive(Clone, Copy)]
struct Reading<'a, T> {
    input: &'a str,
    read: Option<(&'a str, T)>,
}

/// `production` at `input`, or what it read there before. Every production here fails with a
/// plain error, which `alt` only passes over, so a remembered failure is a plain error too.
fn remembered<'a, T: Copy>(
    reading: &Cell<Option<Reading<'a, T>>>,
    input: &'a str,
    production: impl FnOnce(&'a str) -> IResult<&'a str, T>,
) -> IResult<&'a str, T> {
    // The same slice: the same start and the same length.
    if let Some(before) = reading.get().filter(|r| std::ptr::eq(r.input, input)) {
        return before.read.ok_or_else(|| reject(input));
    }
    let result = production(input);
    reading.set(Some(Reading { input, read: result.as_ref().ok().copied() }));
    result
}

/// What every production here is: a nom parser over the text with nom's plain error.
trait Production<'a, O>: Parser<&'a str, Output = O, Error = Error<&'a str>> {}

impl<'a, O, P: Parser<&'a str, Output = O, Error = Error<&'a str>>> Production<'a, O> for P {}

/// A production's failure at `input`; `alt` then tries the next reading.
fn reject(input: &str) -> nom::Err<Error<&str>> {
    nom::Err::Error(Error::new(input, ErrorKind::Verify))
}

/// Which connectives may join the two ends of a range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Joins {
    /// Only the range connectives (`-`, `til`, `to`, `do`).
    Ranges,
    /// Also the pair connectives (`og`, `and`, `in`): between two days of one month, and after
    /// a range opener (`between 2019 and 2024`).
    RangesAndPairs,
}

/// The days a date covers, and how precisely the text names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Period {
    start: NaiveDate,
    end: NaiveDate,
    precision: Precision,
}

impl Period {
    fn day(date: NaiveDate) -> Period {
        Period { start: date, end: date, precision: Precision::Day }
    }

    /// Days from `start` to `end`; a range must run forwards.
    fn days(start: NaiveDate, end: NaiveDate) -> Option<Period> {
        (start < end).then_some(Period { start, end, precision: Precision::Day })
    }

    /// The month that starts on `first`.
    fn month(first: NaiveDate) -> Option<Period> {
        Period::months(first, first)
    }

    /// From the month starting on `first` to the end of the month starting on `last`.
    fn months(first: NaiveDate, last: NaiveDate) -> Option<Period> {
        let end = last.checked_add_months(Months::new(1))?.pred_opt()?;
        (first <= last).then_some(Period { start: first, end, precision: Precision::Month })
    }

    fn year(year: i32) -> Option<Period> {
        Period::years(year, year)
    }

    /// From 1 January of `first` to 31 December of `last`.
    fn years(first: i32, last: i32) -> Option<Period> {
        let start = NaiveDate::from_ymd_opt(first, 1, 1)?;
        let end = NaiveDate::from_ymd_opt(last, 12, 31)?;
        (first <= last).then_some(Period { start, end, precision: Precision::Year })
    }
}

/// A day of a month, before its year is known (`29 January` in `29 January until 9 February
/// 2024`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct DayMonth {
    day: u32,
    month: u32,
}

impl DayMonth {
    /// Only a day that exists in that month in some year: `29. februar` does, `31. februar`
    /// does not.
    fn new(day: u32, month: u32) -> Option<DayMonth> {
        NaiveDate::from_ymd_opt(2000, month, day).map(|_| DayMonth { day, month })
    }

    fn in_year(self, year: i32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(year, self.month, self.day)
    }

    /// The start of a range that ends on `end`: in the same year if it comes before `end`,
    /// else in the year before (`from 29 December to 3 January 2024` starts in 2023).
    fn before(self, end: NaiveDate) -> Option<NaiveDate> {
        let same_year = self.in_year(end.year())?;
        if same_year < end { Some(same_year) } else { self.in_year(end.year() - 1) }
    }
}

/// The date grammar over one language's words: its word lists ordered for reading once, when
/// the language's matchers are compiled.
#[derive(Debug)]
pub struct DateGrammar<'l> {
    lex: &'l Lexicon,
    /// Day suffixes, longest first, so that `1er` is read before `1`.
    day_suffixes: Vec<&'l str>,
    /// Year suffixes, longest first, so that lv `. gada` is read before `.`.
    year_suffixes: Vec<&'l str>,
    /// Month forms of more than one word (ga `Deireadh Fómhair`).
    multiword_months: Vec<(u32, &'l str)>,
    /// The range connectives, longest first, so that mt `u t-` is tried before `u`.
    range_joins: Vec<&'l str>,
    /// The range and pair connectives, longest first.
    range_and_pair_joins: Vec<&'l str>,
    /// Most tokens a date reads before the one holding its first digit: a range opener, two
    /// month names, a connective and a link (`fra januar til marts 2020`, es `de marzo de
    /// 2021`), each as many tokens as its longest form has words. Every production reads a day
    /// or a year, so no date starts further before a digit.
    lead_tokens: usize,
}

impl<'l> DateGrammar<'l> {
    /// The grammar over `lex`'s date words.
    pub fn new(lex: &'l Lexicon) -> DateGrammar<'l> {
        let dates = &lex.dates;
        let mut day_suffixes: Vec<&str> = std::iter::once(dates.day_suffix.as_str())
            .chain(dates.other_day_suffixes.iter().map(String::as_str))
            .collect();
        day_suffixes.sort_by_key(|s| std::cmp::Reverse(s.len()));
        let mut year_suffixes: Vec<&str> = dates.year_suffixes.iter().map(String::as_str).collect();
        year_suffixes.sort_by_key(|s| std::cmp::Reverse(s.len()));
        let longest_first = |words: Vec<&'l str>| {
            let mut words = words;
            words.sort_by_key(|c| std::cmp::Reverse(c.len()));
            words
        };
        let ranges = dates.range_connectives.iter().map(String::as_str);
        let pairs = dates.pair_connectives.iter().map(String::as_str);
        let month_words = most_words(dates.months.iter().flatten()).max(1);
        let connective_words = most_words(dates.range_connectives.iter().chain(&dates.pair_connectives));
        let lead_tokens = 1 + 2 * month_words + connective_words + most_words(&dates.links);
        DateGrammar {
            lex,
            day_suffixes,
            year_suffixes,
            multiword_months: lex.multiword_months().collect(),
            range_joins: longest_first(ranges.clone().collect()),
            range_and_pair_joins: longest_first(ranges.chain(pairs).collect()),
            lead_tokens,
        }
    }

    fn dates(&self) -> &'l Dates {
        &self.lex.dates
    }

    fn year_first(&self) -> bool {
        self.dates().order != Order::Dmy
    }

    /// Where the `lead_tokens`-th token before the one holding byte `digit` starts, or where the
    /// text does: no date whose first digit is `digit` starts before it.
    fn lead_start(&self, text: &str, digit: usize) -> usize {
        let back_over = |mut end: usize, white: bool| {
            while let Some((is_white, start)) = char_before(text, end)
                && is_white == white
            {
                end = start;
            }
            end
        };
        let mut start = back_over(digit, false);
        for _ in 0..self.lead_tokens {
            match back_over(start, true) {
                0 => return 0,
                end => start = back_over(end, false),
            }
        }
        start
    }

    /// Whether the text at a token can start a date: it starts with a digit, unless a day
    /// number is glued to letters no day suffix starts with (`5G-net`); a month name; or a
    /// range opener and a space before a digit or a month name (`fra 2019 til 2024`, not `fra
    /// Kommissionen`). Most words fail here, after one look-up, before the grammar runs.
    fn may_start(&self, input: &str) -> bool {
        if input.starts_with(|c: char| c.is_ascii_digit()) {
            return self.glue_is_a_day_suffix(input);
        }
        if self.month_name().parse(input).is_ok() {
            return true;
        }
        // After an opener only a date range parses, and each starts with a number or a month.
        let Ok((rest, _)) = (self.range_opener(), space).parse(input) else {
            return false;
        };
        rest.starts_with(|c: char| c.is_ascii_digit()) || self.month_name().parse(rest).is_ok()
    }

    /// Whether the letters glued to the day number `input` starts with, if any, begin a day
    /// suffix (fr `1er`, el `25ΗΣ`): no other rule reads a letter right after a day.
    fn glue_is_a_day_suffix(&self, input: &str) -> bool {
        let digits = leading_digits(input);
        let after = input.get(digits..).unwrap_or_default();
        if digits > 2 || !after.starts_with(char::is_alphabetic) {
            return true;
        }
        self.day_suffixes.iter().any(|suffix| !suffix.is_empty() && spaced_tag(suffix, after).is_some())
    }

    /// A token without a prefix glued to its day number or month (it `l'11`, `dall'ottobre`,
    /// mt `il-25`).
    fn without_day_prefix<'t>(&self, token: &'t str) -> &'t str {
        for prefix in &self.dates().day_prefixes {
            let Some(head) = token.get(..prefix.len()) else {
                continue;
            };
            let rest = &token[prefix.len()..];
            let dated =
                rest.starts_with(|c: char| c.is_ascii_digit()) || self.month_name().parse(rest).is_ok();
            if same_word(head, prefix) && dated {
                return rest;
            }
        }
        token
    }

    // date_phrase = range_opener, space, date_range | date ;
    //   the surface leaves the opener out; after an opener "and" joins a range too
    fn date_phrase<'a>(&self, readings: &Readings<'a>) -> impl Production<'a, (&'a str, Period)> {
        alt((
            preceded(
                (self.range_opener(), space),
                consumed(self.date_range(Joins::RangesAndPairs, readings)),
            ),
            consumed(self.date(readings)),
        ))
    }

    // date = date_range | single_date ;
    fn date<'a>(&self, readings: &Readings<'a>) -> impl Production<'a, Period> {
        alt((self.date_range(Joins::Ranges, readings), self.single_date(readings)))
    }

    // date_range = ( full_range | day_month_range | day_range | month_range | year_range ),
    //              word_end ;
    fn date_range<'a>(&self, joins: Joins, readings: &Readings<'a>) -> impl Production<'a, Period> {
        alt((
            terminated(self.full_range(joins, readings), word_end),
            terminated(self.day_month_range(joins, readings), word_end),
            terminated(self.day_range(readings), word_end),
            terminated(self.month_range(joins), word_end),
            terminated(self.year_range(joins), word_end),
        ))
    }

    // single_date = ( day_month_year | numeric_date | month_year | year_word ), word_end ;
    fn single_date<'a>(&self, readings: &Readings<'a>) -> impl Production<'a, Period> {
        alt((
            terminated(map(self.day_month_year(readings), Period::day), word_end),
            terminated(map(numeric_date, Period::day), word_end),
            terminated(map_opt(self.month_year(), Period::month), word_end),
            terminated(map_opt(self.year_word(), Period::year), word_end),
        ))
    }

    // full_range = day_month_year, connective, day_month_year ;
    //   `29 December 2023 to 3 January 2024`
    fn full_range<'a>(&self, joins: Joins, readings: &Readings<'a>) -> impl Production<'a, Period> {
        map_opt(
            (self.day_month_year(readings), self.connective(joins), self.day_month_year(readings)),
            |(first, (), last)| Period::days(first, last),
        )
    }

    // day_month_range = day_month, connective, day_month, gap, year_word
    //                 | year_word, gap, day_month, connective, day_month ;
    //   `29 July to 9 August 2024`; the first day takes the year of the last
    fn day_month_range<'a>(&self, joins: Joins, readings: &Readings<'a>) -> impl Production<'a, Period> {
        move |input: &'a str| {
            let days = |first: DayMonth, last: DayMonth, year: i32| {
                let end = last.in_year(year)?;
                Period::days(first.before(end)?, end)
            };
            let join = || self.connective(joins);
            if self.year_first() {
                map_opt(
                    (
                        self.year_word(),
                        self.gap(),
                        self.day_month(readings),
                        join(),
                        self.day_month(readings),
                    ),
                    |(year, (), first, (), last)| days(first, last, year),
                )
                .parse(input)
            } else {
                map_opt(
                    (
                        self.day_month(readings),
                        join(),
                        self.day_month(readings),
                        self.gap(),
                        self.year_word(),
                    ),
                    |(first, (), last, (), year)| days(first, last, year),
                )
                .parse(input)
            }
        }
    }

    // day_range = ordinal_day, connective, day_month, gap, year_word          (dmy)
    //           | year_word, gap, ordinal_day, connective, day_month          (ydm)
    //           | year_word, gap, month_name, gap, first_day, connective, ordinal_day ;  (ymd)
    //   `1.-2. oktober 2020`, `25. in 26. oktober 2025`, lv `2025. gada 25.–26. oktobrī`,
    //   lt `2025 m. spalio 25–26 d.`; "and" joins here too: two days of one month are one event
    fn day_range<'a>(&self, readings: &Readings<'a>) -> impl Production<'a, Period> {
        move |input: &'a str| {
            let days = |first: u32, last: DayMonth, year: i32| {
                let end = last.in_year(year)?;
                Period::days(end.with_day(first)?, end)
            };
            let join = || self.connective(Joins::RangesAndPairs);
            match self.dates().order {
                Order::Dmy => map_opt(
                    (self.ordinal_day(), join(), self.day_month(readings), self.gap(), self.year_word()),
                    |(first, (), last, (), year)| days(first, last, year),
                )
                .parse(input),
                Order::Ydm => map_opt(
                    (self.year_word(), self.gap(), self.ordinal_day(), join(), self.day_month(readings)),
                    |(year, (), first, (), last)| days(first, last, year),
                )
                .parse(input),
                Order::Ymd => map_opt(
                    (
                        self.year_word(),
                        self.gap(),
                        self.month_name(),
                        self.gap(),
                        alt((self.ordinal_day(), day)),
                        join(),
                        self.ordinal_day(),
                    ),
                    |(year, (), month, (), first, (), last)| days(first, DayMonth::new(last, month)?, year),
                )
                .parse(input),
            }
        }
    }

    // month_range = month_name, [ gap, year_word ], connective, month_year
    //             | year_word, gap, month_name, connective, [ year_word, gap ], month_name ;
    //   `January 2022 until august 2023`, `January to March 2024`
    fn month_range<'a>(&self, joins: Joins) -> impl Production<'a, Period> {
        move |input: &'a str| {
            if self.year_first() {
                return map_opt(
                    (
                        self.year_word(),
                        self.gap(),
                        self.month_name(),
                        self.connective(joins),
                        opt(terminated(self.year_word(), self.gap())),
                        self.month_name(),
                    ),
                    |(year, (), first, (), last_year, last)| {
                        let start = NaiveDate::from_ymd_opt(year, first, 1)?;
                        let last = NaiveDate::from_ymd_opt(last_year.unwrap_or(year), last, 1)?;
                        (start < last).then_some(())?;
                        Period::months(start, last)
                    },
                )
                .parse(input);
            }
            map_opt(
                (
                    self.month_name(),
                    opt(preceded(self.gap(), self.year_word())),
                    self.connective(joins),
                    self.month_year(),
                ),
                |(first, first_year, (), last)| {
                    let start = match first_year {
                        Some(year) => NaiveDate::from_ymd_opt(year, first, 1)?,
                        None => DayMonth::new(1, first)?.before(last)?,
                    };
                    (start < last).then_some(())?;
                    Period::months(start, last)
                },
            )
            .parse(input)
        }
    }

    // year_range = year_word, connective, year_word ;   `2019-2024`, `2021-2027`
    fn year_range<'a>(&self, joins: Joins) -> impl Production<'a, Period> {
        map_opt((self.year_word(), self.connective(joins), self.year_word()), |(first, (), last)| {
            (first < last).then_some(())?;
            Period::years(first, last)
        })
    }

    // day_month_year = day_month, gap, year_word | year_word, gap, day_month ;
    //   `25. juni 2013`, `27 December 2019`, `22 de marzo de 2021`, hu `2025. október 25.`
    fn day_month_year<'a>(&self, readings: &Readings<'a>) -> impl Production<'a, NaiveDate> {
        move |input: &'a str| {
            remembered(&readings.day_month_year, input, |input| {
                if self.year_first() {
                    map_opt(
                        (self.year_word(), self.gap(), self.day_month(readings)),
                        |(year, (), day_month)| day_month.in_year(year),
                    )
                    .parse(input)
                } else {
                    map_opt(
                        (self.day_month(readings), self.gap(), self.year_word()),
                        |(day_month, (), year)| day_month.in_year(year),
                    )
                    .parse(input)
                }
            })
        }
    }

    // month_year = month_name, gap, year_word | year_word, gap, month_name ;
    //   `December 2024`, `oktober 2020`, lv `2020. gada oktobrī`; the first day of the month
    fn month_year<'a>(&self) -> impl Production<'a, NaiveDate> {
        move |input: &'a str| {
            if self.year_first() {
                map_opt((self.year_word(), self.gap(), self.month_name()), |(year, (), month)| {
                    NaiveDate::from_ymd_opt(year, month, 1)
                })
                .parse(input)
            } else {
                map_opt((self.month_name(), self.gap(), self.year_word()), |(month, (), year)| {
                    NaiveDate::from_ymd_opt(year, month, 1)
                })
                .parse(input)
            }
        }
    }

    // day_month = ordinal_day, gap, month_name | month_name, gap, ordinal_day ;
    //   the month first only in ymd order (hu `október 25.`); the day must exist in that month
    fn day_month<'a>(&self, readings: &Readings<'a>) -> impl Production<'a, DayMonth> {
        move |input: &'a str| {
            remembered(&readings.day_month, input, |input| {
                if self.dates().order == Order::Ymd {
                    map_opt((self.month_name(), self.gap(), self.ordinal_day()), |(month, (), day)| {
                        DayMonth::new(day, month)
                    })
                    .parse(input)
                } else {
                    map_opt((self.ordinal_day(), self.gap(), self.month_name()), |(day, (), month)| {
                        DayMonth::new(day, month)
                    })
                    .parse(input)
                }
            })
        }
    }

    // day_month_shape = digit, [ digit ], day_suffix, space, month_name, [ space, year ] ;
    //   a day and month as written, whether or not that day exists
    fn day_month_shape<'a>(&self) -> impl Production<'a, bool> {
        map(
            (
                verify(digits, |digits: &str| digits.len() <= 2),
                tag(self.dates().day_suffix.as_str()),
                space,
                self.month_name(),
                opt(preceded(space, year)),
            ),
            |(_, _, _, _, year)| year.is_some(),
        )
    }

    // ordinal_day = day, ( day_suffix | other_day_suffix ) ;
    //   `25.` in da and sl, `25` in en, fr `1er`, hu `22-i`; the longest suffix that fits
    fn ordinal_day<'a>(&self) -> impl Production<'a, u32> {
        move |input: &'a str| {
            let (rest, number) = day(input)?;
            self.day_suffixes
                .iter()
                .find_map(|suffix| spaced_tag(suffix, rest))
                .map(|rest| (rest, number))
                .ok_or_else(|| reject(input))
        }
    }

    // year_word = year, [ year_suffix ] ;   `2021`, bg `2021 г.`, pl `2021 r.`, lv `2025. gada`
    fn year_word<'a>(&self) -> impl Production<'a, i32> {
        move |input: &'a str| {
            let (rest, number) = year(input)?;
            let rest = self.year_suffixes.iter().find_map(|suffix| spaced_tag(suffix, rest)).unwrap_or(rest);
            Ok((rest, number))
        }
    }

    // gap = space, [ link, space ] ;   es `22 de marzo de 2021`, mt `22 ta' Marzu 2021`
    fn gap<'a>(&self) -> impl Production<'a, ()> {
        move |input: &'a str| {
            let (rest, _) = space(input)?;
            let linked = self.dates().links.iter().find_map(|link| {
                let after = rest.strip_prefix(link.as_str())?;
                space(after).ok().map(|(after, _)| after)
            });
            Ok((linked.unwrap_or(rest), ()))
        }
    }

    // month_name = letter, { letter }, [ "." ], { space, letter, { letter } } ;
    //   a form the lexicon lists for a month, in any case: `juni`, `oktobra`, `December`,
    //   `sept.`, ga `Deireadh Fómhair`; a `capitalised_only` form only when capitalised
    //   (`May`, not `may`)
    fn month_name<'a>(&self) -> impl Production<'a, u32> {
        move |input: &'a str| {
            for &(month, form) in &self.multiword_months {
                if let Some(rest) = words_at(form, input) {
                    return Ok((rest, month));
                }
            }
            let (rest, word) = take_while1(char::is_alphabetic).parse(input)?;
            // Abbreviations are listed with their full stop, so that reading comes first.
            if let Some(after_stop) = rest.strip_prefix('.') {
                let abbreviation = input.get(..word.len() + 1);
                if let Some(month) = abbreviation.and_then(|w| self.lex.month(w)) {
                    return Ok((after_stop, month));
                }
            }
            match self.lex.month(word) {
                Some(month) => Ok((rest, month)),
                None => Err(reject(input)),
            }
        }
    }

    // range_opener = letter, { letter } ;   a word the lexicon lists: `from`, `fra`, `od`
    fn range_opener<'a>(&self) -> impl Production<'a, &'a str> {
        verify(take_while1(char::is_alphabetic), |word: &str| self.lex.is_range_opener(word))
    }

    // connective = [ space ], dash, [ space ] | space, word_connective, space ;
    //   a dash or word the lexicon lists as a range connective, or where `joins` allows, as a
    //   pair connective; a word needs spaces (`til` in `tilbage` is not one)
    fn connective<'a>(&self, joins: Joins) -> impl Production<'a, ()> {
        let connectives = match joins {
            Joins::Ranges => &self.range_joins,
            Joins::RangesAndPairs => &self.range_and_pair_joins,
        };
        move |input: &'a str| {
            let (after_space, spaced) = opt(space).parse(input)?;
            for connective in connectives {
                let Some(rest) = after_space.strip_prefix(connective) else {
                    continue;
                };
                if !connective.starts_with(char::is_alphabetic) {
                    let (rest, _) = opt(space).parse(rest)?;
                    return Ok((rest, ()));
                }
                // A word ending in a hyphen glues to the next day (mt `u t-2`).
                if spaced.is_some() && connective.ends_with('-') {
                    return Ok((rest, ()));
                }
                if let (Some(_), Ok((rest, _))) = (spaced, space(rest)) {
                    return Ok((rest, ()));
                }
            }
            Err(reject(input))
        }
    }
}

/// `pattern` at the start of `input` in any case, a space in the pattern standing for any run
/// of white space (lt ` d.`, lv `. gada`, el `ης` in `25ΗΣ`); the input after it.
fn spaced_tag<'a>(pattern: &str, input: &'a str) -> Option<&'a str> {
    let mut rest = input;
    for (i, piece) in pattern.split(' ').enumerate() {
        if i > 0 {
            rest = space(rest).ok()?.0;
        }
        let len = rest.char_indices().nth(piece.chars().count()).map_or(rest.len(), |(at, _)| at);
        let head = rest.get(..len)?;
        if head.chars().count() != piece.chars().count() || !same_word(head, piece) {
            return None;
        }
        rest = &rest[len..];
    }
    Some(rest)
}

/// The words of `form` at the start of `input`, in any case, white space between them; the
/// input after them.
fn words_at<'a>(form: &str, input: &'a str) -> Option<&'a str> {
    let mut rest = input;
    for (i, piece) in form.split(' ').enumerate() {
        if i > 0 {
            rest = space(rest).ok()?.0;
        }
        let (after, word) = take_while1::<_, _, Error<&str>>(char::is_alphabetic).parse(rest).ok()?;
        if !same_word(word, piece) {
            return None;
        }
        rest = after;
    }
    Some(rest)
}

// numeric_date = day, ".", month_number, ".", year | day, "/", month_number, "/", year
//              | year, "-", month_number, "-", day | year, ".", month_number, ".", day ;
//   `19.2.2020`, `11/12/2025`: day first, as Council documents write them; ISO `2025-10-25`
//   and hu `2025.10.25`: year first
fn numeric_date(input: &str) -> IResult<&str, NaiveDate> {
    let day_first = |separator| {
        map_opt((day, tag(separator), month_number, tag(separator), year), |(day, _, month, _, year)| {
            NaiveDate::from_ymd_opt(year, month, day)
        })
    };
    let year_first = |separator| {
        map_opt((year, tag(separator), month_number, tag(separator), day), |(year, _, month, _, day)| {
            NaiveDate::from_ymd_opt(year, month, day)
        })
    };
    alt((day_first("."), day_first("/"), year_first("-"), year_first("."))).parse(input)
}

// day = digit, [ digit ] ;   1 to 31
fn day(input: &str) -> IResult<&str, u32> {
    map_opt(digits, |digits| number(digits, 2, 1..=31)).parse(input)
}

// month_number = digit, [ digit ] ;   1 to 12
fn month_number(input: &str) -> IResult<&str, u32> {
    map_opt(digits, |digits| number(digits, 2, 1..=12)).parse(input)
}

// year = digit, digit, digit, digit ;   1900 to 2099
fn year(input: &str) -> IResult<&str, i32> {
    map_opt(digits, |digits| number(digits, 4, 1900..=2099).and_then(|year| i32::try_from(year).ok()))
        .parse(input)
}

// digits = digit, { digit } ;
//   nom's `digit1` read a byte at a time: a date attempt reads its numbers several times over
fn digits(input: &str) -> IResult<&str, &str> {
    let len = leading_digits(input);
    match input.split_at_checked(len) {
        Some((digits, rest)) if len > 0 => Ok((rest, digits)),
        _ => Err(nom::Err::Error(Error::new(input, ErrorKind::Digit))),
    }
}

/// How many ASCII digits `input` starts with.
fn leading_digits(input: &str) -> usize {
    input.bytes().take_while(u8::is_ascii_digit).count()
}

/// A whole run of digits, at most `max_len` of them, as a number within `range`.
fn number(digits: &str, max_len: usize, range: std::ops::RangeInclusive<u32>) -> Option<u32> {
    if digits.len() > max_len {
        return None;
    }
    let value =
        digits.chars().try_fold(0u32, |value, c| value.checked_mul(10)?.checked_add(c.to_digit(10)?))?;
    range.contains(&value).then_some(value)
}

// space = white space, { white space } ;
fn space(input: &str) -> IResult<&str, &str> {
    take_while1(char::is_whitespace).parse(input)
}

// word_end = ? end of text ? | ? white space ? | ? other mark not followed by a digit ? ;
//   consumes nothing; a letter, digit or glue character (`-`, `/`, `_`, …) after a date makes
//   it part of a longer token: `2030-dagsordenen`, `2019/881`, `2020.5`
fn word_end(input: &str) -> IResult<&str, ()> {
    let mut chars = input.chars();
    let ends = match chars.next() {
        None => true,
        Some(c) if c.is_whitespace() => true,
        Some(c) if c.is_alphanumeric() || GLUE.contains(&c) => false,
        Some(_) => !chars.next().is_some_and(|c| c.is_ascii_digit()),
    };
    if ends { Ok((input, ())) } else { Err(reject(input)) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::Lexicons;

    fn lex(code: &str) -> &'static Lexicon {
        Lexicons::embedded().unwrap().get(code).unwrap()
    }

    fn ymd(year: i32, month: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year, month, day).unwrap()
    }

    /// The production's value if it reads the whole input, with nothing left over.
    fn whole<'a, O>(mut production: impl Production<'a, O>, input: &'a str) -> Option<O> {
        match production.parse(input) {
            Ok(("", value)) => Some(value),
            _ => None,
        }
    }

    fn surfaces<'t>(text: &'t str, code: &str) -> Vec<&'t str> {
        find_dates(text, lex(code)).iter().map(|m| &text[m.start..m.end]).collect()
    }

    /// The one date in `text`, as (surface, start, end, precision).
    fn only<'t>(text: &'t str, code: &str) -> (&'t str, NaiveDate, NaiveDate, Precision) {
        let found = find_dates(text, lex(code));
        assert_eq!(found.len(), 1, "{text:?}: {found:?}");
        let m = found[0];
        (&text[m.start..m.end], m.date_start, m.date_end, m.precision)
    }

    // ---- where the grammar is tried ----

    /// The grammar tried at every token, none passed over, as [`DateGrammar::scan`] would
    /// without its bounds.
    fn scan_every_token(text: &str, lex: &Lexicon) -> (Vec<DateMatch>, Vec<std::ops::Range<usize>>) {
        let grammar = DateGrammar::new(lex);
        let mut scan = Scan::default();
        for token in white_space_split(text) {
            if text.offset(token) >= scan.resume {
                grammar.try_token(text, token, &mut scan);
            }
        }
        (scan.found, scan.impossible)
    }

    #[test]
    fn passing_over_text_far_from_a_digit_loses_no_date() {
        let texts = crate::test_texts::languages_and_seeds();
        assert_eq!(texts.len(), 29);
        // Every text with every language's words, so that each lexicon meets dates it reads
        // and text it does not.
        for lex in &Lexicons::embedded().unwrap().languages {
            for text in &texts {
                let scanned = DateGrammar::new(lex).scan(text);
                assert_eq!(scanned, scan_every_token(text, lex), "{} on {:.60}", lex.code, text);
            }
        }
    }

    /// The words a date of `code` is written with, and numbers, filler and a reference around
    /// them.
    fn date_words(code: &str) -> Vec<String> {
        let dates = &lex(code).dates;
        let listed = [
            &dates.range_openers,
            &dates.range_connectives,
            &dates.pair_connectives,
            &dates.links,
            &dates.year_suffixes,
            &dates.day_prefixes,
        ];
        let numbers = ["1", "1.", "25", "31.", "2020", "2024.", "(2021)", "12109/13", "7-8", "og", "x"];
        listed
            .into_iter()
            .flatten()
            .chain(dates.months.iter().flatten())
            .cloned()
            .chain(std::iter::once(dates.day_suffix.clone()))
            .chain(numbers.map(String::from))
            .filter(|w| !w.is_empty())
            .collect()
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 400, ..Default::default() })]

        /// Any run of one language's date words, numbers and filler, with any white space
        /// between them, scans as when every token is tried.
        #[test]
        fn passing_over_text_loses_no_date_in_any_arrangement(
            code in proptest::sample::select(vec!["da", "sl", "en", "ga", "es", "mt", "hu", "lv", "lt", "el"]),
            picks in proptest::collection::vec(
                (
                    proptest::prelude::any::<proptest::sample::Index>(),
                    proptest::sample::select(vec![" ", " ", " ", "  ", "\t", "\u{a0}", "\n"]),
                ),
                0..40,
            ),
        ) {
            let words = date_words(code);
            let text: String = picks.iter().map(|(i, space)| format!("{}{space}", i.get(&words))).collect();
            proptest::prop_assert_eq!(DateGrammar::new(lex(code)).scan(&text), scan_every_token(&text, lex(code)));
        }
    }

    #[test]
    fn a_date_may_open_as_many_tokens_before_its_first_digit_as_its_words_allow() {
        let filler = "Rådet noterer sig at der ikke er truffet afgørelse om dette spørgsmål ".repeat(8);
        // Opener, month, connective, month: four tokens before `2020`.
        assert_eq!(DateGrammar::new(lex("da")).lead_tokens, 4);
        for space in [" ", "  ", "\t", "\u{a0}", "\u{3000}", " \u{2009} "] {
            let phrase = ["fra", "januar", "til", "marts", "2020"].join(space);
            let text = format!("{filler}{phrase} og 12109/13");
            let found = find_dates(&text, lex("da"));
            let got: Vec<&str> = found.iter().map(|m| &text[m.start..m.end]).collect();
            assert_eq!(got, [phrase.strip_prefix("fra").unwrap().trim_start()], "{space:?}");
        }
        // ga: two-word months, six tokens.
        assert_eq!(DateGrammar::new(lex("ga")).lead_tokens, 6);
        let text = format!("{filler}idir Meán Fómhair agus Deireadh Fómhair 2020");
        assert_eq!(surfaces(&text, "ga"), ["Meán Fómhair agus Deireadh Fómhair 2020"]);
        // es: a link before the year.
        assert_eq!(DateGrammar::new(lex("es")).lead_tokens, 5);
        let text = format!("{filler}desde marzo a mayo de 2021");
        assert_eq!(surfaces(&text, "es"), ["marzo a mayo de 2021"]);
    }

    // ---- productions alone ----

    #[test]
    fn day_is_one_or_two_digits_from_1_to_31() {
        assert_eq!(whole(day, "1"), Some(1));
        assert_eq!(whole(day, "05"), Some(5));
        assert_eq!(whole(day, "31"), Some(31));
        assert_eq!(whole(day, "0"), None);
        assert_eq!(whole(day, "32"), None);
        assert_eq!(whole(day, "123"), None);
        assert_eq!(whole(day, "x"), None);
    }

    #[test]
    fn month_number_is_1_to_12() {
        assert_eq!(whole(month_number, "2"), Some(2));
        assert_eq!(whole(month_number, "12"), Some(12));
        assert_eq!(whole(month_number, "0"), None);
        assert_eq!(whole(month_number, "13"), None);
        assert_eq!(whole(month_number, "500"), None);
    }

    #[test]
    fn year_is_four_digits_from_1900_to_2099() {
        assert_eq!(whole(year, "2013"), Some(2013));
        assert_eq!(whole(year, "1900"), Some(1900));
        assert_eq!(whole(year, "2099"), Some(2099));
        assert_eq!(whole(year, "1899"), None);
        assert_eq!(whole(year, "2100"), None);
        assert_eq!(whole(year, "202"), None);
        // seeds/004, a footnote marker glued to the year in the raw text: `fra 20221,`
        assert_eq!(whole(year, "20221"), None);
        assert_eq!(whole(year, "12109"), None);
    }

    #[test]
    fn space_is_any_run_of_white_space() {
        assert_eq!(whole(space, " "), Some(" "));
        assert_eq!(whole(space, " \n\n"), Some(" \n\n"));
        assert_eq!(whole(space, "\u{a0}"), Some("\u{a0}"));
        assert_eq!(whole(space, ""), None);
    }

    #[test]
    fn word_end_consumes_nothing_and_refuses_glue() {
        for after in ["", " om", ".", ", ", ":", ").", ".(5)See", "«"] {
            assert_eq!(word_end(after), Ok((after, ())), "{after:?}");
        }
        // seeds/002 `2030-dagsordenen`, seeds/004 `5G`, `2019/881`, decimals
        for after in ["-dagsordenen", "G", "/881", "_en", "0", ".5", ",5", "x"] {
            assert!(word_end(after).is_err(), "{after:?}");
        }
    }

    #[test]
    fn numeric_date_is_day_month_year() {
        // seeds/002 footnotes 21-23
        assert_eq!(whole(numeric_date, "19.2.2020"), Some(ymd(2020, 2, 19)));
        assert_eq!(whole(numeric_date, "24.7.2020"), Some(ymd(2020, 7, 24)));
        assert_eq!(whole(numeric_date, "2.12.2020"), Some(ymd(2020, 12, 2)));
        // seeds/003, the article's date line
        assert_eq!(whole(numeric_date, "11/12/2025"), Some(ymd(2025, 12, 11)));
        assert_eq!(whole(numeric_date, "1.13.2020"), None);
        assert_eq!(whole(numeric_date, "31.2.2020"), None);
        assert_eq!(whole(numeric_date, "19.2/2020"), None);
        assert_eq!(whole(numeric_date, "24/7"), None);
        assert_eq!(whole(numeric_date, "2.500"), None);
        assert_eq!(whole(numeric_date, "4/2025"), None);
    }

    #[test]
    fn ordinal_day_takes_the_language_suffix() {
        let da = DateGrammar::new(lex("da"));
        let en = DateGrammar::new(lex("en"));
        assert_eq!(whole(da.ordinal_day(), "25."), Some(25));
        assert_eq!(whole(da.ordinal_day(), "25"), None);
        assert_eq!(whole(en.ordinal_day(), "25"), Some(25));
        assert_eq!(whole(en.ordinal_day(), "32"), None);
    }

    #[test]
    fn month_name_knows_every_listed_form_in_any_case() {
        let da = DateGrammar::new(lex("da"));
        let sl = DateGrammar::new(lex("sl"));
        let en = DateGrammar::new(lex("en"));
        assert_eq!(whole(da.month_name(), "juni"), Some(6));
        assert_eq!(whole(da.month_name(), "Oktober"), Some(10));
        assert_eq!(whole(sl.month_name(), "oktobra"), Some(10));
        assert_eq!(whole(sl.month_name(), "oktober"), Some(10));
        assert_eq!(whole(en.month_name(), "December"), Some(12));
        assert_eq!(whole(en.month_name(), "august"), Some(8));
        assert_eq!(whole(en.month_name(), "sept."), Some(9));
        assert_eq!(whole(en.month_name(), "May"), Some(5));
        assert_eq!(whole(en.month_name(), "MARCH"), Some(3));
        // seeds/003 `may be found`: the modal verb, not the month
        assert_eq!(whole(en.month_name(), "may"), None);
        assert_eq!(whole(en.month_name(), "march"), None);
        assert_eq!(whole(en.month_name(), "Mayor"), None);
        assert_eq!(whole(en.month_name(), "juni"), None);
    }

    #[test]
    fn range_opener_is_a_listed_word_in_any_case() {
        let en = DateGrammar::new(lex("en"));
        let da = DateGrammar::new(lex("da"));
        assert_eq!(whole(en.range_opener(), "from"), Some("from"));
        assert_eq!(whole(en.range_opener(), "Between"), Some("Between"));
        assert_eq!(whole(da.range_opener(), "fra"), Some("fra"));
        assert_eq!(whole(en.range_opener(), "fromage"), None);
        assert_eq!(whole(da.range_opener(), "den"), None);
    }

    #[test]
    fn connective_words_need_spaces_and_pairs_count_only_where_allowed() {
        let da = DateGrammar::new(lex("da"));
        let sl = DateGrammar::new(lex("sl"));
        let en = DateGrammar::new(lex("en"));
        assert_eq!(whole(da.connective(Joins::Ranges), "-"), Some(()));
        assert_eq!(whole(da.connective(Joins::Ranges), " – "), Some(()));
        assert_eq!(whole(da.connective(Joins::Ranges), " til "), Some(()));
        assert_eq!(whole(en.connective(Joins::Ranges), " until "), Some(()));
        assert_eq!(whole(en.connective(Joins::Ranges), " till "), Some(()));
        assert_eq!(whole(da.connective(Joins::Ranges), "til"), None);
        assert_eq!(whole(da.connective(Joins::Ranges), " og "), None);
        assert_eq!(whole(da.connective(Joins::RangesAndPairs), " og "), Some(()));
        assert_eq!(whole(sl.connective(Joins::RangesAndPairs), " in "), Some(()));
        assert_eq!(whole(sl.connective(Joins::RangesAndPairs), "in"), None);
        assert_eq!(whole(en.connective(Joins::Ranges), " "), None);
    }

    #[test]
    fn digits_are_ascii_digits_read_whole() {
        // seeds/002 and seeds/004.
        assert_eq!(digits("2019-2024"), Ok(("-2024", "2019")));
        assert_eq!(digits("25. juni 2013"), Ok((". juni 2013", "25")));
        // Other digits (Arabic-Indic `٢`), a sign and no digit are not read.
        assert!(digits("٢٠٢٠").is_err());
        assert!(digits("+5").is_err());
        assert!(digits("juni").is_err());
        assert!(digits("").is_err());
        assert_eq!(number("05", 2, 1..=31), Some(5));
        assert_eq!(number("100", 2, 1..=31), None);
        assert_eq!(number("2099", 4, 1900..=2099), Some(2099));
        assert_eq!(number("2100", 4, 1900..=2099), None);
        assert_eq!(number("00", 2, 1..=31), None);
    }

    #[test]
    fn readings_are_kept_per_slice() {
        let da = DateGrammar::new(lex("da"));
        let readings = Readings::default();
        // seeds/002: the day and month a full range and a single date both open with.
        let text = "25. juni 2013 og 31. juni";
        let june_25 = Some(DayMonth { day: 25, month: 6 });
        let day_month = |input| da.day_month(&readings).parse(input).ok().map(|(_, dm)| dm);
        assert_eq!(day_month(text), june_25);
        assert_eq!(day_month(text), june_25);
        // Another start, or the same start with another end, is read anew.
        assert_eq!(day_month(&text[17..]), None);
        assert_eq!(day_month(&text[..6]), None);
        assert_eq!(day_month(text), june_25);
        let year = da.day_month_year(&readings).parse(text);
        assert_eq!(year, Ok((" og 31. juni", ymd(2013, 6, 25))));
        assert_eq!(da.day_month_year(&readings).parse(&text[..9]).ok(), None);
    }

    #[test]
    fn day_month_shape_ignores_the_calendar() {
        let da = DateGrammar::new(lex("da"));
        assert_eq!(whole(da.day_month_shape(), "31. februar"), Some(false));
        assert_eq!(whole(da.day_month_shape(), "31. februar 2021"), Some(true));
        assert_eq!(whole(da.day_month_shape(), "99. juni"), Some(false));
        assert_eq!(whole(da.day_month_shape(), "100. juni"), None);
        assert_eq!(whole(da.day_month_shape(), "31 februar"), None);
    }

    #[test]
    fn day_month_exists_in_some_year() {
        let da = DateGrammar::new(lex("da"));
        let day_month = |text| whole(da.day_month(&Readings::default()), text);
        assert_eq!(day_month("29. februar"), Some(DayMonth { day: 29, month: 2 }));
        assert_eq!(day_month("31. februar"), None);
        assert_eq!(day_month("31. juni"), None);
        assert_eq!(day_month("2. På"), None);
    }

    #[test]
    fn day_month_year_is_a_real_date() {
        let [da, sl, en] = ["da", "sl", "en"].map(|code| DateGrammar::new(lex(code)));
        let date = |grammar: &DateGrammar, text| whole(grammar.day_month_year(&Readings::default()), text);
        // seeds/002
        assert_eq!(date(&da, "25. juni 2013"), Some(ymd(2013, 6, 25)));
        // seeds/003
        assert_eq!(date(&en, "27 December 2019"), Some(ymd(2019, 12, 27)));
        // seeds/001
        assert_eq!(date(&sl, "25. oktober 2025"), Some(ymd(2025, 10, 25)));
        assert_eq!(date(&sl, "25. oktobra 2025"), Some(ymd(2025, 10, 25)));
        assert_eq!(date(&en, "29 February 2020"), Some(ymd(2020, 2, 29)));
        assert_eq!(date(&da, "31. februar 2021"), None);
        assert_eq!(date(&en, "30 February 2020"), None);
        assert_eq!(date(&en, "29 February 2021"), None);
        assert_eq!(date(&en, "24 December"), None);
    }

    #[test]
    fn month_year_is_the_first_of_the_month() {
        let en = DateGrammar::new(lex("en"));
        let da = DateGrammar::new(lex("da"));
        // seeds/003
        assert_eq!(whole(en.month_year(), "December 2024"), Some(ymd(2024, 12, 1)));
        assert_eq!(whole(en.month_year(), "February 2025"), Some(ymd(2025, 2, 1)));
        assert_eq!(whole(da.month_year(), "oktober 2020"), Some(ymd(2020, 10, 1)));
        assert_eq!(whole(en.month_year(), "may 2020"), None);
    }

    #[test]
    fn year_range_runs_forwards() {
        let da = DateGrammar::new(lex("da"));
        let years = |a, b| Period::years(a, b).unwrap();
        // seeds/002
        assert_eq!(whole(da.year_range(Joins::Ranges), "2019-2024"), Some(years(2019, 2024)));
        assert_eq!(whole(da.year_range(Joins::Ranges), "2021-2027"), Some(years(2021, 2027)));
        assert_eq!(whole(da.year_range(Joins::Ranges), "2019–2024"), Some(years(2019, 2024)));
        assert_eq!(whole(da.year_range(Joins::Ranges), "2019 til 2024"), Some(years(2019, 2024)));
        assert_eq!(whole(da.year_range(Joins::Ranges), "2024-2019"), None);
        assert_eq!(whole(da.year_range(Joins::Ranges), "2024-2024"), None);
        assert_eq!(whole(da.year_range(Joins::Ranges), "2016 og 2018"), None);
        let range = whole(da.year_range(Joins::Ranges), "2019-2024").unwrap();
        assert_eq!((range.start, range.end), (ymd(2019, 1, 1), ymd(2024, 12, 31)));
        assert_eq!(range.precision, Precision::Year);
    }

    #[test]
    fn day_range_is_days_of_one_month() {
        let days = |a, b| Period::days(a, b).unwrap();
        let da = DateGrammar::new(lex("da"));
        let sl = DateGrammar::new(lex("sl"));
        let en = DateGrammar::new(lex("en"));
        // seeds/002, seeds/000
        let oct_2020 = days(ymd(2020, 10, 1), ymd(2020, 10, 2));
        assert_eq!(whole(da.day_range(&Readings::default()), "1.-2. oktober 2020"), Some(oct_2020));
        let oct_2025 = days(ymd(2025, 10, 25), ymd(2025, 10, 26));
        assert_eq!(whole(da.day_range(&Readings::default()), "25.-26. oktober 2025"), Some(oct_2025));
        // seeds/001
        assert_eq!(whole(sl.day_range(&Readings::default()), "25. in 26. oktober 2025"), Some(oct_2025));
        // seeds/003
        assert_eq!(whole(en.day_range(&Readings::default()), "25-26 October 2025"), Some(oct_2025));
        assert_eq!(whole(da.day_range(&Readings::default()), "26.-25. oktober 2025"), None);
        assert_eq!(whole(da.day_range(&Readings::default()), "30.-31. november 2020"), None);
        assert_eq!(whole(da.day_range(&Readings::default()), "1-2. oktober 2020"), None);
    }

    #[test]
    fn day_month_range_crosses_months_and_years() {
        let days = |a, b| Period::days(a, b).unwrap();
        let en = DateGrammar::new(lex("en"));
        let sl = DateGrammar::new(lex("sl"));
        let readings = Readings::default();
        let ranges = en.day_month_range(Joins::Ranges, &readings);
        // seeds/003
        let winter = days(ymd(2024, 1, 29), ymd(2024, 2, 9));
        assert_eq!(whole(ranges, "29 January until 9 February 2024"), Some(winter));
        let summer = days(ymd(2024, 7, 29), ymd(2024, 8, 9));
        assert_eq!(
            whole(en.day_month_range(Joins::Ranges, &Readings::default()), "29 July to 9 August 2024"),
            Some(summer)
        );
        let new_year = days(ymd(2023, 12, 29), ymd(2024, 1, 3));
        let text = "29 December to 3 January 2024";
        assert_eq!(whole(en.day_month_range(Joins::Ranges, &Readings::default()), text), Some(new_year));
        let text = "29. januarja do 9. februarja 2024";
        assert_eq!(whole(sl.day_month_range(Joins::Ranges, &Readings::default()), text), Some(winter));
        // two days, not a range, unless a range opener came first
        let text = "29 January and 9 February 2024";
        assert_eq!(whole(en.day_month_range(Joins::Ranges, &Readings::default()), text), None);
        assert_eq!(
            whole(en.day_month_range(Joins::RangesAndPairs, &Readings::default()), text),
            Some(winter)
        );
    }

    #[test]
    fn full_range_joins_two_dates() {
        let en = DateGrammar::new(lex("en"));
        let expected = Period::days(ymd(2023, 12, 29), ymd(2024, 1, 3));
        let text = "29 December 2023 to 3 January 2024";
        assert_eq!(whole(en.full_range(Joins::Ranges, &Readings::default()), text), expected);
        let text = "3 January 2024 to 29 December 2023";
        assert_eq!(whole(en.full_range(Joins::Ranges, &Readings::default()), text), None);
    }

    #[test]
    fn month_range_ends_at_the_end_of_its_last_month() {
        let en = DateGrammar::new(lex("en"));
        let months = |a, b| Period::months(a, b).unwrap();
        // seeds/003
        let text = "January 2022 until august 2023";
        let sessions = months(ymd(2022, 1, 1), ymd(2023, 8, 1));
        assert_eq!(whole(en.month_range(Joins::Ranges), text), Some(sessions));
        assert_eq!(sessions.end, ymd(2023, 8, 31));
        assert_eq!(sessions.precision, Precision::Month);
        let spring = months(ymd(2024, 1, 1), ymd(2024, 3, 1));
        assert_eq!(whole(en.month_range(Joins::Ranges), "January to March 2024"), Some(spring));
        let winter = months(ymd(2023, 12, 1), ymd(2024, 2, 1));
        let text = "December to February 2024";
        assert_eq!(whole(en.month_range(Joins::Ranges), text), Some(winter));
        assert_eq!(whole(en.month_range(Joins::Ranges), "August 2023 to January 2022"), None);
    }

    #[test]
    fn date_phrase_leaves_the_opener_out_of_the_surface() {
        let en = DateGrammar::new(lex("en"));
        let (rest, (surface, _)) =
            en.date_phrase(&Readings::default()).parse("from 29 July to 9 August 2024. A").unwrap();
        assert_eq!((surface, rest), ("29 July to 9 August 2024", ". A"));
        let (_, (surface, period)) =
            en.date_phrase(&Readings::default()).parse("between 2019 and 2024").unwrap();
        assert_eq!(surface, "2019 and 2024");
        assert_eq!(period, Period::years(2019, 2024).unwrap());
        assert!(en.date_phrase(&Readings::default()).parse("from the Ad Hoc Committee").is_err());
    }

    // ---- find_dates on phrases ----

    #[test]
    fn danish_phrases() {
        // seeds/002
        let text = "konklusioner af 1.-2. oktober 2020 om covid-19";
        let oct = (ymd(2020, 10, 1), ymd(2020, 10, 2), Precision::Day);
        assert_eq!(only(text, "da"), ("1.-2. oktober 2020", oct.0, oct.1, oct.2));
        let text = "dagsorden 2019-2024,";
        let agenda = (ymd(2019, 1, 1), ymd(2024, 12, 31), Precision::Year);
        assert_eq!(only(text, "da"), ("2019-2024", agenda.0, agenda.1, agenda.2));
        let text = "19.2.2020 COM(2020) 67 final.";
        let day = ymd(2020, 2, 19);
        assert_eq!(only(text, "da"), ("19.2.2020", day, day, Precision::Day));
        let text = "– den fælles meddelelse af 25. juni 2013 til Europa-Parlamentet og Rådet";
        assert_eq!(surfaces(text, "da"), ["25. juni 2013"]);
        let text = "fælles meddelelse af 20. november 2017  til Europa-Parlamentet";
        assert_eq!(surfaces(text, "da"), ["20. november 2017"]);
        // split over lines, joined in the clean text
        let text = "og konklusionerne af 20. juni 2019 om desinformation";
        assert_eq!(surfaces(text, "da"), ["20. juni 2019"]);
        let text = "af 28. juni 2016 – Fælles vision, fælles handling";
        assert_eq!(surfaces(text, "da"), ["28. juni 2016"]);
        let text = "fremtiden for et højdigitaliseret Europa efter 2020: \"Styrke";
        assert_eq!(surfaces(text, "da"), ["2020"]);
        let text = "(FFR) for 2021-2027 samt i genopretnings- og resiliensfaciliteten.";
        assert_eq!(surfaces(text, "da"), ["2021-2027"]);
        let text = "Warszawa i 2016 og Bruxelles i 2018, gentager";
        assert_eq!(surfaces(text, "da"), ["2016", "2018"]);
        let text = "22 24.7.2020 COM(2020) 605 final. 23 2.12.2020 JOIN(2020) 22 final.";
        assert_eq!(surfaces(text, "da"), ["24.7.2020", "2.12.2020"]);
        // seeds/000
        let text = "Den 25.-26. oktober 2025 i National Conference Center, Thang Long Avenue,";
        assert_eq!(surfaces(text, "da"), ["25.-26. oktober 2025"]);
        // seeds/004, footnote marker removed (`fra 20221,` in the raw text)
        let text = "gennemføre Rådets konklusioner fra 2022, vil";
        assert_eq!(surfaces(text, "da"), ["2022"]);
        let text = "1 Rådets konklusioner om EU's digitale diplomati, 18. juli 2022.";
        assert_eq!(surfaces(text, "da"), ["18. juli 2022"]);
        let text = "16. Rådet vil vende tilbage til dette spørgsmål senest i sommeren 2024 og";
        let year = (ymd(2024, 1, 1), ymd(2024, 12, 31), Precision::Year);
        assert_eq!(only(text, "da"), ("2024", year.0, year.1, year.2));
    }

    #[test]
    fn slovenian_phrases() {
        // seeds/001
        let text = "Hanoj, Vietnam, 25. in 26. oktober 2025 Spoštovane ekscelence,";
        let days = (ymd(2025, 10, 25), ymd(2025, 10, 26), Precision::Day);
        assert_eq!(only(text, "sl"), ("25. in 26. oktober 2025", days.0, days.1, days.2));
        // not in the seeds: a cross-month range, "between … and", and two separate years
        let text = "od 29. januarja do 9. februarja 2024";
        assert_eq!(surfaces(text, "sl"), ["29. januarja do 9. februarja 2024"]);
        let text = "med 2019 in 2024";
        assert_eq!(surfaces(text, "sl"), ["2019 in 2024"]);
        let text = "v letih 2019 in 2024";
        assert_eq!(surfaces(text, "sl"), ["2019", "2024"]);
    }

    #[test]
    fn english_phrases() {
        // seeds/003
        let text = "Six sessions was held from January 2022 until august 2023, with";
        let sessions = (ymd(2022, 1, 1), ymd(2023, 8, 31), Precision::Month);
        let expected = ("January 2022 until august 2023", sessions.0, sessions.1, sessions.2);
        assert_eq!(only(text, "en"), expected);
        let text = "should be held from 29 July to 9 August 2024. A proposal";
        let session = (ymd(2024, 7, 29), ymd(2024, 8, 9), Precision::Day);
        assert_eq!(only(text, "en"), ("29 July to 9 August 2024", session.0, session.1, session.2));
        let text = "He retired in February 2025 after handling extradition";
        let month = (ymd(2025, 2, 1), ymd(2025, 2, 28), Precision::Month);
        assert_eq!(only(text, "en"), ("February 2025", month.0, month.1, month.2));
        let text = "reached consensus in December 2024 and";
        assert_eq!(surfaces(text, "en"), ["December 2024"]);
        let text = "4/2025: Artikler 11/12/2025 United Nations Convention";
        let day = ymd(2025, 12, 11);
        assert_eq!(only(text, "en"), ("11/12/2025", day, day, Precision::Day));
        let text = "held in Hanoi, Vietnam, on 25-26 October 2025. More than 2.500 delegates \
                    from 119 countries participated at the conference.";
        assert_eq!(surfaces(text, "en"), ["25-26 October 2025"]);
        let text = "in New York until 31 December 2026. The Resolution";
        assert_eq!(surfaces(text, "en"), ["31 December 2026"]);
        let text = "Monday 27 October 2025,(17)See https://therecord.media/us-declines";
        assert_eq!(surfaces(text, "en"), ["27 October 2025"]);
        let text = "on 27 November 2024.(5)See https://documents.un.org/doc/undoc/gen/n24/372/04";
        assert_eq!(surfaces(text, "en"), ["27 November 2024"]);
        let text = "organized a panel discussion on 25 March 2025: The U.N.";
        assert_eq!(surfaces(text, "en"), ["25 March 2025"]);
    }

    #[test]
    fn near_misses_are_not_dates() {
        let cases = [
            // seeds/003: URLs with years, months and digit runs in them
            ("en", "(7)See https://www.unodc.org/unodc/en/press/releases/2024/December/un-general"),
            ("en", "https://www.unodc.org/unodc/frontpage/2025/October/seventy-two-nations-s"),
            ("en", "nclude-un-convention-against-cybercrime-2025-07-16_en"),
            ("en", "www.example.org/06062025/2024"),
            ("da", "https://data.consilium.europa.eu/doc/document/ST-11406-2022-INIT/da/pdf"),
            ("da", "https://www.consilium.europa.eu/da/press/press-releases/2022/10/17/the-council"),
            // Council document numbers and COM/JOIN/SWD references
            ("da", "1 12109/13."),
            ("da", "14435/17 + COR 1"),
            ("da", "13084/1/20 REV 1"),
            ("da", "EUCO 13/20"),
            ("da", "19 COM(2020) 67 final. JOIN(2020) 22 final. SWD(2020) 3 final."),
            ("en", "Regulation (EU) 2019/881 of the European Parliament"),
            // seeds/002, seeds/004
            ("da", "betydningen af 5G for den europæiske økonomi"),
            ("da", "såsom 6G, radiokommunikation og udvikling"),
            ("da", "forbindelse med covid-19-pandemien"),
            ("da", "i forbindelse med 2030-dagsordenen, herunder"),
            ("da", "2. På grundlag af de fremskridt"),
            // no year
            ("da", "17. september blev"),
            // seeds/003
            ("en", "the coronavirus disease (COVID-19), the"),
            ("en", "4/2025: Artikler"),
            ("en", "the first global 24/7 Network where"),
            ("en", "More than 2.500 delegates from 119 countries"),
            ("en", "justice instrument for the 21 st century and beyond"),
            ("en", "The Convention includes in Article 65 that it shall"),
            ("en", "specifically in articles 37, 40, 41 and 47. These articles"),
            ("en", "the Signing Ceremony may be found"),
            ("en", "decided that 24 December shall be designated The International"),
            ("en", "1.1.The background 1.2. A Resolution"),
            // impossible dates
            ("da", "den 31. februar 2021"),
            ("en", "on 30 February 2020"),
            ("en", "on 19.13.2020 and 32/12/2020"),
            ("en", "in 1850 and 2150"),
        ];
        for (code, text) in cases {
            assert_eq!(surfaces(text, code), Vec::<&str>::new(), "{code}: {text}");
        }
    }

    #[test]
    fn a_failed_longer_reading_falls_back_to_a_shorter_one() {
        // the range fails (9 February has no year before `and`), the later date stands alone
        let text = "on 29 January and 9 February 2024";
        assert_eq!(surfaces(text, "en"), ["9 February 2024"]);
        let text = "(between 2020 and 2019)";
        assert_eq!(surfaces(text, "en"), ["2020", "2019"]);
        let text = "»2020« og (2021)";
        assert_eq!(surfaces(text, "da"), ["2020", "2021"]);
    }

    #[test]
    fn year_first_orders() {
        let (hu, lt, lv) =
            (DateGrammar::new(lex("hu")), DateGrammar::new(lex("lt")), DateGrammar::new(lex("lv")));
        let day = ymd(2025, 10, 25);
        assert_eq!(whole(hu.day_month_year(&Readings::default()), "2025. október 25."), Some(day));
        assert_eq!(whole(hu.day_month_year(&Readings::default()), "2025. október 25-én"), Some(day));
        assert_eq!(whole(lt.day_month_year(&Readings::default()), "2025 m. spalio 25 d."), Some(day));
        assert_eq!(whole(lv.day_month_year(&Readings::default()), "2025. gada 25. oktobrī"), Some(day));
        let days = Period::days(ymd(2025, 10, 25), ymd(2025, 10, 26));
        assert_eq!(whole(hu.day_range(&Readings::default()), "2025. október 25–26."), days);
        assert_eq!(whole(lt.day_range(&Readings::default()), "2025 m. spalio 25–26 d."), days);
        assert_eq!(whole(lv.day_range(&Readings::default()), "2025. gada 25. un 26. oktobrī"), days);
        assert_eq!(whole(lv.month_year(), "2020. gada oktobrī"), Some(ymd(2020, 10, 1)));
        assert_eq!(whole(lt.month_year(), "2020 m. spalį"), Some(ymd(2020, 10, 1)));
        // the day does not exist, or the order is the other one
        assert_eq!(whole(hu.day_month_year(&Readings::default()), "2025. február 30."), None);
        assert_eq!(whole(hu.day_month_year(&Readings::default()), "25. október 2025"), None);
    }

    #[test]
    fn suffixes_links_prefixes_and_multiword_months() {
        let first = ymd(2020, 10, 1);
        assert_eq!(surfaces("le 1er octobre 2020, puis", "fr"), ["1er octobre 2020"]);
        assert_eq!(only("el 1er octobre 2020", "fr").1, first);
        assert_eq!(surfaces("de 22 de marzo de 2021 y", "es"), ["22 de marzo de 2021"]);
        assert_eq!(surfaces("del 25 al 26 de octubre de 2025.", "es"), ["25 al 26 de octubre de 2025"]);
        assert_eq!(
            surfaces("dell'11 marzo 2011 e dall'ottobre 2020", "it"),
            ["11 marzo 2011", "ottobre 2020"]
        );
        assert_eq!(surfaces("il-25 ta' Ottubru 2025", "mt"), ["25 ta' Ottubru 2025"]);
        assert_eq!(surfaces("an 25 Deireadh Fómhair 2025", "ga"), ["25 Deireadh Fómhair 2025"]);
        assert_eq!(surfaces("της 6ης Μαρτίου 2025", "el"), ["6ης Μαρτίου 2025"]);
        assert_eq!(surfaces("ΤΗΣ 25ΗΣ ΟΚΤΩΒΡΙΟΥ 2025", "el"), ["25ΗΣ ΟΚΤΩΒΡΙΟΥ 2025"]);
        assert_eq!(surfaces("на 22 март 2021 г. в", "bg"), ["22 март 2021 г."]);
        assert_eq!(surfaces("9 i 10 czerwca 2016 r. Rada", "pl"), ["9 i 10 czerwca 2016 r."]);
        assert_eq!(surfaces("vom 25. bis 26. Oktober 2025", "de"), ["25. bis 26. Oktober 2025"]);
        assert_eq!(surfaces("am 25./26. März 2010", "de"), ["25./26. März 2010"]);
        assert_eq!(surfaces("ve dnech 19. a 20. června 2008", "cs"), ["19. a 20. června 2008"]);
        assert_eq!(surfaces("10. ja 11. joulukuuta 1999", "fi"), ["10. ja 11. joulukuuta 1999"]);
        assert_eq!(surfaces("lokakuussa 2020", "fi"), ["lokakuussa 2020"]);
        assert_eq!(surfaces("dne 2025-10-25 a 2025.10.25.", "cs"), ["2025-10-25", "2025.10.25"]);
    }

    // ---- whole seeds ----

    #[test]
    fn every_seed_with_every_language_yields_ordered_spans_that_slice_back() {
        let seeds = crate::test_texts::texts_in("seeds");
        assert!(seeds.len() >= 5);
        for (name, text) in &seeds {
            for lexicon in &Lexicons::embedded().unwrap().languages {
                let mut last_end = 0;
                for m in find_dates(text, lexicon) {
                    assert!(last_end <= m.start && m.start < m.end, "{name}: {m:?}");
                    let surface = text.get(m.start..m.end).unwrap();
                    assert_eq!(surface.trim(), surface, "{name}");
                    assert!(m.date_start <= m.date_end, "{name}: {surface}");
                    last_end = m.end;
                }
            }
        }
    }

    #[test]
    fn every_cut_of_a_seed_sentence_is_safe() {
        // seeds/003 line 18, cut at every character: ranges lose an end, numbers a digit
        let seeds = crate::test_texts::texts_in("seeds");
        let (_, text) = seeds.iter().find(|(name, _)| name.starts_with("003")).unwrap();
        let from = text.find("Six sessions").unwrap();
        let to = text.find("acclamation").unwrap();
        let sentences = &text[from..to];
        for (at, _) in sentences.char_indices() {
            for cut in [&sentences[at..], &sentences[..at]] {
                for m in find_dates(cut, lex("en")) {
                    assert!(cut.get(m.start..m.end).is_some());
                }
            }
        }
    }

    #[test]
    fn seed_003_first_paragraph() {
        let seeds = crate::test_texts::texts_in("seeds");
        let (_, text) = seeds.iter().find(|(name, _)| name.starts_with("003")).unwrap();
        // line 18, raw: it still has the article's inline notes `(1)See https://…`
        let paragraph = text.lines().nth(17).unwrap();
        assert_eq!(
            surfaces(paragraph, "en"),
            [
                "27 December 2019",
                "25 November 2019",
                "2020",
                "2021",
                "January 2022 until august 2023",
                "29 January until 9 February 2024",
                "24 April 2024",
                "29 July to 9 August 2024",
                "7 August 2024",
                "8 August 2024",
            ]
        );
    }

    #[test]
    fn seed_002_danish_dates_in_order() {
        let seeds = crate::test_texts::texts_in("seeds");
        let (_, text) = seeds.iter().find(|(name, _)| name.starts_with("002")).unwrap();
        // the clean text joins lines with single spaces
        let joined: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
        let found = surfaces(&joined, "da");
        for expected in [
            "25. juni 2013",
            "1.-2. oktober 2020",
            "20. juni 2019",
            "19.2.2020",
            "24.7.2020",
            "2.12.2020",
            "2020-2024",
            "2021-2027",
        ] {
            assert!(found.contains(&expected), "{expected} not in {found:?}");
        }
        assert!(!found.iter().any(|s| s.contains("2030")), "{found:?}");
    }

    #[test]
    fn white_space_split_is_split_at_white_space() {
        let texts = [
            "",
            " ",
            "a",
            " a  b ",
            "25.\u{a0}juni\u{2009}2013",
            "x\u{3000}y\u{85}z\u{1680}w\u{202f}v\u{205f}u\u{2028}t",
            "€ 5 – 6 «7» ½",
            "\t1\n2\r\u{b}3\u{c}4",
            "ΜΑΐΟΥ  2020",
        ];
        for text in texts {
            let expected: Vec<_> = text.split(char::is_whitespace).collect();
            assert_eq!(white_space_split(text).collect::<Vec<_>>(), expected, "{text:?}");
        }
        let mut text = String::new();
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            text.clear();
            text.extend(['a', c, 'b', c]);
            assert!(white_space_split(&text).eq(text.split(char::is_whitespace)), "{c:?}");
        }
    }

    /// The words `may_start` is asked about: every listed word in several cases, with and
    /// without what may follow it, and near misses.
    fn date_start_probes(lex: &Lexicon) -> Vec<String> {
        let dates = &lex.dates;
        let listed = dates.months.iter().flatten().chain(&dates.range_openers).chain(&dates.day_prefixes);
        let mut probes = Vec::new();
        for word in listed {
            let mut chars = word.chars();
            let capitalised: String =
                chars.next().into_iter().flat_map(char::to_uppercase).chain(chars).collect();
            for form in [word.clone(), word.to_uppercase(), capitalised] {
                for after in ["", ".", ". 2020", " 2020", "x", "11", "’"] {
                    probes.push(format!("{form}{after}"));
                }
                let shorter: String = form.chars().take(form.chars().count().saturating_sub(1)).collect();
                probes.push(shorter);
            }
        }
        probes.extend(
            ["", "ß", "SS", "İ", "x", "the", "Rådet", "συμβούλιο", "2020", "(5", "1er"].map(String::from),
        );
        probes
    }

    #[test]
    fn may_open_date_word_admits_every_token_that_may_start_a_date() {
        for lex in &Lexicons::embedded().unwrap().languages {
            let grammar = DateGrammar::new(lex);
            for probe in date_start_probes(lex) {
                let word = grammar.without_day_prefix(&probe);
                if grammar.may_start(word) && !probe.starts_with(|c: char| c.is_ascii_digit()) {
                    assert!(lex.may_open_date_word(&probe), "{}: {probe:?}", lex.code);
                }
            }
        }
    }

    #[test]
    fn number_may_open_date_as_a_day_or_a_year() {
        for input in [
            "",
            "maj 2020",
            "1",
            "25. juni",
            "31.2.2020",
            "00",
            "45",
            "1999",
            "2099",
            "2020-2024",
            "19.2.2020",
            "2.500",
        ] {
            assert!(number_may_open_date(input), "{input:?}");
        }
        for input in ["123", "12109/13", "1899", "2100", "0202", "20245"] {
            assert!(!number_may_open_date(input), "{input:?}");
        }
        // Whatever it rejects no production reads, nor the impossible-day check.
        let da = DateGrammar::new(lex("da"));
        for input in ["123. maj 2020", "1899", "2100-2101", "12109/13", "00031. december 2020"] {
            assert!(!number_may_open_date(input), "{input:?}");
            assert!(da.date_phrase(&Readings::default()).parse(input).is_err(), "{input:?}");
            assert!(da.day_month_shape().parse(input).is_err(), "{input:?}");
        }
    }

    #[test]
    fn may_start_refuses_only_what_no_production_reads() {
        let starts = |code: &str, input: &str| DateGrammar::new(lex(code)).may_start(input);
        for (code, input) in [
            ("da", "25. juni 2013"),
            ("da", "fra 2019 til 2024"),
            ("da", "mellem 2019 og 2024"),
            ("en", "from 29 July to 9 August 2024"),
            ("en", "from January 2022 until august 2023"),
            ("en", "5-7 June 2024"),
            ("fr", "1er octobre 2020"),
            ("el", "25ΗΣ Μαρτίου 2021"),
            ("hu", "2020. október 1-jén"),
        ] {
            assert!(starts(code, input), "{code}: {input:?}");
            assert!(
                DateGrammar::new(lex(code)).date_phrase(&Readings::default()).parse(input).is_ok(),
                "{code}: {input:?}"
            );
        }
        for (code, input) in [
            ("da", "5G-nets sikkerhed"),
            ("da", "6G, undersøiske"),
            ("da", "mellem EU og"),
            ("da", "fra Kommissionen"),
            ("en", "from the Commission"),
            ("en", "5G networks"),
            ("fr", "5G et"),
        ] {
            assert!(!starts(code, input), "{code}: {input:?}");
        }
        // Whatever it refuses, in every language, neither a date nor an impossible day reads.
        for lex in &Lexicons::embedded().unwrap().languages {
            let grammar = DateGrammar::new(lex);
            let openers = lex.dates.range_openers.iter();
            let months = lex.dates.months.iter().flatten();
            let heads = openers.map(|o| format!("{o} ")).chain(["1".into(), "25".into()]);
            for head in heads {
                for tail in months.clone().map(String::as_str).chain(["2020", "G-net", "er", "x", "EU", "-i"])
                {
                    let input = format!("{head}{tail} 2020");
                    if !grammar.may_start(&input) {
                        assert!(
                            grammar.date_phrase(&Readings::default()).parse(&input).is_err(),
                            "{}: {input:?}",
                            lex.code
                        );
                        assert!(grammar.day_month_shape().parse(&input).is_err(), "{}: {input:?}", lex.code);
                    }
                }
            }
        }
    }

    #[test]
    fn may_open_date_word_rejects_other_words() {
        assert!(lex("en").may_open_date_word("December"));
        assert!(lex("en").may_open_date_word("FROM"));
        assert!(lex("it").may_open_date_word("dall’11"));
        assert!(lex("ga").may_open_date_word("Ó"));
        assert!(lex("el").may_open_date_word("ΜΑΐΟΥ"));
        assert!(lex("de").may_open_date_word("März"));
        for (code, word) in [
            ("en", "the"),
            ("en", "Council"),
            ("en", "d"),
            ("da", "Rådet"),
            ("el", "Συμβούλιο"),
            ("bg", "Съвета"),
            ("de", ""),
        ] {
            assert!(!lex(code).may_open_date_word(word), "{code}: {word:?}");
        }
    }
}
