//! The specification for exercise 04. Every test runs on tokio's paused clock: the
//! delays below are virtual, so the whole file runs in milliseconds and every duration
//! is exact.

use std::fmt;
use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::time::Duration;

use errors::{Report, process_all};
use futures::FutureExt;
use testkit::{Ending, Gauge, Stopwatch, Timeline, Trace, ms, within};

const ITEMS: [u32; 6] = [1, 2, 3, 4, 5, 6];
/// How long the job takes for item `i` (`DELAY_MS[i - 1]`): they finish in the order
/// 2, 5, 3, 1, 6, 4.
const DELAY_MS: [u64; 6] = [400, 100, 300, 600, 200, 500];
const SLOWEST: Duration = ms(600);
const SUM: Duration = ms(2100);
/// Items 2 and 5 are out of stock: their job returns `Err`.
const OUT_OF_STOCK: &[u32] = &[2, 5];
/// In the tests that say so, item 3's job panics (after its 300 ms).
const BUGGY: u32 = 3;
/// Every deliberate panic says this; the tests keep such panics out of their output, so
/// no message of the tests' own may contain it.
const DELIBERATE: &str = "a deliberate panic in the test's job";

/// The job's own error type, so a test can check that it survives under the context.
#[derive(Debug)]
struct OutOfStock;

impl fmt::Display for OutOfStock {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("out of stock")
    }
}

impl std::error::Error for OutOfStock {}

/// What the jobs report to: how many are in flight (`gauge`), and when each ran
/// (`trace`: a span `item N`, drawn as a timeline when a timing test fails).
#[derive(Clone, Default)]
struct Probe {
    gauge: Gauge,
    trace: Trace,
}

/// The job the tests hand to `process_all`: packs item `id` in `DELAY_MS` of virtual
/// time, counted in the probe meanwhile. Items in `OUT_OF_STOCK` fail; `buggy`, if any,
/// panics.
fn pack(
    probe: &Probe,
    buggy: Option<u32>,
    id: u32,
) -> impl Future<Output = anyhow::Result<String>> + Send + use<> {
    let probe = probe.clone();
    async move {
        let _in_flight = probe.gauge.enter();
        let span = probe.trace.span(format!("item {id}"));
        tokio::time::sleep(ms(DELAY_MS[id as usize - 1])).await;
        if buggy == Some(id) {
            span.failed();
            panic!("item {id} hit a bug ({DELIBERATE})");
        }
        if OUT_OF_STOCK.contains(&id) {
            span.failed();
            return Err(OutOfStock.into());
        }
        span.done();
        Ok(format!("parcel {id}"))
    }
}

/// What the timing tests expect: all six items packed at once, items 2 and 5 (and the
/// `buggy` one) failing when their time is up.
fn all_at_once(buggy: Option<u32>) -> Timeline {
    ITEMS
        .iter()
        .zip(DELAY_MS)
        .fold(Timeline::new(), |t, (&id, delay)| {
            let fails = OUT_OF_STOCK.contains(&id) || buggy == Some(id);
            let ending = if fails { Ending::Failed } else { Ending::Done };
            t.bar_ending(&format!("item {id}"), ms(0), ms(delay), ending)
        })
}

/// Runs `process_all(items, pack)` under a watchdog. A deliberate panic that comes out
/// of it fails the test with the lesson; any other panic (a `todo!()`) passes through.
async fn run(probe: &Probe, buggy: Option<u32>, items: &[u32]) -> Report<String> {
    testkit::quiet_panics_containing(DELIBERATE);
    let batch = within(
        ms(60_000),
        "process_all",
        process_all(items, |id| pack(probe, buggy, id)),
    );
    match AssertUnwindSafe(batch).catch_unwind().await {
        Ok(report) => report,
        Err(payload) => {
            let text = testkit::panic_text(&*payload).unwrap_or_default();
            if text.contains("JoinError") {
                panic!(
                    "process_all panicked: item {BUGGY}'s task panicked, its JoinHandle \
                     returned the panic as a JoinError, and your code unwrapped that \
                     (`.unwrap()`/`.expect()`), so one panicking item took the whole batch \
                     down after all. Match on the JoinError instead: `is_panic()` means \
                     the item goes in `panicked`."
                )
            } else if text.contains(DELIBERATE) {
                panic!(
                    "process_all panicked: item {BUGGY}'s job panicked and the panic came \
                     straight through process_all, so one panicking item took the whole \
                     batch down. Run each item in its own task (`tokio::spawn`): a task's \
                     panic stops at the task, and its JoinHandle returns it as a \
                     JoinError. Then keep it as a value (the item goes in `panicked`) \
                     rather than raising it again with `resume_unwind(e.into_panic())`."
                )
            } else {
                std::panic::resume_unwind(payload)
            }
        }
    }
}

/// What a duration says about how the items ran.
fn diagnose(took: Duration) -> &'static str {
    if took == SUM {
        "That is the sum of the six delays: the items ran one after another. Awaiting a \
         JoinHandle right after spawning it waits for that task before the next starts: \
         spawn every item first, then await the handles."
    } else if took > SLOWEST {
        "The slowest item takes 600ms; with all six running at once that is all the batch \
         should take. Some items waited for others to finish first."
    } else {
        "The batch finished before its slowest item could have: something was not awaited."
    }
}

/// `{:#}` shows an anyhow error with its whole chain: `item 2: out of stock`.
fn rendered(errors: &[anyhow::Error]) -> Vec<String> {
    errors.iter().map(|error| format!("{error:#}")).collect()
}

/// The items that succeeded, sorted: some tests check what is there, not the order.
fn succeeded_ids(report: &Report<String>) -> Vec<u32> {
    let mut ids: Vec<u32> = report.succeeded.iter().map(|(id, _)| *id).collect();
    ids.sort_unstable();
    ids
}

#[tokio::test(start_paused = true)]
async fn every_item_runs_at_once() {
    let probe = Probe::default();
    run(&probe, None, &ITEMS).await;

    let took = probe.trace.elapsed();
    probe
        .trace
        .assert_elapsed(SLOWEST, diagnose(took), &all_at_once(None));
    assert_eq!(
        probe.gauge.max(),
        ITEMS.len(),
        "at most {} items were in flight at once; all {} should run together",
        probe.gauge.max(),
        ITEMS.len()
    );
}

#[tokio::test(start_paused = true)]
async fn one_panic_does_not_take_the_batch_down() {
    let probe = Probe::default();
    let report = run(&probe, Some(BUGGY), &ITEMS).await;

    assert_eq!(
        succeeded_ids(&report),
        [1, 4, 6],
        "items 1, 4 and 6 succeed, finishing after item {BUGGY} panicked (at 300ms): \
         a panic in one item must not stop the others"
    );
    let took = probe.trace.elapsed();
    probe.trace.assert_elapsed(
        SLOWEST,
        format_args!(
            "The batch should end when its slowest item does, panic or not. {}",
            diagnose(took)
        ),
        &all_at_once(Some(BUGGY)),
    );
    assert_eq!(
        probe.gauge.current(),
        0,
        "{} items were still running after process_all returned",
        probe.gauge.current()
    );
}

#[tokio::test(start_paused = true)]
async fn a_panic_is_reported_as_a_panic() {
    let probe = Probe::default();
    let report = run(&probe, Some(BUGGY), &ITEMS).await;

    // (The errors' texts are not shown here: a JoinError's text names the task's id,
    // which differs from run to run.)
    let lesson = if !report.panicked.is_empty() {
        format!(
            "your report has {:?} there instead: the panic was caught, but put down to \
             the wrong item. A JoinError does not say which item its task was for: keep \
             each handle next to its item (`join_all` over the handles keeps the order \
             of `items`, so zip the outcomes with `items`).",
            report.panicked
        )
    } else if report.failed.len() > OUT_OF_STOCK.len() {
        format!(
            "your report lists item {BUGGY} among the failures ({} of them, for {} items \
             that returned Err): a panic is not an Err the job returned, it is a bug in \
             the job. The JoinError says which it is: `is_panic()` goes in `panicked`, a \
             job's Err goes in `failed`.",
            report.failed.len(),
            OUT_OF_STOCK.len()
        )
    } else {
        format!(
            "your report does not mention item {BUGGY} at all: its JoinError was thrown \
             away (`.ok()`, `filter_map`, `let Ok(..) = .. else`), so nobody learns that \
             the job has a bug. Match on it: `is_panic()` means the item goes in `panicked`."
        )
    };
    assert_eq!(
        report.panicked,
        [BUGGY],
        "item {BUGGY} panicked, and `panicked` should say so; {lesson}"
    );
}

#[tokio::test(start_paused = true)]
async fn failures_are_kept_not_dropped() {
    let probe = Probe::default();
    let report = run(&probe, None, &ITEMS).await;

    assert_eq!(
        report.failed.len(),
        OUT_OF_STOCK.len(),
        "items {OUT_OF_STOCK:?} returned Err, and `failed` holds {} errors {:?}. An \
         error filtered out of the results (`.ok()`, `filter_map`, `if let Ok(..)`, \
         `flatten`, or logged and skipped) is gone: like `gather(return_exceptions=True)`, \
         keep every error as a value in the report.",
        report.failed.len(),
        rendered(&report.failed)
    );
}

#[tokio::test(start_paused = true)]
async fn each_failure_names_its_item() {
    let probe = Probe::default();
    let report = run(&probe, None, &ITEMS).await;

    // Whether every failure is there at all is failures_are_kept_not_dropped's business.
    for (error, id) in report.failed.iter().zip(OUT_OF_STOCK) {
        let text = format!("{error:#}");
        assert!(
            text.contains(&format!("item {id}")),
            "the error for item {id} reads `{text}`, which does not say which item failed: \
             once it leaves process_all (logged, or returned with `?`), nobody can tell. \
             Add the item as context: `.with_context(|| format!(\"item {{id}}\"))` from \
             `anyhow::Context`, which makes `{{:#}}` print `item {id}: out of stock`."
        );
    }
}

#[tokio::test(start_paused = true)]
async fn each_failure_keeps_the_jobs_error() {
    let probe = Probe::default();
    let report = run(&probe, None, &ITEMS).await;

    for (error, id) in report.failed.iter().zip(OUT_OF_STOCK) {
        let text = format!("{error:#}");
        assert!(
            text.contains("out of stock") && error.downcast_ref::<OutOfStock>().is_some(),
            "the error for item {id} reads `{text}`, and the job's own error (`OutOfStock`) \
             is no longer underneath it, so a caller cannot `downcast_ref::<OutOfStock>()` \
             to decide what to do. A new error built from a string (`anyhow!(\"item {{id}}: \
             {{err}}\")`) keeps the words and drops the error: `.context(...)` and \
             `.with_context(...)` wrap the original instead."
        );
    }
}

#[tokio::test(start_paused = true)]
async fn successes_keep_the_order_of_items() {
    let probe = Probe::default();
    let report = run(&probe, None, &ITEMS).await;

    let expected: Vec<(u32, String)> = [1, 3, 4, 6]
        .into_iter()
        .map(|id| (id, format!("parcel {id}")))
        .collect();
    assert_eq!(
        report.succeeded, expected,
        "successes must follow the order of `items` (1, 3, 4, 6), not the order the items \
         finished in (3, 1, 6, 4): keep each handle next to its item and await them in \
         that order (or sort the report by item)"
    );
}

#[tokio::test(start_paused = true)]
async fn an_empty_batch_is_an_empty_report() {
    let probe = Probe::default();
    let watch = Stopwatch::start();
    let report = run(&probe, None, &[]).await;

    assert!(
        report.succeeded.is_empty() && report.failed.is_empty() && report.panicked.is_empty(),
        "no items, nothing to report; got {report:?}"
    );
    watch.assert_elapsed(ms(0), "nothing to process should take no time");
}
