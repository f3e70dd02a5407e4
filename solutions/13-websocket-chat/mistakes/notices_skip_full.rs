//! Mistake: a notice that finds an outbox full skips that member.
//! class: path — a full outbox on a `Say` is handled; only a join or departure
//! notice reaching a full outbox shows it.
//!
//! "It is only a notice: no need to drop a member over it." But the rule is about the
//! member, not the line: an outbox that is full is a member too slow to keep, whatever
//! line found it so. Kept, it misses the notice in silence, and the next `Say` finds it
//! full again anyway.

use std::collections::BTreeMap;

use tokio::sync::mpsc;
use tokio::sync::mpsc::error::TrySendError;

type Members = BTreeMap<String, mpsc::Sender<String>>;

pub async fn run_hub(mut commands: mpsc::Receiver<Command>) {
    let mut room = reference::Room::default();
    while let Some(command) = commands.recv().await {
        let members = &mut room.members;
        match command {
            Command::Join { name, outbox } => {
                deliver(members, &name, &format!("* {name} joined"), true);
                members.insert(name, outbox);
            }
            Command::Say { name, text } if members.contains_key(&name) => {
                deliver(members, &name, &format!("{name}: {text}"), false);
            }
            Command::Leave { name } => remove(members, &name),
            other => room.handle(other),
        }
    }
}

fn deliver(members: &mut Members, except: &str, line: &str, notice: bool) {
    let mut gone = Vec::new();
    for (name, outbox) in members.iter() {
        if name == except {
            continue;
        }
        match outbox.try_send(line.to_owned()) {
            Ok(()) => {}
            // ANCHOR: mistake
            Err(TrySendError::Full(_)) if notice => {} // "only a notice"
            // ANCHOR_END: mistake
            Err(_) => gone.push(name.clone()),
        }
    }
    for name in gone {
        remove(members, &name);
    }
}

fn remove(members: &mut Members, name: &str) {
    if members.remove(name).is_some() {
        deliver(members, name, &format!("* {name} left"), true);
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
