//! Mistake: only a `Say` checks what `try_send` returned; the notices ignore it.
//! class: path — an error found in a later step: while a join or a departure is announced.
//!
//! "They are only notices", so `"* … joined"` and `"* … left"` go out with `let _ =
//! outbox.try_send(..)`. But a dead or slow member is no less gone because the line that
//! found it was a notice: it stays in the room, `Who` lists it, and a removal that
//! uncovers it does not go on to remove it. Every line the hub sends is a delivery, and
//! every failed delivery removes its member.

use std::collections::BTreeMap;

use tokio::sync::mpsc;

type Members = BTreeMap<String, mpsc::Sender<String>>;

pub async fn run_hub(mut commands: mpsc::Receiver<Command>) {
    let mut room = reference::Room::default();
    while let Some(command) = commands.recv().await {
        let members = &mut room.members;
        match command {
            Command::Join { name, outbox } => {
                notify(members, &name, &format!("* {name} joined"));
                members.insert(name, outbox);
            }
            Command::Say { name, text } if members.contains_key(&name) => {
                let mut gone = Vec::new();
                for (member, outbox) in members.iter() {
                    if *member != name && outbox.try_send(format!("{name}: {text}")).is_err() {
                        gone.push(member.clone());
                    }
                }
                for member in gone {
                    remove(members, &member);
                }
            }
            Command::Leave { name } => remove(members, &name),
            other => room.handle(other),
        }
    }
}

// ANCHOR: mistake
fn remove(members: &mut Members, name: &str) {
    if members.remove(name).is_some() {
        notify(members, name, &format!("* {name} left"));
    }
}

/// A notice for everyone but `about`: "it is only a notice", so errors are ignored.
fn notify(members: &Members, about: &str, line: &str) {
    for (name, outbox) in members {
        if name != about {
            let _ = outbox.try_send(line.to_owned());
        }
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
