//! Mistake: three connections checked out at once, then the queries run one by one.
//! class: other-side — the pool sees three connections out at once; only SQLite sees it
//!
//! Found by the reviewer's attack. "Each on its own connection from the pool" taken
//! literally: `try_join!` of three `pool.acquire()`, then a query on each, awaited in
//! turn. The three connections are out together, so a test that watches the pool's
//! hand-outs is satisfied. But holding a connection is not running a query: each
//! `.await` finishes one query before the next starts, so the call still takes the sum
//! of the three, and two connections sit idle while another task may be waiting for one.

use sqlx::SqlitePool;

// ANCHOR: mistake
pub async fn load_user(pool: &SqlitePool, id: i64) -> sqlx::Result<Option<UserDetails>> {
    // Three connections at once…
    let (mut c1, mut c2, mut c3) =
        tokio::try_join!(pool.acquire(), pool.acquire(), pool.acquire())?;
    // …and then one query after another on them.
    let user = crate::user_with_id(id).fetch_optional(&mut *c1).await?;
    let profile = crate::profile_of(id).fetch_optional(&mut *c2).await?;
    let orders = crate::orders_of(id).fetch_all(&mut *c3).await?;
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
