//! Mistake: no such user is `Ok(None)` before the other two results are looked at.
//! class: path — two at once: an unknown id, and a query that failed
//!
//! Found by the reviewer's attack. The three queries run at once, as asked, and every
//! error is passed on with `?`. But the user's result is unpacked first, and an
//! unknown id returns `Ok(None)` at once: the profile's and the orders' errors are
//! dropped unseen. With a table gone, `load_user(99)` still says "no such user", and
//! the broken database goes unnoticed until someone who exists asks.

use sqlx::SqlitePool;

// ANCHOR: mistake
pub async fn load_user(pool: &SqlitePool, id: i64) -> sqlx::Result<Option<UserDetails>> {
    let user = crate::user_with_id(id).fetch_optional(pool);
    let profile = crate::profile_of(id).fetch_optional(pool);
    let orders = crate::orders_of(id).fetch_all(pool);
    let (user, profile, orders) = tokio::join!(user, profile, orders);
    let Some(user) = user? else {
        return Ok(None); // the other two results, errors included, are never looked at
    };
    Ok(crate::details(Some(user), profile?, orders?))
}
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
