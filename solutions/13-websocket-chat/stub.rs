//! # Exercise 13: a chat hub — one task owns the room
//!
//! The worked example shares its room through a `broadcast` channel: each client's task
//! reads the room for itself. Here you write the other classic design, the one most
//! asyncio chat servers have: a set of members and a loop that sends each line to each
//! of them. In Tokio that set belongs to a single task, the **hub**; the connection
//! tasks talk to it with [`Command`]s over a channel. Each member has an **outbox**, a
//! bounded `mpsc` channel that its connection task empties onto its socket. (The tests
//! play the connections with plain channels: no sockets.)
//!
//! Write [`run_hub`]. It handles the commands one at a time, in the order they arrive,
//! and returns when there are no more: when every sender of `commands` is dropped.
//! Between commands it waits (it does not look again and again: an idle room keeps no
//! core busy), and its future is `Send`: a server runs it as a task of its own, with
//! `tokio::spawn(run_hub(commands))`.
//!
//! 1. `Join { name, outbox }`: `name` becomes a member, and every *other* member is
//!    sent `"* {name} joined"`. A name is kept exactly as given, spaces and all:
//!    `"Alice"`, `"alice"` and `" alice"` are three members, and `""` is a name too.
//! 2. `Say { name, text }`: every member **but the sender** is sent `"{name}: {text}"`.
//!    The sender's client already shows what was typed: no echo. The text may be
//!    anything, the empty string too (`"{name}: "`), and it is sent as it came, every
//!    time, as one line: not trimmed (a line break at its end is part of it too), not
//!    split at a newline, not shortened however long it is, and not dropped when it
//!    repeats.
//! 3. `Leave { name }`: the member is removed and its outbox dropped (so that its
//!    connection task sees its queue end), and every *remaining* member is sent
//!    `"* {name} left"`: the leaver is not told.
//! 4. A connection can also die without a `Leave`: its end of the outbox is dropped,
//!    and the outbox is closed. When you find a member's outbox closed as you send to
//!    it, that member has left: remove it as in 3.
//! 5. A slow member must not stall the room. Never wait for room in an outbox: if a
//!    member's outbox is full, that member is too slow to keep; remove it as in 3 and
//!    go on with the others.
//! 6. 4 and 5 hold for *every* line the hub sends: a `Say`'s, and the `"* … joined"`
//!    and `"* … left"` notices too. However many members fail on the same line, each
//!    is removed, and each removal is announced to those who remain (which may find
//!    more). The order of those notices, and whether a line reaches a member before or
//!    after the notice of a departure it uncovered, is up to you.
//! 7. `Who { reply }`: reply with the names of the members, sorted as strings (not in
//!    join order, and case counts: `"Alice"` comes before `"Bob"`, and both before
//!    `"alice"`).
//!    If the asker has gone (its receiver is dropped), there is nobody to answer: go on.
//! 8. Only members take part. A `Say` or a `Leave` from a name that is not a member
//!    (one already removed for being slow or gone, whose connection task is only now
//!    catching up) changes nothing and is sent to nobody: each member leaves once, and
//!    is announced once. A name that has left is free again, however it left (a
//!    `Leave`, a dead connection, a full outbox): a later `Join` of it is a member like
//!    any other.
//! 9. Nothing a connection sends may make the hub panic: it is the whole room.
//!    Dropping the `run_hub` future (a server shutting down, a `timeout`) drops the
//!    room with it: every outbox is dropped at once (by the time the drop returns), and
//!    nothing it started runs on.
//!
//! 10. A `Join` under a name that is already a member (two clients picked the same name)
//!     must not break the room either: the room keeps one member of that name, and the
//!     hub goes on. Whether the newcomer takes the name over (the old outbox dropped) or
//!     is turned away (its own outbox dropped, and its join announced to nobody) is up
//!     to you. Either way each line goes to that name once.
//!
//! `run_hub` takes no limit, and sets none: the outboxes' capacities are their
//! connection tasks' choice, and the room takes any number of members, however long
//! their lines and however deep a cascade of departures goes.
//!
//! Hint: keep the members in a map from name to outbox, owned by `run_hub`.
//! `mpsc::Sender::try_send` never waits: it says `Full` or `Closed` instead. Run
//! `cargo workshop hint 13` for more.
//!
//! Check your work with `cargo workshop check 13` (or
//! `cargo test -p websocket-chat-exercise`).

// The stubs below don't use their arguments yet; remove this line when you are done.
#![allow(unused_variables)]

use tokio::sync::{mpsc, oneshot};

/// What a connection task asks of the hub.
#[derive(Debug)]
pub enum Command {
    /// A client has connected as `name`; the hub sends it lines through `outbox`.
    Join {
        name: String,
        outbox: mpsc::Sender<String>,
    },
    /// `name` said `text`.
    Say { name: String, text: String },
    /// `name` has disconnected.
    Leave { name: String },
    /// Who is in the room?
    Who { reply: oneshot::Sender<Vec<String>> },
}

/// The hub: owns the members, handles `commands` until every sender is dropped.
pub async fn run_hub(commands: mpsc::Receiver<Command>) {
    todo!("run_hub: a loop over `commands.recv()`, a map of members, `try_send` to each outbox")
}

// The exercise's own tests, run against this file by `cargo workshop verify`.
extern crate self as websocket_chat;
#[path = "../../exercises/13-websocket-chat/tests/spec.rs"]
mod spec;
