//! Operative verbs: the capitalised phrases that carry the Council's action (`FREMHÆVER`,
//! `HILSER … VELKOMMEN`), and their lower-case form after the Council as subject
//! (`Rådet opfordrer … til`), each mapped to its canonical id from the lexicon.

use super::text::{Tokens, capital_pair_lanes, find_lanes, open_capital_lanes, token_around, tokens};
use crate::lexicon::{Lexicon, fold, folded_initial, folds_to, only_ascii_folds_to};
use crate::model::{Canonical, VerbForm};

/// Most words a discontinuous phrase may have between its parts (`FORPLIGTER SIG … TIL`).
const MAX_GAP: usize = 60;

/// One operative verb found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerbMatch {
    /// Byte offset of the first word.
    pub start: usize,
    /// Byte offset just past the last word.
    pub end: usize,
    /// The words as written, `…` where other words stand between parts.
    pub surface: String,
    /// The canonical id.
    pub canonical: Canonical,
    /// How it was written.
    pub form: VerbForm,
}

/// A word of a phrase as the grammar writes it.
#[derive(Debug, Clone)]
struct PhraseWord {
    lower: String,
    caps: bool,
}

/// A compiled phrase: parts separated by `…`, each a run of adjacent words.
#[derive(Debug, Clone)]
struct Phrase {
    canonical: Canonical,
    parts: Vec<Vec<PhraseWord>>,
    words: usize,
}

/// The operative-verb (or recital) vocabulary of one language, indexed by first word.
#[derive(Debug)]
pub struct VerbMatcher {
    phrases: Vec<Phrase>,
    by_first_word: FirstWords,
    subjects: Vec<Vec<SubjectWord>>,
    coordinators: Vec<String>,
    comma_coordinates: bool,
    /// For each phrase, a word that a match in capitals must write in capitals, chosen for
    /// what it shows in any spelling (see [`CapitalSign`]), with the least sign among them;
    /// none when a phrase has no such word or the least sign is [`CapitalSign::Unseen`].
    capital_anchors: Option<(CapitalSign, FirstWords)>,
}

/// A word of the subject as the grammar writes it: a capital there (`Rådet`, ga `an
/// Chomhairle`) must be a capital in the text.
#[derive(Debug, Clone)]
struct SubjectWord {
    lower: String,
    capital: bool,
}

/// A word of the text: its span, and what follows it. It is folded only where it is compared.
#[derive(Debug, Clone)]
struct Word<'t> {
    start: usize,
    end: usize,
    text: &'t str,
    comma_after: bool,
    sentence: usize,
}

impl Word<'_> {
    /// Whether the word folds to `key`, a folded word of the grammar.
    fn is(&self, key: &str) -> bool {
        folds_to(self.text, key)
    }
}

impl VerbMatcher {
    /// Compiles a canonical-id → phrases table (the lexicon's operative verbs or recitals).
    pub fn new(table: &std::collections::BTreeMap<String, Vec<String>>, lex: &Lexicon) -> VerbMatcher {
        let mut phrases = Vec::new();
        for (canonical, written) in table {
            let canonical: Canonical = canonical.as_str().into();
            for phrase in written {
                let parts: Vec<Vec<PhraseWord>> = phrase
                    .split('…')
                    .map(|part| {
                        part.split_whitespace()
                            .map(|w| PhraseWord { lower: fold(w), caps: is_caps(w) })
                            .collect::<Vec<_>>()
                    })
                    .filter(|p| !p.is_empty())
                    .collect();
                let words = parts.iter().map(Vec::len).sum();
                if words > 0 {
                    phrases.push(Phrase { canonical: canonical.clone(), parts, words });
                }
            }
        }
        let mut by_first_word = FirstWords::default();
        for (i, p) in phrases.iter().enumerate() {
            if let Some(first) = p.parts.first().and_then(|part| part.first()) {
                by_first_word.insert(&first.lower, i);
            }
        }
        let subjects = lex
            .operative
            .subjects
            .iter()
            .map(|s| {
                s.split_whitespace()
                    .map(|w| SubjectWord {
                        lower: fold(w),
                        capital: w.chars().next().is_some_and(char::is_uppercase),
                    })
                    .collect()
            })
            .collect();
        let coordinators = lex.operative.coordinators.iter().filter(|c| *c != ",").map(|c| fold(c)).collect();
        let comma_coordinates = lex.operative.coordinators.iter().any(|c| c == ",");
        // Each part's first word in capitals must be written so, so any part's will do.
        let anchors: Option<Vec<(CapitalSign, &str)>> = phrases
            .iter()
            .map(|p| {
                let firsts = p.parts.iter().filter_map(|part| part.iter().find(|w| w.caps));
                firsts.map(|w| (CapitalSign::of(&w.lower), w.lower.as_str())).max()
            })
            .collect();
        let capital_anchors = anchors.and_then(|anchors| {
            let sign = anchors.iter().map(|(sign, _)| *sign).min()?;
            let mut words = FirstWords::default();
            for (phrase, (_, anchor)) in anchors.iter().enumerate() {
                words.insert(anchor, phrase);
            }
            (sign != CapitalSign::Unseen).then_some((sign, words))
        });
        VerbMatcher { phrases, by_first_word, subjects, coordinators, comma_coordinates, capital_anchors }
    }

    /// Whether `text` may hold a phrase in capitals: a word in capitals that folds to a
    /// phrase's anchor (see [`Self::capital_anchors`]). Only the words around the anchors'
    /// sign are read, and most texts show it seldom.
    pub fn may_match_in_capitals(&self, text: &str) -> bool {
        let Some((sign, anchors)) = &self.capital_anchors else {
            return true;
        };
        let bytes = text.as_bytes();
        // Each kind of lane test compiled into its own loop.
        let find = |from| match sign {
            CapitalSign::Pair => find_lanes(bytes, from, capital_pair_lanes),
            _ => find_lanes(bytes, from, open_capital_lanes),
        };
        let mut from = 0;
        while let Some(at) = find(from) {
            let (start, token) = token_around(text, from, at);
            let (_, word) = word_core(token);
            if is_caps(word) && anchors.phrases(word).is_some() {
                return true;
            }
            from = start + token.len() + 1;
        }
        false
    }

    /// The phrase opening `text` in capitals (a recital opener such as `SOM MINDER OM`), if any:
    /// its canonical id and the byte length of the matched words.
    pub fn opening(&self, text: &str) -> Option<(Canonical, usize)> {
        // No phrase starts with the first words: most lines end here, mostly without folding.
        let mut texts = word_texts(text);
        if !self.may_start(None, texts.next()?, texts, false) {
            return None;
        }
        let (words, starts) = self.words_and_starts(text, 0);
        let m = self.best_at(&words, &starts, 0, Mode::Capitals)?;
        let last = m.parts.last().map(|&(_, e)| e)?;
        let end = words.get(last)?.end;
        Some((self.phrases.get(m.phrase)?.canonical.clone(), end))
    }

    /// Every operative verb in `text`, in order. `lower_case` allows the lower-case forms,
    /// which only conclusions use.
    pub fn find(&self, text: &str, lower_case: bool) -> Vec<VerbMatch> {
        // Most texts have no word where a match may start: they are read once, mostly without
        // folding, and allocate nothing. Nothing before the first such word can match.
        let Some(first) = self.first_match_from(text, lower_case) else {
            return Vec::new();
        };
        let (words, starts) = self.words_and_starts(text, first);
        self.find_from(text, &words, &starts, first, lower_case)
    }

    /// The operative verbs of `text`, split into `words` that start `starts`, that start at word
    /// `first` or after.
    fn find_from(
        &self,
        text: &str,
        words: &[Word],
        starts: &[Option<&[usize]>],
        first: usize,
        lower_case: bool,
    ) -> Vec<VerbMatch> {
        let mut found = Vec::new();
        let mut taken = vec![false; words.len()];
        let mut last_clause_sentence: Option<usize> = None;
        let mut i = first;
        while i < words.len() {
            // No phrase starts with this word, in capitals or lower case.
            let starts_phrase = starts.get(i).is_some_and(Option::is_some);
            if taken.get(i) == Some(&true) || !starts_phrase {
                i += 1;
                continue;
            }
            let caps = self.best_at(words, starts, i, Mode::Capitals);
            let hit = match caps {
                Some(m) => Some((m, VerbForm::Capitals)),
                None if lower_case => self.lower_case_at(words, starts, i, last_clause_sentence),
                None => None,
            };
            let Some((m, form)) = hit else {
                i += 1;
                continue;
            };
            let Some(phrase) = self.phrases.get(m.phrase) else {
                break;
            };
            let mut surface = String::new();
            for (k, &(s, e)) in m.parts.iter().enumerate() {
                if k > 0 {
                    surface.push_str(" … ");
                }
                if let (Some(ws), Some(we)) = (words.get(s), words.get(e)) {
                    surface.push_str(text.get(ws.start..we.end).unwrap_or_default());
                }
                for t in taken.iter_mut().take(e + 1).skip(s) {
                    *t = true;
                }
            }
            let first = m.parts.first().map_or(i, |p| p.0);
            let last = m.parts.last().map_or(i, |p| p.1);
            if let (Some(ws), Some(we)) = (words.get(first), words.get(last)) {
                found.push(VerbMatch {
                    start: ws.start,
                    end: we.end,
                    surface,
                    canonical: phrase.canonical.clone(),
                    form,
                });
                last_clause_sentence = Some(ws.sentence);
            }
            i += 1;
        }
        found.sort_by_key(|m| m.start);
        found
    }

    /// The words of `text`, and the phrases each word from index `from` on starts, as
    /// [`FirstWords::phrases`] finds them: looked up once a word, in the pass that splits the
    /// text, however many candidates and gaps read it; none for the words before, which no
    /// match or gap from `from` on reads.
    fn words_and_starts<'t, 'm>(
        &'m self,
        text: &'t str,
        from: usize,
    ) -> (Vec<Word<'t>>, Vec<Option<&'m [usize]>>) {
        // At most one word per space, and one more: the vectors never grow.
        let room = memchr::memchr_iter(b' ', text.as_bytes()).count() + 1;
        let (mut words, mut starts) = (Vec::with_capacity(room), Vec::with_capacity(room));
        for word in Words::new(text) {
            starts.push(if words.len() < from { None } else { self.by_first_word.phrases(word.text) });
            words.push(word);
        }
        (words, starts)
    }

    /// The index of the first word of `text` where a match may start (see
    /// [`Self::may_start`]): none starts before it.
    fn first_match_from(&self, text: &str, lower_case: bool) -> Option<usize> {
        let mut raws = tokens(text);
        let mut prev = None;
        let mut at = 0;
        while let Some((_, raw)) = raws.next() {
            // Most tokens start and end with a letter or digit: they are words as they stand,
            // and most are rejected on those two bytes.
            if let (Some(&first), Some(&last)) = (raw.as_bytes().first(), raw.as_bytes().last())
                && first.is_ascii_alphanumeric()
                && last.is_ascii_alphanumeric()
                && !self.by_first_word.may_start_and_end(first, last)
            {
                prev = Some(raw);
                at += 1;
                continue;
            }
            let (_, word) = word_core(raw);
            if word.is_empty() {
                continue;
            }
            if self.may_start(prev, word, cores(raws.clone()), lower_case) {
                return Some(at);
            }
            prev = Some(word);
            at += 1;
        }
        None
    }

    /// Whether the first match of a text may start at `word`, after `prev` and before
    /// `following`: the first part of a phrase stands there, and either its first capitalised
    /// word is in capitals, or, with `lower_case`, the word is not and stands next to a word of
    /// the subject or opens with a capital. A coordinated verb needs an earlier match.
    fn may_start<'t>(
        &self,
        prev: Option<&str>,
        word: &str,
        following: impl Iterator<Item = &'t str> + Clone,
        lower_case: bool,
    ) -> bool {
        let Some(phrases) = self.by_first_word.phrases(word) else {
            return false;
        };
        let lower = lower_case && !is_caps(word);
        let lower_in_context = lower
            && (word.chars().next().is_some_and(char::is_uppercase)
                || prev.is_some_and(|p| {
                    self.subjects.iter().any(|s| s.last().is_none_or(|sw| folds_to(p, &sw.lower)))
                }));
        phrases.iter().any(|&p| {
            let Some(part) = self.phrases.get(p).and_then(|p| p.parts.first()) else {
                return false;
            };
            let mut following = following.clone();
            let mut capitals = None;
            for (k, pw) in part.iter().enumerate() {
                let w = if k == 0 { Some(word) } else { following.next() };
                let Some(w) = w.filter(|w| k == 0 || folds_to(w, &pw.lower)) else {
                    return false;
                };
                if pw.caps && capitals.is_none() {
                    capitals = Some(is_caps(w));
                }
            }
            capitals != Some(false)
                || lower_in_context
                || (lower
                    && self.subjects.iter().any(|s| {
                        s.first()
                            .is_none_or(|sw| following.clone().next().is_some_and(|w| folds_to(w, &sw.lower)))
                    }))
        })
    }

    /// A lower-case operative verb at word `i`, if its context makes it one.
    fn lower_case_at(
        &self,
        words: &[Word],
        starts: &[Option<&[usize]>],
        i: usize,
        last_clause_sentence: Option<usize>,
    ) -> Option<(Candidate, VerbForm)> {
        let word = words.get(i)?;
        if is_caps(word.text) {
            return None;
        }
        let m = self.best_at(words, starts, i, Mode::Lower)?;
        let first_part_end = m.parts.first()?.1;
        let prev = i.checked_sub(1).and_then(|p| words.get(p));
        let sentence_start = prev.is_none_or(|p| p.sentence != word.sentence);
        // Before or after its subject (ga `Leagann an Chomhairle béim ar`), even opening a
        // sentence.
        if self.subject_ends_at(words, i) || self.subject_starts_at(words, first_part_end + 1) {
            return Some((m, VerbForm::Subject));
        }
        let titled = word.text.chars().next().is_some_and(char::is_uppercase);
        if titled {
            return sentence_start.then_some((m, VerbForm::Initial));
        }
        let coordinated = prev.is_some_and(|p| {
            self.coordinators.iter().any(|c| p.is(c)) || (self.comma_coordinates && p.comma_after)
        });
        if coordinated && last_clause_sentence == Some(word.sentence) {
            return Some((m, VerbForm::Coordinated));
        }
        None
    }

    /// The Council as subject ends just before word `i` (`Rådet` | `opfordrer`).
    fn subject_ends_at(&self, words: &[Word], i: usize) -> bool {
        self.subjects.iter().any(|subject| {
            i >= subject.len()
                && subject.iter().enumerate().all(|(k, s)| {
                    words.get(i - subject.len() + k).is_some_and(|w| w.is(&s.lower) && like_name(w.text, s))
                })
        })
    }

    /// The Council as subject starts at word `i` (`opfordrer` | `Rådet`).
    fn subject_starts_at(&self, words: &[Word], i: usize) -> bool {
        self.subjects.iter().any(|subject| {
            subject
                .iter()
                .enumerate()
                .all(|(k, s)| words.get(i + k).is_some_and(|w| w.is(&s.lower) && like_name(w.text, s)))
        })
    }

    /// The best phrase starting at word `i`: most words matched, then the shortest span.
    /// `starts` holds the phrases each word starts ([`Self::starts`]). Candidates are matched
    /// into one buffer, kept only by the best so far, so a word allocates at most twice.
    fn best_at(
        &self,
        words: &[Word],
        starts: &[Option<&[usize]>],
        i: usize,
        mode: Mode,
    ) -> Option<Candidate> {
        let candidates = starts.get(i).copied().flatten()?;
        let mut best: Option<Candidate> = None;
        let mut parts = Vec::new();
        for &phrase in candidates {
            parts.clear();
            if !self.match_phrase(phrase, words, starts, i, mode, &mut parts) {
                continue;
            }
            let candidate = Candidate { phrase, parts };
            let better = best.as_ref().is_none_or(|b| self.rank(&candidate, b).is_gt());
            parts = if better {
                best.replace(candidate).map(|b| b.parts).unwrap_or_default()
            } else {
                candidate.parts
            };
        }
        best
    }

    /// More words matched ranks higher, then the shorter span, then the phrase listed first.
    fn rank(&self, a: &Candidate, b: &Candidate) -> std::cmp::Ordering {
        let wa = self.phrases.get(a.phrase).map_or(0, |p| p.words);
        let wb = self.phrases.get(b.phrase).map_or(0, |p| p.words);
        wa.cmp(&wb).then(b.span().cmp(&a.span())).then(b.phrase.cmp(&a.phrase))
    }

    /// Whether `phrase` matches at word `i`, its parts' word ranges written to `parts`.
    fn match_phrase(
        &self,
        phrase: usize,
        words: &[Word],
        starts: &[Option<&[usize]>],
        i: usize,
        mode: Mode,
        parts: &mut Vec<(usize, usize)>,
    ) -> bool {
        let Some(p) = self.phrases.get(phrase) else {
            return false;
        };
        let mut next = i;
        for (k, part) in p.parts.iter().enumerate() {
            let start = if k == 0 {
                // `starts` lists the phrase at `i` because word `i` folds to its first word.
                Some(next).filter(|&j| part_matches(part, words, j, mode, 1))
            } else {
                let sentence = next.checked_sub(1).and_then(|w| words.get(w)).map(|w| w.sentence);
                let limit = (next + 1 + MAX_GAP).min(words.len());
                (next + 1..limit)
                    .take_while(|&j| words.get(j).is_some_and(|w| Some(w.sentence) == sentence))
                    .take_while(|&j| {
                        j == next + 1 || mode == Mode::Lower || !opens_phrase(words, starts, j - 1)
                    })
                    .find(|&j| part_matches(part, words, j, mode, 0))
            };
            let Some(start) = start else {
                return false;
            };
            let end = start + part.len() - 1;
            parts.push((start, end));
            next = end + 1;
        }
        true
    }
}

/// Word `j` is a capitalised word that opens some phrase (`starts`, as [`VerbMatcher::starts`]
/// finds them): a gap may not run over it.
fn opens_phrase(words: &[Word], starts: &[Option<&[usize]>], j: usize) -> bool {
    starts.get(j).is_some_and(Option::is_some) && words.get(j).is_some_and(|w| is_caps(w.text))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Capitals,
    Lower,
}

/// A phrase matched at a position: word index ranges (inclusive) of its parts.
#[derive(Debug, Clone)]
struct Candidate {
    phrase: usize,
    parts: Vec<(usize, usize)>,
}

impl Candidate {
    fn span(&self) -> usize {
        let first = self.parts.first().map_or(0, |p| p.0);
        let last = self.parts.last().map_or(0, |p| p.1);
        last - first
    }
}

/// The folded first words of a matcher's phrases, grouped by their first letter, so a word of
/// a text is compared with few of them. Most words are rejected on their first and last
/// letters, when those are ASCII, and, when the whole word is, on its length.
#[derive(Debug)]
struct FirstWords {
    /// By the ASCII letter a folded first word starts with: the words, with the phrases each
    /// starts.
    ascii: Vec<Group>,
    /// By the ASCII letter an ASCII folded first word starts with, a bit per byte length; bit
    /// 63 stands for every length from 63 up.
    ascii_lengths: [u64; 128],
    /// By the ASCII letter a folded first word starts with, a bit per ASCII letter it ends with.
    ascii_ends: [u128; 128],
    /// The folded first words that start with a letter outside ASCII, grouped by that letter.
    other: Vec<(char, Group)>,
}

/// Folded first words that start with one letter, each with the phrases it starts.
type Group = Vec<(String, Vec<usize>)>;

impl Default for FirstWords {
    fn default() -> FirstWords {
        FirstWords {
            ascii: vec![Vec::new(); 128],
            ascii_lengths: [0; 128],
            ascii_ends: [0; 128],
            other: Vec::new(),
        }
    }
}

impl FirstWords {
    /// Records that phrase `phrase` starts with the folded word `key`.
    fn insert(&mut self, key: &str, phrase: usize) {
        let Some(initial) = key.chars().next() else {
            return;
        };
        let group = if let Some(byte) = ascii_index(initial) {
            if let Some(lengths) = self.ascii_lengths.get_mut(byte)
                && key.is_ascii()
            {
                *lengths |= length_bit(key.len());
            }
            if let Some(ends) = self.ascii_ends.get_mut(byte)
                && let Some(last) = key.chars().next_back().and_then(ascii_index)
            {
                *ends |= 1 << last;
            }
            self.ascii.get_mut(byte)
        } else {
            if !self.other.iter().any(|(c, _)| *c == initial) {
                self.other.push((initial, Vec::new()));
            }
            self.other.iter_mut().find(|(c, _)| *c == initial).map(|(_, group)| group)
        };
        let Some(group) = group else {
            return;
        };
        match group.iter_mut().find(|(k, _)| k == key) {
            Some((_, phrases)) => phrases.push(phrase),
            None => group.push((key.to_string(), vec![phrase])),
        }
    }

    /// The phrases starting with `word` as written, in any case: those whose folded first
    /// word is [`fold`]`(word)`. Most words are rejected on their two end bytes, inline where
    /// they are looked up.
    #[inline(always)]
    fn phrases(&self, word: &str) -> Option<&[usize]> {
        let bytes = word.as_bytes();
        let (&first, &last) = (bytes.first()?, bytes.last()?);
        if first.is_ascii() && last.is_ascii() && !self.may_start_and_end(first, last) {
            return None;
        }
        self.phrases_in_group(word, first)
    }

    /// [`Self::phrases`] past the end bytes: the word looked up among those of its letter.
    fn phrases_in_group(&self, word: &str, first: u8) -> Option<&[usize]> {
        let group = if first.is_ascii() && word.is_ascii() {
            let byte = usize::from(first.to_ascii_lowercase());
            if self.ascii_lengths.get(byte).copied().unwrap_or(0) & length_bit(word.len()) == 0 {
                return None;
            }
            let group = self.ascii.get(byte)?;
            let (_, phrases) =
                group.iter().find(|(key, _)| key.len() == word.len() && key.eq_ignore_ascii_case(word))?;
            return Some(phrases);
        } else {
            let initial = folded_initial(word)?;
            match ascii_index(initial) {
                Some(byte) => self.ascii.get(byte)?,
                None => &self.other.iter().find(|(c, _)| *c == initial)?.1,
            }
        };
        group.iter().find(|(key, _)| folds_to(word, key)).map(|(_, phrases)| phrases.as_slice())
    }

    /// Whether a word written with the ASCII bytes `first` and `last` at its ends may be a
    /// first word: an ASCII letter folds to its lower case alone, wherever it stands.
    fn may_start_and_end(&self, first: u8, last: u8) -> bool {
        let ends = self.ascii_ends.get(usize::from(first.to_ascii_lowercase())).copied().unwrap_or(0);
        last.is_ascii() && ends & (1 << last.to_ascii_lowercase()) != 0
    }
}

/// The index of an ASCII character in the per-letter tables.
fn ascii_index(c: char) -> Option<usize> {
    c.is_ascii().then_some(c as usize)
}

/// The bit of [`FirstWords::ascii_lengths`] for a byte length.
fn length_bit(len: usize) -> u64 {
    1 << len.min(63)
}

/// The words of `part` stand at `at`, where the first `known` already fold to theirs. In
/// capitals, the part's first capitalised word must be written in capitals (`MED TILFREDSHED
/// på` matches `MED TILFREDSHED PÅ`; `til` never matches the `TIL` of `OPFORDRER … TIL`).
fn part_matches(part: &[PhraseWord], words: &[Word], at: usize, mode: Mode, known: usize) -> bool {
    let mut anchor_seen = false;
    part.iter().enumerate().all(|(k, pw)| {
        let Some(w) = words.get(at + k) else {
            return false;
        };
        if k >= known && !w.is(&pw.lower) {
            return false;
        }
        if mode == Mode::Capitals && pw.caps && !anchor_seen {
            anchor_seen = true;
            return is_caps(w.text);
        }
        true
    })
}

/// What every word in capitals that folds to a key shows in its bytes, from least to most
/// telling, by the key's letters that only ASCII letters fold to ([`only_ascii_folds_to`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum CapitalSign {
    /// Nothing in ASCII (el `ΤΟΝΙΖΕΙ`, it `È`).
    Unseen,
    /// An ASCII capital not followed by an ASCII small letter (sl `Z`, cs `VÍTÁ`).
    Open,
    /// Two ASCII capitals side by side (da `ER`).
    Pair,
}

impl CapitalSign {
    fn of(key: &str) -> CapitalSign {
        let chars: Vec<char> = key.chars().collect();
        let only_from_ascii = |i: usize| only_ascii_folds_to(&chars, i);
        if (1..chars.len()).any(|i| only_from_ascii(i - 1) && only_from_ascii(i)) {
            CapitalSign::Pair
        } else if (0..chars.len()).any(only_from_ascii) {
            CapitalSign::Open
        } else {
            CapitalSign::Unseen
        }
    }
}

/// A subject word written as the grammar writes it: a capital there is a capital here.
fn like_name(text: &str, word: &SubjectWord) -> bool {
    !word.capital || text.chars().next().is_some_and(char::is_uppercase)
}

/// No lower-case letter, and at least one capital. Letters without case (Maltese `ʼ`) count
/// for neither.
pub fn is_caps(word: &str) -> bool {
    let mut capitals = 0;
    for c in word.chars() {
        if c.is_lowercase() {
            return false;
        }
        if c.is_uppercase() {
            capitals += 1;
        }
    }
    capitals > 0
}

/// The words of clean text one by one, so a caller that needs only the first reads only it.
struct Words<'t> {
    text: &'t str,
    raws: Tokens<'t>,
    sentence: usize,
    prev_end: Option<usize>,
}

impl<'t> Words<'t> {
    fn new(text: &'t str) -> Words<'t> {
        Words { text, raws: tokens(text), sentence: 0, prev_end: None }
    }
}

/// A token without the marks around it (`(«REAFFIRMS»,` is `REAFFIRMS`): where the word
/// starts in the token, and the word.
fn word_core(raw: &str) -> (usize, &str) {
    const OPENING: &[char] = &['(', '"', '\'', '“', '”', '‘', '’', '«', '»', '[', '„'];
    const CLOSING: &[char] = &['.', ',', ';', ':', '!', '?', ')', '"', '\'', '”', '’', '»', ']', '“'];
    const OPENING_FIRST_BYTES: [bool; 256] = utf8_end_bytes(OPENING, false);
    const CLOSING_LAST_BYTES: [bool; 256] = utf8_end_bytes(CLOSING, true);
    // Most words start and end with a byte no mark starts or ends with: none to trim.
    let opened = match raw.as_bytes().first() {
        Some(&b) if !OPENING_FIRST_BYTES[usize::from(b)] => raw,
        _ => raw.trim_start_matches(OPENING),
    };
    let is_closing_end = |b: u8| CLOSING_LAST_BYTES[usize::from(b)];
    let core = match opened.as_bytes().last() {
        Some(&b) if !is_closing_end(b) => opened,
        _ => {
            // ASCII marks, most of them, byte by byte; an ASCII byte is a whole character.
            let ascii_marks = opened.bytes().rev().take_while(|&b| b.is_ascii() && is_closing_end(b)).count();
            let rest = opened.get(..opened.len() - ascii_marks).unwrap_or_default();
            match rest.as_bytes().last() {
                Some(&b) if !is_closing_end(b) => rest,
                _ => rest.trim_end_matches(CLOSING),
            }
        }
    };
    (raw.len() - opened.len(), core)
}

/// A table of the bytes `chars` start with in UTF-8, or with `last` end with: a text whose
/// first (last) byte is not in it cannot start (end) with one of them.
const fn utf8_end_bytes(chars: &[char], last: bool) -> [bool; 256] {
    let mut table = [false; 256];
    let mut k = 0;
    while k < chars.len() {
        let mut buffer = [0; 4];
        let bytes = chars[k].encode_utf8(&mut buffer).as_bytes();
        let byte = if last { bytes[bytes.len() - 1] } else { bytes[0] };
        table[byte as usize] = true;
        k += 1;
    }
    table
}

/// The words of clean text as written, as [`Words`] finds them, without their spans or folding.
fn word_texts(text: &str) -> impl Iterator<Item = &str> + Clone {
    cores(tokens(text))
}

/// The words of the rest of a text's tokens, as [`word_texts`].
fn cores(raws: Tokens<'_>) -> impl Iterator<Item = &str> + Clone {
    raws.map(|(_, raw)| word_core(raw).1).filter(|core| !core.is_empty())
}

impl<'t> Iterator for Words<'t> {
    type Item = Word<'t>;

    #[inline]
    fn next(&mut self) -> Option<Word<'t>> {
        loop {
            let (raw_start, raw) = self.raws.next()?;
            let (core_start, core) = word_core(raw);
            if core.is_empty() {
                continue;
            }
            let trailing = &raw[core_start + core.len()..];
            // A sentence ends at `.`, `!` or `?` before a word that starts in capitals.
            let starts_upper = match core.as_bytes().first() {
                Some(b) if b.is_ascii() => b.is_ascii_uppercase(),
                _ => core.chars().next().is_some_and(char::is_uppercase),
            };
            if starts_upper
                && self
                    .prev_end
                    .and_then(|end| self.text.as_bytes().get(end..raw_start + core_start))
                    .is_some_and(|between| between.iter().any(|c| matches!(c, b'.' | b'!' | b'?')))
            {
                self.sentence += 1;
            }
            let end = raw_start + core_start + core.len();
            self.prev_end = Some(end);
            return Some(Word {
                start: raw_start + core_start,
                end,
                text: core,
                comma_after: trailing.bytes().any(|b| b == b','),
                sentence: self.sentence,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::Lexicons;

    fn matcher(code: &str) -> VerbMatcher {
        let lex = Lexicons::embedded().unwrap().get(code).unwrap();
        VerbMatcher::new(&lex.operative.verbs, lex)
    }

    fn found(code: &str, text: &str, lower: bool) -> Vec<(String, String)> {
        matcher(code).find(text, lower).into_iter().map(|m| (m.surface, m.canonical.to_string())).collect()
    }

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect()
    }

    #[test]
    fn continuous_capitals() {
        // seeds/002 paragraph 1.
        let text = "FREMHÆVER, at cybersikkerhed er afgørende for opbygningen af et modstandsdygtigt, \
                    grønt og digitalt Europa, og SER MED TILFREDSHED PÅ den fælles meddelelse til";
        assert_eq!(
            found("da", text, false),
            pairs(&[("FREMHÆVER", "STRESSES"), ("SER MED TILFREDSHED PÅ", "WELCOMES")])
        );
    }

    #[test]
    fn discontinuous_capitals() {
        // seeds/002 paragraphs 4, 12 and 19.
        assert_eq!(
            found(
                "da",
                "i cyberspace. SER i denne henseende MED TILFREDSHED på en yderligere vedvarende indsats",
                false
            ),
            pairs(&[("SER … MED TILFREDSHED på", "WELCOMES")])
        );
        assert_eq!(
            found(
                "da",
                "HILSER det igangværende arbejde ledet af ENISA sammen med medlemsstaterne og interesserede interessenter VELKOMMEN med henblik på",
                false
            ),
            pairs(&[("HILSER … VELKOMMEN", "WELCOMES")])
        );
        assert_eq!(
            found(
                "da",
                "og -økosystemet. OPFORDRER INDTRÆNGENDE medlemsstaterne, EU-institutionerne og andre relevante interessenter TIL med henblik på",
                false
            ),
            pairs(&[("OPFORDRER INDTRÆNGENDE … TIL", "URGES")])
        );
    }

    #[test]
    fn calls_for_is_not_calls_on() {
        // seeds/002 paragraphs 4 and 24.
        assert_eq!(
            found("da", "OPFORDRER TIL fremme og beskyttelse af EU's centrale værdier demokrati,", false),
            pairs(&[("OPFORDRER TIL", "CALLS_FOR")])
        );
        assert_eq!(
            found(
                "da",
                "og OPFORDRER medlemsstaterne gennem deres kompetente myndigheder TIL at fortsætte",
                false
            ),
            pairs(&[("OPFORDRER … TIL", "CALLS_ON")])
        );
    }

    #[test]
    fn capitals_inside_a_gap() {
        // seeds/002 paragraph 26.
        assert_eq!(
            found(
                "da",
                "FORPLIGTER SIG MED UDGANGSPUNKT I EU's cyberdiplomatiske indsats TIL at øge den",
                false
            ),
            pairs(&[("FORPLIGTER SIG … TIL", "COMMITS_TO")])
        );
    }

    #[test]
    fn acronyms_are_not_verbs() {
        // seeds/002 paragraphs 15 and 20.
        let text = "enheder, der håndterer IT-sikkerhedshændelser (CSIRT'er), og nationale eller europæiske \
                    (såsom IPCR, CSIRT-netværket, NIS-samarbejdsgruppen, CyCLONe, EU INTCEN og IKT, NATO, TEU)";
        assert!(found("da", text, false).is_empty());
    }

    #[test]
    fn lower_case_after_subject_or_before_it() {
        // seeds/004 paragraphs 1, 2 and 3.
        assert_eq!(
            found("da", "Rådet understreger derfor, at der er behov", true),
            pairs(&[("understreger", "UNDERLINES")])
        );
        assert_eq!(
            found("da", "demokratiske principper, understreger Rådet, at der er behov", true),
            pairs(&[("understreger", "UNDERLINES")])
        );
        assert_eq!(
            found(
                "da",
                "Rådet opfordrer den højtstående repræsentant, Kommissionen og medlemsstaterne til fortsat at respektere",
                true
            ),
            pairs(&[("opfordrer … til", "CALLS_ON")])
        );
        assert_eq!(
            found("da", "Rådet ser med tilfredshed på de fremskridt", true),
            pairs(&[("ser med tilfredshed på", "WELCOMES")])
        );
    }

    #[test]
    fn lower_case_needs_its_context() {
        // seeds/000: a statement, not the Council speaking.
        assert!(found("da", "EU og dets medlemsstater hilser vedtagelsen velkommen.", true).is_empty());
        // seeds/002 paragraph 19: a subordinate clause.
        assert!(found("da", "samtidig med at det understreger medlemsstaternes ansvar", true).is_empty());
        // Lower case is off outside conclusions.
        assert!(found("da", "Rådet understreger derfor", false).is_empty());
    }

    #[test]
    fn coordinated_lower_case() {
        // seeds/004 paragraph 8.
        assert_eq!(
            found(
                "da",
                "Rådet understreger betydningen af at styrke samarbejdet, og understreger betydningen af at intensivere",
                true
            ),
            pairs(&[("understreger", "UNDERLINES"), ("understreger", "UNDERLINES")])
        );
        // seeds/002 paragraph 9.
        assert_eq!(
            found(
                "da",
                "STØTTER KRAFTIGT multiinteressentmodellen for internetforvaltning og forpligter sig til at styrke",
                true
            ),
            pairs(&[("STØTTER KRAFTIGT", "STRONGLY_SUPPORTS"), ("forpligter sig til", "COMMITS_TO")])
        );
    }

    #[test]
    fn lower_case_word_before_capitals() {
        // seeds/002 paragraph 33.
        assert_eq!(
            found("da", "karakter. vil OVERVÅGE fremskridtene med gennemførelsen", false),
            pairs(&[("vil OVERVÅGE", "WILL_MONITOR")])
        );
    }

    #[test]
    fn sentence_initial_verb() {
        // seeds/002 paragraph 23.
        assert_eq!(
            found("da", "til nævnte konvention. Deltager desuden fortsat i multilaterale udvekslinger", true),
            pairs(&[("Deltager", "PARTICIPATES")])
        );
    }

    #[test]
    fn english_capitals() {
        assert_eq!(
            found(
                "en",
                "STRESSES that cybersecurity is essential and CALLS ON the Commission to act. LOOKS FORWARD TO the proposal.",
                false
            ),
            pairs(&[
                ("STRESSES", "STRESSES"),
                ("CALLS ON", "CALLS_ON"),
                ("LOOKS FORWARD TO", "LOOKS_FORWARD_TO")
            ])
        );
        // seeds/003: `We welcome` is not the Council.
        assert!(found("en", "We welcome the Committee’s adoption of the UN Convention", true).is_empty());
    }

    #[test]
    fn first_words_are_found_in_any_case_and_only_whole() {
        for code in ["en", "da", "de", "el", "bg", "ro", "mt", "ga"] {
            let m = matcher(code);
            let keys: Vec<&str> =
                m.phrases.iter().filter_map(|p| p.parts.first()?.first()).map(|w| w.lower.as_str()).collect();
            for key in &keys {
                let upper = key.to_uppercase();
                let mut title =
                    key.chars().next().map(|c| c.to_uppercase().collect::<String>()).unwrap_or_default();
                title.extend(key.chars().skip(1));
                let shorter: String = key.chars().skip(1).collect();
                for word in
                    [key.to_string(), upper.clone(), title, format!("{key}s"), format!("{upper}A"), shorter]
                {
                    let expected = keys.contains(&fold(&word).as_str());
                    assert_eq!(m.by_first_word.phrases(&word).is_some(), expected, "{code} {word}");
                }
            }
        }
        let en = matcher("en");
        for word in ["", "i", "it", "IS", "Stresses", "STRESSE", "stressesx", "STRE\u{301}SSES"] {
            assert_eq!(en.by_first_word.phrases(word).is_some(), matches!(word, "IS" | "Stresses"), "{word}");
        }
        let de = matcher("de");
        for word in ["BEGRÜẞT", "begrüßt", "BEGRÜSST", "Begrüsst"] {
            assert!(de.by_first_word.phrases(word).is_some(), "{word}");
        }
        assert!(de.by_first_word.phrases("begrüs").is_none());
        let el = matcher("el");
        for word in ["ΤΟΝΙΖΕΙ", "τονίζει", "Τονίζει", "ΤΟΝΊΖΕΙ"] {
            assert!(el.by_first_word.phrases(word).is_some(), "{word}");
        }
        assert!(el.by_first_word.phrases("τονίζεις").is_none());
    }

    #[test]
    fn first_match_is_where_a_phrase_may_start() {
        let en = matcher("en");
        let first = |text, lower| en.first_match_from(text, lower);
        // `is` starts `IS COMMITTED TO` only with the rest of its first part.
        assert_eq!(first("what it is and is not", true), None);
        assert_eq!(first("what is committed to a cause", true), None);
        // In lower case, next to a word of the subject, or capitalised.
        assert_eq!(first("It is committed to it", true), Some(1));
        assert_eq!(first("what is committed to the Union", true), Some(1));
        assert_eq!(first("the Council notes that", true), Some(2));
        assert_eq!(first("the Council notes that", false), None);
        assert_eq!(first("as before. Notes the report", true), Some(2));
        // In capitals, anywhere.
        assert_eq!(first("and then it STRONGLY SUPPORTS the", false), Some(3));
        assert_eq!(first("and then it strongly supports the", false), None);
        assert_eq!(first("and then it strongly supports the", true), Some(3));
        assert_eq!(first("and then he strongly SUPPORTS the", false), Some(4));
        assert_eq!(first("(«STRESSES»,", false), Some(0));
        // Every match found starts at or after the first word where one may start.
        for text in [
            "STRESSES that cybersecurity is essential and CALLS ON the Commission to act.",
            "The Council notes the report and underlines its importance.",
            "It is committed to the goals and welcomes the proposal.",
        ] {
            let words: Vec<Word> = Words::new(text).collect();
            let start = first(text, true).and_then(|i| words.get(i)).map(|w| w.start);
            let found = en.find(text, true);
            assert!(!found.is_empty(), "{text}");
            assert!(found.iter().all(|m| start.is_some_and(|s| m.start >= s)), "{text}");
        }
    }

    #[test]
    fn skipping_text_where_no_match_can_start_loses_none() {
        // Phrases of every language in capitals, lower case and title case, after and before
        // subjects, coordinators, sentence ends and other words: `find` matches as the loop
        // over every word does, and a text said to hold no phrase in capitals holds none.
        let lexicons = Lexicons::embedded().unwrap();
        let (mut found, mut texts) = (0, 0);
        let mut seed = 1u64;
        let mut pick = |n: usize| {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            usize::try_from(seed >> 33).unwrap() % n.max(1)
        };
        for lex in &lexicons.languages {
            let m = matcher(&lex.code);
            let mut pieces: Vec<String> = vec!["x".into(), "and.".into(), "(a,".into(), "1.".into()];
            pieces.extend(lex.operative.subjects.iter().cloned());
            pieces.extend(lex.operative.coordinators.iter().cloned());
            pieces.extend(lex.stopwords.iter().take(20).cloned());
            let phrases: Vec<String> =
                lex.operative.verbs.values().flatten().map(|p| p.replace('…', "x y")).collect();
            for phrase in &phrases {
                let mut title = phrase.to_lowercase();
                if let Some(c) = title.chars().next() {
                    title.replace_range(..c.len_utf8(), &c.to_uppercase().to_string());
                }
                for written in [phrase.clone(), phrase.to_lowercase(), title] {
                    for _ in 0..4 {
                        let mut text = Vec::new();
                        for _ in 0..pick(6) {
                            text.push(pieces.get(pick(pieces.len())).cloned().unwrap_or_default());
                        }
                        text.push(written.clone());
                        for _ in 0..pick(4) {
                            let piece = match pick(3) {
                                0 => phrases
                                    .get(pick(phrases.len()))
                                    .cloned()
                                    .unwrap_or_default()
                                    .to_lowercase(),
                                _ => pieces.get(pick(pieces.len())).cloned().unwrap_or_default(),
                            };
                            text.push(piece);
                        }
                        let text = text.join(" ");
                        for lower_case in [true, false] {
                            let (words, starts) = m.words_and_starts(&text, 0);
                            let everywhere = m.find_from(&text, &words, &starts, 0, lower_case);
                            assert_eq!(m.find(&text, lower_case), everywhere, "{} {text}", lex.code);
                            let capitals = everywhere.iter().any(|v| v.form == VerbForm::Capitals);
                            assert!(!capitals || m.may_match_in_capitals(&text), "{} {text}", lex.code);
                            found += everywhere.len();
                            texts += 1;
                        }
                    }
                }
            }
        }
        // Many hold a match: in capitals, or in lower case in its context.
        assert!(found > texts / 3, "{found} matches in {texts} texts");
    }

    #[test]
    fn capitals_are_looked_for_only_around_a_word_that_may_anchor_them() {
        let da = matcher("da");
        // seeds/002, paragraph 3, the verb in capitals and then in lower case; `EU` anchors none.
        assert!(da.may_match_in_capitals("UNDERSTREGER behovet for at styrke EU's kapacitet"));
        assert!(!da.may_match_in_capitals("understreger behovet for at styrke EU's kapacitet"));
        assert!(da.may_match_in_capitals("(«UNDERSTREGER», og"));
        assert!(!da.may_match_in_capitals("Rådet opfordrer Kommissionen og FN til"));
        // Part of a word in capitals is no anchor: `ER` in `ERKLÆRER`, `Er`.
        assert!(!da.may_match_in_capitals("ERKLÆRER og Er enigt"));
        assert!(da.may_match_in_capitals("ER ENIGT OM"));
        let en = matcher("en");
        assert!(en.may_match_in_capitals("and then it STRONGLY SUPPORTS the"));
        assert!(!en.may_match_in_capitals("the Council strongly supports the UN and NATO"));
        // sl `Z ZADOVOLJSTVOM` is anchored by a capital standing alone.
        let sl = matcher("sl");
        assert!(sl.may_match_in_capitals("Svet Z ZADOVOLJSTVOM ugotavlja"));
        assert!(!sl.may_match_in_capitals("Svet z zadovoljstvom ugotavlja, da EU in Združeni narodi"));
        let sign = |code| matcher(code).capital_anchors.map(|(sign, _)| sign);
        for code in ["da", "de", "en", "fr"] {
            assert_eq!(sign(code), Some(CapitalSign::Pair), "{code}");
        }
        for code in ["sl", "cs", "sv", "mt"] {
            assert_eq!(sign(code), Some(CapitalSign::Open), "{code}");
        }
        // Where a phrase may be written in capitals without ASCII, every text may hold one.
        for code in ["el", "bg", "it"] {
            assert_eq!(sign(code), None, "{code}");
            assert!(matcher(code).may_match_in_capitals("το Συμβούλιο"), "{code}");
        }
    }

    #[test]
    fn capital_signs_count_only_letters_no_other_character_folds_to() {
        for (key, sign) in [
            ("understreger", CapitalSign::Pair),
            ("is", CapitalSign::Pair),
            ("ks", CapitalSign::Open),
            ("ass", CapitalSign::Open),
            ("z", CapitalSign::Open),
            ("vítá", CapitalSign::Open),
            ("kss", CapitalSign::Unseen),
            ("i\u{307}", CapitalSign::Unseen),
            ("τονίζει", CapitalSign::Unseen),
        ] {
            assert_eq!(CapitalSign::of(key), sign, "{key}");
        }
    }

    #[test]
    fn end_byte_tables_hold_the_end_bytes_of_their_characters() {
        let opening = utf8_end_bytes(&['(', '«', '„'], false);
        let closing = utf8_end_bytes(&['.', '»', '”'], true);
        let set = |table: [bool; 256]| (0..=255u8).filter(|&b| table[usize::from(b)]).collect::<Vec<u8>>();
        assert_eq!(set(opening), [b'(', 0xC2, 0xE2]);
        assert_eq!(set(closing), [b'.', 0x9D, 0xBB]);
        // Near misses: the bytes that share a position with a mark's but not its end.
        assert!(!opening[0xAB] && !opening[0x80] && !closing[0xC2] && !closing[0xE2]);
    }

    #[test]
    fn word_cores_trim_marks_in_every_script() {
        for (raw, core) in [
            ("(«REAFFIRMS»,", (3, "REAFFIRMS")),
            ("„τονίζει“.", (3, "τονίζει")),
            ("Ν", (0, "Ν")),
            ("ΙΙ’", (0, "ΙΙ")),
            ("подчертава»", (0, "подчертава")),
            ("ел", (0, "ел")),
            ("’", (3, "")),
            ("word.»,", (0, "word")),
            ("«ΙΙ’).", (2, "ΙΙ")),
            ("a.b,", (0, "a.b")),
            ("ел.", (0, "ел")),
            (".,", (0, "")),
            ("—", (0, "—")),
            ("", (0, "")),
        ] {
            assert_eq!(word_core(raw), core, "{raw}");
        }
    }

    #[test]
    fn starts_are_the_phrases_each_word_starts_from_the_first_word_read() {
        let en = matcher("en");
        let text = "the Council STRESSES, stresse «Stresses» and IS";
        let (words, starts) = en.words_and_starts(text, 0);
        let opening: Vec<bool> = starts.iter().map(Option::is_some).collect();
        assert_eq!(opening, [false, false, true, false, true, false, true]);
        for (w, s) in words.iter().zip(&starts) {
            assert_eq!(*s, en.by_first_word.phrases(w.text), "{}", w.text);
        }
        let from_three: Vec<bool> = en.words_and_starts(text, 3).1.iter().map(Option::is_some).collect();
        assert_eq!(from_three, [false, false, false, false, true, false, true]);
        assert_eq!(en.words_and_starts(text, 99).1.len(), words.len());
        // Only capitalised opening words stop a gap.
        let gap_stops: Vec<bool> = (0..words.len()).map(|j| opens_phrase(&words, &starts, j)).collect();
        assert_eq!(gap_stops, [false, false, true, false, false, false, true]);
    }

    #[test]
    fn word_texts_are_the_words_as_written() {
        let text = "(«REAFFIRMS», its  support. — the";
        let texts: Vec<&str> = word_texts(text).collect();
        assert_eq!(texts, ["REAFFIRMS", "its", "support", "—", "the"]);
        assert_eq!(texts, Words::new(text).map(|w| w.text).collect::<Vec<_>>());
    }

    #[test]
    fn recital_opening() {
        let lex = Lexicons::embedded().unwrap().get("da").unwrap();
        let m = VerbMatcher::new(&lex.recitals, lex);
        assert_eq!(m.opening("SOM MINDER OM sine konklusioner om"), Some(("RECALLING".into(), 13)));
        assert_eq!(m.opening("MINDER OM, at dette"), None);
        assert_eq!(m.opening("som minder om"), None);
    }

    #[test]
    fn capitals_in_every_script() {
        for word in [
            "FREMHÆVER",
            "ΤΟΝΙΖΕΙ",
            "ΥΠΕΝΘΥΜΙΖΟΝΤΑΣ",
            "ПОДЧЕРТАВА",
            "JILQA'",
            "ĦAJJA",
            "ŻGĦAR",
            "ĠDID",
            "ĊENTRU",
            "BÉIM",
            "BEGRÜẞT",
            "İSTANBUL",
            "ĮSIPAREIGOJA",
        ] {
            assert!(is_caps(word), "{word}");
        }
        for word in ["Τονίζει", "подчертава", "tAONTAS", "begrüßt", "ß", "1.", "—"] {
            assert!(!is_caps(word), "{word}");
        }
    }

    #[test]
    fn lower_case_forms_match_their_capitals_across_scripts() {
        // German `ß` in lower case, `SS` or `ẞ` in capitals.
        assert_eq!(found("de", "Der Rat begrüßt die Mitteilung", true), pairs(&[("begrüßt", "WELCOMES")]));
        assert_eq!(found("de", "BEGRÜẞT die Mitteilung", false), pairs(&[("BEGRÜẞT", "WELCOMES")]));
        // Greek capitals without tonos, lower case with it.
        assert_eq!(found("el", "Το Συμβούλιο τονίζει ότι", true), pairs(&[("τονίζει", "STRESSES")]));
        // Bulgarian: Cyrillic capitals and lower case.
        assert_eq!(found("bg", "Съветът подчертава, че", true), pairs(&[("подчертава", "STRESSES")]));
        // Romanian cedilla forms match the comma-below forms of the grammar.
        assert_eq!(found("ro", "Consiliul reaminteşte că", true), pairs(&[("reaminteşte", "RECALLS")]));
        // Irish: the verb before its subject.
        assert_eq!(
            found("ga", "Leagann an Chomhairle béim ar an ngá", true),
            pairs(&[("Leagann … béim ar", "STRESSES")])
        );
        // Maltese letters, and a subject with a glued article.
        assert_eq!(found("mt", "Il-Kunsill jenfasizza li", true), pairs(&[("jenfasizza", "STRESSES")]));
        // Reflexive and discontinuous forms.
        assert_eq!(found("fr", "Le Conseil se félicite de", true), pairs(&[("se félicite", "WELCOMES")]));
        assert_eq!(
            found("de", "FORDERT die Mitgliedstaaten AUF, das", false),
            pairs(&[("FORDERT … AUF", "CALLS_ON")])
        );
    }
}
