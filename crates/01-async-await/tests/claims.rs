//! What chapter 01 says about when an `.await` suspends, checked.

use std::cell::Cell;
use std::rc::Rc;

// ANCHOR: ready_await
#[tokio::test]
async fn awaiting_a_ready_future_does_not_suspend() {
    let local = tokio::task::LocalSet::new();
    local
        .run_until(async {
            let other_ran = Rc::new(Cell::new(false));
            let flag = other_ran.clone();
            tokio::task::spawn_local(async move { flag.set(true) });

            // A thousand `.await`s, every one on a future that is already ready: each
            // completes in the same poll, so this task never gives its thread back.
            for _ in 0..1000 {
                std::future::ready(()).await;
            }
            assert!(!other_ran.get(), "no .await above returned Pending");

            // `yield_now` returns Pending once: now the other task gets its turn.
            tokio::task::yield_now().await;
            assert!(other_ran.get());
        })
        .await;
}
// ANCHOR_END: ready_await

// ANCHOR: budget
#[tokio::test]
async fn tokio_resources_make_a_busy_task_yield_now_and_then() {
    let local = tokio::task::LocalSet::new();
    local
        .run_until(async {
            let (tx, mut rx) = tokio::sync::mpsc::channel(1000);
            for i in 0..1000 {
                tx.try_send(i).unwrap();
            }
            let other_ran = Rc::new(Cell::new(false));
            let flag = other_ran.clone();
            tokio::task::spawn_local(async move { flag.set(true) });

            // Every `recv` here could complete at once: the queue is full. But each
            // Tokio resource spends from the task's cooperative budget (128 operations
            // per turn); when it is spent, `recv` returns Pending once anyway, and the
            // other task runs long before the queue is drained.
            let mut received_before_the_other_ran = None;
            for received in 0..1000 {
                rx.recv().await.unwrap();
                if other_ran.get() && received_before_the_other_ran.is_none() {
                    received_before_the_other_ran = Some(received);
                }
            }
            let at = received_before_the_other_ran.expect("the budget made recv yield");
            assert!(at <= 128, "the other task ran only after {at} receives");
        })
        .await;
}
// ANCHOR_END: budget
