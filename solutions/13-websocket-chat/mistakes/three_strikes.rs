//! Mistake: a member is removed only after three full outboxes in a row.
//! class: fixture — a member that reads nothing for twenty lines is removed either
//! way; only an outbox full on one line shows the grace given.
//!
//! "A full outbox may be a hiccup": strikes, a second chance. But the line that found
//! the outbox full is lost for that member all the same, and so are the next two: the
//! member stays in the room with holes in its conversation, which is what removing it
//! was meant to prevent. Too slow is the first `Full`.

use std::collections::HashMap;

use tokio::sync::mpsc;
use tokio::sync::mpsc::error::TrySendError;

pub async fn run_hub(mut commands: mpsc::Receiver<Command>) {
    let mut hub = Hub::default();
    while let Some(command) = commands.recv().await {
        match command {
            Command::Join { name, outbox } => {
                hub.deliver(&name, &format!("* {name} joined"));
                hub.room.members.insert(name, outbox);
            }
            Command::Say { name, text } if hub.room.members.contains_key(&name) => {
                hub.deliver(&name, &format!("{name}: {text}"));
            }
            Command::Leave { name } => hub.remove(&name),
            other => hub.room.handle(other),
        }
    }
}

#[derive(Default)]
struct Hub {
    room: reference::Room,
    /// Full outboxes in a row, by member.
    strikes: HashMap<String, u32>,
}

impl Hub {
    // ANCHOR: mistake
    fn deliver(&mut self, sender: &str, line: &str) {
        let mut gone = Vec::new();
        for (name, outbox) in &self.room.members {
            if name == sender {
                continue;
            }
            match outbox.try_send(line.to_owned()) {
                Ok(()) => {
                    self.strikes.remove(name);
                }
                // "It may be a hiccup": out at the third full outbox in a row.
                Err(TrySendError::Full(_)) => {
                    let strikes = self.strikes.entry(name.clone()).or_default();
                    *strikes += 1;
                    if *strikes >= 3 {
                        gone.push(name.clone());
                    }
                }
                Err(TrySendError::Closed(_)) => gone.push(name.clone()),
            }
        }
        for name in gone {
            self.remove(&name);
        }
    }
    // ANCHOR_END: mistake

    fn remove(&mut self, name: &str) {
        self.strikes.remove(name);
        if self.room.members.remove(name).is_some() {
            self.deliver(name, &format!("* {name} left"));
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
