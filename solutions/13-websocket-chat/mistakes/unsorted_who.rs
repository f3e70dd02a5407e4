//! Mistake: `Who` answers in join order.
//! class: fixture — when the members join in alphabetical order, join order is sorted order.
//!
//! A Python list (or an insertion-ordered dict) of members keeps them in the order they
//! came, and listing it looks like "the members". But the exercise asks for the names
//! sorted: a client shows the list as it comes, and a room where the order depends on
//! who happened to connect first looks random to its users. Sort before replying, or
//! keep the members in a `BTreeMap`.

use tokio::sync::mpsc;

pub async fn run_hub(mut commands: mpsc::Receiver<Command>) {
    let mut room = reference::Room::default();
    // ANCHOR: mistake
    let mut joined = Vec::new(); // the names, in the order they came
    while let Some(command) = commands.recv().await {
        match command {
            Command::Join { ref name, .. } => {
                joined.push(name.clone());
                room.handle(command);
            }
            Command::Who { reply } => {
                joined.retain(|name| room.members.contains_key(name));
                let _ = reply.send(joined.clone());
            }
            other => room.handle(other),
        }
    }
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
