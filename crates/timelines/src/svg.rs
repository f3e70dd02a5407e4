//! Timelines as SVG, for the book: plain string building, one element a line.
//!
//! What is drawn (rows, lanes, ticks) comes from `testkit::timeline`, the same model the
//! text drawings in test failures use; this module only decides where it goes.
//!
//! The book includes each file inline (`{{#include timelines/NN.svg}}`), so text, axes and
//! marks are drawn in `currentColor`: the page's own text colour, in the light and the
//! dark themes alike. The bars' colours are mid-tones that stand out on both. The output
//! has no blank line, so that Markdown keeps the whole `<svg>` as one HTML block.

use std::fmt::Write;
use std::time::Duration;

use testkit::Ending;
use testkit::Timeline;
use testkit::timeline::{Lane, tick_step};

/// One picture of the book: one or more timelines on a shared time axis.
#[derive(Debug, Clone)]
pub struct Figure {
    /// The file's name without `.svg`: `02-join` is `book/src/timelines/02-join.svg`.
    pub name: &'static str,
    /// What the figure shows, for screen readers (`aria-label`).
    pub description: String,
    pub panels: Vec<Panel>,
}

/// One timeline of a figure, with its title.
#[derive(Debug, Clone)]
pub struct Panel {
    pub title: String,
    pub timeline: Timeline,
}

const WIDTH: f64 = 720.0;
/// Room right of the plot for the last tick's number.
const RIGHT: f64 = 28.0;
const ROW: f64 = 22.0;
const BAR: f64 = 14.0;
const TITLE: f64 = 26.0;
const AXIS: f64 = 30.0;
const GAP: f64 = 12.0;
/// About the width of one character at 12px.
const CHAR: f64 = 7.0;

const DONE: &str = "#3b82f6";
const FAILED: &str = "#e5484d";
const CANCELLED: &str = "#f5a524";

/// The figure as an SVG document.
pub fn svg(figure: &Figure) -> String {
    let lanes: Vec<Vec<Lane<'_>>> = (figure.panels.iter())
        .map(|panel| panel.timeline.lanes())
        .collect();
    let longest = lanes
        .iter()
        .flatten()
        .filter_map(|lane| lane.label)
        .map(|label| label.chars().count())
        .max()
        .unwrap_or(0);
    let x0 = (longest as f64 * CHAR + 18.0).clamp(64.0, 240.0);
    let x1 = WIDTH - RIGHT;
    let end = (figure.panels.iter())
        .map(|panel| panel.timeline.end())
        .max()
        .unwrap_or_default()
        .max(Duration::from_millis(1));
    let step = tick_step(end, 8);
    let ticks = end.as_micros().div_ceil(step.as_micros()) as u32;
    let axis = Axis {
        x0,
        x1,
        until: step * ticks,
    };

    let mut body = Vec::new();
    let mut y = 8.0;
    let mut used = Used::default();
    for (panel, lanes) in figure.panels.iter().zip(&lanes) {
        y = draw_panel(&mut body, panel, lanes, &axis, step, y, &mut used) + GAP;
    }
    let caption_y = y + 4.0;
    body.push(format!(
        r#"<text x="{}" y="{}" text-anchor="middle" font-style="italic">virtual time (ms) →</text>"#,
        n((x0 + x1) / 2.0),
        n(caption_y)
    ));
    let legend_y = caption_y + 22.0;
    draw_legend(&mut body, &used, legend_y);
    let height = legend_y + 12.0;

    let mut out = String::new();
    let _ = writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" role="img" aria-label="{label}" font-family="system-ui, sans-serif" font-size="12" fill="currentColor" style="max-width: 100%; height: auto">"#,
        w = n(WIDTH),
        h = n(height),
        label = escape(&figure.description)
    );
    for line in body {
        out += &line;
        out.push('\n');
    }
    out += "</svg>\n";
    out
}

/// Where times go across the plot.
struct Axis {
    x0: f64,
    x1: f64,
    /// The time at the right end of the axis (a whole number of ticks).
    until: Duration,
}

impl Axis {
    fn x(&self, at: Duration) -> f64 {
        let until = self.until.as_secs_f64().max(f64::EPSILON);
        self.x0 + at.as_secs_f64() / until * (self.x1 - self.x0)
    }
}

/// Which symbols the figure used, for its legend.
#[derive(Default)]
struct Used {
    endings: Vec<Ending>,
    marks: bool,
}

/// Draws one panel from `top`; returns where the next one may start.
fn draw_panel(
    body: &mut Vec<String>,
    panel: &Panel,
    lanes: &[Lane<'_>],
    axis: &Axis,
    step: Duration,
    top: f64,
    used: &mut Used,
) -> f64 {
    let baseline = top + 16.0;
    body.push(format!(
        r#"<text x="{}" y="{}" text-anchor="end" font-style="italic" fill-opacity="0.7">task</text>"#,
        n(axis.x0 - 10.0),
        n(baseline)
    ));
    body.push(format!(
        r#"<text x="{}" y="{}" font-weight="bold">{}</text>"#,
        n(axis.x0),
        n(baseline),
        escape(&panel.title)
    ));
    let rows_top = top + TITLE;
    let rows_bottom = rows_top + ROW * lanes.len() as f64;

    // Grid lines first, so that bars are drawn over them.
    let mut at = Duration::ZERO;
    while at <= axis.until {
        let x = n(axis.x(at));
        body.push(format!(
            r#"<line x1="{x}" y1="{}" x2="{x}" y2="{}" stroke="currentColor" stroke-opacity="0.15"/>"#,
            n(rows_top),
            n(rows_bottom)
        ));
        at += step;
    }

    for (i, lane) in lanes.iter().enumerate() {
        let middle = rows_top + ROW * i as f64 + ROW / 2.0;
        if let Some(label) = lane.label {
            body.push(format!(
                r#"<text x="{}" y="{}" text-anchor="end">{}</text>"#,
                n(axis.x0 - 10.0),
                n(middle + 4.0),
                escape(label)
            ));
        }
        let name = lane.label.unwrap_or_default();
        for bar in &lane.bars {
            if !used.endings.contains(&bar.ending) {
                used.endings.push(bar.ending);
            }
            draw_bar(body, name, bar, axis, middle);
        }
        for mark in &lane.marks {
            used.marks = true;
            let x = axis.x(mark.at);
            let what = if mark.what.is_empty() {
                String::new()
            } else {
                format!(": {}", mark.what)
            };
            body.push(format!(
                r#"<path d="M{} {}l5 5l-5 5l-5 -5z"><title>{}{} at {} ms</title></path>"#,
                n(x),
                n(middle - 5.0),
                escape(name),
                escape(&what),
                mark.at.as_millis()
            ));
        }
    }

    // The time axis under the rows: a line, ticks, and their numbers.
    let y = rows_bottom + 2.0;
    body.push(format!(
        r#"<line x1="{}" y1="{y}" x2="{}" y2="{y}" stroke="currentColor" stroke-opacity="0.6"/>"#,
        n(axis.x0),
        n(axis.x1),
        y = n(y)
    ));
    let mut at = Duration::ZERO;
    while at <= axis.until {
        let x = n(axis.x(at));
        body.push(format!(
            r#"<line x1="{x}" y1="{}" x2="{x}" y2="{}" stroke="currentColor" stroke-opacity="0.6"/>"#,
            n(y),
            n(y + 4.0)
        ));
        body.push(format!(
            r#"<text x="{x}" y="{}" text-anchor="middle">{}</text>"#,
            n(y + 17.0),
            at.as_millis()
        ));
        at += step;
    }
    rows_bottom + AXIS
}

/// One bar: its colour says how it ended; a cross marks a cancellation, an arrow work
/// still running.
fn draw_bar(
    body: &mut Vec<String>,
    name: &str,
    bar: &testkit::timeline::Bar,
    axis: &Axis,
    middle: f64,
) {
    let (from, to) = (axis.x(bar.from), axis.x(bar.to));
    // A pixel of air at the end, so that back-to-back bars on one row stay apart.
    let width = (to - from - 1.0).max(3.0);
    let top = middle - BAR / 2.0;
    let (fill, opacity) = match bar.ending {
        Ending::Done => (DONE, "1"),
        Ending::Failed => (FAILED, "1"),
        Ending::Cancelled => (CANCELLED, "1"),
        Ending::Running => (DONE, "0.55"),
    };
    let tip = format!(
        "{name}: {} to {} ms, {}",
        bar.from.as_millis(),
        bar.to.as_millis(),
        bar.ending.word()
    );
    body.push(format!(
        r#"<rect x="{}" y="{}" width="{}" height="{}" rx="2" fill="{fill}" fill-opacity="{opacity}"><title>{}</title></rect>"#,
        n(from),
        n(top),
        n(width),
        n(BAR),
        escape(&tip)
    ));
    let end = from + width;
    match bar.ending {
        // Drawn on the bar itself, dark on amber: as clear in a dark theme as in a light one.
        Ending::Cancelled => body.push(format!(
            r##"<path d="M{} {}l8 8m0 -8l-8 8" stroke="#1c1917" stroke-width="2"/>"##,
            n((end - 10.0).max(from)),
            n(middle - 4.0)
        )),
        Ending::Failed => body.push(format!(
            r#"<path d="M{} {}v10" stroke="currentColor" stroke-width="2.5"/>"#,
            n(end),
            n(middle - 5.0)
        )),
        Ending::Running => body.push(format!(
            r#"<path d="M{} {}l8 7l-8 7z" fill="{DONE}"/>"#,
            n(end),
            n(top)
        )),
        Ending::Done => {}
    }
}

/// The legend under the figure: a sample of each kind of bar it used.
fn draw_legend(body: &mut Vec<String>, used: &Used, y: f64) {
    let mut x = 8.0;
    let mut next = |width: f64| {
        let at = x;
        x += width;
        at
    };
    for ending in [
        Ending::Done,
        Ending::Cancelled,
        Ending::Failed,
        Ending::Running,
    ] {
        if !used.endings.contains(&ending) {
            continue;
        }
        let text = match ending {
            Ending::Done => "ran",
            Ending::Cancelled => "cancelled (dropped)",
            Ending::Failed => "failed",
            Ending::Running => "still running",
        };
        let at = next(item_width(text));
        // A 22px sample bar: an axis on which one millisecond is 22px wide.
        let axis = Axis {
            x0: at,
            x1: at + 22.0,
            until: Duration::from_millis(1),
        };
        let bar = testkit::timeline::Bar {
            from: Duration::ZERO,
            to: Duration::from_millis(1),
            ending,
        };
        draw_bar(body, "sample", &bar, &axis, y);
        body.push(legend_text(at, y, text));
    }
    if used.marks {
        let text = "event";
        let at = next(item_width(text));
        let diamond = format!(
            r#"<path d="M{} {}l5 5l-5 5l-5 -5z"/>"#,
            n(at + 11.0),
            n(y - 5.0)
        );
        body.extend([diamond, legend_text(at, y, text)]);
    }
}

/// Room for one legend item: its sample, its text, and a gap.
fn item_width(text: &str) -> f64 {
    30.0 + text.len() as f64 * 6.5 + 18.0
}

fn legend_text(at: f64, y: f64, text: &str) -> String {
    format!(
        r#"<text x="{}" y="{}">{text}</text>"#,
        n(at + 30.0),
        n(y + 4.0)
    )
}

/// A coordinate with at most one decimal, the same on every machine.
fn n(value: f64) -> String {
    let tenths = (value * 10.0).round() as i64;
    if tenths % 10 == 0 {
        (tenths / 10).to_string()
    } else {
        format!("{}.{}", tenths / 10, (tenths % 10).abs())
    }
}

/// Text made safe inside an element or an attribute.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out += "&amp;",
            '<' => out += "&lt;",
            '>' => out += "&gt;",
            '"' => out += "&quot;",
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use testkit::ms;

    fn figure() -> Figure {
        Figure {
            name: "example",
            description: "two <fetches> & a \"drop\"".to_owned(),
            panels: vec![
                Panel {
                    title: "at once".to_owned(),
                    timeline: Timeline::new()
                        .bar("fetch 1", ms(0), ms(300))
                        .bar_ending("fetch 2", ms(0), ms(200), Ending::Cancelled)
                        .mark("caller", ms(200)),
                },
                Panel {
                    title: "in turn".to_owned(),
                    timeline: Timeline::new().bar("fetch 1", ms(0), ms(300)).bar_ending(
                        "fetch 2",
                        ms(300),
                        ms(300),
                        Ending::Failed,
                    ),
                },
            ],
        }
    }

    #[test]
    fn is_one_html_block_with_no_blank_line() {
        let svg = svg(&figure());
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" "));
        assert!(svg.ends_with("</svg>\n"));
        assert!(
            !svg.contains("\n\n"),
            "a blank line would end Markdown's HTML block"
        );
        assert_eq!(svg.matches("<svg").count(), 1);
    }

    #[test]
    fn names_the_tasks_and_labels_both_axes() {
        let svg = svg(&figure());
        assert!(svg.contains(">fetch 1</text>") && svg.contains(">caller</text>"));
        assert!(svg.contains(">virtual time (ms) →</text>"));
        assert_eq!(svg.matches(">task</text>").count(), 2, "one per panel");
        for tick in ["0", "50", "100", "300"] {
            assert!(svg.contains(&format!(">{tick}</text>")), "tick {tick}");
        }
    }

    #[test]
    fn draws_in_the_page_colour_and_escapes_text() {
        let svg = svg(&figure());
        assert!(svg.contains(r#"fill="currentColor""#));
        assert!(svg.contains(r#"aria-label="two &lt;fetches&gt; &amp; a &quot;drop&quot;""#));
        assert!(!svg.contains("<fetches>"));
    }

    #[test]
    fn shares_one_time_axis_between_panels() {
        let svg = svg(&figure());
        // Both "fetch 1" bars run 0-300ms: the same x and width in both panels.
        let bars: Vec<&str> = svg
            .lines()
            .filter(|line| line.contains("<title>fetch 1: 0 to 300 ms, done</title>"))
            .map(|line| line.split(" y=").next().unwrap_or_default())
            .collect();
        assert_eq!(bars.len(), 2);
        assert_eq!(bars[0], bars[1]);
    }

    #[test]
    fn the_legend_lists_what_was_drawn() {
        let svg = svg(&figure());
        for key in [
            ">ran</text>",
            ">cancelled (dropped)</text>",
            ">failed</text>",
            ">event</text>",
        ] {
            assert!(svg.contains(key), "{key}");
        }
        assert!(!svg.contains(">still running</text>"));
    }

    #[test]
    fn numbers_are_short_and_stable() {
        assert_eq!(n(12.0), "12");
        assert_eq!(n(12.25), "12.3");
        assert_eq!(n(-0.04), "0");
        assert_eq!(n(0.5), "0.5");
    }
}
