//! What chapter 05 says about when deadlines are fixed and who wins a tie, checked.

use std::time::Duration;

use timeouts_example::or_after;
use tokio::time::{Instant, sleep, timeout};

const MS: Duration = Duration::from_millis(1);

// ANCHOR: deadline_at_call
#[tokio::test(start_paused = true)]
async fn a_timeout_counts_from_when_it_is_built_not_from_its_first_poll() {
    let start = Instant::now();
    let limited = timeout(100 * MS, std::future::pending::<()>());
    sleep(60 * MS).await; // built, not yet awaited
    assert!(limited.await.is_err());
    assert_eq!(
        start.elapsed(),
        100 * MS,
        "only 40 ms were left when it was awaited"
    );

    let start = Instant::now();
    let nap = sleep(100 * MS);
    sleep(60 * MS).await;
    nap.await;
    assert_eq!(
        start.elapsed(),
        100 * MS,
        "a `sleep` too counts from its creation"
    );
}
// ANCHOR_END: deadline_at_call

// ANCHOR: tie
#[tokio::test(start_paused = true)]
async fn a_call_ready_when_the_time_runs_out_still_wins() {
    // `Timeout` polls the call before its timer, like a `biased` `select!`.
    assert_eq!(timeout(100 * MS, sleep(100 * MS)).await, Ok(()));
    assert_eq!(timeout(Duration::ZERO, async { 5 }).await, Ok(5));
    assert_eq!(or_after(100 * MS, sleep(100 * MS)).await, Some(()));
}
// ANCHOR_END: tie

// ANCHOR: cancel_safety
#[tokio::test(start_paused = true)]
async fn read_exact_under_select_loses_what_it_had_read() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let (mut writer, mut reader) = tokio::io::duplex(64);
    writer.write_all(b"he").await.unwrap();
    let mut word = [0u8; 5];
    tokio::select! {
        _ = reader.read_exact(&mut word) => unreachable!("only 2 of 5 bytes have come"),
        () = sleep(10 * MS) => {} // the timer wins; read_exact, holding "he", is dropped
    }
    writer.write_all(b"llo world").await.unwrap();
    reader.read_exact(&mut word).await.unwrap();
    assert_eq!(
        &word, b"llo w",
        "the two bytes read before the timer won are gone"
    );
}

#[tokio::test(start_paused = true)]
async fn recv_under_select_loses_nothing() {
    let (tx, mut rx) = tokio::sync::mpsc::channel(4);
    tokio::select! {
        _ = rx.recv() => unreachable!("nothing was sent yet"),
        () = sleep(10 * MS) => {} // dropping `recv` takes nothing off the queue
    }
    tx.send("hello").await.unwrap();
    assert_eq!(rx.recv().await, Some("hello"));
}
// ANCHOR_END: cancel_safety
