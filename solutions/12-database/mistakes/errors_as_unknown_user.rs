//! Mistake: any failure of the three queries turned into "no such user", `Ok(None)`.
//! class: path — a query that fails: no earlier test made a read fail
//!
//! Found by the reviewer's attack. It is Python's `try: … except Exception: return
//! None`: plain `join!`, and anything but three `Ok`s is "not found". It is right for an
//! unknown user (`fetch_one` fails with `RowNotFound`), and every test with a healthy
//! database passes. But a broken database (a table missing, a disk error) now looks
//! like a user who does not exist: the caller may create them again, or tell someone
//! their account is gone. `None` must mean only "no row"; every other failure is an
//! `Err` for the caller.

use sqlx::SqlitePool;

// ANCHOR: mistake
pub async fn load_user(pool: &SqlitePool, id: i64) -> sqlx::Result<Option<UserDetails>> {
    let user = sqlx::query_as::<_, (i64, String)>("SELECT id, name FROM users WHERE id = ?")
        .bind(id)
        .fetch_one(pool);
    let profile =
        sqlx::query_as::<_, (String, String)>("SELECT bio, city FROM profiles WHERE user_id = ?")
            .bind(id)
            .fetch_optional(pool);
    let orders = sqlx::query_as::<_, (i64, String, i64)>(
        "SELECT id, item, cents FROM orders WHERE user_id = ? ORDER BY id",
    )
    .bind(id)
    .fetch_all(pool);
    // `except Exception: return None`
    match tokio::join!(user, profile, orders) {
        (Ok((id, name)), Ok(profile), Ok(orders)) => Ok(Some(UserDetails {
            user: User { id, name },
            profile: profile.map(|(bio, city)| Profile { bio, city }),
            orders: orders
                .into_iter()
                .map(|(id, item, cents)| Order { id, item, cents })
                .collect(),
        })),
        _ => Ok(None),
    }
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
