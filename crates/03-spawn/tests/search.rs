//! The worked example's own tests, on the paused clock: durations are virtual and exact.

use std::sync::Arc;

use spawn_example::{Index, Shard, first_hits, log_in_background, search_all, search_page};
use testkit::{Stopwatch, Trace, ms, tasks_alive};

/// Lets the runtime run every task that is ready (an aborted task is dropped then).
async fn let_tasks_run() {
    tokio::task::yield_now().await;
}

#[tokio::test(start_paused = true)]
async fn answers_arrive_in_completion_order() {
    let trace = Trace::new();
    let mut searches = search_all(&Index::demo(), "spawn");
    trace.record(format!("{} searches started", searches.len()));
    while let Some(joined) = searches.join_next().await {
        let hits = joined.unwrap();
        trace.record(format!("{}: {:?}", hits.shard, hits.docs));
    }
    // The shards are listed asia, eu, us; they answer in the order of their latency.
    insta::assert_snapshot!(trace, @r#"
         0ms  3 searches started
        80ms  eu: ["spawn needs 'static", "spawn_blocking for CPU work"]
       120ms  us: ["JoinSet of spawned tasks"]
       300ms  asia: ["spawn returns a JoinHandle"]
    "#);
}

#[tokio::test(start_paused = true)]
async fn the_spell_check_runs_beside_the_searches() {
    let watch = Stopwatch::start();
    let page = search_page(&Index::demo(), "spwan").await;
    watch.assert_elapsed(
        ms(300),
        "the 150 ms spell check overlapped the 300 ms search",
    );
    insta::assert_snapshot!(page, @r"
    did you mean: spawn?
    eu    -
    us    -
    asia  -
    ");
}

#[tokio::test(start_paused = true)]
async fn a_spell_check_slower_than_the_results_is_aborted() {
    let fast = Index::new(vec![Shard::new("local", ms(100), &["tokio tasks"])]);
    let before = tasks_alive();
    let watch = Stopwatch::start();
    let page = search_page(&fast, "tokoi").await;
    watch.assert_elapsed(ms(100), "the page did not wait for the 150 ms spell check");
    assert_eq!(page.suggestion, None);

    let_tasks_run().await;
    assert_eq!(tasks_alive(), before, "the aborted spell check is gone");
}

#[tokio::test(start_paused = true)]
async fn first_hits_aborts_the_slow_shards() {
    let before = tasks_alive();
    let watch = Stopwatch::start();
    let docs = first_hits(&Index::demo(), "spawn", 2).await;
    watch.assert_elapsed(ms(80), "eu alone had two hits");
    assert_eq!(docs, ["spawn needs 'static", "spawn_blocking for CPU work"]);

    let_tasks_run().await;
    assert_eq!(
        tasks_alive(),
        before,
        "dropping the JoinSet aborted us and asia"
    );
}

#[tokio::test(start_paused = true)]
async fn first_hits_of_zero_is_empty_at_once_and_searches_nothing() {
    let before = tasks_alive();
    let watch = Stopwatch::start();
    let docs = first_hits(&Index::demo(), "spawn", 0).await;
    watch.assert_elapsed(ms(0), "nothing was needed, so nothing was waited for");
    assert_eq!(docs, Vec::<String>::new());
    assert_eq!(tasks_alive(), before, "and no search was started");
}

#[tokio::test(start_paused = true)]
async fn first_hits_of_more_than_there_are_waits_for_every_shard() {
    let watch = Stopwatch::start();
    let docs = first_hits(&Index::demo(), "spawn", usize::MAX).await;
    watch.assert_elapsed(ms(300), "the slowest shard (asia) answers at 300 ms");
    assert_eq!(
        docs,
        [
            "spawn needs 'static",
            "spawn_blocking for CPU work",
            "JoinSet of spawned tasks",
            "spawn returns a JoinHandle",
        ]
    );
}

#[tokio::test(start_paused = true)]
async fn a_shard_latency_of_zero_answers_at_once_and_of_max_never() {
    let index = Index::new(vec![
        Shard::new("never", std::time::Duration::MAX, &["spawn, eventually"]),
        Shard::new("local", ms(0), &["spawn at once"]),
    ]);
    let before = tasks_alive();
    let watch = Stopwatch::start();
    let docs = first_hits(&index, "spawn", 1).await;
    watch.assert_elapsed(ms(0), "the zero-latency shard answered at once");
    assert_eq!(docs, ["spawn at once"]);

    let_tasks_run().await;
    assert_eq!(
        tasks_alive(),
        before,
        "the shard that never answers was aborted, not waited for"
    );
}

#[tokio::test(start_paused = true)]
async fn a_detached_task_runs_on_after_the_caller_returns() {
    let index = Index::demo();
    let before = tasks_alive();
    log_in_background(&index, "spawn");
    assert_eq!(
        index.logged(),
        Vec::<String>::new(),
        "nothing waited for it"
    );
    assert_eq!(tasks_alive(), before + 1, "but the task is alive");

    tokio::time::sleep(ms(500)).await;
    let_tasks_run().await;
    assert_eq!(index.logged(), ["spawn"]);
    assert_eq!(tasks_alive(), before);
}

// ANCHOR: drop_semantics
/// Records "start", then "done" after `delay`, or "dropped" if it is cancelled first.
async fn step(trace: Trace, name: &'static str, delay: std::time::Duration) {
    struct Cancelled(Trace, &'static str);
    impl Drop for Cancelled {
        fn drop(&mut self) {
            self.0.record(format!("{}: dropped", self.1));
        }
    }
    trace.record(format!("{name}: start"));
    let guard = Cancelled(trace.clone(), name);
    tokio::time::sleep(delay).await;
    std::mem::forget(guard); // finished: not cancelled
    trace.record(format!("{name}: done"));
}

#[tokio::test(start_paused = true)]
async fn a_dropped_handle_detaches_a_dropped_joinset_aborts() {
    let trace = Trace::new();
    let handle = tokio::spawn(step(trace.clone(), "handle", ms(100)));
    let mut set = tokio::task::JoinSet::new();
    set.spawn(step(trace.clone(), "set", ms(100)));

    tokio::time::sleep(ms(10)).await; // both tasks are running now
    drop(handle);
    drop(set);
    tokio::time::sleep(ms(200)).await;

    insta::assert_snapshot!(trace, @r"
         0ms  handle: start
         0ms  set: start
        10ms  set: dropped
       100ms  handle: done
    ");
}
// ANCHOR_END: drop_semantics

#[tokio::test(start_paused = true)]
async fn a_join_error_says_cancelled_or_panicked() {
    let aborted = tokio::spawn(tokio::time::sleep(ms(100)));
    aborted.abort();
    assert!(aborted.await.unwrap_err().is_cancelled());

    let panicked = tokio::spawn(async { panic!("shard on fire") });
    let error = panicked.await.unwrap_err();
    assert!(error.is_panic());
    let message = error.into_panic();
    assert_eq!(message.downcast_ref::<&str>(), Some(&"shard on fire"));
}

#[test]
fn the_index_is_shared_not_copied() {
    let index = Index::demo();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .start_paused(true)
        .build()
        .unwrap();
    let searches = runtime.block_on(async { search_all(&index, "spawn") });
    // One count for us, one per task still holding its clone.
    assert_eq!(Arc::strong_count(&index), 1 + searches.len());
    drop(searches);
    drop(runtime);
    assert_eq!(Arc::strong_count(&index), 1);
}
