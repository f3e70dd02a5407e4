//! Mistake: a line from the member named `""` goes to nobody.
//! class: boundary — the empty name joined and left in the tests, but never spoke.
//!
//! Found by the round-10 attack: `if !name.is_empty()` before a `Say` is delivered,
//! "a nameless line is noise". But `""` was let in as a member like any other (see
//! `empty_name_refused`), and a member's lines reach every other member. A rule that
//! applies to some members only is no rule of the room's.

use tokio::sync::mpsc;

#[path = "common/relay.rs"]
mod relay;

// ANCHOR: mistake
pub async fn run_hub(commands: mpsc::Receiver<Command>) {
    relay::run_hub_behind(commands, |command| match command {
        Command::Say { name, .. } if name.is_empty() => None,
        other => Some(other),
    })
    .await
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
