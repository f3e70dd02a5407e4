//! Mistake: a `Say` is delivered whoever sent it.
//! class: path — a later step: a member already removed is still typing.
//!
//! The hub removes a member the moment its outbox is found full or closed, but its
//! connection task does not know yet: it may still read a line from its socket and send
//! `Say`. Delivering it anyway looks harmless, yet the room was just told "* carol left",
//! and now carol speaks, from outside the room, without being able to hear any answer.
//! Only members speak: check that the name is a member before delivering its line.

use tokio::sync::mpsc;

pub async fn run_hub(mut commands: mpsc::Receiver<Command>) {
    let mut room = reference::Room::default();
    while let Some(command) = commands.recv().await {
        match command {
            // ANCHOR: mistake
            Command::Say { name, text } => room.tell_all_but(&name, &format!("{name}: {text}")),
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
