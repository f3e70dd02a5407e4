//! Mistake: a line goes to every member, its sender included.
//!
//! "Broadcast" sounds like "everyone", and one loop over all members is the simplest
//! code there is. But the sender's client has already shown what its user typed, so
//! the user sees every line of theirs twice, and a client that also prints what comes
//! back (as most do) can't tell its own lines from the room's. Everything else here is
//! right: `try_send` never waits, and members whose outbox is full or closed go.

use std::collections::BTreeMap;

use tokio::sync::mpsc::error::TrySendError;
use tokio::sync::{mpsc, oneshot};

#[derive(Debug)]
pub enum Command {
    Join {
        name: String,
        outbox: mpsc::Sender<String>,
    },
    Say {
        name: String,
        text: String,
    },
    Leave {
        name: String,
    },
    Who {
        reply: oneshot::Sender<Vec<String>>,
    },
}

pub async fn run_hub(mut commands: mpsc::Receiver<Command>) {
    let mut room = Room::default();
    while let Some(command) = commands.recv().await {
        match command {
            Command::Join { name, outbox } => {
                room.tell_all(&format!("* {name} joined"));
                room.members.insert(name, outbox);
            }
            Command::Say { name, text } => room.tell_all(&format!("{name}: {text}")),
            Command::Leave { name } => room.remove(&name),
            Command::Who { reply } => {
                let _ = reply.send(room.members.keys().cloned().collect());
            }
        }
    }
}

#[derive(Default)]
struct Room {
    members: BTreeMap<String, mpsc::Sender<String>>,
}

impl Room {
    // ANCHOR: mistake
    /// Sends `line` to every member.
    fn tell_all(&mut self, line: &str) {
        let mut gone = Vec::new();
        for (name, outbox) in &self.members {
            if let Err(TrySendError::Full(_) | TrySendError::Closed(_)) =
                outbox.try_send(line.to_owned())
            {
                gone.push(name.clone());
            }
        }
        for name in gone {
            self.remove(&name);
        }
    }
    // ANCHOR_END: mistake

    fn remove(&mut self, name: &str) {
        if self.members.remove(name).is_some() {
            self.tell_all(&format!("* {name} left"));
        }
    }
}

// The exercise's own tests, run against this file by `cargo workshop verify`.
extern crate self as websocket_chat;
#[path = "../../../exercises/13-websocket-chat/tests/spec.rs"]
mod spec;
