//! Mistake: a line goes to a member under `timeout(Duration::ZERO, outbox.send(line))`,
//! which, on a running clock, waits.
//! class: fixture — on the paused clock of most tests it is `try_send` spelled with
//! cancellation, and every one of them passes; only a running clock tells them apart.
//!
//! Kept as one of the "other correct ways" until round 11's attack showed what a zero
//! timeout does on a running clock: tokio rounds a deadline up to the end of its timer's
//! millisecond, so with the outbox full the send waits for a later turn of the timer,
//! up to a millisecond, and the whole room with it. `try_send` answers `Full` at once.

use std::collections::BTreeMap;
use std::time::Duration;

use tokio::sync::mpsc;

type Members = BTreeMap<String, mpsc::Sender<String>>;

// ANCHOR: mistake
/// Whether `line` went into `outbox` within a timeout of zero.
async fn deliver(outbox: &mpsc::Sender<String>, line: String) -> bool {
    matches!(
        tokio::time::timeout(Duration::ZERO, outbox.send(line)).await,
        Ok(Ok(()))
    )
}
// ANCHOR_END: mistake

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

// The rest is the reference's; the exercise's tests run against this file.
#[allow(dead_code)]
#[path = "../src/lib.rs"]
mod reference;
#[allow(unused_imports)]
pub use reference::*;
extern crate self as websocket_chat;
#[path = "../../../exercises/13-websocket-chat/tests/spec.rs"]
mod spec;
