//! Mistake: a cascade of departures is followed four levels deep, and no further.
//! class: fixture — a hidden cap: no other test needs more than four rounds from one line.
//!
//! A line's failures are removed and announced, and so are the failures of those
//! announcements; whoever fails on the fifth level's notice "will be found next time".
//! Found by the round-9 attack: four levels passed every test then, since the deepest
//! cascade they set off needed three.
//! There is nothing special about four: each notice is a line like any other, and the
//! chain ends by itself, because every round removes someone. Follow it until no one
//! fails (a recursion, or a worklist run until it is empty).

use tokio::sync::mpsc;

#[path = "common/capped_cascade.rs"]
mod capped_cascade;

// ANCHOR: mistake
pub async fn run_hub(commands: mpsc::Receiver<Command>) {
    // "Four levels is deep enough."
    capped_cascade::run_hub_capped(commands, 4).await
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
