//! Another correct way (from the spec's review): a `BTreeMap`, whose keys come out
//! sorted; `try_reserve()` for a permit, then `permit.send`; a FIFO `VecDeque` of
//! departures; a `loop` with `let else` over `recv()`.

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

use std::collections::{BTreeMap, VecDeque};

/// The hub: owns the members, handles `commands` until every sender is dropped.
///
/// Style: a `BTreeMap` (its keys come out sorted for `Who`), `try_reserve` for room in
/// an outbox (a permit, or an error if it is full or closed), and a FIFO queue of
/// departures still to announce.
pub async fn run_hub(mut commands: mpsc::Receiver<Command>) {
    let mut members: BTreeMap<String, mpsc::Sender<String>> = BTreeMap::new();

    // Sends `line` to everyone but `skip`; announces every departure it causes, and
    // every departure those announcements cause.
    fn broadcast(
        members: &mut BTreeMap<String, mpsc::Sender<String>>,
        line: String,
        skip: Option<String>,
    ) {
        let mut queue = VecDeque::from([(line, skip)]);
        while let Some((line, skip)) = queue.pop_front() {
            let gone: Vec<String> = members
                .iter()
                .filter(|(name, _)| skip.as_ref() != Some(*name))
                .filter_map(|(name, outbox)| match outbox.try_reserve() {
                    Ok(permit) => {
                        permit.send(line.clone());
                        None
                    }
                    // Full (too slow) or closed (gone): either way, this member has left.
                    Err(_) => Some(name.clone()),
                })
                .collect();
            for name in gone {
                if members.remove(&name).is_some() {
                    queue.push_back((format!("* {name} left"), None));
                }
            }
        }
    }

    loop {
        let Some(command) = commands.recv().await else {
            break;
        };
        match command {
            Command::Join { name, outbox } => {
                members.insert(name.clone(), outbox);
                let line = format!("* {name} joined");
                broadcast(&mut members, line, Some(name));
            }
            Command::Say { name, text } if members.contains_key(&name) => {
                let line = format!("{name}: {text}");
                broadcast(&mut members, line, Some(name));
            }
            Command::Say { .. } => {}
            Command::Leave { name } => {
                if let Some(outbox) = members.remove(&name) {
                    drop(outbox);
                    broadcast(&mut members, format!("* {name} left"), None);
                }
            }
            Command::Who { reply } => {
                reply.send(members.keys().cloned().collect()).ok();
            }
        }
    }
}

// The exercise's own tests, run against this file by `cargo workshop verify`.
extern crate self as websocket_chat;
#[path = "../../../exercises/13-websocket-chat/tests/spec.rs"]
mod spec;
