//! Fuzz target: any bytes through decoding and the whole document pipeline must not panic,
//! and every record's byte span must lie inside the source on character boundaries.
#![no_main]

use councildata::grammar::Grammar;
use councildata::grammar::document::{Source, extract};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(grammar) = Grammar::embedded() else { return };
    let out = extract(text, Source { path: "fuzz.txt", stem: "fuzz", sha256: "" }, grammar);
    let x = out.extraction;
    let spans = x
        .paragraphs
        .iter()
        .map(|p| (p.byte_start, p.byte_end))
        .chain(x.operative_clauses.iter().map(|c| (c.byte_start, c.byte_end)))
        .chain(x.references.iter().map(|r| (r.byte_start, r.byte_end)))
        .chain(x.dated_events.iter().map(|d| (d.byte_start, d.byte_end)))
        .chain(x.footnotes.iter().map(|f| (f.byte_start, f.byte_end)))
        .chain(x.recitals.iter().map(|r| (r.byte_start, r.byte_end)));
    for (start, end) in spans {
        let (s, e) = (start as usize, end as usize);
        assert!(s <= e && e <= text.len(), "span {s}..{e} outside {}", text.len());
        assert!(text.is_char_boundary(s) && text.is_char_boundary(e), "span {s}..{e} splits a character");
    }
});
