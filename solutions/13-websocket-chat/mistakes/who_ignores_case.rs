//! Mistake: `Who` sorts the names as if case did not count.
//! class: fixture — when "Alice" joins before "alice", join order and string order agree.
//!
//! Found by the round-6 attack. "Alphabetical, the way people read it": the hub keeps
//! the names in join order and sorts them by `to_lowercase()`. That sort is stable, so
//! "alice" and "Alice", equal to it, stay in join order: the answer depends on who
//! happened to connect first, which is what sorting was for. The exercise asks for the
//! names sorted as strings ("Alice" < "Bob" < "alice"): `sort()`, or a `BTreeMap`.

use tokio::sync::mpsc;

pub async fn run_hub(mut commands: mpsc::Receiver<Command>) {
    let mut room = reference::Room::default();
    // ANCHOR: mistake
    let mut joined = Vec::new(); // the names, in the order they came
    while let Some(command) = commands.recv().await {
        match command {
            Command::Join { ref name, .. } => {
                joined.retain(|n| n != name);
                joined.push(name.clone());
                room.handle(command);
            }
            Command::Who { reply } => {
                joined.retain(|name| room.members.contains_key(name));
                let mut names = joined.clone();
                names.sort_by_key(|name| name.to_lowercase()); // "alphabetical"
                let _ = reply.send(names);
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
