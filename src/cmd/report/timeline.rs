//! The report's timeline: dated events as an SVG plot drawn with plotters, time across, one
//! row per document (per language when there are too many documents to read row by row).

use std::collections::BTreeSet;

use chrono::{Datelike, Days, NaiveDate};
use plotters::coord::ranged1d::{DefaultFormatting, KeyPointHint};
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;

use super::{Document, Event};
use crate::error::Error;

/// The colour of each precision, in the plot and its legend.
pub const PRECISION_COLORS: [(&str, &str); 3] =
    [("day", "#1f77b4"), ("month", "#ff7f0e"), ("year", "#2ca02c")];

/// Above this many documents, rows are languages.
const MAX_ROWS: usize = 30;
const WIDTH: u32 = 1200;
const ROW_HEIGHT: u32 = 44;
const FONT: &str = "sans-serif";
/// plotters draws text at 1/1.24 of the size asked for: this gives 13 px.
const FONT_SIZE: f64 = 16.0;

/// The drawn plot.
pub struct Plot {
    pub svg: String,
    /// Documents with at least one dated event.
    pub documents: usize,
    /// Rows are languages, not documents.
    pub by_language: bool,
}

/// Draws `events` of `documents`; rows follow the documents' order.
pub fn plot(documents: &[Document], events: &[Event]) -> Result<Plot, Error> {
    let dated: Vec<&Document> =
        documents.iter().filter(|d| events.iter().any(|e| e.doc_id == d.doc_id)).collect();
    let by_language = dated.len() > MAX_ROWS;
    let rows: Vec<String> = if by_language {
        let languages: BTreeSet<&str> = dated.iter().map(|d| d.language.as_str()).collect();
        languages.into_iter().map(str::to_string).collect()
    } else {
        dated.iter().map(|d| d.doc_id.clone()).collect()
    };
    let placed: Vec<(usize, &Event)> = events
        .iter()
        .filter_map(|e| {
            let doc = dated.iter().find(|d| d.doc_id == e.doc_id)?;
            let key = if by_language { &doc.language } else { &doc.doc_id };
            rows.iter().position(|r| r == key).map(|row| (row, e))
        })
        .collect();
    let svg = draw(&rows, &placed).map_err(|e| Error::output("timeline.svg", e))?;
    Ok(Plot { svg, documents: dated.len(), by_language })
}

/// A date as a fractional year: 2020-07-02 → 2020.5.
fn year_fraction(d: NaiveDate) -> f64 {
    let days_in_year = if NaiveDate::from_ymd_opt(d.year(), 2, 29).is_some() { 366.0 } else { 365.0 };
    f64::from(d.year()) + f64::from(d.ordinal0()) / days_in_year
}

/// Where an event ends on the axis: the end of its last day.
fn end_fraction(d: NaiveDate) -> f64 {
    d.checked_add_days(Days::new(1)).map_or_else(|| year_fraction(d), year_fraction)
}

/// Years between axis labels: about a dozen labels whatever the span.
fn year_step(span: i32) -> i32 {
    [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000].into_iter().find(|s| span / s <= 14).unwrap_or(1000)
}

fn color(precision: &str) -> RGBColor {
    match precision {
        "year" => RGBColor(0x2c, 0xa0, 0x2c),
        "month" => RGBColor(0xff, 0x7f, 0x0e),
        _ => RGBColor(0x1f, 0x77, 0xb4),
    }
}

/// A row label short enough for the label area.
fn short(label: &str) -> String {
    const MAX: usize = 30;
    if label.chars().count() <= MAX {
        label.to_string()
    } else {
        label.chars().take(MAX - 1).chain(['…']).collect()
    }
}

/// A linear f64 axis whose ticks are exactly the given points: years on x, rows on y.
struct Ticked {
    inner: RangedCoordf64,
    ticks: Vec<f64>,
}

impl Ticked {
    fn new(range: std::ops::Range<f64>, ticks: Vec<f64>) -> Ticked {
        Ticked { inner: range.into(), ticks }
    }
}

impl Ranged for Ticked {
    type FormatOption = DefaultFormatting;
    type ValueType = f64;

    fn map(&self, value: &f64, limit: (i32, i32)) -> i32 {
        self.inner.map(value, limit)
    }

    fn key_points<Hint: KeyPointHint>(&self, _hint: Hint) -> Vec<f64> {
        self.ticks.clone()
    }

    fn range(&self) -> std::ops::Range<f64> {
        self.inner.range()
    }
}

type DrawResult<T> = Result<T, DrawingAreaErrorKind<std::io::Error>>;

fn draw(rows: &[String], events: &[(usize, &Event)]) -> DrawResult<String> {
    let first = events.iter().map(|(_, e)| e.date_start.min(e.date_end).year()).min().unwrap_or(2000);
    let last = events.iter().map(|(_, e)| e.date_start.max(e.date_end).year()).max().unwrap_or(first);
    let step = year_step(last - first + 1);
    let x0 = first - first.rem_euclid(step);
    let x1 = last + 1 + (step - (last + 1).rem_euclid(step)) % step;
    let x_keys: Vec<f64> = (x0..=x1).step_by(step.unsigned_abs() as usize).map(f64::from).collect();
    let n = rows.len().max(1);
    let y_keys: Vec<f64> = (0..n).map(|i| i as f64).collect();
    let labels: Vec<String> = rows.iter().map(|r| short(r)).collect();
    let label_width = labels.iter().map(|l| l.chars().count()).max().unwrap_or(8) as u32 * 7 + 24;
    let height = ROW_HEIGHT * n as u32 + 80;
    // Row 0 at the top.
    let y_of = |row: usize| (n - 1 - row.min(n - 1)) as f64;
    let row_label = |y: &f64| {
        let i = y.round();
        if (y - i).abs() > 1e-6 || i < 0.0 {
            return String::new();
        }
        let from_top = n.saturating_sub(1 + i as usize);
        labels.get(from_top).cloned().unwrap_or_default()
    };
    let year_label = |x: &f64| format!("{x:.0}");

    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, height)).into_drawing_area();
        root.fill(&WHITE)?;
        let mut chart = ChartBuilder::on(&root)
            .margin(14)
            .x_label_area_size(44)
            .y_label_area_size(label_width)
            .build_cartesian_2d(
                Ticked::new(f64::from(x0)..f64::from(x1), x_keys),
                Ticked::new(-0.6..n as f64 - 0.4, y_keys),
            )?;
        chart
            .configure_mesh()
            .x_label_formatter(&year_label)
            .y_label_formatter(&row_label)
            .label_style((FONT, FONT_SIZE))
            .axis_desc_style((FONT, FONT_SIZE))
            .x_desc("year")
            .bold_line_style(RGBColor(0xe4, 0xe7, 0xeb))
            .light_line_style(TRANSPARENT)
            .axis_style(RGBColor(0x57, 0x60, 0x6a))
            .draw()?;
        // Year and month spans first, translucent, so that days stay visible above them.
        let spans = events.iter().filter(|(_, e)| e.precision != "day" || e.date_start != e.date_end);
        chart.draw_series(spans.map(|(row, e)| {
            let y = y_of(*row);
            let (start, end) = (e.date_start.min(e.date_end), e.date_start.max(e.date_end));
            let half = if e.precision == "day" { 0.12 } else { 0.28 };
            Rectangle::new(
                [(year_fraction(start), y - half), (end_fraction(end), y + half)],
                color(&e.precision).mix(0.45).filled(),
            )
        }))?;
        let days = events.iter().filter(|(_, e)| e.precision == "day");
        chart.draw_series(days.map(|(row, e)| {
            Circle::new((year_fraction(e.date_start), y_of(*row)), 5, color("day").filled())
        }))?;
        root.present()?;
    }
    Ok(svg)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn event(doc_id: &str, start: &str, end: &str, precision: &str) -> Event {
        Event {
            doc_id: doc_id.into(),
            surface: String::new(),
            date_start: date(start),
            date_end: date(end),
            precision: precision.into(),
            sentence: String::new(),
        }
    }

    fn doc(doc_id: &str, language: &str) -> Document {
        Document {
            doc_id: doc_id.into(),
            language: language.into(),
            kind: "note".into(),
            council_ref: None,
            register_id: None,
            title: None,
        }
    }

    #[test]
    fn fractional_years() {
        assert_eq!(year_fraction(date("2020-01-01")), 2020.0);
        assert_eq!(end_fraction(date("2024-12-31")), 2025.0);
        assert!((year_fraction(date("2019-07-02")) - 2019.4986).abs() < 1e-3);
    }

    #[test]
    fn about_a_dozen_year_labels() {
        assert_eq!(year_step(1), 1);
        assert_eq!(year_step(14), 1);
        assert_eq!(year_step(15), 2);
        assert_eq!(year_step(120), 10);
    }

    #[test]
    fn draws_a_row_per_document_with_dots_and_bars() {
        let docs = [doc("ST-7290-2021-INIT:da", "da"), doc("quiet", "da"), doc("file:003", "en")];
        let events = [
            event("ST-7290-2021-INIT:da", "2013-06-25", "2013-06-25", "day"),
            event("ST-7290-2021-INIT:da", "2019-01-01", "2024-12-31", "year"),
            event("file:003", "2024-12-01", "2024-12-31", "month"),
        ];
        let p = plot(&docs, &events).unwrap();
        assert_eq!(p.documents, 2);
        assert!(!p.by_language);
        assert!(p.svg.starts_with("<svg"));
        assert!(p.svg.contains(">\nST-7290-2021-INIT:da\n</text>"));
        assert!(p.svg.contains(">\nfile:003\n</text>"));
        assert!(!p.svg.contains("quiet"));
        assert_eq!(p.svg.matches("<circle").count(), 1);
        assert!(p.svg.contains("#2CA02C") || p.svg.contains("#2ca02c"));
        assert!(p.svg.contains(">\n2013\n</text>") && p.svg.contains(">\n2025\n</text>"));
    }

    #[test]
    fn many_documents_are_drawn_by_language() {
        let docs: Vec<Document> =
            (0..40).map(|i| doc(&format!("d{i}"), if i % 2 == 0 { "sl" } else { "da" })).collect();
        let events: Vec<Event> =
            (0..40).map(|i| event(&format!("d{i}"), "2020-10-01", "2020-10-02", "day")).collect();
        let p = plot(&docs, &events).unwrap();
        assert!(p.by_language);
        assert_eq!(p.documents, 40);
        assert!(p.svg.contains(">\nda\n</text>") && p.svg.contains(">\nsl\n</text>"));
        assert!(!p.svg.contains(">\nd1\n</text>"));
    }

    #[test]
    fn long_labels_are_shortened() {
        assert_eq!(short("file:a_very_long_file_stem_for_a_document_name").chars().count(), 30);
        assert!(short("file:a_very_long_file_stem_for_a_document_name").ends_with('…'));
        assert_eq!(short("ST-1-2020-INIT:da"), "ST-1-2020-INIT:da");
    }
}
