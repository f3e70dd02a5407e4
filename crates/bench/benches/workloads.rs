//! `cargo bench -p bench`: the Tokio side alone, with divan's statistics (fastest,
//! slowest, median, mean, and items per second) for each workload on each runtime.
//! The side-by-side table with asyncio comes from `cargo run -p bench --release`.

use bench::{Flavor, Plan, Workload, timed};
use divan::Bencher;
use divan::counter::ItemsCount;

fn main() {
    divan::main();
}

/// The workload `id` at the table's full size.
fn full(id: &str) -> Workload {
    Plan::new(false)
        .workloads
        .into_iter()
        .find(|w| w.id() == id)
        .expect("a workload of the plan")
}

/// One sample is one whole run, timed the way the table times it and checked.
fn run(bencher: Bencher, flavor: Flavor, id: &str) {
    run_workload(bencher, flavor, full(id));
}

fn run_workload(bencher: Bencher, flavor: Flavor, workload: Workload) {
    let id = workload.id();
    let runtime = flavor.runtime();
    bencher
        .counter(ItemsCount::new(workload.items()))
        .bench_local(|| {
            let (elapsed, tally) = timed(&runtime, workload.run());
            assert_eq!(tally, workload.expected(), "{id} computed the wrong result");
            elapsed
        });
}

#[divan::bench(args = Flavor::ALL, sample_count = 20)]
fn spawn_and_join(bencher: Bencher, flavor: Flavor) {
    run(bencher, flavor, "spawn");
}

/// Not in the table: the same 100,000 tasks in 100 rounds of 1,000, each round joined
/// before the next is spawned. Against `spawn_and_join`, the difference is what having
/// 100,000 tasks alive at once costs (memory that no longer fits in the caches).
#[divan::bench(args = Flavor::ALL, sample_count = 20)]
fn spawn_and_join_in_rounds_of_1000(bencher: Bencher, flavor: Flavor) {
    let runtime = flavor.runtime();
    bencher
        .counter(ItemsCount::new(100_000u32))
        .bench_local(|| {
            let (elapsed, count) = timed(&runtime, async {
                let mut count = 0;
                for _ in 0..100 {
                    count += bench::spawn_and_join(1_000).await.count;
                }
                count
            });
            assert_eq!(count, 100_000);
            elapsed
        });
}

#[divan::bench(args = Flavor::ALL, sample_count = 20)]
fn spawn_into_join_set(bencher: Bencher, flavor: Flavor) {
    run(bencher, flavor, "join_set");
}

#[divan::bench(args = Flavor::ALL, sample_count = 20)]
fn join_without_spawning(bencher: Bencher, flavor: Flavor) {
    run(bencher, flavor, "join_all");
}

#[divan::bench(args = Flavor::ALL, sample_count = 10)]
fn channel_one_to_one(bencher: Bencher, flavor: Flavor) {
    run(bencher, flavor, "channel");
}

#[divan::bench(args = Flavor::ALL, sample_count = 10)]
fn pipeline_two_to_three(bencher: Bencher, flavor: Flavor) {
    run(bencher, flavor, "queue");
}

/// Not in the table: `run_pipeline` with one producer and one worker, against
/// `channel_one_to_one`, prices the lock around the shared receiver when nobody else
/// wants it (the difference is the uncontended lock taken for every item).
#[divan::bench(args = Flavor::ALL, sample_count = 10)]
fn pipeline_one_to_one(bencher: Bencher, flavor: Flavor) {
    let Workload::Channel { items, capacity } = full("channel") else {
        unreachable!("the channel workload")
    };
    let workload = Workload::Queue {
        items,
        producers: 1,
        workers: 1,
        capacity,
    };
    run_workload(bencher, flavor, workload);
}

#[divan::bench(args = Flavor::ALL, sample_count = 20)]
fn through_semaphore(bencher: Bencher, flavor: Flavor) {
    run(bencher, flavor, "semaphore");
}

#[divan::bench(args = Flavor::ALL, sample_count = 5)]
fn batched(bencher: Bencher, flavor: Flavor) {
    run(bencher, flavor, "batched");
}

#[divan::bench(args = Flavor::ALL, sample_count = 5)]
fn sliding_window(bencher: Bencher, flavor: Flavor) {
    run(bencher, flavor, "sliding");
}
