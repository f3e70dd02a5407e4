//! Mistake: a second `Join` of a taken name is announced, then turned away.
//! class: path — only a name joined twice shows it, and only the others hear it.
//!
//! Every `Join` starts with "* {name} joined"; only then does `entry(name).or_insert`
//! find the name taken and keep the first bob, dropping the newcomer's outbox. The
//! room now believes a second bob arrived, and nobody did: the others were told of a
//! join that never happened. Decide who is a member first, then announce.

use tokio::sync::mpsc;

pub async fn run_hub(mut commands: mpsc::Receiver<Command>) {
    let mut room = reference::Room::default();
    while let Some(command) = commands.recv().await {
        match command {
            // ANCHOR: mistake
            Command::Join { name, outbox } => {
                room.tell_all_but(&name, &format!("* {name} joined"));
                room.members.entry(name).or_insert(outbox); // the first bob stays
            }
            // ANCHOR_END: mistake
            other => room.handle(other),
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
