//! Another correct way: a `HashMap`, a worklist of departures, commands in batches.
//!
//! No recursion: every member found full or closed (and every `Leave`) goes on a list
//! of departures, which is settled after each command: each name still a member is
//! removed and announced, and an announcement that finds more members gone adds them
//! to the list. A `HashMap` has no order, so `Who` sorts the names itself. Commands
//! are taken in batches with `recv_many`, but still handled one at a time, in order;
//! `recv_many` returns 0 only once the channel is closed and empty. All of it lives in
//! `run_hub`'s own future: dropped, it drops the room.

use std::collections::HashMap;

use tokio::sync::mpsc::error::TrySendError;
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

/// The hub: owns the members, handles `commands` until every sender is dropped.
pub async fn run_hub(mut commands: mpsc::Receiver<Command>) {
    let mut room = Room::default();
    let mut batch = Vec::with_capacity(16);
    while commands.recv_many(&mut batch, 16).await > 0 {
        for command in batch.drain(..) {
            room.handle(command);
        }
    }
}

#[derive(Default)]
struct Room {
    members: HashMap<String, mpsc::Sender<String>>,
    /// Names to remove and announce, once the current line has gone out.
    departed: Vec<String>,
}

impl Room {
    fn handle(&mut self, command: Command) {
        match command {
            Command::Join { name, outbox } => {
                self.send_all_but(&name, &format!("* {name} joined"));
                self.members.insert(name, outbox);
            }
            Command::Say { name, text } if self.members.contains_key(&name) => {
                self.send_all_but(&name, &format!("{name}: {text}"));
            }
            Command::Say { .. } => {} // not a member (any more): nobody hears it
            Command::Leave { name } => self.departed.push(name),
            Command::Who { reply } => {
                let mut names: Vec<String> = self.members.keys().cloned().collect();
                names.sort();
                let _ = reply.send(names); // the asker may be gone: fine
            }
        }
        self.settle();
    }

    fn send_all_but(&mut self, sender: &str, line: &str) {
        for (name, outbox) in &self.members {
            if name == sender {
                continue;
            }
            if let Err(TrySendError::Full(_) | TrySendError::Closed(_)) =
                outbox.try_send(line.to_owned())
            {
                self.departed.push(name.clone());
            }
        }
    }

    // ANCHOR: settle
    /// Removes and announces every departure, including those the announcements find.
    fn settle(&mut self) {
        while let Some(name) = self.departed.pop() {
            // A name twice on the list, or not a member at all, leaves nobody.
            if self.members.remove(&name).is_some() {
                self.send_all_but(&name, &format!("* {name} left"));
            }
        }
    }
    // ANCHOR_END: settle
}

// The exercise's own tests, run against this file by `cargo workshop verify`.
extern crate self as websocket_chat;
#[path = "../../../exercises/13-websocket-chat/tests/spec.rs"]
mod spec;
