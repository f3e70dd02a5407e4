//! The specification for exercise 02. Every test runs on tokio's paused clock: the
//! delays below are virtual, so the whole file runs in milliseconds and every duration
//! is exact.

use std::cell::Cell;
use std::collections::HashMap;
use std::future::Future;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use join::{fetch_all, try_fetch_all};
use testkit::{
    Ending, Gauge, NoSpin, Stopwatch, Timeline, Trace, assert_elapsed, ms, no_spin, within,
};

/// How long the first lookup of each id takes: finishing order 1, 3, 2, 4, 0.
const DELAY_MS: [u64; 5] = [500, 100, 300, 200, 400];

/// How long the `nth` lookup of `id` takes (the first is `nth == 1`): the table above
/// for the first lookup of ids 0–4, and 100–490 ms for any other. A repeated id takes
/// another time each time, so its lookups finish in another order than they started.
fn delay_of(id: u32, nth: usize) -> Duration {
    let id = u64::from(id);
    match DELAY_MS.get(id as usize) {
        Some(&delay) if nth == 1 => ms(delay),
        _ if nth == 1 => ms(100 + id * 37 % 391),
        _ => ms(100 + (id * 37 + nth as u64 * 173) % 391),
    }
}

/// The record the `nth` lookup of `id` returns: each lookup of a repeated id returns
/// another version of its record, so every entry's result can be told apart.
fn record_of(id: u32, nth: usize) -> String {
    match nth {
        1 => format!("record {id}"),
        2 => format!("record {id} (2nd lookup)"),
        3 => format!("record {id} (3rd lookup)"),
        n => format!("record {id} ({n}th lookup)"),
    }
}

const IDS: [u32; 5] = [0, 1, 2, 3, 4];
const SLOWEST: Duration = ms(500);
const SUM: Duration = ms(1500);
/// Long enough for the 2500 lookups of `scrambled_ids`, or the 10 001 of `MANY`, one
/// after another (so that a sequential solution fails on what it did, not on the
/// watchdog), and still instant.
const WATCHDOG: Duration = ms(10_000_000);

/// How often a call may be polled at one instant of the clock. A call that waits is
/// polled again only when something wakes it: a few times per instant with a few
/// lookups, under a hundred with ten thousand (tokio's budget makes a task yield after
/// 128 timer polls, so 10 001 new timers take some 80 polls). A call that wakes itself
/// is polled without end while the paused clock stands still, so no watchdog would ever
/// fire: this catches it at once.
const POLLS_PER_INSTANT: u32 = 200;

/// `call` (named `what`), failing at once if it is polled over and over at one instant.
fn spin_checked<F: Future>(what: &str, call: F) -> NoSpin<F> {
    let what = what.to_owned();
    no_spin(
        POLLS_PER_INSTANT,
        move |polls, at| {
            format!(
                "{what} was polled {polls} times at {at:?} of virtual time, with the clock \
                 standing still: each time it returned `Pending`, it was woken again at \
                 once. A call that waits is polled a few times per instant (under a \
                 hundred with ten thousand lookups): it is woken when a lookup has \
                 something. This looks like busy-polling: a loop that wakes itself \
                 (`cx.waker().wake_by_ref()` before returning `Pending`, or a `yield_now` \
                 in a loop) keeps the runtime busy, so the paused clock cannot move on and \
                 the lookups' timers never fire; on a real clock it burns a core. Return \
                 `Pending` only when the lookups you polled did: each has arranged to wake \
                 the task (`join_all` and `FuturesUnordered` work so)."
            )
        },
        call,
    )
}

/// How long of real time the clock may stand still, with the runtime answering
/// wake-ups and nothing waking a call, before `testkit::no_busy_task` fails it: well
/// above the few tenths of a second the 10 001 lookups of `MANY` take at one instant
/// on a loaded machine. (A busy-poll is caught by `no_spin` long before.)
const STILL_FOR: Duration = ms(3000);

/// `call` (named `what`) under the watchdog, checked for busy-polling and for a thread
/// put to sleep (`testkit::no_busy_task` sees a `std::thread::sleep`, however short).
#[track_caller]
fn watched<F: Future>(what: &str, call: F) -> impl Future<Output = F::Output> {
    let busy = what.to_owned();
    let still = move |polls: u32, at: Duration| {
        format!(
            "{busy} kept the runtime busy at {at:?} of virtual time without being woken by \
             any lookup (polled {polls} times there): something runs without end instead of \
             waiting. Return `Pending` only when the lookups you polled did."
        )
    };
    within(
        WATCHDOG,
        what,
        testkit::no_busy_task(STILL_FOR, still, spin_checked(what, call)),
    )
}

/// Fails at once if a lookup is polled inside `futures::executor::block_on`: that blocks
/// the thread the test's runtime runs on, so the timers the lookups wait for would never
/// fire and the test would hang for real.
#[track_caller]
fn assert_not_inside_block_on(lookup: &str) {
    if futures::executor::enter().is_err() {
        panic!(
            "{lookup} was polled inside `futures::executor::block_on` (or another of the \
             `futures` crate's executors). `block_on` blocks the thread until its future \
             is done, and that thread is the runtime's: the timers the lookups wait for \
             are driven by it, so they would never fire, and the call would never return \
             (the test would hang, not fail). Inside an `async fn`, `.await` the future \
             instead."
        );
    }
}

/// What it means when a call took exactly `WATCHDOG`: nothing happens at that instant
/// but the watchdog's own timer, which wakes the test's task, and the call returned on
/// that wake-up instead of failing on it; empty for any other duration. (`diagnose`
/// tells the two causes apart from the probe's trace.)
fn watchdog_note(took: Duration) -> &'static str {
    if took == WATCHDOG {
        " It returned at the very instant the test's watchdog timer woke the task, and \
         nothing else happens then: after the lookups' timers had fired, the call was left \
         `Pending` with nothing to wake it. Either their wake-ups never reached it (was \
         each lookup polled with a waker other than the task's: `now_or_never`, \
         `noop_waker`, a `Context` of your own? Poll them with the `cx` you were given, or \
         let `join_all` do it: a lookup wakes whoever polled it last), or it returned \
         `Pending` from the very poll that finished the last of them (check \"all done?\" \
         after polling, not only before)."
    } else {
        ""
    }
}

/// A call that returned only at `WATCHDOG` while its lookups finished only then: they
/// were polled to their end only on the watchdog's wake-up.
const WAKE_UPS_LOST: &str = "It returned at the very instant the test's watchdog timer \
     woke the task, and nothing else happens then; its lookups finished only then too, \
     though their timers had fired long before: their wake-ups never reached the call. Was \
     each lookup polled with a waker other than the task's (`now_or_never`, `noop_waker`, \
     a `Context` of your own)? Poll them with the `cx` you were given (or let `join_all` \
     do it): a lookup wakes whoever polled it last.";

/// What the fakes report to: how many lookups are in flight (`gauge`), when each ran
/// (`trace`: a span `lookup N`, drawn as a timeline when a test fails), and every call
/// of `fetch`, with its virtual time (`calls`).
#[derive(Clone, Default)]
struct Probe {
    gauge: Gauge,
    trace: Trace,
    calls: Arc<Mutex<Vec<(Duration, u32)>>>,
    /// How often `fetch` was called for each id so far.
    counts: Arc<Mutex<HashMap<u32, usize>>>,
    /// For each lookup, at its first poll: its id, and how many `fetch` calls there had
    /// been by then.
    first_polls: Arc<Mutex<Vec<(u32, usize)>>>,
}

impl Probe {
    /// A fake lookup: takes `delay_of(id, nth)` of virtual time, then fails if `fails`.
    /// Dropped half-way, it is counted out of the gauge and its span says `cancelled`.
    fn lookup_that(
        &self,
        id: u32,
        fails: bool,
    ) -> impl Future<Output = Result<String, String>> + use<> {
        let nth = {
            lock(&self.calls).push((self.trace.elapsed(), id));
            let mut counts = lock(&self.counts);
            let nth = counts.entry(id).or_default();
            *nth += 1;
            *nth
        };
        let probe = self.clone();
        async move {
            assert_not_inside_block_on(&format!("lookup {id}"));
            let fetched = lock(&probe.calls).len();
            lock(&probe.first_polls).push((id, fetched));
            let _in_flight = probe.gauge.enter();
            let span = probe.trace.span(format!("lookup {id}"));
            tokio::time::sleep(delay_of(id, nth)).await;
            let record = record_of(id, nth);
            if fails {
                span.failed();
                Err(format!("{record} failed"))
            } else {
                span.done();
                Ok(record)
            }
        }
    }

    /// A lookup that succeeds.
    fn lookup(&self, id: u32) -> impl Future<Output = String> + use<> {
        let lookup = self.lookup_that(id, false);
        async move { lookup.await.unwrap_or_else(|never| never) }
    }

    /// A `fetch` for `fetch_all` whose futures are boxed trait objects that are not
    /// `Send`: a solution may not need `Send`. (A `Pin<Box<_>>` is always `Unpin`; the
    /// lookups of `the_signatures_ask_for_nothing_more`, below, are not.)
    fn boxed(&self) -> impl Fn(u32) -> std::pin::Pin<Box<dyn Future<Output = String>>> + '_ {
        move |id| Box::pin(self.lookup(id))
    }

    /// A lookup that fails when its delay is up if `id` is in `failing`.
    fn fallible_lookup(
        &self,
        failing: &'static [u32],
        id: u32,
    ) -> impl Future<Output = Result<String, String>> + use<> {
        self.lookup_that(id, failing.contains(&id))
    }

    /// Fails unless `fetch` was called once per entry of `ids`, in their order.
    #[track_caller]
    fn assert_called_for(&self, call: &str, ids: &[u32]) {
        let calls = lock(&self.calls).clone();
        let called: Vec<u32> = calls.iter().map(|&(_, id)| id).collect();
        if called == ids {
            return;
        }
        let what = if called.len() == ids.len() * 2
            && called[..ids.len()] == *ids
            && called[ids.len()..] == *ids
        {
            format!(
                "{call}: `fetch` was called {} times for {} entries of `ids`: twice for every \
                 entry, one round after the other. Call it once per entry: each call is a \
                 lookup (a `fetch` may start its work when called, before any poll).",
                called.len(),
                ids.len()
            )
        } else if let Some(at) = called.iter().zip(ids).position(|(c, i)| c != i) {
            let mut text = format!(
                "{call}: call {} of `fetch` was fetch({}) where entry {at} of `ids` is {}",
                at + 1,
                called[at],
                ids[at]
            );
            if called.len() == ids.len() && called.iter().rev().eq(ids.iter()) {
                text += ": your code called `fetch` for the entries in reverse order";
            }
            text + ". Call `fetch` once per entry, in the order of `ids`: that order is \
                    how each lookup belongs to its entry."
        } else if called.len() > ids.len() {
            let extra = &calls[ids.len()..];
            let (at, id) = extra[0];
            let failed_then = self
                .trace
                .events()
                .iter()
                .any(|(when, text)| *when == at && *text == format!("lookup {id}: failed"));
            let retry = if failed_then {
                format!(
                    ", at {at:?}, the moment a lookup of {id} failed: a failed lookup was \
                     tried again. Don't retry: whether to is the caller's decision, and the \
                     error is to be returned at once"
                )
            } else {
                String::new()
            };
            format!(
                "{call}: `fetch` was called {} times for {} entries of `ids`; the first extra \
                 call was fetch({id}){retry}. Call `fetch` exactly once per entry.",
                called.len(),
                ids.len()
            )
        } else {
            let last = calls.last().map_or(Duration::ZERO, |&(at, _)| at);
            let over_time = if last > Duration::ZERO {
                format!(
                    " The calls came from 0ms to {last:?}: some lookups were started only \
                     after others had finished."
                )
            } else {
                String::new()
            };
            format!(
                "{call}: when it returned, `fetch` had been called for {} of the {} entries \
                 of `ids`; the other {} were never looked up.{over_time} All the lookups start \
                 together: call `fetch` for every entry before you await any of them.",
                called.len(),
                ids.len(),
                ids.len() - called.len()
            )
        };
        panic!("{what}");
    }

    /// Fails unless every lookup of `call` was first polled after `fetch` had been called
    /// for all `entries`.
    #[track_caller]
    fn assert_all_created_before_polled(&self, call: &str, entries: usize) {
        let early = lock(&self.first_polls)
            .iter()
            .copied()
            .find(|&(_, fetched)| fetched < entries);
        if let Some((id, fetched)) = early {
            panic!(
                "{call}: lookup {id} was first polled when `fetch` had been called for only \
                 {fetched} of the {entries} entries: a lookup was polled before `fetch` was \
                 called for the entries after it. Nothing needs starting, and nothing is \
                 gained by polling early: create all the lookups first (call `fetch` for \
                 every entry), then wait for them together (`join_all`, or a \
                 `FuturesUnordered` collected from all of them, polls each on its first poll)."
            );
        }
    }

    /// When each entry of `ids` (called in their order) finishes.
    fn finish_times(ids: &[u32]) -> Vec<Duration> {
        ids.iter()
            .zip(nth_of_each(ids))
            .map(|(&id, nth)| delay_of(id, nth))
            .collect()
    }
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// The records that `ids` should give, entry by entry.
fn records_of(ids: &[u32]) -> Vec<String> {
    ids.iter()
        .zip(nth_of_each(ids))
        .map(|(&id, nth)| record_of(id, nth))
        .collect()
}

/// For each entry of `ids`, which lookup of its id it is: 1 for the first, 2 for the
/// second of a repeated id …
fn nth_of_each(ids: &[u32]) -> Vec<usize> {
    let mut seen: HashMap<u32, usize> = HashMap::new();
    ids.iter()
        .map(|&id| {
            let nth = seen.entry(id).or_default();
            *nth += 1;
            *nth
        })
        .collect()
}

/// What is wrong with `got` as the results for `ids`, told from what it holds; `None`
/// if it is right.
fn records_problem(ids: &[u32], got: &[String]) -> Option<String> {
    let want = records_of(ids);
    if got == want {
        return None;
    }
    let (n, m) = (got.len(), ids.len());
    let mut distinct = ids.to_vec();
    distinct.sort_unstable();
    distinct.dedup();
    if n != m {
        let mut text = format!("{n} results for {m} entries of `ids`");
        if n == distinct.len() && n < m {
            text += &format!(
                ": one per distinct id ({} of the entries repeat an id). A repeated id is \
                 one more entry, with its own result: don't merge entries by id",
                m - n
            );
        }
        return Some(text + ".");
    }
    // Which entry each result belongs to, if it is one of the expected records.
    let owner: Vec<Option<usize>> = got
        .iter()
        .map(|record| want.iter().position(|w| w == record))
        .collect();
    let at = (0..n).find(|&i| got[i] != want[i]).expect("they differ");
    let finish = Probe::finish_times(ids);
    if let Some(owners) = owner.iter().copied().collect::<Option<Vec<usize>>>() {
        let mut sorted = owners.clone();
        sorted.sort_unstable();
        sorted.dedup();
        let permutation = sorted.len() == n;
        let by_finish = owners
            .windows(2)
            .all(|w| (finish[w[0]], w[0]) <= (finish[w[1]], w[1]));
        let same_ids = (0..n).all(|i| ids[owners[i]] == ids[i]);
        if permutation && same_ids {
            let other = owners[at];
            return Some(format!(
                "entry {at} (id {}) holds {:?}, the result of the lookup made for entry \
                 {other}, which has the same id; its own result, {:?}, is in another place. \
                 Every entry holds a result for its own id, but the results of a repeated \
                 id are in each other's places: matching results to entries by id cannot \
                 tell two lookups of the same id apart. Keep each lookup with its position \
                 (or let `join_all` keep the order).",
                ids[at], got[at], want[at]
            ));
        }
        if permutation && by_finish {
            return Some(format!(
                "the results are in the order the lookups finished (entry {at} holds {:?}, \
                 which finished {:?} after the start; its own result, {:?}, finished at \
                 {:?}), not in the order of `ids`. `join_all` keeps input order; a stream \
                 of completions does not.",
                got[at], finish[owners[at]], want[at], finish[at]
            ));
        }
        let ids_sorted = owners.windows(2).all(|w| ids[w[0]] <= ids[w[1]]);
        if permutation && ids_sorted {
            return Some(format!(
                "the results are sorted by id (entry {at} holds {:?}, where `ids` has {} \
                 there), not in the order of `ids`: ids need not be sorted, and each \
                 result goes in the place of its entry.",
                got[at], ids[at]
            ));
        }
    }
    Some(format!(
        "entry {at} (id {}) holds {:?}, not {:?}, the result of its own lookup.",
        ids[at], got[at], want[at]
    ))
}

/// Fails with `context` and what is wrong unless `got` are the results for `ids`.
#[track_caller]
fn assert_records(context: &str, ids: &[u32], got: &[String]) {
    if let Some(problem) = records_problem(ids, got) {
        panic!("{context}: {problem}");
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

/// What a duration says about how the five lookups ran, with what the probe saw.
fn diagnose(took: Duration, probe: &Probe) -> String {
    let most = probe.gauge.max();
    let late: Vec<String> = probe
        .trace
        .events()
        .iter()
        .filter(|(at, text)| *at > Duration::ZERO && text.ends_with(": start"))
        .map(|(at, text)| format!("{} at {at:?}", text.trim_end_matches(": start")))
        .collect();
    // When the last lookup finished, if every lookup the probe made did finish.
    let ended: Vec<Duration> = probe
        .trace
        .events()
        .iter()
        .filter(|(_, text)| {
            text.starts_with("lookup ") && (text.ends_with(": done") || text.ends_with(": failed"))
        })
        .map(|&(at, _)| at)
        .collect();
    let all_ended = (ended.len() == probe.gauge.total())
        .then(|| ended.iter().copied().max())
        .flatten()
        .filter(|&last| last < WATCHDOG);
    if let (true, Some(last)) = (took == WATCHDOG, all_ended) {
        format!(
            "Every lookup had finished by {last:?}: the call polled each of them to its end, \
             so their wake-ups did reach it. Yet it returned only at {WATCHDOG:?}, the instant \
             the test's watchdog timer woke the task, and nothing else happens then. The \
             poll in which the last lookup finished returned `Pending`, and then nothing was \
             left to wake the call. Does your loop check \"all done?\" only before it polls? \
             Check after polling too: return `Ready` from the very poll that finishes the \
             last lookup."
        )
    } else if took == WATCHDOG {
        WAKE_UPS_LOST.to_owned()
    } else if took == SUM && most == 1 {
        "That is the sum of the five delays, and only one lookup was ever in flight: the \
         fetches ran one after another. Create every future first, then await them \
         together (`futures::future::join_all`)."
            .to_owned()
    } else if took > SLOWEST && !late.is_empty() {
        format!(
            "The slowest lookup takes 500ms; when all five start at once, that is all the \
             batch should take. But at most {most} were in flight at once, and some started \
             late: {}.",
            late.join(", ")
        )
    } else if took > SLOWEST {
        "The slowest lookup takes 500ms, and every lookup started at 0ms; yet the batch \
         went on after the last of them had finished."
            .to_owned()
    } else {
        "The batch finished before its slowest lookup could have: it returned without \
         waiting for every lookup."
            .to_owned()
    }
}

#[tokio::test(start_paused = true)]
async fn fetch_all_runs_every_lookup_at_once() {
    let probe = Probe::default();
    let call = probe.trace.span("fetch_all");
    let records = watched("fetch_all", fetch_all(&IDS, |id| probe.lookup(id))).await;
    call.done();

    probe.assert_called_for("fetch_all(&[0, 1, 2, 3, 4])", &IDS);
    let (took, expected) = (probe.trace.elapsed(), all_at_once("fetch_all"));
    probe
        .trace
        .assert_elapsed(SLOWEST, diagnose(took, &probe), &expected);
    assert_eq!(
        probe.gauge.max(),
        IDS.len(),
        "at most {} lookups were in flight at once; all {} should run together.\n\n{}",
        probe.gauge.max(),
        IDS.len(),
        probe.trace.timeline().versus(&expected)
    );
    assert_eq!(records.len(), IDS.len(), "one result per id");
    probe.assert_all_created_before_polled("fetch_all(&[0, 1, 2, 3, 4])", IDS.len());
}

#[tokio::test(start_paused = true)]
async fn fetch_all_keeps_the_order_of_ids() {
    let probe = Probe::default();
    let records = watched("fetch_all", fetch_all(&IDS, |id| probe.lookup(id))).await;

    probe.assert_called_for("fetch_all(&[0, 1, 2, 3, 4])", &IDS);
    assert_records(
        "fetch_all(&[0, 1, 2, 3, 4]), whose lookups finish in the order 1, 3, 2, 4, 0",
        &IDS,
        &records,
    );
}

#[tokio::test(start_paused = true)]
async fn fetch_all_of_nothing_is_empty() {
    let probe = Probe::default();
    let watch = Stopwatch::start();
    let records = within(
        ms(1000),
        "fetch_all(&[])",
        spin_checked("fetch_all(&[])", fetch_all(&[], |id| probe.lookup(id))),
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
    let records = watched(
        "try_fetch_all",
        try_fetch_all(&IDS, |id| probe.fallible_lookup(&[], id)),
    )
    .await;
    call.done();

    probe.assert_called_for("try_fetch_all(&[0, 1, 2, 3, 4])", &IDS);
    match &records {
        Ok(records) => assert_records(
            "try_fetch_all(&[0, 1, 2, 3, 4]), whose lookups all succeed and finish in the \
             order 1, 3, 2, 4, 0",
            &IDS,
            records,
        ),
        Err(error) => panic!("every lookup succeeded, yet try_fetch_all returned Err({error:?})"),
    }
    let took = probe.trace.elapsed();
    probe.trace.assert_elapsed(
        SLOWEST,
        diagnose(took, &probe),
        &all_at_once("try_fetch_all"),
    );
    probe.assert_all_created_before_polled("try_fetch_all(&[0, 1, 2, 3, 4])", IDS.len());
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
    let result = watched(
        "try_fetch_all",
        try_fetch_all(&IDS, |id| probe.fallible_lookup(&[0, 3], id)),
    )
    .await;
    match result {
        Ok(_) => call.done(),
        Err(_) => call.failed(),
    }
    let (took, gauge) = (probe.trace.elapsed(), &probe.gauge);

    probe.assert_called_for("try_fetch_all(&[0, 1, 2, 3, 4])", &IDS);
    let record_0 = Err("record 0 failed".to_owned());
    let lesson = if gauge.max() == 1 {
        "The lookups ran one after another, so the first to fail was the first in the \
         list (record 0, at 500ms). Start them all at once."
            .to_owned()
    } else if took == SLOWEST && result == record_0 {
        "Your code returned record 0's error, at 500ms, when record 0's lookup failed: that \
         is the first failure in the order of `ids`, not the first to happen. It looked at \
         the results in the order of `ids` (as `join_all` followed by a check does, or an \
         ordered stream), so record 3's error waited behind record 0. Look at each result \
         as it comes in, and return the first `Err` at once."
            .to_owned()
    } else if took == SLOWEST {
        "Your code returned record 3's error, but only at 500ms, when the last lookup had \
         finished: after record 3 failed, it waited for the lookups still running. Return \
         the `Err` the moment it happens; dropping the other lookups is what cancels them, \
         there is nothing to wait for."
            .to_owned()
    } else {
        diagnose(took, &probe)
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

/// Ids that are not their own positions, out of order, with repeats: 2500 entries of
/// 1000 ids (2007 to 9000), each twice or three times, each lookup 100–490 ms: more
/// than a round limit such as `buffer_unordered(1000)` lets run at once.
fn scrambled_ids() -> Vec<u32> {
    (0..2500u32).map(|i| 9000 - (i * 7 % 1000) * 7).collect()
}

/// What `scrambled_ids` is, for the messages.
const SCRAMBLED: &str = "2500 entries (1000 ids, unsorted, each twice or three times)";

#[tokio::test(start_paused = true)]
async fn thousands_of_lookups_all_run_at_once() {
    let probe = Probe::default();
    let ids = scrambled_ids();
    let slowest = Probe::finish_times(&ids).into_iter().max().unwrap();
    let watch = Stopwatch::start();
    let records = watched("fetch_all", fetch_all(&ids, probe.boxed())).await;

    let context = format!("fetch_all of {SCRAMBLED}");
    let context = context.as_str();
    probe.assert_called_for(context, &ids);
    assert_eq!(
        probe.gauge.max(),
        ids.len(),
        "{context}: at most {} of the {} lookups were in flight at once. All of them \
         should be, from the start: no limit, however many.",
        probe.gauge.max(),
        ids.len()
    );
    assert_elapsed(
        watch.elapsed(),
        slowest,
        format_args!(
            "the slowest of the 2500 lookups takes this long; with all of them at once, so \
             does the batch.{}",
            watchdog_note(watch.elapsed())
        ),
    );
    assert_records(context, &ids, &records);
}

#[tokio::test(start_paused = true)]
async fn thousands_of_fallible_lookups_all_run_at_once() {
    let probe = Probe::default();
    let ids = scrambled_ids();
    let slowest = Probe::finish_times(&ids).into_iter().max().unwrap();
    let watch = Stopwatch::start();
    let records = watched(
        "try_fetch_all",
        try_fetch_all(&ids, |id| probe.fallible_lookup(&[], id)),
    )
    .await;

    let context = format!("try_fetch_all of {SCRAMBLED}, all succeeding");
    let context = context.as_str();
    probe.assert_called_for(context, &ids);
    assert_eq!(
        probe.gauge.max(),
        ids.len(),
        "{context}: at most {} of the {} lookups were in flight at once. All of them \
         should be, from the start: no limit, however many.",
        probe.gauge.max(),
        ids.len()
    );
    assert_elapsed(
        watch.elapsed(),
        slowest,
        format_args!(
            "the slowest of the 2500 lookups takes this long; with all of them at once, so \
             does the batch.{}",
            watchdog_note(watch.elapsed())
        ),
    );
    match &records {
        Ok(records) => assert_records(context, &ids, records),
        Err(error) => panic!("{context}: every lookup succeeded, yet it returned Err({error:?})"),
    }
}

/// The id whose lookups fail in `an_early_error_among_thousands_is_returned_at_once`.
const FAILING: [u32; 1] = [8804];

#[tokio::test(start_paused = true)]
async fn an_early_error_among_thousands_is_returned_at_once() {
    // Id 8804 is entries 4, 1004 and 2004, and all three of its lookups fail: entry
    // 1004's first, at 100ms. In the order of `ids` the first failure is entry 4's, at
    // 145ms, and entries 0 to 4 have all finished only at 394ms; the last of the 2500
    // lookups finishes at 490ms.
    assert_first_error_returned_at_once(&scrambled_ids(), &FAILING, SCRAMBLED).await;
}

/// The ids whose lookups fail in `an_early_error_among_31_is_returned_at_once`.
const FAILING_OF_31: [u32; 2] = [8951, 7873];

#[tokio::test(start_paused = true)]
async fn an_early_error_among_31_is_returned_at_once() {
    // The first 31 entries of `scrambled_ids`, each id once: one more than the 30
    // futures up to which `try_join_all` returns the first error at once. Entry 1 (id
    // 8951) fails at 110ms, entry 23 (id 7873) first, at 106ms; entries 0 and 1 have
    // both finished at 359ms, and the last of the 31 lookups at 464ms.
    assert_first_error_returned_at_once(
        &scrambled_ids()[..31],
        &FAILING_OF_31,
        "31 entries (one more than the 30 futures up to which `try_join_all` returns the \
         first error at once)",
    )
    .await;
}

/// `try_fetch_all` of `ids` (told as `described`), where the lookups of `failing` fail,
/// returns the first error to happen, the moment it happens, and leaves nothing running.
async fn assert_first_error_returned_at_once(
    ids: &[u32],
    failing: &'static [u32],
    described: &str,
) {
    let probe = Probe::default();
    let watch = Stopwatch::start();
    let result = watched(
        "try_fetch_all",
        try_fetch_all(ids, |id| probe.fallible_lookup(failing, id)),
    )
    .await;
    let took = watch.elapsed();

    let finish = Probe::finish_times(ids);
    let last_done = finish.iter().copied().max().unwrap();
    let failing_ids = failing;
    let failing: Vec<usize> = (0..ids.len())
        .filter(|&i| failing_ids.contains(&ids[i]))
        .collect();
    let first_listed = failing[0];
    let first_to_fail = *failing.iter().min_by_key(|&&i| finish[i]).unwrap();
    let error_of =
        |entry: usize| Err::<Vec<String>, _>(format!("{} failed", records_of(ids)[entry]));
    let (first, in_order) = (error_of(first_to_fail), error_of(first_listed));
    // When an ordered stream has the first failure in the order of `ids`: once every
    // entry up to it has finished.
    let in_order_ready = finish[..=first_listed].iter().copied().max().unwrap();

    let which = match failing_ids {
        [id] => format!("id {id}"),
        _ => format!(
            "ids {}",
            failing_ids
                .iter()
                .map(u32::to_string)
                .collect::<Vec<_>>()
                .join(" and ")
        ),
    };
    let context = format!(
        "try_fetch_all of {described}, where the lookups of {which} fail (the first \
         failure: entry {first_to_fail}, at {:?})",
        finish[first_to_fail]
    );
    assert_eq!(
        probe.gauge.max(),
        ids.len(),
        "{context}: at most {} of the {} lookups were in flight at once. All of them \
         should be, from the start: no limit, however many.",
        probe.gauge.max(),
        ids.len()
    );
    probe.assert_called_for(&context, ids);
    let error_text = |error: &Result<Vec<String>, String>| error.clone().unwrap_err();
    let in_order_text = format!(
        "{:?}, the error of entry {first_listed}, the first failure in the order of `ids` \
         (at {:?}), not the first to happen (entry {first_to_fail}'s, at {:?})",
        error_text(&in_order),
        finish[first_listed],
        finish[first_to_fail]
    );
    let lesson = if result == in_order && took == last_done {
        format!(
            "Your code returned {in_order_text}, and only after {took:?}, when the last of the \
             {} lookups had finished: it waited for every lookup, then looked at the results \
             in the order of `ids` (as `join_all` followed by a check does). Look at each \
             result as it comes in, and return the first `Err` at once.",
            ids.len()
        )
    } else if result == in_order && took == in_order_ready {
        format!(
            "Your code returned {in_order_text}, after {took:?}, the moment entries 0 to \
             {first_listed} had all finished: it handed the results back in the order of \
             `ids`, so the error that happened first waited behind the entries before it. \
             `try_join_all` does exactly this above 30 futures (it switches to a \
             `FuturesOrdered`), as does any ordered stream; a `FuturesUnordered` drained \
             with `try_next` returns the first `Err` the moment it happens."
        )
    } else if result == in_order {
        format!("Your code returned {in_order_text}, after {took:?}.")
    } else if result == first && took == last_done {
        format!(
            "Your code returned the right error, but only after {took:?}, when the last \
             lookup had finished: after the error happened it waited for the lookups still \
             running. Return the `Err` the moment it happens; dropping the other lookups is \
             what cancels them, there is nothing to wait for."
        )
    } else if result == first {
        format!("Your code returned the right error, but only after {took:?}.")
    } else {
        format!("It returned {result:?}.")
    };
    assert_elapsed(
        took,
        finish[first_to_fail],
        format_args!(
            "{context}: the first error happens at {:?}, and that is the moment to return \
             it. {lesson}",
            finish[first_to_fail]
        ),
    );
    assert_eq!(
        result, first,
        "{context}: the first error to happen is the one to return"
    );
    assert_eq!(
        probe.gauge.current(),
        0,
        "{context}: {} lookups were still running after try_fetch_all returned: once the \
         result is decided, the others must be dropped (cancelled), not left behind",
        probe.gauge.current()
    );
}

/// How many entries `tens_of_thousands_of_lookups_all_run_at_once` fetches: more than a
/// limit or rounds of 4096 or 10 000 let run at once.
const MANY: u32 = 10_001;

/// A lookup of `id` that takes 100ms, in `gauge` while in flight: nothing else, so that
/// ten thousand of them cost no time.
fn light_lookup(gauge: &Gauge, id: u32) -> impl Future<Output = u32> + use<> {
    let gauge = gauge.clone();
    async move {
        assert_not_inside_block_on(&format!("lookup {id}"));
        let _in_flight = gauge.enter();
        tokio::time::sleep(ms(100)).await;
        id
    }
}

/// Fails unless `call` (named `what`) of the `MANY` entries `0..MANY` returned `got` for
/// them, in their order, with all of them in flight at once, in 100ms.
#[track_caller]
fn assert_all_of_many(what: &str, gauge: &Gauge, took: Duration, got: &[u32]) {
    let n = MANY as usize;
    let how = if gauge.max() == 1 {
        ": they ran one after another"
    } else {
        ""
    };
    assert_eq!(
        gauge.max(),
        n,
        "{what} of {MANY} entries: at most {} of the lookups were in flight at once, and \
         the batch took {took:?} where every lookup takes 100ms{how}. All of them \
         start together however many there are: no limit, and no rounds.",
        gauge.max()
    );
    assert_elapsed(
        took,
        ms(100),
        format_args!("{what} of {MANY} lookups of 100ms each, all at once, takes 100ms"),
    );
    if got.len() != n {
        panic!("{what} of {MANY} entries returned {} results", got.len());
    }
    if let Some(at) = (0..n).find(|&i| got[i] as usize != i) {
        panic!(
            "{what} of the {MANY} entries 0, 1, 2 … (each id its own position): entry {at} \
             holds the result of id {}, not of its own id",
            got[at]
        );
    }
}

#[tokio::test(start_paused = true)]
async fn tens_of_thousands_of_lookups_all_run_at_once() {
    let ids: Vec<u32> = (0..MANY).collect();
    let gauge = Gauge::default();
    let watch = Stopwatch::start();
    let got = watched("fetch_all", fetch_all(&ids, |id| light_lookup(&gauge, id))).await;
    assert_all_of_many("fetch_all", &gauge, watch.elapsed(), &got);

    let gauge = Gauge::default();
    let watch = Stopwatch::start();
    let got = watched(
        "try_fetch_all",
        try_fetch_all(&ids, |id| {
            let lookup = light_lookup(&gauge, id);
            async move { Ok::<_, String>(lookup.await) }
        }),
    )
    .await;
    let got = got.unwrap_or_else(|error| {
        panic!("try_fetch_all of {MANY} lookups that all succeed returned Err({error:?})")
    });
    assert_all_of_many("try_fetch_all", &gauge, watch.elapsed(), &got);
}

/// A lookup whose record is there at once (a cache hit, say): its first poll is
/// `Ready`. Polled again after that, it fails the test, saying what happened.
struct AtOnce {
    id: u32,
    record: Option<String>,
}

impl Future for AtOnce {
    type Output = String;

    fn poll(
        mut self: std::pin::Pin<&mut Self>,
        _: &mut std::task::Context<'_>,
    ) -> std::task::Poll<String> {
        assert_not_inside_block_on(&format!("lookup {}", self.id));
        match self.record.take() {
            Some(record) => std::task::Poll::Ready(record),
            None => panic!(
                "the lookup of id {} (one that has its record at once: its first poll \
                 returns `Ready`) was polled again after it had returned its record. The \
                 value a poll returns in `Ready` is the future's result, and it is handed \
                 over once: whoever polled it first had to keep it, and a future must not \
                 be polled after it is done (an `async fn` panics). Was the lookup polled \
                 once to \"start\" it, and the result of that poll dropped? A future needs \
                 no starting: the poll that waits for it (`join_all`, `FuturesUnordered`) \
                 runs it, and keeps what it returns.",
                self.id
            ),
        }
    }
}

/// Ids that are cached in `some_lookups_are_ready_at_once`: those lookups return their
/// record at their first poll, the others take their time.
const CACHED: [u32; 3] = [1, 3, 4];

/// A fetch whose lookups of `CACHED` ids are ready at once and whose others are the
/// probe's (taking their time).
fn cached_lookup(
    probe: &Probe,
    id: u32,
) -> futures::future::Either<AtOnce, impl Future<Output = String> + use<>> {
    if CACHED.contains(&id) {
        futures::future::Either::Left(AtOnce {
            id,
            record: Some(format!("record {id} (cached)")),
        })
    } else {
        futures::future::Either::Right(probe.lookup(id))
    }
}

/// Fails unless `fetch` was `called` once per entry of `ids`, in their order.
#[track_caller]
fn assert_called_once_each(call: &str, called: &[u32], ids: &[u32]) {
    assert!(
        called == ids,
        "{call}: `fetch` was called for {called:?}; call it once per entry of `ids`, in \
         their order"
    );
}

#[tokio::test(start_paused = true)]
async fn some_lookups_are_ready_at_once() {
    // Ids 1, 3 and 4 are cached: their first poll is `Ready`. Ids 0 and 2 take 500ms
    // and 300ms.
    let ids = [0, 1, 2, 3, 4];
    let want = [
        "record 0",
        "record 1 (cached)",
        "record 2",
        "record 3 (cached)",
        "record 4 (cached)",
    ];
    let context = "for ids [0, 1, 2, 3, 4], where 1, 3 and 4 are cached (ready at their \
                   first poll) and 0 and 2 take 500ms and 300ms";
    let (probe, called) = (Probe::default(), std::cell::RefCell::new(Vec::new()));
    let watch = Stopwatch::start();
    let got = watched(
        "fetch_all",
        fetch_all(&ids, |id| {
            called.borrow_mut().push(id);
            cached_lookup(&probe, id)
        }),
    )
    .await;
    assert_called_once_each(&format!("fetch_all {context}"), &called.borrow(), &ids);
    assert!(
        got == want,
        "fetch_all {context}: it returned {got:?}, not {want:?}"
    );
    assert_elapsed(
        watch.elapsed(),
        ms(500),
        format_args!(
            "fetch_all {context}: the slowest lookup takes 500ms, and so does the batch.{}",
            watchdog_note(watch.elapsed())
        ),
    );

    let (probe, called) = (Probe::default(), std::cell::RefCell::new(Vec::new()));
    let watch = Stopwatch::start();
    let got = watched(
        "try_fetch_all",
        try_fetch_all(&ids, |id| {
            called.borrow_mut().push(id);
            let lookup = cached_lookup(&probe, id);
            async move { Ok::<_, String>(lookup.await) }
        }),
    )
    .await;
    assert_called_once_each(&format!("try_fetch_all {context}"), &called.borrow(), &ids);
    assert!(
        got.as_deref() == Ok(&want.map(str::to_owned)[..]),
        "try_fetch_all {context}, all succeeding: it returned {got:?}"
    );
    assert_elapsed(
        watch.elapsed(),
        ms(500),
        format_args!(
            "try_fetch_all {context}: the slowest lookup takes 500ms, and so does the batch.{}",
            watchdog_note(watch.elapsed())
        ),
    );
}

#[tokio::test(start_paused = true)]
async fn unsorted_and_repeated_ids_keep_their_places() {
    // Id 7 three times: its lookups take 359, 314 and 487 ms, so its second lookup
    // finishes first, and each returns its own version of record 7.
    let ids = [42, 7, 1000, 7, 3, 7];
    let context = "for ids [42, 7, 1000, 7, 3, 7] (id 7's 2nd lookup finishes first, then \
                   its 1st, then its 3rd)";
    let probe = Probe::default();
    let records = watched("fetch_all", fetch_all(&ids, |id| probe.lookup(id))).await;
    probe.assert_called_for(&format!("fetch_all {context}"), &ids);
    assert_records(&format!("fetch_all {context}"), &ids, &records);
    assert_eq!(
        probe.gauge.total(),
        ids.len(),
        "fetch_all {context}: one lookup per entry of `ids`"
    );

    let probe = Probe::default();
    let records = watched(
        "try_fetch_all",
        try_fetch_all(&ids, |id| probe.fallible_lookup(&[], id)),
    )
    .await;
    probe.assert_called_for(&format!("try_fetch_all {context}"), &ids);
    match &records {
        Ok(records) => assert_records(&format!("try_fetch_all {context}"), &ids, records),
        Err(error) => {
            panic!(
                "try_fetch_all {context}: every lookup succeeded, yet it returned Err({error:?})"
            )
        }
    }
    assert_eq!(
        probe.gauge.total(),
        ids.len(),
        "try_fetch_all {context}: one lookup per entry of `ids`"
    );
}

#[tokio::test(start_paused = true)]
async fn try_fetch_all_of_nothing_is_ok_and_empty() {
    let probe = Probe::default();
    let watch = Stopwatch::start();
    let records = within(
        ms(1000),
        "try_fetch_all(&[])",
        spin_checked(
            "try_fetch_all(&[])",
            try_fetch_all(&[], |id| probe.fallible_lookup(&[], id)),
        ),
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
    let cancelled = tokio::time::timeout(
        ms(250),
        spin_checked("fetch_all", fetch_all(&IDS, |id| probe.lookup(id))),
    )
    .await;
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
    let cancelled = tokio::time::timeout(ms(250), spin_checked("try_fetch_all", call)).await;
    assert!(cancelled.is_err(), "a 250 ms timeout ends a 500 ms batch");
    assert_eq!(
        probe.gauge.current(),
        0,
        "try_fetch_all was dropped at 250 ms, but {} lookups kept running",
        probe.gauge.current()
    );
}

/// A database on the caller's stack, for the test below: its lookups borrow it, and it
/// is not `Sync` (a `Cell`), so neither are they `Send` nor `'static` (nor `Unpin`,
/// being `async fn`s).
struct Db {
    names: Vec<String>,
    reads: Cell<usize>,
}

/// A row that borrows from the `Db` and derives nothing: not `Clone`, `Debug`,
/// `PartialEq`, `Default` nor `'static`.
struct Row<'db>(&'db str);

/// An error that derives nothing.
struct Oops(u32);

impl Db {
    async fn row(&self, id: u32) -> Row<'_> {
        assert_not_inside_block_on(&format!("db.row({id})"));
        self.reads.set(self.reads.get() + 1);
        tokio::task::yield_now().await;
        Row(&self.names[id as usize])
    }

    async fn try_row(&self, id: u32) -> Result<Row<'_>, Oops> {
        assert_not_inside_block_on(&format!("db.try_row({id})"));
        match self.names.get(id as usize) {
            Some(_) => Ok(self.row(id).await),
            None => Err(Oops(id)),
        }
    }
}

/// Calls both functions as the task's signatures allow, with rows and errors that
/// derive nothing and lookups that borrow a local `db`: the spec's other fakes are
/// `'static`, `Send` and derive everything, so only this shows a bound too many.
///
/// IF THIS DOES NOT COMPILE, your `fetch_all` or `try_fetch_all` asks more of its
/// arguments than the stub's signature does (`T: Clone`, `Fut: 'static`, `Send`, …):
/// keep the signatures exactly as the stub has them, and do without what the bound was
/// for. (Don't derive `Clone` on `Row`, as the compiler may suggest: a record need not
/// be `Clone`, and lookups may borrow.) A `vec![None; n]` needs `T: Clone`,
/// `(0..n).map(|_| None).collect()` does not; a bare `Box<dyn Future>` needs
/// `'static`, `Box<dyn Future + '_>` (or `boxed_local`) does not; `tokio::spawn` needs
/// `Send + 'static`, and the lookups need no task of their own to run at once.
async fn call_with_borrowed_lookups(db: &Db) -> (Vec<Row<'_>>, Result<Vec<Row<'_>>, Oops>) {
    let rows = fetch_all(&[2, 0, 1], |id| db.row(id)).await; // Error? Read the note above.
    let tried = try_fetch_all(&[0, 9], |id| db.try_row(id)).await; // Error? Read the note above.
    (rows, tried)
}

#[tokio::test(start_paused = true)]
async fn the_signatures_ask_for_nothing_more() {
    let db = Db {
        names: (0..3).map(|id| format!("row {id}")).collect(),
        reads: Cell::new(0),
    };
    let (rows, failed) = watched(
        "fetch_all and try_fetch_all of borrowing lookups",
        call_with_borrowed_lookups(&db),
    )
    .await;
    let names: Vec<&str> = rows.iter().map(|Row(name)| *name).collect();
    assert!(
        names == ["row 2", "row 0", "row 1"],
        "fetch_all(&[2, 0, 1]) of lookups that borrow a local `db` returned {names:?}: each \
         entry of `ids` gets its own id's row, in the order of `ids`"
    );
    match failed {
        Err(Oops(9)) => {}
        Err(Oops(other)) => {
            panic!("try_fetch_all(&[0, 9]), where only id 9 fails: it returned Oops({other})")
        }
        Ok(rows) => panic!(
            "try_fetch_all(&[0, 9]), where id 9 fails: it returned Ok with {} rows",
            rows.len()
        ),
    }
}

/// How long each lookup of `lookups_that_wait_twice_all_run_at_once` waits first (to
/// connect), before it waits its `DELAY_MS`.
const CONNECT: Duration = ms(50);

/// A lookup of `id` (one of `IDS`) that waits twice: `CONNECT`, then its `DELAY_MS`.
/// It notes in `second` when it began its second wait.
fn two_step_lookup(
    second: &std::rc::Rc<std::cell::RefCell<Vec<(u32, Duration)>>>,
    start: tokio::time::Instant,
    id: u32,
) -> impl Future<Output = String> + use<> {
    let second = second.clone();
    async move {
        assert_not_inside_block_on(&format!("lookup {id}"));
        tokio::time::sleep(CONNECT).await;
        second.borrow_mut().push((id, start.elapsed()));
        tokio::time::sleep(ms(DELAY_MS[id as usize])).await;
        format!("record {id}")
    }
}

/// Fails unless every lookup of `lookups_that_wait_twice_all_run_at_once` began its
/// second wait the moment its first ended, and the batch took `CONNECT` + the slowest.
#[track_caller]
fn assert_second_steps_on_time(
    call: &str,
    second: &[(u32, Duration)],
    took: Duration,
    got: &[String],
) {
    let context = format!(
        "{call}(&[0, 1, 2, 3, 4]) of lookups that each wait twice: {CONNECT:?} to connect, \
         then 500, 100, 300, 200 and 400 ms"
    );
    let late: Vec<String> = second
        .iter()
        .filter(|&&(_, at)| at > CONNECT)
        .map(|(id, at)| format!("lookup {id} at {at:?}"))
        .collect();
    if !late.is_empty() {
        panic!(
            "{context}: every lookup's first wait ended at {CONNECT:?}, and each woke the task \
             then; but some began their second wait only later: {}. They were not polled \
             when they woke the task, only once the lookups before them in `ids` were done. \
             Does a pass over the lookups stop at the first one still `Pending`? Poll every \
             lookup that may have woken the task (`join_all` and `FuturesUnordered` poll \
             exactly the ones that did).",
            late.join(", ")
        );
    }
    assert_elapsed(
        took,
        CONNECT + SLOWEST,
        format_args!(
            "{context}: the slowest takes {:?} in all, and so does the batch",
            CONNECT + SLOWEST
        ),
    );
    let want: Vec<String> = IDS.iter().map(|id| format!("record {id}")).collect();
    assert!(got == want, "{context}: it returned {got:?}, not {want:?}");
}

#[tokio::test(start_paused = true)]
async fn lookups_that_wait_twice_all_run_at_once() {
    let second = std::rc::Rc::default();
    let start = tokio::time::Instant::now();
    let got = watched(
        "fetch_all",
        fetch_all(&IDS, |id| two_step_lookup(&second, start, id)),
    )
    .await;
    assert_second_steps_on_time("fetch_all", &second.borrow(), start.elapsed(), &got);

    let second = std::rc::Rc::default();
    let start = tokio::time::Instant::now();
    let got = watched(
        "try_fetch_all",
        try_fetch_all(&IDS, |id| {
            let lookup = two_step_lookup(&second, start, id);
            async move { Ok::<_, String>(lookup.await) }
        }),
    )
    .await;
    let got = got.unwrap_or_else(|error| {
        panic!("try_fetch_all of lookups that all succeed returned Err({error:?})")
    });
    assert_second_steps_on_time("try_fetch_all", &second.borrow(), start.elapsed(), &got);
}

/// The ids of `an_error_ready_at_once_still_comes_after_every_fetch`: id 9's lookup
/// fails at its first poll, the others take their time.
const READY_ERROR_FIRST: [u32; 3] = [9, 0, 1];

#[tokio::test(start_paused = true)]
async fn an_error_ready_at_once_still_comes_after_every_fetch() {
    let (probe, called) = (Probe::default(), std::cell::RefCell::new(Vec::new()));
    // How many entries `fetch` had been called for when id 9's lookup was first polled.
    let fetched_at_poll = Cell::new(None);
    let watch = Stopwatch::start();
    let result = watched(
        "try_fetch_all",
        try_fetch_all(&READY_ERROR_FIRST, |id| {
            called.borrow_mut().push(id);
            if id == 9 {
                let (called, fetched_at_poll) = (&called, &fetched_at_poll);
                futures::future::Either::Left(futures::future::lazy(move |_| {
                    fetched_at_poll.set(Some(called.borrow().len()));
                    Err("no record 9".to_owned())
                }))
            } else {
                futures::future::Either::Right(probe.fallible_lookup(&[], id))
            }
        }),
    )
    .await;
    let context = "try_fetch_all(&[9, 0, 1]), where id 9's lookup fails at its first poll (a \
                   cache that knows there is no record 9) and ids 0 and 1 take 500ms and 100ms";
    let called = called.into_inner();
    if called.len() < READY_ERROR_FIRST.len() && READY_ERROR_FIRST.starts_with(&called) {
        panic!(
            "{context}: `fetch` was called only for {called:?}, then the call returned. The \
             error of id 9 was ready before `fetch` was called for the entries after it: \
             each lookup was polled before the next was created. Call `fetch` once for \
             every entry, even when an earlier lookup has already failed: create all the \
             lookups first, then wait for them together."
        );
    }
    assert_called_once_each(context, &called, &READY_ERROR_FIRST);
    if let Some(fetched) = fetched_at_poll
        .get()
        .filter(|&fetched| fetched < READY_ERROR_FIRST.len())
    {
        panic!(
            "{context}: `fetch` was called for every entry, but id 9's lookup was polled when \
             it had been called only for {:?}: each lookup was polled before `fetch` was \
             called for the next entry. Its error decided the call before the later lookups \
             existed, and calling `fetch` for them afterwards only created lookups to drop. \
             Create all the lookups first (call `fetch` for every entry), then wait for them \
             together.",
            &called[..fetched]
        );
    }
    assert_eq!(
        result,
        Err("no record 9".to_owned()),
        "{context}: id 9's error is the first to happen"
    );
    assert_elapsed(
        watch.elapsed(),
        ms(0),
        format_args!("{context}: the error is there at once, and so is the result"),
    );
    assert_eq!(
        probe.gauge.current(),
        0,
        "{context}: {} lookups were still running after it returned",
        probe.gauge.current()
    );
}
