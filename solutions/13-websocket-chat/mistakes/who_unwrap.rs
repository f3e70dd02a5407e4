//! Mistake: `Who` is answered with `reply.send(names).unwrap()`.
//! class: path — a later step's error: the asker is gone by the time the answer is sent.
//!
//! `oneshot::Sender::send` returns `Err` (with the names handed back) when the receiver
//! has been dropped: the connection that asked has died, or it gave up waiting. That is
//! not the hub's problem, but `unwrap` makes it one: the hub panics, and since the hub
//! *is* the room, every member is dropped and every later command fails. One client that
//! disconnects at the wrong moment ends the chat for everyone.

use tokio::sync::mpsc;

pub async fn run_hub(mut commands: mpsc::Receiver<Command>) {
    let mut room = reference::Room::default();
    while let Some(command) = commands.recv().await {
        match command {
            // ANCHOR: mistake
            Command::Who { reply } => reply.send(room.members.keys().cloned().collect()).unwrap(),
            // ANCHOR_END: mistake
            other => room.handle(other),
        }
    }
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
