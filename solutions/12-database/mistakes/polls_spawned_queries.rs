//! Mistake: `load_user` spawns its three queries and loops, yielding, until every
//! `JoinHandle` says `is_finished()`.
//! class: other-side — the answer is right and the queries run at once; only the
//! runtime sees the task polled again and again while it waits
//!
//! From round 12's attack, where it passed every test. Spawning the queries runs them
//! at once, and a loop that checks the handles looks like `asyncio.wait` written out.
//! But `yield_now` wakes the task at once: while the queries are still running it is
//! polled every time round, doing nothing, and keeps the thread from other work.
//! Awaiting the handles (or `try_join!` on the queries) waits without a poll until a
//! result is there. The tests now hold the queries inside SQLite and count the polls.

use sqlx::SqlitePool;

// ANCHOR: mistake
pub async fn load_user(pool: &SqlitePool, id: i64) -> sqlx::Result<Option<UserDetails>> {
    let (p1, p2, p3) = (pool.clone(), pool.clone(), pool.clone());
    let user = tokio::spawn(async move { crate::user_with_id(id).fetch_optional(&p1).await });
    let profile = tokio::spawn(async move { crate::profile_of(id).fetch_optional(&p2).await });
    let orders = tokio::spawn(async move { crate::orders_of(id).fetch_all(&p3).await });
    // Look until all three are done, letting the others run in between.
    while !(user.is_finished() && profile.is_finished() && orders.is_finished()) {
        tokio::task::yield_now().await;
    }
    let user = user.await.expect("the user query panicked")?;
    let profile = profile.await.expect("the profile query panicked")?;
    let orders = orders.await.expect("the orders query panicked")?;
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
