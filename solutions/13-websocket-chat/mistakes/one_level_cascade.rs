//! Mistake: a member that fails on a removal's notice is left for "next time".
//! class: path — one round of removals is right; only a departure notice that finds
//! another member too slow shows the second round missing.
//!
//! The line is sent, the failures are removed, and each removal is announced: but the
//! announcements' own failures are dropped on the floor. A member whose outbox the
//! notice found full (or closed) stays in the room until some later line finds it
//! again, if one ever does. Removal is a delivery like any other, so it is the same
//! function, called again: it ends, because every round removes someone.

use tokio::sync::mpsc;

#[path = "common/cascade.rs"]
mod cascade;
use cascade::{Members, send_all};

pub async fn run_hub(commands: mpsc::Receiver<Command>) {
    cascade::run_hub_delivering(commands, deliver).await;
}

// ANCHOR: mistake
fn deliver(members: &mut Members, except: &str, line: &str, _depth: usize) {
    for name in send_all(members, except, line) {
        if members.remove(&name).is_some() {
            // Whoever fails on this notice "will be found next time".
            let _ = send_all(members, &name, &format!("* {name} left"));
        }
    }
}
// ANCHOR_END: mistake

// The rest is the reference's; the exercise's tests run against this file.
#[allow(dead_code)]
#[path = "../src/lib.rs"]
mod reference;
#[allow(unused_imports)]
pub use reference::*;
extern crate self as websocket_chat;
#[path = "../../../exercises/13-websocket-chat/tests/spec.rs"]
mod spec;
