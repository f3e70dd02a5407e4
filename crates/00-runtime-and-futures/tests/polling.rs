//! The worked example's own tests: futures polled by hand, by our executor and by
//! Tokio's runtimes. No test here sleeps or reads the wall clock.

use std::time::Duration;

use runtime_and_futures_example::{
    Countdown, MAX_TASKS, block_on, current_thread_name, launch, run_on_current_thread,
    threads_of_spawned_tasks,
};
use testkit::{Trace, ms};
use tokio_test::{assert_pending, assert_ready_eq, task};

// ANCHOR: by_hand
#[test]
fn countdown_is_pending_then_ready_and_wakes_itself_each_time() {
    // A mock task: we are the executor, and its waker only records that it was woken.
    let mut countdown = task::spawn(Countdown::new(2));

    assert_pending!(countdown.poll());
    assert!(countdown.is_woken(), "it asked to be polled again");
    assert_pending!(countdown.poll());
    assert!(countdown.is_woken());
    assert_ready_eq!(countdown.poll(), "liftoff");
}
// ANCHOR_END: by_hand

#[test]
fn a_countdown_from_zero_is_ready_at_once_without_waking() {
    let mut countdown = task::spawn(Countdown::new(0));
    assert_ready_eq!(countdown.poll(), "liftoff");
    assert!(!countdown.is_woken(), "nothing left to do, so no wake");
}

#[test]
fn poll_until_idle_keeps_polling_while_it_wakes_itself() {
    let mut countdown = task::spawn(Countdown::new(10));
    assert_ready_eq!(countdown.poll_until_idle(), "liftoff");
}

#[test]
fn our_block_on_runs_the_countdown() {
    assert_eq!(block_on(Countdown::new(3)), "liftoff");
}

#[test]
fn our_block_on_sleeps_until_another_thread_wakes_it() {
    // The reply may come while block_on waits on its channel: the receiver's waker is
    // then woken from the other thread, and block_on polls again.
    let (reply, answer) = tokio::sync::oneshot::channel();
    let replier = std::thread::spawn(move || reply.send(42));
    assert_eq!(block_on(answer), Ok(42));
    replier.join().unwrap().unwrap();
}

// ANCHOR: lazy_test
#[tokio::test(start_paused = true)]
async fn an_async_fn_runs_nothing_until_it_is_awaited() {
    let trace = Trace::new();
    let log = |event: String| trace.record(event);

    let future = launch(3, log);
    trace.record("test: future created");
    tokio::time::sleep(ms(100)).await;
    trace.record("test: awaiting it");
    assert_eq!(future.await, "liftoff");

    insta::assert_snapshot!(in_order(&trace), @r"
      0ms  test: future created
    100ms  test: awaiting it
    100ms  launch: counting down from 3
    100ms  launch: liftoff
    ");
}
// ANCHOR_END: lazy_test

#[tokio::test(start_paused = true)]
async fn a_future_dropped_before_its_first_poll_never_runs() {
    let trace = Trace::new();
    let future = launch(3, |event: String| trace.record(event));
    drop(future);
    assert!(trace.events().is_empty(), "the body never started: {trace}");
}

#[test]
fn the_same_future_runs_on_tokio() {
    let word = run_on_current_thread(async {
        tokio::time::sleep(Duration::ZERO).await; // needs Tokio's timer: enable_all()
        Countdown::new(3).await
    });
    assert_eq!(word, "liftoff");
}

#[test]
fn a_current_thread_runtime_runs_every_task_on_the_caller_thread() {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    let here = current_thread_name();
    assert_eq!(threads_of_spawned_tasks(&runtime, 4), vec![here; 4]);
}

#[test]
fn a_multi_thread_runtime_runs_tasks_on_its_workers() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .thread_name("worker")
        .build()
        .unwrap();
    let names = threads_of_spawned_tasks(&runtime, 4);
    assert!(
        names.iter().all(|name| name == "worker"),
        "spawned tasks run on the worker threads, not on the caller: {names:?}"
    );
}

#[test]
fn no_tasks_run_on_no_threads() {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    assert_eq!(threads_of_spawned_tasks(&runtime, 0), Vec::<String>::new());
}

#[test]
#[should_panic(expected = "tasks is more than this demonstration spawns (at most 10000)")]
fn an_absurd_number_of_tasks_fails_at_once_and_says_why() {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    assert_eq!(MAX_TASKS, 10_000);
    threads_of_spawned_tasks(&runtime, usize::MAX);
}

/// The trace in recorded order (its `Display` sorts the events of one instant by text).
fn in_order(trace: &Trace) -> String {
    trace
        .events()
        .iter()
        .map(|(at, event)| format!("{:>5}ms  {event}\n", at.as_millis()))
        .collect()
}
