//! For the mistakes that give the room a size of their own: the reference's hub, which
//! turns away (drops the outbox of) a newcomer when `max_members` are in.

use tokio::sync::mpsc;

use crate::Command;

pub async fn run_hub(max_members: usize, mut commands: mpsc::Receiver<Command>) {
    let mut room = crate::reference::Room::default();
    while let Some(command) = commands.recv().await {
        match command {
            Command::Join { name, .. }
                if room.members.len() >= max_members && !room.members.contains_key(&name) => {}
            other => room.handle(other),
        }
    }
}
