//! The worked example's own tests, on the paused clock: every path closes the session.

use std::time::Duration;

use async_resources_example::{Server, Session, run_query};
use testkit::{Trace, ms, within};

/// A server whose reports go to a trace stamped with virtual time.
fn traced_server() -> (Server, Trace) {
    let trace = Trace::new();
    let reports = trace.clone();
    (Server::new(move |event| reports.record(event)), trace)
}

/// Long enough for a goodbye spawned by `Drop` to finish. (Not exactly `GOODBYE`: two
/// timers due at the same instant may fire in either order.)
const LATER: Duration = ms(1000);

#[tokio::test(start_paused = true)]
async fn the_happy_path_closes_gracefully() {
    let (server, trace) = traced_server();
    let rows = within(ms(1000), "run_query", run_query(&server, 1, "SELECT 1")).await;

    assert_eq!(rows.as_deref(), Ok("3 rows for \"SELECT 1\""));
    assert_eq!(
        server.open_sessions(),
        0,
        "closed before run_query returned"
    );
    insta::assert_snapshot!(trace, @r#"
        50ms  session 1: open
        50ms  session 1: query "SELECT 1"
       150ms  session 1: goodbye sent
       180ms  session 1: closed
    "#);
}

#[tokio::test(start_paused = true)]
async fn an_early_error_leaves_the_goodbye_to_drop() {
    let (server, trace) = traced_server();
    let refused = within(ms(1000), "run_query", run_query(&server, 2, "DROP TABLE t")).await;

    assert!(refused.is_err());
    assert_eq!(
        server.open_sessions(),
        1,
        "the spawned goodbye has not run yet"
    );
    tokio::time::sleep(LATER).await;
    assert_eq!(
        server.open_sessions(),
        0,
        "the background goodbye closed it"
    );
    insta::assert_snapshot!(trace, @r#"
        50ms  session 2: open
        50ms  session 2: query "DROP TABLE t"
       150ms  session 2: dropped without close
       150ms  session 2: goodbye sent
       180ms  session 2: closed
    "#);
}

// ANCHOR: cancelled
#[tokio::test(start_paused = true)]
async fn a_cancelled_caller_drops_the_session_mid_query() {
    let (server, trace) = traced_server();
    let gave_up = tokio::time::timeout(ms(100), run_query(&server, 3, "SELECT 2")).await;

    assert!(gave_up.is_err(), "the query takes until 150ms");
    assert_eq!(
        server.open_sessions(),
        1,
        "Drop spawned the goodbye; it has not run yet"
    );
    tokio::time::sleep(LATER).await;
    assert_eq!(server.open_sessions(), 0);
    insta::assert_snapshot!(trace, @r#"
        50ms  session 3: open
        50ms  session 3: query "SELECT 2"
       100ms  session 3: dropped without close
       100ms  session 3: goodbye sent
       130ms  session 3: closed
    "#);
}
// ANCHOR_END: cancelled

#[tokio::test(start_paused = true)]
async fn cancelled_during_close_still_closes() {
    let (server, trace) = traced_server();
    let mut session = Session::open(&server, 4).await;
    session.query("SELECT 3").await.unwrap();
    // The goodbye takes 30ms; give up after 10. `closed` was never set, so Drop runs.
    let gave_up = tokio::time::timeout(ms(10), session.close()).await;

    assert!(gave_up.is_err());
    tokio::time::sleep(LATER).await;
    assert_eq!(server.open_sessions(), 0);
    insta::assert_snapshot!(trace, @r#"
        50ms  session 4: open
        50ms  session 4: query "SELECT 3"
       150ms  session 4: goodbye sent
       160ms  session 4: dropped without close
       160ms  session 4: goodbye sent
       190ms  session 4: closed
    "#);
}

/// With no runtime left to spawn on, `Drop` falls back to the release that needs no
/// `.await`.
#[test]
fn without_a_runtime_drop_resets_at_once() {
    let (server, trace) = traced_server();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .start_paused(true)
        .build()
        .unwrap();
    let session = runtime.block_on(Session::open(&server, 5));
    drop(runtime);

    drop(session);
    assert_eq!(server.open_sessions(), 0);
    assert_eq!(
        trace.texts(),
        [
            "session 5: open",
            "session 5: dropped without close",
            "session 5: reset, no goodbye was sent",
        ]
    );
}
