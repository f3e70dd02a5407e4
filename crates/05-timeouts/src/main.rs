//! `cargo run -p timeouts-example`: a shop that gives up on time, for real.

use std::time::{Duration, Instant};

use timeouts_example::{
    PRICE_LIMIT, checkout, fetch_price, or_after, price_or_cached, with_progress,
};

#[tokio::main(flavor = "current_thread")]
async fn main() {
    println!("-- timeout: wait at most {PRICE_LIMIT:?} for a live price");
    for sku in ["tea", "coffee"] {
        let started = Instant::now();
        let price = price_or_cached(sku, 400).await;
        println!("{sku:<7} {price} cents after {}", millis(started));
    }

    println!("\n-- timeout_at: one deadline for three steps (150 + 250 + 100 ms)");
    for budget in [Duration::from_millis(600), Duration::from_millis(450)] {
        let started = Instant::now();
        let outcome = checkout("tea", 350, budget).await;
        println!("{budget:?} budget: {outcome:?} after {}", millis(started));
    }

    println!("\n-- select!: the losing branch is dropped, which cancels it");
    let call = async {
        let _noisy = Noisy("the coffee price request");
        fetch_price("coffee").await
    };
    let price = or_after(Duration::from_millis(200), call).await;
    println!("or_after(200ms, coffee price) = {price:?}");

    println!("\n-- select! by &mut: the timer reports, the call carries on");
    let price = with_progress(
        Duration::from_millis(150),
        fetch_price("coffee"),
        |waited| {
            println!(
                "  still waiting for the coffee price after {}ms",
                waited.as_millis()
            )
        },
    )
    .await;
    println!("coffee: {price} cents");
}

/// Wall time since `started`, to the millisecond (real sleeps overshoot a little).
fn millis(started: Instant) -> String {
    format!("{}ms", started.elapsed().as_millis())
}

/// Says when it is dropped, to show the moment a future is cancelled.
struct Noisy(&'static str);

impl Drop for Noisy {
    fn drop(&mut self) {
        println!("  dropped: {} (cancelled mid-flight)", self.0);
    }
}
