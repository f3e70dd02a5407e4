//! The specification for exercise 08. Every test runs on tokio's paused clock: the
//! delays below are virtual, so the whole file runs in milliseconds, every duration is
//! exact, and a pipeline that never finishes fails at once instead of hanging. (A busy
//! loop would keep the paused clock from moving, and so the watchdog from firing:
//! [`Bench::watched`] catches that too.)
//!
//! The fixture, [`Bench`], plays both ends: its producers yield an item every 10 ms,
//! much faster than its `process` (100 ms an item), so the queue fills up and the
//! producers must be made to wait. It counts each item from the moment a producer
//! yields it until its `process` future starts to run ("waiting"), each producer
//! while it produces an item ("producing"), and each call of `process` while it runs
//! ("processing"). Its trace draws the timeline a timing failure shows: the call, each
//! call of `process`, and (where a test asks) the items each producer yields.

use std::collections::{BTreeMap, HashMap};
use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use channels::{MAX_WORKERS, run_pipeline};
use futures::stream::{self, BoxStream};
use futures::{FutureExt, StreamExt};
use testkit::{
    Gauge, InFlight, Stopwatch, Timeline, Trace, ms, panic_text, quiet_panics_containing,
    tasks_alive,
};
use tokio::sync::Semaphore;

const PRODUCE_EVERY: Duration = ms(10);
const PROCESS_TIME: Duration = ms(100);
/// How long a pipeline may take before the tests call it stuck (virtual time: free).
const WATCHDOG: Duration = ms(60_000);
/// How often the pipeline's own future may be polled at one instant of virtual time:
/// a correct pipeline is polled a few dozen times at most, a busy loop without end.
const BUSY_POLLS: u32 = 10_000;
/// How long (real time) the virtual clock may stand still while the pipeline runs: a
/// correct pipeline moves it within a few milliseconds; only a task that never stops
/// running (a busy loop) keeps it still for this long.
const STILL_FOR: Duration = ms(250);
/// What the fixture's panics say (kept out of the test output).
const PROCESS_PANIC: &str = "process panicked on item";
const PRODUCER_PANIC: &str = "a producer's stream panicked at item";
/// How `todo!()` announces itself: a stub's panic is passed on as it is.
const TODO: &str = "not yet implemented";

/// The producers and the processing, instrumented.
#[derive(Clone)]
struct Bench {
    /// Each producer yields an item this long after the last one.
    produce_every: Duration,
    /// Each call of `process` takes this long...
    process_time: Duration,
    /// ... except for this item, which takes the time given with it.
    slow_item: Option<(u32, Duration)>,
    /// `process` panics on this item, when its time is up.
    panics_on: Option<u32>,
    /// The producer whose next item would be this one panics instead of yielding it.
    stream_panics_at: Option<u32>,
    /// Whether one of those panics happened.
    panicked: Arc<AtomicBool>,
    /// Items yielded by a producer whose `process` future has not started yet.
    waiting: Gauge,
    /// Producers producing an item (from the poll that asks for it until they yield
    /// it). Its total counts the items the producers were asked for.
    producing: Gauge,
    /// Calls of `process` still running. Its total counts the calls started.
    processing: Gauge,
    /// The `waiting` guards of each item (items may repeat), dropped when a `process`
    /// future of that item starts.
    held: Arc<Mutex<HashMap<u32, Vec<InFlight>>>>,
    /// Whether some `process` future started later than `process` was called with
    /// its item (which item, and when, depends on the order of tasks woken together).
    started_late: Arc<AtomicBool>,
    /// A span `process` per call of `process` and one for the whole `run_pipeline`.
    trace: Trace,
    /// Whether the trace also marks each item a producer yields (`producer N`). Only
    /// where the producers are the slow side: when they wait for room in the queue,
    /// which of them gets it first depends on the order of tasks woken together.
    mark_producers: bool,
}

impl Default for Bench {
    /// Producers much faster than the workers: the queue fills up.
    fn default() -> Self {
        Self {
            produce_every: PRODUCE_EVERY,
            process_time: PROCESS_TIME,
            slow_item: None,
            panics_on: None,
            stream_panics_at: None,
            panicked: Arc::default(),
            waiting: Gauge::default(),
            producing: Gauge::default(),
            processing: Gauge::default(),
            held: Arc::default(),
            started_late: Arc::default(),
            trace: Trace::new(),
            mark_producers: false,
        }
    }
}

/// How a pipeline is set up: for the messages.
#[derive(Clone, Copy)]
struct Setup {
    producers: usize,
    workers: usize,
    capacity: usize,
}

impl Bench {
    /// Producer `p` yields items `100 * p + 1 ..= 100 * p + count`.
    fn items(counts: &[u32]) -> Vec<Vec<u32>> {
        (0..)
            .zip(counts)
            .map(|(p, &count)| (100 * p + 1..=100 * p + count).collect())
            .collect()
    }

    /// A producer per list, yielding its items in order, one every `produce_every`
    /// (10 ms unless a test says otherwise).
    fn producers_of(&self, lists: &[Vec<u32>]) -> Vec<BoxStream<'static, u32>> {
        lists
            .iter()
            .enumerate()
            .map(|(p, items)| {
                let bench = self.clone();
                stream::iter(items.clone())
                    .then(move |item| {
                        let bench = bench.clone();
                        async move {
                            let producing = bench.producing.enter();
                            tokio::time::sleep(bench.produce_every).await;
                            if bench.stream_panics_at == Some(item) {
                                bench.panicked.store(true, Ordering::SeqCst);
                                panic!("{PRODUCER_PANIC} {item}");
                            }
                            drop(producing);
                            if bench.mark_producers {
                                bench.trace.record(format!("producer {p}: item {item}"));
                            }
                            let guard = bench.waiting.enter();
                            bench
                                .held
                                .lock()
                                .unwrap()
                                .entry(item)
                                .or_default()
                                .push(guard);
                            item
                        }
                    })
                    .boxed()
            })
            .collect()
    }

    /// The work: takes `process_time` (100 ms unless a test says otherwise), and returns
    /// the item it was given.
    fn process(&self) -> impl Fn(u32) -> BoxFuture + Clone + Send + 'static {
        let bench = self.clone();
        move |item| {
            let called = bench.trace.elapsed();
            let bench = bench.clone();
            Box::pin(async move {
                // Started: no longer waiting.
                let started = bench.trace.elapsed();
                if let Some(guards) = bench.held.lock().unwrap().get_mut(&item) {
                    guards.pop();
                }
                if started > called {
                    bench.started_late.store(true, Ordering::SeqCst);
                }
                let _running = bench.processing.enter();
                let span = bench.trace.span("process");
                let took = match bench.slow_item {
                    Some((slow, took)) if slow == item => took,
                    _ => bench.process_time,
                };
                tokio::time::sleep(took).await;
                if bench.panics_on == Some(item) {
                    bench.panicked.store(true, Ordering::SeqCst);
                    span.failed();
                    panic!("{PROCESS_PANIC} {item}");
                }
                span.done();
                item
            })
        }
    }

    /// Runs the pipeline under a watchdog that explains a hang.
    async fn run(&self, counts: &[u32], workers: usize, capacity: usize) -> Vec<u32> {
        self.run_items(&Self::items(counts), workers, capacity)
            .await
    }

    async fn run_items(&self, lists: &[Vec<u32>], workers: usize, capacity: usize) -> Vec<u32> {
        let items = lists.iter().map(Vec::len).sum();
        let pipeline = run_pipeline(self.producers_of(lists), workers, capacity, self.process());
        let call = self.trace.span("run_pipeline");
        match self
            .watched(items, tokio::time::timeout(WATCHDOG, pipeline))
            .await
        {
            Ok(outputs) => {
                call.done();
                outputs
            }
            Err(_) => panic!("{}", self.why_stuck(items)),
        }
    }

    fn why_stuck(&self, items: usize) -> String {
        let (processed, produced) = (self.processing.total(), self.waiting.total());
        let at = format!(
            "run_pipeline had not returned after {WATCHDOG:?} of virtual time, with {processed} \
             of {items} items processed."
        );
        // Everything produced so far is processed, and nothing is being produced or
        // processed: only the end of the queue is missing.
        let idle = self.processing.current() == 0 && self.producing.current() == 0;
        if processed >= produced && idle {
            format!(
                "{at}\nThe consumers are still waiting for more items: a Sender is still alive \
                 somewhere; drop every sender when producers finish. `recv()` returns `None` \
                 only once every Sender is dropped (each producer's clone, and the original \
                 you cloned them from)."
            )
        } else {
            format!(
                "{at}\nThe pipeline is waiting for something that never happens: a worker \
                 waiting for a lock that is never released, or a producer waiting for room \
                 in a queue that nobody empties."
            )
        }
    }

    /// Runs `fut` (a pipeline of `items` items, or a test around one), failing at once,
    /// with an explanation, if it busy-waits: a busy loop keeps tokio from ever being
    /// idle, so the paused clock never moves and no timeout ever fires. Two symptoms
    /// are watched: the future itself polled [`BUSY_POLLS`] times at one instant of
    /// virtual time (the loop is in `run_pipeline` itself), or the virtual clock
    /// standing still for [`STILL_FOR`] of real time while tokio still answers the
    /// wake-ups of `testkit::no_busy_task`'s lookout thread (the loop is in a task it
    /// spawned).
    async fn watched<F: Future>(&self, items: usize, fut: F) -> F::Output {
        let busy = "it is busy-waiting (a loop around `yield_now()`, `try_recv()` or \
                    `is_empty()`) instead of awaiting something that wakes it. On the \
                    paused test clock a busy loop freezes time; in production it burns a \
                    core. Await what you are waiting for: the workers' `JoinSet`, or \
                    `recv()` returning `None`.";
        let (trace, processing) = (self.trace.clone(), self.processing.clone());
        let polled = move || {
            let (at, processed) = (trace.elapsed().as_millis(), processing.total());
            format!(
                "run_pipeline's own future was polled over and over (more than {} \
                 times) at {at}ms of virtual time, without the clock moving \
                 ({processed} of {items} items processed by then): {busy}",
                BUSY_POLLS / 10
            )
        };
        let (trace, processing) = (self.trace.clone(), self.processing.clone());
        let polled_too = polled.clone();
        let still = move |polls: u32, _: Duration| {
            // Which of the two symptoms shows first depends on the machine's speed;
            // the message depends only on where the loop is.
            if polls >= BUSY_POLLS / 10 {
                return polled_too();
            }
            let (at, processed) = (trace.elapsed().as_millis(), processing.total());
            format!(
                "For {STILL_FOR:?} of real time the virtual clock stood still at {at}ms \
                 while run_pipeline ran ({processed} of {items} items processed by then): \
                 some task never stops running, so tokio is never idle: {busy}"
            )
        };
        let watched = testkit::no_busy_task(STILL_FOR, still, fut);
        testkit::no_spin(BUSY_POLLS, move |_, _| polled(), watched).await
    }
}

type BoxFuture = std::pin::Pin<Box<dyn Future<Output = u32> + Send>>;

/// Fails, with what went wrong, unless `outputs` holds each item of `expected` as
/// often as it was produced.
///
/// The message neither names nor counts the items: which ones are hit, and how many,
/// depends on the order in which tasks woken at the same instant run, which tokio does
/// not promise (and the recorded failure must be the same on every run).
fn assert_exactly_once(outputs: &[u32], expected: &[u32]) {
    let count = |items: &[u32]| {
        let mut seen = BTreeMap::<u32, usize>::new();
        for &item in items {
            *seen.entry(item).or_default() += 1;
        }
        seen
    };
    let (seen, wanted) = (count(outputs), count(expected));
    let times = |item: &u32, counts: &BTreeMap<u32, usize>| counts.get(item).copied();
    let twice = seen
        .iter()
        .any(|(item, &n)| n > times(item, &wanted).unwrap_or(0));
    let lost = wanted
        .iter()
        .any(|(item, &n)| times(item, &seen).unwrap_or(0) < n);
    let mut lesson = String::new();
    if twice {
        lesson += "\nSome items were processed more than once: more than one worker received \
             the same item. A `broadcast` channel hands every message to every receiver; a \
             work queue gives each item to ONE worker: let the workers share one \
             `mpsc::Receiver`.";
    }
    if lost {
        lesson += "\nSome items were lost: produced but never processed, or processed and their \
             output dropped. Keep every worker receiving until `recv()` returns `None`, and \
             wait for every worker before returning: don't stop or cancel the workers when \
             the producers are done (the queue may still hold items), and don't stop at the \
             first empty `try_recv`.";
    }
    if !lesson.is_empty() {
        panic!(
            "{} items were produced; the outputs do not hold each of them exactly once.{lesson}",
            expected.len()
        );
    }
}

/// The usual bench: three producers of four items, two workers, room for two items.
const COUNTS: [u32; 3] = [4, 4, 4];
const WORKERS: usize = 2;
const CAPACITY: usize = 2;

#[tokio::test(start_paused = true)]
async fn every_item_is_processed_exactly_once() {
    let bench = Bench::default();
    let outputs = bench.run(&COUNTS, WORKERS, CAPACITY).await;
    assert_exactly_once(&outputs, &Bench::items(&COUNTS).concat());
}

#[tokio::test(start_paused = true)]
async fn items_that_repeat_are_each_processed() {
    // The same values from several producers, and twice from one: each is an item.
    let lists = [vec![7, 3, 7], vec![3, 9], vec![7]];
    let bench = Bench::default();
    let outputs = bench.run_items(&lists, WORKERS, CAPACITY).await;
    assert_exactly_once(&outputs, &lists.concat());
}

/// What the most items waiting at once says about where the extra ones were.
fn bound_lesson(bench: &Bench, setup: Setup) -> Option<String> {
    let Setup {
        producers,
        workers,
        capacity,
    } = setup;
    let (max, bound) = (bench.waiting.max(), capacity + producers);
    if max <= bound {
        return None;
    }
    let observed = format!(
        "With {producers} producers, {workers} workers and room for {capacity}: up to {max} \
         items were produced and not yet started by a worker; the bound is {bound}: the \
         queue's capacity of {capacity}, plus the one item each of the {producers} producers \
         holds while it waits for room."
    );
    Some(if bench.started_late.load(Ordering::SeqCst) {
        format!(
            "{observed} And some item's `process` future first ran well after `process` was \
             called with it: all that time the item waited in a worker, outside the queue. A \
             worker takes its next item (and calls `process` on it) only when it is done with \
             the last one: no fetching ahead."
        )
    } else {
        format!(
            "{observed} The extra items were in one of these places: a queue bigger than \
             `capacity` (`mpsc::unbounded_channel`, or a channel made with another number: \
             `workers`, `capacity.max(workers)`, `capacity + 1`); tasks or per-worker \
             queues, taken off the shared queue before a worker was free to process them \
             (a dispatcher that receives every item and spawns a task for it that only \
             then waits for a permit, or that deals items out into a queue per worker); or \
             a producer's hands, with a producer that took its next item before its last \
             one was in the queue (`join!(tx.send(item), stream.next())`). Create the \
             queue with `mpsc::channel(capacity)`; in each producer, `send(item).await` \
             before taking the next item (backpressure); take an item off the queue only \
             when a worker is free for it (a permit taken before `recv()`, not after)."
        )
    })
}

#[tokio::test(start_paused = true)]
async fn the_queue_holds_at_most_capacity_items() {
    // (items per producer, workers, capacity): fewer workers than room, more workers
    // than room, and a single producer.
    let setups: [(&[u32], usize, usize); 3] = [(&COUNTS, 2, 2), (&[6, 6], 4, 1), (&[12], 1, 3)];
    for (counts, workers, capacity) in setups {
        let bench = Bench::default();
        bench.run(counts, workers, capacity).await;
        let setup = Setup {
            producers: counts.len(),
            workers,
            capacity,
        };
        if let Some(lesson) = bound_lesson(&bench, setup) {
            panic!("{lesson}");
        }
        // The producers are ten times faster than the workers: the queue fills up, and
        // each producer then holds an item while it waits for room.
        let (max, bound) = (bench.waiting.max(), capacity + counts.len());
        let plural = |n: usize, what: &str| format!("{n} {what}{}", if n == 1 { "" } else { "s" });
        assert!(
            max == bound,
            "With {} much faster than {}, and room for \
             {capacity}: at most {max} items were produced and not yet started by a worker \
             at once; a full queue and one item in each producer's hands make {bound}. \
             Either the queue holds fewer than `capacity` items (make it \
             `mpsc::channel(capacity)`, not a smaller number such as \
             `capacity.min(workers)` or 1), or a producer did not hold an item of its own \
             while the queue was full: it reserved its place before taking the item (take \
             it first: `send(item).await` after `next()`), or it was not polled while \
             another producer waited for room (one task forwarding every stream, as \
             `select_all` does; give each producer a task of its own).",
            plural(counts.len(), "producer"),
            plural(workers, "worker"),
        );
    }
}

/// Why a pipeline took `took` instead of `expected`.
fn timing_lesson(bench: &Bench, took: Duration, expected: Duration, setup: Setup) -> String {
    let Setup {
        producers,
        workers,
        capacity,
    } = setup;
    let (at_once, producing) = (bench.processing.max(), bench.producing.max());
    if producing == 1 && producers > 1 {
        "The producers took turns: only one of them was producing an item at any time. \
         Give each producer a task of its own, with its own clone of the `Sender`, so \
         that a slow producer does not hold up the others."
            .into()
    } else if at_once == 1 && workers > 1 {
        let lock = "If the workers share the receiver behind a Mutex, a worker must release \
                    the lock before it processes its item: `let next = \
                    rx.lock().await.recv().await;` drops the guard at the end of that \
                    statement, but in `while let Some(item) = rx.lock().await.recv().await \
                    { .. }` the guard lives until the end of the loop body, so the lock is \
                    held while processing.";
        if producers == 1 {
            format!(
                "Only one item was processed at a time, with {workers} workers: either only one \
                 worker was taking items (start `workers` of them, however many producers \
                 there are), or the workers took turns at the queue. {lock}"
            )
        } else {
            format!("Only one item was processed at a time. {lock}")
        }
    } else if at_once > workers {
        "More items were processed at once than there are workers: at most `workers` \
         calls of `process` may run at the same time (not an unlimited task per item)."
            .into()
    } else if producing < producers && producing == capacity {
        format!(
            "At most {producing} of the {producers} producers were producing an item at the \
             same time: as many as the queue has room for. A producer held its place in \
             the queue while it produced its item (`tx.reserve().await`, or a permit \
             taken, before `next()`), so the others waited for that place. Take the item \
             first, then wait for room while holding it: `tx.send(item).await`."
        )
    } else if at_once < workers && at_once == producers {
        format!(
            "At most {at_once} items were processed at the same time: as many as there are \
             producers, not `workers` ({workers}). Start `workers` workers however many \
             producers there are: one fast producer can keep many workers busy."
        )
    } else if at_once < workers && at_once == capacity {
        format!(
            "At most {at_once} items were processed at the same time: as many as the queue \
             has room for, not `workers` ({workers}). An item kept its place in the queue \
             while it was processed (a permit released only when `process` is done); the \
             room in the queue is for items waiting, and a worker frees it when it takes \
             an item."
        )
    } else if took < expected {
        "That is too soon for all the work to be done: items were skipped, or the workers \
         were stopped before the queue was empty."
            .into()
    } else {
        "The workers were not kept busy: each should take the next item as soon as it has \
         processed the last, and every producer should feed the queue from the start."
            .into()
    }
}

/// `timeline` with `rounds` rounds of `at_once` calls of `process`, of `took` each, a
/// round starting at `first` and then every `every`.
fn with_rounds(
    mut timeline: Timeline,
    (first, every, took): (Duration, Duration, Duration),
    rounds: u32,
    at_once: u32,
) -> Timeline {
    for round in 0..rounds {
        let start = first + every * round;
        for _ in 0..at_once {
            timeline = timeline.bar("process", start, start + took);
        }
    }
    timeline
}

#[tokio::test(start_paused = true)]
async fn the_workers_process_items_at_the_same_time() {
    let bench = Bench::default();
    bench.run(&COUNTS, WORKERS, CAPACITY).await;
    let took = bench.trace.elapsed();

    // The first items appear after 10 ms; then 12 items of 100 ms on 2 workers.
    let expected = PRODUCE_EVERY + PROCESS_TIME * 12 / WORKERS as u32;
    let at_once = bench.processing.max();
    let setup = Setup {
        producers: COUNTS.len(),
        workers: WORKERS,
        capacity: CAPACITY,
    };
    let lesson = timing_lesson(&bench, took, expected, setup);
    let call = Timeline::new().bar("run_pipeline", ms(0), expected);
    let times = (PRODUCE_EVERY, PROCESS_TIME, PROCESS_TIME);
    let two_busy_workers = with_rounds(call, times, 6, 2);
    bench.trace.assert_elapsed(
        expected,
        format_args!(
            "12 items of 100ms on {WORKERS} workers, after the first item appears at 10ms \
             (the most processed at once: {at_once}). {lesson}"
        ),
        &two_busy_workers,
    );
}

#[tokio::test(start_paused = true)]
async fn more_workers_than_producers_are_all_busy() {
    // Two fast producers, four workers: every worker has work from the start.
    let (counts, workers, capacity) = ([6, 6], 4, 3);
    let bench = Bench::default();
    bench.run(&counts, workers, capacity).await;
    let took = bench.trace.elapsed();

    // Two items appear at 10 ms and two at 20 ms; then each worker takes three rounds.
    let expected = ms(320);
    let at_once = bench.processing.max();
    let setup = Setup {
        producers: counts.len(),
        workers,
        capacity,
    };
    let lesson = timing_lesson(&bench, took, expected, setup);
    let call = Timeline::new().bar("run_pipeline", ms(0), expected);
    let early = with_rounds(call, (ms(10), PROCESS_TIME, PROCESS_TIME), 3, 2);
    let four_busy_workers = with_rounds(early, (ms(20), PROCESS_TIME, PROCESS_TIME), 3, 2);
    bench.trace.assert_elapsed(
        expected,
        format_args!(
            "2 producers, {workers} workers: 12 items of 100ms, 4 at a time, the first two \
             at 10ms and the next two at 20ms (the most processed at once: {at_once}). \
             {lesson}"
        ),
        &four_busy_workers,
    );
}

#[tokio::test(start_paused = true)]
async fn an_idle_worker_takes_the_next_item() {
    // One producer of 8 items; item 1 takes 500 ms, the others 10 ms. While one worker
    // is busy with item 1, the other must take every other item from the shared queue.
    let bench = Bench {
        process_time: ms(10),
        slow_item: Some((1, ms(500))),
        ..Bench::default()
    };
    let (workers, capacity) = (2, 2);
    bench.run(&[8], workers, capacity).await;
    let took = bench.trace.elapsed();

    let expected = ms(510);
    let setup = Setup {
        producers: 1,
        workers,
        capacity,
    };
    let lesson = if took > expected && bench.processing.max() == workers {
        let late = if bench.started_late.load(Ordering::SeqCst) {
            " (and some item's `process` future first ran well after `process` was called \
             with it: a worker took that item before it was done with the last one)"
        } else {
            ""
        };
        format!(
            "Items waited behind the slow item 1 while the other worker was free{late}. \
             Every worker must take its items from the one shared queue when it is ready \
             for them: not from a queue of its own, and not dealt out in turn or ahead of \
             time."
        )
    } else {
        timing_lesson(&bench, took, expected, setup)
    };
    let mut shared =
        Timeline::new()
            .bar("run_pipeline", ms(0), expected)
            .bar("process", ms(10), ms(510));
    for n in 2..=8 {
        shared = shared.bar("process", ms(10) * n, ms(10) * (n + 1));
    }
    bench.trace.assert_elapsed(
        expected,
        format_args!(
            "Item 1 takes 500ms and items 2 to 8 take 10ms each; they appear one every \
             10ms. With 2 workers at one queue, the second worker does items 2 to 8 while \
             the first is busy with item 1, so the run ends when item 1 does, at 510ms. \
             {lesson}"
        ),
        &shared,
    );
}

#[tokio::test(start_paused = true)]
async fn the_producers_run_at_the_same_time() {
    // Now the producers are the slow side: an item every 100 ms, processed in 10 by
    // one worker per producer.
    let bench = Bench {
        produce_every: ms(100),
        process_time: ms(10),
        mark_producers: true,
        ..Bench::default()
    };
    bench.run(&COUNTS, COUNTS.len(), CAPACITY).await;
    let took = bench.trace.elapsed();

    let expected = ms(410);
    let setup = Setup {
        producers: COUNTS.len(),
        workers: COUNTS.len(),
        capacity: CAPACITY,
    };
    let lesson = timing_lesson(&bench, took, expected, setup);
    // Each producer yields an item every 100ms; each round of 3 is processed at once.
    let mut side_by_side = Timeline::new().bar("run_pipeline", ms(0), expected);
    for p in 0..COUNTS.len() {
        let producer = format!("producer {p}");
        for n in 1..=4 {
            side_by_side = side_by_side.mark(&producer, ms(100) * n);
        }
    }
    let side_by_side = with_rounds(side_by_side, (ms(100), ms(100), ms(10)), 4, 3);
    bench.trace.assert_elapsed(
        expected,
        format_args!(
            "3 producers yield 4 items each, one every 100ms, at the same time, so the \
             last items appear at 400ms and 3 workers have processed them by 410ms. \
             {lesson}"
        ),
        &side_by_side,
    );
}

#[tokio::test(start_paused = true)]
async fn everything_stops_when_the_producers_finish() {
    // Producers that end at different times: the first after 10 ms, the last after 80.
    let counts = [1, 8, 3];
    let bench = Bench::default();
    let before = tasks_alive();
    let outputs = bench.run(&counts, 3, 1).await;

    assert_exactly_once(&outputs, &Bench::items(&counts).concat());
    let left = tasks_alive() - before;
    assert_eq!(
        left, 0,
        "{left} tasks spawned by run_pipeline were still alive after it returned. Wait for \
         every worker and producer task before returning (keep their `JoinHandle`s, or use \
         a `JoinSet`): a detached task is a leak."
    );
}

#[tokio::test(start_paused = true)]
async fn no_producers_means_no_work() {
    let bench = Bench::default();
    let watch = Stopwatch::start();
    let outputs = bench.run(&[], WORKERS, CAPACITY).await;

    assert!(
        outputs.is_empty(),
        "nothing was produced, yet got {outputs:?}"
    );
    watch.assert_elapsed(
        ms(0),
        "With no producers, the queue is closed at once: the workers' first `recv()` \
         returns `None`, and run_pipeline returns without waiting.",
    );
}

/// What the pipeline did after it ended (panicked or was dropped) at `ended`: fails
/// unless, a second later, nothing it started is running or has done anything more.
async fn assert_nothing_goes_on(bench: &Bench, tasks_before: usize, how: &str) {
    let ended = bench.trace.elapsed();
    let (asked, called) = (bench.producing.total(), bench.processing.total());
    let yielded = bench.waiting.total();
    // A millisecond is enough for aborted tasks to be dropped; a call of `process`
    // (100 ms) still running then was left to finish on its own.
    tokio::time::sleep(ms(1)).await;
    let running_soon = bench.processing.current();
    tokio::time::sleep(ms(999)).await;
    let asked = bench.producing.total() - asked;
    let called = bench.processing.total() - called;
    let yielded = bench.waiting.total() - yielded;
    let running = bench.processing.current();
    let tasks = tasks_alive().saturating_sub(tasks_before);
    let went_on: Vec<String> = [
        (asked, "the producers were asked for more items"),
        (
            yielded,
            "producers were still polled and finished items they had been producing",
        ),
        (called, "`process` was called again"),
        (
            running_soon.max(running),
            "calls of `process` were still running a millisecond later, left to finish",
        ),
        (tasks, "tasks it had spawned were still alive"),
    ]
    .into_iter()
    .filter(|&(n, _)| n > 0)
    .map(|(n, what)| format!("{what} ({n})"))
    .collect();
    assert!(
        went_on.is_empty(),
        "run_pipeline {how} at {ended:?}, yet in the second after that {}. Once the call is \
         over, so is everything it started: keep the tasks in a `JoinSet`, which aborts them \
         all when it is dropped (with the future, or while a panic unwinds). A dropped \
         `JoinHandle` does not stop its task: it detaches it, and the task runs on.{}",
        went_on.join(", "),
        if running_soon > 0 && tasks == 0 {
            // Every task it spawned ended within the second: the calls were not stopped
            // with them, but ran to their end.
            " A call of `process` that runs on after the task that made it is stopped \
             runs in a task of its own (`tokio::spawn(process(item))`, awaited by its \
             handle): await `process(item)` in the worker itself."
        } else {
            ""
        }
    );
}

/// The panic `outcome` caught, unless it is a `todo!()`'s (passed on as it is).
fn caught(outcome: std::thread::Result<Vec<u32>>) -> Result<Vec<u32>, String> {
    outcome.map_err(|payload| match panic_text(&*payload) {
        Some(text) if text.contains(TODO) => panic!("{text}"),
        Some(text) => text.to_owned(),
        None => "(a panic without a message)".to_owned(),
    })
}

thread_local! {
    /// Set while this thread runs a call that should panic: its panic is not printed.
    static EXPECTING_A_PANIC: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Keeps the panics the tests cause on purpose out of the output (and so out of the
/// recorded failures, which show the first panic printed): the fixture's, by their
/// text, and any panic while [`expecting_a_panic`] is set on the thread. Installed
/// once, in this order, so that the two hooks cannot race.
fn quiet_expected_panics() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        quiet_panics_containing(PROCESS_PANIC);
        quiet_panics_containing(PRODUCER_PANIC);
        let printing = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !EXPECTING_A_PANIC.with(std::cell::Cell::get) {
                printing(info);
            }
        }));
    });
}

/// Until the returned guard is dropped, a panic on this thread is not printed.
fn expecting_a_panic() -> impl Drop {
    struct Expecting;
    impl Drop for Expecting {
        fn drop(&mut self) {
            EXPECTING_A_PANIC.with(|flag| flag.set(false));
        }
    }
    quiet_expected_panics();
    EXPECTING_A_PANIC.with(|flag| flag.set(true));
    Expecting
}

/// Runs the pipeline and catches its panic: `Err` with the panic's text.
async fn run_catching(
    bench: &Bench,
    counts: &[u32],
    workers: usize,
    capacity: usize,
) -> Result<Vec<u32>, String> {
    let lists = Bench::items(counts);
    let items = lists.iter().map(Vec::len).sum();
    let pipeline = run_pipeline(
        bench.producers_of(&lists),
        workers,
        capacity,
        bench.process(),
    );
    let outcome = bench
        .watched(
            items,
            tokio::time::timeout(WATCHDOG, AssertUnwindSafe(pipeline).catch_unwind()),
        )
        .await;
    match outcome {
        Ok(outcome) => caught(outcome),
        Err(_) => panic!("{}", bench.why_stuck(items)),
    }
}

/// What the caller's panic message `text` says about how the task's panic `original`
/// was passed on. (A message that quotes a fixture's panic verbatim would be kept out
/// of the output with it: the quoted text is shown with `original` left out.)
fn wrapped(text: &str, original: &str) -> String {
    if text.contains("JoinError") && text.contains(original) {
        // Not quoted: the task id in it changes from run to run.
        "Its message quotes the task's message inside a `JoinError`: a new panic was \
         made from the error (`.unwrap()` or `.expect(..)` on what `join_next` returned, \
         or `panic!(\"{e:?}\")`), and the caller no longer gets the panic that happened \
         (a payload that is not a string would be lost altogether)."
            .to_owned()
    } else if text.contains(original) {
        format!(
            "Its message, {:?}, wraps the task's message (shown as \"…\") in a new panic, \
             and the caller no longer gets the panic that happened (a payload that is not \
             a string would be lost altogether).",
            text.replace(original, "…")
        )
    } else {
        let quiet = [PROCESS_PANIC, PRODUCER_PANIC];
        let shown = quiet.iter().fold(text.to_owned(), |text, marker| {
            text.replace(marker, "(a panic at item)")
        });
        format!("Its message is another one: {shown:?}.")
    }
}

#[tokio::test(start_paused = true)]
async fn a_panic_in_process_reaches_the_caller() {
    quiet_expected_panics();
    let bench = Bench {
        panics_on: Some(102),
        ..Bench::default()
    };
    let before = tasks_alive();
    match run_catching(&bench, &COUNTS, WORKERS, CAPACITY).await {
        Ok(outputs) if !bench.panicked.load(Ordering::SeqCst) => panic!(
            "`process` would have panicked on item 102, but it never ran with that item: \
             run_pipeline returned {} outputs for 12 items, and item 102 was lost on the way.",
            outputs.len()
        ),
        Ok(outputs) => panic!(
            "`process` panicked on item 102, yet run_pipeline returned normally, with {} \
             outputs for 12 items. A worker's panic must reach the caller: don't skip the \
             `Err` that `join_next` gives for a task that panicked; raise it again with \
             `std::panic::resume_unwind(error.into_panic())`.",
            outputs.len()
        ),
        Err(text) => assert!(
            text == format!("{PROCESS_PANIC} 102"),
            "`process` panicked on item 102; run_pipeline panicked too, but not with that \
             panic. {} Pass the worker's panic on as it was, with its own message: \
             `std::panic::resume_unwind(error.into_panic())`.",
            wrapped(&text, &format!("{PROCESS_PANIC} 102"))
        ),
    }
    assert_nothing_goes_on(&bench, before, "panicked").await;
}

#[tokio::test(start_paused = true)]
async fn a_panic_in_a_producer_reaches_the_caller() {
    quiet_expected_panics();
    let bench = Bench {
        stream_panics_at: Some(103),
        ..Bench::default()
    };
    let before = tasks_alive();
    match run_catching(&bench, &COUNTS, WORKERS, CAPACITY).await {
        Ok(outputs) if !bench.panicked.load(Ordering::SeqCst) => panic!(
            "Producer 1's stream would have panicked when asked for its third item, but it \
             was never asked for it: run_pipeline returned {} outputs without reading that \
             stream to its end.",
            outputs.len()
        ),
        Ok(outputs) => panic!(
            "Producer 1's stream panicked when asked for its third item, yet run_pipeline \
             returned normally, with {} outputs. A producer's panic must reach the caller \
             too: join the producer tasks as well as the workers, and raise a panic again \
             with `std::panic::resume_unwind(error.into_panic())`.",
            outputs.len()
        ),
        Err(text) => assert!(
            text == format!("{PRODUCER_PANIC} 103"),
            "Producer 1's stream panicked when asked for its third item; run_pipeline \
             panicked too, but not with that panic. {} Pass the producer's panic on as it \
             was, with its own message: `std::panic::resume_unwind(error.into_panic())`.",
            wrapped(&text, &format!("{PRODUCER_PANIC} 103"))
        ),
    }
    assert_nothing_goes_on(&bench, before, "panicked").await;
}

#[tokio::test(start_paused = true)]
async fn a_panic_in_the_only_worker_reaches_the_caller() {
    // One worker, and a queue of one: when it panics, no worker is left to make room.
    quiet_expected_panics();
    let bench = Bench {
        panics_on: Some(102),
        ..Bench::default()
    };
    let before = tasks_alive();
    let lists = Bench::items(&COUNTS);
    let pipeline = run_pipeline(bench.producers_of(&lists), 1, 1, bench.process());
    // A second panic (a producer's, say) is not printed either: it is reported below.
    let quiet = expecting_a_panic();
    let outcome = bench
        .watched(
            12,
            tokio::time::timeout(WATCHDOG, AssertUnwindSafe(pipeline).catch_unwind()),
        )
        .await;
    drop(quiet);
    let setup = "With 1 worker and room for 1, `process` panicked on item 102";
    let Ok(outcome) = outcome else {
        panic!(
            "{setup}, and run_pipeline then neither panicked nor returned within {WATCHDOG:?} \
             of virtual time, with {} of 12 items processed: it was waiting for something \
             that only a worker would have done (the producers wait for room that no worker \
             makes any more). A worker's panic must reach the caller as soon as it is seen: \
             wait for the workers (their `JoinSet` gives the panic at once) before anything \
             that waits for the producers, and keep no handle on the receiver of your own.",
            bench.processing.total()
        );
    };
    let original = format!("{PROCESS_PANIC} 102");
    match caught(outcome) {
        Ok(outputs) => panic!(
            "{setup}, yet run_pipeline returned normally, with {} outputs for 12 items. A \
             worker's panic must reach the caller: raise it again with \
             `std::panic::resume_unwind(error.into_panic())`.",
            outputs.len()
        ),
        Err(text) if text.contains("SendError") => panic!(
            "{setup}; run_pipeline panicked too, but with a producer's panic about a \
             `SendError`, not the worker's: once the only worker was gone, the queue was \
             closed and a producer's `send` failed, and its `.unwrap()` (or `.expect(..)`) \
             made a second panic, which reached the caller first. A closed queue is no \
             error of the producer's: stop producing (`if tx.send(item).await.is_err() {{ \
             break }}`); and wait for the workers before the producers, so that the panic \
             that happened first is the one raised."
        ),
        Err(text) => assert!(
            text == original,
            "{setup}; run_pipeline panicked too, but not with that panic. {} Pass the \
             worker's panic on as it was: `std::panic::resume_unwind(error.into_panic())`.",
            wrapped(&text, &original)
        ),
    }
    assert_nothing_goes_on(&bench, before, "panicked").await;
}

/// What `process` or a producer's stream panics with in the tests of a panic with any
/// payload: a value, not a message.
#[derive(Debug, PartialEq)]
struct Refused(u32);

/// One producer of the items 1 to 3.
fn three_items() -> Vec<BoxStream<'static, u32>> {
    vec![stream::iter([1_u32, 2, 3]).boxed()]
}

/// Fails unless `pipeline`, of 3 items, in which `who` panics with
/// `std::panic::panic_any(Refused(2))`, panics with that very payload.
async fn assert_the_payload_is_passed_on(who: &str, pipeline: impl Future<Output = Vec<u32>>) {
    // `panic!("…")` panics with a `String` or a `&str`; `std::panic::panic_any` with
    // any value at all.
    let subject = format!("{}{}", who[..1].to_uppercase(), &who[1..]);
    let quiet = expecting_a_panic();
    let outcome = testkit::no_spin(
        BUSY_POLLS,
        |polls, at| {
            format!(
                "run_pipeline's own future was polled {polls} times at {at:?} without the \
                 clock moving: it is busy-waiting instead of awaiting what it waits for"
            )
        },
        tokio::time::timeout(WATCHDOG, AssertUnwindSafe(pipeline).catch_unwind()),
    )
    .await;
    drop(quiet);
    let Ok(outcome) = outcome else {
        panic!(
            "{subject} panicked with a value, `std::panic::panic_any(Refused(2))`, and \
             run_pipeline then neither panicked nor returned within {WATCHDOG:?} of virtual \
             time."
        );
    };
    let payload = match outcome {
        Ok(outputs) => panic!(
            "{subject} panicked with a value (`std::panic::panic_any(Refused(2))`), yet \
             run_pipeline returned normally, with {} outputs for 3 items.",
            outputs.len()
        ),
        Err(payload) => payload,
    };
    if let Some(refused) = payload.downcast_ref::<Refused>() {
        assert_eq!(
            refused,
            &Refused(2),
            "the panic's payload is not the value {who} panicked with"
        );
        return;
    }
    let got = match panic_text(&*payload) {
        // Not quoted: the task id in it changes from run to run.
        Some(text) if text.contains("JoinError") => {
            "a message that quotes a `JoinError` (`.unwrap()` or `.expect(..)` on what \
             `join_next` returned)"
                .to_owned()
        }
        Some(text) => format!("a message, {text:?}"),
        None => "a payload of another type".to_owned(),
    };
    panic!(
        "{subject} panicked with a value, not a message: \
         `std::panic::panic_any(Refused(2))`. run_pipeline panicked with {got}: it made a \
         new panic (from the payload read as a `String` or `&str`, say) instead of passing \
         on the one that happened. `std::panic::resume_unwind(error.into_panic())` passes \
         on any payload, unchanged{}.",
        if who.contains("producer") {
            ", a producer's as well as a worker's"
        } else {
            ""
        }
    );
}

#[tokio::test(start_paused = true)]
async fn a_panic_with_any_payload_reaches_the_caller() {
    let pipeline = run_pipeline(three_items(), 2, 1, |item: u32| async move {
        tokio::time::sleep(PROCESS_TIME).await;
        if item == 2 {
            std::panic::panic_any(Refused(item));
        }
        item
    });
    assert_the_payload_is_passed_on("`process`", pipeline).await;
}

#[tokio::test(start_paused = true)]
async fn a_producer_panic_with_any_payload_reaches_the_caller() {
    let producers = three_items()
        .into_iter()
        .map(|items| {
            items
                .map(|item| {
                    if item == 2 {
                        std::panic::panic_any(Refused(item));
                    }
                    item
                })
                .boxed()
        })
        .collect();
    let pipeline = run_pipeline(producers, 2, 1, |item: u32| async move {
        tokio::time::sleep(PROCESS_TIME).await;
        item
    });
    assert_the_payload_is_passed_on("the producer's stream", pipeline).await;
}

#[tokio::test(start_paused = true)]
async fn a_cancelled_pipeline_leaves_nothing_running() {
    let bench = Bench::default();
    let before = tasks_alive();
    let lists = Bench::items(&COUNTS);
    let pipeline = run_pipeline(
        bench.producers_of(&lists),
        WORKERS,
        CAPACITY,
        bench.process(),
    );
    let cut = bench
        .watched(12, tokio::time::timeout(ms(250), pipeline))
        .await;
    assert!(
        cut.is_err(),
        "a 610 ms pipeline returned within a 250 ms timeout"
    );
    assert_nothing_goes_on(&bench, before, "was dropped (by a `timeout`)").await;

    // Slow producers (an item every 200 ms), cut at 300 ms: in the middle of producing
    // their second items. Dropped, they must not finish them.
    let bench = Bench {
        produce_every: ms(200),
        ..Bench::default()
    };
    let before = tasks_alive();
    let pipeline = run_pipeline(
        bench.producers_of(&lists),
        WORKERS,
        CAPACITY,
        bench.process(),
    );
    let cut = bench
        .watched(12, tokio::time::timeout(ms(300), pipeline))
        .await;
    assert!(
        cut.is_err(),
        "a pipeline of 4 items per producer, one every 200 ms, returned within a 300 ms \
         timeout"
    );
    assert_nothing_goes_on(
        &bench,
        before,
        "was dropped (by a `timeout`) while its producers were producing",
    )
    .await;
}

#[tokio::test(start_paused = true)]
async fn bad_arguments_fail_at_once() {
    let too_many = MAX_WORKERS + 1;
    let too_big = Semaphore::MAX_PERMITS + 1;
    let cases = [
        (
            0,
            CAPACITY,
            "workers",
            "with no worker nothing takes items off the queue",
        ),
        (
            too_many,
            CAPACITY,
            "workers",
            "more workers than MAX_WORKERS",
        ),
        (
            WORKERS,
            0,
            "capacity",
            "with no room in the queue no item can be handed over",
        ),
        (
            WORKERS,
            too_big,
            "capacity",
            "a channel larger than tokio allows",
        ),
        (
            WORKERS,
            usize::MAX,
            "capacity",
            "a channel larger than tokio allows",
        ),
    ];
    // With the usual producers, and with none: a bad argument is refused even when
    // there would be nothing to do.
    let each = cases
        .into_iter()
        .flat_map(|case| [(case, &COUNTS[..]), (case, &[][..])]);
    for ((workers, capacity, name, why), counts) in each {
        let other = if name == "workers" {
            "capacity"
        } else {
            "workers"
        };
        let bench = Bench::default();
        let before = tasks_alive();
        let call = format!(
            "run_pipeline({} producers, workers: {workers}, capacity: {capacity})",
            counts.len()
        );
        let lists = Bench::items(counts);
        let pipeline = run_pipeline(
            bench.producers_of(&lists),
            workers,
            capacity,
            bench.process(),
        );
        let quiet = expecting_a_panic();
        let outcome = bench
            .watched(
                lists.concat().len(),
                tokio::time::timeout(WATCHDOG, AssertUnwindSafe(pipeline).catch_unwind()),
            )
            .await;
        drop(quiet);
        // Counted at once, before this task yields: a task spawned by the call and
        // aborted as its panic unwound is still alive until the runtime drops it.
        let spawned = tasks_alive().saturating_sub(before);
        let Ok(outcome) = outcome else {
            panic!(
                "{call} neither returned nor panicked within {WATCHDOG:?} of virtual time \
                 ({why}): it hangs. Check the arguments before anything else and refuse \
                 this one at once, naming it: `assert!(..., \"`{name}` must be ...\")`."
            );
        };
        match caught(outcome) {
            Ok(outputs) => panic!(
                "{call} returned {} outputs; it must panic at once instead ({why}), with a \
                 message that names `{name}`, in every build: `assert!`, not \
                 `debug_assert!`, which a release build leaves out.{}",
                outputs.len(),
                if counts.is_empty() {
                    " Even with no producers, where there is nothing to do: check the \
                     arguments first, before any shortcut for an empty input, so that a \
                     mistake shows on every call, not only on the calls with work."
                } else {
                    ""
                }
            ),
            Err(text) => {
                assert!(
                    text.contains(name),
                    "{call} panicked, but its message does not name `{name}`: {text:?}. A \
                     panic deep inside a library tells the caller nothing about their \
                     mistake; check the argument first: `assert!(..., \"`{name}` must be \
                     ...\")`."
                );
                assert!(
                    !text.contains(other),
                    "{call} panicked, naming `{name}`, but its message names `{other}` too, \
                     which is fine here: {text:?}. The caller cannot tell which of the two to \
                     fix. Check each argument on its own, with a message that names only \
                     that one: `assert!(..., \"`{name}` must be ...\")`."
                );
            }
        }
        let (asked, took) = (bench.producing.total(), bench.trace.elapsed());
        assert!(
            asked == 0 && took == ms(0),
            "{call} panicked, as it should, but only after {took:?} and {asked} items asked \
             of the producers: refuse a bad argument at once, before starting anything."
        );
        tokio::time::sleep(ms(1)).await;
        let left = tasks_alive().saturating_sub(before);
        assert_eq!(
            left, 0,
            "{call} panicked, as it should, but left {left} tasks alive: check the \
             arguments before spawning anything."
        );
        assert_eq!(
            spawned, 0,
            "{call} panicked, as it should, naming `{name}`, but only after it had spawned \
             {spawned} tasks (all gone a millisecond later). None of them had taken an \
             item here, as this test runs on one thread, where a spawned task waits for \
             its turn; on a runtime with several threads it starts at once, and a \
             producer may take an item before the panic. Check both arguments first, \
             before spawning anything (the producers' tasks too)."
        );
    }
}

#[tokio::test(start_paused = true)]
async fn the_largest_arguments_work() {
    // MAX_WORKERS producers of one item each, and room for all: every item appears at
    // 10 ms, and MAX_WORKERS workers process them all at once (more than any hidden
    // cap on the workers: 64, 100, 128, 512...).
    let lists = Bench::items(&vec![1; MAX_WORKERS]);
    let bench = Bench::default();
    let pipeline = run_pipeline(
        bench.producers_of(&lists),
        MAX_WORKERS,
        MAX_WORKERS,
        bench.process(),
    );
    // Short, for a pipeline that should take 110ms: one that hands each item to every
    // worker would otherwise call `process` a million times.
    let limit = ms(2000);
    let outcome = bench
        .watched(MAX_WORKERS, tokio::time::timeout(limit, pipeline))
        .await;
    let (at_once, took) = (bench.processing.max(), bench.trace.elapsed());
    let called = bench.processing.total();
    let expected = PRODUCE_EVERY + PROCESS_TIME;
    let lesson = if called > MAX_WORKERS {
        "`process` was called more often than there are items: several workers received \
         the same item. A work queue gives each item to ONE worker: let the workers share \
         one `mpsc::Receiver`."
    } else if at_once < MAX_WORKERS {
        "Something limits the workers below `workers`: start exactly `workers` of them \
         (no `workers.min(..)`, no pool of a fixed size), whatever the number."
    } else {
        "The workers were not all busy from the start."
    };
    let setup = format!(
        "{MAX_WORKERS} producers of one item each, {MAX_WORKERS} workers and room for \
         {MAX_WORKERS}: every item appears at 10ms, and the workers should process them \
         all at once, done at {expected:?}"
    );
    let Ok(outputs) = outcome else {
        panic!(
            "{setup}; run_pipeline had not returned after {limit:?} of virtual time, with \
             {called} calls of `process` started and at most {at_once} running at once. \
             {lesson}"
        );
    };
    assert_exactly_once(&outputs, &lists.concat());
    assert!(
        at_once == MAX_WORKERS && took == expected,
        "{setup}; the most processed at once was {at_once}, and the run took {took:?}. \
         {lesson}"
    );

    let bench = Bench::default();
    let outputs = bench.run(&COUNTS, MAX_WORKERS, CAPACITY).await;
    assert_exactly_once(&outputs, &Bench::items(&COUNTS).concat());

    // Room for as many items as tokio's channels allow: in effect, no bound.
    let bench = Bench::default();
    let outputs = bench.run(&COUNTS, WORKERS, Semaphore::MAX_PERMITS).await;
    assert_exactly_once(&outputs, &Bench::items(&COUNTS).concat());
}

/// Room in the queue in [`a_big_queue_has_room_for_all_of_capacity`]: more than any
/// hidden cap a learner might put on it (1 024, 4 096, 65 536...).
const BIG_QUEUE: usize = 100_000;

#[tokio::test(start_paused = true)]
async fn a_big_queue_has_room_for_all_of_capacity() {
    // One producer of instant items, one worker whose first item takes 100 ms (the
    // others no time at all): by the end of that item, the producer has filled the
    // queue and holds its next item, waiting for room.
    let taken = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let seen = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let counted = taken.clone();
    let producer = stream::iter(1..=BIG_QUEUE + 10)
        .inspect(move |_| {
            counted.fetch_add(1, Ordering::SeqCst);
        })
        .boxed();
    let (counter, at_first) = (taken.clone(), seen.clone());
    let process = move |item: usize| {
        let (taken, seen) = (counter.clone(), at_first.clone());
        async move {
            if item == 1 {
                tokio::time::sleep(PROCESS_TIME).await;
                seen.store(taken.load(Ordering::SeqCst), Ordering::SeqCst);
            }
            item
        }
    };
    let pipeline = run_pipeline(vec![producer], 1, BIG_QUEUE, process);
    // Filling the queue is real work at one instant of virtual time: the watch allows
    // for it, and still catches a busy loop within seconds.
    let outcome = testkit::no_busy_task(
        ms(2_000),
        |_, at| {
            format!(
                "The virtual clock stood still at {at:?} for 2s of real time while \
                 run_pipeline ran: some task never stops running (a busy loop around \
                 `yield_now()` or `try_recv()`) instead of awaiting what it waits for."
            )
        },
        tokio::time::timeout(WATCHDOG, pipeline),
    )
    .await;
    let setup = format!(
        "1 producer of {} instant items, 1 worker whose first item takes 100ms (the others \
         none), room for {BIG_QUEUE}",
        BIG_QUEUE + 10
    );
    let Ok(outputs) = outcome else {
        panic!("{setup}: run_pipeline had not returned after {WATCHDOG:?} of virtual time.");
    };
    assert_eq!(
        outputs.len(),
        BIG_QUEUE + 10,
        "{setup}: run_pipeline returned {} outputs for {} items.",
        outputs.len(),
        BIG_QUEUE + 10
    );
    let (at_first, full) = (seen.load(Ordering::SeqCst), BIG_QUEUE + 2);
    assert!(
        at_first == full,
        "{setup}: when the first item was done, the producer had taken {at_first} items off \
         its stream; {full} was expected: one with the worker, {BIG_QUEUE} in the queue, \
         and one in the producer's hands waiting for room. {}",
        if at_first == full - 1 {
            "The queue was full, but the producer held no item of its own while it waited \
             for room: it reserved its place before taking the item (take it first: \
             `send(item).await` after `next()`)."
        } else if at_first < full {
            "The producer waited while the queue still had room: the queue must have room \
             for `capacity` items, however many that is (`mpsc::channel(capacity)`, no \
             `capacity.min(..)` to save memory: tokio's channel does not allocate its room \
             in advance, it grows with the items queued)."
        } else {
            "More items were taken than the queue has room for: the producer took its next \
             item before the last was in the queue, or the queue is bigger than `capacity`."
        }
    );
}

/// An item that derives nothing (not `Clone`, `Debug`, `Default`...), and is neither
/// `Sync` nor `Unpin`: the task's signature asks only `Send + 'static` of it.
struct Parcel {
    weight: std::cell::Cell<u32>,
    _pinned: std::marker::PhantomPinned,
}

/// An output that derives nothing and is not `Sync`.
struct Receipt(std::cell::Cell<u32>);

/// Runs a pipeline as the task's signature allows: items and outputs that derive
/// nothing, and a `process` that is `Clone + Send` but not `Sync` (nor `Copy`), whose
/// futures are `Send` but not `Sync`. The spec's other values (`u32`s, a `process` that
/// shares its counters) have every trait, so only this shows a bound too many.
///
/// IF THIS DOES NOT COMPILE, your `run_pipeline` asks more of its arguments than the
/// stub's signature does (`T: Clone`, `T: Debug`, `F: Sync`, `Fut: Unpin`, ...): keep the
/// signature exactly as the stub has it, and do without what the bound was for. (Don't
/// derive the trait on `Parcel` or `Receipt`, as the compiler may suggest.) Each worker
/// gets a clone of `process` (`F: Clone`), so none needs an `Arc<F>`, which would ask
/// for `F: Sync`; an item sent or processed is moved, never cloned (a `broadcast`
/// channel, which needs `T: Clone`, hands every item to every worker anyway: a work
/// queue is one `mpsc` receiver, shared); and a message cannot print an item, since it
/// need not be `Debug`.
async fn pipeline_of_parcels() -> Vec<Receipt> {
    let parcels = |weights: [u32; 3]| {
        stream::iter(weights)
            .map(|weight| Parcel {
                weight: std::cell::Cell::new(weight),
                _pinned: std::marker::PhantomPinned,
            })
            .boxed()
    };
    let producers = vec![parcels([1, 2, 3]), parcels([4, 5, 6])];
    let surcharge = std::cell::Cell::new(100);
    let process = move |parcel: Parcel| {
        let surcharge = surcharge.get();
        async move {
            tokio::task::yield_now().await;
            Receipt(std::cell::Cell::new(parcel.weight.get() + surcharge))
        }
    };
    run_pipeline(producers, 2, 1, process).await // Error? Read the note above.
}

#[tokio::test(start_paused = true)]
async fn the_signature_asks_for_nothing_more() {
    let Ok(receipts) = tokio::time::timeout(WATCHDOG, pipeline_of_parcels()).await else {
        panic!(
            "run_pipeline of 6 parcels (2 producers, 2 workers, room for 1) had not returned \
             after {WATCHDOG:?} of virtual time: it hangs here too, as the other tests show."
        );
    };
    let mut weights: Vec<u32> = receipts.iter().map(|receipt| receipt.0.get()).collect();
    weights.sort_unstable();
    assert_eq!(
        weights,
        [101, 102, 103, 104, 105, 106],
        "2 producers of 3 parcels each (weights 1 to 6), each processed into a receipt of \
         its weight plus 100: the receipts, sorted, are not those"
    );
}
