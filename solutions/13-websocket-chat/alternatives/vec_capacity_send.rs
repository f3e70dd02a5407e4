//! Another correct way: a plain list of members, and a `send` that cannot wait.
//!
//! From the round-6 attack. The room is a `Vec` of (name, outbox) in join order, like a
//! Python list; `Who` sorts. Before each command the hub sweeps the connections that
//! died (as `eager_sweep` does). To deliver, it looks first: an outbox that is closed,
//! or whose `capacity()` (the room left) is 0, loses its member; otherwise
//! `outbox.send(line).await` finds room at once, because only the hub sends on an
//! outbox, and a connection task that reads only makes more room. The departures go on
//! a stack of lines still to send, so a notice that finds more members gone is handled
//! like any other line.

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

/// The room as a plain list: (name, outbox), join order.
type Members = Vec<(String, mpsc::Sender<String>)>;

/// Sends `line` to everyone but `skip`, then the notices of whoever failed, and so on.
/// Only the hub sends on an outbox, so the room `capacity()` sees is there at the `send`,
/// which therefore never waits.
async fn send_all(members: &mut Members, skip: Option<String>, line: String) {
    let mut pending = vec![(skip, line)];
    while let Some((skip, line)) = pending.pop() {
        let mut i = 0;
        while i < members.len() {
            if skip.as_ref() == Some(&members[i].0) {
                i += 1;
                continue;
            }
            let outbox = &members[i].1;
            let ok = !outbox.is_closed()
                && outbox.capacity() > 0
                && outbox.send(line.clone()).await.is_ok();
            if ok {
                i += 1;
            } else {
                let (name, _) = members.remove(i);
                pending.push((None, format!("* {name} left")));
            }
        }
    }
}

pub async fn run_hub(mut commands: mpsc::Receiver<Command>) {
    let mut members = Members::new();
    while let Some(command) = commands.recv().await {
        // Connections that died since the last command are found first.
        while let Some(i) = members.iter().position(|(_, o)| o.is_closed()) {
            let (name, _) = members.remove(i);
            send_all(&mut members, None, format!("* {name} left")).await;
        }
        match command {
            Command::Join { name, outbox } => {
                members.retain(|(n, _)| *n != name);
                send_all(&mut members, None, format!("* {name} joined")).await;
                members.push((name, outbox));
            }
            Command::Say { name, text } => {
                if members.iter().any(|(n, _)| *n == name) {
                    let line = format!("{name}: {text}");
                    send_all(&mut members, Some(name), line).await;
                }
            }
            Command::Leave { name } => {
                if let Some(i) = members.iter().position(|(n, _)| *n == name) {
                    members.remove(i);
                    send_all(&mut members, None, format!("* {name} left")).await;
                }
            }
            Command::Who { reply } => {
                let mut names: Vec<String> = members.iter().map(|(n, _)| n.clone()).collect();
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
