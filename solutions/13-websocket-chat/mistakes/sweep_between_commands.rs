//! Mistake: between commands, a `select!` branch that is always ready sweeps the dead.
//! class: fixture — no test left the hub idle while something else waited.
//!
//! Found by the round-6 attack. Looking for closed outboxes between commands is fine
//! (the `eager_sweep` alternative does it before each command); the mistake is when.
//! `yield_now()` is ready at once, so whenever no command is waiting `select!` takes
//! that branch, sweeps, and loops: the hub never sleeps, an idle room keeps a core
//! busy, and on tokio's paused clock time stands still for every task. `biased;` only
//! makes a waiting command win; it does not make the other branch wait. Sweep when a
//! command has come (or let the next line find the dead), and otherwise wait in
//! `commands.recv().await`.

use tokio::sync::mpsc;

// ANCHOR: mistake
pub async fn run_hub(mut commands: mpsc::Receiver<Command>) {
    let mut room = reference::Room::default();
    loop {
        tokio::select! {
            biased;
            command = commands.recv() => match command {
                Some(command) => room.handle(command),
                None => return,
            },
            // No command yet: look for connections that died meanwhile.
            () = tokio::task::yield_now() => {
                let dead: Vec<String> = room
                    .members
                    .iter()
                    .filter(|(_, outbox)| outbox.is_closed())
                    .map(|(name, _)| name.clone())
                    .collect();
                for name in dead {
                    room.remove(&name);
                }
            }
        }
    }
}
// ANCHOR_END: mistake

// The rest is the reference's; the exercise's tests run against this file.
#[allow(dead_code)]
#[path = "../src/lib.rs"]
mod reference;
#[allow(unused_imports)]
pub use reference::*;
extern crate self as websocket_chat;
#[path = "../../../exercises/13-websocket-chat/tests/spec.rs"]
mod spec;
