//! Mistake: a cascade of departures is followed a hundred levels deep, and no further.
//! class: fixture — a hidden cap: the deepest cascade of the tests went 72 rounds.
//!
//! Found by the round-11 attack, after `four_level_cascade` and `sixteen_level_cascade`:
//! a hundred ("nobody's cascade goes that deep") passed every test then. Whoever fails on
//! the hundred-and-first level's notice stays, a member nobody can reach, until some later
//! line finds it. No cap is safe, a round one no more than another: each notice is a line
//! like any other, and the chain ends by itself, because every round removes someone.
//! The deep cascade test now goes 262 rounds (past 100, 128 and 256).

use tokio::sync::mpsc;

#[path = "common/cascade.rs"]
mod cascade;
use cascade::Members;

pub async fn run_hub(commands: mpsc::Receiver<Command>) {
    cascade::run_hub_delivering(commands, deliver).await;
}

// ANCHOR: mistake
fn deliver(members: &mut Members, except: &str, line: &str, depth: usize) {
    cascade::deliver_down_to(100, members, except, line, depth);
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
