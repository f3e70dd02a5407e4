//! What the timer-driven sweeps share: the reference's room, and a `select!` between the
//! next command and an `interval` that removes every member whose outbox is closed.
//! Each mistake gives the period.

use std::time::Duration;

use tokio::sync::mpsc;

use crate::Command;

/// The reference's hub, woken every `period` as well to sweep out dead connections.
pub async fn run_hub_sweeping(mut commands: mpsc::Receiver<Command>, period: Duration) {
    let mut room = crate::reference::Room::default();
    // ANCHOR: mistake
    let mut sweep = tokio::time::interval(period);
    loop {
        tokio::select! {
            command = commands.recv() => match command {
                Some(command) => room.handle(command),
                None => break,
            },
            _ = sweep.tick() => {
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
    // ANCHOR_END: mistake
}
