//! Mistake: a `Leave` is always announced, whether or not the name is still a member.
//! class: path — the same event twice: a member removed by the hub, then its own `Leave`.
//!
//! `members.remove(&name)`, then `"* {name} left"` to everyone: it looks complete. But a
//! member the hub has already removed (its outbox was found closed, or full) still has
//! a connection task, and that task's last act is to send its `Leave`. Everyone then
//! hears that bob left twice. Announce a departure only when `remove` found a member.

use tokio::sync::mpsc;

pub async fn run_hub(mut commands: mpsc::Receiver<Command>) {
    let mut room = reference::Room::default();
    while let Some(command) = commands.recv().await {
        match command {
            // ANCHOR: mistake
            Command::Leave { name } => {
                room.members.remove(&name);
                room.tell_all_but(&name, &format!("* {name} left")); // member or not
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
