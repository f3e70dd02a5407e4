//! What chapter 03 says about spawned tasks, `abort`, `JoinSet` and runtime shutdown,
//! checked. Each test is a sentence of the chapter.

use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering::SeqCst};
use std::time::Duration;

/// Counts itself out when dropped: how a test sees that a task's future is gone.
struct Alive(Arc<AtomicUsize>);

impl Alive {
    fn new(count: &Arc<AtomicUsize>) -> Self {
        count.fetch_add(1, SeqCst);
        Self(count.clone())
    }
}

impl Drop for Alive {
    fn drop(&mut self) {
        self.0.fetch_sub(1, SeqCst);
    }
}

// ANCHOR: scheduled
#[tokio::test]
async fn a_spawned_task_is_scheduled_not_started() {
    let ran = Arc::new(AtomicBool::new(false));
    let flag = ran.clone();
    let handle = tokio::spawn(async move { flag.store(true, SeqCst) });
    // On the current-thread runtime the task runs when this one yields, not before.
    assert!(!ran.load(SeqCst));
    tokio::task::yield_now().await;
    assert!(ran.load(SeqCst));
    handle.await.unwrap();
}
// ANCHOR_END: scheduled

// ANCHOR: abort
#[tokio::test]
async fn abort_lands_where_the_task_next_yields() {
    let steps = Arc::new(AtomicUsize::new(0));
    let counted = steps.clone();
    let handle = tokio::spawn(async move {
        counted.fetch_add(1, SeqCst);
        std::future::ready(()).await; // ready: completes in the same poll, no yield
        counted.fetch_add(1, SeqCst);
        tokio::task::yield_now().await; // Pending once: the task yields here
        counted.fetch_add(1, SeqCst);
    });
    tokio::task::yield_now().await; // the task runs up to its first real yield
    handle.abort();
    assert!(handle.await.unwrap_err().is_cancelled());
    assert_eq!(steps.load(SeqCst), 2, "the step after the yield never ran");
}

#[tokio::test]
async fn abort_does_nothing_to_a_task_that_has_finished() {
    let handle = tokio::spawn(async { 7 });
    tokio::task::yield_now().await;
    assert!(handle.is_finished());
    handle.abort();
    assert_eq!(handle.await.unwrap(), 7);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 1)]
async fn abort_cannot_stop_spawn_blocking() {
    let (started_tx, started) = tokio::sync::oneshot::channel();
    let (release, released) = std::sync::mpsc::channel::<()>();
    let handle = tokio::task::spawn_blocking(move || {
        started_tx.send(()).unwrap();
        released.recv().unwrap(); // a blocking wait: no `.await` to stop at
        "finished anyway"
    });
    started.await.unwrap();
    handle.abort();
    release.send(()).unwrap();
    assert_eq!(handle.await.unwrap(), "finished anyway");
}
// ANCHOR_END: abort

// ANCHOR: join_set_drop
#[tokio::test]
async fn dropping_a_join_set_requests_abort_and_waits_for_nothing() {
    let alive = Arc::new(AtomicUsize::new(0));
    let mut set = tokio::task::JoinSet::new();
    for _ in 0..3 {
        let guard = Alive::new(&alive);
        set.spawn(async move {
            let _guard = guard;
            std::future::pending::<()>().await;
        });
    }
    tokio::task::yield_now().await;
    drop(set);
    assert_eq!(
        alive.load(SeqCst),
        3,
        "drop returned before any task was stopped"
    );
    tokio::task::yield_now().await; // the runtime now drops the aborted futures
    assert_eq!(alive.load(SeqCst), 0);
}

#[tokio::test]
async fn join_set_shutdown_waits_until_every_task_is_gone() {
    let alive = Arc::new(AtomicUsize::new(0));
    let mut set = tokio::task::JoinSet::new();
    for _ in 0..3 {
        let guard = Alive::new(&alive);
        set.spawn(async move {
            let _guard = guard;
            std::future::pending::<()>().await;
        });
    }
    set.shutdown().await;
    assert_eq!(alive.load(SeqCst), 0);
}
// ANCHOR_END: join_set_drop

// ANCHOR: shutdown
#[test]
fn shutting_a_runtime_down_drops_its_tasks_without_running_more_of_them() {
    let alive = Arc::new(AtomicUsize::new(0));
    let after_the_wait = Arc::new(AtomicBool::new(false));
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .unwrap();
    let (guard, flag) = (Alive::new(&alive), after_the_wait.clone());
    runtime.block_on(async move {
        tokio::spawn(async move {
            let _guard = guard;
            tokio::time::sleep(Duration::from_secs(3600)).await;
            flag.store(true, SeqCst); // never reached
        });
        tokio::task::yield_now().await; // the task starts and waits
    });
    assert_eq!(
        alive.load(SeqCst),
        1,
        "block_on returned; the task is still there"
    );
    runtime.shutdown_timeout(Duration::from_secs(1));
    assert_eq!(alive.load(SeqCst), 0, "shutdown dropped the task's future");
    assert!(!after_the_wait.load(SeqCst), "no code after its .await ran");
}

#[test]
fn shutting_a_runtime_down_waits_for_a_blocking_closure_that_has_started() {
    let finished = Arc::new(AtomicBool::new(false));
    let flag = finished.clone();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    runtime.block_on(async move {
        let (started_tx, started) = tokio::sync::oneshot::channel();
        tokio::task::spawn_blocking(move || {
            started_tx.send(()).unwrap();
            std::thread::sleep(Duration::from_millis(50)); // no `.await` to stop at
            flag.store(true, SeqCst);
        });
        started.await.unwrap();
    });
    drop(runtime); // blocks until the closure returns (`shutdown_timeout` would give up)
    assert!(finished.load(SeqCst), "the blocking closure ran to its end");
}
// ANCHOR_END: shutdown

// ANCHOR: shield
#[tokio::test(start_paused = true)]
async fn a_spawned_task_outlives_a_caller_that_stops_waiting() {
    // `asyncio.shield(work)`: the caller's wait can be cancelled, the work cannot.
    let done = Arc::new(AtomicBool::new(false));
    let flag = done.clone();
    let work = tokio::spawn(async move {
        tokio::time::sleep(Duration::from_millis(50)).await;
        flag.store(true, SeqCst);
    });
    let waited = tokio::time::timeout(Duration::from_millis(10), work).await;
    assert!(waited.is_err(), "the caller gave up after 10 ms");
    tokio::time::sleep(Duration::from_millis(100)).await;
    assert!(
        done.load(SeqCst),
        "the task ran on to the end without anybody waiting"
    );
}
// ANCHOR_END: shield

// ANCHOR: trait_send
/// An `async fn` in a trait says nothing about `Send`, so generic code cannot spawn what
/// it returns. Writing the method as `-> impl Future + Send` makes the bound part of
/// the trait; an `async fn` in the impl still satisfies it.
trait Source {
    fn fetch(&self) -> impl Future<Output = u32> + Send;
}

struct Fixed(u32);

impl Source for Fixed {
    async fn fetch(&self) -> u32 {
        self.0
    }
}

async fn fetch_in_background<S: Source + Send + Sync + 'static>(source: Arc<S>) -> u32 {
    tokio::spawn(async move { source.fetch().await })
        .await
        .unwrap()
}

#[tokio::test]
async fn a_trait_method_can_promise_a_send_future() {
    assert_eq!(fetch_in_background(Arc::new(Fixed(3))).await, 3);
}
// ANCHOR_END: trait_send

#[tokio::test(start_paused = true)]
async fn join_next_keeps_completion_order_only_within_a_tasks_budget() {
    // 200 tasks that end 1 ms apart, all finished before anyone joins them.
    let mut set = tokio::task::JoinSet::new();
    for i in 0..200u64 {
        set.spawn(async move {
            tokio::time::sleep(Duration::from_millis(1 + i)).await;
            i
        });
    }
    tokio::time::sleep(Duration::from_secs(1)).await;
    let mut order = Vec::new();
    while let Some(joined) = set.join_next().await {
        order.push(joined.unwrap());
    }
    // The first hundred come in the order they ended; past the budget of 128 operations
    // per poll, one result was sent to the back of the queue.
    assert_eq!(order[..100], (0..100).collect::<Vec<_>>());
    assert_ne!(order, (0..200).collect::<Vec<_>>());
}
