//! The specification for exercise 02. Every test runs on tokio's paused clock: the
//! delays below are virtual, so the whole file runs in milliseconds and every duration
//! is exact.

use std::cell::Cell;
use std::future::Future;
use std::time::Duration;

use join::{fetch_all, try_fetch_all};
use testkit::{Ending, Gauge, Stopwatch, Timeline, Trace, assert_elapsed, ms, within};

/// How long the fake lookup of each id takes: finishing order 1, 3, 2, 4, 0.
const DELAY_MS: [u64; 5] = [500, 100, 300, 200, 400];

/// The lookup time of any id: the table above for ids 0–4, and 100–490 ms for others.
fn delay_of(id: u32) -> Duration {
    match DELAY_MS.get(id as usize) {
        Some(&delay) => ms(delay),
        None => ms(100 + u64::from(id) * 37 % 391),
    }
}
const IDS: [u32; 5] = [0, 1, 2, 3, 4];
const SLOWEST: Duration = ms(500);
const SUM: Duration = ms(1500);

/// What the fakes report to: how many lookups are in flight (`gauge`), and when each
/// ran (`trace`: a span `lookup N`, drawn as a timeline when a test fails).
#[derive(Clone, Default)]
struct Probe {
    gauge: Gauge,
    trace: Trace,
}

impl Probe {
    /// A fake lookup: takes `DELAY_MS[id]` of virtual time, then fails if `fails`.
    /// Dropped half-way, it is counted out of the gauge and its span says `cancelled`.
    fn lookup_that(
        &self,
        id: u32,
        fails: bool,
    ) -> impl Future<Output = Result<String, String>> + use<> {
        let probe = self.clone();
        async move {
            let _in_flight = probe.gauge.enter();
            let span = probe.trace.span(format!("lookup {id}"));
            tokio::time::sleep(delay_of(id)).await;
            if fails {
                span.failed();
                Err(format!("record {id} failed"))
            } else {
                span.done();
                Ok(format!("record {id}"))
            }
        }
    }

    /// A lookup that succeeds.
    fn lookup(&self, id: u32) -> impl Future<Output = String> + use<> {
        let lookup = self.lookup_that(id, false);
        async move { lookup.await.unwrap_or_else(|never| never) }
    }

    /// A `fetch` for `fetch_all` that also counts how often it is called.
    fn counted<'a>(
        &'a self,
        calls: &'a Cell<usize>,
    ) -> impl Fn(u32) -> std::pin::Pin<Box<dyn Future<Output = String>>> + 'a {
        move |id| {
            calls.set(calls.get() + 1);
            Box::pin(self.lookup(id))
        }
    }

    /// A lookup that fails when its delay is up if `id` is in `failing`.
    fn fallible_lookup(
        &self,
        failing: &'static [u32],
        id: u32,
    ) -> impl Future<Output = Result<String, String>> + use<> {
        self.lookup_that(id, failing.contains(&id))
    }
}

/// What the tests expect to see: the call (`fetch_all`, say) and every lookup under it,
/// all five started at once, so the call ends with the slowest.
fn all_at_once(call: &str) -> Timeline {
    let lookups = IDS.iter().zip(DELAY_MS);
    lookups.fold(
        Timeline::new().bar(call, ms(0), SLOWEST),
        |t, (id, delay)| t.bar(&format!("lookup {id}"), ms(0), ms(delay)),
    )
}

fn expected_records() -> Vec<String> {
    IDS.iter().map(|id| format!("record {id}")).collect()
}

/// What a duration says about how the lookups ran.
fn diagnose(took: Duration) -> &'static str {
    if took == SUM {
        "That is the sum of the five delays: the fetches ran one after another. Create \
         every future first, then await them together (`futures::future::join_all`)."
    } else if took > SLOWEST {
        "The slowest lookup takes 500ms; when all five run at once, that is all the \
         batch should take. Some of them waited for others to finish first."
    } else {
        "The batch finished before its slowest lookup could have: something was skipped."
    }
}

#[tokio::test(start_paused = true)]
async fn fetch_all_runs_every_lookup_at_once() {
    let probe = Probe::default();
    let call = probe.trace.span("fetch_all");
    let records = within(
        ms(60_000),
        "fetch_all",
        fetch_all(&IDS, |id| probe.lookup(id)),
    )
    .await;
    call.done();

    let (took, expected) = (probe.trace.elapsed(), all_at_once("fetch_all"));
    probe
        .trace
        .assert_elapsed(SLOWEST, diagnose(took), &expected);
    assert_eq!(
        probe.gauge.max(),
        IDS.len(),
        "at most {} lookups were in flight at once; all {} should run together.\n\n{}",
        probe.gauge.max(),
        IDS.len(),
        probe.trace.timeline().versus(&expected)
    );
    assert_eq!(records.len(), IDS.len(), "one result per id");
}

#[tokio::test(start_paused = true)]
async fn fetch_all_keeps_the_order_of_ids() {
    let probe = Probe::default();
    let records = within(
        ms(60_000),
        "fetch_all",
        fetch_all(&IDS, |id| probe.lookup(id)),
    )
    .await;

    assert_eq!(
        records,
        expected_records(),
        "results must follow the order of `ids`, not the order the lookups finished in \
         (1, 3, 2, 4, 0). `join_all` keeps input order; a stream of completions does not."
    );
}

#[tokio::test(start_paused = true)]
async fn fetch_all_of_nothing_is_empty() {
    let probe = Probe::default();
    let watch = Stopwatch::start();
    let records = within(
        ms(1000),
        "fetch_all(&[])",
        fetch_all(&[], |id| probe.lookup(id)),
    )
    .await;

    assert!(records.is_empty(), "no ids, no results; got {records:?}");
    assert_elapsed(
        watch.elapsed(),
        ms(0),
        "nothing to fetch should take no time",
    );
}

#[tokio::test(start_paused = true)]
async fn try_fetch_all_collects_every_success_in_order() {
    let probe = Probe::default();
    let call = probe.trace.span("try_fetch_all");
    let records = within(
        ms(60_000),
        "try_fetch_all",
        try_fetch_all(&IDS, |id| probe.fallible_lookup(&[], id)),
    )
    .await;
    call.done();

    assert_eq!(
        records,
        Ok(expected_records()),
        "every lookup succeeded, so this is `Ok` with the records in the order of `ids`, \
         not in the order the lookups finished in (1, 3, 2, 4, 0). `try_join_all` keeps \
         input order; a stream of completions does not."
    );
    let took = probe.trace.elapsed();
    probe
        .trace
        .assert_elapsed(SLOWEST, diagnose(took), &all_at_once("try_fetch_all"));
}

/// Record 3 fails at 200ms: `try_fetch_all` returns its error right then, and every
/// lookup still running is dropped with it.
fn first_error_at_once() -> Timeline {
    let (decided, cancelled) = (ms(200), Ending::Cancelled);
    Timeline::new()
        .bar_ending("try_fetch_all", ms(0), decided, Ending::Failed)
        .bar_ending("lookup 0", ms(0), decided, cancelled)
        .bar("lookup 1", ms(0), ms(100))
        .bar_ending("lookup 2", ms(0), decided, cancelled)
        .bar_ending("lookup 3", ms(0), decided, Ending::Failed)
        .bar_ending("lookup 4", ms(0), decided, cancelled)
}

#[tokio::test(start_paused = true)]
async fn try_fetch_all_returns_the_first_error_at_once() {
    // Record 3 fails after 200ms; record 0 fails too, but only after 500ms.
    let probe = Probe::default();
    let call = probe.trace.span("try_fetch_all");
    let result = within(
        ms(60_000),
        "try_fetch_all",
        try_fetch_all(&IDS, |id| probe.fallible_lookup(&[0, 3], id)),
    )
    .await;
    match result {
        Ok(_) => call.done(),
        Err(_) => call.failed(),
    }
    let (took, gauge) = (probe.trace.elapsed(), &probe.gauge);

    let lesson = if gauge.max() == 1 {
        "The lookups ran one after another, so the first to fail was the first in the \
         list (record 0, at 500ms). Start them all at once."
    } else if took == SLOWEST {
        "Your code returned only when the slowest lookup (record 0) was done: either it \
         let every lookup run to the end before looking at the results, or it looked at \
         them in the order of `ids`, so record 3's error waited behind record 0. \
         `try_join_all` returns the first `Err` the moment it happens."
    } else {
        diagnose(took)
    };
    probe.trace.assert_elapsed(
        ms(200),
        format_args!(
            "Record 3 fails after 200ms; that is the moment to return its error. {lesson}"
        ),
        &first_error_at_once(),
    );
    assert_eq!(
        result,
        Err("record 3 failed".to_owned()),
        "the first error to happen (record 3, at 200ms) is the one to return"
    );
    assert_eq!(
        gauge.current(),
        0,
        "{} lookups were still running after try_fetch_all returned: once the result is \
         decided, the others must be dropped (cancelled), not left behind.\n\n{}",
        gauge.current(),
        probe.trace.timeline().versus(&first_error_at_once())
    );
}

/// Ids that are not their own positions, out of order, with repeats: 100 entries, every
/// id twice, each lookup 100–490 ms.
fn scrambled_ids() -> Vec<u32> {
    (0..100u32).map(|i| 1000 - (i * 7 % 50) * 3).collect()
}

fn records_of(ids: &[u32]) -> Vec<String> {
    ids.iter().map(|id| format!("record {id}")).collect()
}

#[tokio::test(start_paused = true)]
async fn a_hundred_lookups_all_run_at_once() {
    let (probe, calls) = (Probe::default(), Cell::new(0));
    let ids = scrambled_ids();
    let slowest = ids.iter().map(|&id| delay_of(id)).max().unwrap();
    let watch = Stopwatch::start();
    let records = within(
        ms(60_000),
        "fetch_all",
        fetch_all(&ids, probe.counted(&calls)),
    )
    .await;

    assert_eq!(
        probe.gauge.max(),
        ids.len(),
        "at most {} of the {} lookups were in flight at once: something limits how many \
         run together, and `fetch_all` must start every one of them",
        probe.gauge.max(),
        ids.len()
    );
    assert_elapsed(
        watch.elapsed(),
        slowest,
        "the slowest of the 100 lookups takes this long; with all of them at once, so does \
         the batch",
    );
    assert_eq!(
        calls.get(),
        ids.len(),
        "`fetch` was called {} times for {} entries of `ids`: call it once per entry (a \
         repeated id is one more entry, looked up again)",
        calls.get(),
        ids.len()
    );
    assert_eq!(
        records,
        records_of(&ids),
        "the ids here are out of order, not their own positions, and each appears twice: \
         the results must follow `ids` entry by entry (not sorted, not keyed by id, not \
         merged)"
    );
}

#[tokio::test(start_paused = true)]
async fn unsorted_and_repeated_ids_keep_their_places() {
    let ids = [42, 7, 1000, 7, 3];
    let probe = Probe::default();
    let records = within(
        ms(60_000),
        "fetch_all",
        fetch_all(&ids, |id| probe.lookup(id)),
    )
    .await;
    assert_eq!(
        records,
        records_of(&ids),
        "one result per entry of `ids`, in the same places: ids are not positions, and a \
         repeated id is looked up and returned twice"
    );
    assert_eq!(
        probe.gauge.total(),
        ids.len(),
        "one lookup per entry of `ids`"
    );

    let probe = Probe::default();
    let records = within(
        ms(60_000),
        "try_fetch_all",
        try_fetch_all(&ids, |id| probe.fallible_lookup(&[], id)),
    )
    .await;
    assert_eq!(
        records,
        Ok(records_of(&ids)),
        "try_fetch_all: one result per entry of `ids`, in the same places"
    );
    assert_eq!(
        probe.gauge.total(),
        ids.len(),
        "one lookup per entry of `ids`"
    );
}

#[tokio::test(start_paused = true)]
async fn try_fetch_all_of_nothing_is_ok_and_empty() {
    let probe = Probe::default();
    let watch = Stopwatch::start();
    let records = within(
        ms(1000),
        "try_fetch_all(&[])",
        try_fetch_all(&[], |id| probe.fallible_lookup(&[], id)),
    )
    .await;
    assert_eq!(records, Ok(vec![]), "no ids: `Ok` with no results");
    assert_elapsed(
        watch.elapsed(),
        ms(0),
        "nothing to fetch should take no time",
    );
}

#[tokio::test(start_paused = true)]
async fn a_call_cancelled_from_outside_leaves_no_lookup_running() {
    let probe = Probe::default();
    let cancelled = tokio::time::timeout(ms(250), fetch_all(&IDS, |id| probe.lookup(id))).await;
    assert!(cancelled.is_err(), "a 250 ms timeout ends a 500 ms batch");
    assert_eq!(
        probe.gauge.current(),
        0,
        "fetch_all was dropped at 250 ms, but {} lookups kept running: dropping the call \
         must drop every lookup it started",
        probe.gauge.current()
    );

    let probe = Probe::default();
    let call = try_fetch_all(&IDS, |id| probe.fallible_lookup(&[], id));
    let cancelled = tokio::time::timeout(ms(250), call).await;
    assert!(cancelled.is_err(), "a 250 ms timeout ends a 500 ms batch");
    assert_eq!(
        probe.gauge.current(),
        0,
        "try_fetch_all was dropped at 250 ms, but {} lookups kept running",
        probe.gauge.current()
    );
}
