//! Mistake: the orders query ends in `LIMIT 1000`, "more than anyone will ever have".
//! class: boundary — the fixture's busiest user had exactly 1000 orders
//!
//! Found by the reviewer's attack. A round cap, meant as a safety net rather than a
//! page: nobody has 1000 orders, until somebody does. The exercise asks for a user
//! with *all* their orders; a cap cuts the newest ones off without a word, and the
//! caller cannot tell a user with 1000 orders from one with 5000. A fixture of exactly
//! 1000 orders let it pass; one of 1001 shows it.

// ANCHOR: mistake
/// A safety net: nobody has more than 1000 orders.
const ORDERS_LIMIT: i64 = 1000;
// ANCHOR_END: mistake

// The capped orders query itself, shared with the other capped-orders mistakes.
#[path = "common/orders_limit.rs"]
mod orders_limit;
pub(crate) use orders_limit::orders_of;

// The rest is the reference's; the exercise's tests run against this file.
#[allow(dead_code)]
#[path = "../src/lib.rs"]
mod reference;
#[allow(unused_imports)]
pub use reference::*;
extern crate self as database;
#[path = "../../../exercises/12-database/tests/spec.rs"]
mod spec;
