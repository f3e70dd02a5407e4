//! What chapter 06 says about `let _`, and about `Drop` during a runtime's shutdown,
//! checked.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use async_resources_example::{Server, Session};

/// Counts itself out when dropped.
struct Lease(Arc<Mutex<Vec<&'static str>>>);

impl Drop for Lease {
    fn drop(&mut self) {
        self.0.lock().unwrap().push("released");
    }
}

// ANCHOR: let_underscore
#[test]
fn let_underscore_drops_a_value_at_once_but_not_an_existing_binding() {
    let log = Arc::new(Mutex::new(Vec::new()));

    let _ = Lease(log.clone()); // a value expression: dropped on this line
    log.lock().unwrap().push("after `let _ = Lease(..)`");

    let lease = Lease(log.clone());
    #[allow(let_underscore_drop)]
    let _ = lease; // a place that already has a name: nothing moves, nothing drops
    log.lock().unwrap().push("after `let _ = lease`");
    drop(lease);

    assert_eq!(
        *log.lock().unwrap(),
        [
            "released",
            "after `let _ = Lease(..)`",
            "after `let _ = lease`",
            "released"
        ]
    );
}
// ANCHOR_END: let_underscore

// ANCHOR: shutdown
#[test]
fn a_session_dropped_while_its_runtime_shuts_down_is_still_released() {
    let server = Server::new(|_| {});
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .start_paused(true)
        .build()
        .unwrap();
    let held = server.clone();
    runtime.block_on(async move {
        tokio::spawn(async move {
            let _session = Session::open(&held, 1).await;
            tokio::time::sleep(Duration::from_secs(3600)).await;
        });
        tokio::time::sleep(Duration::from_millis(100)).await; // the session is open now
    });
    assert_eq!(server.open_sessions(), 1);
    // Shutting down drops the task, and with it the session, inside the runtime:
    // `Handle::try_current()` still succeeds there, but a task spawned now never runs.
    drop(runtime);
    assert_eq!(server.open_sessions(), 0, "the session was released anyway");
}

#[test]
fn during_shutdown_try_current_succeeds_but_a_task_spawned_then_never_runs() {
    /// Does what `Session`'s `Drop` does: asks for a runtime and spawns on it.
    struct SpawnsOnDrop(Arc<Mutex<Vec<&'static str>>>);
    impl Drop for SpawnsOnDrop {
        fn drop(&mut self) {
            let runtime = tokio::runtime::Handle::try_current().expect("a runtime is there");
            self.0.lock().unwrap().push("try_current: Ok");
            let (log, lease) = (self.0.clone(), Lease(self.0.clone()));
            runtime.spawn(async move {
                let _lease = lease;
                log.lock().unwrap().push("the spawned task ran");
            });
        }
    }

    let log = Arc::new(Mutex::new(Vec::new()));
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    let guard = SpawnsOnDrop(log.clone());
    runtime.block_on(async move {
        tokio::spawn(async move {
            let _guard = guard;
            std::future::pending::<()>().await;
        });
        tokio::task::yield_now().await; // the task starts and waits
    });
    drop(runtime); // drops the task, and `guard` in it, inside the runtime
    assert_eq!(
        *log.lock().unwrap(),
        ["try_current: Ok", "released"],
        "the spawned future was dropped unpolled, and dropped what it owned"
    );
}
// ANCHOR_END: shutdown
