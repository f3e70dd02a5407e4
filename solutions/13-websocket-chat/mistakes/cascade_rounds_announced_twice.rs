//! Mistake: departures are removed in rounds, and a name failing twice in one round is
//! announced twice.
//! class: path — only a member who fails on two notices of the same round shows it.
//!
//! A round sends a line (or the round's notices), collects the names that failed, then
//! removes them all and makes their notices the next round. A member whose outbox is
//! closed fails on *each* notice of a round, so its name is collected twice; `remove`
//! does nothing the second time, but its notice is sent anyway. Each member leaves
//! once: announce a departure only when `remove` returns `Some`.

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
    let mut failed = send_all(members, except, line);
    while !failed.is_empty() {
        for name in &failed {
            members.remove(name);
        }
        // One notice per name collected, even a name collected twice.
        let notices: Vec<String> = failed.iter().map(|n| format!("* {n} left")).collect();
        failed = Vec::new();
        for notice in notices {
            failed.extend(send_all(members, "", &notice));
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
