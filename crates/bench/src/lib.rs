//! The guide's core workloads, measured on Tokio and on asyncio side by side.
//!
//! The Tokio side runs the reference solutions' own code wherever a solution has the
//! pattern: `join::fetch_all` (unit 02), `spawn::run_in_background` (03),
//! `channels::run_pipeline` (08) and `semaphore::run_bounded` (09). Four rows have no
//! solution function and are written here as idiomatic Tokio: plain `tokio::spawn` with
//! its handles awaited in order, a channel whose single consumer owns the receiver, the
//! batches (each a `fetch_all`) and the sliding window (`buffer_unordered`).
//!
//! Every workload returns a [`Tally`] (how many results, and their sum) that must equal
//! [`Workload::expected`], a closed form computed without running anything. The Python
//! side (`python/workloads.py`) checks the same tally, so neither side can win by
//! skipping work.

pub mod python;
pub mod report;

use std::future::Future;
use std::time::{Duration, Instant};

use futures::{StreamExt, stream};
use serde_json::{Value, json};
use tokio::runtime::{Builder, Runtime};
use tokio::sync::mpsc;

/// How many results a workload produced, and their sum: the proof that it did its work.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tally {
    pub count: u64,
    pub sum: u64,
}

impl Tally {
    pub fn of(values: impl IntoIterator<Item = u64>) -> Self {
        values
            .into_iter()
            .fold(Tally { count: 0, sum: 0 }, |t, v| Tally {
                count: t.count + 1,
                sum: t.sum + v,
            })
    }

    /// The tally of `0, 1, …, n - 1`, each multiplied by `factor`.
    fn of_range(n: u32, factor: u64) -> Self {
        let n = u64::from(n);
        Tally {
            count: n,
            sum: factor * n * n.saturating_sub(1) / 2,
        }
    }
}

/// How long call `i` of the batched and sliding-window runs waits: 1 to 10 ms, so every
/// batch of ten or more holds one 10 ms call. `python/workloads.py` uses the same formula.
pub fn latency(i: u32) -> Duration {
    Duration::from_millis(1 + u64::from(i % 10))
}

/// One workload, with its sizes. The same values are handed to the Python side as JSON.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Workload {
    /// `tasks` trivial tasks spawned, then joined in order (`create_task` + `gather`).
    Spawn { tasks: u32 },
    /// The same, spawned into a task group and joined as they finish (`TaskGroup`).
    JoinSet { tasks: u32 },
    /// `futures` trivial futures awaited together without spawning (`gather(*coros)`).
    JoinAll { futures: u32 },
    /// `items` numbers through a channel of `capacity` from one producer to one consumer
    /// that owns the receiver and doubles each number (`asyncio.Queue(maxsize=capacity)`).
    Channel { items: u32, capacity: u32 },
    /// The same through a queue shared by `producers` and `workers`, the guide's shape.
    Queue {
        items: u32,
        producers: u32,
        workers: u32,
        capacity: u32,
    },
    /// `calls` calls, each yielding once, at most `limit` at a time (`asyncio.Semaphore`).
    Semaphore { calls: u32, limit: u32 },
    /// `calls` calls of [`latency`], in batches of `size`: each batch waits for its slowest.
    Batched { calls: u32, size: u32 },
    /// The same calls, `window` in flight at any time: a finished call is replaced at once.
    Sliding { calls: u32, window: u32 },
}

impl Workload {
    /// The key shared with the Python side.
    pub fn id(&self) -> &'static str {
        match self {
            Workload::Spawn { .. } => "spawn",
            Workload::JoinSet { .. } => "join_set",
            Workload::JoinAll { .. } => "join_all",
            Workload::Channel { .. } => "channel",
            Workload::Queue { .. } => "queue",
            Workload::Semaphore { .. } => "semaphore",
            Workload::Batched { .. } => "batched",
            Workload::Sliding { .. } => "sliding",
        }
    }

    /// The row's name in the table.
    pub fn label(&self) -> String {
        match *self {
            Workload::Spawn { tasks } => format!(
                "spawn {} tasks, then await each (`create_task` + `gather` / `spawn` + `JoinHandle`)",
                thousands(tasks)
            ),
            Workload::JoinSet { .. } => {
                "the same tasks in a task group (`TaskGroup` / `JoinSet`)".into()
            }
            Workload::JoinAll { futures } => format!(
                "join {} futures without spawning (`gather` / `join_all`)",
                thousands(futures)
            ),
            Workload::Channel { items, capacity } => format!(
                "bounded queue: {} items, 1 producer → 1 consumer, capacity {capacity} (`mpsc`)",
                thousands(items)
            ),
            Workload::Queue {
                producers, workers, ..
            } => format!(
                "the same items, {producers} producers → {workers} consumers (`run_pipeline`)"
            ),
            Workload::Semaphore { calls, limit } => {
                format!("{} calls through a semaphore of {limit}", thousands(calls))
            }
            Workload::Batched { calls, size } => format!(
                "{} calls of 1–10 ms in batches of {size} (waiting alone: {})",
                thousands(calls),
                report::duration(self.floor().expect("a waiting workload"))
            ),
            Workload::Sliding { window, .. } => format!(
                "the same calls, sliding window of {window} (waiting alone: {})",
                report::duration(self.floor().expect("a waiting workload"))
            ),
        }
    }

    /// The row's short name, in the table of costs per item.
    pub fn short(&self) -> String {
        match *self {
            Workload::Spawn { .. } => "spawn and join a task".into(),
            Workload::JoinSet { .. } => "spawn and join a task in a group".into(),
            Workload::JoinAll { .. } => "join a future without spawning".into(),
            Workload::Channel { .. } => "one item, 1 producer → 1 consumer".into(),
            Workload::Queue {
                producers, workers, ..
            } => format!("one item, {producers} producers → {workers} consumers"),
            Workload::Semaphore { .. } => "one call through the semaphore".into(),
            Workload::Batched { .. } => "one call, batched".into(),
            Workload::Sliding { .. } => "one call, sliding window".into(),
        }
    }

    /// How many items the workload handles: the divisor of the cost per item.
    pub fn items(&self) -> u32 {
        match *self {
            Workload::Spawn { tasks: n }
            | Workload::JoinSet { tasks: n }
            | Workload::JoinAll { futures: n }
            | Workload::Channel { items: n, .. }
            | Workload::Queue { items: n, .. }
            | Workload::Semaphore { calls: n, .. }
            | Workload::Batched { calls: n, .. }
            | Workload::Sliding { calls: n, .. } => n,
        }
    }

    /// For the runs that mostly wait: the time the waits alone take, with zero overhead.
    pub fn floor(&self) -> Option<Duration> {
        match *self {
            // Every batch lasts as long as its slowest call.
            Workload::Batched { calls, size } => Some(
                (0..calls)
                    .step_by(size as usize)
                    .map(|start| (start..calls.min(start + size)).map(latency).max())
                    .map(Option::unwrap_or_default)
                    .sum(),
            ),
            // The window keeps `window` calls waiting at all times: the total wait shared
            // out over the lanes.
            Workload::Sliding { calls, window } => {
                Some((0..calls).map(latency).sum::<Duration>() / window)
            }
            _ => None,
        }
    }

    /// The tally a correct run produces, computed without running anything.
    pub fn expected(&self) -> Tally {
        match *self {
            // The consumers double every item.
            Workload::Channel { items, .. } | Workload::Queue { items, .. } => {
                Tally::of_range(items, 2)
            }
            _ => Tally::of_range(self.items(), 1),
        }
    }

    /// The workload as the Python side reads it.
    pub fn to_json(&self) -> Value {
        let mut value = match *self {
            Workload::Spawn { tasks } | Workload::JoinSet { tasks } => json!({ "tasks": tasks }),
            Workload::JoinAll { futures } => json!({ "futures": futures }),
            // The Python side runs both queue rows with one function.
            Workload::Channel { items, capacity } => json!({
                "items": items, "producers": 1, "workers": 1, "capacity": capacity,
            }),
            Workload::Queue {
                items,
                producers,
                workers,
                capacity,
            } => json!({
                "items": items, "producers": producers, "workers": workers, "capacity": capacity,
            }),
            Workload::Semaphore { calls, limit } => json!({ "calls": calls, "limit": limit }),
            Workload::Batched { calls, size } => json!({ "calls": calls, "size": size }),
            Workload::Sliding { calls, window } => json!({ "calls": calls, "window": window }),
        };
        value["id"] = self.id().into();
        value
    }

    /// Runs the workload once on the current Tokio runtime.
    pub async fn run(self) -> Tally {
        match self {
            Workload::Spawn { tasks } => spawn_and_join(tasks).await,
            Workload::JoinSet { tasks } => spawn_into_join_set(tasks).await,
            Workload::JoinAll { futures } => join_without_spawning(futures).await,
            Workload::Channel { items, capacity } => one_to_one(items, capacity).await,
            Workload::Queue {
                items,
                producers,
                workers,
                capacity,
            } => bounded_queue(items, producers, workers, capacity).await,
            Workload::Semaphore { calls, limit } => through_semaphore(calls, limit).await,
            Workload::Batched { calls, size } => batched(calls, size).await,
            Workload::Sliding { calls, window } => sliding_window(calls, window).await,
        }
    }
}

/// What one command measures: the workloads, and how many times each.
#[derive(Clone, Debug)]
pub struct Plan {
    pub quick: bool,
    /// Untimed runs first, so that allocators and caches are warm on both sides.
    pub warmup: u32,
    /// Timed runs; the table shows the fastest (see [`fastest`]).
    pub repeat: u32,
    pub workloads: Vec<Workload>,
}

impl Plan {
    /// The sizes; `quick` divides them by ten and times fewer runs (for CI).
    pub fn new(quick: bool) -> Plan {
        let scale = if quick { 10 } else { 1 };
        Plan {
            quick,
            warmup: 1,
            repeat: if quick { 3 } else { 7 },
            workloads: Plan::sized(scale),
        }
    }

    /// Tiny sizes that still make every pattern wait (a full queue, a taken permit), for
    /// the tests that check both sides compute the same results.
    pub fn tiny() -> Plan {
        Plan {
            quick: true,
            warmup: 0,
            repeat: 1,
            workloads: vec![
                Workload::Spawn { tasks: 100 },
                Workload::JoinSet { tasks: 100 },
                Workload::JoinAll { futures: 100 },
                Workload::Channel {
                    items: 1_000,
                    capacity: 10,
                },
                Workload::Queue {
                    items: 1_001, // not a multiple of the producers: the split must cover it
                    producers: 2,
                    workers: 3,
                    capacity: 10,
                },
                Workload::Semaphore {
                    calls: 100,
                    limit: 7,
                },
                Workload::Batched {
                    calls: 35,
                    size: 10,
                },
                Workload::Sliding {
                    calls: 35,
                    window: 10,
                },
            ],
        }
    }

    fn sized(scale: u32) -> Vec<Workload> {
        vec![
            Workload::Spawn {
                tasks: 100_000 / scale,
            },
            Workload::JoinSet {
                tasks: 100_000 / scale,
            },
            Workload::JoinAll {
                futures: 100_000 / scale,
            },
            Workload::Channel {
                items: 1_000_000 / scale,
                capacity: 100,
            },
            // The guide's producer/consumer shape: two producers, three consumers.
            Workload::Queue {
                items: 1_000_000 / scale,
                producers: 2,
                workers: 3,
                capacity: 100,
            },
            Workload::Semaphore {
                calls: 100_000 / scale,
                limit: 100,
            },
            Workload::Batched {
                calls: 10_000 / scale,
                size: 100.min(10_000 / scale),
            },
            Workload::Sliding {
                calls: 10_000 / scale,
                window: 100.min(10_000 / scale),
            },
        ]
    }

    /// The plan as the Python side reads it.
    pub fn to_json(&self) -> String {
        json!({
            "warmup": self.warmup,
            "repeat": self.repeat,
            "workloads": self.workloads.iter().map(Workload::to_json).collect::<Vec<_>>(),
        })
        .to_string()
    }
}

// ANCHOR: spawn
/// `create_task` for each job, then `gather`: every job becomes a task at once, and the
/// handles are awaited in order. (No solution has this one: it is written here.)
pub async fn spawn_and_join(tasks: u32) -> Tally {
    let handles: Vec<_> = (0..tasks)
        .map(|i| tokio::spawn(async move { u64::from(i) }))
        .collect();
    let mut outputs = Vec::with_capacity(handles.len());
    for handle in handles {
        outputs.push(handle.await.expect("a trivial task panicked"));
    }
    Tally::of(outputs)
}
// ANCHOR_END: spawn

// ANCHOR: join_set
/// `async with TaskGroup()`: the solution of unit 03 spawns every job into a `JoinSet`
/// and joins them as they finish (here with nothing to do in the foreground).
pub async fn spawn_into_join_set(tasks: u32) -> Tally {
    let jobs: Vec<_> = (0..tasks).map(|i| async move { u64::from(i) }).collect();
    let ((), outputs) = spawn::run_in_background(jobs, async {}).await;
    Tally::of(outputs)
}
// ANCHOR_END: join_set

// ANCHOR: join_all
/// `gather(*coros)`: the solution of unit 02 awaits every future inside this one task.
pub async fn join_without_spawning(futures: u32) -> Tally {
    let ids: Vec<u32> = (0..futures).collect();
    let outputs = join::fetch_all(&ids, |id| async move { u64::from(id) }).await;
    Tally::of(outputs)
}
// ANCHOR_END: join_all

async fn double(item: u64) -> u64 {
    item * 2
}

// ANCHOR: channel
/// One producer, one consumer: the consumer owns the receiver (unit 08's worked
/// example), so nothing but the channel stands between them.
pub async fn one_to_one(items: u32, capacity: u32) -> Tally {
    let (tx, mut rx) = mpsc::channel(capacity as usize);
    let producer = tokio::spawn(async move {
        for item in 0..u64::from(items) {
            if tx.send(item).await.is_err() {
                break; // the consumer is gone
            }
        }
    });
    let mut outputs = Vec::new();
    while let Some(item) = rx.recv().await {
        outputs.push(double(item).await);
    }
    producer.await.expect("the producer panicked");
    Tally::of(outputs)
}
// ANCHOR_END: channel

// ANCHOR: queue
/// `asyncio.Queue(maxsize=capacity)` between producers and consumers: the solution of
/// unit 08, an `mpsc` channel whose receiver the workers share.
pub async fn bounded_queue(items: u32, producers: u32, workers: u32, capacity: u32) -> Tally {
    let (items, producers) = (u64::from(items), u64::from(producers));
    // Producer p sends its share of 0..items, in order.
    let streams = (0..producers)
        .map(|p| stream::iter(p * items / producers..(p + 1) * items / producers).boxed())
        .collect();
    let outputs =
        channels::run_pipeline(streams, workers as usize, capacity as usize, double).await;
    Tally::of(outputs)
}
// ANCHOR_END: queue

// ANCHOR: semaphore
/// `async with semaphore:` around every call: the solution of unit 09. Each call yields
/// once (`await asyncio.sleep(0)`), so `limit` calls really are in flight together.
pub async fn through_semaphore(calls: u32, limit: u32) -> Tally {
    let ids: Vec<u32> = (0..calls).collect();
    let outputs = semaphore::run_bounded(&ids, limit as usize, |id| async move {
        tokio::task::yield_now().await;
        u64::from(id)
    })
    .await;
    Tally::of(outputs)
}
// ANCHOR_END: semaphore

async fn slow_call(id: u32) -> u64 {
    tokio::time::sleep(latency(id)).await;
    u64::from(id)
}

// ANCHOR: batched
/// The guide's `batch_process`: `gather` one batch, then the next. Each batch is a
/// `fetch_all` (unit 02), so it lasts as long as its slowest call.
pub async fn batched(calls: u32, size: u32) -> Tally {
    let ids: Vec<u32> = (0..calls).collect();
    let mut outputs = Vec::with_capacity(ids.len());
    for batch in ids.chunks(size as usize) {
        outputs.extend(join::fetch_all(batch, slow_call).await);
    }
    Tally::of(outputs)
}
// ANCHOR_END: batched

// ANCHOR: sliding
/// At most `window` calls in flight, and a new one starts the moment one finishes.
pub async fn sliding_window(calls: u32, window: u32) -> Tally {
    let outputs: Vec<u64> = stream::iter(0..calls)
        .map(slow_call)
        .buffer_unordered(window as usize)
        .collect()
        .await;
    Tally::of(outputs)
}
// ANCHOR_END: sliding

/// The two runtimes every workload runs on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flavor {
    /// One thread runs every task: asyncio's model.
    CurrentThread,
    /// A worker per core (here, two) with work stealing: `#[tokio::main]`'s default.
    MultiThread,
}

impl Flavor {
    pub const ALL: [Flavor; 2] = [Flavor::CurrentThread, Flavor::MultiThread];

    pub fn label(self) -> &'static str {
        match self {
            Flavor::CurrentThread => "Tokio current-thread",
            Flavor::MultiThread => "Tokio multi-thread",
        }
    }

    pub fn runtime(self) -> Runtime {
        match self {
            Flavor::CurrentThread => Builder::new_current_thread(),
            Flavor::MultiThread => Builder::new_multi_thread(),
        }
        .enable_all()
        .build()
        .expect("a Tokio runtime")
    }
}

impl std::fmt::Display for Flavor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.label())
    }
}

// ANCHOR: timed
/// Runs `work` once as a task on `runtime`, timed from inside the task: building the
/// runtime is not part of the work, just as Python's timer starts inside the loop.
///
/// The work is spawned rather than handed to `block_on` itself so that it runs where a
/// server's handlers run, on a worker: on the multi-thread runtime, `block_on` polls its
/// future on the calling thread, outside the workers.
pub fn timed<F>(runtime: &Runtime, work: F) -> (Duration, F::Output)
where
    F: Future + Send + 'static,
    F::Output: Send + 'static,
{
    runtime.block_on(async {
        tokio::spawn(async {
            let start = Instant::now();
            let output = work.await;
            (start.elapsed(), output)
        })
        .await
        .expect("the workload panicked")
    })
}
// ANCHOR_END: timed

/// Runs `workload` `warmup + repeat` times on a fresh runtime of `flavor`, checks every
/// run's tally, and returns the timed runs' durations in seconds.
pub fn measure(workload: Workload, flavor: Flavor, warmup: u32, repeat: u32) -> Vec<f64> {
    let runtime = flavor.runtime();
    let mut seconds = Vec::new();
    for run in 0..warmup + repeat {
        let (elapsed, tally) = timed(&runtime, workload.run());
        assert_eq!(
            tally,
            workload.expected(),
            "{} on {} computed the wrong result",
            workload.id(),
            flavor.label()
        );
        if run >= warmup {
            seconds.push(elapsed.as_secs_f64());
        }
    }
    seconds
}

/// The fastest run: what the code costs when nothing else gets in its way. On a shared
/// machine other processes can only slow a run down, never speed it up, so the slower
/// runs measure the neighbours (the reasoning of Python's `timeit`). Both sides are
/// reported the same way.
pub fn fastest(samples: &[f64]) -> f64 {
    samples.iter().copied().fold(f64::INFINITY, f64::min)
}

/// The median, shown beside the fastest while the command runs.
pub fn median(samples: &[f64]) -> f64 {
    let mut sorted = samples.to_vec();
    sorted.sort_by(f64::total_cmp);
    let mid = sorted.len() / 2;
    if sorted.len() % 2 == 1 {
        sorted[mid]
    } else {
        (sorted[mid - 1] + sorted[mid]) / 2.0
    }
}

/// `100000` as `100,000`.
pub fn thousands(n: u32) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expected_tallies_are_the_sums_of_the_ranges() {
        assert_eq!(
            Workload::Spawn { tasks: 4 }.expected(),
            Tally { count: 4, sum: 6 }
        );
        let queue = Workload::Channel {
            items: 4,
            capacity: 1,
        };
        assert_eq!(queue.expected(), Tally { count: 4, sum: 12 });
        assert_eq!(queue.expected(), Tally::of((0..4).map(|i| i * 2)));
        assert_eq!(Tally::of_range(0, 1), Tally { count: 0, sum: 0 });
    }

    #[test]
    fn floors_are_what_the_waits_alone_take() {
        // Ten batches of 100, each holding a 10 ms call.
        let batched = Workload::Batched {
            calls: 1_000,
            size: 100,
        };
        assert_eq!(batched.floor(), Some(Duration::from_millis(100)));
        // 1,000 calls of 5.5 ms on average, 100 at a time.
        let sliding = Workload::Sliding {
            calls: 1_000,
            window: 100,
        };
        assert_eq!(sliding.floor(), Some(Duration::from_millis(55)));
        assert_eq!(Workload::Spawn { tasks: 1 }.floor(), None);
    }

    #[test]
    fn the_quick_plan_is_the_full_one_shrunk() {
        let (full, quick) = (Plan::new(false), Plan::new(true));
        assert_eq!(full.workloads.len(), quick.workloads.len());
        for (f, q) in full.workloads.iter().zip(&quick.workloads) {
            assert_eq!((f.id(), f.items() / 10), (q.id(), q.items()));
        }
    }

    #[test]
    fn helpers() {
        assert_eq!(thousands(1_000_000), "1,000,000");
        assert_eq!(thousands(100), "100");
        assert_eq!(median(&[3.0, 1.0, 2.0]), 2.0);
        assert_eq!(median(&[4.0, 1.0, 2.0, 3.0]), 2.5);
        assert_eq!(fastest(&[4.0, 1.0, 2.0, 3.0]), 1.0);
    }
}
