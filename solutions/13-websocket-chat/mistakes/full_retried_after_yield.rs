//! Mistake: a `Say` that finds an outbox full yields once, "to give a slow reader one
//! more chance", and tries again.
//! class: other-side — no test's connection could read while the hub was busy: each read
//! only between commands, so the second try found the outbox just as full.
//!
//! Found by the round-11 attack, where it passed every test. `yield_now().await` hands
//! the thread to the other tasks, the member's connection task among them, and it makes
//! room; so the second `try_send` succeeds, and the hub has waited for room after all:
//! one turn of the runtime per full outbox per line, the whole room waiting on its
//! slowest members. A member whose outbox is full when its line comes is too slow:
//! remove it then.

use tokio::sync::mpsc;
use tokio::sync::mpsc::error::TrySendError;

pub async fn run_hub(mut commands: mpsc::Receiver<Command>) {
    let mut room = reference::Room::default();
    while let Some(command) = commands.recv().await {
        match command {
            Command::Say { name, text } if room.members.contains_key(&name) => {
                let line = format!("{name}: {text}");
                let mut gone = Vec::new();
                for (member, outbox) in &room.members {
                    if *member == name {
                        continue;
                    }
                    // ANCHOR: mistake
                    match outbox.try_send(line.clone()) {
                        Ok(()) => {}
                        Err(TrySendError::Full(line)) => {
                            // "Give a slow reader one more chance."
                            tokio::task::yield_now().await;
                            if outbox.try_send(line).is_err() {
                                gone.push(member.clone());
                            }
                        }
                        Err(TrySendError::Closed(_)) => gone.push(member.clone()),
                    }
                    // ANCHOR_END: mistake
                }
                for member in gone {
                    room.remove(&member);
                }
            }
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
