//! Mistake: departures are removed in rounds, and a name failing twice in one round is
//! announced twice.
//! class: path — only a member who fails on two notices of the same round shows it.
//!
//! A round sends a line (or the round's notices), collects the names that failed, then
//! removes them all and makes their notices the next round. A member whose outbox is
//! closed fails on *each* notice of a round, so its name is collected twice; `remove`
//! does nothing the second time, but its notice is sent anyway. Each member leaves
//! once: announce a departure only when `remove` returns `Some`.

use tokio::sync::mpsc;

#[path = "common/cascade.rs"]
mod cascade;
use cascade::{Members, send_all};

pub async fn run_hub(commands: mpsc::Receiver<Command>) {
    cascade::run_hub_delivering(commands, deliver).await;
}

// ANCHOR: mistake
fn deliver(members: &mut Members, except: &str, line: &str, _depth: usize) {
    let mut failed = send_all(members, except, line);
    while !failed.is_empty() {
        for name in &failed {
            members.remove(name);
        }
        // One notice per name collected, even a name collected twice.
        let notices: Vec<String> = failed.iter().map(|n| format!("* {n} left")).collect();
        failed = Vec::new();
        for notice in notices {
            failed.extend(send_all(members, "", &notice));
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
