//! Mistake: the hub looks for commands with `try_recv`, and naps in
//! `std::thread::sleep` between looks.
//! class: fixture — the spec watched the hub's polls, not its thread.
//!
//! Found by the round-10 attack: asyncio's `get_nowait()` and `time.sleep(0.001)`,
//! carried over. `std::thread::sleep` is not an await point: the poll never returns
//! `Pending`, so it holds the runtime's thread, and every connection task on it, for as
//! long as the room is open. Nothing else runs, no command can ever be sent, and tokio's
//! clock does not see the sleep. Wait for a command with `commands.recv().await`.

use std::time::Duration;

use tokio::sync::mpsc;
use tokio::sync::mpsc::error::TryRecvError;

// ANCHOR: mistake
pub async fn run_hub(mut commands: mpsc::Receiver<Command>) {
    let mut room = reference::Room::default();
    loop {
        match commands.try_recv() {
            Ok(command) => room.handle(command),
            // Nothing yet: nap a millisecond, then look again.
            Err(TryRecvError::Empty) => std::thread::sleep(Duration::from_millis(1)),
            Err(TryRecvError::Disconnected) => return,
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
