//! Counters every request touches: an atomic, a std mutex and a `Notify`.

use std::collections::HashMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

use tokio::sync::Notify;

// ANCHOR: stats
/// Request statistics, shared by every handler task (behind an `Arc`).
#[derive(Debug, Default)]
pub struct Stats {
    /// One number that only goes up: an atomic, no lock at all.
    total: AtomicU64,
    /// A table updated in place. A std mutex is right here: it is held for one map
    /// update and never across an `.await`, so no task waits on it for long.
    per_path: Mutex<HashMap<String, u64>>,
    /// Wakes the tasks waiting in [`Stats::wait_for_total`].
    recorded: Notify,
}

impl Stats {
    /// Counts one request. Not `async`: nothing in here ever waits.
    pub fn record(&self, path: &str) {
        // Relaxed: the count is all we need from it; it orders no other memory.
        self.total.fetch_add(1, Ordering::Relaxed);
        {
            // `unwrap`: the lock is poisoned only if a thread panicked holding it.
            let mut per_path = self.per_path.lock().unwrap();
            *per_path.entry(path.to_owned()).or_default() += 1;
        } // the guard is dropped here, before anyone is woken
        self.recorded.notify_waiters();
    }

    /// Requests recorded so far.
    pub fn total(&self) -> u64 {
        self.total.load(Ordering::Relaxed)
    }

    /// Requests recorded for `path` so far.
    pub fn hits(&self, path: &str) -> u64 {
        let per_path = self.per_path.lock().unwrap();
        per_path.get(path).copied().unwrap_or(0)
    }

    /// Waits until at least `n` requests have been recorded.
    ///
    /// `n == 0` (or any count already reached) returns at once. An absurd `n`
    /// (`u64::MAX`) is allowed and waits for as long as it takes, which is forever in
    /// practice: put a `timeout` around a wait that may never be satisfied.
    pub async fn wait_for_total(&self, n: u64) {
        loop {
            // Register for the wake-up *before* checking: a `record` landing between
            // the check and the `.await` would otherwise wake nobody, and this task
            // would sleep through it. (`notify_waiters` reaches every `Notified` that
            // exists when it is called, polled or not.)
            let recorded = self.recorded.notified();
            if self.total() >= n {
                return;
            }
            recorded.await;
        }
    }
}
// ANCHOR_END: stats
