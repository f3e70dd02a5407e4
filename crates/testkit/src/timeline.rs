//! Timelines: who ran when, drawn in plain characters for failure messages.
//!
//! A [`Timeline`] has one row per task (or per name of a [span](crate::Trace::span)),
//! with virtual time flowing left to right:
//!
//! ```text
//! virtual ms  0         100       200       300       400       500
//!             +---------+---------+---------+---------+---------+
//! lookup 0    [================================================]
//! lookup 1    [========]
//! Key: [==] ran; one column is 10ms.
//! ```
//!
//! A bar ends in `]` when its work finished, `!` when it failed, `x` when it was
//! cancelled (dropped half-way) and `>` when it is still running; `*` is an event. A
//! bar one column wide is just its ending (`|` for one that finished).
//!
//! Get one from [`Trace::timeline`](crate::Trace::timeline) (what the code did), or build
//! one by hand ([`Timeline::bar`] …) for what it should have done, and put
//! [`Timeline::versus`] in the failure message: both are drawn on one time axis, so the
//! difference shows at a glance. Every line fits in 100 columns and uses only ASCII, so
//! the drawing survives any terminal and CI log.
//!
//! The model (rows, [lanes](Timeline::lanes), [tick steps](tick_step)) is public so that
//! other renderers (the book's SVG timelines) draw exactly the same thing.

use std::cmp::Ordering;
use std::fmt;
use std::time::Duration;

/// No line of a drawing is wider than this.
pub const MAX_WIDTH: usize = 100;
/// The widest row label; longer names are cut.
const MAX_LABEL: usize = 24;
/// What the label column says above the rows.
const AXIS_LABEL: &str = "virtual ms";
/// Columns between two ticks of the axis.
const TICK_COLUMNS: usize = 10;

/// How a bar ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Ending {
    /// The work finished.
    Done,
    /// The work finished with an error.
    Failed,
    /// The work was dropped before it finished (a timeout, an abort, a lost race).
    Cancelled,
    /// The work had not finished when the timeline was drawn.
    Running,
}

impl Ending {
    /// The word a [`Trace`](crate::Trace) records for it: `"{name}: done"` ….
    pub fn word(self) -> &'static str {
        match self {
            Ending::Done => "done",
            Ending::Failed => "failed",
            Ending::Cancelled => "cancelled",
            Ending::Running => "running",
        }
    }

    /// The character that ends a bar drawn in text.
    fn glyph(self) -> char {
        match self {
            Ending::Done => ']',
            Ending::Failed => '!',
            Ending::Cancelled => 'x',
            Ending::Running => '>',
        }
    }

    /// The character of a bar one column wide.
    fn single(self) -> char {
        match self {
            Ending::Done => '|',
            other => other.glyph(),
        }
    }

    fn key(self) -> &'static str {
        match self {
            Ending::Done => "[==] ran",
            Ending::Failed => "! failed",
            Ending::Cancelled => "x cancelled (dropped)",
            Ending::Running => "> still running",
        }
    }
}

/// One stretch of work on a row: from `from` to `to`, ending as `ending`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bar {
    pub from: Duration,
    pub to: Duration,
    pub ending: Ending,
}

/// One instant on a row: something happened (a plain [`Trace::record`](crate::Trace::record)).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mark {
    pub at: Duration,
    /// What happened (the text after `"row: "`).
    pub what: String,
}

/// One task, or one name of span: its bars and marks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub name: String,
    pub bars: Vec<Bar>,
    pub marks: Vec<Mark>,
}

impl Row {
    fn first(&self) -> Duration {
        let bars = self.bars.iter().map(|b| b.from);
        let marks = self.marks.iter().map(|m| m.at);
        bars.chain(marks).min().unwrap_or_default()
    }
}

/// One line of a drawing. A row whose bars overlap (several spans of one name at
/// once) is drawn on as many lanes as it needs; only its first lane carries the name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lane<'a> {
    /// The row's name on its first lane, `None` on the others.
    pub label: Option<&'a str>,
    pub bars: Vec<Bar>,
    pub marks: Vec<&'a Mark>,
}

/// Who ran when: rows of bars and marks on a virtual-time axis. See the
/// [module](self) documentation.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Timeline {
    rows: Vec<Row>,
    end: Duration,
}

impl Timeline {
    /// An empty timeline. Rows appear in the order they are first named.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a bar of work on `row` that ran from `from` to `to` and finished.
    pub fn bar(self, row: &str, from: Duration, to: Duration) -> Self {
        self.bar_ending(row, from, to, Ending::Done)
    }

    /// Adds a bar on `row` from `from` to `to` that ended as `ending`.
    pub fn bar_ending(mut self, row: &str, from: Duration, to: Duration, ending: Ending) -> Self {
        self.push_bar(row, from, to, ending);
        self
    }

    /// Adds a mark (an instant event) on `row` at `at`.
    pub fn mark(mut self, row: &str, at: Duration) -> Self {
        self.push_mark(row, at, "");
        self
    }

    /// Makes the drawing cover at least `end`, even if nothing happens that late.
    pub fn until(mut self, end: Duration) -> Self {
        self.end = self.end.max(end);
        self
    }

    /// Puts the rows named in `names` first, in that order; the other rows keep their
    /// order after them. (A name with no row is skipped.)
    pub fn order(mut self, names: &[&str]) -> Self {
        let rank = |row: &Row| names.iter().position(|&name| name == row.name);
        // A stable sort: the rows `names` lacks stay in their order, after the others.
        self.rows.sort_by_key(|row| rank(row).unwrap_or(usize::MAX));
        self
    }

    /// The rows, in the order they are drawn.
    pub fn rows(&self) -> &[Row] {
        &self.rows
    }

    /// The time the drawing covers: the last thing in it, or more (see [`Timeline::until`]).
    pub fn end(&self) -> Duration {
        self.end
    }

    /// The lines of the drawing: each row on as few lanes as its overlapping bars
    /// need. The packing depends only on the bars' times, never on the order in which
    /// they were recorded, so it is the same on every run.
    pub fn lanes(&self) -> Vec<Lane<'_>> {
        let mut lanes = Vec::new();
        for row in &self.rows {
            let mut bars = row.bars.clone();
            bars.sort_by_key(|b| (b.from, b.to));
            let mut packed: Vec<Vec<Bar>> = Vec::new();
            for bar in bars {
                let free = packed
                    .iter_mut()
                    .find(|lane| lane.last().is_none_or(|last| last.to <= bar.from));
                match free {
                    Some(lane) => lane.push(bar),
                    None => packed.push(vec![bar]),
                }
            }
            if packed.is_empty() {
                packed.push(Vec::new());
            }
            for (i, bars) in packed.into_iter().enumerate() {
                lanes.push(Lane {
                    label: (i == 0).then_some(row.name.as_str()),
                    bars,
                    marks: if i == 0 {
                        row.marks.iter().collect()
                    } else {
                        vec![]
                    },
                });
            }
        }
        lanes
    }

    /// What the code did (`self`) above what it should have done (`expected`), drawn
    /// on one time axis, for a failure message. This timeline's rows are put in the
    /// order of `expected`'s, so that the same task is on the same line in both.
    pub fn versus(&self, expected: &Timeline) -> String {
        let names: Vec<&str> = expected.rows.iter().map(|row| row.name.as_str()).collect();
        let did = self.clone().order(&names);
        draw(&[
            ("What your code did", &did),
            ("What was expected", expected),
        ])
    }

    /// The drawing, as [`Display`](fmt::Display) writes it.
    pub fn render(&self) -> String {
        draw(&[("", self)])
    }

    pub(crate) fn push_bar(&mut self, row: &str, from: Duration, to: Duration, ending: Ending) {
        let to = to.max(from);
        self.row_mut(row).bars.push(Bar { from, to, ending });
        self.end = self.end.max(to);
    }

    pub(crate) fn push_mark(&mut self, row: &str, at: Duration, what: &str) {
        self.row_mut(row).marks.push(Mark {
            at,
            what: what.to_owned(),
        });
        self.end = self.end.max(at);
    }

    /// Orders the rows by when they first appear, then by name (`fetch 2` before
    /// `fetch 10`).
    pub(crate) fn sort_rows(&mut self) {
        self.rows.sort_by(|a, b| {
            (a.first().cmp(&b.first())).then_with(|| natural_cmp(&a.name, &b.name))
        });
    }

    fn row_mut(&mut self, name: &str) -> &mut Row {
        let at = match self.rows.iter().position(|row| row.name == name) {
            Some(at) => at,
            None => {
                self.rows.push(Row {
                    name: name.to_owned(),
                    bars: Vec::new(),
                    marks: Vec::new(),
                });
                self.rows.len() - 1
            }
        };
        &mut self.rows[at]
    }
}

impl fmt::Display for Timeline {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render())
    }
}

/// A tick step for an axis up to `end` with at most `at_most` steps: 1, 2, 5, 10, 20,
/// 25, 50, 100 … milliseconds.
pub fn tick_step(end: Duration, at_most: usize) -> Duration {
    let end = end.as_micros();
    let at_most = at_most.max(1) as u128;
    let step = nice_millis()
        .find(|&step| end <= u128::from(step) * 1000 * at_most)
        .unwrap_or(u64::MAX / 1000);
    Duration::from_millis(step)
}

/// 1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000 … (milliseconds).
fn nice_millis() -> impl Iterator<Item = u64> {
    let tens = (0..14u32).flat_map(|exp| [10, 20, 25, 50].map(|step| step * 10u64.pow(exp)));
    [1, 2, 5].into_iter().chain(tens)
}

/// Compares names so that numbers inside them sort by value: `call 2` < `call 10`.
pub fn natural_cmp(a: &str, b: &str) -> Ordering {
    fn chunks(s: &str) -> Vec<(bool, &str)> {
        let mut out = Vec::new();
        let mut rest = s;
        while let Some(first) = rest.chars().next() {
            let digit = first.is_ascii_digit();
            let len = rest
                .find(|c: char| c.is_ascii_digit() != digit)
                .unwrap_or(rest.len());
            out.push((digit, &rest[..len]));
            rest = &rest[len..];
        }
        out
    }
    let (ca, cb) = (chunks(a), chunks(b));
    for ((da, sa), (db, sb)) in ca.iter().zip(&cb) {
        let order = if *da && *db {
            let (ta, tb) = (sa.trim_start_matches('0'), sb.trim_start_matches('0'));
            ta.len().cmp(&tb.len()).then_with(|| ta.cmp(tb))
        } else {
            sa.cmp(sb)
        };
        if order != Ordering::Equal {
            return order;
        }
    }
    ca.len().cmp(&cb.len()).then_with(|| a.cmp(b))
}

/// Draws `panels` (a heading and a timeline each) on one shared time axis.
fn draw(panels: &[(&str, &Timeline)]) -> String {
    let lanes: Vec<Vec<Lane<'_>>> = panels.iter().map(|(_, t)| t.lanes()).collect();
    let label_width = lanes
        .iter()
        .flatten()
        .filter_map(|lane| lane.label)
        .map(|label| label.chars().count())
        .chain([AXIS_LABEL.len()])
        .max()
        .unwrap_or(0)
        .min(MAX_LABEL);
    let left = label_width + 2;
    let end = panels.iter().map(|(_, t)| t.end).max().unwrap_or_default();
    // Room for the last tick's number after the last column.
    let max_columns = (MAX_WIDTH - left - 8).min(80);
    let per_column = tick_step(end, max_columns);
    let columns = columns_for(end, per_column).max(1);

    let mut out = String::new();
    let mut used = Used::default();
    for ((heading, timeline), lanes) in panels.iter().zip(&lanes) {
        if !heading.is_empty() {
            if !out.is_empty() {
                out.push('\n');
            }
            out += &format!("{heading}:\n");
        }
        if timeline.rows.is_empty() {
            out += "  (nothing was recorded)\n";
            continue;
        }
        out += &axis(label_width, columns, per_column);
        for lane in lanes {
            let cells = draw_lane(lane, columns, per_column, &mut used);
            let label = fit(lane.label.unwrap_or(""), label_width);
            let line = format!("{label:<label_width$}  {cells}");
            out += line.trim_end();
            out.push('\n');
        }
    }
    out += &key(&used, per_column);
    out
}

/// How many columns of `per_column` it takes to reach `end`.
fn columns_for(end: Duration, per_column: Duration) -> usize {
    end.as_micros().div_ceil(per_column.as_micros().max(1)) as usize
}

/// The column where the instant `at` falls.
fn column(at: Duration, per_column: Duration) -> usize {
    let per = per_column.as_micros().max(1);
    ((at.as_micros() + per / 2) / per) as usize
}

/// The two lines of the time axis: tick numbers, then the ruler.
fn axis(label_width: usize, columns: usize, per_column: Duration) -> String {
    let mut numbers = String::new();
    let mut ruler = String::new();
    for col in 0..=columns {
        if col % TICK_COLUMNS == 0 {
            ruler.push('+');
            let at = per_column * col as u32;
            let number = at.as_millis().to_string();
            // Pad up to this tick's column, then write its number there.
            while numbers.len() < col {
                numbers.push(' ');
            }
            if numbers.len() == col {
                numbers += &number;
            }
        } else {
            ruler.push('-');
        }
    }
    let blank = "";
    format!("{AXIS_LABEL:<label_width$}  {numbers}\n{blank:<label_width$}  {ruler}\n")
}

/// The symbols a drawing used, for its key.
#[derive(Default)]
struct Used {
    endings: Vec<Ending>,
    marks: bool,
}

/// One lane's cells: bars as `[===]`, marks as `*`.
fn draw_lane(lane: &Lane<'_>, columns: usize, per_column: Duration, used: &mut Used) -> String {
    let mut cells = vec![' '; columns + 1];
    for bar in &lane.bars {
        if !used.endings.contains(&bar.ending) {
            used.endings.push(bar.ending);
        }
        let start = column(bar.from, per_column);
        let width = column(bar.to, per_column).saturating_sub(start).max(1);
        if width == 1 {
            put(&mut cells, start, bar.ending.single());
            continue;
        }
        let last = start + width - 1;
        put(&mut cells, start, '[');
        if let Some(inside) = cells.get_mut(start + 1..last) {
            inside.fill('=');
        }
        put(&mut cells, last, bar.ending.glyph());
    }
    for mark in &lane.marks {
        put(&mut cells, column(mark.at, per_column).min(columns), '*');
        used.marks = true;
    }
    cells.into_iter().collect()
}

/// Writes `c` in the cell at `at`.
///
/// Every cell `draw_lane` writes exists: a bar ends at most at the column of the
/// drawing's end, which is the last one, and marks are clamped to it. Were one missing,
/// it is left out rather than panicking inside a failure message.
fn put(cells: &mut [char], at: usize, c: char) {
    if let Some(cell) = cells.get_mut(at) {
        *cell = c;
    }
}

/// The key below a drawing: the scale, and what each symbol in it means.
fn key(used: &Used, per_column: Duration) -> String {
    let mut items = Vec::new();
    for ending in [
        Ending::Done,
        Ending::Cancelled,
        Ending::Failed,
        Ending::Running,
    ] {
        if used.endings.contains(&ending) {
            items.push(ending.key());
        }
    }
    if used.marks {
        items.push("* event");
    }
    // At most 4 × 22 characters of items: the line fits in 100 columns.
    format!(
        "Key: {}; one column is {}ms.\n",
        items.join(", "),
        per_column.as_millis()
    )
}

/// `label`, cut to `width` characters (`..` says it was cut).
fn fit(label: &str, width: usize) -> String {
    if label.chars().count() <= width {
        label.to_owned()
    } else {
        let kept: String = label.chars().take(width.saturating_sub(2)).collect();
        format!("{kept}..")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ms;

    fn five_at_once() -> Timeline {
        [500, 100, 300, 200, 400]
            .iter()
            .enumerate()
            .fold(Timeline::new(), |t, (id, &delay)| {
                t.bar(&format!("lookup {id}"), ms(0), ms(delay))
            })
    }

    fn five_in_a_row() -> Timeline {
        let mut at = 0;
        let mut timeline = Timeline::new();
        for (id, delay) in [500, 100, 300, 200, 400].into_iter().enumerate() {
            timeline = timeline.bar(&format!("lookup {id}"), ms(at), ms(at + delay));
            at += delay;
        }
        timeline
    }

    #[test]
    fn draws_one_row_per_task_on_a_shared_axis() {
        let drawing = five_in_a_row().versus(&five_at_once());
        assert_eq!(
            drawing,
            "\
What your code did:
virtual ms  0         200       400       600       800       1000      1200      1400
            +---------+---------+---------+---------+---------+---------+---------+-----
lookup 0    [=======================]
lookup 1                             [===]
lookup 2                                  [=============]
lookup 3                                                 [========]
lookup 4                                                           [==================]

What was expected:
virtual ms  0         200       400       600       800       1000      1200      1400
            +---------+---------+---------+---------+---------+---------+---------+-----
lookup 0    [=======================]
lookup 1    [===]
lookup 2    [=============]
lookup 3    [========]
lookup 4    [==================]
Key: [==] ran; one column is 20ms.
"
        );
        assert!(drawing.lines().all(|line| line.len() <= MAX_WIDTH));
    }

    #[test]
    fn shows_how_each_bar_ended() {
        let timeline = Timeline::new()
            .bar("ok", ms(0), ms(100))
            .bar_ending("failed", ms(0), ms(200), Ending::Failed)
            .bar_ending("dropped", ms(0), ms(200), Ending::Cancelled)
            .bar_ending("at once", ms(0), ms(0), Ending::Failed)
            .bar_ending("running", ms(100), ms(300), Ending::Running)
            .mark("events", ms(150));
        assert_eq!(
            timeline.render(),
            "\
virtual ms  0         50        100       150       200       250       300
            +---------+---------+---------+---------+---------+---------+
ok          [==================]
failed      [======================================!
dropped     [======================================x
at once     !
running                         [======================================>
events                                    *
Key: [==] ran, x cancelled (dropped), ! failed, > still running, * event; one column is 5ms.
"
        );
    }

    #[test]
    fn overlapping_bars_of_one_row_take_more_lanes() {
        let timeline = Timeline::new()
            .bar("worker", ms(0), ms(100))
            .bar("worker", ms(50), ms(150))
            .bar("worker", ms(100), ms(200))
            .bar("other", ms(0), ms(10));
        let lanes = timeline.lanes();
        let shape: Vec<(Option<&str>, usize)> =
            lanes.iter().map(|l| (l.label, l.bars.len())).collect();
        assert_eq!(shape, [(Some("worker"), 2), (None, 1), (Some("other"), 1)]);
    }

    #[test]
    fn long_names_and_long_times_still_fit() {
        let timeline = Timeline::new()
            .bar(
                "a name far longer than any label column should be",
                ms(0),
                ms(10),
            )
            .bar("late", ms(3_599_000), ms(3_600_000));
        let drawing = timeline.render();
        assert!(drawing.contains("a name far longer than.."), "{drawing}");
        for line in drawing.lines() {
            assert!(line.len() <= MAX_WIDTH, "{} columns: {line}", line.len());
        }
        for end in [1, 7, 99, 101, 999, 1001, 12_345, 99_999, 3_600_000] {
            let timeline = Timeline::new()
                .bar("a label of exactly twenty-four", ms(0), ms(end))
                .bar_ending("still going", ms(end / 2), ms(end), Ending::Running)
                .mark("at the very end", ms(end));
            let drawing = timeline.versus(&timeline);
            for line in drawing.lines() {
                assert!(
                    line.len() <= MAX_WIDTH,
                    "{end}ms, {} columns: {line}",
                    line.len()
                );
            }
        }
    }

    #[test]
    fn instants_fall_in_the_nearest_column() {
        // 5ms a column: 98ms is column 19.6 and 103ms is 20.6, so both round up.
        let timeline = Timeline::new()
            .bar("rounds up", ms(0), ms(98))
            .mark("event", ms(103))
            .bar("rounds down", ms(0), ms(101))
            .until(ms(300));
        assert_eq!(
            timeline.render(),
            "\
virtual ms   0         50        100       150       200       250       300
             +---------+---------+---------+---------+---------+---------+
rounds up    [==================]
event                             *
rounds down  [==================]
Key: [==] ran, * event; one column is 5ms.
"
        );
    }

    #[test]
    fn a_long_label_leaves_fewer_columns() {
        // With a label column of 24 characters, 66 columns fit: 700ms takes 20ms a
        // column (35 columns), not 10ms (70 columns, the most a short label allows).
        let timeline = Timeline::new()
            .bar("a label of exactly twenty-four", ms(0), ms(700))
            .bar("short", ms(300), ms(400));
        assert_eq!(
            timeline.render(),
            "\
virtual ms                0         200       400       600
                          +---------+---------+---------+-----
a label of exactly twe..  [=================================]
short                                    [===]
Key: [==] ran; one column is 20ms.
"
        );
    }

    #[test]
    fn displays_as_its_drawing() {
        let timeline = Timeline::new().bar("a", ms(0), ms(10)).mark("b", ms(5));
        assert_eq!(timeline.to_string(), timeline.render());
        assert_eq!(
            format!("{timeline}"),
            "\
virtual ms  0         10
            +---------+
a           [========]
b                *
Key: [==] ran, * event; one column is 1ms.
"
        );
    }

    #[test]
    fn an_empty_timeline_says_so() {
        let drawing = Timeline::new().versus(&Timeline::new().bar("a", ms(0), ms(10)));
        assert!(drawing.starts_with("What your code did:\n  (nothing was recorded)\n"));
    }

    #[test]
    fn tick_steps_are_round_numbers() {
        assert_eq!(tick_step(ms(1500), 80), ms(20));
        assert_eq!(tick_step(ms(800), 80), ms(10));
        assert_eq!(tick_step(ms(50), 80), ms(1));
        assert_eq!(tick_step(ms(2000), 8), ms(250));
        assert_eq!(tick_step(ms(0), 8), ms(1));
    }

    #[test]
    fn an_end_beyond_every_round_step_gets_the_largest_step() {
        // The round steps stop at 500 000 000 000 000 ms; past them, one step is the
        // largest number of milliseconds whose microseconds still fit in a u64.
        assert_eq!(tick_step(Duration::MAX, 1), ms(u64::MAX / 1000));
        assert_eq!(tick_step(Duration::MAX, 80), ms(u64::MAX / 1000));
    }

    #[test]
    fn a_name_that_starts_with_a_number_sorts_before_one_that_starts_with_a_word() {
        // As in plain string order ('1' < 'i'), however many digits the number has.
        assert_eq!(natural_cmp("100", "io"), Ordering::Less);
        assert_eq!(natural_cmp("io", "20"), Ordering::Greater);
        let mut names = vec!["io", "100", "20"];
        names.sort_by(|a, b| natural_cmp(a, b));
        assert_eq!(names, ["20", "100", "io"]);
    }

    #[test]
    fn numbers_in_names_sort_by_value() {
        let mut names = vec!["call 10", "call 2", "call 1", "attempt", "call 02x"];
        names.sort_by(|a, b| natural_cmp(a, b));
        assert_eq!(
            names,
            ["attempt", "call 1", "call 2", "call 02x", "call 10"]
        );
    }

    #[tokio::test(start_paused = true)]
    async fn a_trace_becomes_a_timeline() {
        let trace = crate::Trace::new();
        let slow = trace.span("slow");
        let fast = trace.span("fast");
        tokio::time::sleep(ms(100)).await;
        fast.done();
        trace.record("caller: gave up");
        drop(slow);
        let left = trace.span("left running");
        tokio::time::sleep(ms(50)).await;
        let timeline = trace.timeline();
        let names: Vec<&str> = timeline.rows().iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names, ["fast", "slow", "caller", "left running"]);
        assert_eq!(timeline.end(), ms(150));
        assert_eq!(
            timeline.rows()[3].bars,
            [Bar {
                from: ms(100),
                to: ms(150),
                ending: Ending::Running
            }]
        );
        drop(left);
    }
}
