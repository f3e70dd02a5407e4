//! Mistake: a cascade of departures is followed sixteen levels deep, and no further.
//! class: fixture — a hidden cap: no other test needed more than ten rounds from one line.
//!
//! A line's failures are removed and announced, and so are the failures of those
//! announcements; whoever fails on the seventeenth level's notice "will be found next time".
//! Found by the round-10 attack, after `four_level_cascade`: sixteen passed every test then,
//! since the deepest cascade they set off needed ten.
//! There is nothing special about sixteen: each notice is a line like any other, and the
//! chain ends by itself, because every round removes someone. Follow it until no one
//! fails (a recursion, or a worklist run until it is empty).

use std::collections::BTreeMap;

use tokio::sync::mpsc;

type Members = BTreeMap<String, mpsc::Sender<String>>;

pub async fn run_hub(mut commands: mpsc::Receiver<Command>) {
    let mut room = reference::Room::default();
    while let Some(command) = commands.recv().await {
        let members = &mut room.members;
        match command {
            Command::Join { name, outbox } => {
                deliver(members, &name, &format!("* {name} joined"), 0);
                members.insert(name, outbox);
            }
            Command::Say { name, text } if members.contains_key(&name) => {
                deliver(members, &name, &format!("{name}: {text}"), 0);
            }
            Command::Leave { name } if members.remove(&name).is_some() => {
                deliver(members, &name, &format!("* {name} left"), 1);
            }
            other => room.handle(other),
        }
    }
}

// ANCHOR: mistake
fn deliver(members: &mut Members, except: &str, line: &str, depth: usize) {
    let failed = send_all(members, except, line);
    if depth == 16 {
        return; // "deep enough": whoever failed here stays for now
    }
    for name in failed {
        if members.remove(&name).is_some() {
            deliver(members, &name, &format!("* {name} left"), depth + 1);
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
