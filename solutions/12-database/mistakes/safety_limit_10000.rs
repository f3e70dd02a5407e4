//! Mistake: `find_users` and the orders query end in `LIMIT 10000`, a safety net ten
//! times the size of anything in the tests.
//! class: fixture — the fixtures' biggest lists had 1001 rows, under the cap
//!
//! From round 12's attack, where it passed every test. After `LIMIT 1000` was caught
//! by a list of 1001, the next round cap is the obvious retreat: no list will ever be
//! that long, until one is. It cuts the list without a word, and the caller cannot
//! tell 10000 rows from 50000. The exercise asks for *every* match and *all* the
//! orders: no `LIMIT`. The tests now hold 10001 Graces and 10001 orders.

// ANCHOR: mistake
/// A safety net: no name is that common.
const USERS_LIMIT: i64 = 10_000;
/// A safety net: nobody has that many orders.
const ORDERS_LIMIT: i64 = 10_000;
// ANCHOR_END: mistake

// The capped queries themselves, shared with the other capped mistakes.
#[path = "common/users_limit.rs"]
mod users_limit;
pub(crate) use users_limit::users_named;
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
