use std::fmt;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::time::Instant;

use crate::timeline::{Ending, Timeline};

/// An event log stamped with virtual time, made for `insta` snapshots and timelines.
///
/// Clone it into every task and fake that should report what happened; each
/// [`Trace::record`] notes the virtual time since the trace was created. The rendered
/// form puts one event a line:
///
/// ```text
///    0ms  fetch 1: start
///  500ms  fetch 1: done
/// ```
///
/// Timers that expire at the same instant may fire in any order, so the rendering
/// sorts the events of one instant by their text: a snapshot of it is deterministic.
/// Use [`Trace::events`] when the order within an instant is itself the point.
///
/// [`Trace::span`] records something that takes time (a fetch, a job, an attempt): its
/// start, and how it ended. [`Trace::timeline`] draws the spans as bars, one row per
/// name, which is what a failure message should show when timing is the lesson.
#[derive(Debug, Clone)]
pub struct Trace {
    start: Instant,
    // A std mutex is right here: it is held only for a push, never across an `.await`.
    log: Arc<Mutex<Log>>,
}

#[derive(Debug, Default)]
struct Log {
    events: Vec<Event>,
    spans: Vec<SpanRecord>,
}

#[derive(Debug)]
struct Event {
    at: Duration,
    text: String,
    /// Set when the event is the start or the end of a span, which the timeline draws
    /// as a bar rather than as an event of its own.
    of_span: bool,
}

#[derive(Debug)]
struct SpanRecord {
    name: String,
    start: Duration,
    end: Option<(Duration, Ending)>,
}

impl Default for Trace {
    fn default() -> Self {
        Self::new()
    }
}

impl Trace {
    /// An empty trace whose clock starts now.
    pub fn new() -> Self {
        Self {
            start: Instant::now(),
            log: Arc::default(),
        }
    }

    /// Records `event` at the current virtual time.
    ///
    /// In a [timeline](Trace::timeline), `"row: what"` is drawn as a `*` on the row
    /// named `row` (the row of the spans of that name, if there are any).
    pub fn record(&self, event: impl Into<String>) {
        let at = self.elapsed();
        self.lock().events.push(Event {
            at,
            text: event.into(),
            of_span: false,
        });
    }

    /// Starts a span named `name` now: records `"{name}: start"`, and the end when the
    /// returned guard ends it.
    ///
    /// End it with [`Span::done`] or [`Span::failed`]. A span dropped without either
    /// records `"{name}: cancelled"`: put the guard inside the future that does the
    /// work, and when that future is dropped half-way (a timeout, an abort, a lost
    /// `select!` branch) the trace says so.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread", start_paused = true)]
    /// # async fn main() {
    /// let trace = testkit::Trace::new();
    /// let fetch = trace.span("fetch 1");
    /// tokio::time::sleep(testkit::ms(500)).await;
    /// fetch.done();
    /// assert_eq!(trace.texts(), ["fetch 1: start", "fetch 1: done"]);
    /// # }
    /// ```
    #[must_use = "the span ends when the guard is dropped: keep it (`let span = …`) for as long as the work runs"]
    pub fn span(&self, name: impl Into<String>) -> Span {
        let name = name.into();
        let at = self.elapsed();
        let mut log = self.lock();
        let id = log.spans.len();
        log.events.push(Event {
            at,
            text: format!("{name}: start"),
            of_span: true,
        });
        log.spans.push(SpanRecord {
            name,
            start: at,
            end: None,
        });
        Span {
            trace: self.clone(),
            id,
            ended: false,
        }
    }

    /// Virtual time since the trace was created.
    pub fn elapsed(&self) -> Duration {
        self.start.elapsed()
    }

    /// The events in the order they were recorded, with their virtual times.
    pub fn events(&self) -> Vec<(Duration, String)> {
        let log = self.lock();
        log.events.iter().map(|e| (e.at, e.text.clone())).collect()
    }

    /// Just the events' texts, in recorded order.
    pub fn texts(&self) -> Vec<String> {
        self.lock().events.iter().map(|e| e.text.clone()).collect()
    }

    /// The trace drawn as a timeline: a bar for each span, a `*` for each other event.
    ///
    /// Spans still running are drawn up to now; otherwise the drawing ends with the last
    /// event. Rows are ordered by when they first appear, then by name, so the drawing
    /// does not depend on which of two tasks woken at the same instant ran first.
    pub fn timeline(&self) -> Timeline {
        let now = self.elapsed();
        let log = self.lock();
        let mut timeline = Timeline::new();
        for span in &log.spans {
            match span.end {
                Some((to, ending)) => timeline.push_bar(&span.name, span.start, to, ending),
                None => timeline.push_bar(&span.name, span.start, now, Ending::Running),
            }
        }
        for event in log.events.iter().filter(|e| !e.of_span) {
            let (row, what) = event
                .text
                .split_once(": ")
                .unwrap_or((event.text.as_str(), ""));
            timeline.push_mark(row, event.at, what);
        }
        let last = log.events.iter().map(|e| e.at).max().unwrap_or_default();
        drop(log);
        timeline.sort_rows();
        timeline.until(last)
    }

    /// Panics unless exactly `expected` virtual time has passed since the trace was
    /// created, like [`assert_elapsed`](crate::assert_elapsed); the message then also
    /// draws what the code did (this trace) above `expected_timeline`, on one time axis.
    #[track_caller]
    pub fn assert_elapsed(
        &self,
        expected: Duration,
        lesson: impl fmt::Display,
        expected_timeline: &Timeline,
    ) {
        let actual = self.elapsed();
        if actual != expected {
            let pictures = self.timeline().versus(expected_timeline);
            panic!(
                "{}",
                crate::clock::elapsed_message(actual, expected, &lesson, Some(&pictures))
            );
        }
    }

    fn end_span(&self, id: usize, ending: Ending) {
        let at = self.elapsed();
        let mut log = self.lock();
        let span = &mut log.spans[id];
        span.end = Some((at, ending));
        let text = format!("{}: {}", span.name, ending.word());
        log.events.push(Event {
            at,
            text,
            of_span: true,
        });
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Log> {
        // A panic in another test thread must not hide this trace: take it anyway.
        self.log
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl fmt::Display for Trace {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut events = self.events();
        events.sort();
        for (at, text) in events {
            writeln!(f, "{:>6}ms  {text}", at.as_millis())?;
        }
        Ok(())
    }
}

/// Something in progress in a [`Trace`]: see [`Trace::span`].
///
/// Dropped without [`Span::done`] or [`Span::failed`], it records that it was
/// cancelled, which is exactly what happens to the locals of a future dropped half-way.
#[derive(Debug)]
#[must_use = "the span ends when the guard is dropped: keep it (`let span = …`) for as long as the work runs"]
pub struct Span {
    trace: Trace,
    id: usize,
    ended: bool,
}

impl Span {
    /// The work finished: records `"{name}: done"`.
    pub fn done(mut self) {
        self.end(Ending::Done);
    }

    /// The work finished with an error: records `"{name}: failed"`.
    pub fn failed(mut self) {
        self.end(Ending::Failed);
    }

    fn end(&mut self, ending: Ending) {
        if !self.ended {
            self.ended = true;
            self.trace.end_span(self.id, ending);
        }
    }
}

impl Drop for Span {
    fn drop(&mut self) {
        self.end(Ending::Cancelled);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ms;

    #[tokio::test(start_paused = true)]
    async fn stamps_events_with_virtual_time() {
        let trace = Trace::new();
        trace.record("b: start");
        trace.record("a: start");
        tokio::time::sleep(Duration::from_millis(250)).await;
        trace.record("a: done");
        assert_eq!(
            trace.to_string(),
            "     0ms  a: start\n     0ms  b: start\n   250ms  a: done\n"
        );
        assert_eq!(trace.texts(), ["b: start", "a: start", "a: done"]);
    }

    #[tokio::test(start_paused = true)]
    async fn a_span_records_how_it_ended() {
        let trace = Trace::new();
        let ok = trace.span("ok");
        let bad = trace.span("bad");
        let gone = trace.span("gone");
        tokio::time::sleep(ms(100)).await;
        ok.done();
        bad.failed();
        drop(gone);
        assert_eq!(
            trace.to_string(),
            "     0ms  bad: start\n     0ms  gone: start\n     0ms  ok: start\n\
             \x20  100ms  bad: failed\n   100ms  gone: cancelled\n   100ms  ok: done\n"
        );
    }

    /// Two fetches of 100ms, one after the other.
    async fn two_fetches_in_turn(trace: &Trace) {
        for id in 1..=2 {
            let fetch = trace.span(format!("fetch {id}"));
            tokio::time::sleep(ms(100)).await;
            fetch.done();
        }
    }

    fn both_at_once() -> Timeline {
        Timeline::new()
            .bar("fetch 1", ms(0), ms(100))
            .bar("fetch 2", ms(0), ms(100))
    }

    #[tokio::test(start_paused = true)]
    async fn assert_elapsed_passes_on_exactly_the_expected_time() {
        let trace = Trace::new();
        two_fetches_in_turn(&trace).await;
        trace.assert_elapsed(ms(200), "two fetches in turn", &both_at_once());
    }

    #[tokio::test(start_paused = true)]
    async fn assert_elapsed_draws_what_the_code_did_above_what_was_expected() {
        let trace = Trace::new();
        two_fetches_in_turn(&trace).await;
        let failure = std::panic::catch_unwind(|| {
            trace.assert_elapsed(ms(100), "The fetches ran in turn.", &both_at_once());
        })
        .unwrap_err();
        assert_eq!(
            crate::panic_text(&*failure).unwrap(),
            "\
took 200ms of virtual time; expected exactly 100ms.
The fetches ran in turn.
(Virtual time: the test runs on tokio's paused clock, so durations are exact.)

What your code did:
virtual ms  0         50        100       150       200
            +---------+---------+---------+---------+
fetch 1     [==================]
fetch 2                         [==================]

What was expected:
virtual ms  0         50        100       150       200
            +---------+---------+---------+---------+
fetch 1     [==================]
fetch 2     [==================]
Key: [==] ran; one column is 5ms."
        );
    }

    #[tokio::test(start_paused = true)]
    async fn a_future_dropped_half_way_cancels_its_span() {
        let trace = Trace::new();
        let work = {
            let trace = trace.clone();
            async move {
                let span = trace.span("slow");
                tokio::time::sleep(ms(500)).await;
                span.done();
            }
        };
        let cut = tokio::time::timeout(ms(200), work).await;
        assert!(cut.is_err());
        assert_eq!(trace.texts(), ["slow: start", "slow: cancelled"]);
        assert_eq!(trace.events()[1].0, ms(200));
    }
}
