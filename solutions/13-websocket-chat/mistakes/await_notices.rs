//! Mistake: the join and departure notices are sent with `send().await`.
//! class: path — the `Say` lines use `try_send` and never wait; only a notice that
//! reaches a full outbox waits.
//!
//! "Notices are rare, and everyone should get them": so they wait for room. A member
//! that has stopped reading never makes room, and the hub, the whole room, waits with
//! it: no line, no join, no `Who` is handled again. Every line the hub sends is sent
//! without waiting.

use tokio::sync::mpsc;

pub async fn run_hub(mut commands: mpsc::Receiver<Command>) {
    let mut room = reference::Room::default();
    while let Some(command) = commands.recv().await {
        match command {
            Command::Join { name, outbox } => {
                notify(&mut room, &name, format!("* {name} joined")).await;
                room.members.insert(name, outbox);
            }
            Command::Leave { name } if room.members.remove(&name).is_some() => {
                notify(&mut room, &name, format!("* {name} left")).await;
            }
            other => room.handle(other),
        }
    }
}

// ANCHOR: mistake
async fn notify(room: &mut reference::Room, about: &str, line: String) {
    let mut gone = Vec::new();
    for (name, outbox) in &room.members {
        // Waits for room in the outbox: "everyone should get the notice".
        if name != about && outbox.send(line.clone()).await.is_err() {
            gone.push(name.clone());
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
