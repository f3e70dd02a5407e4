//! What chapter 00 says about wakers, tasks and `Send`, checked: each test is a sentence
//! of the chapter, so the sentence cannot drift from what Tokio does.

use std::cell::Cell;
use std::future::{Future, poll_fn};
use std::rc::Rc;
use std::sync::{Arc, Mutex};
use std::task::{Poll, Waker};

use futures::stream::{FuturesUnordered, StreamExt};

/// The waker of whatever is polling the caller right now.
async fn current_waker() -> Waker {
    poll_fn(|cx| Poll::Ready(cx.waker().clone())).await
}

/// A future that is `Pending` once (waking itself) and then `Ready`, and keeps the waker
/// of each poll in `seen`.
fn recording(seen: Arc<Mutex<Vec<Waker>>>) -> impl Future<Output = ()> {
    let mut polled = false;
    poll_fn(move |cx| {
        seen.lock().unwrap().push(cx.waker().clone());
        if polled {
            Poll::Ready(())
        } else {
            polled = true;
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    })
}

// ANCHOR: wakers
#[tokio::test]
async fn select_polls_its_branches_with_the_tasks_own_waker() {
    let mine = current_waker().await;
    let seen = Arc::new(Mutex::new(Vec::new()));
    tokio::select! {
        () = recording(seen.clone()) => {}
    }
    let seen = seen.lock().unwrap();
    assert_eq!(seen.len(), 2);
    assert!(seen.iter().all(|waker| waker.will_wake(&mine)));
}

#[tokio::test]
async fn futures_unordered_gives_each_future_a_waker_of_its_own() {
    let mine = current_waker().await;
    let seen = Arc::new(Mutex::new(Vec::new()));
    let mut set: FuturesUnordered<_> = [recording(seen.clone())].into_iter().collect();
    set.next().await;
    let seen = seen.lock().unwrap();
    assert_eq!(seen.len(), 2);
    assert!(seen.iter().all(|waker| !waker.will_wake(&mine)));
}
// ANCHOR_END: wakers

// ANCHOR: not_a_task
#[test]
fn the_future_given_to_block_on_is_not_a_task() {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    let (outside, inside) = runtime.block_on(async {
        let spawned = tokio::spawn(async { tokio::task::try_id() });
        (tokio::task::try_id(), spawned.await.unwrap())
    });
    assert_eq!(outside, None, "block_on's future has no task id");
    assert!(inside.is_some(), "a spawned future is a task");
}
// ANCHOR_END: not_a_task

// ANCHOR: local_set
#[tokio::test]
async fn work_that_is_not_send_runs_on_a_local_set() {
    // `Rc` is not `Send`: `tokio::spawn` refuses this future on either runtime flavour.
    let count = Rc::new(Cell::new(0));
    let local = tokio::task::LocalSet::new();
    let counted = count.clone();
    local
        .run_until(async move {
            tokio::task::spawn_local(async move { counted.set(counted.get() + 1) })
                .await
                .unwrap();
        })
        .await;
    assert_eq!(count.get(), 1);
}
// ANCHOR_END: local_set
