//! Criterion benches for the hot parsers, on the seed texts: the whole document pipeline, clean
//! text, language detection, operative verbs, dates and references, each on a paragraph-sized
//! or a document-sized input.

use std::hint::black_box;

use councildata::grammar::Grammar;
use councildata::grammar::date::find_dates;
use councildata::grammar::document::{Source, extract};
use councildata::grammar::language::detect;
use councildata::grammar::reference::find_references;
use councildata::grammar::text::fold_text;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

const CONCLUSIONS: &str = include_str!("../seeds/002_a4da9ab59f792bf4.txt");
const ARTICLE: &str = include_str!("../seeds/003_3794a6227ef3eabf.txt");

fn parsers(c: &mut Criterion) {
    let grammar = Grammar::embedded().expect("grammars load");
    let da = grammar.lexicons.get("da").expect("Danish");
    let en = grammar.lexicons.get("en").expect("English");
    let joined: String = CONCLUSIONS.split_whitespace().collect::<Vec<_>>().join(" ");

    let mut g = c.benchmark_group("parsers");
    g.throughput(Throughput::Bytes(CONCLUSIONS.len() as u64));
    g.bench_function("document/002-conclusions", |b| {
        b.iter(|| extract(black_box(CONCLUSIONS), Source { path: "002", stem: "002", sha256: "" }, grammar))
    });
    g.bench_function("clean-text/002", |b| b.iter(|| fold_text(black_box(CONCLUSIONS))));
    g.bench_function("language/002", |b| b.iter(|| detect(black_box(CONCLUSIONS), None, grammar.lexicons)));
    g.throughput(Throughput::Bytes(joined.len() as u64));
    g.bench_function("verbs/002", |b| b.iter(|| grammar.compiled("da").verbs.find(black_box(&joined), true)));
    g.bench_function("dates/002", |b| b.iter(|| find_dates(black_box(&joined), da)));
    g.bench_function("references/002", |b| b.iter(|| find_references(black_box(&joined))));
    g.throughput(Throughput::Bytes(ARTICLE.len() as u64));
    g.bench_function("dates/003-article", |b| b.iter(|| find_dates(black_box(ARTICLE), en)));
    g.finish();
}

criterion_group!(benches, parsers);
criterion_main!(benches);
