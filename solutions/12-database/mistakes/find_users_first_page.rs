//! Mistake: `find_users` ends its query in `LIMIT 100`, a page of results.
//! class: fixture — no name of the first tests was shared by more than three users
//!
//! Found by the reviewer's attack. A page size is a habit from search endpoints, and
//! with at most three users of a name, a limit of 100 cuts nothing. But the exercise
//! asks for *every* user of that name: with 1000 of them, 900 are silently missing,
//! and the caller cannot tell a short list from a cut one.

// ANCHOR: mistake
/// A page, as a search endpoint would serve it.
const USERS_LIMIT: i64 = 100;
// ANCHOR_END: mistake

// The capped query itself, shared with the other capped-`find_users` mistakes.
#[path = "common/users_limit.rs"]
mod users_limit;
pub(crate) use users_limit::users_named;

// The rest is the reference's; the exercise's tests run against this file.
#[allow(dead_code)]
#[path = "../src/lib.rs"]
mod reference;
#[allow(unused_imports)]
pub use reference::*;
extern crate self as database;
#[path = "../../../exercises/12-database/tests/spec.rs"]
mod spec;
