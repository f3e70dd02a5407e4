//! Mistake: a name that exists already returns that user's id: "get or create".
//! class: fixture — every name the first tests added was new
//!
//! Found by the reviewer's attack. `get_or_create` is a common helper, and looking
//! before inserting seems to keep the table tidy. Every name the tests added was new,
//! so every call inserted. But names need not be unique: a second Ada is another
//! customer, with a row and an id of her own. This `add_user` hands her the first Ada's
//! id, and whatever the caller then stores under it (an order, a profile) goes to the
//! wrong person.

use sqlx::SqlitePool;

// ANCHOR: mistake
pub async fn add_user(pool: &SqlitePool, name: &str) -> sqlx::Result<i64> {
    // Somebody of that name already? Then that is the user.
    if let Some((id, _)) = crate::users_named(name).fetch_optional(pool).await? {
        return Ok(id);
    }
    reference::add_user(pool, name).await
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
