//! Source text as lines with byte offsets, and the "clean" running text built from them:
//! lines joined by single spaces, excluded spans (footnote markers) cut out, every clean byte
//! mapped back to the source byte it came from. Also the byte scans the grammar's passes share
//! (tokens, words, runs of capitals), which test eight, sixteen or sixty-four bytes at a time.

/// One line of the source, without its line terminator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Line<'a> {
    /// 1-based line number.
    pub number: usize,
    /// Byte offset of the line's first byte.
    pub start: usize,
    /// The line's text, without `\n` / `\r\n`.
    pub text: &'a str,
    /// The text without surrounding whitespace, trimmed once: most lines are asked for it by
    /// several passes.
    trimmed: &'a str,
}

impl<'a> Line<'a> {
    /// Byte offset just past the line's last byte.
    pub fn end(&self) -> usize {
        self.start + self.text.len()
    }

    /// The text without surrounding whitespace (and without a leading form feed).
    pub fn trimmed(&self) -> &'a str {
        self.trimmed
    }

    /// Only whitespace.
    pub fn is_blank(&self) -> bool {
        self.trimmed().is_empty()
    }

    /// A line that starts a new page, as pdftotext writes it: one leading space before text,
    /// or a form feed.
    pub fn starts_page(&self) -> bool {
        let t = self.text;
        t.starts_with('\u{c}') || (t.starts_with(' ') && t[1..].starts_with(|c: char| !c.is_whitespace()))
    }

    /// Byte offset (into the source) of the first non-whitespace byte.
    pub fn content_start(&self) -> usize {
        let lead = self.text.len() - self.text.trim_start().len();
        self.start + lead
    }

    /// Byte offset just past the last non-whitespace byte.
    pub fn content_end(&self) -> usize {
        self.start + self.text.trim_end().len()
    }
}

/// The lines of a text, with a way back from byte offsets to line and column.
#[derive(Debug)]
pub struct LineIndex<'a> {
    /// All lines, in order.
    pub lines: Vec<Line<'a>>,
}

impl<'a> LineIndex<'a> {
    /// Splits `text` at `\n`; a `\r` before it is not part of the line.
    pub fn new(text: &'a str) -> LineIndex<'a> {
        let bytes = text.as_bytes();
        let mut lines = Vec::with_capacity(memchr::memchr_iter(b'\n', bytes).count() + 1);
        let mut start = 0;
        for newline in memchr::memchr_iter(b'\n', bytes).chain(std::iter::once(bytes.len())) {
            if newline == bytes.len() && start == bytes.len() && !lines.is_empty() {
                break;
            }
            let mut end = newline;
            if end > start && bytes.get(end - 1) == Some(&b'\r') {
                end -= 1;
            }
            let line = &text[start..end];
            let trimmed = trim_white(line);
            lines.push(Line { number: lines.len() + 1, start, text: line, trimmed });
            start = newline + 1;
        }
        LineIndex { lines }
    }

    /// The 1-based line that holds byte `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        match self.lines.binary_search_by(|l| l.start.cmp(&offset)) {
            Ok(i) => i + 1,
            Err(i) => i.max(1),
        }
    }

    /// 1-based line and column (in characters) of byte `offset`.
    pub fn position(&self, offset: usize) -> (usize, usize) {
        let line = self.line_of(offset);
        let column = self
            .lines
            .get(line - 1)
            .map(|l| {
                let upto = offset.saturating_sub(l.start).min(l.text.len());
                l.text.get(..upto).map_or(upto, |s| s.chars().count()) + 1
            })
            .unwrap_or(1);
        (line, column)
    }
}

/// `line` without the white space around it: ASCII white space, most of it (a PDF's indent),
/// byte by byte; the rest (a no-break space, a vertical tab) by the character.
fn trim_white(line: &str) -> &str {
    let ascii = line.trim_ascii();
    let char_trimmed = |b: &u8| !b.is_ascii() || *b == 0x0b;
    if ascii.as_bytes().first().is_some_and(char_trimmed) || ascii.as_bytes().last().is_some_and(char_trimmed)
    {
        ascii.trim()
    } else {
        ascii
    }
}

/// A piece of clean text copied from the source.
#[derive(Debug, Clone, Copy)]
struct Piece {
    clean: usize,
    source: usize,
    len: usize,
    /// Bytes in the source: `len`, except for a ligature written out (`ﬁ` → `fi`).
    source_len: usize,
}

/// What a line opening a list item starts with: a dash, a bullet or a hyphen.
pub const ITEM_MARKS: [char; 3] = ['–', '•', '-'];

/// Running text joined from source lines, with a map back to source bytes.
#[derive(Debug, Default, Clone)]
pub struct Clean {
    /// The text: whitespace runs folded to one space, lines joined.
    pub text: String,
    pieces: Vec<Piece>,
    /// Clean offsets where a source line opening with one of [`ITEM_MARKS`] starts: list items,
    /// which bound sentences.
    pub item_starts: Vec<usize>,
}

/// A source range left out of clean text: a footnote marker, or a web note's inline body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Excluded {
    pub start: usize,
    pub end: usize,
    /// Leave a space in its place (a note body between two words), not nothing (a marker).
    pub space: bool,
}

/// How two lines are joined.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Join {
    /// With one space.
    Space,
    /// Directly: a line-end hyphen (`EU-` + `udbydere`) or a URL broken across lines.
    Glue,
}

impl Clean {
    /// An empty text with room for `len` bytes from `spans` source spans: at least one piece
    /// each, so most texts never grow their lists.
    pub fn with_capacity(len: usize, spans: usize) -> Clean {
        Clean { text: String::with_capacity(len), pieces: Vec::with_capacity(spans), item_starts: Vec::new() }
    }

    /// Appends a source span, folding whitespace runs to one space and leaving out `excluded`
    /// source ranges (sorted, non-overlapping).
    pub fn push_span(&mut self, source: &str, start: usize, end: usize, excluded: &[Excluded]) {
        let line_start = self.text.len();
        let mut pos = start;
        for ex in excluded.iter().filter(|ex| ex.end > start && ex.start < end) {
            self.push_run(source, pos, ex.start.max(pos));
            if ex.space && !self.text.is_empty() && !self.text.ends_with(' ') {
                self.text.push(' ');
            }
            pos = ex.end.min(end).max(pos);
        }
        self.push_run(source, pos, end);
        // A line that adds no text starts where the next does, which that line records.
        if self.text.get(line_start..).is_some_and(|t| t.starts_with(ITEM_MARKS)) {
            self.item_starts.push(line_start);
        }
    }

    /// Adds the separator between two lines, unless the text is empty or already ends in one.
    pub fn join(&mut self, join: Join) {
        if join == Join::Space && !self.text.is_empty() && !self.text.ends_with(' ') {
            self.text.push(' ');
        }
    }

    fn push_run(&mut self, source: &str, start: usize, end: usize) {
        let Some(run) = source.get(start..end) else {
            return;
        };
        let bytes = run.as_bytes();
        let mut piece_start: Option<usize> = None;
        let mut i = 0;
        while i < bytes.len() {
            // Inside a piece, visible ASCII, two-byte letters and single spaces before visible
            // ASCII stay in the piece: most of a text, passed over here without the checks below.
            if piece_start.is_some() {
                while let Some(&b) = bytes.get(i) {
                    let step = match plain_prefix(source.as_bytes(), start + i, end) {
                        0 if is_visible_ascii(b) => 1,
                        0 if plain_two_byte_lead(b)
                            || (b == b' ' && bytes.get(i + 1).is_some_and(|&n| is_visible_ascii(n))) =>
                        {
                            2
                        }
                        0 => break,
                        passed => passed,
                    };
                    i += step;
                }
            }
            let Some(&b) = bytes.get(i) else {
                break;
            };
            if b == b' '
                && piece_start.is_some()
                && bytes.get(i + 1).is_some_and(|n| !n.is_ascii_whitespace() && *n < 0x80)
            {
                // One plain space between words stays inside the piece.
                i += 1;
                continue;
            }
            if b < 0x80 {
                if b.is_ascii_whitespace() || b == 0x0b {
                    self.break_piece(source, start, &mut piece_start, i);
                    self.space();
                } else if piece_start.is_none() {
                    piece_start = Some(i);
                }
                i += 1;
                continue;
            }
            let c = run[i..].chars().next().unwrap_or(char::REPLACEMENT_CHARACTER);
            let width = c.len_utf8();
            if is_space(c) {
                self.break_piece(source, start, &mut piece_start, i);
                self.space();
            } else if c == '\u{ad}' {
                // A soft hyphen is invisible: drop it.
                self.break_piece(source, start, &mut piece_start, i);
            } else if let Some(letters) = ligature(c) {
                self.break_piece(source, start, &mut piece_start, i);
                self.pieces.push(Piece {
                    clean: self.text.len(),
                    source: start + i,
                    len: letters.len(),
                    source_len: width,
                });
                self.text.push_str(letters);
            } else if piece_start.is_none() {
                piece_start = Some(i);
            }
            i += width;
        }
        if let Some(ps) = piece_start {
            self.copy(source, start + ps, end);
        }
    }

    fn break_piece(&mut self, source: &str, start: usize, piece_start: &mut Option<usize>, at: usize) {
        if let Some(ps) = piece_start.take() {
            self.copy(source, start + ps, start + at);
        }
    }

    fn space(&mut self) {
        if !self.text.is_empty() && !self.text.ends_with(' ') {
            self.text.push(' ');
        }
    }

    fn copy(&mut self, source: &str, start: usize, end: usize) {
        if let Some(s) = source.get(start..end) {
            self.pieces.push(Piece {
                clean: self.text.len(),
                source: start,
                len: s.len(),
                source_len: s.len(),
            });
            self.text.push_str(s);
        }
    }

    /// Drops a trailing space.
    pub fn finish(mut self) -> Clean {
        while self.text.ends_with(' ') {
            self.text.pop();
        }
        self
    }

    /// The source byte of clean byte `offset` (for a start).
    pub fn source_start(&self, offset: usize) -> usize {
        let i = self.pieces.partition_point(|p| p.clean + p.len <= offset);
        match self.pieces.get(i) {
            Some(p) if offset >= p.clean && p.len == p.source_len => p.source + (offset - p.clean),
            Some(p) => p.source,
            None => self.pieces.last().map_or(0, |p| p.source + p.source_len),
        }
    }

    /// The source byte just past clean byte `offset - 1` (for an end).
    pub fn source_end(&self, offset: usize) -> usize {
        if offset == 0 {
            return self.source_start(0);
        }
        let i = self.pieces.partition_point(|p| p.clean + p.len < offset);
        match self.pieces.get(i) {
            Some(p) if offset > p.clean && p.len == p.source_len => p.source + (offset - p.clean),
            Some(p) if offset > p.clean => p.source + p.source_len,
            _ => self.pieces.get(i.saturating_sub(1)).map_or(0, |p| p.source + p.source_len),
        }
    }
}

/// Eight bytes as one word, byte `k` in bits `8k..8k + 8`: a test on all eight at once.
const LANE_ONES: u64 = u64::from_le_bytes([0x01; 8]);
/// The high bit of every lane, where the tests below leave their answers.
const LANE_HIGHS: u64 = u64::from_le_bytes([0x80; 8]);
/// The seven low bits of every lane: adding at most 0x7f to a lane so masked cannot carry out.
const LANE_LOWS: u64 = u64::from_le_bytes([0x7f; 8]);

/// The first offset at or after `from` of a byte that `lanes` marks (such as
/// [`capital_pair_lanes`]): eight bytes are read at a time, each read overlapping the next by
/// one, so `lanes` may look at the byte after each but the last.
pub fn find_lanes(bytes: &[u8], from: usize, lanes: impl Fn([u8; 8]) -> u8) -> Option<usize> {
    let mut at = from;
    while at < bytes.len() {
        let rest = bytes.get(at..).unwrap_or_default();
        let eight = <[u8; 8]>::try_from(rest.get(..8).unwrap_or_default()).unwrap_or_else(|_| {
            let mut last = [0; 8];
            last.iter_mut().zip(rest).for_each(|(to, from)| *to = *from);
            last
        });
        let found = lanes(eight) & 0x7f;
        if found != 0 {
            return Some(at + found.trailing_zeros() as usize);
        }
        at += 7;
    }
    None
}

/// The ASCII capitals of eight bytes, in the high bit of their lanes.
fn capital_lanes(x: u64) -> u64 {
    let low = x & LANE_LOWS;
    let from_a = low + LANE_ONES * u64::from(0x80 - b'A');
    let past_z = low + LANE_ONES * u64::from(0x80 - b'Z' - 1);
    from_a & !past_z & !x & LANE_HIGHS
}

/// The high bits of eight lanes, one a lane, gathered into a byte, bit `k` for lane `k`: no
/// two products overlap.
fn gather_lanes(lanes: u64) -> u8 {
    ((lanes >> 7).wrapping_mul(0x0102_0408_1020_4080) >> 56) as u8
}

/// A bit for each of eight bytes, bit `k` for byte `k`, that is an ASCII capital followed by
/// another. Exact for every lane; the last, whose follower is not read, is never set.
pub fn capital_pair_lanes(eight: [u8; 8]) -> u8 {
    let capitals = capital_lanes(u64::from_le_bytes(eight));
    gather_lanes(capitals & (capitals >> 8))
}

/// A bit for each of eight bytes, bit `k` for byte `k`, that is an ASCII capital not followed
/// by an ASCII small letter (`Z `, the `D` of `ŽÁDÁ`, the `E` of `EU`). Exact for the first
/// seven lanes; the last, whose follower is not read, is set for any capital.
pub fn open_capital_lanes(eight: [u8; 8]) -> u8 {
    let x = u64::from_le_bytes(eight);
    let small = capital_lanes(x ^ (LANE_ONES * 0x20));
    gather_lanes(capital_lanes(x) & !(small >> 8))
}

/// How many bytes from `at` the loop above would pass over one by one, up to 64 and none at
/// or past `end`: visible ASCII, a space before visible ASCII, and two-byte letters whole (see
/// [`plain_two_byte_lead`]). Sixty-four bytes are classed at once where the source holds them,
/// so a line of running text takes a step or two; else sixteen, and 0 when fewer are left.
fn plain_prefix(source: &[u8], at: usize, end: usize) -> usize {
    if source.len() >= at + 64 {
        plain_prefix_of::<4>(source, at, end)
    } else {
        plain_prefix_of::<1>(source, at, end)
    }
}

/// [`plain_prefix`] over `CHUNKS` chunks of sixteen bytes, their lanes gathered into one bit
/// set each, bit `k` for byte `at + k`.
fn plain_prefix_of<const CHUNKS: usize>(source: &[u8], at: usize, end: usize) -> usize {
    let width = 16 * CHUNKS;
    let Some(bytes) = source.get(at..at + width) else {
        return 0;
    };
    let [visible, space, lead, continuation] =
        wide_lanes_within(bytes, [VISIBLE_ASCII, (b' ', b' '), PLAIN_TWO_BYTE_LEADS, CONTINUATIONS]);
    let limit = end.saturating_sub(at);
    let within = if limit >= width { u64::MAX >> (64 - width) } else { (1 << limit) - 1 };
    let visible_after = limit > width && source.get(at + width).is_some_and(|&b| is_visible_ascii(b));
    let visible = visible & within;
    let spaced = space & ((visible >> 1) | (u64::from(visible_after) << (width - 1)));
    let passed = (visible | spaced | lead | (continuation & (lead << 1))) & within;
    let n = passed.trailing_ones() as usize;
    // A letter's two bytes are passed together or not at all.
    n - usize::from(n > 0 && (lead >> (n - 1)) & 1 != 0)
}

/// `!` to `~`.
const VISIBLE_ASCII: (u8, u8) = (b'!', b'~');
/// See [`plain_two_byte_lead`].
const PLAIN_TWO_BYTE_LEADS: (u8, u8) = (0xc3, 0xdf);
/// The later bytes of a character.
const CONTINUATIONS: (u8, u8) = (0x80, 0xbf);

/// For each `(low, high)` of `ranges`, a bit for each of sixteen bytes from `low` to `high`,
/// bit `k` for byte `k`.
fn lanes_within<const N: usize>(chunk: [u8; 16], ranges: [(u8, u8); N]) -> [u32; N] {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: every x86-64 processor has SSE2.
    return unsafe { lanes_within_sse2(chunk, ranges) };
    #[cfg(not(target_arch = "x86_64"))]
    return lanes_within_byte_by_byte(chunk, ranges);
}

/// A subtraction, a minimum and a comparison a range for all sixteen bytes, and a movemask to
/// gather the answers: a byte is within when its distance above `low`, wrapping, is at most
/// `high - low`.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "sse2")]
fn lanes_within_sse2<const N: usize>(chunk: [u8; 16], ranges: [(u8, u8); N]) -> [u32; N] {
    use std::arch::x86_64::{
        _mm_cmpeq_epi8, _mm_min_epu8, _mm_movemask_epi8, _mm_set_epi64x, _mm_set1_epi8, _mm_sub_epi8,
    };
    let [low, high] = [&chunk[..8], &chunk[8..]]
        .map(|half| i64::from_le_bytes(<[u8; 8]>::try_from(half).unwrap_or_default()));
    let x = _mm_set_epi64x(high, low);
    ranges.map(|(low, high)| {
        let above = _mm_sub_epi8(x, _mm_set1_epi8(low.cast_signed()));
        let within =
            _mm_cmpeq_epi8(_mm_min_epu8(above, _mm_set1_epi8(high.wrapping_sub(low).cast_signed())), above);
        _mm_movemask_epi8(within).cast_unsigned()
    })
}

#[cfg(any(test, not(target_arch = "x86_64")))]
fn lanes_within_byte_by_byte<const N: usize>(chunk: [u8; 16], ranges: [(u8, u8); N]) -> [u32; N] {
    ranges.map(|(low, high)| {
        chunk.iter().enumerate().fold(0, |bits, (k, b)| bits | u32::from((low..=high).contains(b)) << k)
    })
}

/// The first offset at or after `from` of a byte that `lanes` marks among sixteen (bit `k` for
/// byte `k`) and `byte` accepts, or the length: sixteen bytes at a time, the last few one by one.
fn first_marked(
    bytes: &[u8],
    from: usize,
    lanes: impl Fn([u8; 16]) -> u32,
    byte: impl Fn(u8) -> bool,
) -> usize {
    let mut at = from;
    while let Some(Ok(chunk)) = bytes.get(at..at + 16).map(<[u8; 16]>::try_from) {
        let marked = lanes(chunk);
        if marked != 0 {
            return at + marked.trailing_zeros() as usize;
        }
        at += 16;
    }
    let rest = bytes.get(at..).unwrap_or_default();
    at + rest.iter().position(|&b| byte(b)).unwrap_or(rest.len())
}

/// Whether `found` accepts the start of a run of at least `min_len` bytes that may be part of a
/// word in capitals (`A`–`Z`, `-`, bytes of characters outside ASCII), asked of the runs in
/// order, maybe more than once of one. Sixteen bytes are classed at a time, and the runs found
/// from their bits: most chunks of running text hold no long run and take one branch.
pub fn any_capital_run(text: &str, min_len: usize, mut found: impl FnMut(usize) -> bool) -> bool {
    let bytes = text.as_bytes();
    // The run of word bytes that reaches where the chunk starts, and where it starts.
    let (mut run_start, mut run_len) = (0, 0);
    for (k, piece) in bytes.chunks(16).enumerate() {
        let base = k * 16;
        let chunk = <[u8; 16]>::try_from(piece).unwrap_or_else(|_| {
            // The last bytes padded with NULs, which are no part of a word.
            let mut last = [0; 16];
            last.iter_mut().zip(piece).for_each(|(to, from)| *to = *from);
            last
        });
        let [capitals, hyphens, other] = lanes_within(chunk, [(b'A', b'Z'), (b'-', b'-'), (0x80, 0xff)]);
        let word = capitals | hyphens | other;
        let head = (!word).trailing_zeros() as usize;
        if run_len == 0 {
            run_start = base;
        }
        if run_len + head >= min_len && found(run_start) {
            return true;
        }
        if head == 16 {
            run_len += 16;
            continue;
        }
        // Runs starting after the chunk's first non-word byte: bit `p` of `starts` is set where
        // `min_len` word bytes start.
        let inside = word & !((1 << head) - 1);
        let mut starts = (1..min_len).fold(inside, |starts, k| starts & (inside >> k));
        while starts != 0 {
            let p = starts.trailing_zeros() as usize;
            if found(base + p) {
                return true;
            }
            let end = p + (inside >> p).trailing_ones() as usize;
            starts &= !((1 << end) - 1);
        }
        run_len = (word << 16).leading_ones() as usize;
        run_start = base + 16 - run_len;
    }
    false
}

/// The words of `text` as `text.split(|c: char| !c.is_alphabetic())` cuts them, without the
/// empty ones: runs of ASCII letters are found sixteen bytes at a time, other letters one by one.
pub fn alphabetic_words(text: &str) -> AlphabeticWords<'_> {
    AlphabeticWords { text, at: 0 }
}

/// The iterator of [`alphabetic_words`].
#[derive(Debug, Clone)]
pub struct AlphabeticWords<'t> {
    text: &'t str,
    at: usize,
}

impl<'t> AlphabeticWords<'t> {
    /// The letter that starts at `at`, if one outside ASCII does.
    fn other_letter(&self, at: usize) -> Option<char> {
        self.text.get(at..)?.chars().next().filter(|c| !c.is_ascii() && c.is_alphabetic())
    }
}

impl<'t> Iterator for AlphabeticWords<'t> {
    type Item = &'t str;

    fn next(&mut self) -> Option<&'t str> {
        const ASCII_LETTERS: [(u8, u8); 2] = [(b'A', b'Z'), (b'a', b'z')];
        let bytes = self.text.as_bytes();
        let letters = |chunk| any_lane(lanes_within(chunk, ASCII_LETTERS));
        let maybe_letters = |chunk| {
            let [upper, lower, other] =
                lanes_within(chunk, [ASCII_LETTERS[0], ASCII_LETTERS[1], (0x80, 0xff)]);
            upper | lower | other
        };
        let mut at = self.at;
        let start = loop {
            at = first_marked(bytes, at, maybe_letters, |b| b.is_ascii_alphabetic() || !b.is_ascii());
            match bytes.get(at) {
                None => {
                    self.at = at;
                    return None;
                }
                Some(b) if b.is_ascii() => break at,
                Some(_) => match self.text.get(at..).and_then(|rest| rest.chars().next()) {
                    Some(c) if c.is_alphabetic() => break at,
                    Some(c) => at += c.len_utf8(),
                    None => at += 1,
                },
            }
        };
        loop {
            at = first_marked(bytes, at, |chunk| !letters(chunk) & 0xffff, |b| !b.is_ascii_alphabetic());
            match self.other_letter(at) {
                Some(c) => at += c.len_utf8(),
                None => break,
            }
        }
        self.at = at;
        self.text.get(start..at)
    }
}

/// The first byte of a two-byte character that is never a space, a soft hyphen or a
/// ligature: U+00C0–U+07FF, the letters of the Latin, Greek and Cyrillic alphabets (`å`, `č`,
/// `ή`, `ж`). Only lead byte 0xC2 (U+0080–U+00BF) holds such characters among two-byte ones.
fn plain_two_byte_lead(b: u8) -> bool {
    (PLAIN_TWO_BYTE_LEADS.0..=PLAIN_TWO_BYTE_LEADS.1).contains(&b)
}

/// A printable ASCII byte other than space.
fn is_visible_ascii(b: u8) -> bool {
    (VISIBLE_ASCII.0..=VISIBLE_ASCII.1).contains(&b)
}

/// The letters a typographic ligature stands for (`ﬁ` → `fi`), as PDF text often keeps them.
pub fn ligature(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{fb00}' => "ff",
        '\u{fb01}' => "fi",
        '\u{fb02}' => "fl",
        '\u{fb03}' => "ffi",
        '\u{fb04}' => "ffl",
        '\u{fb05}' | '\u{fb06}' => "st",
        _ => return None,
    })
}

/// A piece of text as running text reads it: whitespace runs folded to one space, soft
/// hyphens dropped, ligatures written out.
pub fn fold_text(text: &str) -> String {
    let mut clean = Clean::default();
    clean.push_span(text, 0, text.len(), &[]);
    clean.finish().text.trim_start().to_string()
}

/// The tokens of clean text between single spaces, with their offsets: `text.split(' ')`,
/// the spaces found sixteen bytes at a time rather than by a memchr call per token, which
/// costs more than the few letters of a word.
pub fn tokens(text: &str) -> Tokens<'_> {
    Tokens { rest: Some(text), offset: 0 }
}

/// The iterator of [`tokens`].
#[derive(Debug, Clone)]
pub struct Tokens<'t> {
    rest: Option<&'t str>,
    offset: usize,
}

impl<'t> Iterator for Tokens<'t> {
    type Item = (usize, &'t str);

    fn next(&mut self) -> Option<(usize, &'t str)> {
        let rest = self.rest?;
        let at = self.offset;
        let (token, after) = match find_space(rest.as_bytes()) {
            Some(space) => (rest.get(..space).unwrap_or_default(), rest.get(space + 1..)),
            None => (rest, None),
        };
        self.rest = after;
        self.offset += token.len() + 1;
        Some((at, token))
    }
}

/// The tokens of [`tokens`] holding a byte in one of the `wanted` ranges (see [`find_byte`]),
/// with their offsets: the text is searched for such bytes, and only the tokens around them are
/// cut out.
pub fn tokens_holding<const N: usize>(text: &str, wanted: [(u8, u8); N]) -> TokensHolding<'_, N> {
    TokensHolding { text, from: 0, wanted }
}

/// The iterator of [`tokens_holding`].
#[derive(Debug, Clone)]
pub struct TokensHolding<'t, const N: usize> {
    text: &'t str,
    /// Where the next token starts; past the end when all are found.
    from: usize,
    wanted: [(u8, u8); N],
}

impl<'t, const N: usize> Iterator for TokensHolding<'t, N> {
    type Item = (usize, &'t str);

    fn next(&mut self) -> Option<(usize, &'t str)> {
        let bytes = self.text.as_bytes();
        let from = self.from;
        let hit = from + find_byte(bytes.get(from..)?, self.wanted)?;
        let (start, token) = token_around(self.text, from, hit);
        self.from = start + token.len() + 1;
        Some((start, token))
    }
}

/// The token of [`tokens`] holding byte `at` of `text`, with its offset, where no token starts
/// before `from` (the start of one, or 0).
pub fn token_around(text: &str, from: usize, at: usize) -> (usize, &str) {
    let bytes = text.as_bytes();
    let before = bytes.get(from..at).unwrap_or_default();
    let start = memchr::memrchr(b' ', before).map_or(from, |space| from + space + 1);
    let after = bytes.get(at..).unwrap_or_default();
    let end = memchr::memchr(b' ', after).map_or(bytes.len(), |space| at + space);
    (start, text.get(start..end).unwrap_or_default())
}

/// The ASCII digits, as a set of bytes for [`find_byte`] and [`tokens_holding`].
pub const DIGITS: [(u8, u8); 1] = [(b'0', b'9')];

/// The offset of the first byte of `bytes` within one of the `wanted` ranges (`low`, `high`,
/// both included). Sixty-four bytes are classed at a time, a bit for each, so a hit is found
/// where its window is read, without a loop that stops at it; the last bytes sixteen at a time.
pub fn find_byte<const N: usize>(bytes: &[u8], wanted: [(u8, u8); N]) -> Option<usize> {
    let mut at = 0;
    while let Some(window) = bytes.get(at..at + 64) {
        let marked = any_lane(wide_lanes_within(window, wanted));
        if marked != 0 {
            return Some(at + marked.trailing_zeros() as usize);
        }
        at += 64;
    }
    let lanes = |chunk| any_lane(lanes_within(chunk, wanted));
    Some(first_marked(bytes, at, lanes, |b| in_ranges(b, wanted))).filter(|&found| found < bytes.len())
}

/// The offset of the first space in `bytes`, sixteen bytes at a time: a word of running text
/// ends in the first sixteen, on a branch that is nearly always taken.
fn find_space(bytes: &[u8]) -> Option<usize> {
    let spaces = |chunk| {
        let [spaces] = lanes_within(chunk, [(b' ', b' ')]);
        spaces
    };
    Some(first_marked(bytes, 0, spaces, |b| b == b' ')).filter(|&at| at < bytes.len())
}

/// The offset of the first byte at or after `from` that is not visible ASCII (`!` to `~`), or
/// the length: sixteen bytes at a time, so a token of running text ends in the first sixteen, on
/// a branch that is nearly always taken.
pub fn visible_ascii_end(bytes: &[u8], from: usize) -> usize {
    let stops = |chunk| {
        let [visible] = lanes_within(chunk, [VISIBLE_ASCII]);
        !visible & 0xffff
    };
    first_marked(bytes, from, stops, |b| !is_visible_ascii(b))
}

/// The offset of the last byte of `bytes` within one of the `wanted` ranges, found as
/// [`find_byte`] finds the first, from the end: the first bytes one at a time.
pub fn find_last_byte<const N: usize>(bytes: &[u8], wanted: [(u8, u8); N]) -> Option<usize> {
    let mut end = bytes.len();
    while let Some(window) = end.checked_sub(64).and_then(|start| bytes.get(start..end)) {
        let marked = any_lane(wide_lanes_within(window, wanted));
        if marked != 0 {
            return Some(end - 1 - marked.leading_zeros() as usize);
        }
        end -= 64;
    }
    bytes.get(..end)?.iter().rposition(|&b| in_ranges(b, wanted))
}

/// [`lanes_within`] for up to 64 bytes (whole chunks of sixteen), bit `k` for byte `k`.
fn wide_lanes_within<const N: usize>(bytes: &[u8], ranges: [(u8, u8); N]) -> [u64; N] {
    let mut wide = [0u64; N];
    for (k, chunk) in bytes.chunks_exact(16).take(4).enumerate() {
        let lanes = lanes_within(<[u8; 16]>::try_from(chunk).unwrap_or_default(), ranges);
        for (bits, lane) in wide.iter_mut().zip(lanes) {
            *bits |= u64::from(lane) << (16 * k);
        }
    }
    wide
}

/// The bits set in any of `lanes`: the bytes within any of the ranges they were classed by.
fn any_lane<T: std::ops::BitOr<Output = T> + Default, const N: usize>(lanes: [T; N]) -> T {
    lanes.into_iter().fold(T::default(), |all, lane| all | lane)
}

/// Whether `b` is within one of `ranges` (`low`, `high`, both included).
fn in_ranges<const N: usize>(b: u8, ranges: [(u8, u8); N]) -> bool {
    ranges.iter().any(|&(low, high)| (low..=high).contains(&b))
}

/// Whitespace as running text treats it: including no-break spaces and form feeds.
pub fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{a0}' || c == '\u{202f}'
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trim_white_trims_what_char_white_space_trims() {
        // seeds/002's indented lines, and every white space ASCII and Unicode put around words.
        let around =
            ["", " ", "   ", "\t", "\r", "\x0b", "\x0c", "\u{a0}", "\u{2003}", " \u{a0} ", "\x0b ", " \x0b"];
        for before in around {
            for after in around {
                for word in ["", "Rådet", "ŽELI", "a b", "\u{a0}x", "x\x0b"] {
                    let line = format!("{before}{word}{after}");
                    assert_eq!(trim_white(&line), line.trim_matches(char::is_whitespace), "{line:?}");
                }
            }
        }
    }

    #[test]
    fn plain_prefix_passes_what_the_byte_loop_passes() {
        // What the loop in `push_run` passes, byte by byte, within 16 or 64 bytes and `end`.
        let naive = |source: &[u8], end: usize| {
            let passable = |k: usize| {
                let b = source[k];
                is_visible_ascii(b)
                    || plain_two_byte_lead(b)
                    || (b == b' ' && k + 1 < end && is_visible_ascii(source[k + 1]))
                    || ((0x80..0xc0).contains(&b) && k > 0 && plain_two_byte_lead(source[k - 1]))
            };
            let width = if source.len() >= 64 { 64 } else { 16 };
            let n = (0..end.min(width)).take_while(|&k| passable(k)).count();
            n - usize::from(n > 0 && plain_two_byte_lead(source[n - 1]))
        };
        // Every byte value in every lane, among letters, spaced letters, two-byte letters and
        // double spaces, with every end.
        let fillers = ["abcdefghijklmnopq", "a b c d e f g h i", "Rådet opfordrer ", "ab  cdef  ghijklm"];
        let long = fillers.map(|f| f.repeat(4) + "x");
        for filler in fillers.iter().chain(&long.each_ref().map(String::as_str)).map(|f| f.as_bytes()) {
            for lane in 0..filler.len() {
                for b in 0..=255u8 {
                    let mut source = filler.to_vec();
                    source[lane] = b;
                    // Every end for a short filler; for a long one, either side of the changed byte.
                    let ends: Vec<usize> = if filler.len() <= 17 {
                        (0..=filler.len()).collect()
                    } else {
                        vec![lane, lane + 1, filler.len()]
                    };
                    for end in ends {
                        assert_eq!(plain_prefix(&source, 0, end), naive(&source, end), "{source:?} {end}");
                    }
                }
            }
        }
        assert_eq!(plain_prefix(b"short", 0, 5), 0);
        // seeds/004: `å` is passed whole, and a chunk stops before a letter it would split.
        let text = "Rådet opfordrer til at styrke".as_bytes();
        assert_eq!(plain_prefix(text, 0, text.len()), 16);
        let text = "Rådet opfordrer til at styrke det europæiske samarbejde om cybersikkerhed".as_bytes();
        assert_eq!(plain_prefix(text, 0, text.len()), 64);
        assert_eq!(plain_prefix("abcdefghijklmnoå!".as_bytes(), 0, 18), 15);
    }

    #[test]
    fn lanes_within_marks_every_byte_in_every_lane_as_a_byte_loop_does() {
        let ranges = [
            (0x00, 0xff),
            (b'!', b'~'),
            (b' ', b' '),
            (0x80, 0xbf),
            (0xc3, 0xdf),
            (0xff, 0xff),
            (0x00, 0x00),
        ];
        for lane in 0..16 {
            for b in 0..=255u8 {
                let mut chunk: [u8; 16] = "Rådet opfordre!".as_bytes().try_into().unwrap();
                chunk[lane] = b;
                assert_eq!(
                    lanes_within(chunk, ranges),
                    lanes_within_byte_by_byte(chunk, ranges),
                    "{chunk:?}"
                );
            }
        }
    }

    #[test]
    fn alphabetic_words_cut_as_split_on_letters_does() {
        fn split(text: &str) -> Vec<&str> {
            text.split(|c: char| !c.is_alphabetic()).filter(|w| !w.is_empty()).collect()
        }
        // seeds/004, seeds/001, a Greek and a Bulgarian phrase, with digits, signs and
        // non-letters outside ASCII (`„`, `–`, `€`, a no-break space) between and inside words.
        let texts = [
            "I en stadig mere udfordrende geopolitisk kontekst, som forværres af Ruslands",
            "EU in njene države članice so zavezane boju proti kibernetski kriminaliteti",
            "Το Συμβούλιο ΧΑΙΡΕΤΙΖΕΙ την έκθεση της 25ης Μαρτίου 2021",
            "Съветът ПРИЗОВАВА държавите членки",
            "„Rådets” konklusioner – 2019/797 (FUSP) 5G-net 100€ i\u{a0}dag…ændret",
            "",
            "  ",
            "å",
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0abcdefghijklmnopå",
        ];
        for text in texts {
            assert_eq!(alphabetic_words(text).collect::<Vec<_>>(), split(text), "{text}");
        }
        // Every character of the first 0x800 code points between and inside words, in every lane.
        for c in (0..0x800u32).filter_map(char::from_u32) {
            for pad in 0..17 {
                let text = format!("{}{c}ab{c} {c}", "x".repeat(pad));
                assert_eq!(alphabetic_words(&text).collect::<Vec<_>>(), split(&text), "{text:?}");
            }
        }
    }

    #[test]
    fn lines_keep_offsets_and_drop_carriage_returns() {
        let idx = LineIndex::new("a\r\nbc\n\n d");
        let texts: Vec<_> = idx.lines.iter().map(|l| l.text).collect();
        assert_eq!(texts, ["a", "bc", "", " d"]);
        assert_eq!(idx.lines[3].start, 7);
        assert!(idx.lines[3].starts_page());
        assert!(!idx.lines[1].starts_page());
        assert_eq!(idx.line_of(7), 4);
        assert_eq!(idx.position(8), (4, 2));
    }

    #[test]
    fn trailing_newline_adds_no_line() {
        assert_eq!(LineIndex::new("a\n").lines.len(), 1);
        assert_eq!(LineIndex::new("").lines.len(), 1);
    }

    #[test]
    fn clean_text_maps_back_to_source() {
        // seeds/002: `internet"1` — the marker is excluded, the quote kept.
        let src = "sikkert og  beskyttet internet\"1 \nnext";
        let mut c = Clean::default();
        c.push_span(src, 0, 33, &[Excluded { start: 31, end: 32, space: false }]);
        c.join(Join::Space);
        c.push_span(src, 34, 38, &[]);
        let c = c.finish();
        assert_eq!(c.text, "sikkert og beskyttet internet\" next");
        let at = c.text.find("next").unwrap();
        assert_eq!(c.source_start(at), 34);
        assert_eq!(c.source_end(at + 4), 38);
        assert_eq!(c.source_start(11), 12);
        assert_eq!(c.source_end(30), 31);
    }

    #[test]
    fn plain_two_byte_leads_start_only_characters_running_text_keeps_as_they_are() {
        for c in (0x80..=0x7ff).filter_map(char::from_u32) {
            let mut utf8 = [0; 4];
            let lead = c.encode_utf8(&mut utf8).as_bytes()[0];
            let special = is_space(c) || c == '\u{ad}' || ligature(c).is_some();
            assert!(!(plain_two_byte_lead(lead) && special), "{c:?}");
        }
        assert!(!plain_two_byte_lead(0xc2), "U+00A0 and U+00AD start with it");
        let text = "Rådets  fælles\u{a0}holdning ž";
        let mut c = Clean::default();
        c.push_span(text, 0, text.len(), &[]);
        let c = c.finish();
        assert_eq!(c.text, "Rådets fælles holdning ž");
        assert_eq!(c.source_start(c.text.find('ž').unwrap()), text.find('ž').unwrap());
    }

    #[test]
    fn tokens_split_like_split_at_spaces() {
        for text in ["", " ", "a", "a b", " a  b ", "Rådet  opfordrer, til", "x\u{a0}y z"] {
            let mut offset = 0;
            let expected: Vec<(usize, &str)> = text
                .split(' ')
                .map(|t| {
                    let at = offset;
                    offset += t.len() + 1;
                    (at, t)
                })
                .collect();
            assert_eq!(tokens(text).collect::<Vec<_>>(), expected, "{text:?}");
        }
    }

    #[test]
    fn find_space_finds_the_first_space_in_any_lane_after_any_byte() {
        let naive = |b: &[u8]| b.iter().position(|&c| c == b' ');
        for len in 0..40 {
            for at in 0..len {
                for other in 0..=255u8 {
                    // Every byte value before, at and after the first space, in every lane.
                    let mut text = vec![other; len];
                    text[at] = b' ';
                    assert_eq!(find_space(&text), naive(&text), "{text:?}");
                    text[at] = other;
                    assert_eq!(find_space(&text), naive(&text), "{text:?}");
                }
            }
        }
        assert_eq!(find_space("Rådet opfordrer".as_bytes()), Some(6));
        assert_eq!(find_space("  ".as_bytes()), Some(0));
    }

    #[test]
    fn capital_lanes_are_exact_for_every_byte_in_every_lane() {
        let capital = |b: u8| b.is_ascii_uppercase();
        for lane in 0..8 {
            for byte in 0..=255u8 {
                for other in
                    [b'A', b'Z', b'a', b'z', b'@', b'[', b'`', b'{', 0xc1, 0xda, 0xe1, 0x00, 0xff, byte]
                {
                    let mut eight = [other; 8];
                    eight[lane] = byte;
                    let pair = |k: usize| capital(eight[k]) && eight.get(k + 1).is_some_and(|&b| capital(b));
                    let open =
                        |k: usize| capital(eight[k]) && !eight.get(k + 1).is_some_and(u8::is_ascii_lowercase);
                    let bits = |f: &dyn Fn(usize) -> bool| (0..8).fold(0u8, |m, k| m | (u8::from(f(k)) << k));
                    assert_eq!(capital_pair_lanes(eight), bits(&pair), "{eight:?}");
                    assert_eq!(open_capital_lanes(eight), bits(&open), "{eight:?}");
                }
            }
        }
    }

    #[test]
    fn lanes_are_found_across_reads_and_at_the_end() {
        let naive = |b: &[u8], from: usize, pair: bool| {
            (from..b.len()).find(|&i| {
                let next = b.get(i + 1).copied().unwrap_or(b' ');
                b[i].is_ascii_uppercase()
                    && if pair { next.is_ascii_uppercase() } else { !next.is_ascii_lowercase() }
            })
        };
        for len in 0..24 {
            for at in 0..len {
                for second in [b'U', b'u', b' '] {
                    let mut text = vec![b'a'; len];
                    text[at] = b'E';
                    if at + 1 < len {
                        text[at + 1] = second;
                    }
                    for from in 0..=len {
                        let found = find_lanes(&text, from, capital_pair_lanes);
                        assert_eq!(found, naive(&text, from, true), "{text:?} {from}");
                        let found = find_lanes(&text, from, open_capital_lanes);
                        assert_eq!(found, naive(&text, from, false), "{text:?} {from}");
                    }
                }
            }
        }
        assert_eq!(find_lanes("fremhæver EU's rolle".as_bytes(), 0, capital_pair_lanes), Some(11));
        assert_eq!(find_lanes("Rådet Og ÆØ".as_bytes(), 0, capital_pair_lanes), None);
        assert_eq!(find_lanes("Svet Z zadovoljstvom".as_bytes(), 0, open_capital_lanes), Some(5));
    }

    #[test]
    fn capital_runs_are_found_as_a_byte_loop_finds_them() {
        // The starts of the maximal runs of at least `min_len` word bytes, byte by byte.
        let naive = |text: &str, min_len: usize| {
            let word = |b: &u8| *b >= 0x80 || b.is_ascii_uppercase() || *b == b'-';
            let bytes = text.as_bytes();
            let mut starts = Vec::new();
            let mut at = 0;
            while at < bytes.len() {
                let len = bytes[at..].iter().take_while(|b| word(b)).count();
                if len >= min_len {
                    starts.push(at);
                }
                at += len.max(1);
            }
            starts
        };
        let asked = |text: &str, min_len: usize| {
            let mut asked: Vec<usize> = Vec::new();
            assert!(!any_capital_run(text, min_len, |start| {
                asked.push(start);
                false
            }));
            asked.dedup();
            asked
        };
        // seeds/004 and seeds/001's verbs, runs across and at the ends of chunks, with every
        // length up to 40 and every offset up to 17.
        let texts =
            ["Rådet UNDERSTREGER, at", "in ČESTITA Svetu", "COVID-19-pandemien", "EU's, NATO's og OSCE's"];
        for text in texts {
            for min_len in [1, 6, 16, 17] {
                assert_eq!(asked(text, min_len), naive(text, min_len), "{text} {min_len}");
            }
        }
        for len in 0..40 {
            for offset in 0..17 {
                let text = format!("{}{}a{}", "a".repeat(offset), "X".repeat(len), "-".repeat(len / 2));
                assert_eq!(asked(&text, 6), naive(&text, 6), "{text}");
            }
        }
        // The first run accepted stops the search.
        let text = "AAAAAA b CCCCCC d EEEEEE";
        let mut asked = Vec::new();
        assert!(any_capital_run(text, 6, |start| {
            asked.push(start);
            start == 9
        }));
        assert_eq!(asked, [0, 9]);
    }

    #[test]
    fn visible_ascii_ends_at_any_other_byte_in_any_lane() {
        let naive = |b: &[u8], from: usize| {
            from + b[from..].iter().position(|c| !(b'!'..=b'~').contains(c)).unwrap_or(b.len() - from)
        };
        for len in 0..20 {
            for at in 0..len {
                for other in 0..=255u8 {
                    // Every byte value at the first stop and after it, from every start.
                    let mut text = vec![b'a'; len];
                    text[at] = other;
                    for from in 0..=at {
                        assert_eq!(visible_ascii_end(&text, from), naive(&text, from), "{text:?} {from}");
                    }
                    text[at..].fill(other);
                    assert_eq!(visible_ascii_end(&text, 0), naive(&text, 0), "{text:?}");
                }
            }
        }
        assert_eq!(visible_ascii_end("Rådet".as_bytes(), 0), 1);
        assert_eq!(visible_ascii_end(b"2020-2024 ", 0), 9);
    }

    #[test]
    fn find_byte_finds_the_first_wanted_byte_in_any_window() {
        // Every offset of a text of 150 bytes: in each 64-byte window, in the last 16 and past.
        let mut text = vec![b'a'; 150];
        assert_eq!(find_byte(&text, DIGITS), None);
        for at in 0..text.len() {
            text[at] = b'7';
            assert_eq!(find_byte(&text, DIGITS), Some(at), "{at}");
            text[at + 1..].fill(b'8');
            assert_eq!(find_byte(&text, DIGITS), Some(at), "{at}");
            for len in [at, at + 1] {
                let found = find_byte(&text[..len], DIGITS);
                assert_eq!(found, text[..len].iter().position(u8::is_ascii_digit), "{at} {len}");
            }
            text.fill(b'a');
        }
        assert_eq!(find_byte(b"", DIGITS), None);
        assert_eq!(find_byte("æøå/:".as_bytes(), DIGITS), None);
        // seeds/002: the bytes either side of a range, and a second range.
        let wanted = [(b'0', b'9'), (b'(', b'(')];
        assert_eq!(find_byte("Rådet/: noterer sig (2)".as_bytes(), wanted), Some(21));
        assert_eq!(find_byte(b"/:)'", wanted), None);
    }

    #[test]
    fn find_last_byte_finds_the_last_wanted_byte_in_any_window() {
        // Every offset of a text of 150 bytes: in each 64-byte window from the end, and before.
        let mut text = vec![b'a'; 150];
        assert_eq!(find_last_byte(&text, DIGITS), None);
        for at in 0..text.len() {
            text[at] = b'7';
            assert_eq!(find_last_byte(&text, DIGITS), Some(at), "{at}");
            text[..at].fill(b'8');
            assert_eq!(find_last_byte(&text, DIGITS), Some(at), "{at}");
            for from in [at, at + 1] {
                let found = find_last_byte(&text[from..], DIGITS);
                assert_eq!(found, text[from..].iter().rposition(u8::is_ascii_digit), "{at} {from}");
            }
            text.fill(b'a');
        }
        assert_eq!(find_last_byte(b"", DIGITS), None);
        assert_eq!(find_last_byte("1 æøå/:".as_bytes(), DIGITS), Some(0));
    }

    #[test]
    fn tokens_holding_are_the_tokens_with_a_wanted_byte() {
        let digit = |b: u8| b.is_ascii_digit();
        for text in ["", " ", "1", "a b", "a1 b 2c  d3 ", "x\u{a0}1 z", "12109/13 COM(2020) 67", "æ1ø å"] {
            let expected: Vec<_> = tokens(text).filter(|(_, t)| t.bytes().any(digit)).collect();
            assert_eq!(tokens_holding(text, DIGITS).collect::<Vec<_>>(), expected, "{text:?}");
        }
        assert_eq!(tokens_holding("den 3. maj", DIGITS).collect::<Vec<_>>(), [(4, "3.")]);
        assert_eq!(tokens_holding("no numbers here", DIGITS).count(), 0);
    }

    #[test]
    fn ligatures_soft_hyphens_and_odd_spaces_fold() {
        let src = "e\u{fb03}cient\u{a0}cyber\u{ad}sikkerhed\tog  net";
        let mut c = Clean::default();
        c.push_span(src, 0, src.len(), &[]);
        let c = c.finish();
        assert_eq!(c.text, "efficient cybersikkerhed og net");
        let at = c.text.find("cient").unwrap();
        assert_eq!(&src[c.source_start(at)..c.source_end(at + 5)], "cient");
        assert_eq!(&src[c.source_start(1)..c.source_end(4)], "\u{fb03}");
    }

    #[test]
    fn item_starts_are_the_lines_opening_with_a_list_mark() {
        // seeds/002: items opening with `–`, a line that adds no text, and a dash inside a line.
        let src = "SOM MINDER OM sine konklusioner om\n– den fælles meddelelse af 25. juni 2013\n\n\
                   cybersikkerhed: \"Et åbent, sikkert\"\n \n– internetforvaltning\nEU-strategi";
        let mut c = Clean::default();
        let mut start = 0;
        for line in src.split('\n') {
            if start > 0 {
                c.join(Join::Space);
            }
            c.push_span(src, start, start + line.len(), &[]);
            start += line.len() + 1;
        }
        let c = c.finish();
        let items: Vec<String> =
            c.item_starts.iter().map(|&s| c.text[s..].chars().take(4).collect()).collect();
        // The lines opening with a word (`EU-strategi`, `cybersikkerhed:`) open none.
        assert_eq!(items, ["– de", "– in"]);
    }

    #[test]
    fn glue_joins_without_space() {
        let src = "EU-\nudbydere";
        let mut c = Clean::default();
        c.push_span(src, 0, 3, &[]);
        c.join(Join::Glue);
        c.push_span(src, 4, 12, &[]);
        assert_eq!(c.finish().text, "EU-udbydere");
    }
}
