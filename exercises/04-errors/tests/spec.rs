//! The specification for exercise 04. Every test runs on tokio's paused clock: the
//! delays below are virtual, so the whole file runs in milliseconds and every duration
//! is exact.

use std::fmt;
use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::pin::Pin;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Duration;

use errors::{Report, process_all};
use futures::FutureExt;
use futures::future::Either;
use testkit::{Ending, Gauge, Stopwatch, Timeline, Trace, ms, within};

/// The batch. The items are not sorted and are not their positions, so "the order of
/// `items`", "sorted by item" and "numbered by position" all give different answers.
const ITEMS: [u32; 6] = [30, 50, 60, 20, 10, 40];
/// Items 50, 10 and 40 are out of stock: their job returns `Err`.
const OUT_OF_STOCK: [u32; 3] = [50, 10, 40];
/// In the tests that say so, item 60's job panics (after its 250 ms).
const BUGGY: u32 = 60;
/// The items whose job returns `Ok` (unless it is made to panic).
const IN_STOCK: [u32; 3] = [30, 60, 20];
/// An item whose job takes a thousand years (free on the paused clock) and then
/// succeeds: longer than any time limit a job might be given "for safety" (an hour, a
/// day, a year, a century). It sleeps in steps (see [`nap`]): tokio cuts any one
/// `sleep` longer than 30 years to 30 years (a `timeout` it does not cut), so a slow
/// item that slept its time in one go would end at 30 years, before any limit longer
/// than that could show.
const SLOW_ITEM: u32 = 7;
const SLOW_ITEM_TAKES: Duration = Duration::from_secs(1000 * YEAR);
/// A year of 365 days, in seconds.
const YEAR: u64 = 365 * 24 * 3600;
/// The longest step [`nap`] sleeps: below the 30 years tokio cuts a `sleep` to.
const LONGEST_NAP: Duration = Duration::from_secs(25 * YEAR);

/// Sleeps `delay` of virtual time, in steps of at most [`LONGEST_NAP`], so that it
/// takes all of it however long it is.
async fn nap(delay: Duration) {
    let mut left = delay;
    while !left.is_zero() {
        let step = left.min(LONGEST_NAP);
        tokio::time::sleep(step).await;
        left -= step;
    }
}
const SLOWEST: Duration = ms(600);
const SUM: Duration = ms(2150);
/// Every deliberate panic says this; the tests keep such panics out of their output, so
/// no message of the tests' own may contain it.
const DELIBERATE: &str = "a deliberate panic in the test's job";
/// What a job that panics in the call itself (before it returns a future) says.
const WHEN_CALLED: &str = "panicked when called";
/// A panic whose payload is a `&'static str`, as `panic!("some text")` raises; the
/// other panics of the job are formatted, and carry a `String`.
const STR_PANIC: &str = "item 60 hit a bug (a deliberate panic in the test's job)";
/// How `unwrap` or `expect` prints a `Box<dyn Any + Send>`: the text of a panic that
/// came from a panic's payload downcast to a type it was not. The tests keep such
/// panics out of the output too, and explain them.
const UNWRAPPED_PAYLOAD: &str = "Any { .. }";

/// How long the job takes for an item. The six of the batch finish in the order 10, 60,
/// 50, 30, 40, 20: neither the order of `items` nor sorted.
fn delay_of(id: u32) -> Duration {
    match id {
        30 => ms(400),
        50 => ms(300),
        60 => ms(250),
        20 => ms(600),
        10 => ms(100),
        40 => ms(500),
        SLOW_ITEM => SLOW_ITEM_TAKES,
        other => ms(100 + u64::from(other) * 37 % 391),
    }
}

/// `items` in the order their jobs finish.
fn finishing_order(items: &[u32]) -> Vec<u32> {
    let mut finished = items.to_vec();
    finished.sort_by_key(|&id| delay_of(id));
    finished
}

/// The job's own error type, so a test can check that it survives under the context.
#[derive(Debug)]
struct OutOfStock;

impl fmt::Display for OutOfStock {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("out of stock")
    }
}

impl std::error::Error for OutOfStock {}

/// What the jobs report to: how many are in flight (`gauge`; its total counts the jobs
/// that ran), and when each ran (`trace`: a span `item N`, drawn as a timeline when a
/// timing test fails, and ending `cancelled` if the job is dropped half-way).
#[derive(Clone, Default)]
struct Probe {
    gauge: Gauge,
    trace: Trace,
}

/// The job the tests hand to `process_all`: packs item `id` in `delay_of(id)` of virtual
/// time, counted in the probe meanwhile. Items in `OUT_OF_STOCK` fail; those in `buggy`
/// panic when their time is up.
fn pack(
    probe: &Probe,
    buggy: &[u32],
    id: u32,
) -> impl Future<Output = anyhow::Result<String>> + Send + use<> {
    let probe = probe.clone();
    let buggy = buggy.contains(&id);
    async move {
        let _in_flight = probe.gauge.enter();
        let span = probe.trace.span(format!("item {id}"));
        nap(delay_of(id)).await;
        if buggy {
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

/// What the timing tests expect: all six items packed at once, the out-of-stock (and
/// the `buggy`) ones failing when their time is up.
fn all_at_once(buggy: &[u32]) -> Timeline {
    ITEMS.iter().fold(Timeline::new(), |t, &id| {
        t.bar_ending(
            &format!("item {id}"),
            ms(0),
            delay_of(id),
            ending_of(id, buggy),
        )
    })
}

/// How item `id`'s job ends when it runs to the end.
fn ending_of(id: u32, buggy: &[u32]) -> Ending {
    if OUT_OF_STOCK.contains(&id) || buggy.contains(&id) {
        Ending::Failed
    } else {
        Ending::Done
    }
}

/// Runs `process_all(items, pack)` under a watchdog; see [`run_job`].
async fn run(probe: &Probe, buggy: &[u32], items: &[u32]) -> Report<String> {
    run_job(ms(60_000), items, |id| pack(probe, buggy, id)).await
}

/// Runs `process_all(items, job)` under a watchdog of `limit`. A deliberate panic that
/// comes out of it fails the test with the lesson; any other panic (a `todo!()`) passes
/// through.
async fn run_job<F, Fut>(limit: Duration, items: &[u32], job: F) -> Report<String>
where
    F: Fn(u32) -> Fut,
    Fut: Future<Output = anyhow::Result<String>> + Send + 'static,
{
    quiet_error_code_panics();
    let batch = within(limit, "process_all", watched(process_all(items, job)));
    match AssertUnwindSafe(batch).catch_unwind().await {
        Ok(report) => report,
        Err(payload) => fail_with_lesson(payload),
    }
}

/// Fails the test for a panic that came out of `process_all`: with the lesson when the
/// panic is one of the tests' own or a payload unwrapped on the way; any other panic (a
/// `todo!()`) passes through as it is.
fn fail_with_lesson(payload: Box<dyn std::any::Any + Send>) -> ! {
    let text = testkit::panic_text(&*payload).unwrap_or_default();
    let item = match named_item(text) {
        Some(id) => format!("item {id}"),
        None => "an item".to_owned(),
    };
    if let Some((said, _)) = text.split_once(UNWRAPPED_PAYLOAD) {
        // (Not quoted whole: a text with the marker in it would be kept quiet.)
        panic!(
            "process_all panicked with `{said}` and then a panic's payload, a \
             `Box<dyn Any + Send>`, which `unwrap` and `expect` print as `Any` with \
             nothing shown: a payload was downcast to a type it was not, and \
             unwrapped. What a panic carries depends on how it was raised: \
             `panic!(\"{{x}}\")` gives a `String`, `panic!(\"some text\")` a \
             `&'static str`, `panic_any(v)` whatever `v` is. The report needs only \
             the item; to log its text as well, try `downcast_ref::<String>()`, then \
             `downcast_ref::<&str>()`, with a fallback for a payload that is neither."
        )
    } else if text.contains("JoinError") {
        panic!(
            "process_all panicked: {item}'s task panicked, its JoinHandle returned \
             the panic as a JoinError, and your code unwrapped that \
             (`.unwrap()`/`.expect()`), so one panicking item took the whole batch \
             down after all. Match on the JoinError instead: `is_panic()` means \
             the item goes in `panicked`."
        )
    } else if text.contains(WHEN_CALLED) {
        panic!(
            "process_all panicked: the call `job({})` panicked before it returned a \
             future, and that panic came straight through process_all: nothing \
             caught it where the call was made. Called on process_all's own task \
             with only its future spawned, the call panics before the item has a \
             task of its own, so `tokio::spawn` never sees it: only what runs \
             inside the spawned future is behind the task's wall. Catch it where \
             you make the call (`std::panic::catch_unwind(AssertUnwindSafe(|| \
             job(id)))`), or make the call inside a future whose panics you catch, \
             and report the item in `panicked`.",
            named_item(text).unwrap_or(BUGGY)
        )
    } else if text.contains(DELIBERATE) {
        panic!(
            "process_all panicked: {item}'s job panicked and the panic came \
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

/// More polls than this at one instant of the clock are a loop that never waits: a
/// batch that waits is polled about once per wake, a few times per item that ends.
const SPIN_LIMIT: u32 = 2_000;

/// More polls than this in all are a batch that wakes itself on a timer to look again:
/// its items' ends wake it a few times each, and no test has more than a thousand
/// items whose ends it waits for.
const POLL_BUDGET: u32 = 50_000;

/// How long tokio's clock may stand still, in real time, while `process_all` is not
/// woken by anything it waits for, before a task of its that never stops running is
/// blamed (`testkit::no_busy_task`). A batch that waits is woken by its items' ends
/// within microseconds; a task that spins keeps the clock still for good.
const STILL_FOR: Duration = ms(150);

/// `batch` (a call of `process_all`), failing the test at once if it is polled far more
/// often than its items give it reason to: a loop that never waits keeps the paused
/// clock still (and so the watchdog too), and one that sleeps a millisecond between
/// looks turns a thousand-year item into trillions of wake-ups. Either would hang for real.
/// So would a task of its own that never stops running (see `STILL_FOR`), and a poll
/// that blocks the test's thread: `testkit::no_busy_task` fails both.
fn watched<F: Future>(batch: F) -> impl Future<Output = F::Output> {
    watched_with(true, batch)
}

/// [`watched`], with `no_busy_task`'s lookout only if `lookout`: the ten-thousand-item
/// test goes without, since a batch that size takes real time at one instant, and a
/// task that spins would not stop it finishing anyway.
fn watched_with<F: Future>(lookout: bool, batch: F) -> impl Future<Output = F::Output> {
    let spinning = |polls: u32, at: Duration| {
        format!(
            "process_all was polled {polls} times at {at:?} with no time passing, and was \
             still not done: it wakes itself and looks again (a loop around `yield_now()` or \
             `is_finished()`, a `select!` whose other branch is ready every time round) \
             instead of waiting. On tokio's paused test clock such a loop keeps time \
             standing still, so the items' timers never fire. Await the handles themselves \
             (`join_all`, a `JoinSet`): each one wakes you when its item ends."
        )
    };
    let still = |_: u32, at: Duration| {
        format!(
            "For {STILL_FOR:?} of real time tokio's clock stood still at {at:?} while \
             process_all ran, and nothing it waited for woke it: some task of its own never \
             stops running, so tokio is never idle and the items' timers never fire (the \
             test would hang). Likely causes: a task spawned to collect the others that \
             loops on `is_finished()` with `yield_now()` (or no wait at all) between looks \
             while process_all awaits only its answer (a oneshot, a channel); or work moved \
             into `spawn_blocking`, which keeps the paused clock from moving on while it \
             runs. Await the handles themselves (`join_all`, a `JoinSet`), in process_all: \
             each one wakes you when its item ends."
        )
    };
    let batch = if lookout {
        Either::Left(testkit::no_busy_task(STILL_FOR, still, batch))
    } else {
        Either::Right(batch)
    };
    PollBudget {
        inner: Box::pin(testkit::no_spin(SPIN_LIMIT, spinning, batch)),
        polls: 0,
        last: None,
        start: tokio::time::Instant::now(),
    }
}

/// The future [`watched`] returns: counts every poll of the batch.
struct PollBudget<F> {
    inner: Pin<Box<F>>,
    polls: u32,
    last: Option<tokio::time::Instant>,
    start: tokio::time::Instant,
}

impl<F: Future> Future for PollBudget<F> {
    type Output = F::Output;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        // Counted once per instant of virtual time: the lookout of `no_busy_task` wakes
        // the batch at instants of real time, and those extra polls must not count.
        let now = tokio::time::Instant::now();
        if self.last != Some(now) {
            self.last = Some(now);
            self.polls += 1;
        }
        if self.polls > POLL_BUDGET {
            panic!(
                "process_all was polled at {POLL_BUDGET} instants in {:?} of virtual time and was \
                 still not done: far more often than its items gave it reason to (each \
                 item's end wakes it about once). Something in it wakes itself on a timer to \
                 look again (a loop that sleeps a little between looks, an `interval`), so a \
                 slow item costs one wake-up per tick, for as long as it runs: at 1 ms, a \
                 thousand-year item is 31.5 trillion of them, which hangs for real even on the \
                 paused clock. Await the handles themselves (`join_all`, a `JoinSet`): each \
                 one wakes you when its item ends.",
                self.start.elapsed()
            );
        }
        self.inner.as_mut().poll(cx)
    }
}

/// The item a text names (`item 60 …`), if it names one.
fn named_item(text: &str) -> Option<u32> {
    let (_, after) = text.split_once("item ")?;
    let digits: String = after.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

/// Whether `text` names item `id` (`item 5`, and not `item 50`).
fn names(text: &str, id: u32) -> bool {
    let word = format!("item {id}");
    text.match_indices(&word).any(|(at, _)| {
        !text[at + word.len()..]
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_digit())
    })
}

/// What a duration (and the trace of the six items) says about how the items ran.
fn diagnose(took: Duration, trace: &Trace) -> String {
    let starts = |id: u32| {
        let start = format!("item {id}: start");
        trace.texts().iter().filter(|text| **text == start).count()
    };
    if let Some((id, runs)) = ITEMS
        .iter()
        .map(|&id| (id, starts(id)))
        .find(|&(_, n)| n > 1)
    {
        return format!(
            "Item {id} is in `items` once, and it ran {runs} times: its job was called \
             again, after the first run ended, and the batch waited for the second run \
             too. Whatever that run ended with (a panic is a bug in the job, not a fluke), \
             it is the entry's outcome: report it, and call `job` once per entry."
        );
    }
    let last_end = trace
        .events()
        .into_iter()
        .filter(|(_, text)| text.starts_with("item ") && !text.ends_with(": start"))
        .map(|(at, _)| at)
        .max();
    if let Some(end) = last_end.filter(|&end| took > SLOWEST && end <= SLOWEST) {
        return format!(
            "Every item ran at once, and the last one had ended by {end:?}, yet process_all \
             returned only at {took:?}: it noticed {:?} late. Something in it looks again on \
             a timer (a loop that sleeps between looks at `is_finished()`) instead of being \
             woken when the last item ends: await the handles themselves.",
            took - end
        );
    }
    if took == SUM {
        "That is the sum of the six delays: the items ran one after another. Awaiting each \
         item (or its JoinHandle) before starting the next does that: start every item \
         first, then await them together."
            .to_owned()
    } else if took > SLOWEST {
        "The slowest item takes 600ms; with all six running at once that is all the batch \
         should take. Some items waited for others to finish first."
            .to_owned()
    } else {
        "The batch finished before its slowest item could have: something was not awaited."
            .to_owned()
    }
}

/// What a list of items that is not `expected` (in the order of `items`) looks like.
fn order_lesson(got: &[u32], expected: &[u32], items: &[u32]) -> String {
    // `expected` is the entries of `items` with one outcome: where they stand in `items`.
    let positions: Vec<u32> = (1..)
        .zip(items)
        .filter(|(_, id)| expected.contains(id))
        .map(|(position, _)| position)
        .collect();
    let from_zero: Vec<u32> = positions.iter().map(|p| p - 1).collect();
    if got == positions || got == from_zero {
        return "those are the positions of the items in `items`, not the items: report the \
                item itself (`for (&id, outcome) in items.iter().zip(outcomes)`)"
            .to_owned();
    }
    let (mut mine, mut theirs) = (got.to_vec(), expected.to_vec());
    mine.sort_unstable();
    theirs.sort_unstable();
    if mine.len() != theirs.len() {
        return format!(
            "that is {} entries for {}: one entry per entry of `items`",
            mine.len(),
            theirs.len()
        );
    }
    if mine != theirs {
        return "that is not these items at all (which items belong there is the other \
                tests' business)"
            .to_owned();
    }
    let sorted = theirs;
    let first_place = |id: &u32| items.iter().position(|item| item == id);
    let mut grouped = expected.to_vec();
    grouped.sort_by_key(first_place);
    if got == grouped && grouped != expected {
        return "that puts the entries of one item together, where the item first stands in \
                `items`: a lookup of the value's place (`items.iter().position(..)`) finds \
                its first entry only. Keep each outcome with its own entry (its position, or \
                its handle)"
            .to_owned();
    }
    let finished = finishing_order(expected);
    if got == finished && got == sorted {
        "that is the order they finished in, which here is also sorted by item".to_owned()
    } else if got == finished {
        "that is the order they finished in: keep each outcome next to its item (its \
         handle, or its position), and report them in the order of `items`"
            .to_owned()
    } else if got == sorted {
        "that is sorted by item value, and `items` is not sorted: report each entry \
         where `items` has it, not by its value"
            .to_owned()
    } else {
        "that is neither the order of `items`, nor the order they finished in, nor sorted"
            .to_owned()
    }
}

/// `{:#}` shows an anyhow error with its whole chain: `item 50: out of stock`.
fn rendered(errors: &[anyhow::Error]) -> Vec<String> {
    errors.iter().map(|error| format!("{error:#}")).collect()
}

/// The items of `candidates` that each error names, in the order of `failed`.
fn failed_items(report: &Report<String>, candidates: &[u32]) -> Vec<Option<u32>> {
    report
        .failed
        .iter()
        .map(|error| {
            let text = format!("{error:#}");
            candidates.iter().copied().find(|&id| names(&text, id))
        })
        .collect()
}

/// The items that succeeded, sorted: some tests check what is there, not the order.
fn succeeded_ids(report: &Report<String>) -> Vec<u32> {
    let mut ids: Vec<u32> = report.succeeded.iter().map(|(id, _)| *id).collect();
    ids.sort_unstable();
    ids
}

fn parcels(ids: &[u32]) -> Vec<(u32, String)> {
    ids.iter().map(|&id| (id, format!("parcel {id}"))).collect()
}

#[tokio::test(start_paused = true)]
async fn every_item_runs_at_once() {
    let probe = Probe::default();
    run(&probe, &[], &ITEMS).await;

    let took = probe.trace.elapsed();
    probe
        .trace
        .assert_elapsed(SLOWEST, diagnose(took, &probe.trace), &all_at_once(&[]));
    assert_eq!(
        probe.gauge.max(),
        ITEMS.len(),
        "at most {} items were in flight at once; all {} should run together",
        probe.gauge.max(),
        ITEMS.len()
    );
}

/// A thousand entries: out of order, not their positions, every item twice; each job
/// takes 100–490 ms and succeeds. A thousand, because a limit of 64 or 128 items at a
/// time must show.
fn a_thousand_items() -> Vec<u32> {
    (0..1000u32).map(|i| 5000 - (i * 7 % 500) * 3).collect()
}

#[tokio::test(start_paused = true)]
async fn a_thousand_items_all_run_at_once() {
    let probe = Probe::default();
    let items = a_thousand_items();
    let slowest = items.iter().map(|&id| delay_of(id)).max().unwrap();
    let watch = Stopwatch::start();
    // An hour, so that even items run one after another (5 minutes) come back.
    let report = run_job(ms(3_600_000), &items, |id| pack(&probe, &[], id)).await;

    let lesson = if probe.gauge.max() == 1 {
        "they ran one at a time, each awaited before the next started: start every item \
         first, then await them together"
    } else {
        "something limits how many run together (a `buffered(n)`, a semaphore, batches \
         of n), and `process_all` must start every one of them"
    };
    assert_eq!(
        probe.gauge.max(),
        items.len(),
        "at most {} of the {} items were in flight at once: {lesson}",
        probe.gauge.max(),
        items.len()
    );
    watch.assert_elapsed(
        slowest,
        "the slowest of the thousand items takes this long; with all of them at once, so \
         does the batch",
    );
    let got: Vec<u32> = report.succeeded.iter().map(|(id, _)| *id).collect();
    assert!(
        report.succeeded == parcels(&items),
        "the thousand items all succeed, and `succeeded` should list them entry by entry \
         in the order of `items`, each with its own parcel; it has {} entries, starting \
         {:?} where `items` starts {:?}, and {}",
        got.len(),
        &got[..got.len().min(6)],
        &items[..6],
        order_lesson(&got, &items, &items)
    );
}

/// `at` as `Debug` prints it, with years (or days) beside it when it is that long.
fn spelled_out(at: Duration) -> String {
    const DAY: f64 = 24.0 * 3600.0;
    let secs = at.as_secs_f64();
    if secs >= YEAR as f64 {
        match (secs / YEAR as f64).round() {
            1.0 => format!("{at:?} (a year)"),
            years => format!("{at:?} ({years} years)"),
        }
    } else if secs >= DAY {
        format!("{at:?} ({:.0} days)", secs / DAY)
    } else {
        format!("{at:?}")
    }
}

#[tokio::test(start_paused = true)]
async fn a_slow_item_is_waited_for_however_long() {
    let probe = Probe::default();
    let items = [30, SLOW_ITEM];
    let report = run_job(
        SLOW_ITEM_TAKES + Duration::from_secs(24 * 3600),
        &items,
        |id| pack(&probe, &[], id),
    )
    .await;

    let ended = probe.trace.events().into_iter().find(|(_, text)| {
        text.starts_with(&format!("item {SLOW_ITEM}: ")) && !text.ends_with("start")
    });
    let what_happened = match ended {
        Some((at, text)) if text.ends_with("cancelled") => format!(
            "process_all dropped its job after {}, before it finished: a time limit on \
             each job (a `timeout` around it) gives up on a slow item, however long the \
             limit",
            spelled_out(at)
        ),
        _ => format!(
            "`succeeded` lists {:?} and `failed` reads {:?}",
            report
                .succeeded
                .iter()
                .map(|(id, _)| id)
                .collect::<Vec<_>>(),
            rendered(&report.failed)
        ),
    };
    assert!(
        report
            .succeeded
            .contains(&(SLOW_ITEM, format!("parcel {SLOW_ITEM}"))),
        "item {SLOW_ITEM} takes a thousand years and then returns Ok, so it belongs in `succeeded`; \
         {what_happened}. `process_all` has no time limit: a deadline is the caller's to \
         set, around the whole call."
    );
}

#[tokio::test(start_paused = true)]
async fn one_panic_does_not_take_the_batch_down() {
    let probe = Probe::default();
    let report = run(&probe, &[BUGGY], &ITEMS).await;

    let lesson = if report.succeeded.len() == 2 {
        "`succeeded` has two entries, but not under these items: name each entry by its item"
    } else {
        "a panic in one item must not stop the others"
    };
    assert_eq!(
        succeeded_ids(&report),
        [20, 30],
        "items 30 and 20 succeed, finishing after item {BUGGY} panicked (at 250ms): {lesson}"
    );
    let took = probe.trace.elapsed();
    probe.trace.assert_elapsed(
        SLOWEST,
        format_args!(
            "The batch should end when its slowest item does, panic or not. {}",
            diagnose(took, &probe.trace)
        ),
        &all_at_once(&[BUGGY]),
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
    let report = run(&probe, &[BUGGY], &ITEMS).await;

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

    let also_failed = report
        .failed
        .iter()
        .any(|error| names(&format!("{error:#}"), BUGGY));
    let whose = if also_failed {
        format!(
            "one of them names item {BUGGY}: the panic was filed twice, as a panic and as a failure"
        )
    } else {
        "every item appears exactly once in the report, and the extra ones are not \
         errors the job returned"
            .to_owned()
    };
    // Fewer errors than failing items is failures_are_kept_not_dropped's business.
    assert!(
        report.failed.len() <= OUT_OF_STOCK.len(),
        "item {BUGGY} is in `panicked`, and `failed` holds {} errors for the {} items that \
         returned Err; {whose}. A panic goes in `panicked` only.",
        report.failed.len(),
        OUT_OF_STOCK.len()
    );
}

#[tokio::test(start_paused = true)]
async fn a_job_that_panics_when_called_is_reported_as_a_panic() {
    let probe = Probe::default();
    // This job panics in the call itself, for item 60, before it returns a future:
    // say, a lookup it does before its `async` block.
    let job = |id| {
        if id == BUGGY {
            panic!("item {id}'s job {WHEN_CALLED} ({DELIBERATE})");
        }
        pack(&probe, &[], id)
    };
    let report = run_job(ms(60_000), &ITEMS, job).await;

    assert_eq!(
        report.panicked,
        [BUGGY],
        "calling `job({BUGGY})` panicked before it returned a future; that is item \
         {BUGGY}'s panic, and `panicked` should say so"
    );
    assert_eq!(
        succeeded_ids(&report),
        [20, 30],
        "items 30 and 20 succeed: the panic in item {BUGGY}'s call must not stop them"
    );
    assert!(
        !report
            .failed
            .iter()
            .any(|error| names(&format!("{error:#}"), BUGGY)),
        "item {BUGGY} is in `panicked`, and one of the {} errors in `failed` names it as \
         well: the panic was filed twice, as a panic and as a failure. A panic goes in \
         `panicked` only. (The errors' texts are not shown: a JoinError's text holds the \
         panic's, which is kept out of the output.)",
        report.failed.len()
    );
}

#[tokio::test(start_paused = true)]
async fn a_panic_with_a_str_payload_is_reported_as_a_panic() {
    let probe = Probe::default();
    // (The errors' texts are not shown here: a JoinError's text holds the panic's, which
    // is kept out of the output.)
    // Item 60's job panics with a `&'static str` payload, as `panic!("some text")` does;
    // every other panic in these tests is formatted, and carries a `String`.
    let job = |id| {
        let work = pack(&probe, &[], id);
        async move {
            if id == BUGGY {
                std::panic::panic_any(STR_PANIC);
            }
            work.await
        }
    };
    let report = run_job(ms(60_000), &ITEMS, job).await;

    assert_eq!(
        report.panicked,
        [BUGGY],
        "item {BUGGY}'s job panicked (with a `&'static str`, not a `String`), and \
         `panicked` should say so; `failed` holds {} errors, for the {} items that returned \
         Err",
        report.failed.len(),
        OUT_OF_STOCK.len()
    );
    assert_eq!(
        succeeded_ids(&report),
        [20, 30],
        "items 30 and 20 succeed: item {BUGGY}'s panic must not stop them"
    );
}

#[tokio::test(start_paused = true)]
async fn panics_of_both_kinds_keep_the_order_of_items() {
    let probe = Probe::default();
    // Items 30 and 20 panic while they run (at 400 and 600 ms); items 60 and 10 panic
    // in the call itself, at once. In `items` the two kinds alternate.
    let (while_running, when_called) = ([30, 20], [60, 10]);
    let job = |id| {
        if when_called.contains(&id) {
            panic!("item {id}'s job {WHEN_CALLED} ({DELIBERATE})");
        }
        pack(&probe, &while_running, id)
    };
    let report = run_job(ms(60_000), &ITEMS, job).await;

    let expected = [30, 60, 20, 10];
    let lesson = if report.panicked == [60, 10, 30, 20] {
        "the two that panicked when called come first (which is also when they panicked: \
         at once), then the two that panicked while running. `panicked` follows the order \
         of `items` whichever of the two places an item panicked in: keep a call's panic \
         in the item's place (as that item's outcome) rather than filing it as soon as it \
         happens"
            .to_owned()
    } else if report.panicked == [30, 20, 60, 10] {
        "the two that panicked while running come first, then the two that panicked when \
         called. `panicked` follows the order of `items` whichever of the two places an \
         item panicked in: keep a call's panic in the item's place, as that item's outcome"
            .to_owned()
    } else {
        order_lesson(&report.panicked, &expected, &ITEMS)
    };
    assert_eq!(
        report.panicked, expected,
        "items 30 and 20 panic while they run, items 60 and 10 when `job` is called; in \
         the order of `items` ({ITEMS:?}) that is {expected:?}, and yours is {:?}: {lesson}",
        report.panicked
    );
}

/// Every call of the job, in order: the item, and whether the future the call returned
/// was ever polled.
#[derive(Clone, Default)]
struct Calls(Arc<Mutex<Vec<(u32, bool)>>>);

impl Calls {
    /// Notes a call of the job for `id`, and wraps the `work` it returned so that its
    /// first poll is noted too.
    fn made<W>(&self, id: u32, work: W) -> impl Future<Output = W::Output> + Send + use<W>
    where
        W: Future + Send + 'static,
    {
        let call = {
            let mut calls = self.0.lock().unwrap_or_else(|p| p.into_inner());
            calls.push((id, false));
            calls.len() - 1
        };
        let calls = self.clone();
        async move {
            calls.0.lock().unwrap_or_else(|p| p.into_inner())[call].1 = true;
            work.await
        }
    }

    /// The items the job was called for, in the order of the calls.
    fn order(&self) -> Vec<u32> {
        let calls = self.0.lock().unwrap_or_else(|p| p.into_inner());
        calls.iter().map(|(id, _)| *id).collect()
    }

    /// How many times the job was called for `id`, and how many of those calls'
    /// futures were never polled.
    fn of(&self, id: u32) -> (usize, usize) {
        let calls = self.0.lock().unwrap_or_else(|p| p.into_inner());
        let mine = calls.iter().filter(|(item, _)| *item == id);
        let unpolled = mine.clone().filter(|(_, polled)| !polled).count();
        (mine.count(), unpolled)
    }
}

#[tokio::test(start_paused = true)]
async fn the_job_is_called_once_per_entry() {
    let probe = Probe::default();
    let calls = Calls::default();
    // Item 60's job panics in the call itself, once per call; item 10's future panics
    // while it runs (at 100ms), once per run.
    let items = [40, 30, 40, 30, 60, 10];
    let job = |id| {
        let work = pack(&probe, &[10], id);
        let work = calls.made(id, work);
        if id == BUGGY {
            panic!("item {id}'s job {WHEN_CALLED} ({DELIBERATE})");
        }
        work
    };
    run_job(ms(60_000), &items, job).await;

    for id in [40, 30, 10, BUGGY] {
        let entries = items.iter().filter(|&&item| item == id).count();
        let (made, unpolled) = calls.of(id);
        let what = if made <= entries {
            String::new()
        } else if id == BUGGY {
            " (and each of those calls panicked): a call that panicked was made again. \
             Once it has panicked, the entry is in `panicked`"
                .to_owned()
        } else if id == 10 && unpolled == 0 {
            format!(
                ", and every future those calls returned was run; each run of item 10 \
                 panics, at 100ms. So the item ran {made} times: if that was a retry after \
                 its panic, a panic is the entry's outcome (a bug in the job), not a reason \
                 to try again: the entry goes in `panicked`"
            )
        } else if unpolled > 0 {
            format!(
                ", and {unpolled} of the futures those calls returned were dropped without \
                 being polled. A call is where the item's work may start (a real job sends \
                 its request, or counts the visit, before its future exists): keep the \
                 future of the one call and run that"
            )
        } else {
            format!(", and every future it returned was run: the item's work was done {made} times")
        };
        assert_eq!(
            made, entries,
            "`items` is {items:?}: item {id} is there {entries} time(s), and `job({id})` was \
             called {made} time(s){what}. Call `job` once per entry of `items`."
        );
    }
    let order = calls.order();
    let reversed: Vec<u32> = items.iter().rev().copied().collect();
    let how = if order == reversed {
        "the reverse of `items` (a to-do list worked off with `pop()`, from the end)"
    } else {
        "not the order of `items`"
    };
    assert_eq!(
        order, items,
        "`items` is {items:?}, and `job` was called for {order:?}: {how}. Call `job` once \
         per entry, in the order of `items`: a call is where an item's work may start (a \
         request sent, a visit counted), so a caller sees its items begin in that order."
    );
}

#[tokio::test(start_paused = true)]
async fn failures_are_kept_not_dropped() {
    let probe = Probe::default();
    let report = run(&probe, &[], &ITEMS).await;

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
    let report = run(&probe, &[], &ITEMS).await;

    // Whether every failure is there at all is failures_are_kept_not_dropped's business.
    let texts = rendered(&report.failed);
    for (position, id) in ITEMS.iter().enumerate() {
        if !OUT_OF_STOCK.contains(id) || texts.len() < OUT_OF_STOCK.len() {
            continue;
        }
        let by_position = [position, position + 1]
            .into_iter()
            .find(|&p| texts.iter().any(|text| names(text, p as u32)));
        let lesson = match by_position {
            Some(p) => format!(
                "one of them names item {p}, which is item {id}'s position in `items`: \
                 name the item itself, not its place"
            ),
            None => "once an error leaves process_all (logged, or returned with `?`), \
                     nobody can tell which item it was about. Add the item as context: \
                     `.with_context(|| format!(\"item {id}\"))` from `anyhow::Context`, \
                     which makes `{:#}` print `item 50: out of stock`."
                .to_owned(),
        };
        assert!(
            texts.iter().any(|text| names(text, *id)),
            "item {id} returned Err, and none of the errors in `failed` says so: they read \
             {texts:?}; {lesson}"
        );
    }
}

#[tokio::test(start_paused = true)]
async fn each_failure_keeps_the_jobs_error() {
    let probe = Probe::default();
    let report = run(&probe, &[], &ITEMS).await;

    for error in &report.failed {
        let text = format!("{error:#}");
        let root = error.root_cause().to_string();
        let upside_down = error.chain().count() > 1
            && OUT_OF_STOCK.iter().any(|&id| names(&root, id))
            && !OUT_OF_STOCK.iter().any(|&id| names(&error.to_string(), id));
        let lesson = if upside_down {
            format!(
                "The chain is upside down: the item is at the bottom (the root cause reads \
                 `{root}`) and the job's error sits on top of it as mere text, which is \
                 what `anyhow!(\"item {{id}}\").context(err)` builds. Put the context on \
                 the job's error instead: `err.context(format!(\"item {{id}}\"))`."
            )
        } else if error.chain().count() == 1 {
            "Your error is a single new error with no source: its text was built from \
             strings (`anyhow!(\"item {id}: {err}\")` keeps the words and drops the error). \
             `.context(...)` and `.with_context(...)` wrap the original instead."
                .to_owned()
        } else {
            "`.context(...)` and `.with_context(...)` wrap the original error; whatever \
             was put under your message here is something else."
                .to_owned()
        };
        // Underneath: as a context layer (`downcast_ref` finds it), or as a `source()`
        // of an error type of one's own (`chain()` finds it).
        let kept = error.downcast_ref::<OutOfStock>().is_some()
            || error.chain().any(|cause| cause.is::<OutOfStock>());
        assert!(
            text.contains("out of stock") && kept,
            "an error in `failed` reads `{text}`, and the job's own error (`OutOfStock`) \
             is not underneath it: neither `downcast_ref::<OutOfStock>()` nor a look down \
             its `chain()` finds it, so a caller cannot tell what went wrong. {lesson}"
        );
        let times = text.matches("out of stock").count();
        assert!(
            times == 1,
            "an error in `failed` reads `{text}`: the job's text is in it {times} times. \
             `{{:#}}` prints each layer of the chain, your message and then the job's error \
             beneath it, so a message that already quotes the error (`format!(\"item {{id}}: \
             {{err}}\")`) says it twice. Let the message say only what it adds: \
             `.context(format!(\"item {{id}}\"))` reads `item 50: out of stock`."
        );
    }
}

#[tokio::test(start_paused = true)]
async fn successes_keep_the_order_of_items() {
    let probe = Probe::default();
    let report = run(&probe, &[], &ITEMS).await;

    let got: Vec<u32> = report.succeeded.iter().map(|(id, _)| *id).collect();
    assert_eq!(
        report.succeeded,
        parcels(&IN_STOCK),
        "successes must follow the order of `items` ({IN_STOCK:?}); yours are {got:?}, \
         and {}",
        order_lesson(&got, &IN_STOCK, &ITEMS)
    );
}

#[tokio::test(start_paused = true)]
async fn failures_keep_the_order_of_items() {
    let probe = Probe::default();
    let report = run(&probe, &[], &ITEMS).await;

    // Whether each failure is there, and names its item, is other tests' business.
    let named = failed_items(&report, &OUT_OF_STOCK);
    let Some(got) = named.into_iter().collect::<Option<Vec<u32>>>() else {
        return;
    };
    if got.len() != OUT_OF_STOCK.len() {
        return;
    }
    assert_eq!(
        got,
        OUT_OF_STOCK,
        "failures must follow the order of `items` ({OUT_OF_STOCK:?}); yours name the items \
         in the order {got:?}, and {}",
        order_lesson(&got, &OUT_OF_STOCK, &ITEMS)
    );
}

#[tokio::test(start_paused = true)]
async fn panics_keep_the_order_of_items() {
    let probe = Probe::default();
    let report = run(&probe, &IN_STOCK, &ITEMS).await;

    assert_eq!(
        report.panicked,
        IN_STOCK,
        "items {IN_STOCK:?} all panic here, and `panicked` must follow the order of \
         `items`; yours is {:?}, and {}",
        report.panicked,
        order_lesson(&report.panicked, &IN_STOCK, &ITEMS)
    );
}

#[tokio::test(start_paused = true)]
async fn a_repeated_item_is_reported_once_per_entry() {
    let probe = Probe::default();
    let items = [40, 30, 40, 30, 60];
    let report = run(&probe, &[], &items).await;

    assert_eq!(
        probe.gauge.total(),
        items.len(),
        "`items` has {} entries, and the job ran {} times: run it once per entry (a \
         repeated item is one more entry, run again)",
        items.len(),
        probe.gauge.total()
    );
    let got: Vec<u32> = report.succeeded.iter().map(|(id, _)| *id).collect();
    let lesson = if got.len() < 3 && got.iter().all(|id| items.contains(id)) {
        "Keyed by item (a map from item to outcome), one entry hides the other: keep one \
         outcome per entry of `items`."
            .to_owned()
    } else {
        format!("And {}.", order_lesson(&got, &[30, 30, 60], &items))
    };
    assert_eq!(
        report.succeeded,
        parcels(&[30, 30, 60]),
        "`items` is {items:?}: item 30 is there twice and succeeds twice, so `succeeded` \
         lists it twice, each where `items` has it; yours lists {got:?}. {lesson}"
    );
    assert_eq!(
        report.failed.len(),
        2,
        "item 40 is in `items` twice and fails twice: `failed` should hold two errors; \
         yours reads {:?}",
        rendered(&report.failed)
    );
}

#[tokio::test(start_paused = true)]
async fn dropping_the_batch_stops_every_item() {
    // The six items, then a batch of one: item 20 (600 ms) alone, each dropped at
    // 350 ms; then the six again, dropped right after the first poll of the call.
    for (items, cut) in [(&ITEMS[..], ms(350)), (&[20], ms(350)), (&ITEMS[..], ms(0))] {
        let probe = Probe::default();
        let call = watched(process_all(items, |id| pack(&probe, &[], id)));
        let cancelled = tokio::time::timeout(cut, call).await;
        assert!(cancelled.is_err(), "a {cut:?} timeout ends a 600 ms batch");
        // Give anything still running all the time it would need.
        tokio::time::sleep(SLOWEST).await;

        let ran_on: Vec<String> = probe
            .trace
            .events()
            .into_iter()
            .filter(|(at, text)| *at > cut && !text.ends_with("cancelled"))
            .map(|(at, text)| format!("{text} at {at:?}"))
            .collect();
        if cut.is_zero() {
            assert!(
                ran_on.is_empty(),
                "process_all on the six-item batch was dropped right after its first poll (a \
                 `timeout` of zero around the call, or a `select!` whose other branch was \
                 ready at once), but its items ran on: {ran_on:?}. Dropped at 350ms, the same \
                 batch left nothing running, so something does stop the items, just not yet \
                 at the first poll: whatever aborts them on a drop (a `JoinSet`, a guard of \
                 `AbortHandle`s) must hold every task from the moment it is spawned. An \
                 `.await` between spawning and setting up the guard (a `yield_now()` to let \
                 the tasks start, like `asyncio.sleep(0)`) is a window in which a drop only \
                 detaches them.\n\n{}",
                probe.trace.timeline()
            );
            continue;
        }
        let expected = items.iter().fold(Timeline::new(), |t, &id| {
            let (to, ending) = match delay_of(id) {
                delay if delay <= cut => (delay, ending_of(id, &[])),
                _ => (cut, Ending::Cancelled),
            };
            t.bar_ending(&format!("item {id}"), ms(0), to, ending)
        });
        let (batch, which) = if items.len() == 1 {
            (
                "a batch of one item (20, 600 ms)",
                " One item is no special case: a bare `tokio::spawn(..).await` for it \
                 detaches its task just the same.",
            )
        } else {
            ("the six-item batch", "")
        };
        assert!(
            ran_on.is_empty(),
            "process_all on {batch} was dropped at {cut:?} (a timeout around the call), \
             but its items ran on: {ran_on:?}. Dropping a JoinHandle does not cancel its \
             task, it only detaches it. Stop what you started: a `JoinSet` aborts its tasks \
             when it is dropped, or keep each task's `AbortHandle` in a guard whose `Drop` \
             aborts them.{which}\n\n{}",
            probe.trace.timeline().versus(&expected)
        );
    }
}

#[tokio::test(start_paused = true)]
async fn a_batch_of_one_that_panics_is_reported() {
    let probe = Probe::default();
    // The batch is item 60 alone, and it panics while it runs; then alone again, with a
    // job that panics when called.
    quiet_error_code_panics();
    let batch = within(
        ms(60_000),
        "process_all",
        watched(process_all(&[BUGGY], |id| pack(&probe, &[BUGGY], id))),
    );
    let report = match AssertUnwindSafe(batch).catch_unwind().await {
        Ok(report) => report,
        Err(payload) if testkit::panic_text(&*payload).is_some_and(|t| t.contains(DELIBERATE)) => {
            panic!(
                "process_all on a batch of one item, {BUGGY}, whose job panics while it \
                 runs: the panic came straight through process_all. A batch of one is a \
                 batch like any other: its item's panic must stay in the item (a task of \
                 its own, or `catch_unwind`), even with no other item beside it, and the \
                 item goes in `panicked`."
            )
        }
        Err(payload) => std::panic::resume_unwind(payload),
    };
    assert_eq!(
        report.panicked,
        [BUGGY],
        "the batch is item {BUGGY} alone, and it panics: `panicked` should say so, as with \
         many items; the report reads {report:?}"
    );
    let job = |id| {
        if id == BUGGY {
            panic!("item {id}'s job {WHEN_CALLED} ({DELIBERATE})");
        }
        pack(&probe, &[], id)
    };
    let report = run_job(ms(60_000), &[BUGGY], job).await;
    assert_eq!(
        report.panicked,
        [BUGGY],
        "the batch is item {BUGGY} alone, and `job({BUGGY})` panics when called: \
         `panicked` should say so, as with many items; the report reads {report:?}"
    );
}

/// More items than any limit a solution might keep "to be safe" (1024, 4096, 8192, a
/// round ten thousand): no limit is right, however high. Not a round number, so that a
/// cap of exactly the test's size cannot pass. (Not many more: futures polled together
/// in one task, a correct style, take about a second to get through a crowd this size.)
const HORDE: u32 = 10_007;

#[tokio::test(start_paused = true)]
async fn no_limit_at_all_on_how_many_items_run_at_once() {
    // Each item waits until every one of them has started: only items that all run at
    // once can finish. A limit of any size below HORDE leaves them waiting for ever.
    let gauge = Gauge::default();
    let everyone = Arc::new(tokio::sync::Barrier::new(HORDE as usize));
    let items: Vec<u32> = (0..HORDE).collect();
    let job = |id: u32| {
        let (gauge, everyone) = (gauge.clone(), Arc::clone(&everyone));
        async move {
            let _running = gauge.enter();
            everyone.wait().await;
            Ok(format!("parcel {id}"))
        }
    };
    let outcome =
        tokio::time::timeout(ms(60_000), watched_with(false, process_all(&items, job))).await;

    let started = gauge.total();
    let Ok(report) = outcome else {
        let lesson = if started < items.len() {
            format!(
                "Only {started} of them ever started, and the rest waited behind them: \
                 something capped the items at {started} at a time (a `buffered(n)`, a \
                 semaphore, batches). No limit is right here, however high: start every \
                 item at once."
            )
        } else {
            "all of them started, yet process_all did not return.".to_owned()
        };
        panic!(
            "{HORDE} items whose jobs each wait until all {HORDE} have started (a \
             barrier): 60s later, process_all had not returned. {lesson}"
        );
    };
    assert_eq!(
        report.succeeded.len(),
        items.len(),
        "{HORDE} items that all succeed, and {} in `succeeded`",
        report.succeeded.len()
    );
}

/// A panic payload that is no text: an error code, as `panic_any(ErrorCode(42))` raises.
#[derive(Debug)]
struct ErrorCode(#[allow(dead_code)] u32);

/// Keeps the panics that carry an [`ErrorCode`] out of the output too (they have no
/// text for `quiet_panics_containing` to match), and a `JoinError` of one unwrapped
/// (its text names the task's id, which differs from run to run).
///
/// Every test that panics on purpose calls this first: until the hook below is in
/// place, `take_hook` leaves the default one, which would print another test's panic;
/// `call_once` holds every other caller until it is.
fn quiet_error_code_panics() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    testkit::quiet_panics_containing(DELIBERATE);
    testkit::quiet_panics_containing("JoinError::Panic(Id(");
    testkit::quiet_panics_containing(UNWRAPPED_PAYLOAD);
    ONCE.call_once(|| {
        let earlier = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if info.payload().downcast_ref::<ErrorCode>().is_none() {
                earlier(info);
            }
        }));
    });
}

#[tokio::test(start_paused = true)]
async fn a_panic_that_carries_no_text_is_reported_as_a_panic() {
    quiet_error_code_panics();
    let probe = Probe::default();
    // Item 60's job panics with a value that is not text at all, while it runs.
    let job = |id| {
        let work = pack(&probe, &[], id);
        async move {
            if id == BUGGY {
                std::panic::panic_any(ErrorCode(42));
            }
            work.await
        }
    };
    let report = run_job(ms(60_000), &ITEMS, job).await;

    assert_eq!(
        report.panicked,
        [BUGGY],
        "item {BUGGY}'s job panicked with `panic_any(ErrorCode(42))`, a payload that is \
         neither a `String` nor a `&str`, and `panicked` should say so; `failed` holds {} \
         errors, for the {} items that returned Err",
        report.failed.len(),
        OUT_OF_STOCK.len()
    );
    assert_eq!(
        succeeded_ids(&report),
        [20, 30],
        "items 30 and 20 succeed: item {BUGGY}'s panic must not stop them"
    );
}

#[tokio::test(start_paused = true)]
async fn repeated_entries_keep_their_own_outcomes() {
    // Item 40 is there twice. The first entry's run succeeds late (at 500ms); the
    // second's fails early (at 100ms). Item 30, between them, succeeds at 400ms, and
    // item 20, last, at 600ms. (Not a palindrome: calls made from the end show.)
    let items = [40, 30, 40, 20];
    let calls_of_40 = AtomicUsize::new(0);
    let called = Mutex::new(Vec::new());
    let job = |id: u32| {
        called.lock().unwrap_or_else(|p| p.into_inner()).push(id);
        let nth = if id == 40 {
            calls_of_40.fetch_add(1, Ordering::SeqCst)
        } else {
            0
        };
        async move {
            if id == 40 && nth > 0 {
                tokio::time::sleep(ms(100)).await;
                return Err(OutOfStock.into());
            }
            nap(delay_of(id)).await;
            Ok(format!("parcel {id}"))
        }
    };
    let report = run_job(ms(60_000), &items, job).await;

    let got: Vec<u32> = report.succeeded.iter().map(|(id, _)| *id).collect();
    let called = called.into_inner().unwrap_or_else(|p| p.into_inner());
    let lesson = if called.len() != items.len() {
        format!(
            "`job` was called for {called:?}: {} calls for {} entries. Call `job` once per \
             entry, in the order of `items`, and report each entry's own run.",
            called.len(),
            items.len()
        )
    } else if called != items {
        format!(
            "`job` was called for {called:?}, not in the order of `items`: this job's first \
             call for 40 is the one that succeeds, and that call was not made for the first \
             entry. Call `job` once per entry, in the order of `items`."
        )
    } else if got == [30, 40, 20] {
        "The second entry's failure took the first entry's place, and the first entry's \
         success the second's: the outcomes were matched to entries by the item's value, \
         as they came in. Two entries of one item have the same value, so the value \
         cannot tell them apart: keep each outcome with its entry (its position, its \
         handle)."
            .to_owned()
    } else {
        "Each entry of `items` has its own outcome, in its own place.".to_owned()
    };
    assert_eq!(
        got,
        [40, 30, 20],
        "`items` is {items:?}; the first entry of 40 succeeds (at 500ms) and the second \
         fails (at 100ms), so `succeeded` lists 40, 30, 20, and yours lists {got:?}. \
         {lesson}"
    );
    assert_eq!(
        failed_items(&report, &[40, 30, 20]),
        [Some(40)],
        "the second entry of 40 fails, and `failed` should hold that one error; it reads \
         {:?}",
        rendered(&report.failed)
    );
}

/// What `job(10)` says when it panics in the call with a `&'static str` payload.
const STR_CALL_PANIC: &str =
    "item 10's job panicked when called (a deliberate panic in the test's job)";

#[tokio::test(start_paused = true)]
async fn a_call_that_panics_with_any_payload_is_reported() {
    quiet_error_code_panics();
    let probe = Probe::default();
    // The call `job(60)` panics with a value that is no text at all, and `job(10)` with
    // a `&'static str`; every other call that panics in these tests carries a `String`.
    let job = |id| {
        match id {
            BUGGY => std::panic::panic_any(ErrorCode(42)),
            10 => std::panic::panic_any(STR_CALL_PANIC),
            _ => {}
        }
        pack(&probe, &[], id)
    };
    let batch = within(ms(60_000), "process_all", watched(process_all(&ITEMS, job)));
    let report = match AssertUnwindSafe(batch).catch_unwind().await {
        Ok(report) => report,
        Err(payload) => {
            let carried = if payload.is::<ErrorCode>() {
                format!(
                    "`job({BUGGY})` panicked with `panic_any(ErrorCode(42))`, a payload that is no text,"
                )
            } else if testkit::panic_text(&*payload) == Some(STR_CALL_PANIC) {
                "`job(10)` panicked with a `&'static str` (as `panic!(\"some text\")` raises),"
                    .to_owned()
            } else {
                fail_with_lesson(payload)
            };
            panic!(
                "{carried} and that panic came straight out of process_all: the batch went \
                 down. A call that panics with a formatted message (a `String`) is \
                 a_job_that_panics_when_called_is_reported_as_a_panic's test; if that one \
                 passes, your code treats a call's panic by what it carries (a \
                 `downcast::<String>()`, to log the text, then `resume_unwind` or `expect` \
                 for anything else). A panic can carry any value: try \
                 `downcast_ref::<String>()`, then `downcast_ref::<&str>()`, with a fallback, \
                 and the item goes in `panicked` whatever its panic carries."
            )
        }
    };
    assert_eq!(
        report.panicked,
        [BUGGY, 10],
        "the calls `job({BUGGY})` and `job(10)` panicked (with a value that is no text, and \
         with a `&'static str`): both items belong in `panicked`, in the order of `items`"
    );
    assert_eq!(
        succeeded_ids(&report),
        [20, 30],
        "items 30 and 20 succeed: the panics in the calls for items {BUGGY} and 10 must not \
         stop them"
    );
}

#[tokio::test(start_paused = true)]
async fn item_zero_is_an_item_like_any_other() {
    let probe = Probe::default();
    // Items 0 and 60 both panic while they run (at 100 and 250 ms); item 30 succeeds.
    let items = [0, BUGGY, 30];
    let report = run(&probe, &[0, BUGGY], &items).await;

    let lesson = if report.panicked == [BUGGY] {
        "Item 60 is there and item 0 is not: 0 is an item like any other, not \"no item\" \
         (a slot that holds 0 when empty, a filter on `id != 0`). Mark an empty slot with \
         `None`, or keep each outcome with its entry."
    } else {
        "Each entry of `items` that panicked is in `panicked`, in the order of `items`."
    };
    assert_eq!(
        report.panicked,
        [0, BUGGY],
        "`items` is {items:?}, and items 0 and {BUGGY} panic, so `panicked` should be \
         [0, {BUGGY}]; yours is {:?}. {lesson}",
        report.panicked
    );
    assert_eq!(
        report.succeeded,
        parcels(&[30]),
        "item 30 succeeds, next to items 0 and {BUGGY} that panic"
    );
}

#[tokio::test(start_paused = true)]
async fn an_item_that_panics_in_two_entries_is_listed_twice() {
    let probe = Probe::default();
    // Item 60 is in `items` twice: its first call panics in the call itself, and the
    // future its second call returns panics while it runs (at 250ms).
    let items = [BUGGY, 30, BUGGY];
    let calls_of_60 = AtomicUsize::new(0);
    let job = |id: u32| {
        if id == BUGGY && calls_of_60.fetch_add(1, Ordering::SeqCst) == 0 {
            panic!("item {id}'s job {WHEN_CALLED} ({DELIBERATE})");
        }
        pack(&probe, &[BUGGY], id)
    };
    let report = run_job(ms(60_000), &items, job).await;

    let lesson = if report.panicked == [BUGGY] {
        format!(
            "Item {BUGGY} is listed once for its two entries: the second panic was taken for \
             the first again (a check like `if !panicked.contains(&id)`), which makes \
             `panicked` a set of items. Each entry of `items` is one entry of the report: \
             an item that panics in two entries is two panics."
        )
    } else {
        "Each entry of `items` that panicked is in `panicked`, in the order of `items`.".to_owned()
    };
    assert_eq!(
        report.panicked,
        [BUGGY, BUGGY],
        "`items` is {items:?}, and both entries of {BUGGY} panic (the first in the call, the \
         second while it runs), so `panicked` should be [{BUGGY}, {BUGGY}]; yours is {:?}. \
         {lesson}",
        report.panicked
    );
    assert_eq!(
        report.succeeded,
        parcels(&[30]),
        "item 30 succeeds, between the two entries of {BUGGY} that panic"
    );
}

#[tokio::test(start_paused = true)]
async fn an_empty_batch_is_an_empty_report() {
    let probe = Probe::default();
    let watch = Stopwatch::start();
    let batch = watched(process_all(&[], |id| pack(&probe, &[], id)));
    let Ok(report) = tokio::time::timeout(ms(60_000), batch).await else {
        panic!(
            "with no items, process_all had not returned 60s later; it should return an \
             empty report at once. Whatever it waits for, no item will do it: there are \
             none. (A loop or a signal that waits for \"the last item\" has no last item \
             here.)"
        )
    };

    assert!(
        report.succeeded.is_empty() && report.failed.is_empty() && report.panicked.is_empty(),
        "no items, nothing to report; got {report:?}"
    );
    watch.assert_elapsed(ms(0), "nothing to process should take no time");
}
