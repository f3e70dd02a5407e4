//! Mistake: a `Say` skips every member whose name equals the sender's ignoring case.
//! class: fixture — no test had "Alice" speak while "alice" was in the room.
//!
//! Found by the round-10 attack: "no echo" written as `eq_ignore_ascii_case`. But only
//! the sender is skipped, and the sender is one member: "alice" is someone else, and
//! hears nothing "Alice" says. Compare names as the strings they are (`name == sender`).

use tokio::sync::mpsc;

pub async fn run_hub(mut commands: mpsc::Receiver<Command>) {
    let mut room = reference::Room::default();
    while let Some(command) = commands.recv().await {
        match command {
            // ANCHOR: mistake
            Command::Say { name, text } if room.members.contains_key(&name) => {
                // Skipped: the sender, and whoever spells the sender's name otherwise.
                let skipped: Vec<String> = (room.members.keys())
                    .filter(|k| *k != &name && k.eq_ignore_ascii_case(&name))
                    .cloned()
                    .collect();
                let aside: Vec<_> = (skipped.iter())
                    .filter_map(|k| room.members.remove_entry(k))
                    .collect();
                room.tell_all_but(&name, &format!("{name}: {text}"));
                room.members.extend(aside);
            }
            // ANCHOR_END: mistake
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
