//! Mistake: a second `Join` of a name that is already a member trips an `assert!`.
//! class: bad-argument — names are unique in every other test; only two clients that
//! pick the same name show it.
//!
//! "Names are unique, so a duplicate is a bug: fail loudly." In a function that is
//! given its arguments by one caller that is a fair precondition; in a hub fed by
//! every connection it is a way for any client to take the room down, with every
//! member in it. Whatever a connection sends, the hub decides what it means and goes
//! on.

use tokio::sync::mpsc;

pub async fn run_hub(mut commands: mpsc::Receiver<Command>) {
    let mut room = reference::Room::default();
    while let Some(command) = commands.recv().await {
        match command {
            // ANCHOR: mistake
            Command::Join { name, outbox } => {
                assert!(
                    !room.members.contains_key(&name),
                    "names are unique, yet {name} joined twice"
                );
                room.handle(Command::Join { name, outbox });
            }
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
