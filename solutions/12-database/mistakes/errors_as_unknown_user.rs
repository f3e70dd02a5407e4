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
    let user = crate::user_with_id(id).fetch_one(pool);
    let profile = crate::profile_of(id).fetch_optional(pool);
    let orders = crate::orders_of(id).fetch_all(pool);
    // `except Exception: return None`
    match tokio::join!(user, profile, orders) {
        (Ok(user), Ok(profile), Ok(orders)) => Ok(crate::details(Some(user), profile, orders)),
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
