//! Another correct way (from the round-9 attack): a `Vec` whose `retain` delivers.
//!
//! The members are a `Vec` of (name, outbox) in join order. Each command leaves a
//! stack of lines to send (with the name not to tell); each line is sent inside
//! `members.retain(..)`, whose closure keeps a member when `try_send` succeeds and
//! drops it (and its outbox) when it fails, noting the name so that its "left" notice
//! goes on the stack too. The loop runs until the stack is empty, so a cascade goes as
//! deep as it must. The wait is `recv()` spelled by hand: `poll_fn` over `poll_recv`.
//! A second `Join` of a name takes it over (the old outbox is dropped, unannounced).

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
    let mut members: Vec<(String, mpsc::Sender<String>)> = Vec::new();
    // ANCHOR: wait
    // `recv()` spelled by hand: `poll_recv` is what it polls.
    while let Some(command) = std::future::poll_fn(|cx| commands.poll_recv(cx)).await {
        // ANCHOR_END: wait
        let mut pending: Vec<(Option<String>, String)> = Vec::new();
        match command {
            Command::Join { name, outbox } => {
                if let Some(slot) = members.iter_mut().find(|(n, _)| *n == name) {
                    slot.1 = outbox; // takes the name over; the old outbox is dropped
                } else {
                    members.push((name.clone(), outbox));
                    pending.push((Some(name.clone()), format!("* {name} joined")));
                }
            }
            Command::Say { name, text } => {
                if members.iter().any(|(n, _)| *n == name) {
                    pending.push((Some(name.clone()), format!("{name}: {text}")));
                }
            }
            Command::Leave { name } => {
                let before = members.len();
                members.retain(|(n, _)| *n != name);
                if members.len() < before {
                    pending.push((None, format!("* {name} left")));
                }
            }
            Command::Who { reply } => {
                let mut names: Vec<String> = members.iter().map(|(n, _)| n.clone()).collect();
                names.sort_unstable();
                reply.send(names).ok();
            }
        }
        // ANCHOR: retain
        while let Some((skip, line)) = pending.pop() {
            let mut gone = Vec::new();
            members.retain(|(n, outbox)| {
                if Some(n) == skip.as_ref() || outbox.try_send(line.clone()).is_ok() {
                    true
                } else {
                    gone.push(n.clone());
                    false
                }
            });
            pending.extend(gone.into_iter().map(|n| (None, format!("* {n} left"))));
        }
        // ANCHOR_END: retain
    }
}

// The exercise's own tests, run against this file by `cargo workshop verify`.
extern crate self as websocket_chat;
#[path = "../../../exercises/13-websocket-chat/tests/spec.rs"]
mod spec;
