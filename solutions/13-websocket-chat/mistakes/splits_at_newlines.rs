//! Mistake: a text with a newline in it is sent as several lines.
//! class: fixture — no test's text had a newline in it.
//!
//! Found by the round-6 attack. "A chat line is one line", so a pasted paragraph
//! becomes one `"{name}: {part}"` per line. But the hub does not decide what a line
//! is: its connection task does (it read one message from the socket), and the hub
//! passes each `Say` on as it came, as one line. Splitting also changes what the
//! others see ("bob: lines" looks like something bob said on its own).

use tokio::sync::mpsc;

use crate::reference::Room;

pub async fn run_hub(mut commands: mpsc::Receiver<Command>) {
    let mut room = Room::default();
    while let Some(command) = commands.recv().await {
        handle(&mut room, command);
    }
}

// ANCHOR: mistake
fn handle(room: &mut Room, command: Command) {
    match command {
        Command::Say { name, text } if room.members.contains_key(&name) => {
            // One chat line per line of text.
            for part in text.split('\n') {
                room.tell_all_but(&name, &format!("{name}: {part}"));
            }
        }
        other => room.handle(other),
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
