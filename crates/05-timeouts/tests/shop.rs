//! The worked example's own tests, on the paused clock.

use std::future::Future;
use std::time::Duration;

use testkit::{Stopwatch, Trace, ms};
use timeouts_example::{checkout, or_after, price_or_cached, with_progress};

/// A call that takes `delay` and records its start, its end, or its cancellation.
fn traced_call(trace: &Trace, delay: Duration) -> impl Future<Output = &'static str> + use<> {
    let trace = trace.clone();
    async move {
        trace.record("call: start");
        let cancelled = IfDropped(Some(trace.clone()));
        tokio::time::sleep(delay).await;
        cancelled.disarm();
        trace.record("call: done");
        "answer"
    }
}

/// Records the cancellation unless disarmed: a future dropped mid-`.await` runs the
/// destructors of everything it holds, this guard included.
struct IfDropped(Option<Trace>);

impl IfDropped {
    fn disarm(mut self) {
        self.0 = None;
    }
}

impl Drop for IfDropped {
    fn drop(&mut self) {
        if let Some(trace) = self.0.take() {
            trace.record("call: dropped (cancelled)");
        }
    }
}

#[tokio::test(start_paused = true)]
async fn a_fast_price_is_live() {
    let watch = Stopwatch::start();
    assert_eq!(price_or_cached("tea", 400).await, 350);
    watch.assert_elapsed(ms(100), "the tea price answers in 100ms, inside the limit");
}

#[tokio::test(start_paused = true)]
async fn a_slow_price_falls_back_at_the_limit() {
    let watch = Stopwatch::start();
    assert_eq!(price_or_cached("coffee", 400).await, 400);
    watch.assert_elapsed(
        ms(200),
        "timeout gives up at 200ms, not at the 400ms answer",
    );
}

#[tokio::test(start_paused = true)]
async fn checkout_fits_its_budget() {
    let watch = Stopwatch::start();
    let payment = checkout("tea", 350, ms(600)).await;
    assert_eq!(payment.as_deref(), Ok("payment of 350 cents"));
    watch.assert_elapsed(ms(500), "150 + 250 + 100ms, one step after another");
}

#[tokio::test(start_paused = true)]
async fn checkout_stops_at_the_shared_deadline() {
    let watch = Stopwatch::start();
    let error = checkout("tea", 350, ms(450)).await.unwrap_err();
    assert_eq!(
        error,
        "out of time while sending the receipt (450ms budget)"
    );
    watch.assert_elapsed(ms(450), "the receipt step got only the 50ms left over");
}

// ANCHOR: dropped
#[tokio::test(start_paused = true)]
async fn select_drops_the_losing_call() {
    let trace = Trace::new();
    let output = or_after(ms(200), traced_call(&trace, ms(500))).await;
    assert_eq!(output, None);
    insta::assert_snapshot!(trace, @r"
         0ms  call: start
       200ms  call: dropped (cancelled)
    ");
}
// ANCHOR_END: dropped

#[tokio::test(start_paused = true)]
async fn select_returns_a_call_that_wins() {
    let trace = Trace::new();
    let output = or_after(ms(200), traced_call(&trace, ms(50))).await;
    assert_eq!(output, Some("answer"));
    insta::assert_snapshot!(trace, @r"
         0ms  call: start
        50ms  call: done
    ");
}

#[tokio::test(start_paused = true)]
async fn progress_reports_without_cancelling_the_call() {
    let trace = Trace::new();
    let reports = trace.clone();
    let output = with_progress(ms(100), traced_call(&trace, ms(350)), |waited| {
        reports.record(format!("still waiting after {}ms", waited.as_millis()));
    })
    .await;
    assert_eq!(output, "answer");
    insta::assert_snapshot!(trace, @r"
         0ms  call: start
       100ms  still waiting after 100ms
       200ms  still waiting after 200ms
       300ms  still waiting after 300ms
       350ms  call: done
    ");
}

#[tokio::test(start_paused = true)]
async fn checkout_with_no_budget_fails_at_once() {
    let watch = Stopwatch::start();
    let error = checkout("tea", 350, Duration::ZERO).await.unwrap_err();
    assert_eq!(error, "out of time while reserving stock (0ns budget)");
    watch.assert_elapsed(ms(0), "a budget of 0 leaves the first step no time");
}

#[tokio::test(start_paused = true)]
async fn checkout_with_an_unbounded_budget_runs_to_the_end() {
    let watch = Stopwatch::start();
    let payment = checkout("tea", 350, Duration::MAX).await;
    assert_eq!(payment.as_deref(), Ok("payment of 350 cents"));
    watch.assert_elapsed(ms(500), "Duration::MAX is no deadline: 150 + 250 + 100ms");
}

#[tokio::test(start_paused = true)]
async fn or_after_zero_gives_the_call_one_poll() {
    // `biased;` makes this certain; an unbiased `select!` would lose about half of
    // these rounds to the timer, which is ready at once too.
    for _ in 0..24 {
        assert_eq!(
            or_after(Duration::ZERO, async { "answer" }).await,
            Some("answer")
        );
    }
    let trace = Trace::new();
    let watch = Stopwatch::start();
    assert_eq!(
        or_after(Duration::ZERO, traced_call(&trace, ms(50))).await,
        None
    );
    watch.assert_elapsed(ms(0), "a limit of 0 passes at once");
    // Both at 0ms: compare the order they were recorded in.
    assert_eq!(trace.texts(), ["call: start", "call: dropped (cancelled)"]);
}

#[tokio::test(start_paused = true)]
async fn or_after_an_unbounded_limit_waits_for_the_call() {
    let trace = Trace::new();
    let output = or_after(Duration::MAX, traced_call(&trace, ms(500))).await;
    assert_eq!(output, Some("answer"));
    insta::assert_snapshot!(trace, @r"
         0ms  call: start
       500ms  call: done
    ");
}

#[tokio::test(start_paused = true)]
#[should_panic(expected = "with_progress: `every` is 0, so the reports would never stop")]
async fn with_progress_refuses_a_zero_period() {
    with_progress(Duration::ZERO, async {}, |_| {}).await;
}

#[tokio::test(start_paused = true)]
async fn with_progress_with_an_unbounded_period_never_reports() {
    let trace = Trace::new();
    let reports = trace.clone();
    let output = with_progress(Duration::MAX, traced_call(&trace, ms(350)), |waited| {
        reports.record(format!("still waiting after {}ms", waited.as_millis()));
    })
    .await;
    assert_eq!(output, "answer");
    insta::assert_snapshot!(trace, @r"
         0ms  call: start
       350ms  call: done
    ");
}
