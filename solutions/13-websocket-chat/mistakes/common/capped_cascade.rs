//! What the depth-capped cascades share: the reference's room, whose deliveries follow
//! a cascade of departures `cap` levels deep and no further. Each mistake gives the cap.

use crate::Command;

use std::collections::BTreeMap;

use tokio::sync::mpsc;

type Members = BTreeMap<String, mpsc::Sender<String>>;

/// The reference's hub, but for deliveries that stop a cascade after `cap` levels.
pub async fn run_hub_capped(mut commands: mpsc::Receiver<Command>, cap: usize) {
    let mut room = crate::reference::Room::default();
    while let Some(command) = commands.recv().await {
        let members = &mut room.members;
        match command {
            Command::Join { name, outbox } => {
                deliver(members, &name, &format!("* {name} joined"), 0, cap);
                members.insert(name, outbox);
            }
            Command::Say { name, text } if members.contains_key(&name) => {
                deliver(members, &name, &format!("{name}: {text}"), 0, cap);
            }
            Command::Leave { name } if members.remove(&name).is_some() => {
                deliver(members, &name, &format!("* {name} left"), 1, cap);
            }
            other => room.handle(other),
        }
    }
}

// ANCHOR: mistake
fn deliver(members: &mut Members, except: &str, line: &str, depth: usize, cap: usize) {
    let failed = send_all(members, except, line);
    if depth == cap {
        return; // "deep enough": whoever failed here stays for now
    }
    for name in failed {
        if members.remove(&name).is_some() {
            deliver(members, &name, &format!("* {name} left"), depth + 1, cap);
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
