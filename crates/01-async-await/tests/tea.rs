//! The worked example's own tests, on the paused clock: every duration is virtual and
//! exact, and the trace shows what happened when.

use async_await_example::{Cup, Kitchen, TeaError, make_tea};
use testkit::{Stopwatch, Trace, ms};
use tokio::time::{sleep, timeout};

/// A kitchen with sencha and assam, whose log goes to `trace`.
fn kitchen(trace: &Trace) -> Kitchen {
    let trace = trace.clone();
    Kitchen::new(&["sencha", "assam"], move |event| trace.record(event))
}

#[tokio::test(start_paused = true)]
async fn each_step_waits_for_the_one_before() {
    let trace = Trace::new();
    let watch = Stopwatch::start();
    let cup = make_tea(&kitchen(&trace), "sencha").await;
    assert_eq!(cup, Ok(Cup("sencha".into())));
    watch.assert_elapsed(ms(50 + 300 + 200 + 50), "the four steps, one after another");
    insta::assert_snapshot!(trace, @r"
        50ms  found sencha leaves
       350ms  water boiled
       550ms  sencha steeped
       600ms  poured a cup of sencha
    ");
}

#[tokio::test(start_paused = true)]
async fn question_mark_stops_at_the_first_error() {
    let trace = Trace::new();
    let watch = Stopwatch::start();
    let cup = make_tea(&kitchen(&trace), "earl grey").await;
    assert_eq!(cup, Err(TeaError::OutOfTea("earl grey".into())));
    watch.assert_elapsed(ms(50), "`?` returned before the kettle went on");
    insta::assert_snapshot!(trace, @"    50ms  no earl grey in the tin");
}

// ANCHOR: lazy
#[tokio::test(start_paused = true)]
async fn an_async_fn_does_nothing_until_awaited() {
    let trace = Trace::new();
    let kitchen = kitchen(&trace);

    let kettle = kitchen.boil_water(); // a future: no code of boil_water has run
    sleep(ms(1000)).await;
    assert!(
        trace.events().is_empty(),
        "nothing happens before the .await"
    );

    kettle.await; // first poll: the kettle goes on now
    insta::assert_snapshot!(trace, @"  1300ms  water boiled");
}
// ANCHOR_END: lazy

// ANCHOR: cancel
#[tokio::test(start_paused = true)]
async fn dropping_the_future_cancels_it_at_an_await() {
    let trace = Trace::new();
    let kitchen = kitchen(&trace);

    // `timeout` drops make_tea's future at 400 ms, while it is suspended in `steep`.
    let cup = timeout(ms(400), make_tea(&kitchen, "assam")).await;
    assert!(cup.is_err(), "the timeout fired first");

    // Nothing resumes it: a dropped future is gone, with the rest of its steps.
    sleep(ms(1000)).await;
    insta::assert_snapshot!(trace, @r"
        50ms  found assam leaves
       350ms  water boiled
    ");
}
// ANCHOR_END: cancel
