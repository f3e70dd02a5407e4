//! Another correct way: look for dead connections before every command.
//!
//! Instead of waiting for a delivery to find an outbox closed, the hub sweeps its
//! members with `outbox.is_closed()` before it handles each command, and removes (and
//! announces) every connection that has died. A full outbox is still found by
//! `try_send`. A dead member is removed no later than the exercise asks, only sooner:
//! "* bob left" may come before the line whose delivery would have found him gone,
//! which the exercise leaves to the hub.

use std::collections::BTreeMap;

use tokio::sync::{mpsc, oneshot};

/// What a connection task asks of the hub.
#[derive(Debug)]
pub enum Command {
    /// A client has connected as `name`; the hub sends it lines through `outbox`.
    Join {
        name: String,
        outbox: mpsc::Sender<String>,
    },
    /// `name` said `text`.
    Say { name: String, text: String },
    /// `name` has disconnected.
    Leave { name: String },
    /// Who is in the room?
    Who { reply: oneshot::Sender<Vec<String>> },
}

type Members = BTreeMap<String, mpsc::Sender<String>>;

/// Sends `line` to every member but `sender`; whoever is closed or full is removed.
fn broadcast(members: &mut Members, sender: &str, line: &str) {
    let gone: Vec<String> = members
        .iter()
        .filter(|(name, outbox)| *name != sender && outbox.try_send(line.to_owned()).is_err())
        .map(|(name, _)| name.clone())
        .collect();
    for name in gone {
        remove(members, &name);
    }
}

/// Removes `name` if it is a member, and tells the others.
fn remove(members: &mut Members, name: &str) {
    if members.remove(name).is_some() {
        broadcast(members, name, &format!("* {name} left"));
    }
}

/// The hub: owns the members, handles `commands` until every sender is dropped.
pub async fn run_hub(mut commands: mpsc::Receiver<Command>) {
    let mut members = Members::new();
    while let Some(command) = commands.recv().await {
        // ANCHOR: sweep
        let dead: Vec<String> = members
            .iter()
            .filter(|(_, outbox)| outbox.is_closed())
            .map(|(name, _)| name.clone())
            .collect();
        for name in dead {
            remove(&mut members, &name);
        }
        // ANCHOR_END: sweep
        match command {
            Command::Join { name, outbox } => {
                broadcast(&mut members, &name, &format!("* {name} joined"));
                members.insert(name, outbox);
            }
            Command::Say { name, text } if members.contains_key(&name) => {
                broadcast(&mut members, &name, &format!("{name}: {text}"));
            }
            Command::Say { .. } => {}
            Command::Leave { name } => remove(&mut members, &name),
            Command::Who { reply } => {
                let _ = reply.send(members.keys().cloned().collect());
            }
        }
    }
}

// The exercise's own tests, run against this file by `cargo workshop verify`.
extern crate self as websocket_chat;
#[path = "../../../exercises/13-websocket-chat/tests/spec.rs"]
mod spec;
