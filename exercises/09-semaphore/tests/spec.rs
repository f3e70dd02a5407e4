//! The specification for exercise 09. Every test runs on tokio's paused clock: the
//! delays below are virtual, so the whole file runs in milliseconds and every duration
//! is exact.

use std::any::Any;
use std::cell::Cell;
use std::collections::HashMap;
use std::future::Future;
use std::marker::PhantomData;
use std::panic::AssertUnwindSafe;
use std::pin::Pin;
use std::rc::Rc;
use std::sync::{Arc, Mutex, MutexGuard};
use std::task::{Context, Poll};
use std::time::Duration;

use futures::FutureExt;
use semaphore::{run_bounded, run_rate_limited};
use testkit::{Gauge, Stopwatch, Timeline, Trace, ms, no_spin, panic_text, tasks_alive};
use tokio::time::{sleep, timeout};

/// A fake partner API. It gets a request the moment `call(id)` is called (as a client
/// that sends it at once would), and counts it open in `gauge` from then until its
/// future finishes or is dropped; in `trace` each call is a span `call <id>` over that
/// time. Once its future is awaited, the call takes the delay given for its id and
/// answers `answer <id>`, or `answer <id> (#k)` when it is the k-th call of a repeated
/// id (see `answer`), so that two calls of one id answer apart. The call of the id in `panics`, if any, panics when its delay
/// is up, with a `&'static str` (what `panic!("a literal")` gives), so that a new panic
/// made from its text (a `String`) is told apart from the call's own.
struct Api {
    gauge: Gauge,
    trace: Trace,
    /// The entries of `ids`, in order, each with how long its call takes.
    calls: Vec<(u32, Duration)>,
    panics: Option<u32>,
    /// Every call made, in the order `call(id)` was called.
    made: Arc<Mutex<Vec<Made>>>,
    /// How many calls of each id were made so far (to number a repeated id's calls).
    per_id: Mutex<HashMap<u32, usize>>,
}

/// One `call(id)`: when it was called, and when its future was first polled.
#[derive(Debug, Clone, Copy)]
struct Made {
    id: u32,
    at: Duration,
    polled: Option<Duration>,
}

/// The list of calls made; a call that panicked on purpose never holds the lock.
fn made_list(made: &Mutex<Vec<Made>>) -> MutexGuard<'_, Vec<Made>> {
    made.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Ten ids that are not their own positions, out of order.
const TEN: [u32; 10] = [42, 7, 93, 18, 60, 3, 75, 31, 88, 12];

/// Above this many calls a failure message does not draw the timelines.
const DRAWN: usize = 20;

impl Api {
    /// `calls`: each entry's id and its delay in ms (a repeated id, the same delay).
    fn new(calls: &[(u32, u64)]) -> Self {
        Self {
            gauge: Gauge::new(),
            trace: Trace::new(),
            calls: calls.iter().map(|&(id, delay)| (id, ms(delay))).collect(),
            panics: None,
            made: Arc::default(),
            per_id: Mutex::default(),
        }
    }

    fn uniform(ids: &[u32], delay_ms: u64) -> Self {
        let calls: Vec<_> = ids.iter().map(|&id| (id, delay_ms)).collect();
        Self::new(&calls)
    }

    /// The same calls, but the one of `id` panics when its delay is up.
    fn panicking(mut self, id: u32) -> Self {
        self.panics = Some(id);
        self
    }

    fn ids(&self) -> Vec<u32> {
        self.calls.iter().map(|&(id, _)| id).collect()
    }

    fn call(&self, id: u32) -> impl Future<Output = String> + Send + 'static + use<> {
        let delay = self
            .calls
            .iter()
            .find(|&&(of, _)| of == id)
            .map(|&(_, delay)| delay)
            .unwrap_or_else(|| panic!("the test never asked for id {id}"));
        let panics = self.panics == Some(id);
        // The request is made now: open from here until the future is done or dropped.
        let in_flight = self.gauge.enter();
        call_event();
        let ends = Ends;
        let span = self.trace.span(format!("call {id}"));
        let (trace, made) = (self.trace.clone(), Arc::clone(&self.made));
        let earlier = {
            let mut per_id = self.per_id.lock().unwrap_or_else(|p| p.into_inner());
            let count = per_id.entry(id).or_default();
            *count += 1;
            *count - 1
        };
        let (serial, answer) = {
            let mut list = made_list(&made);
            let at = trace.elapsed();
            list.push(Made {
                id,
                at,
                polled: None,
            });
            (list.len() - 1, answer(id, earlier))
        };
        async move {
            let (_in_flight, _ends) = (in_flight, ends);
            made_list(&made)[serial].polled = Some(trace.elapsed());
            sleep(delay).await;
            if panics {
                span.failed();
                let said: &'static str = Box::leak(format!("call {id} {BROKE}").into_boxed_str());
                std::panic::panic_any(said);
            }
            span.done();
            answer
        }
    }

    /// Every call made so far, in the order `call(id)` was called.
    fn made(&self) -> Vec<Made> {
        made_list(&self.made).clone()
    }

    /// The answer each entry's own call gives: the k-th entry of an id gets the answer
    /// of the k-th call of that id (the calls are made in the order of `ids`).
    fn answers(&self) -> Vec<String> {
        let mut seen: HashMap<u32, usize> = HashMap::new();
        let mut answers = Vec::new();
        for id in self.ids() {
            let earlier = seen.entry(id).or_default();
            answers.push(answer(id, *earlier));
            *earlier += 1;
        }
        answers
    }

    /// When each entry's call started, by position in `ids` (`None`: it never did).
    fn starts(&self) -> Vec<Option<Duration>> {
        self.first("start")
    }

    /// When each entry's call finished, by position in `ids` (`None`: it never did).
    fn dones(&self) -> Vec<Option<Duration>> {
        self.first("done")
    }

    /// When each entry's call logged `call <id>: <what>`, by position: the k-th such
    /// event of an id belongs to the k-th entry of that id.
    fn first(&self, what: &str) -> Vec<Option<Duration>> {
        let mut places: HashMap<u32, Vec<usize>> = HashMap::new();
        for (place, &(id, _)) in self.calls.iter().enumerate() {
            places.entry(id).or_default().push(place);
        }
        let mut seen: HashMap<u32, usize> = HashMap::new();
        let mut times = vec![None; self.calls.len()];
        for (at, id) in self.events(what) {
            let k = seen.entry(id).or_default();
            if let Some(&place) = places.get(&id).and_then(|p| p.get(*k)) {
                times[place] = Some(at);
            }
            *k += 1;
        }
        times
    }

    /// Every `call <id>: <what>` event, in the order logged: (when, id).
    fn events(&self, what: &str) -> Vec<(Duration, u32)> {
        let mut found = Vec::new();
        for (at, event) in self.trace.events() {
            let call = event.strip_prefix("call ").and_then(|e| e.split_once(": "));
            if let Some((id, _)) = call.filter(|(_, w)| *w == what) {
                found.push((at, id.parse().expect("an id")));
            }
        }
        found
    }

    /// Every start the partner saw, sorted (a call made twice starts twice).
    fn all_starts(&self) -> Vec<Duration> {
        let mut starts: Vec<_> = self.events("start").into_iter().map(|(at, _)| at).collect();
        starts.sort();
        starts
    }

    /// The moment the last call finished (zero if none did).
    fn last_done(&self) -> Duration {
        let ends = ["done", "failed", "cancelled"].map(|what| self.events(what));
        ends.iter()
            .flatten()
            .map(|&(at, _)| at)
            .max()
            .unwrap_or_default()
    }

    /// The calls as they should run when they start at `starts`: each takes its delay.
    fn expected(&self, starts: impl IntoIterator<Item = Duration>) -> Timeline {
        let calls = self.calls.iter().zip(starts);
        calls.fold(Timeline::new(), |t, (&(id, delay), start)| {
            t.bar(&format!("call {id}"), start, start + delay)
        })
    }

    /// The calls as they should run at `per_second` calls a second, evenly spaced:
    /// call i at second i / per_second.
    fn paced(&self, per_second: u32) -> Timeline {
        self.expected((0..self.calls.len()).map(|i| deadline(i, per_second)))
    }

    /// What the calls did, drawn above `expected`, for the end of a failure message
    /// (nothing for a batch too big to draw).
    fn versus(&self, expected: &Timeline) -> String {
        if self.calls.len() > DRAWN {
            return String::new();
        }
        format!("\n\n{}", self.trace.timeline().versus(expected))
    }
}

/// What the fake answers to a call of `id` made after `earlier` calls of the same id:
/// `answer 30` the first time, `answer 30 (#2)` the second.
fn answer(id: u32, earlier: usize) -> String {
    match earlier {
        0 => format!("answer {id}"),
        n => format!("answer {id} (#{})", n + 1),
    }
}

/// The id an answer of the fake names (`answer 30 (#2)`: 30).
fn id_answered(answer: &str) -> Option<u32> {
    let rest = answer.strip_prefix("answer ")?;
    rest.split(' ').next()?.parse().ok()
}

/// What the fake's deliberate panics say, so that they are told apart from others.
const BROKE: &str = "broke (a panic on purpose)";

/// `1 call`, `2 calls`: `n` and the words that go with it.
fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// `1250ms`, or `333.333ms` when the time is not whole milliseconds.
fn millis(at: Duration) -> String {
    if at.subsec_nanos().is_multiple_of(1_000_000) {
        format!("{}ms", at.as_millis())
    } else {
        format!("{:.3}ms", at.as_secs_f64() * 1000.0)
    }
}

// ---------------------------------------------------------------------------------
// Panics the code under test may throw, caught so that a test can say what they mean.
// ---------------------------------------------------------------------------------

thread_local! {
    /// Set while `catching` runs the code under test on this thread (the test's
    /// runtime runs every task on the test's own thread).
    static CATCHING: Cell<bool> = const { Cell::new(false) };
}

/// Clears `CATCHING` when `catching` ends or is dropped.
struct Caught;

impl Drop for Caught {
    fn drop(&mut self) {
        CATCHING.set(false);
    }
}

/// Runs `fut`; a panic inside it (or in a task it spawned on this runtime) becomes
/// `Err(its text)` and is not printed, so the test's own message is the one that shows.
/// (A helper testkit does not have: `quiet_panics_containing` needs to know the text,
/// and these panics come from the code under test.)
async fn catching<T>(fut: impl Future<Output = T>) -> Result<T, String> {
    catching_payload(fut)
        .await
        .map_err(|payload| text_of(&*payload).to_owned())
}

/// The text of a panic's payload, or a word that says it has none.
fn text_of(payload: &(dyn Any + Send)) -> &str {
    panic_text(payload).unwrap_or("(a panic without a text)")
}

/// As `catching`, but gives the panic's payload itself.
async fn catching_payload<T>(fut: impl Future<Output = T>) -> Result<T, Box<dyn Any + Send>> {
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| {
        let default = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !CATCHING.try_with(Cell::get).unwrap_or(false) {
                default(info);
            }
        }));
    });
    CATCHING.set(true);
    let _caught = Caught;
    AssertUnwindSafe(fut).catch_unwind().await
}

/// How many times the code under test may be polled at one instant of virtual time.
/// Code that waits is polled a few times per instant (under 40 in every test of up to
/// 3000 calls, for the reference and every alternative); a loop that never waits goes
/// far past it.
const SPIN_LIMIT: u32 = 300;

/// The same for a batch of 5000 calls that all end at one instant: tokio's budget and
/// `FuturesUnordered` hand back control every 128 or 32 of them, so code that waits is
/// polled up to a few hundred times then (under 250 for the reference and every
/// alternative).
const SPIN_LIMIT_5000: u32 = 1_000;

/// `fut`, failing the test at once if it is polled `SPIN_LIMIT` times with no time
/// passing: a loop that never waits keeps tokio's paused clock still, so no timeout
/// (nor `within`) would ever fire, and the test would hang for real. Watched as well for
/// a task of its own that never stops running (see `STILL_FOR`), and for waking when
/// nothing has happened (see `IDLE_INSTANTS`).
fn watched<F: Future>(what: &str, fut: F) -> impl Future<Output = F::Output> {
    watched_up_to(SPIN_LIMIT, what, fut)
}

/// `watched`, allowing `limit` polls at one instant.
fn watched_up_to<F: Future>(limit: u32, what: &str, fut: F) -> impl Future<Output = F::Output> {
    let what = what.to_owned();
    let (busy, woken) = (what.clone(), what.clone());
    let still = move |_: u32, at: Duration| {
        format!(
            "For {STILL_FOR:?} of real time tokio's clock stood still at {} while {busy} \
             ran, and nothing it waited for woke it: some task never stops running, so \
             tokio is never idle and no timer can fire (the test would hang). A task that \
             loops until a moment comes or a slot frees, with `yield_now()` or no wait at \
             all between looks, does that. Wait for the thing itself: `sleep_until` the \
             start time, a Semaphore's permit, a channel's `recv()`.",
            millis(at)
        )
    };
    no_spin(
        limit,
        move |polls, at| {
            format!(
                "{what} was polled {polls} times at {} with no time passing: each time it \
                 returned `Pending` it had already woken itself, so it never waited for \
                 anything, and while it spins tokio's clock cannot move on (the calls it \
                 waits for would never end: the test would hang). A loop that looks again \
                 for a free slot or a start time and yields between looks (`yield_now`, \
                 `sleep(Duration::ZERO)`, a `sleep_until` a moment already here) does that. \
                 Wait for the thing itself: a Semaphore hands a permit over the moment a call \
                 ends, and `sleep_until` a start time still to come wakes you then.",
                millis(at)
            )
        },
        testkit::no_busy_task(STILL_FOR, still, Woken::new(woken, fut)),
    )
}

/// How long tokio's clock may stand still, in real time, while the code under test is
/// not woken by anything it waits for, before a task of its that never stops running
/// is blamed (`testkit::no_busy_task`). Code that waits is woken by its calls and
/// timers within microseconds; a spinning task keeps the clock still for good. Generous:
/// a batch of 5000 calls at one instant took more than 250 ms in a debug build on a
/// loaded 2-core machine.
const STILL_FOR: Duration = ms(500);

/// At how many instants of virtual time the code under test may be woken for nothing:
/// polled at an instant at which none of its calls was made or ended. Code that waits
/// is woken when something happens (a permit handed over, a call finished, a start
/// time come): at no such instant for the reference and every alternative. A loop that
/// sleeps a moment and looks again is woken every period while it waits, whether
/// anything happened or not.
const IDLE_INSTANTS: usize = 20;

thread_local! {
    /// How many calls the fake has made or ended on this thread (the test's), ever.
    static CALL_EVENTS: Cell<usize> = const { Cell::new(0) };
}

/// Counts one call made or ended, in `CALL_EVENTS`.
fn call_event() {
    let _ = CALL_EVENTS.try_with(|events| events.set(events.get() + 1));
}

/// Counts the end of a call (done, panicked or dropped) when dropped.
struct Ends;

impl Drop for Ends {
    fn drop(&mut self) {
        call_event();
    }
}

/// `fut`, failing once it has been polled at more than `IDLE_INSTANTS` instants at
/// which nothing happened: no call was made or ended from the end of the instant it was
/// polled at before to the start of the one it is polled at after.
struct Woken<F> {
    inner: Pin<Box<F>>,
    what: String,
    start: tokio::time::Instant,
    /// The instant of the last poll, and the events seen at its end.
    last: (tokio::time::Instant, usize),
    /// The events seen at the end of the instant polled at before `last`.
    before_last: Option<usize>,
    idle: Vec<Duration>,
}

impl<F: Future> Woken<F> {
    fn new(what: String, fut: F) -> Self {
        let start = tokio::time::Instant::now();
        Self {
            inner: Box::pin(fut),
            what,
            start,
            last: (start, CALL_EVENTS.get()),
            before_last: None,
            idle: Vec::new(),
        }
    }
}

impl<F: Future> Future for Woken<F> {
    type Output = F::Output;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        let now = tokio::time::Instant::now();
        if now != self.last.0 {
            let events = CALL_EVENTS.get();
            if self.before_last == Some(events) {
                let at = self.last.0 - self.start;
                self.idle.push(at);
            }
            self.before_last = Some(self.last.1);
            self.last.0 = now;
            if self.idle.len() > IDLE_INSTANTS {
                let first: Vec<String> = self.idle.iter().take(5).map(|&at| millis(at)).collect();
                let (looks, instead) = if self.what.starts_with("run_bounded") {
                    (
                        "`while active >= limit { sleep(1ms).await }`",
                        "a Semaphore hands a permit over the moment a call ends, and wakes \
                         the next waiter then, once",
                    )
                } else {
                    (
                        "`while Instant::now() < at { sleep(1ms).await }`, or an \
                         `interval` that ticks more often than calls start",
                        "`sleep_until(at)` wakes each call once, when its start time has \
                         come",
                    )
                };
                panic!(
                    "{} was woken at {} instants at which none of its calls was made or \
                     ended (the first: {}, …): code that waits is woken when something \
                     happens (a permit handed over, a call finished, a start time come). \
                     Something woke it again and again to look, as a loop that sleeps a \
                     moment and checks again does ({looks}). However short its sleep, such \
                     a loop is late by up to its period, and every call waiting in it wakes \
                     for nothing meanwhile. Wait for the thing itself: {instead}.",
                    self.what,
                    self.idle.len(),
                    first.join(", "),
                );
            }
        }
        let polled = self.inner.as_mut().poll(cx);
        self.last.1 = CALL_EVENTS.get();
        polled
    }
}

/// `testkit::within` around `fut`, watched for spinning (see `watched`).
#[track_caller]
fn within<F: Future>(limit: Duration, what: &str, fut: F) -> impl Future<Output = F::Output> {
    testkit::within(limit, what, watched(what, fut))
}

/// `within`, for a batch of 5000 calls (see `SPIN_LIMIT_5000`).
#[track_caller]
fn within_5000<F: Future>(what: &str, fut: F) -> impl Future<Output = F::Output> {
    testkit::within(ms(60_000), what, watched_up_to(SPIN_LIMIT_5000, what, fut))
}

/// Fails unless `what` was refused at once: `outcome` is what a `catching` run of it
/// gave (`None`: it was still running after a second).
fn assert_refused_at_once(
    what: &str,
    argument: &str,
    api: &Api,
    outcome: Option<Result<Vec<String>, String>>,
    took: Duration,
) {
    let made = api.gauge.total();
    let no_ids = api.calls.is_empty();
    let refuse = format!(
        "Refuse the argument at once, before any call: `assert!({argument} > 0, \"… \
         `{argument}` must be at least 1 …\")` at the top."
    );
    match outcome {
        None => panic!(
            "{what} was still running after 1 s of virtual time, with {made} calls made: \
             at 0 no call can ever start, so it would wait forever. {refuse}"
        ),
        Some(Ok(results)) if no_ids => panic!(
            "{what} returned {results:?}: there were no ids, but `{argument}` is 0 all the \
             same, and a 0 is refused whatever the batch. Check the argument first, before \
             anything else (a shortcut for no ids comes after it), so that a caller who \
             passes 0 finds out on the first run, not on the day a batch has ids. {refuse}"
        ),
        Some(Ok(results)) => panic!(
            "{what} returned {} results, with {made} calls made: but 0 allows no call at \
             all, so there is no right answer to return. {refuse}",
            results.len()
        ),
        Some(Err(text)) if text.starts_with("not yet implemented") => panic!(
            "{what} panicked with \"{text}\": that is `todo!()`, not a refusal. Write the \
             function, and refuse a 0 at its top."
        ),
        Some(Err(text)) if !text.contains(argument) => panic!(
            "{what} panicked with \"{text}\", which does not say what is wrong: name the \
             argument. {refuse}"
        ),
        Some(Err(_)) => {
            assert_eq!(
                made, 0,
                "{what} refused the argument, but only after making {made} calls: check it \
                 before making any"
            );
            assert_eq!(
                took,
                Duration::ZERO,
                "{what} refused the argument, but only after {} of virtual time: check it at \
                 once",
                millis(took)
            );
        }
    }
}

/// After `what` was dropped or panicked at `at`: fails if any of its calls was still
/// running a moment later, or started afterwards.
async fn assert_nothing_left_behind(api: &Api, what: &str, how: &str, at: Duration) {
    sleep(ms(1)).await;
    let running = api.gauge.current();
    // The test itself runs outside any task: every task alive now is one it left.
    let tasks = tasks_alive();
    // Let anything left behind run on, and see what it does.
    sleep(ms(60_000)).await;
    let late: Vec<_> = api
        .events("start")
        .into_iter()
        .filter(|&(start, _)| start > at)
        .collect();
    if running == 0 && late.is_empty() && tasks == 0 {
        return;
    }
    let mut facts = Vec::new();
    if running > 0 {
        facts.push(format!(
            "1 ms later, {} still running",
            plural(running, "of its calls was", "of its calls were")
        ));
    }
    if running == 0 && tasks > 0 {
        facts.push(format!(
            "1 ms later, none of its calls was running but {} it had spawned {} still \
             alive (a task that sleeps, to give something back later, is still a task \
             running for a caller who is gone)",
            plural(tasks, "task", "tasks"),
            if tasks == 1 { "was" } else { "were" }
        ));
    }
    if let Some(&(first, id)) = late.first() {
        facts.push(format!(
            "{} after it was gone (the first, call {id}, at {})",
            plural(late.len(), "call started", "calls started"),
            millis(first)
        ));
    }
    panic!(
        "{what} {how} at {}, yet {}. Whatever it started must stop with it: something \
         outside the future (a task from `tokio::spawn`, whose `JoinHandle` does not stop \
         the task when it is dropped) kept going. Don't spawn, or spawn into a `JoinSet`, \
         which aborts its tasks when it is dropped.\n\n{}",
        millis(at),
        facts.join(", and "),
        api.trace.timeline()
    );
}

/// Fails if a call was made (`call(id)` called, which the partner sees as its request)
/// before it was run (its future first polled): the partner counts the request from
/// the moment it was made.
fn assert_each_call_made_as_it_runs(api: &Api, what: &str) {
    let made = api.made();
    let early: Vec<&Made> = made
        .iter()
        .filter(|m| m.polled.is_some_and(|polled| polled > m.at))
        .collect();
    let Some(first) = early.first() else {
        return;
    };
    let polled = first.polled.unwrap_or_default();
    let drawn = if api.calls.len() > DRAWN {
        String::new()
    } else {
        format!(
            "\n\nWhat the partner saw (each bar from `call(id)` to its answer):\n{}",
            api.trace.timeline()
        )
    };
    panic!(
        "{what}: `call({})` was called at {}, so the partner got that request then, but its \
         future was first awaited only at {}. {} of the {} calls were made before they ran, \
         and the partner had up to {} open at once. Calling `call(id)` is making the request \
         (a client may send it right away, before its future is awaited): call it only \
         once the call may start, inside the future that holds its permit (`run_bounded`) \
         or once its start time has come (`run_rate_limited`), and await it from there, not \
         for every id up front.{drawn}",
        first.id,
        millis(first.at),
        millis(polled),
        early.len(),
        made.len(),
        plural(api.gauge.max(), "request", "requests")
    );
}

/// Fails unless the calls answered in the order of `ids`, one call per entry.
fn assert_results_follow_ids(api: &Api, what: &str, answers: &[String]) {
    let entries = api.calls.len();
    assert_eq!(
        api.gauge.total(),
        entries,
        "{entries} entries in `ids`, so {entries} calls, each made once (a repeated id is \
         called again); {} were made",
        api.gauge.total()
    );
    let expected = api.answers();
    let mut sorted = expected.clone();
    sorted.sort_by_key(|answer| id_answered(answer).unwrap_or(0));
    let finished: Vec<String> = {
        let mut dones: Vec<_> = api.events("done");
        dones.sort_by_key(|&(at, _)| at);
        let mut seen: HashMap<u32, usize> = HashMap::new();
        let mut texts = Vec::new();
        for (_, id) in dones {
            let k = seen.entry(id).or_default();
            texts.push(answer(id, *k));
            *k += 1;
        }
        texts
    };
    // Every place holds an answer of the right id, only not its own call's.
    let swapped = answers.len() == expected.len()
        && answers
            .iter()
            .zip(&expected)
            .all(|(got, want)| id_answered(got) == id_answered(want));
    let first_swap = answers
        .iter()
        .zip(&expected)
        .position(|(got, want)| got != want);
    let how = if let (true, Some(i)) = (swapped, first_swap) {
        format!(
            " Each place holds an answer of its own id, but entries of a repeated id got \
             each other's: entry {i} (id {}) got \"{}\", where its own call answered \
             \"{}\". The calls of one id are calls of their own and may answer \
             differently: results kept by id (a `HashMap` from id to its results) lose \
             which call was which entry's.",
            api.calls[i].0, answers[i], expected[i]
        )
    } else if answers == sorted {
        " They came back sorted by id: the order to keep is that of the entries of `ids`, \
         not of the ids' values."
            .to_owned()
    } else if answers == finished {
        " They came back in the order the calls finished in.".to_owned()
    } else {
        String::new()
    };
    assert_eq!(
        answers, expected,
        "{what}: one result per entry of `ids`, in the same places. The ids here are \
         unsorted, not their own positions, and repeated.{how} Carry each entry's \
         position along with its call (`(i, call(id).await)`) and put the results back by \
         position, or give each call its own future and `join_all` them, which keeps the \
         order."
    );
}

/// `text` with each task id (`Id(37)`, which changes from run to run) as `Id(…)`.
fn without_task_ids(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find("Id(") {
        let (before, after) = rest.split_at(at + "Id(".len());
        out += before;
        let digits = after.len() - after.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        if digits > 0 && after[digits..].starts_with(')') {
            out += "…";
            rest = &after[digits..];
        } else {
            rest = after;
        }
    }
    out + rest
}

/// Fails unless `what` panicked with the very panic of call `id` (whose story `story`
/// tells), and left nothing running; `outcome` is what a `catching_payload` run of it
/// gave, `at` when it ended.
async fn assert_passed_the_panic_on(
    api: &Api,
    what: &str,
    (id, story): (u32, &str),
    outcome: Result<Vec<String>, Box<dyn Any + Send>>,
    at: Duration,
) {
    let said = format!("call {id} {BROKE}");
    let outcome = outcome.map_err(|payload| {
        let text = text_of(&*payload).to_owned();
        // The call's own payload is a `&'static str`; the same words in a `String` are a
        // new panic, made from its text.
        let retold = text == said && !payload.is::<&'static str>();
        (text, retold)
    });
    match outcome {
        Ok(answers) => panic!(
            "{story}, yet {what} returned {} for {} ids: a panic in a call must come out of \
             {what}, not vanish. If you spawn the calls, a task that panicked gives \
             `Err(JoinError)`: pass the panic on (`std::panic::resume_unwind(error.\
             into_panic())`), don't skip it, wherever results are gathered (after the last \
             start as well as before).\n\n{}",
            plural(answers.len(), "result", "results"),
            api.calls.len(),
            api.trace.timeline()
        ),
        Err((_, true)) => panic!(
            "{what} panicked with the words of call {id}'s panic, \"{said}\", but not with its \
             panic: the call's payload was a `&'static str`, and this one is a `String`, made \
             anew from the text (`panic!(\"{{text}}\")` raises the words again, not the panic; \
             a payload that is not a text at all would be lost). Pass the call's panic on as \
             it is, payload untouched: `std::panic::resume_unwind(error.into_panic())`.\n\n{}",
            api.trace.timeline()
        ),
        Err((text, _)) if text != said => {
            let text = without_task_ids(&text);
            let why = if text.contains(&said) {
                " It is a new panic that quotes the call's: `.unwrap()` or `.expect(…)` on \
                 the `JoinError` panics anew, with a message of its own. Pass the call's \
                 panic on as it is: `std::panic::resume_unwind(error.into_panic())`."
            } else {
                " Pass a call's panic on as it is (from a `JoinError`: \
                 `std::panic::resume_unwind(error.into_panic())`)."
            };
            panic!(
                "{what} panicked, but not with the panic of call {id}: it said \"{text}\", \
                 where the call said \"{said}\".{why}\n\n{}",
                api.trace.timeline()
            );
        }
        Err(_) => {
            assert_each_id_called_as_often_as_listed(api, what, id);
            assert_nothing_left_behind(api, what, "panicked", at).await;
        }
    }
}

/// After call `id` panicked: fails if some id was called more often than `ids` lists it.
fn assert_each_id_called_as_often_as_listed(api: &Api, what: &str, id: u32) {
    let mut listed: HashMap<u32, usize> = HashMap::new();
    for listed_id in api.ids() {
        *listed.entry(listed_id).or_default() += 1;
    }
    let mut called: HashMap<u32, usize> = HashMap::new();
    for made in api.made() {
        *called.entry(made.id).or_default() += 1;
    }
    let extra = called
        .iter()
        .find(|&(of, &times)| times > listed.get(of).copied().unwrap_or(0));
    if let Some((&of, &times)) = extra {
        let again = if of == id {
            format!(
                " It is the call that panicked: it was made again (a retry). The partner \
                 counts every request it gets, and the task is one call per entry; pass \
                 the panic on, don't call `call({id})` a second time."
            )
        } else {
            String::new()
        };
        panic!(
            "{what} passed the panic of call {id} on, but it called `call({of})` {times} \
             times while `ids` lists {of} {}.{again}\n\n{}",
            match listed.get(&of).copied().unwrap_or(0) {
                1 => "once".to_owned(),
                n => format!("{n} times"),
            },
            api.trace.timeline()
        );
    }
}

// ---------------------------------------------------------------------------------
// Part 1: at most `limit` in flight.
// ---------------------------------------------------------------------------------

const LIMIT: usize = 3;

/// The failure when more than `limit` calls were in flight at once.
fn too_many_in_flight(api: &Api, limit: usize) -> String {
    let seen = api.gauge.max();
    let all = if seen == api.calls.len() {
        " Every call was in flight at the same time: nothing held any of them back."
    } else {
        ""
    };
    format!(
        "At most {limit} calls may run at once, but {seen} were in flight.{all} If you use a \
         Semaphore, the permit must live as long as the call runs, from `call(id)` until its \
         future has finished: `let _ = semaphore.acquire().await` drops it on the spot, and \
         so does holding it only around `call(id)` and letting it go before the future has \
         been awaited to the end. Keep the guard in a named variable (`let _permit = …`) \
         inside the future that awaits the call, or move it into the task that does."
    )
}

/// Why the slots were not kept busy, from what the calls did against `expected` starts
/// (which are right when every call before starts on time).
fn slot_lesson(api: &Api, limit: usize, expected: &[Duration]) -> String {
    if api.gauge.max() == 1 {
        return format!(
            "Never more than one call was in flight: they ran one after another, as if the \
             limit were 1. Let up to {limit} run together: a permit per call, not one \
             `.await` after another."
        );
    }
    if api.gauge.max() > limit {
        return format!(
            "It was faster than {limit} at a time can be, because {} calls were in flight \
             at once: the limit did not hold (run_bounded_never_has_more_than_limit_in_flight \
             says why).",
            api.gauge.max()
        );
    }
    let (starts, dones) = (api.starts(), api.dones());
    let late = (0..expected.len()).find(|&i| starts[i].is_none_or(|at| at > expected[i]));
    let Some(late) = late else {
        return format!(
            "At most {} calls were in flight, but the slots were not kept busy.",
            api.gauge.max()
        );
    };
    let id = api.calls[late].0;
    let free_at = expected[late];
    // In the expected schedule, the call that frees the slot then.
    let freed_by = (0..late)
        .find(|&i| expected[i] + api.calls[i].1 == free_at)
        .map_or(String::new(), |i| {
            format!(" (call {} finished then)", api.calls[i].0)
        });
    let Some(started) = starts[late] else {
        return format!("call {id} never started: every entry of `ids` needs its call.");
    };
    let at_a_finish = (0..dones.len()).find(|&i| i != late && dones[i] == Some(started));
    let why = match at_a_finish {
        Some(i) => format!(
            "It started the moment call {} finished: it waited for that call, not for a \
             free slot. Running the ids in chunks waits for the slowest call of each chunk; \
             `StreamExt::buffered` keeps a finished call's slot until the calls before it \
             are done (to keep their order). Use `buffer_unordered` and put the results \
             back in order yourself, or a Semaphore with a permit per call.",
            api.calls[i].0
        ),
        None => "Nothing finished at that moment: the free slot was not handed on when it \
                 freed, but found later. A loop that sleeps and checks again (`while active \
                 >= limit { sleep(…).await }`) is late by up to its period; a Semaphore \
                 hands a dropped permit to the next waiter at that very instant."
            .to_owned(),
    };
    format!(
        "call {id} started at {}, but a slot was free for it from {}{freed_by}. {why}",
        millis(started),
        millis(free_at)
    )
}

#[tokio::test(start_paused = true)]
async fn run_bounded_never_has_more_than_limit_in_flight() {
    let api = Api::uniform(&TEN, 200);
    within(
        ms(60_000),
        "run_bounded",
        run_bounded(&api.ids(), LIMIT, |id| api.call(id)),
    )
    .await;

    assert_each_call_made_as_it_runs(&api, "run_bounded");
    assert!(
        api.gauge.max() <= LIMIT,
        "{}",
        too_many_in_flight(&api, LIMIT)
    );
}

#[tokio::test(start_paused = true)]
async fn run_bounded_keeps_every_slot_busy() {
    // Ten calls of 200ms, three at a time: four rounds (3 + 3 + 3 + 1), 800ms.
    let api = Api::uniform(&TEN, 200);
    within(
        ms(60_000),
        "run_bounded",
        run_bounded(&api.ids(), LIMIT, |id| api.call(id)),
    )
    .await;

    // Three at a time: calls 0-2 at 0ms, 3-5 at 200ms, 6-8 at 400ms, 9 at 600ms.
    let rounds: Vec<_> = (0..10).map(|i| ms(200) * (i / 3)).collect();
    let lesson = slot_lesson(&api, LIMIT, &rounds);
    api.trace.assert_elapsed(
        ms(800),
        format_args!("Ten calls of 200ms, three at a time, take four rounds. {lesson}"),
        &api.expected(rounds),
    );
}

#[tokio::test(start_paused = true)]
async fn run_bounded_starts_the_next_call_as_soon_as_a_slot_frees() {
    // Two slots. The first call takes 500ms; while it runs, the other five (103ms and
    // 97ms: times that no round polling period divides) go one after another through
    // the other slot: 509ms in all.
    let api = Api::new(&[
        (42, 500),
        (7, 103),
        (93, 103),
        (18, 103),
        (60, 103),
        (3, 97),
    ]);
    within(
        ms(60_000),
        "run_bounded",
        run_bounded(&api.ids(), 2, |id| api.call(id)),
    )
    .await;

    // The first call in one slot; the others one after another in the other.
    let starts = [0, 0, 103, 206, 309, 412].map(ms);
    let lesson = slot_lesson(&api, 2, &starts);
    api.trace.assert_elapsed(
        ms(509),
        format_args!(
            "With 2 slots, call 42 (500ms) in one and the other five one after another in \
             the other, the batch takes 509ms. {lesson}"
        ),
        &api.expected(starts),
    );
}

#[tokio::test(start_paused = true)]
async fn run_bounded_runs_a_repeated_id_alongside_the_others() {
    // Each entry of `ids` is a call of its own, even when its id repeats: three calls of
    // id 5 and one of 8, four slots, one round of 100ms.
    let api = Api::uniform(&[5, 8, 5, 5], 100);
    let answers = within(
        ms(60_000),
        "run_bounded(&[5, 8, 5, 5], 4, …)",
        run_bounded(&api.ids(), 4, |id| api.call(id)),
    )
    .await;

    assert_results_follow_ids(&api, "run_bounded", &answers);
    let starts = [ms(0); 4];
    let (made, dones) = (api.starts(), api.dones());
    // With other calls in flight together, a later entry of an id that started only
    // when an earlier entry of the same id finished.
    let id_of = |i: usize| api.calls[i].0;
    let waited = (1..made.len()).find_map(|i| {
        let at = made[i].filter(|&at| at > Duration::ZERO)?;
        let earlier = (0..i).find(|&j| id_of(j) == id_of(i) && dones[j] == Some(at))?;
        Some((i, earlier, at))
    });
    if let (Some((i, j, at)), true) = (waited, api.gauge.max() > 1) {
        panic!(
            "entry {i} of `ids` (id {}) started at {}, the moment entry {j} (also id {}) \
             finished, though a slot was free for it from 0ms: with 4 slots all four calls \
             start at once, and other calls did run together, only not the repeats of id \
             {}. Each entry of `ids` is a call of its own, even when its id \
             repeats: do not key the calls or their results by id (a `HashMap` or set of \
             ids), carry each entry's position instead.{}",
            id_of(i),
            millis(at),
            id_of(i),
            id_of(i),
            api.versus(&api.expected(starts))
        );
    }
    let lesson = slot_lesson(&api, 4, &starts);
    api.trace.assert_elapsed(
        ms(100),
        format_args!("Four calls of 100ms, four at a time, take one round. {lesson}"),
        &api.expected(starts),
    );
}

#[tokio::test(start_paused = true)]
async fn run_bounded_returns_the_results_in_the_order_of_ids() {
    // Unsorted, not positions, 30 and 10 twice; finishing order 10, 70, 30, 20, 10, 30.
    let api = Api::new(&[
        (30, 500),
        (10, 100),
        (70, 300),
        (30, 500),
        (20, 200),
        (10, 100),
    ]);
    let answers = within(
        ms(60_000),
        "run_bounded",
        run_bounded(&api.ids(), 2, |id| api.call(id)),
    )
    .await;

    assert_results_follow_ids(&api, "run_bounded", &answers);
}

#[tokio::test(start_paused = true)]
async fn run_bounded_of_nothing_is_empty() {
    let api = Api::uniform(&[], 100);
    let watch = Stopwatch::start();
    let answers = within(
        ms(1000),
        "run_bounded(&[])",
        run_bounded(&[], LIMIT, |id| api.call(id)),
    )
    .await;

    assert!(answers.is_empty(), "no ids, no results; got {answers:?}");
    watch.assert_elapsed(ms(0), "nothing to call should take no time");
}

#[tokio::test(start_paused = true)]
async fn run_bounded_with_a_limit_above_the_number_of_ids_runs_them_all_at_once() {
    for limit in [4, usize::MAX] {
        let api = Api::new(&[(42, 300), (7, 100), (93, 200)]);
        let what = format!("run_bounded(&[42, 7, 93], {limit}, …)");
        let watch = Stopwatch::start();
        let outcome = within(
            ms(60_000),
            &what,
            catching(run_bounded(&api.ids(), limit, |id| api.call(id))),
        )
        .await;

        let answers = outcome.unwrap_or_else(|text| {
            let why = if text.contains("MAX_PERMITS") {
                " `Semaphore::new` takes at most `Semaphore::MAX_PERMITS` permits, and more \
                 permits than calls change nothing: clamp the limit first \
                 (`limit.min(ids.len())`)."
            } else {
                ""
            };
            panic!(
                "{what} panicked: \"{text}\". A limit of {limit} is a valid argument: with \
                 only 3 ids it is no limit at all, and all 3 calls run at once.{why}"
            )
        });
        assert_eq!(
            answers,
            api.answers(),
            "{what}: the results, in the order of `ids` (see \
             run_bounded_returns_the_results_in_the_order_of_ids)"
        );
        assert!(
            api.gauge.max() == 3,
            "{what}: with more slots than calls, all 3 calls run at once, but at most {} in \
             flight together",
            plural(api.gauge.max(), "was", "were")
        );
        watch.assert_elapsed(
            ms(300),
            format_args!("{what}: all at once, the batch takes as long as its slowest call"),
        );
    }

    // Five thousand ids (not positions, out of order; more than a cap of 1024 or 4096
    // would let through) and no limit: all in flight together.
    let ids = scrambled_ids(5000);
    let api = Api::uniform(&ids, 100);
    let what = "run_bounded(5000 ids, usize::MAX, …)";
    let answers = within_5000(what, run_bounded(&ids, usize::MAX, |id| api.call(id))).await;
    assert!(
        api.gauge.max() == 5000,
        "{what}: a limit of usize::MAX is no limit at all, so all 5000 calls run at once; \
         but at most {} in flight together. Something capped the calls in flight below \
         the limit given (a maximum of your own, or a fixed-size pool): the limit is the \
         caller's to choose, however large.",
        plural(api.gauge.max(), "was", "were")
    );
    assert!(
        answers == api.answers(),
        "{what}: the results, in the order of `ids` (see \
         run_bounded_returns_the_results_in_the_order_of_ids)"
    );
}

/// `n` (at most 5000) distinct ids, not their own positions and out of order.
fn scrambled_ids(n: u32) -> Vec<u32> {
    // 5003 is a prime that 7919 does not divide: i ↦ 7919 i mod 5003 is one to one.
    (0..n).map(|i| 7919 * i % 5003).collect()
}

#[tokio::test(start_paused = true)]
async fn run_bounded_refuses_a_limit_of_zero() {
    // With ids and without: a 0 is refused whatever the batch.
    for ids in [&[42, 7][..], &[]] {
        let api = Api::uniform(ids, 100);
        let watch = Stopwatch::start();
        let outcome = timeout(
            ms(1000),
            catching(run_bounded(&api.ids(), 0, |id| api.call(id))),
        )
        .await;
        let took = if outcome.is_ok() {
            watch.elapsed()
        } else {
            ms(1000)
        };

        assert_refused_at_once(
            &format!("run_bounded(&{ids:?}, 0, …)"),
            "limit",
            &api,
            outcome.ok(),
            took,
        );
    }
}

#[tokio::test(start_paused = true)]
async fn run_bounded_dropped_half_way_leaves_nothing_running() {
    // Call 42 takes 1s, the others 200ms; three at a time, cut off at 300ms: calls 7
    // and 93 are done, 42, 18 and 60 half-way, and five have not started.
    let calls: Vec<_> = TEN
        .iter()
        .map(|&id| (id, if id == 42 { 1000 } else { 200 }))
        .collect();
    let api = Api::new(&calls);
    let cut = timeout(
        ms(300),
        watched(
            "run_bounded",
            run_bounded(&api.ids(), LIMIT, |id| api.call(id)),
        ),
    )
    .await;
    assert!(
        cut.is_err(),
        "run_bounded returned before a 300ms timeout, though call 42 alone takes 1s: it did \
         not wait for every call"
    );

    assert_nothing_left_behind(&api, "run_bounded", "was dropped (a timeout)", ms(300)).await;
}

#[tokio::test(start_paused = true)]
async fn run_bounded_panics_when_a_call_panics() {
    // Two at a time; call 93 panics at 300ms, when it is done (it started at 100ms).
    let api = Api::new(&[
        (42, 500),
        (7, 100),
        (93, 200),
        (18, 100),
        (60, 100),
        (3, 100),
    ])
    .panicking(93);
    let watch = Stopwatch::start();
    let outcome = within(
        ms(60_000),
        "run_bounded",
        catching_payload(run_bounded(&api.ids(), 2, |id| api.call(id))),
    )
    .await;

    let at = watch.elapsed();
    let call_93 = (93, "call 93 panicked in the middle of the batch");
    assert_passed_the_panic_on(&api, "run_bounded", call_93, outcome, at).await;
}

#[tokio::test(start_paused = true)]
async fn run_bounded_panics_when_the_last_call_panics_after_the_others() {
    // Two at a time: 42 and 7, then 93 and 18, then 60 and 3; all done by 300ms but
    // call 3, the last, which panics at 600ms.
    let api = Api::new(&[
        (42, 100),
        (7, 100),
        (93, 100),
        (18, 100),
        (60, 100),
        (3, 400),
    ])
    .panicking(3);
    let watch = Stopwatch::start();
    let outcome = within(
        ms(60_000),
        "run_bounded",
        catching_payload(run_bounded(&api.ids(), 2, |id| api.call(id))),
    )
    .await;

    let at = watch.elapsed();
    let call_3 = (
        3,
        "call 3, the last, panicked when every other call had finished",
    );
    assert_passed_the_panic_on(&api, "run_bounded", call_3, outcome, at).await;
}

#[tokio::test(start_paused = true)]
async fn run_bounded_panics_when_a_call_panics_with_a_single_slot() {
    // One slot: 42 and 7 one after the other, then call 93, which panics at 300ms; 18,
    // 60 and 3 still wait for the slot it held.
    let api = Api::uniform(&[42, 7, 93, 18, 60, 3], 100).panicking(93);
    let watch = Stopwatch::start();
    let what = "run_bounded(6 ids, 1, …)";
    let outcome = timeout(
        ms(60_000),
        watched(
            what,
            catching_payload(run_bounded(&api.ids(), 1, |id| api.call(id))),
        ),
    )
    .await;

    let at = watch.elapsed();
    let Ok(outcome) = outcome else {
        let waiting: Vec<String> = (0..api.calls.len())
            .filter(|&i| api.starts()[i].is_none())
            .map(|i| api.calls[i].0.to_string())
            .collect();
        panic!(
            "call 93 panicked at 300ms, and 60 s later {what} had neither panicked nor \
             returned, with {} and {} never called ({}). With a single slot, that slot was \
             never given back by the call that panicked, or the panic was never looked at \
             while the loop waited for it. A permit given back by hand when the call \
             returns (`permit.forget()`, then `add_permits(1)` after the `.await`: \
             asyncio's `acquire()` / `release()` without the `finally`) is lost when the \
             call panics instead. Hold the permit as a guard (`let _permit = …`) in the \
             future that awaits the call, or move it into the call's task: it is given back \
             however the call ends, answer, panic or drop.\n\n{}",
            plural(api.gauge.current(), "call running", "calls running"),
            plural(waiting.len(), "entry", "entries"),
            waiting.join(", "),
            api.trace.timeline()
        );
    };
    let call_93 = (
        93,
        "call 93 panicked in the middle of the batch, holding the only slot",
    );
    assert_passed_the_panic_on(&api, "run_bounded", call_93, outcome, at).await;
}

// ---------------------------------------------------------------------------------
// Part 2: at most `per_second` starts in any one second.
// ---------------------------------------------------------------------------------

const SECOND: Duration = Duration::from_secs(1);

/// tokio's timers fire on whole milliseconds: a start this much late is on time.
const TIMER_GRAIN: Duration = ms(1);

/// When call `i` may start at the latest: i / per_second seconds.
fn deadline(i: usize, per_second: u32) -> Duration {
    let nanos = 1_000_000_000u128 * i as u128 / u128::from(per_second);
    Duration::from_nanos(u64::try_from(nanos).expect("a test's deadline fits"))
}

/// When call `i` starts if it is scheduled at i × (1 s / `per_second` rounded down to
/// whole nanoseconds), on tokio's timer, which rounds up to whole milliseconds.
fn truncated_gap_start(i: usize, per_second: u32) -> Duration {
    let at = (SECOND / per_second).as_nanos() * i as u128;
    ms(u64::try_from(at.div_ceil(1_000_000)).unwrap_or(u64::MAX))
}

/// Fails if some window of one second holds more than `per_second` starts.
fn assert_no_second_too_busy(api: &Api, per_second: u32) {
    assert_each_call_made_as_it_runs(api, "run_rate_limited");
    let starts = api.all_starts();
    let rate = per_second as usize;
    let Some(first) =
        (0..starts.len().saturating_sub(rate)).find(|&i| starts[i + rate] - starts[i] < SECOND)
    else {
        return;
    };
    let from = starts[first];
    let crowded: Vec<Duration> = starts
        .iter()
        .copied()
        .filter(|&at| at >= from && at < from + SECOND)
        .collect();
    let dones: Vec<Duration> = api.events("done").into_iter().map(|(at, _)| at).collect();
    let together = crowded.iter().filter(|&&at| at == from).count();
    let gaps: Vec<Duration> = crowded.windows(2).map(|w| w[1] - w[0]).collect();

    let reach = "Reach for `tokio::time::interval` (one start per tick, every 1 s / \
                 per_second) or `sleep_until` (call i at second i / per_second).";
    let whole_ms = Duration::from_millis(1000 / u64::from(per_second));
    let lesson = if starts.iter().all(|&at| at == from) && from > Duration::ZERO {
        format!(
            "Every call started at {}: they all waited the same time and then went \
             together, as a sleep inside each call would make them. The wait has to grow \
             with each start: call i at second i / per_second (`sleep_until`), or one \
             shared `interval` ticked before each start.",
            millis(from)
        )
    } else if starts
        .iter()
        .enumerate()
        .all(|(i, &at)| at == truncated_gap_start(i, per_second))
        && SECOND / per_second * per_second < SECOND
    {
        format!(
            "Every call i started at i × {} (rounded up to tokio's millisecond): the gap \
             1 s / {per_second} rounded down to whole nanoseconds (`Duration::from_secs(1) \
             / per_second`, or `Duration::from_secs_f64(1.0 / per_second)`, which rounds \
             to the nearest nanosecond and here that is down; or an `interval` of it), \
             multiplied by i. {rate} such gaps are \
             {}, short of a second, and the nanoseconds lost add up with i until a \
             millisecond tips over. Compute each call's time exactly, `start + 1 s × i / \
             per_second` (multiply first, then divide) or whole seconds `start + (i / \
             per_second) s`, or round the gap up (`div_ceil` on nanoseconds).",
            millis(SECOND / per_second),
            millis(SECOND / per_second * per_second)
        )
    } else if together == crowded.len() {
        let gap = if per_second > 1000 {
            format!(
                " (At {per_second} a second the gap between starts is {}: in whole \
                 milliseconds, `1000 / per_second`, it is 0.)",
                millis(SECOND / per_second)
            )
        } else {
            String::new()
        };
        format!(
            "{} calls started at {} at once: nothing spaced the starts apart.{gap} {reach}",
            together,
            millis(from)
        )
    } else if api.gauge.max() <= rate && crowded[rate..].iter().all(|at| dones.contains(at)) {
        format!(
            "Never more than {rate} calls ran at once, and every start beyond the first \
             {rate} came at the very moment a call finished: that is a concurrency limit (a \
             Semaphore of `per_second` permits lets a new call start the moment one \
             finishes), not a rate. A rate limit spaces the starts in time, however long \
             the calls take. {reach}"
        )
    } else if gaps.iter().all(|&gap| gap == gaps[0]) && gaps[0] == whole_ms {
        format!(
            "The starts were {} apart, and {rate} gaps of {} are {}: short of a second, so \
             {} starts fit in one. 1 s / {per_second} is {}: in whole milliseconds \
             (`1000 / per_second`) the gap is too short. Schedule call i at its own exact \
             time, `start + 1 s × i / per_second` (multiply first, then divide), or at \
             whole seconds, `start + (i / per_second) s`.",
            millis(gaps[0]),
            millis(gaps[0]),
            millis(gaps[0] * per_second),
            rate + 1,
            millis(SECOND / per_second)
        )
    } else if together >= rate {
        format!(
            "{together} calls started together at {}, and {} more before {}: a burst of \
             {rate} uses up the whole second, so the next start must wait until {}. (A \
             token bucket that starts full and also refills one token every 1 s / \
             per_second lets up to 2 × per_second − 1 start in its first second.)",
            millis(from),
            crowded.len() - together,
            millis(from + SECOND),
            millis(from + SECOND)
        )
    } else {
        format!("The starts must be spaced in time. {reach}")
    };
    panic!(
        "{} calls started in the second from {} to {}, but at most {per_second} may start \
         in any window of 1 s. {lesson}{}",
        crowded.len(),
        millis(from),
        millis(from + SECOND),
        api.versus(&api.paced(per_second))
    );
}

/// Fails if call `i` started later than `i / per_second` seconds (and the timer's
/// millisecond).
fn assert_no_call_held_back(api: &Api, per_second: u32) {
    let (starts, dones) = (api.starts(), api.dones());
    for (i, &start) in starts.iter().enumerate() {
        let (id, by) = (api.calls[i].0, deadline(i, per_second));
        let Some(at) = start else {
            panic!(
                "call {id} (entry {i}) never started: every entry needs its call.{}",
                api.versus(&api.paced(per_second))
            );
        };
        if at <= by + TIMER_GRAIN {
            continue;
        }
        let all_at_once = starts.iter().all(|&start| start == Some(at));
        // An earlier call that finished at the very moment this one started.
        let waited_for = dones[..i].iter().position(|&done| done == Some(at));
        let lesson = if let Some(earlier) = waited_for {
            format!(
                "It started the moment call {} finished: the starts waited for earlier \
                 calls to end{}. A rate limit spaces only the starts: start a call and go on \
                 to the next start time (spawn the call, or let `join_all` drive them all) \
                 without waiting for any call to finish.",
                api.calls[earlier].0,
                match api.gauge.max() {
                    1 => " (never more than one call was in flight)".to_owned(),
                    most => format!(" (never more than {most} calls were in flight at once)"),
                }
            )
        } else if i == 0 && all_at_once {
            "The first call may start at once, and here every call waited just as long and \
             then started with it: the same wait before each call spaces nothing. The wait \
             has to grow with each start (call i at second i / per_second)."
                .to_owned()
        } else if i == 0 {
            "The first call may start at once: nothing came before it.".to_owned()
        } else {
            "The calls overlap, but the starts are spaced wider than the rate requires: one \
             start every 1 s / per_second is enough."
                .to_owned()
        };
        panic!(
            "call {id} (entry {i}) started at {}, but at {per_second} calls a second it may \
             start by {}. {lesson}{}",
            millis(at),
            millis(by),
            api.versus(&api.paced(per_second))
        );
    }
}

/// Fails unless the call returned (`took` after it began) when its last call finished.
fn assert_returned_with_the_last_call(api: &Api, took: Duration, per_second: u32) {
    let last = api.last_done();
    assert!(
        took <= last,
        "run_rate_limited returned at {}, but its last call had finished at {}: it waited \
         {} more for nothing. The rate limits when calls start, not when the batch \
         returns: return as soon as the last call is done.{}",
        millis(took),
        millis(last),
        millis(took.saturating_sub(last)),
        api.versus(&api.paced(per_second))
    );
}

#[tokio::test(start_paused = true)]
async fn run_rate_limited_never_starts_more_than_per_second_in_any_second() {
    // Calls of 700ms at 4 a second: several overlap, and some finish while the
    // first second is still young.
    let api = Api::uniform(&TEN, 700);
    within(
        ms(60_000),
        "run_rate_limited",
        run_rate_limited(&api.ids(), 4, |id| api.call(id)),
    )
    .await;

    assert_no_second_too_busy(&api, 4);
}

#[tokio::test(start_paused = true)]
async fn run_rate_limited_starts_each_call_as_soon_as_the_rate_allows() {
    // Calls of 1.2s at 4 a second: a start that waits for earlier calls is late.
    let api = Api::uniform(&TEN, 1200);
    let watch = Stopwatch::start();
    within(
        ms(60_000),
        "run_rate_limited",
        run_rate_limited(&api.ids(), 4, |id| api.call(id)),
    )
    .await;
    let took = watch.elapsed();

    assert_no_call_held_back(&api, 4);
    assert_returned_with_the_last_call(&api, took, 4);
}

#[tokio::test(start_paused = true)]
async fn run_rate_limited_follows_the_rate_it_is_given() {
    // Two a second, with quick calls: the pace, not the calls, sets the time, and the
    // batch is done when its last call is (at 2100ms, if it starts at 2000ms).
    let api = Api::uniform(&[42, 7, 93, 18, 60], 100);
    let watch = Stopwatch::start();
    within(
        ms(60_000),
        "run_rate_limited",
        run_rate_limited(&api.ids(), 2, |id| api.call(id)),
    )
    .await;
    let took = watch.elapsed();

    assert_no_second_too_busy(&api, 2);
    assert_no_call_held_back(&api, 2);
    assert_returned_with_the_last_call(&api, took, 2);
}

#[tokio::test(start_paused = true)]
async fn run_rate_limited_keeps_a_rate_that_does_not_divide_a_second() {
    // Three a second: 1 s / 3 is 333.333ms, not a whole number of milliseconds.
    let api = Api::uniform(&TEN, 100);
    let watch = Stopwatch::start();
    within(
        ms(60_000),
        "run_rate_limited",
        run_rate_limited(&api.ids(), 3, |id| api.call(id)),
    )
    .await;
    let took = watch.elapsed();

    assert_no_second_too_busy(&api, 3);
    assert_no_call_held_back(&api, 3);
    assert_returned_with_the_last_call(&api, took, 3);
}

#[tokio::test(start_paused = true)]
async fn run_rate_limited_keeps_a_rate_above_a_thousand_a_second() {
    // 1500 a second: the gap between starts is less than a millisecond.
    let ids: Vec<u32> = (0..3000).rev().collect();
    let api = Api::uniform(&ids, 10);
    let outcome = within(
        ms(60_000),
        "run_rate_limited",
        catching(run_rate_limited(&ids, 1500, |id| api.call(id))),
    )
    .await;

    if let Err(text) = outcome {
        let why = if text.contains("period") {
            " `interval` was given a period of zero: 1 s / 1500 is 0.667ms, and in whole \
             milliseconds (`1000 / per_second`) that is 0. Give it the period in \
             nanoseconds, rounded up (`1_000_000_000u64.div_ceil(u64::from(per_second))`), \
             or schedule each call with `sleep_until`."
        } else {
            ""
        };
        panic!(
            "run_rate_limited(3000 ids, 1500, …) panicked: \"{text}\". 1500 a second is a \
             valid rate.{why}"
        );
    }
    assert_no_second_too_busy(&api, 1500);
    assert_no_call_held_back(&api, 1500);
}

#[tokio::test(start_paused = true)]
async fn run_rate_limited_does_not_let_a_rounded_gap_add_up() {
    // 1 s / 1303 is 767459.707ns and 1 s / 1481 is 675219.446ns, not whole numbers of
    // nanoseconds: the first rounds down when truncated, the second also when rounded
    // to the nearest nanosecond. 1347 calls at 1303, 3000 at 1481, are enough for the
    // nanoseconds lost on each gap to add up past tokio's millisecond.
    for (n, per_second) in [(1347, 1303), (3000, 1481)] {
        let ids: Vec<u32> = (0..n).rev().collect();
        let api = Api::uniform(&ids, 10);
        within(
            ms(60_000),
            &format!("run_rate_limited({n} ids, {per_second}, …)"),
            run_rate_limited(&ids, per_second, |id| api.call(id)),
        )
        .await;

        assert_no_second_too_busy(&api, per_second);
        // A gap rounded *up* (0.554ns too long at 1481) drifts late just as a gap rounded
        // down drifts early; at 1303 its drift stays inside tokio's millisecond, at 1481
        // over 3000 calls it does not, and rounding up is a way the unit accepts: here
        // only the rate is checked.
        if per_second == 1303 {
            assert_no_call_held_back(&api, per_second);
        }
    }
}

#[tokio::test(start_paused = true)]
async fn run_rate_limited_counts_the_rate_from_when_it_starts_running() {
    // The future is made at 0ms and awaited only at 5000ms: the rate counts from when
    // it starts running, so the six calls start at 5000, 5000, 6000, 6000, 7000 and
    // 7000ms at the latest, at most two in any second.
    let api = Api::uniform(&[42, 7, 93, 18, 60, 3], 100);
    let ids = api.ids();
    let batch = run_rate_limited(&ids, 2, |id| api.call(id));
    sleep(ms(5000)).await;
    within(ms(60_000), "run_rate_limited(6 ids, 2, …)", batch).await;

    let starts = api.all_starts();
    let burst = starts.iter().filter(|&&at| at == ms(5000)).count();
    let paced = api.expected((0..6).map(|i| ms(5000) + deadline(i, 2)));
    assert!(
        burst <= 2,
        "The future of run_rate_limited(6 ids, 2 a second, …) was made at 0ms and first \
         awaited at 5000ms, and then {burst} calls started at once at 5000ms: at most 2 may \
         start in any second. Every call whose time fell within those 5 s went at once, as \
         happens when the times are counted from when `run_rate_limited` is called. A \
         future does nothing until it is polled, and the rate counts from then: read the \
         clock (`Instant::now()`) inside the `async fn` body or the `async` block it \
         returns, not before it.{}",
        api.versus(&paced)
    );
    assert_no_second_too_busy(&api, 2);
    let late = (0..6)
        .find(|&i| api.starts()[i].is_none_or(|at| at > ms(5000) + deadline(i, 2) + TIMER_GRAIN));
    if let Some(i) = late {
        panic!(
            "call {} (entry {i}) started at {}, but at 2 calls a second, awaited from \
             5000ms, it may start by {}.{}",
            api.calls[i].0,
            api.starts()[i].map_or("never".to_owned(), millis),
            millis(ms(5000) + deadline(i, 2)),
            api.versus(&paced)
        );
    }
}

#[tokio::test(start_paused = true)]
async fn run_rate_limited_at_an_absurd_rate_starts_everything_at_once() {
    let api = Api::new(&[(42, 300), (7, 100), (93, 200)]);
    let what = format!("run_rate_limited(&[42, 7, 93], {}, …)", u32::MAX);
    let outcome = within(
        ms(60_000),
        &what,
        catching(run_rate_limited(&api.ids(), u32::MAX, |id| api.call(id))),
    )
    .await;

    let answers = outcome.unwrap_or_else(|text| {
        let why = if text.contains("period") {
            " `interval` was given a period of zero: 1 s / 4294967295 is less than a \
             nanosecond. A rate of at least the number of calls allows them all at once."
        } else {
            ""
        };
        panic!(
            "{what} panicked: \"{text}\". Any rate of at least 1 is valid: this one is no \
             limit at all for 3 calls.{why}"
        )
    });
    assert_eq!(
        answers,
        api.answers(),
        "{what}: the results, in the order of `ids` (see \
         run_rate_limited_returns_the_results_in_the_order_of_ids)"
    );
    assert_no_call_held_back(&api, u32::MAX);

    // And five thousand calls of 100ms at that rate (more than a cap of 1024 or 4096
    // would let through): all start at once, all run together.
    let ids = scrambled_ids(5000);
    let api = Api::uniform(&ids, 100);
    within_5000(
        "run_rate_limited(5000 ids, u32::MAX, …)",
        run_rate_limited(&ids, u32::MAX, |id| api.call(id)),
    )
    .await;
    assert_no_call_held_back(&api, u32::MAX);
}

#[tokio::test(start_paused = true)]
async fn run_rate_limited_refuses_a_rate_of_zero() {
    // With ids and without: a 0 is refused whatever the batch.
    for ids in [&[42, 7][..], &[]] {
        let api = Api::uniform(ids, 100);
        let watch = Stopwatch::start();
        let outcome = timeout(
            ms(1000),
            catching(run_rate_limited(&api.ids(), 0, |id| api.call(id))),
        )
        .await;
        let took = if outcome.is_ok() {
            watch.elapsed()
        } else {
            ms(1000)
        };

        assert_refused_at_once(
            &format!("run_rate_limited(&{ids:?}, 0, …)"),
            "per_second",
            &api,
            outcome.ok(),
            took,
        );
    }
}

#[tokio::test(start_paused = true)]
async fn run_rate_limited_returns_the_results_in_the_order_of_ids() {
    let api = Api::new(&[
        (30, 1000),
        (10, 100),
        (70, 700),
        (30, 1000),
        (20, 400),
        (10, 100),
    ]);
    let answers = within(
        ms(60_000),
        "run_rate_limited",
        run_rate_limited(&api.ids(), 4, |id| api.call(id)),
    )
    .await;

    assert_results_follow_ids(&api, "run_rate_limited", &answers);
}

#[tokio::test(start_paused = true)]
async fn run_rate_limited_of_nothing_is_empty() {
    let api = Api::uniform(&[], 100);
    let watch = Stopwatch::start();
    let answers = within(
        ms(1000),
        "run_rate_limited(&[])",
        run_rate_limited(&[], 4, |id| api.call(id)),
    )
    .await;

    assert!(answers.is_empty(), "no ids, no results; got {answers:?}");
    watch.assert_elapsed(ms(0), "nothing to call should take no time");
}

#[tokio::test(start_paused = true)]
async fn run_rate_limited_dropped_half_way_leaves_nothing_running() {
    // Call 42 takes 3s, the others 700ms; at 4 a second, cut off at 1100ms: some calls
    // are done, some half-way, and some have not started.
    let calls: Vec<_> = TEN
        .iter()
        .map(|&id| (id, if id == 42 { 3000 } else { 700 }))
        .collect();
    let api = Api::new(&calls);
    let cut = timeout(
        ms(1100),
        watched(
            "run_rate_limited",
            run_rate_limited(&api.ids(), 4, |id| api.call(id)),
        ),
    )
    .await;
    assert!(
        cut.is_err(),
        "run_rate_limited returned before a 1100ms timeout, though call 42 alone takes 3s: it \
         did not wait for every call"
    );

    assert_nothing_left_behind(
        &api,
        "run_rate_limited",
        "was dropped (a timeout)",
        ms(1100),
    )
    .await;
}

#[tokio::test(start_paused = true)]
async fn run_rate_limited_panics_when_a_call_panics() {
    // Four a second; call 93 panics at 700ms, when it is done.
    let api = Api::new(&[
        (42, 1000),
        (7, 100),
        (93, 700),
        (18, 100),
        (60, 100),
        (3, 100),
    ])
    .panicking(93);
    let watch = Stopwatch::start();
    let outcome = within(
        ms(60_000),
        "run_rate_limited",
        catching_payload(run_rate_limited(&api.ids(), 4, |id| api.call(id))),
    )
    .await;

    let at = watch.elapsed();
    let call_93 = (93, "call 93 panicked in the middle of the batch");
    assert_passed_the_panic_on(&api, "run_rate_limited", call_93, outcome, at).await;
}

#[tokio::test(start_paused = true)]
async fn run_rate_limited_panics_when_the_last_call_panics_after_the_others() {
    // Four a second: four calls at 0ms, done by 100ms; 60 and 3 at 1000ms, 60 done at
    // 1100ms, and call 3, the last, panics at 1300ms.
    let api = Api::new(&[
        (42, 100),
        (7, 100),
        (93, 100),
        (18, 100),
        (60, 100),
        (3, 300),
    ])
    .panicking(3);
    let watch = Stopwatch::start();
    let outcome = within(
        ms(60_000),
        "run_rate_limited",
        catching_payload(run_rate_limited(&api.ids(), 4, |id| api.call(id))),
    )
    .await;

    let at = watch.elapsed();
    let call_3 = (
        3,
        "call 3, the last, panicked when every other call had finished",
    );
    assert_passed_the_panic_on(&api, "run_rate_limited", call_3, outcome, at).await;
}

// ---------------------------------------------------------------------------------
// Both: what the signatures ask of `call` and of its answers, and no more.
// ---------------------------------------------------------------------------------

/// An answer that is only `Send`: not `Clone`, `Default`, `Debug`, `PartialEq` nor `Sync`.
struct Reply {
    text: String,
    _not_sync: PhantomData<Cell<()>>,
}

/// Counts the calls made through it; neither `Clone`, `Send` nor `Sync` (an `Rc`).
struct Tally(Rc<Cell<usize>>);

#[tokio::test(start_paused = true)]
async fn both_take_any_closure_and_any_answer() {
    // The task asks no more of `call` than `Fn`, and no more of its answers than `Send`:
    // a closure that holds an `Rc` (not `Send`, `Sync` nor `Clone`), awaited on the
    // caller's task, and answers that are not `Clone` (nor `Default`, `Debug`, `Sync`)
    // must do. Against a signature that asks for more, this file does not compile: the
    // compiler names the bound that `Reply` or the closure lacks; take it out.
    // A fake for each function: the second run's calls are numbered afresh.
    let calls = [(30, 300), (10, 100), (30, 300), (20, 200)];
    let (api, rated_api) = (Api::new(&calls), Api::new(&calls));
    let counted = Rc::new(Cell::new(0));
    let replying = |tally: Tally, rated: bool| {
        let api = if rated { &rated_api } else { &api };
        move |id| {
            tally.0.set(tally.0.get() + 1);
            let answer = api.call(id);
            async move {
                Reply {
                    text: answer.await,
                    _not_sync: PhantomData,
                }
            }
        }
    };
    let texts =
        |replies: Vec<Reply>| -> Vec<String> { replies.into_iter().map(|r| r.text).collect() };

    let tally = Tally(Rc::clone(&counted));
    let bounded = within(
        ms(60_000),
        "run_bounded",
        run_bounded(&api.ids(), 2, replying(tally, false)),
    )
    .await;
    assert_eq!(
        texts(bounded),
        api.answers(),
        "run_bounded with answers of a type of the test's own: one per entry of `ids`, in \
         order (see run_bounded_returns_the_results_in_the_order_of_ids)"
    );
    let tally = Tally(Rc::clone(&counted));
    let rated = within(
        ms(60_000),
        "run_rate_limited",
        run_rate_limited(&rated_api.ids(), 2, replying(tally, true)),
    )
    .await;
    assert_eq!(
        texts(rated),
        rated_api.answers(),
        "run_rate_limited with answers of a type of the test's own: one per entry of \
         `ids`, in order (see run_rate_limited_returns_the_results_in_the_order_of_ids)"
    );
    assert_eq!(
        counted.get(),
        8,
        "4 entries, called once each by each function"
    );
}
