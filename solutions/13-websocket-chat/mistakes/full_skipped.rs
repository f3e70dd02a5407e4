//! Mistake: a full outbox loses the line, but its member stays.
//! class: other-side — only the slow member sees it: the lines it silently missed.
//!
//! "It will catch up": when `try_send` says `Full`, the line is skipped for that member
//! and the hub goes on; only a `Closed` outbox removes it. The room never stalls, so it
//! looks right. But the slow member now has holes in its conversation and no way to
//! know, and the hub keeps offering it every line. The exercise's rule is explicit: a
//! member too slow to keep up is removed, so that its client knows (its connection ends).

use tokio::sync::mpsc;
use tokio::sync::mpsc::error::TrySendError;

pub async fn run_hub(mut commands: mpsc::Receiver<Command>) {
    let mut room = reference::Room::default();
    while let Some(command) = commands.recv().await {
        match command {
            Command::Say { name, text } if room.members.contains_key(&name) => {
                let mut gone = Vec::new();
                for (member, outbox) in &room.members {
                    if *member == name {
                        continue;
                    }
                    // ANCHOR: mistake
                    match outbox.try_send(format!("{name}: {text}")) {
                        Ok(()) => {}
                        Err(TrySendError::Full(_)) => {} // "it will catch up"
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
