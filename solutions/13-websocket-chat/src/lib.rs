//! Reference solution to exercise 13: a chat hub that owns the room.
//!
//! One task, [`run_hub`], owns the members; nothing else touches them, so there is no
//! lock, and the order of events is simply the order of the commands. The price of that
//! design is that the hub is one loop for the whole room: whatever it waits for, every
//! member waits for. So it never waits on a member. `try_send` puts a line in an
//! outbox or fails at once, and a member whose outbox is full or closed is removed.

use std::collections::BTreeMap;

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
    // The hub's only `.await`: waiting for the next command. `None` means every
    // connection (and whoever else held a sender) is gone.
    while let Some(command) = commands.recv().await {
        room.handle(command);
    }
    // Returning drops `room`, and with it every outbox: each connection sees its end.
    // So does dropping this future half-way: the room lives in it, and nowhere else.
}

/// The members, by name (a `BTreeMap`, so `Who` comes out sorted).
#[derive(Default)]
pub(crate) struct Room {
    pub(crate) members: BTreeMap<String, mpsc::Sender<String>>,
}

impl Room {
    /// One command, handled to the end: nothing in here waits.
    pub(crate) fn handle(&mut self, command: Command) {
        match command {
            Command::Join { name, outbox } => {
                self.tell_all_but(&name, &format!("* {name} joined"));
                self.members.insert(name, outbox);
            }
            // Only members speak: a member already removed (too slow, or gone) may
            // still have lines on their way from its connection task.
            Command::Say { name, text } if self.members.contains_key(&name) => {
                self.tell_all_but(&name, &format!("{name}: {text}"));
            }
            Command::Say { .. } => {}
            // `remove` does nothing for a name that is not a member: each leaves once.
            Command::Leave { name } => self.remove(&name),
            Command::Who { reply } => {
                // The asker may have given up (dropped its receiver): nothing to do.
                let _ = reply.send(self.members.keys().cloned().collect());
            }
        }
    }

    /// Sends `line` to every member but `sender`, without ever waiting; then removes
    /// whoever could not take it.
    pub(crate) fn tell_all_but(&mut self, sender: &str, line: &str) {
        let mut gone = Vec::new();
        for (name, outbox) in &self.members {
            if name == sender {
                continue; // no echo
            }
            match outbox.try_send(line.to_owned()) {
                Ok(()) => {}
                // Too slow: its outbox is full. Waiting here would make the whole
                // room wait for it, so it goes.
                Err(TrySendError::Full(_)) => gone.push(name.clone()),
                // Its connection task is gone (it dropped the receiver).
                Err(TrySendError::Closed(_)) => gone.push(name.clone()),
            }
        }
        // Every one of them, however many failed on this line.
        for name in gone {
            self.remove(&name);
        }
    }

    /// Removes `name` (dropping its outbox, which ends its connection) and tells the
    /// rest; a name that is not a member is left alone.
    pub(crate) fn remove(&mut self, name: &str) {
        if self.members.remove(name).is_some() {
            // This may find more members gone, and remove them in turn; it ends because
            // every round removes someone.
            self.tell_all_but(name, &format!("* {name} left"));
        }
    }
}
