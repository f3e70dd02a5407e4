//! Worked example 05: a shop that never waits forever. `timeout` bounds one slow call,
//! `timeout_at` shares one deadline between several steps, and `select!` races a call
//! against a timer (or keeps it running while the timer reports progress).

use std::future::Future;
use std::pin::pin;
use std::time::Duration;

use tokio::time::{Instant, interval_at, sleep, timeout, timeout_at};

/// Shorthand for the millisecond durations below.
const fn ms(millis: u64) -> Duration {
    Duration::from_millis(millis)
}

// ANCHOR: services
/// Stand-ins for remote calls, each as slow as a network round trip would be.
pub async fn fetch_price(sku: &str) -> u32 {
    let (delay, cents) = match sku {
        "tea" => (100, 350),
        "coffee" => (400, 420), // the price service is slow for coffee today
        _ => (250, 999),
    };
    sleep(ms(delay)).await;
    cents
}

pub async fn reserve_stock(_sku: &str) {
    sleep(ms(150)).await;
}

pub async fn charge_card(cents: u32) -> String {
    sleep(ms(250)).await;
    format!("payment of {cents} cents")
}

pub async fn send_receipt(_payment: &str) {
    sleep(ms(100)).await;
}
// ANCHOR_END: services

// ANCHOR: timeout
/// How long the shop page waits for a live price before showing the cached one.
pub const PRICE_LIMIT: Duration = ms(200);

/// A live price if the service answers within [`PRICE_LIMIT`], else the cached one.
pub async fn price_or_cached(sku: &str, cached: u32) -> u32 {
    // `asyncio.wait_for(fetch_price(sku), 0.2)`. When the limit passes first, the
    // `Timeout` future drops `fetch_price`'s future: the request is cancelled.
    match timeout(PRICE_LIMIT, fetch_price(sku)).await {
        Ok(live) => live,
        Err(_elapsed) => cached,
    }
}
// ANCHOR_END: timeout

/// Where tokio's own `sleep` puts a deadline too far for the clock: thirty years ahead.
const FAR_FUTURE: Duration = Duration::from_secs(86_400 * 365 * 30);

// ANCHOR: deadline
/// Reserves, charges and sends a receipt, all within `budget` from now.
///
/// A `budget` of 0 fails at once, naming the first step. A budget too large for the
/// clock (`Duration::MAX`) is as good as none: thirty years, tokio's own "far future".
pub async fn checkout(sku: &str, cents: u32, budget: Duration) -> Result<String, String> {
    // One deadline for the whole flow: every step gets whatever the steps before it
    // left over. Three separate `timeout(budget / 3, ..)` would fail a fast-slow-fast
    // flow that fits the budget, and three `timeout(budget, ..)` could take 3 × budget.
    // (`checked_add`: `Instant + Duration::MAX` would panic.)
    let deadline = Instant::now()
        .checked_add(budget)
        .unwrap_or_else(|| Instant::now() + FAR_FUTURE);
    let out_of_time = |step: &str| format!("out of time while {step} ({budget:?} budget)");

    timeout_at(deadline, reserve_stock(sku))
        .await
        .map_err(|_| out_of_time("reserving stock"))?;
    let payment = timeout_at(deadline, charge_card(cents))
        .await
        .map_err(|_| out_of_time("charging the card"))?;
    timeout_at(deadline, send_receipt(&payment))
        .await
        .map_err(|_| out_of_time("sending the receipt"))?;
    Ok(payment)
}
// ANCHOR_END: deadline

// ANCHOR: select
/// `call`'s output, or `None` if `limit` passes first: `timeout`, written out.
///
/// A `limit` of 0 gives the call one poll: its output if it is ready at once. A limit
/// too large for the clock (`Duration::MAX`) is thirty years away, tokio's "far
/// future": no limit, in practice.
pub async fn or_after<F: Future>(limit: Duration, call: F) -> Option<F::Output> {
    // `select!` polls both branches; the first to finish wins and the other is
    // dropped on the spot. Dropping `call` is what cancels it: it stops at the
    // `.await` it was suspended at, and its destructors run. `biased;` polls them in
    // the order written, as `timeout` does: a call that is ready at the very moment the
    // limit runs out still wins. (Without it, `select!` starts at a random branch.)
    tokio::select! {
        biased;
        output = call => Some(output),
        () = sleep(limit) => None,
    }
}
// ANCHOR_END: select

// ANCHOR: progress
/// Waits for `call` however long it takes, calling `report` every `every` meanwhile.
///
/// # Panics
///
/// At once if `every` is 0: reports without end would never let the call finish. A
/// period too large for the clock (`Duration::MAX`) means no report at all.
pub async fn with_progress<F: Future>(
    every: Duration,
    call: F,
    mut report: impl FnMut(Duration),
) -> F::Output {
    assert!(
        !every.is_zero(),
        "with_progress: `every` is 0, so the reports would never stop; give a period \
         above zero"
    );
    let started = Instant::now();
    let Some(first) = started.checked_add(every) else {
        return call.await; // the first report would come after the end of the clock
    };
    let mut ticks = interval_at(first, every);
    // Pinned once, outside the loop, and raced by `&mut`: when a tick wins, only the
    // borrow is dropped and `call` carries on where it was. Passing `call` by value
    // would drop (cancel) it the first time the timer won.
    let mut call = pin!(call);
    loop {
        tokio::select! {
            output = &mut call => return output,
            _ = ticks.tick() => report(started.elapsed()),
        }
    }
}
// ANCHOR_END: progress
