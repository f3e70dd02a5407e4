//! Mistake: the actor `expect`s every `reply.send` to succeed.
//! class: cancellation — while every caller waits for its answer it is right; only a
//! caller that gives up (a `timeout`, an aborted task) shows it: the actor dies.
//!
//! `reply.send(…)` returns a `Result`, the workspace denies `unused_must_use`, and
//! `expect("the caller is waiting")` is the reflex. But a caller may stop waiting
//! whenever it likes, and then `send` fails. That is not the actor's problem; with
//! `expect` it is, and the actor panics: the bank is gone, and every later request,
//! from every handle, gets `Unavailable`. Nobody to tell means nothing to do: `let _`.
//! (Part 1, the lock, is the reference's here.)

use std::fmt::Debug;

// ANCHOR: mistake
fn answer<T: Debug>(reply: Reply<T>, result: Result<T, BankError>) {
    reply
        .send(result)
        .expect("the caller is waiting for its answer");
}
// ANCHOR_END: mistake

// The rest is the reference's; the exercise's tests run against this file.
#[allow(dead_code)]
#[path = "../src/lib.rs"]
mod reference;
#[allow(unused_imports)]
pub use reference::*;
extern crate self as shared_state;
#[path = "../../../exercises/10-shared-state/tests/spec.rs"]
mod spec;
