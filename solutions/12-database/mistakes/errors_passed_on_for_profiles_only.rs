//! Mistake: a failed read of the orders is "no orders", a failed read of the user "no user".
//! class: path — a later query fails: the first tests only ever broke the profiles
//!
//! Found by the reviewer's attack. A user may have no profile and no orders, so
//! defaults look natural: `unwrap_or_default()` on the orders, `.ok().flatten()` on the
//! user. Only the profile's error is passed on, the one a test once made fail. But a
//! missing `orders` table now returns Ada with no orders, and a missing `users` table
//! says that nobody exists: the caller cannot tell a broken database from an empty one.

use sqlx::SqlitePool;

// ANCHOR: mistake
pub async fn load_user(pool: &SqlitePool, id: i64) -> sqlx::Result<Option<UserDetails>> {
    let user = crate::user_with_id(id).fetch_optional(pool);
    let profile = crate::profile_of(id).fetch_optional(pool);
    let orders = crate::orders_of(id).fetch_all(pool);
    let (user, profile, orders) = tokio::join!(user, profile, orders);
    let profile = profile?; // the one error passed on
    let orders = orders.unwrap_or_default(); // "no orders"
    let user = user.ok().flatten(); // "no such user"
    Ok(crate::details(user, profile, orders))
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
