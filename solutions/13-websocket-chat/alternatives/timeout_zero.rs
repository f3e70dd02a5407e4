//! Another correct way: `send` under a timeout of zero instead of `try_send`.
//!
//! `tokio::time::timeout(Duration::ZERO, outbox.send(line))` polls the send once
//! before it looks at the deadline: with room in the outbox the line goes in at once;
//! without room the send is dropped (an `mpsc` send is cancel-safe: nothing was
//! queued) and the member is treated as too slow. On the paused test clock no time
//! passes. On a running clock it is not quite `try_send`: tokio rounds a deadline up to
//! the end of its timer's millisecond, so a full outbox keeps the hub waiting up to a
//! millisecond, which the doc's rule 5 does not allow; only a paused-clock test cannot
//! see it (an open decision of round 11). The delivery is `async`, hence the boxed
//! recursion between `broadcast` and `remove`.

use std::collections::BTreeMap;
use std::time::Duration;

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

// ANCHOR: deliver
/// Whether `line` went into `outbox` without waiting.
async fn deliver(outbox: &mpsc::Sender<String>, line: String) -> bool {
    matches!(
        tokio::time::timeout(Duration::ZERO, outbox.send(line)).await,
        Ok(Ok(()))
    )
}
// ANCHOR_END: deliver

/// Sends `line` to every member but `sender`; whoever cannot take it is removed.
async fn broadcast(members: &mut Members, sender: &str, line: String) {
    let mut gone = Vec::new();
    for (name, outbox) in members.iter() {
        if name != sender && !deliver(outbox, line.clone()).await {
            gone.push(name.clone());
        }
    }
    for name in gone {
        Box::pin(remove(members, &name)).await;
    }
}

/// Removes `name` if it is a member, and tells the others.
async fn remove(members: &mut Members, name: &str) {
    if members.remove(name).is_some() {
        broadcast(members, name, format!("* {name} left")).await;
    }
}

/// The hub: owns the members, handles `commands` until every sender is dropped.
pub async fn run_hub(mut commands: mpsc::Receiver<Command>) {
    let mut members = Members::new();
    while let Some(command) = commands.recv().await {
        match command {
            Command::Join { name, outbox } => {
                broadcast(&mut members, &name, format!("* {name} joined")).await;
                members.insert(name, outbox);
            }
            Command::Say { name, text } if members.contains_key(&name) => {
                broadcast(&mut members, &name, format!("{name}: {text}")).await;
            }
            Command::Say { .. } => {}
            Command::Leave { name } => remove(&mut members, &name).await,
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
