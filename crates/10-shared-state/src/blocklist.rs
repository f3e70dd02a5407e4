//! Clients refused service: read by every request, written rarely.

use std::collections::HashSet;
use std::sync::RwLock;

// ANCHOR: blocklist
/// The client addresses to turn away.
#[derive(Debug, Default)]
pub struct Blocklist {
    blocked: RwLock<HashSet<String>>,
}

impl Blocklist {
    /// Any number of requests can check at once: readers share the lock.
    pub fn is_blocked(&self, client: &str) -> bool {
        self.blocked.read().unwrap().contains(client)
    }

    /// A writer waits until the readers are gone, then has the set to itself.
    pub fn block(&self, client: &str) {
        self.blocked.write().unwrap().insert(client.to_owned());
    }
}
// ANCHOR_END: blocklist
