//! Another correct way (from round 11's attack): a `Vec` of members, and delivery to a
//! fixed point. Each sweep sends its lines to everyone; whoever fails is taken out, and
//! the next sweep sends the notices of their departures; the sweeps stop when one finds
//! nobody gone. No recursion and no queue that grows inside a sweep: one sweep per
//! round of the cascade, until a round removes no one.

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

type Members = Vec<(String, mpsc::Sender<String>)>;

/// The hub: owns the members, handles `commands` until every sender is dropped.
pub async fn run_hub(mut commands: mpsc::Receiver<Command>) {
    let mut members: Members = Vec::new();
    while let Some(command) = commands.recv().await {
        match command {
            Command::Join { name, outbox } => {
                // A second `Join` of a name takes it over: the old outbox is dropped.
                members.retain(|(n, _)| *n != name);
                let line = format!("* {name} joined");
                members.push((name.clone(), outbox));
                broadcast(&mut members, Some(name), line);
            }
            Command::Say { name, text } => {
                if members.iter().any(|(n, _)| *n == name) {
                    let line = format!("{name}: {text}");
                    broadcast(&mut members, Some(name), line);
                }
            }
            Command::Leave { name } => {
                let before = members.len();
                members.retain(|(n, _)| *n != name);
                if members.len() != before {
                    broadcast(&mut members, None, format!("* {name} left"));
                }
            }
            Command::Who { reply } => {
                let mut names: Vec<String> = members.iter().map(|(n, _)| n.clone()).collect();
                names.sort_unstable();
                let _ = reply.send(names);
            }
        }
    }
}

// ANCHOR: fixpoint
/// Sends `line` to everyone but `skip`, then the notices of whoever failed, round after
/// round, until a round finds nobody gone.
fn broadcast(members: &mut Members, skip: Option<String>, line: String) {
    let mut lines = vec![(skip, line)];
    while !lines.is_empty() {
        let mut gone = Vec::new();
        for (skip, line) in &lines {
            let mut i = 0;
            while i < members.len() {
                let (name, outbox) = &members[i];
                if skip.as_ref() != Some(name) && outbox.try_send(line.clone()).is_err() {
                    gone.push(members.remove(i).0); // full or closed: gone
                } else {
                    i += 1;
                }
            }
        }
        lines = gone
            .into_iter()
            .map(|n| (None, format!("* {n} left")))
            .collect();
    }
}
// ANCHOR_END: fixpoint

// The exercise's own tests, run against this file by `cargo workshop verify`.
extern crate self as websocket_chat;
#[path = "../../../exercises/13-websocket-chat/tests/spec.rs"]
mod spec;
