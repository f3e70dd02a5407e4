//! Mistake: the three independent queries of `load_user` awaited one after another.
//! class: other-side — the data is right; only the pool and SQLite see one query at a time
//!
//! It is tempting because it reads well, it returns exactly the right data, and it even
//! looks thrifty: when the user does not exist, it skips the other two queries. But
//! each `.await` finishes one query before the next is even created, so the call takes
//! the sum of three round trips instead of the longest, and the pool's other
//! connections sit idle. Nothing in the results shows it; only watching the pool does.

use sqlx::SqlitePool;

// ANCHOR: mistake
pub async fn load_user(pool: &SqlitePool, id: i64) -> sqlx::Result<Option<UserDetails>> {
    let Some(user) = crate::user_with_id(id).fetch_optional(pool).await? else {
        return Ok(None);
    };
    let profile = crate::profile_of(id).fetch_optional(pool).await?;
    let orders = crate::orders_of(id).fetch_all(pool).await?;
    Ok(crate::details(Some(user), profile, orders))
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
