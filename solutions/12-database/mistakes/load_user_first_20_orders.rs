//! Mistake: the orders query ends in `LIMIT 20`, a page of orders.
//! class: boundary — the fixtures' users had a few orders, fewer than any page
//!
//! Found by the reviewer's attack. A page size is a habit from list endpoints; here
//! the exercise asks for a user with *their orders*, all of them. With three orders
//! per user, a limit of 20 (or 100) cuts nothing; a user with 1000 orders shows it.

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
        "SELECT id, item, cents FROM orders WHERE user_id = ? ORDER BY id LIMIT 20", // a page
    )
    .bind(id)
    .fetch_all(pool);

    let (user, profile, orders) = tokio::try_join!(user, profile, orders)?;

    let Some((id, name)) = user else {
        return Ok(None);
    };
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
