//! Mistake: `Who` drops the members whose connections have died, and tells no one.
//! class: other-side — no test asked `Who` right after a connection
//! died, with no line in between to find it.
//!
//! Found by the round-10 attack: "`Who` should not list the dead", so it sweeps the
//! closed outboxes first (`retain(|_, outbox| !outbox.is_closed())`). The answer is
//! right, but those members are gone now without a "* … left": the line that would have
//! found them finds nobody, and the others never hear that they went. Looking for the
//! dead is fine (see the `eager_sweep` alternative); removing one is always a
//! departure, and announced as one (`Room::remove`).

use tokio::sync::mpsc;

pub async fn run_hub(mut commands: mpsc::Receiver<Command>) {
    let mut room = reference::Room::default();
    while let Some(command) = commands.recv().await {
        // ANCHOR: mistake
        if let Command::Who { .. } = command {
            room.members.retain(|_, outbox| !outbox.is_closed());
        }
        // ANCHOR_END: mistake
        room.handle(command);
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
