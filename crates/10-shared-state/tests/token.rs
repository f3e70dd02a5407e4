//! The token cache, behind a tokio mutex and as an actor: one refresh for many callers.

use std::sync::Arc;

use shared_state_example::token::{FETCH_TIME, TOKEN_TTL, TokenCache};
use shared_state_example::token_actor::TokenHandle;
use testkit::{Stopwatch, ms, tasks_alive, within};
use tokio::task::JoinSet;
use tokio::time::sleep;

#[tokio::test(start_paused = true)]
async fn concurrent_callers_share_one_refresh() {
    let cache = Arc::new(TokenCache::default());
    let watch = Stopwatch::start();
    let mut callers = JoinSet::new();
    for _ in 0..10 {
        let cache = cache.clone();
        callers.spawn(async move { cache.get().await });
    }
    let tokens = within(ms(10_000), "ten gets", callers.join_all()).await;

    assert_eq!(tokens, vec!["token-1"; 10]);
    assert_eq!(
        cache.fetches(),
        1,
        "the others waited for the first refresh"
    );
    watch.assert_elapsed(FETCH_TIME, "every caller waited for the one fetch");
}

#[tokio::test(start_paused = true)]
async fn an_expired_or_invalidated_token_is_fetched_again() {
    let cache = TokenCache::default();
    assert_eq!(cache.get().await, "token-1");
    sleep(TOKEN_TTL / 2).await;
    assert_eq!(cache.get().await, "token-1", "still fresh");
    sleep(TOKEN_TTL).await;
    assert_eq!(cache.get().await, "token-2", "expired");
    cache.invalidate().await;
    assert_eq!(cache.get().await, "token-3", "invalidated");
}

#[tokio::test(start_paused = true)]
async fn the_actor_also_refreshes_once_for_everyone() {
    let actor = TokenHandle::spawn();
    let watch = Stopwatch::start();
    let mut callers = JoinSet::new();
    for _ in 0..10 {
        let actor = actor.clone();
        callers.spawn(async move { actor.get().await });
    }
    let tokens = within(ms(10_000), "ten gets", callers.join_all()).await;

    assert_eq!(tokens, vec!["token-1"; 10]);
    watch.assert_elapsed(FETCH_TIME, "one fetch, then nine answers from the cache");
    actor.invalidate().await;
    assert_eq!(actor.get().await, "token-2");
}

#[tokio::test(start_paused = true)]
async fn the_actor_stops_when_its_last_handle_is_dropped() {
    let before = tasks_alive();
    let actor = TokenHandle::spawn();
    let other = actor.clone();
    assert_eq!(tasks_alive(), before + 1, "the actor is one task");

    drop(actor);
    sleep(ms(1)).await;
    assert_eq!(
        tasks_alive(),
        before + 1,
        "one handle left: the actor keeps running"
    );

    drop(other);
    sleep(ms(1)).await;
    assert_eq!(tasks_alive(), before, "no handle left: the actor has ended");
}
