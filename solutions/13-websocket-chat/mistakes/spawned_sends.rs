//! Mistake: the hub spawns a task for every delivery, so that it never waits.
//! class: other-side — only a member that stops reading shows it: tasks pile up for it.
//!
//! The hub must not wait for a member, and `tokio::spawn` returns at once: each line
//! goes to each member in a task of its own, which may wait for room as long as it
//! likes. The room never stalls, every line is delivered in order, and nothing is lost.
//! But a member that stops reading now gets a task per line, each waiting forever for
//! room in its full outbox: an unbounded queue in disguise, which grows with every line
//! until memory runs out. And since the hub never learns how a delivery went, it never
//! removes anyone: not the slow member, not even one whose connection has died.

use std::collections::BTreeMap;

use tokio::sync::mpsc;

type Members = BTreeMap<String, mpsc::Sender<String>>;

pub async fn run_hub(mut commands: mpsc::Receiver<Command>) {
    let mut room = reference::Room::default();
    while let Some(command) = commands.recv().await {
        let members = &mut room.members;
        match command {
            Command::Join { name, outbox } => {
                tell_all_but(members, &name, &format!("* {name} joined"));
                members.insert(name, outbox);
            }
            Command::Say { name, text } if members.contains_key(&name) => {
                tell_all_but(members, &name, &format!("{name}: {text}"));
            }
            Command::Leave { name } if members.remove(&name).is_some() => {
                tell_all_but(members, &name, &format!("* {name} left"));
            }
            other => room.handle(other),
        }
    }
}

// ANCHOR: mistake
/// Sends `line` to every member but `sender`, each in a task of its own.
fn tell_all_but(members: &Members, sender: &str, line: &str) {
    for (name, outbox) in members {
        if name != sender {
            let (outbox, line) = (outbox.clone(), line.to_owned());
            // Never waits here; the task waits instead, for as long as it takes.
            tokio::spawn(async move {
                let _ = outbox.send(line).await;
            });
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
