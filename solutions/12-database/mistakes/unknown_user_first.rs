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
    let user = sqlx::query_as::<_, (i64, String)>("SELECT id, name FROM users WHERE id = ?")
        .bind(id)
        .fetch_optional(pool);
    let profile =
        sqlx::query_as::<_, (String, String)>("SELECT bio, city FROM profiles WHERE user_id = ?")
            .bind(id)
            .fetch_optional(pool);
    let orders = sqlx::query_as::<_, (i64, String, i64)>(
        "SELECT id, item, cents FROM orders WHERE user_id = ? ORDER BY id",
    )
    .bind(id)
    .fetch_all(pool);
    let (user, profile, orders) = tokio::join!(user, profile, orders);
    let Some((id, name)) = user? else {
        return Ok(None); // the other two results, errors included, are never looked at
    };
    Ok(Some(UserDetails {
        user: User { id, name },
        profile: profile?.map(|(bio, city)| Profile { bio, city }),
        orders: orders?
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
