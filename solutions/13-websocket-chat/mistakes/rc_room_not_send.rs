//! Mistake: the room is shared through an `Rc<RefCell<..>>`, so the hub cannot be spawned.
//! class: fixture — polled right on the test's thread an `Rc` works; spawned it cannot.
//!
//! Found by the round-6 attack, which passed it: every line arrives, every member
//! leaves once. A Python habit: the room is an object that helpers share, so it lives
//! behind a reference count and is borrowed where it is needed. But the future of an
//! `async fn` holds its locals across every `.await`, here the `Rc`, and an `Rc` is not
//! `Send` (two threads could change its count at once). So `run_hub`'s future is not
//! `Send`, and `tokio::spawn`, which may move a task to another thread at any `.await`,
//! refuses it: no server could run this hub. Nothing here is shared: the hub owns the
//! room, a plain local (`let mut room = ...`) that it lends with `&mut`.
//!
//! This file must not compile: `cargo workshop verify` checks that it does not and
//! records the compiler's message.
// workshop: must not compile

use std::cell::RefCell;
use std::rc::Rc;

use tokio::sync::mpsc;

// ANCHOR: mistake
pub async fn run_hub(mut commands: mpsc::Receiver<Command>) {
    // Shared, and borrowed where it is needed.
    let room = Rc::new(RefCell::new(reference::Room::default()));
    while let Some(command) = commands.recv().await {
        room.borrow_mut().handle(command);
    }
}

/// What the tests do, and every server: run the hub as a task of its own.
pub fn in_a_task(commands: mpsc::Receiver<Command>) {
    tokio::spawn(run_hub(commands));
}
// ANCHOR_END: mistake

// The rest is the reference's (this file is compiled on its own, without the tests).
#[allow(dead_code)]
#[path = "../src/lib.rs"]
mod reference;
#[allow(unused_imports)]
pub use reference::*;
