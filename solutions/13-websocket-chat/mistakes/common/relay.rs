//! For the mistakes that change what reaches the hub, not how it works: the
//! reference's hub behind a filter that rewrites or drops each command first.

use tokio::sync::mpsc;

use crate::Command;

/// Runs the reference's `run_hub` on `commands` as `clean` leaves them (`None`: dropped).
/// One future, no task: dropping it drops the room, as the reference's does.
pub async fn run_hub_behind(
    mut commands: mpsc::Receiver<Command>,
    mut clean: impl FnMut(Command) -> Option<Command>,
) {
    let (cleaned, room) = mpsc::channel(1);
    let forward = async move {
        while let Some(command) = commands.recv().await {
            let Some(command) = clean(command) else {
                continue;
            };
            if cleaned.send(command).await.is_err() {
                break;
            }
        }
    };
    tokio::join!(forward, crate::reference::run_hub(room));
}
