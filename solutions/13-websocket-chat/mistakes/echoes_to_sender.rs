//! Mistake: a line goes to every member, its sender included.
//! class: other-side — only what the sender's own outbox received shows it.
//!
//! "Broadcast" sounds like "everyone", and one loop over all members is the simplest
//! code there is. But the sender's client has already shown what its user typed, so
//! the user sees every line of theirs twice, and a client that also prints what comes
//! back (as most do) can't tell its own lines from the room's. Everything else here is
//! right: `try_send` never waits, and members whose outbox is full or closed go.

use tokio::sync::mpsc;

pub async fn run_hub(mut commands: mpsc::Receiver<Command>) {
    let mut room = reference::Room::default();
    while let Some(command) = commands.recv().await {
        match command {
            Command::Join { name, outbox } => {
                tell_all(&mut room, &format!("* {name} joined"));
                room.members.insert(name, outbox);
            }
            Command::Say { name, text } if room.members.contains_key(&name) => {
                tell_all(&mut room, &format!("{name}: {text}"));
            }
            other => room.handle(other),
        }
    }
}

// ANCHOR: mistake
/// Sends `line` to every member.
fn tell_all(room: &mut reference::Room, line: &str) {
    let mut gone = Vec::new();
    for (name, outbox) in &room.members {
        if outbox.try_send(line.to_owned()).is_err() {
            gone.push(name.clone()); // full or closed
        }
    }
    for name in gone {
        room.remove(&name);
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
