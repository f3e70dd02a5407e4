//! Mistake: a member is dropped when its outbox is *about to be* full.
//! class: boundary — `<=` for `<`: one place in the outbox is never used.
//!
//! Checking `outbox.capacity() <= 1` before sending ("one more line and it's full")
//! looks like a careful way to spot a slow member early. But `capacity()` is the room
//! left, and a member with one place left can take this line: it is dropped while it
//! could still keep up, a line early. `try_send` already says `Full` exactly when there
//! is no room: let it decide.

use tokio::sync::mpsc;

pub async fn run_hub(mut commands: mpsc::Receiver<Command>) {
    let mut room = reference::Room::default();
    while let Some(command) = commands.recv().await {
        match command {
            Command::Join { name, outbox } => {
                tell_all_but(&mut room, &name, &format!("* {name} joined"));
                room.members.insert(name, outbox);
            }
            Command::Say { name, text } if room.members.contains_key(&name) => {
                tell_all_but(&mut room, &name, &format!("{name}: {text}"));
            }
            Command::Leave { name } => remove(&mut room, &name),
            other => room.handle(other),
        }
    }
}

fn tell_all_but(room: &mut reference::Room, sender: &str, line: &str) {
    let mut gone = Vec::new();
    for (name, outbox) in &room.members {
        // ANCHOR: mistake
        let nearly_full = outbox.capacity() <= 1; // "one more line and it's full"
        if name != sender && (nearly_full || outbox.try_send(line.to_owned()).is_err()) {
            gone.push(name.clone());
        }
        // ANCHOR_END: mistake
    }
    for name in gone {
        remove(room, &name);
    }
}

fn remove(room: &mut reference::Room, name: &str) {
    if room.members.remove(name).is_some() {
        tell_all_but(room, name, &format!("* {name} left"));
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
