//! Another correct way (from the spec's review): a `HashMap` and `try_send`, a stack
//! worklist of (line, who not to tell) that removes each failed member and pushes its
//! "left" notice, and `Who` sorted explicitly.

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

use std::collections::HashMap;

use tokio::sync::mpsc::error::TrySendError;

/// The room: members by name.
#[derive(Default)]
struct Room {
    members: HashMap<String, mpsc::Sender<String>>,
}

impl Room {
    /// Sends `line` to every member but `except`, then removes every member that failed
    /// (closed or full) and announces each removal, which may find more, until no
    /// line is left to send.
    fn deliver(&mut self, line: String, except: Option<&str>) {
        let mut pending = vec![(line, except.map(str::to_owned))];
        while let Some((line, except)) = pending.pop() {
            let mut failed = Vec::new();
            for (name, outbox) in &self.members {
                if except.as_deref() == Some(name.as_str()) {
                    continue;
                }
                match outbox.try_send(line.clone()) {
                    Ok(()) => {}
                    Err(TrySendError::Full(_) | TrySendError::Closed(_)) => {
                        failed.push(name.clone())
                    }
                }
            }
            for name in failed {
                if self.members.remove(&name).is_some() {
                    pending.push((format!("* {name} left"), None));
                }
            }
        }
    }
}

/// The hub: owns the members, handles `commands` until every sender is dropped.
pub async fn run_hub(mut commands: mpsc::Receiver<Command>) {
    let mut room = Room::default();
    while let Some(command) = commands.recv().await {
        match command {
            Command::Join { name, outbox } => {
                room.members.insert(name.clone(), outbox);
                room.deliver(format!("* {name} joined"), Some(&name));
            }
            Command::Say { name, text } => {
                if room.members.contains_key(&name) {
                    room.deliver(format!("{name}: {text}"), Some(&name));
                }
            }
            Command::Leave { name } => {
                if room.members.remove(&name).is_some() {
                    room.deliver(format!("* {name} left"), None);
                }
            }
            Command::Who { reply } => {
                let mut names: Vec<String> = room.members.keys().cloned().collect();
                names.sort();
                let _ = reply.send(names);
            }
        }
    }
}

// The exercise's own tests, run against this file by `cargo workshop verify`.
extern crate self as websocket_chat;
#[path = "../../../exercises/13-websocket-chat/tests/spec.rs"]
mod spec;
