//! `cargo run -p async-resources-example`: one session closed each way, timed for real.

use std::time::{Duration, Instant};

use async_resources_example::{GOODBYE, Server, run_query};

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let started = Instant::now();
    let server = Server::new(move |event| {
        println!("{:>5}ms  {event}", started.elapsed().as_millis());
    });

    println!("-- the happy path: close() is awaited");
    let rows = run_query(&server, 1, "SELECT name FROM users").await;
    println!(
        "         returned {rows:?}; open sessions: {}",
        server.open_sessions()
    );

    println!("\n-- an error returned early with `?`: Drop takes over");
    let refused = run_query(&server, 2, "DROP TABLE users").await;
    println!(
        "         returned {refused:?}; open sessions: {}",
        server.open_sessions()
    );
    wait_for_background_goodbye(&server).await;

    println!("\n-- the caller gives up after 100ms, mid-query: the future is dropped");
    let cancelled = tokio::time::timeout(
        Duration::from_millis(100),
        run_query(&server, 3, "SELECT * FROM orders"),
    )
    .await;
    println!(
        "         timed out: {}; open sessions: {}",
        cancelled.is_err(),
        server.open_sessions()
    );
    wait_for_background_goodbye(&server).await;
}

/// The goodbye that `Drop` spawned runs after the caller has moved on.
async fn wait_for_background_goodbye(server: &Server) {
    tokio::time::sleep(GOODBYE + Duration::from_millis(10)).await;
    println!(
        "         a moment later, open sessions: {}",
        server.open_sessions()
    );
}
