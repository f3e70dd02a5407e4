//! The specification for exercise 02. Every test runs on tokio's paused clock: the
//! delays below are virtual, so the whole file runs in milliseconds and every duration
//! is exact.

use std::future::Future;
use std::time::Duration;

use join::{fetch_all, try_fetch_all};
use testkit::{Gauge, Stopwatch, assert_elapsed, ms, within};

/// How long the fake lookup of each id takes: finishing order 1, 3, 2, 4, 0.
const DELAY_MS: [u64; 5] = [500, 100, 300, 200, 400];
const IDS: [u32; 5] = [0, 1, 2, 3, 4];
const SLOWEST: Duration = ms(500);
const SUM: Duration = ms(1500);

/// A fake lookup: takes `DELAY_MS[id]` of virtual time and is counted in `gauge` while
/// it runs (and when dropped half-way, it is counted out).
fn lookup(gauge: &Gauge, id: u32) -> impl Future<Output = String> + use<> {
    let gauge = gauge.clone();
    async move {
        let _in_flight = gauge.enter();
        tokio::time::sleep(ms(DELAY_MS[id as usize])).await;
        format!("record {id}")
    }
}

/// Like `lookup`, but the ids in `failing` fail when their delay is up.
fn fallible_lookup(
    gauge: &Gauge,
    failing: &'static [u32],
    id: u32,
) -> impl Future<Output = Result<String, String>> + use<> {
    let record = lookup(gauge, id);
    async move {
        let record = record.await;
        if failing.contains(&id) {
            Err(format!("record {id} failed"))
        } else {
            Ok(record)
        }
    }
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
    let gauge = Gauge::new();
    let watch = Stopwatch::start();
    let records = within(
        ms(60_000),
        "fetch_all",
        fetch_all(&IDS, |id| lookup(&gauge, id)),
    )
    .await;

    assert_elapsed(watch.elapsed(), SLOWEST, diagnose(watch.elapsed()));
    assert_eq!(
        gauge.max(),
        IDS.len(),
        "at most {} lookups were in flight at once; all {} should run together",
        gauge.max(),
        IDS.len()
    );
    assert_eq!(records.len(), IDS.len(), "one result per id");
}

#[tokio::test(start_paused = true)]
async fn fetch_all_keeps_the_order_of_ids() {
    let gauge = Gauge::new();
    let records = within(
        ms(60_000),
        "fetch_all",
        fetch_all(&IDS, |id| lookup(&gauge, id)),
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
    let gauge = Gauge::new();
    let watch = Stopwatch::start();
    let records = within(
        ms(1000),
        "fetch_all(&[])",
        fetch_all(&[], |id| lookup(&gauge, id)),
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
    let gauge = Gauge::new();
    let watch = Stopwatch::start();
    let records = within(
        ms(60_000),
        "try_fetch_all",
        try_fetch_all(&IDS, |id| fallible_lookup(&gauge, &[], id)),
    )
    .await;

    assert_eq!(
        records,
        Ok(expected_records()),
        "every lookup succeeded, so this is `Ok` with the records in the order of `ids`, \
         not in the order the lookups finished in (1, 3, 2, 4, 0). `try_join_all` keeps \
         input order; a stream of completions does not."
    );
    assert_elapsed(watch.elapsed(), SLOWEST, diagnose(watch.elapsed()));
}

#[tokio::test(start_paused = true)]
async fn try_fetch_all_returns_the_first_error_at_once() {
    // Record 3 fails after 200ms; record 0 fails too, but only after 500ms.
    let gauge = Gauge::new();
    let watch = Stopwatch::start();
    let result = within(
        ms(60_000),
        "try_fetch_all",
        try_fetch_all(&IDS, |id| fallible_lookup(&gauge, &[0, 3], id)),
    )
    .await;
    let took = watch.elapsed();

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
    assert_elapsed(
        took,
        ms(200),
        format_args!(
            "Record 3 fails after 200ms; that is the moment to return its error. {lesson}"
        ),
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
         decided, the others must be dropped (cancelled), not left behind",
        gauge.current()
    );
}
