//! Mistake: the debit reads the balance, computes the new one in Rust, writes it back
//! (read–modify–write), inside the transaction.
//! class: fixture — one transfer at a time, reading first is as good; only concurrency shows it
//!
//! It is tempting because it is how the code would look with an in-memory map, it
//! checks the balance before it writes, and the transaction makes it all or nothing:
//! every test that runs one transfer at a time passes. But two transfers that read the
//! same balance both compute from it. A database that let both write would lose one
//! update; SQLite, which allows one writer at a time, refuses the second writer
//! instead: its transaction read a balance that another has since changed, so it fails
//! at once with "database is locked", and busy-waiting cannot help it.

// ANCHOR: mistake
// The debit: read the balance, decide in Rust, write the result back (shared with
// `retries_with_thread_sleep`).
#[path = "common/read_first_debit.rs"]
mod read_first_debit;
pub(crate) use read_first_debit::debit;
// ANCHOR_END: mistake

// The rest is the reference's; the exercise's tests run against this file.
#[allow(dead_code)]
#[path = "../src/lib.rs"]
mod reference;
#[allow(unused_imports)]
pub use reference::*;
extern crate self as database;
#[path = "../../../exercises/12-database/tests/spec.rs"]
mod spec;
