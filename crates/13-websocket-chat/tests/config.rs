//! The worked example's limits: each one refused at once when it cannot work, and the
//! widest ones working.

mod support;

use std::sync::Arc;
use std::time::Duration;

use support::{Server, next_text, say};
use tokio::sync::Semaphore;
use tokio_util::sync::CancellationToken;
use websocket_chat_example::{Config, MAX_CAPACITY, serve};

/// Starts `serve` with `config` on a free loopback port (it panics first if it must).
async fn serve_with(config: Config) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let shutdown = CancellationToken::new();
    shutdown.cancel(); // a server that did start stops at once
    serve(listener, config, shutdown, Arc::new(|_| {})).await;
}

#[tokio::test]
#[should_panic(expected = "Config::capacity is 0, but must be 1 to 65536")]
async fn a_room_that_keeps_no_line_is_refused() {
    serve_with(Config {
        capacity: 0,
        ..Config::default()
    })
    .await;
}

#[tokio::test]
#[should_panic(expected = "Config::capacity is 65537, but must be 1 to 65536")]
async fn a_room_larger_than_the_limit_is_refused() {
    serve_with(Config {
        capacity: MAX_CAPACITY + 1,
        ..Config::default()
    })
    .await;
}

#[tokio::test]
#[should_panic(expected = "Config::max_clients is 0, but must be 1 to")]
async fn a_room_for_nobody_is_refused() {
    serve_with(Config {
        max_clients: 0,
        ..Config::default()
    })
    .await;
}

#[tokio::test]
#[should_panic(expected = "Config::max_clients is 18446744073709551615, but must be 1 to")]
async fn more_clients_than_tokio_can_count_is_refused() {
    serve_with(Config {
        max_clients: usize::MAX,
        ..Config::default()
    })
    .await;
}

#[tokio::test]
#[should_panic(expected = "Config::max_message_size is 0, but must be at least 1")]
async fn a_message_size_of_zero_is_refused() {
    serve_with(Config {
        max_message_size: 0,
        ..Config::default()
    })
    .await;
}

#[tokio::test]
#[should_panic(expected = "Config::write_timeout is 0, but must be more")]
async fn a_write_timeout_of_zero_is_refused() {
    serve_with(Config {
        write_timeout: Duration::ZERO,
        ..Config::default()
    })
    .await;
}

#[tokio::test]
async fn the_widest_limits_work() {
    let server = Server::start(Config {
        capacity: MAX_CAPACITY,
        max_clients: Semaphore::MAX_PERMITS,
        max_message_size: usize::MAX,
        write_timeout: Duration::MAX,
    })
    .await;
    let mut alice = server.join("alice").await;
    let mut bob = server.join("bob").await;
    assert_eq!(next_text(&mut alice).await, "* bob joined");
    say(&mut alice, "hi bob").await;
    assert_eq!(next_text(&mut bob).await, "alice: hi bob");
    server.stop([alice, bob]).await;
}
