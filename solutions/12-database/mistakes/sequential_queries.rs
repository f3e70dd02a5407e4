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
    let Some((id, name)) =
        sqlx::query_as::<_, (i64, String)>("SELECT id, name FROM users WHERE id = ?")
            .bind(id)
            .fetch_optional(pool)
            .await?
    else {
        return Ok(None);
    };
    let profile =
        sqlx::query_as::<_, (String, String)>("SELECT bio, city FROM profiles WHERE user_id = ?")
            .bind(id)
            .fetch_optional(pool)
            .await?;
    let orders = sqlx::query_as::<_, (i64, String, i64)>(
        "SELECT id, item, cents FROM orders WHERE user_id = ? ORDER BY id",
    )
    .bind(id)
    .fetch_all(pool)
    .await?;

    Ok(Some(UserDetails {
        user: User { id, name },
        profile: profile.map(|(bio, city)| Profile { bio, city }),
        orders: orders
            .into_iter()
            .map(|(id, item, cents)| Order { id, item, cents })
            .collect(),
    }))
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
