//! Mistake: the orders query ends in `LIMIT 20`, a page of orders.
//! class: boundary — the fixtures' users had a few orders, fewer than any page
//!
//! Found by the reviewer's attack. A page size is a habit from list endpoints; here
//! the exercise asks for a user with *their orders*, all of them. With three orders
//! per user, a limit of 20 (or 100) cuts nothing; a user with 1000 orders shows it.

// ANCHOR: mistake
/// A page, as a list endpoint would serve it.
const ORDERS_LIMIT: i64 = 20;
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
