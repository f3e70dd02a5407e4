//! Mistake: a member that fails on a removal's notice is left for "next time".
//! class: path — one round of removals is right; only a departure notice that finds
//! another member too slow shows the second round missing.
//!
//! The line is sent, the failures are removed, and each removal is announced: but the
//! announcements' own failures are dropped on the floor. A member whose outbox the
//! notice found full (or closed) stays in the room until some later line finds it
//! again, if one ever does. Removal is a delivery like any other, so it is the same
//! function, called again: it ends, because every round removes someone.

use std::collections::BTreeMap;

use tokio::sync::mpsc;

type Members = BTreeMap<String, mpsc::Sender<String>>;

pub async fn run_hub(mut commands: mpsc::Receiver<Command>) {
    let mut room = reference::Room::default();
    while let Some(command) = commands.recv().await {
        let members = &mut room.members;
        match command {
            Command::Join { name, outbox } => {
                deliver(members, &name, &format!("* {name} joined"));
                members.insert(name, outbox);
            }
            Command::Say { name, text } if members.contains_key(&name) => {
                deliver(members, &name, &format!("{name}: {text}"));
            }
            Command::Leave { name } if members.remove(&name).is_some() => {
                deliver(members, &name, &format!("* {name} left"));
            }
            other => room.handle(other),
        }
    }
}

// ANCHOR: mistake
fn deliver(members: &mut Members, except: &str, line: &str) {
    for name in send_all(members, except, line) {
        if members.remove(&name).is_some() {
            // Whoever fails on this notice "will be found next time".
            let _ = send_all(members, &name, &format!("* {name} left"));
        }
    }
}
// ANCHOR_END: mistake

/// `try_send` to everyone but `except`; the names that failed.
fn send_all(members: &Members, except: &str, line: &str) -> Vec<String> {
    let others = members.iter().filter(|(name, _)| *name != except);
    others
        .filter(|(_, outbox)| outbox.try_send(line.to_owned()).is_err())
        .map(|(name, _)| name.clone())
        .collect()
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
