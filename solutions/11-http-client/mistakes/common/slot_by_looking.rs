//! For the mistakes that wait for a free slot by looking at a count again and again.

use std::cell::Cell;
use std::future::Future;

use crate::Fetched;

/// Runs `fetch` on every URL, at most `limit` at once: each awaits `pause()` and looks
/// again while all the slots are taken. Nothing wakes it when a slot is freed.
pub async fn at_most<'a, F, Fut, P, W>(
    limit: usize,
    urls: &'a [String],
    fetch: F,
    pause: P,
) -> Vec<Fetched>
where
    F: Fn(&'a str) -> Fut,
    Fut: Future<Output = Fetched>,
    P: Fn() -> W,
    W: Future<Output = ()>,
{
    let in_flight = Cell::new(0);
    let (in_flight, fetch, pause) = (&in_flight, &fetch, &pause);
    let fetches = urls.iter().map(|url| async move {
        while in_flight.get() >= limit {
            pause().await;
        }
        in_flight.set(in_flight.get() + 1);
        let fetched = fetch(url).await;
        in_flight.set(in_flight.get() - 1);
        fetched
    });
    futures::future::join_all(fetches).await
}
