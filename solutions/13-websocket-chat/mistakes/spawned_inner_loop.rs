//! Mistake: `run_hub` spawns the real loop and awaits its `JoinHandle`.
//! class: cancellation — dropped half-way, the call leaves the room running.
//!
//! "The hub is a task", so `run_hub` is `tokio::spawn(hub_loop(commands)).await`. On a
//! normal run nothing differs. But when a server shuts down it drops its `run_hub`
//! future (a `select!` on ctrl-c, a `timeout`), and dropping a `JoinHandle` does not stop
//! its task: the room lives on, every member's outbox stays open, and no connection task
//! ever sees its queue end. Run the loop in `run_hub`'s own future, and dropping it drops
//! the room.

use tokio::sync::mpsc;

pub async fn run_hub(commands: mpsc::Receiver<Command>) {
    // ANCHOR: mistake
    tokio::spawn(reference::run_hub(commands))
        .await
        .expect("the hub panicked");
    // ANCHOR_END: mistake
}

// The rest is the reference's; the exercise's tests run against this file.
#[allow(dead_code)]
#[path = "../src/lib.rs"]
mod reference;
#[allow(unused_imports)]
pub use reference::*;
extern crate self as websocket_chat;
#[path = "../../../exercises/13-websocket-chat/tests/spec.rs"]
mod spec;
