//! Mistake: the hub awaits each member's `send` in turn, so one slow member stalls
//! everyone.
//! class: other-side — only a member that stops reading shows it: its full outbox makes
//! the hub wait.
//!
//! It reads like the asyncio version (`for w in writers: await w.send(line)`), and it is
//! even polite: `send(..).await` waits for room instead of losing lines, and a member
//! whose connection has died is removed (its `send` fails). All fine, until a member
//! stops reading. Its outbox fills up, the next `send` to it waits for room that never
//! comes, and the hub waits with it: no other member hears anything, no command is
//! handled, not even a `Leave`. One stuck client has stopped the whole room.

use std::collections::BTreeMap;

use tokio::sync::mpsc;

type Members = BTreeMap<String, mpsc::Sender<String>>;

pub async fn run_hub(mut commands: mpsc::Receiver<Command>) {
    let mut room = reference::Room::default();
    while let Some(command) = commands.recv().await {
        let members = &mut room.members;
        match command {
            Command::Join { name, outbox } => {
                let gone = tell_all_but(members, &name, &format!("* {name} joined")).await;
                members.insert(name, outbox);
                remove(members, gone).await;
            }
            Command::Say { name, text } if members.contains_key(&name) => {
                let gone = tell_all_but(members, &name, &format!("{name}: {text}")).await;
                remove(members, gone).await;
            }
            Command::Leave { name } => remove(members, vec![name]).await,
            other => room.handle(other),
        }
    }
}

// ANCHOR: mistake
/// Sends `line` to every member but `sender`; returns those whose connection is gone.
async fn tell_all_but(members: &Members, sender: &str, line: &str) -> Vec<String> {
    let mut gone = Vec::new();
    for (name, outbox) in members {
        if name != sender && outbox.send(line.to_owned()).await.is_err() {
            gone.push(name.clone()); // its receiver was dropped
        }
    }
    gone
}
// ANCHOR_END: mistake

async fn remove(members: &mut Members, names: Vec<String>) {
    for name in names {
        if members.remove(&name).is_some() {
            let gone = Box::pin(tell_all_but(members, &name, &format!("* {name} left"))).await;
            Box::pin(remove(members, gone)).await;
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
