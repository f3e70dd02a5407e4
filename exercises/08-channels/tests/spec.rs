//! The specification for exercise 08. Every test runs on tokio's paused clock: the
//! delays below are virtual, so the whole file runs in milliseconds, every duration is
//! exact, and a pipeline that never finishes fails at once instead of hanging.
//!
//! The fixture, [`Bench`], plays both ends: its producers yield an item every 10 ms,
//! much faster than its `process` (100 ms an item), so the queue fills up and the
//! producers must be made to wait. It counts each item from the moment a producer
//! yields it until `process` is called with it ("buffered"), and each call of
//! `process` while it runs ("processing"). Its trace draws the timeline a timing
//! failure shows: the call, each call of `process`, and (where a test asks) the items
//! each producer yields.

use std::collections::{BTreeMap, HashMap};
use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use channels::run_pipeline;
use futures::StreamExt;
use futures::stream::{self, BoxStream};
use testkit::{Gauge, InFlight, Stopwatch, Timeline, Trace, ms, tasks_alive};

const PRODUCE_EVERY: Duration = ms(10);
const PROCESS_TIME: Duration = ms(100);
/// How long a pipeline may take before the tests call it stuck (virtual time: free).
const WATCHDOG: Duration = ms(60_000);

/// The producers and the processing, instrumented.
#[derive(Clone)]
struct Bench {
    /// Each producer yields an item this long after the last one.
    produce_every: Duration,
    /// Each call of `process` takes this long.
    process_time: Duration,
    /// Items yielded by a producer and not yet passed to `process`.
    buffered: Gauge,
    /// Calls of `process` still running.
    processing: Gauge,
    /// The `buffered` guard of each item, dropped when `process` is called with it.
    held: Arc<Mutex<HashMap<u32, InFlight>>>,
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
            buffered: Gauge::default(),
            processing: Gauge::default(),
            held: Arc::default(),
            trace: Trace::new(),
            mark_producers: false,
        }
    }
}

impl Bench {
    /// Producer `p` yields items `100 * p + 1 ..= 100 * p + count`, one every
    /// `produce_every` (10 ms unless a test says otherwise).
    fn producers(&self, counts: &[u32]) -> Vec<BoxStream<'static, u32>> {
        (0..)
            .zip(counts)
            .map(|(p, &count)| {
                let bench = self.clone();
                stream::iter(100 * p + 1..=100 * p + count)
                    .then(move |item| {
                        let bench = bench.clone();
                        async move {
                            tokio::time::sleep(bench.produce_every).await;
                            if bench.mark_producers {
                                bench.trace.record(format!("producer {p}: item {item}"));
                            }
                            let guard = bench.buffered.enter();
                            bench.held.lock().unwrap().insert(item, guard);
                            item
                        }
                    })
                    .boxed()
            })
            .collect()
    }

    /// Every item the producers of `counts` yield, in order.
    fn expected(counts: &[u32]) -> Vec<u32> {
        (0..)
            .zip(counts)
            .flat_map(|(p, &count)| 100 * p + 1..=100 * p + count)
            .collect()
    }

    /// The work: takes `process_time` (100 ms unless a test says otherwise), and returns
    /// the item it was given.
    fn process(&self) -> impl Fn(u32) -> BoxFuture + Clone + Send + 'static {
        let bench = self.clone();
        move |item| {
            // Taken off the queue: no longer buffered.
            bench.held.lock().unwrap().remove(&item);
            let (processing, took) = (bench.processing.clone(), bench.process_time);
            let trace = bench.trace.clone();
            Box::pin(async move {
                let _running = processing.enter();
                let span = trace.span("process");
                tokio::time::sleep(took).await;
                span.done();
                item
            })
        }
    }

    /// Runs the pipeline under a watchdog that explains a hang.
    async fn run(&self, counts: &[u32], workers: usize, capacity: usize) -> Vec<u32> {
        let pipeline = run_pipeline(self.producers(counts), workers, capacity, self.process());
        let call = self.trace.span("run_pipeline");
        match tokio::time::timeout(WATCHDOG, pipeline).await {
            Ok(outputs) => {
                call.done();
                outputs
            }
            Err(_) => panic!("{}", self.why_stuck(Bench::expected(counts).len())),
        }
    }

    fn why_stuck(&self, items: usize) -> String {
        let processed = self.processing.total();
        let at = format!(
            "run_pipeline had not returned after {WATCHDOG:?} of virtual time, with {processed} \
             of {items} items processed."
        );
        if processed >= items && self.processing.current() == 0 {
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
}

type BoxFuture = std::pin::Pin<Box<dyn Future<Output = u32> + Send>>;

/// Fails, with what went wrong, unless `outputs` has each item of `expected` once.
///
/// The message neither names nor counts the items: which ones are hit, and how many,
/// depends on the order in which tasks woken at the same instant run, which tokio does
/// not promise (and the recorded failure must be the same on every run).
fn assert_exactly_once(outputs: &[u32], expected: &[u32]) {
    let mut seen = BTreeMap::<u32, usize>::new();
    for &item in outputs {
        *seen.entry(item).or_default() += 1;
    }
    let twice = seen.values().filter(|&&n| n > 1).count();
    let lost = expected.iter().filter(|i| !seen.contains_key(i)).count();
    let mut lesson = String::new();
    if twice > 0 {
        lesson += "\nSome items were processed more than once: more than one worker received \
             the same item. A `broadcast` channel hands every message to every receiver; a \
             work queue gives each item to ONE worker: let the workers share one \
             `mpsc::Receiver`.";
    }
    if lost > 0 {
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
    assert_exactly_once(&outputs, &Bench::expected(&COUNTS));
}

#[tokio::test(start_paused = true)]
async fn the_queue_holds_at_most_capacity_items() {
    let bench = Bench::default();
    bench.run(&COUNTS, WORKERS, CAPACITY).await;

    let bound = CAPACITY + COUNTS.len();
    assert!(
        bench.buffered.max() <= bound,
        "Up to {max} items were produced and not yet taken by a worker; the bound is \
         {bound}: the queue's capacity of {CAPACITY}, plus the one item each of the {p} \
         producers holds while it waits for room. The producers ran ahead of the workers, \
         so memory grows with the backlog: a channel that never makes them wait \
         (`mpsc::unbounded_channel`, or a capacity larger than `capacity`) is the cause. \
         Create the queue with `mpsc::channel(capacity)`; its `send(..).await` waits while \
         the queue is full (backpressure).",
        max = bench.buffered.max(),
        p = COUNTS.len()
    );
}

/// Why a pipeline with `workers` workers took `took` instead of `expected`.
fn timing_lesson(
    bench: &Bench,
    took: Duration,
    expected: Duration,
    workers: usize,
) -> &'static str {
    let at_once = bench.processing.max();
    if at_once == 1 {
        "Only one item was processed at a time. If the workers share the receiver behind \
         a Mutex, a worker must release the lock before it processes its item: \
         `let next = rx.lock().await.recv().await;` drops the guard at the end of that \
         statement, but in `while let Some(item) = rx.lock().await.recv().await { .. }` \
         the guard lives until the end of the loop body, so the lock is held while \
         processing."
    } else if at_once > workers {
        "More items were processed at once than there are workers: start exactly \
         `workers` worker tasks, each processing one item at a time (not a task per item)."
    } else if took < expected {
        "That is too soon for all the work to be done: items were skipped, or the workers \
         were stopped before the queue was empty."
    } else {
        "The workers were not kept busy: each should take the next item as soon as it has \
         processed the last, and every producer should feed the queue from the start."
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
    let lesson = timing_lesson(&bench, took, expected, WORKERS);
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
    let lesson = if took >= ms(1200) {
        "The producers took turns: the second started only when the first had ended. \
         Give each producer a task of its own, with its own clone of the `Sender`, so \
         that a slow producer does not hold up the others."
    } else {
        timing_lesson(&bench, took, expected, COUNTS.len())
    };
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

    assert_exactly_once(&outputs, &Bench::expected(&counts));
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
