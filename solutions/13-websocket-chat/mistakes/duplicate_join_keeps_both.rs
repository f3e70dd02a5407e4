//! Mistake: a second `Join` of a taken name keeps both clients under it.
//! class: fixture — `Who` lists the name once, as it should; only the lines each
//! client gets show two members behind it.
//!
//! "The same person on a second device": a name maps to a list of outboxes, a second
//! `Join` adds to the list, and every line goes to each outbox of a name. `Who` looks
//! right, but the room now has two members under one name, each hearing what the other
//! says as if from nobody else, and one `Leave` ends both. The room keeps one member of
//! a name: a second `Join` replaces the first or is turned away.
// workshop: whole file: the wrong item is the members map itself (a name to a list of outboxes), which every delivery and removal goes through.

use std::collections::BTreeMap;

use tokio::sync::mpsc;
use tokio::sync::oneshot;

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

// ANCHOR: mistake
/// Each name, with every client that joined under it.
type Members = BTreeMap<String, Vec<mpsc::Sender<String>>>;

pub async fn run_hub(mut commands: mpsc::Receiver<Command>) {
    let mut members = Members::new();
    while let Some(command) = commands.recv().await {
        match command {
            Command::Join { name, outbox } => {
                let fresh = !members.contains_key(&name);
                if fresh {
                    tell_all_but(&mut members, &name, &format!("* {name} joined"));
                }
                members.entry(name).or_default().push(outbox); // a second device
            }
            Command::Say { name, text } if members.contains_key(&name) => {
                tell_all_but(&mut members, &name, &format!("{name}: {text}"));
            }
            Command::Say { .. } => {}
            Command::Leave { name } => remove(&mut members, &name),
            Command::Who { reply } => {
                let _ = reply.send(members.keys().cloned().collect());
            }
        }
    }
}
// ANCHOR_END: mistake

fn tell_all_but(members: &mut Members, sender: &str, line: &str) {
    let mut gone = Vec::new();
    for (name, outboxes) in members.iter() {
        if name != sender
            && outboxes
                .iter()
                .any(|o| o.try_send(line.to_owned()).is_err())
        {
            gone.push(name.clone());
        }
    }
    for name in gone {
        remove(members, &name);
    }
}

fn remove(members: &mut Members, name: &str) {
    if members.remove(name).is_some() {
        tell_all_but(members, name, &format!("* {name} left"));
    }
}

#[path = "../../../exercises/13-websocket-chat/tests/spec.rs"]
mod spec;
extern crate self as websocket_chat;
